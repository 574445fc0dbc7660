/**
 * The round-based training-cluster simulator (level 2), on the shared
 * discrete-event core (`Simulator`).
 *
 * Semantics (Synergy spec §5; Mohan et al., OSDI'22, msr-fiddle/synergy
 * `simulator/runner.py`): rounds of R seconds (default 300) start at 0, R, 2R …
 * Arrivals wait for the next round boundary. At each boundary every lease
 * ends; the policy orders the runnable jobs (starvation guard: jobs not run
 * for more than `starvationSeconds` go first, unless the policy opts out); the
 * engine walks them and asks the allocation mode to place each job whose GPU
 * demand fits the free GPUs (no head-of-line blocking); with
 * `preselectByGpu` the GPU-fitting jobs are chosen first and then allocated.
 * A job runs at `speed` work-seconds per second for the round; it completes at
 * the exact time within the round (canonical; `completionAtRoundEnd` is the
 * original's option) and its GPUs stay idle until the next boundary.
 *
 * Event-driven fast-forward (ours, exact): when every runnable job holds the
 * lease its mode asked for, no job waits, no arrival falls before the next
 * boundary, and the policy's order does not depend on history (Gavel's does), the next rounds would repeat the same allocation, so the
 * engine advances straight to the round of the next completion or arrival.
 *
 * Complexity per processed round: O(n) heapify of the n runnable jobs plus
 * O(k log n) for the k jobs examined until the GPUs are full.
 */
import { Simulator } from '../sim/simulator.js';
import type { TrainingJob } from '../model/training.js';
import { typeSpeed } from '../model/training.js';
import { clusterTotals, type TrainingCluster } from '../workload/training/cluster.js';
import { InputError } from '../errors.js';
import { ServerPool } from './server-pool.js';
import { clearLease } from './lease.js';
import type { AllocationMode, JobOrder, JobPolicy, JobState, RoundContext } from './types.js';

