import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../errors.js';
import { canonicalJson, cellLabel, enumerateCells, parseVary } from './cells.js';

test('parseVary types numbers and booleans, camel-cases the key', () => {
  assert.deepEqual(parseVary('load=0.5,1,1.5'), { key: 'load', values: [0.5, 1, 1.5] });
  assert.deepEqual(parseVary('arrival-rate=2, 4'), { key: 'arrivalRate', values: [2, 4] });
  assert.deepEqual(parseVary('mix=small,large'), { key: 'mix', values: ['small', 'large'] });
  assert.deepEqual(parseVary('ideal=true,false'), { key: 'ideal', values: [true, false] });
});

test('parseVary rejects malformed arguments with an InputError naming --vary', () => {
  for (const bad of ['load', '=1,2', 'load=', 'load=1,,2', 'load=1,1', '1x=2']) {
    assert.throws(() => parseVary(bad), (e: unknown) => e instanceof InputError && e.message.startsWith('--vary'), bad);
  }
});

test('enumerateCells: full cross product in a fixed order, unique stable ids', () => {
  const plan = { kind: 'k', options: { jobs: 10 }, vary: [{ key: 'load', values: [0.5, 1] }, { key: 'mix', values: ['a', 'b', 'c'] }], policies: ['p', 'q'], seeds: [1, 2, 3] };
  const cells = enumerateCells(plan);
  assert.equal(cells.length, 2 * 3 * 2 * 3);
  assert.equal(new Set(cells.map((c) => c.id)).size, cells.length);
  assert.deepEqual(cells[0].options, { jobs: 10, load: 0.5, mix: 'a' });
  assert.equal(cellLabel(cells[0]), 'load=0.5 mix=a policy=p seed=1');
  assert.equal(cellLabel(cells[cells.length - 1]), 'load=1 mix=c policy=q seed=3');
  // ids depend only on the cell's content, not on the plan around it
  const sub = enumerateCells({ ...plan, vary: [{ key: 'load', values: [1] }, { key: 'mix', values: ['c'] }], policies: ['q'], seeds: [3] });
  assert.equal(sub[0].id, cells[cells.length - 1].id);
  assert.throws(() => enumerateCells({ ...plan, vary: [plan.vary[0], plan.vary[0]] }), InputError);
});

test('canonicalJson ignores key order (property)', () => {
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    return canonicalJson(o) === canonicalJson(reversed);
  }));
});
