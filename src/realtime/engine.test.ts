import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulate, type RealtimeScheduler } from './engine.js';
import { fcfs } from './fcfs.js';
import { edf } from './edf.js';
import { sjf } from './sjf.js';
import { leastSlack } from './least-slack.js';
import { prema } from './prema.js';
import { herald } from './herald.js';
import type { PriorityDispatchOptions } from './priority-dispatch.js';

const HEURISTICS = { fcfs, edf, sjf, 'least-slack': leastSlack, prema, herald: () => herald() } as const;
const HEURISTIC_SCHEDULERS = Object.keys(HEURISTICS) as (keyof typeof HEURISTICS)[];
const heuristicScheduler = (name: keyof typeof HEURISTICS, options: PriorityDispatchOptions = {}) => HEURISTICS[name](options);
import { drlScheduler } from './drl/drl-scheduler.js';
import { initWeights } from './drl/network.js';
import { jainIndex, pairMetrics, systemMetrics } from './metrics.js';
import { tinyPairs, tinyProfile, tinySystem, req } from './test-helpers.js';
import { defaultRealtimeScenario, instantiate } from './scenario.js';

const arbWorkload = fc.record({
  subs: fc.integer({ min: 1, max: 3 }),
  models: fc.array(fc.array(fc.tuple(fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true })), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  jobs: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 1, max: 15, noNaN: true })), { minLength: 1, maxLength: 12 }),
  bandwidth: fc.double({ min: 1, max: 10, noNaN: true }),
  dropPolicy: fc.constantFrom('infeasible' as const, 'atDeadline' as const, 'never' as const),
  sched: fc.constantFrom(...HEURISTIC_SCHEDULERS, 'drl' as const),
  transfer: fc.constantFrom(0, 0.05),
});

test('invariants: one layer per sub-accelerator at a time, layer order kept, drops never run later, work conserved under contention', () => {
  fc.assert(
    fc.property(arbWorkload, (w) => {
      const sys = { ...tinySystem(w.subs, w.bandwidth, 'fluid'), interLayerTransferS: w.transfer };
      const profiles = w.models.map((layers, m) => tinyProfile(`m${m}`, layers.map((l) => l.slice(0, w.subs)), layers.map((l) => Array(w.subs).fill(l[3]))));
      const pairs = tinyPairs(profiles.length);
      const reqs = w.jobs.map(([m, a, k]) => ({ pair: m % profiles.length, a, k })).sort((x, y) => x.a - y.a).map((r, id) => req(id, r.pair, r.a, r.a + r.k * profiles[r.pair].isolatedLatencyS));
      const sched: RealtimeScheduler = w.sched === 'drl' ? drlScheduler({ weights: initWeights(3, 8), maxJobs: 4, sloAware: true }) : heuristicScheduler(w.sched);
      const r = simulate(sys, pairs, profiles, reqs, sched, { recordIntervals: true, dropPolicy: w.dropPolicy });
      // Every request resolved exactly once.
      assert.ok(r.records.every((x) => x.outcome !== null));
      // One layer at a time per sub-accelerator.
      for (let s = 0; s < w.subs; s++) {
        const iv = r.intervals.filter((i) => i.sub === s).sort((a, b) => a.startS - b.startS);
        for (let k = 1; k < iv.length; k++) assert.ok(iv[k].startS >= iv[k - 1].endS - 1e-9, `sub ${s} overlaps`);
      }
      for (const rec of r.records) {
        const iv = r.intervals.filter((i) => i.job === rec.id).sort((a, b) => a.startS - b.startS);
        // Layer order kept, one running layer per job, after arrival.
        iv.forEach((i, k) => assert.equal(i.layer, k));
        for (let k = 1; k < iv.length; k++) assert.ok(iv[k].startS >= iv[k - 1].endS + w.transfer - 1e-9);
        if (iv.length) assert.ok(iv[0].startS >= rec.arrivalS - 1e-12);
        assert.equal(iv.length, rec.layersRun);
        // Dropped requests never run later.
        if (rec.outcome === 'dropped') assert.ok(iv.every((i) => i.startS <= rec.endS! + 1e-12));
        else assert.equal(rec.layersRun, profiles[rec.pair].layerNames.length);
        if (rec.outcome === 'hit') assert.ok(rec.endS! <= rec.deadlineS + 1e-9);
      }
      // Work conservation: a layer takes at least its isolated latency, exactly it without contention, and Σ progress = Σ c.
      for (const i of r.intervals) assert.ok(i.endS - i.startS >= i.isolatedS - 1e-9);
      const sum = r.intervals.reduce((a, i) => a + i.isolatedS, 0);
      assert.ok(Math.abs(sum - r.workDoneS) < 1e-9);
    }),
    { numRuns: 150 },
  );
});

test('fluid contention: two layers demanding 2× the budget each run at half speed', () => {
  const sys = tinySystem(2, 10, 'fluid');
  const prof = [tinyProfile('a', [[1, 1]], [[10, 10]]), tinyProfile('b', [[1, 1]], [[10, 10]])];
  const r = simulate(sys, tinyPairs(2), prof, [req(0, 0, 0, 100), req(1, 1, 0, 100)], heuristicScheduler('fcfs'), { recordIntervals: true });
  assert.deepEqual(r.intervals.map((i) => i.endS - i.startS), [2, 2]);
  const none = simulate({ ...sys, contention: 'none' }, tinyPairs(2), prof, [req(0, 0, 0, 100), req(1, 1, 0, 100)], heuristicScheduler('fcfs'), { recordIntervals: true });
  assert.deepEqual(none.intervals.map((i) => i.endS - i.startS), [1, 1]);
});

