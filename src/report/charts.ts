/**
 * Vega-Lite chart specifications for the report, one builder per shared
 * chart series (see the preamble of the results shape, src/results.ts):
 *
 * | series        | fields                                              | chart |
 * |---------------|-----------------------------------------------------|-------|
 * | `jctCdf`      | policy, jctSeconds, fraction                        | CDF line per policy |
 * | `tenantShare` | policy, tenant, share, entitlement (fractions)      | grouped bars + entitlement ticks |
 * | `hitRate`     | policy, tenant, hitRate, target (fractions)         | grouped bars + SLO target ticks |
 * | `utilization` | policy, timeSeconds, utilization (0..1), resource   | line over time per policy (dash per resource) |
 * | `gantt`       | policy, lane, start, end (s), tenant, label         | timeline: lanes × time, coloured by tenant, one row per policy |
 * | sweep summary | vary…, policy, metric, mean, ciLow, ciHigh          | metric vs varied option, CI band per policy |
 *
 * A builder returns `undefined` when its series is absent or has no usable
 * rows, so the report skips the chart. Large series are thinned for drawing
 * (the caption says so); the data files keep every row.
 */
import type { MetricValue } from '../results.js';

export type SeriesRow = Record<string, MetricValue>;
/** A Vega-Lite spec (kept loose: vega-lite's own types are checked when compiling). */
export type VlSpec = Record<string, unknown>;

/** One figure of the report: a file stem, a title, a caption and the spec. */
export interface ChartDef {
  id: string;
  title: string;
  caption: string;
  spec: VlSpec;
  /** True when the chart has a colour/dash legend the browser test must find. */
  hasLegend: boolean;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 520;

function base(title: string, values: SeriesRow[]): VlSpec {
  return { $schema: SCHEMA, title, data: { values }, config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', view: { stroke: null } } };
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

/** JCT CDF per policy (x: JCT in seconds, log scale when the JCTs span more than two decades). */
export function jctCdfChart(series: SeriesRow[] | undefined): ChartDef | undefined {
  const rows = clean(series, ['jctSeconds', 'fraction'], ['policy']);
  if (rows.length === 0) return undefined;
  const byPolicy = groupBy(rows, (r) => String(r.policy));
  let thinned = false;
  const values: SeriesRow[] = [];
  for (const list of byPolicy.values()) {
    const sorted = [...list].sort((a, b) => (a.fraction as number) - (b.fraction as number));
    const t = thin(sorted, 400);
    thinned ||= t.length < sorted.length;
    values.push(...t);
  }
  const xs = values.map((r) => r.jctSeconds as number).filter((x) => x > 0);
  const log = xs.length === values.length && Math.max(...xs) / Math.min(...xs) > 100;
  return {
    id: 'jct-cdf',
    title: 'JCT CDF per policy',
    caption: `Fraction of jobs/requests finished within a given job completion time${log ? ' (log scale)' : ''}.${thinned ? ' Drawn from at most 400 points per policy.' : ''}`,
    hasLegend: true,
    spec: {
      ...base('JCT CDF per policy', values),
      width: WIDTH,
      height: 300,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'jctSeconds', type: 'quantitative', title: 'JCT (s)', scale: log ? { type: 'log' } : { zero: true } },
        y: { field: 'fraction', type: 'quantitative', title: 'fraction finished', scale: { domain: [0, 1] } },
        color: { field: 'policy', type: 'nominal', title: 'policy' },
      },
    },
  };
}

/** Grouped bars per tenant (one bar per policy) with a black tick at the reference value (entitlement or SLO target). */
function tenantBars(id: string, title: string, caption: string, rows: SeriesRow[], valueField: string, valueTitle: string, refField: string, refTitle: string): ChartDef {
  const tenants = new Set(rows.map((r) => String(r.tenant))).size;
  return {
    id,
    title,
    caption,
    hasLegend: true,
    spec: {
      ...base(title, rows),
      width: Math.max(WIDTH, Math.min(1600, tenants * 60)),
      height: 280,
      encoding: {
        x: { field: 'tenant', type: 'nominal', title: 'tenant', axis: { labelAngle: tenants > 8 ? -45 : 0 } },
        xOffset: { field: 'policy', type: 'nominal' },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y: { field: valueField, type: 'quantitative', title: valueTitle },
            color: { field: 'policy', type: 'nominal', title: 'policy' },
            tooltip: [{ field: 'policy' }, { field: 'tenant' }, { field: valueField, format: '.3f' }, { field: refField, format: '.3f' }],
          },
        },
        {
          mark: { type: 'tick', color: 'black', thickness: 2 },
          encoding: { y: { field: refField, type: 'quantitative', title: refTitle } },
        },
      ],
    },
  };
}

