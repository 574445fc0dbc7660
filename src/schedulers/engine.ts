/**
 * The round-based training-cluster simulator (level 2), on the shared
 * discrete-event core (`Simulator`).
 *
 * Semantics (Synergy spec §5; Mohan et al., OSDI'22, msr-fiddle/synergy
 * `simulator/runner.py`): rounds of R seconds (default 300) start at 0, R, 2R …
 * Arrivals wait for the next round boundary. At each boundary every lease
 * ends; the policy orders the runnable jobs (starvation guard, unless the
 * policy opts out: a job that has not run for more than `starvationSeconds`
 * goes first — permanently from the next round on, as the original, or
 * re-checked every round with `starvationGuard: "per-round"`); the
 * engine walks them and asks the allocation mode to place each job whose GPU
 * demand fits the free GPUs (no head-of-line blocking); with
 * `preselectByGpu` the GPU-fitting jobs are chosen first and then allocated.
 * A job runs at `speed` work-seconds per second for the round; it completes at
 * the exact time within the round (canonical; `completionAtRoundEnd` is the
 * original's option) and its GPUs stay idle until the next boundary. With
 * `wholeIterations` (the original's accounting, Synergy spec §2) a job with a
 * Synergy model advances ⌊R / (τ_m / speed)⌋ whole iterations per round (the
 * partial iteration at a lease end is lost), not speed × R work-seconds.
 *
 * Event-driven fast-forward (ours, exact): when every runnable job holds the
 * lease its mode asked for, no job waits, no arrival falls before the next
 * boundary, and the policy's order does not depend on history (Gavel's does), the next rounds would repeat the same allocation, so the
 * engine advances straight to the round of the next completion or arrival.
 *
 * Complexity per processed round: a key policy (SRTF, LAS, FTF …) computes
 * the n runnable jobs' keys and sorts them starting from last round's order
 * (`rank-sort.ts`: O(n log r) for r ascending runs; only the jobs that ran
 * moved), and the walk stops once fewer GPUs are free than the smallest
 * demand left (`demand-counts.ts`); `keyOrder` (a heap, O(n) + O(k log n) for
 * k jobs examined) serves the other callers and NaN keys. Under an
 * arrival order (FIFO) with a queue longer than twice the cluster's GPUs, the
 * engine does not walk the queue at all: the leased jobs are gathered from
 * the per-server lists, contention is counted lazily (`EngineJobState`), and
 * finished jobs are found by binary search — O(k + L log n) for L leased jobs;
 * they leave the queue by moving the walked part up and advancing its head
 * index (O(part walked), not O(n)).
 *
 * Stepping and persistence (`TrainingEngine`): the state lives in an object
 * that handles one round event per `step()` (at most one event is pending at a
 * time) and can be saved between rounds as plain JSON (`snapshot()`, format in
 * `engine-state.ts`) and restored (`restore`, `TrainingEngine.fromSnapshot`)
 * to continue bit-for-bit as the uninterrupted run would (a policy with state
 * of its own saves it through `JobPolicy.snapshot/restore`; see
 * `TrainingEngine` for Gavel's allocation). `simulateTraining` steps an engine
 * to the end.
 */
import { Simulator } from '../sim/simulator.js';
import type { TrainingJob } from '../model/training.js';
import { typeSpeed } from '../model/training.js';
import { clusterTotals, type TrainingCluster } from '../workload/training/cluster.js';
import { InputError } from '../errors.js';
import { ServerPool } from './server-pool.js';
import { synergyProfile } from '../workload/training/synergy-profiles.js';
import { clearLease, NO_LEASE } from './lease.js';
import { DemandCounts } from './demand-counts.js';
import { sortByRank } from './rank-sort.js';
import { ENGINE_STATE_VERSION, parseEngineState, type EngineConfigState, type TrainingEngineState } from './engine-state.js';
import type { AllocationMode, JobOrder, JobPolicy, JobState, RoundContext, StarvationGuardRule } from './types.js';

export type { TrainingEngineState } from './engine-state.js';

/** Options of a training simulation (`simulateTraining`, `TrainingEngine`); every field optional. */
export interface EngineOptions {
  /** Round (lease) length R in seconds. Default 300. */
  roundLengthSeconds?: number;
  /** Starvation guard threshold (s). Default 1000 h. */
  starvationSeconds?: number;
  /** Starvation guard rule (see `StarvationGuardRule`). Default `permanent` (the original's). */
  starvationGuard?: StarvationGuardRule;
  /** Original: completion at the end of the round in which the work runs out. Default false. */
  completionAtRoundEnd?: boolean;
  /**
   * Original: a job with a Synergy model advances ⌊R / (τ_m / speed)⌋ whole
   * iterations of τ_m fair-share seconds per round (`Job.allocate`'s
   * `math.floor(time / job_iteration_time)`); jobs without a model are not
   * affected. Turns off the fast-forward. Default false (work-seconds exactly).
   */
  wholeIterations?: boolean;
  /** Pre-select GPU-fitting jobs before allocating (original LAS, and every policy under opt). Default: the policy's own flag. */
  preselectByGpu?: boolean;
  /** Called after each processed round's allocation (tests: invariants; reports). `rounds` = how many identical rounds it stands for. */
  onRound?: (ctx: RoundContext, leased: readonly JobState[], rounds: number) => void;
  /** Synergy's `placement: false`: first fit in server-id order instead of consolidation. Default true. */
  consolidate?: boolean;
  /** Stop after this simulated time (s); unfinished jobs are reported with finish −1. Default ∞. */
  until?: number;
  /** Told after each processed round: jobs finished so far, of all jobs (progress bars; observes only). */
  onProgress?: (finishedJobs: number, jobs: number) => void;
  /**
   * Stop once every job whose `index` lies in [from, to) has finished (the
   * original Synergy's end of run, `runner.py` `is_measurement_complete`); later
   * jobs are reported unfinished. With open arrivals, `EngineResult.jobsArrived`
   * tells whether the generated jobs sufficed. Default: run every job to the end.
   */
  stopAfterWindow?: readonly [number, number];
}

/** Per-job outcome. Times in seconds. */
export interface JobOutcome {
  job: TrainingJob;
  firstStart: number;
  finish: number;
  jct: number;
  /** Queueing delay = first start − arrival. */
  queueing: number;
  /** Seconds holding a lease. */
  runSeconds: number;
  /** Average number of contending jobs over the job's life (FTF's N). */
  contendAvg: number;
}

/**
 * Per-job outcomes as columns, in job-index order: entry i of every array
 * belongs to `jobs[i]`. Seconds; `firstStart` and `finish` are −1 for a job
 * that has not started / finished. `JobOutcome`'s `jct` and `queueing` are
 * `finish − arrival` and `firstStart − arrival` (−1 when not reached).
 */
export interface OutcomeColumns {
  jobs: readonly TrainingJob[];
  firstStart: Float64Array;
  finish: Float64Array;
  /** Seconds holding a lease. */
  runSeconds: Float64Array;
  /** Average number of contending jobs over the job's life (FTF's N). */
  contendAvg: Float64Array;
}

