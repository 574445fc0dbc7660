/**
 * The config types of every scenario kind, as written (optional fields may
 * be left out). `runScenario` takes any of them; `kind` says which.
 */
import type { InferenceAllocationInput } from './inference-allocation/schema.js';
import type { TrainingInput } from './training/schema.js';
import type { RealtimeInput } from './realtime/schema.js';
import type { DagInput } from './dag/schema.js';
import type { DiceOriginalInput } from './dice-original/schema.js';

export type { InferenceAllocationInput, TrainingInput, RealtimeInput, DagInput, DiceOriginalInput };

/** A scenario config of any kind. */
export type ScenarioConfig = InferenceAllocationInput | TrainingInput | RealtimeInput | DagInput | DiceOriginalInput;
