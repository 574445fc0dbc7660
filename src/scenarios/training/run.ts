/**
 * Running a training workload: each policy on the engine of its cluster
 * type — the round-based GPU simulator (src/schedulers/engine.ts) or the
 * event-driven hybrid CPU/GPU simulator (src/schedulers/hybrid/engine.ts) —
 * and the results, the `jobs` table and the `jctCdf`/`utilization` series.
 */
import type { PolicyResult, Results, RowTable, RunOutput, TenantResult, MetricValue } from '../../results.js';
import { allotVersion, type InputRef } from '../../provenance.js';
import { simulateTraining, type EngineResult } from '../../schedulers/engine.js';
import { createTrainingPolicy, type ResolvedTrainingPolicy } from '../../schedulers/compose.js';
import type { StarvationGuardRule } from '../../schedulers/types.js';
import { InputError } from '../../errors.js';
import { simulateHybrid, type HybridOptions, type HybridResult } from '../../schedulers/hybrid/engine.js';
import { createPolicy, type ResolvedPolicy } from '../../policies/index.js';
import { codeTenants, finishedJcts, finishTimeFairness, jctCdf, jctColumns, summarizeByTenantColumns, summarizeJctColumns, type JctColumns } from '../../metrics/jct.js';
import type { OutcomeColumns } from '../../schedulers/engine.js';
import { partProgress, type ProgressFn } from '../../sim/progress.js';
import { flatSummary, round6 } from './metrics.js';
import { binBlocks, binSeries, type StepBlocks } from '../../metrics/utilization.js';
import type { TrainingWorkload } from './workload.js';

/** A checked training run: the workload and the resolved policies with the engine options. */
export interface TrainingRunSpec {
  name: string;
  workload: TrainingWorkload;
  inputs: InputRef[];
  /** GPU-cluster policies (`order+mode`) or hybrid-cluster policies, matching the workload's type. */
  policies: readonly (ResolvedTrainingPolicy | ResolvedPolicy<'hybrid'>)[];
  seed: number;
  roundLengthSeconds?: number;
  completionAtRoundEnd?: boolean;
  /** Whole iterations per round (`EngineOptions.wholeIterations`). */
  wholeIterations?: boolean;
  preselectByGpu?: boolean;
  /** Starvation-guard rule (engine default: permanent). */
  starvationGuard?: StarvationGuardRule;
  consolidate?: boolean;
  measureJobs?: readonly [number, number];
  hybridOptions?: HybridOptions;
  onProgress?: ProgressFn;
}

/** Jobs per slice of the `jobs` table's `chunks` (about 10 MB of rows at a time). */
const JOB_ROWS_CHUNK = 32_768;

/** The JCT columns of a GPU run's outcomes: tenants, arrivals, finishes, queueing and Themis ρ (NaN for unfinished jobs) per job. */
function outcomeJctColumns(c: OutcomeColumns, totalGpus: number): JctColumns {
  const n = c.jobs.length;
  const out: JctColumns = { ...codeTenants(n, (i) => c.jobs[i].tenant), arrival: new Float64Array(n), finish: c.finish, queueing: new Float64Array(n), rho: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const job = c.jobs[i];
    const finish = c.finish[i];
    out.arrival[i] = job.arrival;
    out.queueing[i] = c.firstStart[i] >= 0 ? c.firstStart[i] - job.arrival : -1;
    out.rho[i] = finish >= 0 ? finishTimeFairness(finish - job.arrival, job.work, job.gpus, c.contendAvg[i], totalGpus) : NaN;
  }
  return out;
}

