/** Atomic output directories (src/report/output-dir.ts): checked before any work, all or nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError, InputError } from '../src/errors.js';
import { OUTPUT_MARKER, isAllotOutput, prepareOutputDir } from '../src/report/output-dir.js';
import { writeRunOutputs } from '../src/report/write-outputs.js';
import type { RunOutput } from '../src/results.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'allot-outdir-'));
const output: RunOutput = {
  results: { allotVersion: 'test', scenario: 's', kind: 'k', seed: 1, inputs: [], parameters: {}, policies: [{ name: 'p', x: 1, tenants: [] }] },
  artifacts: { tables: [{ name: 'rows', columns: ['a'], rows: [[1], [2]] }], series: {} },
};

test('a new OUT (with missing parents) is written in OUT.tmp-<pid> and appears only on commit', () => {
  const root = tmp();
  const out = join(root, 'a', 'b', 'out');
  const d = prepareOutputDir(out, '--out', 'run');
  assert.equal(d.dir, `${out}.tmp-${process.pid}`);
  assert.ok(existsSync(join(d.dir, OUTPUT_MARKER)));
  assert.ok(!existsSync(out));
  writeFileSync(join(d.dir, 'results.json'), '{}');
  d.commit();
  assert.deepEqual(readdirSync(out).sort(), [OUTPUT_MARKER, 'results.json']);
  assert.deepEqual(readdirSync(join(root, 'a', 'b')), ['out']);
  assert.ok(isAllotOutput(out));
});

test('an earlier Allot output is replaced on commit and kept intact on abort', () => {
  const root = tmp();
  const out = join(root, 'out');
  const first = prepareOutputDir(out, '--out', 'run');
  writeFileSync(join(first.dir, 'old.csv'), 'old');
  first.commit();
  const aborted = prepareOutputDir(out, '--out', 'run');
  writeFileSync(join(aborted.dir, 'new.csv'), 'half');
  aborted.abort();
  assert.deepEqual(readdirSync(out).sort(), [OUTPUT_MARKER, 'old.csv']);
  assert.deepEqual(readdirSync(root), ['out']);
  const second = prepareOutputDir(out, '--out', 'run');
  writeFileSync(join(second.dir, 'new.csv'), 'new');
  second.commit();
  assert.deepEqual(readdirSync(out).sort(), [OUTPUT_MARKER, 'new.csv']);
  // an output of an older Allot (results.json with allotVersion, no marker) may be replaced too
  const legacy = join(root, 'legacy');
  mkdirSync(legacy);
  writeFileSync(join(legacy, 'results.json'), JSON.stringify({ allotVersion: '0.1.0', policies: [] }));
  assert.ok(isAllotOutput(legacy));
  prepareOutputDir(legacy, '--out', 'run').abort();
});

test('OUT that cannot be used is an InputError before any work, and nothing is created', () => {
  const root = tmp();
  const file = join(root, 'file');
  writeFileSync(file, 'x');
  const other = join(root, 'notes');
  mkdirSync(other);
  writeFileSync(join(other, 'mine.txt'), 'keep');
  const cases: [string, RegExp][] = [
    [file, /--out: .*file exists and is a file; give a directory/],
    [join(file, 'out'), /--out: cannot use .*file\/out: a part of the path is a file, not a directory \(ENOTDIR\)/],
    [other, /--out: .*notes exists and is not an earlier Allot output \(it holds mine\.txt\); choose a new or empty directory/],
    ['/proc/allot-test-out', /--out: cannot create allot-test-out\.tmp-\d+ beside \/proc\/allot-test-out: no such file or directory \(ENOENT\)/],
    ['/proc/self/allot/x/y', /--out: cannot create (directories in \/proc\/self: permission denied|directory \/proc\/self\/allot: no such file or directory \(ENOENT\))/],
  ];
  for (const [out, re] of cases) {
    const t0 = Date.now();
    assert.throws(() => prepareOutputDir(out, '--out', 'run'), (e: unknown) => e instanceof InputError && re.test(e.message), out);
    assert.ok(Date.now() - t0 < 1000, `${out}: ${Date.now() - t0} ms`);
  }
  assert.deepEqual(readdirSync(root).sort(), ['file', 'notes']);
  assert.equal(readFileSync(join(other, 'mine.txt'), 'utf8'), 'keep');
});

test('a full disk while writing: EnvironmentError naming the file, and the output is dropped', async () => {
  const root = tmp();
  const out = join(root, 'out');
  const d = prepareOutputDir(out, '--out', 'run');
  let calls = 0;
  const writer = (p: string, data: string | Uint8Array) => {
    if (++calls === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    writeFileSync(p, data);
  };
  await assert.rejects(writeRunOutputs(d.dir, output, { writer }), (e: unknown) => e instanceof EnvironmentError && /cannot write .*rows\.csv: no space left on device \(ENOSPC\); nothing was kept/.test(e.message));
  d.abort();
  assert.deepEqual(readdirSync(root), []);
});
