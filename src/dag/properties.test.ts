import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDagProblem, type DagProblemSpec } from './problem.js';
import { checkSchedule, makespanOf } from './schedule.js';
import { DAG_ALGORITHMS, scheduleDag } from './index.js';
import { Evaluator } from './evaluator.js';
import { runListSchedule, type ListState } from './list-scheduler.js';

/** Random DAG: edges only from lower to higher index; some non-candidates; optional bandwidth matrix and memory. */
const dagArb = fc
  .record({
    n: fc.integer({ min: 1, max: 14 }),
    p: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1e9 }),
    withBandwidth: fc.boolean(),
    withMemory: fc.boolean(),
    withInput: fc.boolean(),
  })
  .map(({ n, p, seed, withBandwidth, withMemory, withInput }) => {
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const spec: DagProblemSpec = {
      processors: Array.from({ length: p }, (_, k) => `p${k}`),
      tasks: Array.from({ length: n }, (_, i) => ({
        id: `t${i}`,
        // Processor 0 is always a candidate; others are with probability 0.8.
        cost: Array.from({ length: p }, (_, k) => (k > 0 && rnd() < 0.2 ? Infinity : Math.floor(rnd() * 20))),
        memory: Math.floor(rnd() * 10),
        input: withInput && i === 0 ? { from: p - 1, data: Math.floor(rnd() * 30) } : undefined,
      })),
      edges: [],
    };
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (rnd() < 0.3) spec.edges.push({ from: `t${a}`, to: `t${b}`, data: Math.floor(rnd() * 25) });
    if (withBandwidth) spec.bandwidth = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => (a === b ? (rnd() < 0.5 ? null : 50) : 1 + Math.floor(rnd() * 4))));
    // Processor 0 can hold everything; the others are tight.
    if (withMemory) spec.capacity = Array.from({ length: p }, (_, k) => (k === 0 ? 10 * n : Math.floor(rnd() * 20)));
    return spec;
  });

test('every algorithm yields a valid schedule on random DAGs (precedence + transfers, no overlap, memory, makespan = max finish)', () => {
  fc.assert(
    fc.property(dagArb, (spec) => {
      const prob = buildDagProblem(spec);
      for (const a of DAG_ALGORITHMS) {
        for (const variant of ['paper', 'original'] as const) {
          const r = scheduleDag(prob, a, { seed: 7, variant, search: { iterations: 15, particles: 8, patience: 5 } });
          const bad = checkSchedule(prob, r.schedule);
          assert.deepEqual(bad, [], `${a}/${variant}`);
          assert.equal(r.schedule.makespan, makespanOf(r.schedule.finish));
          assert.ok(r.evaluatedMakespan >= 0 && Number.isFinite(r.evaluatedMakespan));
        }
      }
    }),
    { numRuns: 60, seed: 42 },
  );
});

