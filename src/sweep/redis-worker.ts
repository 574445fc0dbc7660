/**
 * A sweep worker on Redis (`allot worker --redis URL`): a BullMQ Worker takes
 * cell jobs from the queue (up to `concurrency` at a time) and runs each on a
 * piscina pool of as many threads — the same pool, worker module and
 * `runCell` as the local sweep — so the main thread stays free to renew the
 * jobs' locks however long a cell computes.
 *
 * Outcomes: a cell's result or error is the job's return value; a time-out
 * (`timeoutSeconds` in the job) is returned as such (not retried); a worker
 * thread that dies fails the job, and the coordinator retries it. If the
 * whole process dies (kill -9), its jobs' locks expire after `lockDurationMs`
 * and the stalled-job check of any other worker (every `stalledIntervalMs`)
 * fails them (`maxStalledCount: 0`), which the coordinator sees and retries.
 */
import { hostname } from 'node:os';
import type { Job, Worker } from 'bullmq';
import { allotVersion } from '../provenance.js';
import { cellLabel } from './cells.js';
import type { CellJobData, CellJobResult } from './redis-backend.js';
import { DEFAULT_QUEUE } from './redis-backend.js';
import { parseRedisUrl, probeRedis } from './redis-url.js';
import { attemptOnPool, createCellPool } from './cell-pool.js';

/** Options of `startSweepWorker`. */
export interface SweepWorkerOptions {
  /** `redis://HOST:PORT[/DB]`. */
  url: string;
  /** Queue name (default "allot-sweep"), as given to the coordinator. */
  queue?: string;
  /** Cells run at once (threads in the pool); default 1. */
  concurrency?: number;
  /** Lock time of a running job in ms (default 30 000): a killed worker's cell is retried after about this long. */
  lockDurationMs?: number;
  /** How often this worker checks for stalled jobs, in ms (default 30 000). */
  stalledIntervalMs?: number;
  /** Worker name stored on the jobs it takes (default `<hostname>:<pid>`). */
  name?: string;
  /** Called with one line per event (ready, each cell finished or failed, errors). */
  log?: (line: string) => void;
}

/** A running sweep worker. */
export interface SweepWorker {
  /** The worker's name (on each job it processes, as `processedBy`). */
  readonly name: string;
  /** Stops taking jobs, lets running cells finish, and closes the pool and connections. */
  close(): Promise<void>;
}

/**
 * Connects (throws EnvironmentError naming the URL when Redis is
 * unreachable; InputError for a bad URL, naming `--redis`) and starts taking
 * cells from the queue.
 */
export async function startSweepWorker(opts: SweepWorkerOptions): Promise<SweepWorker> {
  const target = parseRedisUrl(opts.url, '--redis');
  await probeRedis(target, '--redis');
  const concurrency = opts.concurrency ?? 1;
  const queueName = opts.queue ?? DEFAULT_QUEUE;
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const log = opts.log ?? (() => {});
  const pool = await createCellPool(concurrency);
  const processCell = async (job: Job<CellJobData, CellJobResult>): Promise<CellJobResult> => {
    const { task, timeoutSeconds } = job.data;
    if (job.data.allotVersion !== allotVersion) return { ok: false, error: `the sweep needs Allot ${job.data.allotVersion}, this worker (${name}) runs ${allotVersion}` };
    const t0 = Date.now();
    const r = await attemptOnPool(pool, task, { timeoutSeconds });
    const label = cellLabel(task.cell);
    if (r.kind === 'done') {
      log(r.outcome.ok ? `${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `${label}: failed: ${r.outcome.error}`);
      return r.outcome;
    }
    if (r.kind === 'timeout') {
      log(`${label}: ${r.error}`);
      return { ok: false, error: r.error, timeout: true };
    }
    throw new Error(r.kind === 'died' ? r.error : 'worker stopped'); // the job fails; the coordinator retries it
  };
  const { Worker } = await import('bullmq');
  const worker: Worker<CellJobData, CellJobResult> = new Worker<CellJobData, CellJobResult>(queueName, processCell, {
    connection: { ...target.connection, maxRetriesPerRequest: null },
    concurrency,
    name,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    maxStalledCount: 0,
  });
  worker.on('error', (e) => log(`error: ${e.message}`));
  await worker.waitUntilReady();
  log(`ready: ${name} takes cells from queue "${queueName}" on ${target.display}, ${concurrency} at a time`);
  return {
    name,
    async close() {
      await worker.close();
      await pool.destroy();
    },
  };
}
