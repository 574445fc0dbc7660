/** Options and defaults of deep-RL training (no TF.js import: cheap to load for CLI help). */
import { DEFAULT_MAX_JOBS } from './features.js';
import { DEFAULT_REWARD, type RewardOptions } from './drl-scheduler.js';
import type { PolicyMeta, PolicyWeights } from './network.js';

export interface TrainOptions {
  seed: number;
  iterations: number;
  /** Simulated seconds of arrivals per episode. */
  episodeS: number;
  hidden: number;
  maxJobs: number;
  /** Adam learning rate of the imitation warm-up. */
  imitationLearningRate: number;
  /** Adam learning rate of the PPO phase. */
  learningRate: number;
  clip: number;
  epochs: number;
  minibatch: number;
  stepsPerUpdate: number;
  gamma: number;
  gaeLambda: number;
  entropyCoef: number;
  valueCoef: number;
  sloAware: boolean;
  /** First iterations that clone the EDF teacher (cross-entropy) before PPO. */
  imitationIterations: number;
  /** Validate the greedy policy every this many iterations (and at the end of imitation); the best validated weights are returned. 0 = keep the last weights. */
  validateEvery: number;
  /** Seconds of arrivals of the validation episode. */
  validationS: number;
  reward: RewardOptions;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 1,
  iterations: 150,
  episodeS: 2,
  hidden: 32,
  maxJobs: DEFAULT_MAX_JOBS,
  imitationLearningRate: 3e-3,
  learningRate: 3e-4,
  clip: 0.2,
  epochs: 2,
  minibatch: 512,
  stepsPerUpdate: 2048,
  gamma: 0.999,
  gaeLambda: 0.95,
  entropyCoef: 0.001,
  valueCoef: 0.5,
  sloAware: true,
  imitationIterations: 20,
  validateEvery: 10,
  validationS: 3,
  reward: DEFAULT_REWARD,
};

/** One training iteration on the learning curve (training-curve.csv). */
export interface CurvePoint {
  iteration: number;
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  episodeReward: number;
  steps: number;
  deadlineHitRate: number;
  qosSatisfaction: number;
  /** Validation score (Σ deficit + 0.01 · miss rate, lower is better) when validated this iteration. */
  validationScore: number | null;
}

/** What training returns: the weights, their provenance and the curve. */
export interface TrainResult {
  weights: PolicyWeights;
  meta: PolicyMeta;
  curve: CurvePoint[];
}

