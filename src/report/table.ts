/**
 * Plain-text comparison tables for the terminal (cli-table3).
 * Colours and box styling are dropped when stdout is not a TTY or NO_COLOR is set.
 */
import Table from 'cli-table3';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
  /** Decimal places for numbers (default 3). */
  digits?: number;
}

export function formatCell(v: string | number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return String(v);
    const abs = Math.abs(v);
    if (abs !== 0 && (abs >= 1e6 || abs < 10 ** -digits)) return v.toExponential(2);
    return v.toFixed(digits);
  }
  return v;
}

/** Renders rows as a table; `title` (optional) is printed above it. */
export function renderTable<Row>(rows: Row[], columns: Column<Row>[], title?: string): string {
  const plain = !process.stdout.isTTY || !!process.env.NO_COLOR;
  const table = new Table({
    head: columns.map((c) => c.header),
    style: plain ? { head: [], border: [] } : undefined,
  });
  for (const r of rows) table.push(columns.map((c) => formatCell(c.value(r), c.digits)));
  return (title ? `${title}\n` : '') + table.toString();
}
