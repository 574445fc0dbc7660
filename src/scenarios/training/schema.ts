/**
 * Config of the `training` scenario kind (level 2): a trace or a synthetic
 * workload, a cluster, and the job schedulers to compare. This schema is the
 * config type (`allot schema training`).
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { policyListSchema } from '../../policies/spec.js';
import { clusterFileSchema } from '../../workload/training/cluster.js';
import { hybridClusterSchema } from '../../schedulers/hybrid/cluster.js';
import { STARVATION_GUARD_RULES } from '../../schedulers/types.js';

const share = lazySchema((z) => z.number().min(0));
const split = lazySchema((z) => z.tuple([share, share, share]).describe('Synergy model-class split image, language, speech in % (default 20, 70, 10)'));
const jobsPerHour = lazySchema((z) => z.number().positive().finite());

/** A synthetic or trace-derived workload (`workload:`). */
export const workloadSchema = lazySchema((z) => z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('philly-replay'),
    jobs: z.number().int().min(1).optional().describe('keep the first N jobs by arrival'),
    split: split.optional(),
  }),
  z.strictObject({
    type: z.literal('synergy-poisson'),
    jobs: z.number().int().min(1).optional().describe('jobs to generate (default: open arrivals when measureJobs is set, else 1,000)'),
    jobsPerHour: jobsPerHour.describe('Poisson arrival rate, jobs/hour'),
    multiGpu: z.boolean().optional().describe('GPU counts from the trace (default: every job 1 GPU, Synergy\'s default)'),
    split: split.optional(),
  }),
  z.strictObject({
    type: z.literal('synergy-synthetic'),
    jobsPerHour: jobsPerHour.describe('Poisson arrival rate, jobs/hour'),
    jobs: z.number().int().min(1).optional().describe('jobs to generate (default: open arrivals when measureJobs is set, else 1,000)'),
    multiGpu: z.boolean().optional().describe('GPU demand 1/2/4/8 at 70/10/15/5 % (default true, the original\'s trace-free mode); false = 1 GPU each'),
    split: split.optional(),
  }),
  z.strictObject({
    type: z.literal('allox-synthetic'),
    users: z.number().int().min(1).max(16, 'expected at most 16 users (the generator\'s CPU-time model N(80 + 30u, 40) truncated to [40, 450] has almost no mass past user 16)').optional().describe('users (default 10, at most 16)'),
    jobsPerUser: z.number().int().min(1).optional().describe('jobs per user (default 100)'),
    load: z.number().positive().finite().optional().describe('multiplies the arrival rate 0.45 jobs/time unit (default 1); or give jobsPerHour'),
    jobsPerHour: jobsPerHour.optional().describe('arrival rate in jobs/hour (= 0.45 × load jobs per time unit)'),
    errorStd: z.number().min(0).optional().describe('standard deviation of the relative error of reported times (default 0.1)'),
    timeUnitSeconds: z.number().positive().max(86400).optional().describe('seconds per time unit of the generator (default 60, at most a day)'),
  }),
  z.strictObject({
    type: z.literal('gavel-trace'),
    arrivalsBeforeHours: z.number().positive().finite().optional().describe('keep only the jobs arriving before this many hours (e.g. 168: the first week)'),
    maxWorkHours: z.number().positive().finite().optional().describe('cap each job\'s work at this many hours on its reference type (V100): fewer total steps, same throughputs'),
  }),
  z.strictObject({
    type: z.literal('irfsim-trace'),
    users: z.number().int().min(1).optional().describe('users the trace\'s jobs are dealt to, round-robin in file order (IRFsim numQueues; default 10)'),
    jobsPerUser: z.number().int().min(1).optional().describe('jobs per user (IRFsim numJobs; default 100)'),
    timeUnitSeconds: z.number().positive().max(86400).optional().describe('seconds per IRFsim time unit (default 60)'),
  }),
]));

/**
 * The config schema of the `training` scenario kind (strict: unknown keys are
 * errors; defaults applied). Its output is `TrainingConfig`; `allot schema
 * training` prints it as JSON Schema.
 */
