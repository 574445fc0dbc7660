/**
 * Zod on demand (issue 15, "Start fast"): importing zod is 95 files, about a
 * third of what `allot --help` loaded, and building every schema at start-up
 * cost as much again. Schemas are declared with `lazySchema((z) => …)`: the
 * declaration is a stand-in that loads zod and builds the schema the first
 * time anything reads it (a parse, `.optional()`, a walk of `_zod.def`), so
 * modules that only register names, flags and summaries load no zod at all.
 *
 * The stand-in forwards every property read to the built schema, and calls
 * its methods on the built schema, so it can be used wherever the schema can
 * (`.safeParse`, `.describe`, `z.union([…])`, `instanceof`). One difference:
 * identity. Zod keeps metadata (`.describe`) in a registry keyed by the
 * schema object, so `z.toJSONSchema` and composition should be handed the
 * built schema — `builtSchema(s)`, or a method call such as `s.optional()`,
 * which already returns a real schema — when the stand-in's own top level
 * carries metadata.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

/** The `z` namespace of zod (what `import { z } from 'zod'` gives). */
export type Zod = typeof z;

const require = createRequire(import.meta.url);
let zodModule: typeof import('zod') | undefined;

/**
 * Zod's `z`, loaded on first call. Loads zod's ES module entry (what
 * `import 'zod'` resolves to) with `require` (Node ≥ 20.19), so code that
 * imports zod statically gets the same module instance.
 */
export function zod(): Zod {
  zodModule ??= require(fileURLToPath(import.meta.resolve('zod'))) as typeof import('zod');
  return zodModule.z;
}

const BUILT = Symbol('built schema');

/**
 * A schema built on first use: `build` runs once, with zod's `z`, the first
 * time the returned stand-in is read. Typed as the schema itself.
 */
export function lazySchema<S extends object>(build: (z: Zod) => S): S {
  let built: S | undefined;
  const get = (): S => (built ??= build(zod()));
  return new Proxy(Object.create(null) as S, {
    get(_t, key) {
      const s = get();
      if (key === BUILT) return s;
      const v: unknown = Reflect.get(s, key, s);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
    },
    set: (_t, key, value) => Reflect.set(get(), key, value),
    has: (_t, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor(_t, key) {
      const d = Reflect.getOwnPropertyDescriptor(get(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_t, key, d) => Reflect.defineProperty(get(), key, d),
    deleteProperty: (_t, key) => Reflect.deleteProperty(get(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}

/** The schema behind a `lazySchema` stand-in (built now if it was not); any other value is returned as it is. */
export function builtSchema<S>(s: S): S {
  return ((s as { [BUILT]?: S } | null)?.[BUILT] ?? s) as S;
}
