/**
 * A run's results as text, in the four `--format`s of `allot run`:
 * - `table` (default): the headline block first (best policy per headline
 *   metric, with the spread), then the per-policy table fitted to the
 *   terminal width, then the per-tenant table when it fits one screen (or
 *   with `--tenants`);
 * - `markdown`: the same content as GitHub tables, never wrapped;
 * - `csv`: one row per policy (or per policy and tenant with `--tenants`),
 *   every metric, raw values, plus `<metric>Ci95` half-widths with seeds;
 * - `json`: the results shape (results.json).
 */
import type { Results } from '../results.js';
import { headline, intervalIndex, halfWidth, policyColumns, policyKeys, tenantColumns, tenantKeys, tenantRows, type MetricColumn } from './summary.js';
import { renderTextTable, wrapText, type TextColumn, type TextStyle } from './terminal-table.js';
import { lazyRequire } from '../lazy-require.js';

const csvStringify = lazyRequire<typeof import('csv-stringify/sync')>('csv-stringify/sync');

/** Output formats of `allot run` (and `--json`, an alias of `--format json`). */
export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How to print: width, colour, and whether to print the per-tenant table. */
export interface RunTextOptions extends TextStyle {
  /** `auto`: when it fits `screenRows` lines; `always` with --tenants. */
  tenants: 'auto' | 'always';
  /** Lines of one screen (the terminal's rows, else $LINES, else 24). */
  screenRows: number;
}

/** "default-inference (mixed) · inference-allocation · seed 1" (or "seeds 1–5"). */
export function runTitle(r: Results): string {
  const seeds = r.seeds && r.seeds.length > 1 ? `seeds ${r.seeds[0]}–${r.seeds[r.seeds.length - 1]} (mean ± 95 % CI)` : `seed ${r.seed}`;
  return `${r.scenario} · ${r.kind} · ${seeds} · ${r.policies.length} ${r.policies.length === 1 ? 'policy' : 'policies'}`;
}

function parametersText(r: Results): string {
  return Object.entries(r.parameters).map(([k, v]) => `${k}=${v}`).join(', ');
}

function arrow(c: { def: { better: string } }): string {
  return c.def.better === 'higher' ? ' ↑' : c.def.better === 'lower' ? ' ↓' : '';
}

/** The headline block as text columns: metric, best, value, worst, value, spread. */
function headlineColumns(r: Results): TextColumn[] {
  const h = headline(r);
  if (h.length === 0) return [];
  const allTied = (e: (typeof h)[number]) => e.best.length === e.ranked.length && e.ranked.length > 1;
  const bestName = (e: (typeof h)[number]) =>
    allTied(e) ? `all ${e.best.length} tied` : (e.best.length > 2 ? `${e.best[0]} +${e.best.length - 1} tied` : e.best.join(', ')) + (e.tiedWithRunnerUp ? ' ~' : '');
  const idx = intervalIndex(r);
  const val = (e: (typeof h)[number], policy: string, v: number) => {
    const half = halfWidth(idx, policy, undefined, e.key);
    return half === null ? e.format.withUnit(v) : `${e.format.format(v)} ± ${e.format.withUnit(half)}`;
  };
  return [
    { header: 'headline metric', cells: h.map((e) => `${e.def.label}${arrow(e)}`), align: 'left', keep: true },
    { header: 'best', cells: h.map(bestName), align: 'left', keep: true },
    { header: 'value', cells: h.map((e) => val(e, e.best[0], e.bestValue)), align: 'right', keep: true },
    { header: 'spread', cells: h.map((e) => (allTied(e) ? '–' : e.spread)), align: 'right' },
    { header: 'worst', cells: h.map((e) => (allTied(e) ? '–' : `${e.worst} (${val(e, e.worst, e.worstValue)})`)), align: 'left' },
  ].filter((c) => r.policies.length > 1 || (c.header !== 'spread' && c.header !== 'worst')) as TextColumn[];
}

function toText(cols: MetricColumn[]): TextColumn[] {
  return cols.map((c) => ({ header: c.header, cells: c.cells, align: c.text ? 'left' : 'right', emphasis: c.best }));
}

function droppedNote(dropped: string[], width: number): string {
  return dropped.length ? '\n' + wrapText(`Not shown to fit ${width} columns: ${dropped.join('; ')}. Widen the terminal, or use --format csv|json|markdown for every column.`, width) : '';
}

function tenantTableColumns(r: Results, all = false): TextColumn[] {
  const rows = tenantRows(r);
  const policyCells = rows.map((x, i) => (i > 0 && rows[i - 1].policy === x.policy ? '' : x.policy.name));
  return [
    { header: 'policy', cells: policyCells, align: 'left', keep: true },
    { header: 'tenant', cells: rows.map((x) => x.tenant.id), align: 'left', keep: true },
    ...toText(tenantColumns(r, tenantKeys(r, all))),
  ];
}

