import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyOrder, simulateTraining, type EngineOptions } from './engine.js';
import { PLAIN_ORDER_NAMES, preloadTrainingPolicies } from './test-helpers.js';
import { buildCluster, type TrainingCluster } from '../workload/training/cluster.js';
import type { TrainingJob } from '../model/training.js';
import { SYNERGY_PROFILES } from '../workload/training/synergy-profiles.js';
import type { JobPolicy, JobState } from './types.js';

const resolveTrainingPolicy = await preloadTrainingPolicies([...PLAIN_ORDER_NAMES.flatMap((o) => ['fair', 'greedy', 'tune'].map((m) => `${o}+${m}`)), ...PLAIN_ORDER_NAMES, 'drf', 'fifo', 'fifo+fair', 'fifo+greedy', 'fifo+tune', 'ftf', 'las', 'srtf']);

const oneServer = (gpus: number, cores = 3 * gpus, mem = 62.5 * gpus): TrainingCluster => buildCluster('t', [{ count: 1, gpus, cores, memoryGb: mem }]);
const job = (index: number, arrival: number, work: number, gpus = 1, model?: string, tenant = 'a'): TrainingJob => ({ index, id: `j${index}`, tenant, arrival, gpus, work, model });

function run(jobs: TrainingJob[], cluster: TrainingCluster, name: string, opts: EngineOptions = {}): { start: number[]; finish: number[] } {
  const { policy, mode } = resolveTrainingPolicy(name);
  const r = simulateTraining(jobs, cluster, policy, mode, opts);
  return { start: r.outcomes.map((o) => o.firstStart), finish: r.outcomes.map((o) => +o.finish.toFixed(6)) };
}

test('FIFO: two GPUs, three 1-GPU jobs — the third starts when the first two finish', () => {
  const r = run([job(0, 0, 600), job(1, 0, 600), job(2, 0, 300)], oneServer(2), 'fifo');
  assert.deepEqual(r.start, [0, 0, 600]);
  assert.deepEqual(r.finish, [600, 600, 900]);
});

test('arrivals wait for the next round boundary; completion is exact within the round', () => {
  assert.deepEqual(run([job(0, 10, 100)], oneServer(1), 'fifo').finish, [400]);
  assert.deepEqual(run([job(0, 10, 100)], oneServer(1), 'fifo', { completionAtRoundEnd: true }).finish, [600]);
  assert.deepEqual(run([job(0, 0, 100)], oneServer(1), 'fifo', { roundLengthSeconds: 60 }).finish, [100]);
});

test('wholeIterations: a Synergy-model job advances ⌊R/τ⌋ whole iterations per round (original), others exact work', () => {
  // transformer τ = 0.67 s: ⌊300/0.67⌋ = 447 iterations per round. 895 iterations = 599.65 s of work:
  // exact time 599.65 s (round end 600); whole iterations 447 + 447 + 1 → the third round (round end 900,
  // exact 600 + 300/447 s); a job without a model is not affected.
  const jobs = [job(0, 0, 895 * 0.67, 1, 'transformer'), job(1, 0, 599.65, 1)];
  const two = oneServer(2);
  assert.deepEqual(run(jobs, two, 'fifo').finish, [599.65, 599.65]);
  assert.deepEqual(run(jobs, two, 'fifo', { completionAtRoundEnd: true }).finish, [600, 600]);
  assert.deepEqual(run(jobs, two, 'fifo', { completionAtRoundEnd: true, wholeIterations: true }).finish, [900, 600]);
  assert.deepEqual(run(jobs, two, 'fifo', { wholeIterations: true }).finish, [+(600 + 300 / 447).toFixed(6), 599.65]);
});

test('wholeIterations: a job whose iterations are a whole number of rounds finishes in its last round despite rounding of the work left', () => {
  // transformer, 508,686 iterations = 1,138 × 447 exactly (work 340,819.62 s); subtracting 447 × 0.67 s per round
  // leaves 299.49 + 5.5e-9 s before the last round. The original counts integer iterations: 1,138 rounds = 341,400 s
  // (job 1541 of its full-scale FIFO+fair list). Before the fix the job took a 1,139th round.
  const r = run([job(0, 0, 508686 * 0.67, 1, 'transformer')], oneServer(1), 'fifo', { completionAtRoundEnd: true, wholeIterations: true });
  assert.deepEqual(r.finish, [1138 * 300]);
  const exact = run([job(0, 0, 508686 * 0.67, 1, 'transformer')], oneServer(1), 'fifo', { wholeIterations: true });
  assert.deepEqual(exact.finish, [1138 * 300]);
});

