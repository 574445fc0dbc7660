/**
 * Gavel's heterogeneity-aware policies and round mechanism (Narayanan et al.,
 * "Heterogeneity-Aware Cluster Scheduling Policies for Deep Learning
 * Workloads", OSDI'20 §3–§4), shared by `gavel-max-min.ts` and `gavel-ftf.ts`.
 *
 * A policy is a function from the effective throughputs T[m][k] (job m on
 * accelerator type k, relative to the job's reference type) to an allocation
 * X[m][k] ≥ 0 — the fraction of time job m should spend on type k — with
 * Σ_k X[m][k] ≤ 1 and Σ_m g_m·X[m][k] ≤ GPUs of type k; types where the job's
 * throughput is 0 get no variable. X is recomputed (HiGHS LP) whenever the set
 * of runnable jobs changes. The mechanism (§4) orders (job, type) pairs each
 * round by priority X[m][k] / (share of the job's time received on k so far),
 * largest first; the job is placed on that type if its GPUs are free there.
 */
import type { LpColumns, LpSolver } from '../solvers/highs.js';
import { typeSpeed } from '../model/training.js';
import type { JobOrder, JobPolicy, JobState, RoundContext } from './types.js';

export type Highs = LpSolver;

/** LP inputs: per job its throughputs per type (0 = cannot run), GPU demand; per type its GPU count. */
export interface GavelProblem {
  throughput: number[][];
  gpus: number[];
  capacity: number[];
}

/** X[m][k] from a solved LP's columns named x_m_k. */
export function readAllocation(cols: Record<string, unknown>, p: GavelProblem): number[][] {
  return p.throughput.map((row, m) => row.map((t, k) => (t > 0 ? Math.max(0, (cols[`x_${m}_${k}`] as { Primal: number } | undefined)?.Primal ?? 0) : 0)));
}

/** The constraint block shared by every Gavel LP (per-job time ≤ 1, per-type GPU capacity). */
export function allocationConstraints(p: GavelProblem): string[] {
  const rows: string[] = [];
  p.throughput.forEach((row, m) => {
    const vars = row.map((t, k) => (t > 0 ? `x_${m}_${k}` : '')).filter(Boolean);
    if (vars.length) rows.push(` t${m}: ${vars.join(' + ')} <= 1`);
  });
  p.capacity.forEach((cap, k) => {
    const terms = p.throughput.map((row, m) => (row[k] > 0 ? `${p.gpus[m]} x_${m}_${k}` : '')).filter(Boolean);
    if (terms.length) rows.push(` cap${k}: ${terms.join(' + ')} <= ${cap}`);
  });
  return rows;
}

/**
 * The column-wise form of a Gavel LP, columns and rows in the order of its
 * CPLEX-LP text (so that HiGHS meets the same model and returns the same
 * vertex): column 0 is the policy's own variable (`lead`: its objective
 * cost and its coefficient in every job row; the objective has no other term), then x_m_k for each job m and
 * each type k with T[m][k] > 0; rows are one policy row per job (coefficient
 * `coef(m, k)` on x_m_k, bounds `rowLower[m]` … +∞), then the shared rows of
 * `allocationConstraints` (t_m ≤ 1 for jobs with a variable, cap_k for types
 * with one). `column[m][k]` is x_m_k's column (-1: none).
 */
export function allocationColumns(p: GavelProblem, sense: LpColumns['sense'], lead: { cost: number; coef: number }, coef: (m: number, k: number) => number, jobRowLower: ArrayLike<number>): { lp: LpColumns; column: Int32Array[] } {
  const n = p.throughput.length;
  const K = p.capacity.length;
  const column = p.throughput.map(() => new Int32Array(K).fill(-1));
  const tRow = new Int32Array(n).fill(-1);
  let cols = 1;
  let rows = n;
  for (let m = 0; m < n; m++) {
    for (let k = 0; k < K; k++) if (p.throughput[m][k] > 0) column[m][k] = cols++;
    if (column[m].some((c) => c >= 0)) tRow[m] = rows++;
  }
  const capRow = new Int32Array(K).fill(-1);
  for (let k = 0; k < K; k++) if (p.throughput.some((r) => r[k] > 0)) capRow[k] = rows++;
  const nz = (lead.coef !== 0 ? n : 0) + 3 * (cols - 1);
  const starts = new Int32Array(cols + 1);
  const indices = new Int32Array(nz);
  const values = new Float64Array(nz);
  let e = 0;
  if (lead.coef !== 0) {
    for (let m = 0; m < n; m++) {
      indices[e] = m;
      values[e++] = lead.coef;
    }
  }
  for (let m = 0; m < n; m++) {
    for (let k = 0; k < K; k++) {
      const c = column[m][k];
      if (c < 0) continue;
      starts[c] = e;
      indices[e] = m;
      values[e++] = coef(m, k);
      indices[e] = tRow[m];
      values[e++] = 1;
      indices[e] = capRow[k];
      values[e++] = p.gpus[m];
    }
  }
  starts[cols] = e;
  const colCost = new Float64Array(cols);
  colCost[0] = lead.cost;
  const rowLower = new Float64Array(rows).fill(-Infinity);
  const rowUpper = new Float64Array(rows).fill(Infinity);
  for (let m = 0; m < n; m++) {
    rowLower[m] = jobRowLower[m];
    if (tRow[m] >= 0) rowUpper[tRow[m]] = 1;
  }
  for (let k = 0; k < K; k++) if (capRow[k] >= 0) rowUpper[capRow[k]] = p.capacity[k];
  return {
    lp: { sense, colCost, colLower: new Float64Array(cols), colUpper: new Float64Array(cols).fill(Infinity), rowLower, rowUpper, starts, indices, values },
    column,
  };
}

