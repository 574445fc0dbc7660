import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchOffline, nMaxSubset } from './allox.js';
import { fitsMachine, type HybridCluster, type HybridJob } from './cluster.js';
import { simulateHybrid } from './engine.js';
import { hybridPolicy, HYBRID_POLICY_NAMES } from '../test-helpers.js';
import { alloxWorkload } from '../../workload/training/allox-workload.js';
import { hybridClusterPreset } from './cluster.js';

const small: HybridCluster = { name: 's', gpus: 2, cpuNodes: 2, coresPerNode: 32, memoryGbPerSlot: 64 };
const hj = (index: number, pc: number, pg: number, user = 'u0', arrival = 0): HybridJob => ({
  index, id: String(index), user, arrival, cpu: { cores: 32, memoryGb: 4, time: pc }, gpu: { gpus: 1, memoryGb: 2, time: pg }, estCpuTime: pc, estGpuTime: pg,
});

/** Minimum total completion time by brute force: every assignment of jobs to machines, each machine in SPT order (optimal per machine). */
function bruteForce(jobs: HybridJob[], c: HybridCluster): number {
  const M = c.gpus + c.cpuNodes;
  let best = Infinity;
  const assign = new Array<number>(jobs.length).fill(0);
  const rec = (i: number): void => {
    if (i === jobs.length) {
      let total = 0;
      for (let m = 0; m < M; m++) {
        const ts = jobs.filter((_, j) => assign[j] === m).map((j) => (m < c.gpus ? j.gpu.time : j.cpu.time)).sort((a, b) => a - b);
        let t = 0;
        for (const x of ts) total += (t += x);
      }
      best = Math.min(best, total);
      return;
    }
    for (let m = 0; m < M; m++) {
      if (!fitsMachine(c, jobs[i], m)) continue;
      assign[i] = m;
      rec(i + 1);
    }
  };
  rec(0);
  return best;
}

test('offline AlloX matching (R||ΣC_j) equals brute force for n ≤ 6 jobs on 2 GPUs + 2 CPU nodes', async () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 6 }), (ts) => {
      const jobs = ts.map(([pc, pg], i) => hj(i, pc, pg));
      const { totalCompletion, plan } = matchOffline(jobs, small);
      assert.ok(Math.abs(totalCompletion - bruteForce(jobs, small)) < 1e-6);
      assert.equal([...plan.values()].reduce((a, l) => a + l.length, 0), jobs.length);
    }),
    { numRuns: 120, seed: 7 },
  );
});

test('N_max subset alternates shortest-on-GPU and shortest-on-CPU without duplicates', async () => {
  const w = [hj(0, 10, 100), hj(1, 20, 1), hj(2, 30, 2), hj(3, 1, 50)];
  assert.deepEqual(nMaxSubset(w, 3).map((j) => j.index), [1, 3, 2]);
  assert.equal(nMaxSubset(w, 10).length, 4);
});

test('synthetic AlloX workload matches the calibration statistics of the authors’ trace (±10%)', async () => {
  const jobs = alloxWorkload({ seed: 3, jobsPerUser: 1000 });
  const unit = 60;
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const pc = mean(jobs.map((j) => j.cpu.time / unit));
  const pg = mean(jobs.map((j) => j.gpu.time / unit));
  const sp = jobs.map((j) => j.cpu.time / j.gpu.time).sort((a, b) => a - b);
  const median = sp[sp.length >> 1];
  const cpuFaster = jobs.filter((j) => j.cpu.time < j.gpu.time).length / jobs.length;
  assert.ok(Math.abs(pc / 215 - 1) < 0.1, `mean p^c ${pc}`);
  assert.ok(Math.abs(pg / 58 - 1) < 0.1, `mean p^g ${pg}`);
  assert.ok(Math.abs(median / 4.4 - 1) < 0.1, `median speedup ${median}`);
  assert.ok(cpuFaster > 0.03 && cpuFaster < 0.07, `share faster on CPU ${cpuFaster}`);
});

test('every hybrid policy finishes every job once and never double-books a machine', async () => {
  const jobs = alloxWorkload({ seed: 5, users: 4, jobsPerUser: 15, load: 1.5 });
  const c = { ...hybridClusterPreset('allox'), gpus: 4, cpuNodes: 4 };
  for (const name of HYBRID_POLICY_NAMES) {
    const r = simulateHybrid(jobs, c, await hybridPolicy(name, jobs), {
      onInstant(_now, busy) {
        const seen = new Set<string>();
        for (const b of busy) if (b) {
          assert.ok(!seen.has(b.job.id), `${name}: job ${b.job.id} on two machines`);
          seen.add(b.job.id);
        }
      },
    });
    assert.equal(r.outcomes.length, jobs.length, name);
    for (const o of r.outcomes) assert.ok(o.jct >= Math.min(o.job.cpu.time, o.job.gpu.time) - 1e-6, `${name}: job ${o.job.id} faster than possible`);
  }
});

test('AlloX paper ordering on a synthetic AlloX workload (10 users × 60 jobs, load 1.3, seed 11): AlloX well below DRFF/DRFS/ES/DRFA, SRPT lowest', async () => {
  const jobs = alloxWorkload({ seed: 11, users: 10, jobsPerUser: 60, load: 1.3 });
  const c = hybridClusterPreset('allox');
  const avg: Record<string, number> = {};
  for (const name of ['allox', 'drff', 'drfs', 'es', 'drfa', 'srpt']) {
    const r = simulateHybrid(jobs, c, await hybridPolicy(name, jobs));
    avg[name] = r.outcomes.reduce((a, o) => a + o.jct, 0) / r.outcomes.length;
  }
  // Measured (seed 11): AlloX 114 min, DRFF 298, DRFS 174, ES 153, DRFA 177, SRPT 87 — the paper's order,
  // with smaller gaps than its 95/84/88/53 % (it used 1,000 jobs per user).
  assert.ok(avg.allox < 0.5 * avg.drff, `AlloX ${avg.allox.toFixed(0)} s not well below DRFF ${avg.drff.toFixed(0)} s`);
  for (const b of ['drfs', 'es', 'drfa']) assert.ok(avg.allox < 0.8 * avg[b], `AlloX ${avg.allox.toFixed(0)} s not well below ${b} ${avg[b].toFixed(0)} s`);
  for (const p of ['allox', 'drff', 'drfs', 'es', 'drfa']) assert.ok(avg.srpt <= avg[p], `SRPT ${avg.srpt} not lowest vs ${p} ${avg[p]}`);
  assert.ok(avg.allox <= 1.6 * avg.srpt, 'AlloX within 60% of SRPT');
});

test('IRFsim quirk legacyCpuFlag changes only the progress-based fairness metric of DRF-family baselines', async () => {
  const jobs = alloxWorkload({ seed: 9, users: 4, jobsPerUser: 20, load: 1.5 });
  const c = hybridClusterPreset('allox');
  const a = simulateHybrid(jobs, c, await hybridPolicy('drfa', jobs));
  const b = simulateHybrid(jobs, c, await hybridPolicy('drfa', jobs), { legacyCpuFlag: true });
  assert.deepEqual(a.outcomes.map((o) => o.finish), b.outcomes.map((o) => o.finish));
  assert.ok(a.outcomes.some((o) => o.device === 'cpu'), 'the workload puts some jobs on CPUs');
  assert.notEqual(a.fairness, b.fairness);
  const w = simulateHybrid(jobs, c, await hybridPolicy('drfa', jobs), { fairnessWindowSeconds: 600 });
  assert.notEqual(w.fairness, a.fairness);
});
