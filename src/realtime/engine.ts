/**
 * The event-driven, layer-granular simulator of the real-time level
 * (shared/specs/realtime-drl.md §2), on top of `Simulator` (src/sim).
 *
 * Mechanics (one mechanism for every scheduler; the rule varies):
 * - A request (job) runs its layers in order, one at a time; a started layer
 *   runs to completion on one sub-accelerator (non-preemptive per layer);
 *   successive layers may change sub-accelerator (+ `interLayerTransferS`).
 * - A sub-accelerator runs at most one layer at a time.
 * - Fluid bandwidth contention (§2.3): with running set R, if Σ_R b > B each
 *   running layer progresses at rate B / Σ_R b (isolated seconds per second);
 *   rates are recomputed at every start and finish.
 * - Decision points are event-driven (after the arrivals and finishes of one
 *   instant) or periodic every `cycleS` seconds (§2.8).
 * - Firm semantics (§2.6): at each decision point a waiting job is dropped
 *   when now + Σ_{remaining} min_s c > d ("infeasible", default) or when
 *   now ≥ d ("atDeadline"); a completion after d is a miss.
 *
 * The scheduler sees a `SchedulerView` and returns `Dispatch`es; the engine
 * validates them (idle sub-accelerator, waiting job, no duplicates) and
 * throws an Error on a violation (a scheduler bug, not bad input).
 */
import { percentSteps } from '../sim/progress.js';
import { Simulator } from '../sim/simulator.js';
import type { ModelProfile } from './cost-model.js';
import type { SystemSpec } from './system.js';
import type { InferenceRequest, ServicePair } from './workload.js';

/** When a waiting job is dropped: infeasible (default), at its deadline, or never (soft real-time; for analyses and tests). */
export type DropPolicy = 'infeasible' | 'atDeadline' | 'never';

/**
 * Options of the real-time simulator (`simulate` takes any subset; the rest
 * from `DEFAULT_ENGINE_OPTIONS`): drop rule, decision cycle, SLI window, and
 * whether to record per-layer intervals. Times in seconds.
 */
export interface EngineOptions {
  dropPolicy: DropPolicy;
  /** Periodic decision cycle T_s (s); undefined = event-driven. */
  cycleS?: number;
  /** Sliding window for the current SLI HR(window) (s). */
  sliWindowS: number;
  /** Record per-layer execution intervals (for Gantt charts and invariant tests). */
  recordIntervals: boolean;
  /** Time constant τ (s) of each sub-accelerator's exponentially weighted busy fraction (`SchedulerView.utilization`); default 0.01. */
  utilizationTauS?: number;
  /** Told at every 1 % of the arrival horizon: simulated seconds reached, of the last arrival's time (progress bars; observes only). */
  onProgress?: (nowS: number, horizonS: number) => void;
}

/** Defaults: drop infeasible jobs, event-driven decisions, a 1 s SLI window, no intervals recorded. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { dropPolicy: 'infeasible', sliWindowS: 1, recordIntervals: false };

/** A job (request) as schedulers see it. Only *waiting* jobs (arrived, unfinished, next layer not running, ready) are offered. */
export interface JobView {
  readonly id: number;
  readonly request: InferenceRequest;
  readonly pair: ServicePair;
  readonly profile: ModelProfile;
  /** Index of the next layer to run (0..K−1). */
  readonly nextLayer: number;
  /** Σ_{i ≥ next} min_s c (s). */
  readonly remainingOptimisticS: number;
  /** d − now − remainingOptimisticS (s); < 0 means it will miss even alone. */
  readonly slackS: number;
  /** Sub-accelerator that ran the previous layer (−1 for none). */
  readonly lastSub: number;
}

/**
 * What a scheduler sees at one decision point: the time (s), the system and
 * service pairs, the waiting jobs, idle sub-accelerators, when each busy one
 * frees up, shared bandwidth in use (GB/s), and the windowed and cumulative
 * SLI (deadline hit rate) of each pair. Only offered when at least one
 * sub-accelerator is idle and one job is waiting.
 */
export interface SchedulerView {
  readonly now: number;
  readonly system: SystemSpec;
  readonly pairs: readonly ServicePair[];
  /** Waiting jobs, in arrival order. */
  readonly waiting: readonly JobView[];
  /** Indices of idle sub-accelerators, ascending. */
  readonly idle: readonly number[];
  /** Estimated time each sub-accelerator becomes free at current rates (s; = now when idle). */
  readonly busyUntil: readonly number[];
  /** Σ b of running layers (GB/s). */
  readonly bandwidthInUseGBps: number;
  /** Number of running layers. */
  readonly running: number;
  /** Current SLI of each pair over the sliding window (hits / resolved; the target when nothing resolved yet). */
  readonly windowHitRate: readonly number[];
  /** Cumulative SLI of each pair (hits / resolved so far; the target when nothing resolved yet). */
  readonly cumulativeHitRate: readonly number[];
  /**
   * Busy fraction of each sub-accelerator, exponentially weighted over the
   * past with time constant τ = `utilizationTauS`: u ← b + (u − b)·e^(−Δt/τ)
   * over every interval Δt in which the busy indicator b ∈ {0, 1} is
   * constant; 0 at time 0. In [0, 1].
   */
  readonly utilization: readonly number[];
}

