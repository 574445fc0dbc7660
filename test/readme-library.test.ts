/**
 * The README's "Library" examples, as a user would run them: a scratch
 * consumer project (module nodenext, strict, skipLibCheck false) imports
 * `allot` from the built package (dist/, which `npm ci` builds), type-checks
 * every example, compiles and runs it. Also: the public declarations reach no
 * HiGHS, TF.js, graphology or piscina types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { distIsFresh, ROOT } from './dist-freshness.js';

const dist = join(ROOT, 'dist', 'index.d.ts');
const fresh = distIsFresh(join('index.d.ts'));
const needsBuild = fresh ? {} : { skip: 'dist/ is missing or older than src/: run `npm run build` (npm ci does it)' };

function examples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library'), readme.indexOf('\n## ', readme.indexOf('\n## Library') + 5));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

test('the README Library examples type-check against the package (nodenext, skipLibCheck false) and run', needsBuild, () => {
  const code = examples();
  assert.ok(code.length >= 4, `${code.length} examples`);
  const dir = mkdtempSync(join(tmpdir(), 'allot-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'allot'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  code.forEach((c, i) => writeFileSync(join(dir, `example-${i + 1}.ts`), c));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, skipLibCheck: false,
        outDir: 'out', rootDir: '.', typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'],
      },
      include: ['example-*.ts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `type errors in the README examples or the package's declarations:\n${tsc.stdout}${tsc.stderr}`);
  code.forEach((_, i) => {
    const r = spawnSync(process.execPath, [join(dir, 'out', `example-${i + 1}.js`)], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `example ${i + 1} failed:\n${r.stderr}`);
    assert.ok(r.stdout.trim().length > 0, `example ${i + 1} prints its result`);
  });
  const run = spawnSync(process.execPath, [join(dir, 'out', 'example-2.js')], { cwd: dir, encoding: 'utf8' });
  assert.match(run.stdout, /\{ n0: 'a', n1: 'b' \} \{ n0: 2, n1: 1 \}/);
  const errors = spawnSync(process.execPath, [join(dir, 'out', 'example-4.js')], { cwd: dir, encoding: 'utf8' });
  assert.match(errors.stdout, /config: unknown field "lod" \(did you mean "load"\?\)/);
});

test('the public declarations reference no HiGHS, TF.js, graphology or piscina types', needsBuild, () => {
  const seen = new Set<string>();
  const external = new Set<string>();
  const todo = [dist];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      if (spec.startsWith('.')) todo.push(resolve(dirname(f), spec.replace(/\.js$/, '.d.ts')));
      else external.add(spec);
    }
  }
  assert.ok(seen.size > 20, `${seen.size} declaration files reached`);
  const banned = [...external].filter((s) => /^(highs|@tensorflow\/|graphology|piscina)/.test(s));
  assert.deepEqual(banned, [], `public types reach ${banned.join(', ')}`);
});
