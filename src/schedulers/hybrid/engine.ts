/**
 * Event-driven simulator for hybrid CPU/GPU clusters (AlloX spec §1, §4, §6;
 * Le et al., EuroSys'20). Events: job arrivals, sample-task completions, job
 * completions. After all events of one instant are applied, sample tasks are
 * placed first (strict priority, round-robin over users, each on a whole free
 * slot of its kind), then the policy starts jobs on the remaining free slots.
 * Execution always uses the true processing time p; policies see only the
 * reported p̂ (`estCpuTime/estGpuTime`).
 *
 * Sampling (`sampling`, default on for every policy except DRFF): on arrival a
 * job spawns 4 sample tasks — on CPU 0.01·p^c and 0.02·p^c (each a whole CPU
 * node), on GPU 0.01·p^g and 0.02·p^g (each one GPU), at least `minSampleSeconds`
 * each — and becomes schedulable when its own samples finish
 * (`groupProfiling`: when every sample of jobs with the same arrival time has).
 * Sample tasks are excluded from JCT; machines running them are not free.
 *
 * Progress L_u (§3): Σ v_j over u's running jobs, v_j = d_j on the job's fast
 * device (by p̂) and d_j·p̂_fast/p̂_slow otherwise, with d_j the DRF dominant
 * share of the fast configuration. Fairness metric (§6): time average of the
 * standard deviation of L over users with queued or running jobs.
 * Time is continuous seconds (ours), or IRFsim's integer steps with
 * `timeStepSeconds`.
 */
import { Simulator } from '../../sim/simulator.js';
import { deviceOf, fitsMachine, hybridTotals, type Device, type HybridCluster, type HybridJob } from './cluster.js';

/**
 * A job (or its remaining part, after a preemption) running on one slot: its
 * device, start and planned end, seconds of simulated time.
 */
export interface HybridRunning {
  job: HybridJob;
  device: Device;
  start: number;
  /** Planned end (true time). */
  end: number;
  /** The job whose configuration was booked and timed, when not `job` itself (IRFsim DRFA's CPU fallback). */
  as?: HybridJob;
}

/** What a policy sees and does at one scheduling instant. */
export interface HybridView {
  readonly now: number;
  readonly cluster: HybridCluster;
  /** Free machine ids, ascending. */
  free(): number[];
  /** Queued (schedulable, not running) jobs of each user, in queue (arrival) order. */
  queued(): ReadonlyMap<string, readonly HybridJob[]>;
  /** All users of the workload (for ES's static 1/N), sorted. */
  readonly users: readonly string[];
  /** Running job or sample on a machine, if any. */
  running(machine: number): HybridRunning | { job?: undefined; end: number } | undefined;
  /** Current progress L_u. */
  progress(user: string): number;
  /** Resources held by a user's running jobs (cores, GPUs, GB). */
  usage(user: string): { cores: number; gpus: number; memoryGb: number };
  /** First queued arrival of a user (tie-break), Infinity if none. */
  firstQueuedArrival(user: string): number;
  /**
   * Starts a queued job on a free machine (its configuration must fit). It
   * runs its true time on that kind; with `as` (IRFsim DRFA's CPU fallback)
   * it runs for `as`'s true time there and books `as`'s configuration
   * (cores or GPUs, memory) in its user's usage, `as` staying queued.
   */
  start(job: HybridJob, machine: number, as?: HybridJob): void;
  /** Remaining fraction (0..1] of a job's work (SRPT). */
  remainingFraction(job: HybridJob): number;
  /** Preempts every running job (progress kept), freeing their machines (SRPT). */
  preemptAll(): HybridJob[];
  /** A user's sample tasks not yet placed, in the order they were queued (IRFsim's ES sees them as jobs of the user's queue). */
  queuedSamples(user: string): readonly PendingSample[];
  /**
   * Starts a queued sample task on a free machine of either kind, as IRFsim's
   * ES does (it places sample jobs like any job), for its time on that kind.
   * Throws on a busy machine.
   */
  startSample(sample: PendingSample, machine: number): void;
  /**
   * Stable-sorts a user's queued sample tasks by their time on `device`
   * (`gpuSeconds` or `cpuSeconds`). IRFsim's DRFA sorts the user's whole
   * queue, sample jobs included, before each pick, and its profiling loop
   * (`sampleLoop: irfsim`) takes a user's r-th queued sample in that order.
   */
  sortSamples(user: string, device: Device): void;
}

