/** Least slack first (LSF): key = d_j − now − remaining optimistic latency (s) (shared/specs/realtime-drl.md §5). */
import type { RealtimeScheduler } from './engine.js';
import { keyScheduler, type PriorityDispatchOptions } from './priority-dispatch.js';

export function leastSlack(options: PriorityDispatchOptions = {}): RealtimeScheduler {
  return keyScheduler('least-slack', (j) => j.slackS, options);
}