test('minEft (ready times a row at a time, timeline scans skipped when they cannot win) picks what the per-processor definition picks', () => {
  /** min over feasible k of est(t, k) + w(t, k) + bias(k), first minimum, straight from the definitions. */
  const naive = (s: ListState, t: number, bias?: (k: number) => number) => {
    let best = { k: -1, start: 0 };
    let bestScore = Infinity;
    for (let k = 0; k < s.prob.p; k++) {
      if (!s.feasible(t, k)) continue;
      const start = s.est(t, k);
      const score = start + s.prob.cost[t * s.prob.p + k] + (bias ? bias(k) : 0);
      if (score < bestScore) [best, bestScore] = [{ k, start }, score];
    }
    return best;
  };
  fc.assert(
    fc.property(dagArb, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 1e6 }), (spec, insertion, withBias, salt) => {
      const prob = buildDagProblem(spec);
      const priority = Float64Array.from({ length: prob.n }, (_, t) => ((t * 7919 + salt) % 13) / 4);
      const bias = withBias ? (k: number) => ((k * 31 + salt) % 5) / 2 : undefined;
      runListSchedule(prob, priority, insertion, (s, t) => {
        const got = s.minEft(t, bias);
        assert.deepEqual(got, naive(s, t, bias));
        return got;
      });
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('the §8 evaluator agrees with a straightforward re-implementation', () => {
  fc.assert(
    fc.property(dagArb, fc.integer({ min: 0, max: 1e6 }), (spec, salt) => {
      const prob = buildDagProblem(spec);
      const proc = Int32Array.from({ length: prob.n }, () => 0);
      const prio = Float64Array.from({ length: prob.n }, (_, i) => ((i * 7919 + salt) % 97) + i / 1000);
      const got = new Evaluator(prob).makespan(proc, prio);
      // Reference: repeatedly pick the ready task with the smallest priority.
      const done = new Array<boolean>(prob.n).fill(false);
      const finish = new Array<number>(prob.n).fill(0);
      let free = 0;
      for (let step = 0; step < prob.n; step++) {
        let pick = -1;
        for (let t = 0; t < prob.n; t++) {
          if (done[t]) continue;
          const preds = spec.edges.filter((e) => e.to === `t${t}`).map((e) => Number(e.from.slice(1)));
          if (!preds.every((q) => done[q])) continue;
          if (pick < 0 || prio[t] < prio[pick]) pick = t;
        }
        const ready = Math.max(0, ...spec.edges.filter((e) => e.to === `t${pick}`).map((e) => finish[Number(e.from.slice(1))] + (prob.bandwidth[0] === Infinity || e.data === 0 ? 0 : e.data / prob.bandwidth[0])));
        const inp = prob.inputProc && prob.inputProc[pick] >= 0 && prob.inputData![pick] > 0 ? prob.inputData![pick] / prob.bandwidth[prob.inputProc[pick] * prob.p] : 0;
        const start = Math.max(ready, inp, free);
        finish[pick] = start + prob.cost[pick * prob.p];
        free = finish[pick];
        done[pick] = true;
      }
      assert.ok(Math.abs(got - Math.max(0, ...finish)) < 1e-9);
    }),
    { numRuns: 100, seed: 3 },
  );
});

test('bad problems are rejected naming the field', () => {
  const base = (): DagProblemSpec => ({ processors: ['a', 'b'], tasks: [{ id: 'x', cost: [1, 2] }, { id: 'y', cost: [1, 2] }], edges: [{ from: 'x', to: 'y', data: 1 }] });
  const cases: [(s: DagProblemSpec) => void, RegExp][] = [
    [(s) => (s.tasks[1].cost = [1]), /tasks\[1\]\.cost/],
    [(s) => (s.edges[0].to = 'z'), /edges\[0\]\.to/],
    [(s) => s.edges.push({ from: 'y', to: 'x', data: 0 }), /cycle/],
    [(s) => (s.tasks[0].cost = [Infinity, Infinity]), /tasks\[0\]\.cost/],
    [(s) => (s.bandwidth = [[null, 0], [1, null]]), /bandwidth\[0\]\[1\]/],
    [(s) => (s.tasks[1].id = 'x'), /tasks\[1\]\.id/],
  ];
  for (const [mutate, re] of cases) {
    const s = base();
    mutate(s);
    assert.throws(() => buildDagProblem(s, 'in.json'), re);
  }
});

test('the topological order is Kahn\'s, lowest ready index first, whether or not the edges all go forward; a given cost matrix builds the same problem', () => {
  fc.assert(
    fc.property(dagArb, fc.boolean(), fc.integer({ min: 0, max: 1e9 }), (base, shuffle, seed) => {
      // Shuffled: the same DAG with the task ids permuted, so edges also go from higher to lower indices.
      let s = seed;
      const perm = base.tasks.map((_, i) => i);
      for (let i = perm.length - 1; shuffle && i > 0; i--) {
        s = (s * 1103515245 + 12345) % 2147483648;
        const j = s % (i + 1);
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const spec: DagProblemSpec = { ...base, tasks: base.tasks.map((t, i) => ({ ...base.tasks[perm[i]], id: t.id })), edges: base.edges.map((e) => ({ ...e, from: `t${perm.indexOf(Number(e.from.slice(1)))}`, to: `t${perm.indexOf(Number(e.to.slice(1)))}` })) };
      const prob = buildDagProblem(spec);
      const placed = new Array<boolean>(prob.n).fill(false);
      const expected: number[] = [];
      while (expected.length < prob.n) {
        const t = placed.findIndex((done, i) => !done && spec.edges.every((e) => e.to !== `t${i}` || placed[Number(e.from.slice(1))]));
        placed[t] = true;
        expected.push(t);
      }
      assert.deepEqual(Array.from(prob.topo), expected);
      const costMatrix = Float64Array.from(spec.tasks.flatMap((t) => t.cost));
      assert.deepEqual(buildDagProblem({ ...spec, costMatrix }), prob);
    }),
    { numRuns: 300, seed: 5 },
  );
  assert.throws(() => buildDagProblem({ processors: ['a'], tasks: [{ id: 'x', cost: [1] }], edges: [], costMatrix: new Float64Array(2) }), RangeError);
});
