/**
 * Registers the `inference-allocation` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load the workload builder or the mechanisms.
 */
import { resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { isAzureLlmTrace } from '../../data/azure-llm.js';
import { APP_MIX_NAMES } from '../../workload/inference/scenario.js';
import { registerScenarioKind } from '../registry.js';
import { inferenceAllocationSchema } from './schema.js';

registerScenarioKind({
  kind: 'inference-allocation',
  level: 1,
  summary: 'tenant allocation (Dice L/S/M and baselines) on an inference workload; the default',
  schema: inferenceAllocationSchema,
  isDefault: true,
  builtins: { default: {}, 'inference-allocation': {} },
  renamedFields: { mechanisms: 'policies' },
  migrate(data, warn, source) {
    if (typeof data.appMix === 'number') throw new InputError(`appMix ${data.appMix}: the DNN mixes are named (${APP_MIX_NAMES.join(', ')}); the seed's -q 0..4 is a load level of the original Dice system (kind: dice-original, load: q1..q5)`, source);
    const t = data.trace;
    if (t !== null && typeof t === 'object' && !Array.isArray(t) && Object.keys(t).length === 1 && typeof (t as { path?: unknown }).path === 'string') {
      warn(`${source}: "trace: {path: …}" is deprecated; write "trace: ${(t as { path: string }).path}"`);
      return { ...data, trace: (t as { path: string }).path };
    }
    return data;
  },
  resolvePaths: (data, dir) => (typeof data.trace === 'string' ? { ...data, trace: resolve(dir, data.trace) } : data),
  flags: [
    { flags: '--app-mix <name>', key: 'appMix', description: 'application mix: vision, language, recommendation, mixed (default), llm-serving (the seed\'s -q is --load-level of the dice-original kind)' },
    { flags: '--mix <name>', key: 'appMix', description: 'old name of --app-mix', deprecatedFor: '--app-mix' },
    { flags: '--load <scale>', key: 'load', description: 'arrival-rate scale (default 0.8: 80% of each tenant\'s token share of capacity; with a trace: time compression)' },
    { flags: '--rounds <n>', key: 'rounds', description: 'number of allocation rounds (default 20)' },
    { flags: '--round-length-seconds <s>', key: 'roundLengthSeconds', description: 'round length in seconds (default 10)' },
    { flags: '--round-length <s>', key: 'roundLengthSeconds', description: 'old name of --round-length-seconds', deprecatedFor: '--round-length-seconds' },
    { flags: '--deadlines <on|off>', key: 'deadlines', description: 'requests carry deadlines (the seed\'s dd) or not (wo_dd); default on' },
    { flags: '--realisation <mode>', key: 'realisation', description: 'default realisation of m-dice/hetero-max-min/tant: lottery, bvn, timeshare or independent' },
  ],
  claimsTrace: (_path, head) => isAzureLlmTrace(head),
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
  runPart: async (payload, indices, onProgress) => (await import('./index.js')).runPart(payload, indices, onProgress),
});

