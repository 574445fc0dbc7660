/**
 * Memetic PSO-GA — PSO-GA (src/dag/pso-ga.ts) plus a local search per
 * particle (Jin, Park & Lee, MobiHoc'22 poster, the "MO" scheme;
 * Multiple-DNN-Scheduling@de588b2; mdnn.md §10 step 5): with probability 0.5
 * per particle, try every other candidate for 2 random genes (3 when the
 * priority order evolves, i.e. layer-wise), keeping strict, memory-feasible
 * improvements. 300 iterations by default (600 for plain PSO-GA).
 * The original's layer-wise local search also sets one random priority value
 * directly (possibly duplicating priorities); the canonical form keeps the
 * permutation by swapping, which is what mutation already does.
 */
import type { DagResult } from './result.js';
import type { SearchSpace } from './search-space.js';
import { psoGa, type PsoGaOptions } from './pso-ga.js';

export function memeticPsoGa(space: SearchSpace, options: PsoGaOptions = {}): DagResult {
  return psoGa(space, {
    iterations: 300,
    localSearch: { probability: 0.5, genes: space.evolveOrder ? 3 : 2 },
    ...options,
    name: options.name ?? 'memetic-pso-ga',
  });
}
