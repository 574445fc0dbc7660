/**
 * Level 2 in the policy registry: job orders and allocation modes of the
 * round-based GPU training simulator (composed as `order+mode`, Synergy's
 * naming), and the policies of the hybrid CPU/GPU (AlloX) simulator.
 * Metadata and option schemas only; factories import lazily.
 * Specs: shared/specs/synergy.md, shared/specs/allox.md.
 */
import { lazySchema } from '../config/lazy-schema.js';
import { registerPolicy } from '../policies/registry.js';

const none = lazySchema((z) => z.strictObject({}));
const synergySpec = 'Mohan et al., OSDI\'22 (Synergy); shared/specs/synergy.md §5; msr-fiddle/synergy';

// ── job orders (the part before "+") ─────────────────────────────────────────

registerPolicy({
  name: 'fifo',
  level: 2,
  family: 'job-order',
  summary: 'first in, first out by arrival; no starvation guard',
  source: synergySpec,
  options: none,
  create: async () => (await import('./fifo.js')).fifoPolicy,
});

registerPolicy({
  name: 'srtf',
  level: 2,
  family: 'job-order',
  summary: 'shortest remaining time first, at the speed the allocation mode aims for',
  source: synergySpec,
  options: none,
  aliases: [{ name: 'srpt', options: {} }],
  create: async () => (await import('./srtf.js')).srtfPolicy,
});

registerPolicy({
  name: 'srsf',
  level: 2,
  family: 'job-order',
  summary: 'shortest remaining service first: remaining time × GPUs',
  source: 'Gu et al., NSDI\'19 (Tiresias); msr-fiddle/synergy',
  options: none,
  create: async () => (await import('./srsf.js')).srsfPolicy,
});

registerPolicy({
  name: 'las',
  level: 2,
  family: 'job-order',
  summary: 'least attained service: attained seconds × GPUs',
  source: `Gu et al., NSDI'19 (Tiresias); ${synergySpec}`,
  options: lazySchema((z) => z.strictObject({
    preselectByGpu: z.boolean().default(false).describe('the original\'s GPU pre-selection: pick the jobs that fit by GPUs first, then allocate CPU/memory'),
  })),
  aliases: [{ name: 'las-preselect', options: { preselectByGpu: true } }],
  create: async (o) => {
    const m = await import('./las.js');
    return o.preselectByGpu ? m.lasPreselectPolicy : m.lasPolicy;
  },
});

registerPolicy({
  name: 'ftf',
  level: 2,
  family: 'job-order',
  summary: 'finish-time fairness: largest Themis ρ = T_shared / T_ideal first',
  source: `Mahajan et al., NSDI'20 (Themis); ${synergySpec}`,
  options: lazySchema((z) => z.strictObject({
    rho: z.enum(['themis', 'original']).default('themis').describe('Themis ρ with T_id = work·max(1, N·g/G), largest first; or the original\'s (now − a + remaining)/work, smallest first'),
  })),
  aliases: [{ name: 'ftf-original', options: { rho: 'original' } }],
  create: async (o) => {
    const m = await import('./ftf.js');
    return o.rho === 'original' ? m.ftfOriginalPolicy : m.ftfPolicy;
  },
});

registerPolicy({
  name: 'drf',
  level: 2,
  family: 'job-order',
  summary: 'dominant resource fairness: the tenant with the lowest dominant share places its next job',
  source: `Ghodsi et al., NSDI'11; ${synergySpec}`,
  options: lazySchema((z) => z.strictObject({
    drfLevel: z.enum(['tenant', 'job']).default('tenant').describe('per-tenant progressive filling, or the original\'s job-level key max(g/G, c/C, k/M)'),
  })),
  aliases: [{ name: 'drf-job', options: { drfLevel: 'job' } }],
  create: async (o) => {
    const m = await import('./drf.js');
    return o.drfLevel === 'job' ? m.drfJobPolicy : m.drfPolicy;
  },
});

registerPolicy({
  name: 'tetris',
  level: 2,
  family: 'job-order',
  summary: 'multi-resource packing: alignment + ε·remaining-work score, with a fairness knob',
  source: `Grandl et al., SIGCOMM'14 §3; ${synergySpec}`,
  options: lazySchema((z) => z.strictObject({
    fairness: z.number().min(0).lt(1).default(0).describe('fairness knob f ∈ [0, 1): only the ⌈(1 − f)·T⌉ tenants furthest below an equal share are considered at each pick'),
    tetrisScore: z.enum(['alignment', 'weightedRemaining']).default('alignment').describe('the paper\'s alignment score, or the original\'s remaining time × Σ_r d_r/cap_r'),
  })),
  aliases: [
    { name: 'tetris-original', options: { tetrisScore: 'weightedRemaining' } },
    { name: /^tetris-f(0(?:\.\d+)?)$/, options: (m) => ({ fairness: Number(m[1]) }), display: 'tetris-f<f>' },
  ],
  create: async (o) => {
    const m = await import('./tetris.js');
    if (o.tetrisScore === 'weightedRemaining') return m.tetrisOriginalPolicy;
    return o.fairness === 0 ? m.tetrisPolicy : m.tetrisPolicyWithFairness(o.fairness);
  },
});

