/**
 * The inference-allocation scenario (level 1 on a real inference workload):
 * tenants with tokens each serve one DNN model; requests arrive (Poisson, or
 * replayed from a timestamped trace); each round a mechanism divides the
 * nodes; each tenant serves its requests FIFO on the nodes it holds.
 *
 * The built-in default needs no files: a mixed cluster (4 H100, 4 L40S,
 * 8 L4), six tenants with tokens 6, 4, 4, 3, 2, 1, application mix "mixed"
 * (the seed's app_type 3), load 0.8, deadlines on, 20 rounds of 10 s.
 *
 * Load (arrival-rate scale): tenant i's Poisson rate is
 * λ_i = load · (t_i/T) · C_i, where C_i is the request rate tenant i's model
 * would reach on the whole cluster (ours): at load 1 every tenant asks for
 * exactly its token share of the cluster's capacity for its model. With a
 * trace, `load` compresses time (arrival times ÷ load).
 */
import { InputError } from '../../errors.js';
import { didYouMean } from '../../config/validate.js';
import type { Realisation } from '../../mechanisms/types.js';
import { AZURE_CONV_MEAN_GENERATED_TOKENS, INFERENCE_MODELS, MLPERF_V41_THROUGHPUT, type InferenceModelSpec } from './mlperf-figures.js';

/** The five application mixes (the seed's `app_type_sub_id` 0..4, which it does not describe publicly; ours). Six models each, one per tenant in order. */
export const APP_MIXES: Readonly<Record<string, readonly string[]>> = {
  vision: ['resnet', 'retinanet', 'resnet', 'stable-diffusion-xl', 'retinanet', 'resnet'],
  language: ['bert-99', 'gptj-99', 'llama2-70b-99', 'bert-99', 'mixtral-8x7b', 'gptj-99'],
  recommendation: ['dlrm-v2-99', 'bert-99', 'dlrm-v2-99', 'resnet', 'bert-99', 'retinanet'],
  mixed: ['llama2-70b-99', 'resnet', 'bert-99', 'dlrm-v2-99', 'gptj-99', 'stable-diffusion-xl'],
  'llm-serving': ['llama2-70b-99', 'mixtral-8x7b', 'gptj-99', 'llama2-70b-99', 'gptj-99', 'bert-99'],
};
export const APP_MIX_NAMES = Object.keys(APP_MIXES);

/** The fields of an inference-allocation config that shape the workload and cluster (validated by the kind's schema). */
export interface InferenceWorkloadFields {
  name?: string;
  cluster?: readonly { type: string; count: number }[];
  tenants?: readonly { id: string; tokens: number; model?: string }[];
  appMix: string | number;
  load: number;
  deadlines: boolean;
  /** Rounds of arrivals (default 20). */
  rounds?: number;
  roundLengthSeconds: number;
  switchCostSeconds: number;
  dropPolicy: 'expired' | 'infeasible' | 'never';
  throughput?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  trace?: string;
}

export interface TenantSpec {
  id: string;
  tokens: number;
  model: InferenceModelSpec;
}

export interface InferenceScenario {
  name: string;
  nodes: { id: string; type: string }[];
  tenants: TenantSpec[];
  appMix: string;
  load: number;
  deadlines: boolean;
  rounds: number;
  roundLengthSeconds: number;
  /** Result names of the policies to run (kept under this name for the provenance hash of the built-in scenario). */
  mechanisms: string[];
  /** Scenario-level default realisation of fractional mechanisms. */
  realisation: Realisation;
  switchCostSeconds: number;
  dropPolicy: 'expired' | 'infeasible' | 'never';
  /** model → type → throughput in the model's unit. */
  throughput: Record<string, Record<string, number>>;
  /** Mean generated tokens per LLM request (Poisson arrivals). */
  meanGeneratedTokens: number;
  tracePath?: string;
}

export const DEFAULT_CLUSTER = [
  { type: 'H100', count: 4 },
  { type: 'L40S', count: 4 },
  { type: 'L4', count: 8 },
];
export const DEFAULT_TENANTS = [
  { id: 't0', tokens: 6 },
  { id: 't1', tokens: 4 },
  { id: 't2', tokens: 4 },
  { id: 't3', tokens: 3 },
  { id: 't4', tokens: 2 },
  { id: 't5', tokens: 1 },
];

/**
 * Builds the scenario from validated config fields. `source` names the
 * config in errors and is the default name (a `builtin:` source gives
 * "default-inference (<mix>)"); `mechanisms` are the result names of the
 * policies to run. Throws InputError naming the field (unknown model, model
 * without throughput on the cluster, duplicate tenant).
 */
