/** Options and defaults of deep-RL training (no TF.js import: cheap to load for CLI help). */
import { CURRENT_FEATURE_SET, DEFAULT_MAX_JOBS, type FeatureSet } from './features.js';
import { DEFAULT_REWARD, type CreditRule, type RewardOptions } from './drl-scheduler.js';
import type { PolicyMeta, PolicyWeights } from './network.js';

/**
 * Options of deep-RL training (`trainRealtimePolicy`; the method is in
 * src/realtime/drl/ppo.ts): seed, iteration counts, episode lengths (s),
 * network size, PPO and Adam hyper-parameters, and the reward weights.
 */
export interface TrainOptions {
  /** Root seed of arrivals, action sampling, minibatches and initial weights. */
  seed: number;
  /** Training iterations (one episode each), imitation warm-up included. */
  iterations: number;
  /** Simulated seconds of arrivals per episode. */
  episodeS: number;
  /** Hidden units per layer of actor and critic. */
  hidden: number;
  /** Waiting jobs (least slack first) scored per decision. */
  maxJobs: number;
  /** Adam learning rate of the imitation warm-up. */
  imitationLearningRate: number;
  /** Adam learning rate of the PPO phase. */
  learningRate: number;
  /** PPO clip range ε. */
  clip: number;
  /** PPO passes over the steps of one iteration. */
  epochs: number;
  /** Steps per PPO minibatch. */
  minibatch: number;
  /** At most this many steps of an iteration's episode enter its update (a random subset). */
  stepsPerUpdate: number;
  /** Discount factor γ per decision step. */
  gamma: number;
  /** GAE λ. */
  gaeLambda: number;
  /** Weight of the entropy bonus in the PPO loss. */
  entropyCoef: number;
  /** Weight of the critic's value loss. */
  valueCoef: number;
  /** Use the SLI features and λ_fair (false: the SLO-agnostic, RELMAS-like ablation). */
  sloAware: boolean;
  /** First iterations that clone the EDF teacher (cross-entropy) before PPO. */
  imitationIterations: number;
  /** Validate the greedy policy every this many iterations (and at the end of imitation); the best validated weights are returned. 0 = keep the last weights. */
  validateEvery: number;
  /** Seconds of arrivals of each validation episode. */
  validationS: number;
  /** Validation episodes (seeds validationSeed(seed, 0..n−1)); the score is their mean. */
  validationEpisodes: number;
  /** Permute the declared SLO targets over the services anew in every training and validation episode (ppo.ts). */
  shuffleTargets: boolean;
  /** Which learning steps a request's outcome is credited to: every step that dispatched one of its layers ('all') or the latest ('last'). */
  credit: CreditRule;
  /** State encoding (features.ts); 2 for new policies, 1 reproduces the committed policy's encoding. */
  featureSet: FeatureSet;
  /** Reward weights λ_miss, λ_fair, λ_bw. */
  reward: RewardOptions;
}

/**
 * The defaults of `allot train` (seed 1, 150 iterations of which 20 imitate
 * EDF, 2 s episodes, 32 hidden units, PPO clip 0.2, γ = 0.999, GAE λ = 0.95,
 * validation every 10 iterations on three 3 s episodes; since issue 13:
 * targets shuffled per episode, outcomes credited to every decision of a
 * request, feature set 2).
 */
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
  validationEpisodes: 3,
  shuffleTargets: true,
  credit: 'all',
  featureSet: CURRENT_FEATURE_SET,
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