export interface EngineOptions {
  /** Round (lease) length R in seconds. Default 300. */
  roundLength?: number;
  /** Starvation guard threshold (s). Default 1000 h. */
  starvationSeconds?: number;
  /** Original: completion at the end of the round in which the work runs out. Default false. */
  completionAtRoundEnd?: boolean;
  /** Pre-select GPU-fitting jobs before allocating (original LAS, and every policy under opt). Default: the policy's own flag. */
  preselectByGpu?: boolean;
  /** Called after each processed round's allocation (tests: invariants; reports). `rounds` = how many identical rounds it stands for. */
  onRound?: (ctx: RoundContext, leased: readonly JobState[], rounds: number) => void;
  /** Synergy's `placement: false`: first fit in server-id order instead of consolidation. Default true. */
  consolidate?: boolean;
  /** Stop after this simulated time (s); unfinished jobs are reported with finish −1. Default ∞. */
  until?: number;
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

/** One point of the allocation time series (fractions of the cluster allocated during a processed step). */
export interface UtilizationPoint {
  time: number;
  rounds: number;
  gpu: number;
  cpu: number;
  memory: number;
}

export interface EngineResult {
  outcomes: JobOutcome[];
  /** GPU-seconds actually used by running jobs (until their completion). */
  busyGpuSeconds: number;
  makespan: number;
  utilization: UtilizationPoint[];
  roundsProcessed: number;
  roundsSimulated: number;
  totalGpus: number;
}

function newState(job: TrainingJob): JobState {
  return {
    job, remaining: job.work, attained: 0, attainedService: 0, firstStart: -1, lastRun: job.arrival, finish: -1,
    contendSum: 0, contendRounds: 0, lease: [], leaseType: -1, coresPerGpu: 0, memPerGpu: 0, speedFactor: 0, speed: 0, degraded: false,
    preferredType: -1, typeSeconds: [],
  };
}

/** Lazy order by (starved first, key, arrival, index) via an O(n) heapify. */
export function keyOrder(policy: JobPolicy, runnable: readonly JobState[], ctx: RoundContext, starvationSeconds: number): JobOrder {
  const n = runnable.length;
  const keys = new Float64Array(n);
  const starved = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = runnable[i];
    keys[i] = policy.key!(s, ctx);
    starved[i] = policy.starvationGuard && ctx.now - s.lastRun > starvationSeconds ? 0 : 1;
  }
  const heap = new Int32Array(n);
  for (let i = 0; i < n; i++) heap[i] = i;
  const less = (a: number, b: number): boolean => {
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

/**
 * Simulates `jobs` on `cluster` under `policy` + `mode`. Throws InputError if a
 * job can never run (more GPUs than any usable accelerator type has).
 */
export function simulateTraining(jobs: readonly TrainingJob[], cluster: TrainingCluster, policy: JobPolicy, mode: AllocationMode, options: EngineOptions = {}): EngineResult {
  const R = options.roundLength ?? 300;
  if (!(R > 0)) throw new InputError(`round length must be > 0 s, got ${R}`, '--round-length');
  const starvationSeconds = options.starvationSeconds ?? 1000 * 3600;
  const pool = new ServerPool(cluster);
  const totals = clusterTotals(cluster);
  const sorted = [...jobs].sort((a, b) => a.arrival - b.arrival || a.index - b.index);
  checkJobsFit(sorted, cluster);
  const states = sorted.map(newState);
  const byIndex = new Map<number, JobState>();
  for (const s of states) byIndex.set(s.job.index, s);
  const ctx: RoundContext = {
    now: 0, roundLength: R, totalGpus: totals.gpus, totalCores: totals.cores, totalMemoryGb: totals.memoryGb, contending: 0,
    pool, onServer: cluster.servers.map(() => []), tenantUsage: new Map(), mode, consolidate: options.consolidate ?? true,
  };
  const preselect = options.preselectByGpu ?? policy.preselectByGpu ?? false;
  let runnable: JobState[] = [];
  /** Jobs that held a lease in the last processed round (only they need their lease cleared). */
  let prevLeased: JobState[] = [];
  let nextArrival = 0;
  let done = 0;
  let busyGpuSeconds = 0;
  let makespan = 0;
  let roundsProcessed = 0, roundsSimulated = 0;
  const utilization: UtilizationPoint[] = [];
  const until = options.until ?? Infinity;
  const sim = new Simulator<{ round: number }>();
  const boundaryOf = (t: number): number => Math.max(0, Math.ceil(t / R - 1e-12));
  if (states.length) sim.at(boundaryOf(states[0].job.arrival) * R, { round: boundaryOf(states[0].job.arrival) });

  sim.run((ev) => {
    const idx = ev.round;
    const now = idx * R;
    ctx.now = now;
    while (nextArrival < states.length && states[nextArrival].job.arrival <= now + 1e-9) runnable.push(states[nextArrival++]);
    if (runnable.length === 0) {
      if (nextArrival < states.length) {
        const b = boundaryOf(states[nextArrival].job.arrival);
        sim.at(b * R, { round: b });
      }
      return;
    }
    // 1. End every lease.
    pool.reset();
    for (const l of ctx.onServer) l.length = 0;
    ctx.tenantUsage.clear();
    for (const s of prevLeased) {
      clearLease(s);
      s.degraded = false;
    }
    if (policy.order) for (const s of runnable) s.preferredType = -1;
    ctx.contending = runnable.length;
    // 2–3. Order and allocate.
    let order: JobOrder;
    if (policy.order) order = policy.order(runnable, ctx);
    else if (policy.arrivalOrder) {
      // `runnable` is kept in (arrival, index) order: admitted in that order, filtered stably.
      let i = 0;
      const list = runnable;
      order = { next: () => list[i++] };
    } else order = keyOrder(policy, runnable, ctx, starvationSeconds);
    if (preselect || mode.allocateBatch) {
      const selected: JobState[] = [];
      let free = pool.totalFreeGpus;
      for (let s = order.next(); s && free > 0; s = order.next()) {
        if (s.job.gpus <= free) {
          selected.push(s);
          free -= s.job.gpus;
        }
      }
      policy.reorderSelected?.(selected, mode);
      if (mode.allocateBatch) mode.allocateBatch(selected, ctx);
      else for (const s of selected) if (s.job.gpus <= pool.totalFreeGpus) mode.allocate(s, ctx);
    } else {
      for (let s = order.next(); s && pool.totalFreeGpus > 0; s = order.next()) {
        if (s.job.gpus <= pool.totalFreeGpus) mode.allocate(s, ctx);
      }
    }
    // Fast-forward span.
    const leased: JobState[] = [];
    let allServed = true;
    for (const s of runnable) {
      if (s.lease.length) {
        leased.push(s);
        if (s.degraded) allServed = false;
      } else allServed = false;
    }
    let k = 1;
    if (allServed && !options.completionAtRoundEnd && !policy.historyDependent) {
      let kDone = Infinity;
      for (const s of leased) kDone = Math.min(kDone, Math.ceil(s.remaining / (s.speed * R) - 1e-12));
      const kArr = nextArrival < states.length ? boundaryOf(states[nextArrival].job.arrival) - idx : Infinity;
      k = Math.max(1, Math.min(kDone, kArr));
      if (!Number.isFinite(k)) k = 1;
    }
    prevLeased = leased;
    const span = k * R;
    roundsProcessed++;
    roundsSimulated += k;
    options.onRound?.(ctx, leased, k);
    let gpusLeased = 0, coresLeased = 0, memLeased = 0;
    for (const s of runnable) {
      s.contendSum += runnable.length * k;
      s.contendRounds += k;
    }
    let finishedAny = false;
    for (const s of leased) {
      for (const sh of s.lease) {
        gpusLeased += sh.gpus;
        coresLeased += sh.cores;
        memLeased += sh.memoryGb;
      }
      if (s.firstStart < 0) s.firstStart = now;
      const need = s.remaining / s.speed;
      if (need <= span + 1e-9) {
        const ranFor = options.completionAtRoundEnd ? Math.ceil(need / R - 1e-12) * R : need;
        s.finish = now + ranFor;
        s.attained += ranFor;
        s.attainedService += ranFor * s.job.gpus;
        busyGpuSeconds += need * s.job.gpus;
        s.remaining = 0;
        makespan = Math.max(makespan, s.finish);
        done++;
        finishedAny = true;
      } else {
        s.remaining -= s.speed * span;
        s.attained += span;
        s.attainedService += span * s.job.gpus;
        busyGpuSeconds += span * s.job.gpus;
      }
      s.typeSeconds[s.leaseType] = (s.typeSeconds[s.leaseType] ?? 0) + Math.min(span, need);
      s.lastRun = now + span;
    }
    utilization.push({ time: now, rounds: k, gpu: gpusLeased / totals.gpus, cpu: coresLeased / totals.cores, memory: memLeased / totals.memoryGb });
    if (finishedAny) runnable = runnable.filter((s) => s.finish < 0);
    const nextIdx = idx + k;
    if ((runnable.length || nextArrival < states.length) && nextIdx * R <= until) {
      const b = runnable.length ? nextIdx : Math.max(nextIdx, boundaryOf(states[nextArrival].job.arrival));
      sim.at(b * R, { round: b });
    }
  });
  void done;
  const outcomes: JobOutcome[] = states.map((s) => ({
    job: s.job,
    firstStart: s.firstStart,
    finish: s.finish,
    jct: s.finish >= 0 ? s.finish - s.job.arrival : -1,
    queueing: s.firstStart >= 0 ? s.firstStart - s.job.arrival : -1,
    runSeconds: s.attained,
    contendAvg: s.contendRounds ? s.contendSum / s.contendRounds : 1,
  }));
  outcomes.sort((a, b) => a.job.index - b.job.index);
  return { outcomes, busyGpuSeconds, makespan, utilization, roundsProcessed, roundsSimulated, totalGpus: totals.gpus };
}
