import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { topcuoglu2002, arabnejad2014 } from '../dag/golden-dags.js';
import { InputError } from '../errors.js';
import { scheduleDagInput } from '../dag/schedule-input.js';
import { parseJsonText } from '../data/input-files.js';
import { runCliInProcess } from '../../test/cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-dag-'));

/** `allot <args>` in-process (the CLI's own code path, no process spawn). */
function allot(...args: string[]) {
  return runCliInProcess(args);
}

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

test('allot dag reproduces the published makespans and the output contract', async () => {
  const topc = file('topcuoglu.json', topcuoglu2002);
  const heft = await allot('dag', '--algorithm', 'heft', '--input', topc);
  assert.equal(heft.code, 0, heft.stderr);
  const out = JSON.parse(heft.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(out), ['allotVersion', 'algorithm', 'seed', 'inputSha256', 'makespan', 'schedule']);
  assert.equal(out.makespan, 80);
  assert.equal(out.algorithm, 'heft');
  assert.equal(out.seed, 1);
  assert.equal(out.inputSha256, createHash('sha256').update(JSON.stringify(topcuoglu2002)).digest('hex'));
  const sched = out.schedule as { task: string; processor: string; start: number; finish: number }[];
  assert.equal(sched.length, 10);
  assert.deepEqual(sched[0], { task: 't1', processor: 'p3', start: 0, finish: 9 });
  assert.equal(JSON.parse((await allot('dag', '--algorithm', 'cpop', '--input', topc)).stdout).makespan, 86);
  assert.equal(JSON.parse((await allot('dag', '--algorithm', 'peft', '--input', file('arabnejad.json', arabnejad2014))).stdout).makespan, 122);
});

test('allot dag searches are byte-identical per seed; bandwidth mode works', async () => {
  const input = file('bw.json', {
    processors: ['rpi', 'edge'],
    tasks: [{ id: 'a', cost: [0.4, 0.1] }, { id: 'b', cost: [0.5, 0.1] }, { id: 'c', cost: [null, 0.2] }],
    edges: [{ from: 'a', to: 'b', data: 1e6 }, { from: 'a', to: 'c', data: 2e6 }],
    bandwidth: [[null, 1e7], [1e7, null]],
  });
  const a = await allot('dag', '--algorithm', 'pso-ga', '--input', input, '--seed', '9');
  const b = await allot('dag', '--algorithm', 'pso-ga', '--input', input, '--seed', '9');
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const out = JSON.parse(a.stdout) as { makespan: number; schedule: { processor: string }[] };
  assert.equal(out.schedule[2].processor, 'edge');
  assert.ok(Math.abs(out.makespan - 0.4) < 1e-9, `makespan ${out.makespan}`); // all on the edge: 0.1 + 0.1 + 0.2
});

test('allot dag: bad input exits 2 and names the field', async () => {
  const cases: [unknown, RegExp][] = [
    [{ processors: ['p'], tasks: [{ id: 't', cost: [-1] }] }, /tasks\[0\]\.cost\[0\]/],
    [{ processors: ['p'], tasks: [{ id: 't', cost: [1] }], edges: [{ from: 't', to: 'u', data: 1 }] }, /edges\[0\]\.to/],
    [{ processors: ['p', 'q'], tasks: [{ id: 't', cost: [1] }] }, /tasks\[0\]\.cost/],
    [{ tasks: [] }, /processors/],
    [{ processors: ['p', 'q'], tasks: [{ id: 't', cost: [1, 1] }], bandwidth: [[1, 1]] }, /bandwidth/],
    ['{"processors": [', /not valid JSON/],
  ];
  // Every case through the library form of the command (the same code path, no process spawn)…
  for (const [i, [content, re]] of cases.entries()) {
    const path = file(`bad${i}.json`, content);
    await assert.rejects(async () => scheduleDagInput(parseJsonText(readFileSync(path, 'utf8'), path) as Record<string, unknown>, { algorithm: 'heft', source: path }), (e: unknown) => e instanceof InputError && re.test(e.message) && e.message.includes(path), `case ${i}`);
  }
  // …and the first through the real CLI: exit 2, message on stderr, no stack trace.
  const r = await allot('dag', '--algorithm', 'heft', '--input', join(dir, 'bad0.json'));
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /bad0\.json: tasks\[0\]\.cost\[0\]/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
  const unknown = await allot('dag', '--algorithm', 'simplex', '--input', file('ok.json', topcuoglu2002));
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--algorithm/);
  const missing = await allot('dag', '--algorithm', 'heft', '--input', join(dir, 'nope.json'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.json: input file not found/);
});
