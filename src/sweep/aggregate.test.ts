import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregateCells, meanCi95 } from './aggregate.js';
import type { CellRecord } from './run-cell.js';

test('meanCi95 on a hand-checked sample (t(0.975, 4) = 2.776445)', () => {
  const r = meanCi95([1, 2, 3, 4, 5]);
  assert.equal(r.n, 5);
  assert.equal(r.mean, 3);
  assert.ok(Math.abs(r.sd! - Math.sqrt(2.5)) < 1e-12);
  const half = 2.7764451 * Math.sqrt(2.5) / Math.sqrt(5);
  assert.ok(Math.abs(r.ciHalfWidth! - half) < 1e-6, String(r.ciHalfWidth));
  assert.ok(Math.abs(r.ciLow! - (3 - half)) < 1e-6 && Math.abs(r.ciHigh! - (3 + half)) < 1e-6);
  // two values 10, 12: s = √2, s/√n = 1, so the half-width is t(0.975, 1) = 12.7062
  const two = meanCi95([10, 12]);
  assert.ok(Math.abs(two.ciHalfWidth! - 12.7062047) < 1e-5);
});

test('meanCi95: a single value has no interval; an empty sample throws', () => {
  assert.deepEqual(meanCi95([7]), { n: 1, mean: 7, sd: null, ciHalfWidth: null, ciLow: null, ciHigh: null });
  assert.throws(() => meanCi95([]), RangeError);
});

test('meanCi95 is shift- and scale-equivariant and contains the mean (property)', () => {
  fc.assert(fc.property(
    fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 }),
    fc.double({ min: -100, max: 100, noNaN: true }),
    fc.double({ min: 0.1, max: 10, noNaN: true }),
    (xs, shift, scale) => {
      const a = meanCi95(xs);
      const b = meanCi95(xs.map((x) => x * scale + shift));
      const tol = 1e-6 * (1 + Math.abs(a.mean) * scale + Math.abs(shift) + a.ciHalfWidth! * scale);
      return a.ciLow! <= a.mean && a.mean <= a.ciHigh! &&
        Math.abs(b.mean - (a.mean * scale + shift)) < tol &&
        Math.abs(b.ciHalfWidth! - a.ciHalfWidth! * scale) < tol;
    },
  ));
});

test('aggregateCells groups by (setting, policy[, tenant]) and skips non-numeric metrics', () => {
  const rec = (load: number, seed: number, jct: number, share: number): CellRecord => ({
    cell: { id: `${load}-${seed}`, kind: 'k', config: { kind: 'k', load }, vary: { load }, policy: 'p', policySpec: 'p', seed },
    results: { allotVersion: 't', scenario: 's', kind: 'k', seed, inputs: [], parameters: {}, policies: [{ name: 'p', avgJctSeconds: jct, label: 'x', missing: null, tenants: [{ id: 'a', share }] }] },
    wallSeconds: 0,
    attempts: 1,
  });
  const agg = aggregateCells([rec(1, 1, 2, 0.5), rec(1, 2, 4, 0.7), rec(2, 1, 10, 0.1)]);
  assert.deepEqual(agg.policies.map((r) => [r.vary.load, r.metric, r.n, r.mean]), [[1, 'avgJctSeconds', 2, 3], [2, 'avgJctSeconds', 1, 10]]);
  assert.deepEqual(agg.tenants.map((r) => [r.vary.load, r.tenant, r.metric, r.n, +r.mean.toFixed(6)]), [[1, 'a', 'share', 2, 0.6], [2, 'a', 'share', 1, 0.1]]);
});
