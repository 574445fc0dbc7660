/**
 * One `allot run` on both cores: the policies of a prepared run go to the
 * sweep's piscina worker pool (worker.ts, `runPartTask`), one task per
 * policy, while the inputs are read and parsed once, in the calling thread.
 *
 * Hand-off: the kind's `parallel.payload` (its loaded inputs, large lists
 * packed into typed-array columns by columns.ts) is structured-cloned into
 * each task; a worker keeps the first copy of a run's payload, so the kind
 * unpacks it once per thread. Each part's output comes back with its tables
 * and series packed the same way. Parts are merged in policy order
 * (`mergeRunOutputs`), which by the `ScenarioKind.runPart` contract gives
 * exactly the serial run's output. Progress: each worker posts its part's
 * fraction on a MessagePort (at most every 100 ms); the calling thread
 * reports the sum over the parts.
 *
 * When (`parallelWorkers`): at least 2 policies, a kind that supports parts,
 * and either an explicit `--workers N` ≥ 2 or (default) at least
 * `PARALLEL_MIN_SECONDS` of estimated work and more than one core.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { MetricValue, RowTable, RunOutput } from '../results.js';
import type { PreparedRun, ProgressFn, ScenarioKind } from '../scenarios/registry.js';
import { packRecords, packRows, unpackRecords, unpackRows, type PackedRecords, type PackedRows } from './columns.js';
import { workerModule } from './cell-pool.js';

/** Estimated CPU seconds (`RunEstimate.seconds`) from which the default (`--workers auto`) uses the pool. */
export const PARALLEL_MIN_SECONDS = 1;

/** One task of the pool: run the policies at `policies` of run `runId` of kind `kind` from `payload`. */
export interface PartTask {
  runId: string;
  kind: string;
  payload: unknown;
  policies: number[];
  /** Send the part's tables and series back (false: only its results). */
  artifacts: boolean;
  /** Progress: the worker posts `[done, total, label]`. */
  port?: MessagePort;
}

/** A part's output with its tables' rows and its series packed into columns. */
export interface PackedRunOutput {
  results: RunOutput['results'];
  tables: { name: string; columns: string[]; rows: PackedRows }[];
  series: [string, PackedRecords][];
}

/** What a worker returns: the packed output, or the error the part threw (InputErrors keep their class). */
export type PartOutcome = { ok: true; output: PackedRunOutput } | { ok: false; name: string; message: string; source?: string; location?: string };

/** Packs a run's output for the trip back from a worker. */
export function packRunOutput(out: RunOutput): PackedRunOutput {
  return {
    results: out.results,
    tables: out.artifacts.tables.map((t) => ({ name: t.name, columns: t.columns, rows: packRows(t.rows) })),
    series: Object.entries(out.artifacts.series).map(([k, v]) => [k, packRecords(v)]),
  };
}

/** Inverse of `packRunOutput`. */
export function unpackRunOutput(p: PackedRunOutput): RunOutput {
  return {
    results: p.results,
    artifacts: {
      tables: p.tables.map((t) => ({ name: t.name, columns: t.columns, rows: unpackRows(t.rows) as RowTable['rows'] })),
      series: Object.fromEntries(p.series.map(([k, v]) => [k, unpackRecords<Record<string, MetricValue>>(v)])),
    },
  };
}

/**
 * The output of parts run in policy order as one run: the first part's
 * results with every part's policies, each table's rows and each series'
 * records concatenated in part order. Throws RangeError for no parts or parts
 * whose tables disagree on columns.
 */
export function mergeRunOutputs(parts: readonly RunOutput[]): RunOutput {
  if (parts.length === 0) throw new RangeError('mergeRunOutputs: no parts');
  if (parts.length === 1) return parts[0];
  const tables = new Map<string, RowTable>();
  const series: Record<string, Record<string, MetricValue>[]> = {};
  for (const p of parts) {
    for (const t of p.artifacts.tables) {
      const have = tables.get(t.name);
      if (!have) tables.set(t.name, { name: t.name, columns: t.columns, rows: [...t.rows] });
      else if (have.columns.join('\u0000') !== t.columns.join('\u0000')) throw new RangeError(`mergeRunOutputs: table ${t.name} has different columns in two parts`);
      else for (const r of t.rows) have.rows.push(r);
    }
    for (const [k, v] of Object.entries(p.artifacts.series)) {
      const have = (series[k] ??= []);
      for (const r of v) have.push(r);
    }
  }
  return {
    results: { ...parts[0].results, policies: parts.flatMap((p) => p.results.policies) },
    artifacts: { tables: [...tables.values()], series },
  };
}

