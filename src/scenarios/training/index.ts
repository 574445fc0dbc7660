/**
 * Scenario kind `training`: job scheduling on a training cluster (level 2).
 *
 * `allot run --trace PATH [--cluster NAME|FILE] [--policies a,b] [--jobs-per-hour λ]
 * [--jobs N] [--round-length-seconds S] [--split I,L,S] …` where PATH is a
 * Philly CSV, a Gavel `.trace` file or directory, an Alibaba openb pod list
 * or an Allot job CSV (the format picks the reader, src/scenarios/training/sniff.ts).
 * Scenario files (`kind: training`) set the same fields (schema.ts), plus
 * `workload: {type: allox-synthetic, …}` for AlloX's synthetic workload.
 *
 * Output per policy: name, jobs, finishedJobs, avgJctSeconds, medianJctSeconds,
 * p99JctSeconds, top5PctAvgJctSeconds, top1PctAvgJctSeconds, avgQueueingSeconds,
 * ftfRhoMean, ftfRhoMax, makespanSeconds, utilization (GPU-time used / (GPUs ×
 * makespan); slot-time for hybrid clusters) (+ alloxFairness for hybrid runs)
 * and `tenants` [{id, jobs, avgJctSeconds, p99JctSeconds, avgQueueingSeconds,
 * ftfRhoMean, ftfRhoMax}]; series `jctCdf` and `utilization`; table `jobs`.
 */
import { InputError } from '../../errors.js';
import { checkUniqueLabels, resolvePolicy, type PolicyInput, type ResolvedPolicy } from '../../policies/index.js';
import type { TrainingJob } from '../../model/index.js';
import { packRecords, unpackRecords, type PackedRecords } from '../../sweep/columns.js';
import type { TrainingRunSpec } from './run.js';
import { resolveTrainingPolicy, type ResolvedTrainingPolicy } from '../../schedulers/compose.js';
import { checkJobsFit } from '../../schedulers/engine.js';
import { checkHybridJobsFit } from '../../schedulers/hybrid/cluster.js';
import { sha256, type InputRef } from '../../provenance.js';
import { fieldWhere, type ProgressFn, type RunContext } from '../registry.js';
import { trainingEstimate } from '../estimates.js';
import { readTrainingTrace, type TraceData } from './inputs.js';
import type { TrainingConfig } from './schema.js';
import { buildTrainingWorkload, openArrivalLimit, type TrainingWorkload } from './workload.js';
import type { HybridOptions } from '../../schedulers/hybrid/engine.js';

export const DEFAULT_TRAINING_POLICIES = ['fifo', 'srtf', 'las', 'ftf', 'synergy-tune'];
export const DEFAULT_HYBRID_POLICIES = ['allox', 'drff', 'drfs', 'es', 'drfa', 'srpt'];

