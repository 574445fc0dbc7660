/**
 * Synergy allocation mode "tune" (Synergy-Tune, `+tune`; Mohan et al.,
 * OSDI'22; Synergy spec §3.3, from msr-fiddle/synergy):
 * 1. try the best-case demand D_j;
 * 2. if it fails and D_j exceeds the fair share g·F in any resource, try g·F;
 * 3. if that fails, **peer adjustment** for the demand D of step 1 or 2 (D_j
 *    itself when it is within g·F in every resource, else g·F — the original
 *    `_tune` keeps the job's own demand vector when `_make_fair_share` cannot
 *    lower it): pick servers with free GPUs (for g > 1 the first server by id
 *    with ≥ g free GPUs; else, or when none has, servers by fewest free GPUs,
 *    then id, until g GPUs), compute the cores/GB of D missing
 *    there, walk those servers' jobs ordered by (fewest servers spanned, most
 *    cores/GPU, most GB/GPU; ties in the order they were placed this round, the
 *    original's stable in-place sort of its per-server list) and move them back to their fair share (their
 *    round progress is credited at the fair-share speed) until covered; then
 *    allocate j at D (its speed factor, 1 at g·F);
 * 4. if even that fails the original exits; here an Error naming the job and
 *    the round is thrown (an internal error, exit 1).
 * Jobs therefore never run below their fair-share throughput (property tested).
 * The caller only offers a job when enough GPUs are free in total.
 */
import { typeSpeed } from '../model/training.js';
import { bestCase, fairShare, placeOn, usableTypes } from './lease.js';
import type { PerGpuDemand } from './server-pool.js';
import type { AllocationMode, JobState, RoundContext } from './types.js';

const EPS = 1e-9;


/** Moves a placed job to its fair share on the same servers and GPUs (its round progress is then credited at speed factor 1); it keeps its place in `ctx.onServer`. */
function backToFairShare(p: JobState, ctx: RoundContext): void {
  const pool = ctx.pool;
  const pf = fairShare(pool, p.leaseType);
  let u = ctx.tenantUsage.get(p.job.tenant);
  if (!u) ctx.tenantUsage.set(p.job.tenant, (u = { gpus: 0, cores: 0, memoryGb: 0 }));
  p.lease = p.lease.map((sh) => {
    const fixed = { server: sh.server, gpus: sh.gpus, cores: sh.gpus * pf.cores, memoryGb: sh.gpus * pf.memoryGb };
    pool.give(sh);
    pool.take(fixed);
    u.cores += fixed.cores - sh.cores;
    u.memoryGb += fixed.memoryGb - sh.memoryGb;
    return fixed;
  });
  p.coresPerGpu = pf.cores;
  p.memPerGpu = pf.memoryGb;
  p.speedFactor = 1;
  p.speed = typeSpeed(p.job, pool.types[p.leaseType]);
  p.degraded = true;
}

/** Peers to move back first: fewest servers spanned, then most cores per GPU, then most GB per GPU. */
const peerOrder = (a: JobState, b: JobState): number => a.lease.length - b.lease.length || b.coresPerGpu - a.coresPerGpu || b.memPerGpu - a.memPerGpu;

/** Step 3 for the job's demand `d` (per GPU): free what `d` misses on the chosen servers from peers above fair share, then place the job at `d`. */
function peerAdjust(s: JobState, ctx: RoundContext, type: number, d: Readonly<PerGpuDemand>): boolean {
  const pool = ctx.pool;
  const g = s.job.gpus;
  const f = fairShare(pool, type);
  // The original's `_get_underutilized_servers`: a multi-GPU job takes the first server (by id) with
  // enough free GPUs; otherwise servers by (fewest free GPUs, id) until g.
  const single = g > 1 ? pool.serversWithFree(type, g) : [];
  const candidates: number[] = single.length ? [Math.min(...single)] : [];
  if (candidates.length === 0) {
    let have = 0;
    const byFree = pool.serversWithFree(type, 1).sort((a, b) => pool.freeGpus[a] - pool.freeGpus[b] || a - b);
    for (const sv of byFree) {
      if (have >= g) break;
      candidates.push(sv);
      have += pool.freeGpus[sv];
    }
    if (have < g) return false;
  }
  if (candidates.length === 0) return false;
  let need = g;
  for (const sv of candidates) {
    const k = Math.min(need, pool.freeGpus[sv]);
    need -= k;
    const missCores = k * d.cores - pool.freeCores[sv];
    const missMem = k * d.memoryGb - pool.freeMem[sv];
    if (missCores <= EPS && missMem <= EPS) continue;
    // The original sorts the server's job list in place (`_reallocate_peer`; stable, so ties keep the
    // order jobs were placed in this round) and re-places peers where they stand in it.
    // (`backToFairShare` leaves the list as it is, so it is walked in place.)
    const onSv = ctx.onServer[sv];
    onSv.sort(peerOrder);
    for (let i = 0; i < onSv.length; i++) {
      const p = onSv[i];
      if (pool.freeCores[sv] >= k * d.cores - EPS && pool.freeMem[sv] >= k * d.memoryGb - EPS) break;
      if (p.coresPerGpu > f.cores + EPS || p.memPerGpu > f.memoryGb + EPS) backToFairShare(p, ctx);
    }
  }
  return placeOn(s, ctx, type, d.cores, d.memoryGb, d.speed);
}

export const tuneMode: AllocationMode = {
  name: 'tune',
  largestJobsFirst: true,
  expectedSpeed: (s, ctx) => bestCase(s, ctx.pool, usableTypes(s, ctx.pool)[0] ?? 0).speed,
  allocate(s, ctx) {
    // Indexed loops: this runs for every placed job of every round (for-of left an iterator result per type to the GC).
    const types = usableTypes(s, ctx.pool);
    for (let i = 0; i < types.length; i++) {
      const t = types[i];
      const b = bestCase(s, ctx.pool, t);
      if (placeOn(s, ctx, t, b.cores, b.memoryGb, b.speed)) return true;
    }
    for (let i = 0; i < types.length; i++) {
      const t = types[i];
      const b = bestCase(s, ctx.pool, t);
      const f = fairShare(ctx.pool, t);
      if ((b.cores > f.cores + EPS || b.memoryGb > f.memoryGb + EPS) && placeOn(s, ctx, t, f.cores, f.memoryGb, 1)) {
        s.degraded = b.speed > 1;
        return true;
      }
    }
    for (let i = 0; i < types.length; i++) {
      const t = types[i];
      if (ctx.pool.freeByType[t] < s.job.gpus) continue;
      const b = bestCase(s, ctx.pool, t);
      const f = fairShare(ctx.pool, t);
      const aboveFair = b.cores > f.cores + EPS || b.memoryGb > f.memoryGb + EPS;
      if (peerAdjust(s, ctx, t, aboveFair ? { cores: f.cores, memoryGb: f.memoryGb, speed: 1 } : b)) {
        s.degraded = aboveFair && b.speed > 1;
        return true;
      }
    }
    if (types.some((t) => ctx.pool.freeByType[t] >= s.job.gpus)) {
      throw new Error(`synergy-tune: job ${s.job.id} (${s.job.gpus} GPUs) could not be placed even after peer adjustment in the round at ${ctx.now} s`);
    }
    return false;
  },
};
