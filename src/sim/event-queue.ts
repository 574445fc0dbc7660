/**
 * Binary min-heap of timed events with deterministic tie-breaking.
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

/**
 * A binary min-heap of events of type `E`, popped in (time, priority, seq)
 * order — ties at the same time and priority in insertion order (see the
 * module header). `Simulator` runs on one.
 */
export class EventQueue<E> {
  private heap: QueuedEvent<E>[] = [];
  private seq = 0;

  /** Number of events waiting. */
  get size(): number {
    return this.heap.length;
  }

  /** Adds an event at `time` (finite, seconds). Throws RangeError for NaN/∞. */
  push(time: number, event: E, priority = 0): void {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, got ${time}`);
    const item: QueuedEvent<E> = { time, priority, seq: this.seq++, event };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(item, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = item;
  }

  /** The next event without removing it (O(1)), or undefined when empty. */
  peek(): QueuedEvent<E> | undefined {
    return this.heap[0];
  }

  /** Removes and returns the next event (O(log n)), or undefined when empty. */
  pop(): QueuedEvent<E> | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && less(h[r], h[l]) ? r : l;
        if (!less(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    return top;
  }

  /** Removes every event; the sequence counter keeps counting. */
  clear(): void {
    this.heap = [];
  }
}

function less<E>(a: QueuedEvent<E>, b: QueuedEvent<E>): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}
