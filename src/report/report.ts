/**
 * Report writers: `report.html` (self-contained) plus one SVG and one PNG
 * per chart under `figures/`, for a single run (`allot run --out DIR`) or a
 * sweep (`allot sweep --out DIR`), and `reportDirectory` for `allot report DIR`
 * (which recognises either kind of directory).
 *
 * The page tells the story in order: a summary (a paragraph generated from
 * the numbers, and the headline metrics per policy with the best marked),
 * then the figures (each with what to look for, a text alternative and its
 * data as CSV), then the tables (sortable, collapsed past 20 rows), then the
 * run details (provenance and a glossary of the metrics shown).
 *
 * A run directory gets `series.json` (the run's chart series) beside
 * results.json, so `allot report` can redraw it later.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonText, readInputFile } from '../data/input-files.js';
import { InputError } from '../errors.js';
import { headlineKeys, metricDef, metricView, upgradeMetricKeys } from '../metrics/catalog.js';
import type { MetricValue, PolicyResult, Results, RunOutput } from '../results.js';
import type { OptionValue } from '../sweep/cells.js';
import { readCellRecords } from '../sweep/run-sweep.js';
import type { CellRecord } from '../sweep/run-cell.js';
import type { SweepSummary } from '../sweep/write-sweep.js';
import type { SummaryRow } from '../sweep/aggregate.js';
import { loadCurveCharts, runCharts, type ChartDef, type SeriesRow } from './charts.js';
import { columnFormat } from './format.js';
import { renderHtml, type HtmlCell, type HtmlFigure, type HtmlSection, type HtmlTable } from './html.js';
import { renderSvg, svgToPng } from './render.js';
import { leadAcrossSettings, metricHeader, policyColumns, policyKeys, settingResults, summaryParagraph, tenantColumns, tenantKeys, tenantRows, type MetricColumn } from './summary.js';
import { checkedWriter, type FileWriter } from './write-outputs.js';
import { lazyRequire } from '../lazy-require.js';

const csvStringify = lazyRequire<typeof import('csv-stringify/sync')>('csv-stringify/sync');

/** Options of `writeRunReport` and `writeSweepReport`: whether to write PNGs beside the SVG figures, and the file writer. */
export interface ReportOptions {
  /** Also write PNGs (default true). */
  png?: boolean;
  /** Writes one file (default writeFileSync); an output directory's writer turns failures into EnvironmentErrors. */
  writer?: FileWriter;
}

function csvOf(rows: SeriesRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return csvStringify().stringify([columns, ...rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : r[c])))]);
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
      write(pngPath, await svgToPng(svg));
      files.push(pngPath);
      links.push(`figures/${c.id}.png`);
    }
    figures.push({ id: c.id, title: c.title, caption: c.caption, svg, hasLegend: c.hasLegend, files: links, summary: c.summary, csv: csvOf(c.data), group: c.group, panel: c.panel });
  }
  return { figures, files };
}

function arrow(better: string): string {
  return better === 'higher' ? ' ↑' : better === 'lower' ? ' ↓' : '';
}

function metricCells(cols: MetricColumn[], i: number): HtmlCell[] {
  return cols.map((c) => ({ text: c.cells[i], value: c.values[i], best: c.best[i] }));
}

function metricHeaders(cols: MetricColumn[]): HtmlTable['columns'] {
  return cols.map((c) => ({ label: `${c.header}${arrow(c.def.better)}`, key: c.key, numeric: !c.text }));
}

/** The summary table: one row per policy, the headline metrics, the best of each marked. */
function headlineTable(results: Results): HtmlTable | undefined {
  const keys = headlineKeys(results.kind, policyKeys(results, true));
  if (keys.length === 0) return undefined;
  const cols = policyColumns(results, keys);
  return {
    title: 'Headline metrics per policy',
    kind: 'headline',
    columns: [{ label: 'policy', numeric: false }, ...metricHeaders(cols)],
    rows: results.policies.map((p, i) => [{ text: p.name }, ...metricCells(cols, i)]),
    note: `★ best of each column (↑ higher is better, ↓ lower)${results.intervals?.length ? '; mean ± half-width of the 95 % Student-t interval over seeds' : ''}.`,
    collapseAfter: 40,
  };
}

