/**
 * TrainingEngine snapshot/restore: a run cut after k round events, saved as
 * JSON and restored into a fresh engine, ends exactly as the uninterrupted run
 * (deepEqual of outcomes and metrics), for several orders, modes and options;
 * malformed states are RangeErrors that leave the engine untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulateTraining, TrainingEngine, type EngineOptions, type EngineResult } from './engine.js';
import type { TrainingEngineState } from './engine-state.js';
import { preloadTrainingPolicies } from './test-helpers.js';
import { buildCluster, type TrainingCluster } from '../workload/training/cluster.js';
import { SYNERGY_PROFILES } from '../workload/training/synergy-profiles.js';
import type { TrainingJob } from '../model/training.js';
import { Rng } from '../sim/rng.js';
import type { JobPolicy } from './types.js';

const models = SYNERGY_PROFILES.map((p) => p.name);
const resolveTrainingPolicy = await preloadTrainingPolicies(['fifo+fair', 'srtf+tune', 'las', 'las+tune', 'ftf', 'tetris', 'tetris-f0.5+greedy', 'drf', 'drf-job+tune', 'srsf+greedy', 'fifo+tune', 'srtf', 'las+greedy', 'fifo+greedy']);
const cluster: TrainingCluster = buildCluster('snap', [{ count: 3, gpus: 8, cores: 24, memoryGb: 500 }]);

/** A seeded synthetic workload: `n` jobs over ~2 h, 1–8 GPUs, mixed Synergy models, three tenants. */
function workload(seed: number, n = 30): TrainingJob[] {
  const rng = new Rng(seed);
  const gpuChoices = [1, 1, 1, 2, 4, 8];
  return Array.from({ length: n }, (_, index) => ({
    index,
    id: `j${index}`,
    tenant: ['a', 'b', 'c'][rng.int(3)],
    arrival: rng.int(4) === 0 ? 0 : Math.round(rng.next() * 7200),
    gpus: gpuChoices[rng.int(gpuChoices.length)],
    work: 60 + Math.round(rng.next() * 5000),
    model: rng.int(5) === 0 ? undefined : models[rng.int(models.length)],
  }));
}

/** Policy cases: name and engine options (the brief's list plus variants that exercise other engine paths). */
const CASES: { name: string; options: EngineOptions }[] = [
  { name: 'fifo+fair', options: {} },
  { name: 'srtf+tune', options: {} },
  { name: 'las', options: { preselectByGpu: true } },
  { name: 'las+tune', options: { preselectByGpu: true } },
  { name: 'ftf', options: {} },
  { name: 'tetris', options: {} },
  { name: 'tetris-f0.5+greedy', options: {} },
  { name: 'drf', options: {} },
  { name: 'drf-job+tune', options: { roundLengthSeconds: 120 } },
  { name: 'srsf+greedy', options: { completionAtRoundEnd: true } },
  { name: 'las+tune', options: { preselectByGpu: true, completionAtRoundEnd: true, wholeIterations: true } },
  { name: 'fifo+tune', options: { consolidate: false, starvationSeconds: 1800 } },
  { name: 'las', options: { until: 3600 } },
  { name: 'srtf', options: { starvationSeconds: 900 } },
  { name: 'las+greedy', options: { starvationSeconds: 600, roundLengthSeconds: 200 } },
];

function engineFor(name: string, jobs: TrainingJob[], options: EngineOptions): TrainingEngine {
  const { policy, mode } = resolveTrainingPolicy(name);
  return new TrainingEngine(jobs, cluster, policy, mode, options);
}

/** Steps a fresh engine to the end; returns the result and how many round events it took. */
function uninterrupted(name: string, jobs: TrainingJob[], options: EngineOptions): { result: EngineResult; events: number } {
  const e = engineFor(name, jobs, options);
  let events = 0;
  while (!e.done) {
    e.step();
    events++;
  }
  return { result: e.result(), events };
}

/** Steps `k` events, saves through JSON, restores into a fresh engine and finishes there. */
function cutAndRestore(name: string, jobs: TrainingJob[], options: EngineOptions, k: number): { restored: EngineResult; original: EngineResult; state: TrainingEngineState } {
  const a = engineFor(name, jobs, options);
  for (let i = 0; i < k; i++) a.step();
  const state = a.snapshot();
  const json = JSON.parse(JSON.stringify(state)) as TrainingEngineState;
  assert.deepEqual(json, state, 'the snapshot is plain JSON (survives a JSON round trip unchanged)');
  const { policy, mode } = resolveTrainingPolicy(name);
  const b = TrainingEngine.fromSnapshot(jobs, cluster, policy, mode, options, json);
  return { restored: b.run(), original: a.run(), state };
}

