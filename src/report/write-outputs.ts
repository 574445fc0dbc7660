/**
 * Writes a run's outputs into a directory: `results.json` (the shared
 * results shape), one CSV per row table (per request / job / round …), and
 * whatever report writers are registered (HTML report, figures).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RunOutput, RowTable } from '../results.js';

/** A hook that adds files (e.g. report.html, figures) to an output directory. */
export type OutputWriter = (dir: string, output: RunOutput) => Promise<string[]>;
const writers: OutputWriter[] = [];

/** Registers an extra writer, called after results.json and the CSVs are written. */
export function registerOutputWriter(w: OutputWriter): void {
  writers.push(w);
}

export function tableToCsv(t: RowTable): string {
  return stringify([t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? '' : v)))]);
}

/** Writes everything; returns the list of files written (absolute or relative to cwd as given). */
export async function writeRunOutputs(dir: string, output: RunOutput): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const resultsPath = join(dir, 'results.json');
  writeFileSync(resultsPath, JSON.stringify(output.results, null, 2) + '\n');
  files.push(resultsPath);
  for (const t of output.artifacts.tables) {
    const p = join(dir, `${t.name}.csv`);
    writeFileSync(p, tableToCsv(t));
    files.push(p);
  }
  for (const w of writers) files.push(...(await w(dir, output)));
  return files;
}
