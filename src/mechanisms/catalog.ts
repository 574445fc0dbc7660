/**
 * Level 1 in the policy registry: the tenant-allocation mechanisms (Dice and
 * baselines). Metadata and option schemas only; each factory imports its
 * mechanism on first use. Spec: shared/specs/dice.md.
 */
import { lazySchema, type Zod } from '../config/lazy-schema.js';
import { registerPolicy } from '../policies/registry.js';

const REALISATIONS = ['lottery', 'bvn', 'timeshare', 'independent'] as const;
const realisation = (z: Zod) => z.enum(REALISATIONS).default('lottery').describe('how the fractional allocation becomes nodes each round: dependent-rounding lottery, Birkhoff–von Neumann lottery, time-sharing within the round (dice.md §4), or one independent draw per node with p = x_·j (the original code, §9)');
const none = lazySchema((z) => z.strictObject({}));
/** `variant`: the paper's mechanism (default on Allot's system) or the authors' code (default on the original Dice system, `kind: dice-original`). */
const variant = (z: Zod, original: string) => z.enum(['paper', 'original']).default('paper').describe(`paper: as the Dice README describes it; original: as mhomidi/threashold-util-sim @ 344a4a7 runs it (${original}); the dice-original scenario kind makes original the default`);

registerPolicy({
  name: 'l-dice',
  level: 1,
  family: 'mechanism',
  summary: 'lottery Dice: m token draws, each winner takes its best remaining node',
  source: 'Dice README (mhomidi/dice), "L-Dice"; shared/specs/dice.md §2',
  options: lazySchema((z) => z.strictObject({ variant: variant(z, 'draws over all tenants, every draw picks, even a node worth 0') })),
  create: async (o) => (await import('./dice-lottery.js')).createLotteryDice({ variant: o.variant }),
});

registerPolicy({
  name: 's-dice',
  level: 1,
  family: 'mechanism',
  summary: 'stride Dice: stride L/t_i, the smallest pass picks its best remaining node',
  source: 'Dice README (mhomidi/dice), "S-Dice"; Waldspurger & Weihl 1995; shared/specs/dice.md §3',
  options: lazySchema((z) => z.strictObject({
    passArithmetic: z.enum(['exact', 'float']).default('exact').describe('exact rational passes c_i·L/t_i, or the original\'s floating-point pass += L/t_i'),
    carryPasses: z.boolean().default(true).describe('carry passes across rounds (classic stride scheduling); false resets every pass to 0 each round'),
    rejoin: z.enum(['virtual-time', 'remain']).default('virtual-time').describe('a tenant idle for a round rejoins at max(own pass, smallest active pass) (ours), or with its saved pass − global pass (Waldspurger & Weihl)'),
    strideConstant: z.number().positive().default(2 ** 20).describe('the large constant L of stride_i = L/t_i (matters for float passes only)'),
    skippedPass: z.enum(['advance', 'hold']).default('advance').describe('when the smallest pass belongs to a tenant with nothing of value left: its turn is spent and its pass advances (advance, the README\'s every selected user advances), or it is passed over and its pass stays (hold, Allot ≤ 0.1; locks in with carried passes)'),
    advanceBy: z.enum(['pick', 'value']).default('pick').describe('a pick advances the pass by the stride 1/t_i (pick), or by (v_ij/mean node value)/t_i so passes track the PROP ratio (value, ours, heterogeneity-aware; float passes)'),
    variant: variant(z, '= turns: original'),
    turns: z.enum(['stride', 'original']).default('stride').describe('stride passes (stride), or the authors\' code: a turn list with tenant i t_i times in a row and a cursor carried across rounds, every turn picks (original)'),
  })),
  create: async (o) => (await import('./dice-stride.js')).createStrideDice({ passArithmetic: o.passArithmetic, carryPasses: o.carryPasses, rejoin: o.rejoin, L: o.strideConstant, skippedPass: o.skippedPass, advanceBy: o.advanceBy, turns: o.variant === 'original' ? 'original' : o.turns }),
});

registerPolicy({
  name: 'm-dice',
  level: 1,
  family: 'mechanism',
  summary: 'market Dice: competitive equilibrium of the linear Fisher market (Eisenberg–Gale), realised as nodes',
  source: 'Dice README (mhomidi/dice), "M-Dice"; Eisenberg & Gale 1959; Gandhi et al. J.ACM 2006; Budish et al. AER 2013; shared/specs/dice.md §4',
  options: lazySchema((z) => z.strictObject({
    realisation: z.enum([...REALISATIONS, 'deficit']).default('lottery').describe('how the fractional allocation becomes nodes each round: dependent-rounding lottery, Birkhoff–von Neumann lottery, time-sharing within the round (dice.md §4), one independent draw per node with p = x_·j (the original code, §9), or deficit: across rounds with carried per-tenant per-node-type deficits (the quota method of Balinski & Young; ours), so no entitled tenant waits long'),
    epsilon: z.number().positive().max(0.1).default(1e-6).describe('relative tolerance of the competitive-equilibrium certificate'),
    method: z.enum(['auto', 'proportional-response', 'barrier']).default('auto').describe('market solver: proportional response with exact completion, switching to the interior-point solver when it stalls (auto), or one of the two alone'),
    maxIter: z.number().int().positive().optional().describe('proportional-response iteration limit (default 50 under auto, 10,000 alone)'),
    polishEvery: z.number().int().positive().default(25).describe('try the exact completion step every this many proportional-response iterations'),
    variant: variant(z, 'the same equilibrium — normalising utilities by their maximum does not change it — realised by one independent draw per node'),
  })),
  create: async (o) => (await import('./dice-market.js')).createMarketDice({ ...o, realisation: o.variant === 'original' ? 'independent' : o.realisation }),
});

