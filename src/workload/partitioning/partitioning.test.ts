import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsData } from '../../data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../../data/mdnn-profiles.js';
import { dnnModel, totalWork } from '../dnn/index.js';
import { computeSeconds, linkBandwidth, MDNN_DEVICE_TYPES, parseDeviceFile, type Device } from '../../model/device.js';
import { InputError } from '../../errors.js';
import { layerWisePartition } from './layer-wise.js';
import { pieceWisePartition, rowBands, neededInputRows } from './piece-wise.js';
import { graphWork } from './piece-graph.js';
import { coarsenBlocks } from './block-coarsening.js';
import { planServices } from '../../scenarios/dag/services.js';

const data = needsData(MDNN_PROFILES_FILE);

test('device check values of mdnn.md §1 (whole model on RPi / TX2 / edge)', data, () => {
  const expected: Record<string, number[]> = { AlexNet: [0.477, 0.175, 0.091], GoogLeNet: [0.602, 0.222, 0.112], 'ResNet-50': [0.498, 0.187, 0.097] };
  for (const [name, secs] of Object.entries(expected)) {
    const m = dnnModel(name);
    const got = [MDNN_DEVICE_TYPES.rpi4b, MDNN_DEVICE_TYPES.tx2, MDNN_DEVICE_TYPES.edge].map((d) => computeSeconds(totalWork(m), name, m.workloadUnit, d));
    got.forEach((g, i) => assert.ok(Math.abs(g - secs[i]) < 0.0015, `${name} on device ${i}: ${g} vs ${secs[i]}`));
  }
  // FLOP models run at the device's FLOP/s.
  const vgg = dnnModel('VGG-16');
  assert.equal(computeSeconds(totalWork(vgg), vgg.name, vgg.workloadUnit, MDNN_DEVICE_TYPES.tx2), totalWork(vgg) / MDNN_DEVICE_TYPES.tx2.flopsPerSecond);
});

test('link rules: same device, cloud, edge, device-to-device Shannon rate / bandwidthRatio', () => {
  const d = (id: string, t: keyof typeof MDNN_DEVICE_TYPES): Device => ({ id, type: MDNN_DEVICE_TYPES[t] });
  assert.equal(linkBandwidth(d('a', 'rpi4b'), d('a', 'rpi4b')), 20 * 2 ** 30);
  assert.equal(linkBandwidth(d('a', 'edge'), d('c', 'cloud')), 2 ** 30);
  assert.equal(linkBandwidth(d('a', 'rpi4b'), d('e', 'edge')), 13_107_200);
  assert.equal(linkBandwidth(d('a', 'rpi4b'), d('b', 'tx2')), 13_107_200);
  const cat = parseDeviceFile({ network: { bandwidthRatio: 2 } }, 'devices.json');
  assert.equal(linkBandwidth(d('a', 'rpi4b'), d('b', 'tx2'), cat.network), 6_553_600);
  assert.throws(() => parseDeviceFile({ network: { bandwidthRatio: -1 } }, 'devices.json'), (e: unknown) => e instanceof InputError && /network\.bandwidthRatio/.test(e.message));
});

test('layer-wise merge rule reproduces the original partition counts: AlexNet 7, GoogLeNet 38, ResNet-50 22', data, () => {
  const counts = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map((n) => layerWisePartition(dnnModel(n)).pieces.length);
  assert.deepEqual(counts, [7, 38, 22]);
  const a = layerWisePartition(dnnModel('AlexNet'));
  assert.deepEqual(a.pieces.map((p) => p.name), ['conv1+maxpool1', 'conv2+maxpool2', 'conv3', 'conv4', 'conv5+maxpool3', 'fc1', 'fc2+fc3']);
  for (const n of ['AlexNet', 'GoogLeNet', 'ResNet-50', 'VGG-16', 'MobileNetV2']) {
    const m = dnnModel(n);
    const g = layerWisePartition(m);
    assert.ok(Math.abs(graphWork(g) - totalWork(m)) < 1e-9 * totalWork(m), `${n} work conserved`);
    for (const e of g.edges) assert.ok(e.from < e.to, `${n}: topological edge`);
  }
});

