/**
 * Scenario kind "realtime": layer-granular real-time request scheduling on a
 * multi-tenant multi-accelerator system (src/realtime).
 *
 * Select it with a scenario file whose `kind: realtime` (every other field
 * optional), or without any file with `allot run --scenario builtin:realtime`.
 * Fields: schema.ts. Paths are relative to the scenario file. The committed
 * deep-RL policy (src/realtime/drl/trained/default, copied into dist/ by the
 * build) is used as `drl` when the scenario's system, models and tenants are
 * the ones it was trained on (SHA-256 of their definition); `rlModel` /
 * `--rl-model DIR` names another. When the default policy list cannot include
 * drl, a warning and `parameters.drlOmitted` say why.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.js';
import { allotVersion } from '../../provenance.js';
import type { RunOutput } from '../../results.js';
import { readArrivalTrace, readProfileTable } from '../../data/realtime-tables.js';
import { hasDnnModel, dnnModelNames } from '../../workload/dnn/index.js';
import type { ModelProfile } from '../../realtime/cost-model.js';
import { defaultRealtimeScenario, instantiate, realtimeZooModel, scenarioHash, scenarioProfiles, type RealtimeScenario } from '../../realtime/scenario.js';
import { defaultSystem, type SystemSpec } from '../../realtime/system.js';
import { loadPolicy, policyDir, type TrainedPolicy } from '../../realtime/drl/policy-file.js';
import { checkUniqueLabels, createPolicy, policyDefs, resolvePolicy } from '../../policies/index.js';
import { didYouMean } from '../../config/validate.js';
import { fieldWhere, type ProgressFn, type RunContext } from '../registry.js';
import { realtimeEstimate } from '../estimates.js';
import type { RealtimeConfig } from './schema.js';

/**
 * The scenario a config describes. A `builtin:realtime` source starts from
 * the built-in scenario; any other config from its own fields (defaults from
 * the built-in one). Throws InputError naming the field.
 */
export function realtimeScenario(config: RealtimeConfig, source: string): RealtimeScenario {
  const base = defaultRealtimeScenario();
  const builtin = source === 'builtin:realtime' && !config.system && !config.profiles && !config.tenants;
  const system: SystemSpec = config.system
    ? {
        name: 'custom',
        bandwidthGBps: config.system.bandwidthGBps,
        contention: config.system.contention,
        interLayerTransferS: config.system.interLayerTransferSeconds,
        subAccelerators: config.system.subAccelerators.map((s) => ({ id: s.id, dataflow: s.dataflow, peRows: s.peRows, peCols: s.peCols, clockHz: s.clockGHz * 1e9, portBandwidthGBps: s.portBandwidthGBps, activePowerW: s.activePowerW ?? (s.peRows * s.peCols) / 1024 })),
      }
    : defaultSystem();
  if (new Set(system.subAccelerators.map((s) => s.id)).size !== system.subAccelerators.length) throw new InputError('sub-accelerator ids must be unique', source, 'system.subAccelerators');
  const custom = config.profiles ? readProfileTable(config.profiles, system) : [];
  const tenants = config.tenants ?? base.tenants;
  let models: RealtimeScenario['models'] = base.models;
  if (!builtin) {
    const used = [...new Set(tenants.flatMap((t) => t.services.map((s) => s.model)))];
    models = used.map((name) => {
      const c = custom.find((p) => p.model === name);
      if (c) return c;
      if (hasDnnModel(name)) return realtimeZooModel(name);
      const ti = tenants.findIndex((t) => t.services.some((s) => s.model === name));
      const si = tenants[ti].services.findIndex((s) => s.model === name);
      throw new InputError(`model "${name}" is neither a zoo model nor in the profile table${didYouMean(name, [...dnnModelNames(), ...custom.map((p) => p.model)])} (zoo: ${dnnModelNames().join(', ')})`, source, config.tenants ? `tenants[${ti}].services[${si}].model` : 'tenants');
    });
  }
  const ids = tenants.map((t) => t.id);
  if (new Set(ids).size !== ids.length) throw new InputError('tenant ids must be unique', source, 'tenants');
  const trace = config.trace ? readArrivalTrace(config.trace) : undefined;
  if (trace && config.trace) {
    if (trace.length === 0) throw new InputError('the trace has no arrivals (expected rows arrivalSeconds,tenant,model after the header)', config.trace);
    trace.forEach((row, i) => {
      const t = tenants.find((x) => x.id === row.tenant);
      if (!t) throw new InputError(`column "tenant": "${row.tenant}" is not a tenant of the scenario${didYouMean(row.tenant, ids)} (tenants: ${ids.join(', ')})`, config.trace, `line ${i + 2}`);
      if (!t.services.some((s) => s.model === row.model)) throw new InputError(`column "model": tenant "${row.tenant}" has no service of model "${row.model}" (its models: ${t.services.map((s) => s.model).join(', ')})`, config.trace, `line ${i + 2}`);
    });
  }
  return {
    name: config.name ?? (builtin ? base.name : source),
    system,
    models,
    tenants,
    durationS: config.durationSeconds ?? base.durationS,
    load: config.load,
    deadlineMultiplier: config.deadlineMultiplier ?? base.deadlineMultiplier,
    premaPriorities: config.premaPriorities,
    targets: config.targets,
    trace,
    engine: builtin && config.cycleSeconds === undefined && config.dropPolicy === 'infeasible' && config.sliWindowSeconds === 1 ? base.engine : { dropPolicy: config.dropPolicy, sliWindowS: config.sliWindowSeconds, cycleS: config.cycleSeconds },
  };
}

