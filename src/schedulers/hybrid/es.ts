/**
 * ES, static equal share (AlloX spec §5.3): each of the N users of the
 * workload owns 1/N of every capacity (cores, GPUs, GB) whether active or not
 * (not work-conserving). Inside its share a user fills GPUs with its
 * shortest-on-GPU jobs (by p̂^g), then CPUs with its shortest-on-CPU jobs.
 */
import { fitsMachine, hybridTotals, type HybridJob } from './cluster.js';
import { freeMachineFor } from './drf-online.js';
import type { HybridPolicy } from './engine.js';

export const esPolicy: HybridPolicy = {
  name: 'es',
  quirks: { legacyCpuFlag: true },
  schedule(v) {
    const t = hybridTotals(v.cluster);
    const n = v.users.length;
    const free = new Set(v.free());
    for (const u of v.users) {
      const q = v.queued().get(u) ?? [];
      if (!q.length) continue;
      const use = v.usage(u);
      const byG = [...q].sort((a, b) => a.estGpuTime - b.estGpuTime || a.index - b.index);
      const started = new Set<HybridJob>();
      for (const j of byG) {
        if (use.gpus + j.gpu.gpus > t.gpus / n + 1e-9 || use.memoryGb + j.gpu.memoryGb > t.memoryGb / n + 1e-9) break;
        const m = freeMachineFor(v, j, 'gpu', free);
        if (m < 0 || !fitsMachine(v.cluster, j, m)) break;
        v.start(j, m);
        free.delete(m);
        started.add(j);
        use.gpus += j.gpu.gpus;
        use.memoryGb += j.gpu.memoryGb;
      }
      const byC = q.filter((j) => !started.has(j)).sort((a, b) => a.estCpuTime - b.estCpuTime || a.index - b.index);
      for (const j of byC) {
        if (use.cores + j.cpu.cores > t.cores / n + 1e-9 || use.memoryGb + j.cpu.memoryGb > t.memoryGb / n + 1e-9) break;
        const m = freeMachineFor(v, j, 'cpu', free);
        if (m < 0) break;
        v.start(j, m);
        free.delete(m);
        use.cores += j.cpu.cores;
        use.memoryGb += j.cpu.memoryGb;
      }
    }
  },
};
