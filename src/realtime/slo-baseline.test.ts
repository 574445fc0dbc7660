/** The SLO-aware EDF baseline and per-seed target reassignment (issue 13's fair test). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobView, SchedulerView } from './engine.js';
import { edf } from './edf.js';
import { sloEdf, sloShortfall } from './slo-edf.js';
import { assignTargets, defaultRealtimeScenario, instantiate } from './scenario.js';
import { tinyPairs, tinyProfile, tinySystem, req } from './test-helpers.js';

/** One idle sub-accelerator, two waiting single-layer jobs (L_iso = 1 s): X of a pair behind its 0.99 target (HR 0.98, d = 10), Y of a pair above its 0.9 target (HR 1, d = 9). */
function view(): SchedulerView {
  const pairs = tinyPairs(2, [0.99, 0.9]);
  const profile = tinyProfile('m', [[1]]);
  const job = (id: number, d: number): JobView => ({ id, request: req(id, id, 0, d), pair: pairs[id], profile, nextLayer: 0, remainingOptimisticS: 1, slackS: d - 1, lastSub: -1 });
  return { now: 0, system: tinySystem(1), pairs, waiting: [job(0, 10), job(1, 9)], idle: [0], busyUntil: [0], bandwidthInUseGBps: 0, running: 0, windowHitRate: [0.98, 1], cumulativeHitRate: [0.98, 1], utilization: [0] };
}

test('slo-edf: the job of the pair behind its target goes first (virtual deadlines 10 − 2·1 = 8 vs 9 + 2·1 = 11); EDF and alpha = 0 take the earlier deadline', () => {
  assert.equal(sloShortfall(0.98, 0.99), 1);
  assert.ok(Math.abs(sloShortfall(0.95, 0.9) - -0.5) < 1e-12);
  assert.equal(sloShortfall(0.5, 0.9), 1);
  assert.equal(sloShortfall(0.99, 1), 1); // a target of 1.0: the budget floor 0.01 keeps it finite
  assert.equal(sloShortfall(1, 0.99), -1);
  assert.deepEqual(sloEdf().decide(view()), [{ job: 0, sub: 0 }]);
  assert.deepEqual(edf().decide(view()), [{ job: 1, sub: 0 }]);
  assert.deepEqual(sloEdf({ alpha: 0 }).decide(view()), [{ job: 1, sub: 0 }]);
  // A shift smaller than the deadline gap leaves EDF's order: 10 − 0.4 > 9 + 0.4.
  assert.deepEqual(sloEdf({ alpha: 0.4 }).decide(view()), [{ job: 1, sub: 0 }]);
});

test('targets: shuffled permutes the declared targets per seed; shuffled-hard sets one service to 1.0; arrivals are unchanged and PREMA priorities follow', () => {
  const sc = { ...defaultRealtimeScenario(), durationS: 0.3 };
  const declared = sc.tenants.flatMap((t) => t.services.map((s) => s.sloTarget));
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const perms = new Set<string>();
  for (let seed = 1; seed <= 8; seed++) {
    const shuffled = assignTargets(sc.tenants, seed, 'shuffled').flatMap((t) => t.services.map((s) => s.sloTarget));
    assert.deepEqual(sorted(shuffled), sorted(declared));
    assert.deepEqual(assignTargets(sc.tenants, seed, 'shuffled'), assignTargets(sc.tenants, seed, 'shuffled'));
    perms.add(shuffled.join());
    const hard = assignTargets(sc.tenants, seed, 'shuffled-hard').flatMap((t) => t.services.map((s) => s.sloTarget));
    assert.equal(hard.filter((x) => x === 1).length, 1);
    assert.equal(hard.filter((x, i) => x !== shuffled[i]).length <= 1, true);
  }
  assert.ok(perms.size >= 6, `${perms.size} distinct assignments over 8 seeds`);
  assert.equal(assignTargets(sc.tenants, 3, 'declared'), sc.tenants);
  const a = instantiate(sc, 5);
  const b = instantiate({ ...sc, targets: 'shuffled' }, 5);
  assert.deepEqual(b.requests.map((r) => [r.pair, r.arrivalS, r.deadlineS]), a.requests.map((r) => [r.pair, r.arrivalS, r.deadlineS]));
  assert.notDeepEqual(b.pairs.map((p) => p.sloTarget), a.pairs.map((p) => p.sloTarget));
  for (const p of b.pairs) assert.equal(p.premaPriority, p.sloTarget >= 0.99 ? 9 : p.sloTarget >= 0.95 ? 3 : 1);
});
