/**
 * Building a training workload from a validated config and its loaded trace:
 * GPU jobs on a server cluster (Philly replay or Synergy's Poisson workload,
 * Gavel traces, openb pods, an Allot job CSV) or hybrid CPU/GPU jobs on a
 * slot cluster (an Allot job CSV with CPU and GPU times, or AlloX's synthetic
 * workload). Contradictory settings are errors, never silently dropped.
 */
import { InputError } from '../../errors.js';
import type { HybridCluster, HybridJob, TrainingCluster, TrainingJob } from '../../model/index.js';
import type { InputRef } from '../../provenance.js';
import type { MetricValue } from '../../results.js';
import { alloxWorkload, relativeError } from '../../workload/training/allox-workload.js';
import { irfsimJobs } from '../../data/irfsim-trace.js';
import { Rng } from '../../sim/rng.js';
import { gavelJobs } from '../../workload/training/gavel-workload.js';
import { openbJobs } from '../../workload/training/openb-workload.js';
import { phillyReplay, synergyPoisson } from '../../workload/training/philly-workload.js';
import { synergyRecordJobs } from '../../data/synergy-record.js';
import { synergySynthetic } from '../../workload/training/synergy-workload.js';
import { HYBRID_PRESETS } from '../../schedulers/hybrid/cluster.js';
import { readThroughputs, resolveCluster, type ResolvedCluster, type TraceData } from './inputs.js';
import type { TrainingConfig } from './schema.js';

/** A built workload: GPU jobs on servers, or hybrid jobs on CPU/GPU slots, with the parameters reported in results. */
export type TrainingWorkload =
  | {
      type: 'gpu';
      jobs: TrainingJob[];
      cluster: TrainingCluster;
      parameters: Record<string, MetricValue>;
      /** Open arrivals (generated jobs = this many at most): the run stops when the measurement window has finished, and fails if the jobs ran out first. */
      openArrivals?: number;
      /** Stop each run once the measurement window has finished (open arrivals, and replays of the original Synergy's recorded job lists, as the original does). */
      stopAfterWindow?: boolean;
      /** The trace file, for errors about its content. */
      tracePath?: string;
    }
  | { type: 'hybrid'; jobs: HybridJob[]; cluster: HybridCluster; parameters: Record<string, MetricValue> };

/** AlloX's generator draws 0.45 jobs per time unit at load 1 (allox-workload.ts). */
const ALLOX_JOBS_PER_UNIT = 0.45;

/** Names what set a config field, for errors (the flag, or the scenario's field). */
export type Where = (field: string) => string;

function gpuCluster(c: ResolvedCluster, where: string): TrainingCluster {
  if (c.type !== 'gpu') throw new InputError(`"${c.cluster.name}" is a hybrid CPU/GPU cluster: use it with a hybrid workload (an Allot job CSV with cpu_time_s and gpu_time_s, or workload type allox-synthetic)`, where);
  return c.cluster;
}

function hybridCluster(c: ResolvedCluster, where: string): HybridCluster {
  if (c.type !== 'hybrid') throw new InputError(`a hybrid CPU/GPU workload needs a hybrid cluster (allox, allox-paper-draft, or {gpus, cpuNodes, coresPerNode}), got the GPU-server cluster "${c.cluster.name}"`, where);
  return c.cluster;
}

/**
 * How many jobs a generated GPU workload (Synergy's synthetic or Poisson
 * workload) makes under open arrivals — `maxJobs`, default 10 × the end of
 * the measurement window — or undefined for a fixed count (no window, or
 * `jobs` given, or not a generated GPU workload). The original keeps
 * generating until the window's jobs have finished (Synergy spec §7).
 * Throws InputError for `maxJobs` where it does not apply or below the window's end.
 */
