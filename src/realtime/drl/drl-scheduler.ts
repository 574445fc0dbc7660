/**
 * Deep-RL request scheduler (after Russo, Blanco et al., arXiv 2403.00766,
 * 2024, and its base RELMAS, Blanco et al., DAC'24; reconstruction per
 * shared/specs/realtime-drl.md §6 — neither paper has public code).
 *
 * At a decision point it repeats, while an idle sub-accelerator and a
 * waiting job remain: encode the (job, idle s) candidates (features.ts),
 * score every row with the actor, and dispatch the argmax (evaluation) or a
 * softmax sample (training). Each pick fixes both the job's priority and its
 * sub-accelerator, as in the paper's action (priority + accelerator per
 * layer). Work-conserving. A pick with a single candidate is not a learning
 * step.
 *
 * Reward (ours, a variant of §6 that makes "each tenant's own target" explicit):
 *   on-time completion of pair p: +w_τ
 *   miss or drop of pair p:       −w_τ · (λ_miss + λ_fair · max(0, HR*_p − HR_p) / (1 − HR*_p))
 *   per step:                     −λ_bw · max(0, Σb/B − 1)
 * where HR_p is the pair's hit rate so far in the episode: a miss costs more
 * the further its (tenant, model) pair is below its own target, measured in
 * units of that pair's error budget 1 − HR*_p (so 1 point below a 0.99
 * target weighs 10× as much as 1 point below 0.90), and nothing extra for a
 * pair at or above target — the §6 term λ_fair·Σ_τ max(0, HR*_τ − HR_τ)
 * charged per miss instead of per interval. The SLO-agnostic ablation
 * (RELMAS-like) uses λ_fair = 0 and zeroes the SLI features.
 * Defaults λ_miss = 1, λ_fair = 1, λ_bw = 0.1.
 *
 * Credit (training): with `credit: 'all'` (default since issue 13) a
 * request's outcome reward r is split equally over the k learning steps
 * that dispatched one of its layers (each gets r/k, so the episode's total
 * reward is unchanged); with 'last' (before issue 13) it all goes to the
 * latest learning step. A request no learning step touched (all its picks
 * had a single candidate, or it was dropped before its first layer) credits
 * the latest step in both modes.
 */
import { Rng } from '../../sim/rng.js';
import type { Dispatch, Outcome, RealtimeScheduler, SchedulerView } from '../engine.js';
import { encode, PAIR_FEATURES, VALUE_FEATURES, type FeatureSet } from './features.js';
import { logSoftmax, policyLogits, valueOf, type PolicyWeights } from './network.js';

/**
 * The weights of the deep-RL reward (see the module header): λ_miss per miss
 * or drop, λ_fair on the pair's shortfall from its own SLO target, λ_bw on
 * bandwidth oversubscription.
 */
export interface RewardOptions {
  lambdaMiss: number;
  lambdaFair: number;
  lambdaBw: number;
}

/** The reward weights of the module header: λ_miss = 1, λ_fair = 1, λ_bw = 0.1. */
export const DEFAULT_REWARD: RewardOptions = { lambdaMiss: 1, lambdaFair: 1, lambdaBw: 0.1 };

/** One learning step recorded during a training rollout. */
export interface Step {
  x: Float32Array;
  rows: number;
  action: number;
  logp: number;
  v: Float32Array;
  value: number;
  reward: number;
}

export interface DrlSchedulerOptions {
  weights: PolicyWeights;
  maxJobs: number;
  sloAware: boolean;
  /** Sample from the softmax (training) instead of argmax. */
  sample?: Rng;
  /**
   * Act as the EDF teacher (earliest deadline, then its fastest idle
   * sub-accelerator) while recording — the behaviour-cloning warm-up of training.
   */
  teacher?: boolean;
  /** Record steps and rewards (training); `credit` as in the module header (default 'all'). */
  record?: { steps: Step[]; reward: RewardOptions; credit?: CreditRule };
  name?: string;
  /** State encoding (features.ts; default 1, what policies without `meta.featureSet` were trained with). */
  featureSet?: FeatureSet;
  /** With feature set 2: the sub-accelerator count the weights expect; `reset` throws a RangeError on another system. */
  subAccelerators?: number;
}

/** Which learning steps a request's outcome is credited to (module header). */
export type CreditRule = 'all' | 'last';

/**
 * Adds outcome reward `r` of one request to the steps that dispatched its
 * layers (`touched`, step indices) — r/k each under 'all' — or, under 'last'
 * or when no step touched it, to the latest step.
 */
export function creditOutcome(steps: Step[], touched: readonly number[] | undefined, r: number, rule: CreditRule): void {
  if (steps.length === 0) return;
  if (rule === 'all' && touched && touched.length > 0) {
    for (const i of touched) steps[i].reward += r / touched.length;
  } else steps[steps.length - 1].reward += r;
}

