/**
 * Report writers: `report.html` (self-contained) plus one SVG and one PNG
 * per chart under `figures/`, for a single run (`allot run --out DIR`) or a
 * sweep (`allot sweep --out DIR`), and `reportDirectory` for `allot report DIR`
 * (which recognises either kind of directory).
 *
 * A run directory gets `series.json` (the run's chart series) beside
 * results.json, so `allot report` can redraw it later.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { parseJsonText, readInputFile } from '../data/input-files.js';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { upgradeMetricKeys } from '../metrics/catalog.js';
import type { MetricValue, PolicyResult, Results, RunOutput } from '../results.js';
import type { OptionValue } from '../sweep/cells.js';
import { readCellRecords } from '../sweep/run-sweep.js';
import type { CellRecord } from '../sweep/run-cell.js';
import type { SweepSummary } from '../sweep/write-sweep.js';
import type { SummaryRow } from '../sweep/aggregate.js';
import { loadCurveCharts, runCharts, type ChartDef, type SeriesRow } from './charts.js';
import { renderHtml, type HtmlFigure, type HtmlTable } from './html.js';
import { renderSvg, svgToPng } from './render.js';
import { checkedWriter, type FileWriter } from './write-outputs.js';

/** Options of `writeRunReport` and `writeSweepReport`: whether to write PNGs beside the SVG figures, and the file writer. */
export interface ReportOptions {
  /** Also write PNGs (default true). */
  png?: boolean;
  /** Writes one file (default writeFileSync); an output directory's writer turns failures into EnvironmentErrors. */
  writer?: FileWriter;
}

async function drawFigures(dir: string, charts: ChartDef[], opts: ReportOptions): Promise<{ figures: HtmlFigure[]; files: string[] }> {
  const figDir = join(dir, 'figures');
  mkdirSync(figDir, { recursive: true });
  const write = checkedWriter(opts.writer);
  const figures: HtmlFigure[] = [];
  const files: string[] = [];
  for (const c of charts) {
    const svg = await renderSvg(c.spec);
    const svgPath = join(figDir, `${c.id}.svg`);
    write(svgPath, svg);
    files.push(svgPath);
    const links = [`figures/${c.id}.svg`];
    if (opts.png !== false) {
      const pngPath = join(figDir, `${c.id}.png`);
      write(pngPath, svgToPng(svg));
      files.push(pngPath);
      links.push(`figures/${c.id}.png`);
    }
    figures.push({ id: c.id, title: c.title, caption: c.caption, svg, hasLegend: c.hasLegend, files: links });
  }
  return { figures, files };
}

/** Numeric metric keys of policy (or tenant) results, in first-seen order. */
function metricKeys(items: Record<string, unknown>[]): string[] {
  const keys: string[] = [];
  for (const it of items) for (const [k, v] of Object.entries(it)) if (k !== 'tokens' && (typeof v === 'number' || v === null) && !keys.includes(k)) keys.push(k);
  return keys;
}

function cell(v: unknown): string | number | null {
  return typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : null;
}

function resultsTables(results: Results): HtmlTable[] {
  const pk = metricKeys(results.policies as unknown as Record<string, unknown>[]);
  const tables: HtmlTable[] = [{ title: 'Per policy', columns: ['policy', ...pk], rows: results.policies.map((p) => [p.name, ...pk.map((k) => cell(p[k]))]) }];
  const tenants = results.policies.flatMap((p) => (p.tenants ?? []).map((t) => ({ p, t })));
  if (tenants.length > 0) {
    const tk = metricKeys(tenants.map((x) => x.t as Record<string, unknown>));
    const hasTokens = tenants.some((x) => typeof x.t.tokens === 'number');
    tables.push({
      title: 'Per tenant',
      columns: ['policy', 'tenant', ...(hasTokens ? ['tokens'] : []), ...tk],
      rows: tenants.map(({ p, t }) => [p.name, t.id, ...(hasTokens ? [cell(t.tokens)] : []), ...tk.map((k) => cell(t[k]))]),
    });
  }
  return tables;
}