registerPolicy({
  name: 'gavel-maxmin',
  level: 2,
  family: 'job-order',
  summary: 'Gavel heterogeneity-aware max-min fairness on effective throughput (LP per change of the job set)',
  source: 'Narayanan et al., OSDI\'20 §3.1, §4 (Gavel)',
  options: lazySchema((z) => z.strictObject({
    heterogeneity: z.enum(['aware', 'agnostic']).default('aware').describe('effective throughputs per accelerator type, or unit throughputs on every usable type (Gavel\'s agnostic variant)'),
  })),
  aliases: [{ name: 'gavel-maxmin-agnostic', options: { heterogeneity: 'agnostic' } }],
  needs: ['lp-solver'],
  create: async (o, ctx) => (await import('./gavel-max-min.js')).gavelMaxMinPolicy(ctx.lpSolver!, o.heterogeneity === 'agnostic'),
});

registerPolicy({
  name: 'gavel-fifo',
  level: 2,
  family: 'job-order',
  summary: 'Gavel\'s fifo: each job gets one accelerator type for life (Gavel\'s random draw, sticky), run by Gavel\'s round mechanism',
  source: 'Narayanan et al., OSDI\'20 (Gavel); stanford-futuredata/gavel@c4fa400 scheduler/policies/fifo.py',
  options: lazySchema((z) => z.strictObject({
    workerType: z.enum(['original', 'random']).default('original').describe('Gavel\'s code: the last type (by name) with free GPUs, the random draw only decides which type leaves the free list when one fills; or the random free type that fits, as its comments describe'),
    allocationResetSeconds: z.number().min(0).finite().default(1920).describe('recompute the allocation at most every S seconds after the job set changes (Gavel\'s simulator: minimum_time_between_allocation_resets = 1920); 0 = at every change'),
  })),
  create: async (o, ctx) => (await import('./gavel-fifo.js')).gavelFifoPolicy(ctx.seed ?? 0, o.workerType, o.allocationResetSeconds),
});

registerPolicy({
  name: 'gavel-ftf',
  level: 2,
  family: 'job-order',
  summary: 'Gavel heterogeneity-aware finish-time fairness (bisection over LP feasibility)',
  source: 'Narayanan et al., OSDI\'20 §3.1 (Gavel), after Mahajan et al., NSDI\'20',
  options: none,
  needs: ['lp-solver'],
  create: async (_o, ctx) => (await import('./gavel-ftf.js')).gavelFtfPolicy(ctx.lpSolver!),
});

// ── allocation modes (the part after "+"; default fair) ─────────────────────

registerPolicy({
  name: 'fair',
  level: 2,
  family: 'allocation-mode',
  summary: 'GPU-proportional CPU cores and memory per GPU (Synergy "proportional")',
  source: 'Mohan et al., OSDI\'22 §3.1; shared/specs/synergy.md §3.1',
  options: none,
  create: async () => (await import('./synergy-proportional.js')).proportionalMode,
});

registerPolicy({
  name: 'greedy',
  level: 2,
  family: 'allocation-mode',
  summary: 'Synergy-Greedy: the best-case CPU/memory demand if it fits, else skip',
  source: 'Mohan et al., OSDI\'22 §3.2; shared/specs/synergy.md §3.2',
  options: none,
  create: async () => (await import('./synergy-greedy.js')).greedyMode,
});

registerPolicy({
  name: 'tune',
  level: 2,
  family: 'allocation-mode',
  summary: 'Synergy-Tune: best case, else fair share, else peer adjustment; never below fair-share speed',
  source: 'Mohan et al., OSDI\'22 §3.3; shared/specs/synergy.md §3.3',
  options: none,
  create: async () => (await import('./synergy-tune.js')).tuneMode,
});

registerPolicy({
  name: 'opt',
  level: 2,
  family: 'allocation-mode',
  summary: 'Synergy-Opt: per-round MILP over the profile grid, then placement ILP (upper bound)',
  source: 'Mohan et al., OSDI\'22 §3.4; shared/specs/synergy.md §3.4',
  options: none,
  needs: ['lp-solver'],
  create: async (_o, ctx) => (await import('./synergy-opt.js')).synergyOptMode(ctx.lpSolver!),
});

/** Whole-name aliases of `order+mode` (the Synergy artifact's names; its default order is FIFO). */
export const TRAINING_NAME_ALIASES: Readonly<Record<string, string>> = {
  'synergy-tune': 'fifo+tune',
  'synergy-greedy': 'fifo+greedy',
  'synergy-opt': 'fifo+opt',
  'synergy-proportional': 'fifo+fair',
};

// ── hybrid CPU/GPU clusters (AlloX) ──────────────────────────────────────────

const alloxSpec = 'Le et al., EuroSys\'20 (AlloX); shared/specs/allox.md';