/**
 * A sample task waiting to be placed: its job, the kind it samples and its
 * duration there (s), and what it would run on either kind — max(minSample,
 * scale × the job's true time), scale 0.01 or 0.02 (IRFsim's ES places a
 * sample on whichever kind its share allows).
 */
export interface PendingSample {
  readonly job: HybridJob;
  readonly device: Device;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly gpuSeconds: number;
}

/**
 * A hybrid-cluster scheduling policy (AlloX, DRFF, DRFS, ES, DRFA, SRPT): at
 * each scheduling instant `schedule(view)` starts queued jobs on free slots
 * through the view. It may declare whether it pays the sampling overhead and
 * which IRFsim quirks apply to it.
 */
export interface HybridPolicy {
  readonly name: string;
  /** Whether this policy pays the sampling overhead (default true). */
  readonly sampling?: boolean;
  /**
   * IRFsim quirks this policy is subject to when the scenario turns them on
   * (declared by the policy, so the engine never tests names):
   * `legacyCpuFlag` — IRFsim never records its CPU placements (the DRF
   * family and ES); `force64GbGpuMemory` — IRFsim accounts its GPU jobs at
   * 64 GB (DRFF).
   */
  readonly quirks?: { readonly legacyCpuFlag?: boolean; readonly force64GbGpuMemory?: boolean };
  /** The policy's own state between scheduling instants as JSON (absent: stateless). */
  snapshot?(): unknown;
  /** Continues from a snapshot of the same policy with the same options. */
  restore?(state: unknown): void;
  /**
   * Starts queued jobs on free slots at one instant (`view.start`; SRPT may
   * `preemptAll` first). Starting a job on a busy slot, or on one its
   * configuration does not fit, throws Error.
   */
  schedule(view: HybridView): void;
}

/**
 * Options of `simulateHybrid`: sampling (overrides the policy's choice) and
 * group profiling, IRFsim quirks (all off by default), the fairness window
 * and a test observer.
 */
export interface HybridOptions {
  sampling?: boolean;
  groupProfiling?: boolean;
  /** Minimum sample duration (s), default 60 (one unit). */
  minSampleSeconds?: number;
  /** Quirk (ours, stricter than IRFsim): skip the policy at an instant when some pending sample tasks could not be placed. Default false. */
  skipPolicyWhileSamplesPending?: boolean;
  /**
   * How sample tasks are placed at each instant. `round-robin` (default):
   * users in turn place their head sample while a slot of its kind is free.
   * `irfsim` (IRFsim `QueueScheduler.scheduleProfilingJobs`): a round-indexed
   * loop over the users that had queued samples at the start — in round r a
   * user's r-th still-queued sample is tried (so a head sample that does not
   * fit is skipped past); the first failed GPU (CPU) placement stops GPU (CPU)
   * placements; the loop ends after the round of the longest queue; the
   * policy is skipped at that instant only when both a GPU and a CPU
   * placement failed. Not combinable with `skipPolicyWhileSamplesPending`.
   */
  sampleLoop?: 'round-robin' | 'irfsim';
  /**
   * Integer-step time (IRFsim: `Simulator.simulateMultiQueues` advances in
   * steps of one unit and finishes a task at the first step at or after its
   * end): every arrival, sample end and job end is rounded up to a multiple of
   * this many seconds. Default: continuous time.
   */
  timeStepSeconds?: number;
  /**
   * IRFsim's queue usage (`JobQueue.getResourceUsage`): a user's running
   * sample tasks count in `usage(user)` — a GPU sample as 1 GPU and 12 GB, a
   * CPU sample as a whole node's cores and 16 GB (`Simulator.createProfilingJob`)
   * — so they count against DRF shares and ES's 1/N. Default false.
   */
  sampleUsage?: boolean;
  /** Quirk (IRFsim): DRFF/DRFS/ES/DRFA never record a CPU placement, so L counts their CPU jobs as GPU jobs. Default false. */
  legacyCpuFlag?: boolean;
  /** Quirk (IRFsim): DRFF accounts every GPU job's memory as 64 GB. Default false. */
  drffForce64GB?: boolean;
  /** Average the fairness metric over [0, window] s only (the original uses its first 20,000 steps). Default: whole run. */
  fairnessWindowSeconds?: number;
  /** Observer called after each scheduling instant (tests: invariants). */
  onInstant?: (now: number, busy: readonly (HybridRunning | null)[]) => void;
  /** Told after each job finishes: jobs finished so far, of all jobs (progress bars; observes only). */
  onProgress?: (finishedJobs: number, jobs: number) => void;
}

