/**
 * The list schedulers HEFT, CPOP (Topcuoglu, Hariri & Wu, IEEE TPDS 2002)
 * and PEFT (Arabnejad & Barbosa, IEEE TPDS 2014) as configured
 * `DagScheduler`s, in a module of their own: the registry creates them from
 * here, so scheduling with one loads none of the searches (issue 15).
 * `dagScheduler` in ./index.ts hands these three names on to
 * `listScheduler`.
 */
import type { DagProblem } from './problem.js';
import type { DagResult } from './result.js';
import type { DagRunContext, DagScheduler } from './index.js';
import { heft } from './heft.js';
import { cpop } from './cpop.js';
import { peft } from './peft.js';

/** Names of the list schedulers among the DAG algorithms. */
export const LIST_ALGORITHMS = ['heft', 'cpop', 'peft'] as const;
/** One of `LIST_ALGORITHMS`. */
export type ListAlgorithm = (typeof LIST_ALGORITHMS)[number];

/** True if `name` is one of `LIST_ALGORITHMS`. */
export function isListAlgorithm(name: string): name is ListAlgorithm {
  return (LIST_ALGORITHMS as readonly string[]).includes(name);
}

/**
 * A list scheduler with its variant (default paper). Deterministic; throws
 * NoFeasibleProcessorError when memory runs out on every candidate of a task.
 * CPOP (original variant) reads `run.pinProcessor`.
 */
export function listScheduler(algorithm: ListAlgorithm, options: { variant?: 'paper' | 'original' } = {}): DagScheduler {
  const variant = options.variant ?? 'paper';
  return {
    name: algorithm,
    variant,
    schedule(prob: DagProblem, run: DagRunContext = {}): DagResult {
      switch (algorithm) {
        case 'heft':
          return heft(prob, { variant });
        case 'cpop':
          return cpop(prob, { variant, pinProcessor: run.pinProcessor });
        case 'peft':
          return peft(prob, { variant });
      }
    },
  };
}
