/**
 * A schedule of a DagProblem and its checker.
 *
 * `proc[t]`, `start[t]`, `finish[t]` (seconds) per task; `order` lists the
 * tasks in the order the algorithm placed them (its priority list);
 * `makespan` = max finish (every run starts at 0).
 */
import type { DagProblem } from './problem.js';
import { transferTime } from './problem.js';

/**
 * A schedule of a `DagProblem` (see the module header): per task its
 * processor index, start and finish (s); the placement order; the makespan
 * (s). `checkSchedule` lists its violations.
 */
export interface DagSchedule {
  readonly proc: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly order: Int32Array;
  readonly makespan: number;
}

/** Largest finish time (0 for no tasks). */
export function makespanOf(finish: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < finish.length; i++) if (finish[i] > m) m = finish[i];
  return m;
}

/**
 * Checks a schedule against its problem; returns the violations (empty = valid):
 * every task on a candidate processor for exactly its run time; precedence
 * with transfer times (start(s) ≥ finish(q) + transfer(q→s)) and external
 * inputs; no two tasks overlapping on a processor (zero-length tasks may
 * touch); memory capacities; makespan = max finish. `eps` absolute, seconds.
 */
export function checkSchedule(prob: DagProblem, s: DagSchedule, eps = 1e-9): string[] {
  const out: string[] = [];
  const { n, p } = prob;
  const scale = Math.max(1, s.makespan);
  const tol = eps * scale;
  for (let t = 0; t < n; t++) {
    const k = s.proc[t];
    if (!(k >= 0 && k < p)) {
      out.push(`${prob.taskIds[t]}: bad processor ${k}`);
      continue;
    }
    const c = prob.cost[t * p + k];
    if (c === Infinity) out.push(`${prob.taskIds[t]}: not a candidate of ${prob.procIds[k]}`);
    if (Math.abs(s.finish[t] - s.start[t] - c) > tol) out.push(`${prob.taskIds[t]}: finish − start ≠ run time`);
    if (s.start[t] < -tol) out.push(`${prob.taskIds[t]}: negative start`);
    for (let e = prob.predOff[t]; e < prob.predOff[t + 1]; e++) {
      const q = prob.pred[e];
      const need = s.finish[q] + transferTime(prob, prob.predData[e], s.proc[q], k);
      if (s.start[t] < need - tol) out.push(`${prob.taskIds[t]} starts at ${s.start[t]} before ${prob.taskIds[q]}'s data arrives at ${need}`);
    }
    if (prob.inputProc && prob.inputProc[t] >= 0) {
      // With the evaluator's request-device quirk either source is accepted.
      let need = transferTime(prob, prob.inputData![t], prob.inputProc[t], k);
      if (prob.evaluatorInputProc) need = Math.min(need, transferTime(prob, prob.inputData![t], prob.evaluatorInputProc[t], k));
      if (s.start[t] < need - tol) out.push(`${prob.taskIds[t]} starts before its input arrives`);
    }
  }
  const byProc: number[][] = Array.from({ length: p }, () => []);
  for (let t = 0; t < n; t++) if (s.proc[t] >= 0 && s.proc[t] < p) byProc[s.proc[t]].push(t);
  for (let k = 0; k < p; k++) {
    const ts = byProc[k].sort((a, b) => s.start[a] - s.start[b] || s.finish[a] - s.finish[b]);
    for (let i = 1; i < ts.length; i++) {
      if (s.start[ts[i]] < s.finish[ts[i - 1]] - tol) out.push(`${prob.taskIds[ts[i - 1]]} and ${prob.taskIds[ts[i]]} overlap on ${prob.procIds[k]}`);
    }
    if (prob.memory && prob.capacity) {
      let used = 0;
      for (const t of ts) used += prob.memory[t];
      if (used > prob.capacity[k] * (1 + 1e-12)) out.push(`${prob.procIds[k]}: memory ${used} B > capacity ${prob.capacity[k]} B`);
    }
  }
  if (Math.abs(makespanOf(s.finish) - s.makespan) > tol) out.push(`makespan ${s.makespan} ≠ max finish ${makespanOf(s.finish)}`);
  return out;
}
