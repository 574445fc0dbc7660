/**
 * Runs one sweep cell: its config (one policy, the varied values set) is
 * checked and run by its scenario kind with the cell's seed, and the results
 * come back (plus the chart series when asked). Used by the worker threads
 * and by the in-process mode (`workers: 0`).
 */
import type { MetricValue, Results } from '../results.js';
import { prepareScenario } from '../scenarios/run-scenario.js';
import type { CellSpec } from './cells.js';

/** What a finished cell leaves behind (written to `<out>/cells/<id>.json`). */
export interface CellRecord {
  cell: CellSpec;
  /** The kind's results for this cell (one policy). */
  results: Results;
  /** Chart series of this run (`gantt`, `jctCdf` …), kept for the first seed of each setting only. */
  series?: Record<string, Record<string, MetricValue>[]>;
  /** Wall time of the run in seconds (not part of the aggregated outputs, which stay deterministic). */
  wallSeconds: number;
  /** 1 on a first-try success; more when a worker died and the cell was retried. */
  attempts: number;
}

/** A cell that did not finish: the kind threw, or its worker died on every attempt. */
export interface CellFailure {
  cell: CellSpec;
  error: string;
  /** "error": the run threw (deterministic, not retried); "worker-exit": the worker thread died on every attempt; "timeout": over the per-cell limit; "aborted": the sweep was interrupted first. */
  reason: 'error' | 'worker-exit' | 'timeout' | 'aborted';
  attempts: number;
}

/** Worker → main: the outcome of one attempt. Errors thrown by the kind are caught and returned, not thrown. */
export type CellOutcome =
  | { ok: true; record: Omit<CellRecord, 'attempts'> }
  | { ok: false; error: string };

/** Runs one cell in the current thread. Never throws: failures come back as `{ok: false}`. */
export async function runCell(cell: CellSpec, opts: { keepSeries: boolean; scenarioText?: string; allowLarge?: boolean }): Promise<CellOutcome> {
  const t0 = process.hrtime.bigint();
  try {
    const source = cell.scenarioPath ? { path: cell.scenarioPath, text: opts.scenarioText ?? '' } : undefined;
    const { prepared } = await prepareScenario(cell.config, { seed: cell.seed, source, allowLarge: opts.allowLarge });
    const out = await prepared.run();
    const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const record: Omit<CellRecord, 'attempts'> = { cell, results: out.results, wallSeconds };
    if (opts.keepSeries && Object.keys(out.artifacts.series).length > 0) record.series = out.artifacts.series;
    return { ok: true, record };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
