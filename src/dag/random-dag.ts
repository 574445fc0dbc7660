/**
 * Random layered task graphs in the style of Topcuoglu et al. 2002 §5.1
 * (shape α: height ≈ √n/α levels; out-degree; CCR; heterogeneity β: the run
 * time of task t on processor k is uniform in w̄_t·[1 − β/2, 1 + β/2]).
 * For benchmarks and tests; every draw comes from `Rng.stream(seed, 'dag/random')`.
 */
import { Rng } from '../sim/rng.js';
import type { DagProblemSpec } from './problem.js';

export interface RandomDagOptions {
  tasks: number;
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
