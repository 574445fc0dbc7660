/**
 * Size bounds (src/scenarios/size-check.ts, estimates.ts): the largest
 * benchmarked runs are admitted on a 24 GiB machine, runaway sizes are
 * stopped before any work with a message naming the knobs, and
 * --allow-large goes on anyway.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../src/errors.js';
import { checkSize } from '../src/scenarios/size-check.js';
import { allocationEstimate, dagEstimate, inferenceEstimate, realtimeEstimate, trainingEstimate } from '../src/scenarios/estimates.js';
import { runCliInProcess } from './cli-helpers.js';

const GiB24 = 24 * 2 ** 30;

test('the bounds admit 10× Philly, M-Dice 1,000 × 10,000, HEFT 10,000 × 100 and the default runs', () => {
  const admitted = [
    trainingEstimate(822_470, 2, false), // 10× Philly, fifo + srtf
    trainingEstimate(82_247, 5, false), // full Philly, five policies
    allocationEstimate(1000, 10_000, 1), // M-Dice 1,000 tenants × 10,000 nodes
    dagEstimate(1, 10_000, 100, 20_000, 1, ['tasks']), // HEFT 10,000 tasks × 100 processors
    dagEstimate(1, 10_000, 100, 20_000, 50 * 601, ['tasks']), // PSO-GA with default parameters on it
    inferenceEstimate(2.4e5, 8, 20, 16, ['load']), // the default scenario
    realtimeEstimate(4200, 44, 7), // builtin:realtime
  ];
  for (const e of admitted) assert.doesNotThrow(() => checkSize(e, 'x', false, GiB24), e.what);
});

test('runaway sizes are stopped with a message naming the knobs; --allow-large goes on', () => {
  const runaway = [inferenceEstimate(1e300, 8, 20, 16, ['load', 'rounds']), realtimeEstimate(4.2e14, 44, 7), trainingEstimate(1e9, 5, false), allocationEstimate(1e6, 1e6, 1)];
  for (const e of runaway) {
    assert.throws(() => checkSize(e, 'scenario.yaml', false, GiB24), (err: unknown) => err instanceof InputError && /^scenario\.yaml: this run is too large: .* would need about .*; lower .*, or pass --allow-large to run it anyway$/.test(err.message), e.what);
    assert.doesNotThrow(() => checkSize(e, 'x', true, GiB24));
  }
  assert.throws(() => checkSize(inferenceEstimate(Infinity, 1, 1, 1, ['load']), 'x', false, GiB24), /would need unbounded memory \(this machine allows 14\.4 GiB\) and unbounded CPU time/);
});

test('allot run --load 1e300 fails at once with exit 2 (no simulation)', async () => {
  const t0 = Date.now();
  const r = await runCliInProcess(['run', '--load', '1e300']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^allot: builtin:default: this run is too large: \d\.\d+e\+30\d requests × 10 policies over 20 rounds would need (about [\d.e+]+ GiB of memory|unbounded memory) \(this machine allows [\d.]+ GiB\) and about [\d.e+]+ years of CPU time \(bound 2\.0 h\); lower load, rounds, roundLengthSeconds, or pass --allow-large to run it anyway\n$/);
  // A simulation of 1e300 requests would never end, so returning at all shows none started; the bound only
  // catches work done before the check (e.g. generating arrivals). Loose: the first tsx load of the kind's
  // modules takes 1–2.5 s on a loaded 2-core machine.
  assert.ok(Date.now() - t0 < 10_000, `${Date.now() - t0} ms`);
});
