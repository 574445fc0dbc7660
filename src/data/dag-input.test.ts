import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../errors.js';
import type { DagProblemSpec } from '../model/dag.js';
import { acceptPlainDagInput, dagInputSchema, parseDagInput } from './dag-input.js';

/** The schema's own result, as parseDagInput gave it before the one-pass path (null → Infinity). */
function viaSchema(data: unknown) {
  const r = dagInputSchema.safeParse(data);
  if (!r.success) return undefined;
  return { processors: r.data.processors, tasks: r.data.tasks.map((t) => ({ id: t.id, cost: t.cost.map((c) => (c === null ? Infinity : c)) })), edges: r.data.edges, bandwidth: r.data.bandwidth };
}

/** Mostly valid inputs, with the faults a file can have: wrong types, negative/NaN/∞ numbers, empty ids, extra or missing keys. */
const scalar = fc.oneof(fc.constant(null), fc.constant(''), fc.constant('x'), fc.constant(-1), fc.constant(Number.NaN), fc.constant(Infinity), fc.constant(-0), fc.constant(true), fc.constant(undefined), fc.constant([]), fc.constant({}));
const cost = fc.oneof({ weight: 40, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) }, { weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: scalar });
const id = fc.oneof({ weight: 40, arbitrary: fc.constantFrom('a', 'b', 'c', 'd') }, { weight: 1, arbitrary: scalar });
const task = fc.oneof(
  { weight: 8, arbitrary: fc.record({ id, cost: fc.array(cost, { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ id, cost: fc.array(cost, { maxLength: 4 }), memory: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ id }) },
  { weight: 1, arbitrary: scalar },
);
const edge = fc.oneof(
  { weight: 8, arbitrary: fc.record({ from: id, to: id, data: cost }) },
  { weight: 1, arbitrary: fc.record({ from: id, to: id, data: cost, rankData: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ from: id, to: id }) },
);
const input = fc.oneof(
  { weight: 8, arbitrary: fc.record({ processors: fc.array(id, { maxLength: 4 }), tasks: fc.array(task, { maxLength: 4 }), edges: fc.array(edge, { maxLength: 4 }) }, { requiredKeys: ['processors', 'tasks'] }) },
  { weight: 1, arbitrary: fc.record({ processors: fc.array(id, { maxLength: 3 }), tasks: fc.array(task, { maxLength: 3 }), bandwidth: fc.array(fc.array(cost, { maxLength: 3 }), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ processors: fc.array(id), tasks: fc.array(task), extra: scalar }) },
  { weight: 1, arbitrary: scalar },
);

/**
 * A cost matrix, when given, is the tasks' run times row by row; the one-pass path (`onePass`) gives one exactly
 * when every task has p run times, one of them finite.
 */
function assertCostMatrix(matrix: Float64Array | undefined, spec: DagProblemSpec, onePass: boolean): void {
  const p = spec.processors.length;
  const fits = spec.tasks.every((t) => t.cost.length === p && t.cost.some((c) => Number.isFinite(c)));
  if (onePass || matrix) assert.equal(matrix !== undefined, fits);
  if (matrix) assert.deepEqual(Array.from(matrix), spec.tasks.flatMap((t) => t.cost));
}

test('the one-pass dag input path accepts only what the schema accepts, and gives the same spec', () => {
  let accepted = 0;
  fc.assert(
    fc.property(input, (data) => {
      const fast = acceptPlainDagInput(data);
      const slow = viaSchema(data);
      if (fast !== undefined) accepted++;
      // structuredClone: the one-pass path hands on the input's own edge objects (fast-check makes some without a prototype).
      if (fast !== undefined) {
        const { costMatrix, ...spec } = fast;
        assert.deepEqual(structuredClone(spec), slow);
        assertCostMatrix(costMatrix, spec, true);
      }
      // parseDagInput: the same spec either way, or the schema's InputError.
      if (slow === undefined) assert.throws(() => parseDagInput(data, 'in.json'), InputError);
      else {
        const { costMatrix, ...spec } = parseDagInput(data, 'in.json');
        assert.deepEqual(structuredClone(spec), slow);
        assertCostMatrix(costMatrix, spec, fast !== undefined);
      }
    }),
    { numRuns: 2000 },
  );
  assert.ok(accepted >= 100, `the one-pass path took only ${accepted} of 2,000 inputs`);
});

test('the one-pass path takes the common input (no bandwidth) and keeps its arrays without copying', () => {
  const cost = [1, 2];
  const data = { processors: ['p0', 'p1'], tasks: [{ id: 'a', cost }, { id: 'b', cost: [null, 3] }], edges: [{ from: 'a', to: 'b', data: 0.5 }] };
  const spec = acceptPlainDagInput(data);
  assert.ok(spec);
  assert.equal(spec.tasks[0].cost, cost);
  assert.deepEqual(spec.tasks[1].cost, [Infinity, 3]);
  assert.deepEqual(spec.costMatrix, Float64Array.of(1, 2, Infinity, 3));
  assert.equal(acceptPlainDagInput({ ...data, tasks: [{ id: 'a', cost: [1] }] })?.costMatrix, undefined);
  assert.equal(acceptPlainDagInput({ ...data, tasks: [{ id: 'a', cost: [null, null] }] })?.costMatrix, undefined);
  assert.equal(acceptPlainDagInput({ ...data, bandwidth: [[null, 1], [1, null]] }), undefined);
});