/** Every value is null, boolean, string, finite number, array or plain object. */
function assertPlainJson(v: unknown, path = 'state'): void {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return;
  if (typeof v === 'number') return assert.ok(Number.isFinite(v), `${path} = ${v}`);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      assert.ok(i in v, `${path}[${i}] is a hole`);
      assertPlainJson(v[i], `${path}[${i}]`);
    }
    return;
  }
  assert.equal(typeof v, 'object', `${path} is ${typeof v}`);
  assert.equal(Object.getPrototypeOf(v), Object.prototype, `${path} is not a plain object`);
  for (const [key, x] of Object.entries(v as object)) assertPlainJson(x, `${path}.${key}`);
}

test('simulateTraining equals stepping a TrainingEngine to the end', () => {
  const jobs = workload(7);
  for (const { name, options } of CASES) {
    const { policy, mode } = resolveTrainingPolicy(name);
    assert.deepEqual(uninterrupted(name, jobs, options).result, simulateTraining(jobs, cluster, policy, mode, options), name);
  }
});

test('property: cut after k round events, JSON round trip, restore into a fresh engine → same result as the uninterrupted run', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...CASES.keys()), (seed, cut, c) => {
      const { name, options } = CASES[c];
      const jobs = workload(seed, 12 + (seed % 25));
      const { result, events } = uninterrupted(name, jobs, options);
      const k = Math.min(events, Math.floor(cut * (events + 1)));
      const { restored, original, state } = cutAndRestore(name, jobs, options, k);
      assertPlainJson(state);
      assert.deepEqual(original, result, `${name}: snapshot() must not disturb the engine`);
      assert.deepEqual(restored.outcomes, result.outcomes, `${name}, seed ${seed}, cut at ${k}/${events}: outcomes`);
      assert.deepEqual(restored, result, `${name}, seed ${seed}, cut at ${k}/${events}: metrics`);
    }),
    { numRuns: 50 },
  );
});

test('every case at a mid-run cut, and with a save/restore after every single round (16 jobs), ends as the uninterrupted run', () => {
  const jobs = workload(11, 36);
  for (const { name, options } of CASES) {
    const { result, events } = uninterrupted(name, jobs, options);
    assert.ok(events > 3, `${name}: workload too small (${events} events)`);
    assert.deepEqual(cutAndRestore(name, jobs, options, events >> 1).restored, result, `${name} cut at ${events >> 1}/${events}`);
    const { policy, mode } = resolveTrainingPolicy(name);
    const few = jobs.slice(0, 16);
    const fewResult = simulateTraining(few, cluster, policy, mode, options);
    let e = new TrainingEngine(few, cluster, policy, mode, options);
    while (e.step()) {
      const state = e.snapshot();
      e = TrainingEngine.fromSnapshot(few, cluster, policy, mode, options, JSON.parse(JSON.stringify(state)));
      assert.deepEqual(e.snapshot(), state, `${name}: restore then snapshot gives the state back`);
    }
    assert.deepEqual(e.result(), fewResult, `${name}: restored after every round`);
  }
});

test('heterogeneous cluster: per-type seconds (with never-used types) survive the round trip', () => {
  const het = buildCluster('het', [{ count: 2, gpus: 4, gpuType: 'k80', cores: 12, memoryGb: 250 }, { count: 2, gpus: 4, gpuType: 'v100', cores: 12, memoryGb: 250 }]);
  const rng = new Rng(4);
  const jobs: TrainingJob[] = workload(4, 24).map((j) => ({ ...j, gpus: Math.min(j.gpus, 4), throughputs: (rng.int(3) ? { k80: 0.5, v100: 1 } : { v100: 1 }) as Record<string, number>, referenceType: 'v100' }));
  for (const name of ['fifo+fair', 'srtf+tune']) {
    const { policy, mode } = resolveTrainingPolicy(name);
    const result = simulateTraining(jobs, het, policy, mode);
    let e = new TrainingEngine(jobs, het, policy, mode);
    let holes = 0;
    while (e.step()) {
      const state = e.snapshot();
      holes += state.jobs.filter((j) => j.typeSeconds.includes(null)).length;
      e = TrainingEngine.fromSnapshot(jobs, het, policy, mode, {}, JSON.parse(JSON.stringify(state)));
      assert.deepEqual(e.snapshot(), state, name);
    }
    assert.ok(holes > 0, `${name}: some job ran only on the second type`);
    assert.deepEqual(e.result(), result, name);
  }
});

