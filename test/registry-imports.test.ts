/**
 * Importing the policy registry loads no policy code: from
 * src/policies/index.ts, the runtime (non-type) static imports reach only the
 * registry, the four catalogs and the validation helpers — every factory
 * loads its implementation with a lazy `import()`. Checked on the sources'
 * import graph (TypeScript's parser), so it cannot pass by accident of what
 * an earlier test already loaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runtime static imports of a file: import/export … from, minus `import type` / `export type`. */
function runtimeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) out.push((st.moduleSpecifier as ts.StringLiteral).text);
  }
  return out;
}

function reachable(...entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (files.has(f)) continue;
    files.add(f);
    for (const spec of runtimeImports(f)) {
      if (spec.startsWith('.')) todo.push(resolve(dirname(f), spec.replace(/\.js$/, '.ts')));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { files, packages };
}

test('importing the policy registry loads no policy implementation', () => {
  const { files, packages } = reachable(join(ROOT, 'src/policies/index.ts'));
  const rel = [...files].map((f) => relative(ROOT, f)).sort();
  const allowed = /^src\/(policies\/[a-z-]+|(mechanisms|schedulers|realtime|dag)\/catalog|config\/[a-z-]+|errors|lazy-require)\.ts$/;
  assert.deepEqual(rel.filter((f) => !allowed.test(f)), [], `registry imports reach: ${rel.join(', ')}`);
  for (const c of ['mechanisms', 'schedulers', 'realtime', 'dag']) assert.ok(rel.includes(`src/${c}/catalog.ts`), `${c} catalog loaded`);
  // zod loads when a schema is first read (src/config/lazy-schema.ts), not with the catalogs
  assert.deepEqual([...packages].sort(), ['fastest-levenshtein']);
});

test('the check sees real imports: a policy module reaches its implementation', () => {
  const { files } = reachable(join(ROOT, 'src/mechanisms/hetero-max-min.ts'));
  assert.ok([...files].some((f) => f.endsWith('src/solvers/highs.ts')));
});

test('the CLI starts without loading scenario runs, command implementations or heavy packages', () => {
  // What `allot --help` loads: every command's registration (src/cli/commands.ts imports each on demand), the
  // policy catalogs and each scenario kind's registration (kind.ts). Each kind's prepare code (index.ts), the
  // mechanisms, DAG schedulers, sweep machinery and report rendering load in the commands' actions; parsers
  // and writers on first use (lazy-require.ts).
  const { files, packages } = reachable(join(ROOT, 'src/cli/main.ts'), ...commandModules());
  const rel = [...files].map((f) => relative(ROOT, f)).sort();
  for (const k of ['dag', 'dice-original', 'inference-allocation', 'realtime', 'training', 'two-level']) {
    assert.ok(rel.includes(`src/scenarios/${k}/kind.ts`), `${k} registered`);
    assert.ok(!rel.includes(`src/scenarios/${k}/index.ts`), `${k}'s prepare code is loaded at start-up`);
  }
  const eager = rel.filter((f) => /^src\/(mechanisms\/(?!catalog)|dag\/(?!catalog)|sweep\/run-|report\/(report|charts|render|html)\.ts|schedulers\/engine|realtime\/engine|solvers\/)/.test(f));
  assert.deepEqual(eager, [], 'implementation modules reached from the CLI entry');
  const heavy = [...packages].filter((p) => !['@commander-js/extra-typings', 'fastest-levenshtein', 'pure-rand'].includes(p));
  assert.deepEqual(heavy.sort(), [], 'packages imported at start-up (load them with lazyRequire or import())');
});

/** The command modules src/cli/commands.ts loads on demand (its `import('./x.js')` calls). */
function commandModules(): string[] {
  const text = readFileSync(join(ROOT, 'src/cli/commands.ts'), 'utf8');
  return [...text.matchAll(/import\('\.\/([a-z-]+)\.js'\)/g)].map((m) => join(ROOT, 'src/cli', `${m[1]}.ts`));
}

test('one command loads only its own module: main reaches no command, and allot dag reaches no scenario kind', () => {
  const modules = commandModules();
  assert.equal(modules.length, 10, 'every command is listed in commands.ts');
  const main = [...reachable(join(ROOT, 'src/cli/main.ts')).files].map((f) => relative(ROOT, f));
  assert.deepEqual(main.filter((f) => modules.some((m) => relative(ROOT, m) === f)), [], 'command modules imported statically by main');
  const dag = [...reachable(join(ROOT, 'src/cli/main.ts'), join(ROOT, 'src/cli/dag.ts')).files].map((f) => relative(ROOT, f));
  assert.deepEqual(dag.filter((f) => /^src\/(scenarios\/[a-z-]+\/|report\/(?!terminal-table)|sweep\/)/.test(f)), [], 'allot dag loads scenario, report or sweep modules');
});
