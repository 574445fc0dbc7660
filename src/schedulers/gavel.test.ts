import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataFile, needsData } from '../data/data-dir.js';
import { parseGavelTrace } from '../data/gavel-trace.js';
import { parseGavelThroughputs, throughputKey } from '../data/gavel-throughputs.js';
import { gavelJobs } from '../workload/training/gavel-workload.js';
import { buildCluster, clusterPreset } from '../workload/training/cluster.js';
import { typeSpeed, type TrainingJob } from '../model/training.js';
import { simulateTraining } from './engine.js';
import { preloadTrainingPolicies } from './test-helpers.js';
import { loadHighs } from './synergy-opt.js';
import { maxMinAllocation, maxMinLpText, problemKey, reusingMaxMin, spreadOverTypes } from './gavel-max-min.js';
import { feasible, ftfFeasibilityLpText } from './gavel-ftf.js';
import { readAllocation, type GavelProblem } from './gavel-lp.js';
import fc from 'fast-check';

const resolveTrainingPolicy = await preloadTrainingPolicies(['fifo', 'srtf', 'las+tune', 'gavel-maxmin', 'gavel-ftf', 'gavel-maxmin-agnostic', 'gavel-fifo']);

test('Gavel max-min LP: hand-checked allocation on two types', async () => {
  const highs = await loadHighs();
  // Job 0 runs 4× faster on type 1 than on type 0, job 1 the same on both; one GPU of each type.
  // Equal-share normalisers: job 0: (1+4)/2 = 2.5, job 1: 1. Max-min gives job 0 type 1 and job 1 type 0:
  // normalised throughputs 4/2.5 = 1.6 and 1/1 = 1 → z = 1 (any better split lowers job 1).
  const x = maxMinAllocation(highs, { throughput: [[1, 4], [1, 1]], gpus: [1, 1], capacity: [1, 1] });
  const z0 = (1 * x[0][0] + 4 * x[0][1]) / 2.5, z1 = x[1][0] + x[1][1];
  assert.ok(Math.min(z0, z1) >= 1 - 1e-6, `min normalised throughput ${Math.min(z0, z1)}`);
  assert.ok(x[0][0] + x[0][1] <= 1 + 1e-9 && x[1][0] + x[1][1] <= 1 + 1e-9);
  assert.ok(x[0][0] + x[1][0] <= 1 + 1e-9 && x[0][1] + x[1][1] <= 1 + 1e-9);
});