/**
 * One decision: run the next layer of waiting job `job` (its `JobView.id`) on
 * idle sub-accelerator `sub` (index into the system's sub-accelerators).
 */
export interface Dispatch {
  readonly job: number;
  readonly sub: number;
}

/** A request scheduler: one decision per decision point. Implementations keep their own per-run state and must be `reset` before each run. */
export interface RealtimeScheduler {
  readonly name: string;
  /**
   * Clears per-run state and receives the run's service pairs, model profiles,
   * system and request set; called once before each run.
   */
  reset(ctx: { pairs: readonly ServicePair[]; profiles: readonly ModelProfile[]; system: SystemSpec; requests: readonly InferenceRequest[] }): void;
  /**
   * Chooses which waiting jobs start their next layer on which idle
   * sub-accelerators (possibly none). A dispatch to a busy or unknown
   * sub-accelerator, of a job that is not waiting, or of one job twice makes
   * the engine throw Error.
   */
  decide(view: SchedulerView): Dispatch[];
  /** Called when a job resolves (hit, late or dropped), for learning schedulers. */
  onResolve?(job: number, outcome: Outcome, now: number): void;
  /** Called once after the run. */
  finish?(now: number): void;
}

/** How a request resolved: finished by its deadline (hit), finished after it (late), or dropped (firm semantics). */
export type Outcome = 'hit' | 'late' | 'dropped';

/** Per-request record of a run. */
export interface RequestRecord {
  readonly id: number;
  readonly pair: number;
  readonly arrivalS: number;
  readonly deadlineS: number;
  /** Start of the first layer (s), null if never started. */
  startS: number | null;
  /** Completion (s) or drop time (s). */
  endS: number | null;
  outcome: Outcome | null;
  layersRun: number;
  /** Σ of isolated latencies of the layers run where they ran (s). */
  isolatedWorkS: number;
  energyJ: number;
}

/**
 * One layer execution of a recorded run (`recordIntervals`): sub-accelerator,
 * job, layer index, start and end (s, stretched by bandwidth contention) and
 * isolated latency (s).
 */
export interface LayerInterval {
  readonly sub: number;
  readonly job: number;
  readonly layer: number;
  readonly startS: number;
  readonly endS: number;
  /** Isolated latency of this layer on this sub-accelerator (s). */
  readonly isolatedS: number;
}

/**
 * What `simulate` returns: one record per request (in request order), the
 * layer intervals (when recorded), busy seconds per sub-accelerator, the end
 * time, the number of decisions and their wall-clock cost, and the isolated
 * work done (s).
 */
export interface EngineResult {
  readonly records: RequestRecord[];
  readonly intervals: LayerInterval[];
  /** Busy time per sub-accelerator (s). */
  readonly busyS: number[];
  /** Last event time (s). */
  readonly endS: number;
  readonly decisions: number;
  /** Wall-clock time spent inside scheduler.decide (s). */
  readonly decideWallS: number;
  /** Σ isolated latency completed (s) — equals Σ c of finished layers (work conservation). */
  readonly workDoneS: number;
}

type Ev = { kind: 'arrival'; req: number } | { kind: 'finish'; sub: number; version: number } | { kind: 'ready'; job: number } | { kind: 'decide' } | { kind: 'cycle' };

interface Running {
  job: number;
  layer: number;
  remaining: number;
  b: number;
  startS: number;
  c: number;
}

interface JobState {
  arrived: boolean;
  next: number;
  runningOn: number;
  readyAt: number;
  lastSub: number;
  done: boolean;
}

