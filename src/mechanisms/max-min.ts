/**
 * Token-weighted max-min fairness on normalised utility (shared/specs/dice.md
 * §6.3): repeatedly the eligible tenant with the smallest
 * (u_i(X_i)/u_i(M))/t_i takes its most valued remaining node (ties to the
 * lower id). Option `maxMinOn: "nodes"` is the heterogeneity-agnostic
 * variant: water-filling on node counts (smallest nodes_i/t_i first),
 * against demand caps when the problem has `demands`, node types ignored.
 */
import { pickingSequence, totalValues } from './picking-sequence.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

export interface MaxMinOptions {
  maxMinOn?: 'utility' | 'nodes';
}

export function createMaxMin(options: MaxMinOptions = {}): Mechanism {
  const onNodes = options.maxMinOn === 'nodes';
  return {
    name: 'max-min',
    allocate(problem: AllocationProblem): RoundAllocation {
      const n = problem.tenants.length;
      const uM = totalValues(problem);
      const got = new Float64Array(n);
      const tokens = problem.tenants.map((t) => t.tokens);
      const score = (i: number) => (onNodes ? got[i] : got[i] / uM[i]) / tokens[i];
      const assignment = pickingSequence(
        problem,
        {
          choose(eligible) {
            let best = -1;
            let bestScore = Infinity;
            for (let i = 0; i < n; i++) {
              if (!eligible[i]) continue;
              const s = score(i);
              if (s < bestScore) {
                best = i;
                bestScore = s;
              }
            }
            return best;
          },
          onPick(i, _j, v) {
            got[i] += onNodes ? 1 : v;
          },
        },
        { caps: onNodes ? problem.demands : undefined },
      );
      return { assignment };
    },
  };
}
