/**
 * L-Dice: lottery-based Dice (shared/specs/dice.md §2; source: the README of
 * mhomidi/dice, "L-Dice"). m tokens are drawn uniformly at random with
 * replacement; each drawn token's tenant takes its most preferred remaining
 * node, which is removed from every list.
 *
 * Exactly one PRNG draw per pick: an integer k ∈ [0, T_eligible) mapped to a
 * tenant through cumulative token counts in id order, over the tenants that
 * still have a positive-value node (the `allot allocate` contract). Claimed
 * property: ex-ante PROP (spec §5.1, tested by exact enumeration).
 */
import type { Rng } from '../sim/rng.js';
import { pickingSequence } from './picking-sequence.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

export function createLotteryDice(): Mechanism {
  return {
    name: 'l-dice',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const tokens = problem.tenants.map((t) => t.tokens);
      const assignment = pickingSequence(problem, {
        choose(eligible) {
          let total = 0;
          for (let i = 0; i < tokens.length; i++) if (eligible[i]) total += tokens[i];
          if (total === 0) return -1;
          let k = rng.int(total);
          for (let i = 0; i < tokens.length; i++) {
            if (!eligible[i]) continue;
            if (k < tokens[i]) return i;
            k -= tokens[i];
          }
          return -1;
        },
        onPick() {},
      });
      return { assignment };
    },
  };
}
