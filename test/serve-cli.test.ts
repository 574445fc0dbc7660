/**
 * `allot serve` bad input, in-process: one line naming the flag or file and
 * exit 2 before anything listens — a scenario of another kind, a missing or
 * short token file, open writes on a non-loopback host, a state file made
 * with other policies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from './cli-helpers.js';
import { openService } from '../src/serve/service.js';

test('allot serve: bad flags and files are one-line errors with exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-serve-cli-'));
  try {
    const state = join(dir, 'state.db');
    const short = join(dir, 'short');
    writeFileSync(short, 'abc\n');
    const cases: [string[], RegExp][] = [
      [['--scenario', 'builtin:default'], /allot serve runs a two-level scenario; this file has kind "inference-allocation"/],
      [['--token-file', join(dir, 'missing')], /missing: cannot read the token file/],
      [['--token-file', short], /short: expected a token of at least 8 characters/],
      [['--host', '0.0.0.0'], /--host: writes would be open to the network/],
      [['--round-seconds', '0'], /--round-seconds/],
      [['--scheduler', 'gavel-maxmin'], /^allot: allot serve: scheduler: job order "gavel-maxmin" keeps per-cluster state/],
    ];
    for (const [extra, want] of cases) {
      const r = await runCliInProcess(['serve', '--port', '0', '--state', state, ...extra]);
      assert.equal(r.code, 2, `${extra.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, want);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    const svc = await openService({ statePath: state, mechanism: 's-dice', scheduler: 'fifo+fair', seed: 1, roundLengthSeconds: 300 });
    svc.close();
    const other = await runCliInProcess(['serve', '--port', '0', '--state', state, '--mechanism', 'l-dice']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /the state file was made with .*s-dice.*; this server is configured with .*l-dice/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
