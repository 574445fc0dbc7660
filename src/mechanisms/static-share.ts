/**
 * Static proportional share (shared/specs/dice.md §6.1): quotas q_i are the
 * largest-remainder (Hamilton) rounding of m·t_i/T over all tenants in the
 * input; the nodes are fixed once by an S-Dice picking sequence with those
 * quotas and kept until the tenant set (ids, tokens, nodes) changes. Not
 * work-conserving: a quota node stays with its tenant in rounds where the
 * tenant has no work. *(Ours:)* the fixing round lets tenants with quota
 * left pick zero-value nodes, so the partition does not depend on which
 * tenants happened to be busy in that round.
 */
import { exactStrideRule } from './dice-stride.js';
import { pickingSequence } from './picking-sequence.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

/** Largest-remainder (Hamilton) apportionment of `seats` by `weights` (> 0); ties to the lower index. */
export function hamiltonQuotas(seats: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (seats * w) / total);
  const q = exact.map(Math.floor);
  let left = seats - q.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ r: e - Math.floor(e), i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    q[i]++;
    left--;
  }
  return q;
}

export function createStaticShare(): Mechanism {
  let key = '';
  let fixed: (number | null)[] = [];
  return {
    name: 'static-share',
    allocate(problem: AllocationProblem): RoundAllocation {
      const k = JSON.stringify([problem.tenants.map((t) => [t.id, t.tokens]), problem.nodes.map((x) => x.id)]);
      if (k !== key) {
        key = k;
        const tokens = problem.tenants.map((t) => t.tokens);
        const quotas = hamiltonQuotas(problem.nodes.length, tokens);
        fixed = pickingSequence(problem, exactStrideRule(tokens), { caps: quotas, allowZeroValue: true });
      }
      return { assignment: fixed.slice() };
    },
    snapshot: () => ({ key, fixed: fixed.slice() }),
    restore(state) {
      const st = state as { key?: unknown; fixed?: unknown } | null;
      if (!st || typeof st.key !== 'string' || !Array.isArray(st.fixed)) throw new RangeError('expected a static-share state {key, fixed}');
      key = st.key;
      fixed = (st.fixed as (number | null)[]).slice();
    },
  };
}
