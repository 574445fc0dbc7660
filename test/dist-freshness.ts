/** For tests of the built package: the project root, and whether a file under dist/ is newer than every non-test source in src/. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (absolute). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time (ms) of the non-test sources under `dir`. */
function newestSource(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) t = Math.max(t, newestSource(p));
    else if (!name.endsWith('.test.ts')) t = Math.max(t, st.mtimeMs);
  }
  return t;
}

/** True when `dist/<relative>` exists and is at least as new as every non-test file in src/. */
export function distIsFresh(relative: string): boolean {
  const file = join(ROOT, 'dist', relative);
  return existsSync(file) && statSync(file).mtimeMs >= newestSource(join(ROOT, 'src'));
}