/** The outcome object of job i of `c`. */
function outcomeAt(c: OutcomeColumns, i: number): JobOutcome {
  const job = c.jobs[i];
  const firstStart = c.firstStart[i];
  const finish = c.finish[i];
  return {
    job, firstStart, finish,
    jct: finish >= 0 ? finish - job.arrival : -1,
    queueing: firstStart >= 0 ? firstStart - job.arrival : -1,
    runSeconds: c.runSeconds[i],
    contendAvg: c.contendAvg[i],
  };
}

/** One point of the allocation time series (fractions of the cluster allocated during a processed step). */
export interface UtilizationPoint {
  time: number;
  rounds: number;
  /** Fractions of the cluster's GPUs, cores and memory leased during the block. */
  gpu: number;
  cpu: number;
  memory: number;
  /** GPU-seconds of work done during the block (a job finishing mid-block stops counting at its finish), so Σ = `busyGpuSeconds`. */
  busyGpuSeconds: number;
}

/**
 * What a training simulation returns. `outcomes` are in job-index order (finish,
 * JCT, queueing and first start −1 for jobs that did not finish / start);
 * seconds throughout; `roundsSimulated` counts fast-forwarded rounds,
 * `roundsProcessed` the rounds actually computed.
 */
export interface EngineResult {
  /** Per-job outcome objects, built from `columns` on first read. */
  readonly outcomes: JobOutcome[];
  /** The same outcomes as columns (one typed array per field, no object per job). */
  columns: OutcomeColumns;
  /** GPU-seconds actually used by running jobs (until their completion). */
  busyGpuSeconds: number;
  makespan: number;
  utilization: UtilizationPoint[];
  roundsProcessed: number;
  roundsSimulated: number;
  totalGpus: number;
  /** Jobs admitted (arrived) before the run ended; less than the number of jobs when `stopAfterWindow` stopped it early. */
  jobsArrived: number;
}

/**
 * The engine's job state: a `JobState` plus its position in the engine's
 * (arrival, index) order and the engine's contention bookkeeping. Contention
 * (`contendSum`, `contendRounds`) is counted lazily: the engine keeps running
 * totals over the processed rounds and a job takes the difference since its
 * marks when it finishes, between rounds, or before a policy that reads it
 * orders the jobs (integer sums, so the result is exactly the per-round count).
 */
interface EngineJobState extends JobState {
  /** Position in the engine's `states` ((arrival, index) order). */
  readonly slot: number;
  /** The engine's contention totals when this job's were last brought up to date. */
  contendMark: number;
  roundsMark: number;
  /** The last processed round in which the job was collected as leased. */
  leasedMark: number;
}

function newState(job: TrainingJob, slot: number): EngineJobState {
  return {
    job, remaining: job.work, attained: 0, attainedService: 0, firstStart: -1, lastRun: job.arrival, finish: -1,
    contendSum: 0, contendRounds: 0, lease: NO_LEASE, leaseType: -1, coresPerGpu: 0, memPerGpu: 0, speedFactor: 0, speed: 0, degraded: false,
    preferredType: -1, typeSeconds: [], prioritized: false, slot, contendMark: 0, roundsMark: 0, leasedMark: -1,
  };
}

/** Fields of `EngineJobState` that come to hold fractions (or integers beyond 2³¹) though they start as small integers. */
const FRACTIONAL_FIELDS = ['remaining', 'attained', 'attainedService', 'firstStart', 'lastRun', 'finish', 'coresPerGpu', 'memPerGpu', 'speedFactor', 'speed', 'contendSum', 'contendMark'] as const;

/**
 * Gives the states' shared shape its final field representations before the
 * states are made. V8 stores a number field in the representation of its
 * first value: a field that starts as a small integer (0, −1) and later holds a
 * fraction changes the shape, after which every state made before is migrated
 * one by one when next touched and the code reading them sees two shapes.
 * The states are all made before the first round, so that cost fell on every
 * job (full Philly under fifo: 1.7–2.2 s simulated instead of 1.0 s in a warm
 * process). One throwaway state whose number fields once held a non-number
 * settles them as tagged fields: small integers stay inline, fractions are
 * boxed when written (as after the old migration). Settling them as
 * double fields instead (a fraction in the throwaway state) was as fast but
 * boxes every such field of every state from the start: 10× Philly peaked at
 * 1.07 GB instead of 0.77 GB. Values and results are unchanged: only how V8
 * stores the numbers.
 */
function settleStateShape(job: TrainingJob): void {
  const s = newState(job, 0) as unknown as Record<string, unknown>;
  for (const f of FRACTIONAL_FIELDS) s[f] = null;
}

/** True when the jobs are in (arrival, index) order. */
function inArrivalOrder(states: readonly JobState[]): boolean {
  for (let i = 1; i < states.length; i++) {
    const a = states[i - 1].job, b = states[i].job;
    if (a.arrival > b.arrival || (a.arrival === b.arrival && a.index > b.index)) return false;
  }
  return true;
}

/**
 * Lazy order by (starved first, key, arrival, index) via an O(n) heapify.
 * Starved: under `permanent` (default), jobs bumped in an earlier round; every
 * job waiting more than `starvationSeconds` now is bumped for later rounds
 * (the original checks while walking the order, after sorting). Under
 * `per-round`, jobs waiting more than `starvationSeconds` now.
 */
export function keyOrder(policy: JobPolicy, runnable: readonly JobState[], ctx: RoundContext, starvationSeconds: number, rule: StarvationGuardRule = 'permanent'): JobOrder {
  const { keys, starved } = rankJobs(policy, runnable, ctx, starvationSeconds, rule);
  return heapOrder(runnable, keys, starved);
}

/**
 * The keys and starved flags (0 = goes first) of `runnable` by position, for
 * `keyOrder`, in `keys` and `starved` (new, or scratch of length ≥ n); bumps
 * jobs under the `permanent` guard as `keyOrder` describes.
 */
function rankJobs(policy: JobPolicy, runnable: readonly JobState[], ctx: RoundContext, starvationSeconds: number, rule: StarvationGuardRule, keys = new Float64Array(runnable.length), starved = new Uint8Array(runnable.length)): { keys: Float64Array; starved: Uint8Array } {
  const n = runnable.length;
  const permanent = rule === 'permanent';
  for (let i = 0; i < n; i++) {
    const s = runnable[i];
    keys[i] = policy.key!(s, ctx);
    const waiting = policy.starvationGuard && ctx.now - s.lastRun > starvationSeconds;
    if (permanent) {
      starved[i] = s.prioritized ? 0 : 1;
      if (waiting) s.prioritized = true;
    } else starved[i] = waiting ? 0 : 1;
  }
  return { keys, starved };
}