registerPolicy({
  name: 'allox',
  level: 2,
  family: 'hybrid',
  summary: 'AlloX: min-cost (machine, position) matching of the N_max most-behind users\' jobs, fairness knob α',
  source: `${alloxSpec} §3`,
  options: lazySchema((z) => z.strictObject({
    alpha: z.number().gt(0).max(1).default(0.1).describe('fairness knob α ∈ (0, 1]: the share of users (furthest behind in progress) whose jobs are matched'),
    nMax: z.union([z.number().int().min(1), z.literal('all')]).default(50).describe('jobs per user considered in a matching (N_max); "all" = no limit'),
    alphaDoubling: z.boolean().default(true).describe('double α (up to 1) when no free machine got a job'),
    launchesPerMatching: z.enum(['one', 'allFree']).default('one').describe('start one job per matching (paper), or the head of every free machine\'s plan (faster, not the original)'),
    omegaBusy: z.enum(['runningJob', 'plannedQueue']).default('runningJob').describe('ready time of a busy machine: its running task\'s finish (paper), or IRFsim\'s planned ready time (its start + Σ p̂ of the plan it was given when its job started)'),
    userOrder: z.enum(['ours', 'irfsim']).default('ours').describe('users a matching draws from: those with queued jobs, ties by first queued arrival (ours), or IRFsim\'s list fixed at the start of the instant, stably re-sorted by L'),
  })),
  aliases: [
    { name: 'allox-opt', options: { nMax: 'all' } },
    { name: 'allox-fast', options: { launchesPerMatching: 'allFree' } },
    { name: 'allox-planned', options: { omegaBusy: 'plannedQueue' } },
  ],
  create: async (o) => (await import('./hybrid/allox.js')).alloxPolicy({ ...o, nMax: o.nMax === 'all' ? Infinity : o.nMax }),
});

registerPolicy({
  name: 'drff',
  level: 2,
  family: 'hybrid',
  summary: 'DRF + FIFO: the oldest job of the lowest-share user, always on its GPU configuration; no sampling',
  source: `${alloxSpec} §5.1`,
  options: none,
  create: async () => (await import('./hybrid/drff.js')).drffPolicy,
});

registerPolicy({
  name: 'drfs',
  level: 2,
  family: 'hybrid',
  summary: 'DRF + SJF: the lowest-share user\'s shortest job by min(p̂^c, p̂^g), on its faster reported configuration',
  source: `${alloxSpec} §5.2`,
  options: none,
  create: async () => (await import('./hybrid/drfs.js')).drfsPolicy,
});

registerPolicy({
  name: 'es',
  level: 2,
  family: 'hybrid',
  summary: 'static equal share: each user owns 1/N of every capacity; shortest-on-GPU jobs first, then shortest-on-CPU',
  source: `${alloxSpec} §5.3; IRFsim EqualShareScheduler`,
  options: lazySchema((z) => z.strictObject({
    variant: z.enum(['paper', 'irfsim']).default('paper').describe('paper: jobs only, GPU pass then CPU pass; irfsim: as IRFsim runs it (sample tasks are jobs of the queue, head-of-line stop, GPU pass then CPU pass with the leftover memory)'),
  })),
  create: async (o) => {
    const m = await import('./hybrid/es.js');
    return o.variant === 'irfsim' ? m.esIrfsimPolicy() : m.esPolicy;
  },
});

registerPolicy({
  name: 'drfa',
  level: 2,
  family: 'hybrid',
  summary: 'DRF on interchangeable resources: a GPU counts as β cores (β from the workload)',
  source: `${alloxSpec} §5.4; IRFsim DRFExtScheduler`,
  options: lazySchema((z) => z.strictObject({
    cpuFallback: z.enum(['own', 'irfsim']).default('own').describe('when the shortest-on-GPU job finds no GPU, the shortest-on-CPU job runs on a CPU node for its own time, or (IRFsim) for the shortest-on-GPU job\'s CPU time, booking that job\'s CPU demand in the user\'s share'),
    loop: z.enum(['own', 'irfsim']).default('own').describe('own: users with queued jobs only, a user whose job fits nowhere is passed over; irfsim: as IRFsim\'s DRFExtScheduler, each pick sorts the user\'s queue with its queued sample tasks (by GPU time, then CPU time when no GPU is free), reordering the samples its profiling loop takes next, and the loop ends at the first job that fits nowhere'),
  })),
  create: async (o, ctx) => {
    const m = await import('./hybrid/drfa.js');
    return m.drfaPolicy(m.drfaBeta(ctx.hybridJobs ?? []), { cpuFallback: o.cpuFallback, loop: o.loop });
  },
});

registerPolicy({
  name: 'srpt',
  level: 2,
  family: 'hybrid',
  summary: 'preemptive shortest remaining processing time over (job, device) pairs; no fairness',
  source: `${alloxSpec} §5.5`,
  options: lazySchema((z) => z.strictObject({
    byOriginalReport: z.boolean().default(false).describe('sort by the original reported time instead of the remaining one (IRFsim)'),
  })),
  aliases: [{ name: 'srpt-original', options: { byOriginalReport: true } }],
  create: async (o) => (await import('./hybrid/srpt.js')).srptPolicy(o.byOriginalReport),
});
