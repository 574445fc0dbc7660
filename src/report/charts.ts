/**
 * Vega-Lite chart specifications for the report, one builder per shared
 * chart series (see the preamble of the results shape, src/results.ts), plus
 * charts drawn from the results themselves:
 *
 * | source        | fields                                              | chart |
 * |---------------|-----------------------------------------------------|-------|
 * | `jctCdf`      | policy, jctSeconds, fraction                        | CDF line per policy (JCT in s, min or h) |
 * | `tenantShare` | policy, tenant, share, entitlement (fractions)      | grouped bars + entitlement ticks |
 * | `hitRate`     | policy, tenant, hitRate, target (fractions)         | grouped bars + SLO target ticks |
 * | `utilization` | policy, timeSeconds, utilization (0..1), resource   | step line over time per policy (dash per resource) |
 * | `gantt`       | policy, lane, start, end (s), tenant, label         | one timeline panel per policy (case), own time axis |
 * | tenant results| ftfRhoMean, ftfRhoMax per tenant                    | finish-time fairness ρ per tenant (training) |
 * | `averageThroughput` | policy, round, averageThroughput (requests/round) | line per policy (kind dice-original) |
 * | `classThroughput` | policy, weightClass, weight, servedPerRound       | grouped bars per weight class (dice-original) |
 * | `envyMatrix`  | policy, agent, other, envyPercent                   | heat map agent × agent, one panel per policy (dice-original) |
 * | `sharingIncentive` | policy, agent, phi, cdf                        | CDF of φ over agents per policy (dice-original) |
 * | sweep summary | vary…, policy, metric, mean, ciLow, ciHigh          | metric vs varied option, CI band per policy |
 *
 * Every chart carries a caption saying what to look for, a data summary (its
 * text alternative; where the chart's data has a table counterpart, the
 * values and the table column, so the browser test can check they agree)
 * and the data behind it (for the CSV download). Colours come from the
 * Okabe–Ito palette, safe for the common colour-vision deficiencies.
 * In a utilisation series, the first resource of each policy is the one the
 * table's `utilization` measures: its time-weighted mean over [0, makespan]
 * equals that figure.
 *
 * A builder returns `undefined` when its source is absent or has no usable
 * rows, so the report skips the chart. Large series are thinned for drawing
 * (the caption says so); the data files keep every row.
 */
import { metricDef } from '../metrics/catalog.js';
import { binSeries, timeWeightedMean } from '../metrics/utilization.js';
import type { MetricValue, Results } from '../results.js';
import { columnFormat, formatMetric } from './format.js';

export type SeriesRow = Record<string, MetricValue>;
/** A Vega-Lite spec (kept loose: vega-lite's own types are checked when compiling). */
export type VlSpec = Record<string, unknown>;

/**
 * A chart's text alternative: one sentence of its data, and — when the data
 * has a counterpart in the results tables — the values keyed by policy (or
 * "policy/tenant"), the table column they correspond to and the relative
 * tolerance within which they must agree.
 */
export interface ChartSummary {
  text: string;
  metric?: string;
  level?: 'policy' | 'tenant';
  values?: Record<string, number>;
  tolerance?: number;
}

/** One figure of the report: a file stem, a title, a caption, the spec, its summary and data. */
export interface ChartDef {
  id: string;
  title: string;
  /** What the chart shows and what to look for. */
  caption: string;
  spec: VlSpec;
  /** True when the chart has a colour/dash legend the browser test must find. */
  hasLegend: boolean;
  summary: ChartSummary;
  /** The rows drawn (for the CSV download). */
  data: SeriesRow[];
  /** Charts of one group (the Gantt panels) are shown one at a time. */
  group?: string;
  /** The panel's name within its group (the policy). */
  panel?: string;
}

/** Which table columns exist, to tie chart summaries to them. */
export type HasMetric = (key: string, level: 'policy' | 'tenant') => boolean;

/**
 * Okabe & Ito's colour-blind-safe palette (Color Universal Design, 2008),
 * ordered so the low-contrast yellow comes late, then four of Paul Tol's
 * muted colours for runs with more than eight policies.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442', '#882255', '#44AA99', '#999933', '#AA4499'];

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** Plot width in px; the legend adds ~150 px. The page scales SVGs down to its width. */
const WIDTH = 760;

function base(title: string, values: SeriesRow[]): VlSpec {
  return {
    $schema: SCHEMA,
    title,
    data: { values },
    config: {
      font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
      view: { stroke: null },
      range: { category: PALETTE },
      axis: { labelFontSize: 12, titleFontSize: 13 },
      legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 260 },
      title: { fontSize: 15 },
    },
  };
}

