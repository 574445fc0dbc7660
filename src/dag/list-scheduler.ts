/**
 * The mechanics shared by the list schedulers (HEFT, CPOP, PEFT; mdnn.md §9):
 * a ready list ordered by a priority, per-processor timelines with
 * insertion-based (earliest idle gap) or append-only placement, memory
 * accounting, and ready times with the real link model. Each algorithm
 * supplies only its priority and its processor-selection rule.
 *
 * ready(t, k) = max( max_{q ∈ pred(t)} AFT(q) + transfer(data_qt, proc(q) → k),
 *                    transfer(input_t, inputProc(t) → k) ).
 */
import type { DagProblem } from './problem.js';
import { transferTime } from './problem.js';
import { TaskHeap } from './heap.js';
import { makespanOf, type DagSchedule } from './schedule.js';

/** Per-processor busy intervals, sorted by start (non-overlapping). */
export class Timelines {
  private readonly starts: number[][];
  private readonly finishes: number[][];

  constructor(p: number) {
    this.starts = Array.from({ length: p }, () => []);
    this.finishes = Array.from({ length: p }, () => []);
  }

  /** Finish of the last interval on k (0 if idle so far). */
  lastFinish(k: number): number {
    const f = this.finishes[k];
    return f.length === 0 ? 0 : f[f.length - 1];
  }

  /**
   * Earliest start ≥ ready of a `dur`-long interval on k: with insertion, the
   * first idle gap that fits (Topcuoglu 2002 §4.1); without, after the last
   * interval.
   */
  earliestStart(k: number, ready: number, dur: number, insertion: boolean): number {
    const st = this.starts[k];
    const fi = this.finishes[k];
    const m = fi.length;
    if (m === 0) return ready;
    const last = fi[m - 1];
    if (!insertion || ready >= last) return ready > last ? ready : last;
    // First interval that finishes after `ready` (finishes are sorted).
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fi[mid] <= ready) lo = mid + 1;
      else hi = mid;
    }
    let t = ready;
    for (let j = lo; j < m; j++) {
      if (t + dur <= st[j]) return t;
      if (fi[j] > t) t = fi[j];
    }
    return t;
  }

  /** Records [start, finish) on k, keeping intervals sorted by (start, finish) so finishes stay sorted too (zero-length intervals included). */
  insert(k: number, start: number, finish: number): void {
    const st = this.starts[k];
    const fi = this.finishes[k];
    const m = st.length;
    if (m === 0 || st[m - 1] < start || (st[m - 1] === start && fi[m - 1] <= finish)) {
      st.push(start);
      fi.push(finish);
      return;
    }
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (st[mid] < start || (st[mid] === start && fi[mid] <= finish)) lo = mid + 1;
      else hi = mid;
    }
    st.splice(lo, 0, start);
    fi.splice(lo, 0, finish);
  }
}

/** State of a list schedule under construction. */
export class ListState {
  readonly proc: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly memUsed: Float64Array;
  readonly timelines: Timelines;
  readonly order: number[] = [];
  private readonly readyScratch: Float64Array;

  constructor(
    readonly prob: DagProblem,
    readonly insertion: boolean,
  ) {
    this.proc = new Int32Array(prob.n).fill(-1);
    this.start = new Float64Array(prob.n);
    this.finish = new Float64Array(prob.n);
    this.memUsed = new Float64Array(prob.p);
    this.timelines = new Timelines(prob.p);
    this.readyScratch = new Float64Array(prob.p);
  }

  /** Data-ready time of t on k (all predecessors must be placed). */
  ready(t: number, k: number): number {
    const prob = this.prob;
    let r = 0;
    for (let e = prob.predOff[t]; e < prob.predOff[t + 1]; e++) {
      const q = prob.pred[e];
      const v = this.finish[q] + transferTime(prob, prob.predData[e], this.proc[q], k);
      if (v > r) r = v;
    }
    if (prob.inputProc && prob.inputProc[t] >= 0) {
      const v = transferTime(prob, prob.inputData![t], prob.inputProc[t], k);
      if (v > r) r = v;
    }
    return r;
  }

  /** True if t may run on k: a candidate, and memory fits (when modelled). */
  feasible(t: number, k: number): boolean {
    const prob = this.prob;
    if (prob.cost[t * prob.p + k] === Infinity) return false;
    if (prob.memory && prob.capacity) return this.memUsed[k] + prob.memory[t] <= prob.capacity[k];
    return true;
  }

  /** Earliest start of t on k (ready time, then the timeline rule). */
  est(t: number, k: number): number {
    return this.timelines.earliestStart(k, this.ready(t, k), this.prob.cost[t * this.prob.p + k], this.insertion);
  }

  /** Places t on k at `start`. */
  place(t: number, k: number, start: number): void {
    const dur = this.prob.cost[t * this.prob.p + k];
    this.proc[t] = k;
    this.start[t] = start;
    this.finish[t] = start + dur;
    if (this.prob.memory) this.memUsed[k] += this.prob.memory[t];
    this.timelines.insert(k, start, start + dur);
    this.order.push(t);
  }

