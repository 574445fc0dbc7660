/**
 * Scenario kind "inference-allocation" (level 1, the default of `allot run`):
 * compares tenant-allocation mechanisms (L-Dice, S-Dice, M-Dice and the
 * baselines) on an inference workload — Poisson arrivals from embedded
 * MLPerf v4.1 figures, or a replayed Azure LLM trace (`--trace`).
 */
import { basename, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { canonicalJson } from '../../config/canonical.js';
import { isAzureLlmTrace, parseAzureLlmTrace } from '../../data/azure-llm.js';
import { readInputFile } from '../../data/input-files.js';
import { checkUniqueLabels, policyDefs, resolvePolicy } from '../../policies/index.js';
import { sha256, type InputRef } from '../../provenance.js';
import { APP_MIX_NAMES, expectedArrivals, resolveInferenceScenario } from '../../workload/inference/scenario.js';
import { fieldWhere, registerScenarioKind, type RunContext } from '../registry.js';
import { inferenceEstimate } from '../estimates.js';
import { inferenceAllocationSchema, type InferenceAllocationConfig } from './schema.js';

async function prepare(config: InferenceAllocationConfig, ctx: RunContext) {
  const src = ctx.source?.path ?? 'config';
  const specs = config.policies ?? policyDefs({ family: 'mechanism' }).map((d) => d.name);
  const policies = specs.map((p, i) => resolvePolicy('mechanism', p, fieldWhere(ctx, config.policies ? ['policies', i] : ['policies']), { realisation: config.realisation }));
  checkUniqueLabels(policies.map((p) => p.label), fieldWhere(ctx, ['policies']));
  const labels = policies.map((p) => p.label);
  const builtin = src.startsWith('builtin:');
  let s = resolveInferenceScenario({ ...config, trace: undefined }, src, labels, config.realisation ?? 'lottery');
  const inputs: InputRef[] = [];
  // The built-in scenario's provenance hash covers its definition (with field overrides), not the policies picked to run on it.
  const picked = ctx.locate?.(['policies']) !== undefined;
  if (builtin) inputs.push({ path: src, sha256: sha256(JSON.stringify(picked ? { ...s, mechanisms: policyDefs({ family: 'mechanism' }).map((d) => d.name) } : s)) });
  else if (ctx.source) inputs.push({ path: src, sha256: sha256(ctx.source.text ?? '') });
  else inputs.push({ path: 'api:scenario', sha256: sha256(canonicalJson(config)) });
  let trace: { path: string; requests: ReturnType<typeof parseAzureLlmTrace> } | undefined;
  if (config.trace) {
    if (config.rounds !== undefined) throw new InputError('with a trace the run lasts as long as the trace (its rounds follow from the last arrival): remove rounds, or the trace', fieldWhere(ctx, ['rounds']));
    const text = readInputFile(config.trace, 'trace');
    trace = { path: config.trace, requests: parseAzureLlmTrace(text, config.trace) };
    inputs.push({ path: config.trace, sha256: sha256(text) });
    s = { ...s, tracePath: config.trace, name: builtin ? `${s.name} + trace ${basename(config.trace)}` : s.name };
  }
  const requests = trace ? trace.requests.length : expectedArrivals(s);
  const P = policies.length;
  const rounds = trace ? Math.ceil((trace.requests[trace.requests.length - 1].arrivalSeconds / s.load + 1e-9) / s.roundLengthSeconds) : s.rounds;
  return {
    policies: labels,
    estimate: inferenceEstimate(requests, P, rounds, s.nodes.length, trace ? ['load (with a trace it compresses time)', 'roundLengthSeconds'] : ['load', 'rounds', 'roundLengthSeconds']),
    run: async (onProgress = ctx.onProgress) => {
      const { runInferenceScenario } = await import('./run.js');
      return runInferenceScenario(s, { seed: ctx.seed, policies, inputs, trace, onProgress });
    },
  };
}

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
  prepare,
});

