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
import { finishTimeFairness, jctCdf, summarizeByTenant, summarizeJct, type JctRecord } from '../../metrics/jct.js';
import { partProgress, type ProgressFn } from '../../sim/progress.js';
import { flatSummary, round6 } from './metrics.js';
import { binSeries } from '../../metrics/utilization.js';
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

/** Runs every policy of a spec and builds the results, series and tables. */
export async function runTrainingSpec(spec: TrainingRunSpec): Promise<RunOutput> {
  const policies: PolicyResult[] = [];
  // The `jobs` table's rows are built when read (--out writes jobs.csv), from what each policy's run keeps.
  const jobParts: (() => RowTable['rows'])[] = [];
  const cdf: Record<string, MetricValue>[] = [];
  const util: Record<string, MetricValue>[] = [];
  const inp = spec.workload;
  const labels = spec.policies.map((p) => p.label);
  let done = 0;
  for (const entry of spec.policies) {
    const name = entry.label;
    const part = partProgress(spec.onProgress, done, labels.length, name);
    const onProgress = part && ((f: number, n: number) => part(f, n, `${f}/${n} jobs finished`));
    let records: JctRecord[];
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
        const inWindow = r.outcomes.filter((o) => o.job.index >= window[0] && o.job.index < window[1]);
        const finished = inWindow.filter((o) => o.finish >= 0 && o.finish <= lastArrival).length;
        const span = `the measurement window [${window[0]}, ${window[1]}) finished (the original would keep generating; by the last arrival, at ${(lastArrival / 3600).toFixed(1)} h, ${finished} of the window's ${inWindow.length} jobs had finished)`;
        if (inp.openArrivals !== undefined) throw new InputError(`open arrivals: under ${name}, all ${inp.jobs.length} generated jobs arrived before ${span}; raise maxJobs`, 'maxJobs');
        throw new InputError(`under ${name}, all ${inp.jobs.length} recorded jobs arrived before ${span}: replay a list the original recorded under this policy, or a longer one`, inp.tracePath ?? 'trace');
      }
      // A run stopped at the window's end: list the jobs that arrived (the first `jobsArrived` in (arrival, index) order).
      const arrived = r.jobsArrived < r.outcomes.length ? new Set([...inp.jobs].sort((a, b) => a.arrival - b.arrival || a.index - b.index).slice(0, r.jobsArrived).map((j) => j.index)) : undefined;
      records = r.outcomes.map((o) => ({
        tenant: o.job.tenant, arrival: o.job.arrival, finish: o.finish, queueing: o.queueing,
        rho: o.finish >= 0 ? finishTimeFairness(o.jct, o.job.work, o.job.gpus, o.contendAvg, r.totalGpus) : NaN,
      }));
      const outcomes = r.outcomes;
      const rho = Float64Array.from(records, (x) => x.rho);
      jobParts.push(() => {
        const rows: RowTable['rows'] = [];
        for (let i = 0; i < outcomes.length; i++) {
          const o = outcomes[i];
          if (arrived && !arrived.has(o.job.index)) continue;
          rows.push([name, o.job.id, o.job.tenant, o.job.arrival, o.job.gpus, round6(o.job.work), o.job.model ?? o.job.jobType ?? '', o.firstStart, round6(o.finish), round6(o.jct), o.queueing, round6(rho[i]), '']);
        }
        return rows;
      });
      // utilization is not rounded: the time-weighted mean of its series (GPUs busy) equals it to 1e-9
      extra = {
        makespanSeconds: round6(r.makespan), utilization: r.makespan > 0 ? r.busyGpuSeconds / (r.totalGpus * r.makespan) : 0,
        roundsProcessed: r.roundsProcessed, roundsSimulated: r.roundsSimulated,
      };
      const R = spec.roundLengthSeconds ?? 300;
      const block = (u: (typeof r.utilization)[number]) => Math.min(u.rounds * R, r.makespan - u.time);
      const busy = r.utilization.map((u) => ({ time: u.time, span: block(u), value: block(u) > 0 ? u.busyGpuSeconds / (r.totalGpus * block(u)) : 0 }));
      const resources: [string, { time: number; span: number; value: number }[]][] = [
        ['GPUs busy', busy],
        ['CPU cores leased', r.utilization.map((u) => ({ time: u.time, span: u.rounds * R, value: u.cpu }))],
        ['memory leased', r.utilization.map((u) => ({ time: u.time, span: u.rounds * R, value: u.memory }))],
      ];
      for (const [res, steps] of resources) for (const p of binSeries(steps, r.makespan)) util.push({ policy: name, timeSeconds: p.time, utilization: p.value, resource: res });
    } else {
      if ('order' in entry) throw new Error(`policy ${name} is not a hybrid-cluster policy`);
      const policy = await createPolicy(entry, { hybridJobs: inp.jobs });
      if (spec.hybridOptions?.sampling === true && policy.sampling === false) throw new InputError(`sampling: true applies to policies that use estimates; ${name} uses none and never samples (drop it from policies or remove sampling: true)`, 'hybrid.sampling');
      const r: HybridResult = simulateHybrid(inp.jobs, inp.cluster, policy, { ...spec.hybridOptions, onProgress });
      records = r.outcomes.map((o) => ({
        tenant: o.job.user, arrival: o.job.arrival, finish: o.finish, queueing: o.wait,
        // ρ on a hybrid cluster (ours): JCT / the job's fastest true processing time (its JCT alone on an idle cluster).
        rho: o.jct / Math.min(o.job.cpu.time, o.job.gpu.time),
      }));
      const outcomes = r.outcomes;
      jobParts.push(() => outcomes.map((o) => [name, o.job.id, o.job.user, o.job.arrival, 1, round6(Math.min(o.job.cpu.time, o.job.gpu.time)), '', round6(o.finish - o.jct + o.wait), round6(o.finish), round6(o.jct), round6(o.wait), round6(o.jct / Math.min(o.job.cpu.time, o.job.gpu.time)), o.device]));
      extra = { makespanSeconds: round6(r.makespan), utilization: r.utilization, alloxFairness: round6(r.fairness) };
      const pts = r.utilizationSeries;
      for (const [res, field] of [['slots busy', 'slots'], ['GPUs busy', 'gpu'], ['CPUs busy', 'cpu']] as const) {
        const steps = pts.map((p, i) => ({ time: p.time, span: (pts[i + 1]?.time ?? r.makespan) - p.time, value: p[field] }));
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
          return (jobRows ??= jobParts.flatMap((f) => f()));
        },
      }],
      series: { jctCdf: cdf, utilization: util },
    },
  };
}

