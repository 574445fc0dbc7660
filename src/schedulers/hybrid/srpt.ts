/**
 * SRPT on a hybrid cluster (AlloX spec §5.5): preemptive, free preemption, no
 * fairness. At every scheduling instant all running jobs are preempted
 * (progress kept), all (job, device) pairs are sorted by *remaining* reported
 * time p̂·(remaining fraction), and free GPUs and CPU nodes are filled
 * greedily, each job at most once. Option `byOriginalReport` sorts by the
 * original report (the IRFsim quirk `srptByOriginalReport`).
 */
import { fitsMachine, type Device, type HybridJob } from './cluster.js';
import type { HybridPolicy } from './engine.js';

export function srptPolicy(byOriginalReport = false): HybridPolicy {
  return {
    name: 'srpt',
    schedule(v) {
      v.preemptAll();
      const free = new Set(v.free());
      const pairs: { job: HybridJob; device: Device; rem: number }[] = [];
      for (const q of v.queued().values()) {
        for (const j of q) {
          const f = byOriginalReport ? 1 : v.remainingFraction(j);
          pairs.push({ job: j, device: 'gpu', rem: j.estGpuTime * f }, { job: j, device: 'cpu', rem: j.estCpuTime * f });
        }
      }
      pairs.sort((a, b) => a.rem - b.rem || a.job.index - b.job.index || (a.device === 'gpu' ? -1 : 1));
      const started = new Set<HybridJob>();
      const c = v.cluster;
      let freeG = [...free].filter((m) => m < c.gpus);
      let freeC = [...free].filter((m) => m >= c.gpus);
      for (const p of pairs) {
        if (freeG.length === 0 && freeC.length === 0) break;
        if (started.has(p.job)) continue;
        const list = p.device === 'gpu' ? freeG : freeC;
        const m = list.find((x) => fitsMachine(c, p.job, x));
        if (m === undefined) continue;
        v.start(p.job, m);
        started.add(p.job);
        if (p.device === 'gpu') freeG = freeG.filter((x) => x !== m);
        else freeC = freeC.filter((x) => x !== m);
      }
    },
  };
}