test('piece-wise: 3 pieces per layer (33/231/168), work conserved, halo rows to both neighbours', data, () => {
  const counts = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map((n) => pieceWisePartition(dnnModel(n)).pieces.length);
  assert.deepEqual(counts, [33, 231, 168]);
  const alex = dnnModel('AlexNet');
  const g = pieceWisePartition(alex);
  assert.ok(Math.abs(graphWork(g) - totalWork(alex)) < 1e-6 * totalWork(alex));
  // conv1: Hout 56 → bands of 18, 18, 20 rows; K 11, S 4, pad 5 → input rows [0,67), [67,139)… clipped to 224.
  const conv1 = alex.layers[0];
  assert.deepEqual(rowBands(alex, conv1, 3), [[0, 18], [18, 36], [36, 56]]);
  assert.deepEqual(neededInputRows(conv1, 0, 18), [0, 74]);
  assert.deepEqual(neededInputRows(conv1, 18, 36), [67, 146]);
  assert.deepEqual(neededInputRows(conv1, 36, 56), [139, 224]);
  assert.deepEqual(g.inputs.map((i) => i.bytes), [74 * 224 * 3, 79 * 224 * 3, 85 * 224 * 3]);
  // maxpool1 band 1 (out rows 9..18, K3 S2 → in rows 18..37) reads conv1 bands 0 (rows 18? no) and 1, 2 (halo row 36).
  const mp1b1 = g.pieces.findIndex((p) => p.name === 'maxpool1#1');
  const into = g.edges.filter((e) => e.to === mp1b1).map((e) => [g.pieces[e.from].name, e.bytes / (56 * 64 * 4)]);
  assert.deepEqual(into, [['conv1#1', 18], ['conv1#2', 1]]);
  // GoogLeNet/ResNet conv1 uses u − 1 (original detail).
  const goog = dnnModel('GoogLeNet');
  const gu = Math.floor(goog.layers[0].outH / 3) - 1;
  assert.deepEqual(rowBands(goog, goog.layers[0], 3)[1], [gu, 2 * gu]);
  // fc1 (first fc after a pool) receives every maxpool3 band (exact) or only its own index (original).
  const fc1 = g.pieces.findIndex((p) => p.name === 'fc1#0');
  assert.equal(g.edges.filter((e) => e.to === fc1).length, 3);
  const go = pieceWisePartition(alex, { edgeBytes: 'original' });
  assert.equal(go.edges.filter((e) => e.to === fc1).length, 1);
});

test('block coarsening: ≤ k blocks per service, each block one piece index, deterministic', data, () => {
  const plan = planServices({ models: ['AlexNet', 'GoogLeNet', 'ResNet-50'].map(dnnModel), services: 3, helpers: 3, partitioning: 'piece-wise' });
  const { space, serviceRange, graphs, pieceOf } = plan;
  serviceRange.forEach(([a, b], n) => {
    const blocks = new Map<number, Set<number>>();
    for (let t = a; t < b; t++) {
      const g = space.geneOf[t];
      if (!blocks.has(g)) blocks.set(g, new Set());
      blocks.get(g)!.add(graphs[n].pieces[pieceOf[t]].pieceIndex);
    }
    assert.ok(blocks.size <= 21 && blocks.size >= 3, `service ${n}: ${blocks.size} blocks`);
    for (const s of blocks.values()) assert.equal(s.size, 1);
  });
  // Hand-checked chain (θ = 4): phase 1 merges 0←1 and stops below θ; phase 2 restarts from the start, 0←1 then 2←3 (1 is visited, so the heavy 1→2 edge is skipped).
  const out = coarsenBlocks({ n: 4, pieceIndex: [0, 0, 0, 0], rank: [4, 3, 2, 1], edges: [{ from: 0, to: 1, weight: 1 }, { from: 1, to: 2, weight: 5 }, { from: 2, to: 3, weight: 1 }] }, 2);
  assert.deepEqual(Array.from(out), [0, 0, 1, 1]);
});
