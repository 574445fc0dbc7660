/**
 * M-Dice's `realisation: deficit` (src/mechanisms/deficit-realisation.ts):
 * with constant entitlements, (a) cumulative nodes held minus cumulative
 * entitlement stays within ±1 per node type (the quota method's quota
 * property), and (b) the gap bound that follows from (a): a tenant entitled
 * to X_iτ of type τ holds a node of that type in every window of ⌈2/X_iτ⌉
 * rounds (so, entitled on K types with total X_i, a node in every window of
 * ⌈2K/X_i⌉ rounds). Hand-worked cases, snapshot/restore, and M-Dice end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createDeficitRealiser } from '../../src/mechanisms/deficit-realisation.js';
import { createMarketDice } from '../../src/mechanisms/dice-market.js';
import type { FractionalAllocation } from '../../src/mechanisms/types.js';
import { Rng } from '../../src/sim/rng.js';

/** A random fractional allocation: `types[j]` per node, each column a random split over 1..n tenants summing to 1. */
const instance = fc
  .record({ n: fc.integer({ min: 2, max: 5 }), perType: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }) })
  .chain(({ n, perType }) => {
    const m = perType.reduce((a, b) => a + b, 0);
    const types = perType.flatMap((c, k) => new Array<string>(c).fill(`type${k}`));
    const column = fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }).filter((w) => w.some((v) => v > 0));
    return fc.record({ n: fc.constant(n), types: fc.constant(types), weights: fc.array(column, { minLength: m, maxLength: m }) });
  })
  .map(({ n, types, weights }) => {
    const fractions: FractionalAllocation = weights.map((w) => {
      const s = w.reduce((a, b) => a + b, 0);
      return w.flatMap((v, i) => (v > 0 ? [{ tenant: i, x: v / s }] : []));
    });
    return { n, types, fractions };
  });

/** Runs `rounds` rounds of constant fractions; returns per round the owners. */
function run(n: number, types: string[], fractions: FractionalAllocation, rounds: number): (number | null)[][] {
  const r = createDeficitRealiser();
  const ids = Array.from({ length: n }, (_, i) => `t${i}`);
  return Array.from({ length: rounds }, () => r.realise(fractions, types, ids, new Set()));
}

/** X[i][type]: tenant i's entitlement on each type. */
function entitlements(n: number, types: string[], fractions: FractionalAllocation): Map<string, number>[] {
  const X = Array.from({ length: n }, () => new Map<string, number>());
  fractions.forEach((col, j) => col.forEach((e) => X[e.tenant].set(types[j], (X[e.tenant].get(types[j]) ?? 0) + e.x)));
  return X;
}

test('deficit realisation, constant entitlements: at least ⌊X_iτ⌋ nodes every round, and cumulative nodes held − cumulative X stays within ±1 per tenant and node type (property)', () => {
  fc.assert(
    fc.property(instance, fc.integer({ min: 5, max: 60 }), ({ n, types, fractions }, rounds) => {
      const owners = run(n, types, fractions, rounds);
      const X = entitlements(n, types, fractions);
      const held = Array.from({ length: n }, () => new Map<string, number>());
      owners.forEach((owner, r) => {
        assert.ok(owner.every((i) => i !== null), 'every valued node is assigned');
        for (let i = 0; i < n; i++) for (const [type, x] of X[i]) assert.ok(owner.filter((o, j) => o === i && types[j] === type).length >= Math.floor(x + 1e-9), `round ${r}: tenant ${i} gets ⌊X⌋ = ${Math.floor(x)} of ${type}`);
        owner.forEach((i, j) => held[i!].set(types[j], (held[i!].get(types[j]) ?? 0) + 1));
        for (let i = 0; i < n; i++) {
          for (const type of new Set(types)) {
            const d = (held[i].get(type) ?? 0) - (r + 1) * (X[i].get(type) ?? 0);
            assert.ok(Math.abs(d) < 1 + 1e-9, `round ${r}, tenant ${i}, ${type}: held − entitled = ${d}`);
          }
        }
      });
    }),
    { numRuns: 300 },
  );
});

