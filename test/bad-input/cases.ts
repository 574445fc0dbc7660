/**
 * Table-driven bad-input cases for the `allot` CLI (shared by the
 * test/bad-input/*.test.ts files).
 *
 * Each case runs in a fresh temporary directory: `setup` writes the case's
 * input files there, then `allot <args>` runs in-process
 * (`runCliInProcess`). Commands that write an output directory (`run`,
 * `train`, `sweep`) get `--out <tmp>/OUT` appended unless the case gives its
 * own `--out`. Every case asserts:
 *
 * - the exit code (2 = user error unless the case says otherwise);
 * - stderr is exactly one line, starting with `allot: ` (or
 *   `allot <command>: ` for commander's usage errors), with no stack trace,
 *   matching the case's regex (which names the file/flag/field and what was
 *   expected);
 * - nothing on stdout;
 * - nothing was written: afterwards the temporary directory holds exactly
 *   the files the case created, byte for byte (no OUT, no OUT.tmp-*);
 * - optionally, that it failed within `maxMs` milliseconds.
 *
 * Cases that could start a runaway simulation or training when the CLI
 * misbehaves (`isolate: true`) run in a worker thread with a heap limit and
 * a deadline, so a bug fails the case instead of hanging or crashing the
 * whole test file.
 */
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { dataFile, needsData } from '../../src/data/data-dir.js';
import { runCliInProcess, type CliResult } from '../cli-helpers.js';

/** Slack on `maxMs` (see `BadCase.maxMs`): a bound that separates failing during checking from simulating, not a speed test. */
export const CHECK_SLACK = 4;

/** Where a case runs: its temporary directory and helpers to create inputs there. */
export interface CaseDir {
  /** The per-case temporary directory. */
  readonly dir: string;
  /** The fresh output path `<dir>/OUT` (appended as `--out` for run, train and sweep). */
  readonly out: string;
  /** Absolute path of `rel` inside the case directory (nothing is created). */
  p(rel: string): string;
  /** Writes a text file (parents created) and returns its absolute path. */
  w(rel: string, text: string | Uint8Array): string;
  /** Creates a directory (and parents) and returns its absolute path. */
  mkdir(rel: string): string;
  /** Absolute path of a bundled data file (the case declares it in `needs`). */
  data(rel: string): string;
}

export interface BadCase {
  /** Test name (unique within its file). */
  name: string;
  /** Writes the case's inputs into its directory. */
  setup?: (c: CaseDir) => void;
  /** The `allot` arguments. */
  args: (c: CaseDir) => string[];
  /** Expected stderr line (a regex, or a function of the case directory for file paths). */
  err: RegExp | ((c: CaseDir) => RegExp);
  /** Expected exit code (default 2). */
  code?: number;
  /** Bundled data files the case reads (skips with a printed reason when missing). */
  needs?: string[];
  /** A reason to skip, decided at run time (e.g. running as root). */
  skip?: () => string | undefined;
  /** Do not append `--out` even for run/train/sweep. */
  noOut?: boolean;
  /**
   * The case must fail during checking: within this many milliseconds on a quiet machine (measured around the CLI
   * call). The assertion allows `CHECK_SLACK` × this, for a loaded machine and the first load (tsx compilation) of
   * lazily imported modules; a run that started simulating instead takes minutes or never returns.
   */
  maxMs?: number;
  /** Run in a worker thread with a heap limit and a deadline (cases that would hang or exhaust memory if the CLI started working). */
  isolate?: boolean;
  /** Undo anything `setup` did that blocks cleanup (e.g. chmod). */
  cleanup?: (c: CaseDir) => void;
}

/** Escapes a string for use inside a RegExp. */
export function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `^allot: <path>: <rest>` where `rest` is regex source. */
export function at(path: string, rest: string): RegExp {
  return new RegExp(`^allot: ${esc(path)}: ${rest}`);
}

/** `^allot: <flag>: <rest>` where `rest` is regex source. */
export function flag(name: string, rest: string): RegExp {
  return new RegExp(`^allot: ${esc(name)}: ${rest}`);
}

/** `^allot: <one of names>: <rest>` (a message that may name either the file or the flag). */
export function atAny(names: readonly string[], rest: string): RegExp {
  return new RegExp(`^allot: (?:${names.map(esc).join('|')}): ${rest}`);
}