export const trainingSchema = lazySchema((z) => z.strictObject({
  kind: z.literal('training').describe('scenario kind'),
  name: z.string().min(1).optional().describe('scenario name in results (default: the file path or the trace)'),
  trace: z.string().min(1).optional().describe('a Philly CSV, a Gavel .trace file or a directory of them, an Alibaba openb pod list, an Allot job CSV, a job list recorded by Synergy, or an IRFsim job trace'),
  workload: workloadSchema.optional().describe('a synthetic or trace-derived workload instead of replaying the trace'),
  jobsPerHour: jobsPerHour.optional().describe('with a Philly trace: Synergy\'s Poisson workload at this rate (jobs/hour); with allox-synthetic: its arrival rate'),
  jobs: z.number().int().min(1).optional().describe('keep the first N jobs by arrival (Poisson workloads: generate N; default open arrivals when measureJobs is set, else 1,000)'),
  maxJobs: z.number().int().min(1).optional().describe('open arrivals (generated workloads with measureJobs and no jobs): generate at most this many jobs (default 10 × the window\'s end); the run fails if the window has not finished when the last one arrives'),
  split: split.optional(),
  multiGpu: z.boolean().optional().describe('with jobsPerHour on a Philly trace: GPU counts from the trace (Synergy\'s multi-GPU mode)'),
  throughputs: z.string().min(1).optional().describe('Gavel throughput table for .trace inputs (default: the bundled gavel/simulation_throughputs.json)'),
  maxWorkSeconds: z.number().positive().finite().optional().describe('Gavel traces: cap each job\'s total_steps so it runs at most this many seconds alone on its reference type (V100); ours, for side-by-side runs'),
  cluster: z.union([z.string().min(1), clusterFileSchema, hybridClusterSchema]).optional().describe('a preset (synergy, philly, gavel, alibaba-openb, allox, allox-paper-draft), a cluster file, or a cluster object'),
  gpus: z.number().int().min(1).optional().describe('GPUs of a hybrid preset cluster (default 20)'),
  policies: policyListSchema.optional().describe('job schedulers: order[+mode] (fifo, srtf, las, ftf, drf, tetris, gavel-* × fair, greedy, tune, opt), or hybrid policies (allox, drff, drfs, es, drfa, srpt)'),
  roundLengthSeconds: z.number().positive().finite().optional().describe('round (lease) length in seconds (default 300)'),
  completionAtRoundEnd: z.boolean().default(false).describe('original Synergy: jobs complete at the end of their last round'),
  wholeIterations: z.boolean().default(false).describe('original Synergy: jobs with a Synergy model advance whole iterations per round, ⌊R / (τ_m / speed)⌋'),
  starvationGuard: z.enum(STARVATION_GUARD_RULES).default('permanent').describe('starvation guard (jobs waiting > 1000 h go first): permanent = the original\'s bump, kept until the job finishes; per-round = re-checked every round'),
  preselectByGpu: z.boolean().default(false).describe('original Synergy: pre-select GPU-fitting jobs before CPU/memory allocation (every policy)'),
  placement: z.enum(['consolidate', 'first-fit']).default('consolidate').describe('consolidate jobs on few servers (Synergy §4), or first fit in server-id order (Synergy\'s placement: false)'),
  measureJobs: z
    .union([z.tuple([z.number().int().min(0), z.number().int().min(1)]), z.string().regex(/^\d+:\d+$/, 'expected FROM:TO, e.g. 4000:5000').transform((s) => s.split(':').map(Number) as [number, number])])
    .optional()
    .describe('JCT metrics over job indices [from, to) only (Synergy measures 4000:5000)'),
  estimateErrorStd: z.number().min(0).finite().optional().describe('hybrid job CSV without est_cpu_s/est_gpu_s: reported times = true × (1 + e), e ~ N(0, σ) clamped to ±0.99, as allox-synthetic (default 0: perfect estimates)'),
  cpuNodes: z.number().int().min(0).optional().describe('CPU nodes of a hybrid preset cluster (default 20)'),
  alpha: z.number().gt(0).max(1).optional().describe('default AlloX fairness knob α for every policy that has it'),
  nMax: z.union([z.number().int().min(1), z.literal('all')]).optional().describe('default AlloX N_max for every policy that has it'),
  hybrid: z
    .strictObject({
      preset: z.enum(['irfsim']).optional().describe('irfsim: IRFsim\'s behaviour in one word (groupProfiling, minSampleSeconds 60, sampleLoop irfsim, sampleUsage, legacyCpuFlag, drffForce64GB, timeStepSeconds 60; policy defaults es(variant=irfsim), srpt(byOriginalReport=true), allox(omegaBusy=plannedQueue)); a contradicting field is an error'),
      sampling: z.boolean().optional().describe('sample tasks before a job is schedulable (default: on for every policy but DRFF)'),
      groupProfiling: z.boolean().optional().describe('a job becomes schedulable when every sample of jobs with the same arrival has finished'),
      minSampleSeconds: z.number().min(0).optional().describe('minimum sample duration, s (default 60)'),
      skipPolicyWhileSamplesPending: z.boolean().optional().describe('ours (stricter than IRFsim): skip the policy while sample tasks could not be placed'),
      sampleLoop: z.enum(['round-robin', 'irfsim']).optional().describe('sample placement: round-robin over users (default), or IRFsim\'s round-indexed loop that skips the policy only when a GPU and a CPU placement both failed'),
      legacyCpuFlag: z.boolean().optional().describe('IRFsim quirk: the DRF family and ES never record CPU placements'),
      drffForce64GB: z.boolean().optional().describe('IRFsim quirk: DRFF accounts every GPU job at 64 GB'),
      fairnessWindowSeconds: z.number().positive().optional().describe('average the fairness metric over [0, window] s only'),
      timeStepSeconds: z.number().positive().optional().describe('integer-step time (IRFsim): arrivals, sample and job ends rounded up to multiples of this many seconds'),
      sampleUsage: z.boolean().optional().describe('IRFsim: running sample tasks count in their user\'s usage (DRF shares, ES\'s 1/N)'),
    })
    .optional()
    .describe('hybrid-cluster (AlloX) simulator options and IRFsim quirks'),
}));

/** A validated training config (defaults applied). */
export type TrainingConfig = z.output<typeof trainingSchema>;
/** A training config as written. */
export type TrainingInput = z.input<typeof trainingSchema>;