test('SRTF preempts the long job at the next round when a shorter one arrives', () => {
  const r = run([job(0, 0, 1500), job(1, 100, 300)], oneServer(1), 'srtf');
  assert.deepEqual(r.start, [0, 300]);
  assert.deepEqual(r.finish, [1800, 600]);
});

test('LAS alternates equal jobs round by round (ties by arrival, then index)', () => {
  const r = run([job(0, 0, 600), job(1, 0, 600)], oneServer(1), 'las');
  assert.deepEqual(r.start, [0, 300]);
  assert.deepEqual(r.finish, [900, 1200]);
});

test('FTF (Themis ρ) serves the job with the larger ρ: hand-computed schedule', () => {
  // Round 300: ρ_A = (300+600)/(900·1.5) = 0.667 > ρ_B = 300/600 = 0.5 → A.
  // Round 600: ρ_A = (600+300)/(900·5/3) = 0.6 < ρ_B = (300+300)/600 = 1 → B.
  const r = run([job(0, 0, 900), job(1, 300, 300)], oneServer(1), 'ftf');
  assert.deepEqual(r.finish, [1200, 900]);
  // SRTF instead runs B at 300.
  assert.deepEqual(run([job(0, 0, 900), job(1, 300, 300)], oneServer(1), 'srtf').finish, [1200, 600]);
});

test('a multi-GPU job waits for enough free GPUs; smaller jobs are not blocked behind it', () => {
  const r = run([job(0, 0, 600, 1), job(1, 0, 300, 2), job(2, 0, 300, 1)], oneServer(2), 'fifo');
  assert.deepEqual(r.start, [0, 600, 0]);
  assert.deepEqual(r.finish, [600, 900, 300]);
});

test('Synergy greedy vs tune vs proportional on one 8-GPU server (hand-checked speeds)', () => {
  const cluster = oneServer(8, 24, 500);
  const jobs = [job(0, 0, 2400, 1, 'res18'), job(1, 0, 2400, 1, 'res18'), job(2, 0, 2400, 1, 'res18')];
  // res18 best case 9 cores, 62.5 GB, S = 2.4. Two jobs take 18 of 24 cores; the third:
  // greedy skips it (6 cores < 9) until a job finishes at 1000 s; tune gives it the fair 3 cores.
  assert.deepEqual(run(jobs, cluster, 'fifo+greedy').finish, [1000, 1000, 1200 + 1000]);
  // Tune: job 2 runs at fair share 0–1200 s (1200 s of work), then alone at 9 cores: 1200/2.4 = 500 s more.
  assert.deepEqual(run(jobs, cluster, 'fifo+tune').finish, [1000, 1000, 1700]);
  assert.deepEqual(run(jobs, cluster, 'fifo+fair').finish, [2400, 2400, 2400]);
});

test('Synergy tune: peer adjustment moves a running job back to its fair share', () => {
  // 2 GPUs, 6 cores: res18 capped at 6 cores → S = 1 + 1.4·(6−3)/(9−3) = 1.7.
  const cluster = oneServer(2, 6, 125);
  const jobs = [job(0, 0, 300, 1, 'res18'), job(1, 0, 300, 1, 'res18')];
  assert.deepEqual(run(jobs, cluster, 'fifo+tune').finish, [300, 300]);
  const g = run(jobs, cluster, 'fifo+greedy');
  assert.deepEqual(g.finish, [+(300 / 1.7).toFixed(6), +(300 + 300 / 1.7).toFixed(6)]);
});

test('Synergy tune: after peer adjustment a job asking less than its fair share gets its own demand (original `_tune`)', () => {
  // 2 GPUs, 6 cores, 125 GB (F = 3 cores, 62.5 GB per GPU). res18 takes all 6 cores; gnmt asks 1 core, 20 GB:
  // no core is free, so res18 goes back to 3 cores and gnmt gets 1 core and 20 GB (not the fair 3 cores, 62.5 GB).
  const cluster = oneServer(2, 6, 125);
  const { policy, mode } = resolveTrainingPolicy('fifo+tune');
  const seen: string[] = [];
  simulateTraining([job(0, 0, 300, 1, 'res18'), job(1, 0, 300, 1, 'gnmt')], cluster, policy, mode, {
    onRound(ctx, leased) {
      if (ctx.now === 0) for (const s of leased) seen.push(`${s.job.index}:${s.lease[0].cores}/${s.lease[0].memoryGb}/${s.speedFactor}`);
    },
  });
  assert.deepEqual(seen.sort(), ['0:3/62.5/1', '1:1/20/1']);
});