/**
 * How many worker threads run `prepared`'s policies: 0 = in the calling
 * thread. `workers` is `--workers` (undefined = auto: one per core, when the
 * estimate reaches `PARALLEL_MIN_SECONDS`); 1 is the serial run.
 */
export function parallelWorkers(kind: ScenarioKind, prepared: PreparedRun, workers: number | undefined, cores = availableParallelism()): number {
  const P = prepared.policies.length;
  if (P < 2 || !prepared.parallel || !kind.runPart) return 0;
  if (workers !== undefined) return workers >= 2 ? Math.min(workers, P) : 0;
  if (cores < 2 || !(prepared.estimate.seconds >= PARALLEL_MIN_SECONDS)) return 0;
  return Math.min(cores, P);
}

/**
 * Runs every policy of `prepared` on a pool of `threads` workers (one task
 * per policy) and merges the outputs. With `artifacts: false` (a caller that
 * prints the results and writes no files) the parts send back their results
 * only, and the merged output has no tables or series.
 */
export async function runPolicyParts(kind: ScenarioKind, prepared: PreparedRun, threads: number, onProgress?: ProgressFn, options: { artifacts?: boolean } = {}): Promise<RunOutput> {
  const P = prepared.policies.length;
  const { filename, execArgv } = workerModule();
  const { Piscina } = await import('piscina');
  const pool = new Piscina<PartTask, PartOutcome>({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  const runId = randomUUID();
  const fractions = new Float64Array(P);
  const report = (label: string) => onProgress?.(fractions.reduce((a, b) => a + b, 0), P, label);
  try {
    const outcomes = await Promise.all(
      prepared.policies.map(async (_, i) => {
        const channel = onProgress ? new MessageChannel() : undefined;
        channel?.port1.on('message', ([done, total, label]: [number, number, string]) => {
          fractions[i] = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
          report(label);
        });
        try {
          const task: PartTask = { runId, kind: kind.kind, payload: prepared.parallel!.payload, policies: [i], artifacts: options.artifacts ?? true, port: channel?.port2 };
          return await pool.run(task, { name: 'runPartTask', transferList: channel ? [channel.port2] : [] });
        } finally {
          channel?.port1.close();
        }
      }),
    );
    const outputs = outcomes.map((o) => {
      if (o.ok) return unpackRunOutput(o.output);
      if (o.name === 'InputError') throw new InputError(o.message.slice([o.source, o.location].filter(Boolean).join(': ').length).replace(/^: /, ''), o.source, o.location);
      throw new Error(o.message);
    });
    onProgress?.(P, P, 'done');
    return mergeRunOutputs(outputs);
  } finally {
    await pool.destroy();
  }
}

let kept: { runId: string; payload: unknown } | undefined;

/**
 * The worker side of a part (called by worker.ts in a pool thread): runs the
 * task's policies with the kind's `runPart` on the first copy of the run's
 * payload this thread received. Never throws: errors come back as `{ok: false}`.
 */
export async function runPartInThread(task: PartTask, findKind: (kind: string) => ScenarioKind | undefined): Promise<PartOutcome> {
  try {
    const kind = findKind(task.kind);
    if (!kind?.runPart) throw new Error(`scenario kind ${task.kind} cannot run parts`);
    if (kept?.runId !== task.runId) kept = { runId: task.runId, payload: task.payload };
    let last = 0;
    const port = task.port;
    const progress: ProgressFn | undefined = port
      ? (done, total, label) => {
          const t = performance.now();
          if (t - last < 100 && done < total) return;
          last = t;
          port.postMessage([done, total, label]);
        }
      : undefined;
    const out = await kind.runPart(kept.payload, task.policies, progress);
    return { ok: true, output: packRunOutput(task.artifacts ? out : { results: out.results, artifacts: { tables: [], series: {} } }) };
  } catch (e) {
    const err = e as Error & { source?: string; location?: string };
    return { ok: false, name: err?.name ?? 'Error', message: err?.message ?? String(e), source: err?.source, location: err?.location };
  } finally {
    task.port?.close();
  }
}
