/**
 * What `allot run` prints: tables fitted to the terminal width with the best
 * policy per headline metric first, the machine formats (csv, json, markdown)
 * never wrapped, `--seeds N` means with intervals, progress on a terminal,
 * and plain-word error messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import { runCliInProcess } from './cli-helpers.js';

const SMALL = ['--policies', 'm-dice,s-dice,static-share', '--rounds', '4'];

test('allot run with COLUMNS=100: no line wider than 100, and the first lines name the best policy per headline metric', async () => {
  const r = await runCliInProcess(['run', ...SMALL, '--quiet'], { env: { COLUMNS: '100', NO_COLOR: '1' } });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  for (const l of lines) assert.ok(stringWidth(l) <= 100, `line of ${stringWidth(l)} columns: ${l}`);
  const json = JSON.parse((await runCliInProcess(['run', ...SMALL, '--json'])).stdout);
  // The headline block comes first and its "best" column agrees with the results.
  const head = lines.slice(0, 10).join('\n');
  assert.match(head, /Best per headline metric/);
  const hit = json.policies.map((p: { name: string; deadlineHitRate: number }) => [p.name, p.deadlineHitRate] as const);
  const best = hit.reduce((a: readonly [string, number], b: readonly [string, number]) => (b[1] > a[1] ? b : a));
  assert.match(head, new RegExp(`deadline hit rate ↑\\s+${best[0]}\\s`));
  // no ANSI codes off a terminal
  assert.ok(!r.stdout.includes('\u001b['), 'no ANSI escape codes');
});

test('narrow terminals drop the least important columns and say so; 160 columns show every metric', async () => {
  const narrow = await runCliInProcess(['run', ...SMALL, '--quiet'], { env: { COLUMNS: '60', NO_COLOR: '1' } });
  assert.equal(narrow.code, 0, narrow.stderr);
  for (const l of narrow.stdout.split('\n')) assert.ok(stringWidth(l) <= 60, `line of ${stringWidth(l)} columns: ${l}`);
  assert.match(narrow.stdout, /Not shown to fit 60 columns: .+/);
  const wide = await runCliInProcess(['run', ...SMALL, '--quiet'], { env: { COLUMNS: '400', NO_COLOR: '1' } });
  assert.doesNotMatch(wide.stdout, /Not shown to fit/);
});

test('--format csv, markdown and json are never wrapped; --json is --format json', async () => {
  const csv = await runCliInProcess(['run', ...SMALL, '--format', 'csv'], { env: { COLUMNS: '40' } });
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.trim().split('\n');
  const width = rows[0].split(',').length;
  assert.ok(width > 8, 'every metric is a column');
  for (const row of rows) assert.equal(row.split(',').length, width, row);
  assert.ok(rows.some((row) => row.startsWith('m-dice,')));
  const md = await runCliInProcess(['run', ...SMALL, '--format', 'markdown'], { env: { COLUMNS: '40' } });
  assert.match(md.stdout, /^\| policy \|/m);
  assert.match(md.stdout, /^\|[-:| ]+\|$/m);
  const a = await runCliInProcess(['run', ...SMALL, '--format', 'json']);
  const b = await runCliInProcess(['run', ...SMALL, '--json']);
  assert.equal(a.stdout, b.stdout);
  assert.equal(JSON.parse(a.stdout).kind, 'inference-allocation');
});

test('--seeds 3 reports means with 95 % intervals and keeps each seed\'s results', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'allot-seeds-')), 'out');
  const r = await runCliInProcess(['run', ...SMALL, '--seeds', '3', '--json', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.seeds, [1, 2, 3]);
  const one = JSON.parse((await runCliInProcess(['run', ...SMALL, '--json', '--seed', '2'])).stdout);
  const seed2 = JSON.parse(readFileSync(join(dir, 'seeds', '2', 'results.json'), 'utf8'));
  assert.deepEqual(seed2.policies, one.policies);
  assert.ok(res.intervals, 'intervals present');
  const table = await runCliInProcess(['run', ...SMALL, '--seeds', '3', '--quiet'], { env: { COLUMNS: '120' } });
  assert.match(table.stdout, /±/);
});

test('progress: a bar with an ETA on a terminal stderr; nothing when stderr is not a terminal or with --quiet', async () => {
  const run = async (tty: boolean, extra: string[] = []) => {
    let err = '';
    const io: CliIo = {
      stdout: { write: () => true, isTTY: false },
      stderr: Object.assign({ write: (s: string) => ((err += s), true), isTTY: tty, columns: 100 }, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => undefined, removeListener: () => undefined }),
      env: { ...process.env, CI: '', ALLOT_PROGRESS_DELAY_MS: '0' },
      writeFile: () => undefined,
    };
    const code = await main(['run', ...SMALL, ...extra], io);
    assert.equal(code, 0, err);
    return err;
  };
  assert.match(await run(true), /run \[.*\] \d+% \| ETA /);
  assert.equal(await run(false), '');
  assert.equal(await run(true, ['--quiet']), '');
});

test('error messages in plain words: a negative --load, a bad appMix lists the choices, a JSON syntax error says JSON', async () => {
  const load = await runCliInProcess(['run', '--load', '-1']);
  assert.equal(load.code, 2);
  assert.doesNotMatch(load.stderr, /5e-324/);
  assert.match(load.stderr, /--load.*(positive|greater than 0|> 0)/);
  const dir = mkdtempSync(join(tmpdir(), 'allot-msg-'));
  const yaml = join(dir, 's.yaml');
  writeFileSync(yaml, 'kind: inference-allocation\nappMix: everything\n');
  const mix = await runCliInProcess(['run', '--scenario', yaml]);
  assert.equal(mix.code, 2);
  assert.match(mix.stderr, /appMix/);
  assert.match(mix.stderr, /mixed/);
  const json = join(dir, 's.json');
  writeFileSync(json, '{ "kind": "inference-allocation", "load": 0.5,, }');
  const syn = await runCliInProcess(['run', '--scenario', json]);
  assert.equal(syn.code, 2);
  assert.match(syn.stderr, /JSON/);
  assert.doesNotMatch(syn.stderr, /YAML/);
  assert.match(syn.stderr, /line 1/);
});
