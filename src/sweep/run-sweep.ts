/**
 * `runSweep`: runs every cell of a sweep on a piscina worker pool (one
 * worker thread per core by default) or in-process (`workers: 0`).
 *
 * - Resumable: with `outDir`, each finished cell is written atomically to
 *   `<outDir>/cells/<id>.json` the moment it finishes; cells already there
 *   are skipped on the next run (their results are reused).
 * - Fault-tolerant: a cell whose run throws is reported with its error (not
 *   retried: the same seed fails the same way); a cell whose worker thread
 *   dies (crash, `process.exit`, terminated) is retried on a fresh worker up
 *   to `retries` times, then reported. Neither stops the other cells.
 * - Bounded: with `cellTimeoutSeconds`, a cell that runs longer is stopped
 *   (its worker is terminated and replaced) and reported as "timeout".
 * - Interruptible: aborting `signal` (Ctrl-C in the CLI) stops queued and
 *   running cells; finished cells stay on disk for the resume.
 *
 * Workers run the TypeScript sources through tsx (worker-tsx.mjs registers
 * its ESM hooks in the thread) when Allot itself runs from sources, and the
 * compiled `dist/sweep/worker.js` when installed.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enumerateCells, type CellPlan, type CellSpec } from './cells.js';
import { runCell, type CellFailure, type CellOutcome, type CellRecord } from './run-cell.js';
import type { CellTask } from './worker.js';

/**
 * Options of `runSweep`: the cell plan, where finished cells are stored (for
 * resuming), the worker pool (threads, retries, modules to import, per-cell
 * time limit in seconds), which cells keep chart series, an abort signal, and
 * progress callbacks.
 */
export interface SweepOptions {
  /** The cells to run: settings × policies × seeds (`sweepPlan`, `enumerateCells`). */
  plan: CellPlan;
  /** The scenario file's text (passed to kinds unchanged when no file field is varied). */
  scenarioText?: string;
  /** Output directory: finished cells are stored under `cells/` and skipped on resume. */
  outDir?: string;
  /** Worker threads; 0 runs cells in the calling thread (default: one per core). */
  workers?: number;
  /** Extra attempts for a cell whose worker died (default 1). */
  retries?: number;
  /** Modules each worker imports before its first cell (e.g. a plugin registering a scenario kind). */
  modules?: string[];
  /** Which cells keep their chart series: the first seed of each (setting, policy) (default), all, or none. */
  keepSeries?: 'first-seed' | 'all' | 'none';
  /** Aborting it stops queued and running cells; finished cells stay on disk. */
  signal?: AbortSignal;
  /** Wall-time limit per cell attempt in seconds (worker pool only); a cell over it is stopped and reported, not retried. */
  cellTimeoutSeconds?: number;
  /** Go on past the size bounds in every cell. */
  allowLarge?: boolean;
  /** Called at the start and after every finished, failed or timed-out cell, with a copy of the counts. */
  onProgress?: (p: SweepProgress) => void;
  /** Called once the worker pool exists (tests use it to kill a worker thread). */
  onPool?: (pool: WorkerPoolHandle) => void;
}

/** What `onPool` sees of the worker pool: its threads, and how many cells finished. */
export interface WorkerPoolHandle {
  readonly threads: readonly {
    /** Stops the thread (its cell counts as a worker death); resolves with the exit code. */
    terminate(): Promise<number>;
  }[];
  /** Tasks completed so far. */
  readonly completed: number;
  /** Threads waiting for work. */
  readonly idleThreads: number;
}

/**
 * Progress of a sweep: cells in total, finished (including skipped), skipped
 * (found on disk), failed, and worker retries; with the cell that just
 * finished or failed.
 */
export interface SweepProgress {
  total: number;
  /** Finished cells, including skipped ones. */
  done: number;
  skipped: number;
  failed: number;
  retried: number;
  /** The cell that just finished or failed. */
  last?: { cell: CellSpec; ok: boolean; error?: string };
}

/**
 * What `runSweep` returns: every cell, the finished records and the failures
 * (each in enumeration order), how many cells were skipped (found on disk)
 * and run, and whether the sweep was interrupted.
 */
export interface SweepRun {
  cells: CellSpec[];
  /** Finished cells (run now or found on disk), in enumeration order. */
  records: CellRecord[];
  failures: CellFailure[];
  skipped: number;
  ran: number;
  interrupted: boolean;
}

/** Where the worker module is: the .ts source under tsx, the compiled .js when installed. */
export function workerModule(): { filename: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return { filename: fileURLToPath(new URL('./worker-tsx.mjs', import.meta.url)), execArgv: [] };
  return { filename: fileURLToPath(new URL('./worker.js', import.meta.url)), execArgv: [] };
}

/** Reads the finished cells stored in `<dir>/cells/` (unreadable or partial files are ignored). */
export function readCellRecords(dir: string): Map<string, CellRecord> {
  const out = new Map<string, CellRecord>();
  const cellsDir = join(dir, 'cells');
  if (!existsSync(cellsDir)) return out;
  for (const f of readdirSync(cellsDir)) {
    if (!f.endsWith('.json')) continue;
    try {
      const rec = JSON.parse(readFileSync(join(cellsDir, f), 'utf8')) as CellRecord;
      if (rec?.cell?.id && rec.results) out.set(rec.cell.id, rec);
    } catch {
      // a torn write cannot happen (rename is atomic), but a hand-edited file may be broken: rerun that cell
    }
  }
  return out;
}

