/**
 * `runSweep`: runs every cell of a sweep on a piscina worker pool (one
 * worker thread per core by default), in-process (`workers: 0`), or on a
 * BullMQ queue on Redis (`backend`, see redis-backend.ts) that `allot worker`
 * processes on any machine drain. All three share `SweepBook` (resume,
 * progress, failures, atomic cell records) and the same `runCell`.
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
 * Worker threads: see cell-pool.ts.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { enumerateCells, type CellPlan, type CellSpec } from './cells.js';
import { runCell, type CellFailure, type CellOutcome, type CellRecord } from './run-cell.js';
import type { CellTask } from './worker.js';
import { attemptOnPool, createCellPool } from './cell-pool.js';

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
  /** Run the cells on a BullMQ queue on Redis instead of the local pool (`workers` is then unused; `allot worker` processes run them). */
  backend?: RedisBackendOptions;
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

/** What a sweep runs on: the local piscina pool (`workers`), or a BullMQ queue on Redis (`backend`). */
export interface RedisBackendOptions {
  /** `redis://HOST:PORT[/DB]` (or `rediss://`): where the queue lives (see `parseRedisUrl`). */
  url: string;
  /** Queue name (default "allot-sweep"); `allot worker --queue` must name the same. */
  queue?: string;
  /** How often the coordinator polls the queue for finished cells, in ms (default 500). */
  pollMs?: number;
  /** Called with one-line notices (e.g. "no worker is connected yet"). */
  onNotice?: (message: string) => void;
}

/**
 * The bookkeeping every sweep backend shares: which cells are already on disk
 * (resume), the progress counts, finished records (stored atomically in
 * `<outDir>/cells/` as they arrive, each cell at most once) and failures, and
 * the final `SweepRun` in enumeration order.
 */
export class SweepBook {
  readonly cells: CellSpec[];
  /** Cells not found on disk, in enumeration order. */
  readonly todo: CellSpec[];
  readonly progress: SweepProgress;
  readonly failures: CellFailure[] = [];
  interrupted = false;
  private readonly done = new Map<string, CellRecord>();
  private readonly failed = new Set<string>();
  private readonly firstSeed: number;

  constructor(private readonly opts: SweepOptions) {
    this.cells = enumerateCells(opts.plan);
    this.firstSeed = Math.min(...opts.plan.seeds);
    const existing = opts.outDir ? readCellRecords(opts.outDir) : new Map<string, CellRecord>();
    for (const c of this.cells) {
      const rec = existing.get(c.id);
      if (rec) this.done.set(c.id, rec);
    }
    this.todo = this.cells.filter((c) => !this.done.has(c.id));
    this.progress = { total: this.cells.length, done: this.done.size, skipped: this.done.size, failed: 0, retried: 0 };
    opts.onProgress?.({ ...this.progress });
  }

  /** The task a worker runs for a cell (its chart series kept for the first seed of each setting, or as `keepSeries` says). */
  task(cell: CellSpec): CellTask {
    const keep = this.opts.keepSeries ?? 'first-seed';
    const keepSeries = keep === 'all' || (keep === 'first-seed' && cell.seed === this.firstSeed);
    return { cell, keepSeries, scenarioText: this.opts.scenarioText, modules: this.opts.modules ?? [], allowLarge: this.opts.allowLarge };
  }

  /** True once the cell finished or failed (later outcomes of the same cell are ignored). */
  settled(id: string): boolean {
    return this.done.has(id) || this.failed.has(id);
  }

  /** Records a cell's outcome: a finished cell is stored and counted once; a run that threw is a failure ("error"). */
  finish(cell: CellSpec, outcome: CellOutcome, attempts: number): void {
    if (this.settled(cell.id)) return;
    if (!outcome.ok) return this.fail(cell, outcome.error, 'error', attempts);
    const rec: CellRecord = { ...outcome.record, attempts };
    if (this.opts.outDir) writeCellRecord(this.opts.outDir, rec);
    this.done.set(cell.id, rec);
    this.progress.done++;
    this.opts.onProgress?.({ ...this.progress, last: { cell, ok: true } });
  }

  /** Records a failed cell (once). */
  fail(cell: CellSpec, error: string, reason: CellFailure['reason'], attempts: number): void {
    if (this.settled(cell.id)) return;
    this.failed.add(cell.id);
    this.failures.push({ cell, error, reason, attempts });
    this.progress.failed++;
    this.opts.onProgress?.({ ...this.progress, last: { cell, ok: false, error } });
  }

  /** Counts one more attempt of a cell whose worker died. */
  retried(): void {
    this.progress.retried++;
  }

  /** The run: records and failures in enumeration order; unfinished cells of an interrupted sweep count as "aborted". */
  result(): SweepRun {
    if (this.opts.signal?.aborted) this.interrupted = true;
    if (this.interrupted) for (const c of this.todo) if (!this.settled(c.id)) this.failures.push({ cell: c, error: 'interrupted before it finished', reason: 'aborted', attempts: 0 });
    const records = this.cells.flatMap((c) => (this.done.has(c.id) ? [this.done.get(c.id)!] : []));
    const order = new Map(this.cells.map((c, i) => [c.id, i]));
    this.failures.sort((a, b) => order.get(a.cell.id)! - order.get(b.cell.id)!);
    return { cells: this.cells, records, failures: this.failures, skipped: this.progress.skipped, ran: this.done.size - this.progress.skipped, interrupted: this.interrupted };
  }
}

/** Runs (or resumes) a sweep. Never throws for a failing cell; throws only for unusable options (and, with `backend`, an unreachable Redis: EnvironmentError). */
export async function runSweep(opts: SweepOptions): Promise<SweepRun> {
  const book = new SweepBook(opts);
  const retries = opts.retries ?? 1;
  const workers = opts.workers ?? availableParallelism();
  const todo = book.todo;

  if (opts.backend) {
    const { runCellsOnRedis } = await import('./redis-backend.js'); // bullmq loaded only for Redis sweeps
    await runCellsOnRedis(book, opts.backend, { retries, cellTimeoutSeconds: opts.cellTimeoutSeconds, signal: opts.signal });
  } else if (workers <= 0) {
    for (const m of opts.modules ?? []) await import(m);
    for (const cell of todo) {
      if (opts.signal?.aborted) {
        book.interrupted = true;
        break;
      }
      const task = book.task(cell);
      book.finish(cell, await runCell(cell, { keepSeries: task.keepSeries, scenarioText: opts.scenarioText, allowLarge: opts.allowLarge }), 1);
    }
  } else if (todo.length > 0) {
    const pool = await createCellPool(Math.min(workers, todo.length));
    opts.onPool?.(pool);
    const runOne = async (cell: CellSpec): Promise<void> => {
      const task = book.task(cell);
      for (let attempt = 1; ; attempt++) {
        const r = await attemptOnPool(pool, task, { timeoutSeconds: opts.cellTimeoutSeconds, signal: opts.signal });
        if (r.kind === 'done') return book.finish(cell, r.outcome, attempt);
        if (r.kind === 'timeout') return book.fail(cell, r.error, 'timeout', attempt);
        if (r.kind === 'aborted') {
          book.interrupted = true;
          return;
        }
        if (attempt > retries) return book.fail(cell, r.error, 'worker-exit', attempt);
        book.retried();
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
  return book.result();
}
