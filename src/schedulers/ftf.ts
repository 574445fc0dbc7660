/**
 * FTF, finish-time fairness (Mahajan et al., "Themis", NSDI'20; Synergy spec §5).
 * Canonical: ρ_j = T_sh / T_id, T_sh = (now − a_j) + remaining time at the
 * current allocation (at the mode's expected speed when not running),
 * T_id = work·max(1, N·g_j/G) with N the number of contending jobs averaged over
 * the job's life and G the cluster's GPUs; largest ρ first.
 * Original (msr-fiddle/synergy): ρ = (now − a + remaining)/work, ascending —
 * `ftfOriginalPolicy`.
 */
import type { JobPolicy, JobState, RoundContext } from './types.js';

/** T_id of Themis with a 1/N share of the cluster (s). */
export function ftfIdealTime(work: number, gpus: number, contendAvg: number, totalGpus: number): number {
  return work * Math.max(1, (contendAvg * gpus) / totalGpus);
}

function remainingTime(s: JobState, ctx: RoundContext): number {
  const speed = s.speed > 0 ? s.speed : ctx.mode.expectedSpeed(s, ctx);
  return s.remaining / speed;
}

/** Canonical ρ of a job at round start. */
export function ftfRho(s: JobState, ctx: RoundContext): number {
  const n = s.contendRounds ? (s.contendSum + ctx.contending) / (s.contendRounds + 1) : ctx.contending;
  return (ctx.now - s.job.arrival + remainingTime(s, ctx)) / ftfIdealTime(s.job.work, s.job.gpus, n, ctx.totalGpus);
}

export const ftfPolicy: JobPolicy = {
  name: 'ftf',
  starvationGuard: true,
  readsContention: true,
  key: (s, ctx) => -ftfRho(s, ctx),
};

export const ftfOriginalPolicy: JobPolicy = {
  name: 'ftf',
  starvationGuard: true,
  key: (s, ctx) => (ctx.now - s.job.arrival + remainingTime(s, ctx)) / s.job.work,
};
