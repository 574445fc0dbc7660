/**
 * Online DRF over current usage (Ghodsi et al., NSDI'11), the mechanics
 * shared by AlloX's baselines DRFF and DRFS (AlloX spec §5): repeatedly pick
 * the user with the lowest dominant share of its running jobs (max of cores,
 * GPUs, GB fractions; ties by user id) among users with queued jobs, take the
 * job `pick(user's queue)` and place it on a free slot of the device
 * `device(job)`; the loop stops at the first job that does not fit
 * (head-of-line blocking, as the paper's baselines).
 */
import { fitsMachine, hybridTotals, type Device, type HybridJob } from './cluster.js';
import type { HybridView } from './engine.js';

export function dominantUsage(v: HybridView, user: string, beta?: number): number {
  const t = hybridTotals(v.cluster);
  const u = v.usage(user);
  if (beta !== undefined) return Math.max((u.cores + beta * u.gpus) / (t.cores + beta * t.gpus), u.memoryGb / t.memoryGb);
  return Math.max(u.cores / t.cores, u.gpus / t.gpus, u.memoryGb / t.memoryGb);
}

/** A free machine of the device kind that fits the job, lowest id first; −1 if none. */
export function freeMachineFor(v: HybridView, job: HybridJob, device: Device, free: ReadonlySet<number>): number {
  const c = v.cluster;
  const [lo, hi] = device === 'gpu' ? [0, c.gpus] : [c.gpus, c.gpus + c.cpuNodes];
  for (let m = lo; m < hi; m++) if (free.has(m) && fitsMachine(c, job, m)) return m;
  return -1;
}

export function drfOnline(v: HybridView, pick: (queue: readonly HybridJob[]) => HybridJob, device: (job: HybridJob) => Device): void {
  const free = new Set(v.free());
  while (free.size > 0) {
    const q = v.queued();
    let best: string | undefined;
    let bestShare = Infinity;
    for (const u of v.users) {
      if (!(q.get(u)?.length)) continue;
      const d = dominantUsage(v, u);
      if (d < bestShare) {
        bestShare = d;
        best = u;
      }
    }
    if (best === undefined) return;
    const job = pick(q.get(best)!);
    const m = freeMachineFor(v, job, device(job), free);
    if (m < 0) return;
    v.start(job, m);
    free.delete(m);
  }
}
