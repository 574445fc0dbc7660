/**
 * Typed values from command-line strings: `--set key.path=value`, kind
 * flags and `allot sweep --vary` values are turned into the type the
 * scenario kind's schema expects at that path (numbers, booleans, lists,
 * enums), so the config is validated once, by the schema.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';
import { didYouMean, enumChoices, objectKeys, schemaAt, schemaType, unwrap } from './validate.js';

const yaml = lazyRequire<typeof import('yaml')>('yaml');

/** Splits `a.b.0.c` into ['a', 'b', 0, 'c'] (numeric parts index lists). */
export function parseKeyPath(key: string, where: string): (string | number)[] {
  const parts = key.split('.');
  if (parts.some((p) => p === '' || !/^[A-Za-z0-9_-]+$/.test(p))) throw new InputError(`expected a key path like "load" or "hybrid.sampling", got "${key}"`, where);
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Reads the value at a key path (undefined when absent). */
export function getAt(obj: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/** Returns a copy of `obj` with `value` set at the key path (intermediate objects/lists created as needed). */
export function setAt<T extends Record<string, unknown>>(obj: T, path: readonly (string | number)[], value: unknown): T {
  const root: Record<string | number, unknown> = Array.isArray(obj) ? ([...obj] as unknown as Record<string, unknown>) : { ...obj };
  let cur = root;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i];
    const child = cur[p];
    const copy: Record<string | number, unknown> = Array.isArray(child) ? ([...child] as unknown as Record<string, unknown>) : child !== null && typeof child === 'object' ? { ...(child as Record<string, unknown>) } : typeof path[i + 1] === 'number' ? ([] as unknown as Record<string, unknown>) : {};
    cur[p] = copy;
    cur = copy;
  }
  cur[path[path.length - 1]] = value;
  return root as T;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function coerceOne(s: z.ZodType, raw: string, where: string): unknown {
  const t = raw.trim();
  const type = schemaType(s);
  switch (type) {
    case 'number':
    case 'int':
      if (!NUMBER.test(t)) throw new InputError(`expected a number, got "${raw}"`, where);
      return Number(t);
    case 'boolean':
      if (['true', 'on', 'yes', '1'].includes(t)) return true;
      if (['false', 'off', 'no', '0'].includes(t)) return false;
      throw new InputError(`expected true or false, got "${raw}"`, where);
    case 'string':
      return raw;
    case 'enum':
    case 'literal': {
      const choices = enumChoices(s) ?? [];
      const hit = choices.find((c) => String(c) === t);
      if (hit !== undefined) return hit;
      throw new InputError(`expected one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got "${raw}"${didYouMean(t, choices.map(String))}`, where);
    }
    case 'array':
    case 'tuple': {
      if (t.startsWith('[')) return yamlValue(t, where);
      const items = t.split(',').map((x) => x.trim());
      if (items.some((x) => x === '')) throw new InputError(`expected a comma-separated list without empty items, got "${raw}"`, where);
      return items.map((x, i) => {
        const el = schemaAt(s, [i]);
        return el.length ? coerceAny(el, x, where) : yamlValue(x, where);
      });
    }
    default:
      return yamlValue(t, where);
  }
}

function yamlValue(t: string, where: string): unknown {
  try {
    return yaml().parse(t);
  } catch (e) {
    throw new InputError(`not a valid value (${(e as Error).message.split('\n')[0]}): "${t}"`, where);
  }
}

/** Tries each candidate schema (union branches) in order; the first coercion that succeeds wins. */
function coerceAny(candidates: z.ZodType[], raw: string, where: string): unknown {
  const flat: z.ZodType[] = [];
  const add = (s: z.ZodType, depth = 0): void => {
    const u = unwrap(s);
    const d = (u as unknown as { _zod: { def: { type: string; options?: z.ZodType[] } } })._zod.def;
    if (d.type === 'union' && depth < 5) for (const o of d.options ?? []) add(o, depth + 1);
    else flat.push(u);
  };
  candidates.forEach((c) => add(c));
  // Prefer exact matches: a number for numeric text, a boolean for true/false, an enum choice by name, then strings.
  const rank = (s: z.ZodType): number => {
    const ty = schemaType(s);
    if ((ty === 'number' || ty === 'int') && NUMBER.test(raw.trim())) return 0;
    if (ty === 'boolean' && /^(true|false|on|off|yes|no)$/.test(raw.trim())) return 0;
    if ((ty === 'enum' || ty === 'literal') && (enumChoices(s) ?? []).some((c) => String(c) === raw.trim())) return 0;
    if (ty === 'array' || ty === 'tuple') return raw.includes(',') || raw.trim().startsWith('[') ? 1 : 3;
    if (ty === 'string') return 2;
    return 4;
  };
  const ordered = [...flat].sort((a, b) => rank(a) - rank(b));
  let firstError: unknown;
  for (const s of ordered) {
    try {
      return coerceOne(s, raw, where);
    } catch (e) {
      firstError ??= e;
    }
  }
  throw firstError ?? new InputError(`cannot set this value: "${raw}"`, where);
}

/**
 * Coerces a command-line string to the type the schema expects at `path`.
 * Throws InputError naming `where` (the flag) when the path is not a field
 * of the schema (with a "did you mean") or the text is not of that type.
 */
export function coerceAt(schema: z.ZodType, path: readonly (string | number)[], raw: string, where: string): unknown {
  const at = schemaAt(schema, path);
  if (at.length === 0) {
    // Name the first missing part, with the fields that exist at that level.
    for (let i = 0; i < path.length; i++) {
      const parent = schemaAt(schema, path.slice(0, i));
      const sub = schemaAt(schema, path.slice(0, i + 1));
      if (sub.length === 0) {
        const keys = [...new Set(parent.flatMap(objectKeys))];
        const name = path.slice(0, i + 1).join('.');
        throw new InputError(`unknown key "${name}"${didYouMean(String(path[i]), keys)}${keys.length ? ` (fields here: ${keys.join(', ')})` : ''}`, where);
      }
    }
  }
  return coerceAny(at, raw, where);
}
