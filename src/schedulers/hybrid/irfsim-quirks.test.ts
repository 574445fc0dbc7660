/**
 * Hand-worked cases pinning IRFsim's behaviour as the `irfsim` preset runs it
 * (lenhattan86/IRFsim@2963b9a): the profiling loop, ES as its
 * EqualShareScheduler, integer steps, sample usage, AlloX's planned ready
 * times, DRFA's CPU fallback and pick loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HybridCluster, HybridJob } from './cluster.js';
import { simulateHybrid, type HybridPolicy, type HybridView, type PendingSample } from './engine.js';
import { esIrfsimPolicy, esPolicy } from './es.js';
import { alloxPolicy } from './allox.js';
import { srptPolicy } from './srpt.js';
import { drfaPolicy } from './drfa.js';

const job = (index: number, user: string, pc: number, pg: number, o: Partial<HybridJob> = {}): HybridJob => ({
  index, id: String(index), user, arrival: 0, cpu: { cores: 32, memoryGb: 4, time: pc }, gpu: { gpus: 1, memoryGb: 2, time: pg }, estCpuTime: pc, estGpuTime: pg, ...o,
});

/** A policy that starts every queued job on the first free slot and records when it was called and what ran where. */
function recorder(): HybridPolicy & { calls: number[]; slotsAt: Map<number, (number | undefined)[]> } {
  const calls: number[] = [];
  const slotsAt = new Map<number, (number | undefined)[]>();
  return {
    name: 'rec', calls, slotsAt,
    schedule(v) {
      calls.push(v.now);
      slotsAt.set(v.now, [0, 1].map((m) => v.running(m)?.end));
      for (const q of v.queued().values()) for (const j of [...q]) { const m = v.free()[0]; if (m !== undefined) v.start(j, m); }
    },
  };
}

test('sampleLoop irfsim (scheduleProfilingJobs): round-indexed loop skips past blocked heads; the policy is skipped until a GPU and a CPU placement have not both failed', () => {
  // 1 GPU + 1 CPU node; users u0, u1, one job each at t = 0 with p^c = 6000 s, p^g = 12000 s, so the samples are
  // c1 = 60, c2 = 120 (CPU), g1 = 120, g2 = 240 s (GPU), queued in that order.
  // t=0: round 0: u0.c1 → CPU; u1.c1: no CPU → CPU failed. Round 1: u0's 2nd queued (now [c2,g1,g2]) = g1 → GPU;
  //      u1's 2nd = c2, CPU already failed → not tried. Round 2: u0 has 2 left → nothing; u1's 3rd = g1: GPU busy → failed.
  //      Both failed → policy skipped. Slots: GPU ends 120, CPU ends 60.
  // t=60 (u0.c1 done): u0.c2 → CPU (ends 180); u1.c1 fails; … u1.g1: GPU busy → both failed → skipped.
  // t=120 (u0.g1 done): u0.g2 → GPU (ends 360); u1.c1: CPU busy → failed; u1.g1: GPU busy → failed → skipped.
  // t=180 (u0.c2 done): only u1 has queued samples: c1 → CPU; its g1: GPU busy → failed; the loop runs out of rounds
  //      with the CPU placement not failed → the policy runs (first call at 180).
  const c: HybridCluster = { name: 't', gpus: 1, cpuNodes: 1, coresPerNode: 32, memoryGbPerSlot: 64 };
  const jobs = [job(0, 'u0', 6000, 12000), job(1, 'u1', 6000, 12000)];
  const irf = recorder();
  simulateHybrid(jobs, c, irf, { sampling: true, sampleLoop: 'irfsim' });
  assert.equal(irf.calls[0], 180);
  // At the first call (t = 180): GPU runs u0.g2 until 360, CPU u1.c1 (placed at 180) until 240.
  assert.deepEqual(irf.slotsAt.get(180), [360, 240]);
  const rr = recorder();
  simulateHybrid(jobs, c, rr, { sampling: true });
  assert.equal(rr.calls[0], 0, 'round-robin never skips the policy');
  assert.deepEqual(rr.slotsAt.get(0), [undefined, 60], 'round-robin tries heads only: u0.c1 on the CPU, the GPU stays idle (every head is a CPU sample)');
});

