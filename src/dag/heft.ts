/**
 * HEFT — Heterogeneous Earliest Finish Time (Topcuoglu, Hariri & Wu,
 * "Performance-effective and low-complexity task scheduling for
 * heterogeneous computing", IEEE TPDS 13(3) 2002, §4.1, Fig. 3).
 *
 * 1. Priority: upward rank rank_u (eq. 5) with mean run times and mean
 *    communication costs (src/dag/ranks.ts).
 * 2. Tasks in decreasing rank_u (a ready list, so precedence holds even with
 *    zero-cost ties; ties: the lower task index).
 * 3. Each goes to the memory-feasible candidate with the minimum EFT, where
 *    EST is the start of the earliest idle gap long enough at or after the
 *    data-ready time (insertion-based policy, eq. 3).
 *
 * `variant: 'original'` (Multiple-DNN-Scheduling@de588b2, mdnn.md §9): no
 * insertion (EST = max(ready, the processor's last finish)); rank ties go to
 * the higher task index (its `sorted(…, reverse=True)`); its reported
 * makespan is the §8 re-simulation (also given for the paper variant as
 * `evaluatedMakespan`, computed when first read). Complexity O(e·p + n·p·log) plus gap scans.
 * Throws NoFeasibleProcessorError when memory runs out on every candidate.
 */
import type { DagProblem } from './problem.js';
import { upwardRank } from './ranks.js';
import { runListSchedule } from './list-scheduler.js';
import { Evaluator, positionsOf } from './evaluator.js';
import type { DagResult } from './result.js';

export interface HeftOptions {
  variant?: 'paper' | 'original';
  /** Precomputed rank_u (e.g. shared with other algorithms). */
  rankU?: Float64Array;
}

export function heft(prob: DagProblem, options: HeftOptions = {}): DagResult {
  const original = options.variant === 'original';
  const rank = options.rankU ?? upwardRank(prob);
  const state = runListSchedule(prob, rank, !original, (s, t) => s.minEft(t), original ? 'higher' : 'lower');
  const own = state.schedule();
  const simulate = () => new Evaluator(prob).schedule(own.proc, positionsOf(own.order));
  if (original) {
    const evaluated = simulate();
    return { algorithm: 'heft:original', schedule: evaluated, evaluatedMakespan: evaluated.makespan };
  }
  // The paper variant's re-simulation is only a comparison figure: run it when it is first read
  // (`allot dag` prints the schedule alone, and the simulation was a tenth of HEFT on 10,000 tasks).
  let evaluatedMakespan: number | undefined;
  return {
    algorithm: 'heft',
    schedule: own,
    get evaluatedMakespan(): number {
      return (evaluatedMakespan ??= simulate().makespan);
    },
  };
}
