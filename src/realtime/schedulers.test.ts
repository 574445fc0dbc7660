import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type EngineResult, type JobView, type SchedulerView } from './engine.js';
import { fcfs } from './fcfs.js';
import { edf } from './edf.js';
import { sjf } from './sjf.js';
import { leastSlack } from './least-slack.js';
import { prema, premaThreshold } from './prema.js';
import { herald } from './herald.js';
import { tinyPairs, tinyProfile, tinySystem, req } from './test-helpers.js';

// One sub-accelerator. A blocker (1 s) runs 0..1 while three single-layer jobs
// arrive; at t = 1 all three wait (see each expected order below).
//   job  model  c   arrival  deadline  slack at t=1
//   1    A      3   0.3      9         5
//   2    B      1   0.2      8         6
//   3    C      2   0.1      12        9
const sys1 = tinySystem(1);
const profiles = [tinyProfile('L', [[1]]), tinyProfile('A', [[3]]), tinyProfile('B', [[1]]), tinyProfile('C', [[2]])];
const pairs = tinyPairs(4);
const requests = [req(0, 0, 0, 100), req(1, 1, 0.3, 9), req(2, 2, 0.2, 8), req(3, 3, 0.1, 12)].sort((a, b) => a.arrivalS - b.arrivalS).map((r, i) => ({ ...r, id: i }));
// ids after sorting by arrival: 0 = blocker, 1 = C (0.1), 2 = B (0.2), 3 = A (0.3)
const byModel = (r: EngineResult, pair: number) => r.records.find((x) => x.pair === pair)!;

function finishOrder(r: EngineResult): string[] {
  return r.records.filter((x) => x.pair !== 0).sort((a, b) => a.endS! - b.endS!).map((x) => ['L', 'A', 'B', 'C'][x.pair]);
}

test('FCFS runs C, B, A (arrival order)', () => {
  const r = simulate(sys1, pairs, profiles, requests, fcfs(), { recordIntervals: true });
  assert.deepEqual(finishOrder(r), ['C', 'B', 'A']);
  assert.equal(byModel(r, 3).endS, 3);
  assert.equal(byModel(r, 1).endS, 7);
  assert.ok(r.records.every((x) => x.outcome === 'hit'));
});

test('EDF runs B (d=8), A (d=9), C (d=12)', () => {
  const r = simulate(sys1, pairs, profiles, requests, edf());
  assert.deepEqual(finishOrder(r), ['B', 'A', 'C']);
  assert.deepEqual([byModel(r, 2).endS, byModel(r, 1).endS, byModel(r, 3).endS], [2, 5, 7]);
});

test('SJF runs B (1 s), C (2 s), A (3 s)', () => {
  const r = simulate(sys1, pairs, profiles, requests, sjf());
  assert.deepEqual(finishOrder(r), ['B', 'C', 'A']);
  assert.equal(byModel(r, 1).endS, 7);
});

test('least slack runs A (5), B (6), C (9)', () => {
  const r = simulate(sys1, pairs, profiles, requests, leastSlack());
  assert.deepEqual(finishOrder(r), ['A', 'B', 'C']);
  assert.deepEqual([byModel(r, 1).endS, byModel(r, 2).endS, byModel(r, 3).endS], [4, 5, 7]);
});

test('SJF drops a job that can no longer meet its deadline (firm semantics) and counts it as a miss', () => {
  // As SJF above but A's deadline is 6: after B (1..2) and C (2..4), A would end at 7 > 6, so it is dropped at t = 4.
  const reqs = requests.map((r) => (r.pair === 1 ? { ...r, deadlineS: 6 } : r));
  const r = simulate(sys1, pairs, profiles, reqs, sjf(), { recordIntervals: true });
  const a = byModel(r, 1);
  assert.equal(a.outcome, 'dropped');
  assert.equal(a.endS, 4);
  assert.equal(a.layersRun, 0);
  // With dropPolicy "never" (soft real-time), A runs anyway and finishes late at 7.
  const r2 = simulate(sys1, pairs, profiles, reqs, sjf(), { dropPolicy: 'never' });
  assert.equal(byModel(r2, 1).outcome, 'late');
  assert.equal(byModel(r2, 1).endS, 7);
});

