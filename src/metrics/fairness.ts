/**
 * Fairness properties of one round's allocation (shared/specs/dice.md §5),
 * all weighted by tokens (with equal tokens they are the standard notions):
 * PROP, PROP1, EF, EF1 (unweighted), weighted EF1 (WEF1; Chakraborty,
 * Igarashi, Suksompong & Zick, ACM TEAC 2021), the envy matrix and Jain's
 * index. T = Σ tokens of the *active* tenants (u_i(M) > 0); inactive tenants
 * are exempt from every property.
 */
import { nodeClasses } from '../mechanisms/node-classes.js';
import type { AllocationProblem, FractionalAllocation } from '../mechanisms/types.js';
import { solveLpWith, type LinearTerm, type LpConstraint, type LpSolver } from '../solvers/highs.js';

/**
 * The fairness of one round's integral allocation (see the module header),
 * arrays indexed by tenant: utilities, PROP ratios, which of PROP, PROP1, EF1
 * and WEF1 hold, weighted envy and nodes held. `roundFairness` computes it.
 */
export interface RoundFairness {
  /** u[i] = u_i(X_i). */
  utility: Float64Array;
  /** PROP ratio u_i / ((t_i/T)·u_i(M)); NaN for inactive tenants. */
  propRatio: Float64Array;
  /** Per tenant: property holds (inactive tenants: true). */
  prop: boolean[];
  prop1: boolean[];
  ef1: boolean[];
  wef1: boolean[];
  /** max_k (u_i(X_k)/t_k − u_i(X_i)/t_i), ≥ 0 means envy (0 when none). */
  envy: Float64Array;
  /** Nodes held. */
  nodes: Int32Array;
}

const TOL = 1e-9;

/** Evaluates an integral assignment (per node: tenant index or null). O(m·n + n²). */
export function roundFairness(problem: AllocationProblem, assignment: readonly (number | null)[]): RoundFairness {
  const n = problem.tenants.length;
  const m = problem.nodes.length;
  const U = problem.utilities;
  const t = problem.tenants.map((x) => x.tokens);
  // bundle[i][k] = u_i(X_k); maxIn[i][k] = max_{g∈X_k} v_ig; total[i] = u_i(M); maxOut[i] = max_{g∉X_i} v_ig
  const bundle = Array.from({ length: n }, () => new Float64Array(n));
  const maxIn = Array.from({ length: n }, () => new Float64Array(n));
  const total = new Float64Array(n);
  const nodes = new Int32Array(n);
  for (let j = 0; j < m; j++) {
    const k = assignment[j];
    if (k !== null) nodes[k]++;
    for (let i = 0; i < n; i++) {
      const v = U[i][j] ?? 0;
      total[i] += v;
      if (k !== null) {
        bundle[i][k] += v;
        if (v > maxIn[i][k]) maxIn[i][k] = v;
      }
    }
  }
  const maxOut = new Float64Array(n);
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) if (assignment[j] !== i) maxOut[i] = Math.max(maxOut[i], U[i][j] ?? 0);
  let T = 0;
  for (let i = 0; i < n; i++) if (total[i] > 0) T += t[i];
  const utility = Float64Array.from({ length: n }, (_, i) => bundle[i][i]);
  const propRatio = new Float64Array(n).fill(NaN);
  const prop: boolean[] = [];
  const prop1: boolean[] = [];
  const ef1: boolean[] = [];
  const wef1: boolean[] = [];
  const envy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const active = total[i] > 0;
    const share = active ? (t[i] / T) * total[i] : 0;
    if (active) propRatio[i] = utility[i] / share;
    const tol = TOL * Math.max(1, total[i]);
    prop.push(!active || utility[i] >= share - tol);
    prop1.push(!active || utility[i] + maxOut[i] >= share - tol);
    let e1 = true;
    let w1 = true;
    let worst = 0;
    for (let k = 0; k < n; k++) {
      if (k === i) continue;
      if (active) {
        if (utility[i] < bundle[i][k] - maxIn[i][k] - tol) e1 = false;
        if (utility[i] / t[i] < (bundle[i][k] - maxIn[i][k]) / t[k] - tol) w1 = false;
        worst = Math.max(worst, bundle[i][k] / t[k] - utility[i] / t[i]);
      }
    }
    ef1.push(e1);
    wef1.push(w1);
    envy[i] = worst;
  }
  return { utility, propRatio, prop, prop1, ef1, wef1, envy, nodes };
}

