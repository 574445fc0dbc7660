/**
 * Scenario kind `training`: job scheduling on a training cluster (level 2).
 *
 * `allot run --trace PATH [--cluster NAME|FILE] [--policies a,b] [--load JOBS_PER_HOUR]
 * [--jobs N] [--round-length S] [--split I,L,S] [--json] [--out DIR]` where PATH is
 * a Philly CSV, a Gavel `.trace` file or an Allot job CSV (src/data/*).
 * - Philly CSV without `--load`: the whole trace replayed (real arrivals,
 *   durations, GPU counts, VCs as tenants); with `--load λ`: Synergy's Poisson
 *   workload at λ jobs/hour drawn from the trace (Synergy spec §6).
 * - Gavel trace: Gavel job types on a heterogeneous cluster (default `gavel`).
 * - Alibaba openb pod list: GPU pods as jobs on the openb cluster (openb-workload.ts).
 * - Allot job CSV: with `cpu_time_s`/`gpu_time_s` a hybrid CPU/GPU (AlloX)
 *   workload, else a GPU workload.
 * Scenario files (`kind: training`) name the same things (schema below), plus
 * `workload: {type: allox-synthetic, …}` for AlloX's synthetic workload.
 *
 * Output per policy: name, jobs, finishedJobs, avgJctSeconds, medianJctSeconds,
 * p99JctSeconds, makespanSeconds, utilization (GPU-time used / (GPUs ×
 * makespan); slot-time for hybrid clusters), avgQueueingSeconds, ftfRhoMean,
 * ftfRhoMax (+ alloxFairness for hybrid runs) and `tenants` [{id, jobs,
 * avgJctSeconds, p99JctSeconds, avgQueueingSeconds, ftfRhoMean, ftfRhoMax}];
 * series `jctCdf` and `utilization`; table `jobs` (one row per job and policy).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, basename, join } from 'node:path';
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../errors.js';
import type { PolicyResult, Results, RowTable, RunOutput, TenantResult, MetricValue } from '../results.js';
import { allotVersion, sha256, type InputRef } from '../provenance.js';
import { registerScenarioKind, type RunRequest } from './registry.js';
import { parseIntOption, parseJsonFile, parseList, parseNumberOption, parseYamlFile, readInputFile } from '../cli/common.js';
import { dataFile } from '../data/data-dir.js';
import { looksLikePhilly, parsePhillyCsv } from '../data/philly-trace.js';
import { looksLikeGavelTrace, parseGavelTrace } from '../data/gavel-trace.js';
import { parseGavelThroughputs, type GavelThroughputs } from '../data/gavel-throughputs.js';
import { looksLikeAllotJobCsv, parseAllotJobCsv } from '../data/allot-job-csv.js';
import { looksLikeOpenbPods, parseOpenbNodes, parseOpenbPods } from '../data/alibaba-openb.js';
import { openbJobs } from '../workload/training/openb-workload.js';
import { phillyReplay, synergyPoisson, type ClassSplit } from '../workload/training/philly-workload.js';
import { gavelJobs } from '../workload/training/gavel-workload.js';
import { alloxWorkload } from '../workload/training/allox-workload.js';
import type { TrainingJob } from '../workload/training/job.js';
import { clusterPreset, parseClusterFile, CLUSTER_PRESETS, type TrainingCluster } from '../workload/training/cluster.js';
import { simulateTraining, type EngineResult } from '../schedulers/engine.js';
import { canonicalTrainingPolicy, resolveTrainingPolicy } from '../schedulers/registry.js';
import { loadSynergyOpt } from '../schedulers/synergy-opt.js';
import { hybridClusterPreset, HYBRID_PRESETS, type HybridCluster, type HybridJob } from '../schedulers/hybrid/cluster.js';
import { simulateHybrid, type HybridOptions, type HybridResult } from '../schedulers/hybrid/engine.js';
import { hybridPolicy, HYBRID_POLICY_NAMES } from '../schedulers/hybrid/registry.js';
import { finishTimeFairness, jctCdf, summarizeByTenant, summarizeJct, type JctRecord, type JctSummary } from '../metrics/jct.js';

export const DEFAULT_TRAINING_POLICIES = ['fifo', 'srtf', 'las', 'ftf', 'synergy-tune'];
export const DEFAULT_HYBRID_POLICIES = ['allox', 'drff', 'drfs', 'es', 'drfa', 'srpt'];

const workloadSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('philly-replay'), jobs: z.number().int().min(1).optional(), split: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).optional() }),
  z.strictObject({
    type: z.literal('synergy-poisson'), jobs: z.number().int().min(1), jobsPerHour: z.number().positive(), multiGpu: z.boolean().optional(),
    split: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]).optional(),
  }),
  z.strictObject({
    type: z.literal('allox-synthetic'), users: z.number().int().min(1).optional(), jobsPerUser: z.number().int().min(1).optional(),
    load: z.number().positive().optional(), errorStd: z.number().min(0).optional(), timeUnitSeconds: z.number().positive().optional(),
  }),
]);

export const trainingScenarioSchema = z.strictObject({
  kind: z.literal('training'),
  name: z.string().min(1).optional(),
  trace: z.string().min(1).optional(),
  workload: workloadSchema.optional(),
  cluster: z.union([z.string().min(1), z.object({ servers: z.array(z.unknown()) }).passthrough()]).optional(),
  gpus: z.number().int().min(1).optional(),
  policies: z.array(z.string().min(1)).min(1).optional(),
  roundLengthSeconds: z.number().positive().optional(),
  /** Original Synergy behaviour: a job completes at the end of its last round. */
  completionAtRoundEnd: z.boolean().optional(),
  /** Original Synergy behaviour: pre-select GPU-fitting jobs before allocating CPU/memory (every policy). */
  preselectByGpu: z.boolean().optional(),
  /** Synergy's `placement: false` (first fit in server-id order); default true (consolidation). */
  placement: z.boolean().optional(),
  /** Measurement window of job indices [from, to) for the JCT metrics (Synergy §7 uses [4000, 5000)). */
  measureJobs: z.tuple([z.number().int().min(0), z.number().int().min(1)]).optional(),
  seed: z.number().int().optional(),
  alpha: z.number().gt(0).max(1).optional(),
  nMax: z.number().int().min(1).optional(),
  /** Hybrid-cluster (AlloX) simulator options and original quirks (AlloX spec §4, §9). */
  hybrid: z.strictObject({
    sampling: z.boolean().optional(),
    groupProfiling: z.boolean().optional(),
    minSampleSeconds: z.number().min(0).optional(),
    skipPolicyWhileSamplesPending: z.boolean().optional(),
    legacyCpuFlag: z.boolean().optional(),
    drffForce64GB: z.boolean().optional(),
    fairnessWindowSeconds: z.number().positive().optional(),
  }).optional(),
});
export type TrainingScenario = z.infer<typeof trainingScenarioSchema>;

