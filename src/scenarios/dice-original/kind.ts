/**
 * Registers the `dice-original` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load the queue system.
 */
import { registerScenarioKind } from '../registry.js';
import { diceOriginalSchema } from './schema.js';

registerScenarioKind({
  kind: 'dice-original',
  level: 1,
  summary: 'the Dice authors\' system: per-agent queues per node, power-of-two-choices arrivals, load levels q1..q5, deadlines in rounds',
  schema: diceOriginalSchema,
  builtins: { 'dice-original': {}, 'dice-original-20x40': { agents: 20, nodes: 40, rounds: 3000 } },
  flags: [
    { flags: '--rounds <n>', key: 'rounds', description: 'rounds to simulate (default 300)' },
    { flags: '--load-level <q>', key: 'load', description: 'load level q1..q5 (80..40 %), or the seed\'s -q 0..4' },
    { flags: '--deadline-rounds <n>', key: 'deadlineRounds', description: 'rounds before a request is dropped (default 5)' },
  ],
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
  runPart: async (payload, indices, onProgress) => (await import('./index.js')).runPart(payload, indices, onProgress),
});
