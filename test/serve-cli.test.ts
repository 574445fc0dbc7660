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

test('--round-seconds closes rounds on a timer; close() stops it and releases the state file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-serve-timer-'));
  try {
    const { startServer } = await import('../src/serve/server.js');
    let log = '';
    const s = await startServer({ port: 0, statePath: join(dir, 'state.db'), roundSeconds: 0.1, logStream: { write: (x: string) => (log += x) }, logLevel: 'info' });
    await s.app.inject({ method: 'PUT', url: '/v1/tenants/a', payload: { tokens: 1 } });
    await s.app.inject({ method: 'PUT', url: '/v1/nodes/n0', payload: { type: 'V100', gpus: 4, cpus: 24, memoryGb: 200 } });
    await new Promise((r) => setTimeout(r, 450));
    const rounds = (await s.app.inject({ method: 'GET', url: '/healthz' })).json().rounds as number;
    assert.ok(rounds >= 2 && rounds <= 6, `rounds after 0.45 s at 0.1 s: ${rounds}`);
    await s.close();
    await s.closed;
    assert.match(log, /"msg":"round closed \(timer\)"/);
    // The state file is free again: reopen it, the rounds are there.
    const again = await openService({ statePath: join(dir, 'state.db'), mechanism: 's-dice', scheduler: 'fifo+fair', seed: 1, roundLengthSeconds: 0.1 });
    assert.ok(again.schedulerState().rounds >= rounds);
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
