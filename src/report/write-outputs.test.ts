import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tableToCsv, tableToCsvBytes } from './write-outputs.js';
import type { RowTable } from '../results.js';
import { runScenario } from '../scenarios/run-scenario.js';

test('tableToCsvBytes of a table written in chunks equals the CSV of all its rows at once (quoting, nulls; property)', () => {
  const cell = fc.oneof(fc.string(), fc.constantFrom('a,b', 'say "hi"', 'two\nlines', ''), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (rows, size) => {
      const whole: RowTable = { name: 't', columns: ['x', 'y,z', 'w'], rows };
      const chunked: RowTable = {
        ...whole,
        *chunks() {
          for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
        },
      };
      assert.equal(Buffer.from(tableToCsvBytes(chunked)).toString(), tableToCsv(whole));
    }),
  );
});

test('training runs: the jobs table\'s chunks are its rows, in order (GPU and hybrid clusters)', async () => {
  const runs = [
    await runScenario({ kind: 'training', workload: { type: 'synergy-synthetic', jobsPerHour: 9, jobs: 40 }, cluster: 'synergy', policies: ['fifo', 'las'] }, { seed: 3 }),
    await runScenario({ kind: 'training', workload: { type: 'allox-synthetic', users: 3, jobsPerUser: 8 }, policies: ['allox', 'srpt'] }, { seed: 5 }),
  ];
  for (const out of runs) {
    const t = out.artifacts.tables.find((x) => x.name === 'jobs')!;
    const chunked = [...t.chunks!()].flat();
    assert.ok(chunked.length > 0);
    assert.deepStrictEqual(chunked, t.rows);
  }
});
