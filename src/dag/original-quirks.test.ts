/**
 * The original Multiple-DNN-Scheduling@de588b2 quirks, each pinned by a
 * small hand-worked case, plus local/edge-only, the seeded searches'
 * never-worse-than-HEFT property, and grid cells against the original's
 * figures (real profiles; skipped with a reason when absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDagProblem } from './problem.js';
import { Evaluator } from './evaluator.js';
import { originalCriticalPath } from './cpop.js';
import { upwardRank } from './ranks.js';
import { dagScheduler } from './index.js';
import { local, edgeOnly } from './reference-placements.js';
import { randomDag } from './random-dag.js';
import { misreadRequestDevice } from '../workload/partitioning/services.js';
import { runListSchedule } from './list-scheduler.js';
import { buildSearchSpace } from './search-space.js';
import { greedy } from './greedy.js';
import { SearchKit } from './search-space.js';
import { heft } from './heft.js';
import { needsData } from '../data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../data/mdnn-profiles.js';
import { dnnModel } from '../workload/dnn/index.js';
import { pieceWisePartition } from '../workload/partitioning/piece-wise.js';
import { planServices, runOnPlan } from '../scenarios/dag/services.js';

test('request-device quirk: int64 read as int32 — even task i → service of i/2, odd → 0; only the evaluator sees it', () => {
  const serviceOf = [0, 0, 1, 1, 2, 2];
  assert.deepEqual(serviceOf.map((_, i) => misreadRequestDevice(serviceOf, i)), [0, 0, 0, 0, 1, 0]);
  // One task whose 10-byte input comes from p1; the evaluator misreads p0. Links 10 B/s, free on the same processor.
  const spec = {
    processors: ['p0', 'p1'],
    tasks: [{ id: 't', cost: [1, 1], input: { from: 1, data: 10 } }],
    edges: [],
    bandwidth: [[null, 10], [10, null]],
  };
  const exact = buildDagProblem(spec);
  const quirk = buildDagProblem({ ...spec, evaluatorInputFrom: [0] });
  assert.equal(new Evaluator(exact).makespan([1], [0]), 1); // input local to p1
  assert.equal(new Evaluator(quirk).makespan([1], [0]), 2); // 10 B from p0 at 10 B/s, then 1 s
  assert.equal(new Evaluator(quirk).makespan([0], [0]), 1);
});

test('CPOP original: a critical path starts at every task tied for the top rank_u', () => {
  // Two identical chains a0 → a1, b0 → b1 (run time 2 then 1 on both processors, 1 s edges).
  const prob = buildDagProblem({
    processors: ['p0', 'p1'],
    tasks: [{ id: 'a0', cost: [2, 2] }, { id: 'a1', cost: [1, 1] }, { id: 'b0', cost: [2, 2] }, { id: 'b1', cost: [1, 1] }],
    edges: [{ from: 'a0', to: 'a1', data: 1 }, { from: 'b0', to: 'b1', data: 1 }],
  });
  const ru = upwardRank(prob);
  assert.deepEqual([...ru], [4, 1, 4, 1]);
  assert.deepEqual(originalCriticalPath(prob, ru, ru), [0, 1, 2, 3]);
});

test('PEFT original ready list: ties go to the task that became ready first, not the lower index', () => {
  // t0 → t1, t2 a source; t1 and t2 tie. Ready list [t0, t2] → t0 → [t2, t1] → t2 first.
  const prob = buildDagProblem({ processors: ['p'], tasks: [{ id: 't0', cost: [1] }, { id: 't1', cost: [1] }, { id: 't2', cost: [1] }], edges: [{ from: 't0', to: 't1', data: 0 }] });
  const prio = Float64Array.from([5, 1, 1]);
  const order = (ties: 'lower' | 'fifo') => [...runListSchedule(prob, prio, false, (s, t) => s.minEft(t), ties).schedule().order];
  assert.deepEqual(order('lower'), [0, 1, 2]);
  assert.deepEqual(order('fifo'), [0, 2, 1]);
});

test('greedy original: starts on the staging processor and takes each gene\'s best candidate even if worse than where it is', () => {
  // One task; candidates a (3 s) and b (2 s); the staging "cloud" runs it in 0.1 s but is never a candidate.
  const prob = buildDagProblem({ processors: ['a', 'b', 'cloud'], tasks: [{ id: 't', cost: [3, 2, 0.1] }], edges: [] });
  const space = buildSearchSpace(prob, { anchor: 0, exclude: 2 });
  assert.deepEqual([...space.candidates[0]], [0, 1]);
  const r = greedy(space, { variant: 'original', start: 2 });
  assert.equal(r.evaluatedMakespan, 2);
  assert.equal(r.initialBestMakespan, 0.1);
  assert.equal(greedy(space).evaluatedMakespan, 2); // paper: from the anchor a, strict improvement to b
});

test('local and edge-only: fixed placements evaluated by the §8 evaluator', () => {
  const prob = buildDagProblem({
    processors: ['home', 'edge'],
    tasks: [{ id: 'a', cost: [4, 1] }, { id: 'b', cost: [4, 1] }],
    edges: [{ from: 'a', to: 'b', data: 3 }],
  });
  assert.equal(local(prob).evaluatedMakespan, 8);
  assert.equal(edgeOnly(prob).evaluatedMakespan, 2);
  assert.equal(local(prob, [0, 1]).evaluatedMakespan, 4 + 3 + 1);
  assert.throws(() => local(buildDagProblem({ processors: ['x', 'y'], tasks: [{ id: 'a', cost: [Infinity, 1] }], edges: [] }), [0]), /cannot run on x/);
});

test('projection: one gene per task with an evolving order reproduces a list schedule\'s placement and §8 makespan exactly', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 5, max: 40 }), (seed, n) => {
      const prob = buildDagProblem(randomDag({ tasks: n, processors: 3, seed }));
      const h = heft(prob);
      const kit = new SearchKit(buildSearchSpace(prob, { evolveOrder: true }));
      const s = kit.project(h.schedule);
      assert.deepEqual([...s.genes], [...h.schedule.proc]);
      assert.equal(kit.evaluate(s), h.evaluatedMakespan);
    }),
    { numRuns: 20, seed: 3 },
  );
});

test('seeded GA, PSO-GA and memetic PSO-GA are never worse than HEFT (evaluatedMakespan) on random DAGs of three sizes', () => {
  fc.assert(
    fc.property(fc.constantFrom([12, 3], [30, 4], [60, 5]), fc.integer({ min: 1, max: 1e6 }), ([n, p], seed) => {
      const prob = buildDagProblem(randomDag({ tasks: n, processors: p, seed }));
      const h = dagScheduler('heft').schedule(prob).evaluatedMakespan;
      for (const a of ['ga', 'pso-ga', 'memetic-pso-ga'] as const) {
        const r = dagScheduler(a, { iterations: 3, generations: 3, particles: 6, population: 6 }).schedule(prob, { seed });
        assert.ok(r.evaluatedMakespan <= h + 1e-9, `${a}: ${r.evaluatedMakespan} > HEFT ${h}`);
        assert.ok(r.winner === 'search' || r.winner === 'heft');
      }
      // Under the original variant the anchors stay the default (no winner reported).
      assert.equal(dagScheduler('pso-ga', { variant: 'original', iterations: 1, particles: 3 }).schedule(prob, { seed }).winner, undefined);
    }),
    { numRuns: 9, seed: 12 },
  );
});

const data = needsData(MDNN_PROFILES_FILE);

test('concatenation quirk: each GoogLeNet inception branch is charged at the consumer\'s full input rows', data, () => {
  const g = (edgeBytes: 'exact' | 'original') => pieceWisePartition(dnnModel('GoogLeNet'), { edgeBytes });
  const bytes = (pg: ReturnType<typeof g>, from: string, to: string) => {
    const i = pg.pieces.findIndex((p) => p.name === from);
    const j = pg.pieces.findIndex((p) => p.name === to);
    return pg.edges.find((e) => e.from === i && e.to === j)!.bytes;
  };
  // inception3b_branch1_conv1 band 0 (27 × 27 × 256 input, 1×1 kernel) needs 9 rows of every branch.
  assert.equal(bytes(g('exact'), 'inception3a_branch1_conv1#0', 'inception3b_branch1_conv1#0'), 9 * 27 * 64 * 4);
  assert.equal(bytes(g('original'), 'inception3a_branch1_conv1#0', 'inception3b_branch1_conv1#0'), 9 * 27 * 256 * 4);
  // The original's input-row formula: AlexNet conv1's last band reads 83 raw rows (not 85).
  assert.equal(pieceWisePartition(dnnModel('AlexNet'), { edgeBytes: 'original' }).inputs[2].bytes, 83 * 224 * 3);
});

test('block coarsening original: the original\'s blocks (joint rank_u read by local ids, phase-1 ranks kept)', data, () => {
  const models = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map((m) => dnnModel(m));
  const plan = planServices({ models, services: 3, helpers: 3, partitioning: 'piece-wise', edgeBytes: 'original', averages: 'original', requestDevice: 'original', coarsening: 'original' });
  // Block sizes per service, in block order, from Multiple-DNN-Scheduling@de588b2 (partition_piece_map, N = 3).
  const want = [
    [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    [21, 21, 21, 10, 10, 10, 14, 14, 14, 7, 7, 7, 11, 11, 11, 9, 9, 9, 5, 5, 5],
    [9, 9, 9, 8, 8, 8, 13, 13, 13, 9, 9, 7, 8, 8, 8, 4, 6, 4, 7, 5, 3],
  ];
  plan.serviceRange.forEach(([a, b], n) => {
    const sizes = new Map<number, number>();
    for (let t = a; t < b; t++) sizes.set(plan.space.geneOf[t], (sizes.get(plan.space.geneOf[t]) ?? 0) + 1);
    assert.deepEqual([...sizes.entries()].sort((x, y) => x[0] - y[0]).map(([, c]) => c), want[n], `service ${n}`);
  });
});

test('grid cells equal Multiple-DNN-Scheduling@de588b2 (its figures, `mean t`)', data, () => {
  const models = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map((m) => dnnModel(m));
  const cells: [string, 'layer-wise' | 'piece-wise', number, number, number][] = [
    ['local', 'layer-wise', 3, 0, 0.61357],
    ['edge-only', 'layer-wise', 6, 3, 0.61074],
    ['heft', 'layer-wise', 3, 0, 0.28371],
    ['cpop', 'layer-wise', 6, 3, 0.3388],
    ['heft', 'piece-wise', 6, 3, 0.32125],
    ['cpop', 'piece-wise', 3, 3, 0.22498],
    ['cpop', 'piece-wise', 9, 3, 0.38248],
    ['peft', 'piece-wise', 6, 3, 0.31216],
    ['edge-only', 'piece-wise', 3, 0, 0.30351],
    ['greedy', 'piece-wise', 3, 3, 0.19057],
  ];
  for (const [a, partitioning, N, D, want] of cells) {
    const plan = planServices({ models, services: N, helpers: D, partitioning, edgeBytes: 'original', averages: 'original', requestDevice: 'original', coarsening: 'original' });
    const got = runOnPlan(plan, a as 'heft', { variant: 'original' }).evaluatedMakespan;
    assert.ok(Math.abs(got - want) <= 5e-6, `${a} ${partitioning} N=${N} D=${D}: ${got} vs ${want}`);
  }
});