test('agnostic max-min: a vertex X is spread over the usable types by GPU count, columns over capacity scaled to fit', () => {
  // Two jobs, one type each (a vertex of the degenerate unit-throughput LP); capacities 1 and 3 → 1/4 and 3/4 each.
  const close = (a: number[][], b: number[][]) => a.forEach((r, m) => r.forEach((v, k) => assert.ok(Math.abs(v - b[m][k]) < 1e-12, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`)));
  close(spreadOverTypes([[1, 0], [0, 1]], { throughput: [[1, 1], [1, 1]], gpus: [1, 1], capacity: [1, 3] }), [[0.25, 0.75], [0.25, 0.75]]);
  // Job 0 runs on type 0 only: it keeps 1 there, job 1 gets 1/2 + 1/2; type 0 then holds 1.5 > 1 → its column × 2/3.
  close(spreadOverTypes([[1, 0], [0, 1]], { throughput: [[1, 0], [1, 1]], gpus: [1, 1], capacity: [1, 1] }), [[2 / 3, 0], [1 / 3, 0.5]]);
});

test('maxWorkSeconds caps total_steps at ⌊S × reference throughput⌋; shorter jobs keep theirs', () => {
  const tp = new Map([[throughputKey('A', 1), { k80: 2, v100: 10 }]]);
  const trace = [
    { line: 1, jobType: 'A', totalSteps: 1_000_000, arrival: 0, scaleFactor: 1, tenant: 't' },
    { line: 2, jobType: 'A', totalSteps: 500, arrival: 5, scaleFactor: 1, tenant: 't' },
  ];
  // 3600.05 s × 10 steps/s = 36000.5 → 36000 steps → 3600 s on the V100; the 500-step job stays 50 s.
  assert.deepEqual(gavelJobs(trace, tp, 'v100', undefined, 3600.05).jobs.map((j) => j.work), [3600, 50]);
  assert.deepEqual(gavelJobs(trace, tp).jobs.map((j) => j.work), [100_000, 50]);
});

/** Random Gavel LP inputs: 1–8 jobs on 1–3 types, some throughputs 0 (no variable), GPU demands 1–4. */
const gavelProblem = fc.integer({ min: 1, max: 3 }).chain((K) =>
  fc.record({
    throughput: fc.array(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 8, noNaN: true })), { minLength: K, maxLength: K }), { minLength: 1, maxLength: 8 }),
    capacity: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: K, maxLength: K }),
    gpuSeed: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 8, maxLength: 8 }),
  }).map(({ throughput, capacity, gpuSeed }): GavelProblem => ({ throughput, capacity, gpus: throughput.map((_, m) => gpuSeed[m]) })),
);

test('Gavel LPs passed as arrays give exactly the allocation of their LP text (same HiGHS vertex)', async () => {
  const highs = await loadHighs();
  fc.assert(
    fc.property(gavelProblem, fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 }), (p, needSeed) => {
      const text = highs.solve(maxMinLpText(p));
      assert.equal(text.Status, 'Optimal');
      assert.deepEqual(maxMinAllocation(highs, p), readAllocation(text.Columns, p));
      const need = p.throughput.map((_, m) => needSeed[m]);
      const ftf = highs.solve(ftfFeasibilityLpText(p, need));
      assert.deepEqual(feasible(highs, p, need), ftf.Status === 'Optimal' ? readAllocation(ftf.Columns, p) : undefined);
    }),
    { numRuns: 50 },
  );
});

test('a reused max-min LP answers exactly as solving it again, in any order; keys differ when the inputs do', async () => {
  const highs = await loadHighs();
  fc.assert(
    fc.property(fc.array(gavelProblem, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (problems, picks) => {
      const solve = reusingMaxMin(highs);
      for (const i of picks) {
        const p = problems[i % problems.length];
        // a fresh solve, after whatever the persistent model solved last, is the reference
        assert.deepEqual(solve(p), maxMinAllocation(highs, p));
      }
      for (const a of problems) for (const b of problems) assert.equal(problemKey(a) === problemKey(b), JSON.stringify(a) === JSON.stringify(b));
    }),
    { numRuns: 40 },
  );
  // the answer is a copy: changing it does not change the next one
  const solve = reusingMaxMin(highs);
  const p: GavelProblem = { throughput: [[1, 4], [1, 1]], gpus: [1, 1], capacity: [1, 1] };
  const first = solve(p);
  first[0][0] = 99;
  assert.deepEqual(solve(p), maxMinAllocation(highs, p));
  // the same throughputs with other GPU demands or capacities are other LPs
  const variants: GavelProblem[] = [p, { ...p, gpus: [2, 1] }, { ...p, capacity: [2, 1] }, { ...p, throughput: [[1, 1], [1, 4]] }];
  assert.equal(new Set(variants.map(problemKey)).size, variants.length);
  for (const v of variants) assert.deepEqual(solve(v), maxMinAllocation(highs, v));
});

test('a job type with zero throughput on a type is never placed there', async () => {
  const cluster = buildCluster('h', [{ count: 1, gpus: 2, gpuType: 'k80', cores: 6, memoryGb: 125 }, { count: 1, gpus: 2, gpuType: 'v100', cores: 6, memoryGb: 125 }]);
  const jobs: TrainingJob[] = Array.from({ length: 8 }, (_, i) => ({
    index: i, id: String(i), tenant: 't', arrival: i * 100, gpus: 1, work: 900,
    throughputs: (i % 2 ? { k80: 1, v100: 3 } : { v100: 2 }) as Record<string, number>, referenceType: 'v100',
  }));
  for (const name of ['fifo', 'srtf', 'las+tune', 'gavel-maxmin', 'gavel-ftf', 'gavel-maxmin-agnostic', 'gavel-fifo']) {
    const { policy, mode } = resolveTrainingPolicy(name);
    const r = simulateTraining(jobs, cluster, policy, mode, {
      onRound(ctx, leased) {
        for (const s of leased) assert.ok(typeSpeed(s.job, ctx.pool.types[s.leaseType]) > 0, `${name}: job ${s.job.id} on ${ctx.pool.types[s.leaseType]}`);
      },
    });
    assert.equal(r.outcomes.filter((o) => o.finish > 0).length, 8, name);
  }
});

test('Gavel: heterogeneity-aware max-min beats the agnostic variant on a real Gavel trace (VC b436b2, 300 jobs)', needsData('gavel/msr-seed0/b436b2.trace', 'gavel/simulation_throughputs.json'), async () => {
  const tp = dataFile('gavel/simulation_throughputs.json')!;
  const tr = dataFile('gavel/msr-seed0/b436b2.trace')!;
  const { jobs } = gavelJobs(parseGavelTrace(readFileSync(tr, 'utf8'), tr, 'b436b2'), parseGavelThroughputs(JSON.parse(readFileSync(tp, 'utf8')), tp).consolidated, 'v100', 300);
  const avg: Record<string, number> = {};
  for (const name of ['gavel-maxmin', 'gavel-maxmin-agnostic']) {
    const { policy, mode } = resolveTrainingPolicy(name);
    const r = simulateTraining(jobs, clusterPreset('gavel'), policy, mode);
    avg[name] = r.outcomes.reduce((a, o) => a + o.jct, 0) / r.outcomes.length;
  }
  assert.ok(avg['gavel-maxmin'] < avg['gavel-maxmin-agnostic'], JSON.stringify(avg));
});

test('Gavel policies save their allocation X with the engine: a restore into a fresh policy instance continues exactly', async () => {
  const { TrainingEngine } = await import('./engine.js');
  const { createTrainingPolicy, resolveTrainingPolicy: resolve } = await import('./compose.js');
  const cluster = buildCluster('h2', [{ count: 1, gpus: 2, gpuType: 'k80', cores: 6, memoryGb: 125 }, { count: 1, gpus: 2, gpuType: 'v100', cores: 6, memoryGb: 125 }]);
  const jobs: TrainingJob[] = Array.from({ length: 10 }, (_, i) => ({
    index: i, id: String(i), tenant: `t${i % 2}`, arrival: 0, gpus: 1 + (i % 2), work: 1500 + 400 * (i % 3),
    throughputs: (i % 3 ? { k80: 1, v100: 2.5 } : { v100: 1.5 }) as Record<string, number>, referenceType: 'v100',
  }));
  // Gavel-FTF's X depends on the times when the job set last changed: without the saved X the run differs (checked).
  for (const name of ['gavel-ftf', 'gavel-maxmin', 'gavel-fifo']) {
    const fresh = async () => createTrainingPolicy(resolve(name, 'test'));
    const a = await fresh();
    const whole = new TrainingEngine(jobs, cluster, a.policy, a.mode, { roundLengthSeconds: 120 }).run();
    const b = await fresh();
    const first = new TrainingEngine(jobs, cluster, b.policy, b.mode, { roundLengthSeconds: 120 });
    for (let k = 0; k < 6 && first.step(); k++);
    const state = JSON.parse(JSON.stringify(first.snapshot()));
    // Another run through the same kind of policy in between must not matter either.
    const c = await fresh();
    const d = await fresh();
    new TrainingEngine(jobs.slice(0, 4), cluster, d.policy, d.mode, { roundLengthSeconds: 120 }).run();
    const resumed = TrainingEngine.fromSnapshot(jobs, cluster, c.policy, c.mode, { roundLengthSeconds: 120 }, state).run();
    assert.deepEqual(resumed.outcomes.map((o) => o.finish), whole.outcomes.map((o) => o.finish), name);
  }
});