/**
 * One finished job: its finish time and JCT (s, from arrival), its wait, the
 * device it last ran on and its total running seconds.
 */
export interface HybridOutcome {
  job: HybridJob;
  finish: number;
  jct: number;
  /** JCT minus time spent running. */
  wait: number;
  device: Device;
  runSeconds: number;
}

/**
 * What `simulateHybrid` returns: one outcome per job (in job-index order), the
 * makespan (s), the fairness metric (time-averaged standard deviation of the
 * progress L over active users, AlloX §6), job utilization of the slots, and
 * the GPU/CPU busy fractions after each scheduling instant.
 */
export interface HybridResult {
  outcomes: HybridOutcome[];
  makespan: number;
  /** Time-averaged std of L over active users. */
  fairness: number;
  /** Fraction of slot-seconds busy with jobs (samples excluded) until the makespan. */
  utilization: number;
  /** Busy fractions after each scheduling instant: job slots of all machines (the `utilization` measure), GPUs and CPU nodes. */
  utilizationSeries: { time: number; slots: number; gpu: number; cpu: number }[];
}

/** The four sample tasks of a job, in IRFsim's order (`Simulator.addProfilingJobs`): CPU 1 %, CPU 2 %, GPU 1 %, GPU 2 %. */
const SAMPLES: readonly (readonly [Device, number])[] = [['cpu', 0.01], ['cpu', 0.02], ['gpu', 0.01], ['gpu', 0.02]];

/** Memory IRFsim books for a GPU / CPU sample task (GB; `Simulator.createProfilingJob`: gpuMem 12, mem GPU_MEM_MAX = 16). */
export const IRFSIM_GPU_SAMPLE_GB = 12;
export const IRFSIM_CPU_SAMPLE_GB = 16;

type Ev = { kind: 'arrival'; job: HybridJob } | { kind: 'sample'; job: HybridJob; machine: number } | { kind: 'done'; job: HybridJob; machine: number; gen: number } | { kind: 'schedule' };

interface Slot {
  run: HybridRunning | null;
  sample: { job: HybridJob; end: number } | null;
}

/** Dominant share of a configuration against cluster totals. */
export function dominantShare(c: HybridCluster, j: HybridJob, device: Device): number {
  const t = hybridTotals(c);
  return device === 'gpu' ? Math.max(j.gpu.gpus / t.gpus, j.gpu.memoryGb / t.memoryGb) : Math.max(j.cpu.cores / t.cores, j.cpu.memoryGb / t.memoryGb);
}

/** v_j of AlloX §3 for a placement on `device`. */
export function progressValue(c: HybridCluster, j: HybridJob, device: Device): number {
  const fast: Device = j.estGpuTime <= j.estCpuTime ? 'gpu' : 'cpu';
  const d = dominantShare(c, j, fast);
  if (device === fast) return d;
  const pf = Math.min(j.estGpuTime, j.estCpuTime), ps = Math.max(j.estGpuTime, j.estCpuTime);
  return (d * pf) / ps;
}

/**
 * Simulates `jobs` on a hybrid CPU/GPU slot cluster under `policy` (see the
 * module header: sampling, progress L_u, fairness). Times in seconds. Throws
 * Error when a job is left unfinished (e.g. it fits no slot; callers check
 * with `checkHybridJobsFit` first) or the policy starts a job illegally.
 */