/** The full per-policy and per-tenant tables (every metric). */
function resultsTables(results: Results): HtmlTable[] {
  const ci = results.intervals?.length ? '; mean ± half-width of the 95 % interval over seeds' : '';
  const pcols = policyColumns(results, policyKeys(results, true));
  const tables: HtmlTable[] = [{
    title: 'Per policy',
    kind: 'policy',
    columns: [{ label: 'policy', numeric: false }, ...metricHeaders(pcols)],
    rows: results.policies.map((p, i) => [{ text: p.name }, ...metricCells(pcols, i)]),
    note: `Every metric; ★ best of each ranked column${ci}. Click a header to sort.`,
  }];
  const rows = tenantRows(results);
  if (rows.length > 0) {
    const keys = tenantKeys(results, true);
    const hasTokens = keys.includes('tokens');
    const tcols = tenantColumns(results, keys.filter((k) => k !== 'tokens'));
    tables.push({
      title: 'Per tenant',
      kind: 'tenant',
      columns: [{ label: 'policy', numeric: false }, { label: 'tenant', numeric: false }, ...(hasTokens ? [{ label: 'tokens', key: 'tokens', numeric: true }] : []), ...metricHeaders(tcols)],
      rows: rows.map(({ policy, tenant }, i) => [{ text: policy.name }, { text: tenant.id }, ...(hasTokens ? [{ text: String(tenant.tokens ?? '–'), value: tenant.tokens ?? null }] : []), ...metricCells(tcols, i)]),
      note: `One row per (policy, tenant)${ci}.`,
    });
  }
  return tables;
}

/** The glossary of the metrics shown: label (unit) — meaning. */
function glossary(keys: string[]): [string, string][] {
  return [...new Set(keys)].map((k) => metricDef(k)).filter((d) => d.description).map((d) => [`${d.label} (${d.key})`, d.description]);
}

function runMeta(r: Results): [string, string][] {
  return [
    ['scenario', r.scenario],
    ['kind', r.kind],
    [r.seeds && r.seeds.length > 1 ? 'seeds' : 'seed', r.seeds && r.seeds.length > 1 ? r.seeds.join(', ') : String(r.seed)],
    ['allot', r.allotVersion],
    ...Object.entries(r.parameters).map(([k, v]): [string, string] => [k, String(v)]),
    ...r.inputs.map((i): [string, string] => [`input ${i.path}`, `sha256 ${i.sha256}`]),
  ];
}

function subtitle(r: Results): string {
  const seeds = r.seeds && r.seeds.length > 1 ? `seeds ${r.seeds[0]}–${r.seeds[r.seeds.length - 1]}` : `seed ${r.seed}`;
  return `${r.kind} · ${r.policies.length} ${r.policies.length === 1 ? 'policy' : 'policies'} · ${seeds} · Allot ${r.allotVersion}`;
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
  const multiSeed = (r.seeds?.length ?? 1) > 1;
  const charts = runCharts(output.artifacts.series, multiSeed ? undefined : r, { linkTables: !multiSeed });
  const { figures, files: figFiles } = await drawFigures(dir, charts, opts);
  files.push(...figFiles);
  const head = headlineTable(r);
  const sections: HtmlSection[] = [
    { id: 'summary', heading: 'Summary', paragraphs: [summaryParagraph(r)], tables: head ? [head] : [] },
    {
      id: 'figures',
      heading: 'Figures',
      paragraphs: figures.length === 0 ? ['This run emitted no chart series.'] : multiSeed ? [`The figures show one run in detail: seed ${r.seeds![0]}. The tables hold the means over all seeds.`] : [],
      figures,
    },
    { id: 'tables', heading: 'Tables', tables: resultsTables(r) },
  ];
  const html = renderHtml({
    title: `Allot report — ${r.scenario}`,
    subtitle: subtitle(r),
    sections,
    meta: runMeta(r),
    glossary: glossary([...policyKeys(r, true), ...tenantKeys(r, true)]),
  });
  const htmlPath = join(dir, 'report.html');
  write(htmlPath, html);
  files.push(htmlPath);
  return files;
}

