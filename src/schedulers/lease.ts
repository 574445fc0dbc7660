/**
 * Lease mechanics shared by every allocation mode: per-GPU fair share and
 * best-case demand (Synergy spec §2), placing a job on the pool with a given
 * per-GPU demand over the accelerator types it can use, and releasing a lease.
 */
import { typeSpeed } from '../model/training.js';
import { profileThroughput, synergyProfile } from '../workload/training/synergy-profiles.js';
import type { PerGpuDemand, ServerPool, ServerShare } from './server-pool.js';
import type { JobState, RoundContext } from './types.js';

/** GPU-proportional share per GPU on a type: (cores, GB) of its first server / its GPUs. */
export function fairShare(pool: ServerPool, type: number): Readonly<{ cores: number; memoryGb: number }> {
  return pool.fairShares[type];
}

/**
 * Best-case per-GPU demand of a job on a type and the speed factor it brings
 * (1 = fair share). Spec §2: D = g·(c*, k*); components above one server are
 * capped and S_j = 1 + (S_m − 1)(c_capped − c_fair)/(c* − c_fair); jobs larger
 * than a server get the fair share and S = 1. Jobs without a model: fair share, 1.
 * Computed once per (model, type, GPUs) and pool (`ServerPool.demandCache`); the
 * object returned is shared and frozen.
 */
export function bestCase(s: JobState, pool: ServerPool, type: number): Readonly<PerGpuDemand> {
  const model = s.job.model;
  const g = s.job.gpus;
  if (!model || g > pool.maxGpusPerServer[type]) return pool.fairShares[type];
  let byType = pool.demandCache.get(model);
  if (!byType) pool.demandCache.set(model, (byType = pool.types.map(() => [])));
  return (byType[type][g] ??= Object.freeze(computeBestCase(model, g, pool, type)));
}

function computeBestCase(model: string, g: number, pool: ServerPool, type: number): PerGpuDemand {
  const f = fairShare(pool, type);
  const p = synergyProfile(model);
  const server = pool.typeServer[type];
  let c = p.bestCores, k = p.bestMemoryGb, speed = p.speedup;
  if (c * g > server.cores || k * g > server.memoryGb) {
    const cc = Math.min(c, server.cores / g);
    k = Math.min(k, server.memoryGb / g);
    speed = p.bestCores > f.cores ? 1 + (p.speedup - 1) * Math.max(0, cc - f.cores) / (p.bestCores - f.cores) : p.speedup;
    c = cc;
  }
  return { cores: c, memoryGb: k, speed: Math.max(speed, 1) };
}

/** Normalised speed of a job at a per-GPU (cores, GB) allocation from its profile matrix (1 without a model). */
export function profileSpeed(s: JobState, coresPerGpu: number, memPerGpu: number): number {
  return s.job.model ? profileThroughput(synergyProfile(s.job.model), coresPerGpu, memPerGpu) : 1;
}

/**
 * Accelerator type indices the job may use (speed > 0), in cluster order: its `preferredType` alone when set.
 * Read-only: the common answers (one type, every type) are arrays shared by the pool, not built per call.
 */
export function usableTypes(s: JobState, pool: ServerPool): readonly number[] {
  if (s.preferredType >= 0) return pool.typeIndexLists[s.preferredType];
  // Without throughputs a job runs at speed 1 on every type.
  if (!s.job.throughputs) return pool.typeIndexLists[pool.types.length];
  const out: number[] = [];
  for (let t = 0; t < pool.types.length; t++) if (typeSpeed(s.job, pool.types[t]) > 0) out.push(t);
  return out;
}

/**
 * Tries to place the job on type `type` with the given per-GPU demand; on success
 * takes the resources, records the lease on the job and on `ctx.onServer`,
 * adds tenant usage, and sets `speed = typeSpeed × speedFactor`.
 */
export function placeOn(s: JobState, ctx: RoundContext, type: number, coresPerGpu: number, memPerGpu: number, speedFactor: number, consolidate = ctx.consolidate): boolean {
  const shares = ctx.pool.find(type, s.job.gpus, coresPerGpu, memPerGpu, consolidate);
  if (!shares) return false;
  for (let i = 0; i < shares.length; i++) {
    const sh = shares[i];
    ctx.pool.take(sh);
    ctx.onServer[sh.server].push(s);
  }
  s.lease = shares;
  s.leaseType = type;
  s.coresPerGpu = coresPerGpu;
  s.memPerGpu = memPerGpu;
  s.speedFactor = speedFactor;
  s.speed = typeSpeed(s.job, ctx.pool.types[type]) * speedFactor;
  addUsage(ctx, s, 1);
  return true;
}

function addUsage(ctx: RoundContext, s: JobState, sign: 1 | -1): void {
  let u = ctx.tenantUsage.get(s.job.tenant);
  if (!u) ctx.tenantUsage.set(s.job.tenant, (u = { gpus: 0, cores: 0, memoryGb: 0 }));
  const lease = s.lease;
  for (let i = 0; i < lease.length; i++) {
    const sh = lease[i];
    u.gpus += sign * sh.gpus;
    u.cores += sign * sh.cores;
    u.memoryGb += sign * sh.memoryGb;
  }
}

/** Releases a job's lease within the round (peer adjustment, opt re-placement). */
export function releaseLease(s: JobState, ctx: RoundContext): void {
  addUsage(ctx, s, -1);
  for (const sh of s.lease) {
    ctx.pool.give(sh);
    const l = ctx.onServer[sh.server];
    const i = l.indexOf(s);
    if (i >= 0) l.splice(i, 1);
  }
  clearLease(s);
}

/** The lease of a job that holds none: one shared, frozen empty array (a cleared lease is replaced, never pushed to). */
export const NO_LEASE: ServerShare[] = Object.freeze([]) as unknown as ServerShare[];

/** Forgets a job's lease (shares, type, speed, per-GPU CPU/memory) without returning resources to the pool. */
export function clearLease(s: JobState): void {
  s.lease = NO_LEASE;
  s.leaseType = -1;
  s.speed = 0;
  s.speedFactor = 0;
  s.coresPerGpu = 0;
  s.memPerGpu = 0;
}

/** Places at the GPU-proportional fair share on the first usable type that fits (speed factor 1). */
export function placeFair(s: JobState, ctx: RoundContext, consolidate = ctx.consolidate): boolean {
  // `usableTypes` unrolled: this runs for every placed job of every round.
  const pool = ctx.pool;
  if (s.preferredType >= 0) return placeFairOn(s, ctx, s.preferredType, consolidate);
  for (let t = 0; t < pool.types.length; t++) if (typeSpeed(s.job, pool.types[t]) > 0 && placeFairOn(s, ctx, t, consolidate)) return true;
  return false;
}

function placeFairOn(s: JobState, ctx: RoundContext, type: number, consolidate: boolean): boolean {
  const f = ctx.pool.fairShares[type];
  return placeOn(s, ctx, type, f.cores, f.memoryGb, 1, consolidate);
}