export async function prepare(config: TrainingConfig, ctx: RunContext) {
  const where = (field: string) => fieldWhere(ctx, [field]);
  const inputs: InputRef[] = [];
  const fromFile = ctx.source && !ctx.source.path.startsWith('builtin:');
  if (fromFile) inputs.push({ path: ctx.source!.path, sha256: sha256(ctx.source!.text ?? '') });
  const trace: TraceData | undefined = config.trace ? readTrainingTrace(config.trace, inputs) : undefined;
  // Generated workloads are sized before they are built (a runaway --jobs fails here, not out of memory).
  const w = config.workload;
  const open = openArrivalLimit(config, where);
  const generated = w?.type === 'allox-synthetic' ? (w.users ?? 10) * (w.jobsPerUser ?? 100) : w?.type === 'synergy-poisson' || w?.type === 'synergy-synthetic' ? (open ?? config.jobs ?? w.jobs ?? 1000) : config.jobsPerHour !== undefined ? (open ?? config.jobs ?? 1000) : undefined;
  if (generated !== undefined) ctx.checkSize?.(trainingEstimate(Math.min(generated, config.jobs ?? Infinity), config.policies?.length ?? DEFAULT_HYBRID_POLICIES.length, w?.type === 'allox-synthetic'));
  const workload = buildTrainingWorkload(config, trace, ctx.seed, inputs, where);
  if (workload.type === 'gpu' && (config.alpha !== undefined || config.nMax !== undefined)) throw new InputError(`${config.alpha !== undefined ? 'alpha' : 'nMax'} is an option of AlloX (hybrid CPU/GPU workloads), not of GPU-cluster policies`, where(config.alpha !== undefined ? 'alpha' : 'nMax'));
  const parameters = workload.parameters;
  const specs = config.policies ?? (workload.type === 'hybrid' ? DEFAULT_HYBRID_POLICIES : DEFAULT_TRAINING_POLICIES);
  const hybrid = expandHybridPreset(config.hybrid, (k) => fieldWhere(ctx, ['hybrid', k]));
  const defaults = { alpha: config.alpha, nMax: config.nMax, ...(config.hybrid?.preset === 'irfsim' ? IRFSIM_POLICY_DEFAULTS : {}) };
  const policies: (ResolvedTrainingPolicy | ResolvedPolicy<'hybrid'>)[] = specs.map((p, i) => {
    const w = fieldWhere(ctx, config.policies ? ['policies', i] : ['policies']);
    return workload.type === 'gpu' ? resolveTrainingPolicy(p, w, defaults) : resolvePolicy('hybrid', p, w, defaults);
  });
  checkUniqueLabels(policies.map((p) => p.label), where('policies'));
  if (workload.type === 'hybrid') {
    const gpuOnly = { roundLengthSeconds: config.roundLengthSeconds !== undefined, completionAtRoundEnd: config.completionAtRoundEnd, wholeIterations: config.wholeIterations, preselectByGpu: config.preselectByGpu, placement: config.placement !== 'consolidate', starvationGuard: config.starvationGuard !== 'permanent' };
    for (const [f, set] of Object.entries(gpuOnly)) if (set) throw new InputError(`${f} applies to GPU-server clusters; the hybrid CPU/GPU simulator is event-driven and places one job per slot`, where(f));
  } else if (config.hybrid) throw new InputError('the hybrid block applies to hybrid CPU/GPU workloads (AlloX)', where('hybrid'));
  if (hybrid?.sampleLoop === 'irfsim' && hybrid.skipPolicyWhileSamplesPending) throw new InputError('sampleLoop: irfsim has its own rule for skipping the policy; remove skipPolicyWhileSamplesPending', where('hybrid'));
  if (config.roundLengthSeconds !== undefined) parameters.roundLengthSeconds = config.roundLengthSeconds;
  if (config.completionAtRoundEnd) parameters.completionAtRoundEnd = true;
  if (config.wholeIterations) parameters.wholeIterations = true;
  if (config.placement === 'first-fit') parameters.placement = 'first-fit';
  const measureJobs = config.measureJobs;
  if (measureJobs) {
    if (measureJobs[0] >= measureJobs[1]) throw new InputError(`expected [from, to) with from < to, got ${measureJobs[0]}:${measureJobs[1]}`, where('measureJobs'));
    if (measureJobs[0] >= workload.jobs.length) throw new InputError(`the measurement window starts at job ${measureJobs[0]} but the workload has ${workload.jobs.length} jobs`, where('measureJobs'));
    parameters.measureJobs = `${measureJobs[0]}:${measureJobs[1]}`;
  }
  if (config.preselectByGpu) parameters.preselectByGpu = true;
  if (config.starvationGuard !== 'permanent') parameters.starvationGuard = config.starvationGuard;
  if (workload.type === 'gpu') checkJobsFit(workload.jobs, workload.cluster, config.trace ?? 'workload');
  else checkHybridJobsFit(workload.jobs, workload.cluster, config.trace ?? 'workload');
  const n = workload.jobs.length;
  const P = policies.length;
  const name = config.name ?? (fromFile ? ctx.source!.path : undefined) ?? config.trace ?? 'training';
  const common: Omit<TrainingRunSpec, 'policies' | 'onProgress' | 'workload'> = {
    name, inputs, seed: ctx.seed,
    roundLengthSeconds: config.roundLengthSeconds,
    completionAtRoundEnd: config.completionAtRoundEnd,
    wholeIterations: config.wholeIterations ? true : undefined,
    preselectByGpu: config.preselectByGpu ? true : undefined,
    starvationGuard: config.starvationGuard,
    consolidate: config.placement !== 'first-fit',
    measureJobs,
    hybridOptions: hybrid,
  };
  let payload: TrainingPartPayload | undefined;
  return {
    policies: policies.map((p) => p.label),
    estimate: trainingEstimate(n, P, workload.type === 'hybrid'),
    run: async (onProgress = ctx.onProgress) => {
      const { runTrainingSpec } = await import('./run.js');
      return runTrainingSpec({ ...common, workload, policies, onProgress });
    },
    parallel: {
      // Built on first use only (a serial run never packs the jobs).
      get payload(): TrainingPartPayload {
        return (payload ??= {
          common, specs, defaults,
          workload: workload.type === 'gpu' ? { ...workload, jobs: packRecords(workload.jobs) } : workload,
        });
      },
    },
  };
}

