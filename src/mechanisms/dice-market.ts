/**
 * M-Dice: market-based Dice, the main Dice mechanism (shared/specs/dice.md
 * §4; source: the README of mhomidi/dice, "M-Dice"). Each round, the active
 * tenants (u_i(M) > 0) spend their tokens in a linear Fisher market for the
 * nodes; the allocation is its competitive equilibrium, the solution of the
 * Eisenberg–Gale program max Σ t_i·log u_i(x_i) s.t. Σ_i x_ij ≤ 1.
 *
 * Steps: (1) group nodes into classes with identical utility columns (one
 * good with supply = count; same equilibrium, since identical goods share a
 * price); (2) solve the class market (`solveFisherMarket`, certificate gap ≤
 * ε, default 1e-6); (3) split class amounts over nodes in order; nodes no
 * active tenant values get price 0 and a token-share split (ours, spec §4);
 * (4) realise x as a lottery (dependent rounding, default), a BvN lottery,
 * time-sharing, one independent draw per node (the original code), or
 * across rounds with carried per-type deficits (`deficit`,
 * deficit-realisation.ts).
 *
 * Output: assignment, sparse fractions, and per-node prices in tokens
 * (Σ_j p_j = Σ tokens of active tenants). Properties (spec §5.3): x is
 * weighted-envy-free and proportional, hence ex-ante EF1 and PROP, and
 * fractionally Pareto efficient. Throws Error naming the round when the
 * certificate fails.
 */
import type { Rng } from '../sim/rng.js';
import { solveFisherMarket, type MarketOptions } from './fisher-market.js';
import { splitClassesOverNodes, tokenShareColumn } from './fractional.js';
import { problemClasses } from './node-classes.js';
import { totalValues } from './picking-sequence.js';
import { realise } from './realise.js';
import { createDeficitRealiser } from './deficit-realisation.js';
import type { AllocationProblem, FractionalAllocation, Mechanism, MechanismState, Realisation, RoundAllocation } from './types.js';

export interface MarketDiceOptions extends MarketOptions {
  /** A realisation of realise.ts, or `deficit` (carried per-type deficits, deficit-realisation.ts). */
  realisation?: Realisation | 'deficit';
}

/** The fractional CE of one round (no realisation): fractions, prices, and the active/unvalued sets. */
export function marketEquilibriumAllocation(problem: AllocationProblem, options: MarketOptions = {}, round = 0) {
  const n = problem.tenants.length;
  const m = problem.nodes.length;
  const uM = totalValues(problem);
  const active = [...Array(n).keys()].filter((i) => uM[i] > 0);
  const fractions: FractionalAllocation = Array.from({ length: m }, () => []);
  const prices = new Array<number>(m).fill(0);
  const unvalued = new Set<number>();
  if (active.length === 0) {
    for (let j = 0; j < m; j++) unvalued.add(j);
    return { fractions, prices, unvalued, active };
  }
  const cls = problemClasses(problem, active);
  const goods = cls.members.map((_, k) => k).filter((k) => active.some((_, a) => cls.value[a][k] > 0));
  if (goods.length > 0) {
    let eq;
    try {
      eq = solveFisherMarket(
        {
          budgets: active.map((i) => problem.tenants[i].tokens),
          values: cls.value.map((row) => goods.map((k) => row[k])),
          supply: goods.map((k) => cls.members[k].length),
        },
        options,
      );
    } catch (e) {
      throw new Error(`M-Dice round ${round}: ${(e as Error).message}`, { cause: e });
    }
    // Class amounts for active tenants → per-node fractions (tenant indices in the problem).
    const y = active.map((_, a) => Float64Array.from(goods, (_, g) => eq.x[a][g]));
    const split = splitClassesOverNodes(y, goods.map((k) => cls.members[k]), m);
    split.forEach((col, j) => {
      for (const e of col) fractions[j].push({ tenant: active[e.tenant], x: e.x });
    });
    goods.forEach((k, g) => {
      for (const j of cls.members[k]) prices[j] = eq.prices[g];
    });
  }
  const tokens = problem.tenants.map((t) => t.tokens);
  for (let j = 0; j < m; j++) {
    if (fractions[j].length === 0) {
      unvalued.add(j);
      fractions[j] = tokenShareColumn(active, tokens);
    }
  }
  return { fractions, prices, unvalued, active };
}

export function createMarketDice(options: MarketDiceOptions = {}): Mechanism {
  const realisation = options.realisation ?? 'lottery';
  const deficit = realisation === 'deficit' ? createDeficitRealiser() : null;
  let round = 0;
  return {
    name: 'm-dice',
    allocate(problem: AllocationProblem, rng: Rng): RoundAllocation {
      const { fractions, prices, unvalued } = marketEquilibriumAllocation(problem, options, round++);
      const r = deficit
        ? { assignment: deficit.realise(fractions, problem.nodes.map((x) => x.type), problem.tenants.map((t) => t.id), unvalued) }
        : realise(fractions, problem.tenants.length, realisation as Realisation, rng, unvalued);
      return { ...r, fractions, prices };
    },
    snapshot: (): MechanismState => (deficit ? { round, carry: deficit.snapshot() } : { round }),
    restore(state) {
      const r = (state as { round?: unknown } | null)?.round;
      if (!Number.isSafeInteger(r) || (r as number) < 0) throw new RangeError('expected a state {round: integer ≥ 0}');
      deficit?.restore((state as { carry?: unknown }).carry ?? {});
      round = r as number;
    },
  };
}
