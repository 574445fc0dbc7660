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

// ── Level 3: real-time layer-granular request scheduling (src/realtime) ──
export { defaultSystem, DATAFLOWS, type SystemSpec, type SubAccelerator, type Dataflow } from './realtime/system.js';
export { layerCost, mappingUtilization, profileModel, profileFromTable, type ModelProfile, type LayerCost } from './realtime/cost-model.js';
export { servicePairs, poissonRequests, traceRequests, premaPriorityForTarget, type RealtimeTenant, type ServiceSpec, type ServicePair, type InferenceRequest, type TraceArrival } from './realtime/workload.js';
export { simulate, type RealtimeScheduler, type SchedulerView, type JobView, type Dispatch, type EngineOptions, type EngineResult, type DropPolicy } from './realtime/engine.js';
export { fcfs } from './realtime/fcfs.js';
export { edf } from './realtime/edf.js';
export { sjf } from './realtime/sjf.js';
export { leastSlack } from './realtime/least-slack.js';
export { prema } from './realtime/prema.js';
export { herald } from './realtime/herald.js';
export { HEURISTIC_SCHEDULERS, heuristicScheduler } from './realtime/schedulers.js';
export { pairMetrics, systemMetrics, jainIndex, type PairMetrics, type SystemMetrics } from './realtime/metrics.js';
export { defaultRealtimeScenario, instantiate, type RealtimeScenario, type RealtimeInstance } from './realtime/scenario.js';
export { runExperiment } from './realtime/experiment.js';
export { drlScheduler, DEFAULT_REWARD, type RewardOptions } from './realtime/drl/drl-scheduler.js';
export { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './realtime/drl/train-options.js';
export { loadPolicy, savePolicy } from './realtime/drl/policy-file.js';
/** Trains the deep-RL scheduler (loads TF.js on first call). */
export async function trainRealtimePolicy(...args: Parameters<typeof import('./realtime/drl/ppo.js').trainPolicy>): ReturnType<typeof import('./realtime/drl/ppo.js').trainPolicy> {
  const { trainPolicy } = await import('./realtime/drl/ppo.js');
  return trainPolicy(...args);
}