  /**
   * Data-ready time of t on every processor at once, into a scratch row
   * (valid until the next call): the same values as `ready(t, k)` for each k,
   * but one pass per predecessor over a bandwidth row instead of one pass over
   * the predecessors per processor (HEFT on 10,000 tasks × 100 processors
   * spent most of its time in that inner loop; issue 15).
   */
  readyRow(t: number): Float64Array {
    const prob = this.prob;
    const p = prob.p;
    const r = this.readyScratch;
    r.fill(0);
    const bandwidth = prob.bandwidth;
    for (let e = prob.predOff[t]; e < prob.predOff[t + 1]; e++) {
      const q = prob.pred[e];
      const f = this.finish[q];
      const data = prob.predData[e];
      if (data === 0) {
        // transferTime is 0 on every link.
        for (let k = 0; k < p; k++) if (f > r[k]) r[k] = f;
        continue;
      }
      const row = this.proc[q] * p;
      for (let k = 0; k < p; k++) {
        const v = f + data / bandwidth[row + k];
        if (v > r[k]) r[k] = v;
      }
    }
    if (prob.inputProc && prob.inputProc[t] >= 0) {
      const data = prob.inputData![t];
      const row = prob.inputProc[t] * p;
      if (data !== 0) {
        for (let k = 0; k < p; k++) {
          const v = data / bandwidth[row + k];
          if (v > r[k]) r[k] = v;
        }
      }
    }
    return r;
  }

  /** The min-EFT feasible processor of t (ties: lower index), with its EST; throws if none is feasible. */
  minEft(t: number, bias?: (k: number) => number): { k: number; start: number } {
    const prob = this.prob;
    const p = prob.p;
    const ready = this.readyRow(t);
    const cost = prob.cost;
    const row = t * p;
    const memory = prob.memory && prob.capacity ? prob.memory[t] : undefined;
    let bestK = -1;
    let bestScore = Infinity;
    let bestStart = 0;
    for (let k = 0; k < p; k++) {
      // feasible(t, k), inlined
      const dur = cost[row + k];
      if (dur === Infinity) continue;
      if (memory !== undefined && !(this.memUsed[k] + memory <= prob.capacity![k])) continue;
      const b = bias ? bias(k) : 0;
      // EST ≥ the ready time and rounding is monotone, so a processor whose ready time already
      // gives no better score cannot win: skip its timeline scan (same choice, same ties).
      if (ready[k] + dur + b >= bestScore) continue;
      const s = this.timelines.earliestStart(k, ready[k], dur, this.insertion);
      const score = s + dur + b;
      if (score < bestScore) {
        bestScore = score;
        bestK = k;
        bestStart = s;
      }
    }
    if (bestK < 0) throw new NoFeasibleProcessorError(prob.taskIds[t]);
    return { k: bestK, start: bestStart };
  }

  schedule(): DagSchedule {
    return { proc: this.proc, start: this.start, finish: this.finish, order: Int32Array.from(this.order), makespan: makespanOf(this.finish) };
  }
}

/** No candidate processor has memory left for a task. */
export class NoFeasibleProcessorError extends Error {
  constructor(readonly task: string) {
    super(`no processor can take task ${task} (memory capacities exhausted on all its candidates)`);
    this.name = 'NoFeasibleProcessorError';
  }
}

/**
 * Runs a list schedule: the ready list pops the highest `priority` (ties:
 * lower task index); a task enters it once all its predecessors are placed;
 * `select` picks its processor and start. Priority ties go to the lower
 * index, the higher index, or (`'fifo'`) the task that became ready first.
 */
export function runListSchedule(
  prob: DagProblem,
  priority: Float64Array,
  insertion: boolean,
  select: (state: ListState, t: number) => { k: number; start: number },
  ties: 'lower' | 'higher' | 'fifo' = 'lower',
): ListState {
  const state = new ListState(prob, insertion);
  if (ties === 'fifo') {
    // A plain ready list: the first maximum in insertion order (np.argmax over a Python list).
    const ready: number[] = [];
    const waitingF = new Int32Array(prob.n);
    for (let t = 0; t < prob.n; t++) {
      waitingF[t] = prob.predOff[t + 1] - prob.predOff[t];
      if (waitingF[t] === 0) ready.push(t);
    }
    while (ready.length > 0) {
      let bi = 0;
      for (let i = 1; i < ready.length; i++) if (priority[ready[i]] > priority[ready[bi]]) bi = i;
      const t = ready.splice(bi, 1)[0];
      const { k, start } = select(state, t);
      state.place(t, k, start);
      for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
        const s = prob.succ[e];
        if (--waitingF[s] === 0) ready.push(s);
      }
    }
    return state;
  }
  const heap = new TaskHeap(prob.n, ties);
  const waiting = new Int32Array(prob.n);
  for (let t = 0; t < prob.n; t++) {
    waiting[t] = prob.predOff[t + 1] - prob.predOff[t];
    if (waiting[t] === 0) heap.push(t, -priority[t]);
  }
  while (heap.length > 0) {
    const t = heap.pop();
    const { k, start } = select(state, t);
    state.place(t, k, start);
    for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
      const s = prob.succ[e];
      if (--waiting[s] === 0) heap.push(s, -priority[s]);
    }
  }
  return state;
}
