/**
 * Synergy's original behaviours pinned by small hand-worked cases: the
 * permanent starvation bump (and the per-round option), LAS+tune's tie order
 * after GPU pre-selection, stopping at the end of the measurement window.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateTraining, TrainingEngine, type EngineOptions } from './engine.js';
import { preloadTrainingPolicies } from './test-helpers.js';
import { buildCluster, type TrainingCluster } from '../workload/training/cluster.js';
import type { TrainingJob } from '../model/training.js';
import { lasPolicy } from './las.js';
import type { AllocationMode, JobState } from './types.js';

const policies = await preloadTrainingPolicies(['srtf', 'las', 'fifo']);
const oneServer = (gpus: number): TrainingCluster => buildCluster('t', [{ count: 1, gpus, cores: 3 * gpus, memoryGb: 62.5 * gpus }]);
const job = (index: number, arrival: number, work: number, gpus = 1): TrainingJob => ({ index, id: `j${index}`, tenant: 'a', arrival, gpus, work });

function finishes(jobs: TrainingJob[], name: string, opts: EngineOptions): number[] {
  const { policy, mode } = policies(name);
  return simulateTraining(jobs, oneServer(1), policy, mode, opts).outcomes.map((o) => o.finish);
}

// One GPU, R = 300 s, threshold 600 s. SRTF runs S (1200 s) from 0; L (3000 s) waits.
// At t = 900 L has waited 900 s > 600 s.
// - permanent (original): the bump is set while walking round 900's order, so S keeps
//   running and finishes at 1200; from 1200 on L goes first, even at 1500 when it has
//   just run and T (300 s, arriving at 1500) is shorter. T is bumped in its turn at
//   2400 (waited 900 s), so from 2700 both are bumped and SRTF puts T first:
//   L 1200–2700, T 2700–3000, L 3000–4500.
// - per-round: L goes first at 900 (runs 900–1200), loses the bump once it has run;
//   S 1200–1500, T 1500–1800, L 1800–4500.
const starving = [job(0, 0, 3000), job(1, 0, 1200), job(2, 1500, 300)];

test('starvation guard, permanent (default, as the original): bumped from the next round until the job finishes', () => {
  assert.deepEqual(finishes(starving, 'srtf', { starvationSeconds: 600 }), [4500, 1200, 3000]);
  assert.deepEqual(finishes(starving, 'srtf', { starvationSeconds: 600, starvationGuard: 'permanent' }), [4500, 1200, 3000]);
});

test('starvation guard, per-round option: first in the same round, re-checked every round', () => {
  assert.deepEqual(finishes(starving, 'srtf', { starvationSeconds: 600, starvationGuard: 'per-round' }), [4500, 1500, 1800]);
});

test('starvation guard: FIFO ignores it under both rules; the threshold is strict (> 600 s)', () => {
  for (const rule of ['permanent', 'per-round'] as const) assert.deepEqual(finishes(starving, 'fifo', { starvationSeconds: 600, starvationGuard: rule }), [3000, 4200, 4500]);
  // Threshold 900 s: L has waited exactly 900 s at t = 900, not more: no bump; SRTF order throughout.
  assert.deepEqual(finishes(starving, 'srtf', { starvationSeconds: 900, starvationGuard: 'per-round' }), [4500, 1200, 1800]);
});

test('starvation bump survives a snapshot and restore', () => {
  const { policy, mode } = policies('srtf');
  const opts: EngineOptions = { starvationSeconds: 600 };
  const e = new TrainingEngine(starving, oneServer(1), policy, mode, opts);
  while (e.now < 900) e.step();
  const state = JSON.parse(JSON.stringify(e.snapshot()));
  assert.equal(state.jobs.find((j: { index: number }) => j.index === 0).prioritized, true);
  const r = TrainingEngine.fromSnapshot(starving, oneServer(1), policy, mode, opts, state).run();
  assert.deepEqual(r.outcomes.map((o) => o.finish), [4500, 1200, 3000]);
  assert.throws(() => TrainingEngine.fromSnapshot(starving, oneServer(1), policy, mode, { ...opts, starvationGuard: 'per-round' }, state), /config.starvationGuard/);
});

test('LAS+tune after GPU pre-selection: largest GPU demand first, equal demands keep LAS order (not arrival order)', () => {
  const st = (index: number, arrival: number, gpus: number): JobState => ({ job: job(index, arrival, 100, gpus) }) as JobState;
  // LAS order as selected: B (arrived later, less service), A, C (2 GPUs).
  const selected = [st(1, 50, 1), st(0, 0, 1), st(2, 10, 2)];
  lasPolicy.reorderSelected!(selected, { largestJobsFirst: true } as AllocationMode);
  assert.deepEqual(selected.map((s) => s.job.index), [2, 1, 0]);
  const untouched = [st(1, 50, 1), st(0, 0, 1), st(2, 10, 2)];
  lasPolicy.reorderSelected!(untouched, { largestJobsFirst: false } as AllocationMode);
  assert.deepEqual(untouched.map((s) => s.job.index), [1, 0, 2]);
});

test('stopAfterWindow: the run ends once the window\'s jobs have finished; later jobs never arrive', () => {
  const { policy, mode } = policies('fifo');
  // One GPU, jobs of 300 s arriving every 300 s: job k runs [300k, 300k + 300).
  const jobs = Array.from({ length: 10 }, (_, k) => job(k, 300 * k, 300));
  const r = simulateTraining(jobs, oneServer(1), policy, mode, { stopAfterWindow: [2, 4] });
  assert.deepEqual(r.outcomes.map((o) => o.finish), [300, 600, 900, 1200, -1, -1, -1, -1, -1, -1]);
  assert.equal(r.jobsArrived, 4);
  assert.equal(simulateTraining(jobs, oneServer(1), policy, mode).jobsArrived, 10);
});
