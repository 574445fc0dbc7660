/**
 * Writes a run's outputs into a directory: `results.json` (the shared
 * results shape), one CSV per row table (per request / job / round …), and
 * whatever report writers are registered (HTML report, figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutput, RowTable } from '../results.js';
import { writeFailure } from './output-dir.js';
import { lazyRequire } from '../lazy-require.js';

const csvStringify = lazyRequire<typeof import('csv-stringify/sync')>('csv-stringify/sync');

/** Writes one file; throws a Node system error (ENOSPC …) on failure. Injected in tests. */
export type FileWriter = (path: string, data: string | Uint8Array) => void;

/** `writeFileSync`, wrapped so a failure becomes an EnvironmentError naming the file. */
export function checkedWriter(writer: FileWriter = (p, d) => writeFileSync(p, d)): FileWriter {
  return (path, data) => {
    try {
      writer(path, data);
    } catch (e) {
      throw writeFailure(e, path);
    }
  };
}

/** A hook that adds files (e.g. report.html, figures) to an output directory. */
export type OutputWriter = (dir: string, output: RunOutput, writer: FileWriter) => Promise<string[]>;
const writers: OutputWriter[] = [];

/** Registers an extra writer, called after results.json and the CSVs are written. */
export function registerOutputWriter(w: OutputWriter): void {
  writers.push(w);
}

/** A row table as CSV text: a header line, then one line per row (null as an empty field). */
export function tableToCsv(t: RowTable): string {
  return csv([t.columns, ...t.rows]);
}

function csv(rows: RowTable['rows']): string {
  return csvStringify().stringify(rows.map((r) => r.map((v) => (v === null ? '' : v))));
}

/**
 * `tableToCsv` as bytes (UTF-8); a table with `chunks` is turned into CSV a
 * slice at a time, so its rows are never all held at once.
 */
export function tableToCsvBytes(t: RowTable): Uint8Array {
  if (!t.chunks) return Buffer.from(tableToCsv(t));
  const parts = [Buffer.from(csv([t.columns]))];
  for (const rows of t.chunks()) parts.push(Buffer.from(csv(rows)));
  return Buffer.concat(parts);
}

/**
 * Writes everything into `dir` (which must exist: see output-dir.ts for the
 * atomic OUT.tmp-<pid> → OUT protocol); returns the files written. A write
 * failure is an EnvironmentError naming the file.
 */
export async function writeRunOutputs(dir: string, output: RunOutput, options: { writer?: FileWriter } = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const write = checkedWriter(options.writer);
  const files: string[] = [];
  const resultsPath = join(dir, 'results.json');
  write(resultsPath, JSON.stringify(output.results, null, 2) + '\n');
  files.push(resultsPath);
  for (const t of output.artifacts.tables) {
    const p = join(dir, `${t.name}.csv`);
    write(p, t.chunks ? tableToCsvBytes(t) : tableToCsv(t));
    files.push(p);
  }
  for (const w of writers) files.push(...(await w(dir, output, write)));
  return files;
}
