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
export { runScenario, chooseKind } from './scenarios/run-scenario.js';
export { scenarioKinds, registerScenarioKind } from './scenarios/registry.js';
export type { ScenarioKind, RunRequest } from './scenarios/registry.js';

// ── Level 1: tenant allocation of accelerator nodes (Dice; issue 2) ──
export { allocate } from './mechanisms/allocate.js';
export type { AllocateOutput, AllocateRound } from './mechanisms/allocate.js';
export { createMechanism, mechanismNames } from './mechanisms/registry.js';
export type { AllocationProblem, RoundAllocation, Mechanism, FractionalAllocation, Realisation } from './mechanisms/types.js';
export { pickingSequence } from './mechanisms/picking-sequence.js';
export type { PickingRule } from './mechanisms/picking-sequence.js';
export { solveFisherMarket, marketCertificate } from './mechanisms/fisher-market.js';
export type { FisherMarket, MarketEquilibrium, CertificateReport } from './mechanisms/fisher-market.js';
export { marketEquilibriumAllocation } from './mechanisms/dice-market.js';
export { dependentRounding } from './mechanisms/dependent-rounding.js';
export { birkhoffLottery } from './mechanisms/bvn.js';
export { roundFairness, fractionalFairness, jainIndex } from './metrics/fairness.js';
export { parseAllocationInput } from './data/allocation-input.js';
export { deriveMlperfThroughputs } from './data/mlperf.js';
export { parseAzureLlmTrace } from './data/azure-llm.js';
export { MLPERF_V41_THROUGHPUT, INFERENCE_MODELS } from './workload/inference/mlperf-figures.js';
export { resolveInferenceScenario, APP_MIXES } from './workload/inference/scenario.js';
export type { InferenceScenario } from './workload/inference/scenario.js';
export { runInferenceScenario } from './scenarios/inference-allocation.js';
export { simulateInferenceCluster, poissonArrivals } from './sim/inference/cluster-sim.js';
export { solveLp, loadLpSolver } from './solvers/highs.js';

// ── Level 4: DNN partitioning and DAG scheduling over edge/IoT devices (issue 4) ──
export { dnnModel, dnnModelNames, hasDnnModel, totalWork } from './workload/dnn/index.js';
export { layerMemoryBytes, layerInBytes } from './model/dnn.js';
export { loadMdnnProfiles, validateMdnnProfiles } from './data/mdnn-profiles.js';
export { MDNN_DEVICE_TYPES, MDNN_NETWORK, computeSeconds, linkBandwidth, parseDeviceFile } from './model/device.js';
export type { Device, DeviceType, DeviceCatalog, NetworkSpec } from './model/device.js';
export { layerWisePartition } from './workload/partitioning/layer-wise.js';
export { pieceWisePartition } from './workload/partitioning/piece-wise.js';
export { coarsenBlocks } from './workload/partitioning/block-coarsening.js';
export { buildServicesProblem } from './workload/partitioning/services.js';
export type { PieceGraph, Piece, PieceEdge } from './workload/partitioning/piece-graph.js';
export { scheduleDag, DAG_ALGORITHMS, buildDagProblem, checkSchedule, buildSearchSpace, Evaluator, heft, cpop, peft, greedy, ga, psoGa, memeticPsoGa } from './dag/index.js';
export type { DagAlgorithm, DagProblem, DagProblemSpec, DagResult, DagSchedule, SearchSpace } from './dag/index.js';
export { randomDag } from './dag/random-dag.js';
export { planServices, runOnPlan } from './scenarios/dag-services.js';
export { runDagScenario, parseDagScenario } from './scenarios/dag.js';
export { runDagCli } from './cli/dag.js';

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

// ── Level 3: real-time layer-granular request scheduling (src/realtime) ──
export { defaultSystem, DATAFLOWS, type SystemSpec, type SubAccelerator, type Dataflow } from './realtime/system.js';
export { layerCost, mappingUtilization, profileModel, profileFromTable, type ModelProfile, type LayerCost } from './realtime/cost-model.js';
export { servicePairs, poissonRequests, traceRequests, premaPriorityForTarget, type RealtimeTenant, type ServiceSpec, type ServicePair, type InferenceRequest, type TraceArrival } from './realtime/workload.js';
export { simulate as simulateRealtime, type RealtimeScheduler, type SchedulerView, type JobView, type Dispatch, type EngineOptions as RealtimeEngineOptions, type EngineResult as RealtimeEngineResult, type DropPolicy } from './realtime/engine.js';
export { fcfs } from './realtime/fcfs.js';
export { edf } from './realtime/edf.js';
export { sjf } from './realtime/sjf.js';
export { leastSlack } from './realtime/least-slack.js';
export { prema } from './realtime/prema.js';
export { herald } from './realtime/herald.js';
export { HEURISTIC_SCHEDULERS, heuristicScheduler } from './realtime/schedulers.js';
export { pairMetrics, systemMetrics, type PairMetrics, type SystemMetrics } from './realtime/metrics.js';
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

// ── Experiment harness (issue 6): sweeps with confidence intervals, HTML report ──
export { runSweep, readCellRecords, type SweepOptions, type SweepRun, type SweepProgress } from './sweep/run-sweep.js';
export { enumerateCells, parseVary, cellLabel, type CellSpec, type CellPlan, type VaryAxis, type OptionValue } from './sweep/cells.js';
export { aggregateCells, meanCi95, type SummaryRow } from './sweep/aggregate.js';
export { writeSweepOutputs, type SweepSummary } from './sweep/write-sweep.js';
export type { CellRecord, CellFailure } from './sweep/run-cell.js';
export { writeRunReport, writeSweepReport, reportDirectory, type ReportOptions } from './report/report.js';
export { runCharts, loadCurveCharts, jctCdfChart, tenantShareChart, hitRateChart, utilizationChart, ganttChart, type ChartDef } from './report/charts.js';
export { renderSvg, svgToPng } from './report/render.js';
import './report/html-writer.js';
