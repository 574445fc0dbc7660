/**
 * `allot run --workers`: the policies of one run on the worker pool give the
 * same output, byte for byte, as the serial run (`--workers 1`), for GPU and
 * hybrid training workloads and the inference-allocation, realtime,
 * dice-original and dag kinds; progress reaches the end; the column packing
 * round-trips exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runCliInProcess } from './cli-helpers.js';
import { packRecords, packRows, unpackRecords, unpackRows } from '../src/sweep/columns.js';
import { prepareScenario } from '../src/scenarios/run-scenario.js';
import { parallelWorkers, runPolicyParts } from '../src/sweep/run-parts.js';
import { Rng } from '../src/sim/rng.js';

/** A Philly-format CSV of `n` jobs (seeded), 3 virtual clusters. */
function phillyCsv(n: number): string {
  const rng = Rng.stream(7, 'test/run-workers');
  const lines = ['timestamp,duration,num_gpus,gpu_time,cluster'];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2017, 9, 1) + Math.floor(rng.next() * 6 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ');
    const d = 60 + Math.floor(rng.next() * 20000);
    const g = [1, 1, 1, 2, 4, 8][rng.int(6)];
    lines.push(`${t},${d},${g},${d * g},vc${rng.int(3)}`);
  }
  return lines.join('\n') + '\n';
}

const dir = mkdtempSync(join(tmpdir(), 'allot-run-workers-'));
const trace = join(dir, 'philly-small.csv');
writeFileSync(trace, phillyCsv(400));

function files(d: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(d, { recursive: true }) as string[]) {
    if (f.endsWith('.json') || f.endsWith('.csv')) out[f] = readFileSync(join(d, f), 'utf8');
  }
  return out;
}

test('a training run on 2 worker threads prints and writes exactly what the serial run does', async () => {
  const policies = 'fifo,srtf,fifo+tune';
  const outs: Record<string, string>[] = [];
  const stdout: string[] = [];
  for (const w of ['1', '2']) {
    const out = join(dir, `out-${w}`);
    const r = await runCliInProcess(['run', '--trace', trace, '--cluster', 'synergy', '--policies', policies, '--workers', w, '--json', '--quiet', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    stdout.push(r.stdout);
    outs.push(files(out));
  }
  assert.equal(stdout[1], stdout[0]);
  assert.deepEqual(JSON.parse(stdout[0]).policies.map((p: { name: string }) => p.name), policies.split(','));
  assert.ok(Object.keys(outs[0]).includes('jobs.csv'), Object.keys(outs[0]).join(', '));
  assert.deepEqual(outs[1], outs[0]);
});

test('a hybrid (AlloX) run on the pool equals the serial run', async () => {
  const scenario = join(dir, 'hybrid.yaml');
  writeFileSync(scenario, 'kind: training\nworkload: {type: allox-synthetic, users: 3, jobsPerUser: 8}\ncluster: allox\npolicies: [drff, srpt, es]\n');
  const [a, b] = [await runCliInProcess(['run', '--scenario', scenario, '--workers', '1', '--json', '--quiet']), await runCliInProcess(['run', '--scenario', scenario, '--workers', '2', '--json', '--quiet'])];
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(b.stdout, a.stdout);
});

test('an inference-allocation run (the default kind) on the pool writes exactly what the serial run does; the default run uses the pool', async () => {
  const outs: Record<string, string>[] = [];
  const stdout: string[] = [];
  for (const w of ['1', '2']) {
    const out = join(dir, `inference-${w}`);
    const r = await runCliInProcess(['run', '--rounds', '3', '--policies', 'l-dice,s-dice,m-dice,static-share', '--workers', w, '--json', '--quiet', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    stdout.push(r.stdout);
    outs.push(files(out));
  }
  assert.equal(stdout[1], stdout[0]);
  assert.ok(Object.keys(outs[0]).includes('requests.csv'), Object.keys(outs[0]).join(', '));
  assert.deepEqual(outs[1], outs[0]);
  const { kind, prepared } = await prepareScenario({ kind: 'inference-allocation' });
  assert.equal(parallelWorkers(kind, prepared, undefined, 2), 2, `the default run (estimate ${prepared.estimate.seconds} s) goes to the pool on 2 cores`);
});

test('realtime, dice-original and dag runs on the pool print and write exactly what the serial runs do', async () => {
  const cases: [string, string[]][] = [
    ['realtime', ['run', '--scenario', 'builtin:realtime', '--set', 'durationSeconds=0.3', '--policies', 'edf,fcfs,slo-edf']],
    ['dice-original', ['run', '--scenario', 'builtin:dice-original', '--set', 'rounds=20']],
    ['dag', ['run', '--scenario', 'builtin:dag', '--set', 'services=2', '--policies', 'heft,cpop,peft']],
  ];
  for (const [name, argv] of cases) {
    const got: { stdout: string; files: Record<string, string> }[] = [];
    for (const w of ['1', '2']) {
      const out = join(dir, `${name}-${w}`);
      const r = await runCliInProcess([...argv, '--workers', w, '--json', '--quiet', '--out', out]);
      assert.equal(r.code, 0, `${name}: ${r.stderr}`);
      got.push({ stdout: r.stdout, files: files(out) });
    }
    assert.ok(JSON.parse(got[0].stdout).policies.length >= 3, name);
    assert.equal(got[1].stdout, got[0].stdout, name);
    assert.deepEqual(got[1].files, got[0].files, name);
  }
});

test('the pool reports progress up to the end; auto uses it only from ~1 s of estimated work', async () => {
  const { kind, prepared } = await prepareScenario({ kind: 'training', trace, cluster: 'synergy', policies: ['fifo', 'srtf'] });
  assert.equal(parallelWorkers(kind, prepared, undefined, 2), 0, 'auto: 400 jobs × 2 policies is far below 1 s');
  assert.equal(parallelWorkers(kind, prepared, 1), 0);
  assert.equal(parallelWorkers(kind, prepared, 4), 2, 'never more threads than policies');
  const reports: [number, number][] = [];
  const out = await runPolicyParts(kind, prepared, 2, (done, total) => reports.push([done, total]));
  assert.deepEqual(out.results.policies.map((p) => p.name), ['fifo', 'srtf']);
  assert.deepEqual(reports.at(-1), [2, 2]);
  for (const [d, t] of reports) assert.ok(d >= 0 && d <= t && t === 2);
});

test('column packing round-trips records and rows exactly (−0, NaN, null, undefined, shared objects)', () => {
  const value = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom({ v100: 1, k80: 0.5 }));
  fc.assert(
    fc.property(fc.array(fc.record({ a: value, b: fc.double(), c: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['b'] })), (records) => {
      const back = unpackRecords(structuredClone(packRecords(records)));
      const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
      assert.deepEqual(back.map((r) => strip(r)), records.map((r) => strip(r)));
      for (let i = 0; i < records.length; i++) if (typeof records[i].a === 'number') assert.ok(Object.is(back[i].a, records[i].a));
    }),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(value, fc.double(), fc.string())), (rows) => {
      const back = unpackRows(structuredClone(packRows(rows)));
      assert.equal(back.length, rows.length);
      for (let i = 0; i < rows.length; i++) for (let k = 0; k < 3; k++) assert.ok(Object.is(back[i][k], rows[i][k]) || (typeof rows[i][k] === 'object' && JSON.stringify(back[i][k]) === JSON.stringify(rows[i][k])), `${i},${k}`);
    }),
  );
  assert.throws(() => packRows([[1, 2], [3]]), RangeError);
});