/** A resolved training run: either GPU jobs on a server cluster or hybrid jobs on a CPU/GPU slot cluster. */
export type TrainingInputs =
  | { type: 'gpu'; jobs: TrainingJob[]; cluster: TrainingCluster; inputs: InputRef[]; parameters: Record<string, MetricValue> }
  | { type: 'hybrid'; jobs: HybridJob[]; cluster: HybridCluster; inputs: InputRef[]; parameters: Record<string, MetricValue> };

export interface TrainingRunSpec {
  name: string;
  inputs: TrainingInputs;
  policies: string[];
  seed: number;
  roundLength?: number;
  completionAtRoundEnd?: boolean;
  preselectByGpu?: boolean;
  consolidate?: boolean;
  measureJobs?: [number, number];
  alpha?: number;
  nMax?: number;
  hybridOptions?: HybridOptions;
  onProgress?: RunRequest['onProgress'];
}

function fileRef(path: string, text: string): InputRef {
  return { path, sha256: sha256(text) };
}

function resolveCluster(spec: string | Record<string, unknown> | undefined, fallback: string, base: string | undefined, inputs: InputRef[]): TrainingCluster {
  if (spec !== undefined && typeof spec === 'object') return parseClusterFile(spec, 'scenario.cluster');
  const name = spec ?? fallback;
  if ((CLUSTER_PRESETS as readonly string[]).includes(name)) return clusterPreset(name);
  if (name === 'alibaba-openb') {
    const p = dataFile('alibaba-openb/openb_node_list_gpu_node.csv');
    if (!p) throw new InputError('the alibaba-openb preset needs the bundled node list (alibaba-openb/openb_node_list_gpu_node.csv): set ALLOT_DATA_DIR', '--cluster');
    const text = readInputFile(p, 'node list');
    inputs.push(fileRef(p, text));
    return parseOpenbNodes(text, p);
  }
  if ((HYBRID_PRESETS as readonly string[]).includes(name)) throw new InputError(`"${name}" is a hybrid CPU/GPU cluster: use it with an AlloX workload (hybrid job CSV or workload type allox-synthetic)`, '--cluster');
  const path = base && !isAbsolute(name) ? resolve(base, name) : name;
  const text = readInputFile(path, 'cluster file');
  inputs.push(fileRef(path, text));
  const data = path.endsWith('.json') ? parseJsonFile(path, text) : parseYamlFile(path, text);
  return parseClusterFile(data, path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function loadThroughputs(option: string | undefined, inputs: InputRef[]): GavelThroughputs {
  const tpPath = option ?? dataFile('gavel/simulation_throughputs.json');
  if (!tpPath) throw new InputError('a Gavel trace needs the throughput table: pass --throughputs FILE (gavel/simulation_throughputs.json)', '--throughputs');
  const tpText = readInputFile(tpPath, 'throughput table');
  inputs.push(fileRef(tpPath, tpText));
  return parseGavelThroughputs(parseJsonFile(tpPath, tpText), tpPath).consolidated;
}

function parseSplit(v: unknown): ClassSplit | undefined {
  if (v === undefined) return undefined;
  const parts = parseList('--split', String(v)).map((x) => parseNumberOption('--split', x, 0));
  if (parts.length !== 3 || parts.every((x) => x === 0)) throw new InputError(`expected three shares image,language,speech (e.g. 20,70,10), got "${String(v)}"`, '--split');
  return [parts[0], parts[1], parts[2]];
}

/** Reads the trace / workload of a request into concrete inputs. */
export function loadTrainingInputs(request: RunRequest): { spec: TrainingRunSpec } {
  const x = request.extra;
  let file: TrainingScenario | undefined;
  let base: string | undefined;
  if (request.scenarioFile) {
    const r = trainingScenarioSchema.safeParse(request.scenarioFile.data);
    if (!r.success) throw inputErrorFromZod(r.error, request.scenarioFile.path);
    file = r.data;
    base = dirname(request.scenarioFile.path);
  }
  const inputs: InputRef[] = [];
  if (request.scenarioFile) inputs.push(fileRef(request.scenarioFile.path, request.scenarioFile.text));
  const jobsOpt = x.jobs !== undefined ? parseIntOption('--jobs', String(x.jobs), 1) : undefined;
  const load = x.load !== undefined ? parseNumberOption('--load', String(x.load), 0) : undefined;
  if (load !== undefined && !(load > 0)) throw new InputError('expected jobs per hour > 0', '--load');
  const split = parseSplit(x.split);
  const roundLength = x.roundLength !== undefined ? parseNumberOption('--round-length', String(x.roundLength), 1) : file?.roundLengthSeconds;
  const seed = request.seed;
  const clusterOpt = (x.cluster as string | undefined) ?? file?.cluster;
  const tracePath = request.trace ?? (file?.trace ? (base && !isAbsolute(file.trace) ? resolve(base, file.trace) : file.trace) : undefined);
  const workload = file?.workload;
  const parameters: Record<string, MetricValue> = {};
  let resolved: TrainingInputs;
  if (workload?.type === 'allox-synthetic' || (!tracePath && !workload)) {
    if (!workload && !tracePath) throw new InputError('a training run needs --trace PATH or a scenario file with "trace" or "workload"', '--trace');
    const w = workload as Extract<z.infer<typeof workloadSchema>, { type: 'allox-synthetic' }>;
    const wl = load !== undefined ? load / 27 : w.load ?? 1;
    const jobs = alloxWorkload({ users: w.users, jobsPerUser: w.jobsPerUser ?? 100, load: wl, errorStd: w.errorStd, timeUnitS: w.timeUnitSeconds, seed });
    const cluster = hybridClusterPreset(typeof clusterOpt === 'string' ? clusterOpt : 'allox', file?.gpus);
    Object.assign(parameters, { workload: 'allox-synthetic', users: w.users ?? 10, jobsPerUser: w.jobsPerUser ?? 100, loadFactor: wl, cluster: cluster.name });
    resolved = { type: 'hybrid', jobs: jobsOpt ? jobs.slice(0, jobsOpt) : jobs, cluster, inputs, parameters };
  } else {
    if (!tracePath) throw new InputError('workload type needs a trace (set "trace")', request.scenarioFile?.path ?? '--trace');
    if (isDirectory(tracePath)) {
      // A directory of Gavel per-VC traces (e.g. gavel/msr-seed0): every *.trace file, its name the tenant.
      const files = readdirSync(tracePath).filter((f) => f.endsWith('.trace')).sort();
      if (files.length === 0) throw new InputError('directory holds no *.trace files (expected Gavel per-VC traces)', tracePath);
      const all = files.flatMap((f) => {
        const path = join(tracePath, f);
        const t = readInputFile(path, 'trace');
        inputs.push(fileRef(path, t));
        return parseGavelTrace(t, path, f.replace(/\.trace$/, ''));
      });
      const tp = loadThroughputs(x.throughputs as string | undefined, inputs);
      const { jobs, skipped } = gavelJobs(all, tp, 'v100', jobsOpt);
      const cluster = resolveCluster(clusterOpt, 'gavel', base, inputs);
      Object.assign(parameters, { workload: 'gavel-traces', cluster: cluster.name, tenants: files.length, jobs: jobs.length, skippedJobsWithoutThroughput: skipped.length });
      return finish({ type: 'gpu', jobs, cluster, inputs, parameters });
    }
    const text = readInputFile(tracePath, 'trace');
    inputs.push(fileRef(tracePath, text));
    const head = text.slice(0, 4096);
    if (looksLikePhilly(head)) {
      const trace = parsePhillyCsv(text, tracePath);
      const cluster = resolveCluster(clusterOpt, 'philly', base, inputs);
      let jobs: TrainingJob[];
      const poisson = workload?.type === 'synergy-poisson' ? workload : load !== undefined ? { jobsPerHour: load, jobs: jobsOpt ?? 1000, multiGpu: x.multiGpu === true, split } : undefined;
      if (poisson) {
        jobs = synergyPoisson(trace, { jobs: jobsOpt ?? poisson.jobs, jobsPerHour: poisson.jobsPerHour, multiGpu: poisson.multiGpu ?? false, split: split ?? poisson.split, seed });
        Object.assign(parameters, { workload: 'synergy-poisson', jobsPerHour: poisson.jobsPerHour, multiGpu: poisson.multiGpu ?? false });
      } else {
        const w = workload?.type === 'philly-replay' ? workload : undefined;
        jobs = phillyReplay(trace, { jobs: jobsOpt ?? w?.jobs, split: split ?? w?.split, seed });
        Object.assign(parameters, { workload: 'philly-replay' });
      }
      Object.assign(parameters, { cluster: cluster.name, jobs: jobs.length });
      resolved = { type: 'gpu', jobs, cluster, inputs, parameters };
    } else if (looksLikeOpenbPods(head)) {
      const pods = parseOpenbPods(text, tracePath);
      const cluster = resolveCluster(clusterOpt, 'alibaba-openb', base, inputs);
      const types = [...new Set(cluster.servers.map((s) => s.gpuType))];
      const { jobs, skipped } = openbJobs(pods, types, jobsOpt);
      Object.assign(parameters, { workload: 'alibaba-openb-pods', cluster: cluster.name, jobs: jobs.length, skippedPods: skipped });
      resolved = { type: 'gpu', jobs, cluster, inputs, parameters };
    } else if (looksLikeAllotJobCsv(head)) {
      const rows = parseAllotJobCsv(text, tracePath);
      const kept = jobsOpt ? [...rows].sort((a, b) => a.arrival - b.arrival || a.line - b.line).slice(0, jobsOpt) : rows;
      const hybrid = kept.every((r) => r.cpuTime !== undefined && r.gpuTime !== undefined);
      if (hybrid) {
        const sorted = [...kept].sort((a, b) => a.arrival - b.arrival || a.line - b.line);
        const jobs: HybridJob[] = sorted.map((r, index) => ({
          index, id: r.id, user: r.tenant, arrival: r.arrival,
          cpu: { cores: r.cpuCores, memoryGb: r.cpuMemGb, time: r.cpuTime! }, gpu: { gpus: 1, memoryGb: r.gpuMemGb, time: r.gpuTime! },
          estCpuTime: r.cpuTime!, estGpuTime: r.gpuTime!,
        }));
        const cluster = hybridClusterPreset(typeof clusterOpt === 'string' ? clusterOpt : 'allox', file?.gpus);
        Object.assign(parameters, { workload: 'allot-job-csv (hybrid)', cluster: cluster.name, jobs: jobs.length });
        resolved = { type: 'hybrid', jobs, cluster, inputs, parameters };
      } else {
        const sorted = [...kept].sort((a, b) => a.arrival - b.arrival || a.line - b.line);
        const jobs: TrainingJob[] = sorted.map((r, index) => ({ index, id: r.id, tenant: r.tenant, arrival: r.arrival, gpus: r.gpus, work: r.work, model: r.model }));
        const cluster = resolveCluster(clusterOpt, 'synergy', base, inputs);
        Object.assign(parameters, { workload: 'allot-job-csv', cluster: cluster.name, jobs: jobs.length });
        resolved = { type: 'gpu', jobs, cluster, inputs, parameters };
      }
    } else if (looksLikeGavelTrace(tracePath, head)) {
      const tenant = basename(tracePath).replace(/\.trace$/, '');
      const trace = parseGavelTrace(text, tracePath, tenant);
      const tp = loadThroughputs(x.throughputs as string | undefined, inputs);
      const { jobs, skipped } = gavelJobs(trace, tp, 'v100', jobsOpt);
      const cluster = resolveCluster(clusterOpt, 'gavel', base, inputs);
      Object.assign(parameters, { workload: 'gavel-trace', cluster: cluster.name, jobs: jobs.length, skippedJobsWithoutThroughput: skipped.length });
      resolved = { type: 'gpu', jobs, cluster, inputs, parameters };
    } else {
      throw new InputError('unrecognised trace format (expected a Philly CSV, a Gavel .trace, an Alibaba openb pod list or an Allot job CSV)', tracePath);
    }
  }
  return finish(resolved);

  function finish(resolved: TrainingInputs): { spec: TrainingRunSpec } {
    const policies = request.policies ?? file?.policies ?? (resolved.type === 'hybrid' ? DEFAULT_HYBRID_POLICIES : DEFAULT_TRAINING_POLICIES);
    if (resolved.type === 'gpu') for (const p of policies) canonicalTrainingPolicy(p);
    else for (const p of policies) if (!(HYBRID_POLICY_NAMES as readonly string[]).includes(p.split(':')[0])) throw new InputError(`unknown hybrid-cluster policy "${p}" (expected one of: ${HYBRID_POLICY_NAMES.join(', ')})`, '--policies');
    if (roundLength !== undefined) parameters.roundLengthSeconds = roundLength;
    if (x.completionAtRoundEnd === true || file?.completionAtRoundEnd) parameters.completionAtRoundEnd = true;
    if (x.firstFit === true || file?.placement === false) parameters.placement = 'first-fit';
    let measureJobs = file?.measureJobs;
    if (x.measureJobs !== undefined) {
      const m = /^(\d+):(\d+)$/.exec(String(x.measureJobs));
      if (!m || Number(m[1]) >= Number(m[2])) throw new InputError(`expected FROM:TO job indices with FROM < TO (e.g. 4000:5000), got "${String(x.measureJobs)}"`, '--measure-jobs');
      measureJobs = [Number(m[1]), Number(m[2])];
    }
    if (measureJobs) {
      if (measureJobs[0] >= measureJobs[1]) throw new InputError('measureJobs: expected [from, to) with from < to', request.scenarioFile?.path ?? '--measure-jobs');
      if (measureJobs[0] >= resolved.jobs.length) throw new InputError(`measurement window starts at job ${measureJobs[0]} but the workload has ${resolved.jobs.length} jobs`, '--measure-jobs');
      parameters.measureJobs = `${measureJobs[0]}:${measureJobs[1]}`;
    }
    if (x.preselectByGpu === true || file?.preselectByGpu) parameters.preselectByGpu = true;
    const alpha = x.alpha !== undefined ? parseNumberOption('--alpha', String(x.alpha), 0) : file?.alpha;
    if (alpha !== undefined && !(alpha > 0 && alpha <= 1)) throw new InputError(`expected α in (0, 1], got ${alpha}`, '--alpha');
    const nMax = x.nMax !== undefined ? parseIntOption('--n-max', String(x.nMax), 1) : file?.nMax;
    return {
      spec: {
        name: file?.name ?? request.scenarioFile?.path ?? request.trace ?? 'training',
        inputs: resolved, policies, seed, roundLength, alpha, nMax, onProgress: request.onProgress, hybridOptions: file?.hybrid,
        consolidate: !(x.firstFit === true || file?.placement === false),
        measureJobs,
        completionAtRoundEnd: x.completionAtRoundEnd === true || file?.completionAtRoundEnd === true,
        preselectByGpu: x.preselectByGpu === true || file?.preselectByGpu === true ? true : undefined,
      },
    };
  }
}

const round6 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

function flatSummary(s: JctSummary): Record<string, MetricValue> {
  return {
    jobs: s.jobs, finishedJobs: s.finished,
    avgJctSeconds: round6(s.avgJctSeconds), medianJctSeconds: round6(s.medianJctSeconds), p99JctSeconds: round6(s.p99JctSeconds),
    top5PctAvgJctSeconds: round6(s.top5PctAvgJctSeconds), top1PctAvgJctSeconds: round6(s.top1PctAvgJctSeconds),
    avgQueueingSeconds: round6(s.avgQueueingSeconds), ftfRhoMean: round6(s.ftfRhoMean), ftfRhoMax: round6(s.ftfRhoMax),
  };
}

/** Down-samples a step series to ≤ maxPoints time-weighted bins. */
function binSeries(points: { time: number; span: number; value: number }[], end: number, maxPoints = 300): { time: number; value: number }[] {
  if (points.length === 0 || !(end > 0)) return [];
  const bin = end / Math.min(maxPoints, points.length);
  const acc = new Float64Array(Math.ceil(end / bin) + 1);
  for (const p of points) {
    let t = p.time;
    const stop = Math.min(end, p.time + p.span);
    while (t < stop - 1e-9) {
      const b = Math.floor(t / bin + 1e-12);
      const be = Math.min(stop, (b + 1) * bin);
      acc[b] += p.value * (be - t);
      t = be;
    }
  }
  const out: { time: number; value: number }[] = [];
  for (let b = 0; b * bin < end; b++) out.push({ time: round6(b * bin)!, value: round6(acc[b] / bin)! });
  return out;
}

/** Runs every policy of a spec and builds the results, series and tables. */
export async function runTrainingSpec(spec: TrainingRunSpec): Promise<RunOutput> {
  const policies: PolicyResult[] = [];
  const jobRows: RowTable['rows'] = [];
  const cdf: Record<string, MetricValue>[] = [];
  const util: Record<string, MetricValue>[] = [];
  const inp = spec.inputs;
  if (inp.type === 'gpu' && spec.policies.some((p) => { const c = canonicalTrainingPolicy(p); return c.mode === 'opt' || c.order.startsWith('gavel-'); })) await loadSynergyOpt();
  let done = 0;
  for (const name of spec.policies) {
    spec.onProgress?.(done, spec.policies.length, `training: ${name}`);
    let records: JctRecord[];
    let extra: Record<string, MetricValue>;
    if (inp.type === 'gpu') {
      const { policy, mode } = resolveTrainingPolicy(name);
      const r: EngineResult = simulateTraining(inp.jobs, inp.cluster, policy, mode, {
        roundLength: spec.roundLength, completionAtRoundEnd: spec.completionAtRoundEnd, preselectByGpu: spec.preselectByGpu, consolidate: spec.consolidate,
      });
      records = r.outcomes.map((o) => ({
        tenant: o.job.tenant, arrival: o.job.arrival, finish: o.finish, queueing: o.queueing,
        rho: o.finish >= 0 ? finishTimeFairness(o.jct, o.job.work, o.job.gpus, o.contendAvg, r.totalGpus) : NaN,
      }));
      for (let i = 0; i < r.outcomes.length; i++) {
        const o = r.outcomes[i];
        jobRows.push([name, o.job.id, o.job.tenant, o.job.arrival, o.job.gpus, round6(o.job.work), o.job.model ?? o.job.jobType ?? '', o.firstStart, round6(o.finish), round6(o.jct), o.queueing, round6(records[i].rho), '']);
      }
      extra = {
        makespanSeconds: round6(r.makespan), utilization: round6(r.makespan > 0 ? r.busyGpuSeconds / (r.totalGpus * r.makespan) : 0),
        roundsProcessed: r.roundsProcessed, roundsSimulated: r.roundsSimulated,
      };
      const R = spec.roundLength ?? 300;
      for (const res of ['gpu', 'cpu', 'memory'] as const) {
        for (const p of binSeries(r.utilization.map((u) => ({ time: u.time, span: u.rounds * R, value: u[res] })), r.makespan)) {
          util.push({ policy: name, timeSeconds: p.time, utilization: p.value, resource: res });
        }
      }
    } else {
      const policy = hybridPolicy(name, inp.jobs, { alpha: spec.alpha, nMax: spec.nMax });
      const r: HybridResult = simulateHybrid(inp.jobs, inp.cluster, policy, spec.hybridOptions);
      records = r.outcomes.map((o) => ({
        tenant: o.job.user, arrival: o.job.arrival, finish: o.finish, queueing: o.wait,
        // ρ on a hybrid cluster (ours): JCT / the job's fastest true processing time (its JCT alone on an idle cluster).
        rho: o.jct / Math.min(o.job.cpu.time, o.job.gpu.time),
      }));
      for (const o of r.outcomes) jobRows.push([name, o.job.id, o.job.user, o.job.arrival, 1, round6(Math.min(o.job.cpu.time, o.job.gpu.time)), '', round6(o.finish - o.jct + o.wait), round6(o.finish), round6(o.jct), round6(o.wait), round6(o.jct / Math.min(o.job.cpu.time, o.job.gpu.time)), o.device]);
      extra = { makespanSeconds: round6(r.makespan), utilization: round6(r.utilization), alloxFairness: round6(r.fairness) };
      const pts = r.utilizationSeries;
      for (const res of ['gpu', 'cpu'] as const) {
        const steps = pts.map((p, i) => ({ time: p.time, span: (pts[i + 1]?.time ?? r.makespan) - p.time, value: p[res] }));
        for (const p of binSeries(steps, r.makespan)) util.push({ policy: name, timeSeconds: p.time, utilization: p.value, resource: res });
      }
    }
    const w = spec.measureJobs;
    // Outcomes come sorted by job index, and every workload numbers its jobs 0..n−1 in input order.
    const index: number[] = (inp.jobs as readonly { index: number }[]).map((j) => j.index);
    const measured = w ? records.filter((_, i) => index[i] >= w[0] && index[i] < w[1]) : records;
    const total = summarizeJct(measured);
    const tenants: TenantResult[] = summarizeByTenant(measured).map(({ id, summary }) => {
      const f = flatSummary(summary);
      return { id, jobs: f.jobs, avgJctSeconds: f.avgJctSeconds, p99JctSeconds: f.p99JctSeconds, avgQueueingSeconds: f.avgQueueingSeconds, ftfRhoMean: f.ftfRhoMean, ftfRhoMax: f.ftfRhoMax };
    });
    const flat = flatSummary(total);
    policies.push({ name, ...flat, ...extra, tenants } as PolicyResult);
    const jcts = measured.filter((x) => x.finish >= 0).map((x) => x.finish - x.arrival);
    for (const p of jctCdf(jcts)) cdf.push({ policy: name, jctSeconds: round6(p.jctSeconds), fraction: round6(p.fraction) });
    done++;
  }
  spec.onProgress?.(done, spec.policies.length, 'training');
  const results: Results = {
    allotVersion, scenario: spec.name, kind: 'training', seed: spec.seed, inputs: inp.inputs,
    parameters: inp.parameters, policies,
  };
  return {
    results,
    artifacts: {
      tables: [{ name: 'jobs', columns: ['policy', 'id', 'tenant', 'arrival_s', 'gpus', 'work_s', 'model', 'first_start_s', 'finish_s', 'jct_s', 'queueing_s', 'ftf_rho', 'device'], rows: jobRows }],
      series: { jctCdf: cdf, utilization: util },
    },
  };
}

registerScenarioKind({
  kind: 'training',
  summary: 'job scheduling on a training cluster (Philly CSV, Gavel .trace, Allot job CSV; FIFO/SRTF/LAS/FTF/DRF/Tetris × Synergy modes, AlloX and baselines)',
  options: [
    { flags: '--cluster <name|file>', description: `cluster preset (${[...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS].join(', ')}) or cluster file (YAML/JSON)` },
    { flags: '--load <jobsPerHour>', description: 'Poisson arrival rate in jobs/hour (Philly: Synergy-style workload from the trace; AlloX: rate of the synthetic workload)' },
    { flags: '--jobs <n>', description: 'keep the first N jobs (by arrival)' },
    { flags: '--round-length <s>', description: 'round (lease) length in seconds (default 300)' },
    { flags: '--split <i,l,s>', description: 'Synergy model-class split image,language,speech in % (default 20,70,10)' },
    { flags: '--throughputs <file>', description: 'Gavel throughput table for .trace inputs (default: bundled gavel/simulation_throughputs.json)' },
    { flags: '--completion-at-round-end', description: 'original Synergy: jobs complete at the end of their last round (default: exact time)' },
    { flags: '--preselect-by-gpu', description: 'original Synergy: pre-select GPU-fitting jobs before CPU/memory allocation' },
    { flags: '--multi-gpu', description: "with --load on a Philly trace: Synergy's multi-GPU mode (GPU counts from the trace; default single-GPU)" },
    { flags: '--first-fit', description: "Synergy's placement: false — first fit in server-id order instead of consolidation" },
    { flags: '--measure-jobs <from:to>', description: 'JCT metrics over job indices [from, to) only (Synergy measures 4000:5000)' },
    { flags: '--alpha <a>', description: 'AlloX fairness knob α in (0, 1] (default 0.1)' },
    { flags: '--n-max <n>', description: 'AlloX job subset N_max (default 50)' },
  ],
  claimsTrace: (path, head) => (head === '' && isTraceDirectory(path)) || looksLikePhilly(head) || looksLikeOpenbPods(head) || looksLikeAllotJobCsv(head) || path.endsWith('.trace') || looksLikeGavelTrace(path, head),
  async run(request) {
    const { spec } = loadTrainingInputs(request);
    return runTrainingSpec(spec);
  },
  display: {
    policyColumns: ['jobs', 'avgJctSeconds', 'medianJctSeconds', 'p99JctSeconds', 'makespanSeconds', 'utilization', 'ftfRhoMean', 'ftfRhoMax'],
    tenantColumns: ['jobs', 'avgJctSeconds', 'p99JctSeconds', 'ftfRhoMean', 'ftfRhoMax'],
  },
});

/** A directory of Gavel per-VC `.trace` files (one tenant each). */
function isTraceDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).some((f) => f.endsWith('.trace'));
  } catch {
    return false;
  }
}
