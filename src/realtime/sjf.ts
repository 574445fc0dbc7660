/** Shortest job first: key = remaining optimistic latency Σ_{remaining} min_s c (s) (shared/specs/realtime-drl.md §5). */
import type { RealtimeScheduler } from './engine.js';
import { keyScheduler, type PriorityDispatchOptions } from './priority-dispatch.js';

export function sjf(options: PriorityDispatchOptions = {}): RealtimeScheduler {
  return keyScheduler('sjf', (j) => j.remainingOptimisticS, options);
}
