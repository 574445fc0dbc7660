/**
 * DRFA, DRF extended to interchangeable resources (AlloX spec §5.4): one GPU
 * counts as β cores, β = mean over the workload's jobs of c_j·p̂^c_j/(g_j·p̂^g_j)
 * (canonical); share = max((cpu + β·gpu)/(C + β·G), mem/M). The lowest-share
 * user tries a free GPU with its shortest-on-GPU job, otherwise a free CPU
 * node with its shortest-on-CPU job; a user with neither is passed over.
 *
 * `cpuFallback: "irfsim"` (IRFsim `DRFExtScheduler.onlineDRFShare`, read at
 * lenhattan86/IRFsim@2963b9a): when the shortest-on-GPU job finds no GPU, the
 * shortest-on-CPU job is started on a CPU node but for the *shortest-on-GPU
 * job's* true CPU time — the code re-fetches the job and keeps the first
 * job's demand.
 */
import type { HybridJob } from './cluster.js';
import { dominantUsage, freeMachineFor } from './drf-online.js';
import type { HybridPolicy } from './engine.js';

export function drfaBeta(jobs: readonly HybridJob[]): number {
  if (jobs.length === 0) return 1;
  let s = 0;
  for (const j of jobs) s += (j.cpu.cores * j.estCpuTime) / (j.gpu.gpus * j.estGpuTime);
  return s / jobs.length;
}

export function drfaPolicy(beta: number, cpuFallback: 'own' | 'irfsim' = 'own'): HybridPolicy {
  return {
    name: 'drfa',
    quirks: { legacyCpuFlag: true },
    schedule(v) {
      const free = new Set(v.free());
      const blocked = new Set<string>();
      while (free.size > 0) {
        const q = v.queued();
        let best: string | undefined;
        let bestShare = Infinity;
        for (const u of v.users) {
          if (blocked.has(u) || !(q.get(u)?.length)) continue;
          const d = dominantUsage(v, u, beta);
          if (d < bestShare) {
            bestShare = d;
            best = u;
          }
        }
        if (best === undefined) return;
        const jobs = q.get(best)!;
        const g = [...jobs].sort((a, b) => a.estGpuTime - b.estGpuTime || a.index - b.index)[0];
        let m = freeMachineFor(v, g, 'gpu', free);
        let job = g;
        let secs: number | undefined;
        if (m < 0) {
          job = [...jobs].sort((a, b) => a.estCpuTime - b.estCpuTime || a.index - b.index)[0];
          m = freeMachineFor(v, job, 'cpu', free);
          if (cpuFallback === 'irfsim') secs = g.cpu.time;
        }
        if (m < 0) {
          blocked.add(best);
          continue;
        }
        v.start(job, m, secs);
        free.delete(m);
      }
    },
  };
}
