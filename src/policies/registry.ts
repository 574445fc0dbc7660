/**
 * The one policy registry for all four decision levels (DESIGN.md "Registry
 * and typed configuration"; after the Kubernetes scheduling framework's
 * name → factory map with typed, validated arguments).
 *
 * Each policy registers its name, level, family (what it decides), a one-line
 * summary, its source, an options schema (zod: defaults and a doc line per
 * option), the capabilities it needs (loaded before it is created, instead of
 * engines testing names), old names that expand to it with options
 * (aliases), and a factory. Factories `import()` their implementation lazily:
 * importing the registry (and the catalogs that fill it) loads no policy
 * code, so `allot policies` and `--help` stay fast.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { coerceAt } from '../config/coerce.js';
import { builtSchema, zod } from '../config/lazy-schema.js';
import { didYouMean, objectKeys, parseWith } from '../config/validate.js';
import type { Mechanism } from '../mechanisms/types.js';
import type { AllocationMode, JobPolicy } from '../schedulers/types.js';
import type { HybridPolicy } from '../schedulers/hybrid/engine.js';
import type { HybridJob } from '../model/hybrid.js';
import type { RealtimeScheduler } from '../realtime/engine.js';
import type { DagScheduler } from '../dag/index.js';
import type { LpSolver } from '../solvers/highs.js';
import type { TrainedPolicy } from '../realtime/drl/policy-file.js';
import { canonicalLabel, parsePolicySpec, type PolicyInput } from './spec.js';

/** Decision level: 1 tenant allocation, 2 job scheduling, 3 request scheduling, 4 DAG placement. */
export type PolicyLevel = 1 | 2 | 3 | 4;

/** What a policy decides; a scenario kind looks policies up in the families it drives. */
export type PolicyFamily = 'mechanism' | 'job-order' | 'allocation-mode' | 'hybrid' | 'request-scheduler' | 'dag-algorithm';

/** Capabilities a policy needs before it can be created (loaded on demand, once). */
export type Capability = 'lp-solver' | 'trained-policy';

/** What the factory of each family receives besides its options. */
export interface PolicyContext {
  /** The LP solver (HiGHS), present when the policy declares `needs: ['lp-solver']`. */
  lpSolver?: LpSolver;
  /** A trained deep-RL policy, present when the policy declares `needs: ['trained-policy']`. */
  trainedPolicy?: TrainedPolicy;
  /** The run's root seed, for policies that draw (Gavel's FIFO); each draws from its own named stream of it. Default 0. */
  seed?: number;
  /** The hybrid workload (DRFA's β is a workload average). */
  hybridJobs?: readonly HybridJob[];
}

/** The object each family's factory creates. */
export interface FamilyProducts {
  mechanism: Mechanism;
  'job-order': JobPolicy;
  'allocation-mode': AllocationMode;
  hybrid: HybridPolicy;
  'request-scheduler': RealtimeScheduler;
  'dag-algorithm': DagScheduler;
}

/** An old name that expands to the policy with options; results keep the old name as the label. */
export interface PolicyAlias {
  /** The alias itself, or a pattern such as `^tetris-f(0(?:\.\d+)?)$`. */
  name: string | RegExp;
  /** The options it stands for (a function of the pattern's match for patterns). */
  options: Record<string, unknown> | ((match: RegExpExecArray) => Record<string, unknown>);
  /** Shown by `allot policies`, e.g. "tetris-f<f>". */
  display?: string;
}

/** One registered policy. `O` is the options object after defaults. */
export interface PolicyDef<F extends PolicyFamily = PolicyFamily, O = Record<string, unknown>> {
  readonly name: string;
  readonly level: PolicyLevel;
  readonly family: F;
  /** One line for listings. */
  readonly summary: string;
  /** Paper and section, and the original code at a commit where there is one. */
  readonly source: string;
  /** Strict object schema; every field has a default (or is optional) and a `.describe()` line. */
  readonly options: z.ZodType<O>;
  /**
   * The options when none are given — exactly what `options` parses `{}` to
   * (a test checks every policy that declares it). Lets `resolvePolicy` take
   * a bare name without loading zod (issue 15: zod was a tenth of `allot dag
   * --algorithm heft` on 10,000 tasks).
   */
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  readonly needs?: readonly Capability[];
  readonly aliases?: readonly PolicyAlias[];
  /** Creates a fresh instance (one per simulation). Imports its implementation lazily. */
  create(options: O, context: PolicyContext): Promise<FamilyProducts[F]> | FamilyProducts[F];
}

