/**
 * Registers the `realtime` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load the DNN zoo, the real-time engine or trained policies.
 */
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { registerScenarioKind } from '../registry.js';
import { realtimeSchema } from './schema.js';

registerScenarioKind({
  kind: 'realtime',
  level: 3,
  summary: 'layer-granular real-time DNN request scheduling on sub-accelerators (FCFS, EDF, SJF, least slack, PREMA, Herald-like, deep RL); no file: --scenario builtin:realtime',
  schema: realtimeSchema,
  builtins: { realtime: {} },
  flags: [
    { flags: '--load <scale>', key: 'load', description: 'multiply every arrival rate by this factor (default 1)' },
    { flags: '--duration-seconds <s>', key: 'durationSeconds', description: 'seconds of arrivals to simulate (default 10)' },
    { flags: '--rl-model <dir>', key: 'rlModel', description: 'trained deep-RL policy directory (from "allot train"); adds the drl scheduler' },
    {
      flags: '--rt-load <factor>',
      key: 'load',
      description: 'old form of --load (multiplies the scenario\'s load)',
      deprecatedFor: '--load',
      apply(v, c, where) {
        const x = Number(v);
        if (typeof v !== 'string' || !(x > 0) || !Number.isFinite(x)) throw new InputError(`expected a number > 0, got "${String(v)}"`, where);
        return { ...c, load: (typeof c.load === 'number' ? c.load : 1) * x };
      },
    },
    { flags: '--rt-duration <s>', key: 'durationSeconds', description: 'old name of --duration-seconds', deprecatedFor: '--duration-seconds' },
  ],
  resolvePaths(data, dir) {
    const out = { ...data };
    for (const f of ['profiles', 'trace', 'rlModel'] as const) if (typeof out[f] === 'string') out[f] = resolve(dir, out[f] as string);
    return out;
  },
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
  runPart: async (payload, indices, onProgress) => (await import('./index.js')).runPart(payload, indices, onProgress),
});