function writeCellRecord(dir: string, rec: CellRecord): void {
  const cellsDir = join(dir, 'cells');
  mkdirSync(cellsDir, { recursive: true });
  const path = join(cellsDir, `${rec.cell.id}.json`);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(rec) + '\n');
  renameSync(tmp, path);
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || /aborted/i.test(e.message));
}

/** Runs (or resumes) a sweep. Never throws for a failing cell; throws only for unusable options. */
export async function runSweep(opts: SweepOptions): Promise<SweepRun> {
  const cells = enumerateCells(opts.plan);
  const retries = opts.retries ?? 1;
  const workers = opts.workers ?? availableParallelism();
  const keep = opts.keepSeries ?? 'first-seed';
  const firstSeed = Math.min(...opts.plan.seeds);
  const existing = opts.outDir ? readCellRecords(opts.outDir) : new Map<string, CellRecord>();
  const done = new Map<string, CellRecord>();
  for (const c of cells) {
    const rec = existing.get(c.id);
    if (rec) done.set(c.id, rec);
  }
  const todo = cells.filter((c) => !done.has(c.id));
  const progress: SweepProgress = { total: cells.length, done: done.size, skipped: done.size, failed: 0, retried: 0 };
  opts.onProgress?.({ ...progress });
  const failures: CellFailure[] = [];
  let interrupted = false;

  const finish = (cell: CellSpec, outcome: CellOutcome, attempts: number) => {
    if (outcome.ok) {
      const rec: CellRecord = { ...outcome.record, attempts };
      if (opts.outDir) writeCellRecord(opts.outDir, rec);
      done.set(cell.id, rec);
      progress.done++;
      opts.onProgress?.({ ...progress, last: { cell, ok: true } });
    } else {
      failures.push({ cell, error: outcome.error, reason: 'error', attempts });
      progress.failed++;
      opts.onProgress?.({ ...progress, last: { cell, ok: false, error: outcome.error } });
    }
  };
  const keepSeries = (c: CellSpec) => keep === 'all' || (keep === 'first-seed' && c.seed === firstSeed);

  if (workers <= 0) {
    for (const m of opts.modules ?? []) await import(m);
    for (const cell of todo) {
      if (opts.signal?.aborted) {
        interrupted = true;
        break;
      }
      finish(cell, await runCell(cell, { keepSeries: keepSeries(cell), scenarioText: opts.scenarioText, allowLarge: opts.allowLarge }), 1);
    }
  } else if (todo.length > 0) {
    const { filename, execArgv } = workerModule();
    const { Piscina } = await import('piscina'); // loaded only when a sweep runs on threads
    const pool = new Piscina<CellTask, CellOutcome>({
      filename,
      execArgv: [...execArgv],
      minThreads: Math.min(workers, todo.length),
      maxThreads: Math.min(workers, todo.length),
      idleTimeout: 60_000,
    });
    opts.onPool?.(pool);
    const runOne = async (cell: CellSpec): Promise<void> => {
      const task: CellTask = { cell, keepSeries: keepSeries(cell), scenarioText: opts.scenarioText, modules: opts.modules ?? [], allowLarge: opts.allowLarge };
      for (let attempt = 1; ; attempt++) {
        if (opts.signal?.aborted) {
          interrupted = true;
          return;
        }
        const timeout = opts.cellTimeoutSeconds ? AbortSignal.timeout(opts.cellTimeoutSeconds * 1000) : undefined;
        const signal = timeout && opts.signal ? AbortSignal.any([opts.signal, timeout]) : (timeout ?? opts.signal ?? null);
        try {
          const outcome = await pool.run(task, { signal });
          finish(cell, outcome, attempt);
          return;
        } catch (e) {
          if (timeout?.aborted && !opts.signal?.aborted) {
            const error = `no result within ${opts.cellTimeoutSeconds} s (worker stopped)`;
            failures.push({ cell, error, reason: 'timeout', attempts: attempt });
            progress.failed++;
            opts.onProgress?.({ ...progress, last: { cell, ok: false, error } });
            return;
          }
          if (opts.signal?.aborted || isAbort(e)) {
            interrupted = true;
            return;
          }
          const error = `worker died: ${e instanceof Error ? e.message : String(e)}`;
          if (attempt > retries) {
            failures.push({ cell, error, reason: 'worker-exit', attempts: attempt });
            progress.failed++;
            opts.onProgress?.({ ...progress, last: { cell, ok: false, error } });
            return;
          }
          progress.retried++;
        }
      }
    };
    // `workers` loops pull cells in enumeration order: at most one task in flight per thread,
    // so an abort has little queued work to cancel and the signal has few listeners.
    let next = 0;
    const loop = async () => {
      while (next < todo.length && !opts.signal?.aborted) await runOne(todo[next++]);
    };
    try {
      await Promise.all(Array.from({ length: Math.min(workers, todo.length) }, loop));
    } finally {
      await pool.destroy();
    }
  }
  if (opts.signal?.aborted) interrupted = true;
  for (const c of todo) {
    if (interrupted && !done.has(c.id) && !failures.some((f) => f.cell.id === c.id)) {
      failures.push({ cell: c, error: 'interrupted before it finished', reason: 'aborted', attempts: 0 });
    }
  }
  const records = cells.flatMap((c) => (done.has(c.id) ? [done.get(c.id)!] : []));
  const order = new Map(cells.map((c, i) => [c.id, i]));
  failures.sort((a, b) => order.get(a.cell.id)! - order.get(b.cell.id)!);
  return { cells, records, failures, skipped: progress.skipped, ran: done.size - progress.skipped, interrupted };
}
