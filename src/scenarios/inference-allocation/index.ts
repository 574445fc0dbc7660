/**
 * Scenario kind "inference-allocation" (level 1, the default of `allot run`):
 * compares tenant-allocation mechanisms (L-Dice, S-Dice, M-Dice and the
 * baselines) on an inference workload — Poisson arrivals from embedded
 * MLPerf v4.1 figures, or a replayed Azure LLM trace (`--trace`).
 */
import { basename} from 'node:path';
import { InputError } from '../../errors.js';
import { canonicalJson } from '../../config/canonical.js';
import { parseAzureLlmTrace } from '../../data/azure-llm.js';
import { readInputFile } from '../../data/input-files.js';
import { checkUniqueLabels, policyDefs, resolvePolicy, type PolicyInput } from '../../policies/index.js';
import { sha256, type InputRef } from '../../provenance.js';
import { expectedArrivals, resolveInferenceScenario, type InferenceScenario } from '../../workload/inference/scenario.js';
import { fieldWhere, type ProgressFn, type RunContext } from '../registry.js';
import { inferenceEstimate } from '../estimates.js';
import type { InferenceAllocationConfig } from './schema.js';

export async function prepare(config: InferenceAllocationConfig, ctx: RunContext) {
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
    // Each worker regenerates the same arrivals from the seed (common random numbers); a trace goes once, parsed.
    parallel: { payload: { scenario: s, seed: ctx.seed, specs, defaults: { realisation: config.realisation }, inputs, trace } satisfies InferencePartPayload },
  };
}

/** What a worker thread gets of a prepared inference-allocation run (`runPart`): the resolved scenario, the policies as given. */
interface InferencePartPayload {
  scenario: InferenceScenario;
  seed: number;
  specs: PolicyInput[];
  defaults: Record<string, unknown>;
  inputs: InputRef[];
  trace?: { path: string; requests: ReturnType<typeof parseAzureLlmTrace> };
}

/** Runs the policies at `indices` of a run prepared in another thread (`ScenarioKind.runPart`, registered in kind.ts). */
export async function runPart(value: unknown, indices: readonly number[], onProgress?: ProgressFn) {
  const p = value as InferencePartPayload;
  const policies = indices.map((i) => resolvePolicy('mechanism', p.specs[i], `policies[${i}]`, p.defaults));
  const { runInferenceScenario } = await import('./run.js');
  return runInferenceScenario(p.scenario, { seed: p.seed, policies, inputs: p.inputs, trace: p.trace, onProgress });
}
