/**
 * Gavel's heterogeneity-aware max-min fairness (LAS on effective throughput;
 * Narayanan et al., OSDI'20 §3.1): maximise z subject to
 * Σ_k T[m][k]·X[m][k] / T_m^equal ≥ z for every runnable job m, plus the
 * shared time and capacity constraints (gavel-lp.ts); T_m^equal is the job's
 * throughput under an equal 1/n share of every type. Solved as an LP with HiGHS.
 * The heterogeneity-agnostic variant (`agnostic`) uses unit throughputs on
 * every type the job can run on, as Gavel does.
 */
import { allocationConstraints, equalShareThroughput, gavelPolicy, readAllocation, type GavelProblem, type Highs } from './gavel-lp.js';
import type { JobPolicy } from './types.js';

export function maxMinAllocation(highs: Highs, p: GavelProblem): number[][] {
  const rows: string[] = [];
  p.throughput.forEach((row, m) => {
    const norm = equalShareThroughput(p, m);
    const terms = row.map((t, k) => (t > 0 ? `${(t / norm).toPrecision(12)} x_${m}_${k}` : '')).filter(Boolean);
    rows.push(` f${m}: ${terms.join(' + ')} - z >= 0`);
  });
  const lp = ['Maximize', ' obj: z', 'Subject To', ...rows, ...allocationConstraints(p), 'End'].join('\n');
  const sol = highs.solve(lp);
  if (sol.Status !== 'Optimal') throw new Error(`Gavel max-min LP: HiGHS status ${sol.Status}`);
  return readAllocation(sol.Columns, p);
}

export function gavelMaxMinPolicy(highs: Highs, agnostic = false): JobPolicy {
  return gavelPolicy(agnostic ? 'gavel-maxmin-agnostic' : 'gavel-maxmin', (p) =>
    maxMinAllocation(highs, agnostic ? { ...p, throughput: p.throughput.map((r) => r.map((t) => (t > 0 ? 1 : 0))) } : p),
  );
}