/** Runs one scheduler over one request set. Deterministic: same inputs → same result. */
export function simulate(
  system: SystemSpec,
  pairs: readonly ServicePair[],
  profiles: readonly ModelProfile[],
  requests: readonly InferenceRequest[],
  scheduler: RealtimeScheduler,
  options: Partial<EngineOptions> = {},
): EngineResult {
  const opt: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const S = system.subAccelerators.length;
  const B = system.bandwidthGBps;
  const sim = new Simulator<Ev>();
  const jobs: JobState[] = requests.map(() => ({ arrived: false, next: 0, runningOn: -1, readyAt: 0, lastSub: -1, done: false }));
  const records: RequestRecord[] = requests.map((r) => ({ id: r.id, pair: r.pair, arrivalS: r.arrivalS, deadlineS: r.deadlineS, startS: null, endS: null, outcome: null, layersRun: 0, isolatedWorkS: 0, energyJ: 0 }));
  const running: (Running | null)[] = new Array(S).fill(null);
  const version = new Array<number>(S).fill(0);
  const busyS = new Array<number>(S).fill(0);
  const util = new Array<number>(S).fill(0);
  const tau = opt.utilizationTauS ?? 0.01;
  const intervals: LayerInterval[] = [];
  let active: number[] = []; // arrived, unresolved job ids (arrival order)
  let lastAdvance = 0;
  let rate = 1;
  let bwInUse = 0;
  let decideScheduled = -1;
  let decisions = 0;
  let decideWall = 0;
  let workDone = 0;
  let unresolved = requests.length;
  // SLI bookkeeping per pair.
  const P = pairs.length;
  const resolvedCum = new Array<number>(P).fill(0);
  const hitsCum = new Array<number>(P).fill(0);
  const win: { t: number; hit: boolean }[][] = pairs.map(() => []);
  const winHead = new Array<number>(P).fill(0);
  const winHits = new Array<number>(P).fill(0);

  scheduler.reset({ pairs, profiles, system, requests });

  const advance = (now: number): void => {
    const dt = now - lastAdvance;
    if (dt > 0) {
      const decay = Math.exp(-dt / tau);
      for (let s = 0; s < S; s++) {
        const r = running[s];
        if (r) {
          const progress = Math.min(r.remaining, dt * rate);
          r.remaining -= progress;
          busyS[s] += dt;
        }
        const b = r ? 1 : 0;
        util[s] = b + (util[s] - b) * decay;
      }
    }
    lastAdvance = now;
  };
  const reschedule = (now: number): void => {
    bwInUse = 0;
    for (let s = 0; s < S; s++) if (running[s]) bwInUse += running[s]!.b;
    rate = system.contention === 'fluid' && bwInUse > B ? B / bwInUse : 1;
    for (let s = 0; s < S; s++) {
      const r = running[s];
      if (!r) continue;
      version[s]++;
      sim.at(now + r.remaining / rate, { kind: 'finish', sub: s, version: version[s] });
    }
  };
  const resolve = (j: number, outcome: Outcome, now: number): void => {
    const rec = records[j];
    rec.outcome = outcome;
    rec.endS = now;
    jobs[j].done = true;
    unresolved--;
    const p = requests[j].pair;
    resolvedCum[p]++;
    const hit = outcome === 'hit';
    if (hit) hitsCum[p]++;
    win[p].push({ t: now, hit });
    if (hit) winHits[p]++;
    scheduler.onResolve?.(j, outcome, now);
  };
  const requestDecision = (now: number): void => {
    if (opt.cycleS !== undefined) return; // periodic mode: decisions only at cycle boundaries
    if (decideScheduled === now) return;
    decideScheduled = now;
    sim.at(now, { kind: 'decide' }, 1);
  };

  const decide = (now: number): void => {
    advance(now);
    // 1. Drop rule.
    const keep: number[] = [];
    for (const j of active) {
      const st = jobs[j];
      if (st.done) continue;
      if (st.runningOn < 0 && opt.dropPolicy !== 'never') {
        const req = requests[j];
        const prof = profiles[pairs[req.pair].modelIndex];
        const infeasible = opt.dropPolicy === 'infeasible' ? now + prof.optimisticRemainingS[st.next] > req.deadlineS + 1e-12 : now >= req.deadlineS;
        if (infeasible) {
          resolve(j, 'dropped', now);
          continue;
        }
      }
      keep.push(j);
    }
    active = keep;
    // 2. Window SLI.
    const windowHitRate = new Array<number>(P);
    const cumulativeHitRate = new Array<number>(P);
    for (let p = 0; p < P; p++) {
      const w = win[p];
      while (winHead[p] < w.length && w[winHead[p]].t < now - opt.sliWindowS) {
        if (w[winHead[p]].hit) winHits[p]--;
        winHead[p]++;
      }
      if (winHead[p] > 1024 && winHead[p] * 2 > w.length) {
        win[p] = w.slice(winHead[p]);
        winHead[p] = 0;
      }
      const n = win[p].length - winHead[p];
      windowHitRate[p] = n > 0 ? winHits[p] / n : pairs[p].sloTarget;
      cumulativeHitRate[p] = resolvedCum[p] > 0 ? hitsCum[p] / resolvedCum[p] : pairs[p].sloTarget;
    }
    const idle: number[] = [];
    const busyUntil = new Array<number>(S);
    for (let s = 0; s < S; s++) {
      const r = running[s];
      if (!r) idle.push(s);
      busyUntil[s] = r ? now + r.remaining / rate : now;
    }
    const waiting: JobView[] = [];
    for (const j of active) {
      const st = jobs[j];
      if (st.runningOn >= 0 || st.readyAt > now) continue;
      const req = requests[j];
      const pair = pairs[req.pair];
      const profile = profiles[pair.modelIndex];
      const rem = profile.optimisticRemainingS[st.next];
      waiting.push({ id: j, request: req, pair, profile, nextLayer: st.next, remainingOptimisticS: rem, slackS: req.deadlineS - now - rem, lastSub: st.lastSub });
    }
    if (idle.length === 0 || waiting.length === 0) return;
    const view: SchedulerView = { now, system, pairs, waiting, idle, busyUntil, bandwidthInUseGBps: bwInUse, running: S - idle.length, windowHitRate, cumulativeHitRate, utilization: util.slice() };
    const t0 = performance.now();
    const out = scheduler.decide(view);
    decideWall += (performance.now() - t0) / 1000;
    decisions++;
    if (out.length === 0) return;
    const usedJobs = new Set<number>();
    for (const d of out) {
      if (running[d.sub] !== null || d.sub < 0 || d.sub >= S) throw new Error(`${scheduler.name}: dispatch to busy or unknown sub-accelerator ${d.sub} at ${now}s`);
      const st = jobs[d.job];
      if (!st || st.done || st.runningOn >= 0 || st.readyAt > now || !st.arrived || usedJobs.has(d.job)) throw new Error(`${scheduler.name}: job ${d.job} is not waiting at ${now}s`);
      usedJobs.add(d.job);
      const prof = profiles[pairs[requests[d.job].pair].modelIndex];
      const c = prof.latencyS[st.next][d.sub];
      running[d.sub] = { job: d.job, layer: st.next, remaining: c, b: prof.bandwidthGBps[st.next][d.sub], startS: now, c };
      st.runningOn = d.sub;
      const rec = records[d.job];
      if (rec.startS === null) rec.startS = now;
    }
    reschedule(now);
  };

  for (const r of requests) sim.at(r.arrivalS, { kind: 'arrival', req: r.id });
  if (opt.cycleS !== undefined) {
    if (!(opt.cycleS > 0)) throw new RangeError(`cycleS must be > 0, got ${opt.cycleS}`);
    sim.at(0, { kind: 'cycle' }, 1);
  }

  const horizonS = requests.reduce((a, r) => Math.max(a, r.arrivalS), 0);
  const progress = opt.onProgress;
  const tick = progress ? percentSteps(horizonS, (t) => progress(Math.min(t, horizonS), horizonS)) : undefined;
  sim.run((ev, s) => {
    const now = s.now;
    tick?.(now);
    switch (ev.kind) {
      case 'arrival':
        jobs[ev.req].arrived = true;
        jobs[ev.req].readyAt = now;
        active.push(ev.req);
        requestDecision(now);
        break;
      case 'ready':
        requestDecision(now);
        break;
      case 'finish': {
        if (ev.version !== version[ev.sub]) break;
        advance(now);
        const r = running[ev.sub]!;
        running[ev.sub] = null;
        const st = jobs[r.job];
        const req = requests[r.job];
        const prof = profiles[pairs[req.pair].modelIndex];
        const rec = records[r.job];
        rec.layersRun++;
        rec.isolatedWorkS += r.c;
        rec.energyJ += prof.energyJ[r.layer][ev.sub];
        workDone += r.c;
        if (opt.recordIntervals) intervals.push({ sub: ev.sub, job: r.job, layer: r.layer, startS: r.startS, endS: now, isolatedS: r.c });
        st.runningOn = -1;
        st.lastSub = ev.sub;
        st.next++;
        if (st.next === prof.layerNames.length) {
          resolve(r.job, now <= req.deadlineS + 1e-12 ? 'hit' : 'late', now);
        } else if (system.interLayerTransferS > 0) {
          st.readyAt = now + system.interLayerTransferS;
          sim.at(st.readyAt, { kind: 'ready', job: r.job });
        }
        reschedule(now);
        requestDecision(now);
        break;
      }
      case 'decide':
        decide(now);
        break;
      case 'cycle':
        decide(now);
        if (unresolved > 0) sim.at(now + opt.cycleS!, { kind: 'cycle' }, 1);
        break;
    }
  });
  const endS = sim.now;
  // Anything still unresolved (cannot happen with work-conserving schedulers) counts as dropped at the end.
  for (const j of active) if (!jobs[j].done) resolve(j, 'dropped', endS);
  scheduler.finish?.(endS);
  return { records, intervals, busyS, endS, decisions, decideWallS: decideWall, workDoneS: workDone };
}
