/**
 * The package as a user installs it: `npm pack` (of the built dist/), the
 * tarball installed into a scratch project outside the repository, and the
 * installed `allot` run on `builtin:realtime` with no data directory. The
 * committed deep-RL policy ships in the tarball, so `drl` is in the results;
 * with that file removed, the run says on stderr and in `parameters.drlOmitted`
 * why drl is left out. Skips with a printed reason when dist/ is stale or npm
 * cannot pack or install (offline without a warm npm cache).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distIsFresh, ROOT } from './dist-freshness.js';

const fresh = distIsFresh(join('cli', 'entry.js'));

test('npm pack → install into a scratch project → allot run --scenario builtin:realtime includes drl with no data files', { timeout: 600_000 }, (t) => {
  if (!fresh) return t.skip('dist/ is missing or older than src/: run `npm run build` (npm ci does it)');
  const dir = mkdtempSync(join(tmpdir(), 'allot-tarball-'));
  const npm = (args: string[], cwd: string) => spawnSync('npm', args, { cwd, encoding: 'utf8', timeout: 480_000, env: { ...process.env, NO_COLOR: '1', npm_config_loglevel: 'error' } });
  const pack = npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT);
  if (pack.status !== 0) return t.skip(`npm pack failed: ${(pack.stderr || String(pack.error)).trim().split('\n').pop()}`);
  const tarball = join(dir, pack.stdout.trim().split('\n').pop()!);
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  const install = npm(['install', tarball, '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
  if (install.status !== 0) return t.skip(`npm install of the tarball failed (offline?): ${(install.stderr || String(install.error)).trim().split('\n').pop()}`);
  const noData = join(dir, 'no-data');
  mkdirSync(noData);
  const installed = join(project, 'node_modules', 'allot');
  const allot = (...args: string[]) =>
    spawnSync(process.execPath, [join(installed, 'bin', 'allot.js'), ...args], { cwd: project, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ALLOT_DATA_DIR: noData, NO_COLOR: '1' } });

  const r = allot('run', '--scenario', 'builtin:realtime', '--duration-seconds', '0.5', '--json');
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.policies.map((p: { name: string }) => p.name), ['fcfs', 'edf', 'sjf', 'least-slack', 'prema', 'herald', 'slo-edf', 'drl']);
  assert.equal(res.parameters.models, 'AlexNet GoogLeNet ResNet-50 VGG-16 MobileNetV2');
  assert.match(res.parameters.rlPolicy, /committed policy/);
  assert.equal(res.parameters.drlOmitted, undefined);
  assert.doesNotMatch(r.stderr, /warning/);

  // Without the shipped policy, the default list still runs, and says why drl is missing.
  rmSync(join(installed, 'dist', 'realtime', 'drl', 'trained', 'default', 'policy.json'));
  const w = allot('run', '--scenario', 'builtin:realtime', '--duration-seconds', '0.2', '--json');
  assert.equal(w.status, 0, w.stderr);
  const wres = JSON.parse(w.stdout);
  assert.ok(!wres.policies.some((p: { name: string }) => p.name.startsWith('drl')));
  assert.match(w.stderr, /warning: drl left out of the default policies: the committed policy is missing/);
  assert.match(wres.parameters.drlOmitted, /committed policy is missing/);
  rmSync(dir, { recursive: true, force: true });
});