/** `runnable` by (starved, key, arrival, index), popped lazily from a heap built in O(n). */
function heapOrder(runnable: readonly JobState[], keys: Float64Array, starved: Uint8Array): JobOrder {
  const n = runnable.length;
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) heap[i] = i;
  // Ties by (arrival, index); when `runnable` is already in that order (the engine's), by position.
  const less = inArrivalOrder(runnable)
    ? (a: number, b: number): boolean => (starved[a] !== starved[b] ? starved[a] < starved[b] : keys[a] !== keys[b] ? keys[a] < keys[b] : a < b)
    : (a: number, b: number): boolean => {
        if (starved[a] !== starved[b]) return starved[a] < starved[b];
        if (keys[a] !== keys[b]) return keys[a] < keys[b];
        const ja = runnable[a].job, jb = runnable[b].job;
        if (ja.arrival !== jb.arrival) return ja.arrival < jb.arrival;
        return ja.index < jb.index;
      };
  let size = n;
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      let m = l;
      if (l + 1 < size && less(heap[l + 1], heap[l])) m = l + 1;
      if (!less(heap[m], heap[i])) return;
      const t = heap[m];
      heap[m] = heap[i];
      heap[i] = t;
      i = m;
    }
  };
  for (let i = (n >> 1) - 1; i >= 0; i--) down(i);
  return {
    next() {
      if (size === 0) return undefined;
      const top = heap[0];
      heap[0] = heap[--size];
      down(0);
      return runnable[top];
    },
  };
}

/**
 * Steps 2–3 of a round (module header): orders `runnable` by `policy` (its
 * `order`, arrival order, or `key` with the starvation guard) and offers the
 * jobs in turn to `mode` while GPUs are free (no head-of-line blocking); with
 * `preselect` (or a batch mode) the GPU-fitting jobs are chosen first, then
 * allocated. Leases go into `ctx.pool`; `ctx` must have every lease ended and
 * `ctx.contending` set. `runnable` must be in (arrival, index) order. Shared
 * by `TrainingEngine` and the two-level round (`src/two-level/round.ts`).
 * Returns a bound on the positions of the jobs placed: every job holding a
 * lease lies in `runnable[0 … bound)` (under the arrival order, the part of
 * the queue walked; otherwise `runnable.length`). `keyed`, for a key policy
 * only, is `keyOrder(policy, runnable, ctx, starvationSeconds, starvationRule)`
 * made by the caller (the engine sorts from last round's order). `from`, under
 * the arrival order only (else it must be 0): the queue is `runnable[from …]`
 * (the engine's FIFO queue drops finished jobs by advancing its start).
 */
export function allocateRunnable(runnable: readonly JobState[], ctx: RoundContext, policy: JobPolicy, mode: AllocationMode, preselect: boolean, starvationSeconds: number, starvationRule: StarvationGuardRule = 'permanent', keyed?: JobOrder, from = 0): number {
  const pool = ctx.pool;
  let order: JobOrder;
  let walked = -1;
  if (keyed) order = keyed;
  else if (policy.order) {
    for (const s of runnable) s.preferredType = -1;
    order = policy.order(runnable, ctx);
  } else if (policy.arrivalOrder) {
    // `runnable` is kept in (arrival, index) order: admitted in that order, filtered stably.
    walked = from;
    order = { next: () => runnable[walked++] };
  } else order = keyOrder(policy, runnable, ctx, starvationSeconds, starvationRule);
  // A key order has no side effects in `next`: stop once no job left could be offered. (The arrival order is not
  // counted: FIFO's long queue is not walked, and rarely are GPUs left over with nothing that fits.)
  const left = policy.order || policy.arrivalOrder ? undefined : DemandCounts.of(runnable);
  if (preselect || mode.allocateBatch) {
    const selected: JobState[] = [];
    let free = pool.totalFreeGpus;
    for (let s = order.next(); s && free > 0; s = order.next()) {
      const g = s.job.gpus;
      if (g <= free) {
        selected.push(s);
        free -= g;
      }
      if (left) {
        left.take(g);
        if (free < left.min) break;
      }
    }
    policy.reorderSelected?.(selected, mode);
    if (mode.allocateBatch) mode.allocateBatch(selected, ctx);
    else for (const s of selected) if (s.job.gpus <= pool.totalFreeGpus) mode.allocate(s, ctx);
  } else {
    for (let s = order.next(); s && pool.totalFreeGpus > 0; s = order.next()) {
      const g = s.job.gpus;
      if (g <= pool.totalFreeGpus) mode.allocate(s, ctx);
      if (left) {
        left.take(g);
        if (pool.totalFreeGpus < left.min) break;
      }
    }
  }
  return walked >= 0 ? Math.min(walked, runnable.length) : runnable.length;
}

/**
 * Throws InputError (naming `source` and the job) when a job can never run:
 * it needs more GPUs than any accelerator type it can use has in the cluster.
 */
export function checkJobsFit(jobs: readonly TrainingJob[], cluster: TrainingCluster, source = 'jobs'): void {
  const types = [...new Set(cluster.servers.map((s) => s.gpuType))];
  const capacity = types.map((t) => cluster.servers.filter((s) => s.gpuType === t).reduce((a, s) => a + s.gpus, 0));
  for (const j of jobs) {
    if (!types.some((t, i) => typeSpeed(j, t) > 0 && capacity[i] >= j.gpus)) {
      throw new InputError(`job ${j.id} needs ${j.gpus} GPUs of a type it can run on, more than cluster "${cluster.name}" has`, source, `job ${j.id}`);
    }
  }
}

/** `a` if it holds `n` entries, else a larger copy. */
function growTo(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length + 16));
  b.set(a);
  return b;
}

/** The one event kind of the training engine: the start of round `round` (at round × R seconds). */
interface RoundEvent {
  round: number;
}