/** The `table` format: headline, per-policy table, per-tenant table (see the module header). */
export function runTable(r: Results, o: RunTextOptions): string {
  const style: TextStyle = { width: o.width, color: o.color };
  const parts: string[] = [wrapText(runTitle(r), o.width)];
  const head = headlineColumns(r);
  if (head.length) {
    const t = renderTextTable(head, style);
    const intro = r.policies.length === 1
      ? 'Headline metrics (↑ higher is better, ↓ lower; compare policies with --policies a,b,…):'
      : `Best per headline metric (↑ higher is better, ↓ lower; spread = best vs worst${r.seeds && r.seeds.length > 1 ? '; ~ = within the 95 % intervals of the runner-up' : ''}):`;
    parts.push(`${wrapText(intro, o.width)}\n${t.text}`);
  }
  const pcols: TextColumn[] = [{ header: 'policy', cells: r.policies.map((p) => p.name), align: 'left', keep: true }, ...toText(policyColumns(r))];
  const pt = renderTextTable(pcols, style);
  const params = parametersText(r);
  parts.push(`${wrapText(`Per policy${params ? ` (${params})` : ''}:`, o.width)}\n${pt.text}${droppedNote(pt.dropped, o.width)}`);
  const rows = tenantRows(r);
  if (rows.length > 0) {
    const tt = renderTextTable(tenantTableColumns(r), style);
    const lines = tt.text.split('\n').length + 1;
    if (o.tenants === 'always' || lines <= o.screenRows) parts.push(`Per tenant:\n${tt.text}${droppedNote(tt.dropped, o.width)}`);
    else parts.push(wrapText(`Per tenant: ${rows.length} rows, more than a screen — add --tenants to print them (or see --out DIR's report and CSVs).`, o.width));
  }
  return parts.join('\n\n') + '\n';
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function mdTable(cols: TextColumn[]): string {
  const n = Math.max(0, ...cols.map((c) => c.cells.length));
  const head = `| ${cols.map((c) => mdEscape(c.header)).join(' | ')} |`;
  const rule = `|${cols.map((c) => (c.align === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`;
  const body = Array.from({ length: n }, (_, i) => `| ${cols.map((c) => mdEscape(c.emphasis?.[i] ? `**${c.cells[i]}**` : c.cells[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

/** The `markdown` format: title, headline, per-policy table (best in bold), per-tenant table with `tenants`. */
export function runMarkdown(r: Results, tenants: boolean): string {
  const parts = [`## ${mdEscape(runTitle(r))}`];
  const params = parametersText(r);
  if (params) parts.push(`Parameters: ${mdEscape(params)}`);
  const head = headlineColumns(r);
  if (head.length) parts.push(`### Best per headline metric\n\n${mdTable(head)}`);
  parts.push(`### Per policy\n\n${mdTable([{ header: 'policy', cells: r.policies.map((p) => p.name), align: 'left' }, ...toText(policyColumns(r, policyKeys(r, true)))])}`);
  if (tenants && tenantRows(r).length) parts.push(`### Per tenant\n\n${mdTable(tenantTableColumns(r, true))}`);
  return parts.join('\n\n') + '\n';
}

/** The `csv` format: raw values of every metric, per policy or (with `tenants`) per policy and tenant. */
export function runCsv(r: Results, tenants: boolean): string {
  const idx = intervalIndex(r);
  const withCi = (r.intervals?.length ?? 0) > 0;
  const cell = (v: unknown) => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : '');
  if (tenants) {
    const rows = tenantRows(r);
    const keys = tenantKeys(r, true);
    const hasTokens = keys.includes('tokens');
    const metricKeys = keys.filter((k) => k !== 'tokens');
    const head = ['policy', 'tenant', ...(hasTokens ? ['tokens'] : []), ...metricKeys.flatMap((k) => (withCi ? [k, `${k}Ci95`] : [k]))];
    const body = rows.map(({ policy, tenant }) => [policy.name, tenant.id, ...(hasTokens ? [cell(tenant.tokens)] : []), ...metricKeys.flatMap((k) => (withCi ? [cell(tenant[k]), cell(halfWidth(idx, policy.name, tenant.id, k))] : [cell(tenant[k])]))]);
    return csvStringify().stringify([head, ...body]);
  }
  const keys = policyKeys(r, true);
  const head = ['policy', ...keys.flatMap((k) => (withCi ? [k, `${k}Ci95`] : [k]))];
  const body = r.policies.map((p) => [p.name, ...keys.flatMap((k) => (withCi ? [cell(p[k]), cell(halfWidth(idx, p.name, undefined, k))] : [cell(p[k])]))]);
  return csvStringify().stringify([head, ...body]);
}

/** Renders results in one of the output formats. */
export function formatRunResults(r: Results, format: OutputFormat, o: RunTextOptions): string {
  switch (format) {
    case 'json':
      return JSON.stringify(r, null, 2) + '\n';
    case 'csv':
      return runCsv(r, o.tenants === 'always');
    case 'markdown':
      return runMarkdown(r, o.tenants === 'always');
    default:
      return runTable(r, o);
  }
}