test('Herald-like waits for the sub-accelerator where the layer finishes earliest; the shared loop takes the idle one', () => {
  const sys2 = tinySystem(2);
  const prof = [tinyProfile('blocker', [[2, 9]]), tinyProfile('N', [[1, 10]])];
  const reqs = [req(0, 0, 0, 100), req(1, 1, 0, 100)];
  const h = simulate(sys2, tinyPairs(2), prof, reqs, herald(), { recordIntervals: true });
  assert.deepEqual(h.intervals.map((i) => [i.job, i.sub, i.startS, i.endS]), [[0, 0, 0, 2], [1, 0, 2, 3]]);
  const e = simulate(sys2, tinyPairs(2), prof, reqs, fcfs(), { recordIntervals: true });
  assert.deepEqual(e.intervals.map((i) => [i.job, i.sub, i.startS, i.endS]).sort((a, b) => a[0] - b[0]), [[0, 0, 0, 2], [1, 1, 0, 10]]);
});

test('PREMA tokens and thresholds on a hand-computed 3-job example', () => {
  // L_iso: j0 = 1 s (p=1), j1 = 2 s (p=3), j2 = 10 s (p=9, arrives 0.5).
  const prof = [tinyProfile('a', [[1]]), tinyProfile('b', [[2]]), tinyProfile('c', [[10]])];
  const pr = tinyPairs(3, undefined, [1, 3, 9]);
  const reqs = [req(0, 0, 0, 100, 1), req(1, 1, 0, 100, 3), req(2, 2, 0.5, 100, 9)];
  const p = prema();
  p.reset({ pairs: pr, profiles: prof, system: sys1, requests: reqs });
  const job = (id: number, now: number): JobView => ({ id, request: reqs[id], pair: pr[id], profile: prof[id], nextLayer: 0, remainingOptimisticS: prof[id].isolatedLatencyS, slackS: 100 - now - prof[id].isolatedLatencyS, lastSub: -1 });
  const view = (now: number, ids: number[]): SchedulerView => ({ now, system: sys1, pairs: pr, waiting: ids.map((i) => job(i, now)), idle: [0], busyUntil: [now], bandwidthInUseGBps: 0, running: 0, windowHitRate: [0.9, 0.9, 0.9], cumulativeHitRate: [0.9, 0.9, 0.9], utilization: [0] });
  // t = 2: j0 = 1 + 1·2/1 = 3; j1 = 3 + 3·2/2 = 6; j2 = 9 + 9·1.5/10 = 10.35 → threshold 9 → j2.
  assert.deepEqual(p.decide(view(2, [0, 1, 2])), [{ job: 2, sub: 0 }]);
  assert.deepEqual(Array.from(p.state().token).map((t) => Number(t.toFixed(6))), [3, 6, 10.35]);
  // t = 4 (j2 running): j0 = 3 + 2 = 5; j1 = 6 + 3·2/2 = 9 → threshold 9 → j1, although j0 is shorter.
  assert.deepEqual(p.decide(view(4, [0, 1])), [{ job: 1, sub: 0 }]);
  assert.deepEqual(Array.from(p.state().token).map((t) => Number(t.toFixed(6))), [5, 9, 10.35]);
  assert.equal(premaThreshold(2.9), 1);
  assert.equal(premaThreshold(3), 3);
  assert.equal(premaThreshold(9), 9);
});

test('EDF minimises the maximum lateness on one sub-accelerator with all jobs released at 0 (Jackson), against brute force', () => {
  const perms = (n: number): number[][] => (n === 1 ? [[0]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let trial = 0; trial < 30; trial++) {
    const n = 2 + Math.floor(rand() * 4);
    const prof = Array.from({ length: n }, (_, i) => tinyProfile(`m${i}`, Array.from({ length: 1 + Math.floor(rand() * 3) }, () => [0.5 + Math.round(rand() * 8) / 2])));
    const reqs = Array.from({ length: n }, (_, i) => req(i, i, 0, 1 + Math.round(rand() * 20)));
    const r = simulate(sys1, tinyPairs(n), prof, reqs, edf(), { dropPolicy: 'never' });
    const lmax = Math.max(...r.records.map((x) => x.endS! - x.deadlineS));
    let best = Infinity;
    for (const order of perms(n)) {
      let t = 0;
      let worst = -Infinity;
      for (const j of order) {
        t += prof[j].isolatedLatencyS;
        worst = Math.max(worst, t - reqs[j].deadlineS);
      }
      best = Math.min(best, worst);
    }
    assert.ok(Math.abs(lmax - best) < 1e-9, `trial ${trial}: EDF Lmax ${lmax} vs optimum ${best}`);
  }
});
