/**
 * Gavel's heterogeneity-aware max-min fairness (LAS on effective throughput;
 * Narayanan et al., OSDI'20 §3.1): maximise z subject to
 * Σ_k T[m][k]·X[m][k] / T_m^equal ≥ z for every runnable job m, plus the
 * shared time and capacity constraints (gavel-lp.ts); T_m^equal is the job's
 * throughput under an equal 1/n share of every type. Solved as an LP with HiGHS.
 * The heterogeneity-agnostic variant (`agnostic`) uses unit throughputs on
 * every type the job can run on, as Gavel does. Its LP is degenerate (any split
 * of a job's time over types is optimal): HiGHS returns a vertex (each job
 * mostly on one type, some wholly on K80s), Gavel's interior-point solver
 * (cvxpy + ECOS) the symmetric point — its logs show X = 0.33 on each of
 * K80/P100/V100. `spreadOverTypes` moves the vertex there.
 */
import { allocationColumns, allocationConstraints, equalShareThroughput, gavelPolicy, readColumns, type GavelProblem, type Highs } from './gavel-lp.js';
import type { JobPolicy } from './types.js';

/** The max-min LP as CPLEX-LP text (the model `maxMinAllocation` passes to HiGHS as arrays; kept for tests and debugging). */
export function maxMinLpText(p: GavelProblem): string {
  const rows: string[] = [];
  p.throughput.forEach((row, m) => {
    const norm = equalShareThroughput(p, m);
    const terms = row.map((t, k) => (t > 0 ? `${(t / norm).toPrecision(12)} x_${m}_${k}` : '')).filter(Boolean);
    rows.push(` f${m}: ${terms.join(' + ')} - z >= 0`);
  });
  return ['Maximize', ' obj: z', 'Subject To', ...rows, ...allocationConstraints(p), 'End'].join('\n');
}

/**
 * X maximising z (HiGHS on the model of `maxMinLpText`, passed as arrays;
 * coefficients rounded to 12 significant digits as in the text, so the
 * vertex is the same). Throws Error if HiGHS does not report optimal.
 */
export function maxMinAllocation(highs: Highs, p: GavelProblem): number[][] {
  const norm = p.throughput.map((_, m) => equalShareThroughput(p, m));
  const { lp, column } = allocationColumns(p, 'maximize', { cost: 1, coef: -1 }, (m, k) => Number((p.throughput[m][k] / norm[m]).toPrecision(12)), new Float64Array(p.throughput.length));
  const sol = highs.solveColumns(lp);
  if (sol.status !== 'Optimal') throw new Error(`Gavel max-min LP: HiGHS status ${sol.status}`);
  return readColumns(sol.primal, column);
}

/**
 * The key of a Gavel LP: equal keys ⇔ equal inputs (throughputs per job and
 * type, GPU demands, capacities, in order), hence the same LP, column for
 * column (numbers written exactly: JavaScript's shortest round-trip form).
 */
export function problemKey(p: GavelProblem): string {
  let key = p.capacity.join(',');
  for (let m = 0; m < p.throughput.length; m++) key += `;${p.gpus[m]}:${p.throughput[m].join(',')}`;
  return key;
}

/** Most LPs a policy keeps answers for (cleared when full; 250 LPs for the 196-job Gavel week). */
const REUSE_LIMIT = 4096;

/**
 * `maxMinAllocation` answering an LP it has solved before from memory: the
 * same LP gets the same HiGHS vertex whatever the persistent model solved
 * before (checked on the 250 LPs of the 196-job Gavel week solved in shuffled
 * orders and each on a fresh model: equal values, only the sign of some zeros
 * differs, which `readColumns` clips), so this changes no result. Returns
 * fresh arrays each call.
 */
export function reusingMaxMin(highs: Highs): (p: GavelProblem) => number[][] {
  const solved = new Map<string, number[][]>();
  return (p) => {
    const key = problemKey(p);
    let x = solved.get(key);
    if (!x) {
      x = maxMinAllocation(highs, p);
      if (solved.size >= REUSE_LIMIT) solved.clear();
      solved.set(key, x);
    }
    return x.map((row) => row.slice());
  };
}

/** Gavel's max-min policy (`agnostic`: the heterogeneity-agnostic variant); identical LPs along a run are solved once. */
export function gavelMaxMinPolicy(highs: Highs, agnostic = false): JobPolicy {
  const solve = reusingMaxMin(highs);
  return gavelPolicy(agnostic ? 'gavel-maxmin-agnostic' : 'gavel-maxmin', (p) =>
    agnostic ? spreadOverTypes(solve({ ...p, throughput: p.throughput.map((r) => r.map((t) => (t > 0 ? 1 : 0))) }), p) : solve(p),
  );
}

/**
 * Spreads each job's total time Σ_k X[m][k] over the types it can run on in
 * proportion to their GPU counts (the symmetric optimum of the agnostic LP,
 * which Gavel's interior-point solver returns); a type then over its capacity
 * has its column scaled down to fit. Returns a new X.
 */
export function spreadOverTypes(x: number[][], p: GavelProblem): number[][] {
  const out = x.map((row, m) => {
    const total = row.reduce((a, b) => a + b, 0);
    const usable = p.capacity.reduce((a, c, k) => a + (p.throughput[m][k] > 0 ? c : 0), 0);
    return row.map((_, k) => (p.throughput[m][k] > 0 && usable > 0 ? (total * p.capacity[k]) / usable : 0));
  });
  p.capacity.forEach((cap, k) => {
    const load = out.reduce((a, row, m) => a + p.gpus[m] * row[k], 0);
    if (load > cap) for (const row of out) row[k] *= cap / load;
  });
  return out;
}
