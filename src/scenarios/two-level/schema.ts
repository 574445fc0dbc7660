/**
 * Config of the `two-level` scenario kind: each round a level-1 mechanism
 * divides whole nodes among tenants and a level-2 scheduler places each
 * tenant's training jobs on its nodes (`src/two-level/round.ts`). The same
 * fields (tenants, nodes, mechanism, scheduler, roundLengthSeconds) configure
 * `allot serve --scenario FILE`.
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { policyInputSchema } from '../../policies/spec.js';

const positiveInt = lazySchema((z) => z.number().int('expected a whole number').positive('expected a whole number ≥ 1'));
const nonNeg = lazySchema((z) => z.number().nonnegative('expected a number ≥ 0').finite());

/** A tenant: id and tokens (entitlement weight). */
export const tenantSchema = lazySchema((z) => z.strictObject({
  id: z.string().min(1, 'expected a non-empty id'),
  tokens: positiveInt.describe('tokens (entitlement weight)'),
}));

/** A node group: `count` nodes `<type>-<k>` with the same capacity. */
export const nodeGroupSchema = lazySchema((z) => z.strictObject({
  type: z.string().min(1).describe('accelerator type'),
  count: positiveInt,
  gpus: positiveInt.default(4).describe('GPUs per node'),
  cores: z.number().positive().finite().default(24).describe('CPU cores per node'),
  memoryGb: z.number().positive().finite().default(200).describe('memory per node, GB'),
}));

/** One training job of an explicit workload. */
export const jobSchema = lazySchema((z) => z.strictObject({
  id: z.string().min(1),
  tenant: z.string().min(1),
  arrival: nonNeg.describe('arrival, seconds'),
  gpus: positiveInt,
  work: z.number().positive().finite().describe('work, seconds at the reference speed'),
  model: z.string().min(1).optional().describe('Synergy profile name (CPU/memory sensitivity)'),
}));

/** The config schema of the `two-level` kind (strict, defaults applied). */
export const twoLevelSchema = lazySchema((z) => z.strictObject({
  kind: z.literal('two-level').describe('scenario kind'),
  name: z.string().min(1).optional(),
  tenants: z.array(tenantSchema).min(1, 'expected at least one tenant').default([
    { id: 't0', tokens: 3 },
    { id: 't1', tokens: 2 },
    { id: 't2', tokens: 1 },
  ]).describe('tenants in tie-break order'),
  nodes: z.array(nodeGroupSchema).min(1, 'expected at least one node group').default([{ type: 'V100', count: 8, gpus: 4, cores: 24, memoryGb: 200 }]).describe('node groups'),
  mechanisms: z.array(policyInputSchema).min(1).default(['s-dice']).describe('level-1 mechanisms (registry names or specs)'),
  schedulers: z.array(policyInputSchema).min(1).default(['fifo+fair']).describe('level-2 training policies order[+mode]; every mechanism × scheduler pair is run'),
  roundLengthSeconds: z.number().positive().finite().default(300).describe('round length R, seconds'),
  maxRounds: positiveInt.default(10000).describe('stop after this many rounds (unfinished jobs count as unfinished)'),
  jobs: z.array(jobSchema).optional().describe('explicit workload (default: generated from `workload`)'),
  workload: z.strictObject({
    jobsPerTenant: positiveInt.default(20),
    meanInterarrivalSeconds: z.number().positive().finite().default(600),
    meanWorkSeconds: z.number().positive().finite().default(3600),
    gpuChoices: z.array(positiveInt).min(1).default([1, 1, 2, 4]).describe('GPU demands drawn uniformly'),
  }).prefault({}).describe('Poisson workload per tenant, from the run seed'),
}));

/** A validated two-level config. */
export type TwoLevelConfig = z.output<typeof twoLevelSchema>;
