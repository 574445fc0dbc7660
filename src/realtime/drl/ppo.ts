/**
 * Training of the deep-RL request scheduler: PPO with a clipped surrogate
 * (Schulman et al., "Proximal Policy Optimization Algorithms", 2017, eq. 7)
 * and GAE (Schulman et al., ICLR'16) over discrete (job, sub-accelerator)
 * actions — the alternative to DDPG that shared/specs/realtime-drl.md §6
 * accepts. Gradients and Adam in TF.js (WASM backend); rollouts use the
 * plain-JS forward pass of network.ts with the current weights.
 *
 * Warm-up (ours): the first `imitationIterations` iterations act with the
 * EDF teacher and minimise the cross-entropy of its choices (behaviour
 * cloning; the critic learns the teacher's returns), then PPO takes over.
 * Iteration i: simulate one episode of `episodeS` seconds of the scenario
 * with arrivals seeded by trainingSeed(seed, i) (disjoint from the small
 * evaluation seeds), sampling actions from stream `realtime/drl/sample/i`;
 * compute GAE advantages; then `epochs` passes of minibatch PPO over at most
 * `stepsPerUpdate` steps drawn from stream `realtime/drl/minibatch/i`.
 * Model selection: the greedy policy is validated on `validationEpisodes`
 * episodes (`validationS` seconds each, seeds validationSeed(seed, k)) after
 * the warm-up and every `validateEvery` iterations; the weights with the
 * lowest mean over those episodes of Σ deficit (+ 0.01 · miss rate) are
 * returned — so PPO can only replace the cloned policy where it validates
 * better. On ≥ 2 cores the validations run on a worker thread while
 * training goes on (validation.ts; the same scores, so the same result).
 * Targets (issue 13): with `shuffleTargets` (default) every training and
 * validation episode whose scenario declares fixed targets permutes them
 * over the services anew (`assignTargets` "shuffled", seeded by the
 * episode's arrival seed), so the policy cannot learn one target assignment
 * by heart; a scenario that already shuffles keeps its own mode.
 * State: feature set `featureSet` (features.ts; new policies use set 2);
 * credit of outcomes per `credit` (drl-scheduler.ts).
 * Every random choice comes from the seed, and TF.js runs single-threaded,
 * so the loss curve is reproducible per seed on one machine.
 */
import type { CurvePoint, TrainResult } from './train-options.js';
export type { CurvePoint, TrainResult };
import { availableParallelism } from 'node:os';
import { Rng } from '../../sim/rng.js';
import { simulate } from '../engine.js';
import { pairMetrics, systemMetrics } from '../metrics.js';
import { instantiate, scenarioHash, scenarioProfiles, type RealtimeInstance, type RealtimeScenario } from '../scenario.js';

export { scenarioHash };
import { drlScheduler, DEFAULT_REWARD, type Step } from './drl-scheduler.js';
import { featureDims } from './features.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './train-options.js';
import { createValidationWorker, validationScore, validationSeed } from './validation.js';

export { validationScore, validationSeed };
import { initWeights, weightShapes, WEIGHT_NAMES, type PolicyMeta, type PolicyWeights } from './network.js';
import { tfWasm } from './tf-backend.js';

export { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './train-options.js';

/** Arrival seed of training episode i (evaluation uses small seeds such as 1..10). */
export function trainingSeed(seed: number, iteration: number): number {
  return 1_000_000 + seed * 100_000 + iteration;
}

/** The scenario of training and validation episodes: `durationS` seconds, no trace, targets shuffled per seed when asked and the scenario declares them fixed. */
export function episodeScenario(scenario: RealtimeScenario, durationS: number, shuffleTargets: boolean): RealtimeScenario {
  const targets = shuffleTargets && (scenario.targets ?? 'declared') === 'declared' ? 'shuffled' : scenario.targets;
  return { ...scenario, durationS, trace: undefined, targets };
}

/** How a training runs (not recorded in the policy: the result does not depend on it). */
export interface TrainExecution {
  /** Validate on a worker thread while training goes on (default: when the machine has ≥ 2 cores); same scores as inline. */
  validationWorker?: boolean;
}

/**
 * Trains a policy on `scenario`; `onIteration` is called after every
 * iteration (for progress bars; with a validation worker the point's
 * `validationScore` is filled in when the score arrives, before the result
 * is returned).
 */
export async function trainPolicy(scenario: RealtimeScenario, options: Partial<TrainOptions> = {}, onIteration?: (p: CurvePoint) => void, execution: TrainExecution = {}): Promise<TrainResult> {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options, reward: { ...DEFAULT_REWARD, ...options.reward } };
  const tf = await tfWasm();
  const S = scenario.system.subAccelerators.length;
  const dims = featureDims(o.featureSet, S);
  const F = dims.pair;
  const V = dims.value;
  const weights = initWeights(o.seed, o.hidden, dims);
  const shapes = weightShapes(o.hidden, dims);
  const vars = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, tf.variable(tf.tensor(weights[n], shapes[n]), true, undefined)])) as Record<(typeof WEIGHT_NAMES)[number], import('@tensorflow/tfjs').Variable>;
  const imitationOptimizer = tf.train.adam(o.imitationLearningRate);
  const ppoOptimizer = tf.train.adam(o.learningRate);
  const episode = episodeScenario(scenario, o.episodeS, o.shuffleTargets);
  const profiles = scenarioProfiles(episode);
  const R = o.maxJobs * S;
  const curve: CurvePoint[] = [];
  const policyOf = { maxJobs: o.maxJobs, sloAware: o.sloAware, featureSet: o.featureSet, subAccelerators: S };
  // Model selection on validation episodes (seeds disjoint from training and evaluation seeds).
  const validation = episodeScenario(scenario, o.validationS, o.shuffleTargets);
  const validationSeeds = Array.from({ length: o.validationEpisodes }, (_, k) => validationSeed(o.seed, k));
  const useWorker = o.validateEvery > 0 && (execution.validationWorker ?? availableParallelism() >= 2);
  const worker = useWorker ? await createValidationWorker(validation, validationSeeds, policyOf) : undefined;
  let validationInsts: RealtimeInstance[] | undefined;
  // Scores in iteration order: the lowest wins, the earliest among equals (as inline).
  const validations: { point: CurvePoint; weights: PolicyWeights; score: Promise<number> }[] = [];
  const validate = (point: CurvePoint): void => {
    const snapshot: PolicyWeights = { ...weights, ...Object.fromEntries(WEIGHT_NAMES.map((n) => [n, weights[n].slice()])) };
    let score: Promise<number>;
    if (worker) score = worker.score(snapshot);
    else {
      validationInsts ??= validationSeeds.map((s) => instantiate(validation, s, profiles));
      score = Promise.resolve(validationScore({ weights: snapshot, ...policyOf }, validation, validationInsts));
    }
    validations.push({ point, weights: snapshot, score: score.then((v) => (point.validationScore = v)) });
  };
  let best: { score: number; weights: PolicyWeights; iteration: number } | undefined;
  try {
    for (let it = 0; it < o.iterations; it++) {
      // 1. Rollout.
      const inst = instantiate(episode, trainingSeed(o.seed, it), profiles);
      const steps: Step[] = [];
      const imitate = it < o.imitationIterations;
      const sched = drlScheduler({ weights, ...policyOf, teacher: imitate, sample: Rng.stream(o.seed, `realtime/drl/sample/${it}`), record: { steps, reward: o.reward, credit: o.credit } });
      const res = simulate(episode.system, inst.pairs, inst.profiles, inst.requests, sched, episode.engine);
      const per = pairMetrics(inst.pairs, res.records);
      const sys = systemMetrics(res, inst.pairs, inst.profiles, episode.system, per);
      // 2. GAE.
      const n = steps.length;
      const adv = new Float64Array(n);
      const ret = new Float64Array(n);
      let gae = 0;
      let epReward = 0;
      for (let t = n - 1; t >= 0; t--) {
        const next = t + 1 < n ? steps[t + 1].value : 0;
        const delta = steps[t].reward + o.gamma * next - steps[t].value;
        gae = delta + o.gamma * o.gaeLambda * gae;
        adv[t] = gae;
        ret[t] = gae + steps[t].value;
        epReward += steps[t].reward;
      }
      // 3. PPO epochs.
      const mrng = Rng.stream(o.seed, `realtime/drl/minibatch/${it}`);
      let idx = Array.from({ length: n }, (_, i) => i);
      if (n > o.stepsPerUpdate) idx = mrng.shuffle(idx).slice(0, o.stepsPerUpdate);
      let lossSum = 0;
      let plSum = 0;
      let vlSum = 0;
      let entSum = 0;
      let batches = 0;
      for (let ep = 0; ep < o.epochs && idx.length > 1; ep++) {
        mrng.shuffle(idx);
        for (let start = 0; start < idx.length; start += o.minibatch) {
          const mb = idx.slice(start, start + o.minibatch);
          if (mb.length < 2) continue;
          const M = mb.length;
          const X = new Float32Array(M * R * F);
          const mask = new Float32Array(M * R);
          const onehot = new Float32Array(M * R);
          const oldLogp = new Float32Array(M);
          const A = new Float32Array(M);
          const RET = new Float32Array(M);
          const Vin = new Float32Array(M * V);
          let mean = 0;
          for (const i of mb) mean += adv[i];
          mean /= M;
          let sd = 0;
          for (const i of mb) sd += (adv[i] - mean) ** 2;
          sd = Math.sqrt(sd / M) + 1e-8;
          mb.forEach((i, k) => {
            const st = steps[i];
            X.set(st.x, k * R * F);
            mask.fill(1, k * R, k * R + st.rows);
            onehot[k * R + st.action] = 1;
            oldLogp[k] = st.logp;
            A[k] = (adv[i] - mean) / sd;
            RET[k] = ret[i];
            Vin.set(st.v, k * V);
          });
          const stats = tf.tidy(() => {
            const x = tf.tensor2d(X, [M * R, F]);
            const mk = tf.tensor2d(mask, [M, R]);
            const oh = tf.tensor2d(onehot, [M, R]);
            const old = tf.tensor1d(oldLogp);
            const a = tf.tensor1d(A);
            const rt = tf.tensor1d(RET);
            const vin = tf.tensor2d(Vin, [M, V]);
            let parts: number[] = [];
            const cost = (imitate ? imitationOptimizer : ppoOptimizer).minimize(() => {
              const h1 = tf.tanh(tf.add(tf.matMul(x, vars.w1), vars.b1));
              const h2 = tf.tanh(tf.add(tf.matMul(h1, vars.w2), vars.b2));
              const lg = tf.reshape(tf.add(tf.matMul(h2, vars.w3), vars.b3), [M, R]);
              const masked = tf.add(lg, tf.mul(tf.sub(mk, 1), 1e9));
              const lsm = tf.logSoftmax(masked);
              const logp = tf.sum(tf.mul(lsm, oh), 1);
              const ratio = tf.exp(tf.sub(logp, old));
              const surr = tf.minimum(tf.mul(ratio, a), tf.mul(tf.clipByValue(ratio, 1 - o.clip, 1 + o.clip), a));
              const pl = imitate ? tf.neg(tf.mean(logp)) : tf.neg(tf.mean(surr));
              const probs = tf.exp(lsm);
              const ent = tf.neg(tf.mean(tf.sum(tf.mul(tf.mul(probs, lsm), mk), 1)));
              const v = tf.reshape(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(vin, vars.wv1), vars.bv1)), vars.wv2), vars.bv2), [M]);
              const vl = tf.mean(tf.square(tf.sub(v, rt)));
              const total = tf.sub(tf.add(pl, tf.mul(vl, o.valueCoef)), tf.mul(ent, o.entropyCoef)) as import('@tensorflow/tfjs').Scalar;
              parts = [pl, vl, ent].map((t) => t.dataSync()[0]);
              return total;
            }, true);
            return [cost!.dataSync()[0], ...parts];
          });
          lossSum += stats[0];
          plSum += stats[1];
          vlSum += stats[2];
          entSum += stats[3];
          batches++;
        }
      }
      for (const n of WEIGHT_NAMES) weights[n].set(vars[n].dataSync() as Float32Array);
      const b = Math.max(1, batches);
      const point: CurvePoint = { validationScore: null, iteration: it, loss: lossSum / b, policyLoss: plSum / b, valueLoss: vlSum / b, entropy: entSum / b, episodeReward: epReward, steps: n, deadlineHitRate: sys.deadlineHitRate ?? 0, qosSatisfaction: sys.qosSatisfaction };
      if (o.validateEvery > 0 && (it + 1 === o.imitationIterations || ((it + 1) % o.validateEvery === 0 && it >= o.imitationIterations) || it + 1 === o.iterations)) validate(point);
      curve.push(point);
      onIteration?.(point);
      // Yield to the event loop so progress bars and timers can redraw.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const v of validations) {
      const score = await v.score;
      if (!best || score < best.score) best = { score, iteration: v.point.iteration, weights: v.weights };
    }
  } finally {
    for (const n of WEIGHT_NAMES) vars[n].dispose();
    imitationOptimizer.dispose();
    ppoOptimizer.dispose();
    await worker?.destroy();
  }
  if (best) for (const n of WEIGHT_NAMES) weights[n].set(best.weights[n]);
  const { reward, ...rest } = o;
  const meta: PolicyMeta = {
    format: 'allot-realtime-drl/1',
    sloAware: o.sloAware,
    maxJobs: o.maxJobs,
    hidden: o.hidden,
    ...(o.featureSet === 1 ? {} : { featureSet: o.featureSet, subAccelerators: S }),
    training: { scenario: scenario.name, scenarioSha256: scenarioHash(scenario), selectedIteration: best?.iteration ?? o.iterations - 1, ...rest, lambdaMiss: reward.lambdaMiss, lambdaFair: reward.lambdaFair, lambdaBw: reward.lambdaBw },
  };
  return { weights, meta, curve };
}
