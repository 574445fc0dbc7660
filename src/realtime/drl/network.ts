/**
 * The policy and critic networks of the deep-RL scheduler as plain weights,
 * with a dependency-free forward pass (used for inference and rollouts) and
 * JSON persistence. Training (src/realtime/drl/ppo.ts) mirrors the same
 * maths in TF.js.
 *
 * Actor: per candidate row x ∈ ℝ^F, logit = w3·tanh(W2ᵀ tanh(W1ᵀ x + b1) + b2) + b3;
 * the action is a softmax over the valid rows (shared/specs/realtime-drl.md
 * §6, with PPO over discrete (job, s) actions, the spec's accepted alternative
 * to DDPG). Critic: V = wv2·tanh(Wv1ᵀ v + bv1) + bv2 over the global vector.
 * Weights are initialised Glorot-uniform from a seeded `Rng` stream.
 */
import { Rng } from '../../sim/rng.js';
import { featureDims, PAIR_FEATURES, VALUE_FEATURES, type FeatureSet } from './features.js';

/**
 * The actor and critic weights (see the module header) as flat row-major
 * Float32Arrays: F inputs per candidate row and V critic inputs (the widths
 * of the policy's feature set, `featureDims`; F = w1.length / H), `hidden` =
 * H units per layer.
 */
export interface PolicyWeights {
  hidden: number;
  w1: Float32Array; // F × H
  b1: Float32Array; // H
  w2: Float32Array; // H × H
  b2: Float32Array; // H
  w3: Float32Array; // H
  b3: Float32Array; // 1
  wv1: Float32Array; // V × H
  bv1: Float32Array; // H
  wv2: Float32Array; // H
  bv2: Float32Array; // 1
}

/** Names of the weight tensors, in the order they are initialised and saved. */
export const WEIGHT_NAMES = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3', 'wv1', 'bv1', 'wv2', 'bv2'] as const;
/** One of `WEIGHT_NAMES`. */
export type WeightName = (typeof WEIGHT_NAMES)[number];

/** Input widths of actor rows and critic (feature set 1 by default). */
export interface InputDims {
  pair: number;
  value: number;
}

const V1_DIMS: InputDims = { pair: PAIR_FEATURES, value: VALUE_FEATURES };

/** Shape of each weight tensor for `hidden` units and input widths `dims` (F = dims.pair, V = dims.value). */
export function weightShapes(hidden: number, dims: InputDims = V1_DIMS): Record<WeightName, number[]> {
  const F = dims.pair;
  const V = dims.value;
  const H = hidden;
  return { w1: [F, H], b1: [H], w2: [H, H], b2: [H], w3: [H, 1], b3: [1], wv1: [V, H], bv1: [H], wv2: [H, 1], bv2: [1] };
}

/** Glorot-uniform weights, zero biases; the output layer is scaled by 0.1 so the initial policy is near uniform. */
export function initWeights(seed: number, hidden = 32, dims: InputDims = V1_DIMS): PolicyWeights {
  const rng = Rng.stream(seed, 'realtime/drl/init');
  const shapes = weightShapes(hidden, dims);
  const out: Partial<PolicyWeights> = { hidden };
  for (const name of WEIGHT_NAMES) {
    const shape = shapes[name];
    const n = shape.reduce((a, b) => a * b, 1);
    const a = new Float32Array(n);
    if (shape.length === 2) {
      const limit = Math.sqrt(6 / (shape[0] + shape[1])) * (name === 'w3' || name === 'wv2' ? 0.1 : 1);
      for (let i = 0; i < n; i++) a[i] = (2 * rng.next() - 1) * limit;
    }
    out[name] = a;
  }
  return out as PolicyWeights;
}

/** Actor logits of `rows` feature rows (row-major, F = w1.length / H each). */
export function policyLogits(w: PolicyWeights, x: Float32Array, rows: number, out = new Float64Array(rows)): Float64Array {
  const H = w.hidden;
  const F = w.w1.length / H;
  const h1 = new Float64Array(H);
  for (let r = 0; r < rows; r++) {
    const o = r * F;
    for (let h = 0; h < H; h++) {
      let s = w.b1[h];
      for (let f = 0; f < F; f++) {
        const xv = x[o + f];
        if (xv !== 0) s += xv * w.w1[f * H + h];
      }
      h1[h] = Math.tanh(s);
    }
    let logit = w.b3[0];
    for (let k = 0; k < H; k++) {
      let s = w.b2[k];
      for (let h = 0; h < H; h++) s += h1[h] * w.w2[h * H + k];
      logit += Math.tanh(s) * w.w3[k];
    }
    out[r] = logit;
  }
  return out;
}