test('Synergy tune: equal peers are moved back in the order they were placed this round (original stable sort), not by index', () => {
  // 3 GPUs, 24 cores, 375 GB: F = 8 cores, 125 GB. FIFO places alexnet 1 (arrived first), then alexnet 0, each at
  // its best 12 cores (S 2.94); gnmt finds no core free and the first-placed peer, job 1, goes back to 8 cores.
  const { policy, mode } = resolveTrainingPolicy('fifo+tune');
  const seen: string[] = [];
  simulateTraining([job(0, 5, 300, 1, 'alexnet'), job(1, 1, 300, 1, 'alexnet'), job(2, 6, 300, 1, 'gnmt')], oneServer(3, 24, 375), policy, mode, {
    onRound(ctx, leased) {
      if (ctx.now === 300) for (const s of leased) seen.push(`${s.job.index}:${s.lease[0].cores}/${s.speedFactor}`);
    },
  });
  assert.deepEqual(seen.sort(), ['0:12/2.94', '1:8/1', '2:1/1']);
});

test('Synergy tune: a multi-GPU job\'s peer adjustment uses the first server by id with enough free GPUs (original)', () => {
  // 2 × (4 GPUs, 12 cores, 250 GB), F = 3 cores, 62.5 GB; first fit. alexnet ×1 takes 12 cores on server 0 (3 GPUs
  // left), alexnet ×2 its capped 12 cores and 250 GB on server 1 (2 left). The 2-GPU gnmt finds no core: the original
  // adjusts server 0 (first with ≥ 2 free), not server 1 (fewest free): job 0 goes back to 3 cores, job 2 runs there.
  const cluster = buildCluster('t', [{ count: 2, gpus: 4, cores: 12, memoryGb: 250 }]);
  const { policy, mode } = resolveTrainingPolicy('fifo+tune');
  const seen: string[] = [];
  simulateTraining([job(0, 0, 300, 1, 'alexnet'), job(1, 0, 300, 2, 'alexnet'), job(2, 0, 300, 2, 'gnmt')], cluster, policy, mode, {
    consolidate: false,
    onRound(ctx, leased) {
      if (ctx.now === 0) for (const s of leased) seen.push(`${s.job.index}:${s.lease.map((sh) => `${sh.server}/${sh.cores}`).join('+')}`);
    },
  });
  assert.deepEqual(seen.sort(), ['0:0/3', '1:1/12', '2:0/2']);
});

test('DRF (tenant progressive filling) alternates tenants', () => {
  const jobs = [job(0, 0, 300, 1, undefined, 'a'), job(1, 0, 300, 1, undefined, 'a'), job(2, 0, 300, 1, undefined, 'b')];
  const r = run(jobs, oneServer(2), 'drf');
  assert.deepEqual(r.start, [0, 300, 0]);
});

test('a job larger than the cluster is a clear input error', () => {
  assert.throws(() => run([job(0, 0, 100, 4)], oneServer(2), 'fifo'), /needs 4 GPUs/);
});

const models = SYNERGY_PROFILES.map((p) => p.name);
const arbJobs = fc.array(
  fc.record({ arrival: fc.integer({ min: 0, max: 3000 }), work: fc.integer({ min: 1, max: 4000 }), gpus: fc.constantFrom(1, 1, 2, 4, 8, 16), model: fc.option(fc.constantFrom(...models), { nil: undefined }), tenant: fc.constantFrom('a', 'b', 'c') }),
  { minLength: 1, maxLength: 25 },
);
const cluster = buildCluster('p', [{ count: 3, gpus: 8, cores: 24, memoryGb: 500 }]);
const names = PLAIN_ORDER_NAMES.flatMap((o) => ['fair', 'greedy', 'tune'].map((m) => `${o}+${m}`));

test('properties: no over-allocation, every job finishes exactly once, work conserved, tune ≥ fair speed', () => {
  fc.assert(
    fc.property(arbJobs, fc.constantFrom(...names), (raw, name) => {
      const jobs = raw.map((r, i) => job(i, r.arrival, r.work, r.gpus, r.model, r.tenant));
      const { policy, mode } = resolveTrainingPolicy(name);
      const credited = new Map<number, number>();
      const res = simulateTraining(jobs, cluster, policy, mode, {
        onRound(ctx, leased: readonly JobState[], rounds) {
          ctx.pool.checkInvariants();
          const gpus = new Map<number, number>(), cores = new Map<number, number>(), mem = new Map<number, number>();
          for (const s of leased) {
            let g = 0;
            for (const sh of s.lease) {
              gpus.set(sh.server, (gpus.get(sh.server) ?? 0) + sh.gpus);
              cores.set(sh.server, (cores.get(sh.server) ?? 0) + sh.cores);
              mem.set(sh.server, (mem.get(sh.server) ?? 0) + sh.memoryGb);
              g += sh.gpus;
            }
            assert.equal(g, s.job.gpus, 'gang: all GPUs or none');
            if (mode.name === 'tune') assert.ok(s.speedFactor >= 1 - 1e-9, `tune below fair share (${s.speedFactor})`);
            credited.set(s.job.index, (credited.get(s.job.index) ?? 0) + Math.min(s.remaining, s.speed * rounds * ctx.roundLengthSeconds));
          }
          for (const sv of cluster.servers) {
            assert.ok((gpus.get(sv.id) ?? 0) <= sv.gpus);
            assert.ok((cores.get(sv.id) ?? 0) <= sv.cores + 1e-6);
            assert.ok((mem.get(sv.id) ?? 0) <= sv.memoryGb + 1e-6);
          }
        },
      });
      assert.equal(res.outcomes.length, jobs.length);
      for (const o of res.outcomes) {
        assert.ok(o.finish >= o.job.arrival, `job ${o.job.id} finished before arriving`);
        assert.ok(Math.abs((credited.get(o.job.index) ?? 0) - o.job.work) < 1e-6 * o.job.work + 1e-6, `work not conserved for ${o.job.id}`);
      }
    }),
    { numRuns: 150, seed: 42 },
  );
});

