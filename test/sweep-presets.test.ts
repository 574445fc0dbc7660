/** Built-in sweeps (`allot sweep --preset NAME`): schema-checked, every setting valid, runnable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SWEEP_PRESET_NAMES, checkSweepPlan, sweepPlan, sweepPreset } from '../src/index.js';
import { runCliInProcess } from './cli-helpers.js';

test('every preset passes its schema and its kind\'s check for every setting', async () => {
  assert.ok(SWEEP_PRESET_NAMES.length >= 4);
  for (const name of SWEEP_PRESET_NAMES) {
    const preset = sweepPreset(name);
    const { plan } = sweepPlan({ preset: name });
    assert.equal(plan.seeds.length, preset.seeds);
    assert.ok(plan.vary.length >= 1, name);
    await checkSweepPlan(plan, undefined);
  }
  assert.throws(() => sweepPreset('dice-lod'), /--preset: unknown preset "dice-lod" \(did you mean "dice-load"\?\)/);
  assert.throws(() => sweepPlan({ preset: 'dice-load', scenario: 'builtin:dag' }), /give --scenario or --preset, not both/);
});

test('allot sweep --preset runs with overrides (--seeds, --set, --vary replaces the preset\'s axis)', async () => {
  const r = await runCliInProcess(['sweep', '--preset', 'dice-load', '--seeds', '2', '--set', 'rounds=2', '--vary', 'load=0.5,1', '--policies', 'l-dice,static-share', '--workers', '0', '--json', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as { cellsTotal: number; cellsDone: number; vary: { key: string; values: number[] }[]; policies: string[]; options: { rounds: number } };
  assert.equal(s.cellsTotal, 2 * 2 * 2);
  assert.equal(s.cellsDone, 8);
  assert.deepEqual(s.vary, [{ key: 'load', values: [0.5, 1] }]);
  assert.deepEqual(s.policies, ['l-dice', 'static-share']);
  assert.equal(s.options.rounds, 2);
});
