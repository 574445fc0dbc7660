/**
 * Error types that the CLI maps to exit codes (DESIGN.md "Contracts"):
 * - `InputError` → exit 2: bad input or usage; the message names the file,
 *   line/field and what was expected.
 * - `EnvironmentError` → exit 1: the machine failed the run (disk full, no
 *   permission on a system path …); a clear message, never a stack trace.
 * - anything else → exit 1, "internal error" (a bug).
 */

/** Bad input or usage. The message is `source: location: what was wrong and what was expected`. */
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

/** The environment failed (ENOSPC, EIO …) while Allot was working; no partial output is left behind. */
export class EnvironmentError extends Error {
  /** @param message what failed, e.g. "cannot write out/results.json: no space left on device (ENOSPC)". */
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'already exists',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  EFBIG: 'file too large',
};

/** "no space left on device (ENOSPC)" for a Node system error. */
export function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code) return e instanceof Error ? e.message : String(e);
  return `${ERRNO_WORDS[code] ?? (e as Error).message.replace(/^[A-Z]+: /, '').split(',')[0]} (${code})`;
}

/** Renders a field path like `tenants[2].tokens`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out || '(root)';
}

/** Receives deprecation and other non-fatal warnings (the CLI prints them on stderr as "allot: warning: …"). */
export type WarningSink = (message: string) => void;
