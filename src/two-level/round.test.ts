/**
 * The two-level round: a hand-worked round (round-robin gives alternate
 * nodes; FIFO places each tenant's jobs on its own nodes), snapshot/restore
 * continuing exactly, and a property over random worlds: every job runs only
 * on nodes its tenant holds, within each node's GPUs, and the simulator
 * finishes every job.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeRound, newCarry, TwoLevelScheduler, type JobRecord, type LiveNode } from './round.js';
import { simulateTwoLevel } from '../scenarios/two-level/simulate.js';
import type { TrainingJob } from '../model/training.js';

const node = (id: string, gpus = 4): LiveNode => ({ id, type: `V100x${gpus}`, gpus, cores: 6 * gpus, memoryGb: 50 * gpus });
const job = (index: number, tenant: string, gpus: number, work = 600, arrival = 0): TrainingJob => ({ index, id: `j${index}`, tenant, arrival, gpus, work });
const rec = (j: TrainingJob): JobRecord => ({ job: j, carry: newCarry(j.work, j.arrival) });

test('hand-worked round: round-robin alternates nodes, fifo+fair packs each tenant\'s jobs on its own nodes', async () => {
  const s = await TwoLevelScheduler.create({ mechanism: 'round-robin', scheduler: 'fifo+fair', seed: 1, roundLengthSeconds: 300 });
  const tenants = [{ id: 'a', tokens: 1 }, { id: 'b', tokens: 1 }];
  const nodes = [node('n0'), node('n1'), node('n2'), node('n3')];
  const jobs = [rec(job(0, 'a', 4)), rec(job(1, 'a', 4)), rec(job(2, 'a', 4)), rec(job(3, 'b', 2))];
  const d = s.decide({ tenants, nodes, jobs });
  assert.equal(d.round, 0);
  const held = Object.values(d.holdings);
  assert.equal(held.filter((t) => t === 'a').length, 2);
  assert.equal(held.filter((t) => t === 'b').length, 2);
  // a holds 2 nodes × 4 GPUs: two of its three 4-GPU jobs run; b's job runs.
  assert.deepEqual(d.placements.map((p) => p.job).sort(), ['j0', 'j1', 'j3']);
  for (const p of d.placements) for (const n of p.nodes) assert.equal(d.holdings[n.node], p.tenant);
  const done = closeRound(d, jobs, true);
  assert.deepEqual(done.sort(), []);
  assert.equal(jobs[0].carry.remaining, 300);
  assert.equal(jobs[2].carry.remaining, 600);
  assert.equal(jobs[0].carry.attained, 300);
  assert.equal(s.nextRound, 1);
});

test('a snapshot (through JSON) continues exactly as the uninterrupted scheduler', async () => {
  const opts = { mechanism: 's-dice', scheduler: 'srtf', seed: 7, roundLengthSeconds: 60 };
  const tenants = [{ id: 'a', tokens: 3 }, { id: 'b', tokens: 2 }, { id: 'c', tokens: 1 }];
  const nodes = Array.from({ length: 6 }, (_, k) => node(`n${k}`, 2));
  const jobs = Array.from({ length: 12 }, (_, k) => rec(job(k, tenants[k % 3].id, 1 + (k % 2), 100 + 37 * k)));
  const a = await TwoLevelScheduler.create(opts);
  const b = await TwoLevelScheduler.create(opts);
  for (let r = 0; r < 3; r++) a.decide({ tenants, nodes, jobs });
  b.restore(JSON.parse(JSON.stringify(a.snapshot())));
  for (let r = 0; r < 4; r++) assert.deepEqual(b.decide({ tenants, nodes, jobs }), a.decide({ tenants, nodes, jobs }));
});

test('property: jobs run only on their tenant\'s nodes, within node GPUs, and every job finishes', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 1000 }),
      fc.constantFrom('s-dice', 'l-dice', 'round-robin', 'max-min'), fc.constantFrom('fifo+fair', 'srtf', 'las', 'fifo+tune'),
      async (nt, nn, nj, seed, mechanism, scheduler) => {
        const tenants = Array.from({ length: nt }, (_, i) => ({ id: `t${i}`, tokens: 1 + ((i * seed) % 4) }));
        const nodes = Array.from({ length: nn }, (_, k) => node(`n${k}`, 1 + ((k + seed) % 4)));
        const maxG = Math.max(...nodes.map((n) => n.gpus));
        const jobs = Array.from({ length: nj }, (_, k) => job(k, `t${(k * 7 + seed) % nt}`, 1 + ((k + seed) % maxG), 50 + ((k * 131 + seed) % 900), (k * 97) % 1200));
        const run = await simulateTwoLevel(tenants, nodes, jobs, { mechanism, scheduler, seed, roundLengthSeconds: 120 }, 2000);
        for (const d of run.decisions) {
          const used = new Map<string, number>();
          for (const p of d.placements) for (const n of p.nodes) {
            assert.equal(d.holdings[n.node], p.tenant, `round ${d.round}: ${p.job} on ${n.node}`);
            used.set(n.node, (used.get(n.node) ?? 0) + n.gpus);
          }
          for (const n of nodes) assert.ok((used.get(n.id) ?? 0) <= n.gpus);
        }
        for (const o of run.outcomes) assert.ok(o.finish >= o.job.arrival, `job ${o.job.id} unfinished`);
      },
    ),
    { numRuns: 40 },
  );
});
