/** Node classes from per-type input (`problemClasses`) are exactly the classes `nodeClasses` finds on the expanded n × m matrix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nodeClasses, problemClasses } from '../../src/mechanisms/node-classes.js';
import type { AllocationProblem } from '../../src/mechanisms/types.js';

test('problemClasses on types = nodeClasses on the expanded matrix (same classes, order and values), for any subset of tenants', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5 }).chain((n) =>
        fc.record({
          // Few distinct values, so types often coincide (over all tenants or only over the chosen ones).
          typeValues: fc.array(fc.array(fc.constantFrom(0, 1, 2.5), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 5 }),
          typeOfNode: fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
          rows: fc.subarray([...Array(n).keys()], { minLength: 1 }),
        }),
      ),
      ({ typeValues, typeOfNode, rows }) => {
        const K = typeValues.length;
        const n = typeValues[0].length;
        const typeOf = Int32Array.from(typeOfNode, (x) => x % K);
        const byType = Array.from({ length: n }, (_, i) => Float64Array.from(typeValues, (col) => col[i]));
        const expanded = byType.map((row) => Float64Array.from(typeOf, (k) => row[k]));
        const problem: AllocationProblem = {
          tenants: byType.map((_, i) => ({ id: `t${i}`, tokens: 1 })),
          nodes: Array.from(typeOf, (k, j) => ({ id: `n${j}`, type: `g${k}` })),
          utilities: expanded,
          nodeTypes: { typeOf, utilities: byType },
        };
        const want = nodeClasses(rows.map((i) => expanded[i]), typeOf.length);
        const got = problemClasses(problem, rows);
        assert.deepEqual(Array.from(got.classOf), Array.from(want.classOf));
        assert.deepEqual(got.members, want.members);
        assert.deepEqual(got.value.map((r) => Array.from(r)), want.value.map((r) => Array.from(r)));
      },
    ),
  );
});
