import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../errors.js';
import '../scenarios/index.js';
import { findScenarioKind } from '../scenarios/registry.js';
import { canonicalJson, cellLabel, enumerateCells, parseVary } from './cells.js';

const inference = findScenarioKind('inference-allocation')!;
const training = findScenarioKind('training')!;

test('parseVary types values by the kind\'s schema and maps flag names to config keys', () => {
  assert.deepEqual(parseVary('load=0.5,1,1.5', inference), { key: 'load', values: [0.5, 1, 1.5] });
  assert.deepEqual(parseVary('round-length-seconds=5, 10', inference), { key: 'roundLengthSeconds', values: [5, 10] });
  assert.deepEqual(parseVary('app-mix=vision,mixed', inference), { key: 'appMix', values: ['vision', 'mixed'] });
  assert.deepEqual(parseVary('deadlines=true,false', inference), { key: 'deadlines', values: [true, false] });
  assert.deepEqual(parseVary('hybrid.sampling=on,off', training), { key: 'hybrid.sampling', values: [true, false] });
  assert.deepEqual(parseVary('jobs-per-hour=6,9', training), { key: 'jobsPerHour', values: [6, 9] });
  // without a kind: numbers and booleans by their text
  assert.deepEqual(parseVary('ideal=true,false'), { key: 'ideal', values: [true, false] });
});

test('parseVary rejects malformed arguments, unknown keys and mistyped values with an InputError naming --vary', () => {
  for (const bad of ['load', '=1,2', 'load=', 'load=1,,2', 'load=1,1', '1x=2']) {
    assert.throws(() => parseVary(bad), (e: unknown) => e instanceof InputError && e.message.startsWith('--vary'), bad);
  }
  assert.throws(() => parseVary('lod=1,2', inference), /--vary lod: unknown key "lod" \(did you mean "load"\?\)/);
  assert.throws(() => parseVary('load=fast', inference), /--vary load: expected a number, got "fast"/);
  assert.throws(() => parseVary('deadlines=maybe', inference), /--vary deadlines: expected true or false/);
});

test('enumerateCells: full cross product in a fixed order, unique stable ids', () => {
  const plan = { kind: 'k', base: { kind: 'k', jobs: 10 }, vary: [{ key: 'load', values: [0.5, 1] }, { key: 'mix', values: ['a', 'b', 'c'] }], policies: ['p', 'q'], seeds: [1, 2, 3] };
  const cells = enumerateCells(plan);
  assert.equal(cells.length, 2 * 3 * 2 * 3);
  assert.equal(new Set(cells.map((c) => c.id)).size, cells.length);
  assert.deepEqual(cells[0].config, { kind: 'k', jobs: 10, load: 0.5, mix: 'a', policies: ['p'] });
  assert.equal(cellLabel(cells[0]), 'load=0.5 mix=a policy=p seed=1');
  assert.equal(cellLabel(cells[cells.length - 1]), 'load=1 mix=c policy=q seed=3');
  // ids depend only on the cell's content, not on the plan around it
  const sub = enumerateCells({ ...plan, vary: [{ key: 'load', values: [1] }, { key: 'mix', values: ['c'] }], policies: ['q'], seeds: [3] });
  assert.equal(sub[0].id, cells[cells.length - 1].id);
  assert.throws(() => enumerateCells({ ...plan, vary: [plan.vary[0], plan.vary[0]] }), InputError);
  // nested keys set nested fields; object policy specs get their label
  const nested = enumerateCells({ kind: 'k', base: { kind: 'k', hybrid: { sampling: true } }, vary: [{ key: 'hybrid.minSampleSeconds', values: [1] }], policies: [{ name: 's-dice', options: { carryPasses: false } }], seeds: [1] });
  assert.deepEqual(nested[0].config.hybrid, { sampling: true, minSampleSeconds: 1 });
  assert.equal(nested[0].policy, 's-dice(carryPasses=false)');
});

test('canonicalJson ignores key order (property)', () => {
  fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    return canonicalJson(o) === canonicalJson(reversed);
  }));
});
