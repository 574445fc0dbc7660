/**
 * Random layered task graphs in the style of Topcuoglu et al. 2002 §5.1
 * (shape α: height ≈ √n/α levels; out-degree; CCR; heterogeneity β: the run
 * time of task t on processor k is uniform in w̄_t·[1 − β/2, 1 + β/2]).
 * For benchmarks and tests; every draw comes from `Rng.stream(seed, 'dag/random')`.
 */
import { Rng } from '../sim/rng.js';
import type { DagProblemSpec } from './problem.js';

/**
 * Options of `randomDag`: task and processor counts, seed (default 1), and the
 * Topcuoglu et al. 2002 §5.1 parameters shape α, out-degree, CCR,
 * heterogeneity β and mean run time (s).
 */
export interface RandomDagOptions {
  /** Number of tasks n. */
  tasks: number;
  /** Number of processors p. */
  processors: number;
  seed?: number;
  /** Shape α (default 1). */
  shape?: number;
  /** Mean out-degree (default 3). */
  outDegree?: number;
  /** Communication-to-computation ratio (default 1). */
  ccr?: number;
  /** Heterogeneity β ∈ [0, 2) (default 1). */
  heterogeneity?: number;
  /** Mean run time w̄ of a task, s (default 10). */
  meanCost?: number;
}

/**
 * A random layered task graph (see the module header) as a problem spec:
 * tasks `t0..t{n−1}` on processors `p0..p{p−1}`, run times in seconds, edge
 * data in seconds (no bandwidth). Levels ≈ √n/α; each task gets 1..2·outDegree−1
 * edge draws (duplicates dropped) into the next two levels. The same options
 * give the same graph.
 */
export function randomDag(o: RandomDagOptions): DagProblemSpec {
  const rng = Rng.stream(o.seed ?? 1, 'dag/random');
  const n = o.tasks;
  const p = o.processors;
  const alpha = o.shape ?? 1;
  const deg = o.outDegree ?? 3;
  const ccr = o.ccr ?? 1;
  const beta = o.heterogeneity ?? 1;
  const wDag = o.meanCost ?? 10;
  const height = Math.max(1, Math.round(Math.sqrt(n) / alpha));
  const level = Array.from({ length: n }, (_, i) => Math.min(height - 1, Math.floor((i * height) / n)));
  const firstOf: number[] = [];
  for (let i = 0; i < n; i++) if (firstOf[level[i]] === undefined) firstOf[level[i]] = i;
  firstOf[height] = n;
  const tasks = Array.from({ length: n }, (_, i) => {
    const w = wDag * 2 * rng.next();
    return { id: `t${i}`, cost: Array.from({ length: p }, () => w * (1 - beta / 2 + beta * rng.next())) };
  });
  const edges: DagProblemSpec['edges'] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const l = level[i];
    if (l + 1 >= height) continue;
    const lo = firstOf[l + 1];
    const hi = firstOf[Math.min(height, l + 3)];
    const k = 1 + rng.int(Math.max(1, 2 * deg - 1));
    for (let j = 0; j < k; j++) {
      const to = lo + rng.int(hi - lo);
      const key = i * n + to;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({ from: `t${i}`, to: `t${to}`, data: wDag * ccr * 2 * rng.next() });
    }
  }
  return { processors: Array.from({ length: p }, (_, k) => `p${k}`), tasks, edges };
}
