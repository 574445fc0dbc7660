import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DemandCounts, MAX_COUNTED_DEMAND } from './demand-counts.js';

test('DemandCounts: the smallest demand left, by hand', () => {
  const jobsOf = (gpus: number[]) => gpus.map((g) => ({ job: { gpus: g } }));
  const d = DemandCounts.of(jobsOf([4, 1, 8, 1, 4]))!;
  assert.equal(d.min, 1);
  d.take(1);
  assert.equal(d.min, 1);
  d.take(1);
  assert.equal(d.min, 4);
  d.take(8);
  assert.equal(d.min, 4);
  d.take(4);
  d.take(4);
  assert.equal(d.min, Infinity);
  assert.equal(DemandCounts.of([])!.min, Infinity);
});

test('DemandCounts: none for a demand that is not a positive integer or too large', () => {
  for (const g of [0, -1, 1.5, NaN, Infinity, MAX_COUNTED_DEMAND + 1]) assert.equal(DemandCounts.of([{ job: { gpus: 1 } }, { job: { gpus: g } }]), undefined);
});

test('DemandCounts: min is the least demand not yet taken, whatever the order of taking (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 }), fc.infiniteStream(fc.nat()), (gpus, picks) => {
      const d = DemandCounts.of(gpus.map((g) => ({ job: { gpus: g } })))!;
      const left = [...gpus];
      const it = picks[Symbol.iterator]();
      while (left.length) {
        assert.equal(d.min, Math.min(...left));
        const [g] = left.splice(it.next().value % left.length, 1);
        d.take(g);
      }
      assert.equal(d.min, Infinity);
    }),
  );
});
