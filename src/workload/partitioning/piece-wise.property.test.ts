import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ArchBuilder } from '../dnn/arch-builder.js';
import { totalWork } from '../dnn/index.js';
import { pieceWisePartition, rowBands, neededInputRows } from './piece-wise.js';
import { layerWisePartition } from './layer-wise.js';
import { graphWork } from './piece-graph.js';

/** Random chain CNNs: conv/depthwise/maxpool with random K, stride, pad, then avgpool + fc. */
const cnnArb = fc
  .record({
    h: fc.integer({ min: 8, max: 64 }),
    layers: fc.array(fc.record({ kind: fc.constantFrom('conv', 'depthwise', 'maxpool'), k: fc.integer({ min: 1, max: 5 }), s: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 6 }),
    P: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ h, layers, P }) => {
    const b = new ArchBuilder('random', 'test', [h, h, 3]);
    let x = b.input();
    layers.forEach((l, i) => {
      if (x.h < l.k) return;
      const pad = Math.floor(l.k / 2);
      if (l.kind === 'conv') x = b.conv(`l${i}`, x, l.c, l.k, l.s, pad);
      else if (l.kind === 'depthwise') x = b.depthwise(`l${i}`, x, l.k, l.s, pad);
      else x = b.pool(`l${i}`, x, 'maxpool', l.k, l.s, 0);
    });
    if (x.producers.length === 0) x = b.conv('stem', x, 4, 1, 1, 0);
    x = b.pool('gap', x, 'avgpool', x.h, 1, 0);
    b.fc('fc', x, 10);
    return { model: b.build(), P };
  });

test('piece-wise on random CNNs: bands tile the output, each band gets exactly its receptive rows, work conserved', () => {
  fc.assert(
    fc.property(cnnArb, ({ model, P }) => {
      const g = pieceWisePartition(model, { pieces: P });
      assert.ok(Math.abs(graphWork(g) - totalWork(model)) <= 1e-9 * totalWork(model));
      assert.ok(Math.abs(graphWork(layerWisePartition(model)) - totalWork(model)) <= 1e-9 * totalWork(model));
      for (const e of g.edges) assert.ok(e.from < e.to);
      const byName = new Map(g.pieces.map((p, i) => [p.name, i]));
      for (const layer of model.layers) {
        if (layer.kind === 'fc' || layer.kind === 'avgpool') continue;
        const bands = rowBands(model, layer, P);
        // Tiling: contiguous, from 0 to Hout.
        assert.equal(bands[0][0], 0);
        assert.equal(bands.at(-1)![1], layer.outH);
        for (let i = 1; i < bands.length; i++) assert.equal(bands[i][0], bands[i - 1][1]);
        bands.forEach(([a, b], k) => {
          const [lo, hi] = neededInputRows(layer, a, b);
          const id = byName.get(`${layer.name}#${k}`)!;
          const bytesPerRow = layer.preds.length === 0 ? layer.inW * layer.inC : 4 * layer.inW * layer.inC;
          const got = layer.preds.length === 0 ? g.inputs.find((x) => x.piece === id)!.bytes : g.edges.filter((e) => e.to === id).reduce((s, e) => s + e.bytes, 0);
          assert.ok(Math.abs(got - (hi - lo) * bytesPerRow) < 1e-6, `${layer.name}#${k}: ${got} B vs rows [${lo}, ${hi})`);
        });
      }
    }),
    { numRuns: 150, seed: 17 },
  );
});
