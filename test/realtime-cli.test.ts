import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from './cli-helpers.js';

/** `allot <args>` in-process (the CLI's code path without a process spawn). */
function allot(...args: string[]) {
  return runCliInProcess(args);
}

test('allot run --scenario builtin:realtime compares every scheduler with per-tenant rows (real zoo models, no data file needed)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-rt-'));
  const r = await allot('run', '--scenario', 'builtin:realtime', '--duration-seconds', '0.5', '--seed', '3', '--json', '--out', dir);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.equal(res.kind, 'realtime');
  assert.deepEqual(res.policies.map((p: { name: string }) => p.name), ['fcfs', 'edf', 'sjf', 'least-slack', 'prema', 'herald', 'slo-edf', 'drl']);
  assert.match(res.parameters.rlPolicy, /committed policy/);
  for (const p of res.policies) {
    assert.equal(p.tenants.length, 9);
    assert.ok(p.deadlineHitRate >= 0 && p.deadlineHitRate <= 1);
    assert.ok(p.jainIndex > 0 && p.jainIndex <= 1);
  }
  assert.match(res.parameters.models, /ResNet-50/);
  const csv = readFileSync(join(dir, 'requests.csv'), 'utf8').split('\n');
  assert.equal(csv[0], 'policy,request,tenant,model,arrivalSeconds,deadlineSeconds,startSeconds,endSeconds,outcome,layersRun,energyJoules');
  assert.equal(csv.filter((l) => l.startsWith('edf,')).length, res.parameters.requests);
  // Same seed → byte-identical results.
  const again = await allot('run', '--scenario', 'builtin:realtime', '--duration-seconds', '0.5', '--seed', '3', '--json');
  assert.equal(again.stdout, r.stdout);
});

test('a realtime scenario file with a custom system, profile table and trace; train a tiny policy and run it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-rt-file-'));
  const rows = ['model,layer,subAccelerator,latencySeconds,bandwidthGBps'];
  for (const [m, cs] of [['a', [[0.004, 0.006], [0.003, 0.002]]], ['b', [[0.002, 0.001], [0.006, 0.009]]]] as const)
    cs.forEach((c, i) => c.forEach((v, s) => rows.push(`${m},l${i},${['x', 'y'][s]},${v},5`)));
  writeFileSync(join(dir, 'profiles.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'trace.csv'), 'arrivalSeconds,tenant,model\n0,gold,a\n0.001,bronze,b\n0.002,gold,a\n0.003,bronze,b\n');
  const yaml = (extra: string) => `kind: realtime
name: tiny
durationSeconds: 0.3
deadlineMultiplier: 3
system:
  bandwidthGBps: 8
  subAccelerators:
    - { id: x, dataflow: nvdla, peRows: 8, peCols: 8 }
    - { id: y, dataflow: shidiannao, peRows: 8, peCols: 8 }
profiles: profiles.csv
tenants:
  - { id: gold, services: [{ model: a, rateRps: 100, sloTarget: 0.99 }] }
  - { id: bronze, services: [{ model: b, rateRps: 100, sloTarget: 0.9 }] }
${extra}`;
  writeFileSync(join(dir, 'tiny.yaml'), yaml(''));
  writeFileSync(join(dir, 'trace.yaml'), yaml('trace: trace.csv\n'));
  const t = await allot('train', '--scenario', join(dir, 'tiny.yaml'), '--seed', '2', '--out', join(dir, 'model'), '--iterations', '3', '--imitation', '1', '--episode-seconds', '0.3', '--quiet');
  assert.equal(t.code, 0, t.stderr);
  assert.ok(existsSync(join(dir, 'model', 'policy.json')));
  assert.equal(readFileSync(join(dir, 'model', 'training-curve.csv'), 'utf8').trim().split('\n').length, 4);
  const r = await allot('run', '--scenario', join(dir, 'tiny.yaml'), '--rl-model', join(dir, 'model'), '--json');
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.policies.map((p: { name: string }) => p.name).slice(-1), ['drl']);
  const tr = await allot('run', '--scenario', join(dir, 'trace.yaml'), '--policies', 'edf,prema', '--json');
  assert.equal(tr.code, 0, tr.stderr);
  assert.equal(JSON.parse(tr.stdout).parameters.requests, 4);
});

test('bad realtime input exits 2 with a message naming the file and field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-rt-bad-'));
  const f = join(dir, 'bad.yaml');
  writeFileSync(f, 'kind: realtime\ntenants:\n  - id: a\n    services: [{ model: ResNet-50, rateRps: 5, sloTarget: 1.5 }]\n');
  const r = await allot('run', '--scenario', f);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml/);
  assert.match(r.stderr, /tenants\[0\]\.services\[0\]\.sloTarget/);
  writeFileSync(f, 'kind: realtime\ntenants:\n  - id: a\n    services: [{ model: NoSuchNet, rateRps: 5, sloTarget: 0.9 }]\n');
  const u = await allot('run', '--scenario', f);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /NoSuchNet/);
  const plain = join(dir, 'plain.yaml');
  writeFileSync(plain, 'kind: realtime\ndurationSeconds: 0.1\n');
  const d = await allot('run', '--scenario', plain, '--duration-seconds', '0.05', '--json');
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stderr, /warning: drl left out of the default policies: the committed policy was trained on builtin:realtime/);
  assert.match(JSON.parse(d.stdout).parameters.drlOmitted, /--rl-model DIR/);
  const p = await allot('run', '--scenario', plain, '--policies', 'drl');
  assert.equal(p.code, 2);
  assert.match(p.stderr, /--rl-model/);
  const m = await allot('run', '--scenario', 'builtin:realtime', '--rl-model', join(dir, 'nope'));
  assert.equal(m.code, 2);
  assert.match(m.stderr, /policy\.json/);
});
