#!/usr/bin/env node
// Entry point of the `allot` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/entry.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('allot: dist/ is missing; run `npm run build` (npm ci does it for you).\n');
  process.exit(1);
}
await import(main.href);
