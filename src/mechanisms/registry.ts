/**
 * Registry of tenant-allocation mechanisms: name → factory. Factories are
 * async because some load a solver (HiGHS) once. A mechanism instance
 * carries its state across rounds, so create one per simulation.
 */
import { loadLpSolver } from '../solvers/highs.js';
import { createLotteryDice } from './dice-lottery.js';
import { createMarketDice, type MarketDiceOptions } from './dice-market.js';
import { createStrideDice, type StrideOptions } from './dice-stride.js';
import { createDrf } from './drf.js';
import { createHeteroMaxMin, type HeteroMaxMinOptions } from './hetero-max-min.js';
import { createMaxMin, type MaxMinOptions } from './max-min.js';
import { createRoundRobin } from './round-robin.js';
import { createStaticShare } from './static-share.js';
import type { Mechanism } from './types.js';

export interface MechanismOptions extends StrideOptions, MarketDiceOptions, MaxMinOptions, HeteroMaxMinOptions {}

const factories: Record<string, (o: MechanismOptions) => Mechanism | Promise<Mechanism>> = {
  'l-dice': () => createLotteryDice(),
  's-dice': (o) => createStrideDice(o),
  'm-dice': (o) => createMarketDice(o),
  'static-share': () => createStaticShare(),
  'round-robin': () => createRoundRobin(),
  'max-min': (o) => createMaxMin(o),
  drf: () => createDrf(),
  'hetero-max-min': async (o) => createHeteroMaxMin(await loadLpSolver(), o),
};

/** All mechanism names, Dice first then baselines. */
export const mechanismNames: readonly string[] = Object.keys(factories);

/** Creates a fresh mechanism. Throws RangeError for an unknown name. */
export async function createMechanism(name: string, options: MechanismOptions = {}): Promise<Mechanism> {
  const f = factories[name];
  if (!f) throw new RangeError(`unknown mechanism "${name}" (expected one of: ${mechanismNames.join(', ')})`);
  return f(options);
}
