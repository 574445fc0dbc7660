/**
 * LAS, least attained service (Synergy spec §5; Tiresias-style): key =
 * attained seconds × GPU demand. Under tune, the selected jobs are re-sorted
 * by GPU demand, largest first, before allocation, equal demands keeping LAS
 * order (original; tune declares `largestJobsFirst`); this needs the
 * GPU pre-selection, which LAS uses under tune as the original does.
 */
import type { JobPolicy } from './types.js';

export const lasPolicy: JobPolicy = {
  name: 'las',
  starvationGuard: true,
  key: (s) => s.attainedService,
  reorderSelected(selected, mode) {
    // Stable: equal GPU demands keep LAS order (the original's `sort(key=-gpu_deficit)`).
    if (mode.largestJobsFirst) selected.sort((a, b) => b.job.gpus - a.job.gpus);
  },
};

/** LAS with the original's GPU pre-selection (`preselectByGpu`). */
export const lasPreselectPolicy: JobPolicy = { ...lasPolicy, name: 'las', preselectByGpu: true };