/** Lines joined with "\n" plus a final newline. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** Commands whose output directory is given by `--out`. */
const OUT_COMMANDS = new Set(['run', 'train', 'sweep']);

/** A listing of every entry below `dir`: relative path → "dir" or "file:<sha256>". */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    const abs = rel ? join(dir, rel) : dir;
    for (const name of readdirSync(abs).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(dir, r));
      if (st.isDirectory()) {
        out.set(r, 'dir');
        walk(r);
      } else out.set(r, `file:${createHash('sha256').update(readFileSync(join(dir, r))).digest('hex')}`);
    }
  };
  walk('');
  return out;
}

function makeCaseDir(): CaseDir {
  const dir = mkdtempSync(join(tmpdir(), 'allot-bad-input-'));
  return {
    dir,
    out: join(dir, 'OUT'),
    p: (rel) => join(dir, rel),
    w(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    mkdir(rel) {
      const p = join(dir, rel);
      mkdirSync(p, { recursive: true });
      return p;
    },
    data(rel) {
      const p = dataFile(rel);
      if (!p) throw new Error(`bundled data ${rel} missing (the case should declare it in needs)`);
      return p;
    },
  };
}

/** The arguments with `--out <dir>/OUT` appended for commands that write an output directory. */
export function withOut(c: CaseDir, args: string[], noOut = false): string[] {
  if (noOut || !OUT_COMMANDS.has(args[0]) || args.includes('--out')) return args;
  return [...args, '--out', c.out];
}

// ---------------------------------------------------------------------------
// Isolated runs: a worker thread (same process, no spawn) that loads the CLI
// through tsx and runs one command; the main thread terminates it at the
// deadline, and its heap is capped so a runaway workload dies quickly.

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsx);
  register();
  const { runCliInProcess } = await import(workerData.helper);
  parentPort.postMessage({ type: 'ready' });
  parentPort.once('message', async (m) => {
    const t0 = Date.now();
    try {
      const r = await runCliInProcess(m.args);
      parentPort.postMessage({ type: 'result', result: r, ms: Date.now() - t0 });
    } catch (e) {
      parentPort.postMessage({ type: 'crash', error: String((e && e.stack) || e), ms: Date.now() - t0 });
    }
  });
})().catch((e) => parentPort.postMessage({ type: 'crash', error: String((e && e.stack) || e), ms: 0 }));
`;

/** What an isolated run ended with. */
export type IsolatedOutcome = { kind: 'result'; result: CliResult; ms: number } | { kind: 'timeout'; ms: number } | { kind: 'died'; reason: string; ms: number };

/** A worker thread loading the CLI; `ready` resolves to false if it died while loading. */
export interface CliWorker {
  worker: Worker;
  ready: Promise<boolean>;
  /** Why it died while loading, if it did. */
  failure?: string;
}

/** Starts a worker thread that loads the CLI (through tsx) and then waits for one command. It does not keep the process alive while idle. */
export function spawnCliWorker(heapMb = 384): CliWorker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), helper: new URL('../cli-helpers.ts', import.meta.url).href },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
    stdout: true,
    stderr: true,
  });
  const handle: CliWorker = { worker, ready: Promise.resolve(false) };
  handle.ready = new Promise<boolean>((resolve) => {
    const onMessage = (m: { type: string; error?: string }): void => {
      worker.off('message', onMessage);
      if (m.type !== 'ready') handle.failure = m.error;
      resolve(m.type === 'ready');
    };
    worker.on('message', onMessage);
    worker.once('error', (e) => {
      handle.failure = e.message;
      resolve(false);
    });
    worker.once('exit', (code) => {
      handle.failure ??= `worker exited with code ${code}`;
      resolve(false);
    });
  });
  worker.unref();
  return handle;
}

/** Runs `allot <args>` in a CLI worker (a fresh one unless given); gives up (terminating the worker) `deadlineMs` after the command starts. */
export async function runIsolated(args: string[], deadlineMs: number, handle: CliWorker = spawnCliWorker()): Promise<IsolatedOutcome> {
  const { worker } = handle;
  worker.ref();
  try {
    if (!(await handle.ready)) return { kind: 'died', reason: `the worker did not load the CLI: ${handle.failure ?? 'unknown'}`, ms: 0 };
    return await new Promise<IsolatedOutcome>((resolve) => {
      const started = Date.now();
      const timer = setTimeout(() => resolve({ kind: 'timeout', ms: Date.now() - started }), deadlineMs);
      const done = (o: IsolatedOutcome): void => {
        clearTimeout(timer);
        resolve(o);
      };
      worker.on('message', (m: { type: string; result?: CliResult; error?: string; ms?: number }) => {
        if (m.type === 'result') done({ kind: 'result', result: m.result!, ms: m.ms ?? Date.now() - started });
        else done({ kind: 'died', reason: m.error ?? 'unknown', ms: Date.now() - started });
      });
      worker.once('error', (e: Error & { code?: string }) => done({ kind: 'died', reason: `${e.code ?? ''} ${e.message}`.trim(), ms: Date.now() - started }));
      worker.once('exit', (code) => done({ kind: 'died', reason: `worker exited with code ${code}`, ms: Date.now() - started }));
      worker.postMessage({ args });
    });
  } finally {
    await worker.terminate();
  }
}

// ---------------------------------------------------------------------------

/** The one-line stderr contract (prefix `allot: `, or `allot <command>: ` for commander's usage errors). */
export function assertOneLine(stderr: string, err: RegExp): void {
  assert.ok(!stderr.includes('\n    at '), `stack trace on stderr:\n${stderr}`);
  assert.ok(stderr.endsWith('\n'), `stderr must end with a newline: ${JSON.stringify(stderr)}`);
  const body = stderr.slice(0, -1);
  assert.ok(!body.includes('\n'), `stderr must be one line, got ${body.split('\n').length}:\n${stderr}`);
  assert.match(body, /^allot( [a-z]+)?: /, 'stderr starts with "allot: "');
  assert.doesNotMatch(body, /internal error/, 'a user error must not be an internal error');
  assert.match(body, err);
}

async function runCase(t: TestContext, bc: BadCase, takeWorker: () => CliWorker): Promise<void> {
  const skip = bc.skip?.();
  if (skip) {
    t.skip(skip);
    return;
  }
  const c = makeCaseDir();
  try {
    bc.setup?.(c);
    const before = snapshot(c.dir);
    const args = withOut(c, bc.args(c), bc.noOut);
    const t0 = Date.now();
    let r: CliResult;
    let ms: number;
    if (bc.isolate) {
      const deadline = Math.max(1500, (bc.maxMs ?? 1000) * CHECK_SLACK + 500);
      const o = await runIsolated(args, deadline, takeWorker());
      if (o.kind === 'timeout') assert.fail(`allot ${args.join(' ')} did not return within ${deadline} ms (it started simulating/training instead of failing during checking); left in the case directory: ${[...snapshot(c.dir).keys()].filter((k) => !before.has(k)).join(', ') || 'nothing'}`);
      if (o.kind === 'died') assert.fail(`allot ${args.join(' ')} killed its thread after ${o.ms} ms (${o.reason.split('\n')[0]}) instead of failing during checking`);
      r = o.result;
      ms = o.ms;
    } else {
      r = await runCliInProcess(args);
      ms = Date.now() - t0;
    }
    const err = typeof bc.err === 'function' ? bc.err(c) : bc.err;
    assert.equal(r.code, bc.code ?? 2, `exit code of allot ${args.join(' ')}\nstderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 300)}`);
    assertOneLine(r.stderr, err);
    assert.equal(r.stdout, '', 'nothing on stdout');
    const after = snapshot(c.dir);
    assert.deepEqual([...after.entries()], [...before.entries()], 'the case directory holds exactly the input files it created (no OUT, no OUT.tmp-*, no partial files)');
    if (bc.maxMs !== undefined) assert.ok(ms < bc.maxMs * CHECK_SLACK, `took ${ms} ms, expected < ${bc.maxMs * CHECK_SLACK} ms (${bc.maxMs} ms × ${CHECK_SLACK}: must fail during checking)`);
  } finally {
    try {
      bc.cleanup?.(c);
    } finally {
      rmSync(c.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Registers one node:test test per case. Isolated cases get worker threads
 * started now, so the CLI loads in them while the other cases run; unused
 * ones are stopped after the file's tests.
 */
export function runTable(cases: readonly BadCase[]): void {
  const names = new Set<string>();
  for (const bc of cases) {
    if (names.has(bc.name)) throw new Error(`duplicate case name: ${bc.name}`);
    names.add(bc.name);
  }
  const isolated = cases.filter((bc) => bc.isolate && !(bc.needs && needsData(...bc.needs).skip)).length;
  const pool: CliWorker[] = Array.from({ length: isolated }, () => spawnCliWorker());
  const takeWorker = (): CliWorker => pool.shift() ?? spawnCliWorker();
  after(async () => {
    await Promise.all(pool.splice(0).map((h) => h.worker.terminate()));
  });
  for (const bc of cases) test(bc.name, bc.needs ? needsData(...bc.needs) : {}, (t) => runCase(t, bc, takeWorker));
}

/** True when running as root (file permissions do not stop root). */
export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Skip reason for permission cases under root. */
export function skipAsRoot(): string | undefined {
  return isRoot() ? 'running as root: permission bits do not stop root, so an unwritable directory cannot be simulated' : undefined;
}

/** Makes a directory read-only (for the permission case) and undoes it. */
export function readOnly(path: string): void {
  chmodSync(path, 0o555);
}
export function writable(path: string): void {
  try {
    chmodSync(path, 0o755);
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------
// Small input builders.

export const PHILLY_HEADER = 'timestamp,duration,num_gpus,gpu_time,cluster';
export const OPENB_HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';
export const JOB_HEADER = 'id,tenant,arrival_s,gpus,work_s';
export const HYBRID_HEADER = 'id,tenant,arrival_s,gpus,work_s,cpu_time_s,gpu_time_s';
export const AZURE_HEADER = 'TIMESTAMP,ContextTokens,GeneratedTokens';
export const PROFILE_HEADER = 'model,layer,subAccelerator,latencySeconds,bandwidthGBps';
export const ARRIVALS_HEADER = 'arrivalSeconds,tenant,model';

/** A valid two-job Philly CSV (short jobs: replayable). */
export const PHILLY_OK = lines(PHILLY_HEADER, '2017-10-09 07:00:00,60,1,60,vc1', '2017-10-09 07:01:00,120,2,240,vc2');
/** A valid two-job Philly CSV with durations Synergy's Poisson workload keeps (≥ 31.6 min). */
export const PHILLY_LONG = lines(PHILLY_HEADER, '2017-10-09 07:00:00,3600,1,3600,vc1', '2017-10-09 07:01:00,7200,2,14400,vc2');
/** One Gavel trace line (tab-separated, 7 fields). */
export function gavelLine(jobType = 'ResNet-18 (batch size 16)', steps = '1000', arrival = '0', scale = '1'): string {
  return [jobType, 'cd %s && python3 main.py', '--num_steps', '1', steps, arrival, scale].join('\t');
}
/** A valid Allot job CSV (GPU workload). */
export const JOBS_OK = lines(JOB_HEADER, 'j1,t1,0,1,100', 'j2,t1,5,1,100');
/** A valid Allot job CSV (hybrid CPU/GPU workload). */
export const HYBRID_OK = lines(HYBRID_HEADER, 'j1,t1,0,1,100,200,50', 'j2,t2,5,1,100,300,40');
/** A valid two-request Azure LLM trace. */
export const AZURE_OK = lines(AZURE_HEADER, '2023-11-16 18:15:46.6805900,374,44', '2023-11-16 18:15:50.9951690,396,109');
/** A valid `allot allocate` input. */
export const ALLOC_OK = { tenants: [{ id: 'a', tokens: 2 }, { id: 'b', tokens: 1 }], nodes: [{ id: 'n0', type: 'H100' }, { id: 'n1', type: 'L4' }], utilities: { a: { n0: 10, n1: 3 }, b: { n0: 8, n1: 4 } }, rounds: 1 };
/** A valid `allot dag` input. */
export const DAG_OK = { processors: ['p1', 'p2'], tasks: [{ id: 't1', cost: [14, 16] }, { id: 't2', cost: [3, 5] }], edges: [{ from: 't1', to: 't2', data: 18 }] };

/** A deep copy of `base` with `edit` applied, as JSON text. */
export function jsonWith<T>(base: T, edit: (x: T) => void): string {
  const x = structuredClone(base);
  edit(x);
  return JSON.stringify(x, null, 2) + '\n';
}

/** A one-service realtime tenant list (YAML flow) with the given service fields. */
export function rtTenants(service = '{model: ResNet-50, rateRps: 10, sloTarget: 0.9}'): string {
  return `tenants: [{id: a, services: [${service}]}]\n`;
}
