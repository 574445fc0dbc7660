/**
 * DAG scheduling (decision level 4): one entry point over every algorithm.
 * Paper variants by default; `variant: 'original'` selects the behaviour of
 * Multiple-DNN-Scheduling@de588b2 (mdnn.md §9–10).
 */
import type { DagProblem } from './problem.js';
import type { DagResult } from './result.js';
import type { DagSchedule } from './schedule.js';
import { heft } from './heft.js';
import { cpop } from './cpop.js';
import { peft } from './peft.js';
import { isListAlgorithm, listScheduler } from './list-schedulers.js';
import { greedy } from './greedy.js';
import { ga } from './ga.js';
import { psoGa, type PsoGaOptions } from './pso-ga.js';
import { memeticPsoGa } from './memetic-pso-ga.js';
import { buildSearchSpace, type SearchSpace } from './search-space.js';
import { edgeOnly, local } from './reference-placements.js';
import { betterOfSearchAndHeft, listScheduleSeeds } from './list-seeds.js';

/**
 * Names of the DAG algorithms: the list schedulers HEFT and CPOP (Topcuoglu
 * et al., TPDS 2002) and PEFT (Arabnejad & Barbosa, TPDS 2014), and the
 * searches over gene (block) placements — greedy and GA
 * (Multiple-DNN-Scheduling@de588b2), PSO-GA (Chen et al., TPDS 2022) and
 * memetic PSO-GA (Jin, Park & Lee, MobiHoc'22) — mdnn.md §9–10 — and the
 * grid's reference placements local and edge-only. Each module
 * (src/dag/<name>.ts) cites its source.
 */
export const DAG_ALGORITHMS = ['heft', 'cpop', 'peft', 'greedy', 'ga', 'pso-ga', 'memetic-pso-ga', 'local', 'edge-only'] as const;
/** One of `DAG_ALGORITHMS`. */
export type DagAlgorithm = (typeof DAG_ALGORITHMS)[number];

/** Options of one DAG algorithm (each algorithm reads its own; see src/dag/catalog.ts for the documented schema). */
export interface DagAlgorithmOptions {
  variant?: 'paper' | 'original';
  /** PSO-GA / memetic PSO-GA. */
  particles?: number;
  iterations?: number;
  patience?: number;
  wMax?: number;
  wMin?: number;
  inertiaShare?: 'differ' | 'equal';
  /** GA. */
  population?: number;
  generations?: number;
  crossover?: number;
  mutation?: number;
  /** Greedy. */
  maxPasses?: number;
  /** GA, PSO-GA, memetic PSO-GA: seed with HEFT/PEFT/CPOP and return the better of the best and HEFT (src/dag/list-seeds.ts); default true under 'paper', false under 'original'. */
  seedWithListSchedules?: boolean;
}

/** Per-run inputs of a DAG scheduler besides the problem. */
export interface DagRunContext {
  /** Seed of the searches (ga, pso-ga, memetic-pso-ga); default 1. */
  seed?: number;
  /** Searches: the encoding (default: one gene per task with an evolving priority order). */
  space?: SearchSpace;
  /** CPOP original: the processor CP tasks are pinned to. */
  pinProcessor?: number;
  /** Searches: told of each iteration (generation) done, of the maximum — for progress bars. */
  onIteration?: (done: number, max: number) => void;
  /** local: each task's home processor (mdnn: its service's request device). */
  home?: ArrayLike<number>;
  /** edge-only: the processor every task runs on (mdnn: the edge server). */
  offloadTarget?: number;
  /** Greedy original: the processor every gene starts on (mdnn: the cloud of a staging problem whose space is `space`). */
  stagingProcessor?: number;
}

/** A configured DAG algorithm (the registry's level-4 product). */
export interface DagScheduler {
  readonly name: DagAlgorithm;
  /** The canonical algorithm (paper) or Multiple-DNN-Scheduling's behaviour (original). */
  readonly variant: 'paper' | 'original';
  /**
   * Schedules `prob` (times in seconds) and returns the schedule with its
   * makespan re-simulated by the shared evaluator (mdnn.md §8). HEFT, CPOP, PEFT and greedy are deterministic; GA,
   * PSO-GA and memetic PSO-GA draw only from `run.seed` (default 1). The list
   * schedulers throw NoFeasibleProcessorError when memory runs out on every
   * candidate of a task; building the default search space throws RangeError
   * when the tasks of a gene share no candidate processor.
   */
  schedule(prob: DagProblem, run?: DagRunContext): DagResult;
}