export function drlScheduler(opt: DrlSchedulerOptions): RealtimeScheduler {
  let pairOf: Int32Array = new Int32Array(0);
  let weightOf: Float64Array = new Float64Array(0);
  let targets: number[] = [];
  let hits: number[] = [];
  let resolved: number[] = [];
  const logits = new Float64Array(4096);
  const steps = opt.record?.steps;
  const credit = opt.record?.credit ?? 'all';
  const featureSet = opt.featureSet ?? 1;
  /** Learning steps that dispatched a layer of each unresolved job (training only). */
  const touched = new Map<number, number[]>();
  return {
    name: opt.name ?? (opt.sloAware ? 'drl' : 'drl-agnostic'),
    reset(ctx) {
      pairOf = Int32Array.from(ctx.requests, (r) => r.pair);
      weightOf = Float64Array.from(ctx.requests, (r) => ctx.pairs[r.pair].weight);
      targets = ctx.pairs.map((p) => p.sloTarget);
      hits = ctx.pairs.map(() => 0);
      resolved = ctx.pairs.map(() => 0);
      touched.clear();
      const S = ctx.system.subAccelerators.length;
      if (featureSet === 2 && opt.subAccelerators !== undefined && S !== opt.subAccelerators) throw new RangeError(`the deep-RL policy was trained on ${opt.subAccelerators} sub-accelerators (feature set 2), this system has ${S}`);
    },
    decide(view: SchedulerView): Dispatch[] {
      const out: Dispatch[] = [];
      let subs = [...view.idle];
      let waiting = [...view.waiting];
      while (subs.length > 0 && waiting.length > 0) {
        const c = encode(view, subs, waiting, opt.maxJobs, opt.sloAware, featureSet);
        let pick = 0;
        if (c.rows > 1) {
          const lg = policyLogits(opt.weights, c.x, c.rows, c.rows <= logits.length ? logits : new Float64Array(c.rows));
          if (opt.sample) {
            logSoftmax(lg, c.rows);
            if (opt.teacher) pick = teacherPick(c.jobs.map((j) => j.request.deadlineS), c.subs, c.jobs.map((j) => j.profile.latencyS[j.nextLayer]));
            else {
              let u = opt.sample.next();
              pick = c.rows - 1;
            for (let r = 0; r < c.rows; r++) {
              u -= Math.exp(lg[r]);
              if (u < 0) {
                pick = r;
                break;
              }
            }
            }
            if (steps && opt.record) {
              const bw = Math.max(0, view.bandwidthInUseGBps / view.system.bandwidthGBps - 1);
              steps.push({ x: c.x, rows: c.rows, action: pick, logp: lg[pick], v: c.v, value: valueOf(opt.weights, c.v), reward: -opt.record.reward.lambdaBw * bw });
              const id = c.jobs[Math.floor(pick / c.subs.length)].id;
              const list = touched.get(id);
              if (list) list.push(steps.length - 1);
              else touched.set(id, [steps.length - 1]);
            }
          } else {
            for (let r = 1; r < c.rows; r++) if (lg[r] > lg[pick]) pick = r;
          }
        }
        const S = c.subs.length;
        const job = c.jobs[Math.floor(pick / S)];
        const sub = c.subs[pick % S];
        out.push({ job: job.id, sub });
        subs = subs.filter((s) => s !== sub);
        waiting = waiting.filter((j) => j !== job);
      }
      return out;
    },
    onResolve(job: number, outcome: Outcome) {
      const p = pairOf[job];
      resolved[p]++;
      if (outcome === 'hit') hits[p]++;
      const stepsOfJob = touched.get(job);
      touched.delete(job);
      if (!steps || !opt.record || steps.length === 0) return;
      const w = weightOf[job];
      const rw = opt.record.reward;
      let r: number;
      if (outcome === 'hit') r = w;
      else {
        const shortfall = Math.max(0, targets[p] - hits[p] / resolved[p]) / Math.max(0.01, 1 - targets[p]);
        r = -w * (rw.lambdaMiss + (opt.sloAware ? rw.lambdaFair * shortfall : 0));
      }
      creditOutcome(steps, stepsOfJob, r, credit);
    },
  };
}

/** Row index of the EDF teacher's choice: the earliest-deadline job (ties: lower index), on its fastest sub (ties: lower position). */
export function teacherPick(deadlines: readonly number[], subs: readonly number[], latency: readonly (readonly number[])[]): number {
  let j = 0;
  for (let k = 1; k < deadlines.length; k++) if (deadlines[k] < deadlines[j]) j = k;
  let si = 0;
  for (let k = 1; k < subs.length; k++) if (latency[j][subs[k]] < latency[j][subs[si]]) si = k;
  return j * subs.length + si;
}

export { PAIR_FEATURES, VALUE_FEATURES };
