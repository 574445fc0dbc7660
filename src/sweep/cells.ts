/**
 * Sweep cells: the cross product of `--vary` values × policies × seeds.
 *
 * A cell is one `ScenarioKind.run` with one policy, one seed and one setting
 * of the varied scenario options. Its id is a SHA-256 of its canonical JSON
 * (kind, options, policy, seed), so a finished cell found in the output
 * directory is recognised on resume whatever order the cells ran in.
 */
import { InputError } from '../errors.js';
import { sha256 } from '../provenance.js';

/** A scenario option value as written in a scenario file or on the command line. */
export type OptionValue = string | number | boolean;

/** One axis of a sweep: `--vary load=0.5,1,1.5` → {key: "load", values: [0.5, 1, 1.5]}. */
export interface VaryAxis {
  key: string;
  values: OptionValue[];
}

/** Everything that defines one cell of a sweep (serialisable: sent to worker threads). */
export interface CellSpec {
  /** Stable id: first 16 hex digits of SHA-256 of the canonical JSON of the fields below. */
  id: string;
  /** Scenario kind name (`ScenarioKind.kind`). */
  kind: string;
  /** Scenario file path (for provenance), if the sweep was given one. */
  scenarioPath?: string;
  /** Scenario options: the scenario file's fields (minus `kind`) with the varied keys overridden. */
  options: Record<string, OptionValue | unknown>;
  /** The varied keys and this cell's value of each, in `--vary` order. */
  vary: Record<string, OptionValue>;
  policy: string;
  seed: number;
}

/** Canonical JSON: object keys sorted recursively, so equal specs hash equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Parses one value of a `--vary` list: numbers and booleans become typed, the rest stay strings. */
export function parseOptionValue(text: string): OptionValue {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/**
 * Parses `key=v1,v2,...` (a `--vary` argument). Throws InputError naming
 * `--vary` on a missing `=`, an empty key, no values or a repeated value.
 */
export function parseVary(arg: string): VaryAxis {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new InputError(`expected key=v1,v2,... (e.g. load=0.5,1,1.5), got "${arg}"`, '--vary');
  const key = arg.slice(0, eq).trim();
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(key)) throw new InputError(`option name "${key}" must start with a letter and contain only letters, digits, - and _`, '--vary');
  const raw = arg.slice(eq + 1).split(',').map((s) => s.trim());
  if (raw.length === 0 || raw.some((s) => s === '')) throw new InputError(`expected a comma-separated list of values without empty items for "${key}", got "${arg.slice(eq + 1)}"`, '--vary');
  const values = raw.map(parseOptionValue);
  const seen = new Set(values.map((v) => JSON.stringify(v)));
  if (seen.size !== values.length) throw new InputError(`repeated value in "${arg}"`, '--vary');
  return { key: camelCase(key), values };
}

/** `arrival-rate` → `arrivalRate` (commander's naming of option keys). */
export function camelCase(key: string): string {
  return key.replace(/[-_]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface CellPlan {
  kind: string;
  scenarioPath?: string;
  /** Base scenario options (file fields other than `kind`). */
  options: Record<string, unknown>;
  vary: VaryAxis[];
  policies: string[];
  seeds: number[];
}

/**
 * Enumerates the cross product in a fixed order: varied values (first axis
 * slowest), then policy, then seed. Throws InputError when an axis repeats.
 */
export function enumerateCells(plan: CellPlan): CellSpec[] {
  const keys = plan.vary.map((a) => a.key);
  if (new Set(keys).size !== keys.length) throw new InputError(`each option may be varied once, got ${keys.join(', ')}`, '--vary');
  let settings: Record<string, OptionValue>[] = [{}];
  for (const axis of plan.vary) settings = settings.flatMap((s) => axis.values.map((v) => ({ ...s, [axis.key]: v })));
  const cells: CellSpec[] = [];
  for (const vary of settings) {
    for (const policy of plan.policies) {
      for (const seed of plan.seeds) {
        const options = { ...plan.options, ...vary };
        const id = sha256(canonicalJson({ kind: plan.kind, options, policy, seed })).slice(0, 16);
        cells.push({ id, kind: plan.kind, scenarioPath: plan.scenarioPath, options, vary, policy, seed });
      }
    }
  }
  return cells;
}

/** Human label of a cell, e.g. `load=1.5 policy=l-dice seed=3`. */
export function cellLabel(c: Pick<CellSpec, 'vary' | 'policy' | 'seed'>): string {
  return [...Object.entries(c.vary).map(([k, v]) => `${k}=${v}`), `policy=${c.policy}`, `seed=${c.seed}`].join(' ');
}
