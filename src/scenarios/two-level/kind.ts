/**
 * Registers the `two-level` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load the training engine.
 */
import { registerScenarioKind } from '../registry.js';
import { twoLevelSchema } from './schema.js';

registerScenarioKind({
  kind: 'two-level',
  level: 2,
  summary: 'level 1 divides nodes among tenants each round, level 2 places each tenant\'s training jobs on its nodes',
  schema: twoLevelSchema,
  builtins: { 'two-level': {} },
  flags: [
    { flags: '--round-length-seconds <s>', key: 'roundLengthSeconds', description: 'round length in seconds (default 300)' },
  ],
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
});
