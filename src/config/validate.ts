/**
 * Validation at the boundary: every config, scenario file, input file and
 * policy option set is checked against its zod schema here, and a failure
 * becomes one `InputError` line that names the source, the field and what was
 * expected — with a "did you mean" for misspelt field names and choices.
 *
 * Walking a zod schema (`schemaAt`) is also how `--set key.path=value` finds
 * the type a string must be coerced to (src/config/coerce.ts).
 */
import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { InputError, formatPath } from '../errors.js';

/**
 * The closest candidate to `word`: one it abbreviates or extends (≥ 3
 * letters, e.g. "iters" → "iterations"), else the nearest by edit distance
 * within max(2, ⌊len/3⌋); undefined when nothing is close.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const list = [...candidates];
  if (w.length >= 3) {
    const prefix = list.filter((c) => c.toLowerCase().startsWith(w) || (c.length >= 3 && w.startsWith(c.toLowerCase())));
    if (prefix.length === 1) return prefix[0];
    // An abbreviation such as "iters" for "iterations": the one candidate sharing the longest prefix of ≥ 4 letters.
    const common = (c: string) => {
      let k = 0;
      while (k < w.length && k < c.length && w[k] === c[k].toLowerCase()) k++;
      return k;
    };
    const best = Math.max(0, ...list.map(common));
    const top = list.filter((c) => common(c) === best);
    if (best >= Math.min(4, w.length) && top.length === 1) return top[0];
  }
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const c of list) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  valueType?: AnySchema;
  items?: AnySchema[];
  shape?: Record<string, AnySchema>;
  getter?: () => AnySchema;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

function def(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Unwraps optional/default/nullable/pipe/readonly/lazy wrappers. */
export function unwrap(s: AnySchema): AnySchema {
  for (let i = 0; i < 20; i++) {
    const d = def(s);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'readonly' || d.type === 'prefault' || d.type === 'nonoptional' || d.type === 'catch') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = def(d.in).type === 'transform' && d.out ? d.out : d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else return s;
  }
  return s;
}

/** The zod type name of a schema after unwrapping ("object", "number", "enum", "union" …). */
export function schemaType(s: AnySchema): string {
  return def(unwrap(s)).type;
}

/** Field names of an object schema (after unwrapping), or [] for non-objects. */
export function objectKeys(s: AnySchema): string[] {
  const d = def(unwrap(s));
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

/** Choices of an enum/literal schema (after unwrapping), or undefined. */
export function enumChoices(s: AnySchema): unknown[] | undefined {
  const d = def(unwrap(s));
  if (d.type === 'enum' && d.entries) return Object.values(d.entries);
  if (d.type === 'literal' && d.values) return d.values;
  return undefined;
}

/**
 * The sub-schemas at a field path (several when a union branches). Numeric
 * path parts index arrays/tuples; string parts name object fields or record
 * keys. Returns [] when the path does not exist in the schema.
 */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema[] {
  let current: AnySchema[] = [schema];
  for (const p of path) {
    const next: AnySchema[] = [];
    const visit = (s: AnySchema, depth = 0): void => {
      if (depth > 10) return;
      const u = unwrap(s);
      const d = def(u);
      switch (d.type) {
        case 'object':
          if (typeof p === 'string' && d.shape && p in d.shape) next.push(d.shape[p]);
          break;
        case 'record':
          if (d.valueType) next.push(d.valueType);
          break;
        case 'array':
          if (d.element && (typeof p === 'number' || /^\d+$/.test(String(p)))) next.push(d.element);
          break;
        case 'tuple':
          if (d.items && (typeof p === 'number' || /^\d+$/.test(String(p)))) {
            const it = d.items[Number(p)];
            if (it) next.push(it);
          }
          break;
        case 'union':
          for (const o of d.options ?? []) visit(o, depth + 1);
          break;
        default:
          break;
      }
    };
    for (const s of current) visit(s);
    current = next;
    if (current.length === 0) return [];
  }
  return flattenUnions(current);
}

/** Union schemas replaced by their branches (recursively), other schemas kept. */
function flattenUnions(list: AnySchema[], depth = 0): AnySchema[] {
  return list.flatMap((s) => {
    const d = def(unwrap(s));
    return d.type === 'union' && depth < 10 ? flattenUnions(d.options ?? [], depth + 1) : [s];
  });
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '…' : v);
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object (key: value)',
  array: 'a list',
  int: 'a whole number',
  bigint: 'an integer',
};

function bound(origin: unknown, limit: unknown, inclusive: boolean, kind: 'min' | 'max'): string {
  const op = kind === 'min' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
  if (origin === 'array' || origin === 'set') return `${kind === 'min' ? 'at least' : 'at most'} ${String(limit)} item${limit === 1 ? '' : 's'}`;
  if (origin === 'string') return `${kind === 'min' ? 'at least' : 'at most'} ${String(limit)} character${limit === 1 ? '' : 's'}`;
  return `a number ${op} ${String(limit)}`;
}

/** True for zod's own default messages (replaced by ours); a schema's custom message is kept. */
function isDefaultMessage(m: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required)/.test(m);
}

interface LooseIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: boolean;
  origin?: unknown;
  errors?: LooseIssue[][];
  options?: unknown[];
  format?: string;
  divisor?: number;
}

