/**
 * Scenario kind "two-level": a level-1 mechanism divides nodes among tenants
 * each round and a level-2 training scheduler places each tenant's jobs on
 * its nodes (`src/two-level/round.ts`, the round function `allot serve`
 * also calls). Every mechanism × scheduler pair is run on one workload.
 */
import { canonicalJson } from '../../config/canonical.js';
import { InputError } from '../../errors.js';
import type { TrainingJob } from '../../model/training.js';
import { finishTimeFairness, summarizeByTenant, summarizeJct, type JctRecord } from '../../metrics/jct.js';
import { allotVersion, sha256 } from '../../provenance.js';
import type { PolicyResult, Results, RowTable, RunOutput } from '../../results.js';
import { Rng } from '../../sim/rng.js';
import { SYNERGY_PROFILES } from '../../workload/training/synergy-profiles.js';
import type { LiveNode } from '../../two-level/round.js';
import { flatSummary, round6 } from '../training/metrics.js';
import { fieldWhere, type RunContext } from '../registry.js';
import type { TwoLevelConfig } from './schema.js';

/** The nodes of a config's node groups: ids `<type>-<k>`, numbered per type in group order. */
export function expandNodes(groups: TwoLevelConfig['nodes']): LiveNode[] {
  const seen = new Map<string, number>();
  const out: LiveNode[] = [];
  for (const g of groups) {
    for (let k = 0; k < g.count; k++) {
      const i = seen.get(g.type) ?? 0;
      seen.set(g.type, i + 1);
      out.push({ id: `${g.type}-${i}`, type: g.type, gpus: g.gpus, cores: g.cores, memoryGb: g.memoryGb });
    }
  }
  return out;
}

/** The workload of a config: its explicit jobs, or per tenant a Poisson stream from `Rng.stream(seed, "two-level/workload/<tenant>")`. */
export function twoLevelJobs(config: TwoLevelConfig, seed: number, where = 'config'): TrainingJob[] {
  const ids = new Set(config.tenants.map((t) => t.id));
  const maxGpus = Math.max(...config.nodes.map((g) => g.gpus));
  if (config.jobs) {
    return config.jobs.map((j, index) => {
      if (!ids.has(j.tenant)) throw new InputError(`jobs[${index}] names tenant "${j.tenant}", which is not in tenants`, `${where}: jobs[${index}].tenant`);
      if (j.model !== undefined && !SYNERGY_PROFILES.some((p) => p.name === j.model)) throw new InputError(`jobs[${index}]: unknown model "${j.model}" (Synergy profiles: ${SYNERGY_PROFILES.map((p) => p.name).join(', ')})`, `${where}: jobs[${index}].model`);
      if (j.gpus > maxGpus) throw new InputError(`jobs[${index}] needs ${j.gpus} GPUs; the largest node has ${maxGpus}`, `${where}: jobs[${index}].gpus`);
      return { index, id: j.id, tenant: j.tenant, arrival: j.arrival, gpus: j.gpus, work: j.work, ...(j.model ? { model: j.model } : {}) };
    });
  }
  const w = config.workload;
  const jobs: TrainingJob[] = [];
  for (const t of config.tenants) {
    const rng = Rng.stream(seed, `two-level/workload/${t.id}`);
    let time = 0;
    for (let k = 0; k < w.jobsPerTenant; k++) {
      time += rng.exponential(1 / w.meanInterarrivalSeconds);
      const gpus = Math.min(maxGpus, w.gpuChoices[rng.int(w.gpuChoices.length)]);
      jobs.push({ index: 0, id: `${t.id}-${k}`, tenant: t.id, arrival: Math.round(time * 1e3) / 1e3, gpus, work: Math.round(rng.exponential(1 / w.meanWorkSeconds)) + 1 });
    }
  }
  jobs.sort((a, b) => a.arrival - b.arrival || (a.id < b.id ? -1 : 1));
  return jobs.map((j, index) => ({ ...j, index }));
}