test('restore rebuilds the server pool, per-server jobs and tenant usage from the leases', () => {
  const jobs = workload(3, 36);
  for (const name of ['srtf+tune', 'drf', 'fifo+greedy']) {
    const a = engineFor(name, jobs, {});
    for (let i = 0; i < 4; i++) a.step();
    const { policy, mode } = resolveTrainingPolicy(name);
    const b = TrainingEngine.fromSnapshot(jobs, cluster, policy, mode, {}, JSON.parse(JSON.stringify(a.snapshot())));
    const pa = a.context.pool, pb = b.context.pool;
    assert.ok(pa.totalFreeGpus < 24, `${name}: something is leased`);
    assert.deepEqual([...pb.freeGpus], [...pa.freeGpus], name);
    assert.equal(pb.totalFreeGpus, pa.totalFreeGpus);
    assert.deepEqual(pb.freeByType, pa.freeByType);
    for (let s = 0; s < pa.servers.length; s++) {
      assert.ok(Math.abs(pb.freeCores[s] - pa.freeCores[s]) < 1e-9 && Math.abs(pb.freeMem[s] - pa.freeMem[s]) < 1e-9, `${name}: server ${s}`);
      const ids = (l: readonly { job: TrainingJob }[]) => l.map((x) => x.job.index).sort((x, y) => x - y);
      assert.deepEqual(ids(b.context.onServer[s]), ids(a.context.onServer[s]));
    }
    assert.deepEqual(new Set(b.context.tenantUsage.keys()), new Set(a.context.tenantUsage.keys()));
    for (const [t, u] of a.context.tenantUsage) assert.equal(b.context.tenantUsage.get(t)!.gpus, u.gpus);
    assert.equal(b.now, a.now);
  }
});

test('a malformed or mismatched state is a RangeError and leaves the engine as it was', () => {
  const jobs = workload(5, 24);
  const name = 'srtf+tune';
  const { policy, mode } = resolveTrainingPolicy(name);
  const a = new TrainingEngine(jobs, cluster, policy, mode);
  for (let i = 0; i < 3; i++) a.step();
  const good = a.snapshot();
  const leased = good.jobs.findIndex((j) => j.lease.length > 0);
  const finished = good.jobs.findIndex((j) => j.finish >= 0);
  assert.ok(leased >= 0 && finished >= 0, 'fixture: a leased and a finished job after 3 rounds');
  const bad: [string, (s: TrainingEngineState) => unknown, RegExp][] = [
    ['not an object', () => 42, /training-engine state/],
    ['null', () => null, /training-engine state/],
    ['wrong version', (s) => ({ ...s, version: 1 }), /version/],
    ['missing field', (s) => { const { nextArrival: _, ...rest } = s; return rest; }, /nextArrival/],
    ['unknown field', (s) => ({ ...s, extra: 1 }), /extra/],
    ['negative remaining', (s) => { s.jobs[0].remaining = -1; return s; }, /jobs\[0\]\.remaining/],
    ['fractional GPUs in a lease', (s) => { s.jobs[leased].lease[0].gpus = 0.5; return s; }, /lease\[0\]\.gpus/],
    ['a Map instead of an array', (s) => ({ ...s, runnable: new Map() }), /runnable/],
    ['other round length', (s) => { s.config.roundLengthSeconds = 60; return s; }, /config\.roundLengthSeconds/],
    ['other policy', (s) => { s.config.policy = 'fifo'; return s; }, /config\.policy/],
    ['other jobs', (s) => { s.jobs[1].id = 'zzz'; return s; }, /jobs\[1\]/],
    ['too few jobs', (s) => { s.jobs.pop(); s.config.jobs = s.jobs.length; return s; }, /jobs/],
    ['unknown job index', (s) => { s.runnable.push(999); return s; }, /no job has index 999/],
    ['finished job runnable', (s) => { s.runnable.push(s.jobs[finished].index); return s; }, /runnable/],
    ['lease on a missing server', (s) => { s.jobs[leased].lease[0].server = 99; return s; }, /server 99/],
    ['lease not in prevLeased', (s) => { s.prevLeased = s.prevLeased.filter((i) => i !== s.jobs[leased].index); return s; }, /prevLeased/],
    ['leases over a server\'s GPUs', (s) => { for (const j of s.jobs) for (const sh of j.lease) sh.server = 0; return s; }, /more GPUs than server 0/],
    ['lease over capacity', (s) => { for (const j of s.jobs) if (j.lease.length) j.lease[0].cores += 100; return s; }, /capacity/],
    ['pending before now', (s) => { s.pending = [{ round: 0, time: 0 }]; return s; }, /before now/],
    ['pending time off the round grid', (s) => { s.pending[0].time += 1; return s; }, /pending\[0\]\.time/],
    ['utilization shorter than the rounds', (s) => { s.utilization.pop(); return s; }, /utilization/],
    ['policy state for a stateless policy', (s) => ({ ...s, policyState: { x: 1 } }), /policyState/],
  ];
  for (const [what, mutate, re] of bad) {
    const state = mutate(structuredClone(good));
    const b = new TrainingEngine(jobs, cluster, policy, mode);
    b.step();
    const before = JSON.stringify(b.snapshot());
    assert.throws(() => b.restore(state), (e: unknown) => e instanceof RangeError && re.test(e.message), what);
    assert.equal(JSON.stringify(b.snapshot()), before, `${what}: engine unchanged`);
  }
  assert.throws(() => TrainingEngine.fromSnapshot(jobs, cluster, policy, mode, { roundLengthSeconds: 60 }, good), RangeError);
  assert.throws(() => TrainingEngine.fromSnapshot(jobs, cluster, policy, mode, { preselectByGpu: true }, good), /preselectByGpu/);
  // The untouched state still restores.
  assert.deepEqual(TrainingEngine.fromSnapshot(jobs, cluster, policy, mode, {}, good).run(), simulateTraining(jobs, cluster, policy, mode));
});

