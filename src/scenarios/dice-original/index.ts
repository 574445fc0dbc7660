/**
 * Scenario kind "dice-original" (level 1): the Dice authors' system model
 * (per-agent queues on every node, power-of-two-choices arrivals, load levels,
 * deadlines in rounds; src/serving/queue-system.ts). Its mechanisms run in
 * their original form by default (`variant: original`: L-Dice without the
 * eligibility filter, S-Dice's turn list, M-Dice with one draw per node, ss
 * handing idle nodes out at random; `tant` is the original). Built-ins:
 * `builtin:dice-original` (the code's HEAD default, 10 agents × 5 nodes,
 * 300 rounds) and `builtin:dice-original-20x40` (the authors' evaluation
 * setup, 20 agents × 40 nodes, 3,000 rounds).
 */
import { canonicalJson } from '../../config/canonical.js';
import { checkUniqueLabels, resolvePolicy, type PolicyInput } from '../../policies/index.js';
import { sha256, type InputRef } from '../../provenance.js';
import { PROCESS_BASE_BYTES } from '../estimates.js';
import { fieldWhere, type ProgressFn, type RunContext } from '../registry.js';
import { ORIGINAL_LOAD_RATES, LOAD_LEVELS, type DiceOriginalConfig } from './schema.js';
import type { QueueSystem } from '../../serving/queue-system.js';

/** The original's default comparison, in its README's order. */
export const ORIGINAL_POLICIES = ['tant', 'ss', 'l-dice', 's-dice', 'm-dice'];

/**
 * The system a config describes: agents split over classes in proportion to
 * `agentsPerClass` (cumulative share × agents, truncated, as
 * `get_agent_split_indices`), nodes over speed-ups in proportion to
 * `speedUpWeights` (truncated, the last speed-up takes the rest, as
 * `get_speed_up_factors`).
 */
export function queueSystemOf(c: DiceOriginalConfig): QueueSystem & { classOf: number[] } {
  const total = c.agentsPerClass.reduce((a, b) => a + b, 0);
  const classOf: number[] = [];
  let cum = 0;
  c.agentsPerClass.forEach((size, k) => {
    cum += size;
    const end = k === c.agentsPerClass.length - 1 ? c.agents : Math.trunc((cum / total) * c.agents);
    while (classOf.length < end) classOf.push(k);
  });
  const coeff = c.arrivalCoefficients ?? c.classWeights;
  const level = typeof c.load === 'number' ? LOAD_LEVELS[c.load] : c.load;
  const rate = (c.loadRates ?? ORIGINAL_LOAD_RATES)[level];
  const wsum = c.speedUpWeights.reduce((a, b) => a + b, 0);
  const speed = new Array<number>(c.nodes).fill(c.speedUps[c.speedUps.length - 1]);
  let start = 0;
  c.speedUpWeights.forEach((w, k) => {
    if (k === c.speedUpWeights.length - 1) return;
    const end = Math.trunc((w / wsum) * c.nodes + start);
    for (let j = start; j < Math.min(end, c.nodes); j++) speed[j] = c.speedUps[k];
    start = end;
  });
  return {
    classOf,
    weights: classOf.map((k) => c.classWeights[k]),
    arrivalRates: classOf.map((k) => rate * coeff[k]),
    serviceRates: speed.map((s) => c.baseServiceRate * s),
    deadlineRounds: c.deadlines ? c.deadlineRounds : null,
    rounds: c.rounds,
    emaAlpha: c.emaAlpha,
    loadBalancer: c.loadBalancer,
  };
}

export async function prepare(config: DiceOriginalConfig, ctx: RunContext) {
  const specs = config.policies ?? ORIGINAL_POLICIES;
  const policies = specs.map((p, i) => resolvePolicy('mechanism', p, fieldWhere(ctx, config.policies ? ['policies', i] : ['policies']), { variant: 'original' }));
  checkUniqueLabels(policies.map((p) => p.label), fieldWhere(ctx, ['policies']));
  const sys = queueSystemOf(config);
  const src = ctx.source?.path ?? 'config';
  const name = config.name ?? (src.startsWith('builtin:') ? src.slice('builtin:'.length) : src);
  const inputs = [{ path: src, sha256: sha256(canonicalJson({ ...config, policies: undefined })) }];
  const work = sys.rounds * policies.length * (sys.weights.length * sys.serviceRates.length);
  return {
    policies: policies.map((p) => p.label),
    estimate: {
      memoryBytes: PROCESS_BASE_BYTES + sys.rounds * policies.length * sys.weights.length * 64,
      seconds: work * 2e-6 + sys.rounds * policies.length * 2e-3,
      what: `${sys.weights.length} agents × ${sys.serviceRates.length} nodes × ${sys.rounds} rounds × ${policies.length} policies`,
      knobs: ['rounds', 'agents', 'nodes'],
    },
    run: async (onProgress = ctx.onProgress) => {
      const { runDiceOriginal } = await import('./run.js');
      return runDiceOriginal(name, config, sys, { seed: ctx.seed, policies, inputs, onProgress });
    },
    parallel: { payload: { name, config, seed: ctx.seed, specs, inputs } satisfies DiceOriginalPartPayload },
  };
}

/** What a worker thread gets of a prepared dice-original run (`runPart`): the validated config and the policies as given. */
interface DiceOriginalPartPayload {
  name: string;
  config: DiceOriginalConfig;
  seed: number;
  specs: PolicyInput[];
  inputs: InputRef[];
}

/** Runs the policies at `indices` of a run prepared in another thread (`ScenarioKind.runPart`, registered in kind.ts); each policy draws from its own streams, so a part equals its share of the serial run. */
export async function runPart(value: unknown, indices: readonly number[], onProgress?: ProgressFn) {
  const p = value as DiceOriginalPartPayload;
  const policies = indices.map((i) => resolvePolicy('mechanism', p.specs[i], `policies[${i}]`, { variant: 'original' }));
  const { runDiceOriginal } = await import('./run.js');
  return runDiceOriginal(p.name, p.config, queueSystemOf(p.config), { seed: p.seed, policies, inputs: p.inputs, onProgress });
}
