/**
 * Runs several request schedulers on one instantiated real-time scenario
 * and assembles the shared results shape (src/results.ts): per-policy
 * system metrics, per (tenant, model) rows, the per-request RowTable
 * `requests`, and the chart series `hitRate` (per tenant-model hit rate vs
 * target), `gantt` (the first `ganttLimit` layer intervals per policy) and
 * `utilization` (sub-accelerators busy, binned; its time-weighted mean over
 * [0, makespan] is the `utilization` metric).
 * Results name each scheduler by `labels[k]` when given, else its own name.
 * Deterministic: no wall-clock value enters the results.
 */
import type { MetricValue, PolicyResult, RowTable, RunArtifacts, TenantResult } from '../results.js';
import { simulate, type RealtimeScheduler } from './engine.js';
import { pairMetrics, systemMetrics, type PairMetrics, type SystemMetrics } from './metrics.js';
import type { RealtimeInstance } from './scenario.js';
import { intervalUtilization } from '../metrics/utilization.js';
import { partProgress } from '../sim/progress.js';

export interface PolicyRun {
  name: string;
  system: SystemMetrics;
  pairs: PairMetrics[];
}

export interface ExperimentOutput {
  policies: PolicyResult[];
  artifacts: RunArtifacts;
  runs: PolicyRun[];
}

const round = (x: number | null, digits = 6): number | null => (x === null ? null : Number(x.toFixed(digits)));

export function runExperiment(inst: RealtimeInstance, schedulers: readonly RealtimeScheduler[], options: { ganttLimit?: number; onProgress?: (done: number, total: number, label: string) => void; labels?: readonly string[] } = {}): ExperimentOutput {
  const sc = inst.scenario;
  const ganttLimit = options.ganttLimit ?? 400;
  const policies: PolicyResult[] = [];
  const runs: PolicyRun[] = [];
  const reqRows: RowTable['rows'] = [];
  const hitRate: Record<string, MetricValue>[] = [];
  const gantt: Record<string, MetricValue>[] = [];
  const utilization: Record<string, MetricValue>[] = [];
  schedulers.forEach((scheduler, k) => {
    const sched = { name: options.labels?.[k] ?? scheduler.name };
    const part = partProgress(options.onProgress, k, schedulers.length, sched.name);
    const onProgress = part && ((t: number, h: number) => part(t, h, `${t.toFixed(2)}/${h.toFixed(2)} s simulated`));
    const res = simulate(sc.system, inst.pairs, inst.profiles, inst.requests, scheduler, { ...sc.engine, recordIntervals: true, onProgress });
    const per = pairMetrics(inst.pairs, res.records);
    const sys = systemMetrics(res, inst.pairs, inst.profiles, sc.system, per);
    runs.push({ name: sched.name, system: sys, pairs: per });
    const tenants: TenantResult[] = per.map((p) => ({
      id: `${p.pair.tenant}/${p.pair.model}`,
      tenant: p.pair.tenant,
      model: p.pair.model,
      requests: p.requests,
      hits: p.hits,
      late: p.late,
      dropped: p.dropped,
      hitRate: round(p.hitRate),
      sloTarget: p.pair.sloTarget,
      sloMet: p.sloMet ? 'yes' : 'no',
      deficit: round(p.deficit),
      avgTurnaroundSeconds: round(p.avgTurnaroundSeconds),
    }));
    const { decisionMs: _wall, ...flat } = sys;
    const metrics: Record<string, MetricValue> = {};
    // utilization stays unrounded: the time-weighted mean of its series equals it to 1e-9
    for (const [key, v] of Object.entries(flat)) metrics[key] = typeof v === 'number' && key !== 'utilization' ? round(v) : v;
    policies.push({ name: sched.name, ...metrics, tenants });
    for (const p of per) hitRate.push({ policy: sched.name, tenant: `${p.pair.tenant}/${p.pair.model}`, hitRate: round(p.hitRate), target: p.pair.sloTarget });
    for (const r of res.records) {
      const pair = inst.pairs[r.pair];
      reqRows.push([sched.name, r.id, pair.tenant, pair.model, round(r.arrivalS, 9), round(r.deadlineS, 9), round(r.startS, 9), round(r.endS, 9), r.outcome, r.layersRun, round(r.energyJ, 9)]);
    }
    const busy = intervalUtilization(res.intervals.map((iv) => ({ start: iv.startS, end: iv.endS })), res.endS, sc.system.subAccelerators.length);
    for (const p of busy) utilization.push({ policy: sched.name, timeSeconds: p.time, utilization: p.value, resource: 'sub-accelerators busy' });
    for (const iv of res.intervals.slice(0, ganttLimit)) {
      const pair = inst.pairs[inst.requests[iv.job].pair];
      gantt.push({ policy: sched.name, lane: sc.system.subAccelerators[iv.sub].id, start: round(iv.startS, 9), end: round(iv.endS, 9), tenant: pair.tenant, label: `r${iv.job}:${inst.profiles[pair.modelIndex].layerNames[iv.layer]}` });
    }
  });
  options.onProgress?.(schedulers.length, schedulers.length, 'done');
  return {
    policies,
    runs,
    artifacts: {
      tables: [{ name: 'requests', columns: ['policy', 'request', 'tenant', 'model', 'arrivalSeconds', 'deadlineSeconds', 'startSeconds', 'endSeconds', 'outcome', 'layersRun', 'energyJoules'], rows: reqRows }],
      series: { hitRate, gantt, utilization },
    },
  };
}