function num(v: MetricValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: MetricValue | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/** Rows whose listed fields are all present and finite numbers (for numeric fields) — the rest are dropped. */
function clean(rows: SeriesRow[] | undefined, numeric: string[], text: string[]): SeriesRow[] {
  if (!rows) return [];
  return rows.filter((r) => numeric.every((f) => num(r[f]) !== undefined) && text.every((f) => str(r[f]) !== undefined));
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** Keeps at most `max` evenly spaced points of a sorted list (always the first and last). */
export function thin<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(rows[Math.round((i * (rows.length - 1)) / (max - 1))]);
  return out;
}

/** The first of `candidates` the tables have (at `level`), if any. */
function tableMetric(has: HasMetric | undefined, level: 'policy' | 'tenant', ...candidates: string[]): string | undefined {
  return has ? candidates.find((k) => has(k, level)) : undefined;
}

/** "a 61.6 %, b 54.7 %" (at most `max` entries, then "…"). */
function listValues(values: Record<string, number>, key: string, max = 12): string {
  const entries = Object.entries(values);
  const shown = entries.slice(0, max).map(([k, v]) => `${k} ${formatMetric(key, v)}`);
  return shown.join(', ') + (entries.length > max ? `, … (${entries.length - max} more in the CSV)` : '');
}

/** JCT CDF per policy (x: JCT in the unit that reads best, log scale when the JCTs span more than two decades). */
export function jctCdfChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['jctSeconds', 'fraction'], ['policy']);
  if (rows.length === 0) return undefined;
  const fmt = columnFormat(metricDef('avgJctSeconds'), rows.map((r) => r.jctSeconds as number));
  const byPolicy = groupBy(rows, (r) => String(r.policy));
  let thinned = false;
  const values: SeriesRow[] = [];
  const medians: Record<string, number> = {};
  for (const [policy, list] of byPolicy) {
    const sorted = [...list].sort((a, b) => (a.fraction as number) - (b.fraction as number));
    const med = sorted.find((r) => (r.fraction as number) >= 0.5);
    if (med) medians[policy] = med.jctSeconds as number;
    const t = thin(sorted, 400);
    thinned ||= t.length < sorted.length;
    values.push(...t.map((r) => ({ policy: r.policy, jct: (r.jctSeconds as number) / fmt.scale, jctSeconds: r.jctSeconds, fraction: r.fraction })));
  }
  const xs = values.map((r) => r.jct as number).filter((x) => x > 0);
  const log = xs.length === values.length && Math.max(...xs) / Math.min(...xs) > 100;
  const metric = tableMetric(has, 'policy', 'medianJctSeconds');
  return {
    id: 'jct-cdf',
    title: 'Job completion time, CDF per policy',
    caption: `Fraction of jobs finished within a given JCT${log ? ' (log scale)' : ''}. Lines further up and to the left finish jobs sooner; where lines cross, one policy favours short jobs and the other long ones. The 50 % crossing is the median JCT, the top right the tail.${thinned ? ' Drawn from at most 400 points per policy.' : ''}`,
    hasLegend: true,
    summary: { text: `Median JCT read off the CDF: ${listValues(medians, 'medianJctSeconds')}.`, ...(metric ? { metric, level: 'policy' as const, values: medians, tolerance: 0.1 } : {}) },
    data: values,
    spec: {
      ...base('Job completion time, CDF per policy', values),
      width: WIDTH,
      height: 340,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
      encoding: {
        x: { field: 'jct', type: 'quantitative', title: `JCT (${fmt.unit})`, scale: log ? { type: 'log' } : { zero: true } },
        y: { field: 'fraction', type: 'quantitative', title: 'fraction of jobs finished', scale: { domain: [0, 1] }, axis: { format: '%' } },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
        ...(byPolicy.size > PALETTE.length ? { strokeDash: { field: 'policy', type: 'nominal', legend: null } } : {}),
      },
    },
  };
}