registerPolicy({
  name: 'static-share',
  level: 1,
  family: 'mechanism',
  summary: 'static proportional share: Hamilton quotas of m·t_i/T fixed once; not work-conserving',
  source: 'baseline; shared/specs/dice.md §6.1',
  options: none,
  create: async () => (await import('./static-share.js')).createStaticShare(),
});

registerPolicy({
  name: 'round-robin',
  level: 1,
  family: 'mechanism',
  summary: 'round-robin picking order 0..n−1, the first picker rotating each round; tokens ignored',
  source: 'baseline; shared/specs/dice.md §6.2',
  options: none,
  create: async () => (await import('./round-robin.js')).createRoundRobin(),
});

registerPolicy({
  name: 'max-min',
  level: 1,
  family: 'mechanism',
  summary: 'token-weighted max-min fairness on normalised utility u_i(X_i)/u_i(M)',
  source: 'baseline; shared/specs/dice.md §6.3',
  options: lazySchema((z) => z.strictObject({
    maxMinOn: z.enum(['utility', 'nodes']).default('utility').describe('water-fill normalised utility, or node counts (the heterogeneity-agnostic variant)'),
  })),
  create: async (o) => (await import('./max-min.js')).createMaxMin(o),
});

registerPolicy({
  name: 'drf',
  level: 1,
  family: 'mechanism',
  summary: 'weighted Dominant Resource Fairness over accelerator types, demands from the workload',
  source: 'Ghodsi et al., NSDI\'11 §4; shared/specs/dice.md §6.4',
  options: none,
  create: async () => (await import('./drf.js')).createDrf(),
});

registerPolicy({
  name: 'hetero-max-min',
  level: 1,
  family: 'mechanism',
  summary: 'Gavel-style heterogeneity-aware max-min of u_i(x)/u_i(x^eq) per token (LP)',
  source: 'Narayanan et al., OSDI\'20 §4.1; shared/specs/dice.md §6.5',
  options: lazySchema((z) => z.strictObject({
    realisation: realisation(z),
    waterFilling: z.boolean().default(false).describe('maximise lexicographically (Gavel\'s water-filling) instead of max-min then total normalised utility'),
  })),
  needs: ['lp-solver'],
  create: async (o, ctx) => (await import('./hetero-max-min.js')).createHeteroMaxMin(ctx.lpSolver!, o),
});

registerPolicy({
  name: 'ss',
  level: 1,
  family: 'mechanism',
  summary: 'per-node stride scheduling (Gandiva_fair-style): on each node the valuing tenant with the smallest pass wins',
  source: 'Chaudhary et al., EuroSys\'20 (Gandiva_fair); the Dice authors\' baseline, mhomidi/threashold-util-sim @ 344a4a7 ss_scheduler.py; shared/specs/dice.md §9',
  options: lazySchema((z) => z.strictObject({ variant: variant(z, 'a node no tenant values goes to a uniformly random tenant') })),
  create: async (o) => (await import('./per-node-stride.js')).createPerNodeStride({ idleNodes: o.variant === 'original' ? 'random' : 'unassigned' }),
});

registerPolicy({
  name: 'tant',
  level: 1,
  family: 'mechanism',
  summary: 'throughput-ratio max-min LP: maximise the smallest EWMA(shared)/exclusive throughput ratio, per-node draws',
  source: 'the Dice authors\' baseline, mhomidi/threashold-util-sim @ 344a4a7 tant_scheduler.py (finish-time-fairness style, α = 0.9); shared/specs/dice.md §9',
  options: lazySchema((z) => z.strictObject({
    realisation: z.enum(REALISATIONS).default('independent').describe('how the LP\'s x becomes nodes: one independent draw per node (independent, the original), or as M-Dice (lottery, bvn, timeshare)'),
    alpha: z.number().min(0).lt(1).default(0.9).describe('EWMA weight of the past in the shared throughput (the original\'s FTF_ALPHA)'),
    variant: z.enum(['paper', 'original']).default('paper').describe('paper: the past term is the EWMA of total shared throughput; original: the original code\'s broadcast quirk, the EWMA on the tenant\'s least-served node (the dice-original kind\'s default)'),
  })),
  needs: ['lp-solver'],
  create: async (o, ctx) => (await import('./throughput-ratio-lp.js')).createThroughputRatioLp(ctx.lpSolver!, o),
});
