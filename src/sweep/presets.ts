/**
 * Built-in sweeps (`allot sweep --preset NAME`): a scenario (a built-in name
 * or a config), the varied fields, the policies and the number of seeds,
 * each checked against the preset schema and, when run, against its kind's
 * config schema like any sweep. Command-line --policies and --seeds override
 * a preset's; --vary adds axes. All need no data files.
 */
import type { z } from 'zod';
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { didYouMean, parseWith } from '../config/validate.js';
import { policyListSchema } from '../policies/spec.js';

const scalar = lazySchema((z) => z.union([z.string(), z.number(), z.boolean()]));

/**
 * The schema of a built-in sweep preset (strict): a description, the scenario
 * (`builtin:<name>` or a config object with `kind`), the varied fields (field
 * → values), the policies, and the number of seeds (default 5).
 */
export const sweepPresetSchema = lazySchema((z) => z.strictObject({
  description: z.string().min(1),
  /** `builtin:<name>` or a config object with `kind`. */
  scenario: z.union([z.string().regex(/^builtin:/, 'expected builtin:<name>'), z.looseObject({ kind: z.string() })]),
  vary: z.record(z.string(), z.array(scalar).min(1)).default({}),
  policies: policyListSchema,
  seeds: z.number().int().min(1).default(5),
  /** First seed (default 1); a preset that evaluates a trained policy starts past the seeds its README table already reported. */
  seedBase: z.number().int().min(0).default(1),
}));

/** A validated sweep preset (defaults applied); `sweepPreset(name)` returns one. */
export type SweepPreset = z.output<typeof sweepPresetSchema>;

const PRESETS: Record<string, z.input<typeof sweepPresetSchema>> = {
  'dice-load': {
    description: 'Dice mechanisms vs static share on the default inference scenario at 50–110 % load',
    scenario: 'builtin:default',
    vary: { load: [0.5, 0.8, 1.1] },
    policies: ['l-dice', 's-dice', 'm-dice', 'static-share'],
    seeds: 5,
  },
  'dice-app-mix': {
    description: 'every mechanism on each application mix of the default cluster',
    scenario: 'builtin:default',
    vary: { appMix: ['vision', 'language', 'recommendation', 'mixed', 'llm-serving'] },
    policies: ['l-dice', 's-dice', 'm-dice', 'static-share', 'max-min', 'drf'],
    seeds: 3,
  },
  'dice-original-deadline': {
    description: 'the original Dice evaluation: welfare vs deadline (2, 5, 10, 15, 20 rounds) on the authors\' system, q1',
    scenario: 'builtin:dice-original',
    vary: { deadlineRounds: [2, 5, 10, 15, 20] },
    policies: ['tant', 'ss', 'l-dice', 's-dice', 'm-dice'],
    seeds: 3,
  },
  'dice-original-load': {
    description: 'the original Dice evaluation: welfare vs load (q1..q5 = 80 % down to 40 %) on the authors\' system',
    scenario: 'builtin:dice-original',
    vary: { load: ['q1', 'q2', 'q3', 'q4', 'q5'] },
    policies: ['tant', 'ss', 'l-dice', 's-dice', 'm-dice'],
    seeds: 3,
  },
  'realtime-load': {
    description: 'request schedulers on the built-in real-time scenario at 90–110 % load',
    scenario: 'builtin:realtime',
    vary: { load: [0.9, 1, 1.1] },
    policies: ['edf', 'least-slack', 'prema', 'drl'],
    seeds: 5,
  },
  'realtime-fair': {
    description: 'fair test of the deep-RL scheduler (issue 13): held-out seeds 6–15, load 0.85, 1 and 1.1, SLO targets as declared, permuted per seed, and permuted with one service at 1.0; EDF, SLO-aware EDF, PREMA and the committed drl policy (evaluation only, no training)',
    scenario: 'builtin:realtime',
    vary: { load: [0.85, 1, 1.1], targets: ['declared', 'shuffled', 'shuffled-hard'] },
    policies: ['edf', 'slo-edf', 'prema', 'drl'],
    seeds: 10,
    seedBase: 6,
  },
  'realtime-slo-ablation': {
    description: 'SLO-aware vs SLO-agnostic deep-RL scheduler at equal training budget (issue 13): the committed feature-set-2 policies of training seeds 1–3 of each (trained:v2-aware-N, trained:v2-agnostic-N) with EDF and SLO-aware EDF on held-out seeds 6–15, 2 s of arrivals, load 0.85, 1 and 1.1, targets as declared and permuted with one service at 1.0 (evaluation only, no training)',
    scenario: { kind: 'realtime', durationSeconds: 2 },
    vary: { load: [0.85, 1, 1.1], targets: ['declared', 'shuffled-hard'] },
    policies: ['edf', 'slo-edf', ...(['aware', 'agnostic'] as const).flatMap((v) => [1, 2, 3].map((k) => ({ name: 'drl', label: `drl-${v}-${k}`, options: { model: `trained:v2-${v}-${k}` } })))],
    seeds: 10,
    seedBase: 6,
  },
  'dag-helpers': {
    description: 'list schedulers on 3 and 6 DNN services over 0, 3 and 6 helper devices',
    scenario: { kind: 'dag', partitionings: ['piece-wise'] },
    vary: { services: [3, 6], helpers: [0, 3, 6] },
    policies: ['heft', 'cpop', 'peft'],
    seeds: 1,
  },
};

/** Names of the built-in presets. */
export const SWEEP_PRESET_NAMES = Object.keys(PRESETS);

/** A preset by name, validated; InputError with the names for an unknown one. */
export function sweepPreset(name: string): SweepPreset {
  const p = PRESETS[name];
  if (!p) throw new InputError(`unknown preset "${name}"${didYouMean(name, SWEEP_PRESET_NAMES)} (expected one of: ${SWEEP_PRESET_NAMES.join(', ')})`, '--preset');
  return parseWith(sweepPresetSchema, p, `preset ${name}`);
}
