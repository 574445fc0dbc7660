/**
 * The coordinator of a sweep on Redis (`allot sweep --backend redis://…`):
 * the cells not yet on disk go onto a BullMQ queue, one job per cell with
 * jobId `cell-<cell id>` (so a cell is queued at most once, whoever adds
 * it), and `allot worker` processes on any machine run them with the same
 * `runCell` as the local pool (redis-worker.ts). The coordinator polls the
 * queue and hands every finished job to the shared `SweepBook`, which stores
 * it atomically in `<out>/cells/` and counts it once; then the job is
 * removed, so Redis is only a transport and the output directory stays the
 * one durable store (resume works as with the local pool).
 *
 * Worker deaths: workers run with `maxStalledCount: 0`, so a job whose worker
 * was killed is failed by BullMQ's stalled-job check once its lock expires
 * (`lockDuration`); the coordinator then retries it (`job.retry`) up to
 * `retries` times, exactly like a dead worker thread of the local pool, and
 * reports it as "worker-exit" after that. A job that vanished (e.g. removed
 * by hand) is added again. Jobs left completed by an earlier, interrupted
 * coordinator are collected like fresh ones.
 */
import type { Job, Queue } from 'bullmq';
import { EnvironmentError } from '../errors.js';
import { allotVersion } from '../provenance.js';
import type { CellSpec } from './cells.js';
import type { CellOutcome } from './run-cell.js';
import type { RedisBackendOptions, SweepBook } from './run-sweep.js';
import { parseRedisUrl, probeRedis, type RedisTarget } from './redis-url.js';
import type { CellTask } from './worker.js';

/** The default queue name of `allot sweep --backend` and `allot worker`. */
export const DEFAULT_QUEUE = 'allot-sweep';

/** A job's data: the same task a local worker thread gets, its time limit, and the coordinator's Allot version (workers of another version refuse it). */
export interface CellJobData {
  task: CellTask;
  timeoutSeconds?: number;
  allotVersion: string;
}

/** A job's return value: the cell's outcome, or a timeout (reported, not retried). */
export type CellJobResult = CellOutcome | { ok: false; error: string; timeout: true };

/** The BullMQ jobId of a cell (ids must not be integers or contain ":"). */
export function jobIdOf(cell: Pick<CellSpec, 'id'>): string {
  return `cell-${cell.id}`;
}

