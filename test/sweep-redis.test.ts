/**
 * Issue 17 "Done means", parts 1–2: a sweep of the default scenario (3
 * policies × 3 loads × seeds) over 2 `allot worker` processes on Redis gives
 * the same output files as the local pool, byte for byte (the per-cell
 * records differ only in their timing fields), and survives one worker being
 * killed with kill -9: its cell is retried on the other worker, no cell is
 * lost or counted twice.
 *
 * Needs a Redis server: $ALLOT_TEST_REDIS_URL (.ci/run starts one) or
 * redis://127.0.0.1:6379; without one these tests skip with the reason.
 * The sweep is kept small (2 rounds, 2 seeds) for the suite's wall time;
 * the full figure (20 rounds, 5 seeds) was measured by hand (issue report).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import '../src/scenarios/index.js';
import { EnvironmentError, InputError } from '../src/errors.js';
import { scenarioKinds } from '../src/scenarios/registry.js';
import type { CellPlan } from '../src/sweep/cells.js';
import { jobIdOf } from '../src/sweep/redis-backend.js';
import { parseRedisUrl, probeRedis } from '../src/sweep/redis-url.js';
import { runSweep, type SweepRun } from '../src/sweep/run-sweep.js';
import { writeSweepOutputs } from '../src/sweep/write-sweep.js';
import { runCliInProcess } from './cli-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'src/cli/entry.ts');
const REDIS_URL = process.env.ALLOT_TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const OUTPUTS = ['sweep.json', 'summary.csv', 'summary.parquet', 'tenant-summary.csv', 'tenant-summary.parquet', 'runs.csv', 'runs.parquet'];

async function redisSkip(): Promise<string | undefined> {
  try {
    await probeRedis(parseRedisUrl(REDIS_URL, 'ALLOT_TEST_REDIS_URL'), 'ALLOT_TEST_REDIS_URL', 1000);
    return undefined;
  } catch (e) {
    const reason = `no Redis reachable at ${REDIS_URL} (set ALLOT_TEST_REDIS_URL; .ci/run starts one): ${(e as Error).message}`;
    console.log(`# skip: ${reason}`);
    return reason;
  }
}
const skipReason = await redisSkip();

test('parseRedisUrl: host, port, db and credentials; bad URLs name the flag', () => {
  assert.deepEqual(parseRedisUrl('redis://127.0.0.1:6390', '--backend'), { display: 'redis://127.0.0.1:6390', connection: { host: '127.0.0.1', port: 6390, db: 0 } });
  assert.deepEqual(parseRedisUrl('rediss://u:p%40ss@cache.example:7000/3', '--backend'), { display: 'rediss://cache.example:7000/3', connection: { host: 'cache.example', port: 7000, db: 3, username: 'u', password: 'p@ss', tls: {} } });
  assert.equal(parseRedisUrl('redis://[::1]', '--redis').connection.host, '::1');
  assert.equal(parseRedisUrl('redis://h', '--redis').connection.port, 6379);
  for (const [bad, why] of [['localhost:6379', 'scheme'], ['http://h:6379', 'scheme'], ['redis://h:0', 'port'], ['redis://h:99999', ''], ['redis://h/x', 'database'], ['redis://h?db=1', 'query'], ['nope', '']] as const) {
    assert.throws(() => parseRedisUrl(bad, '--backend'), (e: unknown) => e instanceof InputError && e.message.startsWith(`--backend: expected redis://HOST:PORT`) && e.message.includes(why), bad);
  }
});

test('probeRedis: nothing listening → EnvironmentError naming the URL, within the timeout', async () => {
  const t0 = Date.now();
  await assert.rejects(probeRedis(parseRedisUrl('redis://127.0.0.1:1', '--backend'), '--backend', 2000), (e: unknown) => e instanceof EnvironmentError && /^cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\); start redis-server there or fix --backend$/.test((e as Error).message));
  assert.ok(Date.now() - t0 < 5000);
});

test('allot sweep --backend with Redis down: exit 1, one line naming the URL', async () => {
  const r = await runCliInProcess(['sweep', '--backend', 'redis://127.0.0.1:1', '--policies', 'l-dice', '--set', 'rounds=1', '--seeds', '1', '--quiet']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^allot: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \([^\n]*\); start redis-server there or fix --backend\n$/);
  assert.equal(r.stdout, '');
});

// ---- end to end on a real Redis ----

const def = scenarioKinds().find((k) => k.isDefault)!;
const QUEUE = `allot-test-${process.pid}`;
const plan: CellPlan = { kind: def.kind, base: { kind: def.kind, rounds: 2 }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: ['l-dice', 's-dice', 'static-share'], seeds: [1, 2] };
const workers: ChildProcess[] = [];

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'worker', '--redis', REDIS_URL, '--queue', QUEUE, '--concurrency', '1', '--lock-duration', '2000', '--stalled-interval', '500', '--name', name], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  workers.push(child);
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('ready:')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`worker ${name} exited with ${code}: ${err}`)));
  });
}

function outputs(dir: string, run: SweepRun): Map<string, Buffer> {
  writeSweepOutputs(dir, plan, run);
  return new Map(OUTPUTS.map((f) => [f, readFileSync(join(dir, f))]));
}

let local: SweepRun;
let localFiles: Map<string, Buffer>;

before(async () => {
  if (skipReason) return;
  const dir = mkdtempSync(join(tmpdir(), 'allot-redis-local-'));
  [local] = await Promise.all([runSweep({ plan, outDir: dir, workers: 2 }), startWorker('w1'), startWorker('w2')]);
  localFiles = outputs(dir, local);
});

after(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  if (skipReason) return;
  const queue = new Queue(QUEUE, { connection: parseRedisUrl(REDIS_URL, 'ALLOT_TEST_REDIS_URL').connection });
  await queue.obliterate({ force: true });
  await queue.close();
});

test('2 worker processes on Redis, one killed with kill -9 mid-cell: same outputs as the local pool, no cell lost or counted twice', { skip: skipReason }, async (t) => {
  assert.equal(local.failures.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'allot-redis-'));
  const queue = new Queue(QUEUE, { connection: parseRedisUrl(REDIS_URL, 'ALLOT_TEST_REDIS_URL').connection });
  let victimJob: string | undefined;
  let victimDone = false;
  const done: string[] = [];
  const watch = setInterval(() => {
    if (victimJob || done.length < 2) return;
    void queue.getActive().then(async (jobs) => {
      const job = jobs.find((j) => j.processedBy === 'w2');
      if (!job || victimJob) return;
      victimJob = job.id;
      workers[1].kill('SIGKILL');
      victimDone = (await queue.getJobState(job.id!)) === 'completed'; // finished just before the kill: nothing to retry
    });
  }, 50);
  let run: SweepRun;
  try {
    run = await runSweep({ plan, outDir: dir, backend: { url: REDIS_URL, queue: QUEUE, pollMs: 100 }, retries: 1, onProgress: (p) => p.last?.ok && done.push(p.last.cell.id) });
  } finally {
    clearInterval(watch);
  }
  // Redis is only a transport: every collected job was removed; the output directory is the store, so a rerun resumes
  const counts = await queue.getJobCounts('wait', 'active', 'completed', 'failed', 'delayed');
  await queue.close();
  assert.deepEqual(Object.values(counts), [0, 0, 0, 0, 0], JSON.stringify(counts));
  const again = await runSweep({ plan, outDir: dir, backend: { url: REDIS_URL, queue: QUEUE, pollMs: 100 } });
  assert.equal(again.skipped, again.cells.length);
  assert.equal(again.ran, 0);
  assert.ok(victimJob, 'worker w2 was killed while running a cell');
  assert.equal(workers[1].signalCode, 'SIGKILL');
  assert.deepEqual(run.failures, []);
  assert.equal(run.records.length, run.cells.length);
  assert.equal(new Set(run.records.map((r) => r.cell.id)).size, run.cells.length, 'each cell counted once');
  assert.equal(new Set(done).size, done.length, 'each cell reported finished once');
  const victim = run.records.find((r) => jobIdOf(r.cell) === victimJob)!;
  t.diagnostic(`killed w2 running ${victimJob}${victimDone ? ' (it had just finished)' : `; that cell took ${victim.attempts} attempts`}`);
  if (!victimDone) assert.equal(victim.attempts, 2, 'the killed worker’s cell ran again');
  // byte for byte: the aggregates, the runs table and the manifest; the cell records apart from their timing fields
  const files = outputs(dir, run);
  for (const f of OUTPUTS) assert.ok(files.get(f)!.equals(localFiles.get(f)!), `${f} differs from the local pool's`);
  const strip = (r: SweepRun) => r.records.map(({ wallSeconds: _w, attempts: _a, ...rest }) => JSON.stringify(rest));
  assert.deepEqual(strip(run), strip(local));
});

test('Ctrl-C on a Redis sweep with no worker: a notice names the command to start one; waiting cells leave the queue; the run is interrupted', { skip: skipReason }, async () => {
  const name = `${QUEUE}-idle`;
  const notices: string[] = [];
  const controller = new AbortController();
  const small: CellPlan = { ...plan, seeds: [1] };
  const running = runSweep({ plan: small, backend: { url: REDIS_URL, queue: name, pollMs: 100, onNotice: (m) => notices.push(m) }, signal: controller.signal });
  const queue = new Queue(name, { connection: parseRedisUrl(REDIS_URL, 'ALLOT_TEST_REDIS_URL').connection });
  try {
    while ((await queue.getWaitingCount()) < 9) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const run = await running;
    assert.equal(run.interrupted, true);
    assert.equal(run.records.length, 0);
    assert.deepEqual(run.failures.map((f) => f.reason), Array(9).fill('aborted'));
    assert.match(notices.join('\n'), new RegExp(`no worker is connected to queue "${name}" .*allot worker --redis \\S+ --queue ${name}`));
    assert.equal(await queue.getWaitingCount(), 0);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
