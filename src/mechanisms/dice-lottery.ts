/**
 * L-Dice: lottery-based Dice (shared/specs/dice.md §2; source: the README of
 * mhomidi/dice, "L-Dice"). m tokens are drawn uniformly at random with
 * replacement; each drawn token's tenant takes its most preferred remaining
 * node, which is removed from every list.
 *
 * Exactly one PRNG draw per pick: an integer k ∈ [0, T_eligible) mapped to a
 * tenant through cumulative token counts in id order, over the tenants that
 * still have a positive-value node (the `allot allocate` contract). Claimed
 * property: ex-ante PROP (spec §5.1, tested by exact enumeration; checked per
 * round of a run from `marginals`, the exact marginals of the draw lottery).
 */
import type { Rng } from '../sim/rng.js';
import { splitClassesOverNodes } from './fractional.js';
import { nodeClasses } from './node-classes.js';
import { pickingSequence } from './picking-sequence.js';
import type { AllocationProblem, FractionalAllocation, Mechanism, RoundAllocation } from './types.js';

/** Largest number of class-count states `lotteryMarginals` will visit. */
export const LOTTERY_MARGINALS_MAX_STATES = 200_000;

/**
 * The exact marginals of L-Dice's lottery for one round: x_ij = P[tenant i
 * gets node j]. Dynamic programme over the counts of nodes taken from each
 * node class (identical utility columns; nodes of a class are taken in id
 * order, so the counts fix every tenant's best remaining node): each state
 * passes its probability to the eligible tenants ∝ tokens. Cost
 * O(S·n·K) for S = Π_k (|class k| + 1) states, K classes. Returns null when
 * S > `maxStates` (default 200,000). Columns of nodes that stay unassigned
 * sum to less than 1.
 */
export function lotteryMarginals(problem: AllocationProblem, maxStates = LOTTERY_MARGINALS_MAX_STATES): FractionalAllocation | null {
  const n = problem.tenants.length;
  const m = problem.nodes.length;
  const cls = nodeClasses(problem.utilities, m);
  const K = cls.members.length;
  const size = cls.members.map((c) => c.length);
  let S = 1;
  for (const c of size) {
    S *= c + 1;
    if (S > maxStates) return null;
  }
  const radix = new Array<number>(K);
  for (let k = 0, r = 1; k < K; k++) {
    radix[k] = r;
    r *= size[k] + 1;
  }
  const prob = new Float64Array(S);
  prob[0] = 1;
  const y = Array.from({ length: n }, () => new Float64Array(K));
  const count = new Int32Array(K);
  const tokens = problem.tenants.map((t) => t.tokens);
  const pick = new Int32Array(n);
  for (let s = 0; s < S; s++) {
    // decode s into class counts (mixed radix)
    for (let k = 0, r = s; k < K; k++) {
      count[k] = r % (size[k] + 1);
      r = Math.floor(r / (size[k] + 1));
    }
    const p = prob[s];
    if (p === 0) continue;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let best = -1;
      for (let k = 0; k < K; k++) {
        if (count[k] >= size[k] || !(cls.value[i][k] > 0)) continue;
        if (best < 0 || cls.value[i][k] > cls.value[i][best] || (cls.value[i][k] === cls.value[i][best] && cls.members[k][count[k]] < cls.members[best][count[best]])) best = k;
      }
      pick[i] = best;
      if (best >= 0) total += tokens[i];
    }
    if (total === 0) continue;
    for (let i = 0; i < n; i++) {
      if (pick[i] < 0) continue;
      const q = (p * tokens[i]) / total;
      y[i][pick[i]] += q;
      prob[s + radix[pick[i]]] += q;
    }
  }
  return splitClassesOverNodes(y, cls.members, m);
}

/**
 * L-Dice. `variant: "original"` (mhomidi/threashold-util-sim @ 344a4a7,
 * l_dice_scheduler.py): no eligibility filter — every draw is over all
 * tenants ∝ tokens and the winner takes its best remaining node even if it is
 * worth 0 to it.
 */
export function createLotteryDice(options: { variant?: 'paper' | 'original' } = {}): Mechanism {
  const original = options.variant === 'original';
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
      }, { allowZeroValue: original });
      return { assignment };
    },
    marginals: (problem) => (original ? null : lotteryMarginals(problem)),
  };
}
