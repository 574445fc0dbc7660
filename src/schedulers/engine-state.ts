/**
 * The saved form of a `TrainingEngine` between rounds (`engine.ts`): plain
 * JSON (numbers, strings, booleans, null, arrays, objects) that survives
 * `JSON.parse(JSON.stringify(state))` unchanged, and its shape check.
 *
 * Jobs are named by `TrainingJob.index`; per-job states are listed in the
 * engine's (arrival, index) order. Times and work are in seconds. The
 * server pool, the per-server job lists and the per-tenant usage of the
 * round context are not saved: they are rebuilt from the leases on restore
 * (and every processed round starts by releasing every lease anyway).
 *
 * `parseEngineState` checks only the shape and the units' ranges; the engine's
 * `restore` then checks the state against its own jobs, cluster and options.
 */
import type { z } from 'zod';
import { lazySchema } from '../config/lazy-schema.js';
import { formatPath } from '../errors.js';
import { STARVATION_GUARD_RULES, type StarvationGuardRule } from './types.js';

/** Version of the state format written by `TrainingEngine.snapshot()`. */
export const ENGINE_STATE_VERSION = 3;

/** One server's share of a lease (as `ServerShare`): server id, GPUs, cores, GB. */
export interface ServerShareState {
  server: number;
  gpus: number;
  cores: number;
  memoryGb: number;
}

/** The saved `JobState` of one job (every mutable field; the job itself is named by `index` and `id`). */
export interface JobStateSnapshot {
  /** `TrainingJob.index` of the job. */
  index: number;
  /** `TrainingJob.id`, checked on restore. */
  id: string;
  /** Remaining work (s at the reference speed). */
  remaining: number;
  /** Seconds held a lease. */
  attained: number;
  /** GPU-seconds of service received. */
  attainedService: number;
  /** First start (s), −1 before. */
  firstStart: number;
  /** End of the last round it ran in (s), its arrival before. */
  lastRun: number;
  /** Completion time (s), −1 before. */
  finish: number;
  contendSum: number;
  contendRounds: number;
  /** The lease of the last processed round (empty when not running). */
  lease: ServerShareState[];
  /** Accelerator type index of the lease, −1 without one. */
  leaseType: number;
  coresPerGpu: number;
  memPerGpu: number;
  speedFactor: number;
  /** Work-seconds per second of the last processed round, 0 when not running. */
  speed: number;
  preferredType: number;
  /** Seconds run per accelerator type index; `null` = never ran on that type (a hole in `JobState.typeSeconds`). */
  typeSeconds: (number | null)[];
  degraded: boolean;
  /** The permanent starvation bump (`JobState.prioritized`). */
  prioritized: boolean;
}

/** What the state was taken under; `restore` requires the same (it would not continue exactly otherwise). */
export interface EngineConfigState {
  /** Round length R (s). */
  roundLengthSeconds: number;
  /** Starvation threshold (s), null = ∞. */
  starvationSeconds: number | null;
  /** Starvation-guard rule (`EngineOptions.starvationGuard`). */
  starvationGuard: StarvationGuardRule;
  completionAtRoundEnd: boolean;
  /** `EngineOptions.wholeIterations` (absent in older snapshots = false). */
  wholeIterations: boolean;
  /** The effective pre-selection flag (option, else the policy's). */
  preselectByGpu: boolean;
  consolidate: boolean;
  /** Stop time (s), null = ∞. */
  until: number | null;
  /** `EngineOptions.stopAfterWindow` as "from:to", null = none. */
  stopAfterWindow: string | null;
  /** `JobPolicy.name` and `AllocationMode.name`. */
  policy: string;
  mode: string;
  /** Cluster name and its number of servers. */
  cluster: string;
  servers: number;
  /** Number of jobs. */
  jobs: number;
}

/** One pending round event: the round index and its start time (= round × R, s). */
export interface PendingRoundState {
  round: number;
  time: number;
}

/** One point of the allocation time series (as `UtilizationPoint`). */
export interface UtilizationPointState {
  time: number;
  rounds: number;
  gpu: number;
  cpu: number;
  memory: number;
  /** GPU-seconds of work done in this block of rounds. */
  busyGpuSeconds: number;
}

/**
 * Everything a `TrainingEngine` needs to continue exactly, between two rounds.
 * Invariants (checked by `restore`): `runnable` = the arrived (the first
 * `nextArrival` in engine order), unfinished jobs, in engine order;
 * `prevLeased` = exactly the jobs holding a lease; `utilization` has one point
 * per processed round; pending events are not earlier than `now`.
 */