test("Jain's index, QoS satisfaction and deficit on a hand-computed case", () => {
  assert.equal(jainIndex([0.5, 0.5, 0.5]), 1);
  assert.ok(Math.abs(jainIndex([1, 0]) - 0.5) < 1e-12);
  // Pair 0 (target 0.9): 3 hits of 4 → HR 0.75, deficit 0.15. Pair 1 (target 0.5): 1 of 1 → met.
  const pairs = tinyPairs(2, [0.9, 0.5]);
  const rec = (id: number, pair: number, outcome: 'hit' | 'late' | 'dropped') => ({ id, pair, arrivalS: 0, deadlineS: 1, startS: 0, endS: 1, outcome, layersRun: 1, isolatedWorkS: 1, energyJ: 0 });
  const records = [rec(0, 0, 'hit'), rec(1, 0, 'hit'), rec(2, 0, 'dropped'), rec(3, 0, 'hit'), rec(4, 1, 'hit')];
  const per = pairMetrics(pairs, records);
  assert.equal(per[0].hitRate, 0.75);
  assert.ok(Math.abs(per[0].deficit - 0.15) < 1e-12);
  assert.equal(per[0].sloMet, false);
  assert.equal(per[1].sloMet, true);
  const sys = systemMetrics({ records, intervals: [], busyS: [1], endS: 2, decisions: 0, decideWallS: 0, workDoneS: 4 }, pairs, [tinyProfile('a', [[1]]), tinyProfile('b', [[1]])], tinySystem(1), per);
  assert.equal(sys.qosSatisfaction, 0.5);
  assert.ok(Math.abs(sys.deficitSum - 0.15) < 1e-12);
  // x = HR/HR* = [0.75/0.9, 1/0.5]
  const x = [0.75 / 0.9, 2];
  assert.ok(Math.abs(sys.jainIndex - (x[0] + x[1]) ** 2 / (2 * (x[0] ** 2 + x[1] ** 2))) < 1e-12);
  assert.equal(sys.deadlineHitRate, 0.8);
  assert.equal(sys.utilization, 0.5);
});

test('same seed ⇒ identical hit sequences on the default scenario (short run); another seed differs', () => {
  const sc = { ...defaultRealtimeScenario(), durationS: 0.5 };
  const run = (seed: number) => {
    const inst = instantiate(sc, seed);
    return simulate(sc.system, inst.pairs, inst.profiles, inst.requests, heuristicScheduler('prema'), sc.engine).records.map((r) => `${r.outcome}@${r.endS}`).join(',');
  };
  assert.equal(run(5), run(5));
  assert.notEqual(run(5), run(6));
});

test('Poisson arrivals come at the declared rate (± 4 σ) with deadlines k · L_iso', () => {
  const sc = { ...defaultRealtimeScenario(), durationS: 5 };
  const inst = instantiate(sc, 11);
  const total = sc.tenants.reduce((a, t) => a + t.services.reduce((b, s) => b + s.rateRps, 0), 0) * sc.durationS;
  assert.ok(Math.abs(inst.requests.length - total) < 4 * Math.sqrt(total), `${inst.requests.length} vs ${total}`);
  for (const r of inst.requests.slice(0, 50)) {
    const iso = inst.profiles[inst.pairs[r.pair].modelIndex].isolatedLatencyS;
    assert.ok(Math.abs(r.deadlineS - r.arrivalS - 10 * iso) < 1e-12);
  }
});

test('periodic decision cycles (cycleS) dispatch only at cycle boundaries', () => {
  const prof = [tinyProfile('a', [[1]])];
  const r = simulate(tinySystem(1), tinyPairs(1), prof, [req(0, 0, 0.1, 100), req(1, 0, 0.2, 100)], heuristicScheduler('edf'), { cycleS: 0.5, recordIntervals: true });
  assert.deepEqual(r.intervals.map((i) => [i.startS, i.endS]), [[0.5, 1.5], [1.5, 2.5]]);
});

test('bandwidth guard: a placement that would exceed B waits; without the guard both run, slowed', () => {
  const sys = tinySystem(2, 10, 'fluid');
  const prof = [tinyProfile('a', [[1, 1]], [[8, 8]]), tinyProfile('b', [[1, 1]], [[8, 8]])];
  const reqs = [req(0, 0, 0, 100), req(1, 1, 0, 100)];
  const guarded = simulate(sys, tinyPairs(2), prof, reqs, heuristicScheduler('edf', { bandwidthGuard: true }), { recordIntervals: true });
  assert.deepEqual(guarded.intervals.map((i) => [i.job, i.startS, i.endS]), [[0, 0, 1], [1, 1, 2]]);
  const free = simulate(sys, tinyPairs(2), prof, reqs, heuristicScheduler('edf'), { recordIntervals: true });
  assert.deepEqual(free.intervals.map((i) => [i.job, i.startS, i.endS]), [[0, 0, 1.6], [1, 0, 1.6]]);
});
