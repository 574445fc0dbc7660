/**
 * Round-robin baseline (shared/specs/dice.md §6.2): picking order 0, 1, …,
 * n−1, repeated; tokens are ignored; the first picker rotates by one each
 * round. Ineligible tenants (no positive-value node left) are skipped.
 */
import { pickingSequence } from './picking-sequence.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

export function createRoundRobin(): Mechanism {
  let round = 0;
  return {
    name: 'round-robin',
    allocate(problem: AllocationProblem): RoundAllocation {
      const n = problem.tenants.length;
      let next = n > 0 ? round % n : 0;
      round++;
      const assignment = pickingSequence(problem, {
        choose(eligible) {
          for (let s = 0; s < n; s++) {
            const i = (next + s) % n;
            if (eligible[i]) return i;
          }
          return -1;
        },
        onPick(i) {
          next = (i + 1) % n;
        },
      });
      return { assignment };
    },
    snapshot: () => ({ round }),
    restore(state) {
      const r = (state as { round?: unknown } | null)?.round;
      if (!Number.isSafeInteger(r) || (r as number) < 0) throw new RangeError('expected a state {round: integer ≥ 0}');
      round = r as number;
    },
  };
}
