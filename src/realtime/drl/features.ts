/**
 * State encoding of the deep-RL request scheduler (shared/specs/realtime-drl.md
 * §6, reconstruction): one feature row per candidate action (job j, idle
 * sub-accelerator s), plus a small global vector for the critic.
 *
 * Candidates: the J_max waiting jobs with least slack (ties: arrival, id).
 * Row features (PAIR_FEATURES = 20, all roughly in [−1, 1]):
 *   job:  0 HR*_p (pair target) · 1 HR_p(window) − HR* · 2 HR_p(cumulative) − HR*
 *         3 slack/L_iso /10 (clipped ±1) · 4 fraction of layers remaining
 *         5 remaining optimistic latency / time to deadline (clipped to 2)
 *         6 tenant weight · 7 log10(L_iso / 1 ms) / 2
 *         8 slack rank / J_max · 9 deadline rank / J_max · 10 remaining-latency rank / J_max
 *   sub:  11 min_s c / c_s (1 = fastest choice) · 12 c_s / time to deadline (clipped to 1)
 *         13 b_s / B · 14..16 dataflow one-hot · 17 1 if s ran the job's previous layer
 *   global: 18 Σb/B of running layers (clipped to 2) · 19 waiting jobs / J_max (clipped to 2)
 * SLO-agnostic ablation (RELMAS-like): features 0, 1, 2 are zeroed.
 * Tenant identity enters only through HR and HR*, so new tenants need no
 * retraining (the paper's claim).
 *
 * Feature sets (a policy records the one it was trained with in
 * `meta.featureSet`; absent = 1):
 * - 1: the 20 row features above and the 8 critic features below.
 * - 2 (issue 13; the paper's state as shared/specs/realtime-drl.md §1 and §6
 *   summarise it: accelerator utilisation, the model one-hot, busy-until_s −
 *   now for each s): the 20 row features, then 20 + m the one-hot DNN type
 *   over `V2_MODELS` (m = 0..4; slot 5 for a model outside the zoo), 26 the
 *   utilisation of the row's sub-accelerator, then for every sub-accelerator
 *   k in system order 27 + 2k its utilisation u_k
 *   (`SchedulerView.utilization`: busy fraction, exponentially weighted,
 *   τ = 10 ms) and 28 + 2k its time until free, (busyUntil_k − now) / 10 ms
 *   clipped to [0, 1]. Critic: the 8 features of set 1, then u_k and the
 *   time until free per k. So a set-2 policy is tied to its system's S.
 */
import type { JobView, SchedulerView } from '../engine.js';
import { DATAFLOWS } from '../system.js';

/** Row features of feature set 1. */
export const PAIR_FEATURES = 20;
/** Critic features of feature set 1. */
export const VALUE_FEATURES = 8;
export const DEFAULT_MAX_JOBS = 16;

/** Scale of the time until a sub-accelerator is free in feature set 2 (s). */
const FREE_SCALE_S = 0.01;

/** A version of the state encoding (see the module header). */
export type FeatureSet = 1 | 2;
/** The feature set new training writes. */
export const CURRENT_FEATURE_SET: FeatureSet = 2;

/**
 * The zoo models of the one-hot DNN type of feature set 2, frozen in this
 * order (a new zoo model needs a new feature set); any other model sets the
 * extra last slot.
 */
export const V2_MODELS = ['AlexNet', 'GoogLeNet', 'ResNet-50', 'VGG-16', 'MobileNetV2'] as const;

/** Input widths of actor rows (`pair`) and critic (`value`) for a feature set on a system with `subs` sub-accelerators. */
export function featureDims(set: FeatureSet, subs: number): { pair: number; value: number } {
  if (set === 1) return { pair: PAIR_FEATURES, value: VALUE_FEATURES };
  return { pair: PAIR_FEATURES + V2_MODELS.length + 1 + 1 + 2 * subs, value: VALUE_FEATURES + 2 * subs };
}

export interface Candidates {
  /** Candidate jobs (least slack first). */
  jobs: JobView[];
  /** Idle sub-accelerators. */
  subs: number[];
  /** Row-major features [jobs.length × subs.length × F] (F = featureDims(set, S).pair); row r = (jobs[⌊r/|subs|⌋], subs[r mod |subs|]). */
  x: Float32Array;
  rows: number;
  /** Critic input (featureDims(set, S).value). */
  v: Float32Array;
}

const clip = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

function ranks(jobs: readonly JobView[], key: (j: JobView) => number): Float32Array {
  const idx = jobs.map((_, i) => i).sort((a, b) => key(jobs[a]) - key(jobs[b]) || a - b);
  const r = new Float32Array(jobs.length);
  idx.forEach((i, k) => (r[i] = k));
  return r;
}