/** Per-tenant share received vs token entitlement. */
export function tenantShareChart(series: SeriesRow[] | undefined): ChartDef | undefined {
  const rows = clean(series, ['share', 'entitlement'], ['policy', 'tenant']);
  if (rows.length === 0) return undefined;
  return tenantBars('tenant-share', 'Share received vs token entitlement', 'Bars: fraction of the cluster each tenant received under each policy; black ticks: its token entitlement tᵢ/Σt.', rows, 'share', 'share received', 'entitlement', 'entitlement');
}

/** Per-tenant deadline hit rate vs SLO target. */
export function hitRateChart(series: SeriesRow[] | undefined): ChartDef | undefined {
  const rows = clean(series, ['hitRate', 'target'], ['policy', 'tenant']);
  if (rows.length === 0) return undefined;
  return tenantBars('hit-rate', 'Deadline hit rate vs SLO target', 'Bars: fraction of each tenant’s requests finished by their deadline; black ticks: the SLO target.', rows, 'hitRate', 'deadline hit rate', 'target', 'SLO target');
}

/** Utilisation over time per policy (thinned to ≤ 300 points per policy and resource by bucket means). */
export function utilizationChart(series: SeriesRow[] | undefined): ChartDef | undefined {
  const rows = clean(series, ['timeSeconds', 'utilization'], ['policy']);
  if (rows.length === 0) return undefined;
  const resources = new Set(rows.map((r) => str(r.resource) ?? 'all'));
  const values: SeriesRow[] = [];
  let thinned = false;
  for (const list of groupBy(rows, (r) => `${r.policy}\u0000${str(r.resource) ?? 'all'}`).values()) {
    const sorted = [...list].sort((a, b) => (a.timeSeconds as number) - (b.timeSeconds as number));
    if (sorted.length <= 300) {
      values.push(...sorted.map((r) => ({ ...r, resource: str(r.resource) ?? 'all' })));
      continue;
    }
    thinned = true;
    const size = Math.ceil(sorted.length / 300);
    for (let i = 0; i < sorted.length; i += size) {
      const chunk = sorted.slice(i, i + size);
      values.push({ policy: chunk[0].policy, resource: str(chunk[0].resource) ?? 'all', timeSeconds: chunk[0].timeSeconds, utilization: chunk.reduce((a, r) => a + (r.utilization as number), 0) / chunk.length });
    }
  }
  return {
    id: 'utilization',
    title: 'Utilisation over time',
    caption: `Fraction of capacity in use over simulated time, per policy${resources.size > 1 ? ' (dash: resource)' : ''}.${thinned ? ' Averaged into at most 300 buckets per line.' : ''}`,
    hasLegend: true,
    spec: {
      ...base('Utilisation over time', values),
      width: WIDTH,
      height: 260,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'timeSeconds', type: 'quantitative', title: 'time (s)' },
        y: { field: 'utilization', type: 'quantitative', title: 'utilisation', scale: { domain: [0, 1] } },
        color: { field: 'policy', type: 'nominal', title: 'policy' },
        ...(resources.size > 1 ? { strokeDash: { field: 'resource', type: 'nominal', title: 'resource' } } : {}),
      },
    },
  };
}

