/**
 * The utilisation chart agrees with the table: per policy, the time-weighted
 * mean over [0, makespan] of the series' first resource (the one the table's
 * `utilization` measures) equals the table's figure within 1e-9 — at every
 * level that draws the series.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dataFile, needsData } from '../src/data/data-dir.js';
import { runScenario } from '../src/scenarios/run-scenario.js';
import { binSeries, timeWeightedMean } from '../src/metrics/utilization.js';
import type { RunOutput } from '../src/results.js';

function checkSeries(out: RunOutput, makespan?: (policy: string) => number): void {
  const rows = out.artifacts.series.utilization ?? [];
  assert.ok(rows.length > 0, 'a utilization series');
  for (const p of out.results.policies) {
    const mine = rows.filter((r) => r.policy === p.name);
    assert.ok(mine.length > 1, `${p.name}: series rows`);
    const first = mine[0].resource;
    const points = mine.filter((r) => r.resource === first).map((r) => ({ time: r.timeSeconds as number, value: r.utilization as number }));
    const end = points[points.length - 1].time;
    if (makespan) assert.ok(Math.abs(end - makespan(p.name)) <= 1e-6 * Math.max(1, end), `${p.name}: the series ends at the makespan (${end} vs ${makespan(p.name)})`);
    const mean = timeWeightedMean(points, end);
    assert.ok(Math.abs(mean - (p.utilization as number)) <= 1e-9, `${p.name}: series mean ${mean} vs table ${p.utilization}`);
  }
}

test('level 1: "nodes busy" per round averages to the table\'s utilization (every mechanism)', async () => {
  const out = await runScenario({ kind: 'inference-allocation', rounds: 4, policies: ['l-dice', 's-dice', 'static-share', 'drf'] }, { seed: 3 });
  checkSeries(out);
  const ranks = new Set(out.results.policies.map((p) => (p.utilization as number).toFixed(3)));
  assert.ok(ranks.size > 1, 'policies differ in utilisation, so the check is not vacuous');
});

test('level 3: "sub-accelerators busy" averages to the table\'s utilization', async () => {
  const out = await runScenario({ kind: 'realtime', durationSeconds: 1, policies: ['fcfs', 'edf'] }, { seed: 2 });
  const ms = new Map(out.results.policies.map((p) => [p.name, p.makespanSeconds as number]));
  checkSeries(out, (n) => ms.get(n)!);
});

test('level 2, hybrid cluster (AlloX): "slots busy" averages to the table\'s utilization', async () => {
  const out = await runScenario({ kind: 'training', workload: { type: 'allox-synthetic', users: 3, jobsPerUser: 8 }, policies: ['allox', 'drfs', 'srpt'] }, { seed: 5 });
  const ms = new Map(out.results.policies.map((p) => [p.name, p.makespanSeconds as number]));
  checkSeries(out, (n) => ms.get(n)!);
});

test('level 2, GPU cluster (Philly jobs): "GPUs busy" averages to the table\'s utilization', needsData('philly/philly.csv'), async () => {
  const out = await runScenario({ kind: 'training', trace: dataFile('philly/philly.csv')!, jobsPerHour: 9, jobs: 150, cluster: 'synergy', policies: ['fifo', 'srtf+tune', 'las'] }, { seed: 4 });
  const ms = new Map(out.results.policies.map((p) => [p.name, p.makespanSeconds as number]));
  checkSeries(out, (n) => ms.get(n)!);
});

test('binSeries keeps the time-weighted mean of any step series (property)', () => {
  // times on exact bin boundaries (k · end / max) too: recomputing the bin there once lost the rest of a block
  const block = fc.record({ time: fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 30 }).map((k) => -k)), span: fc.double({ min: 0, max: 50, noNaN: true }), value: fc.double({ min: 0, max: 1, noNaN: true }) });
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 40 }), fc.double({ min: 1, max: 200, noNaN: true }), fc.integer({ min: 1, max: 30 }), (raw, end, max) => {
      const blocks = raw.map((b) => (b.time <= 0 ? { ...b, time: (-b.time * end) / Math.min(max, raw.length) } : b));
      const area = blocks.reduce((a, b) => a + b.value * Math.max(0, Math.min(end, b.time + b.span) - Math.min(end, b.time)), 0);
      const bins = binSeries(blocks, end, max);
      assert.ok(bins.length <= max + 1);
      assert.ok(Math.abs(timeWeightedMean(bins, end) - area / end) <= 1e-9);
    }),
  );
});

test('binSeries: one block over [0, end] split into n bins keeps its whole area (boundary rounding regression)', () => {
  for (let n = 1; n <= 40; n++) {
    for (const end of [1, 1.030834013191064, 3.3, 7, 10.1, 123.4]) {
      const blocks = [{ time: 0, span: end, value: 1 }, ...Array.from({ length: n - 1 }, () => ({ time: 0, span: 0, value: 0 }))];
      const bins = binSeries(blocks, end);
      assert.equal(bins.length, n + 1);
      assert.ok(Math.abs(timeWeightedMean(bins, end) - 1) <= 1e-12, `n=${n}, end=${end}: ${timeWeightedMean(bins, end)}`);
    }
  }
});