export interface TrainingEngineState {
  version: typeof ENGINE_STATE_VERSION;
  config: EngineConfigState;
  /** Start (s) of the last round event handled (0 before the first). */
  now: number;
  /** Runnable jobs in the last processed round. */
  contending: number;
  /** Round events still to handle, in the order they will be handled (at most one in practice). */
  pending: PendingRoundState[];
  /** How many jobs (in engine order) have been admitted so far. */
  nextArrival: number;
  /** Job indices of the runnable jobs, in engine order. */
  runnable: number[];
  /** Job indices of the jobs that held a lease in the last processed round, in allocation order. */
  prevLeased: number[];
  /** Per-job states in engine (arrival, index) order, one per job. */
  jobs: JobStateSnapshot[];
  /** GPU-seconds used so far. */
  busyGpuSeconds: number;
  /** Latest completion so far (s). */
  makespan: number;
  roundsProcessed: number;
  roundsSimulated: number;
  utilization: UtilizationPointState[];
  /** The policy's own state (`JobPolicy.snapshot()`), absent when the policy keeps none. */
  policyState?: unknown;
}

const stateSchema = lazySchema((z) => {
  const num = z.number(); // zod 4: finite numbers only
  const nonNeg = z.number().min(0);
  const int = z.int();
  const nat = z.int().min(0);

  const shareSchema = z.strictObject({ server: nat, gpus: nat, cores: nonNeg, memoryGb: nonNeg });

  const jobSchema = z.strictObject({
    index: int,
    id: z.string(),
    remaining: nonNeg,
    attained: nonNeg,
    attainedService: nonNeg,
    firstStart: num,
    lastRun: num,
    finish: num,
    contendSum: nonNeg,
    contendRounds: nat,
    lease: z.array(shareSchema),
    leaseType: z.int().min(-1),
    coresPerGpu: nonNeg,
    memPerGpu: nonNeg,
    speedFactor: nonNeg,
    speed: nonNeg,
    preferredType: z.int().min(-1),
    typeSeconds: z.array(nonNeg.nullable()),
    degraded: z.boolean(),
    prioritized: z.boolean(),
  });

  return z.strictObject({
    version: z.literal(ENGINE_STATE_VERSION),
    config: z.strictObject({
      roundLengthSeconds: num.positive(),
      starvationSeconds: num.nullable(),
      starvationGuard: z.enum(STARVATION_GUARD_RULES),
      completionAtRoundEnd: z.boolean(),
      wholeIterations: z.boolean().default(false),
      preselectByGpu: z.boolean(),
      consolidate: z.boolean(),
      until: num.nullable(),
      stopAfterWindow: z.string().nullable(),
      policy: z.string(),
      mode: z.string(),
      cluster: z.string(),
      servers: nat,
      jobs: nat,
    }),
    now: nonNeg,
    contending: nat,
    pending: z.array(z.strictObject({ round: nat, time: nonNeg })),
    nextArrival: nat,
    runnable: z.array(int),
    prevLeased: z.array(int),
    jobs: z.array(jobSchema),
    busyGpuSeconds: nonNeg,
    makespan: nonNeg,
    roundsProcessed: nat,
    roundsSimulated: nat,
    utilization: z.array(z.strictObject({ time: nonNeg, rounds: nat, gpu: nonNeg, cpu: nonNeg, memory: nonNeg, busyGpuSeconds: nonNeg })),
    policyState: z.unknown().optional(),
  });
});

// Compile-time check that the schema and the documented interface agree.
type Parsed = z.output<typeof stateSchema>;
const _agree: [Parsed extends TrainingEngineState ? true : false, TrainingEngineState extends Parsed ? true : false] = [true, true];
void _agree;

/**
 * Checks that `value` has the shape of a `TrainingEngineState` (types,
 * integers, non-negative amounts, no unknown fields) and returns it typed.
 * Throws RangeError naming the first offending field, e.g.
 * `training-engine state: jobs[3].lease[0].gpus: …`.
 */
export function parseEngineState(value: unknown): TrainingEngineState {
  const r = stateSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new RangeError(`training-engine state: ${formatPath(issue.path)}: ${issue.message}`);
  }
  return r.data as TrainingEngineState;
}
