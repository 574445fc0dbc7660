/**
 * PEFT — Predict Earliest Finish Time (Arabnejad & Barbosa, "List scheduling
 * algorithm for heterogeneous systems by an optimistic cost table", IEEE
 * TPDS 25(3) 2014, §3, Algorithm 1).
 *
 * 1. OCT(t, p) (eq. 5; src/dag/ranks.ts) and rank_oct(t) = mean_p OCT(t, p)
 *    (eq. 6).
 * 2. A ready list from the entries; pop the largest rank_oct (ties: lower
 *    index); place it on argmin_p O_EFT(t, p) = EFT(t, p) + OCT(t, p)
 *    (eq. 7), EFT with insertion, among memory-feasible candidates; release
 *    successors whose predecessors are all placed.
 *
 * `variant: 'original'` (Multiple-DNN-Scheduling@de588b2, mdnn.md §9): the
 * OCT's communication term uses the real link model (same-processor
 * bandwidth when p' = p); no insertion; the ready list takes the first
 * maximum in the order tasks became ready; reported makespan = the §8
 * re-simulation with π = rank_oct descending (ties: the higher index), not
 * the placement order.
 */
import type { DagProblem } from './problem.js';
import { octRank, optimisticCostTable } from './ranks.js';
import { runListSchedule } from './list-scheduler.js';
import { Evaluator, positionsOf } from './evaluator.js';
import type { DagResult } from './result.js';

export interface PeftOptions {
  variant?: 'paper' | 'original';
}

export function peft(prob: DagProblem, options: PeftOptions = {}): DagResult {
  const original = options.variant === 'original';
  const oct = optimisticCostTable(prob, original ? 'link' : 'average');
  const rank = octRank(prob, oct);
  const p = prob.p;
  const state = runListSchedule(prob, rank, !original, (s, t) => s.minEft(t, (k) => oct[t * p + k]), original ? 'fifo' : 'lower');
  const own = state.schedule();
  // The original evaluates with π = rank_oct descending (ties: the higher index), not its placement order.
  const pi = original ? positionsOf(Array.from({ length: prob.n }, (_, t) => t).sort((a, b) => rank[b] - rank[a] || b - a)) : positionsOf(own.order);
  const evaluated = new Evaluator(prob).schedule(own.proc, pi);
  return { algorithm: original ? 'peft:original' : 'peft', schedule: original ? evaluated : own, evaluatedMakespan: evaluated.makespan };
}