/** A view over fixed queues for one policy call (machines `preBusy` taken); records starts as [job id or "s:<job id>", machine]. */
function fakeView(c: HybridCluster, users: string[], queued: Record<string, HybridJob[]>, samples: Record<string, PendingSample[]> = {}, preBusy: number[] = []): HybridView & { starts: [string, number][] } {
  const starts: [string, number][] = [];
  const busy = new Set<number>(preBusy);
  const use = new Map(users.map((u) => [u, { cores: 0, gpus: 0, memoryGb: 0 }]));
  const q = new Map(users.map((u) => [u, [...(queued[u] ?? [])]]));
  const s = new Map(users.map((u) => [u, [...(samples[u] ?? [])]]));
  const take = (u: string, m: number, d: { cores: number; gpus: number; memoryGb: number }): void => {
    if (busy.has(m)) throw new Error(`machine ${m} busy`);
    busy.add(m);
    const x = use.get(u)!;
    x.cores += d.cores; x.gpus += d.gpus; x.memoryGb += d.memoryGb;
  };
  return {
    now: 0, cluster: c, users, starts,
    free: () => Array.from({ length: c.gpus + c.cpuNodes }, (_, i) => i).filter((m) => !busy.has(m)),
    queued: () => q,
    running: () => undefined,
    progress: () => 0,
    usage: (u) => ({ ...use.get(u)! }),
    firstQueuedArrival: () => 0,
    start: (j, m) => {
      const g = m < c.gpus;
      take(j.user, m, g ? { cores: 0, gpus: 1, memoryGb: j.gpu.memoryGb } : { cores: j.cpu.cores, gpus: 0, memoryGb: j.cpu.memoryGb });
      q.get(j.user)!.splice(q.get(j.user)!.indexOf(j), 1);
      starts.push([j.id, m]);
    },
    remainingFraction: () => 1,
    preemptAll: () => [],
    queuedSamples: (u) => s.get(u)!.slice(),
    startSample: (t, m) => {
      take(t.job.user, m, m < c.gpus ? { cores: 0, gpus: 1, memoryGb: 12 } : { cores: 32, gpus: 0, memoryGb: 16 });
      s.get(t.job.user)!.splice(s.get(t.job.user)!.indexOf(t), 1);
      starts.push([`s:${t.job.id}`, m]);
    },
    sortSamples: (u, d) => {
      s.get(u)!.sort((a, b) => (d === 'gpu' ? a.gpuSeconds - b.gpuSeconds : a.cpuSeconds - b.cpuSeconds));
    },
  };
}

test('es(variant=irfsim): samples are jobs of the queue, head-of-line stop, GPU pass then CPU pass with the leftover memory counted twice', () => {
  // 2 GPUs + 2 CPU nodes of 32 cores, 200 GB per slot: totals 64 cores, 2 GPUs, 800 GB; users a, b → share 32 cores, 1 GPU, 400 GB.
  const c: HybridCluster = { name: 't', gpus: 2, cpuNodes: 2, coresPerNode: 32, memoryGbPerSlot: 200 };
  // a: J1 (p̂g 10, GPU 150 GB), J2 (p̂g 20, p̂c 5, CPU 120 GB).
  //   GPU pass (0 cores, 1 GPU, 400 GB), by p̂g: J1 → GPU 0 (use 1 GPU, 150 GB); J2: GPU share spent, CPU share 0 → stop.
  //   CPU pass (32 cores, 1 GPU, 400 − 150 = 250 GB), against the usage again (150 GB): J2 needs 120 > 100 → not started.
  const j1 = job(1, 'a', 50, 10, { gpu: { gpus: 1, memoryGb: 150, time: 10 } });
  const j2 = job(2, 'a', 5, 20, { cpu: { cores: 32, memoryGb: 120, time: 5 } });
  // b: K (p̂g 100, p̂c 80) and a queued sample of another of its jobs (60 s on a GPU, 90 s on a CPU).
  //   GPU pass by reported GPU time: the sample (60) → GPU 1; K: GPU share spent → stop. CPU pass: K → CPU node 2.
  const k = job(3, 'b', 80, 100);
  const other = job(4, 'b', 9000, 6000);
  const sample: PendingSample = { job: other, device: 'cpu', seconds: 90, cpuSeconds: 90, gpuSeconds: 60 };
  const v = fakeView(c, ['a', 'b'], { a: [j1, j2], b: [k] }, { b: [sample] });
  esIrfsimPolicy().schedule(v);
  assert.deepEqual(v.starts, [['1', 0], ['s:4', 1], ['3', 2]]);
  // The paper's ES sees jobs only and counts memory once: a starts J1 on a GPU and J2 on a CPU node (150 + 120 ≤ 400); b starts K on the other GPU.
  const p = fakeView(c, ['a', 'b'], { a: [j1, j2], b: [k] }, { b: [sample] });
  esPolicy.schedule(p);
  assert.deepEqual(p.starts, [['1', 0], ['2', 2], ['3', 1]]);
});

