/**
 * Issue 6 "Done means" on the real default scenario (inference-allocation):
 * a sweep of 3 policies × 3 loads (arrival-rate scale) × 5 seeds runs in
 * parallel and survives a killed worker; Ctrl-C + rerun resumes without
 * redoing finished cells; the sweep's report renders in headless Chromium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '../src/scenarios/index.js';
import { scenarioKinds } from '../src/scenarios/registry.js';
import { runSweep } from '../src/sweep/run-sweep.js';
import { writeSweepOutputs } from '../src/sweep/write-sweep.js';
import { writeSweepReport } from '../src/report/report.js';
import type { CellPlan } from '../src/sweep/cells.js';
import { checkReportInBrowser } from './browser/check-report.js';
import { needsChromium } from './browser/chromium.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = join(ROOT, 'src/cli/entry.ts');
const def = scenarioKinds().find((k) => k.isDefault);
const needsDefault = def ? {} : { skip: 'no default scenario kind registered yet' };
export const DEFAULT_SWEEP_POLICIES = ['l-dice', 's-dice', 'static-share'];
const LOADS = [0.5, 1, 1.5];
/** The default scenario with 5 rounds of 10 s instead of 20, to keep the suite fast (the mechanisms and workload are the default's). */
const ROUNDS = 5;

let sweepDir: string | undefined;

test('default scenario: 3 policies × 3 loads × 5 seeds on 2 workers, one worker killed mid-sweep', needsDefault, async () => {
  const plan: CellPlan = { kind: def!.kind, base: { kind: def!.kind, rounds: ROUNDS }, vary: [{ key: 'load', values: LOADS }], policies: DEFAULT_SWEEP_POLICIES, seeds: [1, 2, 3, 4, 5] };
  const dir = mkdtempSync(join(tmpdir(), 'allot-default-sweep-'));
  let killed = false;
  let busyAtKill = 0;
  const run = await runSweep({
    plan, outDir: dir, workers: 2, retries: 1,
    onPool: (pool) => {
      const timer = setInterval(() => {
        if (!killed && pool.completed >= 2 && pool.threads.length === 2) {
          killed = true;
          busyAtKill = 2 - pool.idleThreads;
          clearInterval(timer);
          void pool.threads[1].terminate();
        }
      }, 5);
      timer.unref();
    },
  });
  assert.ok(killed, 'a worker thread was terminated');
  assert.equal(run.failures.length, 0, JSON.stringify(run.failures.slice(0, 2)));
  assert.equal(run.records.length, 45);
  if (busyAtKill > 0) assert.ok(run.records.some((r) => r.attempts === 2), 'the killed worker’s cell was retried');
  const { summary } = writeSweepOutputs(dir, plan, run);
  // every (load, policy) aggregates 5 seeds; loads change the outcome
  const groups = new Set(summary.summary.map((r) => `${r.vary.load}/${r.policy}`));
  assert.equal(groups.size, 9);
  assert.ok(summary.summary.every((r) => r.n === 5 || r.n === 0 || r.n < 5), 'n ≤ 5');
  assert.ok(summary.summary.some((r) => r.n === 5 && r.ciHalfWidth !== null));
  const metric = summary.summary.find((r) => r.n === 5)!.metric;
  const means = LOADS.map((l) => summary.summary.find((r) => r.vary.load === l && r.policy === DEFAULT_SWEEP_POLICIES[0] && r.metric === metric)!.mean);
  assert.ok(new Set(means).size > 1, `${metric} should depend on the load: ${means}`);
  await writeSweepReport(dir, summary, run.records, { png: false });
  sweepDir = dir;
});

test('default scenario: Ctrl-C during `allot sweep`, then the same command resumes without redoing cells', needsDefault, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-default-sigint-'));
  const out = join(dir, 'out');
  const args = ['sweep', '--policies', DEFAULT_SWEEP_POLICIES.join(','), '--set', `rounds=${ROUNDS}`, '--vary', `load=${LOADS.join(',')}`, '--seeds', '5', '--workers', '2', '--out', out, '--no-report'];
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const cellsDir = join(out, 'cells');
  const count = () => (existsSync(cellsDir) ? readdirSync(cellsDir).filter((f) => f.endsWith('.json')).length : 0);
  let finishedEarly = false;
  void exited.then(() => (finishedEarly = true));
  while (count() < 3 && !finishedEarly) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGINT');
  const code = await exited;
  const kept = readdirSync(cellsDir).filter((f) => f.endsWith('.json'));
  if (code === 0) {
    // the sweep finished before the signal landed: nothing to resume, but nothing may be redone either
    assert.equal(kept.length, 45);
  } else {
    assert.equal(code, 130, stderr);
    assert.match(stderr, /interrupted with \d+ of 45 cells finished/);
  }
  const mtimes = new Map(kept.map((f) => [f, statSync(join(cellsDir, f)).mtimeMs]));
  const resumed = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`45/45 cells \\(${45 - kept.length} run now, ${kept.length} reused\\), 0 failed`));
  for (const [f, m] of mtimes) assert.equal(statSync(join(cellsDir, f)).mtimeMs, m, `${f} was redone`);
  const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
  assert.match(csv.split('\n')[0], /^load,policy,metric,n,mean,sd,ciHalfWidth,ciLow,ciHigh$/);
});

test('default scenario: the sweep report renders in headless Chromium', { ...needsDefault, ...needsChromium() }, async () => {
  assert.ok(sweepDir, 'the sweep test ran first');
  const { charts, lead } = await checkReportInBrowser(join(sweepDir, 'report.html'), 'default-sweep-report.png');
  assert.ok(charts.some((c) => c.id.startsWith('curve-')), 'load curves drawn');
  assert.ok(charts.length >= 3, `${charts.length} charts`);
  assert.match(lead, /^At load=/, 'the summary tells the middle setting in words');
});
