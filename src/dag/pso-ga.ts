/**
 * PSO-GA — particle swarm optimisation with genetic operators (Chen et al.,
 * IEEE TPDS 33(3) 2022, §4; as used by Multiple-DNN-Scheduling@de588b2;
 * mdnn.md §10). Discrete PSO: the velocity update is replaced by mutation
 * (inertia) and crossovers with the personal and global bests (cognition,
 * social).
 *
 * Parameters (defaults = the spec): 50 particles, 600 iterations, stop after
 * 50 consecutive iterations without a strict gbest improvement; w_max 0.8,
 * w_min 0.2; c1 0.9 → 0.2, c2 0.4 → 0.9 linear in i/iterations.
 * Each iteration:
 *  1. w = w_max − (w_max − w_min)·exp(d/(d − 1.01)). `inertiaShare:
 *     'differ'` (default, Chen et al. eq. for d(X_i)): d = the share of
 *     particle i's genes that differ from gBest, one w per particle;
 *     `'equal'` (the original code): d = the share of all particles' genes
 *     equal to gBest, one w for all.
 *  2. Mutation: each particle with probability w (at least one particle).
 *  3. Crossover with its pbest (probability c1, at least one particle), then
 *     with gbest (probability c2, at least one).
 *  4. Repair (memory), 5. memetic only: local search (prob. 0.5 per particle,
 *     2 random genes, 3 when the order evolves), 6. evaluate (§8);
 *     pbest on strict improvement; gbest = best pbest.
 * Initial genes uniform over candidates; particle 0 = every gene on its anchor
 * (the edge); with `seeds`, particles 1, 2, … are list schedules projected
 * onto the encoding. The result is never worse than the best initial particle.
 * All random choices come from `Rng.stream(seed, 'dag/<algorithm>')`.
 */
import { Rng } from '../sim/rng.js';
import type { DagResult } from './result.js';
import { SearchKit, type SearchSpace, type Solution } from './search-space.js';
import type { DagSchedule } from './schedule.js';

/**
 * Options of `psoGa` (defaults = the spec, see the module header; Chen et
 * al., TPDS 2022, §4): seed, swarm size and iterations, early stop, inertia
 * range and rule, the linear ranges of c1 and c2, and the memetic local
 * search.
 */
export interface PsoGaOptions {
  /** Seed of stream `dag/<name>` (default 1). */
  seed?: number;
  /** Swarm size (default 50). */
  particles?: number;
  /** Iterations (default 600). */
  iterations?: number;
  /** Stop after this many consecutive non-improving iterations (default 50). */
  patience?: number;
  /** Largest inertia weight w_max (default 0.8). */
  wMax?: number;
  /** Smallest inertia weight w_min (default 0.2). */
  wMin?: number;
  /** Cognition (crossover with pbest) probability, from → to linearly over the iterations (default [0.9, 0.2]). */
  c1?: [number, number];
  /** Social (crossover with gbest) probability, from → to linearly over the iterations (default [0.4, 0.9]). */
  c2?: [number, number];
  /** How d in the inertia weight is measured (default 'differ'; see the module header). */
  inertiaShare?: 'differ' | 'equal';
  /** Memetic local search (probability per particle, genes tried). */
  localSearch?: { probability: number; genes: number };
  /** Name in the result (default 'pso-ga'). */
  name?: string;
  /** Called before each iteration with the iterations done and the maximum (progress; an early stop ends sooner). */
  onIteration?: (done: number, max: number) => void;
  /** List schedules projected onto the encoding as particles 1, 2, … (`SearchKit.project`; src/dag/list-seeds.ts). */
  seeds?: readonly DagSchedule[];
}

/** Runs PSO-GA over a search space. */
export function psoGa(space: SearchSpace, options: PsoGaOptions = {}): DagResult {
  const name = options.name ?? 'pso-ga';
  const rng = Rng.stream(options.seed ?? 1, `dag/${name}`);
  const P = options.particles ?? 50;
  const iterations = options.iterations ?? 600;
  const patience = options.patience ?? 50;
  const wMax = options.wMax ?? 0.8;
  const wMin = options.wMin ?? 0.2;
  const [c1a, c1b] = options.c1 ?? [0.9, 0.2];
  const [c2a, c2b] = options.c2 ?? [0.4, 0.9];
  const share = options.inertiaShare ?? 'differ';
  const kit = new SearchKit(space);

  const swarm: Solution[] = [];
  for (let i = 0; i < P; i++) {
    const seed = options.seeds?.[i - 1];
    const s = i === 0 ? kit.anchored() : seed ? kit.project(seed) : kit.random(rng);
    kit.repair(s, rng);
    kit.evaluate(s);
    swarm.push(s);
  }
  const pbest = swarm.map((s) => kit.clone(s));
  let gbest = kit.clone(pbest.reduce((a, b) => (b.fitness < a.fitness ? b : a)));
  const initialBest = gbest.fitness;
  const history = [gbest.fitness];
  let stale = 0;
  let it = 0;
  const G = space.genes;
  const atLeastOne = (prob: number, act: (i: number) => void) => {
    let any = false;
    for (let i = 0; i < P; i++) {
      if (rng.next() < prob) {
        act(i);
        any = true;
      }
    }
    if (!any) act(rng.int(P));
  };
  for (; it < iterations && stale < patience; it++) {
    options.onIteration?.(it, iterations);
    const frac = it / iterations;
    const c1 = c1a + (c1b - c1a) * frac;
    const c2 = c2a + (c2b - c2a) * frac;
    const inertia = (d: number) => wMax - (wMax - wMin) * Math.exp(d / (d - 1.01));
    // 1–2. Inertia and mutation.
    if (share === 'equal') {
      let eq = 0;
      for (const s of swarm) for (let g = 0; g < G; g++) if (s.genes[g] === gbest.genes[g]) eq++;
      atLeastOne(inertia(eq / (P * G)), (i) => kit.mutate(swarm[i], rng));
    } else {
      let any = false;
      for (let i = 0; i < P; i++) {
        let diff = 0;
        for (let g = 0; g < G; g++) if (swarm[i].genes[g] !== gbest.genes[g]) diff++;
        if (rng.next() < inertia(diff / G)) {
          kit.mutate(swarm[i], rng);
          any = true;
        }
      }
      if (!any) kit.mutate(swarm[rng.int(P)], rng);
    }
    // 3. Crossovers with pbest, then gbest.
    atLeastOne(c1, (i) => kit.crossover(swarm[i], pbest[i], rng));
    atLeastOne(c2, (i) => kit.crossover(swarm[i], gbest, rng));
    // 4–6. Repair, local search, evaluate, bests.
    let improved = false;
    for (let i = 0; i < P; i++) {
      const s = swarm[i];
      kit.repair(s, rng);
      kit.evaluate(s);
      if (options.localSearch && rng.next() < options.localSearch.probability) kit.localSearch(s, rng, options.localSearch.genes);
      if (s.fitness < pbest[i].fitness) {
        pbest[i] = kit.clone(s);
        if (s.fitness < gbest.fitness) {
          gbest = kit.clone(s);
          improved = true;
        }
      }
    }
    stale = improved ? 0 : stale + 1;
    history.push(gbest.fitness);
  }
  const schedule = kit.evaluator.schedule(kit.placement(gbest.genes), gbest.prio ?? space.baseOrder);
  return {
    algorithm: name,
    schedule,
    evaluatedMakespan: schedule.makespan,
    iterations: it,
    evaluations: kit.evaluations,
    initialBestMakespan: initialBest,
    history,
  };
}