/** Critic value of the global vector `v` (V = wv1.length / H entries). */
export function valueOf(w: PolicyWeights, v: Float32Array): number {
  const H = w.hidden;
  const V = w.wv1.length / H;
  let out = w.bv2[0];
  for (let h = 0; h < H; h++) {
    let s = w.bv1[h];
    for (let f = 0; f < V; f++) s += v[f] * w.wv1[f * H + h];
    out += Math.tanh(s) * w.wv2[h];
  }
  return out;
}

/** In-place log-softmax of logits[0..n). */
export function logSoftmax(logits: Float64Array, n: number): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < n; i++) m = Math.max(m, logits[i]);
  let z = 0;
  for (let i = 0; i < n; i++) z += Math.exp(logits[i] - m);
  const lz = m + Math.log(z);
  for (let i = 0; i < n; i++) logits[i] -= lz;
  return logits;
}

/**
 * The header of a saved policy (`policy.json`): its format tag, whether it is
 * SLO-aware (the SLI features on), how many waiting jobs (least slack first)
 * it scores per decision, its hidden width, and the training provenance.
 */
export interface PolicyMeta {
  format: 'allot-realtime-drl/1';
  sloAware: boolean;
  maxJobs: number;
  hidden: number;
  /** The state encoding it was trained with (features.ts); absent = 1, the encoding before issue 13. */
  featureSet?: FeatureSet;
  /** Sub-accelerators of the system it was trained on; required with feature set 2 (its input width depends on it). */
  subAccelerators?: number;
  /** Training provenance: scenario name, SHA-256 of its definition, seed, iterations, hyper-parameters. */
  training: Record<string, string | number | boolean>;
}

/** A policy as saved in `policy.json`: its header and each weight tensor as a plain number array. */
export interface SavedPolicy {
  meta: PolicyMeta;
  weights: Record<WeightName, number[]>;
}

/** The JSON form of a policy (the inverse of `deserializePolicy`). */
export function serializePolicy(meta: PolicyMeta, w: PolicyWeights): SavedPolicy {
  const weights = {} as Record<WeightName, number[]>;
  for (const n of WEIGHT_NAMES) weights[n] = Array.from(w[n]);
  return { meta, weights };
}

/** Parses a saved policy; throws RangeError naming the field on a malformed file. */
export function deserializePolicy(data: unknown): { meta: PolicyMeta; weights: PolicyWeights } {
  const d = data as SavedPolicy;
  if (!d || typeof d !== 'object' || !d.meta || d.meta.format !== 'allot-realtime-drl/1') throw new RangeError('meta.format: expected "allot-realtime-drl/1"');
  const H = d.meta.hidden;
  if (!Number.isInteger(H) || H < 1) throw new RangeError('meta.hidden: expected a positive integer');
  if (!Number.isInteger(d.meta.maxJobs) || d.meta.maxJobs < 1) throw new RangeError('meta.maxJobs: expected a positive integer');
  const set = d.meta.featureSet ?? 1;
  if (set !== 1 && set !== 2) throw new RangeError('meta.featureSet: expected 1 or 2 (absent = 1)');
  if (set === 2 && (!Number.isInteger(d.meta.subAccelerators) || d.meta.subAccelerators! < 1)) throw new RangeError('meta.subAccelerators: expected a positive integer with featureSet 2');
  const shapes = weightShapes(H, policyDims(d.meta));
  const w: Partial<PolicyWeights> = { hidden: H };
  for (const n of WEIGHT_NAMES) {
    const arr = d.weights?.[n];
    const size = shapes[n].reduce((a, b) => a * b, 1);
    if (!Array.isArray(arr) || arr.length !== size || arr.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new RangeError(`weights.${n}: expected ${size} finite numbers`);
    w[n] = Float32Array.from(arr);
  }
  return { meta: d.meta, weights: w as PolicyWeights };
}

/** Input widths of a saved policy (its feature set, and with set 2 its sub-accelerator count). */
export function policyDims(meta: Pick<PolicyMeta, 'featureSet' | 'subAccelerators'>): InputDims {
  return featureDims(meta.featureSet ?? 1, meta.subAccelerators ?? 0);
}
