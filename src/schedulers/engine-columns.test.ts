import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { simulateTraining } from './engine.js';
import { preloadTrainingPolicies } from './test-helpers.js';
import { buildCluster } from '../workload/training/cluster.js';
import type { TrainingJob } from '../model/training.js';

const policies = await preloadTrainingPolicies(['fifo', 'las', 'srtf+tune']);
const cluster = buildCluster('c', [{ count: 2, gpus: 4, cores: 12, memoryGb: 250 }]);

test('EngineResult.columns: job-index order whatever the input order, and `outcomes` is the same data as objects (property)', () => {
  const arb = fc.array(fc.record({ arrival: fc.integer({ min: 0, max: 2000 }), work: fc.integer({ min: 1, max: 3000 }), gpus: fc.constantFrom(1, 2, 4, 8) }), { minLength: 1, maxLength: 20 });
  fc.assert(
    fc.property(arb, fc.constantFrom('fifo', 'las', 'srtf+tune'), fc.integer(), (raw, name, seed) => {
      // Indices are a permutation of the input positions, so input order, arrival order and index order differ.
      const perm = raw.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
      const jobs: TrainingJob[] = raw.map((r, i) => ({ index: perm[i], id: `j${perm[i]}`, tenant: 't', arrival: r.arrival, work: r.work, gpus: r.gpus }));
      const { policy, mode } = policies(name);
      const r = simulateTraining(jobs, cluster, policy, mode);
      const c = r.columns;
      assert.deepEqual(c.jobs.map((j) => j.index), [...perm].sort((a, b) => a - b));
      const outcomes = r.outcomes;
      assert.equal(r.outcomes, outcomes, 'built once');
      outcomes.forEach((o, i) => {
        assert.equal(o.job, c.jobs[i]);
        assert.deepEqual([o.firstStart, o.finish, o.runSeconds, o.contendAvg], [c.firstStart[i], c.finish[i], c.runSeconds[i], c.contendAvg[i]]);
        assert.ok(o.finish >= o.job.arrival && o.firstStart >= o.job.arrival && o.firstStart <= o.finish);
        assert.equal(o.jct, o.finish - o.job.arrival);
        assert.equal(o.queueing, o.firstStart - o.job.arrival);
        assert.ok(o.runSeconds > 0 && o.runSeconds <= o.finish - o.firstStart + 1e-9);
      });
    }),
    { numRuns: 60 },
  );
});
