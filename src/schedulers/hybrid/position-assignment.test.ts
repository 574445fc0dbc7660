import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { linearSumAssignment } from 'linear-sum-assignment';
import { assignPositions, NO_FIT_COST } from './position-assignment.js';

/** The library on the full n × (M·n) matrix, as AlloX called it before: slot per job, −1 when it does not fit. */
function viaLibrary(p: Float64Array, omega: number[], n: number, M: number): number[] {
  const cost = Array.from({ length: n }, (_, j) => {
    const row = new Float64Array(M * n);
    for (let i = 0; i < M; i++) for (let k = 1; k <= n; k++) row[i * n + k - 1] = Number.isFinite(p[j * M + i]) ? omega[i] + k * p[j * M + i] : NO_FIT_COST;
    return row;
  });
  const res = linearSumAssignment(cost, { maximaze: false });
  return Array.from({ length: n }, (_, j) => {
    const r = res.rowAssignments[j];
    return r < 0 || cost[j][r] >= NO_FIT_COST ? -1 : r;
  });
}

test('assignPositions gives the same slots as linear-sum-assignment on the full matrix, ties included', () => {
  // Small integer times and ready times make ties common (equal jobs, equal machines, p = 0); some pairs do not fit.
  const instance = fc.record({ n: fc.integer({ min: 1, max: 16 }), M: fc.integer({ min: 1, max: 6 }) }).chain(({ n, M }) =>
    fc.record({
      n: fc.constant(n),
      M: fc.constant(M),
      p: fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }, { weight: 2, arbitrary: fc.double({ min: 0.1, max: 50, noNaN: true }) }), { minLength: n * M, maxLength: n * M }),
      omega: fc.array(fc.oneof(fc.constant(100), fc.integer({ min: 100, max: 110 }), fc.double({ min: 100, max: 200, noNaN: true })), { minLength: M, maxLength: M }),
    }),
  );
  fc.assert(
    fc.property(instance, ({ n, M, p, omega }) => {
      const pa = Float64Array.from(p);
      assert.deepEqual([...assignPositions(pa, omega, n, M)], viaLibrary(pa, omega, n, M));
    }),
    { numRuns: 400, seed: 11 },
  );
});

test('assignPositions equals the library when machines come in kinds (identical slots: idle GPUs, idle CPU nodes)', () => {
  const instance = fc.record({ n: fc.integer({ min: 1, max: 14 }), kinds: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 8 }) }).chain(({ n, kinds }) =>
    fc.record({
      n: fc.constant(n),
      kinds: fc.constant(kinds),
      perKind: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), { minLength: n * 3, maxLength: n * 3 }),
      omega: fc.array(fc.integer({ min: 10, max: 12 }), { minLength: kinds.length, maxLength: kinds.length }),
    }),
  );
  fc.assert(
    fc.property(instance, ({ n, kinds, perKind, omega }) => {
      const M = kinds.length;
      const p = new Float64Array(n * M);
      for (let j = 0; j < n; j++) for (let i = 0; i < M; i++) p[j * M + i] = perKind[j * 3 + kinds[i]];
      assert.deepEqual([...assignPositions(p, omega, n, M)], viaLibrary(p, omega, n, M));
    }),
    { numRuns: 400, seed: 12 },
  );
});

test('assignPositions: a hand-worked instance (2 jobs, 2 machines, ω = 0)', () => {
  // Job 0: 1 s on machine 0, 10 s on machine 1; job 1: 2 s / 2.5 s. Job 0 on machine 0 and job 1 on machine 1
  // complete at 1 + 2.5 = 3.5; both on machine 0 (job 0 first) at 1 + 3 = 4; anything with job 0 on machine 1 costs ≥ 10.
  const slots = assignPositions(Float64Array.from([1, 10, 2, 2.5]), [0, 0], 2, 2);
  assert.deepEqual([...slots], [0, 2]); // slot = machine·n + k − 1
  // A job that fits nowhere gets −1; the other is placed.
  assert.deepEqual([...assignPositions(Float64Array.from([Infinity, Infinity, 2, 3]), [0, 0], 2, 2)].map((r) => r >= 0), [false, true]);
});
