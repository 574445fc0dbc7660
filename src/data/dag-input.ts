/**
 * The `allot dag` input (README "allot dag"), validated strictly (an unknown
 * field — a misspelt `bandwidth` would change the units of every edge — is an
 * error with a "did you mean"):
 *
 * ```
 * { "processors": ["p1", "p2"],
 *   "tasks": [{"id": "t1", "cost": [14, 16]}],          // seconds per processor; null = cannot run there
 *   "edges": [{"from": "t1", "to": "t2", "data": 18}],  // seconds, or bytes with "bandwidth"
 *   "bandwidth": [[null, 1e6], [1e6, null]] }           // optional, bytes/s; null = free link
 * ```
 */
import type { z } from 'zod';
import { lazySchema } from '../config/lazy-schema.js';
import { parseWith } from '../config/validate.js';
import type { DagProblemSpec } from '../model/dag.js';

/**
 * The schema of the `allot dag` input (see the module header): processors,
 * tasks with a run time in seconds per processor (null = cannot run there),
 * edges with their data (seconds, or bytes when `bandwidth` in bytes/s is
 * given). Strict: unknown keys are errors (InputError, exit 2, via
 * `parseDagInput`); ids and shapes are checked by `buildDagProblem`.
 */
export const dagInputSchema = lazySchema((z) => z.strictObject({
  processors: z.array(z.string().min(1)).min(1, 'expected at least one processor'),
  tasks: z.array(z.strictObject({ id: z.string().min(1), cost: z.array(z.number().nonnegative().finite().nullable()).describe('seconds on each processor; null = cannot run there') })).min(1, 'expected at least one task'),
  edges: z.array(z.strictObject({ from: z.string().min(1), to: z.string().min(1), data: z.number().nonnegative().finite() })).default([]),
  bandwidth: z.array(z.array(z.number().positive().finite().nullable())).optional().describe('bytes/s between processors (p × p); null = a free link; without it, edge data is in seconds'),
}));

/** The `allot dag` input as written. */
export type DagInput = z.input<typeof dagInputSchema>;

/** Validates parsed input JSON into a problem spec (InputError naming the field). */
export function parseDagInput(data: unknown, source: string): DagProblemSpec {
  const fast = acceptPlainDagInput(data);
  if (fast) return fast;
  const r = parseWith(dagInputSchema, data, source);
  return {
    processors: r.processors,
    tasks: r.tasks.map((t) => ({ id: t.id, cost: t.cost.map((c) => (c === null ? Infinity : c)) })),
    edges: r.edges,
    bandwidth: r.bandwidth,
  };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const hasOnlyKeys = (o: Record<string, unknown>, a: string, b: string, c?: string): boolean => {
  let count = 0;
  for (const key in o) {
    if (!Object.hasOwn(o, key)) continue;
    if (key !== a && key !== b && key !== c) return false;
    count++;
  }
  return count === (c === undefined ? 2 : 3);
};
const isId = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isSeconds = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x !== Infinity;

/**
 * One task's run times as the schema sees them, copied into `matrix` from
 * `offset` (null → Infinity): −1 if one is neither null nor a finite number
 * ≥ 0, else bit 1 set if one is null and bit 2 if one is finite. Per task
 * (not inlined) so it is optimised early.
 */
function copyRunTimes(cost: readonly unknown[], matrix: Float64Array, offset: number): number {
  let kind = 0;
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k];
    if (c === null) {
      kind |= 1;
      matrix[offset + k] = Infinity;
    } else if (isSeconds(c)) {
      kind |= 2;
      matrix[offset + k] = c;
    } else return -1;
  }
  return kind;
}

/**
 * The common case of `parseDagInput` in one pass and without copies: an
 * input `dagInputSchema` accepts, without `bandwidth`, gives the same spec
 * as the schema would (cost arrays and edge objects are the input's own when
 * nothing needs converting), plus `costMatrix` when every task has one run
 * time per processor and a finite one; anything else gives undefined, and
 * the schema then names the fault. Validating a 10,000 × 100 input element by element
 * through zod took longer than scheduling it (issue 15). Exported for the
 * property test that the two paths agree.
 */
export function acceptPlainDagInput(data: unknown): DagProblemSpec | undefined {
  if (!isObject(data)) return undefined;
  let keys = 0;
  for (const key in data) {
    if (!Object.hasOwn(data, key)) continue;
    if (key !== 'processors' && key !== 'tasks' && key !== 'edges') return undefined;
    keys++;
  }
  const { processors, tasks, edges } = data;
  if (keys !== (edges === undefined ? 2 : 3) || !Array.isArray(processors) || !Array.isArray(tasks) || (edges !== undefined && !Array.isArray(edges))) return undefined;
  if (processors.length === 0 || tasks.length === 0) return undefined;
  for (let k = 0; k < processors.length; k++) if (!isId(processors[k])) return undefined;
  const accepted = acceptTasks(tasks, processors.length);
  const list = (edges ?? []) as unknown[];
  if (!accepted || !acceptEdges(list)) return undefined;
  const { specTasks, matrix } = accepted;
  return { processors: processors as string[], tasks: specTasks, edges: list as DagProblemSpec['edges'], bandwidth: undefined, ...(matrix && { costMatrix: matrix }) };
}

/**
 * The tasks of the one-pass path (undefined if one is not as the schema wants it), their run times also
 * laid out in a cost matrix — dropped when a row has not p run times or no finite one (buildDagProblem then
 * checks the rows itself and names the fault). A loop of its own, so it is optimised as a whole.
 */
function acceptTasks(tasks: readonly unknown[], p: number): { specTasks: DagProblemSpec['tasks']; matrix?: Float64Array } | undefined {
  const specTasks: DagProblemSpec['tasks'] = new Array(tasks.length);
  let matrix: Float64Array | undefined = new Float64Array(tasks.length * p);
  for (let i = 0; i < tasks.length; i++) {
    const t: unknown = tasks[i];
    if (!isObject(t) || !hasOnlyKeys(t, 'id', 'cost') || !isId(t.id) || !Array.isArray(t.cost)) return undefined;
    const cost = t.cost as unknown[];
    const fits = matrix !== undefined && cost.length === p;
    const kind = copyRunTimes(cost, fits ? matrix! : new Float64Array(cost.length), fits ? i * p : 0);
    if (kind < 0) return undefined;
    if (!fits || (kind & 2) === 0) matrix = undefined;
    specTasks[i] = { id: t.id, cost: (kind & 1) !== 0 ? cost.map((c) => (c === null ? Infinity : (c as number))) : (cost as number[]) };
  }
  return { specTasks, matrix };
}

/** True if every edge is as the schema wants it ({from, to, data}, ids non-empty, data finite ≥ 0). */
function acceptEdges(list: readonly unknown[]): boolean {
  for (let j = 0; j < list.length; j++) {
    const e = list[j];
    if (!isObject(e) || !hasOnlyKeys(e, 'from', 'to', 'data') || !isId(e.from) || !isId(e.to) || !isSeconds(e.data)) return false;
  }
  return true;
}