/** A DAG algorithm configured with its options. Throws RangeError for an unknown name. */
export function dagScheduler(algorithm: DagAlgorithm, options: DagAlgorithmOptions = {}): DagScheduler {
  if (!isDagAlgorithm(algorithm)) throw new RangeError(`unknown DAG algorithm "${String(algorithm)}" (known: ${DAG_ALGORITHMS.join(', ')})`);
  if (isListAlgorithm(algorithm)) return listScheduler(algorithm, options);
  const name = algorithm;
  const variant = options.variant ?? 'paper';
  const inertiaShare = options.inertiaShare ?? (variant === 'original' ? 'equal' : 'differ');
  const psoOptions = { particles: options.particles, iterations: options.iterations, patience: options.patience, wMax: options.wMax, wMin: options.wMin, inertiaShare };
  const seeded = options.seedWithListSchedules ?? variant === 'paper';
  return {
    name,
    variant,
    schedule(prob: DagProblem, run: DagRunContext = {}): DagResult {
      const space = () => run.space ?? buildSearchSpace(prob, { evolveOrder: true });
      const pso = { ...psoOptions, onIteration: run.onIteration };
      const list = () => (seeded ? listScheduleSeeds(prob, variant, variant === 'original' ? run.pinProcessor : undefined) : { heft: undefined, seeds: undefined });
      const search = (runIt: (seeds: DagSchedule[] | undefined) => DagResult): DagResult => {
        const l = list();
        const r = runIt(l.seeds);
        return seeded ? betterOfSearchAndHeft(prob, r, l.heft) : r;
      };
      switch (name) {
        case 'greedy':
          return greedy(space(), { maxPasses: options.maxPasses, variant, start: variant === 'original' ? run.stagingProcessor : undefined });
        case 'ga':
          return search((seeds) => ga(space(), { seed: run.seed, population: options.population, generations: options.generations, patience: options.patience, crossover: options.crossover, mutation: options.mutation, seeds, onIteration: run.onIteration }));
        case 'pso-ga':
          return search((seeds) => psoGa(space(), { seed: run.seed, ...pso, seeds }));
        case 'memetic-pso-ga':
          return search((seeds) => memeticPsoGa(space(), { seed: run.seed, ...pso, seeds }));
        case 'local':
          return local(prob, run.home);
        case 'edge-only':
          return edgeOnly(prob, run.offloadTarget);
      }
    },
  };
}

/**
 * Options of `scheduleDag`: the per-run context, the variant, and overrides of
 * the searches' sizes.
 */
export interface ScheduleDagOptions extends DagRunContext {
  variant?: 'paper' | 'original';
  /** Searches: overrides of iterations/particles/patience (GA maps particles → population, iterations → generations). */
  search?: Pick<PsoGaOptions, 'iterations' | 'particles' | 'patience' | 'inertiaShare'>;
}

/** True if `name` is one of `DAG_ALGORITHMS`. */
export function isDagAlgorithm(name: string): name is DagAlgorithm {
  return (DAG_ALGORITHMS as readonly string[]).includes(name);
}

/** Schedules `prob` with the named algorithm (library shorthand for `dagScheduler(…).schedule(…)`). Throws RangeError for an unknown name. */
export function scheduleDag(prob: DagProblem, algorithm: DagAlgorithm, options: ScheduleDagOptions = {}): DagResult {
  const s = options.search ?? {};
  return dagScheduler(algorithm, { variant: options.variant, ...s, population: s.particles, generations: s.iterations }).schedule(prob, options);
}

export { buildDagProblem, transferTime, type DagProblem, type DagProblemSpec } from './problem.js';
export type { DagResult } from './result.js';
export { checkSchedule, type DagSchedule } from './schedule.js';
export { Evaluator } from './evaluator.js';
export { buildSearchSpace, type SearchSpace } from './search-space.js';
export { heft, cpop, peft, greedy, ga, psoGa, memeticPsoGa, local, edgeOnly };
export { upwardRank, downwardRank, optimisticCostTable } from './ranks.js';
