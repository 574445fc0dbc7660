/**
 * Dominant Resource Fairness (Ghodsi et al., "Dominant Resource Fairness:
 * Fair Allocation of Multiple Resource Types", NSDI'11; weighted form §4),
 * as a Dice baseline (shared/specs/dice.md §6.4). Each accelerator type is a
 * resource with capacity = its node count. A tenant's "task" is one node of
 * its most valued type that still has a free node (its best remaining node).
 * Repeatedly the tenant with the lowest weighted dominant share
 * max_type(alloc_type / capacity_type) / t_i (ties to the lower id) gets one
 * task, until every demand (`problem.demands`, nodes; ∞ when absent) is met
 * or no free node has positive value to anyone still wanting one.
 */
import { pickingSequence } from './picking-sequence.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

export function createDrf(): Mechanism {
  return {
    name: 'drf',
    allocate(problem: AllocationProblem): RoundAllocation {
      const n = problem.tenants.length;
      const typeIndex = new Map<string, number>();
      const typeOf = problem.nodes.map((node) => {
        if (!typeIndex.has(node.type)) typeIndex.set(node.type, typeIndex.size);
        return typeIndex.get(node.type)!;
      });
      const capacity = new Float64Array(typeIndex.size);
      for (const t of typeOf) capacity[t]++;
      const alloc = Array.from({ length: n }, () => new Float64Array(typeIndex.size));
      const dominant = new Float64Array(n);
      const tokens = problem.tenants.map((t) => t.tokens);
      const assignment = pickingSequence(
        problem,
        {
          choose(eligible) {
            let best = -1;
            for (let i = 0; i < n; i++) {
              if (eligible[i] && (best < 0 || dominant[i] / tokens[i] < dominant[best] / tokens[best])) best = i;
            }
            return best;
          },
          onPick(i, j) {
            const t = typeOf[j];
            alloc[i][t]++;
            dominant[i] = Math.max(dominant[i], alloc[i][t] / capacity[t]);
          },
        },
        { caps: problem.demands },
      );
      return { assignment };
    },
  };
}