function varyText(vary: Record<string, OptionValue>): string {
  return Object.entries(vary).map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`).join(', ');
}

/** The sweep's per-policy (or per-tenant) aggregate table: one row per (setting, policy[, tenant]), "mean ± half-width" per metric, best per setting marked. */
function sweepTable(rows: SummaryRow[], varyKeys: string[], title: string, withTenant: boolean, kind: string, metrics?: string[]): HtmlTable {
  const wanted = metrics ?? [...new Set(rows.map((r) => r.metric))];
  const groups = new Map<string, { vary: Record<string, OptionValue>; policy: string; tenant?: string; values: Map<string, SummaryRow> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.vary, r.policy, r.tenant]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { vary: r.vary, policy: r.policy, tenant: r.tenant, values: new Map() }));
    g.values.set(r.metric, r);
  }
  const list = [...groups.values()];
  const formats = new Map(wanted.map((m) => [m, columnFormat(metricDef(m), rows.filter((r) => r.metric === m).map((r) => r.mean))]));
  // best per (setting, metric) among policies (policy tables only)
  const best = new Set<string>();
  if (!withTenant) {
    for (const m of wanted) {
      const def = metricDef(m);
      if (def.better === 'neutral') continue;
      const bySetting = new Map<string, SummaryRow[]>();
      for (const r of rows) if (r.metric === m) bySetting.set(JSON.stringify(r.vary), [...(bySetting.get(JSON.stringify(r.vary)) ?? []), r]);
      for (const [setting, rs] of bySetting) {
        if (rs.length < 2) continue;
        const top = def.better === 'higher' ? Math.max(...rs.map((r) => r.mean)) : Math.min(...rs.map((r) => r.mean));
        if (rs.every((r) => Math.abs(r.mean - top) <= 1e-9 * Math.max(1, Math.abs(top)))) continue;
        for (const r of rs) if (Math.abs(r.mean - top) <= 1e-9 * Math.max(1, Math.abs(top))) best.add(`${setting}\u0000${r.policy}\u0000${m}`);
      }
    }
  }
  return {
    title,
    kind: withTenant ? 'sweep-tenant' : 'sweep',
    columns: [
      ...varyKeys.map((k) => ({ label: k, numeric: false })),
      { label: 'policy', numeric: false },
      ...(withTenant ? [{ label: 'tenant', numeric: false }] : []),
      ...wanted.map((m) => ({ label: `${metricHeader(metricDef(m), formats.get(m)!)}${arrow(metricDef(m).better)}`, key: m, numeric: true })),
    ],
    rows: list.map((g) => [
      ...varyKeys.map((k) => ({ text: g.vary[k] === undefined ? '' : typeof g.vary[k] === 'object' && g.vary[k] !== null ? JSON.stringify(g.vary[k]) : String(g.vary[k]) })),
      { text: g.policy },
      ...(withTenant ? [{ text: g.tenant ?? '' }] : []),
      ...wanted.map((m): HtmlCell => {
        const r = g.values.get(m);
        const f = formats.get(m)!;
        if (!r) return { text: '–' };
        return { text: r.ciHalfWidth === null ? f.format(r.mean) : `${f.format(r.mean)} ± ${f.format(r.ciHalfWidth)}`, value: r.mean, best: best.has(`${JSON.stringify(g.vary)}\u0000${g.policy}\u0000${m}`) };
      }),
    ]),
    note: `mean ± half-width of the 95 % Student-t confidence interval over seeds${withTenant ? '' : '; ★ best policy at each setting'} (${kind}).`,
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
  const view = metricView(summary.kind);
  const present = [...new Set(summary.summary.map((r) => r.metric))];
  const shown = [...new Set([...view.headline, ...view.policy])].filter((m) => present.includes(m));
  const curveMetrics = shown.length ? shown : present;
  const curves = loadCurveCharts(summary.summary, varyKeys, curveMetrics);
  const rep = representativeSeries(summary, records);
  const runChartDefs = rep ? runCharts(rep.series, undefined, { linkTables: false }).map((c) => ({ ...c, id: `run-${c.id}`, caption: `${c.caption} Run: ${rep.label}.` })) : [];
  const { figures: curveFigs, files } = await drawFigures(dir, curves, opts);
  const { figures: runFigs, files: runFiles } = await drawFigures(dir, runChartDefs, opts);
  files.push(...runFiles);
  // the summary: the middle setting told in words, how the lead moves along the first axis, and the headline table
  const settings = new Map<string, { vary: Record<string, OptionValue>; rows: SummaryRow[] }>();
  for (const r of summary.summary) {
    const k = JSON.stringify(r.vary);
    const s = settings.get(k);
    if (s) s.rows.push(r);
    else settings.set(k, { vary: r.vary, rows: [r] });
  }
  const settingList = [...settings.values()];
  const middle = settingList[Math.floor((settingList.length - 1) / 2)];
  const paragraphs: string[] = [];
  if (middle) {
    paragraphs.push(`${varyKeys.length ? `At ${varyText(middle.vary)}: ` : ''}${summaryParagraph(settingResults(summary.kind, summary.scenario, middle.rows, summary.seeds))}`);
    if (varyKeys.length) {
      const axis = varyKeys[0];
      const along = settingList.filter((s) => varyKeys.slice(1).every((k) => s.vary[k] === middle.vary[k]));
      const lead = leadAcrossSettings(along.map((s) => ({ label: `${axis}=${s.vary[axis]}`, results: settingResults(summary.kind, summary.scenario, s.rows, summary.seeds) })), axis);
      if (lead) paragraphs.push(lead);
    }
  } else paragraphs.push('No cell finished, so there is nothing to summarise.');
  const headlineMetrics = headlineKeys(summary.kind, present);
  const failures: HtmlTable[] = summary.failures.length
    ? [{
        title: `Failed cells (${summary.failures.length})`,
        kind: 'failures',
        columns: ['cell', 'setting', 'policy', 'seed', 'reason', 'attempts', 'error'].map((label) => ({ label, numeric: label === 'seed' || label === 'attempts' })),
        rows: summary.failures.map((f) => [{ text: f.cellId }, { text: varyText(f.vary) }, { text: f.policy }, { text: String(f.seed), value: f.seed }, { text: f.reason }, { text: String(f.attempts), value: f.attempts }, { text: f.error }]),
      }]
    : [];
  const sections: HtmlSection[] = [
    { id: 'summary', heading: 'Summary', paragraphs, tables: headlineMetrics.length ? [{ ...sweepTable(summary.summary, varyKeys, 'Headline metrics per setting and policy', false, summary.kind, headlineMetrics), kind: 'headline', collapseAfter: 40 }] : [] },
    { id: 'figures', heading: varyKeys.length ? `Metrics vs ${varyKeys[0]}` : 'Figures', figures: curveFigs, paragraphs: curveFigs.length ? [] : ['Nothing was varied, so there are no curves; see the tables.'] },
    ...(runFigs.length && rep ? [{ id: 'detail', heading: `One run in detail (${rep.label})`, figures: runFigs }] : []),
    { id: 'tables', heading: 'Tables', tables: [sweepTable(summary.summary, varyKeys, 'Per policy', false, summary.kind), ...(summary.tenantSummary.length ? [sweepTable(summary.tenantSummary, varyKeys, 'Per tenant', true, summary.kind)] : []), ...failures] },
  ];
  const html = renderHtml({
    title: `Allot sweep — ${summary.scenario}`,
    subtitle: `${summary.kind} · ${summary.policies.length} policies · ${summary.seeds.length} seeds · ${summary.cellsDone} of ${summary.cellsTotal} cells${summary.interrupted ? ' (interrupted)' : ''} · Allot ${summary.allotVersion}`,
    sections,
    meta: [
      ['kind', summary.kind],
      ['varied', summary.vary.map((a) => `${a.key} ∈ {${a.values.join(', ')}}`).join('; ') || '(nothing)'],
      ['policies', summary.policies.join(', ')],
      ['seeds', summary.seeds.join(', ')],
      ['cells', `${summary.cellsDone} of ${summary.cellsTotal} finished${summary.failures.length ? `, ${summary.failures.length} failed` : ''}${summary.interrupted ? ' (interrupted)' : ''}`],
      ['allot', summary.allotVersion],
      ...summary.inputs.map((i): [string, string] => [`input ${i.path}`, `sha256 ${i.sha256}`]),
    ],
    glossary: glossary(present),
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
