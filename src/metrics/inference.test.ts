import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inferenceMetrics } from './inference.js';
import { OUTCOME, type SimulationResult } from '../serving/cluster-sim.js';
import type { InferenceScenario } from '../workload/inference/scenario.js';

/** A scenario with `n` tenants of one token each and one node; only the fields `inferenceMetrics` reads without rounds. */
function scenario(n: number): InferenceScenario {
  return {
    tenants: Array.from({ length: n }, (_, i) => ({ id: `t${i}`, tokens: 1, model: { name: 'm' } })),
    nodes: [{ id: 'n0', type: 'a' }],
    deadlines: true,
  } as unknown as InferenceScenario;
}

function result(outcome: number[], finish: number[], H: number): SimulationResult {
  return { start: new Float64Array(finish.length), finish: Float64Array.from(finish), node: new Int32Array(finish.length), outcome: Uint8Array.from(outcome), rounds: [], busySeconds: 0, busyByRound: new Float64Array(0), horizonSeconds: H, events: 0 };
}

test('inferenceMetrics: latency percentiles per tenant and overall, over served requests only (hand-worked)', () => {
  // Tenant 0: latencies 1, 3, 2 (one dropped request); tenant 1: latencies 10, 4.
  const tenant = Int32Array.from([0, 1, 0, 0, 1, 0]);
  const arrival = Float64Array.from([0, 0, 1, 2, 3, 4]);
  const outcome = [OUTCOME.hit, OUTCOME.late, OUTCOME.hit, OUTCOME.served, OUTCOME.hit, OUTCOME.dropped];
  const finish = [1, 10, 4, 4, 7, 0];
  const m = inferenceMetrics('p', scenario(2), { tenant, arrival, tokens: new Float64Array(6) }, result(outcome, finish, 100));
  // simple-statistics' quantileSorted: numpy's linear method, index (n − 1)·p.
  assert.equal(m.tenants[0].p50LatencySeconds, 2); // [1, 2, 3]
  assert.ok(Math.abs(Number(m.tenants[0].p99LatencySeconds) - 2.98) < 1e-12);
  assert.equal(m.tenants[1].p50LatencySeconds, 7); // [4, 10]
  assert.equal(m.p50LatencySeconds, 3); // [1, 2, 3, 4, 10]
  assert.ok(Math.abs(Number(m.p99LatencySeconds) - 9.76) < 1e-12);
  assert.equal(m.requestsServed, 5);
  assert.equal(m.tenants[0].requestsDropped, 1);
});

test('inferenceMetrics: the overall percentiles are those of every served latency pooled and sorted (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ tenant: fc.integer({ min: 0, max: 3 }), latency: fc.double({ min: 0, max: 1e4, noNaN: true }), served: fc.boolean() }), { maxLength: 60 }), (reqs) => {
      const m = inferenceMetrics('p', scenario(4), { tenant: Int32Array.from(reqs, (r) => r.tenant), arrival: new Float64Array(reqs.length), tokens: new Float64Array(reqs.length) }, result(reqs.map((r) => (r.served ? OUTCOME.late : OUTCOME.dropped)), reqs.map((r) => r.latency), 1));
      const q = (xs: number[], p: number): number | null => {
        if (xs.length === 0) return null;
        const s = [...xs].sort((a, b) => a - b);
        const idx = (s.length - 1) * p;
        return idx % 1 === 0 ? s[idx] : s[Math.floor(idx)] + (idx - Math.floor(idx)) * (s[Math.ceil(idx)] - s[Math.floor(idx)]);
      };
      const served = reqs.filter((r) => r.served);
      assert.equal(m.p50LatencySeconds, q(served.map((r) => r.latency), 0.5));
      assert.equal(m.p99LatencySeconds, q(served.map((r) => r.latency), 0.99));
      for (let i = 0; i < 4; i++) assert.equal(m.tenants[i].p99LatencySeconds, q(served.filter((r) => r.tenant === i).map((r) => r.latency), 0.99));
    }),
  );
});
