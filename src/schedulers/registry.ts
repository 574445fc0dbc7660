/**
 * Training-policy names for `--policies`: `<order>[+<mode>]`.
 * - order: fifo, srtf, srsf, las, ftf, drf, tetris; original-code variants
 *   `las-preselect` (GPU pre-selection), `ftf-original` (ρ = (now − a + rem)/work,
 *   ascending), `drf-job` (job-level key), `tetris-original` (weighted remaining),
 *   `tetris-f<f>` (Tetris with fairness knob f, e.g. `tetris-f0.5`).
 *   Gavel's heterogeneity-aware LP policies `gavel-maxmin`, `gavel-maxmin-agnostic`,
 *   `gavel-ftf` (need HiGHS: `loadSynergyOpt`).
 * - mode: `fair` (GPU-proportional, the default when omitted), `greedy`,
 *   `tune`, `opt` (Synergy's allocation modes).
 * - aliases: `srpt` = `srtf` (order), `synergy-tune` = `fifo+tune`, `synergy-greedy` = `fifo+greedy`,
 *   `synergy-opt` = `fifo+opt`, `synergy-proportional` = `fifo+fair` (the
 *   Synergy AE's default order is FIFO).
 * Note: in the original repo a bare name means greedy; in Allot a bare name
 * is the classic GPU-only scheduler (proportional CPU/memory), ours.
 */
import { InputError } from '../errors.js';
import { drfJobPolicy, drfPolicy } from './drf.js';
import { fifoPolicy } from './fifo.js';
import { ftfOriginalPolicy, ftfPolicy } from './ftf.js';
import { lasPolicy, lasPreselectPolicy } from './las.js';
import { srsfPolicy } from './srsf.js';
import { srtfPolicy } from './srtf.js';
import { greedyMode } from './synergy-greedy.js';
import { proportionalMode } from './synergy-proportional.js';
import { tuneMode } from './synergy-tune.js';
import { tetrisOriginalPolicy, tetrisPolicy, tetrisPolicyWithFairness } from './tetris.js';
import type { AllocationMode, JobPolicy } from './types.js';

export const JOB_POLICIES: Record<string, JobPolicy> = {
  fifo: fifoPolicy,
  srtf: srtfPolicy,
  srsf: srsfPolicy,
  las: lasPolicy,
  'las-preselect': lasPreselectPolicy,
  ftf: ftfPolicy,
  'ftf-original': ftfOriginalPolicy,
  drf: drfPolicy,
  'drf-job': drfJobPolicy,
  tetris: tetrisPolicy,
  'tetris-original': tetrisOriginalPolicy,
};

/** Policies that need HiGHS (registered by `loadSynergyOpt`): Gavel's heterogeneity-aware LP policies. */
export const LP_POLICY_NAMES = ['gavel-maxmin', 'gavel-maxmin-agnostic', 'gavel-ftf'] as const;

/** Registers a policy loaded asynchronously (Gavel LP policies). */
export function registerJobPolicy(policy: JobPolicy): void {
  JOB_POLICIES[policy.name] = policy;
}

const modes: Record<string, AllocationMode> = { fair: proportionalMode, greedy: greedyMode, tune: tuneMode };

/** Registers the opt mode once HiGHS is loaded (see synergy-opt.ts). */
export function registerAllocationMode(mode: AllocationMode): void {
  modes[mode.name] = mode;
}

export const MODE_NAMES = ['fair', 'greedy', 'tune', 'opt'] as const;

const ALIASES: Record<string, string> = {
  'synergy-tune': 'fifo+tune',
  'synergy-greedy': 'fifo+greedy',
  'synergy-opt': 'fifo+opt',
  'synergy-proportional': 'fifo+fair',
};

/** `srpt` on a GPU training cluster is SRTF (remaining processing time = remaining run time); on hybrid clusters it is AlloX's preemptive SRPT baseline. */
const ORDER_ALIASES: Record<string, string> = { srpt: 'srtf' };

/** Canonical "order+mode" form of a policy name; InputError for unknown parts. */
export function canonicalTrainingPolicy(name: string): { order: string; mode: string } {
  const n = ALIASES[name] ?? name;
  const [rawOrder, mode = 'fair', ...rest] = n.split('+');
  const order = ORDER_ALIASES[rawOrder] ?? rawOrder;
  const tf = /^tetris-f(0(?:\.\d+)?)$/.exec(order);
  if (tf && !JOB_POLICIES[order]) JOB_POLICIES[order] = { ...tetrisPolicyWithFairness(Number(tf[1])), name: order };
  if (rest.length || !(JOB_POLICIES[order] || (LP_POLICY_NAMES as readonly string[]).includes(order)) || !(MODE_NAMES as readonly string[]).includes(mode)) {
    throw new InputError(
      `unknown training policy "${name}" (expected <order>[+<mode>] with order in ${[...new Set([...Object.keys(JOB_POLICIES), ...LP_POLICY_NAMES])].join(', ')} and mode in ${MODE_NAMES.join(', ')}, or ${Object.keys(ALIASES).join(', ')})`,
      '--policies',
    );
  }
  return { order, mode };
}

/** Resolves a policy name to (policy, mode); the opt mode must have been registered (async HiGHS load). */
export function resolveTrainingPolicy(name: string): { policy: JobPolicy; mode: AllocationMode } {
  const { order, mode } = canonicalTrainingPolicy(name);
  const m = modes[mode];
  if (!m || !JOB_POLICIES[order]) throw new Error(`${m ? `policy ${order}` : `allocation mode ${mode}`} is not loaded (call loadSynergyOpt first)`);
  return { policy: JOB_POLICIES[order], mode: m };
}