/** A policy as a scenario will run it: its definition, its full options and its result label. */
export interface ResolvedPolicy<F extends PolicyFamily = PolicyFamily> {
  readonly def: PolicyDef<F>;
  /** Options after aliases, scenario-level defaults and schema defaults. */
  readonly options: Record<string, unknown>;
  /** The options the spec set itself (alias options included), for labels and provenance. */
  readonly explicit: Record<string, unknown>;
  /** The name in results. */
  readonly label: string;
}

const defs: PolicyDef[] = [];

/** What a user calls a policy of each family, in messages. */
export const FAMILY_NOUNS: Readonly<Record<PolicyFamily, string>> = {
  mechanism: 'mechanism',
  'job-order': 'job order',
  'allocation-mode': 'allocation mode',
  hybrid: 'hybrid-cluster policy',
  'request-scheduler': 'request scheduler',
  'dag-algorithm': 'DAG algorithm',
};

/** Adds a policy. Throws on a second policy of the same name in the same family. */
export function registerPolicy<F extends PolicyFamily, O>(def: PolicyDef<F, O>): void {
  if (defs.some((d) => d.family === def.family && d.name === def.name)) throw new Error(`policy ${def.family}/${def.name} registered twice`);
  defs.push(def as unknown as PolicyDef);
}

/** Every registered policy, optionally of one level or family, in registration order. */
export function policyDefs(filter: { level?: PolicyLevel; family?: PolicyFamily } = {}): readonly PolicyDef[] {
  return defs.filter((d) => (filter.level === undefined || d.level === filter.level) && (filter.family === undefined || d.family === filter.family));
}

/** Looks a name up in a family: a policy, or an alias of one. */
export function findPolicy(family: PolicyFamily, name: string): { def: PolicyDef; aliasOptions?: Record<string, unknown> } | undefined {
  const list = defs.filter((d) => d.family === family);
  const direct = list.find((d) => d.name === name);
  if (direct) return { def: direct };
  for (const d of list) {
    for (const a of d.aliases ?? []) {
      if (typeof a.name === 'string' ? a.name === name : false) return { def: d, aliasOptions: typeof a.options === 'function' ? {} : a.options };
      if (a.name instanceof RegExp) {
        const m = a.name.exec(name);
        if (m) return { def: d, aliasOptions: typeof a.options === 'function' ? a.options(m) : a.options };
      }
    }
  }
  return undefined;
}

/** Names a user may write in a family (policies and plain aliases). */
export function familyNames(family: PolicyFamily): string[] {
  return defs.filter((d) => d.family === family).flatMap((d) => [d.name, ...(d.aliases ?? []).map((a) => (typeof a.name === 'string' ? a.name : (a.display ?? '')))]).filter(Boolean);
}

/** Field names of an options schema. */
export function optionNames(def: Pick<PolicyDef, 'options'>): string[] {
  return objectKeys(def.options);
}

/**
 * Types inline (string) option values against the schema, validates the
 * explicit options strictly, then applies scenario-level defaults for the
 * options this policy has. Returns {explicit, options}. Errors name `where`.
 */
export function resolveOptions(
  schema: z.ZodType,
  policyName: string,
  given: Record<string, unknown>,
  raw: boolean,
  where: string,
  scenarioDefaults: Record<string, unknown> = {},
): { explicit: Record<string, unknown>; options: Record<string, unknown> } {
  const names = objectKeys(schema);
  const explicit: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given)) {
    if (!names.includes(k)) {
      throw new InputError(`policy "${policyName}" has no option "${k}"${didYouMean(k, names)}${names.length ? ` (options: ${names.join(', ')})` : ' (it takes no options)'}`, where);
    }
    explicit[k] = raw && typeof v === 'string' ? coerceAt(schema, [k], v, `${where} (${policyName}: ${k})`) : v;
  }
  parseWith(schema, explicit, where, { prefix: ['options'] });
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(scenarioDefaults)) if (v !== undefined && names.includes(k)) merged[k] = v;
  Object.assign(merged, explicit);
  const options = parseWith(schema, merged, where, { prefix: ['options'] }) as Record<string, unknown>;
  return { explicit, options };
}

/** The explicit options whose value differs from the default — the scenario's where it sets one, else the schema's (what a default label shows). */
export function nonDefaultOptions(schema: z.ZodType, explicit: Record<string, unknown>, scenarioDefaults: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults = { ...(schema.safeParse({}).data as Record<string, unknown> | undefined), ...Object.fromEntries(Object.entries(scenarioDefaults).filter(([, v]) => v !== undefined)) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(explicit)) if (JSON.stringify(defaults?.[k]) !== JSON.stringify(v)) out[k] = v;
  return out;
}

/**
 * Resolves one `policies:` entry in a family. `where` names the entry for
 * errors (e.g. `scenario.yaml: policies[2]` or `--policies`). Scenario-level
 * defaults (`alpha`, `realisation` …) apply to every policy that has that
 * option, unless the entry sets it.
 */
