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
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { checkUniqueLabels, resolvePolicy, type ResolvedPolicy } from '../../policies/index.js';
import { resolveTrainingPolicy, type ResolvedTrainingPolicy } from '../../schedulers/compose.js';
import { checkJobsFit } from '../../schedulers/engine.js';
import { checkHybridJobsFit } from '../../schedulers/hybrid/cluster.js';
import { CLUSTER_PRESETS } from '../../workload/training/cluster.js';
import { HYBRID_PRESETS } from '../../schedulers/hybrid/cluster.js';
import { sha256, type InputRef } from '../../provenance.js';
import { fieldWhere, registerScenarioKind, type FlagDef, type RunContext } from '../registry.js';
import { trainingEstimate } from '../estimates.js';
import { readTrainingTrace, type TraceData } from './inputs.js';
import { traceFormat } from './sniff.js';
import { trainingSchema, type TrainingConfig } from './schema.js';
import { buildTrainingWorkload, openArrivalLimit } from './workload.js';
import type { HybridOptions } from '../../schedulers/hybrid/engine.js';

export const DEFAULT_TRAINING_POLICIES = ['fifo', 'srtf', 'las', 'ftf', 'synergy-tune'];
export const DEFAULT_HYBRID_POLICIES = ['allox', 'drff', 'drfs', 'es', 'drfa', 'srpt'];

async function prepare(config: TrainingConfig, ctx: RunContext) {
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
    const gpuOnly = { roundLengthSeconds: config.roundLengthSeconds !== undefined, completionAtRoundEnd: config.completionAtRoundEnd, preselectByGpu: config.preselectByGpu, placement: config.placement !== 'consolidate', starvationGuard: config.starvationGuard !== 'permanent' };
    for (const [f, set] of Object.entries(gpuOnly)) if (set) throw new InputError(`${f} applies to GPU-server clusters; the hybrid CPU/GPU simulator is event-driven and places one job per slot`, where(f));
  } else if (config.hybrid) throw new InputError('the hybrid block applies to hybrid CPU/GPU workloads (AlloX)', where('hybrid'));
  if (hybrid?.sampleLoop === 'irfsim' && hybrid.skipPolicyWhileSamplesPending) throw new InputError('sampleLoop: irfsim has its own rule for skipping the policy; remove skipPolicyWhileSamplesPending', where('hybrid'));
  if (config.roundLengthSeconds !== undefined) parameters.roundLengthSeconds = config.roundLengthSeconds;
  if (config.completionAtRoundEnd) parameters.completionAtRoundEnd = true;
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
  return {
    policies: policies.map((p) => p.label),
    estimate: trainingEstimate(n, P, workload.type === 'hybrid'),
    run: async (onProgress = ctx.onProgress) => {
      const { runTrainingSpec } = await import('./run.js');
      return runTrainingSpec({
        name, workload, inputs, policies, seed: ctx.seed, onProgress,
        roundLengthSeconds: config.roundLengthSeconds,
        completionAtRoundEnd: config.completionAtRoundEnd,
        preselectByGpu: config.preselectByGpu ? true : undefined,
        starvationGuard: config.starvationGuard,
        consolidate: config.placement !== 'first-fit',
        measureJobs,
        hybridOptions: hybrid,
      });
    },
  };
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

/** Policy option defaults under the irfsim preset: ES as IRFsim's EqualShareScheduler, SRPT ordering by the original report (IRFsim's preempt shrinks the true demand only), AlloX's planned-queue ω and its user list per instant. */
export const IRFSIM_POLICY_DEFAULTS = { variant: 'irfsim', byOriginalReport: true, omegaBusy: 'plannedQueue', userOrder: 'irfsim' } as const;

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

