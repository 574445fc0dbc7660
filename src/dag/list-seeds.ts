/**
 * Seeding the searches with list schedules (issue "searches that start where
 * list scheduling ends"): GA, PSO-GA and memetic PSO-GA start from HEFT,
 * PEFT and CPOP solutions projected onto their encoding
 * (`SearchKit.project`: per gene the processor running most of its tasks'
 * run time; with an evolving order, the list schedule's start order; the
 * piece-wise encoding keeps its rank_u order, so only the block placement is
 * projected), and return the better of their best individual and the exact
 * HEFT schedule, compared on the §8 `evaluatedMakespan` — so a seeded search
 * is never worse than HEFT. Default under `variant: 'paper'`; under
 * `'original'` the original's anchors stay the default
 * (`seedWithListSchedules: true` turns it on).
 */
import type { DagProblem } from './problem.js';
import type { DagResult } from './result.js';
import type { DagSchedule } from './schedule.js';
import { heft } from './heft.js';
import { peft } from './peft.js';
import { cpop } from './cpop.js';
import { Evaluator, positionsOf } from './evaluator.js';
import { NoFeasibleProcessorError } from './list-scheduler.js';

/** HEFT, PEFT and CPOP schedules of `prob` under `variant` (a scheduler that finds no memory-feasible processor is skipped), HEFT first. */
export function listScheduleSeeds(prob: DagProblem, variant: 'paper' | 'original', pinProcessor?: number): { heft?: DagResult; seeds: DagSchedule[] } {
  const out: DagResult[] = [];
  let h: DagResult | undefined;
  for (const run of [() => (h = heft(prob, { variant })), () => peft(prob, { variant }), () => cpop(prob, { variant, pinProcessor })]) {
    try {
      out.push(run());
    } catch (e) {
      if (!(e instanceof NoFeasibleProcessorError)) throw e;
    }
  }
  return { heft: h, seeds: out.map((r) => r.schedule) };
}

/**
 * The better of a search's result and the exact HEFT schedule on
 * `evaluatedMakespan` (ties: the search). HEFT's schedule is returned as its
 * §8 re-simulation, so `schedule.makespan === evaluatedMakespan` as for every
 * search.
 */
export function betterOfSearchAndHeft(prob: DagProblem, search: DagResult, h: DagResult | undefined): DagResult {
  if (!h || search.evaluatedMakespan <= h.evaluatedMakespan) return { ...search, winner: 'search' };
  const schedule = new Evaluator(prob).schedule(h.schedule.proc, positionsOf(h.schedule.order));
  return { ...search, schedule, evaluatedMakespan: schedule.makespan, winner: 'heft' };
}
