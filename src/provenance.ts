/**
 * Provenance attached to every output: Allot's version, inputs' SHA-256, seed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Allot's version, read once from package.json. */
export const allotVersion: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0-unknown';
  }
})();

/** Hex SHA-256 of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One input of a run: its path (or a name like "builtin:default") and SHA-256 of its bytes. */
export interface InputRef {
  path: string;
  sha256: string;
}