export async function prepare(config: TwoLevelConfig, ctx: RunContext) {
  const where = ctx.source?.path ?? 'config';
  const { TwoLevelScheduler, checkNodeTypes } = await import('../../two-level/round.js');
  const nodes = expandNodes(config.nodes);
  checkNodeTypes(nodes, `${where}: nodes`);
  const jobs = twoLevelJobs(config, ctx.seed, where);
  const pairs = config.mechanisms.flatMap((mechanism) => config.schedulers.map((scheduler) => ({ mechanism, scheduler })));
  // Resolve every pair now, so a bad name fails before any simulation.
  const labels: string[] = [];
  for (const p of pairs) labels.push((await TwoLevelScheduler.create({ ...p, seed: ctx.seed, roundLengthSeconds: config.roundLengthSeconds }, fieldWhere(ctx, []) || where)).label);
  const inputs = [{ path: ctx.source?.path ?? 'api:scenario', sha256: sha256(ctx.source?.text ?? canonicalJson(config)) }];
  return {
    policies: labels,
    estimate: { memoryBytes: 1e6 + jobs.length * 2000 * pairs.length, seconds: (jobs.length * nodes.length * pairs.length) / 1e5, what: `${jobs.length} jobs × ${nodes.length} nodes × ${pairs.length} policies`, knobs: ['workload.jobsPerTenant', 'nodes'] },
    run: async (onProgress = ctx.onProgress): Promise<RunOutput> => {
      const { simulateTwoLevel } = await import('./simulate.js');
      const policies: PolicyResult[] = [];
      const jobRows: RowTable['rows'] = [];
      const holdRows: RowTable['rows'] = [];
      const totalGpus = nodes.reduce((a, n) => a + n.gpus, 0);
      for (const [k, p] of pairs.entries()) {
        const run = await simulateTwoLevel(config.tenants, nodes, jobs, { ...p, seed: ctx.seed, roundLengthSeconds: config.roundLengthSeconds }, config.maxRounds, where);
        const records: JctRecord[] = run.outcomes.map((o) => ({
          tenant: o.job.tenant, arrival: o.job.arrival, finish: o.finish, queueing: o.firstStart >= 0 ? o.firstStart - o.job.arrival : -1,
          rho: o.finish >= 0 ? finishTimeFairness(o.finish - o.job.arrival, o.job.work, o.job.gpus, o.contendAvg, totalGpus) : NaN,
        }));
        for (const o of run.outcomes) jobRows.push([run.label, o.job.id, o.job.tenant, o.job.arrival, o.job.gpus, o.job.work, o.firstStart, round6(o.finish)]);
        const heldRounds = new Map<string, number>(config.tenants.map((t) => [t.id, 0]));
        for (const d of run.decisions) for (const [node, t] of Object.entries(d.holdings)) {
          if (t !== null) heldRounds.set(t, heldRounds.get(t)! + 1);
          holdRows.push([run.label, d.round, node, t]);
        }
        const totalHeld = [...heldRounds.values()].reduce((a, b) => a + b, 0) || 1;
        const tenants = summarizeByTenant(records).map(({ id, summary }) => {
          const f = flatSummary(summary);
          return { id, tokens: config.tenants.find((t) => t.id === id)?.tokens, jobs: f.jobs, avgJctSeconds: f.avgJctSeconds, p99JctSeconds: f.p99JctSeconds, nodeRoundsShare: round6(heldRounds.get(id)! / totalHeld) };
        });
        policies.push({ name: run.label, ...flatSummary(summarizeJct(records)), makespanSeconds: round6(run.makespan), rounds: run.decisions.length, tenants } as PolicyResult);
        onProgress?.(k + 1, pairs.length, run.label);
      }
      const results: Results = {
        allotVersion, scenario: config.name ?? where, kind: 'two-level', seed: ctx.seed, inputs,
        parameters: { tenants: config.tenants.length, nodes: nodes.length, jobs: jobs.length, roundLengthSeconds: config.roundLengthSeconds },
        policies,
      };
      return {
        results,
        artifacts: {
          tables: [
            { name: 'jobs', columns: ['policy', 'id', 'tenant', 'arrival_s', 'gpus', 'work_s', 'first_start_s', 'finish_s'], rows: jobRows },
            { name: 'holdings', columns: ['policy', 'round', 'node', 'tenant'], rows: holdRows },
          ],
          series: {},
        },
      };
    },
  };
}