/** Opens a BullMQ queue on a probed target; its connection errors are kept, not thrown as unhandled events. */
export async function openQueue(target: RedisTarget, name: string, onError: (e: Error) => void): Promise<Queue<CellJobData, CellJobResult>> {
  const { Queue } = await import('bullmq');
  const queue = new Queue<CellJobData, CellJobResult>(name, { connection: { ...target.connection, maxRetriesPerRequest: 3 } });
  queue.on('error', onError);
  return queue;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Runs the book's remaining cells on the queue until every one finished or
 * failed, or `signal` aborts (then the cells still waiting are taken off the
 * queue; running ones finish on their workers and are collected by the next
 * coordinator). Throws EnvironmentError naming the URL when Redis cannot be
 * reached at the start or is lost midway (finished cells stay on disk).
 */
export async function runCellsOnRedis(book: SweepBook, backend: RedisBackendOptions, opts: { retries: number; cellTimeoutSeconds?: number; signal?: AbortSignal }): Promise<void> {
  const target = parseRedisUrl(backend.url, '--backend');
  await probeRedis(target, '--backend');
  if (book.todo.length === 0) return;
  const name = backend.queue ?? DEFAULT_QUEUE;
  const pollMs = backend.pollMs ?? 500;
  let lastError: Error | undefined;
  const queue = await openQueue(target, name, (e) => (lastError = e));
  const lost = (e: unknown) => new EnvironmentError(`lost Redis at ${target.display} (${(lastError ?? (e as Error))?.message ?? String(e)}); finished cells are kept, run the same command again to resume`);
  const pending = new Map(book.todo.map((c) => [jobIdOf(c), c]));
  const attempts = new Map<string, number>();
  const data = (cell: CellSpec): CellJobData => ({ task: book.task(cell), timeoutSeconds: opts.cellTimeoutSeconds, allotVersion });
  const add = (cells: CellSpec[]) => queue.addBulk(cells.map((c) => ({ name: 'cell', data: data(c), opts: { jobId: jobIdOf(c), attempts: 1 } })));

  const collectCompleted = async (job: Job<CellJobData, CellJobResult>) => {
    const cell = pending.get(job.id!);
    if (!cell) return; // collected already
    const result = job.returnvalue;
    const n = attempts.get(job.id!) ?? 1;
    if (result && !result.ok && 'timeout' in result) book.fail(cell, result.error, 'timeout', n);
    else book.finish(cell, result ?? { ok: false, error: 'the worker returned no result' }, n);
    pending.delete(job.id!);
    await job.remove();
  };
  const collectFailed = async (job: Job<CellJobData, CellJobResult>) => {
    const cell = pending.get(job.id!);
    if (!cell) return;
    const n = attempts.get(job.id!) ?? 1;
    const error = `worker died: ${job.failedReason}`;
    if (n > opts.retries) {
      book.fail(cell, error, 'worker-exit', n);
      pending.delete(job.id!);
      await job.remove();
      return;
    }
    attempts.set(job.id!, n + 1);
    book.retried();
    await job.retry('failed');
  };

  /**
   * Checks every pending cell's job: adds those without one (all of them on a fresh queue; one removed by
   * hand later), in enumeration order, and collects finished ones the poll's window missed. At the start,
   * a failed job of an earlier coordinator is cleared and added again (a fresh attempt); a completed one
   * is collected like a fresh one.
   */
  const reconcile = async (start: boolean) => {
    const ids = [...pending.keys()];
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const missing: CellSpec[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (states[i] === 'unknown' || (start && states[i] === 'failed')) {
        if (states[i] === 'failed') await queue.remove(ids[i]);
        missing.push(pending.get(ids[i])!);
      } else if (states[i] === 'completed' || states[i] === 'failed') {
        const job = await queue.getJob(ids[i]);
        if (job) await (states[i] === 'completed' ? collectCompleted(job) : collectFailed(job));
      }
    }
    if (missing.length > 0) await add(missing);
  };

  try {
    try {
      await reconcile(true);
      if ((await queue.getWorkersCount()) === 0) backend.onNotice?.(`no worker is connected to queue "${name}" on ${target.display} yet; start one with: allot worker --redis ${target.display}${name === DEFAULT_QUEUE ? '' : ` --queue ${name}`}`);
    } catch (e) {
      throw lost(e);
    }
    let polls = 0;
    while (pending.size > 0 && !opts.signal?.aborted) {
      try {
        // jobs of other sweeps on the same queue, and jobs already collected, are left alone
        const ours = (jobs: Job<CellJobData, CellJobResult>[]) => jobs.filter((j) => j?.id !== undefined && pending.has(j.id));
        for (const job of ours(await queue.getJobs(['completed'], 0, 999, true))) await collectCompleted(job);
        for (const job of ours(await queue.getJobs(['failed'], 0, 999, true))) await collectFailed(job);
        if (++polls % Math.max(1, Math.round(10_000 / pollMs)) === 0) await reconcile(false);
      } catch (e) {
        throw lost(e);
      }
      if (pending.size > 0) await sleep(pollMs, opts.signal);
    }
    if (opts.signal?.aborted) {
      book.interrupted = true;
      // waiting cells leave the queue; a running one cannot be removed (locked) and is collected by the next run
      await Promise.all([...pending.keys()].map((id) => queue.remove(id).catch(() => 0)));
    }
  } finally {
    await queue.close().catch(() => {});
  }
}