/** Grouped bars per tenant (one bar per policy) with a black tick at the reference value (entitlement or SLO target). */
function tenantBars(id: string, title: string, caption: string, rows: SeriesRow[], valueField: string, valueTitle: string, refField: string, refTitle: string, summary: ChartSummary): ChartDef {
  // "(tick: …)" names the black reference ticks on the shared axis
  const tenants = new Set(rows.map((r) => String(r.tenant))).size;
  const policies = new Set(rows.map((r) => String(r.policy))).size;
  return {
    id,
    title,
    caption,
    hasLegend: true,
    summary,
    data: rows,
    spec: {
      ...base(title, rows),
      width: Math.max(WIDTH, Math.min(1100, tenants * Math.max(40, policies * 10))),
      height: 300,
      encoding: {
        x: { field: 'tenant', type: 'nominal', title: 'tenant', sort: null, axis: { labelAngle: tenants > 8 ? -45 : 0 } },
        xOffset: { field: 'policy', type: 'nominal', sort: null },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: { field: valueField, type: 'quantitative', title: `${valueTitle} (tick: ${refTitle})`, axis: { format: '%' } },
            color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
            tooltip: [{ field: 'policy' }, { field: 'tenant' }, { field: valueField, format: '.3f' }, { field: refField, format: '.3f' }],
          },
        },
        {
          mark: { type: 'tick', color: 'black', thickness: 2 },
          // same axis title as the bars, so the shared axis reads "<value>" rather than "<value>, <reference>"
          encoding: { y: { field: refField, type: 'quantitative', title: `${valueTitle} (tick: ${refTitle})` } },
        },
      ],
    },
  };
}

function perTenant(rows: SeriesRow[], field: string): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [`${r.policy}/${r.tenant}`, r[field] as number]));
}

/** Per-tenant share received vs token entitlement. */
export function tenantShareChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['share', 'entitlement'], ['policy', 'tenant']);
  if (rows.length === 0) return undefined;
  const values = perTenant(rows, 'share');
  const worst = rows.reduce((a, r) => (Math.abs((r.share as number) - (r.entitlement as number)) > Math.abs((a.share as number) - (a.entitlement as number)) ? r : a));
  const metric = tableMetric(has, 'tenant', 'nodeShare', 'share');
  return tenantBars(
    'tenant-share',
    'Share received vs token entitlement',
    'Bars: the fraction of the cluster each tenant received under each policy; black ticks: its token entitlement tᵢ/Σt. A policy that honours entitlements puts every bar on its tick; bars above got more than their share, bars below less.',
    rows, 'share', 'share received', 'entitlement', 'entitlement',
    { text: `Largest gap from entitlement: ${worst.tenant} under ${worst.policy} received ${formatMetric('nodeShare', worst.share as number)} against ${formatMetric('nodeShare', worst.entitlement as number)}.`, ...(metric ? { metric, level: 'tenant' as const, values, tolerance: 1e-9 } : {}) },
  );
}

/** Per-tenant deadline hit rate vs SLO target. */
export function hitRateChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['hitRate', 'target'], ['policy', 'tenant']);
  if (rows.length === 0) return undefined;
  const missed = rows.filter((r) => (r.hitRate as number) < (r.target as number) - 1e-12);
  const byPolicy = groupBy(missed, (r) => String(r.policy));
  const policies = [...new Set(rows.map((r) => String(r.policy)))];
  const metric = tableMetric(has, 'tenant', 'hitRate', 'deadlineHitRate');
  return tenantBars(
    'hit-rate',
    'Deadline hit rate vs SLO target',
    'Bars: the fraction of each tenant’s requests finished by their deadline under each policy; black ticks: the SLO target. A bar below its tick misses the target, and the gap is the SLO deficit.',
    rows, 'hitRate', 'deadline hit rate', 'target', 'SLO target',
    { text: `Targets missed: ${policies.map((p) => `${p} ${byPolicy.get(p)?.length ?? 0} of ${rows.filter((r) => r.policy === p).length}`).join(', ')}.`, ...(metric ? { metric, level: 'tenant' as const, values: perTenant(rows, 'hitRate'), tolerance: 1e-9 } : {}) },
  );
}

/**
 * Utilisation over time per policy (step lines: each point's value holds until
 * the next point, and the last point of a line marks the end of the run; more
 * than 600 points per line are re-binned into equal-width time-weighted bins,
 * which keeps the mean).
 * The summary is each policy's time-weighted mean of its first resource.
 */