export function resolvePolicy<F extends PolicyFamily>(family: F, input: PolicyInput, where: string, scenarioDefaults: Record<string, unknown> = {}): ResolvedPolicy<F> {
  const spec = parsePolicySpec(input, where);
  const hit = findPolicy(family, spec.name);
  if (!hit) {
    const names = familyNames(family);
    throw new InputError(`unknown ${FAMILY_NOUNS[family]} "${spec.name}"${didYouMean(spec.name, names)} (expected one of: ${names.join(', ')})`, where);
  }
  if (hit.def.defaultOptions && !hit.aliasOptions && Object.keys(spec.options).length === 0 && Object.values(scenarioDefaults).every((v) => v === undefined)) {
    // A bare name with nothing to apply: the schema's defaults, known without building the schema.
    return { def: hit.def as PolicyDef<F>, options: { ...hit.def.defaultOptions }, explicit: {}, label: spec.label ?? spec.name };
  }
  const { explicit, options } = resolveOptions(hit.def.options, spec.name, spec.options, spec.rawOptions, where, { ...scenarioDefaults });
  const withAlias = { ...(hit.aliasOptions ?? {}), ...explicit };
  const finalOptions = hit.aliasOptions ? (parseWith(hit.def.options, { ...options, ...withAlias }, where) as Record<string, unknown>) : options;
  const label = spec.label ?? (Object.keys(spec.options).length === 0 ? spec.name : canonicalLabel(spec.name, nonDefaultOptions(hit.def.options, explicit, scenarioDefaults)));
  return { def: hit.def as PolicyDef<F>, options: finalOptions, explicit: withAlias, label };
}

/** Throws InputError when two resolved policies share a label (results would be ambiguous). */
export function checkUniqueLabels(labels: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) throw new InputError(`two policies are named "${l}" in results: give one a different label ({name, label, options})`, where);
    seen.add(l);
  }
}

/** Loads what a policy needs (once per process) into a context. */
export async function loadCapabilities(needs: readonly Capability[] | undefined, base: PolicyContext, who: string): Promise<PolicyContext> {
  const ctx = { ...base };
  for (const n of needs ?? []) {
    if (n === 'lp-solver' && !ctx.lpSolver) {
      const { loadLpSolver } = await import('../solvers/highs.js');
      ctx.lpSolver = await loadLpSolver();
    }
    if (n === 'trained-policy' && !ctx.trainedPolicy) {
      throw new InputError(`policy "${who}" needs a trained model: pass --rl-model DIR (written by "allot train") or set rlModel in the scenario`, '--policies');
    }
  }
  return ctx;
}

/** Creates a fresh instance of a resolved policy (loads its capabilities first). */
export async function createPolicy<F extends PolicyFamily>(p: ResolvedPolicy<F>, base: PolicyContext = {}): Promise<FamilyProducts[F]> {
  const ctx = await loadCapabilities(p.def.needs, base, p.label);
  return p.def.create(p.options, ctx) as FamilyProducts[F];
}

/** One option as `allot policies --json` lists it. */
export interface OptionInfo {
  name: string;
  /** JSON-Schema-like type: "boolean", "number", "integer", "string", or the choices `"a" | "b"`. */
  type: string;
  default?: unknown;
  description: string;
}

/** One policy as `allot policies --json` lists it. */
export interface PolicyInfo {
  name: string;
  level: PolicyLevel;
  family: PolicyFamily;
  summary: string;
  source: string;
  needs: Capability[];
  aliases: string[];
  options: OptionInfo[];
}

function typeOf(js: Record<string, unknown>): string {
  if (Array.isArray(js.enum)) return js.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (typeof js.const !== 'undefined') return JSON.stringify(js.const);
  if (Array.isArray(js.anyOf)) return js.anyOf.map((x) => typeOf(x as Record<string, unknown>)).join(' | ');
  if (js.type === 'array') return `${typeOf((js.items as Record<string, unknown>) ?? {})}[]`;
  return String(js.type ?? 'any');
}

/** The listing entry of a policy (options from its schema's JSON Schema). */
export function describePolicy(def: PolicyDef): PolicyInfo {
  const js = zod().toJSONSchema(builtSchema(def.options), { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  const options = Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name,
    type: typeOf(p),
    ...(p.default !== undefined ? { default: p.default } : {}),
    description: String(p.description ?? ''),
  }));
  return {
    name: def.name,
    level: def.level,
    family: def.family,
    summary: def.summary,
    source: def.source,
    needs: [...(def.needs ?? [])],
    aliases: (def.aliases ?? []).map((a) => (typeof a.name === 'string' ? a.name : (a.display ?? String(a.name)))),
    options,
  };
}
