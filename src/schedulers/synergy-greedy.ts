/**
 * Synergy allocation mode "greedy" (Synergy-Greedy, the bare policy name in
 * the original): try the job's best-case CPU/memory demand (spec §2); if it
 * does not fit, skip the job this round (Synergy spec §3.2).
 */
import { bestCase, placeOn, usableTypes } from './lease.js';
import type { AllocationMode } from './types.js';

export const greedyMode: AllocationMode = {
  name: 'greedy',
  expectedSpeed: (s, ctx) => bestCase(s, ctx.pool, usableTypes(s, ctx.pool)[0] ?? 0).speed,
  allocate(s, ctx) {
    const types = usableTypes(s, ctx.pool);
    for (let i = 0; i < types.length; i++) {
      const t = types[i];
      const b = bestCase(s, ctx.pool, t);
      if (placeOn(s, ctx, t, b.cores, b.memoryGb, b.speed)) return true;
    }
    return false;
  },
};