export function utilizationChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['timeSeconds', 'utilization'], ['policy']);
  if (rows.length === 0) return undefined;
  const resources = [...new Set(rows.map((r) => str(r.resource) ?? 'all'))];
  const values: SeriesRow[] = [];
  const means: Record<string, number> = {};
  let thinned = false;
  for (const [key, list] of groupBy(rows, (r) => `${r.policy}\u0000${str(r.resource) ?? 'all'}`)) {
    const [policy, resource] = key.split('\u0000');
    const sorted = [...list].sort((a, b) => (a.timeSeconds as number) - (b.timeSeconds as number));
    const points = sorted.map((r) => ({ time: r.timeSeconds as number, value: r.utilization as number }));
    const end = points[points.length - 1].time;
    if (!(policy in means)) means[policy] = timeWeightedMean(points, end);
    let drawn = points;
    if (points.length > 600 && end > 0) {
      thinned = true;
      drawn = binSeries(points.map((p, i) => ({ time: p.time, span: (points[i + 1]?.time ?? end) - p.time, value: p.value })), end, 600);
    }
    values.push(...drawn.map((p) => ({ policy, resource, timeSeconds: p.time, utilization: p.value })));
  }
  const fmt = columnFormat(metricDef('makespanSeconds'), values.map((r) => r.timeSeconds as number));
  for (const v of values) v.time = (v.timeSeconds as number) / fmt.scale;
  const metric = tableMetric(has, 'policy', 'utilization');
  const policies = Object.keys(means).length;
  return {
    id: 'utilization',
    title: 'Utilisation over time',
    caption: `Fraction of capacity busy over simulated time, per policy${resources.length > 1 ? ` (dash: resource; ${resources[0]} is what the table's utilisation measures)` : ` (${resources[0]})`}. Higher lines keep more capacity working; dips are idle capacity — no demand, or an allocation that does not match it. The time-weighted mean of each line is the table's utilisation.${thinned ? ' Re-binned into at most 600 time-weighted steps per line.' : ''}`,
    hasLegend: true,
    summary: { text: `Mean utilisation (${resources[0]}): ${listValues(means, 'utilization')}.`, ...(metric ? { metric, level: 'policy' as const, values: means, tolerance: 1e-9 } : {}) },
    data: values,
    spec: {
      ...base('Utilisation over time', values),
      width: WIDTH,
      height: 300,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
      encoding: {
        x: { field: 'time', type: 'quantitative', title: `time (${fmt.unit || 's'})` },
        y: { field: 'utilization', type: 'quantitative', title: 'utilisation', scale: { domain: [0, 1] }, axis: { format: '%' } },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
        ...(resources.length > 1 ? { strokeDash: { field: 'resource', type: 'nominal', title: 'resource', sort: resources } } : policies > PALETTE.length ? { strokeDash: { field: 'policy', type: 'nominal', legend: null } } : {}),
        tooltip: [{ field: 'policy' }, { field: 'resource' }, { field: 'timeSeconds', title: 'time (s)', format: '.4g' }, { field: 'utilization', format: '.3f' }],
      },
    },
  };
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/**
 * Gantt/timeline panels: one chart per policy (case) with its own time axis
 * and only the lanes it used, bars coloured by tenant. At most
 * `maxBarsPerPolicy` intervals per panel are drawn (the caption says so). The
 * summary gives each panel's last finish (not checked against the makespan:
 * a kind may record only part of its intervals, as the real-time level does).
 */
export function ganttCharts(series: SeriesRow[] | undefined, maxBarsPerPolicy = 1500): ChartDef[] {
  const rows = clean(series, ['start', 'end'], ['policy', 'lane']);
  if (rows.length === 0) return [];
  const tenants = [...new Set(rows.map((r) => str(r.tenant) ?? '(none)'))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: ChartDef[] = [];
  for (const [policy, list] of groupBy(rows, (r) => String(r.policy))) {
    const sorted = [...list].sort((a, b) => (a.start as number) - (b.start as number));
    const cut = sorted.length > maxBarsPerPolicy;
    const drawn = sorted.slice(0, maxBarsPerPolicy);
    const fmt = columnFormat(metricDef('makespanSeconds'), drawn.map((r) => r.end as number));
    const values = drawn.map((r) => ({ policy, lane: String(r.lane), start: (r.start as number) / fmt.scale, end: (r.end as number) / fmt.scale, startSeconds: r.start, endSeconds: r.end, tenant: str(r.tenant) ?? '(none)', label: str(r.label) ?? '' }));
    const lanes = [...new Set(values.map((r) => r.lane))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const last = Math.max(...sorted.map((r) => r.end as number));
    out.push({
      id: `gantt-${slug(policy)}`,
      title: `Timeline: ${policy}`,
      caption: `Each bar is one piece of work on a lane (node, device or sub-accelerator) under ${policy}, coloured by tenant. Gaps are idle time; the right edge is the last finish.${cut ? ` Only the first ${maxBarsPerPolicy} of ${sorted.length} intervals are drawn.` : ''}`,
      hasLegend: true,
      group: 'gantt',
      panel: policy,
      summary: { text: `${policy}: ${count(sorted.length, 'interval')} on ${count(lanes.length, 'lane')}, from ${fmt.withUnit(Math.min(...sorted.map((r) => r.start as number)))} to ${fmt.withUnit(last)}.` },
      data: values,
      spec: {
        ...base(`Timeline: ${policy}`, values),
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.3 },
        height: { step: Math.max(10, Math.min(22, Math.floor(420 / lanes.length))) },
        width: WIDTH,
        encoding: {
          y: { field: 'lane', type: 'nominal', title: 'lane', sort: lanes, axis: lanes.length > 60 ? { labels: false, ticks: false } : {} },
          x: { field: 'start', type: 'quantitative', title: `time (${fmt.unit || 's'})`, scale: { zero: true } },
          x2: { field: 'end' },
          color: { field: 'tenant', type: 'nominal', title: 'tenant', scale: { domain: tenants } },
          tooltip: [{ field: 'lane' }, { field: 'tenant' }, { field: 'label' }, { field: 'startSeconds', title: 'start (s)', format: '.4g' }, { field: 'endSeconds', title: 'end (s)', format: '.4g' }],
        },
      },
    });
  }
  return out;
}

/**
 * Finish-time fairness per tenant (training): mean ρ as bars per tenant and
 * policy, the tenant's worst job as a black tick, and the fair line ρ = 1
 * (log scale when ρ spans more than two decades). From the results' tenant rows.
 */
export function ftfRhoChart(results: Results | undefined): ChartDef | undefined {
  if (!results) return undefined;
  const rows: SeriesRow[] = [];
  for (const p of results.policies) {
    for (const t of p.tenants ?? []) {
      const mean = num(t.ftfRhoMean as MetricValue);
      const max = num(t.ftfRhoMax as MetricValue);
      if (mean !== undefined && max !== undefined && mean > 0) rows.push({ policy: p.name, tenant: t.id, ftfRhoMean: mean, ftfRhoMax: max });
    }
  }
  if (rows.length === 0) return undefined;
  const all = rows.flatMap((r) => [r.ftfRhoMean as number, r.ftfRhoMax as number]);
  const log = Math.max(...all) / Math.min(...all) > 100;
  const tenants = new Set(rows.map((r) => String(r.tenant))).size;
  const policies = new Set(rows.map((r) => String(r.policy))).size;
  const worst = rows.reduce((a, r) => ((r.ftfRhoMean as number) > (a.ftfRhoMean as number) ? r : a));
  const values = perTenant(rows, 'ftfRhoMean');
  return {
    id: 'ftf-rho',
    title: 'Finish-time fairness ρ per tenant',
    caption: `Bars: each tenant's mean finish-time fairness ρ (JCT under the policy / JCT with a 1/N share of the cluster) under each policy; black ticks: its worst job. ρ ≤ 1 (dashed line) is fair; bars far above it are tenants the policy starves${log ? ' (log scale)' : ''}.`,
    hasLegend: true,
    summary: { text: `Highest mean ρ: ${worst.tenant} under ${worst.policy} (${formatMetric('ftfRhoMean', worst.ftfRhoMean as number)}).`, metric: 'ftfRhoMean', level: 'tenant', values, tolerance: 1e-9 },
    data: rows,
    spec: {
      ...base('Finish-time fairness ρ per tenant', rows),
      width: Math.max(WIDTH, Math.min(1100, tenants * Math.max(40, policies * 10))),
      height: 300,
      layer: [
        {
          data: { values: rows },
          encoding: {
            x: { field: 'tenant', type: 'nominal', title: 'tenant', sort: null, axis: { labelAngle: tenants > 8 ? -45 : 0 } },
            xOffset: { field: 'policy', type: 'nominal', sort: null },
          },
          layer: [
            { mark: { type: 'bar' }, encoding: { y: { field: 'ftfRhoMean', type: 'quantitative', title: 'finish-time fairness ρ', stack: null, scale: log ? { type: 'log' } : { zero: true } }, color: { field: 'policy', type: 'nominal', title: 'policy', sort: null }, tooltip: [{ field: 'policy' }, { field: 'tenant' }, { field: 'ftfRhoMean', title: 'mean ρ', format: '.3g' }, { field: 'ftfRhoMax', title: 'max ρ', format: '.3g' }] } },
            { mark: { type: 'tick', color: 'black', thickness: 2 }, encoding: { y: { field: 'ftfRhoMax', type: 'quantitative' } } },
          ],
        },
        { data: { values: [{ rho: 1 }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#444' }, encoding: { y: { field: 'rho', type: 'quantitative' } } },
      ],
    },
  };
}

/**
 * The original Dice evaluation's throughput plot: average throughput (requests
 * served by all agents per round, mean over rounds 0..r) against round r, one
 * line per policy, thinned to 600 points per line. Its last point is the
 * table's `goodputPerRound`.
 */
export function averageThroughputChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['round', 'averageThroughput'], ['policy']);
  if (rows.length === 0) return undefined;
  const values: SeriesRow[] = [];
  const last: Record<string, number> = {};
  let thinned = false;
  for (const [policy, list] of groupBy(rows, (r) => String(r.policy))) {
    const sorted = [...list].sort((a, b) => (a.round as number) - (b.round as number));
    last[policy] = sorted[sorted.length - 1].averageThroughput as number;
    const t = thin(sorted, 600);
    thinned ||= t.length < sorted.length;
    values.push(...t.map((r) => ({ policy, round: r.round, averageThroughput: r.averageThroughput })));
  }
  const metric = tableMetric(has, 'policy', 'goodputPerRound');
  return {
    id: 'average-throughput',
    title: 'Average throughput vs round',
    caption: `Requests served by all agents per round, averaged over the rounds so far, per policy (the original Dice evaluation's throughput plot). Higher lines serve more; the right end is the run's goodput per round.${thinned ? ' Drawn from at most 600 points per policy.' : ''}`,
    hasLegend: true,
    summary: { text: `Goodput per round at the end of the run: ${listValues(last, 'goodputPerRound')}.`, ...(metric ? { metric, level: 'policy' as const, values: last, tolerance: 1e-9 } : {}) },
    data: values,
    spec: {
      ...base('Average throughput vs round', values),
      width: WIDTH,
      height: 300,
      mark: { type: 'line', strokeWidth: 1.8 },
      encoding: {
        x: { field: 'round', type: 'quantitative', title: 'round' },
        y: { field: 'averageThroughput', type: 'quantitative', title: 'average throughput (requests/round)', scale: { zero: false } },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
        ...(Object.keys(last).length > PALETTE.length ? { strokeDash: { field: 'policy', type: 'nominal', legend: null } } : {}),
        tooltip: [{ field: 'policy' }, { field: 'round' }, { field: 'averageThroughput', format: '.4g' }],
      },
    },
  };
}

/** The original's per-class bars: mean requests served per round per agent of each weight class, one bar per policy. */
export function classThroughputChart(series: SeriesRow[] | undefined): ChartDef | undefined {
  const rows = clean(series, ['servedPerRound', 'weight'], ['policy', 'weightClass']);
  if (rows.length === 0) return undefined;
  const classes = [...new Set(rows.map((r) => String(r.weightClass)))];
  const policies = new Set(rows.map((r) => String(r.policy))).size;
  const text = classes.map((c) => {
    const mine = rows.filter((r) => r.weightClass === c);
    const top = mine.reduce((a, r) => ((r.servedPerRound as number) > (a.servedPerRound as number) ? r : a));
    return `${c}: most under ${top.policy} (${formatMetric('servedPerRound', top.servedPerRound as number)})`;
  });
  return {
    id: 'class-throughput',
    title: 'Throughput per weight class',
    caption: 'Bars: requests served per round by an agent of each weight class (mean over the class’s agents), per policy — the original Dice evaluation’s per-class plot. A weighted mechanism serves heavier classes more, in proportion to their weight when demand is proportional too.',
    hasLegend: true,
    summary: { text: `${text.join('; ')}.` },
    data: rows,
    spec: {
      ...base('Throughput per weight class', rows),
      width: Math.max(WIDTH, Math.min(1100, classes.length * Math.max(60, policies * 14))),
      height: 300,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'weightClass', type: 'nominal', title: 'weight class', sort: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'policy', type: 'nominal', sort: null },
        y: { field: 'servedPerRound', type: 'quantitative', title: 'served per round per agent' },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
        tooltip: [{ field: 'policy' }, { field: 'weightClass' }, { field: 'servedPerRound', format: '.4g' }],
      },
    },
  };
}

