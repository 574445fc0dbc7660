/**
 * The two-level simulator: rounds of `TwoLevelScheduler.decide` then
 * `closeRound(…, advanceWork = true)` — the same round function the service
 * calls — over a fixed workload, from time 0 until every job has finished
 * (or `maxRounds`). Jobs become runnable at the first round starting at or
 * after their arrival.
 */
import type { Tenant } from '../../model/tenant.js';
import type { TrainingJob } from '../../model/training.js';
import { closeRound, newCarry, TwoLevelScheduler, type JobRecord, type LiveNode, type RoundDecision, type TwoLevelOptions } from '../../two-level/round.js';

/** Per-job outcome of a two-level run (seconds; −1 = did not happen). */
export interface TwoLevelJobOutcome {
  job: TrainingJob;
  firstStart: number;
  finish: number;
  attained: number;
  contendAvg: number;
}

/** What `simulateTwoLevel` returns: the decisions of every round and per-job outcomes (in job-index order). */
export interface TwoLevelRun {
  label: string;
  decisions: RoundDecision[];
  outcomes: TwoLevelJobOutcome[];
  makespan: number;
}

/** Simulates `jobs` (indices 0..n−1) on the nodes under `options`; see the module header. */
export async function simulateTwoLevel(tenants: readonly Tenant[], nodes: readonly LiveNode[], jobs: readonly TrainingJob[], options: TwoLevelOptions, maxRounds = 10000, where = 'config'): Promise<TwoLevelRun> {
  const sched = await TwoLevelScheduler.create(options, where);
  const R = options.roundLengthSeconds;
  const order = [...jobs].sort((a, b) => a.arrival - b.arrival || a.index - b.index);
  const records: JobRecord[] = order.map((job) => ({ job, carry: newCarry(job.work, job.arrival) }));
  let next = 0;
  let runnable: JobRecord[] = [];
  const decisions: RoundDecision[] = [];
  let makespan = 0;
  for (let r = 0; r < maxRounds && (next < records.length || runnable.length); r++) {
    const now = r * R;
    while (next < records.length && records[next].job.arrival <= now + 1e-9) runnable.push(records[next++]);
    const d = sched.decide({ tenants, nodes, jobs: runnable });
    decisions.push(d);
    const done = closeRound(d, runnable, true);
    if (done.length) {
      const set = new Set(done);
      for (const rec of runnable) if (set.has(rec.job.id)) makespan = Math.max(makespan, rec.carry.finish);
      runnable = runnable.filter((rec) => !set.has(rec.job.id));
    }
  }
  const outcomes = records
    .map((rec) => ({ job: rec.job, firstStart: rec.carry.firstStart, finish: rec.carry.finish, attained: rec.carry.attained, contendAvg: rec.carry.contendRounds ? rec.carry.contendSum / rec.carry.contendRounds : 1 }))
    .sort((a, b) => a.job.index - b.job.index);
  return { label: sched.label, decisions, outcomes, makespan };
}