test('deficit realisation, constant entitlements: a node of type τ in every window of ⌈2/X_iτ⌉ rounds, a node in every window of ⌈2K/X_i⌉ rounds (property)', () => {
  fc.assert(
    fc.property(instance, ({ n, types, fractions }) => {
      const X = entitlements(n, types, fractions);
      const smallest = Math.min(...X.flatMap((m) => [...m.values()]));
      const rounds = Math.min(400, Math.ceil(6 / smallest));
      const owners = run(n, types, fractions, rounds);
      for (let i = 0; i < n; i++) {
        if (X[i].size === 0) continue;
        const total = [...X[i].values()].reduce((a, b) => a + b, 0);
        const windowAll = Math.ceil((2 * X[i].size) / total);
        let gapAll = 0;
        const gap = new Map<string, number>();
        for (const owner of owners) {
          const got = new Set(owner.flatMap((o, j) => (o === i ? [types[j]] : [])));
          gapAll = got.size ? 0 : gapAll + 1;
          assert.ok(gapAll < windowAll, `tenant ${i} (X = ${total}, ${X[i].size} types): ${gapAll} rounds without a node`);
          for (const [type, x] of X[i]) {
            const g = got.has(type) ? 0 : (gap.get(type) ?? 0) + 1;
            gap.set(type, g);
            assert.ok(g < Math.ceil(2 / x), `tenant ${i}, ${type} (X = ${x}): ${g} rounds without one`);
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('deficit realisation, hand-worked: one node, shares 0.7 / 0.3 → seats A A B A A B A A A B (quota method), then the carry survives snapshot/restore', () => {
  const fractions: FractionalAllocation = [[{ tenant: 0, x: 0.7 }, { tenant: 1, x: 0.3 }]];
  // seat h: targets (0.7h, 0.3h); eligible H < T; priority T/(H+1), Jefferson
  // h=1: A (0.7/1 > 0.3/1); h=2: A 1.4/2=0.7 vs B 0.6 → A; h=3: A 2.1/3=0.7 < B 0.9 → B (A: H=2 < 2.1 eligible, 0.7 < 0.9)
  // h=4: A 2.8/3 = 0.93 vs B 1.2/2 = 0.6 → A; h=5: A 3.5/4 = 0.875 vs B 1.5/2 = 0.75 → A; h=6: A 4.2/5 = 0.84 vs B 1.8/2 = 0.9 → B
  // h=7: A 4.9/5 = 0.98 vs B 2.1/3 = 0.7 → A; h=8: A 5.6/6 = 0.93 vs B 2.4/3 = 0.8 → A; h=9: A 6.3/7 = 0.9 = B 2.7/3 → tie, lower index A
  // h=10: A has H = 7 = T, not eligible (upper quota) → B; after 10 seats A 7, B 3 exactly
  const owners = run(2, ['H100'], fractions, 10).map((o) => (o[0] === 0 ? 'A' : 'B')).join('');
  assert.equal(owners, 'AABAABAAAB');
  const a = createDeficitRealiser();
  const b = createDeficitRealiser();
  for (let r = 0; r < 4; r++) a.realise(fractions, ['H100'], ['a', 'b'], new Set());
  b.restore(JSON.parse(JSON.stringify(a.snapshot())));
  for (let r = 0; r < 6; r++) assert.deepEqual(b.realise(fractions, ['H100'], ['a', 'b'], new Set()), a.realise(fractions, ['H100'], ['a', 'b'], new Set()));
  assert.throws(() => b.restore({ H100: { a: [1] } }), RangeError);
});

test('M-Dice with realisation: deficit on constant utilities: a 1-token tenant entitled to 0.32 of an H100-like node is served in every window of ⌈2/0.32⌉ = 7 rounds; the lottery leaves it gaps', () => {
  // tenant 0 (24 tokens) and tenant 1 (1 token... scaled): one node type, identical values, so x_i = m·t_i/T
  const tenants = [{ id: 'big', tokens: 17 }, { id: 'small', tokens: 8 }];
  const nodes = [{ id: 'n0', type: 'H100' }];
  const problem = { tenants, nodes, utilities: [[1], [1]] };
  const deficit = createMarketDice({ realisation: 'deficit' });
  const lottery = createMarketDice({ realisation: 'lottery' });
  const rng = new Rng(7);
  let gapD = 0, longestD = 0, gapL = 0, longestL = 0, heldD = 0;
  for (let r = 0; r < 200; r++) {
    const d = deficit.allocate(problem, rng);
    const x = d.fractions![0].find((e) => e.tenant === 1)!.x;
    assert.ok(Math.abs(x - 0.32) < 1e-6, `x = ${x}`);
    heldD += d.assignment[0] === 1 ? 1 : 0;
    assert.ok(Math.abs(heldD - 0.32 * (r + 1)) < 1 + 1e-6);
    gapD = d.assignment[0] === 1 ? 0 : gapD + 1;
    longestD = Math.max(longestD, gapD);
    gapL = lottery.allocate(problem, rng).assignment[0] === 1 ? 0 : gapL + 1;
    longestL = Math.max(longestL, gapL);
  }
  assert.ok(longestD < 7, `deficit: ${longestD}`);
  assert.ok(longestL > longestD, `lottery ${longestL} vs deficit ${longestD}`);
  const snap = deficit.snapshot!();
  assert.ok(typeof snap === 'object' && snap !== null && 'carry' in snap);
});

test('a scenario reaches it as {name: m-dice, options: {realisation: deficit}}; each tenant reports its longest gap without service', async () => {
  const { runScenario } = await import('../../src/index.js');
  const r = await runScenario({ kind: 'inference-allocation', rounds: 4, policies: [{ name: 'm-dice', options: { realisation: 'deficit' } }, 'm-dice'] });
  assert.deepEqual(r.results.policies.map((p) => p.name), ['m-dice(realisation=deficit)', 'm-dice']);
  for (const p of r.results.policies) for (const t of p.tenants) assert.ok(Number.isInteger(t.longestServiceGapRounds) && (t.longestServiceGapRounds as number) >= 0 && (t.longestServiceGapRounds as number) <= 4, `${p.name}/${t.id}: ${t.longestServiceGapRounds}`);
});
