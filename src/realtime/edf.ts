/**
 * Earliest deadline first: key d_j (Liu & Layland, JACM 1973; for one machine
 * with all jobs released together it minimises the maximum lateness —
 * Jackson's rule, 1955). Shared dispatch loop of shared/specs/realtime-drl.md §5.
 */
import type { RealtimeScheduler } from './engine.js';
import { keyScheduler, type PriorityDispatchOptions } from './priority-dispatch.js';

export function edf(options: PriorityDispatchOptions = {}): RealtimeScheduler {
  return keyScheduler('edf', (j) => j.request.deadlineS, options);
}
