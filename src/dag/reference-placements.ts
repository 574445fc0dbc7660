/**
 * The grid's reference columns of Multiple-DNN-Scheduling@de588b2
 * (`algorithms/Greedy.py` `Local` and `Edge`; mdnn.md corrections): no
 * search, one fixed placement evaluated by the shared §8 evaluator.
 *
 * - `local`: every task on its home processor — in the mdnn scenario its
 *   service's request device (the whole DNN runs where its input is).
 * - `edge-only`: every task on one offload target — in the mdnn scenario the
 *   edge server.
 *
 * Order: rank_d of the placement (its run times and transfers) ascending
 * (ties: the lower index), the original's `noschedule` policy. Memory is not checked (the original does not either).
 * Defaults for plain DAGs: home = the task's first candidate processor;
 * target = a processor that can hold every task's memory first, then the
 * one that is a candidate of the most tasks, then the smallest total run time. Throws RangeError if a task cannot run
 * on its assigned processor.
 */
import type { DagProblem } from './problem.js';
import { transferTime } from './problem.js';
import { Evaluator } from './evaluator.js';
import type { DagResult } from './result.js';

function evaluateFixed(prob: DagProblem, proc: Int32Array, name: string): DagResult {
  for (let t = 0; t < prob.n; t++) {
    if (prob.cost[t * prob.p + proc[t]] === Infinity) throw new RangeError(`${name}: task ${prob.taskIds[t]} cannot run on ${prob.procIds[proc[t]]}`);
  }
  // rank_d of the placement itself: max over predecessors of w(q, proc q) + transfer + rank_d(q).
  const rd = new Float64Array(prob.n);
  for (let i = 0; i < prob.n; i++) {
    const t = prob.topo[i];
    for (let e = prob.predOff[t]; e < prob.predOff[t + 1]; e++) {
      const q = prob.pred[e];
      const v = prob.cost[q * prob.p + proc[q]] + transferTime(prob, prob.predData[e], proc[q], proc[t]) + rd[q];
      if (v > rd[t]) rd[t] = v;
    }
  }
  const schedule = new Evaluator(prob).schedule(proc, rd);
  return { algorithm: name, schedule, evaluatedMakespan: schedule.makespan };
}

/** Runs every task on `home[t]` (default: its first candidate processor). */
export function local(prob: DagProblem, home?: ArrayLike<number>): DagResult {
  const proc = Int32Array.from({ length: prob.n }, (_, t) => {
    if (home) return home[t];
    let k = 0;
    while (prob.cost[t * prob.p + k] === Infinity) k++;
    return k;
  });
  return evaluateFixed(prob, proc, 'local');
}

/** Runs every task on `target` (default: see the module header). */
export function edgeOnly(prob: DagProblem, target?: number): DagResult {
  let k = target ?? -1;
  if (k < 0) {
    let bestFits = -1;
    let bestCount = -1;
    let bestTotal = Infinity;
    let mem = 0;
    if (prob.memory) for (let t = 0; t < prob.n; t++) mem += prob.memory[t];
    for (let q = 0; q < prob.p; q++) {
      let count = 0;
      let total = 0;
      for (let t = 0; t < prob.n; t++) {
        const c = prob.cost[t * prob.p + q];
        if (c !== Infinity) {
          count++;
          total += c;
        }
      }
      const fits = !prob.capacity || mem <= prob.capacity[q] ? 1 : 0;
      if (fits > bestFits || (fits === bestFits && (count > bestCount || (count === bestCount && total < bestTotal)))) {
        bestFits = fits;
        bestCount = count;
        bestTotal = total;
        k = q;
      }
    }
  }
  return evaluateFixed(prob, new Int32Array(prob.n).fill(k), 'edge-only');
}
