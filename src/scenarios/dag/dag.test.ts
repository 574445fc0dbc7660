import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needsData } from '../../data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../../data/mdnn-profiles.js';
import { InputError } from '../../errors.js';
import { runScenario } from '../run-scenario.js';
import { runCliInProcess } from '../../../test/cli-helpers.js';
import { planServices, runOnPlan } from './services.js';
import { checkSchedule } from '../../dag/schedule.js';
import { dnnModel } from '../../workload/dnn/index.js';


test('dag scenario: every algorithm × partitioning, schedule table and gantt series, deterministic', needsData(MDNN_PROFILES_FILE), async () => {
  const sc = { kind: 'dag', services: 3, helpers: 3, search: { iterations: 20, particles: 10 } } as const;
  const a = await runScenario(sc, { seed: 4 });
  const b = await runScenario(sc, { seed: 4 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.equal(a.results.policies.length, 18);
  assert.deepEqual(a.results.policies.slice(0, 2).map((p) => p.name), ['heft/layer-wise', 'cpop/layer-wise']);
  for (const p of a.results.policies) {
    assert.equal(p.tenants.length, 3);
    const worst = Math.max(...p.tenants.map((t) => t.completionSeconds as number));
    assert.ok(Math.abs(worst - (p.makespanSeconds as number)) < 1e-12, `${p.name}: makespan = last service completion`);
  }
  const g = a.artifacts.series.gantt;
  assert.deepEqual(Object.keys(g[0]), ['policy', 'lane', 'start', 'end', 'tenant', 'label']);
  assert.equal(g.length, 9 * (67 + 432));
  const t = a.artifacts.tables[0];
  assert.equal(t.name, 'schedule');
  assert.equal(t.rows.length, g.length);
  assert.ok(a.results.inputs.some((i) => i.path === MDNN_PROFILES_FILE));
});

test('dag scenario: bad fields are named', async () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ kind: 'dag', helpers: -1 }, /helpers/],
    [{ kind: 'dag', models: ['LeNet'] }, /models\[0\]/],
    [{ kind: 'dag', policies: ['simplex'] }, /policies\[0\]: unknown DAG algorithm "simplex"/],
    [{ kind: 'dag', search: { iters: 3 } }, /search: unknown field "iters" \(did you mean "iterations"\?\)/],
  ];
  for (const [data, re] of bad) await assert.rejects(() => runScenario(data, { source: { path: 's.yaml', text: '' } }), (e: unknown) => e instanceof InputError && re.test(e.message) && e.message.startsWith('s.yaml'), JSON.stringify(data));
});

test('allot run --scenario (kind: dag) end to end with --out', needsData(MDNN_PROFILES_FILE), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-dag-run-'));
  const file = join(dir, 'dag.yaml');
  writeFileSync(file, 'kind: dag\nservices: 2\nhelpers: [3]\nmodels: [AlexNet, MobileNetV2]\npartitionings: [piece-wise]\n');
  const r = await runCliInProcess(['run', '--scenario', file, '--policies', 'heft,peft', '--helpers', '6', '--out', join(dir, 'out'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout) as { kind: string; policies: { name: string; helpers: number }[] };
  assert.equal(res.kind, 'dag');
  assert.deepEqual(res.policies.map((p) => [p.name, p.helpers]), [['heft/piece-wise', 6], ['peft/piece-wise', 6]]);
  assert.match(readFileSync(join(dir, 'out', 'schedule.csv'), 'utf8'), /^policy,helpers,partitioning,algorithm,tenant,piece,device,startSeconds,finishSeconds/);
});

test('dag scenario: original variants (no insertion, CPOP pinned to the edge, cloud-inclusive averages, original edge bytes) stay valid', needsData(MDNN_PROFILES_FILE), () => {
  const models = ['AlexNet', 'GoogLeNet', 'ResNet-50'].map(dnnModel);
  const plan = planServices({ models, services: 3, helpers: 3, partitioning: 'piece-wise', edgeBytes: 'original', averages: 'original', coarsening: 'original' });
  const canonical = planServices({ models, services: 3, helpers: 3, partitioning: 'piece-wise' });
  assert.notDeepEqual(plan.problem.succData, canonical.problem.succData, 'original edge bytes differ');
  const cp = runOnPlan(plan, 'cpop', { variant: 'original' });
  assert.deepEqual(checkSchedule(plan.problem, cp.schedule), []);
  assert.ok([...cp.schedule.proc].some((k) => k === plan.edge));
  for (const a of ['heft', 'peft', 'greedy'] as const) {
    const r = runOnPlan(plan, a, { variant: 'original' });
    assert.deepEqual(checkSchedule(plan.problem, r.schedule), [], a);
    assert.equal(r.schedule.makespan, r.evaluatedMakespan, `${a}: original reports the §8 makespan`);
  }
  const ps = runOnPlan(plan, 'pso-ga', { variant: 'original', seed: 3, iterations: 20, particles: 10 });
  assert.deepEqual(checkSchedule(plan.problem, ps.schedule), []);
});