/** Gantt/timeline: lanes (nodes, devices …) × time, bars coloured by tenant, one row per policy. */
export function ganttChart(series: SeriesRow[] | undefined, maxBarsPerPolicy = 1500): ChartDef | undefined {
  const rows = clean(series, ['start', 'end'], ['policy', 'lane']);
  if (rows.length === 0) return undefined;
  const values: SeriesRow[] = [];
  let cut = false;
  for (const list of groupBy(rows, (r) => String(r.policy)).values()) {
    const sorted = [...list].sort((a, b) => (a.start as number) - (b.start as number));
    cut ||= sorted.length > maxBarsPerPolicy;
    values.push(...sorted.slice(0, maxBarsPerPolicy).map((r) => ({ ...r, tenant: str(r.tenant) ?? '(none)', label: str(r.label) ?? '' })));
  }
  const lanes = new Set(values.map((r) => String(r.lane))).size;
  return {
    id: 'gantt',
    title: 'Timeline per policy',
    caption: `Each bar is one piece of work on a lane (node, device or sub-accelerator), coloured by tenant.${cut ? ` Only the first ${maxBarsPerPolicy} intervals per policy are drawn.` : ''}`,
    hasLegend: true,
    spec: {
      ...base('Timeline per policy', values),
      mark: { type: 'bar' },
      height: { step: Math.max(6, Math.min(20, Math.floor(240 / lanes))) },
      width: WIDTH,
      encoding: {
        row: { field: 'policy', type: 'nominal', title: 'policy' },
        y: { field: 'lane', type: 'nominal', title: 'lane', axis: lanes > 40 ? { labels: false, ticks: false } : {} },
        x: { field: 'start', type: 'quantitative', title: 'time (s)' },
        x2: { field: 'end' },
        color: { field: 'tenant', type: 'nominal', title: 'tenant' },
        tooltip: [{ field: 'policy' }, { field: 'lane' }, { field: 'tenant' }, { field: 'label' }, { field: 'start', format: '.3f' }, { field: 'end', format: '.3f' }],
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
 * the column facet. Returns one chart per metric (in first-seen order).
 */
export function loadCurveCharts(rows: CurveRow[], varyKeys: string[], metrics?: string[]): ChartDef[] {
  if (varyKeys.length === 0 || rows.length === 0) return [];
  const [xKey, facetKey] = varyKeys;
  const wanted = metrics ?? [...new Set(rows.map((r) => r.metric))];
  const charts: ChartDef[] = [];
  for (const metric of wanted) {
    const mine = rows.filter((r) => r.metric === metric && Number.isFinite(r.mean));
    if (mine.length === 0) continue;
    const numericX = mine.every((r) => typeof r.vary[xKey] === 'number');
    const values = mine.map((r) => ({
      x: scalar(r.vary[xKey]),
      ...(facetKey ? { facet: String(r.vary[facetKey]) } : {}),
      policy: r.policy,
      mean: r.mean,
      ciLow: r.ciLow ?? r.mean,
      ciHigh: r.ciHigh ?? r.mean,
      n: r.n,
    }));
    const title = `${metric} vs ${xKey}`;
    const x = { field: 'x', type: numericX ? 'quantitative' : 'ordinal', title: xKey, ...(numericX ? { scale: { zero: false } } : {}) };
    const layered: VlSpec = {
      // the band's colour legend is hidden; independent legends keep the line's legend from being merged away
      resolve: { legend: { color: 'independent' } },
      encoding: { x },
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'ciLow', type: 'quantitative', title: metric }, y2: { field: 'ciHigh' }, color: { field: 'policy', type: 'nominal', legend: null } } },
        { mark: { type: 'line', point: true }, encoding: { y: { field: 'mean', type: 'quantitative', title: metric }, color: { field: 'policy', type: 'nominal', title: 'policy' }, tooltip: [{ field: 'policy' }, { field: 'x', title: xKey }, { field: 'mean', format: '.4g' }, { field: 'ciLow', format: '.4g' }, { field: 'ciHigh', format: '.4g' }, { field: 'n' }] } },
      ],
    };
    const spec: VlSpec = facetKey
      ? { ...base(title, values), facet: { column: { field: 'facet', type: 'nominal', title: facetKey } }, spec: { width: 260, height: 220, ...layered } }
      : { ...base(title, values), width: WIDTH, height: 260, ...layered };
    charts.push({
      id: `curve-${metric}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
      title,
      caption: `Mean of ${metric} over seeds per policy; band: 95 % Student-t confidence interval of the mean.`,
      hasLegend: true,
      spec,
    });
  }
  return charts;
}

/** Every run-level chart whose series is present, in report order. */
export function runCharts(series: Record<string, SeriesRow[]>): ChartDef[] {
  return [
    jctCdfChart(series.jctCdf),
    tenantShareChart(series.tenantShare),
    hitRateChart(series.hitRate),
    utilizationChart(series.utilization),
    ganttChart(series.gantt),
  ].filter((c): c is ChartDef => c !== undefined);
}
