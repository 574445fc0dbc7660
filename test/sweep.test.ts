/**
 * Sweep runner on the test-only toy-queue kind (test/fixtures): parallel vs
 * in-process equality, resume, failing cells, dying workers, output formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetReadObjects } from 'hyparquet';
import './fixtures/toy-queue-kind.js';
import { runSweep } from '../src/sweep/run-sweep.js';
import { writeSweepOutputs } from '../src/sweep/write-sweep.js';
import type { CellPlan } from '../src/sweep/cells.js';

const TOY = fileURLToPath(new URL('./fixtures/toy-queue-kind.ts', import.meta.url));
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `allot-sweep-${p}-`));
const plan = (extra: Partial<CellPlan> = {}): CellPlan => ({
  kind: 'toy-queue', base: { kind: 'toy-queue', jobs: 120 }, vary: [{ key: 'load', values: [0.5, 1.2] }], policies: ['fifo', 'sjf'], seeds: [1, 2, 3], ...extra,
});

test('2 workers and in-process give byte-identical summaries', async () => {
  const a = tmp('par'), b = tmp('seq');
  const ra = await runSweep({ plan: plan(), outDir: a, workers: 2, modules: [TOY] });
  const rb = await runSweep({ plan: plan(), outDir: b, workers: 0 });
  assert.equal(ra.records.length, 12);
  assert.equal(ra.failures.length, 0);
  assert.equal(rb.records.length, 12);
  writeSweepOutputs(a, plan(), ra);
  writeSweepOutputs(b, plan(), rb);
  for (const f of ['summary.csv', 'tenant-summary.csv', 'runs.csv', 'sweep.json']) assert.equal(readFileSync(join(a, f), 'utf8'), readFileSync(join(b, f), 'utf8'), f);
  // the Parquet file holds the same rows as the CSV
  const buf = readFileSync(join(a, 'summary.parquet'));
  const rows = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
  const csvLines = readFileSync(join(a, 'summary.csv'), 'utf8').trim().split('\n');
  assert.equal(rows.length, csvLines.length - 1);
  const first = csvLines[1].split(',');
  assert.equal(rows[0].policy, first[1]);
  assert.equal(rows[0].metric, first[2]);
  assert.ok(Math.abs((rows[0].mean as number) - Number(first[4])) < 1e-12);
  // 3 seeds → every aggregate has n = 3 and a finite CI
  const summary = JSON.parse(readFileSync(join(a, 'sweep.json'), 'utf8')) as { summary: { n: number; ciLow: number; mean: number; ciHigh: number }[] };
  assert.ok(summary.summary.every((r) => r.n === 3 && r.ciLow <= r.mean && r.mean <= r.ciHigh));
});

test('resume: finished cells in --out are reused, not rerun', async () => {
  const dir = tmp('resume');
  const part = await runSweep({ plan: plan({ seeds: [1, 2] }), outDir: dir, workers: 0 });
  assert.equal(part.ran, 8);
  const before = new Map(readdirSync(join(dir, 'cells')).map((f) => [f, statSync(join(dir, 'cells', f)).mtimeMs]));
  const full = await runSweep({ plan: plan(), outDir: dir, workers: 2, modules: [TOY] });
  assert.equal(full.skipped, 8);
  assert.equal(full.ran, 4);
  assert.equal(full.records.length, 12);
  for (const [f, m] of before) assert.equal(statSync(join(dir, 'cells', f)).mtimeMs, m, `${f} was rewritten`);
  const again = await runSweep({ plan: plan(), outDir: dir, workers: 2, modules: [TOY] });
  assert.equal(again.ran, 0);
  assert.equal(again.skipped, 12);
});

test('a cell that throws is reported with its error and the others finish', async () => {
  const run = await runSweep({ plan: plan({ base: { kind: 'toy-queue', jobs: 50, failSeed: 2 } }), workers: 2, modules: [TOY] });
  assert.equal(run.records.length, 8);
  assert.equal(run.failures.length, 4);
  assert.ok(run.failures.every((f) => f.reason === 'error' && f.attempts === 1 && f.cell.seed === 2 && /injected failure for seed 2/.test(f.error)));
});

test('a worker that dies mid-cell is replaced and the cell retried', async () => {
  process.env.ALLOT_TOY_MARKER_DIR = tmp('marker');
  const run = await runSweep({ plan: plan({ base: { kind: 'toy-queue', jobs: 50, exitSeed: 3 } }), workers: 2, retries: 1, modules: [TOY] });
  assert.equal(run.failures.length, 0, JSON.stringify(run.failures));
  assert.equal(run.records.length, 12);
  const retried = run.records.filter((r) => r.attempts === 2);
  assert.equal(retried.length, 4);
  assert.ok(retried.every((r) => r.cell.seed === 3));
});

test('with no retries left, a dying worker is reported and the others finish', async () => {
  process.env.ALLOT_TOY_MARKER_DIR = tmp('marker0');
  const run = await runSweep({ plan: plan({ base: { kind: 'toy-queue', jobs: 50, exitSeed: 3 } }), workers: 2, retries: 0, modules: [TOY] });
  assert.equal(run.records.length, 8);
  assert.equal(run.failures.length, 4);
  assert.ok(run.failures.every((f) => f.reason === 'worker-exit' && /worker died/.test(f.error)));
});

test('a worker thread terminated from outside: its cell is retried', async () => {
  let killed = false;
  const run = await runSweep({
    plan: plan({ base: { kind: 'toy-queue', jobs: 50, slowMs: 150 } }),
    workers: 2,
    modules: [TOY],
    onPool: (pool) => {
      const timer = setInterval(() => {
        // kill a busy thread once both are up and the first cells have started
        if (pool.threads.length > 0 && pool.completed >= 1 && !killed) {
          killed = true;
          clearInterval(timer);
          void pool.threads[0].terminate();
        }
      }, 20);
    },
  });
  assert.ok(killed);
  assert.equal(run.failures.length, 0, JSON.stringify(run.failures));
  assert.equal(run.records.length, 12);
  assert.ok(run.records.some((r) => r.attempts === 2), 'one cell should have needed a second attempt');
});

test('aborting stops the sweep and keeps finished cells', async () => {
  const dir = tmp('abort');
  const ac = new AbortController();
  const run = await runSweep({
    plan: plan({ base: { kind: 'toy-queue', jobs: 50, slowMs: 100 } }), outDir: dir, workers: 2, modules: [TOY], signal: ac.signal,
    onProgress: (p) => { if (p.done >= 3) ac.abort(); },
  });
  assert.ok(run.interrupted);
  assert.ok(run.records.length >= 3 && run.records.length < 12, String(run.records.length));
  assert.equal(readdirSync(join(dir, 'cells')).filter((f) => f.endsWith('.json')).length, run.records.length);
  const resumed = await runSweep({ plan: plan({ base: { kind: 'toy-queue', jobs: 50, slowMs: 100 } }), outDir: dir, workers: 2, modules: [TOY] });
  assert.equal(resumed.skipped, run.records.length);
  assert.equal(resumed.records.length, 12);
});

test('a cell over the time limit is stopped and reported as a timeout', async () => {
  const run = await runSweep({ plan: plan({ base: { kind: 'toy-queue', jobs: 50, slowMs: 4000 }, vary: [], policies: ['fifo'], seeds: [1] }), workers: 1, modules: [TOY], cellTimeoutSeconds: 1.5 });
  assert.equal(run.records.length, 0);
  assert.equal(run.failures.length, 1);
  assert.equal(run.failures[0].reason, 'timeout');
  assert.match(run.failures[0].error, /no result within 1.5 s/);
});
