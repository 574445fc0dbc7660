/**
 * Allot's public library API. Everything the CLI does is a typed function
 * here first; this barrel fixes what is public.
 */
export { Rng } from './sim/rng.js';
export { EventQueue } from './sim/event-queue.js';
export { Simulator } from './sim/simulator.js';
export type { Tenant } from './model/tenant.js';
export type { NodeSpec } from './model/node.js';
export type { DnnLayer, DnnModel, LayerKind } from './model/dnn.js';
export type { Results, PolicyResult, TenantResult, RunOutput, RowTable } from './results.js';
export { InputError } from './errors.js';
export { allotVersion } from './provenance.js';
