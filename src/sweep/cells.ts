/**
 * Sweep cells: the cross product of `--vary` values × policies × seeds.
 *
 * A cell is one run of its scenario kind with one policy, one seed and one
 * setting of the varied config fields. `--vary` keys are config key paths —
 * the same keys as the scenario file and `--set` (`load`, `hybrid.sampling`)
 * — typed by the kind's schema. A cell's id is a SHA-256 of its canonical
 * JSON (kind, config, policy, seed), so a finished cell found in the output
 * directory is recognised on resume whatever order the cells ran in.
 */
import { InputError } from '../errors.js';
import { sha256 } from '../provenance.js';
import { canonicalJson } from '../config/canonical.js';
import { coerceAt, parseKeyPath, setAt } from '../config/coerce.js';
import { canonicalLabel, type PolicyInput } from '../policies/spec.js';
import type { ScenarioKind } from '../scenarios/registry.js';

export { canonicalJson };

/** A config value a sweep can vary (scalars from the command line; any JSON value from a preset). */
export type OptionValue = string | number | boolean | null | OptionValue[] | { [key: string]: OptionValue };

/** One axis of a sweep: `--vary load=0.5,1,1.5` → {key: "load", values: [0.5, 1, 1.5]}. */
export interface VaryAxis {
  /** A config key path, e.g. "load" or "hybrid.sampling". */
  key: string;
  values: OptionValue[];
}

/** Everything that defines one cell of a sweep (serialisable: sent to worker threads). */
export interface CellSpec {
  /** Stable id: first 16 hex digits of SHA-256 of the canonical JSON of kind, config, policy and seed. */
  id: string;
  /** Scenario kind name (`ScenarioKind.kind`). */
  kind: string;
  /** Scenario file path (for provenance), if the sweep was given one. */
  scenarioPath?: string;
  /** The cell's full config (the base config with the varied fields set and `policies: [policySpec]`). */
  config: Record<string, unknown>;
  /** The varied keys and this cell's value of each, in `--vary` order. */
  vary: Record<string, OptionValue>;
  /** The policy's name in tables (its label). */
  policy: string;
  /** The policy as given (name, inline spec or {name, label, options}). */
  policySpec: PolicyInput;
  seed: number;
}

/** The label a policy entry gets in sweep tables: the string as written, or its label / canonical name(options). */
export function specLabel(p: PolicyInput): string {
  return typeof p === 'string' ? p : (p.label ?? canonicalLabel(p.name, p.options ?? {}));
}

/** Maps a flag-style key (`round-length-seconds`, or a kind flag such as `mix`) to the config key path. */
function configKey(key: string, kind?: ScenarioKind): string {
  const camel = key.replace(/[-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  if (!kind) return camel;
  const flag = kind.flags.find((f) => !f.apply && /--([a-z0-9-]+)/i.exec(f.flags)?.[1] === key.replace(/^--/, ''));
  return flag ? flag.key : camel;
}

/**
 * Parses `key=v1,v2,...` (a `--vary` argument). With the kind, each value is
 * typed by the kind's schema at that key (an unknown key or a value of the
 * wrong type is an InputError naming `--vary`); without it, numbers and
 * booleans are typed by their text.
 */
export function parseVary(arg: string, kind?: ScenarioKind): VaryAxis {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new InputError(`expected key=v1,v2,... (e.g. load=0.5,1,1.5), got "${arg}"`, '--vary');
  const rawKey = arg.slice(0, eq).trim();
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(rawKey)) throw new InputError(`key "${rawKey}" must start with a letter and contain only letters, digits, ., - and _`, '--vary');
  const raw = arg.slice(eq + 1).split(',').map((s) => s.trim());
  if (raw.length === 0 || raw.some((s) => s === '')) throw new InputError(`expected a comma-separated list of values without empty items for "${rawKey}", got "${arg.slice(eq + 1)}"`, '--vary');
  const key = rawKey.includes('.') ? rawKey : configKey(rawKey, kind);
  const path = parseKeyPath(key, '--vary');
  const values = raw.map((v): OptionValue => {
    if (kind) return coerceAt(kind.schema, path, v, `--vary ${key}`) as OptionValue;
    if (v === 'true') return true;
    if (v === 'false') return false;
    return Number.isFinite(Number(v)) ? Number(v) : v;
  });
  const seen = new Set(values.map((v) => JSON.stringify(v)));
  if (seen.size !== values.length) throw new InputError(`repeated value in "${arg}"`, '--vary');
  return { key, values };
}

/** What a sweep runs: a kind, its base config, the varied fields, the policies and the seeds. */
export interface CellPlan {
  kind: string;
  scenarioPath?: string;
  /** The base config (a scenario file's fields with `kind`, or `{kind}`), before varying. */
  base: Record<string, unknown>;
  vary: VaryAxis[];
  policies: PolicyInput[];
  seeds: number[];
}

/** The settings of a plan: every combination of the varied values, first axis slowest. */
export function settings(plan: Pick<CellPlan, 'vary'>): Record<string, OptionValue>[] {
  const keys = plan.vary.map((a) => a.key);
  if (new Set(keys).size !== keys.length) throw new InputError(`each key may be varied once, got ${keys.join(', ')}`, '--vary');
  let out: Record<string, OptionValue>[] = [{}];
  for (const axis of plan.vary) out = out.flatMap((s) => axis.values.map((v) => ({ ...s, [axis.key]: v })));
  return out;
}

/** The base config with one setting's values set at their key paths. */
export function configFor(plan: Pick<CellPlan, 'base'>, setting: Record<string, OptionValue>): Record<string, unknown> {
  let c = { ...plan.base };
  for (const [k, v] of Object.entries(setting)) c = setAt(c, parseKeyPath(k, '--vary'), v);
  return c;
}

/**
 * Enumerates the cross product in a fixed order: varied values (first axis
 * slowest), then policy, then seed. Throws InputError when an axis repeats.
 */
export function enumerateCells(plan: CellPlan): CellSpec[] {
  const cells: CellSpec[] = [];
  for (const vary of settings(plan)) {
    const base = configFor(plan, vary);
    for (const policySpec of plan.policies) {
      for (const seed of plan.seeds) {
        const config = { ...base, kind: plan.kind, policies: [policySpec] };
        const id = sha256(canonicalJson({ kind: plan.kind, config, seed })).slice(0, 16);
        cells.push({ id, kind: plan.kind, scenarioPath: plan.scenarioPath, config, vary, policy: specLabel(policySpec), policySpec, seed });
      }
    }
  }
  return cells;
}

/** Human label of a cell, e.g. `load=1.5 policy=l-dice seed=3`. */
export function cellLabel(c: Pick<CellSpec, 'vary' | 'policy' | 'seed'>): string {
  return [...Object.entries(c.vary).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`), `policy=${c.policy}`, `seed=${c.seed}`].join(' ');
}