export function simulateHybrid(jobs: readonly HybridJob[], cluster: HybridCluster, policy: HybridPolicy, options: HybridOptions = {}): HybridResult {
  const M = cluster.gpus + cluster.cpuNodes;
  const slots: Slot[] = Array.from({ length: M }, () => ({ run: null, sample: null }));
  const sampling = options.sampling ?? policy.sampling ?? true;
  const minSample = options.minSampleSeconds ?? 60;
  const users = [...new Set(jobs.map((j) => j.user))].sort();
  const queues = new Map<string, HybridJob[]>(users.map((u) => [u, []]));
  const L = new Map<string, number>(users.map((u) => [u, 0]));
  const usage = new Map(users.map((u) => [u, { cores: 0, gpus: 0, memoryGb: 0 }]));
  const active = new Map<string, number>(users.map((u) => [u, 0])); // queued + running + sampling
  const done = new Map<number, number>(); // fraction done per job index (SRPT)
  const runSecs = new Map<number, number>();
  const gen = new Map<number, number>();
  const outcomes: HybridOutcome[] = [];
  const samplesLeft = new Map<number, number>();
  const groupLeft = new Map<number, number>();
  const pendingSamples: PendingSample[][] = users.map(() => []);
  const userIdx = new Map(users.map((u, i) => [u, i]));
  let rr = 0;
  const sim = new Simulator<Ev>();
  let scheduledAt = -1;
  let fairArea = 0, lastT = 0, lastStd = 0;
  let busyJobSeconds = 0;
  const utilSeries: { time: number; slots: number; gpu: number; cpu: number }[] = [];

  const stdL = (): number => {
    const xs: number[] = [];
    for (const u of users) if (active.get(u)! > 0) xs.push(L.get(u)!);
    if (xs.length === 0) return 0;
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
  };
  const window = options.fairnessWindowSeconds ?? Infinity;
  const accountFair = (now: number): void => {
    const t = Math.min(now, window);
    if (t > lastT) fairArea += lastStd * (t - lastT);
    lastT = Math.max(lastT, t);
  };
  const step = options.timeStepSeconds;
  if (step !== undefined && !(step > 0)) throw new Error(`timeStepSeconds must be > 0, got ${step}`);
  const atStep = (t: number): number => (step ? Math.ceil(t / step - 1e-9) * step : t);
  for (const j of jobs) sim.at(atStep(j.arrival), { kind: 'arrival', job: j });
  const legacy = options.legacyCpuFlag === true && policy.quirks?.legacyCpuFlag === true;
  const gpuMem = (j: HybridJob): number => (options.drffForce64GB && policy.quirks?.force64GbGpuMemory ? 64 : j.gpu.memoryGb);

  const enqueue = (j: HybridJob): void => {
    const q = queues.get(j.user)!;
    q.push(j);
  };
  const removeQueued = (j: HybridJob): void => {
    const q = queues.get(j.user)!;
    const i = q.indexOf(j);
    if (i < 0) throw new Error(`job ${j.id} is not queued`);
    q.splice(i, 1);
  };
  const startJob = (j: HybridJob, m: number, now: number, as?: HybridJob): void => {
    const s = slots[m];
    const b = as ?? j; // booked and timed
    if (s.run || s.sample) throw new Error(`machine ${m} is busy`);
    if (!fitsMachine(cluster, b, m)) throw new Error(`job ${b.id} does not fit machine ${m}`);
    removeQueued(j);
    const device = deviceOf(cluster, m);
    const frac = 1 - (done.get(j.index) ?? 0);
    const p = device === 'gpu' ? b.gpu.time : b.cpu.time;
    const end = atStep(now + frac * p);
    s.run = { job: j, device, start: now, end, ...(as ? { as } : {}) };
    const g = (gen.get(j.index) ?? 0) + 1;
    gen.set(j.index, g);
    sim.at(end, { kind: 'done', job: j, machine: m, gen: g });
    L.set(j.user, L.get(j.user)! + progressValue(cluster, j, legacy ? 'gpu' : device));
    book(j.user, b, device, 1);
  };
  /** Adds (sign 1) or removes (−1) job `b`'s configuration on `device` to/from `user`'s usage. */
  function book(user: string, b: HybridJob, device: Device, sign: 1 | -1): void {
    const u = usage.get(user)!;
    if (device === 'gpu') {
      u.gpus += sign * b.gpu.gpus;
      u.memoryGb += sign * gpuMem(b);
    } else {
      u.cores += sign * b.cpu.cores;
      u.memoryGb += sign * b.cpu.memoryGb;
    }
  }
  const stopJob = (m: number, now: number): HybridRunning => {
    const r = slots[m].run!;
    slots[m].run = null;
    const j = r.job;
    L.set(j.user, L.get(j.user)! - progressValue(cluster, j, legacy ? 'gpu' : r.device));
    const b = r.as ?? j;
    book(j.user, b, r.device, -1);
    const p = r.device === 'gpu' ? b.gpu.time : b.cpu.time;
    done.set(j.index, Math.min(1, (done.get(j.index) ?? 0) + (now - r.start) / p));
    runSecs.set(j.index, (runSecs.get(j.index) ?? 0) + (now - r.start));
    busyJobSeconds += now - r.start;
    return r;
  };

  const view = (now: number): HybridView => ({
    now,
    cluster,
    users,
    free: () => {
      const out: number[] = [];
      for (let m = 0; m < M; m++) if (!slots[m].run && !slots[m].sample) out.push(m);
      return out;
    },
    queued: () => queues,
    running: (m) => slots[m].run ?? (slots[m].sample ? { end: slots[m].sample!.end } : undefined),
    progress: (u) => L.get(u)!,
    usage: (u) => ({ ...usage.get(u)! }),
    firstQueuedArrival: (u) => queues.get(u)![0]?.arrival ?? Infinity,
    start: (j, m, as) => startJob(j, m, now, as),
    remainingFraction: (j) => 1 - (done.get(j.index) ?? 0),
    preemptAll: () => {
      const out: HybridJob[] = [];
      for (let m = 0; m < M; m++) {
        if (!slots[m].run) continue;
        const r = stopJob(m, now);
        enqueue(r.job);
        out.push(r.job);
      }
      for (const q of queues.values()) q.sort((a, b) => a.arrival - b.arrival || a.index - b.index);
      return out;
    },
    queuedSamples: (u) => pendingSamples[userIdx.get(u)!].slice(),
    startSample: (t, m) => {
      if (slots[m].run || slots[m].sample) throw new Error(`machine ${m} is busy`);
      const q = pendingSamples[userIdx.get(t.job.user)!];
      const i = q.indexOf(t);
      if (i < 0) throw new Error(`sample of job ${t.job.id} is not queued`);
      q.splice(i, 1);
      const kind = deviceOf(cluster, m);
      addSample(m, { ...t, device: kind, seconds: kind === 'gpu' ? t.gpuSeconds : t.cpuSeconds }, now);
    },
    sortSamples: (u, device) => {
      const key = (t: PendingSample): number => (device === 'gpu' ? t.gpuSeconds : t.cpuSeconds);
      pendingSamples[userIdx.get(u)!].sort((a, b) => key(a) - key(b));
    },
  });

  const placeSamples = (now: number): void => {
    let progressMade = true;
    while (progressMade) {
      progressMade = false;
      for (let k = 0; k < users.length; k++) {
        const ui = (rr + k) % users.length;
        const q = pendingSamples[ui];
        if (q.length === 0) continue;
        const t = q[0];
        let m = -1;
        if (t.device === 'gpu') {
          for (let i = 0; i < cluster.gpus; i++) if (!slots[i].run && !slots[i].sample) { m = i; break; }
        } else {
          for (let i = cluster.gpus; i < M; i++) if (!slots[i].run && !slots[i].sample) { m = i; break; }
        }
        if (m < 0) continue;
        q.shift();
        addSample(m, t, now);
        rr = (ui + 1) % users.length;
        progressMade = true;
        break;
      }
    }
  };

  /** Occupies slot `m` with sample `t` until its (step-rounded) end; with `sampleUsage` the sample counts in its user's usage. */
  function addSample(m: number, t: PendingSample, now: number): void {
    const end = atStep(now + t.seconds);
    slots[m].sample = { job: t.job, end };
    sim.at(end, { kind: 'sample', job: t.job, machine: m });
    if (options.sampleUsage) sampleUse(t.job.user, deviceOf(cluster, m), 1);
  }
  function sampleUse(user: string, device: Device, sign: 1 | -1): void {
    const u = usage.get(user)!;
    if (device === 'gpu') {
      u.gpus += sign;
      u.memoryGb += sign * IRFSIM_GPU_SAMPLE_GB;
    } else {
      u.cores += sign * cluster.coresPerNode;
      u.memoryGb += sign * IRFSIM_CPU_SAMPLE_GB;
    }
  }

  /** Tries to start sample `t` of user `ui` on a free slot of its kind; true when placed. */
  const startSample = (ui: number, t: PendingSample, now: number): boolean => {
    const [lo, hi] = t.device === 'gpu' ? [0, cluster.gpus] : [cluster.gpus, M];
    for (let i = lo; i < hi; i++) {
      if (slots[i].run || slots[i].sample) continue;
      const q = pendingSamples[ui];
      q.splice(q.indexOf(t), 1);
      addSample(i, t, now);
      return true;
    }
    return false;
  };

  /** IRFsim's profiling loop (see `HybridOptions.sampleLoop`); returns whether the policy runs at this instant. */
  const placeSamplesIrfsim = (now: number): boolean => {
    const active: number[] = [];
    for (let ui = 0; ui < users.length; ui++) if (pendingSamples[ui].length > 0) active.push(ui);
    if (active.length === 0) return true;
    let gpuOk = true, cpuOk = true, round = 0, qi = 0, maxRound = -Infinity;
    while (gpuOk || cpuOk) {
      const ui = active[qi % active.length];
      const queued = pendingSamples[ui].slice();
      if (round < 1) maxRound = Math.max(maxRound, queued.length);
      if (round < queued.length) {
        const t = queued[round];
        if (t.device === 'gpu' && gpuOk) gpuOk = startSample(ui, t, now);
        else if (t.device === 'cpu' && cpuOk) cpuOk = startSample(ui, t, now);
      }
      qi++;
      if (qi % active.length === 0 && ++round > maxRound) return true;
    }
    return false;
  };

  const makeSchedulable = (j: HybridJob): void => {
    if (options.groupProfiling) {
      const left = groupLeft.get(j.arrival)! - 1;
      groupLeft.set(j.arrival, left);
      if (left > 0) return;
      for (const x of groupMembers.get(j.arrival)!) enqueue(x);
      for (const q of queues.values()) q.sort((a, b) => a.arrival - b.arrival || a.index - b.index);
    } else enqueue(j);
  };
  const groupMembers = new Map<number, HybridJob[]>();

  sim.run((ev, s) => {
    const now = s.now;
    accountFair(now);
    switch (ev.kind) {
      case 'arrival': {
        const j = ev.job;
        active.set(j.user, active.get(j.user)! + 1);
        if (sampling) {
          const secs = (x: number): number => Math.max(minSample, x);
          const list = pendingSamples[userIdx.get(j.user)!];
          for (const [device, scale] of SAMPLES) {
            const cpuSeconds = secs(scale * j.cpu.time), gpuSeconds = secs(scale * j.gpu.time);
            list.push({ job: j, device, cpuSeconds, gpuSeconds, seconds: device === 'gpu' ? gpuSeconds : cpuSeconds });
          }
          samplesLeft.set(j.index, 4);
          if (options.groupProfiling) {
            groupLeft.set(j.arrival, (groupLeft.get(j.arrival) ?? 0) + 1);
            const g = groupMembers.get(j.arrival) ?? [];
            g.push(j);
            groupMembers.set(j.arrival, g);
          }
        } else enqueue(j);
        break;
      }
      case 'sample': {
        slots[ev.machine].sample = null;
        if (options.sampleUsage) sampleUse(ev.job.user, deviceOf(cluster, ev.machine), -1);
        const left = samplesLeft.get(ev.job.index)! - 1;
        samplesLeft.set(ev.job.index, left);
        if (left === 0) makeSchedulable(ev.job);
        break;
      }
      case 'done': {
        if (gen.get(ev.job.index) !== ev.gen || slots[ev.machine].run?.job !== ev.job) break; // stale (preempted)
        const r = stopJob(ev.machine, now);
        active.set(r.job.user, active.get(r.job.user)! - 1);
        outcomes.push({ job: r.job, finish: now, jct: now - r.job.arrival, wait: now - r.job.arrival - runSecs.get(r.job.index)!, device: r.device, runSeconds: runSecs.get(r.job.index)! });
        options.onProgress?.(outcomes.length, jobs.length);
        break;
      }
      case 'schedule': {
        let runPolicy: boolean;
        if (options.sampleLoop === 'irfsim') runPolicy = placeSamplesIrfsim(now);
        else {
          placeSamples(now);
          runPolicy = !(options.skipPolicyWhileSamplesPending && pendingSamples.some((q) => q.length > 0));
        }
        if (runPolicy) policy.schedule(view(now));
        const busy = slots.map((x) => x.run);
        options.onInstant?.(now, busy);
        let g = 0, c = 0;
        for (let m = 0; m < M; m++) {
          if (!slots[m].run) continue;
          if (m < cluster.gpus) g++;
          else c++;
        }
        utilSeries.push({ time: now, slots: (g + c) / M, gpu: cluster.gpus ? g / cluster.gpus : 0, cpu: cluster.cpuNodes ? c / cluster.cpuNodes : 0 });
        break;
      }
    }
    if (ev.kind !== 'schedule' && scheduledAt !== now) {
      scheduledAt = now;
      s.at(now, { kind: 'schedule' }, 1);
    }
    lastStd = stdL();
  });
  if (outcomes.length !== jobs.length) throw new Error(`hybrid simulation ended with ${jobs.length - outcomes.length} unfinished jobs under ${policy.name}`);
  outcomes.sort((a, b) => a.job.index - b.job.index);
  const makespan = outcomes.reduce((a, o) => Math.max(a, o.finish), 0);
  return {
    outcomes,
    makespan,
    fairness: lastT > 0 ? fairArea / lastT : 0,
    utilization: makespan > 0 ? busyJobSeconds / (makespan * M) : 0,
    utilizationSeries: utilSeries,
  };
}
