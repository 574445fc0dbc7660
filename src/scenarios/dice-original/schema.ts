/**
 * Config of the `dice-original` scenario kind (level 1): the Dice authors'
 * own system model (mhomidi/threashold-util-sim @ 344a4a7,
 * `config/sys_config_default.json`; shared/specs/dice.md §9) — per-agent
 * queues on every node, power-of-two-choices arrivals, load levels q1..q5,
 * deadlines in rounds. Field defaults are that file's values, except
 * `rounds` (its 10 is a debug value; 300 here).
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { policyListSchema } from '../../policies/spec.js';

const positiveInt = lazySchema((z) => z.number().int('expected a whole number').positive('expected a whole number ≥ 1'));

/** The original's per-round arrival rates per unit of arrival coefficient, by load level (80, 70, 60, 50, 40 % of capacity in the 20 × 40 setup). */
export const ORIGINAL_LOAD_RATES = { q1: 2.21902, q2: 1.94164, q3: 1.66426, q4: 1.38688, q5: 1.10951 } as const;
/** The load levels, in the order of the seed's -q 0..4. */
export const LOAD_LEVELS = ['q1', 'q2', 'q3', 'q4', 'q5'] as const;

/** The config schema of the `dice-original` scenario kind (strict; defaults from `sys_config_default.json`, rounds 300). Its output is `DiceOriginalConfig`. */
export const diceOriginalSchema = lazySchema((z) => z
  .strictObject({
    kind: z.literal('dice-original').describe('scenario kind'),
    name: z.string().min(1).optional().describe('scenario name in results'),
    agents: positiveInt.default(10).describe('number of agents (num_agents)'),
    agentsPerClass: z.array(positiveInt).min(1).default([10, 5, 5]).describe('relative sizes of the weight classes (agents_per_class): agents are split over the classes in these proportions, in id order'),
    classWeights: z.array(positiveInt).min(1).default([1, 2, 4]).describe('token weight of each class (weight_of_classes)'),
    arrivalCoefficients: z.array(z.number().positive().finite()).min(1).optional().describe('arrival-rate multiplier of each class (arrival_rate_coefficient_of_classes; default = classWeights)'),
    nodes: positiveInt.default(5).describe('number of nodes (num_nodes)'),
    speedUps: z.array(z.number().positive().finite()).min(1).default([1, 1.4088, 1.3081]).describe('node speed-ups (speed_ups)'),
    speedUpWeights: z.array(z.number().positive().finite()).min(1).default([2, 1, 1]).describe('share of the nodes at each speed-up (sp_weights), assigned in node order'),
    baseServiceRate: z.number().positive().finite().default(2.352175).describe('requests a node of speed 1 serves per round on average (queue_app_departure_tps)'),
    load: z.union([z.enum(LOAD_LEVELS), z.number().int().min(0).max(4)]).default('q1').describe('load level q1..q5 = 80..40 % of the 20 × 40 setup\'s capacity (or the seed\'s -q 0..4)'),
    loadRates: z.strictObject({ q1: z.number().positive(), q2: z.number().positive(), q3: z.number().positive(), q4: z.number().positive(), q5: z.number().positive() }).default({ ...ORIGINAL_LOAD_RATES }).describe('arrivals per round per unit of arrival coefficient at each load level (queue_app_arrival_tps)'),
    deadlines: z.boolean().default(true).describe('dd (requests expire after deadlineRounds; utility = served) or wo_dd (no expiry; utility = −queue length)'),
    deadlineRounds: positiveInt.default(5).describe('rounds a request may wait before it is dropped (deadline)'),
    rounds: positiveInt.default(300).describe('rounds to simulate (num_iterations; the original\'s 10 is a debug value)'),
    emaAlpha: z.number().min(0).lt(1).default(0.8).describe('EWMA weight of the past in the per-queue arrival estimate (queue_app_alpha)'),
    loadBalancer: z.enum(['p2c', 'random']).default('p2c').describe('how an agent spreads its arrivals over its per-node queues (lb_type)'),
    policies: policyListSchema.optional().describe('mechanisms to compare (default: tant, ss, l-dice, s-dice, m-dice — in their original form)'),
  })
  .superRefine((c, ctx) => {
    if (c.agentsPerClass.length !== c.classWeights.length) ctx.addIssue({ code: 'custom', path: ['classWeights'], message: `expected one weight per class (${c.agentsPerClass.length})` });
    if (c.arrivalCoefficients && c.arrivalCoefficients.length !== c.classWeights.length) ctx.addIssue({ code: 'custom', path: ['arrivalCoefficients'], message: `expected one coefficient per class (${c.classWeights.length})` });
    if (c.speedUps.length !== c.speedUpWeights.length) ctx.addIssue({ code: 'custom', path: ['speedUpWeights'], message: `expected one weight per speed-up (${c.speedUps.length})` });
  }));

/** A validated dice-original config (defaults applied). */
export type DiceOriginalConfig = z.output<typeof diceOriginalSchema>;
/** A dice-original config as written (optional fields may be left out). */
export type DiceOriginalInput = z.input<typeof diceOriginalSchema>;
