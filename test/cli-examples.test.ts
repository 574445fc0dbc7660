/**
 * Every example printed by `--help` (src/cli/help.ts, EXAMPLES) runs and
 * exits 0, in the order the help lists them (later examples read what earlier
 * ones wrote under out/, e.g. `allot report out/sweep`). Output paths go to a
 * temporary directory; `$ALLOT_DATA_DIR` becomes the data directory, and an
 * example whose data files are absent is skipped with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES } from '../src/cli/help.js';
import { dataDir } from '../src/data/data-dir.js';
import { runCliInProcess } from './cli-helpers.js';

/** Splits a command line as a POSIX shell would for these examples (single quotes only). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quoted = false;
  let inWord = false;
  for (const ch of line) {
    if (ch === "'") {
      quoted = !quoted;
      inWord = true;
    } else if (ch === ' ' && !quoted) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quoted) throw new Error(`unbalanced quote in ${line}`);
  if (inWord) words.push(word);
  return words;
}

test('shellWords keeps quoted arguments whole', () => {
  assert.deepEqual(shellWords("allot dag --algorithm 'pso-ga(iterations=100)' --seed 3"), ['allot', 'dag', '--algorithm', 'pso-ga(iterations=100)', '--seed', '3']);
});

const out = mkdtempSync(join(tmpdir(), 'allot-examples-'));
const data = dataDir();
const seen = new Set<string>();
for (const [command, examples] of Object.entries(EXAMPLES)) {
  for (const example of examples) {
    if (seen.has(example.command)) continue;
    seen.add(example.command);
    const missing = (example.needs ?? []).filter((f) => !data || !existsSync(join(data, f)));
    const skip = missing.length ? `data files not found (${missing.join(', ')}): set ALLOT_DATA_DIR or place ../shared/data beside the project` : false;
    test(`${command} --help example: ${example.command}`, { skip }, async () => {
      const words = shellWords(example.command).map((w) => w.replace(/^out\//, `${out}/`).replace('$ALLOT_DATA_DIR', data ?? ''));
      assert.equal(words[0], 'allot');
      const r = await runCliInProcess(words.slice(1), { env: { NO_COLOR: '1' } });
      assert.equal(r.code, 0, `${example.command}\n${r.stderr}`);
      assert.ok(r.stdout.length > 0, 'prints something');
    });
  }
}