/**
 * Builds the candidate set and features of `featureSet` (default 1) for the
 * idle sub-accelerators `subs` and the waiting jobs `waiting` (already
 * chosen ones removed by the caller).
 */
export function encode(view: SchedulerView, subs: readonly number[], waiting: readonly JobView[], maxJobs: number, sloAware: boolean, featureSet: FeatureSet = 1): Candidates {
  const sorted = [...waiting].sort((a, b) => a.slackS - b.slackS || a.request.arrivalS - b.request.arrivalS || a.id - b.id);
  const jobs = sorted.slice(0, maxJobs);
  const S = subs.length;
  const allSubs = view.system.subAccelerators.length;
  const dims = featureDims(featureSet, allSubs);
  const F = dims.pair;
  const rows = jobs.length * S;
  const x = new Float32Array(rows * F);
  const B = view.system.bandwidthGBps;
  const dlRank = ranks(jobs, (j) => j.request.deadlineS);
  const remRank = ranks(jobs, (j) => j.remainingOptimisticS);
  const bwLoad = clip(view.bandwidthInUseGBps / B, 0, 2);
  const qLen = clip(waiting.length / maxJobs, 0, 2);
  const v = new Float32Array(dims.value);
  // Feature set 2: (u_k, time until free) per sub-accelerator, shared by every row and the critic.
  const perSub = new Float32Array(featureSet === 2 ? 2 * allSubs : 0);
  for (let k = 0; k < perSub.length / 2; k++) {
    perSub[2 * k] = view.utilization[k];
    perSub[2 * k + 1] = clip((view.busyUntil[k] - view.now) / FREE_SCALE_S, 0, 1);
  }
  jobs.forEach((j, ji) => {
    const p = j.pair.index;
    const iso = j.profile.isolatedLatencyS;
    const toDeadline = Math.max(j.request.deadlineS - view.now, 1e-9);
    const K = j.profile.layerNames.length;
    const target = j.pair.sloTarget;
    const hw = sloAware ? view.windowHitRate[p] - target : 0;
    const hc = sloAware ? view.cumulativeHitRate[p] - target : 0;
    const row = j.profile.latencyS[j.nextLayer];
    let cmin = Infinity;
    for (const s of subs) cmin = Math.min(cmin, row[s]);
    v[0] += sloAware ? hw : 0;
    v[1] += clip(j.slackS / iso / 10, -1, 1);
    v[2] += Math.min(hw, 0);
    const model = featureSet === 2 ? modelSlot(j.profile.model) : -1;
    for (let si = 0; si < S; si++) {
      const s = subs[si];
      const o = (ji * S + si) * F;
      x[o] = sloAware ? target : 0;
      x[o + 1] = hw;
      x[o + 2] = hc;
      x[o + 3] = clip(j.slackS / iso / 10, -1, 1);
      x[o + 4] = (K - j.nextLayer) / K;
      x[o + 5] = clip(j.remainingOptimisticS / toDeadline, 0, 2);
      x[o + 6] = j.pair.weight;
      x[o + 7] = Math.log10(iso / 1e-3) / 2;
      x[o + 8] = ji / maxJobs;
      x[o + 9] = dlRank[ji] / maxJobs;
      x[o + 10] = remRank[ji] / maxJobs;
      x[o + 11] = cmin / row[s];
      x[o + 12] = clip(row[s] / toDeadline, 0, 1);
      x[o + 13] = j.profile.bandwidthGBps[j.nextLayer][s] / B;
      const df = DATAFLOWS.indexOf(view.system.subAccelerators[s].dataflow);
      x[o + 14 + df] = 1;
      x[o + 17] = j.lastSub === s ? 1 : 0;
      x[o + 18] = bwLoad;
      x[o + 19] = qLen;
      if (featureSet === 2) {
        x[o + PAIR_FEATURES + model] = 1;
        const u = o + PAIR_FEATURES + V2_MODELS.length + 1;
        x[u] = view.utilization[s];
        x.set(perSub, u + 1);
      }
    }
  });
  const n = Math.max(1, jobs.length);
  v[0] /= n;
  v[1] /= n;
  v[2] /= n;
  v[3] = bwLoad;
  v[4] = qLen;
  v[5] = S / view.system.subAccelerators.length;
  v[6] = view.running / view.system.subAccelerators.length;
  v[7] = 1;
  if (featureSet === 2) v.set(perSub, VALUE_FEATURES);
  return { jobs, subs: [...subs], x, rows, v };
}

/** Slot of a model in the one-hot DNN type of feature set 2: its index in `V2_MODELS`, or the extra last slot. */
export function modelSlot(model: string): number {
  const i = (V2_MODELS as readonly string[]).indexOf(model);
  return i >= 0 ? i : V2_MODELS.length;
}
