/**
 * The one policy registry: every level listed with its options, labels of
 * policy variants, aliases that keep their result names, scenario-level
 * option defaults, and `allot policies` / `allot schema`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, describePolicy, policyDefs, resolvePolicy, runScenario, canonicalLabel } from '../src/index.js';
import { resolveTrainingPolicy } from '../src/schedulers/compose.js';
import { runCliInProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-policies-'));

test('allot policies --json lists every policy of all four levels with its options', async () => {
  const r = await runCliInProcess(['policies', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const list = JSON.parse(r.stdout) as { name: string; level: number; family: string; summary: string; source: string; options: { name: string; type: string; default?: unknown; description: string }[] }[];
  const names = (level: number) => list.filter((p) => p.level === level).map((p) => p.name);
  assert.deepEqual(names(1), ['l-dice', 's-dice', 'm-dice', 'static-share', 'round-robin', 'max-min', 'drf', 'hetero-max-min', 'ss', 'tant']);
  for (const n of ['fifo', 'srtf', 'las', 'ftf', 'drf', 'tetris', 'gavel-maxmin', 'fair', 'tune', 'opt', 'allox', 'drff', 'srpt']) assert.ok(names(2).includes(n), `level 2: ${n}`);
  assert.deepEqual(names(3), ['fcfs', 'edf', 'sjf', 'least-slack', 'prema', 'herald', 'slo-edf', 'drl']);
  assert.deepEqual(names(4), ['heft', 'cpop', 'peft', 'greedy', 'ga', 'pso-ga', 'memetic-pso-ga', 'local', 'edge-only']);
  for (const p of list) {
    assert.ok(p.summary.length > 10 && p.source.length > 5, `${p.name}: summary and source`);
    for (const o of p.options) assert.ok(o.description.length > 5 && o.type.length > 0, `${p.name}.${o.name} is documented`);
  }
  const sDice = list.find((p) => p.name === 's-dice')!;
  assert.deepEqual(sDice.options.map((o) => [o.name, o.default]), [['passArithmetic', 'exact'], ['carryPasses', true], ['rejoin', 'virtual-time'], ['strideConstant', 2 ** 20], ['skippedPass', 'advance'], ['advanceBy', 'pick'], ['variant', 'paper'], ['turns', 'stride']]);
  assert.equal(sDice.options[0].type, '"exact" | "float"');
  const allox = list.find((p) => p.name === 'allox')!;
  assert.deepEqual(allox.options.find((o) => o.name === 'alpha'), { name: 'alpha', type: 'number', default: 0.1, description: allox.options.find((o) => o.name === 'alpha')!.description });
  const one = await runCliInProcess(['policies', '--level', '3']);
  assert.equal(one.code, 0);
  assert.match(one.stdout, /Level 3 — request scheduling/);
  assert.doesNotMatch(one.stdout, /Level 1/);
  assert.match(one.stdout, /bandwidthGuard: boolean = false/);
});

test('a labelled variant runs beside its default: s-dice-reset on the default inference scenario', async () => {
  const f = join(dir, 'reset.yaml');
  writeFileSync(f, 'kind: inference-allocation\nrounds: 3\npolicies:\n  - s-dice\n  - {name: s-dice, label: s-dice-reset, options: {carryPasses: false}}\n');
  const r = await runCliInProcess(['run', '--scenario', f, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { policies: { name: string; deadlineHitRate: number }[] };
  assert.deepEqual(out.policies.map((p) => p.name), ['s-dice', 's-dice-reset']);
  assert.notEqual(out.policies[0].deadlineHitRate, out.policies[1].deadlineHitRate, 'resetting passes changes the outcome on this cluster');
  // The same variant from the command line, named by its canonical label.
  const c = await runCliInProcess(['run', '--rounds', '3', '--policies', 's-dice(carryPasses=false),m-dice(realisation=timeshare)', '--json']);
  assert.equal(c.code, 0, c.stderr);
  const cli = JSON.parse(c.stdout) as { policies: { name: string; deadlineHitRate: number }[] };
  assert.deepEqual(cli.policies.map((p) => p.name), ['s-dice(carryPasses=false)', 'm-dice(realisation=timeshare)']);
  assert.equal(cli.policies[0].deadlineHitRate, out.policies[1].deadlineHitRate, 'same options, same result whatever the label');
});

test('labels: name as written, canonical name(options) without defaults, explicit label wins', () => {
  assert.equal(resolvePolicy('mechanism', 's-dice', 'x').label, 's-dice');
  assert.equal(resolvePolicy('mechanism', 's-dice(rejoin=remain,carryPasses=false)', 'x').label, 's-dice(carryPasses=false,rejoin=remain)');
  assert.equal(resolvePolicy('mechanism', 's-dice(carryPasses=true)', 'x').label, 's-dice', 'default-valued options do not change the label');
  assert.equal(resolvePolicy('mechanism', { name: 'm-dice', label: 'md', options: { realisation: 'bvn' } }, 'x').label, 'md');
  assert.equal(canonicalLabel('x', { b: 'has space', a: 1 }), 'x(a=1,b="has space")');
  assert.throws(() => resolvePolicy('mechanism', 's-dice(carryPases=false)', 'f.yaml: policies[0]'), /f\.yaml: policies\[0\]: policy "s-dice" has no option "carryPases" \(did you mean "carryPasses"\?\)/);
  assert.throws(() => resolvePolicy('mechanism', 's-dice(carryPasses=maybe)', '--policies'), /--policies \(s-dice: carryPasses\): expected true or false, got "maybe"/);
  assert.throws(() => resolvePolicy('mechanism', { name: 'm-dice', options: { realisation: 'coin' } }, 'p'), (e: unknown) => e instanceof InputError && /options\.realisation: expected one of "lottery", "bvn", "timeshare", "independent", "deficit", got "coin"/.test(e.message));
  assert.throws(() => resolvePolicy('mechanism', 'l-dise', '--policies'), /unknown mechanism "l-dise" \(did you mean "l-dice"\?\)/);
});

test('two policies with one result name are an error before any work', async () => {
  await assert.rejects(runScenario({ kind: 'inference-allocation', policies: ['s-dice', { name: 's-dice', options: { carryPasses: true } }] }), /policies: two policies are named "s-dice" in results/);
  const r = await runCliInProcess(['run', '--policies', 'm-dice,m-dice']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--policies: two policies are named "m-dice"/);
});

test('scenario-level defaults apply to every policy that has the option; the policy\'s own option wins', () => {
  const m = resolvePolicy('mechanism', 'm-dice', 'x', { realisation: 'bvn' });
  assert.equal(m.options.realisation, 'bvn');
  assert.equal(m.label, 'm-dice', 'a scenario default does not rename the policy');
  assert.equal(resolvePolicy('mechanism', 'm-dice(realisation=timeshare)', 'x', { realisation: 'bvn' }).options.realisation, 'timeshare');
  assert.deepEqual(resolvePolicy('mechanism', 'l-dice', 'x', { realisation: 'bvn' }).options, { variant: 'paper' }, 'ignored by a policy without the option');
  assert.equal(resolvePolicy('hybrid', 'allox', 'x', { alpha: 0.5 }).options.alpha, 0.5);
  assert.equal(resolvePolicy('hybrid', 'allox-opt', 'x', { nMax: 10 }).options.nMax, 'all', 'an alias\'s options beat scenario defaults');
});

test('a policy\'s declared defaultOptions are exactly its schema\'s defaults, and a bare name resolves to them as the schema path does', () => {
  const declared = policyDefs().filter((d) => d.defaultOptions);
  assert.ok(declared.some((d) => d.name === 'heft'), 'heft declares its defaults');
  for (const d of declared) {
    assert.deepEqual(d.defaultOptions, d.options.parse({}), `${d.family}/${d.name}`);
    const fast = resolvePolicy(d.family, d.name, 'x', { variant: undefined });
    // A scenario default the policy does not have forces the schema path (and changes nothing).
    const slow = resolvePolicy(d.family, { name: d.name, options: {} }, 'x', { unrelated: 1 });
    assert.deepEqual([fast.options, fast.explicit, fast.label], [slow.options, slow.explicit, slow.label], `${d.family}/${d.name}`);
  }
  assert.equal(resolvePolicy('dag-algorithm', 'heft', 'x', { variant: 'original' }).options.variant, 'original', 'a scenario default still applies');
  assert.equal(resolvePolicy('dag-algorithm', 'heft(variant=original)', 'x').options.variant, 'original');
  assert.throws(() => resolvePolicy('dag-algorithm', 'heft(variant=new)', 'x'), /variant/);
});

test('level 2: order+mode compositions, aliases keep their old result names and expand to options', () => {
  const t = resolveTrainingPolicy('synergy-tune', 'x');
  assert.deepEqual([t.label, t.order.def.name, t.mode.def.name], ['synergy-tune', 'fifo', 'tune']);
  const las = resolveTrainingPolicy('las-preselect+tune', 'x');
  assert.deepEqual([las.label, las.order.options.preselectByGpu], ['las-preselect+tune', true]);
  const tf = resolveTrainingPolicy('tetris-f0.5', 'x');
  assert.deepEqual([tf.label, tf.order.options.fairness, tf.mode.def.name], ['tetris-f0.5', 0.5, 'fair']);
  assert.equal(resolveTrainingPolicy('srpt', 'x').order.def.name, 'srtf');
  assert.equal(resolveTrainingPolicy({ name: 'ftf+greedy', options: { rho: 'original' } }, 'x').label, 'ftf+greedy(rho=original)');
  assert.throws(() => resolveTrainingPolicy('ftf(fairnes=1)', '--policies'), /has no option "fairnes"/);
  assert.throws(() => resolveTrainingPolicy('fifo+tune+opt', '--policies'), /expected <order>\[\+<mode>\]/);
});

test('every policy is created from its registry entry alone (capabilities loaded on demand)', async () => {
  const { createPolicy } = await import('../src/index.js');
  for (const d of policyDefs()) {
    if (d.needs?.includes('trained-policy')) continue;
    const p = await createPolicy(resolvePolicy(d.family, d.name, 'test'), { hybridJobs: [] });
    assert.ok(p && typeof p === 'object', d.name);
    assert.ok(describePolicy(d).options.every((o) => o.description), d.name);
  }
  await assert.rejects(createPolicy(resolvePolicy('request-scheduler', 'drl', 'test')), /needs a trained model/);
});

test('allot schema prints a JSON Schema per kind: strict objects, defaults, descriptions', async () => {
  for (const kind of ['inference-allocation', 'training', 'realtime', 'dag']) {
    const r = await runCliInProcess(['schema', kind]);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { $schema: string; type: string; additionalProperties: boolean; properties: Record<string, { default?: unknown; description?: string }>; required: string[] };
    assert.match(s.$schema, /json-schema\.org/);
    assert.equal(s.type, 'object');
    assert.equal(s.additionalProperties, false, `${kind}: unknown fields are errors`);
    assert.deepEqual(s.required, ['kind']);
    assert.ok(Object.values(s.properties).filter((p) => p.description).length >= Object.keys(s.properties).length - 1, `${kind}: fields are described`);
  }
  const inf = JSON.parse((await runCliInProcess(['schema', 'inference-allocation'])).stdout);
  assert.equal(inf.properties.load.default, 0.8);
  const bad = await runCliInProcess(['schema', 'trainig']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown kind "trainig" \(did you mean "training"\?\)/);
});

test('runScenario validates the config object like a file (unknown keys are errors with a suggestion)', async () => {
  await assert.rejects(runScenario({ kind: 'inference-allocation', lod: 1 }), /config: unknown field "lod" \(did you mean "load"\?\)/);
  await assert.rejects(runScenario({ kind: 'dag', helpers: [3], bandwith: 2 } as never), /unknown field "bandwith" \(did you mean "bandwidthRatio"\?\)|unknown field "bandwith"/);
  const out = await runScenario({ kind: 'inference-allocation', rounds: 2, policies: ['l-dice'] }, { seed: 3 });
  assert.equal(out.results.policies[0].name, 'l-dice');
  assert.equal(out.results.seed, 3);
});