/** Weighted envy-freeness and PROP of a fractional allocation (ex-ante checks); returns the worst violations (≤ 0 means satisfied). */
export function fractionalFairness(problem: AllocationProblem, f: FractionalAllocation): { weightedEnvy: number; propShortfall: number } {
  const n = problem.tenants.length;
  const t = problem.tenants.map((x) => x.tokens);
  const bundle = Array.from({ length: n }, () => new Float64Array(n));
  const total = new Float64Array(n);
  f.forEach((col, j) => {
    for (let i = 0; i < n; i++) {
      const v = problem.utilities[i][j] ?? 0;
      total[i] += v;
      for (const e of col) bundle[i][e.tenant] += v * e.x;
    }
  });
  let T = 0;
  for (let i = 0; i < n; i++) if (total[i] > 0) T += t[i];
  let weightedEnvy = -Infinity;
  let propShortfall = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!(total[i] > 0)) continue;
    propShortfall = Math.max(propShortfall, ((t[i] / T) * total[i] - bundle[i][i]) / total[i]);
    for (let k = 0; k < n; k++) if (k !== i) weightedEnvy = Math.max(weightedEnvy, (bundle[i][k] / t[k] - bundle[i][i] / t[i]) / (total[i] / t[i]));
  }
  return { weightedEnvy, propShortfall };
}

/** Tolerance of the per-round ex-ante checks, relative to each tenant's u_i(M) (fPE: to Σ_i u_i(M)). */
export const EX_ANTE_TOLERANCE = 1e-6;

/**
 * The seed's ex-ante claims on one round's fractional allocation x (M-Dice's
 * equilibrium, or a lottery's marginals; shared/specs/dice.md §5):
 * - `prop`: u_i(x_i) ≥ (t_i/T)·u_i(M) for every active tenant;
 * - `weightedEf`: u_i(x_i)/t_i ≥ u_i(x_k)/t_k for all i, k (which implies
 *   every reading of ex-ante EF1);
 * - `fpe`: fractional Pareto efficiency — the LP "max Σ s_i s.t.
 *   Σ_k v_ik z_ik ≥ u_i(x_i) + s_i, Σ_i z_ik ≤ |class k|, z, s ≥ 0" over node
 *   classes has optimum ≤ ε·Σ_i u_i(M) (null without an LP solver).
 * Each within `EX_ANTE_TOLERANCE`; inactive tenants are exempt.
 */
export function exAnteFairness(problem: AllocationProblem, x: FractionalAllocation, highs?: LpSolver): { prop: boolean; weightedEf: boolean; fpe: boolean | null } {
  const f = fractionalFairness(problem, x);
  const eps = EX_ANTE_TOLERANCE;
  const prop = !(f.propShortfall > eps);
  const weightedEf = !(f.weightedEnvy > eps);
  if (!highs) return { prop, weightedEf, fpe: null };
  const n = problem.tenants.length;
  const m = problem.nodes.length;
  const cls = nodeClasses(problem.utilities, m);
  const K = cls.members.length;
  const u = new Float64Array(n);
  let scale = 0;
  x.forEach((col, j) => col.forEach((e) => (u[e.tenant] += (problem.utilities[e.tenant][j] ?? 0) * e.x)));
  const constraints: LpConstraint[] = [];
  const objective: LinearTerm[] = [];
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let k = 0; k < K; k++) total += cls.value[i][k] * cls.members[k].length;
    if (!(total > 0)) continue;
    scale += total;
    const terms: LinearTerm[] = [{ coef: -1, variable: `s_${i}` }];
    for (let k = 0; k < K; k++) if (cls.value[i][k] > 0) terms.push({ coef: cls.value[i][k], variable: `z_${i}_${k}` });
    constraints.push({ name: `u_${i}`, terms, sense: '>=', rhs: u[i] - 1e-9 * total });
    objective.push({ coef: 1, variable: `s_${i}` });
  }
  if (objective.length === 0) return { prop, weightedEf, fpe: true };
  for (let k = 0; k < K; k++) {
    const terms: LinearTerm[] = [];
    for (let i = 0; i < n; i++) if (cls.value[i][k] > 0) terms.push({ coef: 1, variable: `z_${i}_${k}` });
    if (terms.length) constraints.push({ name: `c_${k}`, terms, sense: '<=', rhs: cls.members[k].length });
  }
  const sol = solveLpWith(highs, { sense: 'maximize', objective, constraints });
  return { prop, weightedEf, fpe: sol.objective <= eps * scale };
}

/** Jain's fairness index (Σx)²/(n·Σx²) of non-negative values; 1 = equal. NaN for an empty list. */
export function jainIndex(values: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let q = 0; q < values.length; q++) {
    const v = values[q];
    if (!Number.isFinite(v)) continue;
    s += v;
    s2 += v * v;
    n++;
  }
  if (n === 0) return NaN;
  return s2 === 0 ? 1 : (s * s) / (n * s2);
}