/**
 * The original's envy heat map: 100 · (w_i/w_k) · U_i(X_k)/U_i(X_i) for agent
 * i (row) and agent k (column), one panel per policy; 100 on the diagonal,
 * above 100 (orange) = i envies k. The summary is each policy's largest
 * off-diagonal entry ÷ 100, the table's `longRunEnvyMax`.
 */
export function envyHeatmapChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['envyPercent'], ['policy', 'agent', 'other']);
  if (rows.length === 0) return undefined;
  const agents = [...new Set(rows.map((r) => String(r.agent)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const policies = [...new Set(rows.map((r) => String(r.policy)))];
  const worst: Record<string, number> = {};
  for (const r of rows) if (r.agent !== r.other) worst[String(r.policy)] = Math.max(worst[String(r.policy)] ?? -Infinity, (r.envyPercent as number) / 100);
  const metric = tableMetric(has, 'policy', 'longRunEnvyMax');
  const cell = Math.max(8, Math.min(24, Math.floor(300 / agents.length)));
  const columns = Math.max(1, Math.min(policies.length, Math.floor(1000 / (cell * agents.length + 60))));
  const hi = Math.max(...rows.map((r) => r.envyPercent as number));
  const lo = Math.min(...rows.map((r) => r.envyPercent as number));
  return {
    id: 'envy-heatmap',
    title: 'Long-run envy matrix',
    caption: 'Each cell: what the row agent would have served on the column agent’s nodes over the run, weighted by w_row/w_column, as a percentage of what it served on its own (100 on the diagonal) — the original Dice evaluation’s envy heat map. Orange cells above 100 % are envy; a mechanism that is weighted envy-free in the long run has no cell above 100 %.',
    hasLegend: true,
    summary: { text: `Largest off-diagonal entry: ${policies.filter((p) => p in worst).map((p) => `${p} ${(100 * worst[p]).toFixed(1)} %`).join(', ')}.`, ...(metric ? { metric, level: 'policy' as const, values: worst, tolerance: 1e-9 } : {}) },
    data: rows,
    spec: {
      ...base('Long-run envy matrix', rows),
      facet: { field: 'policy', type: 'nominal', title: null, sort: policies },
      columns,
      spec: {
        width: cell * agents.length,
        height: cell * agents.length,
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'other', type: 'ordinal', title: 'other agent k', sort: agents, axis: agents.length > 24 ? { labels: false, ticks: false } : {} },
          y: { field: 'agent', type: 'ordinal', title: 'agent i', sort: agents, axis: agents.length > 24 ? { labels: false, ticks: false } : {} },
          color: { field: 'envyPercent', type: 'quantitative', title: 'envy (%)', scale: { scheme: 'blueorange', domainMid: 100, domain: [Math.min(lo, 99), Math.max(hi, 101)] } },
          tooltip: [{ field: 'policy' }, { field: 'agent' }, { field: 'other' }, { field: 'envyPercent', title: 'envy (%)', format: '.1f' }],
        },
      },
    },
  };
}

