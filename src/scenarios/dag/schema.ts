/**
 * Config of the `dag` scenario kind (level 4): N DNN services over D helper
 * devices and the edge, every algorithm under every partitioning. This schema
 * is the config type (`allot schema dag`).
 */
import type { z } from 'zod';
import { lazySchema, type Zod } from '../../config/lazy-schema.js';
import { policyListSchema } from '../../policies/spec.js';

const oneOrMany = <T extends z.ZodType>(z: Zod, t: T) => z.union([t, z.array(t).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/**
 * The config schema of the `dag` scenario kind (strict: unknown keys are
 * errors; defaults applied). Its output is `DagConfig`; `allot schema dag`
 * prints it as JSON Schema.
 */
export const dagSchema = lazySchema((z) => z.strictObject({
  kind: z.literal('dag').describe('scenario kind'),
  name: z.string().min(1).optional().describe('scenario name in results (default: the file path, or "dag")'),
  services: z.number().int().min(1).default(3).describe('concurrent DNN services N; service n runs models[n mod len]'),
  helpers: oneOrMany(z, z.number().int().min(0)).default([3, 6]).describe('helper device counts D, one value or a list'),
  models: z.array(z.string().min(1)).min(1).default(['AlexNet', 'GoogLeNet', 'ResNet-50']).describe('zoo models (src/workload/dnn)'),
  partitionings: z.array(z.enum(['layer-wise', 'piece-wise'])).min(1).default(['layer-wise', 'piece-wise']).describe('how each DNN is split into tasks: by (merged) layers, or layers cut into pieces'),
  policies: policyListSchema.optional().describe('DAG algorithms (default: all); an entry "algo/partitioning[/D=n]" keeps only that case'),
  variant: z.enum(['paper', 'original']).default('paper').describe('default variant of every algorithm: canonical, or Multiple-DNN-Scheduling@de588b2 (mdnn.md §9–10)'),
  pieces: z.number().int().min(1).max(64).default(3).describe('piece-wise P: row bands / neuron groups per layer'),
  edgeBytes: z.enum(['exact', 'original']).default('exact').describe('edge sizes of piece-wise graphs (mdnn.md §4)'),
  averages: z.enum(['canonical', 'original']).default('canonical').describe('rank averages over candidate processors, or the original\'s (mdnn.md §7; original also charges layer-wise ranks at the producer\'s declared output bytes)'),
  requestDevice: z.enum(['exact', 'original']).default('exact').describe('where the §8 evaluator takes each service\'s input from: its request device, or the original\'s int64-read-as-int32 misread (mdnn.md corrections)'),
  blocksPerService: z.number().int().min(1).default(21).describe('blocks per service for piece-wise coarsening (search genes)'),
  bandwidthRatio: z.number().positive().finite().default(1).describe('divides every network bandwidth'),
  devices: z.string().min(1).optional().describe('device file overriding device types and network (src/model/device.ts)'),
  search: z
    .strictObject({
      iterations: z.number().int().min(0).optional().describe('iterations (generations) of every search'),
      particles: z.number().int().min(2).optional().describe('swarm (population) size of every search'),
      patience: z.number().int().min(1).optional().describe('stop a search after this many iterations without improvement'),
    })
    .default({})
    .describe('defaults of the searches\' options'),
}));

/** A validated dag config (defaults applied). */
export type DagConfig = z.output<typeof dagSchema>;
/** A dag config as written. */
export type DagInput = z.input<typeof dagSchema>;
