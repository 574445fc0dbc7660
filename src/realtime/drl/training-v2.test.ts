/**
 * The training changes of issue 13, hand-worked: outcomes credited to every
 * decision that dispatched a layer of the request; SLO targets shuffled per
 * training episode (seeded); feature set 2 (one-hot DNN type over the zoo,
 * per-sub-accelerator utilisation); model selection on several validation
 * episodes; policy files of feature set 1 (the committed policy) still load
 * and run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, type Dispatch, type JobView, type RealtimeScheduler, type SchedulerView } from '../engine.js';
import { defaultRealtimeScenario, instantiate, scenarioProfiles } from '../scenario.js';
import { tinyPairs, tinyProfile, tinySystem, req } from '../test-helpers.js';
import { creditOutcome, drlScheduler, type Step } from './drl-scheduler.js';
import { encode, featureDims, modelSlot, V2_MODELS } from './features.js';
import { initWeights } from './network.js';
import { loadPolicy, savePolicy } from './policy-file.js';
import { episodeScenario, trainingSeed, validationScore, validationSeed } from './ppo.js';
import { Rng } from '../../sim/rng.js';
import { dnnModelNames } from '../../workload/dnn/index.js';
import { InputError } from '../../errors.js';
import { BUILTIN_POLICY_DIR } from '../../scenarios/realtime/index.js';
import { createPolicy, resolvePolicy } from '../../policies/index.js';

const step = (): Step => ({ x: new Float32Array(0), rows: 2, action: 0, logp: 0, v: new Float32Array(0), value: 0, reward: 0 });

test('credit: an outcome is split over the steps that touched the request; untouched requests and rule "last" credit the latest step', () => {
  const steps = [step(), step(), step(), step(), step()];
  creditOutcome(steps, [1, 3], -2, 'all');
  assert.deepEqual(steps.map((s) => s.reward), [0, -1, 0, -1, 0]);
  creditOutcome(steps, undefined, 0.5, 'all');
  assert.deepEqual(steps.map((s) => s.reward), [0, -1, 0, -1, 0.5]);
  creditOutcome(steps, [0, 1], 1, 'last');
  assert.deepEqual(steps.map((s) => s.reward), [0, -1, 0, -1, 1.5]);
});

test('credit in a run: a 3-layer request dispatched by 3 learning steps gives each a third of its hit reward (rule "last": all to the third)', () => {
  // One request, 3 layers, 2 idle subs: every dispatch has 2 candidate rows, so each is a learning step.
  const profile = tinyProfile('m0', [[0.001, 0.002], [0.002, 0.001], [0.001, 0.001]]);
  const run = (credit: 'all' | 'last'): number[] => {
    const steps: Step[] = [];
    const sched = drlScheduler({ weights: initWeights(1, 8, featureDims(2, 2)), maxJobs: 4, sloAware: true, featureSet: 2, subAccelerators: 2, sample: Rng.stream(1, 'test'), record: { steps, reward: { lambdaMiss: 1, lambdaFair: 1, lambdaBw: 0.1 }, credit } });
    const res = simulate(tinySystem(2), tinyPairs(1), [profile], [req(0, 0, 0, 1)], sched);
    assert.equal(res.records[0].outcome, 'hit');
    return steps.map((s) => s.reward);
  };
  const all = run('all');
  assert.equal(all.length, 3);
  for (const r of all) assert.ok(Math.abs(r - 1 / 3) < 1e-12, String(all));
  assert.deepEqual(run('last').map((r) => r + 0), [0, 0, 1]); // + 0 turns the −0 of a zero bandwidth penalty into 0
});

test('tier shuffle: every training episode permutes the declared targets anew, seeded (same episode → same targets), keeping the multiset; off → declared', () => {
  const sc = defaultRealtimeScenario();
  const profiles = scenarioProfiles(sc);
  const ep = episodeScenario(sc, 0.05, true);
  assert.equal(ep.targets, 'shuffled');
  assert.equal(ep.durationS, 0.05);
  const targetsOf = (s: typeof ep, seed: number) => instantiate(s, seed, profiles).pairs.map((p) => p.sloTarget);
  const declared = sc.tenants.flatMap((t) => t.services.map((s) => s.sloTarget));
  const episodes = [0, 1, 2, 3].map((it) => targetsOf(ep, trainingSeed(1, it)));
  assert.deepEqual(targetsOf(ep, trainingSeed(1, 2)), episodes[2]);
  assert.ok(new Set(episodes.map((t) => t.join())).size > 1, 'targets should change across episodes');
  for (const t of episodes) assert.deepEqual([...t].sort(), [...declared].sort());
  assert.deepEqual(targetsOf(episodeScenario(sc, 0.05, false), trainingSeed(1, 0)), declared);
  // A scenario that already reassigns keeps its own mode.
  assert.equal(episodeScenario({ ...sc, targets: 'shuffled-hard' }, 1, true).targets, 'shuffled-hard');
});

test('engine: the utilisation of a sub-accelerator is its busy fraction, exponentially weighted with τ = 10 ms', () => {
  const seen: number[][] = [];
  const firstFit: RealtimeScheduler = {
    name: 'first-fit',
    reset() {},
    decide(view: SchedulerView): Dispatch[] {
      seen.push([view.now, ...view.utilization]);
      return [{ job: view.waiting[0].id, sub: view.idle[0] }];
    },
  };
  // Sub 0 busy on [0, 0.01), idle on [0.01, 0.02); the second request arrives at 0.02.
  simulate(tinySystem(2), tinyPairs(1), [tinyProfile('m0', [[0.01, 0.05]])], [req(0, 0, 0, 1), req(1, 0, 0.02, 1)], firstFit);
  assert.equal(seen.length, 2);
  assert.deepEqual(seen[0], [0, 0, 0]);
  const u = (1 - Math.exp(-1)) * Math.exp(-1);
  assert.ok(Math.abs(seen[1][1] - u) < 1e-12, `${seen[1][1]} vs ${u}`);
  assert.equal(seen[1][2], 0);
});

test('feature set 2: the set-1 features, then a one-hot DNN type over every zoo model, the row\'s utilisation, and utilisation and time until free per sub-accelerator', () => {
  assert.deepEqual(dnnModelNames().filter((m) => !(V2_MODELS as readonly string[]).includes(m)), [], 'a new zoo model needs a new feature set');
  assert.deepEqual(featureDims(1, 4), { pair: 20, value: 8 });
  assert.deepEqual(featureDims(2, 2), { pair: 20 + 6 + 1 + 4, value: 8 + 4 });
  const pairs = tinyPairs(2, [0.99, 0.9]);
  const vgg = tinyProfile('VGG-16', [[0.004, 0.006], [0.003, 0.002]]);
  const custom = tinyProfile('custom', [[0.002, 0.001]]);
  const job = (id: number, pair: number, profile: typeof vgg, deadline: number): JobView => ({ id, request: req(id, pair, 0, deadline), pair: pairs[pair], profile, nextLayer: 0, remainingOptimisticS: profile.optimisticRemainingS[0], slackS: deadline - 0.01 - profile.optimisticRemainingS[0], lastSub: -1 });
  // Sub 0 idle, sub 1 busy for another 5 ms.
  const view: SchedulerView = { now: 0.01, system: tinySystem(2), pairs, waiting: [job(0, 0, vgg, 0.05), job(1, 1, custom, 0.08)], idle: [0], busyUntil: [0.01, 0.015], bandwidthInUseGBps: 0, running: 1, windowHitRate: [0.95, 0.9], cumulativeHitRate: [0.97, 0.9], utilization: [0.25, 0.75] };
  const v1 = encode(view, view.idle, view.waiting, 4, true);
  const v2 = encode(view, view.idle, view.waiting, 4, true, 2);
  assert.equal(v2.rows, 2);
  assert.deepEqual(v2.jobs.map((j) => j.id), [0, 1]);
  const F = 31;
  assert.equal(v2.x.length, 2 * F);
  for (let r = 0; r < 2; r++) {
    assert.deepEqual(Array.from(v2.x.slice(r * F, r * F + 20)), Array.from(v1.x.slice(r * 20, r * 20 + 20)), `row ${r}: features 0..19 as in set 1`);
    assert.deepEqual(Array.from(v2.x.slice(r * F + 26, r * F + 31)), [0.25, 0.25, 0, 0.75, 0.5]);
  }
  assert.deepEqual(Array.from(v2.x.slice(20, 26)), [0, 0, 0, 1, 0, 0]); // VGG-16 is zoo model 3
  assert.deepEqual(Array.from(v2.x.slice(F + 20, F + 26)), [0, 0, 0, 0, 0, 1]); // outside the zoo: the last slot
  assert.equal(modelSlot('AlexNet'), 0);
  assert.deepEqual(Array.from(v2.v.slice(0, 8)), Array.from(v1.v));
  assert.deepEqual(Array.from(v2.v.slice(8)), [0.25, 0, 0.75, 0.5]);
});

test('validation: the score is the mean over several episodes with distinct seeds (episode 0 keeps the old seed)', () => {
  assert.equal(validationSeed(1), 900_001);
  const seeds = [0, 1, 2].map((k) => validationSeed(1, k));
  assert.equal(new Set(seeds).size, 3);
  const sc = episodeScenario({ ...defaultRealtimeScenario(), load: 1.15 }, 0.15, true);
  const profiles = scenarioProfiles(sc);
  const insts = seeds.map((s) => instantiate(sc, s, profiles));
  const policy = { weights: initWeights(2, 8, featureDims(2, 4)), maxJobs: 8, sloAware: true, featureSet: 2 as const, subAccelerators: 4 };
  const single = insts.map((i) => validationScore(policy, sc, [i]));
  assert.ok(new Set(single).size > 1, `episodes should score differently: ${single}`);
  const mean = (single[0] + single[1] + single[2]) / 3;
  assert.ok(Math.abs(validationScore(policy, sc, insts) - mean) < 1e-12);
});

test('policy files: a set-2 policy records its feature set and sub-accelerator count and loads with the wider input; the committed set-1 policy (no featureSet) still loads and runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-drl-v2-'));
  const w = initWeights(1, 8, featureDims(2, 2));
  savePolicy(dir, { format: 'allot-realtime-drl/1', sloAware: true, maxJobs: 4, hidden: 8, featureSet: 2, subAccelerators: 2, training: { seed: 1 } }, w, []);
  const back = loadPolicy(dir);
  assert.equal(back.meta.featureSet, 2);
  assert.equal(back.weights.w1.length, 31 * 8);
  const saved = JSON.parse(readFileSync(join(dir, 'policy.json'), 'utf8'));
  delete saved.meta.subAccelerators;
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(saved));
  assert.throws(() => loadPolicy(dir), (e: unknown) => e instanceof InputError && /meta\.subAccelerators/.test(e.message));
  saved.meta.featureSet = 3;
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(saved));
  assert.throws(() => loadPolicy(dir), (e: unknown) => e instanceof InputError && /meta\.featureSet/.test(e.message));
  // A set-2 policy refuses another system size.
  const wrong = drlScheduler({ weights: w, maxJobs: 4, sloAware: true, featureSet: 2, subAccelerators: 2 });
  assert.throws(() => simulate(tinySystem(3), tinyPairs(1), [tinyProfile('m0', [[0.001, 0.001, 0.001]])], [req(0, 0, 0, 1)], wrong), /trained on 2 sub-accelerators/);

  const committed = loadPolicy(BUILTIN_POLICY_DIR);
  assert.equal(committed.meta.featureSet, undefined);
  assert.equal(committed.weights.w1.length, 20 * committed.meta.hidden);
  const drl = await createPolicy(resolvePolicy('request-scheduler', 'drl', 'test'), { trainedPolicy: committed });
  const sc = { ...defaultRealtimeScenario(), durationS: 0.1 };
  const inst = instantiate(sc, 1);
  const res = simulate(sc.system, inst.pairs, inst.profiles, inst.requests, drl, sc.engine);
  assert.ok(res.records.length > 20 && res.records.every((r) => r.outcome !== null));
});
