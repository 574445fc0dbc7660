/**
 * `ss`: one stride scheduler per node, Gandiva_fair-style (Chaudhary et al.,
 * "Balancing Efficiency and Fairness in Heterogeneous GPU Clusters for Deep
 * Learning", EuroSys'20); as the Dice authors' baseline runs it
 * (mhomidi/threashold-util-sim @ 344a4a7, `modules/scheduler/ss_scheduler.py`
 * GFairScheduler; shared/specs/dice.md §9).
 *
 * Every node j keeps its own pass p_ij per tenant (stride 1/t_i in units of
 * the original's 100000/w_i; passes carry across rounds). Each round, node by
 * node, among the tenants with v_ij > 0 the smallest p_ij wins — ties broken
 * uniformly at random (one `rng.int` per tie) — and its pass on that node
 * advances by its stride. Nodes never compete with each other: a tenant can
 * win every node it values, and node speeds do not enter the rule.
 *
 * A node that no tenant values stays unassigned (null) by default; the
 * original (`variant: "original"`) hands it to a uniformly random agent, which
 * matters on the original system, where a node serves the round's arrivals. A tenant first seen after round 0 starts at the smallest pass on
 * each node (the original has a fixed agent set, all at 0).
 * Passes are exact rationals, so ties are exact (the original's floats
 * 100000/(w_i/W) tie for equal weights).
 */
import type { Rng } from '../sim/rng.js';
import { Rational } from './rational.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

/** `idleNodes`: a node no tenant values stays unassigned (default) or goes to a uniformly random tenant (the original; one `rng.int`). */
export function createPerNodeStride(options: { idleNodes?: 'unassigned' | 'random' } = {}): Mechanism {
  const randomIdle = options.idleNodes === 'random';
  /** passes[j] maps tenant id → pass on node j. */
  let passes: Map<string, Rational>[] = [];
  return {
    name: 'ss',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const n = problem.tenants.length;
      const m = problem.nodes.length;
      while (passes.length < m) passes.push(new Map());
      const assignment: (number | null)[] = new Array(m).fill(null);
      for (let j = 0; j < m; j++) {
        const pj = passes[j];
        let floor: Rational | undefined;
        for (const p of pj.values()) if (!floor || p.compare(floor) < 0) floor = p;
        const tied: number[] = [];
        let best: Rational | undefined;
        for (let i = 0; i < n; i++) {
          const id = problem.tenants[i].id;
          if (!pj.has(id)) pj.set(id, floor ?? Rational.ZERO);
          if (!((problem.utilities[i][j] ?? 0) > 0)) continue;
          const p = pj.get(id)!;
          const c = best ? p.compare(best) : -1;
          if (c < 0) {
            best = p;
            tied.length = 0;
            tied.push(i);
          } else if (c === 0) tied.push(i);
        }
        if (tied.length === 0) {
          if (randomIdle && n > 0) assignment[j] = rng.int(n);
          continue;
        }
        const i = tied.length === 1 ? tied[0] : tied[rng.int(tied.length)];
        const id = problem.tenants[i].id;
        pj.set(id, pj.get(id)!.add(Rational.of(1, problem.tenants[i].tokens)));
        assignment[j] = i;
      }
      return { assignment };
    },
    snapshot: () => ({ passes: passes.map((pj) => Object.fromEntries([...pj].map(([id, p]) => [id, p.toString()]))) }),
    restore(state) {
      const st = (state as { passes?: unknown } | null)?.passes;
      if (!Array.isArray(st) || st.some((x) => x === null || typeof x !== 'object')) throw new RangeError('expected an ss state {passes: [{tenant id: pass}] per node}');
      passes = (st as Record<string, string>[]).map((pj) => new Map(Object.entries(pj).map(([id, p]) => [id, Rational.parse(p)])));
    },
  };
}
