/**
 * Allot's public library API. Everything the CLI does is a typed function
 * here first (`allot run` → `runScenario`, `allot allocate` → `allocate`,
 * `allot dag` → `scheduleDagInput`, `allot sweep` → `runSweep`); this barrel
 * fixes what is public. Internal modules may change; these names are kept.
 *
 * Inputs are validated at the boundary: a bad config, file or option throws
 * `InputError` (its message names the source, the field and what was
 * expected); a failure of the machine (disk full) throws `EnvironmentError`.
 */

// ── Running scenarios (all four levels) ─────────────────────────────────────
export { runScenario, prepareScenario, type RunScenarioOptions, type PreparedScenario } from './scenarios/run-scenario.js';
export type { ScenarioConfig, InferenceAllocationInput, TrainingInput, RealtimeInput, DagInput, DiceOriginalInput } from './scenarios/configs.js';
export { inferenceAllocationSchema, type InferenceAllocationConfig } from './scenarios/inference-allocation/schema.js';
export { trainingSchema, type TrainingConfig } from './scenarios/training/schema.js';
export { realtimeSchema, type RealtimeConfig } from './scenarios/realtime/schema.js';
export { dagSchema, type DagConfig } from './scenarios/dag/schema.js';
export { diceOriginalSchema, type DiceOriginalConfig } from './scenarios/dice-original/schema.js';
export { loadScenarioFile } from './scenarios/load.js';
export { scenarioKinds, registerScenarioKind, findScenarioKind, type ScenarioKind, type RunContext, type PreparedRun, type RunEstimate, type FlagDef, type ProgressFn } from './scenarios/registry.js';
export { checkSize } from './scenarios/size-check.js';
export type { Results, PolicyResult, TenantResult, RunOutput, RunArtifacts, RowTable, MetricValue, MetricInterval } from './results.js';
export type { InputRef } from './provenance.js';
export { InputError, EnvironmentError, type WarningSink } from './errors.js';
export { allotVersion } from './provenance.js';

// ── The policy registry (every level) ───────────────────────────────────────
export {
  registerPolicy,
  policyDefs,
  describePolicy,
  resolvePolicy,
  createPolicy,
  familyNames,
  type PolicyDef,
  type PolicyInfo,
  type OptionInfo,
  type PolicyLevel,
  type PolicyFamily,
  type PolicyContext,
  type FamilyProducts,
  type ResolvedPolicy,
  type Capability,
  type PolicyAlias,
} from './policies/index.js';
export { canonicalLabel, type PolicyInput } from './policies/spec.js';

// ── Simulation core ──────────────────────────────────────────────────────────
export { Rng, type RngState } from './sim/rng.js';
export { EventQueue, type QueuedEvent } from './sim/event-queue.js';
export { Simulator, type RunOptions as SimulatorRunOptions } from './sim/simulator.js';
export type { Tenant, NodeSpec, DnnLayer, DnnModel, DnnLayerShape, DnnShapeModel, LayerKind, TrainingJob, TrainingCluster, ServerSpec, HybridCluster, HybridJob, DagProblem, DagProblemSpec } from './model/index.js';
export type { Device as HybridDevice } from './model/hybrid.js';

// ── Level 1: tenant allocation of accelerator nodes (Dice) ──────────────────
export { allocate, createMechanism, createAllocator, type AllocateOutput, type AllocateRound, type AllocateOptions, type Allocator, type AllocatorState } from './mechanisms/allocate.js';
export { allocationInputSchema, type AllocationInput } from './data/allocation-input.js';
export type { AllocationProblem, RoundAllocation, Mechanism, FractionalAllocation, Realisation, MechanismState, JsonValue } from './mechanisms/types.js';
export { solveFisherMarket, marketCertificate, type FisherMarket, type MarketEquilibrium, type CertificateReport, type MarketOptions } from './mechanisms/fisher-market.js';
export { dependentRounding } from './mechanisms/dependent-rounding.js';
export { birkhoffLottery, type LotteryOutcome } from './mechanisms/bvn.js';
export { roundFairness, fractionalFairness, jainIndex, type RoundFairness } from './metrics/fairness.js';
export { MLPERF_V41_THROUGHPUT, INFERENCE_MODELS, type InferenceModelSpec, type ThroughputUnit } from './workload/inference/mlperf-figures.js';
export { APP_MIXES } from './workload/inference/scenario.js';
export { loadLpSolver, solveLp, type LpSolver, type LpModel, type LpSolution, type LpConstraint, type LinearTerm, type RawLpSolution, type LpColumns, type LpColumnsSolution } from './solvers/highs.js';