/** Work-seconds one round of R seconds adds under `wholeIterations`: ⌊R / (τ_m / speed)⌋ iterations of τ_m (the original's expression, same rounding), at least one. */
function wholeIterationWork(s: JobState, R: number): number {
  const tau = synergyProfile(s.job.model!).iterTime;
  return Math.max(1, Math.floor(R / (tau / s.speed))) * tau;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The round-based training simulator as a steppable object whose state between
 * rounds can be saved as JSON (`snapshot`) and restored (`restore`,
 * `fromSnapshot`) to continue exactly — same allocations, same floating-point
 * results — as an uninterrupted run. `simulateTraining` is
 * `new TrainingEngine(…)`, `step()` until it returns false, `result()`.
 *
 * The engine keeps the policy and mode it is given; their own state between
 * rounds is saved only through the optional `JobPolicy.snapshot/restore`.
 * Gavel's policies (`gavel-lp.ts`) implement them: their allocation X is
 * recomputed only when the runnable job set changes, from that round's state
 * (Gavel-FTF reads the elapsed and remaining times then), so it is saved with
 * the engine. The other orders and the allocation modes keep no state
 * between rounds.
 */
export class TrainingEngine {
  /** Round (lease) length R (s). */
  readonly roundLengthSeconds: number;
  private readonly policy: JobPolicy;
  private readonly mode: AllocationMode;
  private readonly options: EngineOptions;
  private readonly cluster: TrainingCluster;
  private readonly starvationSeconds: number;
  private readonly starvationRule: StarvationGuardRule;
  private readonly preselect: boolean;
  private readonly until: number;
  private readonly window: readonly [number, number] | undefined;
  /** Jobs of `window` not finished yet (∞ without a window). */
  private windowLeft = Infinity;
  private readonly totals: { gpus: number; cores: number; memoryGb: number };
  private readonly ctx: RoundContext;
  /** Job states in (arrival, index) order; replaced (same jobs) by `restore`. */
  private states: EngineJobState[];
  /**
   * Arrived, unfinished jobs, kept in (arrival, index) order: `runnable[head …]`. Under the arrival order (FIFO's
   * queue of thousands) finished jobs are dropped by moving the walked part before them up and advancing `head`
   * (O(part walked), not O(queue)); the dead front is cut off once it is at least half the array. Otherwise `head` is 0.
   */
  private runnable: EngineJobState[] = [];
  private head = 0;
  /** True when the policy walks the runnable jobs in arrival order (`allocateRunnable`'s arrival-order branch). */
  private readonly queueOrder: boolean;
  /** Jobs that held a lease in the last processed round (only they need their lease cleared). */
  private prevLeased: EngineJobState[] = [];
  /** Σ over processed rounds of (runnable jobs × rounds it stands for), and Σ rounds: the lazy contention totals (see `EngineJobState`). */
  private contendTotal = 0;
  private roundsTotal = 0;
  /** Scratch of `collectLeased`: this round's leased jobs (a list that keeps its storage). */
  private readonly leasedScratch: EngineJobState[] = [];
  /** Scratch: positions in `runnable` of this round's leased jobs, then of the finished ones (grown with the cluster's GPUs). */
  private leasedAt: Int32Array;
  /**
   * A key policy's order of the last processed round (slots; length `lastOrderLength`, −1 = none): the next
   * round sorts from it, nearly in order already (see rank-sort.ts). A cache: the order is the same without it.
   */
  private lastOrder = new Int32Array(0);
  private lastOrderLength = -1;
  /** Scratch of `keyOrderFromLast`: position in `runnable` by slot; keys, starved flags, the sequence sorted and the sort's buffer. */
  private posBySlot = new Int32Array(0);
  private rankKeys = new Float64Array(0);
  private rankStarved = new Uint8Array(0);
  private rankSeq = new Int32Array(0);
  private rankTmp = new Int32Array(0);
  private nextArrival = 0;
  private busyGpuSeconds = 0;
  private makespan = 0;
  private roundsProcessed = 0;
  private roundsSimulated = 0;
  private utilization: UtilizationPoint[] = [];
  private sim = new Simulator<RoundEvent>();
  /** Rounds of the events in `sim`, in the order `sim` will hand them out (the queue cannot be listed). */
  private pending: number[] = [];
  private readonly handler = (ev: RoundEvent): void => {
    this.pending.shift();
    this.processRound(ev.round);
  };

  /**
   * Sets up a run of `jobs` on `cluster` under `policy` + `mode` (the inputs of
   * `simulateTraining`) and schedules the first round event. Throws InputError
   * for a round length ≤ 0 or a job that can never run (more GPUs than any
   * usable accelerator type has).
   */
  constructor(jobs: readonly TrainingJob[], cluster: TrainingCluster, policy: JobPolicy, mode: AllocationMode, options: EngineOptions = {}) {
    const R = options.roundLengthSeconds ?? 300;
    if (!(R > 0)) throw new InputError(`round length must be > 0 s, got ${R}`, '--round-length');
    this.roundLengthSeconds = R;
    this.policy = policy;
    this.mode = mode;
    this.options = options;
    this.cluster = cluster;
    this.starvationSeconds = options.starvationSeconds ?? 1000 * 3600;
    this.starvationRule = options.starvationGuard ?? 'permanent';
    const pool = new ServerPool(cluster);
    this.totals = clusterTotals(cluster);
    this.leasedAt = new Int32Array(this.totals.gpus);
    const sorted = [...jobs].sort((a, b) => a.arrival - b.arrival || a.index - b.index);
    checkJobsFit(sorted, cluster);
    if (sorted.length) settleStateShape(sorted[0]);
    this.states = sorted.map((job, i) => newState(job, i));
    const totals = this.totals;
    this.ctx = {
      now: 0, roundLengthSeconds: R, totalGpus: totals.gpus, totalCores: totals.cores, totalMemoryGb: totals.memoryGb, contending: 0,
      pool, onServer: cluster.servers.map(() => []), tenantUsage: new Map(), mode, consolidate: options.consolidate ?? true,
    };
    this.preselect = options.preselectByGpu ?? policy.preselectByGpu ?? false;
    this.queueOrder = !policy.order && policy.arrivalOrder === true;
    this.until = options.until ?? Infinity;
    this.window = options.stopAfterWindow;
    this.windowLeft = this.countWindowLeft();
    if (this.states.length) this.schedule(this.boundaryOf(this.states[0].job.arrival));
  }

  /**
   * An engine for the same inputs as the run that produced `state`, continued
   * from it: `new TrainingEngine(jobs, cluster, policy, mode, options)` then
   * `restore(state)`. Throws InputError as the constructor, RangeError as `restore`.
   */
  static fromSnapshot(jobs: readonly TrainingJob[], cluster: TrainingCluster, policy: JobPolicy, mode: AllocationMode, options: EngineOptions, state: unknown): TrainingEngine {
    const e = new TrainingEngine(jobs, cluster, policy, mode, options);
    e.restore(state);
    return e;
  }

  /** True when no round event is pending (`step()` would do nothing). */
  get done(): boolean {
    return this.pending.length === 0;
  }

  /** Start (s) of the last round event handled (0 before the first). */
  get now(): number {
    return this.ctx.now;
  }

  /**
   * The round context as the last processed round left it (its pool holds the
   * current leases; rebuilt from the leases by `restore`). For inspection only:
   * changing it changes nothing the next round sees, which starts by releasing
   * every lease, except through the job states it points to.
   */
  get context(): Readonly<RoundContext> {
    return this.ctx;
  }

  /**
   * Handles exactly one pending round event (one round, or one fast-forwarded
   * span of identical rounds, or an idle boundary with nothing runnable).
   * Returns true when more round events remain. Calling it when `done` is a no-op
   * that returns false. Errors thrown by the policy or mode propagate (the
   * engine is then in an undefined state).
   */
  step(): boolean {
    if (this.pending.length === 0) return false;
    this.sim.run(this.handler, { maxEvents: 1 });
    return this.pending.length > 0;
  }

  /** Steps until no round event remains; returns `result()`. */
  run(): EngineResult {
    while (this.step());
    return this.result();
  }

  /**
   * The outcome so far: per job (in job-index order) first start, finish, JCT,
   * queueing, run seconds and average contention — −1 for what has not
   * happened yet — plus the counters and the utilization series (a copy).
   * After the last step this is what `simulateTraining` returns.
   */
  result(): EngineResult {
    this.syncContention();
    const states = this.states.slice().sort((a, b) => a.job.index - b.job.index);
    const n = states.length;
    const columns: OutcomeColumns = { jobs: states.map((s) => s.job), firstStart: new Float64Array(n), finish: new Float64Array(n), runSeconds: new Float64Array(n), contendAvg: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const s = states[i];
      columns.firstStart[i] = s.firstStart;
      columns.finish[i] = s.finish;
      columns.runSeconds[i] = s.attained;
      columns.contendAvg[i] = s.contendRounds ? s.contendSum / s.contendRounds : 1;
    }
    let outcomes: JobOutcome[] | undefined;
    return {
      get outcomes(): JobOutcome[] {
        return (outcomes ??= Array.from({ length: n }, (_, i) => outcomeAt(columns, i)));
      },
      columns,
      busyGpuSeconds: this.busyGpuSeconds,
      makespan: this.makespan,
      utilization: this.utilization.slice(),
      roundsProcessed: this.roundsProcessed,
      roundsSimulated: this.roundsSimulated,
      totalGpus: this.totals.gpus,
      jobsArrived: this.nextArrival,
    };
  }

  private inWindow(s: JobState): boolean {
    const w = this.window;
    return w !== undefined && s.job.index >= w[0] && s.job.index < w[1];
  }

  private countWindowLeft(): number {
    if (!this.window) return Infinity;
    let n = 0;
    for (const s of this.states) if (this.inWindow(s) && s.finish < 0) n++;
    return n;
  }

  /**
   * The state between rounds as plain JSON (no Maps, typed arrays or class
   * instances; every number finite), independent of the engine (later steps do
   * not change it). See `TrainingEngineState` for the fields. Includes the
   * policy's own state when the policy implements `JobPolicy.snapshot`.
   */
  snapshot(): TrainingEngineState {
    this.syncContention();
    const state: TrainingEngineState = {
      version: ENGINE_STATE_VERSION,
      config: this.configState(),
      now: this.ctx.now,
      contending: this.ctx.contending,
      pending: this.pending.map((round) => ({ round, time: round * this.roundLengthSeconds })),
      nextArrival: this.nextArrival,
      runnable: this.runnable.slice(this.head).map((s) => s.job.index),
      prevLeased: this.prevLeased.map((s) => s.job.index),
      jobs: this.states.map((s) => ({
        index: s.job.index, id: s.job.id,
        remaining: s.remaining, attained: s.attained, attainedService: s.attainedService,
        firstStart: s.firstStart, lastRun: s.lastRun, finish: s.finish,
        contendSum: s.contendSum, contendRounds: s.contendRounds,
        lease: s.lease.map((sh) => ({ server: sh.server, gpus: sh.gpus, cores: sh.cores, memoryGb: sh.memoryGb })),
        leaseType: s.leaseType, coresPerGpu: s.coresPerGpu, memPerGpu: s.memPerGpu, speedFactor: s.speedFactor, speed: s.speed,
        preferredType: s.preferredType,
        typeSeconds: Array.from(s.typeSeconds, (x) => (x === undefined ? null : x)),
        degraded: s.degraded, prioritized: s.prioritized,
      })),
      busyGpuSeconds: this.busyGpuSeconds,
      makespan: this.makespan,
      roundsProcessed: this.roundsProcessed,
      roundsSimulated: this.roundsSimulated,
      utilization: this.utilization.map((p) => ({ time: p.time, rounds: p.rounds, gpu: p.gpu, cpu: p.cpu, memory: p.memory, busyGpuSeconds: p.busyGpuSeconds })),
    };
    if (this.policy.snapshot) state.policyState = this.policy.snapshot();
    return state;
  }

  /**
   * Replaces this engine's state by `state` (from `snapshot()` of an engine
   * built from the same jobs, cluster, policy, mode and options, possibly
   * through JSON), rebuilding the server pool, per-server job lists and tenant
   * usage from the leases. All checks happen before anything changes: on error
   * the engine is left as it was. Throws RangeError (message starting
   * "training-engine state:") when the state is malformed (wrong shape,
   * version, negative or non-integer counts …), was taken under other options,
   * policy, mode, cluster or jobs, or is inconsistent (a runnable job that has
   * finished, a lease on a missing server or over a server's capacity, a job
   * holding a lease outside `prevLeased`, a pending round before `now` …), or
   * when the policy state is missing or unexpected; errors of
   * `JobPolicy.restore` propagate.
   */
  restore(value: unknown): void {
    const st = parseEngineState(value);
    const fail = (msg: string): never => {
      throw new RangeError(`training-engine state: ${msg}`);
    };
    const R = this.roundLengthSeconds;
    // Same configuration.
    const want = this.configState();
    for (const key of Object.keys(want) as (keyof EngineConfigState)[]) {
      if (st.config[key] !== want[key]) fail(`config.${key} is ${JSON.stringify(st.config[key])} but this engine has ${JSON.stringify(want[key])}`);
    }
    // Same jobs, in the same order.
    const n = this.states.length;
    if (st.jobs.length !== n) fail(`jobs has ${st.jobs.length} entries, expected ${n}`);
    const pos = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const job = this.states[i].job;
      if (st.jobs[i].index !== job.index || st.jobs[i].id !== job.id) fail(`jobs[${i}] is job ${st.jobs[i].index} "${st.jobs[i].id}", expected job ${job.index} "${job.id}"`);
      if (pos.has(job.index)) fail(`job index ${job.index} is used by two jobs; snapshots name jobs by index`);
      pos.set(job.index, i);
    }
    if (st.nextArrival > n) fail(`nextArrival ${st.nextArrival} exceeds the ${n} jobs`);
    const pool = this.ctx.pool;
    const nTypes = pool.types.length;
    const nServers = this.cluster.servers.length;
    const states: EngineJobState[] = [];
    for (let i = 0; i < n; i++) {
      const js = st.jobs[i];
      const job = this.states[i].job;
      const where = `jobs[${i}] (job ${job.index})`;
      if (js.firstStart !== -1 && js.firstStart < 0) fail(`${where}.firstStart must be −1 or ≥ 0, got ${js.firstStart}`);
      if (js.finish !== -1 && js.finish < 0) fail(`${where}.finish must be −1 or ≥ 0, got ${js.finish}`);
      if (js.leaseType >= nTypes) fail(`${where}.leaseType ${js.leaseType} is not an accelerator type index (< ${nTypes})`);
      if (js.preferredType >= nTypes) fail(`${where}.preferredType ${js.preferredType} is not an accelerator type index (< ${nTypes})`);
      if (js.typeSeconds.length > nTypes) fail(`${where}.typeSeconds has ${js.typeSeconds.length} entries for ${nTypes} accelerator types`);
      if (js.lease.length > 0) {
        if (js.leaseType < 0) fail(`${where} holds a lease but has leaseType −1`);
        let g = 0;
        for (const sh of js.lease) {
          if (sh.server >= nServers) fail(`${where}.lease names server ${sh.server}; the cluster has ${nServers}`);
          if (sh.gpus < 1) fail(`${where}.lease has a share of ${sh.gpus} GPUs on server ${sh.server}`);
          if (this.cluster.servers[sh.server].gpuType !== pool.types[js.leaseType]) fail(`${where}.lease uses server ${sh.server}, not of its lease type ${pool.types[js.leaseType]}`);
          g += sh.gpus;
        }
        if (g !== job.gpus) fail(`${where}.lease has ${g} GPUs, the job needs ${job.gpus}`);
      } else if (js.leaseType !== -1) fail(`${where} has leaseType ${js.leaseType} but no lease`);
      if (i >= st.nextArrival && (js.finish !== -1 || js.firstStart !== -1 || js.lease.length)) fail(`${where} has not arrived (nextArrival ${st.nextArrival}) but has run`);
      const typeSeconds: number[] = [];
      js.typeSeconds.forEach((x, k) => {
        if (x !== null) typeSeconds[k] = x;
      });
      typeSeconds.length = js.typeSeconds.length;
      states.push({
        job, remaining: js.remaining, attained: js.attained, attainedService: js.attainedService, firstStart: js.firstStart, lastRun: js.lastRun,
        finish: js.finish, contendSum: js.contendSum, contendRounds: js.contendRounds,
        lease: js.lease.map((sh) => ({ server: sh.server, gpus: sh.gpus, cores: sh.cores, memoryGb: sh.memoryGb })),
        leaseType: js.leaseType, coresPerGpu: js.coresPerGpu, memPerGpu: js.memPerGpu, speedFactor: js.speedFactor, speed: js.speed,
        degraded: js.degraded, preferredType: js.preferredType, typeSeconds, prioritized: js.prioritized,
        slot: i, contendMark: 0, roundsMark: 0, leasedMark: -1,
      });
    }
    const lookup = (field: string, list: number[]): EngineJobState[] => {
      const seen = new Set<number>();
      return list.map((index, k) => {
        const p = pos.get(index);
        if (p === undefined) fail(`${field}[${k}]: no job has index ${index}`);
        if (seen.has(index)) fail(`${field}[${k}]: job ${index} is listed twice`);
        seen.add(index);
        return states[p!];
      });
    };
    const runnable = lookup('runnable', st.runnable);
    const prevLeased = lookup('prevLeased', st.prevLeased);
    // runnable = the arrived, unfinished jobs, in engine order.
    let k = 0;
    for (let i = 0; i < st.nextArrival; i++) {
      if (states[i].finish >= 0) continue;
      if (runnable[k] !== states[i]) fail(`runnable must list the arrived, unfinished jobs in (arrival, index) order: expected job ${states[i].job.index} at runnable[${k}]`);
      k++;
    }
    if (k !== runnable.length) fail(`runnable[${k}] (job ${runnable[k].job.index}) has finished or not arrived`);
    // prevLeased = the jobs holding a lease.
    const leasedSet = new Set(prevLeased);
    for (const s of prevLeased) if (s.lease.length === 0) fail(`prevLeased lists job ${s.job.index}, which holds no lease`);
    for (const s of states) if (s.lease.length && !leasedSet.has(s)) fail(`job ${s.job.index} holds a lease but is not in prevLeased`);
    // Counters, series and events.
    if (st.utilization.length !== st.roundsProcessed) fail(`utilization has ${st.utilization.length} points for ${st.roundsProcessed} processed rounds`);
    if (st.roundsSimulated < st.roundsProcessed) fail(`roundsSimulated ${st.roundsSimulated} < roundsProcessed ${st.roundsProcessed}`);
    const pending = st.pending.map((p, i) => {
      if (p.time !== p.round * R) fail(`pending[${i}].time ${p.time} s is not round ${p.round} × ${R} s`);
      if (p.time < st.now) fail(`pending[${i}] at ${p.time} s is before now (${st.now} s)`);
      return p.round;
    });
    for (let i = 1; i < pending.length; i++) if (pending[i] < pending[i - 1]) fail('pending events must be in time order');
    if (this.policy.restore && !('policyState' in st)) fail(`policy ${this.policy.name} keeps state but the snapshot has no policyState`);
    if (!this.policy.restore && 'policyState' in st) fail(`the snapshot has a policyState but policy ${this.policy.name} keeps none`);
    // Rebuild the pool and its per-server lists from the leases (as the last processed round left them).
    const onServer: JobState[][] = this.cluster.servers.map(() => []);
    const tenantUsage = new Map<string, { gpus: number; cores: number; memoryGb: number }>();
    const scratch = new ServerPool(this.cluster);
    for (const s of prevLeased) {
      let u = tenantUsage.get(s.job.tenant);
      if (!u) tenantUsage.set(s.job.tenant, (u = { gpus: 0, cores: 0, memoryGb: 0 }));
      for (const sh of s.lease) {
        if (scratch.freeGpus[sh.server] < sh.gpus) fail(`leases take more GPUs than server ${sh.server} has`);
        scratch.take(sh);
        onServer[sh.server].push(s);
        u.gpus += sh.gpus;
        u.cores += sh.cores;
        u.memoryGb += sh.memoryGb;
      }
    }
    try {
      scratch.checkInvariants();
    } catch (e) {
      fail(`leases exceed a server's capacity: ${(e as Error).message}`);
    }
    if (this.policy.restore) this.policy.restore(st.policyState);
    // Commit.
    pool.reset();
    for (const s of prevLeased) for (const sh of s.lease) pool.take(sh);
    this.ctx.onServer.forEach((l, i) => {
      l.length = 0;
      l.push(...onServer[i]);
    });
    this.ctx.tenantUsage.clear();
    for (const [t, u] of tenantUsage) this.ctx.tenantUsage.set(t, u);
    this.ctx.now = st.now;
    this.ctx.contending = st.contending;
    this.states = states;
    this.runnable = runnable;
    this.head = 0;
    this.prevLeased = prevLeased;
    this.contendTotal = 0;
    this.roundsTotal = 0;
    this.nextArrival = st.nextArrival;
    this.busyGpuSeconds = st.busyGpuSeconds;
    this.makespan = st.makespan;
    this.roundsProcessed = st.roundsProcessed;
    this.roundsSimulated = st.roundsSimulated;
    this.utilization = st.utilization.map((p) => ({ ...p }));
    this.sim = new Simulator<RoundEvent>();
    this.pending = [];
    this.lastOrderLength = -1;
    this.windowLeft = this.countWindowLeft();
    for (const r of pending) this.schedule(r);
  }

  private configState(): EngineConfigState {
    const o = this.options;
    return {
      roundLengthSeconds: this.roundLengthSeconds,
      starvationSeconds: finiteOrNull(this.starvationSeconds),
      starvationGuard: this.starvationRule,
      completionAtRoundEnd: o.completionAtRoundEnd ?? false,
      wholeIterations: o.wholeIterations ?? false,
      preselectByGpu: this.preselect,
      consolidate: this.ctx.consolidate,
      until: finiteOrNull(this.until),
      stopAfterWindow: this.window ? `${this.window[0]}:${this.window[1]}` : null,
      policy: this.policy.name,
      mode: this.mode.name,
      cluster: this.cluster.name,
      servers: this.cluster.servers.length,
      jobs: this.states.length,
    };
  }

  private boundaryOf(t: number): number {
    return Math.max(0, Math.ceil(t / this.roundLengthSeconds - 1e-12));
  }

  /** Schedules the start of round `round`, keeping `pending` in the simulator's (time, insertion) order. */
  private schedule(round: number): void {
    this.sim.at(round * this.roundLengthSeconds, { round });
    let i = this.pending.length;
    while (i > 0 && this.pending[i - 1] > round) i--;
    this.pending.splice(i, 0, round);
  }

  /** Brings the contention of one job, or of every runnable job, up to the totals (see `EngineJobState`). */
  private syncContention(s?: EngineJobState): void {
    if (!s) {
      for (let i = this.head; i < this.runnable.length; i++) this.syncContention(this.runnable[i]);
      return;
    }
    s.contendSum += this.contendTotal - s.contendMark;
    s.contendRounds += this.roundsTotal - s.roundsMark;
    s.contendMark = this.contendTotal;
    s.roundsMark = this.roundsTotal;
  }

  /**
   * `keyOrder` of the runnable jobs, sorted from last round's order (its unfinished jobs, then the jobs admitted
   * from slot `admittedFrom` on) by a natural merge sort: only the jobs that ran moved, so few runs (see
   * rank-sort.ts). With a NaN key the order is not total, so it is left to `keyOrder`'s heap.
   */
  private keyOrderFromLast(admittedFrom: number): JobOrder {
    const runnable = this.runnable;
    const n = runnable.length;
    if (this.rankKeys.length < n) {
      const cap = Math.max(n, 2 * this.rankKeys.length);
      this.rankKeys = new Float64Array(cap);
      this.rankStarved = new Uint8Array(cap);
      this.rankSeq = new Int32Array(cap);
      this.rankTmp = new Int32Array(cap);
    }
    const { keys, starved } = rankJobs(this.policy, runnable, this.ctx, this.starvationSeconds, this.starvationRule, this.rankKeys, this.rankStarved);
    let total = true;
    for (let i = 0; i < n; i++) if (keys[i] !== keys[i]) total = false;
    if (!total) {
      this.lastOrderLength = -1;
      return heapOrder(runnable, keys, starved);
    }
    if (this.posBySlot.length < this.states.length) this.posBySlot = new Int32Array(this.states.length).fill(-1);
    const pos = this.posBySlot;
    for (let i = 0; i < n; i++) pos[runnable[i].slot] = i;
    const seq = this.rankSeq;
    let m = 0;
    if (this.lastOrderLength >= 0) {
      const last = this.lastOrder;
      for (let k = 0; k < this.lastOrderLength; k++) if (this.states[last[k]].finish < 0 && m < n) seq[m++] = pos[last[k]];
      for (let slot = admittedFrom; slot < this.nextArrival && m < n; slot++) seq[m++] = pos[slot];
    }
    if (m !== n) {
      // No usable last order (first round, after `restore`): start from the runnable order.
      for (let i = 0; i < n; i++) seq[i] = i;
    }
    sortByRank(seq, n, this.rankTmp, starved, keys);
    if (this.lastOrder.length < n) this.lastOrder = new Int32Array(Math.max(n, 2 * this.lastOrder.length));
    for (let k = 0; k < n; k++) this.lastOrder[k] = runnable[seq[k]].slot;
    this.lastOrderLength = n;
    let k = 0;
    return { next: () => (k < n ? runnable[seq[k++]] : undefined) };
  }

  /**
   * This round's leased jobs in runnable order, with their positions in
   * `runnable` in `leasedAt`; every leased job lies in `runnable[head … bound)`.
   * A short prefix is scanned (FIFO's queue of thousands only as far as the
   * round walked it); a long one is not: the leased jobs are gathered from the
   * per-server lists (at most one entry per GPU) and sorted by slot.
   */
  private collectLeased(runnable: readonly EngineJobState[], bound: number): EngineJobState[] {
    // Gathered in a scratch list that keeps its storage, then copied once at its size (not grown from empty each round).
    const leased = this.leasedScratch;
    while (leased.length) leased.pop();
    const head = this.head;
    if (bound - head <= 2 * this.totals.gpus) {
      for (let i = head; i < bound; i++) {
        const s = runnable[i];
        if (s.lease.length) {
          this.leasedAt = growTo(this.leasedAt, leased.length + 1);
          this.leasedAt[leased.length] = i;
          leased.push(s);
        }
      }
      return leased.slice();
    }
    const mark = this.roundsProcessed;
    // Their slots, sorted as numbers in place (no comparator, no copy of the list), give them in slot order.
    let n = 0;
    const onServer = this.ctx.onServer;
    for (let v = 0; v < onServer.length; v++) {
      const list = onServer[v] as EngineJobState[];
      for (let i = 0; i < list.length; i++) {
        const j = list[i];
        if (j.leasedMark === mark) continue;
        j.leasedMark = mark;
        this.leasedAt = growTo(this.leasedAt, n + 1);
        this.leasedAt[n++] = j.slot;
      }
    }
    const slots = this.leasedAt.subarray(0, n).sort();
    for (let k = 0; k < n; k++) leased.push(this.states[slots[k]]);
    // runnable is in slot order: find each leased job's position by binary search, from the previous one's
    let lo = head;
    for (let k = 0; k < leased.length; k++) {
      const slot = leased[k].slot;
      let hi = runnable.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (runnable[mid].slot < slot) lo = mid + 1;
        else hi = mid;
      }
      this.leasedAt[k] = lo;
    }
    return leased.slice();
  }

  /**
   * Drops the `finished` jobs at positions `leasedAt[0 … finished)` (ascending) from `runnable`, keeping the
   * order. Under the arrival order the part of the queue before the last of them moves up and `head` advances
   * (the queue behind is not touched; the dead front is cut off once it is half the array, amortised O(1) per
   * job); otherwise the runs between them shift down (a key policy's few hundred jobs). No job is read.
   */
  private dropFinished(finished: number): void {
    const runnable = this.runnable;
    const leasedAt = this.leasedAt;
    if (!this.queueOrder) {
      let w = leasedAt[0];
      for (let f = 0; f < finished; f++) {
        const end = f + 1 < finished ? leasedAt[f + 1] : runnable.length;
        for (let r = leasedAt[f] + 1; r < end; r++) runnable[w++] = runnable[r];
      }
      runnable.length = w;
      return;
    }
    const head = this.head;
    let w = leasedAt[finished - 1];
    for (let f = finished - 1; f >= 0; f--) {
      const start = f > 0 ? leasedAt[f - 1] + 1 : head;
      for (let r = leasedAt[f] - 1; r >= start; r--) runnable[w--] = runnable[r];
    }
    // Now w + 1 === head + finished: the live queue is runnable[head + finished …].
    this.head = w + 1;
    if (2 * this.head >= runnable.length) {
      // (splice, not shift(): one move of the live part, done natively.)
      runnable.splice(0, this.head);
      this.head = 0;
    }
  }

  /** One round event: admit arrivals, end every lease, order, allocate, fast-forward, account, schedule the next. */
  private processRound(idx: number): void {
    const R = this.roundLengthSeconds;
    const { ctx, policy, mode, options, states } = this;
    const pool = ctx.pool;
    const now = idx * R;
    ctx.now = now;
    const runnable = this.runnable;
    let nextArrival = this.nextArrival;
    const admittedFrom = nextArrival;
    while (nextArrival < states.length && states[nextArrival].job.arrival <= now + 1e-9) {
      const s = states[nextArrival++];
      s.contendMark = this.contendTotal;
      s.roundsMark = this.roundsTotal;
      runnable.push(s);
    }
    this.nextArrival = nextArrival;
    const head = this.head;
    const live = runnable.length - head;
    if (live === 0) {
      if (nextArrival < states.length) this.schedule(this.boundaryOf(states[nextArrival].job.arrival));
      return;
    }
    // 1. End every lease.
    pool.reset();
    // pop() rather than `length = 0`: 6× faster for these short lists in a micro-benchmark.
    const onServer = ctx.onServer;
    for (let v = 0; v < onServer.length; v++) while (onServer[v].length) onServer[v].pop();
    ctx.tenantUsage.clear();
    // Indexed loops here: these for-of loops left an iterator result per job per round to the GC.
    for (let i = 0; i < this.prevLeased.length; i++) {
      const s = this.prevLeased[i];
      clearLease(s);
      s.degraded = false;
    }
    ctx.contending = live;
    // 2–3. Order and allocate.
    if (policy.readsContention) this.syncContention();
    const keyed = policy.order || policy.arrivalOrder ? undefined : this.keyOrderFromLast(admittedFrom);
    const bound = allocateRunnable(runnable, ctx, policy, mode, this.preselect, this.starvationSeconds, this.starvationRule, keyed, head);
    // Fast-forward span.
    const leased = this.collectLeased(runnable, bound);
    const leasedAt = this.leasedAt;
    let allServed = leased.length === live;
    for (let i = 0; i < leased.length && allServed; i++) if (leased[i].degraded) allServed = false;
    let k = 1;
    if (allServed && !options.completionAtRoundEnd && !options.wholeIterations && !policy.historyDependent) {
      let kDone = Infinity;
      for (const s of leased) kDone = Math.min(kDone, Math.ceil(s.remaining / (s.speed * R) - 1e-12));
      const kArr = nextArrival < states.length ? this.boundaryOf(states[nextArrival].job.arrival) - idx : Infinity;
      k = Math.max(1, Math.min(kDone, kArr));
      if (!Number.isFinite(k)) k = 1;
    }
    this.prevLeased = leased;
    const span = k * R;
    this.roundsProcessed++;
    this.roundsSimulated += k;
    options.onRound?.(ctx, leased, k);
    let gpusLeased = 0, coresLeased = 0, memLeased = 0;
    this.contendTotal += live * k;
    this.roundsTotal += k;
    let finished = 0;
    let busyGpuSeconds = this.busyGpuSeconds;
    let makespan = this.makespan;
    for (let li = 0; li < leased.length; li++) {
      const s = leased[li];
      const lease = s.lease;
      for (let h = 0; h < lease.length; h++) {
        const sh = lease[h];
        gpusLeased += sh.gpus;
        coresLeased += sh.cores;
        memLeased += sh.memoryGb;
      }
      if (s.firstStart < 0) s.firstStart = now;
      const whole = options.wholeIterations === true && s.job.model !== undefined;
      const perRound = whole ? wholeIterationWork(s, R) : s.speed * R;
      // Whole iterations: the remaining work-seconds are a sum of per-round subtractions whose rounding can leave
      // a few 1e-9 s more than one round's iterations when the original's integer count is exactly one round's; such a
      // job finishes within this round (its need is at most R), not one round later.
      const need = whole ? (s.remaining <= perRound * (1 + 1e-9) + 1e-10 * s.job.work ? Math.min(1, s.remaining / perRound) * R : Infinity) : s.remaining / s.speed;
      if (need <= span + 1e-9) {
        const ranFor = options.completionAtRoundEnd ? Math.ceil(need / R - 1e-12) * R : need;
        s.finish = now + ranFor;
        s.attained += ranFor;
        s.attainedService += ranFor * s.job.gpus;
        busyGpuSeconds += need * s.job.gpus;
        s.remaining = 0;
        makespan = Math.max(makespan, s.finish);
        this.syncContention(s);
        leasedAt[finished++] = leasedAt[li];
        if (this.inWindow(s)) this.windowLeft--;
      } else {
        s.remaining -= perRound * k;
        s.attained += span;
        s.attainedService += span * s.job.gpus;
        busyGpuSeconds += span * s.job.gpus;
      }
      s.typeSeconds[s.leaseType] = (s.typeSeconds[s.leaseType] ?? 0) + Math.min(span, need);
      s.lastRun = now + span;
    }
    const blockBusy = busyGpuSeconds - this.busyGpuSeconds;
    this.busyGpuSeconds = busyGpuSeconds;
    this.makespan = makespan;
    const totals = this.totals;
    this.utilization.push({ time: now, rounds: k, gpu: gpusLeased / totals.gpus, cpu: coresLeased / totals.cores, memory: memLeased / totals.memoryGb, busyGpuSeconds: blockBusy });
    if (finished > 0) this.dropFinished(finished);
    const left = runnable.length - this.head;
    options.onProgress?.(nextArrival - left, states.length);
    const nextIdx = idx + k;
    if ((left || nextArrival < states.length) && nextIdx * R <= this.until && this.windowLeft > 0) {
      this.schedule(left ? nextIdx : Math.max(nextIdx, this.boundaryOf(states[nextArrival].job.arrival)));
    }
  }
}

/**
 * Simulates `jobs` on `cluster` under `policy` + `mode` from time 0 to the end
 * (or `options.until`): a `TrainingEngine` stepped until no round remains.
 * Throws InputError for a round length ≤ 0 or a job that can never run (more
 * GPUs than any usable accelerator type has).
 */
export function simulateTraining(jobs: readonly TrainingJob[], cluster: TrainingCluster, policy: JobPolicy, mode: AllocationMode, options: EngineOptions = {}): EngineResult {
  return new TrainingEngine(jobs, cluster, policy, mode, options).run();
}
