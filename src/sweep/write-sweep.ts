/**
 * Sweep outputs in a directory (besides `cells/`, the resumable store):
 * - `sweep.json`: what was swept (kind, scenario + SHA-256, varied options,
 *   policies, seeds), counts, failures, and every aggregate — the summary JSON;
 * - `summary.csv` / `summary.parquet`: per (setting, policy, metric): n, mean,
 *   sd, 95 % CI (one row each, a tidy/long table);
 * - `tenant-summary.csv` / `tenant-summary.parquet`: the same per tenant;
 * - `runs.csv` / `runs.parquet`: one row per finished cell with its metrics;
 * - `failures.csv`: failed cells and their errors (absent when none failed).
 * Everything except `cells/` is deterministic for the same cells.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allotVersion, sha256, type InputRef } from '../provenance.js';
import { specLabel, type CellPlan, type OptionValue } from './cells.js';
import { writeFailure } from '../report/output-dir.js';
import type { FileWriter } from '../report/write-outputs.js';
import { aggregateCells, type SummaryRow } from './aggregate.js';
import type { SweepRun } from './run-sweep.js';
import { lazyRequire } from '../lazy-require.js';

const hyparquetWriter = lazyRequire<typeof import('hyparquet-writer')>('hyparquet-writer');
const csvStringify = lazyRequire<typeof import('csv-stringify/sync')>('csv-stringify/sync');

/** The manifest and summary written as sweep.json (also what `allot report` reads). */
export interface SweepSummary {
  allotVersion: string;
  type: 'sweep';
  kind: string;
  scenario: string;
  inputs: InputRef[];
  /** The base config (before varying). */
  options: Record<string, unknown>;
  vary: { key: string; values: OptionValue[] }[];
  /** Policy labels, in order. */
  policies: string[];
  seeds: number[];
  cellsTotal: number;
  cellsDone: number;
  interrupted: boolean;
  failures: { cellId: string; vary: Record<string, OptionValue>; policy: string; seed: number; reason: string; error: string; attempts: number }[];
  summary: SummaryRow[];
  tenantSummary: SummaryRow[];
}

type Cell = string | number | boolean | null;

/** A varied value as a table cell (lists and objects as JSON). */
function cellValue(v: OptionValue | undefined): Cell {
  return v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
}

/** A column-oriented table: header names and rows, written as CSV and Parquet alike. */
export interface Columns {
  columns: string[];
  rows: Cell[][];
}

function summaryTable(rows: SummaryRow[], varyKeys: string[], withTenant: boolean): Columns {
  const columns = [...varyKeys, 'policy', ...(withTenant ? ['tenant'] : []), 'metric', 'n', 'mean', 'sd', 'ciHalfWidth', 'ciLow', 'ciHigh'];
  return {
    columns,
    rows: rows.map((r) => [...varyKeys.map((k) => cellValue(r.vary[k])), r.policy, ...(withTenant ? [r.tenant ?? null] : []), r.metric, r.n, r.mean, r.sd, r.ciHalfWidth, r.ciLow, r.ciHigh]),
  };
}

function runsTable(run: SweepRun, varyKeys: string[]): Columns {
  const metricKeys: string[] = [];
  const seen = new Set<string>();
  for (const rec of run.records) {
    for (const p of rec.results.policies) {
      for (const [k, v] of Object.entries(p)) {
        if (k === 'name' || k === 'tenants' || seen.has(k)) continue;
        if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) {
          seen.add(k);
          metricKeys.push(k);
        }
      }
    }
  }
  const rows: Cell[][] = [];
  for (const rec of run.records) {
    for (const p of rec.results.policies) {
      rows.push([rec.cell.id, ...varyKeys.map((k) => cellValue(rec.cell.vary[k])), p.name, rec.cell.seed, ...metricKeys.map((k) => (p[k] as Cell | undefined) ?? null)]);
    }
  }
  return { columns: ['cellId', ...varyKeys, 'policy', 'seed', ...metricKeys], rows };
}

export function columnsToCsv(t: Columns): string {
  return csvStringify().stringify([t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? '' : v)))]);
}

/**
 * Parquet bytes of a table: a column of numbers only → DOUBLE, of booleans
 * only → BOOLEAN, anything else → STRING (numbers/booleans rendered as text);
 * nulls allowed everywhere.
 */
