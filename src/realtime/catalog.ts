/**
 * Level 3 in the policy registry: the layer-granular request schedulers.
 * Metadata and option schemas only; factories import lazily.
 * Spec: shared/specs/realtime-drl.md §5–6.
 */
import { lazySchema } from '../config/lazy-schema.js';
import { registerPolicy } from '../policies/registry.js';

const dispatchOptions = lazySchema((z) => z.strictObject({
  bandwidthGuard: z.boolean().default(false).describe('skip a placement that would make the bandwidth in use exceed the shared DRAM bandwidth B (the job then waits)'),
}));
const spec = 'shared/specs/realtime-drl.md §5';

registerPolicy({
  name: 'fcfs',
  level: 3,
  family: 'request-scheduler',
  summary: 'first come, first served: by arrival; each next layer on the fastest idle sub-accelerator',
  source: spec,
  options: dispatchOptions,
  create: async (o) => (await import('./fcfs.js')).fcfs(o),
});

registerPolicy({
  name: 'edf',
  level: 3,
  family: 'request-scheduler',
  summary: 'earliest deadline first',
  source: `Liu & Layland, JACM 1973; ${spec}`,
  options: dispatchOptions,
  create: async (o) => (await import('./edf.js')).edf(o),
});

registerPolicy({
  name: 'sjf',
  level: 3,
  family: 'request-scheduler',
  summary: 'shortest job first: smallest remaining optimistic latency',
  source: spec,
  options: dispatchOptions,
  create: async (o) => (await import('./sjf.js')).sjf(o),
});

registerPolicy({
  name: 'least-slack',
  level: 3,
  family: 'request-scheduler',
  summary: 'least slack first: deadline − now − remaining optimistic latency',
  source: spec,
  options: dispatchOptions,
  create: async (o) => (await import('./least-slack.js')).leastSlack(o),
});

registerPolicy({
  name: 'prema',
  level: 3,
  family: 'request-scheduler',
  summary: 'PREMA-style tokens (priority 1/3/9, threshold), shortest remaining among the jobs above it',
  source: `Choi & Rhu, HPCA'20, Algorithm 1; ${spec}`,
  options: dispatchOptions,
  create: async (o) => (await import('./prema.js')).prema(o),
});

registerPolicy({
  name: 'herald',
  level: 3,
  family: 'request-scheduler',
  summary: 'Herald-like: FCFS jobs, each next layer on the sub-accelerator with the earliest finish',
  source: `after Kwon et al., HPCA'21; ${spec}`,
  options: lazySchema((z) => z.strictObject({})),
  create: async () => (await import('./herald.js')).herald(),
});

registerPolicy({
  name: 'slo-edf',
  level: 3,
  family: 'request-scheduler',
  summary: 'SLO-aware EDF: deadlines moved earlier for pairs below their hit-rate target, later above (by ≤ alpha · L_iso)',
  source: 'ours (issue 13 baseline), after EDF; src/realtime/slo-edf.ts',
  options: lazySchema((z) => dispatchOptions.extend({ alpha: z.number().nonnegative().finite().default(2).describe('largest deadline shift in isolated latencies L_iso (0 = EDF)') })),
  create: async (o) => (await import('./slo-edf.js')).sloEdf(o),
});

registerPolicy({
  name: 'drl',
  level: 3,
  family: 'request-scheduler',
  summary: 'deep-RL (PPO) scheduler whose state carries each tenant\'s current and target SLI; needs a trained policy',
  source: 'after Russo, Blanco et al., arXiv 2403.00766 and RELMAS (Blanco et al., DAC\'24); shared/specs/realtime-drl.md §6',
  options: lazySchema((z) => z.strictObject({
    model: z.string().min(1).optional().describe('trained policy: a directory written by allot train, or trained:NAME for one committed with Allot (default: --rl-model, else the committed default)'),
  })),
  aliases: [{ name: 'drl-agnostic', options: {} }],
  needs: ['trained-policy'],
  create: async (o, ctx) => {
    const { drlScheduler } = await import('./drl/drl-scheduler.js');
    const files = o.model ? await import('./drl/policy-file.js') : undefined;
    const p = files && o.model ? files.loadPolicy(files.policyDir(o.model, 'policies')) : ctx.trainedPolicy!;
    return drlScheduler({ weights: p.weights, maxJobs: p.meta.maxJobs, sloAware: p.meta.sloAware, featureSet: p.meta.featureSet ?? 1, subAccelerators: p.meta.subAccelerators, name: p.meta.sloAware ? 'drl' : 'drl-agnostic' });
  },
});
