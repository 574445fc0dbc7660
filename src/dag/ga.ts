/**
 * GA — a (μ+λ) genetic algorithm over the shared encoding
 * (Multiple-DNN-Scheduling@de588b2 `GA`; mdnn.md §10). At de588b2 the GA
 * crashes (its evaluation is called without the local-search arguments);
 * this is the intended behaviour.
 *
 * Population 50, crossover probability 0.9, mutation probability 0.1,
 * at most 600 generations, stop after 50 without a strict improvement of the
 * best. Per generation: sample 50 parents (without replacement) from the
 * population ∪ the previous offspring; pair them; with probability 0.9 swap a
 * random two-point segment between the pair; each child mutates one gene
 * with probability 0.1; repair (memory); optional memetic local search;
 * evaluate (§8); keep the best 50 of population ∪ offspring (ties: the
 * population first). Initial population as PSO-GA's swarm (individual 0 on
 * the anchor). Never worse than the best initial individual.
 */
import { Rng } from '../sim/rng.js';
import type { DagResult } from './result.js';
import { SearchKit, type SearchSpace, type Solution } from './search-space.js';
import type { DagSchedule } from './schedule.js';

export interface GaOptions {
  seed?: number;
  population?: number;
  generations?: number;
  patience?: number;
  crossover?: number;
  mutation?: number;
  localSearch?: { probability: number; genes: number };
  name?: string;
  /** Called before each generation with the generations done and the maximum (progress; an early stop ends sooner). */
  onIteration?: (done: number, max: number) => void;
  /** List schedules projected onto the encoding as individuals 1, 2, … (src/dag/list-seeds.ts). */
  seeds?: readonly DagSchedule[];
}

export function ga(space: SearchSpace, options: GaOptions = {}): DagResult {
  const name = options.name ?? 'ga';
  const rng = Rng.stream(options.seed ?? 1, `dag/${name}`);
  const mu = options.population ?? 50;
  const generations = options.generations ?? 600;
  const patience = options.patience ?? 50;
  const pc = options.crossover ?? 0.9;
  const pm = options.mutation ?? 0.1;
  const kit = new SearchKit(space);
  let population: Solution[] = [];
  for (let i = 0; i < mu; i++) {
    const seed = options.seeds?.[i - 1];
    const s = i === 0 ? kit.anchored() : seed ? kit.project(seed) : kit.random(rng);
    kit.repair(s, rng);
    kit.evaluate(s);
    population.push(s);
  }
  const byFitness = (a: Solution, b: Solution) => a.fitness - b.fitness;
  population.sort(byFitness);
  const initialBest = population[0].fitness;
  const history = [initialBest];
  let offspring: Solution[] = [];
  let stale = 0;
  let gen = 0;
  for (; gen < generations && stale < patience; gen++) {
    options.onIteration?.(gen, generations);
    const pool = [...population, ...offspring];
    rng.shuffle(pool);
    const parents = pool.slice(0, mu).map((s) => kit.clone(s));
    for (let i = 0; i + 1 < parents.length; i += 2) if (rng.next() < pc) kit.swapSegments(parents[i], parents[i + 1], rng);
    for (const c of parents) {
      if (rng.next() < pm) kit.mutate(c, rng);
      kit.repair(c, rng);
      kit.evaluate(c);
      if (options.localSearch && rng.next() < options.localSearch.probability) kit.localSearch(c, rng, options.localSearch.genes);
    }
    offspring = parents;
    const before = population[0].fitness;
    population = [...population, ...offspring].sort(byFitness).slice(0, mu);
    stale = population[0].fitness < before ? 0 : stale + 1;
    history.push(population[0].fitness);
  }
  const best = population[0];
  const schedule = kit.evaluator.schedule(kit.placement(best.genes), best.prio ?? space.baseOrder);
  return { algorithm: name, schedule, evaluatedMakespan: schedule.makespan, iterations: gen, evaluations: kit.evaluations, initialBestMakespan: initialBest, history };
}
