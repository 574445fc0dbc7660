/**
 * Training workloads derived from the Philly trace.
 *
 * `phillyReplay`: the whole trace as is — real arrivals (shifted so the first
 * submission is at 0 s), real durations as work at the reference speed, real
 * GPU counts and VCs as tenants; each job gets a Synergy model by a seeded
 * class draw with the spec's class split (default (20, 70, 10) % image /
 * language / speech; Synergy spec §6.5: next class = argmax(target share −
 * share so far), round-robin over the class's models). Optional `jobs` keeps
 * the first N jobs by arrival.
 *
 * `synergyPoisson`: Synergy's default "exponential" workload (spec §6.2–6.4):
 * trace jobs filtered to durations in (10^1.5, 10^4) min, GPU counts from the
 * trace (single-GPU mode forces 1; multi-GPU drops g > 16 and maps g ∉
 * {1,2,4,8,16} to 1), Poisson arrivals at λ jobs/hour
 * (inter-arrival ⌈Exp(λ)·3600⌉ s), Gavel-like durations 60·10^U(1.5,3) with
 * probability 0.8 else 60·10^U(3,4) seconds, tenants from the trace rows.
 */
import { Rng } from '../../sim/rng.js';
import type { PhillyJob } from '../../data/philly-trace.js';
import type { TrainingJob } from '../../model/training.js';
import { gavelLikeDuration, modelAssigner, type ClassSplit } from './synergy-workload.js';

export { modelAssigner, type ClassSplit } from './synergy-workload.js';

export interface PhillyReplayOptions {
  split?: ClassSplit;
  /** Keep the first N jobs by arrival. */
  jobs?: number;
  seed: number;
  /** Assign Synergy models (default true). */
  assignModels?: boolean;
}

export function phillyReplay(trace: readonly PhillyJob[], options: PhillyReplayOptions): TrainingJob[] {
  const sorted = [...trace].sort((a, b) => a.submitTime - b.submitTime || a.row - b.row);
  const kept = options.jobs !== undefined ? sorted.slice(0, options.jobs) : sorted;
  const t0 = kept.length ? kept[0].submitTime : 0;
  const assign = options.assignModels === false ? undefined : modelAssigner(options.split, Rng.stream(options.seed, 'training/models'));
  return kept.map((j, index) => ({
    index, id: String(j.row), tenant: j.tenant, arrival: j.submitTime - t0, gpus: j.gpus, work: j.duration, model: assign?.(),
  }));
}

export interface SynergyPoissonOptions {
  jobs: number;
  /** λ, jobs per hour. */
  jobsPerHour: number;
  split?: ClassSplit;
  multiGpu?: boolean;
  seed: number;
}

export function synergyPoisson(trace: readonly PhillyJob[], options: SynergyPoissonOptions): TrainingJob[] {
  if (!(options.jobsPerHour > 0)) throw new RangeError(`load must be > 0 jobs/hour, got ${options.jobsPerHour}`);
  const lo = 10 ** 1.5 * 60, hi = 1e4 * 60;
  const base = [...trace].sort((a, b) => a.submitTime - b.submitTime || a.row - b.row).filter((j) => j.duration > lo && j.duration < hi);
  const pool = options.multiGpu ? base.filter((j) => j.gpus <= 16) : base;
  if (pool.length === 0) throw new RangeError(`no trace job has a duration between 31.6 and 10,000 min${options.multiGpu ? ' and ≤ 16 GPUs' : ''} (the range Synergy's Poisson workload draws from)`);
  const arrivals = Rng.stream(options.seed, 'training/arrivals');
  const durations = Rng.stream(options.seed, 'training/durations');
  const assign = modelAssigner(options.split, Rng.stream(options.seed, 'training/models'));
  const out: TrainingJob[] = [];
  let t = 0;
  for (let k = 0; k < options.jobs; k++) {
    const src = pool[k % pool.length];
    const g = options.multiGpu ? ([1, 2, 4, 8, 16].includes(src.gpus) ? src.gpus : 1) : 1;
    const work = gavelLikeDuration(durations);
    out.push({ index: k, id: String(k), tenant: src.tenant, arrival: t, gpus: g, work, model: assign() });
    t += Math.ceil(arrivals.exponential(options.jobsPerHour) * 3600);
  }
  return out;
}
