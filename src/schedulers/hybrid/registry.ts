/**
 * Hybrid-cluster policy names: allox, drff, drfs, es, drfa, srpt, and
 * `allox-opt` (N_max = ∞), `allox-fast` (every free machine's plan head starts
 * from one matching; performance option, not the original), `allox-planned`
 * (ω of busy machines from the last planned queue, IRFsim quirk),
 * `srpt-original` (sorts by the original report).
 */
import type { HybridJob } from './cluster.js';
import { alloxPolicy, type AlloxOptions } from './allox.js';
import { drfaBeta, drfaPolicy } from './drfa.js';
import { drffPolicy } from './drff.js';
import { drfsPolicy } from './drfs.js';
import type { HybridPolicy } from './engine.js';
import { esPolicy } from './es.js';
import { srptPolicy } from './srpt.js';

export const HYBRID_POLICY_NAMES = ['allox', 'allox-opt', 'allox-fast', 'allox-planned', 'drff', 'drfs', 'es', 'drfa', 'srpt', 'srpt-original'] as const;

export function hybridPolicy(name: string, jobs: readonly HybridJob[], options: AlloxOptions = {}): HybridPolicy {
  switch (name) {
    case 'allox':
      return alloxPolicy(options);
    case 'allox-opt':
      return { ...alloxPolicy({ ...options, nMax: Infinity }), name: 'allox-opt' };
    case 'allox-fast':
      return { ...alloxPolicy({ ...options, launchesPerMatching: 'allFree' }), name: 'allox-fast' };
    case 'allox-planned':
      return { ...alloxPolicy({ ...options, omegaBusy: 'plannedQueue' }), name: 'allox-planned' };
    case 'drff':
      return drffPolicy;
    case 'drfs':
      return drfsPolicy;
    case 'es':
      return esPolicy;
    case 'drfa':
      return drfaPolicy(drfaBeta(jobs));
    case 'srpt':
      return srptPolicy();
    case 'srpt-original':
      return { ...srptPolicy(true), name: 'srpt-original' };
    default:
      throw new RangeError(`unknown hybrid policy ${name}`);
  }
}