export function columnsToParquet(t: Columns): ArrayBuffer {
  const columnData = t.columns.map((name, j) => {
    const col = t.rows.map((r) => r[j] ?? null);
    const present = col.filter((v) => v !== null);
    if (present.length > 0 && present.every((v) => typeof v === 'number')) return { name, data: col as (number | null)[], type: 'DOUBLE' as const };
    if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { name, data: col as (boolean | null)[], type: 'BOOLEAN' as const };
    return { name, data: col.map((v) => (v === null ? null : String(v))), type: 'STRING' as const };
  });
  return hyparquetWriter().parquetWriteBuffer({ columnData });
}

/** Writes a file atomically: a temporary file beside it, then a rename (a crash leaves the old file or none). */
export function writeAtomic(path: string, data: string | Uint8Array, writer: FileWriter = (p, d) => writeFileSync(p, d)): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writer(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw writeFailure(e, path);
  }
}

function writeTable(dir: string, stem: string, t: Columns, files: string[], writer?: FileWriter): void {
  const csv = join(dir, `${stem}.csv`);
  writeAtomic(csv, columnsToCsv(t), writer);
  files.push(csv);
  const pq = join(dir, `${stem}.parquet`);
  writeAtomic(pq, new Uint8Array(columnsToParquet(t)), writer);
  files.push(pq);
}

/** The summary (manifest, failures, aggregates) of a sweep run, as written to sweep.json. */
export function sweepSummary(plan: CellPlan, run: SweepRun, scenarioText?: string): SweepSummary {
  const agg = aggregateCells(run.records);
  return {
    allotVersion,
    type: 'sweep',
    kind: plan.kind,
    scenario: plan.scenarioPath ?? `builtin:${plan.kind}`,
    inputs: plan.scenarioPath && !plan.scenarioPath.startsWith('builtin:') && scenarioText !== undefined ? [{ path: plan.scenarioPath, sha256: sha256(scenarioText) }] : [],
    options: plan.base,
    vary: plan.vary,
    policies: plan.policies.map(specLabel),
    seeds: plan.seeds,
    cellsTotal: run.cells.length,
    cellsDone: run.records.length,
    interrupted: run.interrupted,
    failures: run.failures.map((f) => ({ cellId: f.cell.id, vary: f.cell.vary, policy: f.cell.policy, seed: f.cell.seed, reason: f.reason, error: f.error, attempts: f.attempts })),
    summary: agg.policies,
    tenantSummary: agg.tenants,
  };
}

/** Aggregates a sweep run and writes the files listed above, each atomically; returns their paths and the summary. */
export function writeSweepOutputs(dir: string, plan: CellPlan, run: SweepRun, scenarioText?: string, writer?: FileWriter): { files: string[]; summary: SweepSummary } {
  mkdirSync(dir, { recursive: true });
  const varyKeys = plan.vary.map((a) => a.key);
  const summary = sweepSummary(plan, run, scenarioText);
  const agg = { policies: summary.summary, tenants: summary.tenantSummary };
  const files: string[] = [];
  const manifest = join(dir, 'sweep.json');
  writeAtomic(manifest, JSON.stringify(summary, null, 2) + '\n', writer);
  files.push(manifest);
  writeTable(dir, 'summary', summaryTable(agg.policies, varyKeys, false), files, writer);
  writeTable(dir, 'tenant-summary', summaryTable(agg.tenants, varyKeys, true), files, writer);
  writeTable(dir, 'runs', runsTable(run, varyKeys), files, writer);
  const failuresCsv = join(dir, 'failures.csv');
  if (run.failures.length > 0) {
    writeAtomic(failuresCsv, columnsToCsv({
      columns: ['cellId', ...varyKeys, 'policy', 'seed', 'reason', 'attempts', 'error'],
      rows: run.failures.map((f) => [f.cell.id, ...varyKeys.map((k) => cellValue(f.cell.vary[k])), f.cell.policy, f.cell.seed, f.reason, f.attempts, f.error]),
    }), writer);
    files.push(failuresCsv);
  } else {
    rmSync(failuresCsv, { force: true });
  }
  return { files, summary };
}
