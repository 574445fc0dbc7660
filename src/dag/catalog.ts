/**
 * Level 4 in the policy registry: the DAG schedulers (list scheduling and
 * searches). Metadata and option schemas only; factories import lazily.
 * Spec: shared/specs/mdnn.md §7–10.
 */
import { lazySchema, type Zod } from '../config/lazy-schema.js';
import { registerPolicy } from '../policies/registry.js';

/** Options of HEFT, CPOP and PEFT when none are given (their schemas' defaults). */
const LIST_DEFAULTS = { variant: 'paper' } as const;
const variant = (z: Zod) => z.enum(['paper', 'original']).default(LIST_DEFAULTS.variant).describe('the canonical algorithm, or Multiple-DNN-Scheduling@de588b2\'s behaviour (mdnn.md §9–10)');
const mdnn = 'Multiple-DNN-Scheduling@de588b2; shared/specs/mdnn.md';

function searchOptions(z: Zod, iterations: number) {
  return {
    variant: variant(z),
    particles: z.number().int().min(2).default(50).describe('swarm size'),
    iterations: z.number().int().min(0).default(iterations).describe('iterations (generations of the swarm)'),
    patience: z.number().int().min(1).default(50).describe('stop after this many consecutive iterations without improvement'),
    wMax: z.number().min(0).default(0.8).describe('largest inertia weight'),
    wMin: z.number().min(0).default(0.2).describe('smallest inertia weight'),
    seedWithListSchedules: z.boolean().optional().describe('seed with HEFT/PEFT/CPOP solutions and return the better of the best and HEFT (never worse than HEFT); default true, false under variant original'),
    inertiaShare: z.enum(['differ', 'equal']).optional().describe('inertia from the share of genes that differ from gBest (paper reading) or that are equal (original); default: differ, equal under variant original'),
  };
}

registerPolicy({
  name: 'heft',
  level: 4,
  family: 'dag-algorithm',
  summary: 'HEFT: upward rank order, earliest finish time with insertion',
  source: `Topcuoglu, Hariri & Wu, IEEE TPDS 2002; ${mdnn} §7, §9`,
  options: lazySchema((z) => z.strictObject({ variant: variant(z) })),
  defaultOptions: LIST_DEFAULTS,
  create: async (o) => (await import('./list-schedulers.js')).listScheduler('heft', o),
});

registerPolicy({
  name: 'cpop',
  level: 4,
  family: 'dag-algorithm',
  summary: 'CPOP: critical path on one processor, the rest by upward + downward rank',
  source: `Topcuoglu, Hariri & Wu, IEEE TPDS 2002; ${mdnn} §9`,
  options: lazySchema((z) => z.strictObject({ variant: variant(z) })),
  defaultOptions: LIST_DEFAULTS,
  create: async (o) => (await import('./list-schedulers.js')).listScheduler('cpop', o),
});

registerPolicy({
  name: 'peft',
  level: 4,
  family: 'dag-algorithm',
  summary: 'PEFT: optimistic cost table ranks and optimistic EFT',
  source: `Arabnejad & Barbosa, IEEE TPDS 2014; ${mdnn} §9`,
  options: lazySchema((z) => z.strictObject({ variant: variant(z) })),
  defaultOptions: LIST_DEFAULTS,
  create: async (o) => (await import('./list-schedulers.js')).listScheduler('peft', o),
});

registerPolicy({
  name: 'greedy',
  level: 4,
  family: 'dag-algorithm',
  summary: 'greedy block placement: one gene at a time, keep strict improvements, until a pass improves nothing (original: start on the cloud, each gene to its best candidate)',
  source: `${mdnn} §9 (Greedy)`,
  options: lazySchema((z) => z.strictObject({
    maxPasses: z.number().int().min(1).default(1000).describe('at most this many passes (it stops earlier when a pass improves nothing)'),
    variant: variant(z),
  })),
  create: async (o) => (await import('./index.js')).dagScheduler('greedy', o),
});

registerPolicy({
  name: 'ga',
  level: 4,
  family: 'dag-algorithm',
  summary: 'genetic algorithm (μ+λ) over the placement genes, seeded',
  source: `${mdnn} §10`,
  options: lazySchema((z) => z.strictObject({
    population: z.number().int().min(2).default(50).describe('population size μ'),
    generations: z.number().int().min(0).default(600).describe('generations'),
    patience: z.number().int().min(1).default(50).describe('stop after this many consecutive generations without improvement'),
    crossover: z.number().min(0).max(1).default(0.9).describe('crossover probability'),
    mutation: z.number().min(0).max(1).default(0.1).describe('mutation probability per gene'),
    variant: variant(z),
    seedWithListSchedules: z.boolean().optional().describe('seed with HEFT/PEFT/CPOP solutions and return the better of the best and HEFT (never worse than HEFT); default true, false under variant original'),
  })),
  create: async (o) => (await import('./index.js')).dagScheduler('ga', o),
});

registerPolicy({
  name: 'pso-ga',
  level: 4,
  family: 'dag-algorithm',
  summary: 'PSO-GA: particle swarm with GA crossover/mutation operators, seeded',
  source: `Chen et al., 2022; ${mdnn} §10`,
  options: lazySchema((z) => z.strictObject(searchOptions(z, 600))),
  create: async (o) => (await import('./index.js')).dagScheduler('pso-ga', o),
});

registerPolicy({
  name: 'memetic-pso-ga',
  level: 4,
  family: 'dag-algorithm',
  summary: 'memetic PSO-GA: PSO-GA plus a local search per particle (the poster\'s MO scheme)',
  source: `Jin, Park & Lee, MobiHoc'22 poster; ${mdnn} §10 step 5`,
  options: lazySchema((z) => z.strictObject(searchOptions(z, 300))),
  create: async (o) => (await import('./index.js')).dagScheduler('memetic-pso-ga', o),
});

registerPolicy({
  name: 'local',
  level: 4,
  family: 'dag-algorithm',
  summary: 'reference: every task on its home processor (mdnn: the whole DNN on its request device)',
  source: `${mdnn} (Greedy.py Local; grid reference column)`,
  options: lazySchema((z) => z.strictObject({})),
  create: async () => (await import('./index.js')).dagScheduler('local'),
});

registerPolicy({
  name: 'edge-only',
  level: 4,
  family: 'dag-algorithm',
  summary: 'reference: every task on the offload target (mdnn: the edge server)',
  source: `${mdnn} (Greedy.py Edge; grid reference column)`,
  options: lazySchema((z) => z.strictObject({})),
  create: async () => (await import('./index.js')).dagScheduler('edge-only'),
});
