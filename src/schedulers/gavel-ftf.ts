/**
 * Gavel's heterogeneity-aware finish-time fairness (Themis on effective
 * throughput; Narayanan et al., OSDI'20 §3.1, after Mahajan et al., NSDI'20):
 * minimise max_m ρ_m with ρ_m = (elapsed_m + remaining_m / Σ_k T[m][k]·X[m][k]) /
 * T_m^id, T_m^id = work_m·max(1, n·g_m/G) (the Synergy spec's ideal time). For
 * a fixed ρ each job's condition is linear: Σ_k T[m][k]·X[m][k] ≥
 * remaining_m / (ρ·T_m^id − elapsed_m); the smallest feasible ρ is found by
 * bisection over LP feasibility checks (HiGHS), to a relative tolerance of 1e-3
 * (ours: Gavel solves the same program with cvxpy).
 */
import { allocationConstraints, gavelPolicy, readAllocation, type GavelProblem, type Highs } from './gavel-lp.js';
import type { JobPolicy, JobState, RoundContext } from './types.js';

/** The feasibility LP for per-job needs as CPLEX-LP text (the model `feasible` passes to HiGHS as arrays; kept for tests and debugging). */
export function ftfFeasibilityLpText(p: GavelProblem, need: readonly number[]): string {
  const rows: string[] = [];
  for (let m = 0; m < need.length; m++) {
    const terms = p.throughput[m].map((t, k) => (t > 0 ? `${t.toPrecision(12)} x_${m}_${k}` : '')).filter(Boolean);
    rows.push(` r${m}: ${terms.join(' + ')} >= ${need[m].toPrecision(12)}`);
  }
  // A feasibility problem: the objective is a zero-weight dummy column.
  return ['Minimize', ' obj: 0 dummy', 'Subject To', ...rows, ...allocationConstraints(p), 'End'].join('\n');
}

/** X meeting every job's need (Σ_k T[m][k]·X[m][k] ≥ need[m]), or undefined when infeasible; HiGHS on `ftfFeasibilityLpText`. */
export function feasible(highs: Highs, p: GavelProblem, need: readonly number[]): number[][] | undefined {
  // The LP text, not the column arrays: solved through HiGHS's model API with its options, the zero-objective
  // feasibility LP lands on another feasible point (gavel-ftf's average JCT +3.8 % on the 60-job Gavel case).
  const sol = highs.solve(ftfFeasibilityLpText(p, need));
  return sol.Status === 'Optimal' ? readAllocation(sol.Columns, p) : undefined;
}

export function ftfAllocation(highs: Highs, p: GavelProblem, states: readonly JobState[], ctx: RoundContext): number[][] {
  const n = states.length;
  const G = p.capacity.reduce((a, b) => a + b, 0);
  const tid = states.map((s) => s.job.work * Math.max(1, (n * s.job.gpus) / G));
  const elapsed = states.map((s) => ctx.now - s.job.arrival);
  const needAt = (rho: number): number[] | undefined => {
    const out: number[] = [];
    for (let m = 0; m < n; m++) {
      const slack = rho * tid[m] - elapsed[m];
      if (slack <= 0) return undefined;
      const need = states[m].remaining / slack;
      if (need > Math.max(...p.throughput[m])) return undefined;
      out.push(need);
    }
    return out;
  };
  let lo = 0, hi = 1;
  const tryRho = (rho: number): number[][] | undefined => {
    const need = needAt(rho);
    if (!need) return undefined;
    return feasible(highs, p, need);
  };
  let best = tryRho(hi);
  for (let i = 0; i < 60 && !best; i++) {
    lo = hi;
    hi *= 2;
    best = tryRho(hi);
  }
  if (!best) return p.throughput.map((r) => r.map(() => 0));
  while (hi - lo > 1e-3 * hi) {
    const mid = (lo + hi) / 2;
    const x = tryRho(mid);
    if (x) {
      hi = mid;
      best = x;
    } else lo = mid;
  }
  return best;
}

export function gavelFtfPolicy(highs: Highs): JobPolicy {
  return gavelPolicy('gavel-ftf', (p, states, ctx) => ftfAllocation(highs, p, states, ctx));
}
