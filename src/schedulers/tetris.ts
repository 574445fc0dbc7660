/**
 * Tetris, multi-resource packing (Grandl et al., SIGCOMM'14 §3; Synergy spec §5).
 * Canonical here: at each pick, the job with the largest score =
 * alignment + ε·(remaining-work score), alignment = Σ_r (d_r/cap_r)·(free_r/cap_r)
 * over GPUs, cores and GB of the job's fair-share demand, the remaining-work
 * score = (smallest remaining among runnable)/(job's remaining) ∈ (0, 1],
 * ε = mean alignment / mean remaining-work score at round start. Simplification
 * (ours): alignment is computed against the cluster's aggregate free vector,
 * and the job is then placed by the shared placement rule, rather than scoring
 * every (job, server) pair. Fairness knob f ∈ [0, 1) (`tetrisPolicyWithFairness(f)`,
 * default 0): only jobs of the ⌈(1 − f)·T⌉ tenants furthest below an equal
 * share (lowest GPU allocation this round, ties by name) are considered at each pick.
 * Original (`tetrisScore: "weightedRemaining"`):
 * key = remaining time × Σ_r d_r/cap_r — `tetrisOriginalPolicy`.
 */
import type { JobOrder, JobPolicy, JobState, RoundContext } from './types.js';

function demandFractions(s: JobState, ctx: RoundContext): [number, number, number] {
  const f = ctx.pool.typeServer[0];
  const g = s.job.gpus;
  return [g / ctx.totalGpus, (g * f.cores) / f.gpus / ctx.totalCores, (g * f.memoryGb) / f.gpus / ctx.totalMemoryGb];
}

export const tetrisPolicy: JobPolicy = tetrisPolicyWithFairness(0);

export function tetrisPolicyWithFairness(f: number): JobPolicy {
  if (!(f >= 0 && f < 1)) throw new RangeError(`Tetris fairness knob must be in [0, 1), got ${f}`);
  return {
  name: f === 0 ? 'tetris' : `tetris-f${f}`,
  starvationGuard: true,
  order(runnable: readonly JobState[], ctx: RoundContext): JobOrder {
    const left = [...runnable];
    const dem = new Map(left.map((s) => [s, demandFractions(s, ctx)]));
    let minRem = Infinity;
    for (const s of left) minRem = Math.min(minRem, s.remaining);
    const rw = (s: JobState): number => minRem / s.remaining;
    let free: [number, number, number] = [0, 0, 0];
    const refreshFree = (): void => {
      const p = ctx.pool;
      let freeC = 0, freeM = 0;
      for (let i = 0; i < p.servers.length; i++) {
        freeC += p.freeCores[i];
        freeM += p.freeMem[i];
      }
      free = [p.totalFreeGpus / ctx.totalGpus, freeC / ctx.totalCores, freeM / ctx.totalMemoryGb];
    };
    const align = (s: JobState): number => {
      const d = dem.get(s)!;
      return d[0] * free[0] + d[1] * free[1] + d[2] * free[2];
    };
    refreshFree();
    let meanA = 0, meanR = 0;
    for (const s of left) {
      meanA += align(s);
      meanR += rw(s);
    }
    const eps = meanR > 0 ? meanA / meanR : 0;
    return {
      next() {
        if (left.length === 0) return undefined;
        refreshFree();
        let eligible: Set<string> | undefined;
        if (f > 0) {
          const tenants = [...new Set(left.map((s) => s.job.tenant))];
          tenants.sort((a, b) => (ctx.tenantUsage.get(a)?.gpus ?? 0) - (ctx.tenantUsage.get(b)?.gpus ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
          eligible = new Set(tenants.slice(0, Math.max(1, Math.ceil((1 - f) * tenants.length - 1e-12))));
        }
        let bi = 0, best = -Infinity;
        for (let pass = 0; pass < 2 && best === -Infinity; pass++) {
          // Second pass (work conservation, ours): any tenant when the eligible ones have nothing that fits.
          if (pass === 1 && !eligible) break;
          for (let i = 0; i < left.length; i++) {
            if (left[i].job.gpus > ctx.pool.totalFreeGpus) continue;
            if (pass === 0 && eligible && !eligible.has(left[i].job.tenant)) continue;
            const sc = align(left[i]) + eps * rw(left[i]);
            if (sc > best) {
              best = sc;
              bi = i;
            }
          }
        }
        if (best === -Infinity) return undefined;
        return left.splice(bi, 1)[0];
      },
    };
  },
  };
}

export const tetrisOriginalPolicy: JobPolicy = {
  name: 'tetris',
  starvationGuard: true,
  key: (s, ctx) => {
    const d = demandFractions(s, ctx);
    return (s.remaining / ctx.mode.expectedSpeed(s, ctx)) * (d[0] + d[1] + d[2]);
  },
};
