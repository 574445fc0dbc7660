/**
 * `trainRealtimePolicy()`: trains the deep-RL request scheduler (PPO, TF.js
 * WASM backend; shared/specs/realtime-drl.md §6). TF.js is loaded on the first
 * call only, so importing Allot stays fast.
 */
import type { RealtimeScenario } from '../scenario.js';
import type { CurvePoint, TrainOptions, TrainResult } from './train-options.js';

/** Trains a policy on a scenario; `onIteration` sees each point of the learning curve. */
export async function trainRealtimePolicy(scenario: RealtimeScenario, options: Partial<TrainOptions> = {}, onIteration?: (p: CurvePoint) => void): Promise<TrainResult> {
  const { trainPolicy } = await import('./ppo.js');
  return trainPolicy(scenario, options, onIteration);
}
