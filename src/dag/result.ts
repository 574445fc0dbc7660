/** What every DAG scheduler returns. */
import type { DagSchedule } from './schedule.js';

/**
 * What every DAG scheduler returns: the algorithm's name, its schedule, the
 * makespan re-simulated by the shared evaluator (s, comparable across
 * algorithms), and for searches their iterations, evaluations and history.
 */
export interface DagResult {
  /** Algorithm name (`heft`, `cpop`, `peft`, `greedy`, `ga`, `pso-ga`, `memetic-pso-ga`), with `:original` for the original variant. */
  readonly algorithm: string;
  /** The algorithm's own schedule (list schedulers: with their placement rule; searches: the §8 simulation of the best solution). */
  readonly schedule: DagSchedule;
  /** Makespan of the schedule's placement and order re-simulated by the shared §8 evaluator (mdnn.md §8), seconds — comparable across algorithms. */
  readonly evaluatedMakespan: number;
  /** Searches: iterations run, evaluations made, makespan of the best initial solution and the per-iteration best (seconds). */
  readonly iterations?: number;
  readonly evaluations?: number;
  readonly initialBestMakespan?: number;
  readonly history?: readonly number[];
  /** Seeded searches: which won, the search's best individual or the exact HEFT schedule (compared on `evaluatedMakespan`). */
  readonly winner?: 'search' | 'heft';
}