/** The original's sharing-incentive CDF: fraction of agents with φ ≤ x, per policy (φ = served ÷ exclusive throughput). The summary is each policy's lowest φ, the table's `sharingIncentiveMin`. */
export function sharingIncentiveChart(series: SeriesRow[] | undefined, has?: HasMetric): ChartDef | undefined {
  const rows = clean(series, ['phi', 'cdf'], ['policy']);
  if (rows.length === 0) return undefined;
  const mins: Record<string, number> = {};
  for (const r of rows) mins[String(r.policy)] = Math.min(mins[String(r.policy)] ?? Infinity, r.phi as number);
  const metric = tableMetric(has, 'policy', 'sharingIncentiveMin');
  return {
    id: 'sharing-incentive',
    title: 'Sharing incentive, CDF over agents',
    caption: 'Fraction of agents whose sharing-incentive ratio φ (requests served ÷ what they would serve with every node to themselves, as the original evaluation computes it) is at most x, per policy. Lines further right give more agents a better deal from sharing; the left end is the worst-off agent.',
    hasLegend: true,
    summary: { text: `Lowest φ per policy: ${listValues(mins, 'sharingIncentiveMin')}.`, ...(metric ? { metric, level: 'policy' as const, values: mins, tolerance: 1e-9 } : {}) },
    data: rows,
    spec: {
      ...base('Sharing incentive, CDF over agents', rows),
      width: WIDTH,
      height: 300,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, point: true },
      encoding: {
        x: { field: 'phi', type: 'quantitative', title: 'sharing-incentive ratio φ', scale: { zero: false } },
        y: { field: 'cdf', type: 'quantitative', title: 'fraction of agents', scale: { domain: [0, 1] }, axis: { format: '%' } },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: null },
        tooltip: [{ field: 'policy' }, { field: 'agent' }, { field: 'phi', format: '.3f' }, { field: 'cdf', format: '.2f' }],
      },
    },
  };
}

