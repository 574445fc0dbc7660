/**
 * Model selection of the deep-RL trainer (ppo.ts): the validation score of a
 * greedy policy, and a worker thread that computes it while training goes on.
 *
 * The score is a pure function of the weights and the validation episodes
 * (seeds `validationSeed(seed, k)`), so computing it on another thread gives
 * the same number as computing it inline: `allot train` on a machine with
 * two or more cores validates on a one-thread piscina pool (the sweep's
 * worker module, src/sweep/worker.ts `validationTask`) and keeps the main
 * thread on rollouts and PPO updates. Validation was ≈ 24 % of a training's
 * CPU time (15 validations × 3 episodes of 3 s, feature set 2).
 */
import { randomUUID } from 'node:crypto';
import { simulate } from '../engine.js';
import { pairMetrics, systemMetrics } from '../metrics.js';
import { instantiate, scenarioProfiles, type RealtimeInstance, type RealtimeScenario } from '../scenario.js';
import { drlScheduler, type DrlSchedulerOptions } from './drl-scheduler.js';
import type { PolicyWeights } from './network.js';

/** Arrival seed of validation episode k (0-based) used for model selection; k = 0 is the single validation seed of before issue 13. */
export function validationSeed(seed: number, k = 0): number {
  return 900_000 + seed + 1_000 * k;
}

/**
 * The model-selection score of a greedy policy: the mean over the episodes
 * `insts` (instances of `scenario`) of Σ deficit + 0.01 · miss rate; lower
 * is better (each tenant's own target first, then misses).
 */
export function validationScore(policy: DrlSchedulerOptions, scenario: RealtimeScenario, insts: readonly RealtimeInstance[]): number {
  let score = 0;
  for (const vi of insts) {
    const res = simulate(scenario.system, vi.pairs, vi.profiles, vi.requests, drlScheduler({ ...policy, sample: undefined, record: undefined }), scenario.engine);
    const per = pairMetrics(vi.pairs, res.records);
    const m = systemMetrics(res, vi.pairs, vi.profiles, scenario.system, per);
    score += m.deficitSum + 0.01 * (1 - (m.deadlineHitRate ?? 0));
  }
  return score / Math.max(1, insts.length);
}

/** The greedy policy's settings other than its weights. */
export type ValidationPolicy = Omit<DrlSchedulerOptions, 'weights' | 'teacher' | 'sample' | 'record'>;

/** One validation on a worker thread: the episodes are built once per `runId` and kept. */
export interface ValidationTask {
  runId: string;
  scenario: RealtimeScenario;
  /** Arrival seeds of the validation episodes. */
  seeds: number[];
  policy: ValidationPolicy;
  weights: PolicyWeights;
}

let kept: { runId: string; insts: RealtimeInstance[] } | undefined;

/** The worker side (src/sweep/worker.ts `validationTask`): the score of the task's weights. */
export function validationTaskInThread(task: ValidationTask): number {
  if (kept?.runId !== task.runId) {
    const profiles = scenarioProfiles(task.scenario);
    kept = { runId: task.runId, insts: task.seeds.map((s) => instantiate(task.scenario, s, profiles)) };
  }
  return validationScore({ ...task.policy, weights: task.weights }, task.scenario, kept.insts);
}

/** Scores weights on a worker thread; `score` clones the weights when called, so training may go on changing them. */
export interface ValidationWorker {
  score(weights: PolicyWeights): Promise<number>;
  destroy(): Promise<void>;
}

/** A one-thread pool validating `policy` on `scenario`'s episodes `seeds` (the same as `validationScore` inline). */
export async function createValidationWorker(scenario: RealtimeScenario, seeds: number[], policy: ValidationPolicy): Promise<ValidationWorker> {
  const { workerModule } = await import('../../sweep/cell-pool.js');
  const { Piscina } = await import('piscina');
  const { filename, execArgv } = workerModule();
  const pool = new Piscina<ValidationTask, number>({ filename, execArgv, minThreads: 1, maxThreads: 1, idleTimeout: 60_000 });
  const runId = randomUUID();
  return {
    score: (weights) => pool.run({ runId, scenario, seeds, policy, weights }, { name: 'validationTask' }), // structured-cloned now
    destroy: () => pool.destroy(),
  };
}
