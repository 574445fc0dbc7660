/**
 * S-Dice readings (skipped pass held/advanced, value-scaled passes, the
 * original turn list) and the original code's baselines `ss` and `tant`:
 * hand-worked cases, and the lock-in on the default scenario.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStrideDice } from '../../src/mechanisms/dice-stride.js';
import { createPerNodeStride } from '../../src/mechanisms/per-node-stride.js';
import { createThroughputRatioLp } from '../../src/mechanisms/throughput-ratio-lp.js';
import { loadLpSolver } from '../../src/solvers/highs.js';
import { Rng } from '../../src/sim/rng.js';
import { runScenario } from '../../src/index.js';
import { problem } from './helpers.js';

const rng = () => new Rng(1);
type Passes = { passes: Record<string, { exact: string; float: number }> };
const passOf = (s: unknown, id: string) => (s as Passes).passes[id].float / 2 ** 20;

// t0 (1 token) values the fast node n0 and two slow nodes; t1 (1 token) values only n0.
const lockIn = problem([1, 1], [[10, 1, 1], [10, 0, 0]]);

test('S-Dice, skipped pass held (Allot ≤ 0.1): t0 takes the slow nodes every round, its pass runs ahead, and it never gets n0 again', () => {
  const s = createStrideDice({ skippedPass: 'hold' });
  // Round 1: tie → t0 takes n0 (pass 1); t1 has nothing left and is passed over; t0 takes n1, n2 (pass 3).
  assert.deepEqual(s.allocate(lockIn, rng()).assignment, [0, 0, 0]);
  for (let r = 2; r <= 40; r++) assert.deepEqual(s.allocate(lockIn, rng()).assignment, [1, 0, 0], `round ${r}`);
  // t0 advances 2 per round, t1 1 per round: the gap grows without bound.
  assert.equal(passOf(s.snapshot!(), 't0') - passOf(s.snapshot!(), 't1'), 3 + 2 * 39 - 39);
});

test('S-Dice, skipped pass advanced (default): the skipped turn is spent, passes stay within one stride, and t1 is served', () => {
  const s = createStrideDice();
  // Round 1: t0 n0 (1); t1's pass 0 is smallest but nothing is left for it → spent (1); tie → t0 n1 (2); t1 (1) spent (2); tie → t0 n2 (3).
  assert.deepEqual(s.allocate(lockIn, rng()).assignment, [0, 0, 0]);
  const owners: (number | null)[] = [];
  for (let r = 2; r <= 40; r++) {
    owners.push(s.allocate(lockIn, rng()).assignment[0]);
    const st = s.snapshot!();
    assert.ok(Math.abs(passOf(st, 't0') - passOf(st, 't1')) <= 1 + 1e-9, `round ${r}: passes within one stride`);
  }
  // Round 2 on: t1 (pass 2) is behind t0 (3), takes n0; t0 takes n1 and n2 while t1's third turn is spent — 3 turns each per round.
  assert.deepEqual(owners, new Array(39).fill(1));
});

test('S-Dice, advanceBy=value: a pick advances the pass by (v_ij/mean value)/t_i', () => {
  // t0: values 6, 2 (mean 4); t1: 1, 1 (mean 1). Round 1: t0 takes n0 → pass 6/4 = 1.5; t1 takes n1 → 1/1 = 1.
  const p = problem([1, 1], [[6, 2], [1, 1]]);
  const s = createStrideDice({ advanceBy: 'value', skippedPass: 'hold' });
  assert.deepEqual(s.allocate(p, rng()).assignment, [0, 1]);
  assert.equal(passOf(s.snapshot!(), 't0'), 1.5);
  assert.equal(passOf(s.snapshot!(), 't1'), 1);
  // Round 2: t1 (1) first → n0 (pass 2); t0 (1.5) → n1, 2/4 → 2.
  assert.deepEqual(s.allocate(p, rng()).assignment, [1, 0]);
  assert.equal(passOf(s.snapshot!(), 't0'), 2);
});

test('S-Dice, turns=original: turn list [0,0,1] with a carried cursor; every turn picks, even a node worth 0', () => {
  const p = problem([2, 1], [[5, 0], [1, 1]]);
  const s = createStrideDice({ turns: 'original' });
  assert.deepEqual(s.allocate(p, rng()).assignment, [0, 0]); // turns 0, 0: t0 takes n0, then n1 (worth 0 to it)
  assert.deepEqual(s.allocate(p, rng()).assignment, [1, 0]); // cursor 2: t1 takes n0 (tie 1 = 1 → lower node), t0 takes n1
  assert.deepEqual(s.snapshot!(), { cursor: 1 });
});

test('ss: each node runs its own stride scheduler over the tenants that value it; a tenant can win every node', () => {
  const s = createPerNodeStride();
  // tokens (2, 1): n0 valued by both, n1 only by t1, n2 by nobody.
  const p = problem([2, 1], [[1, 0, 0], [1, 5, 0]]);
  const wins = [0, 0];
  const r = rng();
  for (let k = 0; k < 300; k++) {
    const a = s.allocate(p, r).assignment;
    assert.equal(a[1], 1);
    assert.equal(a[2], null);
    wins[a[0]!]++;
  }
  // Node n0's passes: t0 advances 1/2, t1 1 → n0 splits 2 : 1 (±1 from the random tie-breaks).
  assert.ok(Math.abs(wins[0] - 200) <= 1, `n0 wins ${wins}`);
  // A tenant that values every node and is alone on them wins them all: no cross-node balancing.
  const q = problem([1, 1], [[1, 1], [0, 0]]);
  assert.deepEqual(createPerNodeStride().allocate(q, rng()).assignment, [0, 0]);
});

test('tant: first round of a symmetric market splits every node evenly; long-run node shares follow tokens', async () => {
  const highs = await loadLpSolver();
  const p = problem([1, 1], [[3, 3], [3, 3]]);
  const first = createThroughputRatioLp(highs).allocate(p, rng());
  // max ρ with ρ ≤ 0.1·Σ_j 3·x_ij / (½·6): the interior solution halves each node.
  for (const col of first.fractions!) for (const e of col) assert.ok(Math.abs(e.x - 0.5) < 1e-4, `x = ${e.x}`);
  const t = createThroughputRatioLp(highs);
  const q = problem([2, 1], [[1, 1, 1], [1, 1, 1]]);
  const held = [0, 0];
  const r = rng();
  for (let k = 0; k < 300; k++) t.allocate(q, r).assignment.forEach((i) => i !== null && held[i]++);
  assert.ok(Math.abs(held[0] / 900 - 2 / 3) < 0.03, `shares ${held}`);
});

test('the default scenario: S-Dice no longer locks in (skipped pass advanced); the old reading does', async () => {
  const r = await runScenario({ kind: 'inference-allocation', policies: ['s-dice', 's-dice(skippedPass=hold)'] }, { seed: 3 });
  const [now, old] = r.results.policies;
  assert.ok((now.deadlineHitRate as number) >= 0.7, `hit rate ${now.deadlineHitRate}`);
  for (const t of now.tenants!) {
    assert.ok((t.deadlineHitRate as number) >= 0.45, `${t.id} hit rate ${t.deadlineHitRate}`);
    assert.ok((t.meanPropRatio as number) >= 0.9, `${t.id} PROP ratio ${t.meanPropRatio}`);
  }
  assert.ok((old.deadlineHitRate as number) < 0.3, `the lock-in: ${old.deadlineHitRate}`);
});

test('tant keeps the served EWMA per node: S_ij ← 0.9·S_ij + 0.1·served_ij (the original variant then reads min_j S_ij)', async () => {
  const highs = await loadLpSolver();
  const p = problem([1, 1], [[3, 0], [0, 5]]); // each tenant can use one node only
  const t = createThroughputRatioLp(highs, { variant: 'original' });
  assert.deepEqual(t.allocate(p, rng()).assignment, [0, 1]);
  const st = t.snapshot!() as { shared: Record<string, number[]> };
  assert.deepEqual(st.shared.t0.map((v) => +v.toFixed(12)), [0.3, 0]);
  assert.deepEqual(st.shared.t1.map((v) => +v.toFixed(12)), [0, 0.5]);
});

test('tant on the original system takes the interior-point optimum (as the original\'s ECOS does), not a simplex vertex', async () => {
  const highs = await loadLpSolver();
  const onOriginalSystem = (caps: number[][]) => ({
    ...problem(caps.map(() => 1), caps),
    serviceRates: caps.map((row) => Float64Array.from(row, () => 2)),
    arrivalRates: caps.map(() => 1),
  });
  // Three identical agents, two nodes, backlog 4 everywhere; E_i = min(1, ⅓·4) = 1.
  // max ρ s.t. ρ ≤ 0.1·Σ_j min(2·x_ij, 4): ρ* = 0.1·4/3 with Σ_j x_ij = ⅔ for every agent — a face of optima.
  // Its analytic centre (ECOS's answer) gives every agent ⅓ of each node; a vertex gives some agent a whole node.
  const sym = createThroughputRatioLp(highs, { variant: 'original' }).allocate(onOriginalSystem([[4, 4], [4, 4], [4, 4]]), rng());
  for (const col of sym.fractions!) {
    assert.equal(col.length, 3, 'every agent has a share of every node');
    for (const e of col) assert.ok(Math.abs(e.x - 1 / 3) < 1e-3, `x = ${e.x}`);
  }
  // An agent with no backlog anywhere pins ρ* = 0, so every x is optimal: the interior answer spreads every node
  // over both agents and each node is drawn (a vertex answer x = 0 would leave both nodes empty).
  const zero = createThroughputRatioLp(highs, { variant: 'original' }).allocate(onOriginalSystem([[0, 0], [2, 2]]), rng());
  for (const col of zero.fractions!) assert.deepEqual(col.map((e) => e.tenant), [0, 1]);
  assert.ok(zero.assignment.every((a) => a !== null), `assignment ${zero.assignment}`);
});
