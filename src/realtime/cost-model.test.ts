import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldEfficiency, layerCost, mappingUtilization, profileFromTable } from './cost-model.js';
import { defaultSystem } from './system.js';
import type { DnnLayer } from '../model/dnn.js';

const conv = (over: Partial<DnnLayer>): DnnLayer => ({ name: 'c', kind: 'conv', inH: 56, inW: 56, inC: 64, outH: 56, outW: 56, outC: 64, k: 3, stride: 1, pad: 1, macs: 56 * 56 * 64 * 64 * 9, work: 0, weightBytes: 4 * 64 * 64 * 9, inputBytes: 4 * 56 * 56 * 64, outputBytes: 4 * 56 * 56 * 64, preds: [], ...over });
const [nvdla, , eyeriss, shi] = defaultSystem().subAccelerators;

test('fold efficiency: n units on a lanes', () => {
  assert.equal(foldEfficiency(32, 32), 1);
  assert.equal(foldEfficiency(3, 32), 3 / 32);
  assert.equal(foldEfficiency(33, 32), 33 / 64);
  assert.equal(foldEfficiency(0, 8), 1 / 8);
});

test('mapping utilisation per dataflow on hand-computed layers', () => {
  // NVDLA 32×32 over Cin × Cout = 64 × 64: full folds → base 0.95.
  assert.equal(mappingUtilization(conv({}), nvdla), 0.95);
  // First layer, Cin = 3: 0.95 · 3/32.
  assert.ok(Math.abs(mappingUtilization(conv({ inC: 3 }), nvdla) - 0.95 * (3 / 32)) < 1e-12);
  // Depthwise on NVDLA: 0.95 · 1/32 · 1.
  assert.ok(Math.abs(mappingUtilization(conv({ kind: 'depthwise-conv' }), nvdla) - 0.95 / 32) < 1e-12);
  // ShiDianNao 16×16 over 56 × 56 output: 0.9 · (56/64)².
  assert.ok(Math.abs(mappingUtilization(conv({}), shi) - 0.9 * (56 / 64) ** 2) < 1e-12);
  // Eyeriss 16×32: k = 3 replicated ⌊16/3⌋ = 5 times → 15 of 16 rows; Hout 56 on 32 cols → 56/64.
  assert.ok(Math.abs(mappingUtilization(conv({}), eyeriss) - 0.85 * (15 / 16) * (56 / 64)) < 1e-12);
});

test('latency is the roofline max(compute, memory) and b = bytes / c', () => {
  const l = conv({});
  const c = layerCost(l, nvdla);
  const compute = l.macs / (1024 * 0.95 * 1e9);
  const bytes = ((l.weightBytes + l.inputBytes + l.outputBytes) * 2) / 4;
  const memory = bytes / 25.6e9;
  assert.ok(Math.abs(c.latencyS - Math.max(compute, memory)) < 1e-15);
  assert.ok(Math.abs(c.bandwidthGBps - bytes / c.latencyS / 1e9) < 1e-9);
  assert.ok(c.bandwidthGBps <= 25.6 + 1e-9);
  assert.equal(c.energyJ, c.latencyS * 1);
});

test('profile table: L_iso is the best single sub-accelerator; optimistic suffix uses the per-layer minimum', () => {
  const p = profileFromTable('m', ['a', 'b'], [[1, 4], [3, 1]], [[0, 0], [0, 0]]);
  assert.equal(p.isolatedLatencyS, 4); // sub 0: 1 + 3, sub 1: 4 + 1
  assert.deepEqual(p.optimisticRemainingS, [2, 1, 0]);
});