test('es(variant=irfsim): a job that fits no 1/N share is a clear error, not a stall', () => {
  // 2 GPUs + 2 nodes, 3 users: a share is 0.67 GPU and 21.3 cores, so no job (1 GPU or 32 cores) ever fits.
  const c: HybridCluster = { name: 't', gpus: 2, cpuNodes: 2, coresPerNode: 32, memoryGbPerSlot: 64 };
  const v = fakeView(c, ['a', 'b', 'c'], { a: [job(1, 'a', 50, 10)] });
  assert.throws(() => esIrfsimPolicy().schedule(v), /es\(variant=irfsim\): job 1 of user a fits neither configuration inside a 1\/3 share \(0\.67 GPUs, 21\.3 cores/);
});

test('timeStepSeconds (IRFsim integer steps): arrivals and ends rounded up to the step; JCT from the true arrival', () => {
  const c: HybridCluster = { name: 't', gpus: 1, cpuNodes: 0, coresPerNode: 32, memoryGbPerSlot: 64 };
  const jobs = [job(0, 'u', 500, 90, { arrival: 30 })];
  assert.equal(simulateHybrid(jobs, c, srptPolicy(), { sampling: false }).outcomes[0].jct, 90);
  // Arrives at step 60, runs 90 s → 150, finishes at step 180: JCT 180 − 30 = 150.
  assert.equal(simulateHybrid(jobs, c, srptPolicy(), { sampling: false, timeStepSeconds: 60 }).outcomes[0].jct, 150);
});

test('sampleUsage: running samples count in their user\'s usage (1 GPU + 12 GB on a GPU, a node\'s cores + 16 GB on a CPU node)', () => {
  const c: HybridCluster = { name: 't', gpus: 1, cpuNodes: 1, coresPerNode: 32, memoryGbPerSlot: 64 };
  const seen: { cores: number; gpus: number; memoryGb: number }[] = [];
  const pol: HybridPolicy = { name: 'look', schedule(v) { if (v.now === 0) seen.push(v.usage('u')); for (const j of [...(v.queued().get('u') ?? [])]) { const m = v.free()[0]; if (m !== undefined) v.start(j, m); } } };
  // One job (p^c 6000, p^g 6000): at t = 0 round-robin places its c1 on the CPU node and (next head c2 has no CPU) nothing on the GPU.
  simulateHybrid([job(0, 'u', 6000, 6000)], c, pol, { sampling: true, sampleUsage: true });
  assert.deepEqual(seen, [{ cores: 32, gpus: 0, memoryGb: 16 }]);
  seen.length = 0;
  simulateHybrid([job(0, 'u', 6000, 6000)], c, pol, { sampling: true });
  assert.deepEqual(seen, [{ cores: 0, gpus: 0, memoryGb: 0 }]);
});

test('allox omegaBusy plannedQueue (IRFsim compute_fs): a busy machine keeps the ready time of the plan it got when its job started', () => {
  // One GPU, one user, α = 1, jobs A (p̂g 100), B (p̂g 300) at t = 0, C (p̂g 10) arriving at t = 50. CPU times are huge (never used).
  // t=0: plan on GPU = [A, B] → A starts; the GPU's planned ready time = 0 + 100 + 300 = 400.
  // t=100: A done: the GPU is free again (ω = now) → plan [C, B] by SPT (C first). Under runningJob the order is the same;
  // the difference shows with a second machine: a CPU node with p̂c(C) = 250. At t=50 under plannedQueue the GPU's ω is 400,
  // so C costs 400 + 10 = 410 there vs 50 + 250 = 300 on the CPU → C starts on the CPU at 50. Under runningJob ω = 100 → 110 < 300:
  // C waits for the GPU (nothing starts at 50).
  const c: HybridCluster = { name: 't', gpus: 1, cpuNodes: 1, coresPerNode: 32, memoryGbPerSlot: 64 };
  const jobs = [job(0, 'u', 1e6, 100), job(1, 'u', 1e6, 300), job(2, 'u', 250, 10, { arrival: 50 })];
  const planned = simulateHybrid(jobs, c, alloxPolicy({ alpha: 1, omegaBusy: 'plannedQueue' }), { sampling: false });
  assert.deepEqual(planned.outcomes.map((o) => [o.device, o.finish]), [['gpu', 100], ['gpu', 400], ['cpu', 300]]);
  const running = simulateHybrid(jobs, c, alloxPolicy({ alpha: 1 }), { sampling: false });
  assert.deepEqual(running.outcomes.map((o) => [o.device, o.finish]), [['gpu', 100], ['gpu', 410], ['gpu', 110]]);
});

test('drfa cpuFallback irfsim (DRFExtScheduler.onlineDRFShare): the shortest-on-CPU job runs for the shortest-on-GPU job\'s CPU time and books its CPU demand', () => {
  // 1 GPU + 1 CPU node, one user, no sampling. C (p^g 30) is shortest on GPU → GPU at 0. Next pick: shortest on GPU is A
  // (p^g 60), no GPU free → shortest on CPU is B (p^c 120) → CPU node. IRFsim runs B for A's CPU time (300 s) and books
  // A's CPU demand (32 cores, 40 GB); A starts on the GPU when C ends at 30 (ends 90).
  const c: HybridCluster = { name: 't', gpus: 1, cpuNodes: 1, coresPerNode: 32, memoryGbPerSlot: 64 };
  const a = job(0, 'u', 300, 60, { cpu: { cores: 32, memoryGb: 40, time: 300 } });
  const b = job(1, 'u', 120, 600, { cpu: { cores: 32, memoryGb: 10, time: 120 } });
  const cc = job(2, 'u', 9000, 30);
  const run = (cpuFallback: 'own' | 'irfsim') => {
    const inner = drfaPolicy(1, { cpuFallback });
    const seen: { cores: number; gpus: number; memoryGb: number }[] = [];
    const pol: HybridPolicy = { ...inner, schedule(v) { inner.schedule(v); if (v.now === 0) seen.push(v.usage('u')); } };
    return { jcts: simulateHybrid([a, b, cc], c, pol, { sampling: false }).outcomes.map((o) => o.jct), seen };
  };
  const irf = run('irfsim');
  assert.deepEqual(irf.jcts, [90, 300, 30]);
  assert.deepEqual(irf.seen, [{ cores: 32, gpus: 1, memoryGb: 2 + 40 }]);
  const own = run('own');
  assert.deepEqual(own.jcts, [90, 120, 30]);
  assert.deepEqual(own.seen, [{ cores: 32, gpus: 1, memoryGb: 2 + 10 }]);
});

test('drfa loop irfsim: each pick sorts the user\'s queued samples (by GPU time, then CPU time when no GPU is free); a user with samples only is picked too; the loop ends at the first job that fits nowhere', () => {
  // 1 GPU + 1 CPU node, both taken. Users a (samples s1, s2; no job), b (job J; samples t1, t2), c (samples r1, r2), all at usage 0.
  // Picks by user order: a → its samples sorted by GPU time: s2 (60) before s1 (120); no job → passed.
  // b → sorted by GPU: t2 (30), t1 (90); J finds no GPU → sorted by CPU: t1 (40), t2 (50); no CPU node → the loop ends, so c is never picked.
  const cl: HybridCluster = { name: 't', gpus: 1, cpuNodes: 1, coresPerNode: 32, memoryGbPerSlot: 64 };
  const x = job(9, 'a', 1, 1);
  const smp = (gpuSeconds: number, cpuSeconds: number): PendingSample => ({ job: x, device: 'cpu', seconds: cpuSeconds, cpuSeconds, gpuSeconds });
  const [s1, s2, t1, t2, r1, r2] = [smp(120, 60), smp(60, 90), smp(90, 40), smp(30, 50), smp(80, 10), smp(70, 20)];
  const setup = () => fakeView(cl, ['a', 'b', 'c'], { b: [job(1, 'b', 100, 100)] }, { a: [s1, s2], b: [t1, t2], c: [r1, r2] }, [0, 1]);
  const v = setup();
  drfaPolicy(1, { loop: 'irfsim' }).schedule(v);
  assert.deepEqual([v.queuedSamples('a'), v.queuedSamples('b'), v.queuedSamples('c')], [[s2, s1], [t1, t2], [r1, r2]]);
  assert.deepEqual(v.starts, []);
  const own = setup();
  drfaPolicy(1).schedule(own);
  assert.deepEqual([own.queuedSamples('a'), own.queuedSamples('b'), own.queuedSamples('c')], [[s1, s2], [t1, t2], [r1, r2]]);
});