test('a key order stops once no job left fits, as walking it to the end would (property)', () => {
  // The same key order given as a custom `order` is walked to the end (an order with side effects must be).
  const keyed = names.filter((n) => resolveTrainingPolicy(n).policy.key && !resolveTrainingPolicy(n).policy.arrivalOrder);
  fc.assert(
    fc.property(arbJobs, fc.constantFrom(...keyed), fc.boolean(), (raw, name, preselectByGpu) => {
      const jobs = raw.map((r, i) => job(i, r.arrival, r.work, r.gpus, r.model, r.tenant));
      const { policy, mode } = resolveTrainingPolicy(name);
      const walked: JobPolicy = { ...policy, key: undefined, order: (runnable, ctx) => keyOrder(policy, runnable, ctx, 1000 * 3600) };
      const a = simulateTraining(jobs, cluster, policy, mode, { preselectByGpu });
      const b = simulateTraining(jobs, cluster, walked, mode, { preselectByGpu });
      assert.deepEqual(a, b);
    }),
    { numRuns: 100, seed: 7 },
  );
});

test('keyOrder breaks ties by (arrival, index) whether or not the jobs come in that order (property)', () => {
  const { policy, mode } = resolveTrainingPolicy('las');
  fc.assert(
    fc.property(fc.array(fc.record({ arrival: fc.integer({ min: 0, max: 3 }), service: fc.integer({ min: 0, max: 2 }) }), { maxLength: 30 }), fc.boolean(), (raw, shuffle) => {
      let states = raw.map((r, i) => ({ job: job(i, r.arrival, 100), attainedService: r.service, lastRun: 0, prioritized: false }) as unknown as JobState);
      states.sort((x, y) => x.job.arrival - y.job.arrival || x.job.index - y.job.index);
      if (shuffle) states = [...states].reverse();
      const ctx = { now: 0, mode } as unknown as Parameters<typeof keyOrder>[2];
      const o = keyOrder(policy, states, ctx, 1000 * 3600);
      const got: number[] = [];
      for (let s = o.next(); s; s = o.next()) got.push(s.job.index);
      const want = [...states].sort((x, y) => x.attainedService - y.attainedService || x.job.arrival - y.job.arrival || x.job.index - y.job.index).map((s) => s.job.index);
      assert.deepEqual(got, want);
    }),
  );
});

test('FIFO walking its queue gives what the same order as a key gives, with queues far longer than the cluster (property)', () => {
  // 4 GPUs and up to 25 jobs: the leased jobs are found in the walked prefix or from the per-server lists.
  const small = buildCluster('s', [{ count: 2, gpus: 2, cores: 6, memoryGb: 125 }]);
  const jobsOf = fc.array(fc.record({ arrival: fc.integer({ min: 0, max: 3000 }), work: fc.integer({ min: 1, max: 4000 }), gpus: fc.constantFrom(1, 1, 1, 2, 4) }), { minLength: 1, maxLength: 25 });
  fc.assert(
    fc.property(jobsOf, fc.constantFrom('fifo', 'fifo+tune', 'fifo+greedy'), (raw, name) => {
      const jobs = raw.map((r, i) => job(i, r.arrival, r.work, r.gpus, 'res18'));
      const { policy, mode } = resolveTrainingPolicy(name);
      assert.ok(policy.arrivalOrder);
      const keyed: JobPolicy = { ...policy, arrivalOrder: false };
      assert.deepEqual(simulateTraining(jobs, small, policy, mode), simulateTraining(jobs, small, keyed, mode));
    }),
    { numRuns: 150, seed: 11 },
  );
});