/** Summary row of a sweep, as used by the load-curve charts. */
/** A varied value as a chart field: scalars as they are, lists and objects as JSON text. */
function scalar(v: unknown): string | number | boolean | null {
  return v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string | number | boolean | null);
}

export interface CurveRow {
  vary: Record<string, unknown>;
  policy: string;
  metric: string;
  n: number;
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Metric vs the first varied option, one line per policy with its 95 % CI
 * band (mean ± t·s/√n over seeds). A second varied option, if any, becomes
 * the column facet. Returns one chart per metric (in the order of `metrics`,
 * default first-seen), in the metric's display unit.
 */
export function loadCurveCharts(rows: CurveRow[], varyKeys: string[], metrics?: string[]): ChartDef[] {
  if (varyKeys.length === 0 || rows.length === 0) return [];
  const [xKey, facetKey] = varyKeys;
  const wanted = metrics ?? [...new Set(rows.map((r) => r.metric))];
  const charts: ChartDef[] = [];
  for (const metric of wanted) {
    const mine = rows.filter((r) => r.metric === metric && Number.isFinite(r.mean));
    if (mine.length === 0) continue;
    const def = metricDef(metric);
    const fmt = columnFormat(def, mine.map((r) => r.mean));
    const label = fmt.unit ? `${def.label} (${fmt.unit})` : def.label;
    const numericX = mine.every((r) => typeof r.vary[xKey] === 'number');
    const values = mine.map((r) => ({
      x: scalar(r.vary[xKey]),
      ...(facetKey ? { facet: String(r.vary[facetKey]) } : {}),
      policy: r.policy,
      mean: r.mean / fmt.scale,
      ciLow: (r.ciLow ?? r.mean) / fmt.scale,
      ciHigh: (r.ciHigh ?? r.mean) / fmt.scale,
      n: r.n,
    }));
    const title = `${def.label} vs ${xKey}`;
    const x = { field: 'x', type: numericX ? 'quantitative' : 'ordinal', title: xKey, ...(numericX ? { scale: { zero: false } } : {}) };
    const layered: VlSpec = {
      // the band's colour legend is hidden; independent legends keep the line's legend from being merged away
      resolve: { legend: { color: 'independent' } },
      encoding: { x },
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'ciLow', type: 'quantitative', title: label }, y2: { field: 'ciHigh' }, color: { field: 'policy', type: 'nominal', legend: null, sort: null } } },
        { mark: { type: 'line', point: true }, encoding: { y: { field: 'mean', type: 'quantitative', title: label }, color: { field: 'policy', type: 'nominal', title: 'policy', sort: null }, tooltip: [{ field: 'policy' }, { field: 'x', title: xKey }, { field: 'mean', format: '.4g' }, { field: 'ciLow', format: '.4g' }, { field: 'ciHigh', format: '.4g' }, { field: 'n' }] } },
      ],
    };
    const spec: VlSpec = facetKey
      ? { ...base(title, values), facet: { column: { field: 'facet', type: 'nominal', title: facetKey } }, spec: { width: 300, height: 240, ...layered } }
      : { ...base(title, values), width: WIDTH, height: 300, ...layered };
    const bestAt = [...groupBy(mine, (r) => String(r.vary[xKey]))].map(([xv, list]) => {
      const top = list.reduce((a, r) => (def.better === 'lower' ? (r.mean < a.mean ? r : a) : r.mean > a.mean ? r : a));
      return `${xKey}=${xv}: ${top.policy} ${fmt.withUnit(top.mean)}`;
    });
    charts.push({
      id: `curve-${metric}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
      title,
      caption: `Mean of ${def.label} over seeds per policy as ${xKey} varies; band: 95 % Student-t confidence interval of the mean. ${def.better === 'neutral' ? '' : `${def.better === 'higher' ? 'Higher' : 'Lower'} is better; `}where bands overlap, the difference is within the seeds' noise.`,
      hasLegend: true,
      summary: { text: def.better === 'neutral' ? `${mine.length} points.` : `Best at each ${xKey}: ${bestAt.join('; ')}.` },
      data: values,
      spec,
    });
  }
  return charts;
}

