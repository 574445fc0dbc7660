/**
 * Terminal tables that fit: compact (no borders, no row separators, one rule
 * under the header), numbers right-aligned, headers wrapped onto up to three
 * lines, and — when the columns still do not fit the width — the least
 * important columns dropped and named in a note. Rendered with cli-table3;
 * widths measured with string-width (so colour codes and wide characters
 * count right).
 */
import { styleText } from 'node:util';
import { lazyRequire } from '../lazy-require.js';

const cliTable3 = lazyRequire<typeof import('cli-table3')>('cli-table3');
const stringWidthModule = lazyRequire<typeof import('string-width')>('string-width');
const wrapAnsiModule = lazyRequire<typeof import('wrap-ansi')>('wrap-ansi');
const stringWidth = (s: string): number => stringWidthModule().default(s);
const wrapAnsi = (s: string, columns: number, options: { hard: boolean; trim: boolean }): string => wrapAnsiModule().default(s, columns, options);

/** One column of a text table. */
export interface TextColumn {
  /** Header text (may wrap at spaces). */
  header: string;
  /** One cell per row, already formatted. */
  cells: string[];
  align: 'left' | 'right';
  /** Never dropped (row labels: policy, tenant). */
  keep?: boolean;
  /** Rows whose cell is emphasised (bold) when colour is on — e.g. the best value. */
  emphasis?: boolean[];
}

/** Where and how a table is printed. */
export interface TextStyle {
  /** Maximum line width in columns. */
  width: number;
  /** ANSI bold header and emphasis (only on a TTY without NO_COLOR). */
  color: boolean;
}

/** A rendered table and what had to go. */
export interface RenderedTable {
  text: string;
  /** Headers of the columns left out to fit the width. */
  dropped: string[];
}

const GAP = 2;
const MAX_HEADER_LINES = 3;
const CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '─', 'mid-mid': '─'.repeat(GAP), right: '', 'right-mid': '',
  middle: ' '.repeat(GAP),
};

/** Width of the widest header word (the narrowest the header can wrap to). */
function headerMin(header: string): number {
  return Math.max(...header.split(/\s+/).map((w) => stringWidth(w)));
}

/** Lines a header needs at a given width (greedy word wrap). */
function headerLines(header: string, width: number): number {
  return wrapAnsi(header, width, { hard: true, trim: true }).split('\n').length;
}

/** The width a column asks for: its widest cell, or more so its header wraps onto ≤ 3 lines. */
function naturalWidth(c: TextColumn): number {
  let w = Math.max(1, ...c.cells.map((x) => stringWidth(x)), headerMin(c.header));
  while (headerLines(c.header, w) > MAX_HEADER_LINES) w++;
  return w;
}

/**
 * Chooses the columns that fit `width`: every `keep` column, then the others
 * in the order given (most important first), skipping any that would
 * overflow. Kept text columns wider than the room left are wrapped.
 */
function fit(columns: TextColumn[], width: number): { shown: { col: TextColumn; width: number }[]; dropped: string[] } {
  const natural = columns.map(naturalWidth);
  const used = (ws: number[]) => ws.reduce((a, b) => a + b, 0) + GAP * Math.max(0, ws.length - 1);
  const chosen = new Set<number>(columns.map((c, i) => (c.keep ? i : -1)).filter((i) => i >= 0));
  for (let i = 0; i < columns.length; i++) {
    if (chosen.has(i)) continue;
    const trial = [...chosen, i].map((k) => natural[k]);
    if (used(trial) <= width) chosen.add(i);
  }
  const order = [...chosen].sort((a, b) => a - b);
  const widths = order.map((k) => natural[k]);
  // still too wide (only kept columns left): shrink the widest kept text columns, wrapping their cells
  let over = used(widths) - width;
  while (over > 0) {
    const j = widths.reduce((best, w, k) => (columns[order[k]].align === 'left' && w > (best < 0 ? 0 : widths[best]) ? k : best), -1);
    if (j < 0 || widths[j] <= 6) break;
    const cut = Math.min(over, widths[j] - 6);
    widths[j] -= cut;
    over -= cut;
  }
  return {
    shown: order.map((k, n) => ({ col: columns[k], width: widths[n] })),
    dropped: columns.filter((_, i) => !chosen.has(i)).map((c) => c.header),
  };
}

/** Renders columns as a compact table no wider than `style.width` (dropping the least important columns if needed). */
export function renderTextTable(columns: TextColumn[], style: TextStyle): RenderedTable {
  const { shown, dropped } = fit(columns, style.width);
  const rows = Math.max(0, ...shown.map((s) => s.col.cells.length));
  // our caller decided on colour (TTY, NO_COLOR): do not let styleText second-guess the stream
  const bold = (s: string) => (style.color ? styleText('bold', s, { validateStream: false }) : s);
  // wrap ourselves (at spaces, breaking only words longer than the column) and hand cli-table3 finished lines
  const wrap = (text: string, width: number) => (stringWidth(text) <= width ? text : wrapAnsi(text, width, { hard: true, trim: true }));
  const table = new (cliTable3())({
    head: shown.map((s) => wrap(s.col.header, s.width).split('\n').map(bold).join('\n')),
    colWidths: shown.map((s) => s.width),
    colAligns: shown.map((s) => s.col.align),
    wordWrap: false,
    chars: CHARS,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
  });
  for (let r = 0; r < rows; r++) {
    table.push(shown.map((s) => {
      const text = wrap(s.col.cells[r] ?? '', s.width);
      return s.col.emphasis?.[r] ? text.split('\n').map(bold).join('\n') : text;
    }));
  }
  const text = table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
  return { text, dropped };
}

/** Word-wraps prose to `width` columns. */
export function wrapText(text: string, width: number): string {
  return wrapAnsi(text, Math.max(20, width), { hard: true, trim: true });
}
