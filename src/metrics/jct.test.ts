import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { finishedJcts, jctColumns, summarizeByTenant, summarizeByTenantColumns, summarizeJct, summarizeJctColumns, type JctRecord } from './jct.js';

test('summarizeJctColumns: a hand-worked case (unfinished and never-started jobs, a row subset, tenants by id)', () => {
  const records: JctRecord[] = [
    { tenant: 'b', arrival: 0, finish: 10, queueing: 2, rho: 1.5 },
    { tenant: 'a', arrival: 5, finish: -1, queueing: 1, rho: NaN },
    { tenant: 'b', arrival: 5, finish: 35, queueing: 0, rho: 3 },
    { tenant: 'a', arrival: 6, finish: -1, queueing: -1, rho: NaN },
  ];
  const c = jctColumns(records);
  assert.deepEqual(c.tenantIds, ['b', 'a']);
  const all = summarizeJctColumns(c);
  assert.equal(all.jobs, 4);
  assert.equal(all.finished, 2);
  assert.equal(all.avgJctSeconds, 20); // (10 + 30) / 2
  assert.equal(all.medianJctSeconds, 20);
  assert.equal(all.avgQueueingSeconds, 1); // (2 + 1 + 0) / 3
  assert.equal(all.ftfRhoMean, 2.25);
  assert.equal(all.ftfRhoMax, 3);
  assert.deepEqual(summarizeByTenantColumns(c).map((t) => [t.id, t.summary.jobs, t.summary.finished]), [['a', 2, 0], ['b', 2, 2]]);
  const some = summarizeJctColumns(c, [1, 2]);
  assert.deepEqual([some.jobs, some.finished, some.avgJctSeconds, some.avgQueueingSeconds], [2, 1, 30, 0.5]);
  assert.deepEqual([...finishedJcts(c, [2, 0])], [30, 10]);
});

const record = fc.record({
  tenant: fc.constantFrom('a', 'b', 'B', 'vc-10', 'vc-9', 'ü'),
  arrival: fc.integer({ min: 0, max: 1000 }),
  jct: fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 1e6, noNaN: true })),
  queueing: fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 1e6, noNaN: true })),
  rho: fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e4, noNaN: true })),
}).map(({ jct, arrival, ...r }): JctRecord => ({ ...r, arrival, finish: jct < 0 ? -1 : arrival + jct }));

test('the columnar metrics equal the record path on random jobs and row subsets (mean, quantiles, top 5/1 %, ρ, per tenant, CDF input; property)', () => {
  fc.assert(
    fc.property(fc.array(record, { maxLength: 120 }), fc.array(fc.boolean(), { maxLength: 120 }), fc.boolean(), (records, keep, subset) => {
      const c = jctColumns(records);
      const rows = subset ? Int32Array.from(records.keys()).filter((i) => keep[i] ?? false) : undefined;
      const picked = rows ? Array.from(rows, (i) => records[i]) : records;
      assert.deepStrictEqual(summarizeJctColumns(c, rows), summarizeJct(picked));
      assert.deepStrictEqual(summarizeByTenantColumns(c, rows), summarizeByTenant(picked));
      assert.deepStrictEqual([...finishedJcts(c, rows)], picked.filter((r) => r.finish >= 0).map((r) => r.finish - r.arrival));
    }),
  );
});
