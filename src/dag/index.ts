/**
 * DAG scheduling (decision level 4): one entry point over every algorithm.
 * Paper variants by default; `variant: 'original'` selects the behaviour of
 * Multiple-DNN-Scheduling@de588b2 (mdnn.md §9–10).
 */
import type { DagProblem } from './problem.js';
import type { DagResult } from './result.js';
import { heft } from './heft.js';
import { cpop } from './cpop.js';
import { peft } from './peft.js';
import { greedy } from './greedy.js';
import { ga } from './ga.js';
import { psoGa, type PsoGaOptions } from './pso-ga.js';
import { memeticPsoGa } from './memetic-pso-ga.js';
import { buildSearchSpace, type SearchSpace } from './search-space.js';

export const DAG_ALGORITHMS = ['heft', 'cpop', 'peft', 'greedy', 'ga', 'pso-ga', 'memetic-pso-ga'] as const;
export type DagAlgorithm = (typeof DAG_ALGORITHMS)[number];

export interface ScheduleDagOptions {
  seed?: number;
  variant?: 'paper' | 'original';
  /** Searches: the encoding (default: one gene per task with an evolving priority order). */
  space?: SearchSpace;
  /** CPOP original: the processor CP tasks are pinned to. */
  pinProcessor?: number;
  /** Searches: overrides of iterations/particles etc. (PSO-GA names; GA maps particles → population, iterations → generations). */
  search?: Pick<PsoGaOptions, 'iterations' | 'particles' | 'patience' | 'inertiaShare'>;
}

export function isDagAlgorithm(name: string): name is DagAlgorithm {
  return (DAG_ALGORITHMS as readonly string[]).includes(name);
}

/** Schedules `prob` with the named algorithm. Throws RangeError for an unknown name. */
export function scheduleDag(prob: DagProblem, algorithm: DagAlgorithm, options: ScheduleDagOptions = {}): DagResult {
  const variant = options.variant ?? 'paper';
  const space = () => options.space ?? buildSearchSpace(prob, { evolveOrder: true });
  const s = options.search ?? {};
  switch (algorithm) {
    case 'heft':
      return heft(prob, { variant });
    case 'cpop':
      return cpop(prob, { variant, pinProcessor: options.pinProcessor });
    case 'peft':
      return peft(prob, { variant });
    case 'greedy':
      return greedy(space());
    case 'ga':
      return ga(space(), { seed: options.seed, population: s.particles, generations: s.iterations, patience: s.patience });
    case 'pso-ga':
      return psoGa(space(), { seed: options.seed, ...s, inertiaShare: s.inertiaShare ?? (variant === 'original' ? 'equal' : 'differ') });
    case 'memetic-pso-ga':
      return memeticPsoGa(space(), { seed: options.seed, ...s, inertiaShare: s.inertiaShare ?? (variant === 'original' ? 'equal' : 'differ') });
    default:
      throw new RangeError(`unknown DAG algorithm "${String(algorithm)}" (known: ${DAG_ALGORITHMS.join(', ')})`);
  }
}

export { buildDagProblem, transferTime, type DagProblem, type DagProblemSpec } from './problem.js';
export type { DagResult } from './result.js';
export { checkSchedule, type DagSchedule } from './schedule.js';
export { Evaluator } from './evaluator.js';
export { buildSearchSpace, type SearchSpace } from './search-space.js';
export { heft, cpop, peft, greedy, ga, psoGa, memeticPsoGa };
export { upwardRank, downwardRank, optimisticCostTable } from './ranks.js';
