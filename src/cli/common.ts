/** Helpers shared by CLI commands: parsing numbers and lists of command-line options with errors that name the option. */
import { InputError } from '../errors.js';

/** Parses an integer option ≥ `min`, or throws an InputError naming the option. */
export function parseIntOption(name: string, value: string, min = -Infinity): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InputError(`expected a whole number${min > -Infinity ? ` ≥ ${min}` : ''}, got "${value}"`, name);
  return n;
}

/** Parses a finite number option; `min` with `exclusive` means "> min". Throws an InputError naming the option. */
export function parseNumberOption(name: string, value: string, min = -Infinity, exclusive = false): number {
  const n = Number(value);
  const bad = value.trim() === '' || !Number.isFinite(n) || (exclusive ? n <= min : n < min);
  if (bad) throw new InputError(`expected a number${min > -Infinity ? ` ${exclusive ? '>' : '≥'} ${min}` : ''}, got "${value}"`, name);
  return n;
}

/** Splits "a,b, c" into ["a","b","c"], rejecting empty items. */
export function parseList(name: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InputError(`expected a comma-separated list without empty items, got "${value}"`, name);
  return items;
}
