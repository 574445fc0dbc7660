/**
 * Training-cluster scheduling benchmarks (issue 3):
 * - the full Philly trace (82,247 jobs) on the `philly` preset under each
 *   required policy: wall time and jobs simulated per second;
 * - one AlloX matching for 50 jobs × 40 machines (`position-assignment.ts`);
 * - one Synergy-opt round (HiGHS MILP allocation + placement) at 128 GPUs.
 */
import { readFileSync } from 'node:fs';
import { dataFile } from '../src/data/data-dir.js';
import { parsePhillyCsv } from '../src/data/philly-trace.js';
import { phillyReplay, synergyPoisson } from '../src/workload/training/philly-workload.js';
import { clusterPreset } from '../src/workload/training/cluster.js';
import { simulateTraining } from '../src/schedulers/engine.js';
import { createTrainingPolicy, resolveTrainingPolicy } from '../src/schedulers/compose.js';
import { matchPositions } from '../src/schedulers/hybrid/allox.js';
import { alloxWorkload } from '../src/workload/training/allox-workload.js';
import { hybridClusterPreset } from '../src/schedulers/hybrid/cluster.js';
import { report, timeIt } from './timing.js';

export async function run(): Promise<void> {
  const p = dataFile('philly/philly.csv');
  if (!p) {
    console.log('philly/philly.csv not found: skipping the Philly benchmarks');
  } else {
    const text = readFileSync(p, 'utf8');
    const parsed = timeIt(() => parsePhillyCsv(text, p), 3);
    report('parse Philly CSV (82,247 rows)', parsed.seconds, 's');
    const jobs = phillyReplay(parsed.result, { seed: 1 });
    for (const name of ['srtf', 'fifo', 'las', 'ftf', 'synergy-tune']) {
      const { policy, mode } = await createTrainingPolicy(resolveTrainingPolicy(name, 'bench'));
      const t = timeIt(() => simulateTraining(jobs, clusterPreset('philly'), policy, mode), name === 'srtf' ? 3 : 1);
      report(`full Philly, ${name} (512 GPUs, R = 300 s)`, t.seconds, 's', `${(jobs.length / t.seconds).toFixed(0)} jobs/s, ${t.result.roundsProcessed} rounds processed of ${t.result.roundsSimulated}`);
    }
    // Synergy-opt: one round with 160 single-GPU jobs waiting on the 128-GPU Synergy cluster.
    const opt = await createTrainingPolicy(resolveTrainingPolicy('fifo+opt', 'bench'));
    const round = synergyPoisson(parsed.result, { jobs: 160, jobsPerHour: 9, seed: 1 }).map((j) => ({ ...j, arrival: 0 }));
    const t = timeIt(() => simulateTraining(round, clusterPreset('synergy'), opt.policy, opt.mode, { until: 0 }), 3);
    report('Synergy-opt round: MILP allocation + placement, 128 GPUs', t.seconds, 's', '128 jobs selected of 160');
  }
  const jobs = alloxWorkload({ seed: 1, jobsPerUser: 5 });
  const c = hybridClusterPreset('allox');
  const machines = Array.from({ length: c.gpus + c.cpuNodes }, (_, i) => i);
  const w = jobs.slice(0, 50);
  const m = timeIt(() => matchPositions(w, machines, machines.map(() => 0), (j, i) => (i < c.gpus ? j.estGpuTime : j.estCpuTime)), 10);
  report('AlloX matching, 50 jobs × 40 machines (2,000 slots)', m.seconds * 1000, 'ms');
}