/** A policy with state of its own: a rotating start position over the runnable jobs, advanced every round. */
function rotatingPolicy(withHooks: boolean): JobPolicy {
  let turn = 0;
  const p: JobPolicy = {
    name: 'rotating',
    starvationGuard: false,
    historyDependent: true,
    order(runnable) {
      const start = turn++ % runnable.length;
      let i = 0;
      return { next: () => (i < runnable.length ? runnable[(start + i++) % runnable.length] : undefined) };
    },
  };
  if (withHooks) {
    p.snapshot = () => ({ turn });
    p.restore = (s) => {
      const t = (s as { turn?: unknown } | undefined)?.turn;
      if (typeof t !== 'number' || !Number.isInteger(t)) throw new RangeError('rotating: bad state');
      turn = t;
    };
  }
  return p;
}

test('a policy with its own state is saved and restored through JobPolicy.snapshot/restore', () => {
  const jobs = workload(9, 30);
  const { mode } = resolveTrainingPolicy('fifo+fair');
  const result = new TrainingEngine(jobs, cluster, rotatingPolicy(true), mode).run();
  const a = new TrainingEngine(jobs, cluster, rotatingPolicy(true), mode);
  for (let i = 0; i < 5; i++) a.step();
  const state = JSON.parse(JSON.stringify(a.snapshot())) as TrainingEngineState;
  assert.deepEqual(state.policyState, { turn: 5 });
  assert.deepEqual(TrainingEngine.fromSnapshot(jobs, cluster, rotatingPolicy(true), mode, {}, state).run(), result);
  // Without the hooks a fresh policy instance starts its rotation over: the run differs.
  const { policyState: _, ...noPolicy } = state;
  const lost = TrainingEngine.fromSnapshot(jobs, cluster, rotatingPolicy(false), mode, {}, noPolicy).run();
  assert.notDeepEqual(lost.outcomes, result.outcomes);
  assert.throws(() => TrainingEngine.fromSnapshot(jobs, cluster, rotatingPolicy(true), mode, {}, noPolicy), /no policyState/);
  assert.throws(() => TrainingEngine.fromSnapshot(jobs, cluster, rotatingPolicy(true), mode, {}, { ...state, policyState: 'x' }), /rotating: bad state/);
});
