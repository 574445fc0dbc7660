/** Old flags and field names still work, each with a warning on stderr naming the new one; results are unchanged. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-deprecated-'));

test('old flags are aliases with a warning, and give the same results as the new ones', async () => {
  const old = await runCliInProcess(['run', '--mix', 'vision', '--round-length', '5', '--rounds', '2', '--policies', 'l-dice', '--json']);
  assert.equal(old.code, 0, old.stderr);
  assert.match(old.stderr, /^allot: warning: --mix is deprecated; use --app-mix$/m);
  assert.match(old.stderr, /^allot: warning: --round-length is deprecated; use --round-length-seconds$/m);
  const now = await runCliInProcess(['run', '--app-mix', 'vision', '--round-length-seconds', '5', '--rounds', '2', '--policies', 'l-dice', '--json']);
  assert.equal(now.stderr, '');
  assert.equal(old.stdout, now.stdout);
});

test('old scenario fields are renamed with a warning naming the file', async () => {
  const f = join(dir, 'old.yaml');
  writeFileSync(f, 'kind: inference-allocation\nrounds: 2\nmechanisms: [l-dice, m-dice]\n');
  const r = await runCliInProcess(['run', '--scenario', f, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /old\.yaml: field "mechanisms" is deprecated; use "policies"/);
  assert.deepEqual(JSON.parse(r.stdout).policies.map((p: { name: string }) => p.name), ['l-dice', 'm-dice']);
  const both = join(dir, 'both.yaml');
  writeFileSync(both, 'kind: inference-allocation\nmechanisms: [l-dice]\npolicies: [m-dice]\n');
  const b = await runCliInProcess(['run', '--scenario', both]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /both\.yaml: mechanisms: both "mechanisms" \(its old name\) and "policies" are set; keep only "policies"/);
  const dag = join(dir, 'dag.yaml');
  writeFileSync(dag, 'kind: dag\nservices: 1\nhelpers: 0\nmodels: [MobileNetV2]\npartitionings: [layer-wise]\nalgorithms: [heft]\n');
  const d = await runCliInProcess(['run', '--scenario', dag, '--json']);
  assert.equal(d.code, 0, d.stderr);
  assert.match(d.stderr, /field "algorithms" is deprecated; use "policies"/);
  assert.deepEqual(JSON.parse(d.stdout).policies.map((p: { name: string }) => p.name), ['heft/layer-wise']);
});

test('training: --first-fit and placement: false still work, with warnings', async () => {
  const csv = join(dir, 'jobs.csv');
  writeFileSync(csv, 'id,tenant,arrival_s,gpus,work_s\n' + Array.from({ length: 12 }, (_, i) => `j${i},t${i % 2},${i * 60},1,${600 + 60 * i}`).join('\n') + '\n');
  const r = await runCliInProcess(['run', '--trace', csv, '--first-fit', '--policies', 'fifo', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /--first-fit is deprecated; use --placement first-fit/);
  assert.equal(JSON.parse(r.stdout).parameters.placement, 'first-fit');
  const f = join(dir, 't.yaml');
  writeFileSync(f, `kind: training\ntrace: ${csv}\nplacement: false\npolicies: [fifo]\n`);
  const s = await runCliInProcess(['run', '--scenario', f, '--json']);
  assert.equal(s.code, 0, s.stderr);
  assert.match(s.stderr, /"placement: false" is deprecated; write "placement: first-fit"/);
  assert.equal(JSON.parse(s.stdout).parameters.placement, 'first-fit');
});
