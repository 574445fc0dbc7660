/**
 * Config of the `realtime` scenario kind (level 3): layer-granular request
 * scheduling on a multi-tenant multi-accelerator system. Every field is
 * optional: `{kind: realtime}` is the built-in scenario. This schema is the
 * config type (`allot schema realtime`).
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { policyListSchema } from '../../policies/spec.js';

const pos = lazySchema((z) => z.number().positive().finite());

export const subAcceleratorSchema = lazySchema((z) => z.strictObject({
  id: z.string().min(1),
  dataflow: z.enum(['nvdla', 'eyeriss', 'shidiannao']).describe('dataflow of the sub-accelerator (cost model, src/realtime/cost-model.ts)'),
  peRows: z.number().int().positive(),
  peCols: z.number().int().positive(),
  clockGHz: pos.default(1),
  portBandwidthGBps: pos.default(25.6),
  activePowerW: z.number().nonnegative().finite().optional().describe('watts while busy (default PEs/1024)'),
}));

/**
 * The config schema of the `realtime` scenario kind (strict: unknown keys are
 * errors; defaults applied). Its output is `RealtimeConfig`; `allot schema
 * realtime` prints it as JSON Schema.
 */
export const realtimeSchema = lazySchema((z) => z.strictObject({
  kind: z.literal('realtime').describe('scenario kind'),
  name: z.string().min(1).optional().describe('scenario name in results (default: the file path, or builtin:realtime)'),
  durationSeconds: pos.optional().describe('seconds of arrivals (default 10)'),
  load: pos.default(1).describe('multiplies every arrival rate'),
  deadlineMultiplier: pos.optional().describe('deadline d = arrival + k · L_iso(model) (default 10)'),
  dropPolicy: z.enum(['infeasible', 'atDeadline', 'never']).default('infeasible').describe('drop a waiting request once it cannot finish in time (infeasible), once its deadline passes (atDeadline), or never'),
  cycleSeconds: pos.optional().describe('periodic decisions every this many seconds (default: event-driven)'),
  sliWindowSeconds: pos.default(1).describe('sliding window of the current SLI (hit rate), seconds'),
  targets: z.enum(['declared', 'shuffled', 'shuffled-hard']).default('declared').describe('SLO targets as declared, permuted over the services per seed (shuffled), or permuted with one service per seed at 1.0 (shuffled-hard); arrivals unchanged'),
  premaPriorities: z.enum(['slo-tier', 'uniform']).default('slo-tier').describe('PREMA priorities 1/3/9 from the SLO tier, or all equal'),
  bandwidthGuard: z.boolean().optional().describe('default bandwidthGuard for every heuristic scheduler: skip placements that would exceed the shared bandwidth'),
  system: z
    .strictObject({
      bandwidthGBps: pos.describe('shared DRAM bandwidth B'),
      contention: z.enum(['fluid', 'none']).default('fluid'),
      interLayerTransferSeconds: z.number().nonnegative().finite().default(0),
      subAccelerators: z.array(subAcceleratorSchema).min(1),
    })
    .optional()
    .describe('the multi-accelerator system (default: 4 sub-accelerators, 51.2 GB/s)'),
  profiles: z.string().min(1).optional().describe('per-layer profile table (CSV: model,layer,subAccelerator,latencySeconds,bandwidthGBps[,energyJoules])'),
  tenants: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        weight: pos.default(1),
        services: z.array(z.strictObject({ model: z.string().min(1), rateRps: z.number().nonnegative().finite().describe('requests/s'), sloTarget: z.number().min(0).max(1).describe('target deadline hit rate') })).min(1),
      }),
    )
    .min(1)
    .optional()
    .describe('tenants and their (model, rate, SLO target) services (default: six tenants in three SLO tiers)'),
  trace: z.string().min(1).optional().describe('arrivals to replay (CSV: arrivalSeconds,tenant,model) instead of Poisson'),
  rlModel: z.string().min(1).optional().describe('directory of a policy trained by allot train (adds drl)'),
  policies: policyListSchema.optional().describe('request schedulers (default: fcfs, edf, sjf, least-slack, prema, herald, slo-edf, and drl when a trained policy is available; stderr and parameters.drlOmitted say why when not)'),
}));

/** A validated realtime config (defaults applied). */
export type RealtimeConfig = z.output<typeof realtimeSchema>;
/** A realtime config as written. */
export type RealtimeInput = z.input<typeof realtimeSchema>;
