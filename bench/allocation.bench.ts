/**
 * Level 1 benchmarks (fixed workloads, seed 1): M-Dice solve time (per-node
 * utilities 10×100 and 100×1,000; 1,000 tenants × 10,000 nodes of 8 types),
 * S-Dice / L-Dice allocations per second, and simulated requests per second
 * on the default inference scenario.
 */
import { createMarketDice } from '../src/mechanisms/dice-market.js';
import { createLotteryDice } from '../src/mechanisms/dice-lottery.js';
import { createStrideDice } from '../src/mechanisms/dice-stride.js';
import type { AllocationProblem } from '../src/mechanisms/types.js';
import { Rng } from '../src/sim/rng.js';
import { runScenario } from '../src/scenarios/run-scenario.js';
import { report, timeIt, timeItAsync } from './timing.js';

function perNodeProblem(n: number, m: number, seed: number): AllocationProblem {
  const rng = Rng.stream(seed, `bench/${n}x${m}`);
  return {
    tenants: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, tokens: 1 + rng.int(10) })),
    nodes: Array.from({ length: m }, (_, j) => ({ id: `n${j}`, type: `g${j}` })),
    utilities: Array.from({ length: n }, () => Float64Array.from({ length: m }, () => rng.next())),
  };
}

function typedProblem(n: number, m: number, types: number, seed: number): AllocationProblem {
  const rng = Rng.stream(seed, `bench/${n}x${m}/${types}`);
  const perType = Array.from({ length: n }, () => Float64Array.from({ length: types }, () => 1 + rng.int(100)));
  const typeOf = Array.from({ length: m }, (_, j) => j % types);
  return {
    tenants: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, tokens: 1 + rng.int(10) })),
    nodes: typeOf.map((k, j) => ({ id: `n${j}`, type: `type${k}` })),
    utilities: perType.map((row) => Float64Array.from(typeOf, (k) => row[k])),
  };
}

export async function run(): Promise<void> {
  for (const [n, m] of [[10, 100], [100, 1000]] as const) {
    const p = perNodeProblem(n, m, 1);
    const { seconds } = timeIt(() => createMarketDice().allocate(p, new Rng(1)), n >= 100 ? 1 : 3);
    report(`M-Dice solve + lottery, ${n} tenants × ${m} nodes (per-node utilities)`, seconds, 's');
  }
  const big = typedProblem(1000, 10000, 8, 1);
  const { seconds: bigS } = timeIt(() => createMarketDice().allocate(big, new Rng(1)), 2);
  report('M-Dice solve + lottery, 1,000 tenants × 10,000 nodes, 8 types', bigS, 's', 'aim ≤ 1 s');
  const mid = typedProblem(100, 1000, 8, 2);
  for (const [name, make] of [['S-Dice', () => createStrideDice()], ['L-Dice', () => createLotteryDice()]] as const) {
    const mech = make();
    const rng = new Rng(1);
    const rounds = 50;
    const { seconds } = timeIt(() => {
      for (let r = 0; r < rounds; r++) mech.allocate(mid, rng);
    }, 2);
    report(`${name} allocations/s, 100 tenants × 1,000 nodes of 8 types`, rounds / seconds, 'alloc/s');
  }
  for (const policy of ['m-dice', 's-dice', 'static-share']) {
    const { seconds, result } = await timeItAsync(() => runScenario({ kind: 'inference-allocation', policies: [policy] }, { seed: 1 }), 1);
    const reqs = result.results.policies[0].requestsArrived as number;
    const events = result.results.policies[0].eventsSimulated as number;
    report(`default scenario (${policy}): simulated requests/s`, reqs / seconds, 'req/s', `${reqs} requests, ${(events / seconds).toFixed(0)} events/s`);
  }
}