/** Writes report.html and figures for one run; returns the files written. */
export async function writeRunReport(dir: string, output: RunOutput, opts: ReportOptions = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const write = checkedWriter(opts.writer);
  const files: string[] = [];
  const seriesPath = join(dir, 'series.json');
  write(seriesPath, JSON.stringify(output.artifacts.series) + '\n');
  files.push(seriesPath);
  const r = output.results;
  const { figures, files: figFiles } = await drawFigures(dir, runCharts(output.artifacts.series), opts);
  files.push(...figFiles);
  const html = renderHtml({
    title: `Allot report — ${r.scenario}`,
    meta: [
      ['kind', r.kind],
      ['seed', String(r.seed)],
      ['allot', r.allotVersion],
      ...Object.entries(r.parameters).map(([k, v]): [string, string] => [k, String(v)]),
      ...r.inputs.map((i): [string, string] => [`input ${i.path}`, `sha256 ${i.sha256}`]),
    ],
    sections: [
      { heading: 'Results', tables: resultsTables(r) },
      ...(figures.length > 0 ? [{ heading: 'Figures', figures }] : [{ heading: 'Figures', intro: 'This run emitted no chart series.' }]),
    ],
  });
  const htmlPath = join(dir, 'report.html');
  write(htmlPath, html);
  files.push(htmlPath);
  return files;
}

function varyText(vary: Record<string, OptionValue>): string {
  return Object.entries(vary).map(([k, v]) => `${k}=${v}`).join(', ');
}

function fmt(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? x.toExponential(3) : Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

/** Pivot of the sweep summary: one row per (setting, policy), one column per metric, "mean ± half-width". */
function sweepTable(rows: SummaryRow[], varyKeys: string[], title: string, withTenant: boolean): HtmlTable {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const groups = new Map<string, { head: (string | number | null)[]; values: Map<string, string> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.vary, r.policy, r.tenant]);
    let g = groups.get(key);
    if (!g) {
      g = { head: [...varyKeys.map((k) => String(r.vary[k] ?? '')), r.policy, ...(withTenant ? [r.tenant ?? null] : [])], values: new Map() };
      groups.set(key, g);
    }
    g.values.set(r.metric, r.ciHalfWidth === null ? fmt(r.mean) : `${fmt(r.mean)} ± ${fmt(r.ciHalfWidth)}`);
  }
  return {
    title,
    columns: [...varyKeys, 'policy', ...(withTenant ? ['tenant'] : []), ...metrics],
    rows: [...groups.values()].map((g) => [...g.head, ...metrics.map((m) => g.values.get(m) ?? null)]),
    note: 'mean ± half-width of the 95 % Student-t confidence interval over seeds.',
  };
}

/**
 * Picks the run shown in detail in a sweep report: the middle value of each
 * varied option and the lowest seed, merging the series of every policy's cell.
 */
function representativeSeries(summary: SweepSummary, records: CellRecord[]): { label: string; series: Record<string, SeriesRow[]> } | undefined {
  const target: Record<string, OptionValue> = {};
  for (const a of summary.vary) target[a.key] = a.values[Math.floor((a.values.length - 1) / 2)];
  const seed = Math.min(...summary.seeds);
  const pick = (want: Record<string, OptionValue>) =>
    records.filter((r) => r.series && r.cell.seed === seed && Object.entries(want).every(([k, v]) => r.cell.vary[k] === v));
  let chosen = pick(target);
  if (chosen.length === 0) {
    const any = records.find((r) => r.series);
    if (!any) return undefined;
    chosen = pick(any.cell.vary).filter((r) => r.cell.seed === any.cell.seed);
  }
  const series: Record<string, SeriesRow[]> = {};
  for (const rec of chosen) for (const [name, list] of Object.entries(rec.series ?? {})) (series[name] ??= []).push(...(list as Record<string, MetricValue>[]));
  return { label: `${varyText(chosen[0].cell.vary) || 'base options'}, seed ${chosen[0].cell.seed}`, series };
}

