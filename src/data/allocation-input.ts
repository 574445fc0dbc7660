/**
 * The `allot allocate` input file (README "allot allocate"): validated with
 * zod; every error names the field and what was expected.
 *
 * ```
 * { "tenants":  [{"id": "a", "tokens": 2}],           // tokens: positive integers
 *   "nodes":    [{"id": "n0", "type": "H100"}],
 *   "utilities": {"a": {"n0": 10}},                    // ≥ 0, missing = 0
 *   "rounds": 1,                                       // optional, default 1
 *   "demands": {"a": 3} }                              // optional, nodes (drf)
 * ```
 *
 * or, per node type (an extension of the contract for large clusters):
 *
 * ```
 * { "tenants":   [{"id": "a", "tokens": 2}],
 *   "nodeTypes": [{"type": "H100", "count": 4000}],      // count: whole ≥ 1
 *   "utilities": {"a": {"H100": 10}} }                   // by type, ≥ 0, missing = 0
 * ```
 *
 * Per-type input expands to nodes `<type>-<k>` (k = 0 … count − 1, types in
 * input order), every node of a type carrying its type's utility.
 */
import type { z } from 'zod';
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { parseWith } from '../config/validate.js';
import type { AllocationProblem } from '../mechanisms/types.js';

/** Schema of an `allot allocate` input (per-node or per-type form, DESIGN.md's allocation contract), built on first use. */
export const allocationInputSchema = lazySchema((z) => {
  const id = z.string({ error: 'expected a non-empty string id' }).min(1, 'expected a non-empty string id');
  const utility = z.number({ error: 'expected a number ≥ 0' }).finite('expected a finite number').nonnegative('expected a number ≥ 0');

  /**
   * The schema of the `allot allocate` input file (see the module header):
   * tenants with whole positive tokens, nodes with an accelerator type (or
   * `nodeTypes` with a count each — exactly one of the two), utilities ≥ 0 by
   * tenant id and node id (by type with `nodeTypes`), optional rounds (default 1) and
   * demands in nodes. Strict: unknown keys are errors; `parseAllocationInput`
   * also checks the ids (InputError, exit 2).
   */
  return z.strictObject({
    tenants: z
      .array(
        z.strictObject({
          id,
          tokens: z.number({ error: 'expected a positive integer' }).int('expected a positive integer (tokens are whole)').positive('expected a positive integer'),
        }),
        { error: 'expected an array of {id, tokens}' },
      )
      .min(1, 'expected at least one tenant'),
    nodes: z.array(z.strictObject({ id, type: z.string({ error: 'expected an accelerator type string' }).min(1, 'expected an accelerator type string') }), { error: 'expected an array of {id, type}' }).min(1, 'expected at least one node').optional(),
    nodeTypes: z
      .array(z.strictObject({ type: z.string({ error: 'expected an accelerator type string' }).min(1, 'expected an accelerator type string'), count: z.number({ error: 'expected a whole number of nodes ≥ 1' }).int('expected a whole number of nodes ≥ 1').positive('expected a whole number of nodes ≥ 1') }), { error: 'expected an array of {type, count}' })
      .min(1, 'expected at least one node type')
      .optional(),
    utilities: z.record(z.string(), z.record(z.string(), utility, { error: 'expected an object {nodeId: utility}' }), { error: 'expected an object {tenantId: {nodeId: utility}}' }),
    rounds: z.number({ error: 'expected a positive integer' }).int('expected a positive integer').positive('expected a positive integer').optional(),
    demands: z.record(z.string(), z.number().int('expected a whole number of nodes').nonnegative('expected a number of nodes ≥ 0')).optional(),
  });
});

/** The `allot allocate` input as written. */
export type AllocationInput = z.input<typeof allocationInputSchema>;

