/**
 * Registers the `training` scenario kind (src/scenarios/registry.ts): its name, summary, schema, flags and
 * built-ins only. `prepare` and everything it needs load from ./index.ts when a run starts, so listing
 * kinds (`allot --help`, `allot schema`) does not load trace readers, workload builders or the training engine.
 */
import { resolve } from 'node:path';
import { CLUSTER_PRESETS } from '../../workload/training/cluster.js';
import { HYBRID_PRESETS } from '../../schedulers/hybrid/cluster.js';
import { registerScenarioKind, type FlagDef } from '../registry.js';
import { traceFormat } from './sniff.js';
import { trainingSchema } from './schema.js';

const flags: FlagDef[] = [
  { flags: '--cluster <name|file>', key: 'cluster', description: `cluster preset (${[...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS].join(', ')}) or cluster file (YAML/JSON)` },
  { flags: '--gpus <n>', key: 'gpus', description: 'GPUs of a hybrid preset cluster (default 20)' },
  { flags: '--cpu-nodes <n>', key: 'cpuNodes', description: 'CPU nodes of a hybrid preset cluster (default 20)' },
  { flags: '--jobs-per-hour <λ>', key: 'jobsPerHour', description: 'Poisson arrival rate in jobs/hour (Philly: Synergy-style workload from the trace; allox-synthetic: its rate)' },
  { flags: '--jobs <n>', key: 'jobs', description: 'keep the first N jobs by arrival (Poisson workloads: generate N)' },
  { flags: '--round-length-seconds <s>', key: 'roundLengthSeconds', description: 'round (lease) length in seconds (default 300)' },
  { flags: '--split <i,l,s>', key: 'split', description: 'Synergy model-class split image,language,speech in % (default 20,70,10)' },
  { flags: '--throughputs <file>', key: 'throughputs', description: 'Gavel throughput table for .trace inputs (default: bundled gavel/simulation_throughputs.json)' },
  { flags: '--max-work-seconds <s>', key: 'maxWorkSeconds', description: 'Gavel traces: cap each job at S seconds alone on a V100 (its reference type)' },
  { flags: '--completion-at-round-end', key: 'completionAtRoundEnd', description: 'original Synergy: jobs complete at the end of their last round (default: exact time)' },
  { flags: '--whole-iterations', key: 'wholeIterations', description: 'original Synergy: Synergy-model jobs advance whole iterations per round, ⌊R/τ⌋ (default: exact work-seconds)' },
  { flags: '--preselect-by-gpu', key: 'preselectByGpu', description: 'original Synergy: pre-select GPU-fitting jobs before CPU/memory allocation' },
  { flags: '--starvation-guard <rule>', key: 'starvationGuard', description: 'permanent (default: the original\'s bump for jobs waiting > 1000 h, kept until they finish) or per-round (re-checked every round)' },
  { flags: '--multi-gpu', key: 'multiGpu', description: "with --jobs-per-hour on a Philly trace: Synergy's multi-GPU mode (GPU counts from the trace; default single-GPU)" },
  { flags: '--placement <rule>', key: 'placement', description: 'consolidate (default) or first-fit (Synergy\'s placement: false)' },
  { flags: '--measure-jobs <from:to>', key: 'measureJobs', description: 'JCT metrics over job indices [from, to) only (Synergy measures 4000:5000)' },
  { flags: '--alpha <a>', key: 'alpha', description: 'default AlloX fairness knob α in (0, 1] (default 0.1)' },
  { flags: '--n-max <n>', key: 'nMax', description: 'default AlloX job subset N_max (default 50; "all" = no limit)' },
  { flags: '--load <λ>', key: 'jobsPerHour', description: 'old name of --jobs-per-hour for training runs', deprecatedFor: '--jobs-per-hour' },
  { flags: '--round-length <s>', key: 'roundLengthSeconds', description: 'old name of --round-length-seconds', deprecatedFor: '--round-length-seconds' },
  { flags: '--first-fit', key: 'placement', description: 'old form of --placement first-fit', deprecatedFor: '--placement first-fit', apply: (_v, c) => ({ ...c, placement: 'first-fit' }) },
];

registerScenarioKind({
  kind: 'training',
  level: 2,
  builtins: {
    // The original Synergy's default experiment (msr-fiddle/synergy simulator/runner.py, no trace): 128 GPUs (16 × 8, 24 cores,
    // 500 GB per server), synthetic jobs at 9 jobs/h with the 1/2/4/8 GPU mix, class split 20/70/10, JCT over jobs [4000, 5000)
    // with arrivals until they finish, its runner's policy FIFO+fair, placement off (the runner's default for "+fair").
    synergy: {
      name: 'builtin:synergy',
      workload: { type: 'synergy-synthetic', jobsPerHour: 9 },
      cluster: 'synergy',
      split: [20, 70, 10],
      measureJobs: [4000, 5000],
      placement: 'first-fit',
      policies: ['fifo'],
    },
  },
  summary: 'job scheduling on a training cluster (Philly CSV, Gavel .trace, openb pods, Allot job CSV; FIFO/SRTF/LAS/FTF/DRF/Tetris × Synergy modes, Gavel, AlloX and baselines)',
  schema: trainingSchema,
  flags,
  migrate(data, warn, source) {
    const out = { ...data };
    if (typeof out.placement === 'boolean') {
      const v = out.placement ? 'consolidate' : 'first-fit';
      warn(`${source}: "placement: ${out.placement}" is deprecated; write "placement: ${v}"`);
      out.placement = v;
    }
    if ('seed' in out) {
      warn(`${source}: field "seed" is ignored (it never set the seed); pass --seed N`);
      delete out.seed;
    }
    return out;
  },
  resolvePaths(data, dir) {
    const out = { ...data };
    for (const f of ['trace', 'throughputs'] as const) if (typeof out[f] === 'string') out[f] = resolve(dir, out[f] as string);
    const c = out.cluster;
    if (typeof c === 'string' && ![...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS].includes(c)) out.cluster = resolve(dir, c);
    return out;
  },
  claimsTrace: (path, head) => traceFormat(path, head) !== undefined,
  prepare: async (config, ctx) => (await import('./index.js')).prepare(config, ctx),
  runPart: async (payload, indices, onProgress) => (await import('./index.js')).runPart(payload, indices, onProgress),
});