/** X[m][k] from the primal values of an `allocationColumns` LP (negative round-off clipped to 0). */
export function readColumns(primal: Float64Array, column: readonly Int32Array[]): number[][] {
  return column.map((row) => Array.from(row, (c) => (c >= 0 ? Math.max(0, primal[c]) : 0)));
}

/** Gavel's equal-share normaliser: the job's throughput if it got 1/n of every type (capped at 1 in total). */
export function equalShareThroughput(p: GavelProblem, m: number): number {
  const total = p.capacity.reduce((a, b) => a + b, 0);
  const demand = p.gpus.reduce((a, b) => a + b, 0);
  const share = Math.min(1, total / demand);
  let t = 0;
  p.throughput[m].forEach((x, k) => (t += x * (p.capacity[k] / total) * share));
  return t > 0 ? t : Math.max(...p.throughput[m]) * share;
}

/** State a policy's `solve` keeps between calls (Gavel FIFO's sticky types and its random stream), saved with X. */
export interface GavelPolicyState {
  snapshot(): unknown;
  /** Throws RangeError on a malformed state. */
  restore(state: unknown): void;
}

/** Options of the shared mechanism. */
export interface GavelMechanismOptions {
  /** The policy's own state between `solve` calls. */
  state?: GavelPolicyState;
  /**
   * Gavel's `minimum_time_between_allocation_resets` (s; its simulator's default 1,920): after a change of the
   * runnable set, X is recomputed only at the first round at least this long after the last recomputation;
   * until then jobs without an X (new arrivals) do not run. Default 0: recomputed at every change.
   */
  allocationResetSeconds?: number;
}

/** Builds the per-round order of a Gavel policy whose allocation is `solve(problem, states, ctx)`. */
export function gavelPolicy(name: string, solve: (p: GavelProblem, states: readonly JobState[], ctx: RoundContext) => number[][], opts: GavelMechanismOptions = {}): JobPolicy {
  const own = opts.state;
  const resetGap = opts.allocationResetSeconds ?? 0;
  let cacheKey = '';
  let cacheX = new Map<number, number[]>();
  let lastReset = -1;
  return {
    name,
    starvationGuard: false,
    historyDependent: true,
    order(runnable: readonly JobState[], ctx: RoundContext): JobOrder {
      const types = ctx.pool.types;
      const key = runnable.map((s) => s.job.index).join(',');
      if (key !== cacheKey && (lastReset < 0 || ctx.now - lastReset >= resetGap)) {
        lastReset = ctx.now;
        const capacity = types.map((t) => ctx.pool.servers.filter((s) => s.gpuType === t).reduce((a, s) => a + s.gpus, 0));
        const problem: GavelProblem = { throughput: runnable.map((s) => types.map((t) => typeSpeed(s.job, t))), gpus: runnable.map((s) => s.job.gpus), capacity };
        const x = solve(problem, runnable, ctx);
        cacheX = new Map(runnable.map((s, m) => [s.job.index, x[m]]));
        cacheKey = key;
      }
      const pairs: { s: JobState; k: number; pr: number }[] = [];
      for (const s of runnable) {
        const x = cacheX.get(s.job.index);
        if (!x) continue; // arrived since the last recomputation (allocationResetSeconds)
        const elapsed = Math.max(ctx.roundLengthSeconds, ctx.now - s.job.arrival);
        for (let k = 0; k < types.length; k++) {
          if (!(x[k] > 1e-9)) continue;
          const received = (s.typeSeconds[k] ?? 0) / elapsed;
          pairs.push({ s, k, pr: received > 0 ? x[k] / received : Infinity });
        }
      }
      pairs.sort((a, b) => (b.pr === a.pr ? 0 : b.pr > a.pr ? 1 : -1) || b.s.job.gpus - a.s.job.gpus || a.s.job.arrival - b.s.job.arrival || a.s.job.index - b.s.job.index || a.k - b.k);
      let i = 0;
      return {
        next() {
          while (i < pairs.length) {
            const p = pairs[i++];
            if (p.s.lease.length) continue;
            if (ctx.pool.freeByType[p.k] < p.s.job.gpus) continue;
            p.s.preferredType = p.k;
            return p.s;
          }
          return undefined;
        },
      };
    },
    // X is recomputed only when the runnable set changes, from the state at that moment (Gavel-FTF uses the
    // elapsed and remaining times then), so it is state, not a mere cache: a restored run must reuse it.
    snapshot: () => ({ cacheKey, cacheX: [...cacheX], lastReset, ...(own && { own: own.snapshot() }) }),
    restore(state) {
      const st = state as { cacheKey?: unknown; cacheX?: unknown; lastReset?: unknown; own?: unknown } | null;
      const ok = st && typeof st.cacheKey === 'string' && Array.isArray(st.cacheX) && st.cacheX.every((e) => Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && Array.isArray(e[1]) && (e[1] as unknown[]).every((v) => typeof v === 'number'));
      if (!ok) throw new RangeError(`${name}: expected a state {cacheKey: string, cacheX: [[job index, [X per type]], …]}`);
      cacheKey = st.cacheKey as string;
      cacheX = new Map(st.cacheX as [number, number[]][]);
      lastReset = typeof st.lastReset === 'number' ? st.lastReset : -1;
      own?.restore(st.own);
    },
  };
}
