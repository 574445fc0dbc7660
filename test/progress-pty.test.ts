/**
 * Progress on a real terminal: the long commands run under a pseudo-terminal
 * (`script -qec`, util-linux; no native pty module) and must draw the bar with
 * an ETA on stderr. `ALLOT_PROGRESS_DELAY_MS=0` shows the bar at once (it
 * normally waits 2 s) and `CI` is cleared (in CI the bar becomes a line every
 * 30 s). Skips with the reason when `script` is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFile } from '../src/data/data-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const skipNoScript = hasScript ? false : '`script` (util-linux) not found: cannot open a pseudo-terminal';

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs `allot <args>` under a pseudo-terminal; returns everything the terminal showed. */
function onTerminal(args: string[]): { code: number; screen: string } {
  const command = [process.execPath, '--import', 'tsx', 'src/cli/entry.ts', ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, CI: '', NO_COLOR: '1', ALLOT_PROGRESS_DELAY_MS: '0', COLUMNS: '100' },
  });
  return { code: r.status ?? -1, screen: `${r.stdout}${r.stderr}` };
}

const ETA = /\[[█░ ]*\] +\d+% \| ETA [0-9hms –]+/;

test('allot run --trace philly.csv shows a progress bar with ETA on a terminal', { skip: skipNoScript || (dataFile('philly/philly.csv') ? false : 'bundled data not found (philly/philly.csv)') }, () => {
  const r = onTerminal(['run', '--trace', dataFile('philly/philly.csv')!, '--jobs', '3000', '--policies', 'fifo,srtf']);
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, ETA);
  assert.match(r.screen, /run \[/);
});

test('allot dag --algorithm pso-ga shows a progress bar with ETA on a terminal', { skip: skipNoScript }, () => {
  const r = onTerminal(['dag', '--algorithm', 'pso-ga(iterations=300)', '--input', 'examples/dag-topcuoglu2002.json']);
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, ETA);
  assert.match(r.screen, /dag \[/);
});

test('allot train shows a progress bar with ETA on a terminal', { skip: skipNoScript }, () => {
  const out = join(mkdtempSync(join(tmpdir(), 'allot-pty-train-')), 'model');
  const r = onTerminal(['train', '--scenario', 'builtin:realtime', '--iterations', '2', '--imitation', '1', '--episode-seconds', '0.3', '--eval-seeds', 'none', '--out', out]);
  assert.equal(r.code, 0, r.screen);
  assert.match(r.screen, ETA);
  assert.match(r.screen, /train \[/);
});