/** Runs every policy of a spec and builds the results, series and tables. */
export async function runTrainingSpec(spec: TrainingRunSpec): Promise<RunOutput> {
  const policies: PolicyResult[] = [];
  // The `jobs` table's rows are built when read (--out writes jobs.csv), from what each policy's run keeps:
  // per policy, its rows from jobs [from, to) of the run.
  const jobParts: { count: number; rows: (from: number, to: number) => RowTable['rows'] }[] = [];
  const cdf: Record<string, MetricValue>[] = [];
  const util: Record<string, MetricValue>[] = [];
  const inp = spec.workload;
  const labels = spec.policies.map((p) => p.label);
  let done = 0;
  for (const entry of spec.policies) {
    const name = entry.label;
    const part = partProgress(spec.onProgress, done, labels.length, name);
    const onProgress = part && ((f: number, n: number) => part(f, n, `${f}/${n} jobs finished`));
    let records: JctColumns;
    let extra: Record<string, MetricValue>;
    if (inp.type === 'gpu') {
      if (!('order' in entry)) throw new Error(`policy ${name} is not a GPU-cluster policy`);
      const { policy, mode } = await createTrainingPolicy(entry, { seed: spec.seed });
      const window = inp.stopAfterWindow ? spec.measureJobs : undefined;
      const r: EngineResult = simulateTraining(inp.jobs, inp.cluster, policy, mode, {
        roundLengthSeconds: spec.roundLengthSeconds, completionAtRoundEnd: spec.completionAtRoundEnd, wholeIterations: spec.wholeIterations, preselectByGpu: spec.preselectByGpu, consolidate: spec.consolidate, onProgress,
        starvationGuard: spec.starvationGuard, stopAfterWindow: window,
      });
      if (window && r.jobsArrived >= inp.jobs.length) {
        const lastArrival = inp.jobs.reduce((t, j) => Math.max(t, j.arrival), 0);
        const { jobs, finish } = r.columns;
        let inWindow = 0;
        let finished = 0;
        for (let i = 0; i < jobs.length; i++) {
          if (jobs[i].index < window[0] || jobs[i].index >= window[1]) continue;
          inWindow++;
          if (finish[i] >= 0 && finish[i] <= lastArrival) finished++;
        }
        const span = `the measurement window [${window[0]}, ${window[1]}) finished (the original would keep generating; by the last arrival, at ${(lastArrival / 3600).toFixed(1)} h, ${finished} of the window's ${inWindow} jobs had finished)`;
        if (inp.openArrivals !== undefined) throw new InputError(`open arrivals: under ${name}, all ${inp.jobs.length} generated jobs arrived before ${span}; raise maxJobs`, 'maxJobs');
        throw new InputError(`under ${name}, all ${inp.jobs.length} recorded jobs arrived before ${span}: replay a list the original recorded under this policy, or a longer one`, inp.tracePath ?? 'trace');
      }
      // A run stopped at the window's end: list the jobs that arrived (the first `jobsArrived` in (arrival, index) order).
      const arrived = r.jobsArrived < r.columns.jobs.length ? new Set([...inp.jobs].sort((a, b) => a.arrival - b.arrival || a.index - b.index).slice(0, r.jobsArrived).map((j) => j.index)) : undefined;
      const c = r.columns;
      records = outcomeJctColumns(c, r.totalGpus);
      const rho = records.rho;
      jobParts.push({ count: c.jobs.length, rows: (from, to) => {
        const rows: RowTable['rows'] = [];
        for (let i = from; i < to; i++) {
          const job = c.jobs[i];
          if (arrived && !arrived.has(job.index)) continue;
          const finish = c.finish[i];
          rows.push([name, job.id, job.tenant, job.arrival, job.gpus, round6(job.work), job.model ?? job.jobType ?? '', c.firstStart[i], round6(finish), round6(finish >= 0 ? finish - job.arrival : -1), records.queueing[i], round6(rho[i]), '']);
        }
        return rows;
      } });
      // utilization is not rounded: the time-weighted mean of its series (GPUs busy) equals it to 1e-9
      extra = {
        makespanSeconds: round6(r.makespan), utilization: r.makespan > 0 ? r.busyGpuSeconds / (r.totalGpus * r.makespan) : 0,
        roundsProcessed: r.roundsProcessed, roundsSimulated: r.roundsSimulated,
      };
      const R = spec.roundLengthSeconds ?? 300;
      const u = r.utilization;
      const block = (k: number) => Math.min(u[k].rounds * R, r.makespan - u[k].time);
      const leased = (k: number) => u[k].rounds * R;
      const resources: [string, StepBlocks][] = [
        ['GPUs busy', { length: u.length, time: (k) => u[k].time, span: block, value: (k) => (block(k) > 0 ? u[k].busyGpuSeconds / (r.totalGpus * block(k)) : 0) }],
        ['CPU cores leased', { length: u.length, time: (k) => u[k].time, span: leased, value: (k) => u[k].cpu }],
        ['memory leased', { length: u.length, time: (k) => u[k].time, span: leased, value: (k) => u[k].memory }],
      ];
      for (const [res, steps] of resources) for (const p of binBlocks(steps, r.makespan)) util.push({ policy: name, timeSeconds: p.time, utilization: p.value, resource: res });
    } else {
      if ('order' in entry) throw new Error(`policy ${name} is not a hybrid-cluster policy`);
      const policy = await createPolicy(entry, { hybridJobs: inp.jobs });
      if (spec.hybridOptions?.sampling === true && policy.sampling === false) throw new InputError(`sampling: true applies to policies that use estimates; ${name} uses none and never samples (drop it from policies or remove sampling: true)`, 'hybrid.sampling');
      const r: HybridResult = simulateHybrid(inp.jobs, inp.cluster, policy, { ...spec.hybridOptions, onProgress });
      records = jctColumns(r.outcomes.map((o) => ({
        tenant: o.job.user, arrival: o.job.arrival, finish: o.finish, queueing: o.wait,
        // ρ on a hybrid cluster (ours): JCT / the job's fastest true processing time (its JCT alone on an idle cluster).
        rho: o.jct / Math.min(o.job.cpu.time, o.job.gpu.time),
      })));
      const outcomes = r.outcomes;
      jobParts.push({ count: outcomes.length, rows: (from, to) => outcomes.slice(from, to).map((o) => [name, o.job.id, o.job.user, o.job.arrival, 1, round6(Math.min(o.job.cpu.time, o.job.gpu.time)), '', round6(o.finish - o.jct + o.wait), round6(o.finish), round6(o.jct), round6(o.wait), round6(o.jct / Math.min(o.job.cpu.time, o.job.gpu.time)), o.device]) });
      extra = { makespanSeconds: round6(r.makespan), utilization: r.utilization, alloxFairness: round6(r.fairness) };
      const pts = r.utilizationSeries;
      for (const [res, field] of [['slots busy', 'slots'], ['GPUs busy', 'gpu'], ['CPUs busy', 'cpu']] as const) {
        const steps = pts.map((p, i) => ({ time: p.time, span: (pts[i + 1]?.time ?? r.makespan) - p.time, value: p[field] }));
        for (const p of binSeries(steps, r.makespan)) util.push({ policy: name, timeSeconds: p.time, utilization: p.value, resource: res });
      }
    }
    const w = spec.measureJobs;
    // Outcomes come sorted by job index, and every workload numbers its jobs 0..n−1 in input order.
    const jobs = inp.jobs as readonly { index: number }[];
    const measured = w ? Int32Array.from(jobs.keys()).filter((i) => jobs[i].index >= w[0] && jobs[i].index < w[1]) : undefined;
    const total = summarizeJctColumns(records, measured);
    const tenants: TenantResult[] = summarizeByTenantColumns(records, measured).map(({ id, summary }) => {
      const f = flatSummary(summary);
      return { id, jobs: f.jobs, avgJctSeconds: f.avgJctSeconds, p99JctSeconds: f.p99JctSeconds, avgQueueingSeconds: f.avgQueueingSeconds, ftfRhoMean: f.ftfRhoMean, ftfRhoMax: f.ftfRhoMax };
    });
    const flat = flatSummary(total);
    policies.push({ name, ...flat, ...extra, tenants } as PolicyResult);
    for (const p of jctCdf(finishedJcts(records, measured))) cdf.push({ policy: name, jctSeconds: round6(p.jctSeconds), fraction: round6(p.fraction) });
    done++;
  }
  spec.onProgress?.(done, labels.length, 'done');
  const results: Results = {
    allotVersion, scenario: spec.name, kind: 'training', seed: spec.seed, inputs: spec.inputs,
    parameters: inp.parameters, policies,
  };
  let jobRows: RowTable['rows'] | undefined;
  return {
    results,
    artifacts: {
      tables: [{
        name: 'jobs', columns: ['policy', 'id', 'tenant', 'arrival_s', 'gpus', 'work_s', 'model', 'first_start_s', 'finish_s', 'jct_s', 'queueing_s', 'ftf_rho', 'device'],
        get rows(): RowTable['rows'] {
          return (jobRows ??= jobParts.flatMap((p) => p.rows(0, p.count)));
        },
        *chunks(): Iterable<RowTable['rows']> {
          if (jobRows) yield jobRows;
          else for (const p of jobParts) for (let from = 0; from < p.count; from += JOB_ROWS_CHUNK) yield p.rows(from, Math.min(p.count, from + JOB_ROWS_CHUNK));
        },
      }],
      series: { jctCdf: cdf, utilization: util },
    },
  };
}

