/** Helpers shared by CLI commands: reading input files with clear errors, parsing numbers. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';

/** Reads a UTF-8 file; a missing/unreadable file is an InputError naming it. */
export function readInputFile(path: string, what = 'input file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${what} not found` : `cannot read ${what} (${code ?? String(e)})`, path);
  }
}

/** Parses JSON, naming the file and line/column on a syntax error. */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where: string | undefined;
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = `line ${line}`;
    }
    throw new InputError(`not valid JSON (${msg})`, path, where);
  }
}

/** Parses a YAML (or JSON, a YAML subset) scenario file into a plain object. */
export function parseYamlFile(path: string, text: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    throw new InputError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, path);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InputError('expected a mapping (key: value) at the top level', path);
  return data as Record<string, unknown>;
}

/** Parses an integer CLI option, or throws an InputError naming the option. */
export function parseIntOption(name: string, value: string, min = -Infinity): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InputError(`expected an integer${min > -Infinity ? ` ≥ ${min}` : ''}, got "${value}"`, name);
  return n;
}

/** Parses a finite number CLI option, or throws an InputError naming the option. */
export function parseNumberOption(name: string, value: string, min = -Infinity): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) throw new InputError(`expected a number${min > -Infinity ? ` ≥ ${min}` : ''}, got "${value}"`, name);
  return n;
}

/** Splits "a,b, c" into ["a","b","c"], rejecting empty items. */
export function parseList(name: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InputError(`expected a comma-separated list without empty items, got "${value}"`, name);
  return items;
}
