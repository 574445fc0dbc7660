/**
 * Synergy's trace-free workload and the draws it shares with the
 * Philly-derived one (Mohan et al., OSDI'22; msr-fiddle/synergy
 * `simulator/jobs/workload.py` `generate_next_job`, synthetic mode, and
 * `simulator/helpers/utils.py`; Synergy spec §6.2, §6.4, §6.5).
 *
 * `synergySynthetic`: job k arrives one Poisson inter-arrival
 * ⌈Exp(λ)·3600⌉ s after job k − 1 (job 0 one inter-arrival after 0); its
 * fair-share duration is Gavel-like (`gavelLikeDuration`); its GPU demand is
 * 1/2/4/8 with probability 0.70/0.10/0.15/0.05 (`multiGpuDemand`, the
 * original's `get_job_gpu_demand`, which its synthetic mode always uses);
 * its model comes from the class split (`modelAssigner`); its work is
 * ⌊duration/τ_m⌋ iterations × τ_m seconds (the original truncates the
 * iteration count to an integer). One tenant, "0", as the original.
 * Each quantity has its own seeded stream, so changing one draw leaves the
 * others unchanged (the original draws them from one stream; its job lists
 * can be replayed exactly with the recorded-trace reader instead).
 */
import { Rng } from '../../sim/rng.js';
import type { TrainingJob } from '../../model/training.js';
import { SYNERGY_PROFILES, synergyProfile, type ModelClass } from './synergy-profiles.js';

export type ClassSplit = readonly [image: number, language: number, speech: number];
const CLASSES: ModelClass[] = ['image', 'language', 'speech'];

/**
 * Model assigner (Synergy spec §6.5): deterministic given the split — class =
 * argmax over classes of (target share − share so far), ties in class order,
 * round-robin within a class. The `rng` (optional) shuffles the starting
 * model of each class, so different seeds give different pairings.
 */
export function modelAssigner(split: ClassSplit = [20, 70, 10], rng?: Rng): () => string {
  const total = split[0] + split[1] + split[2];
  if (!(total > 0) || split.some((x) => x < 0)) throw new RangeError(`class split must be ≥ 0 with a positive sum, got ${split.join(',')}`);
  const counts = [0, 0, 0];
  const byClass = CLASSES.map((c) => SYNERGY_PROFILES.filter((p) => p.modelClass === c).map((p) => p.name));
  const rr = byClass.map((l) => (rng ? rng.int(l.length) : 0));
  let n = 0;
  return () => {
    let best = -1, bestGap = -Infinity;
    for (let c = 0; c < 3; c++) {
      if (split[c] === 0) continue;
      const gap = split[c] / total - (n ? counts[c] / n : 0);
      if (gap > bestGap + 1e-12) {
        bestGap = gap;
        best = c;
      }
    }
    counts[best]++;
    n++;
    const l = byClass[best];
    return l[rr[best]++ % l.length];
  };
}

/** Gavel-like fair-share duration (s): 60·10^U(1.5, 3) with probability 0.8, else 60·10^U(3, 4) (`get_gavel_like_iter`). */
export function gavelLikeDuration(rng: Rng): number {
  const u = rng.next();
  const e = rng.next();
  return u < 0.8 ? 60 * 10 ** (1.5 + 1.5 * e) : 60 * 10 ** (3 + e);
}

/** The original's multi-GPU mix: 1, 2, 4, 8 GPUs with probability 0.70, 0.10, 0.15, 0.05 (`get_job_gpu_demand`). */
export function multiGpuDemand(rng: Rng): number {
  const u = rng.next();
  return u >= 0.95 ? 8 : u >= 0.8 ? 4 : u >= 0.7 ? 2 : 1;
}

/** Options of `synergySynthetic`. */
export interface SynergySyntheticOptions {
  /** Jobs to generate (≥ 1). */
  jobs: number;
  /** λ, jobs per hour (> 0). */
  jobsPerHour: number;
  /** Class split image/language/speech in % (default 20, 70, 10). */
  split?: ClassSplit;
  /** Draw the 1/2/4/8 GPU mix (default true, the original's synthetic mode); false = every job 1 GPU. */
  multiGpu?: boolean;
  seed: number;
}

/** Synergy's synthetic workload (see the module note). Throws RangeError for λ ≤ 0 or jobs < 1. */
export function synergySynthetic(options: SynergySyntheticOptions): TrainingJob[] {
  if (!(options.jobsPerHour > 0)) throw new RangeError(`load must be > 0 jobs/hour, got ${options.jobsPerHour}`);
  if (!(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new RangeError(`jobs must be an integer ≥ 1, got ${options.jobs}`);
  const arrivals = Rng.stream(options.seed, 'training/arrivals');
  const durations = Rng.stream(options.seed, 'training/durations');
  const gpuDraws = Rng.stream(options.seed, 'training/gpus');
  const assign = modelAssigner(options.split, Rng.stream(options.seed, 'training/models'));
  const multi = options.multiGpu ?? true;
  const out: TrainingJob[] = [];
  let t = 0;
  for (let k = 0; k < options.jobs; k++) {
    t += Math.ceil(arrivals.exponential(options.jobsPerHour) * 3600);
    const duration = gavelLikeDuration(durations);
    const g = multiGpuDemand(gpuDraws);
    const model = assign();
    const tau = synergyProfile(model).iterTime;
    const work = Math.max(1, Math.floor(duration / tau)) * tau;
    out.push({ index: k, id: String(k), tenant: '0', arrival: t, gpus: multi ? g : 1, work, model });
  }
  return out;
}