/** What a worker thread gets of a prepared training run (`runPart`): GPU jobs packed into columns, policies as given. */
interface TrainingPartPayload {
  common: Omit<TrainingRunSpec, 'policies' | 'onProgress' | 'workload'>;
  workload: (Omit<Extract<TrainingWorkload, { type: 'gpu' }>, 'jobs'> & { jobs: PackedRecords }) | Extract<TrainingWorkload, { type: 'hybrid' }>;
  specs: PolicyInput[];
  defaults: Record<string, unknown>;
}

/** What `hybrid: {preset: irfsim}` sets: IRFsim's simulator behaviour (lenhattan86/IRFsim@2963b9a, `Main`/`Simulator`/`QueueScheduler`). */
export const IRFSIM_HYBRID_PRESET = {
  groupProfiling: true, // Globals.EnableGroupProfiling
  minSampleSeconds: 60, // a sample runs max(p·scale, 1 unit)
  sampleLoop: 'irfsim', // QueueScheduler.scheduleProfilingJobs
  sampleUsage: true, // JobQueue.getResourceUsage counts running samples
  legacyCpuFlag: true, // allocateResToQueue/DRF never set isCpu before onStart
  drffForce64GB: true, // MLJob.readDags: DRFFIFO reads memory as MEM_PER_NODE
  timeStepSeconds: 60, // Simulator: STEP_TIME = 1 unit
} as const;

/** Policy option defaults under the irfsim preset: ES as IRFsim's EqualShareScheduler, SRPT ordering by the original report (IRFsim's preempt shrinks the true demand only), AlloX's planned-queue ω and its user list per instant, DRFA's CPU fallback and pick loop as IRFsim's DRFExtScheduler. */
export const IRFSIM_POLICY_DEFAULTS = { variant: 'irfsim', byOriginalReport: true, omegaBusy: 'plannedQueue', userOrder: 'irfsim', cpuFallback: 'irfsim', loop: 'irfsim' } as const;

/** The hybrid options with a preset expanded; a field that contradicts the preset is an InputError (never a silent override). */
function expandHybridPreset(h: TrainingConfig['hybrid'], where: (key: string) => string): HybridOptions | undefined {
  if (!h) return undefined;
  const { preset, ...rest } = h;
  if (preset !== 'irfsim') return rest;
  if (rest.sampling === false) throw new InputError('hybrid.preset irfsim samples every job (IRFsim\'s EnableProfiling); remove sampling: false or the preset', where('sampling'));
  if (rest.skipPolicyWhileSamplesPending) throw new InputError('hybrid.preset irfsim skips the policy by IRFsim\'s own rule (sampleLoop irfsim); remove skipPolicyWhileSamplesPending', where('skipPolicyWhileSamplesPending'));
  for (const [k, v] of Object.entries(IRFSIM_HYBRID_PRESET)) {
    const given = (rest as Record<string, unknown>)[k];
    if (given !== undefined && given !== v) throw new InputError(`hybrid.preset irfsim sets ${k}: ${JSON.stringify(v)}, but the scenario sets ${JSON.stringify(given)}; remove one of them`, where(k));
  }
  return { ...rest, ...IRFSIM_HYBRID_PRESET };
}

const unpacked = new WeakMap<TrainingPartPayload, TrainingWorkload>();

/** Runs the policies at `indices` of a run prepared in another thread (`ScenarioKind.runPart`, registered in kind.ts). */
export async function runPart(value: unknown, indices: readonly number[], onProgress?: ProgressFn) {
  const p = value as TrainingPartPayload;
  let workload = unpacked.get(p);
  if (!workload) {
    const w = p.workload;
    workload = w.type === 'gpu' ? { ...w, jobs: unpackRecords<TrainingJob>(w.jobs) } : w;
    unpacked.set(p, workload);
  }
  const policies = indices.map((i) => (workload.type === 'gpu' ? resolveTrainingPolicy(p.specs[i], `policies[${i}]`, p.defaults) : resolvePolicy('hybrid', p.specs[i], `policies[${i}]`, p.defaults)));
  const { runTrainingSpec } = await import('./run.js');
  return runTrainingSpec({ ...p.common, workload, policies, onProgress });
}
