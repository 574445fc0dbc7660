#!/usr/bin/env node
// Build step after tsc: copies the runtime files that are not TypeScript into
// dist/ — every committed deep-RL policy (src/**/trained/<name>/policy.json),
// so the installed package's `builtin:realtime` includes drl — and every .proto.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const assets = walk(src).filter((p) => /[\\/]trained[\\/][^\\/]+[\\/]policy\.json$/.test(p));
if (assets.length === 0) {
  console.error('copy-assets: no trained policy found under src/ (expected src/realtime/drl/trained/default/policy.json)');
  process.exit(1);
}
for (const p of assets) {
  const to = join(dist, relative(src, p));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(p, to);
}
if (!existsSync(join(dist, 'realtime', 'drl', 'trained', 'default', 'policy.json'))) {
  console.error('copy-assets: dist/realtime/drl/trained/default/policy.json was not written');
  process.exit(1);
}
// The gRPC twin's service definition (src/serve/allot.proto), read at run time beside grpc.js.
for (const p of walk(src).filter((f) => f.endsWith('.proto'))) {
  const to = join(dist, relative(src, p));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(p, to);
}
console.log(`copy-assets: ${assets.length} trained polic${assets.length === 1 ? 'y' : 'ies'} copied into dist/`);
