/**
 * Job-completion metrics for training runs: average, median and p99 JCT,
 * makespan, queueing delay, GPU utilisation, per-tenant JCT and Themis
 * finish-time fairness ρ (Mahajan et al., NSDI'20, as the Synergy spec §5
 * defines it: ρ_j = JCT_j / T_id, T_id = work·max(1, N·g_j/G), N the number of
 * contending jobs averaged over the job's life), and JCT CDF points.
 * Percentiles: linear interpolation between order statistics
 * (simple-statistics `quantileSorted`). Times in seconds.
 */
import { quantileSorted } from './quantile.js';

/**
 * One training job as the JCT metrics see it: tenant, arrival and finish
 * (seconds; finish −1 when unfinished), queueing delay and finish-time
 * fairness ρ.
 */
export interface JctRecord {
  tenant: string;
  arrival: number;
  /** −1 when unfinished. */
  finish: number;
  /** Queueing delay (s), −1 when never started. */
  queueing: number;
  /** Finish-time fairness ρ (finished jobs). */
  rho: number;
}

/**
 * JCT metrics of a set of jobs (`summarizeJct`): counts, mean, median, p99 and
 * top-5 %/1 % mean JCT and mean queueing delay in seconds, and mean/max ρ —
 * over finished jobs; null where there is none.
 */
export interface JctSummary {
  jobs: number;
  finished: number;
  avgJctSeconds: number | null;
  medianJctSeconds: number | null;
  p99JctSeconds: number | null;
  /** Mean JCT of the 5% and 1% longest jobs (AlloX spec §6), at least one job. */
  top5PctAvgJctSeconds: number | null;
  top1PctAvgJctSeconds: number | null;
  avgQueueingSeconds: number | null;
  ftfRhoMean: number | null;
  ftfRhoMax: number | null;
}

function mean(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Summary of a set of job records (finished jobs only enter JCT and ρ). */
export function summarizeJct(records: readonly JctRecord[]): JctSummary {
  const jcts: number[] = [];
  const rhos: number[] = [];
  const q: number[] = [];
  for (const r of records) {
    if (r.finish >= 0) {
      jcts.push(r.finish - r.arrival);
      rhos.push(r.rho);
    }
    if (r.queueing >= 0) q.push(r.queueing);
  }
  const sorted = Float64Array.from(jcts).sort();
  const arr = Array.from(sorted);
  let rhoMax: number | null = null;
  for (const x of rhos) rhoMax = rhoMax === null ? x : Math.max(rhoMax, x);
  return {
    jobs: records.length,
    finished: jcts.length,
    avgJctSeconds: mean(sorted),
    medianJctSeconds: arr.length ? quantileSorted(arr, 0.5) : null,
    p99JctSeconds: arr.length ? quantileSorted(arr, 0.99) : null,
    top5PctAvgJctSeconds: arr.length ? mean(sorted.subarray(sorted.length - Math.max(1, Math.floor(sorted.length * 0.05)))) : null,
    top1PctAvgJctSeconds: arr.length ? mean(sorted.subarray(sorted.length - Math.max(1, Math.floor(sorted.length * 0.01)))) : null,
    avgQueueingSeconds: mean(q),
    ftfRhoMean: mean(rhos),
    ftfRhoMax: rhoMax,
  };
}

/** Per-tenant summaries, tenants sorted by id. */
export function summarizeByTenant(records: readonly JctRecord[]): { id: string; summary: JctSummary }[] {
  const by = new Map<string, JctRecord[]>();
  for (const r of records) {
    let l = by.get(r.tenant);
    if (!l) by.set(r.tenant, (l = []));
    l.push(r);
  }
  return [...by.keys()].sort().map((id) => ({ id, summary: summarizeJct(by.get(id)!) }));
}

/** Empirical CDF of JCTs, down-sampled to at most `maxPoints` points (always including the maximum). */
export function jctCdf(jcts: readonly number[], maxPoints = 200): { jctSeconds: number; fraction: number }[] {
  const s = Float64Array.from(jcts).sort();
  const n = s.length;
  if (n === 0) return [];
  const out: { jctSeconds: number; fraction: number }[] = [];
  const step = Math.max(1, Math.ceil(n / maxPoints));
  for (let i = step - 1; i < n; i += step) out.push({ jctSeconds: s[i], fraction: (i + 1) / n });
  if (out[out.length - 1].fraction !== 1) out.push({ jctSeconds: s[n - 1], fraction: 1 });
  return out;
}

/** Themis ρ of a finished job: JCT / (work·max(1, N·g/G)). */
export function finishTimeFairness(jct: number, work: number, gpus: number, contendAvg: number, totalGpus: number): number {
  return jct / (work * Math.max(1, (contendAvg * gpus) / totalGpus));
}
