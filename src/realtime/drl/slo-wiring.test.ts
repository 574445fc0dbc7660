/**
 * Wiring of the SLO targets into the committed deep-RL policy: on a
 * hand-made two-tenant decision the actor's scores must change when the two
 * tenants' targets are swapped (the job whose target rose gains on the
 * other), and must not when the
 * SLO features are off (the SLO-agnostic encoding).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from './features.js';
import { policyLogits } from './network.js';
import { loadPolicy } from './policy-file.js';
import { BUILTIN_POLICY_DIR } from '../../scenarios/realtime/index.js';
import { tinyPairs, tinyProfile, tinySystem, req } from '../test-helpers.js';
import type { JobView, SchedulerView } from '../engine.js';
import type { ServicePair } from '../workload.js';

/** Two waiting jobs, identical but for their tenant (pair; ties broken by id), both with the same windowed hit rate 0.95; two idle sub-accelerators. */
function decision(targets: [number, number]): SchedulerView {
  const pairs: ServicePair[] = tinyPairs(2, targets);
  const profile = tinyProfile('m', [[0.004, 0.006], [0.003, 0.002], [0.005, 0.004]], [[4, 6], [6, 4], [5, 5]]);
  const job = (id: number): JobView => ({ id, request: req(id, id, 0, 0.06), pair: pairs[id], profile, nextLayer: 0, remainingOptimisticS: profile.optimisticRemainingS[0], slackS: 0.06 - 0.01 - profile.optimisticRemainingS[0], lastSub: -1 });
  return {
    now: 0.01,
    system: tinySystem(2, 12, 'fluid'),
    pairs,
    waiting: [job(0), job(1)],
    idle: [0, 1],
    busyUntil: [0.01, 0.01],
    bandwidthInUseGBps: 0,
    running: 0,
    windowHitRate: [0.95, 0.95],
    cumulativeHitRate: [0.95, 0.95],
    utilization: [0, 0],
  };
}

function scores(view: SchedulerView, sloAware: boolean): number[] {
  const p = loadPolicy(BUILTIN_POLICY_DIR);
  const c = encode(view, view.idle, view.waiting, p.meta.maxJobs, sloAware);
  assert.deepEqual(c.jobs.map((j) => j.id), [0, 1]);
  return Array.from(policyLogits(p.weights, c.x, c.rows));
}

test('the committed policy\'s action scores change when two tenants\' targets are swapped, towards the job that now has the high target', () => {
  const before = scores(decision([0.99, 0.9]), true);
  const after = scores(decision([0.9, 0.99]), true);
  // Rows: (job 0, sub 0), (job 0, sub 1), (job 1, sub 0), (job 1, sub 1).
  const change = Math.max(...before.map((v, i) => Math.abs(v - after[i])));
  assert.ok(change > 1e-3, `scores moved by only ${change}: ${before} vs ${after}`);
  // Which job the policy prefers relative to the other moves towards the job that now has the high target.
  const margin = (v: number[]) => Math.max(v[0], v[1]) - Math.max(v[2], v[3]);
  assert.ok(margin(before) > margin(after), `job 0's lead (${margin(before)}) should shrink when its target drops (${margin(after)})`);
  const agnosticBefore = scores(decision([0.99, 0.9]), false);
  const agnosticAfter = scores(decision([0.9, 0.99]), false);
  assert.deepEqual(agnosticAfter, agnosticBefore);
});
