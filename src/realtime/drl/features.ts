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
 */
import type { JobView, SchedulerView } from '../engine.js';
import { DATAFLOWS } from '../system.js';

export const PAIR_FEATURES = 20;
export const VALUE_FEATURES = 8;
export const DEFAULT_MAX_JOBS = 16;

export interface Candidates {
  /** Candidate jobs (least slack first). */
  jobs: JobView[];
  /** Idle sub-accelerators. */
  subs: number[];
  /** Row-major features [jobs.length × subs.length × PAIR_FEATURES]; row r = (jobs[⌊r/|subs|⌋], subs[r mod |subs|]). */
  x: Float32Array;
  rows: number;
  /** Critic input (VALUE_FEATURES). */
  v: Float32Array;
}

const clip = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

function ranks(jobs: readonly JobView[], key: (j: JobView) => number): Float32Array {
  const idx = jobs.map((_, i) => i).sort((a, b) => key(jobs[a]) - key(jobs[b]) || a - b);
  const r = new Float32Array(jobs.length);
  idx.forEach((i, k) => (r[i] = k));
  return r;
}

/** Builds the candidate set and features. `excludeJobs`/`excludeSubs` remove jobs and subs already chosen in this decision. */
export function encode(view: SchedulerView, subs: readonly number[], waiting: readonly JobView[], maxJobs: number, sloAware: boolean): Candidates {
  const sorted = [...waiting].sort((a, b) => a.slackS - b.slackS || a.request.arrivalS - b.request.arrivalS || a.id - b.id);
  const jobs = sorted.slice(0, maxJobs);
  const S = subs.length;
  const rows = jobs.length * S;
  const x = new Float32Array(rows * PAIR_FEATURES);
  const B = view.system.bandwidthGBps;
  const dlRank = ranks(jobs, (j) => j.request.deadlineS);
  const remRank = ranks(jobs, (j) => j.remainingOptimisticS);
  const bwLoad = clip(view.bandwidthInUseGBps / B, 0, 2);
  const qLen = clip(waiting.length / maxJobs, 0, 2);
  const v = new Float32Array(VALUE_FEATURES);
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
    for (let si = 0; si < S; si++) {
      const s = subs[si];
      const o = (ji * S + si) * PAIR_FEATURES;
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
  return { jobs, subs: [...subs], x, rows, v };
}
