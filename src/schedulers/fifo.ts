/** FIFO: order by arrival time (Synergy spec §5). No starvation guard (as the original). */
import type { JobPolicy } from './types.js';

export const fifoPolicy: JobPolicy = {
  name: 'fifo',
  starvationGuard: false,
  arrivalOrder: true,
  key: (s) => s.job.arrival,
};
