/** Level 1 end to end: the default scenario, trace replay on the real Azure + MLPerf files, hand-worked serving, bad inputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFile, needsData } from '../src/data/data-dir.js';
import { deriveMlperfThroughputs } from '../src/data/mlperf.js';
import { MLPERF_V41_THROUGHPUT } from '../src/workload/inference/mlperf-figures.js';
import { runScenario } from '../src/index.js';
import { runCliInProcess, runCliProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-inference-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('embedded MLPerf figures equal the table derived from the real MLPerf v4.1 file', needsData('mlperf/summary_results_v4.1.json'), () => {
  const path = dataFile('mlperf/summary_results_v4.1.json')!;
  const t = deriveMlperfThroughputs(JSON.parse(readFileSync(path, 'utf8')), path);
  for (const [model, row] of Object.entries(MLPERF_V41_THROUGHPUT)) assert.deepEqual(t.throughput[model], row, model);
  assert.equal(t.units['llama2-70b-99'], 'Tokens/s');
  assert.equal(t.units.resnet, 'Samples/s');
});

test('MLPerf reader: a malformed row is an error naming the row and field', () => {
  assert.throws(() => deriveMlperfThroughputs([{ Category: 'closed', Scenario: 'Offline', Model: 'resnet', Accelerator: 'NVIDIA L4', 'a#': 1, Nodes: 1, Performance_Result: 'fast', Performance_Units: 'Samples/s' }], 'm.json'), /m\.json: \[0\]\.Performance_Result/);
});

test('allot run (child process) on the real Azure conv trace + embedded MLPerf figures: every request accounted for, per-tenant rows, provenance', needsData('azure-llm/AzureLLMInferenceTrace_conv.csv'), () => {
  const trace = dataFile('azure-llm/AzureLLMInferenceTrace_conv.csv')!;
  const r = runCliProcess(['run', '--trace', trace, '--app-mix', 'llm-serving', '--load', '10', '--policies', 'm-dice,s-dice,l-dice,static-share', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.kind, 'inference-allocation');
  assert.ok(out.inputs.some((i: { path: string; sha256: string }) => i.path === trace && /^[0-9a-f]{64}$/.test(i.sha256)));
  const rows = readFileSync(trace, 'utf8').trim().split('\n').length - 1;
  assert.equal(out.policies.length, 4);
  for (const p of out.policies) {
    assert.equal(p.requestsArrived, rows, `${p.name}: every trace request is replayed`);
    assert.ok(p.deadlineHitRate >= 0 && p.deadlineHitRate <= 1);
    assert.ok(p.utilization > 0 && p.utilization <= 1);
    assert.equal(p.tenants.length, 6);
    const sum = p.tenants.reduce((a: number, t: { requestsArrived: number }) => a + t.requestsArrived, 0);
    assert.equal(sum, rows);
    for (const t of p.tenants) assert.ok(t.requestsServed <= t.requestsArrived && t.requestsDropped <= t.requestsArrived);
  }
});

test('serving is FIFO on held nodes with deadlines: a hand-worked three-request trace', async () => {
  const trace = write('three.csv', 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:00.0000000,10,100\n2023-11-16 18:00:00.5000000,10,100\n2023-11-16 18:00:00.6000000,10,100\n');
  const out = await runScenario(
    { kind: 'inference-allocation', tenants: [{ id: 'a', tokens: 1, model: 'llama2-70b-99' }], cluster: [{ type: 'H100', count: 1 }], throughput: { 'llama2-70b-99': { H100: 100 } }, load: 1, trace, policies: ['s-dice'] },
    { seed: 1 },
  );
  const req = out.artifacts.tables.find((t) => t.name === 'requests')!;
  const col = (name: string) => req.rows.map((r) => r[req.columns.indexOf(name)]);
  // 100 tokens at 100 tokens/s = 1 s each; SLO 2 s: finishes 1, 2, 3 → latencies 1, 1.5, 2.4 → hit, hit, late.
  assert.deepEqual(col('startSeconds'), [0, 1, 2]);
  assert.deepEqual(col('finishSeconds'), [1, 2, 3]);
  assert.deepEqual(col('outcome'), ['hit', 'hit', 'late']);
  const p = out.results.policies[0];
  assert.ok(Math.abs((p.deadlineHitRate as number) - 2 / 3) < 1e-12);
});

test('default scenario: deterministic per seed, conservation holds, seeds differ', async () => {
  const config = { kind: 'inference-allocation', rounds: 4 } as const;
  const a = await runScenario(config, { seed: 5 });
  const b = await runScenario(config, { seed: 5 });
  const c = await runScenario({ ...config, policies: ['s-dice'] }, { seed: 6 });
  const nodes = 16;
  assert.ok(JSON.stringify(a.results) === JSON.stringify(b.results), 'same seed must give byte-identical results');
  assert.notEqual(a.results.policies[1].requestsArrived, c.results.policies[0].requestsArrived);
  assert.equal(a.results.policies.length, 10); // the eight mechanisms, ss and tant
  for (const p of a.results.policies) {
    for (const t of p.tenants) {
      assert.ok((t.requestsServed as number) + (t.requestsDropped as number) <= (t.requestsArrived as number));
      assert.ok((t.meanNodes as number) <= nodes);
    }
    const held = p.tenants.reduce((x, t) => x + (t.meanNodes as number), 0);
    assert.ok(held <= nodes + 1e-9, `${p.name}: ${held} nodes held on average > ${nodes}`);
  }
});

test('allot run --out writes results.json and the per-request CSV', async () => {
  const out = join(dir, 'out');
  const r = await runCliInProcess(['run', '--rounds', '2', '--policies', 'm-dice,static-share', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  assert.equal(results.policies.length, 2);
  const csv = readFileSync(join(out, 'requests.csv'), 'utf8').split('\n');
  assert.equal(csv[0], 'policy,tenant,model,arrivalSeconds,startSeconds,finishSeconds,latencySeconds,deadlineSeconds,node,outcome');
  assert.equal(csv.filter((l) => l.startsWith('m-dice,')).length, results.policies[0].requestsArrived);
});

test('bad scenario inputs → exit 2 naming the file/option and field', async () => {
  const cases: [string[], RegExp][] = [
    [['run', '--scenario', write('k.yaml', 'kind: nope\n')], /k\.yaml: kind: unknown kind "nope"/],
    [['run', '--scenario', write('f.yaml', 'kind: inference-allocation\nloud: 3\n')], /f\.yaml: .*loud/],
    [['run', '--scenario', write('m.yaml', 'kind: inference-allocation\ntenants:\n  - {id: a, tokens: 1, model: gpt5}\n')], /m\.yaml: tenants\[0\]\.model: unknown model "gpt5"/],
    [['run', '--scenario', write('t.yaml', 'kind: inference-allocation\ntenants:\n  - {id: a, tokens: 0}\n')], /t\.yaml: tenants\[0\]\.tokens/],
    [['run', '--scenario', write('y.yaml', 'kind: [unclosed\n')], /y\.yaml: line \d+: not valid YAML/],
    [['run', '--app-mix', 'cooking'], /--app-mix: expected one of "vision", "language", "recommendation", "mixed", "llm-serving"/],
    [['run', '--load', '-1'], /--load: expected a number > 0, got -1/],
    [['run', '--policies', 'm-dice,nope'], /--policies: unknown mechanism "nope"/],
    [['run', '--trace', write('bad.csv', 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:00:00,1,2\nyesterday,1,2\n')], /bad\.csv: line 3: TIMESTAMP/],
    [['run', '--trace', write('what.csv', 'a,b\n1,2\n')], /what\.csv: unrecognised trace format/],
    [['run', '--trace', join(dir, 'missing.csv')], /missing\.csv: trace not found/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCliInProcess(args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code} ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  }
});

test('time-sharing realisation and the no-deadline mode (the seed\'s wo_dd) run and conserve requests', async () => {
  const ts = await runScenario({ kind: 'inference-allocation', rounds: 2, realisation: 'timeshare', switchCostSeconds: 0.01, policies: ['m-dice'] }, { seed: 2 });
  const p = ts.results.policies[0];
  const held = p.tenants.reduce((x, t) => x + (t.meanNodes as number), 0);
  assert.ok(Math.abs(held - 16) < 1e-6, `time shares cover every node: ${held}`);
  const wo = await runScenario({ kind: 'inference-allocation', rounds: 2, deadlines: false, policies: ['s-dice'] }, { seed: 2 });
  const q = wo.results.policies[0];
  assert.equal(q.deadlineHitRate, null);
  assert.equal(q.requestsServed, q.requestsArrived, 'without deadlines nothing is dropped and the run drains');
});
