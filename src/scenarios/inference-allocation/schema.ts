/**
 * Config of the `inference-allocation` scenario kind (level 1): tenants with
 * tokens each serve one model; every round a mechanism divides the nodes.
 * This schema is the config type (`allot schema inference-allocation`).
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { policyListSchema } from '../../policies/spec.js';
import { APP_MIX_NAMES } from '../../workload/inference/scenario.js';

const positiveInt = lazySchema((z) => z.number().int('expected a whole number').positive('expected a whole number ≥ 1'));

/**
 * The config schema of the `inference-allocation` scenario kind (strict:
 * unknown keys are errors; defaults applied). Its output is
 * `InferenceAllocationConfig`; `allot schema inference-allocation` prints it
 * as JSON Schema.
 */
export const inferenceAllocationSchema = lazySchema((z) => z.strictObject({
  kind: z.literal('inference-allocation').describe('scenario kind'),
  name: z.string().min(1).optional().describe('scenario name in results (default: the file path, or "default-inference (<appMix>)")'),
  cluster: z.array(z.strictObject({ type: z.string().min(1).describe('accelerator type (H100, L40S, L4 … as in the throughput table)'), count: positiveInt })).min(1, 'expected at least one node group').optional().describe('node groups (default: 4 H100, 4 L40S, 8 L4)'),
  tenants: z
    .array(z.strictObject({ id: z.string().min(1, 'expected a non-empty id'), tokens: positiveInt.describe('tokens (entitlement weight)'), model: z.string().min(1).optional().describe('MLPerf model the tenant serves (default: from appMix)') }))
    .min(1, 'expected at least one tenant')
    .optional()
    .describe('tenants in tie-break order (default: t0..t5 with tokens 6, 4, 4, 3, 2, 1)'),
  appMix: z.enum(APP_MIX_NAMES as [string, ...string[]]).default('mixed').describe(`application mix giving each tenant its model: ${APP_MIX_NAMES.join(', ')} (the seed's -q 0..4 is a load level: kind dice-original, field load)`),
  load: z.number().positive().finite().default(0.8).describe('arrival-rate scale: 1 = every tenant asks for its token share of the cluster\'s capacity (with a trace: arrival times ÷ load)'),
  deadlines: z.boolean().default(true).describe('requests carry deadlines (arrival + the model\'s SLO; the seed\'s dd) or not (wo_dd)'),
  rounds: positiveInt.optional().describe('allocation rounds of arrivals (default 20; with a trace, as many as the trace spans)'),
  roundLengthSeconds: z.number().positive().finite().default(10).describe('round (lease) length, seconds'),
  policies: policyListSchema.optional().describe('mechanisms to compare: names, name(key=value,…), or {name, label, options} (default: all)'),
  realisation: z.enum(['lottery', 'bvn', 'timeshare', 'independent']).optional().describe('default realisation for every mechanism that has that option (m-dice, hetero-max-min)'),
  switchCostSeconds: z.number().nonnegative().finite().default(0).describe('seconds a node is blocked when a time-share slice changes tenant'),
  dropPolicy: z.enum(['expired', 'infeasible', 'never']).default('expired').describe('drop a request whose deadline has passed when a node would start it (expired), also when it cannot finish in time (infeasible), or never'),
  throughput: z.record(z.string(), z.record(z.string(), z.number().nonnegative().finite())).optional().describe('overrides of the MLPerf throughput table: model → accelerator type → samples/s (tokens/s for LLMs)'),
  trace: z.string().min(1).optional().describe('Azure LLM inference trace (CSV) to replay instead of Poisson arrivals'),
}));

/** A validated inference-allocation config (defaults applied). */
export type InferenceAllocationConfig = z.output<typeof inferenceAllocationSchema>;
/** An inference-allocation config as written (optional fields may be left out). */
export type InferenceAllocationInput = z.input<typeof inferenceAllocationSchema>;
