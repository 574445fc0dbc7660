/**
 * Loads a dependency on first use instead of at start-up, so `allot --help`
 * and `import('allot')` do not pay for parsers, writers and statistics
 * packages a command may never touch (issue 15, "Start fast"). Uses Node's
 * `require`, which also loads ES-module packages (Node ≥ 20.19, no top-level
 * await), so synchronous callers stay synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A memoised loader of package `id`: the first call requires it, later calls
 * return the same module object. `T` is the module's type (write
 * `typeof import('pkg')`); an ES module comes back as its namespace (its
 * default export under `default`). Throws what `require` throws (e.g. the
 * package is not installed).
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
