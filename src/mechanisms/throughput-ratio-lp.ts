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
 * with HiGHS' interior-point method without crossover and without presolve
 * (the original uses ECOS, also interior-point): the optimum is degenerate —
 * only the bottleneck tenants are pinned — and an interior solution spreads
 * the rest as the original's does, where a simplex vertex would leave nodes
 * empty or hand them to whichever tenant comes first. (With presolve on,
 * HiGHS cannot postsolve the interior answer and reports "Unknown"; before
 * this was found every round fell back to the simplex vertex.) On 60 random
 * 10 × 5 instances of the original system the interior answer is within
 * 0.01 of ECOS's in each agent's mean total share (the vertex was off by up
 * to 0.18); README, "The original Dice system".
 * With `serviceRates` d_ij and `arrivalRates` λ_i in the problem (the
 * original Dice system, where utilities are backlogs b_ij), the original's
 * form is used as written: served = Σ_j min(d_ij·x_ij, b_ij) (linearised by
 * z_ij ≤ d_ij·x_ij, z_ij ≤ b_ij), E_i = min(λ_i, (t_i/T)·Σ_j d_ij) with T over
 * all tenants, and every tenant with E_i > 0 takes part.
 * Realisation (option, default `independent` as in the original): x's
 * columns are normalised and each node drawn independently; a node with an
 * all-zero column stays unassigned. After the draw,
 * S_ij ← α·S_ij + (1 − α)·v_ij·X_ij per node, S_i = Σ_j S_ij (time-shared
 * fractions under `timeshare`).
 *
 * `variant: "original"` reproduces a quirk of the original code: after the
 * first round its shared-throughput EWMA is an n × m matrix (numpy
 * broadcasts the per-node served matrix onto the n × 1 vector), so the past
 * term in agent i's constraint is α·min_j S_ij — the EWMA of what it was
 * served on the node where it was served least — rather than α·Σ_j S_ij;
 * with fewer nodes than agents that is mostly 0 and the LP forgets the past.
 * The dice-original scenario kind makes it the default.
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
  /** "paper" (default): past term α·Σ_j S_ij; "original": α·min_j S_ij (see the module header). */
  variant?: 'paper' | 'original';
}

export function createThroughputRatioLp(highs: LpSolver, options: ThroughputRatioOptions = {}): Mechanism {
  const alpha = options.alpha ?? TANT_ALPHA;
  const realisation = options.realisation ?? 'independent';
  const minOverNodes = options.variant === 'original';
  /** Per tenant id: EWMA of what it was served on each node (S_ij). */
  let shared = new Map<string, number[]>();
  const past = (id: string, m: number) => {
    const s = shared.get(id);
    if (!s) return 0;
    if (minOverNodes) return s.length < m ? 0 : Math.min(...s);
    return s.reduce((a, b) => a + b, 0);
  };
  let round = 0;
  return {
    name: 'tant',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const n = problem.tenants.length;
      const m = problem.nodes.length;
      const T = problem.tenants.reduce((a, t) => a + t.tokens, 0);
      const dep = problem.serviceRates;
      const lambda = problem.arrivalRates;
      const uM = dep ? Float64Array.from(dep, (row) => Array.from(row).reduce((a, b) => a + b, 0)) : totalValues(problem);
      const exclusive = problem.tenants.map((t, i) => Math.min(lambda?.[i] ?? Infinity, (t.tokens / T) * uM[i]));
      const active = [...uM.keys()].filter((i) => exclusive[i] > 0);
      /** served_i(X) = Σ_j min(rate_ij·X_ij, cap_ij) (cap ∞ without service rates). */
      const rate = (i: number, j: number) => (dep ? dep[i][j] ?? 0 : problem.utilities[i][j] ?? 0);
      const cap = (i: number, j: number) => (dep ? problem.utilities[i][j] ?? 0 : Infinity);
      const fractions: FractionalAllocation = Array.from({ length: m }, () => []);
      if (active.length > 0) {
        const x = (i: number, j: number) => `x_${i}_${j}`;
        const constraints: LpConstraint[] = [];
        const bounds: Record<string, { lower?: number; upper?: number }> = {};
        for (let j = 0; j < m; j++) {
          const terms: LinearTerm[] = [];
          for (const i of active) if (rate(i, j) > 0) terms.push({ coef: 1, variable: x(i, j) });
          if (terms.length) constraints.push({ name: `node_${j}`, terms, sense: '<=', rhs: 1 });
        }
        for (const i of active) {
          const E = exclusive[i];
          const terms: LinearTerm[] = [{ coef: 1, variable: 'rho' }];
          for (let j = 0; j < m; j++) {
            const v = rate(i, j);
            if (!(v > 0)) continue;
            if (Number.isFinite(cap(i, j))) {
              // z_ij = min(v·x_ij, cap_ij): z ≤ v·x, z ≤ cap (bound)
              const z = `z_${i}_${j}`;
              constraints.push({ name: `zx_${i}_${j}`, terms: [{ coef: 1, variable: z }, { coef: -v, variable: x(i, j) }], sense: '<=', rhs: 0 });
              bounds[z] = { lower: 0, upper: Math.max(0, cap(i, j)) };
              terms.push({ coef: -(1 - alpha) / E, variable: z });
            } else terms.push({ coef: (-(1 - alpha) * v) / E, variable: x(i, j) });
          }
          constraints.push({ name: `ratio_${i}`, terms, sense: '<=', rhs: (alpha * past(problem.tenants[i].id, m)) / E });
        }
        const model = { sense: 'maximize' as const, objective: [{ coef: 1, variable: 'rho' }], constraints, bounds };
        let sol;
        try {
          // presolve off: HiGHS cannot postsolve a non-basic (interior) answer of a presolved LP and reports "Unknown".
          sol = solveLpWith(highs, model, { solver: 'ipm', run_crossover: 'off', presolve: 'off' });
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
      const served = Array.from({ length: n }, () => new Array<number>(m).fill(0));
      if (out.timeshare) out.timeshare.forEach((col, j) => col.forEach((e) => (served[e.tenant][j] += Math.min(e.fraction * rate(e.tenant, j), cap(e.tenant, j)))));
      else out.assignment.forEach((i, j) => i !== null && (served[i][j] += Math.min(rate(i, j), cap(i, j))));
      const next = new Map<string, number[]>();
      problem.tenants.forEach((t, i) => {
        const old = shared.get(t.id);
        next.set(t.id, served[i].map((s, j) => alpha * (old?.[j] ?? 0) + (1 - alpha) * s));
      });
      shared = next;
      round++;
      return { ...out, fractions };
    },
    snapshot: () => ({ shared: Object.fromEntries(shared), round }),
    restore(state) {
      const st = state as { shared?: unknown; round?: unknown } | null;
      if (!st || typeof st.shared !== 'object' || st.shared === null || !Number.isSafeInteger(st.round) || Object.values(st.shared).some((v) => !Array.isArray(v))) throw new RangeError('expected a tant state {shared: {tenant id: [per-node throughput]}, round}');
      shared = new Map(Object.entries(st.shared as Record<string, number[]>));
      round = st.round as number;
    },
  };
}
