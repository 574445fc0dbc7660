import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fifoAllocation } from './gavel-fifo.js';
import type { GavelProblem } from './gavel-lp.js';
import { buildCluster } from '../workload/training/cluster.js';
import type { TrainingJob } from '../model/training.js';
import { simulateTraining } from './engine.js';

/** A draw sequence standing in for the seeded stream: `int(n)` returns the next scripted index (checked < n). */
function draws(...seq: number[]) {
  return {
    seen: [] as number[],
    int(n: number) {
      const v = seq.shift();
      assert.ok(v !== undefined && v < n, `unexpected draw int(${n})`);
      this.seen.push(n);
      return v;
    },
  };
}

// Pool order v100, k80 (Gavel walks types by name: k80, v100). 1-GPU jobs, throughput > 0 everywhere.
const types = ['v100', 'k80'];
const problem = (ids: number[], cap: number[], gpus = ids.map(() => 1)): GavelProblem => ({ throughput: ids.map(() => [2, 1]), gpus, capacity: cap });
const typeOf = (x: number[][], ids: number[]) => Object.fromEntries(ids.map((id, m) => [id, x[m].indexOf(1) < 0 ? '-' : types[x[m].indexOf(1)]]));

test('Gavel fifo (its code): jobs go to the last free type by name; the draw only picks which type leaves the free list', () => {
  // 2 V100 + 2 K80 free, jobs 0, 1, 2. Job 0: candidates [k80, v100], drawn 0, but placed on v100 (the leaked loop
  // variable) → v100 has 1 free. Job 1: same, placed on v100 → 0 free → the *drawn* candidate (index 0 = k80) leaves
  // the list. Job 2: only v100 is listed and it has 0 free → no candidate → stop; job 2 waits although both K80s are idle.
  const assigned = new Map<number, number>();
  const rng = draws(0, 0);
  let x = fifoAllocation(problem([0, 1, 2], [2, 2]), [0, 1, 2], types, assigned, rng);
  assert.deepEqual(typeOf(x, [0, 1, 2]), { 0: 'v100', 1: 'v100', 2: '-' });
  assert.deepEqual(rng.seen, [2, 2]);
  // Drawn 1 (= v100) for job 1 instead: v100 leaves the list, job 2 then goes to k80.
  x = fifoAllocation(problem([0, 1, 2], [2, 2]), [0, 1, 2], types, new Map(), draws(0, 1, 0));
  assert.deepEqual(typeOf(x, [0, 1, 2]), { 0: 'v100', 1: 'v100', 2: 'k80' });
  // Next call: job 0 finished, job 3 arrived. Sticky: job 1 keeps v100; job 0's v100 goes to the queue's head (job 2);
  // then only k80 is free, so job 3 gets k80.
  x = fifoAllocation(problem([1, 2, 3], [2, 2]), [1, 2, 3], types, assigned, draws(0));
  assert.deepEqual(typeOf(x, [1, 2, 3]), { 1: 'v100', 2: 'v100', 3: 'k80' });
  assert.deepEqual([...assigned].sort(), [[1, 0], [2, 0], [3, 1]]);
});

test('Gavel fifo (its code) over-subscribes the last type; workerType random places on the drawn type', () => {
  // 3 V100 + 2 K80, two 2-GPU jobs. Job 0 → v100 (1 left). Job 1: only k80 has 2 free, yet it goes to v100 too
  // (−1 free: over-subscribed, the mechanism time-shares it).
  const p = problem([0, 1], [3, 2], [2, 2]);
  assert.deepEqual(typeOf(fifoAllocation(p, [0, 1], types, new Map(), draws(1, 0)), [0, 1]), { 0: 'v100', 1: 'v100' });
  // The rule the comments describe: job 0 on the drawn v100, job 1 on its only candidate, k80.
  assert.deepEqual(typeOf(fifoAllocation(p, [0, 1], types, new Map(), draws(1, 0), 'random'), [0, 1]), { 0: 'v100', 1: 'k80' });
});

test('gavel-fifo in the engine: a job never changes type; same seed, same run; seeds differ under workerType random', async () => {
  const { createTrainingPolicy, resolveTrainingPolicy } = await import('./compose.js');
  const cluster = buildCluster('h', [{ count: 1, gpus: 2, gpuType: 'k80', cores: 6, memoryGb: 125 }, { count: 1, gpus: 2, gpuType: 'v100', cores: 6, memoryGb: 125 }]);
  const jobs: TrainingJob[] = Array.from({ length: 12 }, (_, i) => ({
    index: i, id: String(i), tenant: 't', arrival: i * 200, gpus: 1, work: 1500 + 300 * (i % 4),
    throughputs: { k80: 1, v100: 3 } as Record<string, number>, referenceType: 'v100',
  }));
  const run = async (name: string, seed: number) => {
    const { policy, mode } = await createTrainingPolicy(resolveTrainingPolicy(name, 'test'), { seed });
    const typeOfJob = new Map<number, number>();
    const r = simulateTraining(jobs, cluster, policy, mode, {
      roundLengthSeconds: 360,
      onRound(_ctx, leased) {
        for (const s of leased) {
          const k = typeOfJob.get(s.job.index) ?? s.leaseType;
          assert.equal(s.leaseType, k, `${name}: job ${s.job.id} moved`);
          typeOfJob.set(s.job.index, k);
        }
      },
    });
    assert.equal(r.outcomes.filter((o) => o.finish > 0).length, jobs.length);
    return r.outcomes.map((o) => o.finish);
  };
  assert.deepEqual(await run('gavel-fifo', 3), await run('gavel-fifo', 3));
  const bySeed = await Promise.all([1, 2, 3, 4, 5].map((s) => run('gavel-fifo(workerType=random)', s)));
  assert.ok(new Set(bySeed.map((f) => f.join())).size > 1, 'the seed changes the random types');
});

test('allocationResetSeconds: a job arriving after a recomputation waits for the first round ≥ S after it (Gavel: 1,920 s)', async () => {
  const { createTrainingPolicy, resolveTrainingPolicy } = await import('./compose.js');
  const cluster = buildCluster('v', [{ count: 1, gpus: 2, gpuType: 'v100', cores: 6, memoryGb: 125 }]);
  const jobs: TrainingJob[] = [0, 100].map((arrival, i) => ({
    index: i, id: String(i), tenant: 't', arrival, gpus: 1, work: 10_000, throughputs: { v100: 1 } as Record<string, number>, referenceType: 'v100',
  }));
  const startOfJob1 = async (name: string) => {
    const { policy, mode } = await createTrainingPolicy(resolveTrainingPolicy(name, 'test'), { seed: 1 });
    return simulateTraining(jobs, cluster, policy, mode, { roundLengthSeconds: 360 }).outcomes[1].firstStart;
  };
  // X recomputed at 0 (job 0); job 1 arrives at 100 → next recomputation at the first round start ≥ 0 + 1920, i.e. 2160.
  assert.equal(await startOfJob1('gavel-fifo'), 2160);
  assert.equal(await startOfJob1('gavel-fifo(allocationResetSeconds=0)'), 360);
});
