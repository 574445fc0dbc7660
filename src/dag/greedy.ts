/**
 * Greedy block placement (Multiple-DNN-Scheduling@de588b2 `Greedy`; original
 * only, mdnn.md §9): start with every gene (block) on its anchor (the edge),
 * or on `start` (the original: the cloud of a staging problem, where it is
 * not a candidate — src/workload/partitioning/services.ts); visit
 * genes by block rank (max rank_u of its tasks, descending; ties: the
 * space's `ties` rule); for each try every candidate and evaluate §8 with
 * π = `baseOrder` (rank_u order). Passes repeat until a pass does not lower
 * the makespan. Deterministic.
 *
 * Move rule (`variant`):
 * - 'paper' (default, ours): keep a move only if strictly better and
 *   memory-feasible (an over-full start is first repaired as in PSO-GA, with
 *   a fixed stream).
 * - 'original': every gene takes the best memory-feasible candidate, even if
 *   worse than where it is (ties: the earlier candidate), as the original's
 *   `minimum_latency` reset per block does.
 */
import { Rng } from '../sim/rng.js';
import type { DagResult } from './result.js';
import { SearchKit, type SearchSpace } from './search-space.js';

/** Options of `greedy`: pass limit and move rule (module header). */
export interface GreedyOptions {
  maxPasses?: number;
  variant?: 'paper' | 'original';
  /** A processor every gene starts on instead of its anchor (the original: the cloud, a non-candidate of a staging problem). */
  start?: number;
}

export function greedy(space: SearchSpace, options: GreedyOptions = {}): DagResult {
  const original = options.variant === 'original';
  const kit = new SearchKit(space);
  const s = kit.anchored();
  s.prio = null;
  if (options.start !== undefined) s.genes.fill(options.start);
  else kit.repair(s, Rng.stream(0, 'dag/greedy'));
  kit.evaluate(s);
  const initial = s.fitness;
  const higher = space.ties === 'higher';
  const order = Array.from({ length: space.genes }, (_, g) => g).sort((a, b) => space.geneRank[b] - space.geneRank[a] || (higher ? b - a : a - b));
  const history = [s.fitness];
  let passes = 0;
  const maxPasses = options.maxPasses ?? 1000;
  for (let improved = true; improved && passes < maxPasses; passes++) {
    // The original compares a pass with the previous pass (the first always counts as an improvement).
    const before = original && passes === 0 ? Infinity : s.fitness;
    let moved = false;
    for (const g of order) {
      const keep = s.genes[g];
      let best = original ? -1 : keep;
      let bestFit = original ? Infinity : s.fitness;
      for (const k of space.candidates[g]) {
        if (k === keep && !original) continue;
        s.genes[g] = k;
        if (!kit.feasible(s.genes)) continue;
        const f = kit.evaluator.makespan(kit.placement(s.genes), space.baseOrder);
        if (f < bestFit) {
          bestFit = f;
          best = k;
        }
      }
      if (best < 0) {
        best = keep;
        bestFit = s.fitness;
      }
      s.genes[g] = best;
      if (best !== keep) moved = true;
      s.fitness = bestFit;
    }
    improved = original ? s.fitness < before : moved;
    history.push(s.fitness);
  }
  const schedule = kit.evaluator.schedule(kit.placement(s.genes), space.baseOrder);
  return { algorithm: original ? 'greedy:original' : 'greedy', schedule, evaluatedMakespan: schedule.makespan, iterations: passes, evaluations: kit.evaluations, initialBestMakespan: initial, history };
}
