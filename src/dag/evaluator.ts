/**
 * The completion-time evaluator every search shares (mdnn.md §8): given a
 * placement proc[t] and a priority π (smaller = earlier), simulate one
 * non-preemptive queue per processor without insertion:
 *   1. a task becomes ready once all its predecessors have finished (and its
 *      external input, if any, has arrived): ready = max_q finish(q) +
 *      transfer(data, proc(q) → proc(t));
 *   2. repeatedly take the ready, unfinished task with the smallest π
 *      (ties: lower index); start = max(ready, last finish on its processor);
 *      finish = start + run time.
 * The input of a source task comes from `prob.evaluatorInputProc` when set
 * (the original's int32 misread), else `prob.inputProc`.
 * O((n + e) log n) per call; buffers are reused across calls (one Evaluator
 * per thread of search). Placement on a non-candidate gives Infinity.
 */
import type { DagProblem } from './problem.js';
import { transferTime } from './problem.js';
import { TaskHeap } from './heap.js';
import { makespanOf, type DagSchedule } from './schedule.js';

export class Evaluator {
  private readonly heap: TaskHeap;
  private readonly waiting: Int32Array;
  private readonly ready: Float64Array;
  private readonly free: Float64Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  private readonly order: Int32Array;
  /** Number of evaluations so far. */
  calls = 0;

  constructor(readonly prob: DagProblem) {
    this.heap = new TaskHeap(prob.n);
    this.waiting = new Int32Array(prob.n);
    this.ready = new Float64Array(prob.n);
    this.free = new Float64Array(prob.p);
    this.start = new Float64Array(prob.n);
    this.finish = new Float64Array(prob.n);
    this.order = new Int32Array(prob.n);
  }

  /** Makespan (seconds) of placement `proc` under priority `priority`. */
  makespan(proc: ArrayLike<number>, priority: ArrayLike<number>): number {
    this.calls++;
    const prob = this.prob;
    const { n, p, cost } = prob;
    const heap = this.heap;
    heap.clear();
    this.free.fill(0);
    const inputProc = prob.evaluatorInputProc ?? prob.inputProc;
    for (let t = 0; t < n; t++) {
      this.waiting[t] = prob.predOff[t + 1] - prob.predOff[t];
      let r = 0;
      if (inputProc && inputProc[t] >= 0) r = transferTime(prob, prob.inputData![t], inputProc[t], proc[t]);
      this.ready[t] = r;
      if (this.waiting[t] === 0) heap.push(t, priority[t]);
    }
    let done = 0;
    let makespan = 0;
    while (heap.length > 0) {
      const t = heap.pop();
      const k = proc[t];
      const r = this.ready[t];
      const s = r > this.free[k] ? r : this.free[k];
      const f = s + cost[t * p + k];
      this.start[t] = s;
      this.finish[t] = f;
      this.free[k] = f;
      this.order[done++] = t;
      if (f > makespan) makespan = f;
      for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
        const c = prob.succ[e];
        const arrive = f + transferTime(prob, prob.succData[e], k, proc[c]);
        if (arrive > this.ready[c]) this.ready[c] = arrive;
        if (--this.waiting[c] === 0) heap.push(c, priority[c]);
      }
    }
    return makespan;
  }

  /** Full schedule of placement `proc` under `priority` (copies the buffers). */
  schedule(proc: ArrayLike<number>, priority: ArrayLike<number>): DagSchedule {
    this.makespan(proc, priority);
    return {
      proc: Int32Array.from(proc),
      start: this.start.slice(),
      finish: this.finish.slice(),
      order: this.order.slice(),
      makespan: makespanOf(this.finish),
    };
  }
}

/** Priority array (position in the list) from an ordered list of tasks. */
export function positionsOf(order: ArrayLike<number>): Float64Array {
  const pos = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) pos[order[i]] = i;
  return pos;
}
