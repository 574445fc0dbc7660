/** SRSF, shortest remaining service first (Synergy code; Gu et al., Tiresias): key = remaining time × GPUs. */
import type { JobPolicy } from './types.js';

export const srsfPolicy: JobPolicy = {
  name: 'srsf',
  starvationGuard: true,
  key: (s, ctx) => (s.remaining / ctx.mode.expectedSpeed(s, ctx)) * s.job.gpus,
};
