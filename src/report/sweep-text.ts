/**
 * A sweep's summary for the terminal: one row per (varied setting, policy),
 * one column per metric of the kind's catalogue view (headline metrics
 * first), each cell "mean ± 95 % half-width" in the column's display unit,
 * fitted to the terminal width like `allot run`'s tables.
 */
import type { SummaryRow } from '../sweep/aggregate.js';
import type { OptionValue } from '../sweep/cells.js';
import { metricDef, metricView } from '../metrics/catalog.js';
import { columnFormat } from './format.js';
import { metricHeader } from './summary.js';
import { renderTextTable, wrapText, type TextColumn, type TextStyle } from './terminal-table.js';

/** The metrics a sweep table shows: the kind's headline and policy columns present in the summary (else the first six metrics). */
export function sweepMetrics(kind: string, rows: readonly SummaryRow[]): string[] {
  const present = [...new Set(rows.map((r) => r.metric))];
  const view = metricView(kind);
  const wanted = [...new Set([...view.headline, ...view.policy])].filter((m) => present.includes(m));
  return wanted.length ? wanted : present.slice(0, 6);
}

function valueText(v: OptionValue | undefined): string {
  return v === undefined ? '' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** Text columns of the sweep summary (see the module header); `varyKeys` first, then policy, then metrics. */
export function sweepColumns(kind: string, rows: readonly SummaryRow[], varyKeys: readonly string[]): TextColumn[] {
  const metrics = sweepMetrics(kind, rows);
  const groups = new Map<string, { vary: Record<string, OptionValue>; policy: string; byMetric: Map<string, SummaryRow> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.vary, r.policy]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { vary: r.vary, policy: r.policy, byMetric: new Map() }));
    g.byMetric.set(r.metric, r);
  }
  const list = [...groups.values()];
  return [
    ...varyKeys.map((k): TextColumn => ({ header: k, cells: list.map((g) => valueText(g.vary[k])), align: 'left', keep: true })),
    { header: 'policy', cells: list.map((g) => g.policy), align: 'left', keep: true },
    ...metrics.map((m): TextColumn => {
      const def = metricDef(m);
      const fmt = columnFormat(def, list.map((g) => g.byMetric.get(m)?.mean ?? null));
      return {
        header: metricHeader(def, fmt),
        align: 'right',
        cells: list.map((g) => {
          const r = g.byMetric.get(m);
          if (!r) return '–';
          return r.ciHalfWidth === null ? fmt.format(r.mean) : `${fmt.format(r.mean)} ± ${fmt.format(r.ciHalfWidth)}`;
        }),
      };
    }),
  ];
}

/** The sweep summary table, fitted to `style.width`, with a note naming any columns left out. */
export function sweepTable(kind: string, rows: readonly SummaryRow[], varyKeys: readonly string[], style: TextStyle): string {
  const t = renderTextTable(sweepColumns(kind, rows, varyKeys), style);
  return t.text + (t.dropped.length ? '\n' + wrapText(`Not shown to fit ${style.width} columns: ${t.dropped.join('; ')} (see summary.csv, or --json).`, style.width) : '');
}