const flags: FlagDef[] = [
  { flags: '--cluster <name|file>', key: 'cluster', description: `cluster preset (${[...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS].join(', ')}) or cluster file (YAML/JSON)` },
  { flags: '--gpus <n>', key: 'gpus', description: 'GPUs of a hybrid preset cluster (default 20)' },
  { flags: '--cpu-nodes <n>', key: 'cpuNodes', description: 'CPU nodes of a hybrid preset cluster (default 20)' },
  { flags: '--jobs-per-hour <λ>', key: 'jobsPerHour', description: 'Poisson arrival rate in jobs/hour (Philly: Synergy-style workload from the trace; allox-synthetic: its rate)' },
  { flags: '--jobs <n>', key: 'jobs', description: 'keep the first N jobs by arrival (Poisson workloads: generate N)' },
  { flags: '--round-length-seconds <s>', key: 'roundLengthSeconds', description: 'round (lease) length in seconds (default 300)' },
  { flags: '--split <i,l,s>', key: 'split', description: 'Synergy model-class split image,language,speech in % (default 20,70,10)' },
  { flags: '--throughputs <file>', key: 'throughputs', description: 'Gavel throughput table for .trace inputs (default: bundled gavel/simulation_throughputs.json)' },
  { flags: '--completion-at-round-end', key: 'completionAtRoundEnd', description: 'original Synergy: jobs complete at the end of their last round (default: exact time)' },
  { flags: '--preselect-by-gpu', key: 'preselectByGpu', description: 'original Synergy: pre-select GPU-fitting jobs before CPU/memory allocation' },
  { flags: '--starvation-guard <rule>', key: 'starvationGuard', description: 'permanent (default: the original\'s bump for jobs waiting > 1000 h, kept until they finish) or per-round (re-checked every round)' },
  { flags: '--multi-gpu', key: 'multiGpu', description: "with --jobs-per-hour on a Philly trace: Synergy's multi-GPU mode (GPU counts from the trace; default single-GPU)" },
  { flags: '--placement <rule>', key: 'placement', description: 'consolidate (default) or first-fit (Synergy\'s placement: false)' },
  { flags: '--measure-jobs <from:to>', key: 'measureJobs', description: 'JCT metrics over job indices [from, to) only (Synergy measures 4000:5000)' },
  { flags: '--alpha <a>', key: 'alpha', description: 'default AlloX fairness knob α in (0, 1] (default 0.1)' },
  { flags: '--n-max <n>', key: 'nMax', description: 'default AlloX job subset N_max (default 50; "all" = no limit)' },
  { flags: '--load <λ>', key: 'jobsPerHour', description: 'old name of --jobs-per-hour for training runs', deprecatedFor: '--jobs-per-hour' },
  { flags: '--round-length <s>', key: 'roundLengthSeconds', description: 'old name of --round-length-seconds', deprecatedFor: '--round-length-seconds' },
  { flags: '--first-fit', key: 'placement', description: 'old form of --placement first-fit', deprecatedFor: '--placement first-fit', apply: (_v, c) => ({ ...c, placement: 'first-fit' }) },
];

registerScenarioKind({
  kind: 'training',
  level: 2,
  builtins: {
    // The original Synergy's default experiment (msr-fiddle/synergy simulator/runner.py, no trace): 128 GPUs (16 × 8, 24 cores,
    // 500 GB per server), synthetic jobs at 9 jobs/h with the 1/2/4/8 GPU mix, class split 20/70/10, JCT over jobs [4000, 5000)
    // with arrivals until they finish, its runner's policy FIFO+fair, placement off (the runner's default for "+fair").
    synergy: {
      name: 'builtin:synergy',
      workload: { type: 'synergy-synthetic', jobsPerHour: 9 },
      cluster: 'synergy',
      split: [20, 70, 10],
      measureJobs: [4000, 5000],
      placement: 'first-fit',
      policies: ['fifo'],
    },
  },
  summary: 'job scheduling on a training cluster (Philly CSV, Gavel .trace, openb pods, Allot job CSV; FIFO/SRTF/LAS/FTF/DRF/Tetris × Synergy modes, Gavel, AlloX and baselines)',
  schema: trainingSchema,
  flags,
  migrate(data, warn, source) {
    const out = { ...data };
    if (typeof out.placement === 'boolean') {
      const v = out.placement ? 'consolidate' : 'first-fit';
      warn(`${source}: "placement: ${out.placement}" is deprecated; write "placement: ${v}"`);
      out.placement = v;
    }
    if ('seed' in out) {
      warn(`${source}: field "seed" is ignored (it never set the seed); pass --seed N`);
      delete out.seed;
    }
    return out;
  },
  resolvePaths(data, dir) {
    const out = { ...data };
    for (const f of ['trace', 'throughputs'] as const) if (typeof out[f] === 'string') out[f] = resolve(dir, out[f] as string);
    const c = out.cluster;
    if (typeof c === 'string' && ![...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS].includes(c)) out.cluster = resolve(dir, c);
    return out;
  },
  claimsTrace: (path, head) => traceFormat(path, head) !== undefined,
  prepare,
});