/** Validates parsed JSON and builds the problem; throws InputError naming `source` and the field. */
export function parseAllocationInput(data: unknown, source: string): { input: z.output<typeof allocationInputSchema>; problem: AllocationProblem; rounds: number; nodeTypes?: string[] } {
  const input = validateAllocationInput(data, source);
  const tIndex = new Map<string, number>();
  input.tenants.forEach((t, i) => {
    if (tIndex.has(t.id)) throw new InputError(`duplicate tenant id "${t.id}"`, source, `tenants[${i}].id`);
    tIndex.set(t.id, i);
  });
  if ((input.nodes === undefined) === (input.nodeTypes === undefined)) {
    throw new InputError(input.nodes ? 'give either nodes or nodeTypes, not both' : 'expected nodes (one per node) or nodeTypes (a count per type)', source, input.nodes ? 'nodeTypes' : 'nodes');
  }
  const perType = input.nodeTypes !== undefined;
  // per node: ids as given; per type: `<type>-<k>`, and utilities keyed by type
  const typeIndex = new Map<string, number>();
  input.nodeTypes?.forEach((t, k) => {
    if (typeIndex.has(t.type)) throw new InputError(`duplicate node type "${t.type}"`, source, `nodeTypes[${k}].type`);
    typeIndex.set(t.type, k);
  });
  const nodes = input.nodes ?? input.nodeTypes!.flatMap((t) => Array.from({ length: t.count }, (_, k) => ({ id: `${t.type}-${k}`, type: t.type })));
  const nIndex = new Map<string, number>();
  nodes.forEach((x, j) => {
    if (nIndex.has(x.id)) throw new InputError(`duplicate node id "${x.id}"`, source, perType ? 'nodeTypes' : `nodes[${j}].id`);
    nIndex.set(x.id, j);
  });
  const typeOf = Int32Array.from(nodes, (x) => typeIndex.get(x.type) ?? -1);
  // Per type: utilities by type (n × K); the n × m matrix is built only if a mechanism reads it.
  const typeUtilities = perType ? input.tenants.map(() => new Float64Array(typeIndex.size)) : [];
  const utilities = perType ? [] : input.tenants.map(() => new Float64Array(nodes.length));
  for (const [tid, row] of Object.entries(input.utilities)) {
    const i = tIndex.get(tid);
    if (i === undefined) throw new InputError(`unknown tenant id "${tid}" (not in tenants)`, source, `utilities.${tid}`);
    if (perType) {
      const byType = typeUtilities[i];
      for (const [type, v] of Object.entries(row)) {
        const k = typeIndex.get(type);
        if (k === undefined) throw new InputError(`unknown node type "${type}" (not in nodeTypes)`, source, `utilities.${tid}.${type}`);
        byType[k] = v;
      }
      continue;
    }
    for (const [nid, v] of Object.entries(row)) {
      const j = nIndex.get(nid);
      if (j === undefined) throw new InputError(`unknown node id "${nid}" (not in nodes)`, source, `utilities.${tid}.${nid}`);
      utilities[i][j] = v;
    }
  }
  let demands: number[] | undefined;
  if (input.demands) {
    demands = input.tenants.map(() => Infinity);
    for (const [tid, d] of Object.entries(input.demands)) {
      const i = tIndex.get(tid);
      if (i === undefined) throw new InputError(`unknown tenant id "${tid}" (not in tenants)`, source, `demands.${tid}`);
      demands[i] = d;
    }
  }
  let expanded: Float64Array[] | undefined;
  const problem: AllocationProblem = perType
    ? {
        tenants: input.tenants,
        nodes,
        demands,
        nodeTypes: { typeOf, utilities: typeUtilities },
        get utilities() {
          return (expanded ??= typeUtilities.map((byType) => Float64Array.from(typeOf, (k) => byType[k])));
        },
      }
    : { tenants: input.tenants, nodes, utilities, demands };
  return {
    input,
    problem,
    rounds: input.rounds ?? 1,
    nodeTypes: input.nodeTypes?.map((t) => t.type),
  };
}

const isPlainRecord = (x: unknown): x is Record<string, unknown> => {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * True when `utilities` is what the schema's `utilities` field accepts and
 * gives back unchanged: plain objects of plain objects of finite numbers ≥ 0
 * (no `__proto__` keys, which the schema's copy would treat differently).
 */
function plainUtilities(utilities: unknown): utilities is Record<string, Record<string, number>> {
  if (!isPlainRecord(utilities)) return false;
  for (const tid of Object.keys(utilities)) {
    const row = utilities[tid];
    if (tid === '__proto__' || !isPlainRecord(row)) return false;
    for (const nid of Object.keys(row)) {
      const v = row[nid];
      if (nid === '__proto__' || typeof v !== 'number' || !(v >= 0) || v === Infinity) return false;
    }
  }
  return true;
}

/**
 * `parseWith(allocationInputSchema, …)`, with the n × m utilities checked in
 * one loop instead of value by value through zod (100 tenants × 1,000 nodes
 * is 100,000 values): the schema checks the rest, and on any fault the whole
 * input goes through the schema, so errors are the schema's. Exported for the
 * property test that both give the same result.
 */
export function validateAllocationInput(data: unknown, source: string): z.output<typeof allocationInputSchema> {
  if (isPlainRecord(data) && Object.hasOwn(data, 'utilities') && plainUtilities(data.utilities)) {
    const rest = allocationInputSchema.safeParse({ ...data, utilities: {} }, { reportInput: true });
    if (rest.success) return { ...rest.data, utilities: data.utilities };
  }
  return parseWith(allocationInputSchema, data, source);
}
