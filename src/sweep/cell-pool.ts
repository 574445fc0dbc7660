/**
 * The local worker pool of a sweep: piscina threads running `worker.ts` (one
 * cell per thread at a time), used by `runSweep` and by `allot worker`
 * (redis-worker.ts). Workers run the TypeScript sources through tsx
 * (worker-tsx.mjs registers its ESM hooks in the thread) when Allot itself
 * runs from sources, and the compiled `dist/sweep/worker.js` when installed.
 * Kept out of run-sweep.ts so the public declarations reach no piscina types.
 */
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { CellOutcome } from './run-cell.js';
import type { CellTask } from './worker.js';

/** Where the worker module is: the .ts source under tsx, the compiled .js when installed. */
export function workerModule(): { filename: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith('.ts')) return { filename: fileURLToPath(new URL('./worker-tsx.mjs', import.meta.url)), execArgv: [] };
  return { filename: fileURLToPath(new URL('./worker.js', import.meta.url)), execArgv: [] };
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || /aborted/i.test(e.message));
}

/** One attempt of a task on a piscina pool: its outcome, or why there is none. */
export type PoolAttempt =
  | { kind: 'done'; outcome: CellOutcome }
  | { kind: 'timeout'; error: string }
  | { kind: 'aborted' }
  | { kind: 'died'; error: string };

/** A piscina pool of `threads` worker threads running `worker.ts` (one cell per thread at a time). */
export async function createCellPool(threads: number): Promise<Piscina<CellTask, CellOutcome>> {
  const { filename, execArgv } = workerModule();
  const { Piscina } = await import('piscina'); // loaded only when cells run on threads
  return new Piscina<CellTask, CellOutcome>({ filename, execArgv: [...execArgv], minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
}

/**
 * Runs one task on the pool: "done" with the cell's outcome, "timeout" after
 * `timeoutSeconds` (the thread is stopped), "aborted" when `signal` fired, or
 * "died" when the worker thread exited (crash, `process.exit`, terminated).
 */
export async function attemptOnPool(pool: Piscina<CellTask, CellOutcome>, task: CellTask, opts: { timeoutSeconds?: number; signal?: AbortSignal }): Promise<PoolAttempt> {
  if (opts.signal?.aborted) return { kind: 'aborted' };
  const timeout = opts.timeoutSeconds ? AbortSignal.timeout(opts.timeoutSeconds * 1000) : undefined;
  const signal = timeout && opts.signal ? AbortSignal.any([opts.signal, timeout]) : (timeout ?? opts.signal ?? null);
  try {
    return { kind: 'done', outcome: await pool.run(task, { signal }) };
  } catch (e) {
    if (timeout?.aborted && !opts.signal?.aborted) return { kind: 'timeout', error: `no result within ${opts.timeoutSeconds} s (worker stopped)` };
    if (opts.signal?.aborted || isAbort(e)) return { kind: 'aborted' };
    return { kind: 'died', error: `worker died: ${e instanceof Error ? e.message : String(e)}` };
  }
}

