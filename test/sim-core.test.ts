import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue } from '../src/sim/event-queue.js';
import { Simulator } from '../src/sim/simulator.js';
import { Rng } from '../src/sim/rng.js';

test('event queue pops by (time, priority, insertion order)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2 })), { maxLength: 200 }), (items) => {
      const q = new EventQueue<number>();
      items.forEach(([t, p], i) => q.push(t, i, p));
      const expected = items.map(([t, p], i) => ({ t, p, i })).sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i).map((x) => x.i);
      const got: number[] = [];
      for (let e = q.pop(); e; e = q.pop()) got.push(e.event);
      assert.deepEqual(got, expected);
    }),
  );
});

test('event queue: interleaved pushes and pops (growth past the initial capacity, reused slots) match a sorted reference', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.tuple(fc.constant('push' as const), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -2, max: 2 })), fc.constant(['pop' as const, 0, 0] as const)), { maxLength: 600 }),
      (ops) => {
        const q = new EventQueue<number>();
        const ref: { t: number; p: number; i: number }[] = [];
        let i = 0;
        for (const [op, t, p] of ops) {
          if (op === 'push') {
            q.push(t, i, p);
            ref.push({ t, p, i: i++ });
            continue;
          }
          ref.sort((a, b) => a.t - b.t || a.p - b.p || a.i - b.i);
          const want = ref.shift();
          assert.equal(q.peekTime(), want ? want.t : Infinity);
          const got = q.popEvent();
          assert.equal(got, want?.i);
          if (want) assert.deepEqual([q.poppedTime, q.poppedPriority, q.poppedSeq], [want.t, want.p, want.i]);
          assert.equal(q.size, ref.length);
        }
      },
    ),
  );
});

test('event queue rejects non-finite times', () => {
  assert.throws(() => new EventQueue<number>().push(NaN, 1), RangeError);
});

test('simulator advances the clock, refuses the past, stops at `until`', () => {
  const sim = new Simulator<string>();
  const log: string[] = [];
  sim.at(5, 'b');
  sim.at(1, 'a');
  sim.run((e, s) => {
    log.push(`${s.now}:${e}`);
    if (e === 'a') s.after(10, 'c');
    if (e === 'b') assert.throws(() => s.at(4, 'late'), RangeError);
  }, { until: 8 });
  assert.deepEqual(log, ['1:a', '5:b']);
  assert.equal(sim.now, 8);
  sim.run((e, s) => log.push(`${s.now}:${e}`));
  assert.deepEqual(log, ['1:a', '5:b', '11:c']);
});

test('rng: same seed and stream name → same values; different names → different streams', () => {
  const a = Rng.stream(7, 'arrivals');
  const b = Rng.stream(7, 'arrivals');
  const c = Rng.stream(7, 'lottery');
  const va = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(va, Array.from({ length: 5 }, () => b.next()));
  assert.notDeepEqual(va, Array.from({ length: 5 }, () => c.next()));
  for (const v of va) assert.ok(v >= 0 && v < 1);
});

test('rng.int is uniform enough and in range (chi-square, fixed seed)', () => {
  const r = Rng.stream(1, 'chi');
  const n = 6;
  const counts = new Array(n).fill(0);
  const draws = 60000;
  for (let i = 0; i < draws; i++) counts[r.int(n)]++;
  const e = draws / n;
  const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
  assert.ok(chi2 < 20.5, `chi2 ${chi2} (df 5, p=0.001 critical 20.5)`); // fails for a biased generator
});

test('rng.exponential has the right mean (fixed seed)', () => {
  const r = Rng.stream(3, 'exp');
  let s = 0;
  const n = 100000;
  for (let i = 0; i < n; i++) s += r.exponential(4);
  assert.ok(Math.abs(s / n - 0.25) < 0.005, `mean ${s / n}`);
});

test('rng.split gives siblings that differ from the parent', () => {
  const r = new Rng(11);
  const child = r.split();
  assert.notEqual(child.next(), r.next());
});
