/**
 * Heterogeneity-aware max-min fairness (Gavel: Narayanan et al.,
 * "Heterogeneity-Aware Cluster Scheduling Policies for Deep Learning
 * Workloads", OSDI'20, §4.1 "max-min fairness"; shared/specs/dice.md §6.5).
 * The fractional problem
 *
 *   max_x min_i (1/t_i)·u_i(x_i)/u_i(x^eq_i)   s.t. Σ_i x_ij ≤ 1, x ≥ 0,
 *
 * where x^eq gives every active tenant 1/n of each node (so u_i(x^eq) =
 * u_i(M)/n), is an LP solved with HiGHS over node classes. *(Ours:)* a
 * second LP then maximises Σ_i u_i(x_i)/u_i(M) with every tenant kept at
 * its max-min level, so that capacity the bottleneck does not need is not
 * wasted. Option `waterFilling` maximises lexicographically instead (Gavel's
 * water-filling variant): raise the minimum, fix the tenants that cannot go
 * higher, repeat. Realised like M-Dice (`realisation`, default lottery).
 */
import type { Rng } from '../sim/rng.js';
import { solveLpWith, type LinearTerm, type LpConstraint, type LpSolver } from '../solvers/highs.js';
import { splitClassesOverNodes, tokenShareColumn } from './fractional.js';
import { nodeClasses } from './node-classes.js';
import { totalValues } from './picking-sequence.js';
import { realise } from './realise.js';
import type { AllocationProblem, FractionalAllocation, Mechanism, Realisation, RoundAllocation } from './types.js';

export interface HeteroMaxMinOptions {
  realisation?: Realisation;
  waterFilling?: boolean;
}

type Highs = LpSolver;

export function createHeteroMaxMin(highs: Highs, options: HeteroMaxMinOptions = {}): Mechanism {
  const realisation = options.realisation ?? 'lottery';
  return {
    name: 'hetero-max-min',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const fractions = heteroMaxMinFractions(highs, problem, options.waterFilling ?? false);
      const unvalued = new Set<number>();
      const uM = totalValues(problem);
      const active = [...uM.keys()].filter((i) => uM[i] > 0);
      const tokens = problem.tenants.map((t) => t.tokens);
      fractions.forEach((col, j) => {
        if (col.length === 0 && active.length > 0) {
          unvalued.add(j);
          fractions[j] = tokenShareColumn(active, tokens);
        }
      });
      return { ...realise(fractions, problem.tenants.length, realisation, rng, unvalued), fractions };
    },
  };
}

/** The LP allocation (sparse by node; columns of nodes nobody values are empty). */
export function heteroMaxMinFractions(highs: Highs, problem: AllocationProblem, waterFilling: boolean): FractionalAllocation {
  const m = problem.nodes.length;
  const uM = totalValues(problem);
  const active = [...uM.keys()].filter((i) => uM[i] > 0);
  if (active.length === 0) return Array.from({ length: m }, () => []);
  const cls = nodeClasses(active.map((i) => problem.utilities[i]), m);
  const K = cls.members.length;
  const nA = active.length;
  const v = (a: number, k: number) => `x_${a}_${k}`;
  // Normalised utility of tenant a: Σ_k v_ak x_ak / (t_a · u_a(M) / n), the objective's ratio.
  const norm = active.map((i) => (problem.tenants[i].tokens * uM[i]) / nA);
  const utilTerms = (a: number): LinearTerm[] => {
    const terms: LinearTerm[] = [];
    for (let k = 0; k < K; k++) if (cls.value[a][k] > 0) terms.push({ coef: cls.value[a][k] / norm[a], variable: v(a, k) });
    return terms;
  };
  const supply: LpConstraint[] = [];
  for (let k = 0; k < K; k++) {
    const terms: LinearTerm[] = [];
    for (let a = 0; a < nA; a++) if (cls.value[a][k] > 0) terms.push({ coef: 1, variable: v(a, k) });
    if (terms.length) supply.push({ name: `supply_${k}`, terms, sense: '<=', rhs: cls.members[k].length });
  }
  const levelRow = (a: number, level: number | 'z'): LpConstraint =>
    level === 'z'
      ? { name: `level_${a}`, terms: [...utilTerms(a), { coef: -1, variable: 'z' }], sense: '>=', rhs: 0 }
      : { name: `level_${a}`, terms: utilTerms(a), sense: '>=', rhs: level * (1 - 1e-9) };
  const fixed = new Map<number, number>();
  let last: Map<string, number> = new Map();
  for (;;) {
    const free = [...Array(nA).keys()].filter((a) => !fixed.has(a));
    if (free.length === 0) break;
    const rows = [...supply, ...[...Array(nA).keys()].map((a) => levelRow(a, fixed.has(a) ? fixed.get(a)! : 'z'))];
    const sol = solveLpWith(highs, { sense: 'maximize', objective: [{ coef: 1, variable: 'z' }], constraints: rows, bounds: { z: { lower: 0 } } });
    const z = sol.values.get('z') ?? 0;
    if (!waterFilling) {
      for (const a of free) fixed.set(a, z);
      break;
    }
    // Tenants that cannot exceed z while the others keep their levels are bottlenecks.
    let anyFixed = false;
    for (const a of free) {
      const probe = solveLpWith(highs, {
        sense: 'maximize',
        objective: utilTerms(a),
        constraints: [...supply, ...[...Array(nA).keys()].filter((b) => b !== a).map((b) => levelRow(b, fixed.has(b) ? fixed.get(b)! : z))],
      });
      if (probe.objective <= z * (1 + 1e-7) + 1e-12) {
        fixed.set(a, z);
        anyFixed = true;
      }
    }
    if (!anyFixed) for (const a of free) fixed.set(a, z); // numerical safety: stop
    last = sol.values;
  }
  // Efficiency stage: keep every level, maximise Σ_a u_a/u_a(M) (ours).
  const objective: LinearTerm[] = [];
  for (let a = 0; a < nA; a++) for (let k = 0; k < K; k++) if (cls.value[a][k] > 0) objective.push({ coef: cls.value[a][k] / uM[active[a]], variable: v(a, k) });
  const final = solveLpWith(highs, {
    sense: 'maximize',
    objective,
    constraints: [...supply, ...[...Array(nA).keys()].map((a) => levelRow(a, fixed.get(a)!))],
  });
  last = final.values;
  const y = Array.from({ length: nA }, (_, a) => Float64Array.from({ length: K }, (_, k) => Math.max(0, last.get(v(a, k)) ?? 0)));
  // Classes are fully used when valued: fold LP slack into proportional top-up so columns sum to the supply.
  for (let k = 0; k < K; k++) {
    let used = 0;
    for (let a = 0; a < nA; a++) used += y[a][k];
    const cap = cls.members[k].length;
    if (used > cap) for (let a = 0; a < nA; a++) y[a][k] *= cap / used;
  }
  const split = splitClassesOverNodes(y, cls.members, m);
  return split.map((col) => col.map((e) => ({ tenant: active[e.tenant], x: e.x })));
}