export function openArrivalLimit(config: TrainingConfig, where: Where): number | undefined {
  const w = config.workload;
  const generated = w?.type === 'synergy-synthetic' || w?.type === 'synergy-poisson' || (w === undefined && config.jobsPerHour !== undefined);
  const fixed = config.jobs ?? (w?.type === 'synergy-synthetic' || w?.type === 'synergy-poisson' ? w.jobs : undefined);
  const m = config.measureJobs;
  if (!generated || !m || fixed !== undefined) {
    if (config.maxJobs !== undefined) throw new InputError('maxJobs applies to open arrivals: a generated workload (synergy-synthetic, or jobsPerHour on a Philly trace) with measureJobs and without jobs', where('maxJobs'));
    return undefined;
  }
  const max = config.maxJobs ?? 10 * m[1];
  if (max < m[1]) throw new InputError(`expected at least the measurement window's end (${m[1]} jobs), got ${max}`, where('maxJobs'));
  return max;
}

/** Builds the workload. `trace` is the loaded trace (undefined for allox-synthetic and synergy-synthetic). */
export function buildTrainingWorkload(config: TrainingConfig, trace: TraceData | undefined, seed: number, inputs: InputRef[], where: Where): TrainingWorkload {
  const w = config.workload;
  const parameters: Record<string, MetricValue> = {};
  const open = openArrivalLimit(config, where);
  if (config.estimateErrorStd !== undefined && !((trace?.format === 'allot-csv' && trace.rows.some((r) => r.cpuTime !== undefined)) || trace?.format === 'irfsim')) throw new InputError('estimateErrorStd applies to a hybrid (AlloX) Allot job CSV (with cpu_time_s and gpu_time_s) or an IRFsim trace; allox-synthetic has workload.errorStd', where('estimateErrorStd'));
  if (open !== undefined) Object.assign(parameters, { arrivals: 'open', maxJobs: open });
  const cluster = (fallback: string) => {
    const c = resolveCluster(config.cluster, fallback, config.gpus, inputs, where('cluster'), config.cpuNodes);
    const name = config.cluster ?? fallback;
    const preset = c.type === 'hybrid' && typeof name === 'string' && (HYBRID_PRESETS as readonly string[]).includes(name);
    for (const f of ['gpus', 'cpuNodes'] as const) {
      if (config[f] !== undefined && !preset) throw new InputError(`${f} sizes a hybrid preset cluster (allox, allox-paper-draft); give ${c.type === 'hybrid' ? 'a cluster object\'s size in the object' : 'a GPU cluster\'s size in its servers'}`, where(f));
    }
    return c;
  };
  if (w?.type === 'allox-synthetic') {
    if (trace) throw new InputError('workload type allox-synthetic generates its own jobs: remove "trace"', where('trace'));
    if (config.split || config.multiGpu) throw new InputError('split and multiGpu apply to Philly-derived workloads, not allox-synthetic', where(config.split ? 'split' : 'multiGpu'));
    const rate = w.jobsPerHour ?? config.jobsPerHour;
    if (rate !== undefined && w.load !== undefined) throw new InputError('give the arrival rate once: workload.load or jobsPerHour, not both', where('jobsPerHour'));
    if (w.jobsPerHour !== undefined && config.jobsPerHour !== undefined) throw new InputError('jobsPerHour is set twice (top level and in workload)', where('jobsPerHour'));
    const unit = w.timeUnitSeconds ?? 60;
    const wl = rate !== undefined ? (rate * unit) / (ALLOX_JOBS_PER_UNIT * 3600) : (w.load ?? 1);
    const jobs = alloxWorkload({ users: w.users, jobsPerUser: w.jobsPerUser ?? 100, load: wl, errorStd: w.errorStd, timeUnitS: w.timeUnitSeconds, seed });
    const c = hybridCluster(cluster('allox'), where('cluster'));
    Object.assign(parameters, { workload: 'allox-synthetic', users: w.users ?? 10, jobsPerUser: w.jobsPerUser ?? 100, loadFactor: wl, cluster: c.name });
    return { type: 'hybrid', jobs: config.jobs ? jobs.slice(0, config.jobs) : jobs, cluster: c, parameters };
  }
  if (w?.type === 'synergy-synthetic') {
    if (trace) throw new InputError('workload type synergy-synthetic generates its own jobs: remove "trace"', where('trace'));
    if (config.jobsPerHour !== undefined) throw new InputError('jobsPerHour is set twice (top level and in workload)', where('jobsPerHour'));
    if (config.multiGpu !== undefined) throw new InputError('for workload type synergy-synthetic, set multiGpu in the workload block', where('multiGpu'));
    if (config.jobs !== undefined && w.jobs !== undefined) throw new InputError('jobs is set twice (top level and in workload)', where('jobs'));
    const n = open ?? config.jobs ?? w.jobs ?? 1000;
    const multiGpu = w.multiGpu ?? true;
    const jobs = synergySynthetic({ jobs: n, jobsPerHour: w.jobsPerHour, multiGpu, split: config.split ?? w.split, seed });
    const c = gpuCluster(cluster('synergy'), where('cluster'));
    Object.assign(parameters, { workload: 'synergy-synthetic', jobsPerHour: w.jobsPerHour, multiGpu, cluster: c.name, jobs: n });
    return { type: 'gpu', jobs, cluster: c, parameters, openArrivals: open, stopAfterWindow: open !== undefined };
  }
  if (!trace) throw new InputError('a training run needs a trace (--trace PATH, or "trace" in the scenario) or a workload (workload: {type: allox-synthetic, …})', where('trace'));
  if (w?.type === 'irfsim-trace' && trace.format !== 'irfsim') throw new InputError(`workload type irfsim-trace deals an IRFsim job trace, but "${trace.path}" is a ${trace.format} trace`, where('workload'));
  if (w?.type === 'gavel-trace' && trace.format !== 'gavel') throw new InputError(`workload type gavel-trace selects jobs of Gavel .trace files, but "${trace.path}" is a ${trace.format} trace`, where('workload'));
  if (w && w.type !== 'irfsim-trace' && w.type !== 'gavel-trace' && trace.format !== 'philly') throw new InputError(`workload type ${w.type} is derived from a Philly trace, but "${trace.path}" is a ${trace.format} trace`, where('workload'));
  const philly = trace.format === 'philly';
  if (!philly && config.jobsPerHour !== undefined) throw new InputError(`jobsPerHour applies to a Philly trace (Synergy's Poisson workload) or workload type allox-synthetic, not to a ${trace.format} trace`, where('jobsPerHour'));
  if (trace.format !== 'gavel' && config.maxWorkSeconds !== undefined) throw new InputError(`maxWorkSeconds applies to Gavel traces, not to a ${trace.format} trace`, where('maxWorkSeconds'));
  if (trace.format !== 'gavel' && config.throughputs !== undefined) throw new InputError(`throughputs applies to Gavel traces, not to a ${trace.format} trace`, where('throughputs'));
  if (!philly && (config.split || config.multiGpu)) throw new InputError(`${config.split ? 'split' : 'multiGpu'} applies to Philly-derived workloads only`, where(config.split ? 'split' : 'multiGpu'));
  switch (trace.format) {
    case 'gavel': {
      const sel = w?.type === 'gavel-trace' ? w : undefined;
      const before = sel?.arrivalsBeforeHours;
      const arriving = before === undefined ? trace.jobs : trace.jobs.filter((j) => j.arrival < before * 3600);
      if (arriving.length === 0) throw new InputError(`no job of the trace arrives before ${before} h (the first arrives at ${(Math.min(...trace.jobs.map((j) => j.arrival)) / 3600).toPrecision(4)} h)`, where('workload'));
      const tp = readThroughputs(config.throughputs, inputs, where('throughputs'));
      if (sel?.maxWorkHours !== undefined && config.maxWorkSeconds !== undefined) throw new InputError('workload.maxWorkHours and maxWorkSeconds both cap the work of Gavel jobs: keep one', where('maxWorkSeconds'));
      const { jobs, skipped } = gavelJobs(arriving, tp, 'v100', config.jobs, sel?.maxWorkHours !== undefined ? sel.maxWorkHours * 3600 : config.maxWorkSeconds);
      if (jobs.length === 0) throw new InputError(`no job of the trace has a throughput in the table (${skipped.length} skipped: job type and scale factor not in ${config.throughputs ?? 'the bundled gavel/simulation_throughputs.json'})`, trace.path);
      const c = gpuCluster(cluster('gavel'), where('cluster'));
      if (trace.directory) Object.assign(parameters, { workload: 'gavel-traces', cluster: c.name, tenants: trace.files, jobs: jobs.length, skippedJobsWithoutThroughput: skipped.length });
      else Object.assign(parameters, { workload: 'gavel-trace', cluster: c.name, jobs: jobs.length, skippedJobsWithoutThroughput: skipped.length });
      if (config.maxWorkSeconds !== undefined) parameters.maxWorkSeconds = config.maxWorkSeconds;
      if (before !== undefined) parameters.arrivalsBeforeHours = before;
      if (sel?.maxWorkHours !== undefined) parameters.maxWorkHours = sel.maxWorkHours;
      return { type: 'gpu', jobs, cluster: c, parameters };
    }
    case 'philly': {
      const c = gpuCluster(cluster('philly'), where('cluster'));
      let jobs: TrainingJob[];
      const poisson = w?.type === 'synergy-poisson' ? w : config.jobsPerHour !== undefined ? { jobsPerHour: config.jobsPerHour, jobs: config.jobs ?? 1000, multiGpu: config.multiGpu ?? false, split: undefined } : undefined;
      if (poisson) {
        if (w?.type === 'philly-replay') throw new InputError('jobsPerHour asks for the Poisson workload, but workload type is philly-replay', where('jobsPerHour'));
        if (w?.type === 'synergy-poisson' && config.jobsPerHour !== undefined) throw new InputError('jobsPerHour is set twice (top level and in workload)', where('jobsPerHour'));
        const multiGpu = config.multiGpu ?? poisson.multiGpu ?? false;
        try {
          jobs = synergyPoisson(trace.jobs, { jobs: open ?? config.jobs ?? poisson.jobs ?? 1000, jobsPerHour: poisson.jobsPerHour, multiGpu, split: config.split ?? poisson.split, seed });
        } catch (e) {
          if (e instanceof RangeError) throw new InputError(e.message, trace.path);
          throw e;
        }
        Object.assign(parameters, { workload: 'synergy-poisson', jobsPerHour: poisson.jobsPerHour, multiGpu });
      } else {
        if (config.multiGpu) throw new InputError('multiGpu applies to the Poisson workload (set jobsPerHour); a replay keeps the trace\'s GPU counts', where('multiGpu'));
        const r = w?.type === 'philly-replay' ? w : undefined;
        jobs = phillyReplay(trace.jobs, { jobs: config.jobs ?? r?.jobs, split: config.split ?? r?.split, seed });
        Object.assign(parameters, { workload: 'philly-replay' });
      }
      Object.assign(parameters, { cluster: c.name, jobs: jobs.length });
      return { type: 'gpu', jobs, cluster: c, parameters, openArrivals: open, stopAfterWindow: open !== undefined };
    }
    case 'synergy-record': {
      const all = synergyRecordJobs(trace.rows, trace.path);
      const jobs = config.jobs ? all.slice(0, config.jobs) : all;
      const c = gpuCluster(cluster('synergy'), where('cluster'));
      Object.assign(parameters, { workload: 'synergy-record', cluster: c.name, jobs: jobs.length });
      return { type: 'gpu', jobs, cluster: c, parameters, stopAfterWindow: config.measureJobs !== undefined, tracePath: trace.path };
    }
    case 'openb': {
      const c = gpuCluster(cluster('alibaba-openb'), where('cluster'));
      const types = [...new Set(c.servers.map((s) => s.gpuType))];
      const { jobs, skipped } = openbJobs(trace.pods, types, config.jobs);
      if (jobs.length === 0) throw new InputError(trace.pods.length === 0 ? 'no pods after the header' : `no GPU pod to run (${trace.pods.length} pods, ${skipped} without GPUs, time or a GPU type of the cluster)`, trace.path);
      Object.assign(parameters, { workload: 'alibaba-openb-pods', cluster: c.name, jobs: jobs.length, skippedPods: skipped });
      return { type: 'gpu', jobs, cluster: c, parameters };
    }
    case 'irfsim': {
      if (config.jobs !== undefined) throw new InputError('an IRFsim trace is dealt to users: give workload: {type: irfsim-trace, users, jobsPerUser} instead of jobs', where('jobs'));
      const deal = w?.type === 'irfsim-trace' ? w : undefined;
      const generated = trace.rows[0].cpuErr !== undefined;
      if (generated && (deal?.users !== undefined || deal?.jobsPerUser !== undefined)) throw new InputError('this IRFsim input already has its users and error fields (a generated jobs_input file): remove workload users/jobsPerUser', where('workload'));
      if (generated && config.estimateErrorStd !== undefined) throw new InputError('this IRFsim input gives the reported-time errors (its last two stage fields): remove estimateErrorStd', where('estimateErrorStd'));
      const sigma = config.estimateErrorStd;
      const err = Rng.stream(seed, 'allox/estimates');
      const users = deal?.users ?? 10, jobsPerUser = deal?.jobsPerUser ?? 100;
      const jobs = irfsimJobs(trace.rows, { users, jobsPerUser, timeUnitSeconds: deal?.timeUnitSeconds ?? 60, estimate: sigma ? (t) => t * (1 + relativeError(err, sigma)) : undefined });
      const c = hybridCluster(cluster('allox'), where('cluster'));
      if (sigma !== undefined) parameters.estimateErrorStd = sigma;
      Object.assign(parameters, { workload: generated ? 'irfsim-input' : 'irfsim-trace', cluster: c.name, jobs: jobs.length }, generated ? {} : { users, jobsPerUser });
      return { type: 'hybrid', jobs, cluster: c, parameters };
    }
    case 'allot-csv': {
      const sorted = [...trace.rows].sort((a, b) => a.arrival - b.arrival || a.line - b.line);
      const kept = config.jobs ? sorted.slice(0, config.jobs) : sorted;
      const withTimes = kept.filter((r) => r.cpuTime !== undefined || r.gpuTime !== undefined);
      const partial = kept.find((r) => (r.cpuTime === undefined) !== (r.gpuTime === undefined)) ?? (withTimes.length > 0 && withTimes.length < kept.length ? kept.find((r) => r.cpuTime === undefined) : undefined);
      if (partial) throw new InputError('cpu_time_s and gpu_time_s must be given together on every row (a hybrid CPU/GPU workload) or on none (a GPU workload)', trace.path, `line ${partial.line}`);
      if (kept.length > 0 && kept.every((r) => r.cpuTime !== undefined && r.gpuTime !== undefined)) {
        const sigma = config.estimateErrorStd;
        const reported = kept.find((r) => r.estCpuTime !== undefined);
        if (sigma !== undefined && reported) throw new InputError(`estimateErrorStd draws reported times, but the file gives them (est_cpu_s, est_gpu_s at line ${reported.line}): use one or the other`, where('estimateErrorStd'));
        const err = Rng.stream(seed, 'allox/estimates');
        const est = (t: number): number => (sigma ? t * (1 + relativeError(err, sigma)) : t);
        const jobs: HybridJob[] = kept.map((r, index) => ({
          index, id: r.id, user: r.tenant, arrival: r.arrival,
          cpu: { cores: r.cpuCores, memoryGb: r.cpuMemGb, time: r.cpuTime! }, gpu: { gpus: 1, memoryGb: r.gpuMemGb, time: r.gpuTime! },
          estCpuTime: r.estCpuTime ?? est(r.cpuTime!), estGpuTime: r.estGpuTime ?? est(r.gpuTime!),
        }));
        if (sigma !== undefined) parameters.estimateErrorStd = sigma;
        const c = hybridCluster(cluster('allox'), where('cluster'));
        Object.assign(parameters, { workload: 'allot-job-csv (hybrid)', cluster: c.name, jobs: jobs.length });
        return { type: 'hybrid', jobs, cluster: c, parameters };
      }
      const jobs: TrainingJob[] = kept.map((r, index) => ({ index, id: r.id, tenant: r.tenant, arrival: r.arrival, gpus: r.gpus, work: r.work, model: r.model }));
      const c = gpuCluster(cluster('synergy'), where('cluster'));
      Object.assign(parameters, { workload: 'allot-job-csv', cluster: c.name, jobs: jobs.length });
      return { type: 'gpu', jobs, cluster: c, parameters };
    }
  }
}
