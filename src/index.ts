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

// ── Level 2: training-job scheduling (issue 3) ──────────────────────────────
export type { TrainingJob } from './workload/training/job.js';
export { typeSpeed } from './workload/training/job.js';
export { SYNERGY_PROFILES, synergyProfile, profileThroughput } from './workload/training/synergy-profiles.js';
export type { SynergyProfile, ModelClass } from './workload/training/synergy-profiles.js';
export { buildCluster, clusterPreset, parseClusterFile, clusterTotals, CLUSTER_PRESETS } from './workload/training/cluster.js';
export type { TrainingCluster, ServerSpec, ServerGroup } from './workload/training/cluster.js';
export { phillyReplay, synergyPoisson, modelAssigner } from './workload/training/philly-workload.js';
export { gavelJobs } from './workload/training/gavel-workload.js';
export { alloxWorkload } from './workload/training/allox-workload.js';
export { parsePhillyCsv } from './data/philly-trace.js';
export type { PhillyJob } from './data/philly-trace.js';
export { parseGavelTrace } from './data/gavel-trace.js';
export { parseGavelThroughputs } from './data/gavel-throughputs.js';
export { parseAllotJobCsv } from './data/allot-job-csv.js';
export { parseOpenbNodes, parseOpenbPods } from './data/alibaba-openb.js';
export { simulateTraining, keyOrder } from './schedulers/engine.js';
export type { EngineOptions, EngineResult, JobOutcome } from './schedulers/engine.js';
export type { JobPolicy, AllocationMode, JobState, RoundContext, JobOrder } from './schedulers/types.js';
export { resolveTrainingPolicy, canonicalTrainingPolicy, JOB_POLICIES } from './schedulers/registry.js';
export { ServerPool } from './schedulers/server-pool.js';
export { loadSynergyOpt } from './schedulers/synergy-opt.js';
export { simulateHybrid } from './schedulers/hybrid/engine.js';
export type { HybridPolicy, HybridView, HybridResult } from './schedulers/hybrid/engine.js';
export { hybridClusterPreset } from './schedulers/hybrid/cluster.js';
export type { HybridCluster, HybridJob } from './schedulers/hybrid/cluster.js';
export { alloxPolicy, matchOffline, matchPositions } from './schedulers/hybrid/allox.js';
export { hybridPolicy, HYBRID_POLICY_NAMES } from './schedulers/hybrid/registry.js';
export { summarizeJct, summarizeByTenant, jctCdf, finishTimeFairness } from './metrics/jct.js';
export { runTrainingSpec, loadTrainingInputs } from './scenarios/training.js';
