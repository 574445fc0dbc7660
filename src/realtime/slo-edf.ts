/**
 * SLO-aware EDF (ours, the heuristic baseline of issue 13): earliest *virtual*
 * deadline first, where a job's deadline is moved earlier while its
 * (tenant, model) pair is below its own SLO target and later while above:
 *
 *   key_j = d_j − α · L_iso(m_j) · clip((HR*_p − HR_p) / max(1 − HR*_p, 0.01), −1, 1)
 *
 * HR_p is the pair's deadline hit rate over the engine's sliding SLI window
 * (the target until a request of the pair resolves), HR*_p its target, and
 * 1 − HR*_p its error budget, so a shortfall is measured in units of the
 * pair's own budget (as the deep-RL reward does, drl-scheduler.ts). α (in
 * isolated latencies; default 2, chosen on training seeds 1,000,001–1,000,003
 * of builtin:realtime, never on the evaluation seeds) bounds the shift: with
 * deadlines of 10 · L_iso a pair can gain or yield at most a fifth of its
 * budget. α = 0 is EDF. Shared dispatch loop (priority-dispatch.ts).
 */
import type { JobView, RealtimeScheduler, SchedulerView } from './engine.js';
import { keyScheduler, type PriorityDispatchOptions } from './priority-dispatch.js';

export interface SloEdfOptions extends PriorityDispatchOptions {
  /** Largest deadline shift, in isolated latencies L_iso of the job's model (≥ 0; 0 = EDF). */
  alpha?: number;
}

/** The normalised shortfall of a pair from its target, clipped to [−1, 1] (positive = behind). */
export function sloShortfall(hitRate: number, target: number): number {
  const g = (target - hitRate) / Math.max(1 - target, 0.01);
  return g < -1 ? -1 : g > 1 ? 1 : g;
}

export function sloEdf(options: SloEdfOptions = {}): RealtimeScheduler {
  const alpha = options.alpha ?? 2;
  return keyScheduler(
    'slo-edf',
    (j: JobView, view: SchedulerView) => j.request.deadlineS - alpha * j.profile.isolatedLatencyS * sloShortfall(view.windowHitRate[j.pair.index], j.pair.sloTarget),
    options,
  );
}
