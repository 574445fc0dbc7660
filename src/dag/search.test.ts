import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDagProblem } from './problem.js';
import { topcuoglu2002 } from './golden-dags.js';
import { buildSearchSpace } from './search-space.js';
import { psoGa } from './pso-ga.js';
import { memeticPsoGa } from './memetic-pso-ga.js';
import { ga } from './ga.js';
import { greedy } from './greedy.js';
import { checkSchedule } from './schedule.js';
import type { DagResult } from './result.js';

const space = buildSearchSpace(buildDagProblem(topcuoglu2002), { evolveOrder: true });
const runs: [string, (seed: number) => DagResult][] = [
  ['pso-ga', (seed) => psoGa(space, { seed, iterations: 60 })],
  ['pso-ga equal-share', (seed) => psoGa(space, { seed, iterations: 60, inertiaShare: 'equal' })],
  ['memetic-pso-ga', (seed) => memeticPsoGa(space, { seed, iterations: 30 })],
  ['ga', (seed) => ga(space, { seed, generations: 60 })],
];

test('metaheuristics are reproducible per seed (byte-identical schedules)', () => {
  for (const [name, run] of runs) {
    const a = run(11);
    const b = run(11);
    assert.deepEqual(JSON.stringify({ ...a, schedule: { ...a.schedule, proc: [...a.schedule.proc], start: [...a.schedule.start] } }), JSON.stringify({ ...b, schedule: { ...b.schedule, proc: [...b.schedule.proc], start: [...b.schedule.start] } }), name);
    assert.deepEqual(a.history, b.history, name);
  }
  // Different seeds explore differently (histories differ for at least one algorithm).
  assert.ok(runs.some(([, run]) => JSON.stringify(run(1).history) !== JSON.stringify(run(2).history)));
});

test('metaheuristics are never worse than their best initial particle; gbest history is monotone', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e9 }), (seed) => {
      for (const [name, run] of runs) {
        const r = run(seed);
        assert.ok(r.evaluatedMakespan <= r.initialBestMakespan!, `${name}: ${r.evaluatedMakespan} > ${r.initialBestMakespan}`);
        for (let i = 1; i < r.history!.length; i++) assert.ok(r.history![i] <= r.history![i - 1], `${name}: history not monotone`);
        assert.equal(r.history!.at(-1), r.evaluatedMakespan);
        assert.deepEqual(checkSchedule(space.prob, r.schedule), []);
      }
    }),
    { numRuns: 8, seed: 5 },
  );
});

test('searches reach good schedules on the Topcuoglu DAG (HEFT gives 80 with insertion; the §8 model has none)', () => {
  const best = Math.min(...[1, 2, 3].map((seed) => memeticPsoGa(space, { seed }).evaluatedMakespan));
  assert.ok(best <= 84, `memetic PSO-GA best ${best}`);
  const g = greedy(space);
  assert.ok(g.evaluatedMakespan <= g.initialBestMakespan!);
});
