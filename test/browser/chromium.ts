/**
 * Headless Chromium for browser tests: Debian's `chromium` (apt), driven by
 * playwright-core — never a downloaded browser. Flags per LIBRARIES.md, a
 * fresh user-data dir per launch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Path of the system chromium (`which chromium`, or $CHROMIUM_PATH), or undefined. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const p = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

/** For `test(name, needsChromium(), fn)`: a skip reason when chromium is not installed. */
export function needsChromium(): { skip?: string } {
  return chromiumPath() ? {} : { skip: 'chromium not found on PATH (Debian: apt-get install -y chromium; .ci/run installs it)' };
}

/** Launches headless chromium with a fresh profile; `close()` also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium not found');
  const userDataDir = mkdtempSync(join(tmpdir(), 'allot-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
