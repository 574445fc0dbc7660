/** First-come first-served: key a_j (arrival time). Shared dispatch loop of shared/specs/realtime-drl.md §5. */
import type { RealtimeScheduler } from './engine.js';
import { keyScheduler, type PriorityDispatchOptions } from './priority-dispatch.js';

export function fcfs(options: PriorityDispatchOptions = {}): RealtimeScheduler {
  return keyScheduler('fcfs', (j) => j.request.arrivalS, options);
}
