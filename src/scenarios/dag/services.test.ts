import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsData } from '../../data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../../data/mdnn-profiles.js';
import { dnnModel } from '../../workload/dnn/index.js';
import { checkSchedule } from '../../dag/schedule.js';
import { planServices, runOnPlan } from './services.js';

/**
 * The poster's claim (Jin, Park & Lee, MobiHoc'22; mdnn.md §11): with helper
 * devices, piece-wise partitioning beats layer-wise. N = 3 services
 * (AlexNet, GoogLeNet, ResNet-50), D = 3 and 6 helpers, default parameters.
 * MO = piece-wise + memetic PSO-GA, PO = piece-wise + PSO-GA, LO = layer-wise
 * + PSO-GA. Poster ranges: MO beats LO by 16.2–33.1% (D = 3) and 26.2–40.6%
 * (D = 6), and PO by 9.4–20.6% / 8.4–18.2%.
 */
test('piece-wise beats layer-wise with helper devices (N = 3; D = 3 and 6)', needsData(MDNN_PROFILES_FILE), () => {
  const models = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map(dnnModel);
  for (const D of [3, 6]) {
    const piece = planServices({ models, services: 3, helpers: D, partitioning: 'piece-wise' });
    const layer = planServices({ models, services: 3, helpers: D, partitioning: 'layer-wise' });
    const mo = runOnPlan(piece, 'memetic-pso-ga', { seed: 1 });
    const po = runOnPlan(piece, 'pso-ga', { seed: 1 });
    const lo = runOnPlan(layer, 'pso-ga', { seed: 1 });
    const lmo = runOnPlan(layer, 'memetic-pso-ga', { seed: 1 });
    for (const [r, plan] of [[mo, piece], [po, piece], [lo, layer], [lmo, layer]] as const) assert.deepEqual(checkSchedule(plan.problem, r.schedule), []);
    const gain = 1 - mo.evaluatedMakespan / lo.evaluatedMakespan;
    assert.ok(mo.evaluatedMakespan < lo.evaluatedMakespan, `D=${D}: MO ${mo.evaluatedMakespan} vs LO ${lo.evaluatedMakespan}`);
    assert.ok(mo.evaluatedMakespan < lmo.evaluatedMakespan, `D=${D}: piece-wise memetic beats layer-wise memetic`);
    assert.ok(gain > 0.1, `D=${D}: MO gains ${(gain * 100).toFixed(1)}% over LO`);
    // The list schedulers agree: piece-wise HEFT/PEFT beat their layer-wise runs.
    for (const a of ['heft', 'peft'] as const) {
      assert.ok(runOnPlan(piece, a).schedule.makespan < runOnPlan(layer, a).schedule.makespan, `D=${D}: ${a}`);
    }
    console.log(`D=${D}: MO ${mo.evaluatedMakespan.toFixed(4)} s, PO ${po.evaluatedMakespan.toFixed(4)} s, LO ${lo.evaluatedMakespan.toFixed(4)} s → MO vs LO ${(gain * 100).toFixed(1)}%, MO vs PO ${((1 - mo.evaluatedMakespan / po.evaluatedMakespan) * 100).toFixed(1)}%`);
  }
});

test('with no helpers every service runs on its request device or the edge', needsData(MDNN_PROFILES_FILE), () => {
  const plan = planServices({ models: ['AlexNet'].map(dnnModel), services: 2, helpers: 0, partitioning: 'piece-wise' });
  const r = runOnPlan(plan, 'heft');
  for (let t = 0; t < plan.problem.n; t++) assert.ok([plan.requestDevice[plan.serviceOf[t]], plan.edge].includes(r.schedule.proc[t]));
});
