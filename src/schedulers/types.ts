/**
 * Interfaces of the round-based training-cluster scheduler (level 2):
 * a `JobPolicy` orders the runnable jobs (FIFO, SRTF, LAS, FTF, DRF …), an
 * `AllocationMode` decides how much CPU/memory a chosen job gets and places
 * it (Synergy's proportional / greedy / tune / opt). The engine
 * (`engine.ts`) composes one of each, as Synergy does (`fifo+tune`).
 */
import type { TrainingJob } from '../model/training.js';
import type { ServerPool, ServerShare } from './server-pool.js';

/**
 * How the starvation guard (Synergy spec §5) treats a job that has waited more
 * than the threshold since it last ran (or since arrival):
 * - `permanent` (the original, msr-fiddle/synergy `schedulers/*_synergy_new.py`):
 *   while walking round r's order the job gets `job_priority = 1`, which sorts
 *   it first from round r + 1 until it finishes;
 * - `per-round` (Allot before 2026-12): re-checked every round; the job goes
 *   first in the same round and loses the bump once it has run.
 */
export const STARVATION_GUARD_RULES = ['permanent', 'per-round'] as const;
/** One of `STARVATION_GUARD_RULES`. */
export type StarvationGuardRule = (typeof STARVATION_GUARD_RULES)[number];

/** Mutable per-job simulation state. Work and times in seconds. */
export interface JobState {
  readonly job: TrainingJob;
  /** Remaining work (s at the reference speed). */
  remaining: number;
  /** Seconds the job has held a lease (wall time while running). */
  attained: number;
  /** GPU-seconds of service received (attained × GPUs). */
  attainedService: number;
  /** First start time (s), −1 before. */
  firstStart: number;
  /** End of the last round in which it ran (arrival before that), for the starvation guard. */
  lastRun: number;
  /** Completion time (s), −1 before. */
  finish: number;
  /** Σ over rounds alive of the number of contending jobs, and the number of rounds (FTF's N averaged over the job's life). */
  contendSum: number;
  contendRounds: number;
  /** This round's lease (empty when not running). */
  lease: ServerShare[];
  /** Accelerator type index of the lease (−1 when not running). */
  leaseType: number;
  coresPerGpu: number;
  memPerGpu: number;
  /** Profile speed factor of this round's allocation (1 = fair share), 0 when not running. */
  speedFactor: number;
  /** Speed this round (work-seconds per second) = accelerator-type speed × speedFactor, 0 when not running. */
  speed: number;
  /** Accelerator type the order asks the mode to use this round (−1 = any usable type, in cluster order). */
  preferredType: number;
  /** Seconds run so far per accelerator type index (Gavel's mechanism). */
  typeSeconds: number[];
  /** True when this round's allocation is below what the mode asked for (e.g. tune fell back to fair share). */
  degraded: boolean;
  /**
   * Permanent starvation bump (`starvationGuard: "permanent"`, the original's
   * `job_priority = 1`): set once the job has waited more than the threshold
   * since it last ran, never reset; bumped jobs sort first from the next round on.
   */
  prioritized: boolean;
}

/** What policies and modes see during one round's allocation. */
export interface RoundContext {
  /** Round start (s). */
  now: number;
  roundLengthSeconds: number;
  totalGpus: number;
  totalCores: number;
  totalMemoryGb: number;
  /** Runnable jobs this round (arrived, unfinished). */
  contending: number;
  pool: ServerPool;
  /** Jobs holding a lease per server, this round. */
  onServer: JobState[][];
  /** GPU, core, GB allocated this round per tenant (for DRF). */
  tenantUsage: Map<string, { gpus: number; cores: number; memoryGb: number }>;
  /** Placement rule: consolidation (Synergy §4, default) or first fit in server-id order (`placement: false`). */
  consolidate: boolean;
  /** The allocation mode in use (keys such as SRTF read its expected speed). */
  mode: AllocationMode;
}

/** A lazily consumed order of jobs for one round; `next` may look at the round's allocation so far (DRF). */
export interface JobOrder {
  /** The next job to offer the allocation mode this round, or undefined when the order is exhausted. */
  next(): JobState | undefined;
}

/**
 * A job order of the round-based training simulator (level 2; the part of a
 * policy name before "+": FIFO, SRTF, LAS, FTF, DRF, Tetris, Gavel's LP
 * policies). It ranks the runnable jobs each round by `key` (ascending) or a
 * custom `order`; the engine offers them in turn to the allocation mode.
 * Registered in src/schedulers/catalog.ts; sources in each order's file.
 */
export interface JobPolicy {
  /** Policy name as in `--policies` (before `+mode`). */
  readonly name: string;
  /** Move jobs not run for > starvationSeconds to the front (Synergy; FIFO says no). */
  readonly starvationGuard: boolean;
  /** Sort key, ascending; ties by arrival then index. Either `key` or `order` is set. */
  key?(s: JobState, ctx: RoundContext): number;
  /** The order is plain (arrival, index) order — the engine then walks the runnable list directly, O(examined) per round (FIFO). */
  readonly arrivalOrder?: boolean;
  /**
   * The order reads the jobs' contention (`contendSum`, `contendRounds`; FTF's N): the engine brings them up to date
   * before ordering. Without it they are exact only between rounds (`result()`, `snapshot()`) and once a job finishes.
   */
  readonly readsContention?: boolean;
  /** The order depends on time received so far even when every job is served (Gavel): the engine must not fast-forward. */
  readonly historyDependent?: boolean;
  /** A custom order (DRF's progressive filling, Tetris's packing score). */
  order?(runnable: readonly JobState[], ctx: RoundContext): JobOrder;
  /** Pre-select GPU-fitting jobs before allocating any (original LAS). */
  readonly preselectByGpu?: boolean;
  /** Re-sorts the pre-selected jobs for a mode (LAS+tune: largest GPU demand first). */
  reorderSelected?(selected: JobState[], mode: AllocationMode): void;
  /**
   * Optional, for policies whose future orders depend on state they keep
   * themselves between rounds (beyond the job states and the round context):
   * that state as plain JSON, saved by `TrainingEngine.snapshot()` as
   * `policyState`. A cache recomputed from the job states (Gavel max-min's LP
   * cache, keyed on the runnable set) needs none. Set both or neither.
   */
  snapshot?(): unknown;
  /** Optional: puts back state from `snapshot()` (after a JSON round trip) before the restored engine's next round; throws RangeError if malformed. */
  restore?(state: unknown): void;
}

/**
 * An allocation mode (the part of a policy name after "+"; Synergy, Mohan et
 * al. OSDI'22 §3): how much CPU (cores) and memory (GB) per GPU a chosen job
 * gets, and where it is placed — proportional (`fair`), `greedy`, `tune`,
 * `opt`. It returns false when the job does not fit this round.
 */
export interface AllocationMode {
  /** Mode name as in `--policies` after `+`: fair, greedy, tune, opt. */
  readonly name: string;
  /**
   * Orders that pre-select jobs re-sort the selection largest GPU demand
   * first under this mode (the original LAS+tune does, so tune declares it).
   */
  readonly largestJobsFirst?: boolean;
  /** Speed the mode aims for (S_j, or 1 for proportional): SRTF divides remaining time by it. */
  expectedSpeed(s: JobState, ctx: RoundContext): number;
  /** Places one job (sets its lease, speed, coresPerGpu …); false if it does not fit this round. */
  allocate(s: JobState, ctx: RoundContext): boolean;
  /** Optional: allocates a whole selected set at once (Synergy-opt). Called instead of `allocate` when set. */
  allocateBatch?(selected: JobState[], ctx: RoundContext): void;
}
