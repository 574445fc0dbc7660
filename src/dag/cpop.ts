/**
 * CPOP — Critical-Path-on-a-Processor (Topcuoglu, Hariri & Wu, IEEE TPDS
 * 13(3) 2002, §4.2, Fig. 4).
 *
 * 1. priority(t) = rank_u(t) + rank_d(t); |CP| = priority of the entry (with
 *    several entries: the largest, i.e. a zero-cost pseudo entry).
 * 2. The critical path: from that entry, repeatedly the successor whose
 *    priority equals |CP| (relative tolerance 1e-9; ties: lower index) until
 *    an exit.
 * 3. p_CP = the processor minimising Σ_{t∈CP} w(t, p) (among processors that
 *    are candidates for every CP task; ties: lower index).
 * 4. A ready list (highest priority first) from the entries; a CP task goes on
 *    p_CP (insertion EST), any other on its min-EFT processor (insertion). If
 *    p_CP lacks memory for a CP task, the task takes its min-EFT processor.
 *
 * `variant: 'original'` (Multiple-DNN-Scheduling@de588b2, mdnn.md §9): a
 * CP starts at every task tied for the largest rank_u (N ≥ 6 services of
 * one model tie exactly) and steps to the successor
 * with the largest rank_u + rank_d; CP tasks are pinned to `pinProcessor`
 * (the edge server in the mdnn scenario; default: p_CP); order = rank_u
 * descending; off-path tasks use HEFT-original (no insertion); reported
 * makespan = the §8 re-simulation.
 */
import type { DagProblem } from './problem.js';
import { downwardRank, meanBandwidth, meanCosts, upwardRank } from './ranks.js';
import { runListSchedule } from './list-scheduler.js';
import { Evaluator, positionsOf } from './evaluator.js';
import type { DagResult } from './result.js';

export interface CpopOptions {
  variant?: 'paper' | 'original';
  /** Original variant: the processor CP tasks are pinned to (mdnn: the edge server). */
  pinProcessor?: number;
}

/** The critical path (task indices, entry to exit) and |CP|, paper rule. */
export function criticalPath(prob: DagProblem, priority: Float64Array): { path: number[]; length: number } {
  let entry = -1;
  for (let t = 0; t < prob.n; t++) {
    if (prob.predOff[t + 1] === prob.predOff[t] && (entry < 0 || priority[t] > priority[entry])) entry = t;
  }
  const cp = priority[entry];
  const tol = 1e-9 * Math.max(1, Math.abs(cp));
  const path = [entry];
  let t = entry;
  for (;;) {
    let next = -1;
    for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
      const s = prob.succ[e];
      if (Math.abs(priority[s] - cp) <= tol && (next < 0 || s < next)) next = s;
    }
    if (next < 0) break;
    path.push(next);
    t = next;
  }
  return { path, length: cp };
}

/**
 * The original's critical path(s) (Multiple-DNN-Scheduling@de588b2
 * `CPOP.run_algo`): one path from every task whose rank_u equals the largest
 * (exact equality, as `np.where(rank_u == max)` — identical services tie),
 * each stepping to the successor with the largest rank_u + rank_d (ties: the
 * lower index) until an exit. Returns the union, in visiting order.
 */
export function originalCriticalPath(prob: DagProblem, rankU: Float64Array, priority: Float64Array): number[] {
  let top = -Infinity;
  for (let i = 0; i < prob.n; i++) if (rankU[i] > top) top = rankU[i];
  const path: number[] = [];
  for (let start = 0; start < prob.n; start++) {
    if (rankU[start] !== top) continue;
    let t = start;
    path.push(t);
    for (;;) {
      let next = -1;
      for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
        const s = prob.succ[e];
        if (next < 0 || priority[s] > priority[next] || (priority[s] === priority[next] && s < next)) next = s;
      }
      if (next < 0) break;
      path.push(next);
      t = next;
    }
  }
  return path;
}

export function cpop(prob: DagProblem, options: CpopOptions = {}): DagResult {
  const original = options.variant === 'original';
  const w = meanCosts(prob);
  const bbar = meanBandwidth(prob);
  const ru = upwardRank(prob, w, bbar);
  const rd = downwardRank(prob, w, bbar);
  const priority = new Float64Array(prob.n);
  for (let t = 0; t < prob.n; t++) priority[t] = ru[t] + rd[t];
  const path = original ? originalCriticalPath(prob, ru, priority) : criticalPath(prob, priority).path;
  const onPath = new Uint8Array(prob.n);
  for (const t of path) onPath[t] = 1;
  let pCp = options.pinProcessor ?? -1;
  if (pCp < 0) {
    let best = Infinity;
    for (let k = 0; k < prob.p; k++) {
      let s = 0;
      for (const t of path) s += prob.cost[t * prob.p + k];
      if (s < best) {
        best = s;
        pCp = k;
      }
    }
    if (pCp < 0) pCp = 0;
  }
  const state = runListSchedule(prob, original ? ru : priority, !original, (s, t) => {
    if (onPath[t] && s.feasible(t, pCp)) return { k: pCp, start: s.est(t, pCp) };
    return s.minEft(t);
  }, original ? 'higher' : 'lower');
  const own = state.schedule();
  const evaluated = new Evaluator(prob).schedule(own.proc, positionsOf(own.order));
  return { algorithm: original ? 'cpop:original' : 'cpop', schedule: original ? evaluated : own, evaluatedMakespan: evaluated.makespan };
}
