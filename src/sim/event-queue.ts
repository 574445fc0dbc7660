/**
 * Binary min-heap of timed events with deterministic tie-breaking, laid out
 * in typed arrays: each waiting event occupies a slot whose time, priority
 * and sequence number live in `Float64Array`s and whose payload sits in a
 * plain array at the same index; the heap itself is an `Int32Array` of slot
 * indices. Pushing and popping allocate nothing per event (capacity doubles
 * when full; freed slots are reused).
 *
 * Order: by `time` (seconds, ascending), then `priority` (ascending; lower runs
 * first at the same instant), then insertion sequence (FIFO). Two runs that
 * push the same events in the same order pop them in the same order.
 * push/pop are O(log n); peek is O(1).
 */

/** An event in the queue: its time (s), priority, insertion sequence number and payload. */
export interface QueuedEvent<E> {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly event: E;
}

const INITIAL_CAPACITY = 64;

/**
 * A binary min-heap of events of type `E`, popped in (time, priority, seq)
 * order — ties at the same time and priority in insertion order (see the
 * module header). `Simulator` runs on one through the allocation-free
 * `peekTime()` / `popEvent()`; `peek()` / `pop()` return the event with its
 * keys as an object.
 */
export class EventQueue<E> {
  private times = new Float64Array(INITIAL_CAPACITY);
  private priorities = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private events: (E | undefined)[] = new Array<E | undefined>(INITIAL_CAPACITY);
  /** heap[k] = slot index of the k-th heap node. */
  private heap = new Int32Array(INITIAL_CAPACITY);
  /** Free slot indices (a stack); slots ≥ `used` have never been handed out. */
  private free = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  private used = 0;
  private count = 0;
  private seq = 0;
  private lastTime = NaN;
  private lastPriority = NaN;
  private lastSeq = NaN;

  /** Number of events waiting. */
  get size(): number {
    return this.count;
  }

  /** Adds an event at `time` (finite, seconds). Throws RangeError for NaN/∞. */
  push(time: number, event: E, priority = 0): void {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, got ${time}`);
    if (this.count === this.heap.length) this.grow();
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.used++;
    const seq = this.seq++;
    this.times[slot] = time;
    this.priorities[slot] = priority;
    this.seqs[slot] = seq;
    this.events[slot] = event;
    const h = this.heap;
    const times = this.times;
    const prios = this.priorities;
    const seqs = this.seqs;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = h[p];
      const pt = times[ps];
      if (pt < time || (pt === time && (prios[ps] < priority || (prios[ps] === priority && seqs[ps] < seq)))) break;
      h[i] = ps;
      i = p;
    }
    h[i] = slot;
  }

  /** Time (s) of the next event, or Infinity when the queue is empty (O(1), no allocation). */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.times[this.heap[0]];
  }

  /**
   * Removes the next event and returns its payload (O(log n), no allocation),
   * or undefined when empty; its keys are then `poppedTime`, `poppedPriority`
   * and `poppedSeq`.
   */
  popEvent(): E | undefined {
    if (this.count === 0) return undefined;
    const h = this.heap;
    const top = h[0];
    const event = this.events[top] as E;
    this.lastTime = this.times[top];
    this.lastPriority = this.priorities[top];
    this.lastSeq = this.seqs[top];
    this.events[top] = undefined;
    this.free[this.freeCount++] = top;
    const n = --this.count;
    if (n > 0) this.siftDown(h[n], n);
    return event;
  }

  /** Time (s) of the event last removed by `popEvent`/`pop` (NaN before any). */
  get poppedTime(): number {
    return this.lastTime;
  }

  /** Priority of the event last removed (NaN before any). */
  get poppedPriority(): number {
    return this.lastPriority;
  }

  /** Insertion sequence number of the event last removed (NaN before any). */
  get poppedSeq(): number {
    return this.lastSeq;
  }

  /** The next event without removing it (O(1)), or undefined when empty. */
  peek(): QueuedEvent<E> | undefined {
    if (this.count === 0) return undefined;
    const s = this.heap[0];
    return { time: this.times[s], priority: this.priorities[s], seq: this.seqs[s], event: this.events[s] as E };
  }

  /** Removes and returns the next event (O(log n)), or undefined when empty. */
  pop(): QueuedEvent<E> | undefined {
    if (this.count === 0) return undefined;
    const event = this.popEvent() as E;
    return { time: this.lastTime, priority: this.lastPriority, seq: this.lastSeq, event };
  }

  /** Removes every event; the sequence counter keeps counting. */
  clear(): void {
    this.events.fill(undefined);
    this.count = 0;
    this.used = 0;
    this.freeCount = 0;
  }

  /** Places slot `s` starting from the root of a heap of `n` nodes. */
  private siftDown(s: number, n: number): void {
    const h = this.heap;
    const times = this.times;
    const prios = this.priorities;
    const seqs = this.seqs;
    const t = times[s];
    const p = prios[s];
    const q = seqs[s];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let cs = h[l];
      const r = l + 1;
      if (r < n) {
        const rs = h[r];
        const rt = times[rs];
        const lt = times[cs];
        if (rt < lt || (rt === lt && (prios[rs] < prios[cs] || (prios[rs] === prios[cs] && seqs[rs] < seqs[cs])))) {
          c = r;
          cs = rs;
        }
      }
      const ct = times[cs];
      if (t < ct || (t === ct && (p < prios[cs] || (p === prios[cs] && q < seqs[cs])))) break;
      h[i] = cs;
      i = c;
    }
    h[i] = s;
  }

  private grow(): void {
    const cap = this.heap.length * 2;
    const widen = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.times = widen(this.times);
    this.priorities = widen(this.priorities);
    this.seqs = widen(this.seqs);
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.heap = heap;
    const free = new Int32Array(cap);
    free.set(this.free);
    this.free = free;
    this.events.length = cap;
  }
}
