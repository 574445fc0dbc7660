import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDagProblem } from './problem.js';
import { topcuoglu2002, arabnejad2014 } from './golden-dags.js';
import { heft } from './heft.js';
import { cpop, criticalPath } from './cpop.js';
import { peft } from './peft.js';
import { downwardRank, optimisticCostTable, upwardRank } from './ranks.js';
import { checkSchedule } from './schedule.js';

test('Topcuoglu 2002 Fig. 2: upward ranks of Table 1', () => {
  const prob = buildDagProblem(topcuoglu2002);
  const ru = Array.from(upwardRank(prob), (r) => Math.round(r * 1000) / 1000);
  assert.deepEqual(ru, [108, 77, 80, 80, 69, 63.333, 42.667, 35.667, 44.333, 14.667]);
});

test('Topcuoglu 2002: HEFT makespan 80 (Fig. 5a)', () => {
  const prob = buildDagProblem(topcuoglu2002);
  const r = heft(prob);
  assert.equal(r.schedule.makespan, 80);
  assert.deepEqual(checkSchedule(prob, r.schedule), []);
  // Fig. 5a places t1 on p3 and ends with t10 on p2.
  assert.equal(r.schedule.proc[0], 2);
  assert.equal(r.schedule.proc[9], 1);
});

test('Topcuoglu 2002: CPOP makespan 86 (Fig. 5b), critical path t1-t2-t9-t10 on p2', () => {
  const prob = buildDagProblem(topcuoglu2002);
  const ru = upwardRank(prob);
  const rd = downwardRank(prob);
  const pr = Float64Array.from(ru, (v, i) => v + rd[i]);
  const cp = criticalPath(prob, pr);
  assert.deepEqual(cp.path, [0, 1, 8, 9]);
  assert.equal(cp.length, 108);
  const r = cpop(prob);
  assert.equal(r.schedule.makespan, 86);
  assert.deepEqual(checkSchedule(prob, r.schedule), []);
  for (const t of cp.path) assert.equal(r.schedule.proc[t], 1);
});

test('Arabnejad & Barbosa 2014: OCT table (Table 3) and PEFT makespan 122', () => {
  const prob = buildDagProblem(arabnejad2014);
  const oct = optimisticCostTable(prob);
  const rows = Array.from({ length: 10 }, (_, t) => Array.from(oct.subarray(t * 3, t * 3 + 3)));
  assert.deepEqual(rows, [[64, 68, 86], [42, 39, 42], [27, 41, 43], [42, 39, 50], [28, 37, 28], [42, 39, 44], [13, 16, 22], [13, 16, 33], [13, 16, 20], [0, 0, 0]]);
  const r = peft(prob);
  assert.equal(r.schedule.makespan, 122);
  assert.deepEqual(checkSchedule(prob, r.schedule), []);
});

test('variants differ only by their named options and stay valid', () => {
  for (const g of [topcuoglu2002, arabnejad2014]) {
    const prob = buildDagProblem(g);
    for (const r of [heft(prob, { variant: 'original' }), cpop(prob, { variant: 'original', pinProcessor: 2 }), peft(prob, { variant: 'original' })]) {
      assert.deepEqual(checkSchedule(prob, r.schedule), [], r.algorithm);
      assert.equal(r.schedule.makespan, r.evaluatedMakespan);
    }
  }
});