/** Writes report.html and figures for a sweep directory (sweep.json + cells/); returns the files written. */
export async function writeSweepReport(dir: string, summary: SweepSummary, records: CellRecord[], opts: ReportOptions = {}): Promise<string[]> {
  const write = checkedWriter(opts.writer);
  const varyKeys = summary.vary.map((a) => a.key);
  const curves = loadCurveCharts(summary.summary, varyKeys);
  const rep = representativeSeries(summary, records);
  const runChartDefs = rep ? runCharts(rep.series).map((c) => ({ ...c, id: `run-${c.id}`, caption: `${c.caption} Run: ${rep.label}.` })) : [];
  const { figures: curveFigs, files } = await drawFigures(dir, curves, opts);
  const { figures: runFigs, files: runFiles } = await drawFigures(dir, runChartDefs, opts);
  files.push(...runFiles);
  const failures: HtmlTable[] = summary.failures.length
    ? [{ title: `Failed cells (${summary.failures.length})`, columns: ['cell', 'setting', 'policy', 'seed', 'reason', 'attempts', 'error'], rows: summary.failures.map((f) => [f.cellId, varyText(f.vary), f.policy, f.seed, f.reason, f.attempts, f.error]) }]
    : [];
  const html = renderHtml({
    title: `Allot sweep — ${summary.scenario}`,
    meta: [
      ['kind', summary.kind],
      ['varied', summary.vary.map((a) => `${a.key} ∈ {${a.values.join(', ')}}`).join('; ') || '(nothing)'],
      ['policies', summary.policies.join(', ')],
      ['seeds', summary.seeds.join(', ')],
      ['cells', `${summary.cellsDone} of ${summary.cellsTotal} finished${summary.failures.length ? `, ${summary.failures.length} failed` : ''}${summary.interrupted ? ' (interrupted)' : ''}`],
      ['allot', summary.allotVersion],
      ...summary.inputs.map((i): [string, string] => [`input ${i.path}`, `sha256 ${i.sha256}`]),
    ],
    sections: [
      ...(curveFigs.length ? [{ heading: `Metrics vs ${varyKeys[0]}`, figures: curveFigs }] : []),
      { heading: 'Summary', tables: [sweepTable(summary.summary, varyKeys, 'Per policy', false), ...(summary.tenantSummary.length ? [sweepTable(summary.tenantSummary, varyKeys, 'Per tenant', true)] : []), ...failures] },
      ...(runFigs.length && rep ? [{ heading: `One run in detail (${rep.label})`, figures: runFigs }] : []),
    ],
  });
  const htmlPath = join(dir, 'report.html');
  write(htmlPath, html);
  files.push(htmlPath);
  return files;
}

/**
 * `allot report DIR`: redraws the report of a sweep directory (sweep.json) or
 * a run directory (results.json, plus series.json when present). Throws
 * InputError when DIR holds neither.
 */
export async function reportDirectory(dir: string, opts: ReportOptions = {}): Promise<string[]> {
  if (!existsSync(dir)) throw new InputError('directory not found', dir);
  const sweepPath = join(dir, 'sweep.json');
  if (existsSync(sweepPath)) {
    const summary = parseJson<SweepSummary>(sweepPath);
    if (summary.type !== 'sweep' || !Array.isArray(summary.summary)) throw new InputError('not an Allot sweep summary (expected "type": "sweep" and a "summary" list)', sweepPath);
    // cells of an earlier sweep with other settings may share the directory: keep this sweep's only
    const records = [...readCellRecords(dir).values()].filter((r) =>
      r.cell.kind === summary.kind && summary.policies.includes(r.cell.policy) && summary.seeds.includes(r.cell.seed) &&
      summary.vary.every((a) => a.values.includes(r.cell.vary[a.key])) && Object.keys(r.cell.vary).length === summary.vary.length);
    return writeSweepReport(dir, summary, records, opts);
  }
  const resultsPath = join(dir, 'results.json');
  if (existsSync(resultsPath)) {
    const results = parseJson<Results>(resultsPath);
    if (!Array.isArray(results.policies)) throw new InputError('not an Allot results file (expected a "policies" list)', resultsPath, 'policies');
    const seriesPath = join(dir, 'series.json');
    const series = existsSync(seriesPath) ? parseJson<Record<string, SeriesRow[]>>(seriesPath) : {};
    // results written before the fairness renames read under the new names
    const policies = results.policies.map((p: PolicyResult) => ({ ...upgradeMetricKeys(p), tenants: (p.tenants ?? []).map((t) => upgradeMetricKeys(t)) }));
    return writeRunReport(dir, { results: { ...results, policies }, artifacts: { tables: [], series } }, opts);
  }
  throw new InputError('expected a run directory (results.json) or a sweep directory (sweep.json)', dir);
}

function parseJson<T>(path: string): T {
  return parseJsonText(readInputFile(path, 'file'), path) as T;
}
