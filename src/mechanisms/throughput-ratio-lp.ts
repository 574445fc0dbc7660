/**
 * `tant`: throughput-ratio max-min fairness, as the Dice authors' baseline
 * runs it (mhomidi/threashold-util-sim @ 344a4a7,
 * `modules/scheduler/tant_scheduler.py` ThroughputFairScheduler, in the style
 * of finish-time fairness, α = FTF_ALPHA = 0.9; shared/specs/dice.md §9).
 *
 * Each round, over the active tenants (u_i(M) > 0), solve the LP
 *
 *   max ρ  s.t.  ρ · E_i ≤ α·S_i + (1 − α)·Σ_j v_ij·x_ij   for every i,
 *                Σ_i x_ij ≤ 1 for every node j,  x ≥ 0,
 *
 * where S_i is tenant i's shared throughput, an EWMA (weight α on the past)
 * of what it was actually served, and E_i its exclusive throughput
 * min(λ_i, (t_i/T)·Σ_j v_ij). Allot's mechanisms see values, not arrival
 * rates, so λ_i = ∞ here and E_i = (t_i/T)·u_i(M): the ratio S_i/E_i is an
 * EWMA of the PROP ratio, and T cancels out of the argmax. The LP is solved
 * with HiGHS' interior-point method without crossover (the original uses
 * ECOS, also interior-point): the optimum is degenerate — only the
 * bottleneck tenants are pinned — and an interior solution spreads the rest
 * as the original's does, where a simplex vertex would leave nodes empty.
 * Realisation (option, default `independent` as in the original): x's
 * columns are normalised and each node drawn independently; a node with an
 * all-zero column stays unassigned. After the draw,
 * S_i ← α·S_i + (1 − α)·Σ_j v_ij·X_ij (time-shared fractions under
 * `timeshare`).
 *
 * Errors: throws if the LP solver does not report an optimum (naming the
 * round). Where the interior-point run stops short of "Optimal" (degenerate
 * rounds), the LP is solved again with HiGHS' default method.
 */
import type { Rng } from '../sim/rng.js';
import { solveLpWith, type LinearTerm, type LpConstraint, type LpSolver } from '../solvers/highs.js';
import { totalValues } from './picking-sequence.js';
import { realise } from './realise.js';
import type { AllocationProblem, FractionalAllocation, Mechanism, Realisation, RoundAllocation } from './types.js';

/** The original's FTF_ALPHA: weight of the past in the shared-throughput EWMA. */
export const TANT_ALPHA = 0.9;

export interface ThroughputRatioOptions {
  realisation?: Realisation;
  /** EWMA weight of the past, in [0, 1) (default 0.9). */
  alpha?: number;
}

export function createThroughputRatioLp(highs: LpSolver, options: ThroughputRatioOptions = {}): Mechanism {
  const alpha = options.alpha ?? TANT_ALPHA;
  const realisation = options.realisation ?? 'independent';
  let shared = new Map<string, number>();
  let round = 0;
  return {
    name: 'tant',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const n = problem.tenants.length;
      const m = problem.nodes.length;
      const uM = totalValues(problem);
      const active = [...uM.keys()].filter((i) => uM[i] > 0);
      const T = problem.tenants.reduce((a, t) => a + t.tokens, 0);
      const fractions: FractionalAllocation = Array.from({ length: m }, () => []);
      if (active.length > 0) {
        const x = (i: number, j: number) => `x_${i}_${j}`;
        const constraints: LpConstraint[] = [];
        for (let j = 0; j < m; j++) {
          const terms: LinearTerm[] = [];
          for (const i of active) if ((problem.utilities[i][j] ?? 0) > 0) terms.push({ coef: 1, variable: x(i, j) });
          if (terms.length) constraints.push({ name: `node_${j}`, terms, sense: '<=', rhs: 1 });
        }
        for (const i of active) {
          const E = (problem.tenants[i].tokens / T) * uM[i];
          const terms: LinearTerm[] = [{ coef: 1, variable: 'rho' }];
          for (let j = 0; j < m; j++) {
            const v = problem.utilities[i][j] ?? 0;
            if (v > 0) terms.push({ coef: (-(1 - alpha) * v) / E, variable: x(i, j) });
          }
          constraints.push({ name: `ratio_${i}`, terms, sense: '<=', rhs: (alpha * (shared.get(problem.tenants[i].id) ?? 0)) / E });
        }
        const model = { sense: 'maximize' as const, objective: [{ coef: 1, variable: 'rho' }], constraints };
        let sol;
        try {
          sol = solveLpWith(highs, model, { solver: 'ipm', run_crossover: 'off' });
        } catch {
          // The interior-point method without crossover can stop short of "Optimal" on degenerate rounds: solve again with the default method.
          try {
            sol = solveLpWith(highs, model);
          } catch (e) {
            throw new Error(`tant: round ${round}: ${(e as Error).message}`, { cause: e });
          }
        }
        for (let j = 0; j < m; j++) {
          let sum = 0;
          const col: { tenant: number; x: number }[] = [];
          for (const i of active) {
            const v = Math.max(0, sol.values.get(x(i, j)) ?? 0);
            if (v > 1e-12) {
              col.push({ tenant: i, x: v });
              sum += v;
            }
          }
          if (sum > 0) fractions[j] = col.map((e) => ({ tenant: e.tenant, x: e.x / sum }));
        }
      }
      const out = realise(fractions, n, realisation, rng);
      const served = new Float64Array(n);
      if (out.timeshare) out.timeshare.forEach((col, j) => col.forEach((e) => (served[e.tenant] += e.fraction * (problem.utilities[e.tenant][j] ?? 0))));
      else out.assignment.forEach((i, j) => i !== null && (served[i] += problem.utilities[i][j] ?? 0));
      const next = new Map<string, number>();
      problem.tenants.forEach((t, i) => next.set(t.id, alpha * (shared.get(t.id) ?? 0) + (1 - alpha) * served[i]));
      shared = next;
      round++;
      return { ...out, fractions };
    },
    snapshot: () => ({ shared: Object.fromEntries(shared), round }),
    restore(state) {
      const st = state as { shared?: unknown; round?: unknown } | null;
      if (!st || typeof st.shared !== 'object' || st.shared === null || !Number.isSafeInteger(st.round)) throw new RangeError('expected a tant state {shared: {tenant id: throughput}, round}');
      shared = new Map(Object.entries(st.shared as Record<string, number>));
      round = st.round as number;
    },
  };
}
