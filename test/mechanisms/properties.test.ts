/** Property-based tests (fast-check) of the allocation mechanisms and the fairness claims of shared/specs/dice.md §5. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createMechanism } from '../../src/mechanisms/allocate.js';
import { policyDefs } from '../../src/policies/index.js';
import { createStrideDice } from '../../src/mechanisms/dice-stride.js';
import { createLotteryDice } from '../../src/mechanisms/dice-lottery.js';
import { roundFairness } from '../../src/metrics/fairness.js';
import { Rng } from '../../src/sim/rng.js';
import { arbProblem, problem } from './helpers.js';

const mechanismNames = policyDefs({ family: 'mechanism' }).map((d) => d.name);

test('every mechanism: each node to at most one valid tenant, fractions within capacity, deterministic per seed', async () => {
  for (const name of mechanismNames) {
    await fc.assert(
      fc.asyncProperty(arbProblem({ maxN: 4, maxM: 7 }), fc.integer({ min: 0, max: 1000 }), async ({ p }, seed) => {
        const run = async () => (await createMechanism(name)).allocate(p, new Rng(seed));
        const a = await run();
        assert.equal(a.assignment.length, p.nodes.length);
        for (const i of a.assignment) assert.ok(i === null || (Number.isInteger(i) && i >= 0 && i < p.tenants.length));
        if (a.fractions) {
          for (const col of a.fractions) {
            const s = col.reduce((x, e) => x + e.x, 0);
            assert.ok(s <= 1 + 1e-9, `${name}: column sum ${s}`);
            for (const e of col) assert.ok(e.x >= 0);
          }
        }
        if (name !== 'static-share') {
          // Picking/market mechanisms never hand a node to a tenant that values it at 0.
          a.assignment.forEach((i, j) => assert.ok(i === null || p.utilities[i][j] > 0, `${name}: node ${j} to tenant ${i} with value 0`));
        }
        assert.deepEqual((await run()).assignment, a.assignment, `${name}: not deterministic`);
      }),
      { numRuns: 60 },
    );
  }
});

test('S-Dice is weighted-EF1 every round when passes start at 0 (first round, or resetPassEachRound)', () => {
  fc.assert(
    fc.property(arbProblem(), ({ p }) => {
      const s = createStrideDice({ carryPasses: false });
      for (let r = 0; r < 3; r++) assert.ok(roundFairness(p, s.allocate(p, new Rng(1)).assignment).wef1.every(Boolean));
    }),
    { numRuns: 1500 },
  );
});

test('S-Dice with equal tokens is EF1 and PROP1 in the first round (a round-robin picking sequence)', () => {
  fc.assert(
    fc.property(arbProblem({ equalTokens: true }), ({ p }) => {
      const f = roundFairness(p, createStrideDice().allocate(p, new Rng(1)).assignment);
      assert.ok(f.ef1.every(Boolean), 'EF1');
      assert.ok(f.prop1.every(Boolean), 'PROP1');
    }),
    { numRuns: 1500 },
  );
});

test('counterexample kept: S-Dice with unequal tokens is not weighted PROP1 (spec §5.2)', () => {
  // t = (1, 5, 1), v = ((2,13,2), (3,3,3), (0,5,8)): picks 0→n1, 1→n0, 2→n2; tenant 1 has 3 + 3 < (5/7)·9.
  const p = problem([1, 5, 1], [[2, 13, 2], [3, 3, 3], [0, 5, 8]]);
  const a = createStrideDice().allocate(p, new Rng(1)).assignment;
  assert.deepEqual(a, [1, 0, 2]);
  const f = roundFairness(p, a);
  assert.equal(f.prop1[1], false);
  assert.ok(f.wef1.every(Boolean));
});

test('counterexample kept: with passes carried across rounds (the default), S-Dice can violate WEF1 within a round', () => {
  // Found by fast-check: round 2 of tokens (1,2,1), v = ((0,0,0,0),(0,1,0,1),(0,7,0,1)).
  const p = problem([1, 2, 1], [[0, 0, 0, 0], [0, 1, 0, 1], [0, 7, 0, 1]]);
  const s = createStrideDice();
  assert.ok(roundFairness(p, s.allocate(p, new Rng(1)).assignment).wef1.every(Boolean), 'round 1 is WEF1');
  assert.ok(!roundFairness(p, s.allocate(p, new Rng(1)).assignment).wef1.every(Boolean), 'round 2 is not');
});

test('counterexample kept: plain EF1 fails for S-Dice with unequal tokens (t = (1, 100), 10 identical nodes)', () => {
  const p = problem([1, 100], [new Array(10).fill(1), new Array(10).fill(1)]);
  const f = roundFairness(p, createStrideDice().allocate(p, new Rng(1)).assignment);
  assert.equal(f.ef1[0], false);
  assert.ok(f.wef1.every(Boolean));
});

/** Exact expectation of L-Dice by enumerating every draw sequence (each draw uniform over the eligible tokens). */
function lotteryExpectation(p: ReturnType<typeof problem>): number[] {
  const n = p.tenants.length;
  const exp = new Array(n).fill(0);
  const walk = (script: number[], prob: number) => {
    const draws = [...script];
    let needed = -1;
    const fake = {
      int: (T: number) => {
        if (draws.length === 0) {
          needed = T;
          throw new Error('more');
        }
        return draws.shift()!;
      },
    } as unknown as Rng;
    try {
      const a = createLotteryDice().allocate(p, fake).assignment;
      a.forEach((i, j) => {
        if (i !== null) exp[i] += prob * p.utilities[i][j];
      });
    } catch (e) {
      if ((e as Error).message !== 'more') throw e;
      for (let k = 0; k < needed; k++) walk([...script, k], prob / needed);
    }
  };
  walk([], 1);
  return exp;
}

