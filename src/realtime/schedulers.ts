/**
 * Registry of the real-time request schedulers by name (one file per policy).
 * `drl` and `drl-agnostic` need a trained policy (see drl/).
 */
import type { RealtimeScheduler } from './engine.js';
import { fcfs } from './fcfs.js';
import { edf } from './edf.js';
import { sjf } from './sjf.js';
import { leastSlack } from './least-slack.js';
import { prema } from './prema.js';
import { herald } from './herald.js';
import type { PriorityDispatchOptions } from './priority-dispatch.js';

export const HEURISTIC_SCHEDULERS = ['fcfs', 'edf', 'sjf', 'least-slack', 'prema', 'herald'] as const;
export type HeuristicName = (typeof HEURISTIC_SCHEDULERS)[number];

export function heuristicScheduler(name: HeuristicName, options: PriorityDispatchOptions = {}): RealtimeScheduler {
  switch (name) {
    case 'fcfs':
      return fcfs(options);
    case 'edf':
      return edf(options);
    case 'sjf':
      return sjf(options);
    case 'least-slack':
      return leastSlack(options);
    case 'prema':
      return prema(options);
    case 'herald':
      return herald();
  }
}

export function isHeuristic(name: string): name is HeuristicName {
  return (HEURISTIC_SCHEDULERS as readonly string[]).includes(name);
}
