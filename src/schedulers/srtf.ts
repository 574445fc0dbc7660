/**
 * SRTF, shortest remaining time first (Synergy spec §5): key = remaining
 * time at the speed the allocation mode aims for (remaining work ÷ S_j under
 * greedy/tune/opt, ÷ 1 under proportional). Preemptive at round boundaries.
 */
import type { JobPolicy } from './types.js';

export const srtfPolicy: JobPolicy = {
  name: 'srtf',
  starvationGuard: true,
  key: (s, ctx) => s.remaining / ctx.mode.expectedSpeed(s, ctx),
};