/**
 * The trained policy committed with Allot for the built-in scenario
 * (produced by `allot train --scenario builtin:realtime --seed 1`, see README).
 */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../../realtime/drl/trained/default', import.meta.url));

/**
 * The committed policy if it was trained on this scenario's system, models
 * and tenants (at load 1); otherwise why it is not used (a sentence for
 * stderr and the results' `parameters.drlOmitted`).
 */
export function builtinPolicy(scenario: RealtimeScenario): { policy: TrainedPolicy } | { reason: string } {
  const file = `${BUILTIN_POLICY_DIR}/policy.json`;
  if (!existsSync(file)) return { reason: `the committed policy is missing from this installation (${file}): pass --rl-model DIR (written by "allot train")` };
  let p: TrainedPolicy;
  try {
    p = loadPolicy(BUILTIN_POLICY_DIR);
  } catch (e) {
    return { reason: `the committed policy cannot be loaded (${(e as Error).message})` };
  }
  if (p.meta.training.scenarioSha256 === scenarioHash({ ...scenario, load: 1 })) return { policy: p };
  return { reason: 'the committed policy was trained on builtin:realtime, and this scenario\'s system, models, tenants or deadlines differ: pass --rl-model DIR (written by "allot train" on this scenario)' };
}

export async function prepare(config: RealtimeConfig, ctx: RunContext) {
  const src = ctx.source?.path ?? 'config';
  const scenario = realtimeScenario(config, src);
  let profiles: ModelProfile[];
  try {
    profiles = scenarioProfiles(scenario);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(e.message, src, 'profiles');
    throw e;
  }
  const committed = config.rlModel ? undefined : builtinPolicy(scenario);
  const trained = config.rlModel ? loadPolicy(config.rlModel) : committed && 'policy' in committed ? committed.policy : undefined;
  const subs = scenario.system.subAccelerators.length;
  const checkSystem = (p: TrainedPolicy | undefined, where: string): void => {
    if (p?.meta.featureSet === 2 && p.meta.subAccelerators !== subs) throw new InputError(`the policy was trained on a system with ${p.meta.subAccelerators} sub-accelerators (feature set 2), this scenario has ${subs}: train one on this scenario ("allot train")`, where);
  };
  checkSystem(trained, config.rlModel ?? src);
  const policySource = config.rlModel ?? (trained ? 'builtin' : undefined);
  const heuristics = policyDefs({ family: 'request-scheduler' }).filter((d) => !d.needs?.includes('trained-policy')).map((d) => d.name);
  // A default list never drops drl silently: the reason goes to stderr and into the results.
  const drlOmitted = !config.policies && committed && 'reason' in committed ? `drl left out of the default policies: ${committed.reason}` : undefined;
  const specs = config.policies ?? [...heuristics, ...(trained ? [trained.meta.sloAware ? 'drl' : 'drl-agnostic'] : [])];
  const policies = specs.map((p, i) => resolvePolicy('request-scheduler', p, fieldWhere(ctx, config.policies ? ['policies', i] : ['policies']), { bandwidthGuard: config.bandwidthGuard }));
  checkUniqueLabels(policies.map((p) => p.label), fieldWhere(ctx, ['policies']));
  // A drl(model=…) brings its own policy: loaded here to check it, passed to its factory.
  const ownPolicy = policies.map((p, i) => {
    const model = (p.options as { model?: unknown }).model;
    if (p.def.name !== 'drl' || typeof model !== 'string') return undefined;
    const where = fieldWhere(ctx, config.policies ? ['policies', i] : ['policies']);
    const own = loadPolicy(policyDir(model, where));
    checkSystem(own, where);
    return own;
  });
  for (const [i, p] of policies.entries()) {
    if (p.def.needs?.includes('trained-policy') && !trained && !ownPolicy[i]) throw new InputError(`policy "${p.label}" needs a trained model: pass --rl-model DIR (written by "allot train") or set rlModel`, fieldWhere(ctx, ['policies']));
  }
  const layers = profiles.reduce((a, p) => a + p.latencyS.length, 0) / Math.max(1, profiles.length);
  const requests = scenario.trace ? scenario.trace.length : scenario.tenants.reduce((a, t) => a + t.services.reduce((b, s) => b + s.rateRps, 0), 0) * scenario.load * scenario.durationS;
  const P = policies.length;
  const estimate = realtimeEstimate(requests, layers, P);
  // A run too large to start fails with one line: the size check comes before the warning.
  ctx.checkSize?.(estimate);
  if (drlOmitted) ctx.warn?.(drlOmitted);
  /** Runs the policies at `indices` (in order): every policy on the same instance, so any subset gives its policies' part of the full run. */
  const runIndices = async (indices: readonly number[], onProgress?: ProgressFn): Promise<RunOutput> => {
    const picked = indices.map((i) => policies[i]);
    const schedulers = await Promise.all(indices.map((i) => createPolicy(policies[i], { trainedPolicy: ownPolicy[i] ?? trained })));
    let inst;
    try {
      inst = instantiate(scenario, ctx.seed, profiles);
    } catch (e) {
      if (e instanceof RangeError) throw new InputError(e.message, src);
      throw e;
    }
    const { runExperiment } = await import('../../realtime/experiment.js');
    const exp = runExperiment(inst, schedulers, { onProgress, labels: picked.map((p) => p.label) });
    return {
      results: {
        allotVersion,
        scenario: scenario.name,
        kind: 'realtime',
        seed: ctx.seed,
        inputs: [],
        parameters: {
          system: scenario.system.name,
          subAccelerators: scenario.system.subAccelerators.length,
          bandwidthGBps: scenario.system.bandwidthGBps,
          models: inst.profiles.map((p) => p.model).join(' '),
          tenants: scenario.tenants.length,
          requests: inst.requests.length,
          durationSeconds: scenario.durationS,
          load: scenario.load,
          deadlineMultiplier: scenario.deadlineMultiplier,
          dropPolicy: scenario.engine.dropPolicy ?? 'infeasible',
          ...(config.targets !== 'declared' ? { targets: config.targets } : {}),
          ...(drlOmitted ? { drlOmitted } : {}),
          ...(trained ? { rlPolicy: `${policySource === 'builtin' ? 'committed policy for builtin:realtime' : policySource} (trained on scenario ${String(trained.meta.training.scenarioSha256 ?? '?').slice(0, 12)})` } : {}),
        },
        policies: exp.policies,
      },
      artifacts: exp.artifacts,
    };
  };
  return {
    policies: policies.map((p) => p.label),
    estimate,
    run: (onProgress = ctx.onProgress) => runIndices(policies.map((_, i) => i), onProgress),
    // Workers prepare the run again from the config (the inputs are small: embedded profiles, committed policies).
    parallel: { payload: { config, seed: ctx.seed, source: ctx.source?.path } satisfies RealtimePartPayload },
    runIndices,
  };
}

/** What a worker thread gets of a prepared realtime run (`runPart`): the validated config, to prepare again. */
interface RealtimePartPayload {
  config: RealtimeConfig;
  seed: number;
  source?: string;
}

/** Runs the policies at `indices` of a run prepared in another thread (`ScenarioKind.runPart`, registered in kind.ts). */
export async function runPart(value: unknown, indices: readonly number[], onProgress?: ProgressFn): Promise<RunOutput> {
  const p = value as RealtimePartPayload;
  const prepared = await prepare(p.config, { seed: p.seed, source: p.source === undefined ? undefined : { path: p.source } });
  return prepared.runIndices(indices, onProgress);
}
