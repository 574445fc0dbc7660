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
  const r = parseWith(dagInputSchema, data, source);
  return {
    processors: r.processors,
    tasks: r.tasks.map((t) => ({ id: t.id, cost: t.cost.map((c) => (c === null ? Infinity : c)) })),
    edges: r.edges,
    bandwidth: r.bandwidth,
  };
}
