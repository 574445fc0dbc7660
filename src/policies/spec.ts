/**
 * How a policy is named in a scenario: a name (`"s-dice"`), a name with
 * inline options (`"s-dice(carryPasses=false)"`, the one command-line syntax),
 * or an object `{name, label?, options?}`. The label is the policy's `name`
 * in results; by default it is the name as written, or — when options are
 * given — the canonical form `name(key=value,…)` with keys sorted and
 * default-valued options left out, so a label can be pasted back as a spec.
 */
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';

/** One entry of a `policies:` list. */
export type PolicyInput = string | { name: string; label?: string; options?: Record<string, unknown> };

/** Schema of one `policies:` entry (options are checked later, against the policy's own schema). */
export const policyInputSchema = lazySchema((z) => z.union([
  z.string().min(1, 'expected a policy name'),
  z.strictObject({
    name: z.string().min(1, 'expected a policy name'),
    label: z.string().min(1, 'expected a non-empty label').optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]));

/** Schema of a `policies:` list: at least one entry. */
export const policyListSchema = lazySchema((z) => z.array(policyInputSchema).min(1, 'expected at least one policy'));

/** A spec split into its parts; `rawOptions` hold command-line strings still to be typed by the policy's schema. */
export interface ParsedPolicySpec {
  name: string;
  label?: string;
  options: Record<string, unknown>;
  /** True when option values are strings from the inline syntax (typed later against the policy's schema). */
  rawOptions: boolean;
}

/**
 * Splits a comma-separated policy list, keeping commas inside parentheses:
 * `"s-dice(carryPasses=false,rejoin=remain),m-dice"` → two entries.
 */
export function splitPolicyList(text: string, where = '--policies'): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new InputError(`unbalanced ")" in "${text}"`, where);
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new InputError(`unbalanced "(" in "${text}"`, where);
  out.push(cur.trim());
  if (out.some((s) => s === '')) throw new InputError(`expected a comma-separated list of policies without empty items, got "${text}"`, where);
  return out;
}

/** Parses `name` or `name(key=value,…)`. Throws InputError naming `where`. */
export function parseInlineSpec(text: string, where: string): { name: string; options: Record<string, string> } {
  const m = /^([^()\s]+)\s*(?:\((.*)\))?$/.exec(text.trim());
  if (!m) throw new InputError(`expected a policy name or name(key=value,…), got "${text}"`, where);
  const options: Record<string, string> = {};
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const part of m[2].split(',')) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim();
      if (eq <= 0 || key === '') throw new InputError(`expected key=value inside the parentheses of "${text}", got "${part.trim()}"`, where);
      if (key in options) throw new InputError(`option "${key}" given twice in "${text}"`, where);
      options[key] = part.slice(eq + 1).trim();
    }
  }
  return { name: m[1], options };
}

/** Normalises one entry of a policies list. */
export function parsePolicySpec(input: PolicyInput, where: string): ParsedPolicySpec {
  if (typeof input === 'string') {
    const { name, options } = parseInlineSpec(input, where);
    return { name, options, rawOptions: Object.keys(options).length > 0 };
  }
  return { name: input.name, label: input.label, options: { ...(input.options ?? {}) }, rawOptions: false };
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return /^[^,()=\s"]+$/.test(v) ? v : JSON.stringify(v);
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** Canonical label: `name(k1=v1,k2=v2)` with keys sorted; just `name` without options. */
export function canonicalLabel(name: string, options: Record<string, unknown>): string {
  const keys = Object.keys(options).filter((k) => options[k] !== undefined).sort();
  return keys.length === 0 ? name : `${name}(${keys.map((k) => `${k}=${formatValue(options[k])}`).join(',')})`;
}
