/**
 * DRF, dominant resource fairness (Ghodsi et al., NSDI'11; Synergy spec §5).
 * Canonical: per-tenant progressive filling — the tenant with the lowest
 * dominant share of its allocation so far this round (max of GPU, core, GB
 * fractions of the cluster) places its next job (oldest first); a job that
 * does not fit is skipped. Original (`drfLevel: "job"`): a job-level key
 * max(g/G, c/C, k/M) of the job's own fair-share demand — `drfJobPolicy`.
 */
import type { JobOrder, JobPolicy, JobState, RoundContext } from './types.js';

function dominantShare(ctx: RoundContext, tenant: string): number {
  const u = ctx.tenantUsage.get(tenant);
  if (!u) return 0;
  return Math.max(u.gpus / ctx.totalGpus, u.cores / ctx.totalCores, u.memoryGb / ctx.totalMemoryGb);
}

export const drfPolicy: JobPolicy = {
  name: 'drf',
  starvationGuard: false,
  order(runnable: readonly JobState[], ctx: RoundContext): JobOrder {
    const queues = new Map<string, JobState[]>();
    for (const s of runnable) {
      let q = queues.get(s.job.tenant);
      if (!q) queues.set(s.job.tenant, (q = []));
      q.push(s);
    }
    const tenants = [...queues.keys()].sort();
    const pos = new Map(tenants.map((t) => [t, 0]));
    return {
      next() {
        let best: string | undefined;
        let bestShare = Infinity;
        for (const t of tenants) {
          if (pos.get(t)! >= queues.get(t)!.length) continue;
          const d = dominantShare(ctx, t);
          if (d < bestShare) {
            bestShare = d;
            best = t;
          }
        }
        if (best === undefined) return undefined;
        const p = pos.get(best)!;
        pos.set(best, p + 1);
        return queues.get(best)![p];
      },
    };
  },
};

export const drfJobPolicy: JobPolicy = {
  name: 'drf',
  starvationGuard: true,
  key: (s, ctx) => {
    const f = ctx.pool.typeServer[0];
    const g = s.job.gpus;
    return Math.max(g / ctx.totalGpus, (g * f.cores) / f.gpus / ctx.totalCores, (g * f.memoryGb) / f.gpus / ctx.totalMemoryGb);
  },
};
