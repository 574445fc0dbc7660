/**
 * Gavel's heterogeneity-aware max-min fairness (LAS on effective throughput;
 * Narayanan et al., OSDI'20 §3.1): maximise z subject to
 * Σ_k T[m][k]·X[m][k] / T_m^equal ≥ z for every runnable job m, plus the
 * shared time and capacity constraints (gavel-lp.ts); T_m^equal is the job's
 * throughput under an equal 1/n share of every type. Solved as an LP with HiGHS.
 * The heterogeneity-agnostic variant (`agnostic`) uses unit throughputs on
 * every type the job can run on, as Gavel does.
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

export function gavelMaxMinPolicy(highs: Highs, agnostic = false): JobPolicy {
  return gavelPolicy(agnostic ? 'gavel-maxmin-agnostic' : 'gavel-maxmin', (p) =>
    maxMinAllocation(highs, agnostic ? { ...p, throughput: p.throughput.map((r) => r.map((t) => (t > 0 ? 1 : 0))) } : p),
  );
}
