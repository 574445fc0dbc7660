/** `allot allocate`: the README contract end to end, and every kind of bad input → exit 2 naming the field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { runCliInProcess, runCliProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-allocate-'));
const readmeInput = `{ "tenants":  [{"id": "a", "tokens": 2}, {"id": "b", "tokens": 1}],
  "nodes":    [{"id": "n0", "type": "H100"}, {"id": "n1", "type": "L4"}],
  "utilities": {"a": {"n0": 10, "n1": 3}, "b": {"n0": 8, "n1": 4}},
  "rounds": 1 }`;
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('allot allocate (child process): README example with m-dice → JSON with version, sha256, fractions and prices', () => {
  const p = file('readme.json', readmeInput);
  const r = runCliProcess(['allocate', '--mechanism', 'm-dice', '--input', p, '--seed', '3']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.mechanism, 'm-dice');
  assert.equal(out.seed, 3);
  assert.equal(out.inputSha256, createHash('sha256').update(readmeInput).digest('hex'));
  assert.match(out.allotVersion, /^\d+\.\d+\.\d+/);
  assert.deepEqual(out.rounds[0].assignment, { n0: 'a', n1: 'b' });
  assert.ok(Math.abs(out.rounds[0].prices.n0 + out.rounds[0].prices.n1 - 3) < 1e-9);
  assert.ok(Math.abs(out.rounds[0].fractions.a.n0 - 1) < 1e-9);
});

test('allot allocate: every contract mechanism runs; rounds carry S-Dice passes; same seed → identical output', async () => {
  const p = file('two-rounds.json', readmeInput.replace('"rounds": 1', '"rounds": 2'));
  for (const m of ['l-dice', 's-dice', 'm-dice', 'static-share', 'round-robin', 'max-min', 'hetero-max-min']) {
    const a = await runCliInProcess(['allocate', '--mechanism', m, '--input', p, '--seed', '9']);
    assert.equal(a.code, 0, `${m}: ${a.stderr}`);
    const out = JSON.parse(a.stdout);
    assert.equal(out.rounds.length, 2);
    const b = await runCliInProcess(['allocate', '--mechanism', m, '--input', p, '--seed', '9']);
    assert.equal(a.stdout, b.stdout, `${m} not deterministic`);
  }
  const s = JSON.parse((await runCliInProcess(['allocate', '--mechanism', 's-dice', '--input', p])).stdout);
  // Round 1: passes 0,0 → a takes n0 (pass 1/2), b takes n1 (pass 1). Round 2: a (1/2) picks first: n0, then a again (1 = 1, tie to a).
  assert.deepEqual(s.rounds.map((r: { assignment: object }) => r.assignment), [{ n0: 'a', n1: 'b' }, { n0: 'a', n1: 'a' }]);
});

const bad: [string, string, RegExp][] = [
  ['missing tenants', '{"nodes":[{"id":"n0","type":"x"}],"utilities":{}}', /tenants/],
  ['zero tokens', '{"tenants":[{"id":"a","tokens":0}],"nodes":[{"id":"n0","type":"x"}],"utilities":{}}', /tenants\[0\]\.tokens.*positive/],
  ['negative tokens', '{"tenants":[{"id":"a","tokens":-2}],"nodes":[{"id":"n0","type":"x"}],"utilities":{}}', /tenants\[0\]\.tokens/],
  ['fractional tokens', '{"tenants":[{"id":"a","tokens":1.5}],"nodes":[{"id":"n0","type":"x"}],"utilities":{}}', /tenants\[0\]\.tokens.*(whole|integer)/],
  ['duplicate tenant', '{"tenants":[{"id":"a","tokens":1},{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"}],"utilities":{}}', /tenants\[1\]\.id.*duplicate/],
  ['duplicate node', '{"tenants":[{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"},{"id":"n0","type":"y"}],"utilities":{}}', /nodes\[1\]\.id.*duplicate/],
  ['unknown tenant in utilities', '{"tenants":[{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"}],"utilities":{"zz":{"n0":1}}}', /utilities\.zz.*unknown tenant/],
  ['unknown node in utilities', '{"tenants":[{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"}],"utilities":{"a":{"n9":1}}}', /utilities\.a\.n9.*unknown node/],
  ['negative utility', '{"tenants":[{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"}],"utilities":{"a":{"n0":-1}}}', /utilities\.a\.n0.*≥ 0/],
  ['non-numeric utility', '{"tenants":[{"id":"a","tokens":1}],"nodes":[{"id":"n0","type":"x"}],"utilities":{"a":{"n0":"high"}}}', /utilities\.a\.n0.*number/],
  ['non-JSON', '{"tenants": [', /not valid JSON/],
];

for (const [name, text, pattern] of bad) {
  test(`allot allocate bad input: ${name} → exit 2, message names the file and field`, async () => {
    const p = file(`${name.replace(/\W+/g, '-')}.json`, text);
    const r = await runCliInProcess(['allocate', '--mechanism', 's-dice', '--input', p]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, pattern);
    assert.ok(r.stderr.includes(p), 'names the file');
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    assert.equal(r.stdout, '');
  });
}

test('allot allocate: missing file, unknown mechanism, bad seed → exit 2', async () => {
  const missing = await runCliInProcess(['allocate', '--mechanism', 's-dice', '--input', join(dir, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json: input file not found/);
  const p = file('ok.json', readmeInput);
  const unknown = await runCliInProcess(['allocate', '--mechanism', 'x-dice', '--input', p]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--mechanism: unknown mechanism "x-dice"/);
  const seed = await runCliInProcess(['allocate', '--mechanism', 's-dice', '--input', p, '--seed', 'abc']);
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed: expected a whole number ≥ 0, got "abc"/);
});

test('allot allocate per node type: the same allocation as the per-node input it expands to, with counts; --compact prints only counts; bad forms are errors', async () => {
  const tdir = mkdtempSync(join(tmpdir(), 'allot-alloc-types-'));
  const tenants = [{ id: 'vision', tokens: 3 }, { id: 'nlp', tokens: 2 }, { id: 'recsys', tokens: 1 }];
  const types = [{ type: 'H100', count: 3 }, { type: 'L40S', count: 2 }, { type: 'L4', count: 4 }];
  const perType = { vision: { H100: 10, L40S: 6, L4: 2 }, nlp: { H100: 12, L40S: 5 }, recsys: { H100: 4, L40S: 4, L4: 3 } } as Record<string, Record<string, number>>;
  const nodes = types.flatMap((t) => Array.from({ length: t.count }, (_, k) => ({ id: `${t.type}-${k}`, type: t.type })));
  const perNode = Object.fromEntries(Object.entries(perType).map(([t, row]) => [t, Object.fromEntries(nodes.filter((n) => row[n.type] !== undefined).map((n) => [n.id, row[n.type]]))]));
  const typed = join(tdir, 'typed.json');
  const flat = join(tdir, 'flat.json');
  writeFileSync(typed, JSON.stringify({ tenants, nodeTypes: types, utilities: perType, rounds: 3 }));
  writeFileSync(flat, JSON.stringify({ tenants, nodes, utilities: perNode, rounds: 3 }));
  for (const mechanism of ['m-dice', 's-dice', 'l-dice']) {
    const a = await runCliInProcess(['allocate', '--mechanism', mechanism, '--input', typed]);
    const b = await runCliInProcess(['allocate', '--mechanism', mechanism, '--input', flat]);
    assert.equal(a.code, 0, a.stderr);
    const ra = JSON.parse(a.stdout).rounds as { assignment: Record<string, string | null>; counts: Record<string, Record<string, number>> }[];
    const rb = JSON.parse(b.stdout).rounds as { assignment: Record<string, string | null> }[];
    assert.deepEqual(ra.map((r) => r.assignment), rb.map((r) => r.assignment), mechanism);
    for (const r of ra) {
      // counts agree with the assignment, and each type's counts sum to at most its nodes
      for (const t of types) {
        const held = Object.entries(r.assignment).filter(([id, who]) => id.startsWith(`${t.type}-`) && who !== null);
        assert.equal(Object.values(r.counts).reduce((s, c) => s + (c[t.type] ?? 0), 0), held.length);
        for (const [tenant, c] of Object.entries(r.counts)) assert.equal(c[t.type], held.filter(([, who]) => who === tenant).length);
      }
    }
    const compact = await runCliInProcess(['allocate', '--mechanism', mechanism, '--input', typed, '--compact']);
    assert.deepEqual(JSON.parse(compact.stdout).rounds, ra.map((r) => ({ counts: r.counts })));
  }
  const both = join(tdir, 'both.json');
  writeFileSync(both, JSON.stringify({ tenants, nodes, nodeTypes: types, utilities: perNode }));
  const e1 = await runCliInProcess(['allocate', '--mechanism', 'm-dice', '--input', both]);
  assert.equal(e1.code, 2);
  assert.match(e1.stderr, /either nodes or nodeTypes, not both/);
  const unknown = join(tdir, 'unknown.json');
  writeFileSync(unknown, JSON.stringify({ tenants, nodeTypes: types, utilities: { vision: { A100: 1 } } }));
  const e2 = await runCliInProcess(['allocate', '--mechanism', 'm-dice', '--input', unknown]);
  assert.equal(e2.code, 2);
  assert.match(e2.stderr, /utilities\.vision\.A100.*unknown node type "A100"|unknown node type "A100".*utilities\.vision\.A100/);
});
