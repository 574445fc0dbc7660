import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataFile, needsData } from '../../data/data-dir.js';
import { validateMdnnProfiles, MDNN_PROFILES_FILE } from '../../data/mdnn-profiles.js';
import { InputError } from '../../errors.js';
import { layerInBytes, layerMemoryBytes, type DnnModel } from '../../model/dnn.js';
import { dnnModel, dnnModelNames, hasDnnModel, mdnnShapeModel, MDNN_MODEL_NAMES, totalWork } from './index.js';

function kindCounts(m: DnnModel): Record<string, number> {
  const c: Record<string, number> = {};
  for (const l of m.layers) c[l.kind] = (c[l.kind] ?? 0) + 1;
  return c;
}

function assertTopological(m: DnnModel): void {
  const seen = new Set<string>();
  for (const l of m.layers) {
    for (const p of l.preds) assert.ok(seen.has(p), `${m.name}.${l.name}: producer ${p} not before it`);
    assert.ok(!seen.has(l.name), `${m.name}: duplicate ${l.name}`);
    seen.add(l.name);
  }
}

test('zoo lists five models', () => {
  assert.deepEqual(dnnModelNames(), ['AlexNet', 'GoogLeNet', 'ResNet-50', 'VGG-16', 'MobileNetV2']);
  assert.ok(hasDnnModel('VGG-16'));
  assert.ok(!hasDnnModel('toString'));
  assert.throws(() => dnnModel('LeNet'), /unknown DNN model "LeNet"/);
});

test('profiled models match the spec layer counts and total workload', needsData(MDNN_PROFILES_FILE), () => {
  const raw = JSON.parse(readFileSync(dataFile(MDNN_PROFILES_FILE)!, 'utf8')) as { models: Record<string, { total_workload: number }> };
  const expected: Record<string, Record<string, number>> = {
    AlexNet: { conv: 5, maxpool: 3, fc: 3 },
    GoogLeNet: { conv: 57, maxpool: 19, fc: 1 },
    'ResNet-50': { conv: 53, maxpool: 1, avgpool: 1, fc: 1 },
  };
  for (const [name, counts] of Object.entries(expected)) {
    const m = dnnModel(name);
    assert.deepEqual(kindCounts(m), counts, name);
    assert.equal(m.workloadUnit, 'mdnn-proxy');
    assertTopological(m);
    assert.ok(Math.abs(totalWork(m) - raw.models[name].total_workload) < 1e-6 * raw.models[name].total_workload);
    const src = m.layers.filter((l) => l.preds.length === 0);
    assert.equal(src.length, 1, `${name} has one source layer`);
    assert.equal(src[0].inBytesByPred![0], 150528, 'raw image at 1 B/value');
  }
  // Spec §2 formulas, hand-checked on AlexNet conv1: 1.5·56·56·64·3·11² and 4(11²·3·64+64) + 4·224·224·3.
  const conv1 = dnnModel('AlexNet').layers[0];
  assert.equal(conv1.work, 1.5 * 56 * 56 * 64 * 3 * 121);
  assert.equal(layerMemoryBytes(conv1), 4 * (121 * 3 * 64 + 64) + 4 * 224 * 224 * 3);
  // A GoogLeNet concatenation: the consumer lists the four branch outputs as producers.
  const g = dnnModel('GoogLeNet');
  const cat = g.layers.find((l) => l.name === 'inception3b_branch1_conv1')!;
  assert.equal(cat.preds.length, 4);
  assert.deepEqual(cat.preds.map((_, i) => layerInBytes(g, cat, i)), [186624, 373248, 93312, 93312]);
});

test('VGG-16 matches its published size (Simonyan & Zisserman 2015)', () => {
  const m = dnnModel('VGG-16');
  assert.deepEqual(kindCounts(m), { conv: 13, maxpool: 5, fc: 3 });
  assertTopological(m);
  const params = m.layers.reduce((s, l) => s + l.weightBytes / 4, 0);
  assert.equal(params, 138_357_544);
  const convFcMacs = m.layers.filter((l) => l.kind === 'conv' || l.kind === 'fc').reduce((s, l) => s + l.macs, 0);
  assert.ok(Math.abs(convFcMacs - 15.47e9) < 0.01e9, `VGG-16 MACs ${convFcMacs}`);
  assert.equal(m.layers.at(-1)!.outputBytes, 4000);
});

test('MobileNetV2 matches its published size (Sandler et al. 2018 Table 3) and has residual edges', () => {
  const m = dnnModel('MobileNetV2');
  assertTopological(m);
  assert.equal(kindCounts(m)['depthwise-conv'], 17);
  const params = m.layers.reduce((s, l) => s + l.weightBytes / 4, 0);
  assert.ok(Math.abs(params - 3.4e6) < 0.1e6, `params ${params}`);
  const macs = m.layers.filter((l) => l.kind !== 'avgpool').reduce((s, l) => s + l.macs, 0);
  assert.ok(Math.abs(macs - 300e6) < 3e6, `MACs ${macs}`);
  // depthwise conv = Hout·Wout·C·K² multiply-adds; work = 2·MACs FLOPs.
  const dw = m.layers.find((l) => l.name === 'block2_dw')!;
  assert.equal(dw.macs, 56 * 56 * 96 * 9);
  assert.equal(dw.work, 2 * dw.macs);
  // block 3 (24 → 24, stride 1) has a residual add: block 4's expansion reads both producers.
  const b4 = m.layers.find((l) => l.name === 'block4_expand')!;
  assert.deepEqual(b4.preds, ['block3_project', 'block2_project']);
});

test('profile validation names the offending field', () => {
  const bad = { source: 's', compute_time: 'c', devices: {}, network: { dev_dev_Bps: 1, edge_up_down_Bps: 1, cloud_up_down_Bps: 1, same_device_Bps: 1 }, models: { M: { deadline_s: 1, total_workload: 1, layers: [{ name: 'a' }] } } };
  assert.throws(() => validateMdnnProfiles(bad, 'x.json'), (e: unknown) => e instanceof InputError && /models\.M\.layers\[0\]\.type/.test(e.message));
});

test('the embedded layer shapes of AlexNet, GoogLeNet and ResNet-50 equal the data file\'s, field for field', needsData(MDNN_PROFILES_FILE), () => {
  for (const name of MDNN_MODEL_NAMES) {
    const full = dnnModel(name);
    const embedded = mdnnShapeModel(name);
    assert.equal(embedded.layers.length, full.layers.length, name);
    embedded.layers.forEach((l, i) => {
      const f = full.layers[i];
      for (const key of Object.keys(l) as (keyof typeof l)[]) assert.equal(l[key], f[key], `${name}.${f.name}.${key}`);
    });
  }
});
