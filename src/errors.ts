/**
 * Error types that the CLI maps to exit codes (DESIGN.md "Contracts"):
 * `InputError` → exit 2 (bad input or usage; the message names the file,
 * line/field and what was expected); anything else → exit 1 (internal error).
 */
import type { ZodError } from 'zod';

export class InputError extends Error {
  /**
   * @param message what was wrong and what was expected.
   * @param source the file (or "stdin", "--option") the input came from, if any.
   * @param location a field path (`tenants[2].tokens`) or `line 17`, if known.
   */
  constructor(
    message: string,
    readonly source?: string,
    readonly location?: string,
  ) {
    super([source, location].filter(Boolean).join(': ') + (source || location ? ': ' : '') + message);
    this.name = 'InputError';
  }
}

/** Renders a zod path like `tenants[2].tokens`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out || '(root)';
}

/** Turns a zod validation failure into an InputError naming the first offending field. */
export function inputErrorFromZod(error: ZodError, source: string, prefix = ''): InputError {
  const issues = error.issues.slice(0, 3).map((i) => `${formatPath([...(prefix ? [prefix] : []), ...i.path])}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return new InputError(issues.join('; ') + more, source);
}
