/**
 * Greedy block placement (Multiple-DNN-Scheduling@de588b2 `Greedy`; original
 * only, mdnn.md §9): start with every gene (block) on its anchor (the edge;
 * the original's start is not specified by the spec — ours); visit genes by
 * block rank (max rank_u of its tasks, descending; ties: lower gene); for
 * each try every candidate, evaluate §8 with π = rank_u order, keep a move
 * only if strictly better and memory-feasible (an over-full start is
 * first repaired as in PSO-GA, with a fixed stream); repeat passes until a pass
 * improves nothing. Deterministic.
 */
import { Rng } from '../sim/rng.js';
import type { DagResult } from './result.js';
import { SearchKit, type SearchSpace } from './search-space.js';

export function greedy(space: SearchSpace, options: { maxPasses?: number } = {}): DagResult {
  const kit = new SearchKit(space);
  const s = kit.anchored();
  s.prio = null;
  kit.repair(s, Rng.stream(0, 'dag/greedy'));
  kit.evaluate(s);
  const initial = s.fitness;
  const order = Array.from({ length: space.genes }, (_, g) => g).sort((a, b) => space.geneRank[b] - space.geneRank[a] || a - b);
  const history = [s.fitness];
  let passes = 0;
  const maxPasses = options.maxPasses ?? 1000;
  for (let improved = true; improved && passes < maxPasses; passes++) {
    improved = false;
    for (const g of order) {
      const keep = s.genes[g];
      let best = keep;
      let bestFit = s.fitness;
      for (const k of space.candidates[g]) {
        if (k === keep) continue;
        s.genes[g] = k;
        if (!kit.feasible(s.genes)) continue;
        const f = kit.evaluator.makespan(kit.placement(s.genes), space.baseOrder);
        if (f < bestFit) {
          bestFit = f;
          best = k;
        }
      }
      s.genes[g] = best;
      if (best !== keep) {
        s.fitness = bestFit;
        improved = true;
      }
    }
    history.push(s.fitness);
  }
  const schedule = kit.evaluator.schedule(kit.placement(s.genes), space.baseOrder);
  return { algorithm: 'greedy', schedule, evaluatedMakespan: schedule.makespan, iterations: passes, evaluations: kit.evaluations, initialBestMakespan: initial, history };
}
