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
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../../errors.js';
import { mechanismNames } from '../../mechanisms/registry.js';
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

const positiveInt = z.number().int('expected a whole number').positive('expected a positive number');

export const inferenceScenarioSchema = z
  .object({
    kind: z.literal('inference-allocation').optional(),
    name: z.string().optional(),
    cluster: z.array(z.object({ type: z.string().min(1), count: positiveInt }).strict()).min(1, 'expected at least one node group').optional(),
    tenants: z
      .array(
        z
          .object({
            id: z.string().min(1, 'expected a non-empty id'),
            tokens: positiveInt,
            model: z.string().optional(),
          })
          .strict(),
      )
      .min(1, 'expected at least one tenant')
      .optional(),
    appMix: z.union([z.enum(APP_MIX_NAMES as [string, ...string[]]), z.number().int().min(0).max(4)]).optional(),
    load: z.number().positive('expected a load > 0').optional(),
    deadlines: z.boolean().optional(),
    rounds: positiveInt.max(100000).optional(),
    roundLengthSeconds: z.number().positive('expected seconds > 0').optional(),
    mechanisms: z.array(z.enum(mechanismNames as [string, ...string[]])).min(1).optional(),
    realisation: z.enum(['lottery', 'bvn', 'timeshare']).optional(),
    switchCostSeconds: z.number().nonnegative().optional(),
    dropPolicy: z.enum(['expired', 'infeasible', 'never']).optional(),
    throughput: z.record(z.string(), z.record(z.string(), z.number().nonnegative())).optional(),
    trace: z.object({ path: z.string().min(1) }).strict().optional(),
  })
  .strict();

export type InferenceScenarioFile = z.infer<typeof inferenceScenarioSchema>;

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
  mechanisms: string[];
  realisation: 'lottery' | 'bvn' | 'timeshare';
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

/** Builds a scenario from a (validated) file object and CLI overrides; throws InputError naming `source` and the field. */
export function resolveInferenceScenario(data: unknown, source: string, overrides: Partial<InferenceScenarioFile> = {}): InferenceScenario {
  const parsed = inferenceScenarioSchema.safeParse(data);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, source);
  const f: InferenceScenarioFile = { ...parsed.data, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) };
  const mixKey = typeof f.appMix === 'number' ? APP_MIX_NAMES[f.appMix] : (f.appMix ?? 'mixed');
  const mix = APP_MIXES[mixKey];
  const tenantsIn = f.tenants ?? DEFAULT_TENANTS;
  const throughput: Record<string, Record<string, number>> = {};
  for (const [mdl, row] of Object.entries(MLPERF_V41_THROUGHPUT)) throughput[mdl] = { ...row };
  for (const [mdl, row] of Object.entries(f.throughput ?? {})) throughput[mdl] = { ...(throughput[mdl] ?? {}), ...row };
  const ids = new Set<string>();
  const tenants = tenantsIn.map((t, i) => {
    if (ids.has(t.id)) throw new InputError(`duplicate tenant id "${t.id}"`, source, `tenants[${i}].id`);
    ids.add(t.id);
    const modelName: string = ('model' in t && typeof t.model === 'string' && t.model) || mix[i % mix.length];
    const model = INFERENCE_MODELS[modelName];
    if (!model) throw new InputError(`unknown model "${modelName}" (expected one of: ${Object.keys(INFERENCE_MODELS).join(', ')})`, source, `tenants[${i}].model`);
    return { id: t.id, tokens: t.tokens, model };
  });
  const cluster = f.cluster ?? DEFAULT_CLUSTER;
  const nodes = cluster.flatMap((g) => Array.from({ length: g.count }, (_, k) => ({ id: `${g.type}-${k}`, type: g.type })));
  tenants.forEach((t, i) => {
    const row = throughput[t.model.name] ?? {};
    if (!nodes.some((x) => (row[x.type] ?? 0) > 0)) throw new InputError(`model "${t.model.name}" has no throughput on any node type of the cluster (${[...new Set(nodes.map((x) => x.type))].join(', ')})`, source, `tenants[${i}].model`);
  });
  return {
    name: f.name ?? (source.startsWith('builtin:') ? `default-inference (${mixKey})` : source),
    nodes,
    tenants,
    appMix: mixKey,
    load: f.load ?? 0.8,
    deadlines: f.deadlines ?? true,
    rounds: f.rounds ?? 20,
    roundLengthSeconds: f.roundLengthSeconds ?? 10,
    mechanisms: f.mechanisms ?? [...mechanismNames],
    realisation: f.realisation ?? 'lottery',
    switchCostSeconds: f.switchCostSeconds ?? 0,
    dropPolicy: f.deadlines === false ? 'never' : (f.dropPolicy ?? 'expired'),
    throughput,
    meanGeneratedTokens: AZURE_CONV_MEAN_GENERATED_TOKENS,
    tracePath: f.trace?.path,
  };
}

/** Requests/s of `model` on one node of `type` (0 if it does not run there). LLM: tokens/s ÷ tokens per request. */
export function requestRate(s: InferenceScenario, model: InferenceModelSpec, type: string, tokensPerRequest = s.meanGeneratedTokens): number {
  const r = s.throughput[model.name]?.[type] ?? 0;
  return model.unit === 'tokens/s' ? r / tokensPerRequest : r / model.samplesPerRequest;
}