/**
 * Every run-level chart whose source is present, in report order (Gantt
 * panels last). `results` are the run's own results (for the FTF chart and to
 * tie summaries to table columns); with `linkTables: false` (the charts show
 * one seed of a multi-seed run whose tables hold means) no summary claims to
 * match a table.
 */
export function runCharts(series: Record<string, SeriesRow[]>, results?: Results, options: { linkTables?: boolean } = {}): ChartDef[] {
  const charts = allRunCharts(series, results);
  if (options.linkTables === false) for (const c of charts) c.summary = { text: c.summary.text };
  return charts;
}

function allRunCharts(series: Record<string, SeriesRow[]>, results?: Results): ChartDef[] {
  const has: HasMetric | undefined = results
    ? (key, level) => (level === 'policy' ? results.policies.some((p) => typeof p[key] === 'number') : results.policies.some((p) => (p.tenants ?? []).some((t) => typeof t[key] === 'number')))
    : undefined;
  return [
    jctCdfChart(series.jctCdf, has),
    ftfRhoChart(results),
    tenantShareChart(series.tenantShare, has),
    hitRateChart(series.hitRate, has),
    utilizationChart(series.utilization, has),
    averageThroughputChart(series.averageThroughput, has),
    classThroughputChart(series.classThroughput),
    envyHeatmapChart(series.envyMatrix, has),
    sharingIncentiveChart(series.sharingIncentive, has),
    ...ganttCharts(series.gantt),
  ].filter((c): c is ChartDef => c !== undefined);
}
