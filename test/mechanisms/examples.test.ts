/** Hand-worked examples for each mechanism (expected allocations computed by hand in the comments). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLotteryDice } from '../../src/mechanisms/dice-lottery.js';
import { createStrideDice, STRIDE_L } from '../../src/mechanisms/dice-stride.js';
import { createMarketDice } from '../../src/mechanisms/dice-market.js';
import { createRoundRobin } from '../../src/mechanisms/round-robin.js';
import { createMaxMin } from '../../src/mechanisms/max-min.js';
import { createStaticShare, hamiltonQuotas } from '../../src/mechanisms/static-share.js';
import { createDrf } from '../../src/mechanisms/drf.js';
import { createHeteroMaxMin } from '../../src/mechanisms/hetero-max-min.js';
import { loadLpSolver } from '../../src/solvers/highs.js';
import { Rng } from '../../src/sim/rng.js';
import { problem } from './helpers.js';

const rng = () => new Rng(1);
const counts = (a: (number | null)[], n: number) => Array.from({ length: n }, (_, i) => a.filter((x) => x === i).length);

test('S-Dice: spec example t = (1, 100), 10 identical nodes → 1 and 9 nodes (plain EF1 fails, WEF1 holds)', () => {
  const p = problem([1, 100], [new Array(10).fill(5), new Array(10).fill(5)]);
  const a = createStrideDice().allocate(p, rng()).assignment;
  // Passes 0,0 → t0 (tie, lower id) takes n0; then t1 (pass 0) until its pass 9/100 < 1 ... t1 takes the other 9.
  assert.deepEqual(a, [0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
});

test('S-Dice: picks follow c_i/t_i with ties to the lower id; each picker takes its best remaining node', () => {
  // tokens (2,1); values: t0 prefers n2 > n0 > n1, t1 prefers n2 > n1 > n0.
  const p = problem([2, 1], [[5, 1, 9, 2], [1, 4, 9, 3]]);
  // pick 1: passes 0,0 → t0 takes n2 (pass 1/2); pick 2: t1 (0) takes n1 (pass 1); pick 3: t0 (1/2) takes n0 (pass 1);
  // pick 4: tie 1 = 1 → t0 takes n3.
  assert.deepEqual(createStrideDice().allocate(p, rng()).assignment, [0, 1, 0, 0]);
});

test('S-Dice: exact passes break the 49·(L/49) tie to the lower id; float passes (the original) do not', () => {
  let f = 0;
  for (let k = 0; k < 49; k++) f += STRIDE_L / 49;
  assert.notEqual(f, STRIDE_L, 'premise: the float sum differs from L');
  // t0 has 49 tokens, t1 has 1; 51 identical nodes. After t0's 49th pick and t1's 1st, both passes are exactly L.
  const m = 51;
  const p = problem([49, 1], [new Array(m).fill(1), new Array(m).fill(1)]);
  const exact = createStrideDice().allocate(p, rng()).assignment;
  const float = createStrideDice({ passArithmetic: 'float' }).allocate(p, rng()).assignment;
  // Exact: picks 0..49 are t0×(1) t1 then t0×48 … the 51st pick is the tie at pass L → t0.
  assert.equal(exact[50], 0);
  assert.ok(f > STRIDE_L); // so in floats t0's pass is just above t1's and t1 takes the 51st pick
  assert.equal(float[50], 1);
  assert.deepEqual(counts(exact, 2), [50, 1]);
});

test('S-Dice: passes carry across rounds (default) or reset (option)', () => {
  const p = problem([1, 1], [[1, 1, 1], [1, 1, 1]]);
  const carry = createStrideDice();
  assert.deepEqual(carry.allocate(p, rng()).assignment, [0, 1, 0]); // t0 picks twice; passes 2, 1
  assert.deepEqual(carry.allocate(p, rng()).assignment, [1, 0, 1]); // t1 is behind, picks first
  const reset = createStrideDice({ carryPasses: false });
  reset.allocate(p, rng());
  assert.deepEqual(reset.allocate(p, rng()).assignment, [0, 1, 0]);
});

test('S-Dice: an inactive tenant (u_i(M) = 0) takes no turns; unvalued nodes stay unassigned', () => {
  const p = problem([1, 1], [[3, 0, 0], [0, 0, 0]]);
  const s = createStrideDice();
  assert.deepEqual(s.allocate(p, rng()).assignment, [0, null, null]);
});

test('L-Dice: one draw per pick over the tokens of eligible tenants (scripted draws)', () => {
  const draws = [2, 0, 0];
  const fake = { int: (n: number) => { const d = draws.shift()!; assert.ok(d < n); return d; } } as unknown as Rng;
  // tokens (2,1): draw 2 → t1, takes its best n1; draw 0 → t0 takes n0; draw 0 → t0 takes n2.
  const p = problem([2, 1], [[5, 1, 3], [1, 4, 2]]);
  assert.deepEqual(createLotteryDice().allocate(p, fake).assignment, [0, 1, 0]);
  assert.equal(draws.length, 0);
});

test('M-Dice: README example — competitive equilibrium with prices (2, 1) and each node to one tenant', () => {
  const p = problem([2, 1], [[10, 3], [8, 4]]);
  const a = createMarketDice().allocate(p, rng());
  assert.deepEqual(a.assignment, [0, 1]);
  assert.ok(Math.abs(a.prices![0] - 2) < 1e-9 && Math.abs(a.prices![1] - 1) < 1e-9);
  assert.deepEqual(a.fractions!.map((c) => c.map((e) => [e.tenant, +e.x.toFixed(12)])), [[[0, 1]], [[1, 1]]]);
});

test('M-Dice: identical tenants split every node by tokens; prices sum to the active tokens', () => {
  const p = problem([3, 1, 2], [[2, 1, 1], [2, 1, 1], [0, 0, 0]]);
  const a = createMarketDice().allocate(p, rng());
  const x0 = a.fractions!.map((c) => c.find((e) => e.tenant === 0)?.x ?? 0);
  // Node classes: {n0}, {n1, n2}; t0 gets 3/4 of each class.
  assert.ok(Math.abs(x0[0] - 0.75) < 1e-9);
  assert.ok(Math.abs(x0[1] + x0[2] - 1.5) < 1e-9);
  assert.ok(Math.abs(a.prices!.reduce((s, v) => s + v, 0) - 4) < 1e-9);
  assert.ok(a.assignment.every((i) => i === 0 || i === 1), 'the inactive tenant gets nothing');
});

test('round-robin: order 0..n−1, first picker rotates each round, tokens ignored', () => {
  const p = problem([5, 1], [[3, 2, 1], [3, 2, 1]]);
  const rr = createRoundRobin();
  assert.deepEqual(rr.allocate(p, rng()).assignment, [0, 1, 0]);
  assert.deepEqual(rr.allocate(p, rng()).assignment, [1, 0, 1]);
});

test('max-min: smallest normalised utility per token picks next', () => {
  // t0 values (4,4,2) [u(M)=10], t1 values (1,1,8) [u(M)=10], equal tokens.
  // pick1 tie 0,0 → t0 takes n0 (0.4); pick2 t1 takes n2 (0.8); pick3 t0 (0.4) takes n1.
  const p = problem([1, 1], [[4, 4, 2], [1, 1, 8]]);
  assert.deepEqual(createMaxMin().allocate(p, rng()).assignment, [0, 0, 1]);
});

test('static-share: Hamilton quotas fixed at the first round and kept while the tenant set is the same', () => {
  assert.deepEqual(hamiltonQuotas(10, [2, 1, 1]), [5, 3, 2]);
  assert.deepEqual(hamiltonQuotas(3, [1, 1, 1, 1]), [1, 1, 1, 0]);
  const s = createStaticShare();
  const p1 = problem([2, 1], [[1, 1, 1], [1, 1, 1]]);
  const first = s.allocate(p1, rng()).assignment;
  assert.deepEqual(counts(first, 2), [2, 1]);
  // Next round t1 has no work (all zeros): its node is kept for it (not work-conserving).
  const p2 = problem([2, 1], [[1, 1, 1], [0, 0, 0]]);
  assert.deepEqual(s.allocate(p2, rng()).assignment, first);
});

test('DRF: lowest weighted dominant share first, capped by demands', () => {
  // Types A (n0, n1) and B (n2, n3). t0 values A most, t1 values B most; demands 1 and 3.
  const p = { ...problem([1, 1], [[5, 5, 1, 1], [1, 1, 5, 5]], ['A', 'A', 'B', 'B']), demands: [1, 3] };
  // t0 takes n0 (ds 1/2); t1 takes n2 (1/2); t0 is capped; t1 takes n3 (1), then n1 (A, ds still 1).
  assert.deepEqual(createDrf().allocate(p, rng()).assignment, [0, 1, 1, 1]);
});

test('hetero-max-min: equalises normalised utility per token (LP on HiGHS)', async () => {
  const highs = await loadLpSolver();
  // Two tenants, equal tokens, two nodes: t0 values only n0 (1, 0), t1 values both equally (1, 1).
  // x^eq gives t0 0.5 and t1 1.0; max-min of u_i/u_i(x^eq): t0 all of n0 (ratio 2), t1 n1 (ratio 1) vs sharing:
  // t0 gets a of n0: ratio 2a; t1 gets (1−a) + 1: ratio (2−a). Max-min at 2a = 2 − a → a = 2/3.
  const p = problem([1, 1], [[1, 0], [1, 1]]);
  const a = createHeteroMaxMin(highs).allocate(p, rng());
  const x00 = a.fractions![0].find((e) => e.tenant === 0)!.x;
  assert.ok(Math.abs(x00 - 2 / 3) < 1e-6, `x00 = ${x00}`);
});