export function resolveInferenceScenario(f: InferenceWorkloadFields, source: string, mechanisms: readonly string[], realisation: Realisation = 'lottery'): InferenceScenario {
  const mixKey = typeof f.appMix === 'number' ? APP_MIX_NAMES[f.appMix] : f.appMix;
  const mix = APP_MIXES[mixKey];
  const tenantsIn = f.tenants ?? DEFAULT_TENANTS;
  const throughput: Record<string, Record<string, number>> = {};
  for (const [mdl, row] of Object.entries(MLPERF_V41_THROUGHPUT)) throughput[mdl] = { ...row };
  for (const [mdl, row] of Object.entries(f.throughput ?? {})) throughput[mdl] = { ...(throughput[mdl] ?? {}), ...row };
  const ids = new Set<string>();
  const tenants = tenantsIn.map((t, i) => {
    if (ids.has(t.id)) throw new InputError(`duplicate tenant id "${t.id}"`, source, `tenants[${i}].id`);
    ids.add(t.id);
    const modelName: string = ('model' in t && t.model) || mix[i % mix.length];
    const model = INFERENCE_MODELS[modelName];
    if (!model) throw new InputError(`unknown model "${modelName}"${didYouMean(modelName, Object.keys(INFERENCE_MODELS))} (expected one of: ${Object.keys(INFERENCE_MODELS).join(', ')})`, source, `tenants[${i}].model`);
    return { id: t.id, tokens: t.tokens, model };
  });
  const cluster = f.cluster ?? DEFAULT_CLUSTER;
  const nodes = cluster.flatMap((g) => Array.from({ length: g.count }, (_, k) => ({ id: `${g.type}-${k}`, type: g.type })));
  const types = [...new Set(nodes.map((x) => x.type))];
  const modelNames = Object.keys(INFERENCE_MODELS);
  for (const [mdl, row] of Object.entries(f.throughput ?? {})) {
    if (!INFERENCE_MODELS[mdl]) throw new InputError(`unknown model "${mdl}"${didYouMean(mdl, modelNames)} (expected one of: ${modelNames.join(', ')})`, source, `throughput.${mdl}`);
    for (const type of Object.keys(row)) {
      if (!types.includes(type)) throw new InputError(`accelerator type "${type}" is not in the cluster${didYouMean(type, types)} (its types: ${types.join(', ')})`, source, `throughput.${mdl}.${type}`);
    }
  }
  tenants.forEach((t, i) => {
    const row = throughput[t.model.name] ?? {};
    if (!nodes.some((x) => (row[x.type] ?? 0) > 0)) throw new InputError(`model "${t.model.name}" has no throughput on any node type of the cluster (${[...new Set(nodes.map((x) => x.type))].join(', ')})`, source, `tenants[${i}].model`);
  });
  return {
    name: f.name ?? (source.startsWith('builtin:') ? `default-inference (${mixKey})` : source),
    nodes,
    tenants,
    appMix: mixKey,
    load: f.load,
    deadlines: f.deadlines,
    rounds: f.rounds ?? 20,
    roundLengthSeconds: f.roundLengthSeconds,
    mechanisms: [...mechanisms],
    realisation,
    switchCostSeconds: f.switchCostSeconds,
    dropPolicy: f.deadlines === false ? 'never' : f.dropPolicy,
    throughput,
    meanGeneratedTokens: AZURE_CONV_MEAN_GENERATED_TOKENS,
    tracePath: f.trace,
  };
}

/** Expected number of Poisson arrivals of a scenario over its horizon (Σ_i λ_i · rounds · round length). */
export function expectedArrivals(s: InferenceScenario): number {
  const H = s.rounds * s.roundLengthSeconds;
  const T = s.tenants.reduce((a, t) => a + t.tokens, 0);
  let total = 0;
  for (const t of s.tenants) {
    const capacity = s.nodes.reduce((a, x) => a + requestRate(s, t.model, x.type), 0);
    total += ((s.load * t.tokens * capacity) / T) * H;
  }
  return total;
}

/** Requests/s of `model` on one node of `type` (0 if it does not run there). LLM: tokens/s ÷ tokens per request. */
export function requestRate(s: InferenceScenario, model: InferenceModelSpec, type: string, tokensPerRequest = s.meanGeneratedTokens): number {
  const r = s.throughput[model.name]?.[type] ?? 0;
  return model.unit === 'tokens/s' ? r / tokensPerRequest : r / model.samplesPerRequest;
}