/** One issue as "what was expected, what was given" (without the path). */
export function describeIssue(issue: LooseIssue, schema?: AnySchema): string {
  const custom = !isDefaultMessage(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = schema ? [...new Set(schemaAt(schema, issue.path).flatMap(objectKeys))] : [];
      const keys = issue.keys ?? [];
      const parts = keys.map((k) => `"${k}"${didYouMean(k, known)}`);
      return `unknown field${keys.length > 1 ? 's' : ''} ${parts.join(', ')}${known.length ? ` (expected: ${known.join(', ')})` : ''}`;
    }
    case 'invalid_value': {
      if (custom) return issue.message;
      const vals = issue.values ?? [];
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, vals.map(String)) : '';
      return vals.length === 1 ? `expected ${show(vals[0])}, got ${show(issue.input)}` : `expected one of ${vals.map((v) => show(v)).join(', ')}, got ${show(issue.input)}${hint}`;
    }
    case 'invalid_type': {
      if (custom) return issue.message;
      if (issue.input === undefined) return `missing (expected ${TYPE_WORDS[issue.expected ?? ''] ?? issue.expected})`;
      if (issue.expected === 'number' && typeof issue.input === 'number') return `expected a finite number, got ${show(issue.input)}`;
      return `expected ${TYPE_WORDS[issue.expected ?? ''] ?? issue.expected}, got ${show(issue.input)}`;
    }
    case 'too_small':
      return custom ? issue.message : `expected ${bound(issue.origin, issue.minimum, issue.inclusive ?? true, 'min')}, got ${show(issue.input)}`;
    case 'too_big':
      return custom ? issue.message : `expected ${bound(issue.origin, issue.maximum, issue.inclusive ?? true, 'max')}, got ${show(issue.input)}`;
    case 'not_multiple_of':
      return custom ? issue.message : `expected a multiple of ${issue.divisor}, got ${show(issue.input)}`;
    case 'invalid_format':
      return custom ? issue.message : `expected ${issue.format ?? 'a valid value'}, got ${show(issue.input)}`;
    case 'invalid_union': {
      if (issue.options && issue.options.length) {
        const got = typeof issue.input === 'object' && issue.input !== null && issue.path.length ? (issue.input as Record<string, unknown>)[String(issue.path[issue.path.length - 1])] : issue.input;
        return `expected one of ${issue.options.map((o) => show(o)).join(', ')}, got ${show(got)}${typeof got === 'string' ? didYouMean(got, issue.options.map(String)) : ''}`;
      }
      const branches = issue.errors ?? [];
      // The branch the user meant: the one that failed deepest inside, else on an unknown field — not on the value's type.
      // A missing field counts at its object's level, like an unknown one.
      const depth = (b: LooseIssue[]) => Math.max(...b.map((i) => i.path.length - (i.code === 'invalid_type' && i.input === undefined ? 1 : 0)));
      const deepest = Math.max(0, ...branches.map(depth));
      const unknownKeys = (b: LooseIssue[]) => b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? (i.keys?.length ?? 1) : 0), 0);
      const withUnknown = branches.filter((b) => unknownKeys(b) > 0);
      const fewest = Math.min(...withUnknown.map(unknownKeys));
      const meant = deepest > 0 ? branches.filter((b) => depth(b) === deepest) : withUnknown.filter((b) => unknownKeys(b) === fewest);
      if (meant.length === 1) {
        const i = [...meant[0]].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'))[0];
        const options = schema ? schemaAt(schema, issue.path) : [];
        const sub = options.length === branches.length ? options[branches.indexOf(meant[0])] : options.find((s) => objectKeys(s).length > 0);
        const inner = describeIssue(i, sub);
        return i.path.length ? `${formatPath(i.path)}: ${inner}` : inner;
      }
      const wants = branches.flatMap((b) => b.filter((i) => i.path.length === 0)).map((i) => {
        if (i.code === 'invalid_type') return TYPE_WORDS[i.expected ?? ''] ?? i.expected;
        if (i.code === 'invalid_value') return (i.values ?? []).map((v) => show(v)).join(', ');
        return describeIssue(i).replace(/, got .*$/, '').replace(/^expected /, '');
      });
      if (custom) return issue.message;
      const choices = branches.flatMap((b) => b.filter((i) => i.path.length === 0 && i.code === 'invalid_value').flatMap((i) => (i.values ?? []).map(String)));
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, choices) : '';
      return `expected ${[...new Set(wants)].join(', or ')}; got ${show(issue.input)}${hint}`;
    }
    default:
      return issue.message;
  }
}

/** Turns a zod failure into one InputError: the first issue, its field path (prefixed) and the source. */
export function inputErrorFromIssues(issues: readonly unknown[], source: string | undefined, options: { prefix?: PropertyKey[]; schema?: AnySchema; locate?: (path: PropertyKey[]) => string | undefined } = {}): InputError {
  // An unknown field is reported first: a misspelt name usually also leaves its real field missing.
  const list = [...(issues as LooseIssue[])].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  const first = list[0];
  const path = [...(options.prefix ?? []), ...first.path];
  const where = options.locate?.(first.path);
  const msg = describeIssue(first, options.schema);
  const more = list.length > 1 ? ` (and ${list.length - 1} more problem${list.length > 2 ? 's' : ''})` : '';
  const field = first.code === 'unrecognized_keys' && first.path.length === 0 && path.length === 0 ? undefined : formatPath(path);
  return new InputError(msg + more, where ?? source, where ? undefined : field);
}

/**
 * Validates `data` against `schema`; returns the parsed value (defaults
 * applied) or throws an InputError naming `source`, the field path and the
 * expectation.
 */
export function parseWith<S extends AnySchema>(schema: S, data: unknown, source?: string, options: { prefix?: PropertyKey[]; locate?: (path: PropertyKey[]) => string | undefined } = {}): z.output<S> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data as z.output<S>;
  throw inputErrorFromIssues(r.error.issues, source, { ...options, schema });
}
