/**
 * Where the bundled real data lives: `$ALLOT_DATA_DIR` if set, else
 * `../shared/data` relative to the project root. Nothing in this folder is
 * copied into the project (see shared/data/README.md for sources and licences).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Absolute path of the data directory, or undefined when neither location exists. */
export function dataDir(): string | undefined {
  const env = process.env.ALLOT_DATA_DIR;
  if (env && existsSync(env)) return resolve(env);
  const shared = resolve(projectRoot, '..', 'shared', 'data');
  return existsSync(shared) ? shared : undefined;
}

/** Absolute path of a bundled data file (e.g. "philly/philly.csv"), or undefined when it is not available. */
export function dataFile(relative: string): string | undefined {
  const dir = dataDir();
  if (!dir) return undefined;
  const p = join(dir, relative);
  return existsSync(p) ? p : undefined;
}

/**
 * For tests: `{ skip: reason }` when the file is missing (the reason is printed by the
 * test runner), else `{}`. Usage: `test('…', needsData('philly/philly.csv'), () => …)`.
 */
export function needsData(...relative: string[]): { skip?: string } {
  const missing = relative.filter((r) => !dataFile(r));
  return missing.length === 0
    ? {}
    : { skip: `bundled data not found (${missing.join(', ')}): set ALLOT_DATA_DIR or place ../shared/data beside the project` };
}
