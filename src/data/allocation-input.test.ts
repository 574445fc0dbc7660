import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseWith } from '../config/validate.js';
import { allocationInputSchema, validateAllocationInput } from './allocation-input.js';

/** The schema's verdict: its output, or its error message. */
function outcome(run: () => unknown): { ok: unknown } | { error: string } {
  try {
    return { ok: structuredClone(run()) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const fault = fc.constantFrom(null, '', 'x', -1, Number.NaN, Infinity, true, [], {});
const utility = fc.oneof({ weight: 30, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) }, { weight: 2, arbitrary: fc.constantFrom(-1, -0.5, -0) }, { weight: 1, arbitrary: fault });
const key = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('a', 'b', 'n0', 'n1') }, { weight: 1, arbitrary: fc.constantFrom('__proto__', '') });
const row = fc.oneof({ weight: 20, arbitrary: fc.dictionary(key, utility, { maxKeys: 4 }) }, { weight: 1, arbitrary: fault });
const input = fc.record(
  {
    tenants: fc.oneof({ weight: 20, arbitrary: fc.constant([{ id: 'a', tokens: 2 }, { id: 'b', tokens: 1 }]) }, { weight: 1, arbitrary: fc.constant([{ id: 'a', tokens: 0.5 }]) }),
    nodes: fc.oneof({ weight: 20, arbitrary: fc.constant([{ id: 'n0', type: 'H100' }, { id: 'n1', type: 'A100' }]) }, { weight: 1, arbitrary: fault }),
    utilities: fc.oneof({ weight: 20, arbitrary: fc.dictionary(key, row, { maxKeys: 3 }) }, { weight: 1, arbitrary: fault }),
    rounds: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fault }),
    extra: fc.constant(1),
  },
  { requiredKeys: ['tenants', 'nodes', 'utilities'] },
);

test('allocate input: the one-loop utilities check gives what the schema gives (the same output, or the same error)', () => {
  let accepted = 0;
  fc.assert(
    fc.property(input, (data) => {
      const fast = outcome(() => validateAllocationInput(data, 'in.json'));
      const slow = outcome(() => parseWith(allocationInputSchema, data, 'in.json'));
      assert.deepEqual(fast, slow);
      if ('ok' in fast) accepted++;
    }),
    { numRuns: 1500 },
  );
  assert.ok(accepted >= 100, `only ${accepted} of 1,500 inputs were valid`);
});
