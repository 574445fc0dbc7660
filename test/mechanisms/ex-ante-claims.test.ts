/**
 * The seed's ex-ante claims shown per run: L-Dice's exact lottery marginals
 * (against brute-force enumeration of its draws), the per-round ex-ante
 * checks on hand-worked allocations, the fields of a run, and the renames.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLotteryDice, lotteryMarginals } from '../../src/mechanisms/dice-lottery.js';
import { exAnteFairness } from '../../src/metrics/fairness.js';
import { METRIC_RENAMES, upgradeMetricKeys } from '../../src/metrics/catalog.js';
import { loadLpSolver } from '../../src/solvers/highs.js';
import type { Rng } from '../../src/sim/rng.js';
import type { AllocationProblem } from '../../src/mechanisms/types.js';
import { runScenario } from '../../src/index.js';
import { arbProblem, problem } from './helpers.js';

const dense = (p: AllocationProblem, x: ReturnType<typeof lotteryMarginals>) => p.tenants.map((_, i) => p.nodes.map((_, j) => x![j].find((e) => e.tenant === i)?.x ?? 0));

/** Exact marginals of L-Dice by walking every draw sequence (each draw k ∈ [0, total) has probability 1/total). */
function enumerate(p: AllocationProblem): number[][] {
  const x = p.tenants.map(() => new Array(p.nodes.length).fill(0));
  const walk = (script: number[], prob: number) => {
    let used = 0;
    let branch = 0;
    const fake = { int: (total: number) => { if (used < script.length) return script[used++]; branch = total; throw new Error('branch'); } } as unknown as Rng;
    try {
      const a = createLotteryDice().allocate(p, fake).assignment;
      a.forEach((i, j) => i !== null && (x[i][j] += prob));
    } catch (e) {
      if ((e as Error).message !== 'branch') throw e;
      for (let k = 0; k < branch; k++) walk([...script, k], prob / branch);
    }
  };
  walk([], 1);
  return x;
}

test('L-Dice marginals, hand-worked: t = (2, 1), v = ((3, 1), (0, 5)) → n0 always to t0; n1 to t0 w.p. 4/9', () => {
  // Draw 1: t0 (2/3) takes n0, then n1 goes 2/3 : 1/3; or t1 (1/3) takes n1, then only t0 values n0.
  const x = dense(problem([2, 1], [[3, 1], [0, 5]]), lotteryMarginals(problem([2, 1], [[3, 1], [0, 5]])));
  assert.ok(Math.abs(x[0][0] - 1) < 1e-12 && Math.abs(x[0][1] - 4 / 9) < 1e-12 && Math.abs(x[1][1] - 5 / 9) < 1e-12, JSON.stringify(x));
});

test('L-Dice marginals equal brute-force enumeration of the draws, and are ex-ante PROP (n ≤ 3, m ≤ 5)', () => {
  fc.assert(
    fc.property(arbProblem({ maxN: 3, maxM: 5, maxTokens: 3 }), ({ p }) => {
      const x = lotteryMarginals(p)!;
      const d = dense(p, x);
      const e = enumerate(p);
      d.forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - e[i][j]) < 1e-9, `x[${i}][${j}] = ${v}, enumerated ${e[i][j]}`)));
      assert.ok(exAnteFairness(p, x).prop, 'ex-ante PROP');
    }),
    { numRuns: 60 },
  );
});

test('ex-ante checks on hand-worked x: equal split is PROP, WEF and fPE; a wasted node fails fPE; a starved tenant fails PROP', async () => {
  const highs = await loadLpSolver();
  const p = problem([1, 1], [[4, 0], [4, 2]]);
  // x: n0 half/half, n1 to t1 — u = (2, 4); t0 gets 2 ≥ ½·4; t1 4 ≥ ½·6; EF: t0 values t1's bundle at 2 = its own.
  assert.deepEqual(exAnteFairness(p, [[{ tenant: 0, x: 0.5 }, { tenant: 1, x: 0.5 }], [{ tenant: 1, x: 1 }]], highs), { prop: true, weightedEf: true, fpe: true });
  // n1 (worth 0 to t0) given half to t0: t1 could gain 1 with nobody losing → not fPE.
  assert.equal(exAnteFairness(p, [[{ tenant: 0, x: 0.5 }, { tenant: 1, x: 0.5 }], [{ tenant: 0, x: 0.5 }, { tenant: 1, x: 0.5 }]], highs).fpe, false);
  // everything to t1: t0 gets 0 < ½·4.
  const starved = exAnteFairness(p, [[{ tenant: 1, x: 1 }], [{ tenant: 1, x: 1 }]], highs);
  assert.equal(starved.prop, false);
  assert.equal(starved.weightedEf, false);
});

test('a run shows the claims: M-Dice ex-ante PROP, WEF and fPE and L-Dice ex-ante PROP in every round; none for S-Dice', async () => {
  const r = await runScenario({ kind: 'inference-allocation', rounds: 4, policies: ['m-dice', 'l-dice', 's-dice'] }, { seed: 2 });
  const [m, l, s] = r.results.policies;
  assert.equal(m.exAntePropHeldRoundsFraction, 1);
  assert.equal(m.exAnteWefHeldRoundsFraction, 1);
  assert.equal(m.fpeHeldRoundsFraction, 1);
  assert.equal(l.exAntePropHeldRoundsFraction, 1);
  assert.equal(s.exAntePropHeldRoundsFraction, null);
  assert.equal(typeof s.wef1HeldRoundsFraction, 'number');
  assert.equal(typeof s.tenants![0].prop1ViolatedRoundsFraction, 'number');
});

test('old fairness keys read under their new names', () => {
  assert.deepEqual(upgradeMetricKeys({ name: 'x', wef1RoundsFraction: 0.5, ef1ViolationRoundsFraction: 0.1, envyRoundsFraction: 0.2 }), { name: 'x', wef1HeldRoundsFraction: 0.5, ef1ViolatedRoundsFraction: 0.1, efViolatedRoundsFraction: 0.2 });
  for (const v of Object.values(METRIC_RENAMES)) assert.match(v, /(Held|Violated)RoundsFraction$/);
});
