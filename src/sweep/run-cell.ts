/**
 * Runs one sweep cell: looks up the scenario kind, turns the cell's options
 * into a `RunRequest` (kind CLI options → `extra`, other fields → the
 * scenario file), runs the one policy with the cell's seed, and returns the
 * results (plus the chart series when asked). Used by the worker threads and
 * by the in-process mode (`workers: 0`).
 */
import { stringify as toYaml } from 'yaml';
import type { MetricValue, Results } from '../results.js';
import { scenarioKinds, type RunRequest, type ScenarioKind } from '../scenarios/registry.js';
import { camelCase, type CellSpec } from './cells.js';

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

/** Long option names (camelCase) a kind declares on the CLI, e.g. `load` for "--load <scale>". */
export function kindOptionKeys(kind: ScenarioKind): Set<string> {
  const keys = new Set<string>();
  for (const o of kind.options) {
    const long = /--([a-z0-9-]+)/i.exec(o.flags)?.[1];
    if (long) keys.add(camelCase(long.replace(/^no-/, '')));
  }
  return keys;
}

/** Builds the `RunRequest` for a cell. Throws if the kind is not registered. */
export function cellRequest(cell: CellSpec, kind: ScenarioKind, scenarioText?: string): RunRequest {
  const cliKeys = kindOptionKeys(kind);
  const extra: Record<string, unknown> = {};
  const fileData: Record<string, unknown> = { kind: cell.kind };
  for (const [k, v] of Object.entries(cell.options)) {
    // CLI options arrive from commander as strings; pass scalars the same way so kinds parse them once.
    if (cliKeys.has(k)) extra[k] = typeof v === 'string' || typeof v === 'number' ? String(v) : v;
    else fileData[k] = v;
  }
  const request: RunRequest = { seed: cell.seed, policies: [cell.policy], extra };
  const variedInFile = Object.keys(cell.vary).some((k) => !cliKeys.has(k));
  if (cell.scenarioPath || Object.keys(fileData).length > 1) {
    const text = scenarioText !== undefined && !variedInFile ? scenarioText : toYaml(fileData);
    request.scenarioFile = { path: cell.scenarioPath ?? '(sweep options)', text, data: fileData };
  }
  return request;
}

/** Runs one cell in the current thread. Never throws: failures come back as `{ok: false}`. */
export async function runCell(cell: CellSpec, opts: { keepSeries: boolean; scenarioText?: string }): Promise<CellOutcome> {
  const kind = scenarioKinds().find((k) => k.kind === cell.kind);
  if (!kind) return { ok: false, error: `scenario kind "${cell.kind}" is not registered (known: ${scenarioKinds().map((k) => k.kind).join(', ')})` };
  const t0 = process.hrtime.bigint();
  try {
    const out = await kind.run(cellRequest(cell, kind, opts.scenarioText));
    const wallSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const record: Omit<CellRecord, 'attempts'> = { cell, results: out.results, wallSeconds };
    if (opts.keepSeries && Object.keys(out.artifacts.series).length > 0) record.series = out.artifacts.series;
    return { ok: true, record };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