test('L-Dice is ex-ante PROP: exact enumeration of all draw sequences (n ≤ 3, m ≤ 5)', () => {
  fc.assert(
    fc.property(arbProblem({ maxN: 3, maxM: 5, maxTokens: 3 }), ({ p, tokens }) => {
      const exp = lotteryExpectation(p);
      const total = p.utilities.map((row) => Array.from(row).reduce((a, b) => a + b, 0));
      const T = tokens.reduce((a, t, i) => a + (total[i] > 0 ? t : 0), 0);
      exp.forEach((e, i) => total[i] === 0 || assert.ok(e >= (tokens[i] / T) * total[i] - 1e-9, `tenant ${i}: E[u] ${e} < share`));
    }),
    { numRuns: 150 },
  );
});

test('L-Dice expected node shares are proportional to tokens (identical nodes, fixed seed, 4σ)', () => {
  const tokens = [1, 2, 5];
  const m = 8;
  const p = problem(tokens, tokens.map(() => new Array(m).fill(1)));
  const mech = createLotteryDice();
  const rng = Rng.stream(2024, 'l-dice-shares');
  const rounds = 4000;
  const got = [0, 0, 0];
  for (let r = 0; r < rounds; r++) mech.allocate(p, rng).assignment.forEach((i) => got[i!]++);
  const draws = rounds * m;
  tokens.forEach((t, i) => {
    const q = t / 8;
    const sd = Math.sqrt(draws * q * (1 - q));
    assert.ok(Math.abs(got[i] - draws * q) < 4 * sd, `tenant ${i}: ${got[i]} vs ${draws * q} ± ${4 * sd}`);
  });
});

test('every mechanism: a snapshot (mechanism state + random state, through JSON) restored into a fresh allocator continues exactly', async () => {
  const { createAllocator } = await import('../../src/mechanisms/allocate.js');
  for (const name of mechanismNames) {
    await fc.assert(
      fc.asyncProperty(arbProblem({ maxN: 4, maxM: 6 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 99 }), async ({ tokens, v }, cut, more, seed) => {
        // Rounds differ: tenant (r mod n) is idle in round r, so passes, rejoins and quotas carry real state.
        const round = (r: number) => problem(tokens, v.map((row, i) => (i === r % tokens.length ? row.map(() => 0) : row)));
        const whole = await createAllocator(name, { seed });
        const expected = Array.from({ length: cut + more }, (_, r) => whole.round(round(r)).assignment);
        const first = await createAllocator(name, { seed });
        for (let r = 0; r < cut; r++) first.round(round(r));
        const saved = JSON.parse(JSON.stringify(first.snapshot()));
        const second = await createAllocator(name, { seed: seed + 1 });
        second.restore(saved);
        for (let r = cut; r < cut + more; r++) assert.deepEqual(second.round(round(r)).assignment, expected[r], `${name}: round ${r} after a restore at ${cut}`);
        assert.equal(second.snapshot().rounds, cut + more);
      }),
      { numRuns: name === 'hetero-max-min' || name === 'm-dice' ? 15 : 40 },
    );
  }
  const s = await createAllocator('s-dice');
  assert.throws(() => s.restore({ mechanism: { passes: {} }, rng: { xoroshiro128plus: [1, 2, 3, 4] }, rounds: 0 }), RangeError);
  assert.throws(() => s.restore({ mechanism: null, rng: { xoroshiro128plus: [0, 0, 0, 0] }, rounds: 0 } as never), RangeError);
});

test('allocate() accepts exactly the CLI\'s JSON (the README example)', async () => {
  const { allocate } = await import('../../src/index.js');
  const input = {
    tenants: [{ id: 'a', tokens: 2 }, { id: 'b', tokens: 1 }],
    nodes: [{ id: 'n0', type: 'H100' }, { id: 'n1', type: 'L4' }],
    utilities: { a: { n0: 10, n1: 3 }, b: { n0: 8, n1: 4 } },
    rounds: 1,
  };
  const out = await allocate(input, { mechanism: 'm-dice' });
  assert.deepEqual(out.rounds[0].assignment, { n0: 'a', n1: 'b' });
  assert.deepEqual(out.rounds[0].prices, { n0: 2, n1: 1 });
  assert.equal(out.mechanism, 'm-dice');
  assert.match(out.inputSha256, /^[0-9a-f]{64}$/);
  await assert.rejects(allocate({ ...input, utilites: {} } as never, { mechanism: 'm-dice' }), /input: unknown field "utilites" \(did you mean "utilities"\?\)/);
  await assert.rejects(allocate(input, { mechanism: 'x-dice' }), /--mechanism: unknown mechanism "x-dice"/);
});
