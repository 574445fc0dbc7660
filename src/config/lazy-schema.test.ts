import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { builtSchema, lazySchema } from './lazy-schema.js';

test('a lazy schema is built once, on first read, and then behaves as the schema', () => {
  let builds = 0;
  const s = lazySchema((zz) => {
    builds++;
    return zz.strictObject({ n: zz.number().int().min(1).default(3).describe('a count') });
  });
  assert.equal(builds, 0, 'declaring builds nothing');
  assert.deepEqual(s.parse({}), { n: 3 });
  assert.equal(s.safeParse({ n: 0 }).success, false);
  assert.equal(s.safeParse({ m: 1 }).success, false, 'still strict');
  assert.equal(builds, 1);
  assert.ok(s instanceof z.ZodObject);
  assert.deepEqual(Object.keys(s.shape), ['n']);
  assert.equal(builds, 1, 'built once');
});

test('composing a lazy schema: methods act on the built schema, and its metadata survives JSON Schema', () => {
  const inner = lazySchema((zz) => zz.number().positive().describe('seconds'));
  const outer = z.strictObject({ a: inner.optional(), b: z.array(inner) });
  assert.deepEqual(outer.parse({ b: [1, 2] }), { b: [1, 2] });
  assert.equal(outer.safeParse({ a: -1, b: [] }).success, false);
  const js = z.toJSONSchema(outer) as { properties: Record<string, { description?: string; items?: { description?: string } }> };
  assert.equal(js.properties.a.description, 'seconds', 'a method call returns a real schema');
  // Placed as it is, the stand-in is not the object zod registered the description under: builtSchema gives that object.
  assert.equal((z.toJSONSchema(z.array(builtSchema(inner))) as { items: { description?: string } }).items.description, 'seconds');
  assert.equal(builtSchema(builtSchema(inner)), builtSchema(inner));
  const plain = z.string();
  assert.equal(builtSchema(plain), plain);
});
