/**
 * `allot sweep` and `allot report` end to end (in-process CLI; Ctrl-C on a
 * spawned process) on the test-only toy-queue kind: outputs, Ctrl-C +
 * resume, bad input → exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCliInProcess } from './cli-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOY = fileURLToPath(new URL('./fixtures/toy-queue-kind.ts', import.meta.url));
const ENTRY = join(ROOT, 'src/cli/entry.ts');

/** `allot <args>` in-process. */
async function allot(args: string[]) {
  const r = await runCliInProcess(args);
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

function scenario(dir: string, extra = ''): string {
  const p = join(dir, 'toy.yaml');
  writeFileSync(p, `kind: toy-queue\njobs: 80\n${extra}`);
  return p;
}

test('allot sweep writes summaries (CSV, JSON, Parquet), cells and a report; allot report redraws it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-cli-sweep-'));
  const out = join(dir, 'out');
  const r = await allot(['sweep', '--scenario', scenario(dir), '--import', TOY, '--policies', 'fifo,sjf', '--vary', 'load=0.5,1,1.5', '--seeds', '3', '--workers', '2', '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /18\/18 cells \(18 run now, 0 reused\), 0 failed/);
  assert.match(r.stdout, /mean JCT/);
  assert.match(r.stdout, /±/);
  for (const f of ['sweep.json', 'summary.csv', 'summary.parquet', 'tenant-summary.csv', 'tenant-summary.parquet', 'runs.csv', 'runs.parquet', 'report.html', 'figures/curve-avgJctSeconds.svg', 'figures/curve-avgJctSeconds.png', 'figures/run-gantt-fifo.svg', 'figures/run-gantt-sjf.svg']) {
    assert.ok(existsSync(join(out, f)), f);
  }
  assert.equal(readdirSync(join(out, 'cells')).length, 18);
  const summary = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
  assert.equal(summary.type, 'sweep');
  assert.equal(summary.inputs[0].sha256.length, 64);
  assert.deepEqual(summary.vary, [{ key: 'load', values: [0.5, 1, 1.5] }]);
  const html0 = readFileSync(join(out, 'report.html'), 'utf8');
  const rep = await allot(['report', out]);
  assert.equal(rep.status, 0, rep.stderr);
  assert.equal(readFileSync(join(out, 'report.html'), 'utf8'), html0, 'report is deterministic');
  // rerun: everything reused
  const again = await allot(['sweep', '--scenario', scenario(dir), '--import', TOY, '--policies', 'fifo,sjf', '--vary', 'load=0.5,1,1.5', '--seeds', '3', '--workers', '2', '--out', out, '--quiet', '--no-report']);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /18\/18 cells \(0 run now, 18 reused\)/);
});

test('Ctrl-C stops the sweep with exit 130; the same command resumes without redoing finished cells', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-cli-sigint-'));
  const out = join(dir, 'out');
  const args = ['sweep', '--scenario', scenario(dir, 'slowMs: 250\n'), '--import', TOY, '--policies', 'fifo,sjf,lottery', '--vary', 'load=0.5,1', '--seeds', '4', '--workers', '2', '--out', out, '--no-report'];
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const cellsDir = join(out, 'cells');
  const count = () => (existsSync(cellsDir) ? readdirSync(cellsDir).filter((f) => f.endsWith('.json')).length : 0);
  const deadline = Date.now() + 60_000;
  while (count() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupted with \d+ of 24 cells finished; run the same command again to resume/);
  const kept = readdirSync(cellsDir).filter((f) => f.endsWith('.json'));
  assert.ok(kept.length >= 3 && kept.length < 24, `${kept.length} cells kept`);
  assert.ok(!readdirSync(cellsDir).some((f) => f.endsWith('.tmp')), 'no torn cell files');
  const mtimes = new Map(kept.map((f) => [f, statSync(join(cellsDir, f)).mtimeMs]));
  const resumed = await allot(args);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`24/24 cells \\(${24 - kept.length} run now, ${kept.length} reused\\)`));
  for (const [f, m] of mtimes) assert.equal(statSync(join(cellsDir, f)).mtimeMs, m, `${f} was redone`);
});

test('a failing cell is reported on stderr, the sweep finishes the rest and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-cli-fail-'));
  const r = await allot(['sweep', '--scenario', scenario(dir, 'failSeed: 2\n'), '--import', TOY, '--policies', 'fifo', '--seeds', '3', '--workers', '0', '--out', join(dir, 'out'), '--quiet']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /2\/3 cells/);
  assert.match(r.stderr, /1 cell\(s\) failed:\n {2}policy=fifo seed=2: injected failure for seed 2/);
  assert.match(readFileSync(join(dir, 'out', 'failures.csv'), 'utf8'), /injected failure/);
  assert.match(readFileSync(join(dir, 'out', 'report.html'), 'utf8'), /Failed cells \(1\)/);
});

test('bad sweep input exits 2 with a message naming the option or file (in-process CLI)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-cli-bad-'));
  const cases: [string[], RegExp][] = [
    [['sweep', '--scenario', scenario(dir), '--import', TOY, '--policies', 'fifo', '--vary', 'load'], /--vary: expected key=v1,v2/],
    [['sweep', '--scenario', scenario(dir), '--import', TOY, '--policies', 'fifo', '--seeds', '0'], /--seeds: expected a whole number ≥ 1/],
    [['sweep', '--scenario', scenario(dir), '--import', TOY, '--policies', 'fifo,fifo'], /--policies: repeated policy/],
    [['sweep', '--scenario', scenario(dir), '--import', TOY], /--policies: which policies\? pass --policies/],
    [['sweep', '--scenario', join(dir, 'missing.yaml'), '--policies', 'fifo'], /missing\.yaml: scenario file not found/],
    [['sweep', '--import', './no-such-plugin.ts', '--policies', 'fifo'], /--import: .*no-such-plugin\.ts: cannot import module/],
    [['report', join(dir, 'nothing-here')], /nothing-here: directory not found/],
    [['report', dir], /expected a run directory \(results\.json\) or a sweep directory \(sweep\.json\)/],
  ];
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'kind: no-such-kind\n');
  cases.push([['sweep', '--scenario', bad, '--policies', 'fifo'], /bad\.yaml: kind: unknown kind "no-such-kind"/]);
  for (const [args, re] of cases) {
    const { code, stderr } = await runCliInProcess(args);
    assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
    assert.match(stderr, re);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  }
});
