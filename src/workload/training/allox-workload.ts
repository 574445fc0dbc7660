/**
 * AlloX-style synthetic workload (AlloX spec §7, after the authors'
 * trace-generation script; Le et al., EuroSys'20 §5). Times are drawn in
 * units and converted with `timeUnitS` (default 60 s).
 * - U users (default 10), J jobs each; job ids interleave users round-robin.
 * - user u: CPU time p^c ~ N(80 + 30u, 40) truncated to [40, 450] by rejection;
 *   CPU configuration 32 cores and randInt(1..16) GB.
 * - speedup s ~ N(μ_u, 1.2·μ_u) truncated to [0.7, 60], μ = [1.03, 1.25, 2, 3, 3,
 *   5, 6, 7, 8, 15]; p^g = clamp(p^c/s, 1, 400); GPU configuration 1 GPU, 2 GB.
 * - arrivals: Poisson, λ = 0.45 jobs/unit × `load`.
 * - reported times p̂ = p·(1 + ε), ε ~ N(0, σ_err = 0.10) clipped to [−0.99, 0.99],
 *   independently for CPU and GPU (§4.1).
 * `truncation: "clip"` clips instead of rejecting (experiments only).
 */
import { Rng } from '../../sim/rng.js';
import type { HybridJob } from '../../schedulers/hybrid/cluster.js';

export const ALLOX_SPEEDUP_MEANS = [1.03, 1.25, 2, 3, 3, 5, 6, 7, 8, 15] as const;

export interface AlloxWorkloadOptions {
  users?: number;
  jobsPerUser?: number;
  /** Multiplies the default arrival rate 0.45 jobs/unit. */
  load?: number;
  timeUnitS?: number;
  errorStd?: number;
  truncation?: 'reject' | 'clip';
  seed: number;
}

function truncNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number, mode: 'reject' | 'clip'): number {
  if (mode === 'clip') return Math.min(hi, Math.max(lo, rng.normal(mean, sd)));
  for (let i = 0; i < 100000; i++) {
    const x = rng.normal(mean, sd);
    if (x >= lo && x <= hi) return x;
  }
  throw new Error(`truncated normal N(${mean}, ${sd}) on [${lo}, ${hi}] rejected 100000 draws`);
}

/** A reported time's relative error e ~ N(0, σ) clamped to [−0.99, 0.99]: reported = true × (1 + e) (AlloX's estimate model). */
export function relativeError(rng: Rng, sigma: number): number {
  return Math.min(0.99, Math.max(-0.99, rng.normal(0, sigma)));
}

export function alloxWorkload(options: AlloxWorkloadOptions): HybridJob[] {
  const U = options.users ?? 10;
  const J = options.jobsPerUser ?? 1000;
  const unit = options.timeUnitS ?? 60;
  const load = options.load ?? 1;
  const sigma = options.errorStd ?? 0.1;
  const mode = options.truncation ?? 'reject';
  if (!(load > 0)) throw new RangeError(`load must be > 0, got ${load}`);
  const times = Rng.stream(options.seed, 'allox/times');
  const mem = Rng.stream(options.seed, 'allox/memory');
  const arr = Rng.stream(options.seed, 'allox/arrivals');
  const err = Rng.stream(options.seed, 'allox/estimates');
  const out: HybridJob[] = [];
  let t = 0;
  for (let k = 0; k < U * J; k++) {
    const u = k % U;
    const pc = truncNormal(times, 80 + 30 * u, 40, 40, 450, mode);
    const mu = ALLOX_SPEEDUP_MEANS[u % ALLOX_SPEEDUP_MEANS.length];
    const s = truncNormal(times, mu, 1.2 * mu, 0.7, 60, mode);
    const pg = Math.min(400, Math.max(1, pc / s));
    const e1 = relativeError(err, sigma);
    const e2 = relativeError(err, sigma);
    out.push({
      index: k, id: String(k), user: `user-${u}`, arrival: t * unit,
      cpu: { cores: 32, memoryGb: 1 + mem.int(16), time: pc * unit },
      gpu: { gpus: 1, memoryGb: 2, time: pg * unit },
      estCpuTime: pc * unit * (1 + e1), estGpuTime: pg * unit * (1 + e2),
    });
    t += arr.exponential(0.45 * load);
  }
  return out;
}