// ── Level 2: training-job scheduling ─────────────────────────────────────────
export { simulateTraining, TrainingEngine, type EngineOptions as TrainingEngineOptions, type EngineResult as TrainingEngineResult, type JobOutcome, type OutcomeColumns as TrainingOutcomeColumns, type UtilizationPoint } from './schedulers/engine.js';
export type { PerGpuDemand, ServerPool, ServerShare } from './schedulers/server-pool.js';
export type { TrainingEngineState, JobStateSnapshot, EngineConfigState, PendingRoundState, UtilizationPointState, ServerShareState } from './schedulers/engine-state.js';
export type { JobPolicy, AllocationMode, JobState, RoundContext, JobOrder } from './schedulers/types.js';
export { resolveTrainingPolicy, createTrainingPolicy, type ResolvedTrainingPolicy } from './schedulers/compose.js';
export { simulateHybrid, type HybridPolicy, type HybridView, type HybridResult, type HybridOptions, type HybridOutcome, type HybridRunning, type PendingSample } from './schedulers/hybrid/engine.js';
export { clusterPreset, CLUSTER_PRESETS } from './workload/training/cluster.js';
export { hybridClusterPreset } from './schedulers/hybrid/cluster.js';
export { summarizeJct, summarizeByTenant, summarizeJctColumns, summarizeByTenantColumns, jctColumns, codeTenants, finishedJcts, jctCdf, finishTimeFairness, type JctSummary, type JctRecord, type JctColumns } from './metrics/jct.js';

// ── Level 3: real-time layer-granular request scheduling ────────────────────
export { simulate as simulateRealtime, type RealtimeScheduler, type SchedulerView, type JobView, type Dispatch, type EngineOptions as RealtimeEngineOptions, type EngineResult as RealtimeEngineResult, type DropPolicy, type LayerInterval, type RequestRecord, type Outcome } from './realtime/engine.js';
export type { ServicePair, InferenceRequest, RealtimeTenant, TraceArrival, ServiceSpec } from './realtime/workload.js';
export type { ModelProfile } from './realtime/cost-model.js';
export type { RewardOptions, CreditRule } from './realtime/drl/drl-scheduler.js';
export type { PolicyMeta, PolicyWeights } from './realtime/drl/network.js';
export type { FeatureSet } from './realtime/drl/features.js';
export { defaultRealtimeScenario, instantiate, type RealtimeScenario, type RealtimeInstance, type TargetAssignment } from './realtime/scenario.js';
export { defaultSystem, type SystemSpec, type SubAccelerator, type Dataflow } from './realtime/system.js';
export { loadPolicy, savePolicy, type TrainedPolicy } from './realtime/drl/policy-file.js';
export { DEFAULT_TRAIN_OPTIONS, type TrainOptions, type TrainResult, type CurvePoint } from './realtime/drl/train-options.js';
export { trainRealtimePolicy } from './realtime/drl/train.js';

// ── Level 4: DNN partitioning and DAG scheduling ─────────────────────────────
export { scheduleDagInput, type DagScheduleOutput, type ScheduleDagInputOptions } from './dag/schedule-input.js';
export { scheduleDag, dagScheduler, DAG_ALGORITHMS, buildDagProblem, checkSchedule, type DagAlgorithm, type DagAlgorithmOptions, type DagScheduler, type DagRunContext, type DagResult, type DagSchedule, type ScheduleDagOptions, type SearchSpace } from './dag/index.js';
export { dagInputSchema } from './data/dag-input.js';
export { randomDag, type RandomDagOptions } from './dag/random-dag.js';
export { dnnModel, dnnModelNames } from './workload/dnn/index.js';
export { planServices, runOnPlan, type ServicesPlan, type PlanOptions, type Partitioning } from './scenarios/dag/services.js';
export type { Device, DeviceCatalog, DeviceType, DeviceKind, NetworkSpec } from './model/device.js';
export type { PieceGraph, Piece, PieceEdge } from './workload/partitioning/piece-graph.js';
export type { PsoGaOptions } from './dag/pso-ga.js';

// ── Experiments: sweeps with confidence intervals, reports ───────────────────
export { runSweep, readCellRecords, type SweepOptions, type SweepRun, type SweepProgress, type WorkerPoolHandle, type RedisBackendOptions } from './sweep/run-sweep.js';
export { enumerateCells, parseVary, cellLabel, type CellSpec, type CellPlan, type VaryAxis, type OptionValue } from './sweep/cells.js';
export { sweepPreset, sweepPresetSchema, SWEEP_PRESET_NAMES, type SweepPreset } from './sweep/presets.js';
export { sweepPlan, checkSweepPlan, type SweepPlanOptions } from './sweep/plan.js';
export { aggregateCells, meanCi95, type SummaryRow } from './sweep/aggregate.js';
export { writeSweepOutputs, sweepSummary, type SweepSummary } from './sweep/write-sweep.js';
export type { CellRecord, CellFailure } from './sweep/run-cell.js';
export { writeRunOutputs, type FileWriter } from './report/write-outputs.js';
export { prepareOutputDir, type OutputDir } from './report/output-dir.js';
export { writeRunReport, writeSweepReport, reportDirectory, type ReportOptions } from './report/report.js';
export { metricDef, metricCatalogue, metricView, registerMetric, registerMetricView, type MetricDef, type MetricView, type MetricUnit } from './metrics/catalog.js';
export { formatRunResults, OUTPUT_FORMATS, type OutputFormat, type RunTextOptions } from './report/run-text.js';
export { headline, summaryParagraph, type HeadlineEntry } from './report/summary.js';
export { columnFormat, formatMetric, type ColumnFormat } from './report/format.js';
import './report/html-writer.js';
