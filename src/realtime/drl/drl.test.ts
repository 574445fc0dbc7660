import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainPolicy } from './ppo.js';
import { initWeights, logSoftmax, policyLogits, serializePolicy, WEIGHT_NAMES } from './network.js';
import { loadPolicy, savePolicy } from './policy-file.js';
import { PAIR_FEATURES } from './features.js';
import { teacherPick } from './drl-scheduler.js';
import { tfWasm } from './tf-backend.js';
import { tinyProfile, tinySystem } from '../test-helpers.js';
import type { RealtimeScenario } from '../scenario.js';
import { InputError } from '../../errors.js';

/** A tiny scenario: 2 sub-accelerators, 2 three-layer models, 2 tenants; ms-scale layers. */
function tinyScenario(): RealtimeScenario {
  return {
    name: 'tiny',
    system: tinySystem(2, 12, 'fluid'),
    models: [
      tinyProfile('a', [[0.004, 0.006], [0.003, 0.002], [0.005, 0.005]], [[8, 8], [8, 8], [8, 8]]),
      tinyProfile('b', [[0.002, 0.001], [0.006, 0.009], [0.001, 0.002]], [[6, 6], [6, 6], [6, 6]]),
    ],
    tenants: [
      { id: 'gold', weight: 1, services: [{ model: 'a', rateRps: 90, sloTarget: 0.99 }] },
      { id: 'bronze', weight: 1, services: [{ model: 'b', rateRps: 120, sloTarget: 0.9 }] },
    ],
    durationS: 0.4,
    load: 1,
    deadlineMultiplier: 3,
    premaPriorities: 'slo-tier',
    engine: { dropPolicy: 'infeasible', sliWindowS: 0.1 },
  };
}

const tiny = { iterations: 4, imitationIterations: 1, episodeS: 0.4, minibatch: 64, stepsPerUpdate: 256, hidden: 8, maxJobs: 4, validateEvery: 2, validationS: 0.3 };

test('training is deterministic per seed: the same loss curve and weights twice, whether validated inline or on a worker thread; another seed differs', async () => {
  const a = await trainPolicy(tinyScenario(), { ...tiny, seed: 3 }, undefined, { validationWorker: true });
  const b = await trainPolicy(tinyScenario(), { ...tiny, seed: 3 }, undefined, { validationWorker: false });
  assert.equal(a.curve.length, 4);
  assert.ok(a.curve.every((p) => Number.isFinite(p.loss) && p.steps > 10), JSON.stringify(a.curve));
  assert.deepEqual(a.curve.map((p) => p.validationScore !== null), [true, true, false, true], 'validated after imitation, every 2nd iteration and at the end');
  assert.ok(a.curve.every((p) => p.validationScore === null || Number.isFinite(p.validationScore)));
  assert.deepEqual(b.curve, a.curve);
  assert.equal(b.meta.training.selectedIteration, a.meta.training.selectedIteration);
  for (const n of WEIGHT_NAMES) assert.deepEqual(Array.from(b.weights[n]), Array.from(a.weights[n]));
  const c = await trainPolicy(tinyScenario(), { ...tiny, seed: 4 });
  assert.notDeepEqual(c.curve.map((p) => p.loss), a.curve.map((p) => p.loss));
});

test('the plain-JS actor matches the TF.js forward pass used in training', async () => {
  const tf = await tfWasm();
  const w = initWeights(9, 16);
  const rows = 7;
  const x = new Float32Array(rows * PAIR_FEATURES).map((_, i) => Math.sin(i * 0.37));
  const js = policyLogits(w, x, rows);
  const H = 16;
  const tfOut = tf.tidy(() => {
    const h1 = tf.tanh(tf.add(tf.matMul(tf.tensor2d(x, [rows, PAIR_FEATURES]), tf.tensor2d(w.w1, [PAIR_FEATURES, H])), tf.tensor1d(w.b1)));
    const h2 = tf.tanh(tf.add(tf.matMul(h1, tf.tensor2d(w.w2, [H, H])), tf.tensor1d(w.b2)));
    return Array.from(tf.add(tf.matMul(h2, tf.tensor2d(w.w3, [H, 1])), tf.tensor1d(w.b3)).dataSync());
  });
  for (let r = 0; r < rows; r++) assert.ok(Math.abs(js[r] - tfOut[r]) < 1e-5, `row ${r}: ${js[r]} vs ${tfOut[r]}`);
  const lsm = logSoftmax(Float64Array.from([1, 2, 3]), 3);
  assert.ok(Math.abs(Math.exp(lsm[0]) + Math.exp(lsm[1]) + Math.exp(lsm[2]) - 1) < 1e-12);
});

test('EDF teacher: earliest deadline, then its fastest idle sub-accelerator', () => {
  // jobs: deadlines [5, 3, 4]; subs [2, 0]; job 1's latencies per sub id: [0.5, 9, 0.7] → fastest among {2, 0} is sub 0 (position 1).
  assert.equal(teacherPick([5, 3, 4], [2, 0], [[1, 1, 1], [0.5, 9, 0.7], [1, 1, 1]]), 1 * 2 + 1);
});

test('policy files round-trip; a malformed file is an InputError naming the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-drl-'));
  const w = initWeights(1, 8);
  const meta = { format: 'allot-realtime-drl/1' as const, sloAware: true, maxJobs: 4, hidden: 8, training: { seed: 1 } };
  savePolicy(dir, meta, w, []);
  const back = loadPolicy(dir);
  assert.deepEqual(Array.from(back.weights.w2), Array.from(w.w2));
  assert.equal(back.meta.maxJobs, 4);
  const bad = serializePolicy(meta, w);
  bad.weights.w1 = bad.weights.w1.slice(1);
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(bad));
  assert.throws(() => loadPolicy(dir), (e: unknown) => e instanceof InputError && /weights\.w1/.test(e.message));
  assert.throws(() => loadPolicy(join(dir, 'missing')), (e: unknown) => e instanceof InputError && /policy\.json/.test(e.message));
});

test('the committed policy was trained on exactly the built-in scenario (SHA-256 of its definition) and loads, without any data file', async () => {
  const { BUILTIN_POLICY_DIR } = await import('../../scenarios/realtime/index.js');
  const { defaultRealtimeScenario, scenarioHash } = await import('../scenario.js');
  const p = loadPolicy(BUILTIN_POLICY_DIR);
  assert.equal(p.meta.training.scenarioSha256, scenarioHash(defaultRealtimeScenario()));
  assert.equal(p.meta.sloAware, true);
});
