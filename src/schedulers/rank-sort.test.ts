import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortByRank } from './rank-sort.js';

/** The reference: Array sort by (starved, key, slot). */
function reference(slots: number[], starved: Uint8Array, keys: Float64Array): number[] {
  return [...slots].sort((a, b) => starved[a] - starved[b] || (keys[a] !== keys[b] ? (keys[a] < keys[b] ? -1 : 1) : a - b));
}

test('sortByRank: by starved flag, then key, then slot — by hand', () => {
  const starved = Uint8Array.from([1, 1, 0, 1, 1]);
  const keys = Float64Array.from([5, 2, 9, 2, -0]);
  const slots = Int32Array.from([0, 1, 2, 3, 4]);
  sortByRank(slots, 5, new Int32Array(5), starved, keys);
  assert.deepEqual([...slots], [2, 4, 1, 3, 0]);
});

test('sortByRank equals a full sort, whatever the input order (runs, reversed runs, ties, ±0, ∞; property)', () => {
  const key = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, Infinity, -Infinity, 0.5));
  fc.assert(
    fc.property(fc.array(fc.record({ key, starved: fc.constantFrom(0, 1, 1, 1) }), { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 80 }), fc.boolean(), (items, swaps, presort) => {
      const n = items.length;
      const keys = Float64Array.from(items, (x) => x.key);
      const starved = Uint8Array.from(items, (x) => x.starved);
      let order = items.map((_, i) => i);
      // Nearly sorted inputs (a sorted order with a few swaps) as well as arbitrary ones.
      if (presort) order = reference(order, starved, keys);
      for (let k = 0; k + 1 < swaps.length && n > 0; k += 2) {
        const i = swaps[k] % n, j = swaps[k + 1] % n;
        [order[i], order[j]] = [order[j], order[i]];
      }
      const slots = Int32Array.from(order);
      sortByRank(slots, n, new Int32Array(n), starved, keys);
      assert.deepEqual([...slots], reference(order, starved, keys));
    }),
    { numRuns: 500 },
  );
});

test('sortByRank sorts only the first n slots', () => {
  const slots = Int32Array.from([2, 1, 0, 7]);
  sortByRank(slots, 3, new Int32Array(3), new Uint8Array(8), Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0]));
  assert.deepEqual([...slots], [0, 1, 2, 7]);
});
