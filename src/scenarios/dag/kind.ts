/**
 * Registers the `dag` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load the DNN zoo, partitioning or the DAG schedulers.
 */
import { resolve } from 'node:path';
import { registerScenarioKind } from '../registry.js';
import { dagSchema } from './schema.js';

registerScenarioKind({
  kind: 'dag',
  level: 4,
  summary: 'N DNN services partitioned over D IoT helpers + edge: HEFT/CPOP/PEFT/greedy/GA/PSO-GA × layer-/piece-wise',
  schema: dagSchema,
  builtins: { dag: {} },
  renamedFields: { algorithms: 'policies' },
  flags: [
    { flags: '--services <n>', key: 'services', description: 'number of concurrent DNN services N (default 3)' },
    { flags: '--helpers <list>', key: 'helpers', description: 'helper device counts D, e.g. 3,6 (default 3,6)' },
  ],
  resolvePaths: (data, dir) => (typeof data.devices === 'string' ? { ...data, devices: resolve(dir, data.devices) } : data),
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
  runPart: async (payload, indices, onProgress) => (await import('./index.js')).runPart(payload, indices, onProgress),
});

