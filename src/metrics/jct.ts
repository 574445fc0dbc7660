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

/**
 * The same per-job inputs as `JctRecord` held as columns (structure of arrays,
 * no object per job): job i is entry i of every array, and its tenant is
 * `tenantIds[tenant[i]]`. Seconds; finish and queueing −1 as in `JctRecord`.
 */
export interface JctColumns {
  /** Distinct tenant ids. */
  tenantIds: readonly string[];
  /** Index into `tenantIds` per job. */
  tenant: Int32Array;
  arrival: Float64Array;
  finish: Float64Array;
  queueing: Float64Array;
  rho: Float64Array;
}

/** The tenants of n jobs as codes: job i's tenant is `tenantIds[tenant[i]]`, ids distinct and numbered in order of first appearance. */
export function codeTenants(n: number, tenantOf: (i: number) => string): Pick<JctColumns, 'tenantIds' | 'tenant'> {
  const codes = new Map<string, number>();
  const tenant = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = tenantOf(i);
    let k = codes.get(id);
    if (k === undefined) codes.set(id, (k = codes.size));
    tenant[i] = k;
  }
  return { tenantIds: [...codes.keys()], tenant };
}

/** Records as columns (`JctColumns`), tenants numbered in order of first appearance. */
export function jctColumns(records: readonly JctRecord[]): JctColumns {
  return {
    ...codeTenants(records.length, (i) => records[i].tenant),
    arrival: Float64Array.from(records, (r) => r.arrival),
    finish: Float64Array.from(records, (r) => r.finish),
    queueing: Float64Array.from(records, (r) => r.queueing),
    rho: Float64Array.from(records, (r) => r.rho),
  };
}

/** The summary of `jobs` jobs from their finished JCTs (any order; sorted here), ρ and queueing delays (record order). */
function summaryOf(jobs: number, jcts: ArrayLike<number>, rhos: ArrayLike<number>, q: ArrayLike<number>): JctSummary {
  const sorted = Float64Array.from(jcts).sort();
  const arr = Array.from(sorted);
  let rhoMax: number | null = null;
  for (let i = 0; i < rhos.length; i++) rhoMax = rhoMax === null ? rhos[i] : Math.max(rhoMax, rhos[i]);
  return {
    jobs,
    finished: sorted.length,
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
  return summaryOf(records.length, jcts, rhos, q);
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

/** The finished jobs' JCTs (finish − arrival) among `rows` of `c` (job indices; default all), in row order. */
export function finishedJcts(c: JctColumns, rows?: ArrayLike<number>): Float64Array {
  const n = rows ? rows.length : c.finish.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    if (c.finish[i] >= 0) out[k++] = c.finish[i] - c.arrival[i];
  }
  return out.subarray(0, k);
}

/**
 * `summarizeJct` of the jobs `rows` of `c` (job indices in the order the
 * records would come; default all): the same numbers as the records
 * `rows` would give.
 */
export function summarizeJctColumns(c: JctColumns, rows?: ArrayLike<number>): JctSummary {
  const n = rows ? rows.length : c.finish.length;
  const rhos = new Float64Array(n);
  const q = new Float64Array(n);
  let f = 0;
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    if (c.finish[i] >= 0) rhos[f++] = c.rho[i];
    if (c.queueing[i] >= 0) q[k++] = c.queueing[i];
  }
  return summaryOf(n, finishedJcts(c, rows), rhos.subarray(0, f), q.subarray(0, k));
}

/** `summarizeByTenant` of the jobs `rows` of `c` (default all): per-tenant summaries, tenants sorted by id. */
export function summarizeByTenantColumns(c: JctColumns, rows?: ArrayLike<number>): { id: string; summary: JctSummary }[] {
  const n = rows ? rows.length : c.tenant.length;
  const T = c.tenantIds.length;
  // Counting sort of the rows by tenant, each tenant's rows kept in order.
  const start = new Int32Array(T + 1);
  for (let j = 0; j < n; j++) start[c.tenant[rows ? rows[j] : j] + 1]++;
  for (let t = 0; t < T; t++) start[t + 1] += start[t];
  const byTenant = new Int32Array(n);
  const next = start.slice(0, T);
  for (let j = 0; j < n; j++) {
    const i = rows ? rows[j] : j;
    byTenant[next[c.tenant[i]]++] = i;
  }
  const present = [...c.tenantIds.keys()].filter((t) => start[t + 1] > start[t]);
  const order = new Map(present.map((t) => [c.tenantIds[t], t]));
  return [...order.keys()].sort().map((id) => {
    const t = order.get(id)!;
    return { id, summary: summarizeJctColumns(c, byTenant.subarray(start[t], start[t + 1])) };
  });
}

/** Empirical CDF of JCTs, down-sampled to at most `maxPoints` points (always including the maximum). */
export function jctCdf(jcts: ArrayLike<number>, maxPoints = 200): { jctSeconds: number; fraction: number }[] {
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
