/**
 * Level-2 policies on GPU clusters are compositions `order[+mode]` (Synergy's
 * naming): a job order from the registry's `job-order` family and an
 * allocation mode from its `allocation-mode` family (default `fair`). Their
 * options share one namespace: each option goes to the part that declares it.
 * Whole-name aliases (`synergy-tune` = `fifo+tune`) and order aliases
 * (`las-preselect`, `tetris-f0.5`, `srpt`) keep their names in results.
 * Note: in the original Synergy code a bare name means greedy; in Allot a
 * bare name is the classic GPU-only scheduler (proportional CPU/memory), ours.
 */
import { InputError } from '../errors.js';
import { didYouMean, parseWith } from '../config/validate.js';
import { canonicalLabel, parsePolicySpec, type PolicyInput } from '../policies/spec.js';
import {
  createPolicy,
  familyNames,
  findPolicy,
  nonDefaultOptions,
  optionNames,
  resolveOptions,
  type PolicyContext,
  type ResolvedPolicy,
} from '../policies/index.js';
import { TRAINING_NAME_ALIASES } from './catalog.js';
import type { AllocationMode, JobPolicy } from './types.js';

/** A resolved `order+mode` policy. */
export interface ResolvedTrainingPolicy {
  readonly label: string;
  readonly order: ResolvedPolicy<'job-order'>;
  readonly mode: ResolvedPolicy<'allocation-mode'>;
}

function part<F extends 'job-order' | 'allocation-mode'>(family: F, name: string, where: string, whole: string): { def: ResolvedPolicy<F>['def']; aliasOptions: Record<string, unknown> } {
  const hit = findPolicy(family, name);
  if (!hit) {
    const names = familyNames(family);
    const what = family === 'job-order' ? 'job order' : 'allocation mode';
    throw new InputError(
      `unknown ${what} "${name}" in "${whole}"${didYouMean(name, names)} (expected <order>[+<mode>] with order in ${familyNames('job-order').join(', ')} and mode in ${familyNames('allocation-mode').join(', ')}, or ${Object.keys(TRAINING_NAME_ALIASES).join(', ')})`,
      where,
    );
  }
  return { def: hit.def as ResolvedPolicy<F>['def'], aliasOptions: hit.aliasOptions ?? {} };
}

/** Resolves one `policies:` entry of a GPU training scenario. Errors name `where`. */
export function resolveTrainingPolicy(input: PolicyInput, where: string, scenarioDefaults: Record<string, unknown> = {}): ResolvedTrainingPolicy {
  const spec = parsePolicySpec(input, where);
  const full = TRAINING_NAME_ALIASES[spec.name] ?? spec.name;
  const [orderName, modeName = 'fair', ...rest] = full.split('+');
  if (rest.length) throw new InputError(`expected <order>[+<mode>], got "${spec.name}"`, where);
  const order = part('job-order', orderName, where, spec.name);
  const mode = part('allocation-mode', modeName, where, spec.name);
  const orderKeys = optionNames(order.def);
  const modeKeys = optionNames(mode.def);
  const given: [Record<string, unknown>, Record<string, unknown>] = [{}, {}];
  for (const [k, v] of Object.entries(spec.options)) {
    if (orderKeys.includes(k)) given[0][k] = v;
    else if (modeKeys.includes(k)) given[1][k] = v;
    else {
      const all = [...orderKeys, ...modeKeys];
      throw new InputError(`policy "${spec.name}" has no option "${k}"${didYouMean(k, all)}${all.length ? ` (options: ${all.join(', ')})` : ' (it takes no options)'}`, where);
    }
  }
  const o = resolveOptions(order.def.options, orderName, given[0], spec.rawOptions, where, scenarioDefaults);
  const m = resolveOptions(mode.def.options, modeName, given[1], spec.rawOptions, where, scenarioDefaults);
  const orderOptions = parseWith(order.def.options, { ...o.options, ...order.aliasOptions, ...o.explicit }, where) as Record<string, unknown>;
  const nonDefault = { ...nonDefaultOptions(order.def.options, o.explicit), ...nonDefaultOptions(mode.def.options, m.explicit) };
  const label = spec.label ?? (Object.keys(spec.options).length === 0 ? spec.name : canonicalLabel(spec.name, nonDefault));
  return {
    label,
    order: { def: order.def, options: orderOptions, explicit: { ...order.aliasOptions, ...o.explicit }, label },
    mode: { def: mode.def, options: m.options, explicit: m.explicit, label },
  };
}

/** Creates the order and mode of a resolved policy (loading the LP solver first when either needs it). */
export async function createTrainingPolicy(p: ResolvedTrainingPolicy, ctx: PolicyContext = {}): Promise<{ policy: JobPolicy; mode: AllocationMode }> {
  return { policy: await createPolicy(p.order, ctx), mode: await createPolicy(p.mode, ctx) };
}
