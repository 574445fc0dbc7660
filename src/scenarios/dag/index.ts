/**
 * Scenario kind `dag`: N concurrent DNN services over D helper devices
 * (Multiple-DNN-Scheduling, mdnn.md), comparing every DAG algorithm under
 * every partitioning. One policy per (algorithm, partitioning[, D]).
 *
 * Scenario file (YAML/JSON):
 * ```yaml
 * kind: dag
 * services: 3                  # N; service n runs models[n mod len]
 * helpers: [3, 6]              # D, one value or a sweep
 * models: [AlexNet, GoogLeNet, ResNet-50]   # any zoo model (src/workload/dnn)
 * partitionings: [layer-wise, piece-wise]
 * policies: [heft, cpop, peft, greedy, ga, pso-ga, memetic-pso-ga]   # or {name, label, options}
 * variant: paper               # default variant of every algorithm: or original (mdnn.md §9–10)
 * pieces: 3                    # piece-wise P
 * edgeBytes: exact             # or original (mdnn.md §4)
 * averages: canonical          # or original (mdnn.md §7)
 * requestDevice: exact         # or original: the evaluator's int32 misread (mdnn.md corrections)
 * blocksPerService: 21
 * bandwidthRatio: 1
 * devices: my-devices.json     # optional device file (src/model/device.ts)
 * search: {iterations: 600, particles: 50, patience: 50}   # defaults of the searches' options
 * ```
 * CLI overrides: `--services N`, `--helpers 3,6`.
 *
 * Metrics per policy: makespanSeconds (the algorithm's own schedule),
 * evaluatedMakespanSeconds (its placement and order re-simulated by the
 * shared §8 evaluator — comparable across algorithms), tasks, genes,
 * iterations, evaluations, winner (seeded searches: 'search' or 'heft'); per tenant (= service): completionSeconds (finish
 * of its last piece in the own schedule). Artifacts: `schedule` RowTable
 * (one row per piece) and the `gantt` series (lane = device).
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { allotVersion, sha256, type InputRef } from '../../provenance.js';
import type { MetricValue, PolicyResult, RowTable, RunOutput } from '../../results.js';
import { fieldWhere, type ProgressFn, type RunContext } from '../registry.js';
import { partProgress } from '../../sim/progress.js';
import { dagEstimate } from '../estimates.js';
import { dnnModel, dnnModelNames, hasDnnModel, isProfiledModel } from '../../workload/dnn/index.js';
import { MDNN_CATALOG, parseDeviceFile, type DeviceCatalog } from '../../model/device.js';
import { dataFile } from '../../data/data-dir.js';
import { readInputFile, parseDocumentText } from '../../data/input-files.js';
import { MDNN_PROFILES_FILE } from '../../data/mdnn-profiles.js';
import { checkUniqueLabels, createPolicy, policyDefs, resolvePolicy, type ResolvedPolicy } from '../../policies/index.js';
import { didYouMean } from '../../config/validate.js';
import { planServices, runOnPlan, type Partitioning } from './services.js';
import type { DagConfig } from './schema.js';

/** Checks what the schema cannot: model names. */
function checkModels(sc: DagConfig, ctx: RunContext): void {
  sc.models.forEach((m, i) => {
    if (!hasDnnModel(m)) throw new InputError(`unknown model "${m}"${didYouMean(m, dnnModelNames())} (known: ${dnnModelNames().join(', ')})`, fieldWhere(ctx, ['models', i]));
  });
}

function loadCatalog(sc: DagConfig, inputs: InputRef[], ctx: RunContext): DeviceCatalog {
  let catalog = MDNN_CATALOG;
  if (sc.devices) {
    const text = readInputFile(sc.devices, 'device file');
    catalog = parseDeviceFile(parseDocumentText(text, sc.devices), sc.devices);
    inputs.push({ path: sc.devices, sha256: sha256(text) });
  }
  void ctx;
  if (sc.bandwidthRatio !== 1) catalog = { ...catalog, network: { ...catalog.network, bandwidthRatio: sc.bandwidthRatio } };
  return catalog;
}

/** One policy of the scenario: an algorithm (resolved) on a partitioning with D helpers. */
interface DagJob {
  D: number;
  part: Partitioning;
  policy: ResolvedPolicy<'dag-algorithm'>;
  name: string;
}

/**
 * The (algorithm, partitioning, D) cases of a scenario. `policies` entries are
 * algorithm specs; an entry `algo/partitioning[/D=n]` (a result name) keeps
 * only that case.
 */
function dagJobs(sc: DagConfig, ctx: RunContext): DagJob[] {
  const defaults = { variant: sc.variant, iterations: sc.search.iterations, particles: sc.search.particles, patience: sc.search.patience, generations: sc.search.iterations, population: sc.search.particles };
  const specs = sc.policies ?? policyDefs({ family: 'dag-algorithm' }).map((d) => d.name);
  const entries = specs.map((p, i) => {
    const where = fieldWhere(ctx, sc.policies ? ['policies', i] : ['policies']);
    let filter: string | undefined;
    let spec = p;
    if (typeof p === 'string' && /^[^(]*\//.test(p)) {
      const cut = p.indexOf('/');
      spec = p.slice(0, cut);
      filter = p.slice(cut + 1);
    }
    return { policy: resolvePolicy('dag-algorithm', spec, where, defaults), filter, where };
  });
  const jobs: DagJob[] = [];
  for (const D of sc.helpers) {
    for (const part of sc.partitionings) {
      for (const e of entries) {
        const suffix = `${part}${sc.helpers.length > 1 ? `/D=${D}` : ''}`;
        if (e.filter !== undefined && e.filter !== suffix && e.filter !== part) continue;
        jobs.push({ D, part, policy: e.policy, name: `${e.policy.label}/${suffix}` });
      }
    }
  }
  for (const e of entries) {
    if (e.filter !== undefined && !jobs.some((j) => j.policy === e.policy)) throw new InputError(`no case matches "${e.policy.label}/${e.filter}" (names look like "heft/piece-wise${sc.helpers.length > 1 ? '/D=3' : ''}")`, e.where);
  }
  checkUniqueLabels(jobs.map((j) => j.name), fieldWhere(ctx, ['policies']));
  return jobs;
}

/** Runs the cases of a checked scenario. */
async function runDagJobs(sc: DagConfig, jobs: readonly DagJob[], inputs: InputRef[], catalog: DeviceCatalog, ctx: RunContext, onProgress?: ProgressFn): Promise<RunOutput> {
  const models = sc.models.map((m) => dnnModel(m));
  const policies: PolicyResult[] = [];
  const scheduleRows: RowTable['rows'] = [];
  const gantt: Record<string, MetricValue>[] = [];
  const plans = new Map<string, ReturnType<typeof planServices>>();
  for (const [i, job] of jobs.entries()) {
    const part = partProgress(onProgress, i, jobs.length, job.name);
    const key = `${job.D}/${job.part}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planServices({
        models,
        services: sc.services,
        helpers: job.D,
        partitioning: job.part,
        pieces: sc.pieces,
        edgeBytes: sc.edgeBytes,
        averages: sc.averages,
        requestDevice: sc.requestDevice,
        blocksPerService: sc.blocksPerService,
        coarsening: sc.variant === 'original' ? 'original' : 'canonical',
        catalog,
      });
      plans.set(key, plan);
    }
    const r = runOnPlan(plan, await createPolicy(job.policy), { seed: ctx.seed, onIteration: part && ((d, m) => part(d, m, `iteration ${d}/${m}`)) });
    const s = r.schedule;
    const prob = plan.problem;
    const completion = new Array<number>(sc.services).fill(0);
    for (let t = 0; t < prob.n; t++) {
      const n = plan.serviceOf[t];
      if (s.finish[t] > completion[n]) completion[n] = s.finish[t];
      const tenant = `s${n}:${plan.graphs[n].model.name}`;
      const piece = plan.graphs[n].pieces[plan.pieceOf[t]].name;
      const device = prob.procIds[s.proc[t]];
      scheduleRows.push([job.name, job.D, job.part, job.policy.def.name, tenant, piece, device, s.start[t], s.finish[t]]);
      gantt.push({ policy: job.name, lane: device, start: s.start[t], end: s.finish[t], tenant, label: piece });
    }
    policies.push({
      name: job.name,
      algorithm: r.algorithm,
      partitioning: job.part,
      helpers: job.D,
      makespanSeconds: s.makespan,
      evaluatedMakespanSeconds: r.evaluatedMakespan,
      tasks: prob.n,
      genes: plan.space.genes,
      iterations: r.iterations ?? null,
      evaluations: r.evaluations ?? null,
      winner: r.winner ?? null,
      tenants: completion.map((c, n) => ({ id: `s${n}:${plan.graphs[n].model.name}`, completionSeconds: c, pieces: plan.graphs[n].pieces.length })),
    });
  }
  onProgress?.(jobs.length, jobs.length, 'done');
  return {
    results: {
      allotVersion,
      scenario: sc.name ?? (ctx.source && !ctx.source.path.startsWith('builtin:') ? ctx.source.path : 'dag'),
      kind: 'dag',
      seed: ctx.seed,
      inputs,
      parameters: {
        services: sc.services,
        helpers: sc.helpers.join(','),
        models: sc.models.join(','),
        variant: sc.variant,
        pieces: sc.pieces,
        edgeBytes: sc.edgeBytes,
        averages: sc.averages,
        requestDevice: sc.requestDevice,
        bandwidthRatio: sc.bandwidthRatio,
      },
      policies,
    },
    artifacts: {
      tables: [{ name: 'schedule', columns: ['policy', 'helpers', 'partitioning', 'algorithm', 'tenant', 'piece', 'device', 'startSeconds', 'finishSeconds'], rows: scheduleRows }],
      series: { gantt },
    },
  };
}

export async function prepare(sc: DagConfig, ctx: RunContext) {
  checkModels(sc, ctx);
  const inputs: InputRef[] = [];
  if (ctx.source && !ctx.source.path.startsWith('builtin:')) inputs.push({ path: ctx.source.path, sha256: sha256(ctx.source.text ?? '') });
  if (sc.models.some(isProfiledModel)) {
    const f = dataFile(MDNN_PROFILES_FILE);
    if (f) inputs.push({ path: MDNN_PROFILES_FILE, sha256: sha256(readFileSync(f)) });
  }
  const catalog = loadCatalog(sc, inputs, ctx);
  const jobs = dagJobs(sc, ctx);
  const models = sc.models.map((m) => dnnModel(m));
  const layers = models.reduce((a, m) => a + m.layers.length, 0) / models.length;
  const tasks = sc.services * layers * (sc.partitionings.includes('piece-wise') ? sc.pieces * 2 : 1);
  const searchEvals = jobs.reduce((a, j) => a + (typeof j.policy.options.particles === 'number' ? (j.policy.options.particles as number) * ((j.policy.options.iterations as number) + 1) : typeof j.policy.options.population === 'number' ? (j.policy.options.population as number) * ((j.policy.options.generations as number) + 1) : j.policy.def.name === 'greedy' ? 200 : 1), 0);
  const procs = Math.max(...sc.helpers) + sc.services + 1;
  return {
    policies: jobs.map((j) => j.name),
    estimate: dagEstimate(jobs.length, tasks, procs, 2 * tasks, searchEvals, ['services', 'helpers', 'pieces', 'search.iterations', 'search.particles']),
    run: (onProgress = ctx.onProgress) => runDagJobs(sc, jobs, inputs, catalog, ctx, onProgress),
    // Workers prepare the run again from the config (small inputs); each case is independent of the others.
    parallel: { payload: { config: sc, seed: ctx.seed, source: ctx.source } satisfies DagPartPayload },
    runIndices: (indices: readonly number[], onProgress?: ProgressFn) => runDagJobs(sc, indices.map((i) => jobs[i]), inputs, catalog, ctx, onProgress),
  };
}

/** What a worker thread gets of a prepared dag run (`runPart`): the validated config, to prepare again. */
interface DagPartPayload {
  config: DagConfig;
  seed: number;
  source?: RunContext['source'];
}

/** Runs the cases at `indices` of a run prepared in another thread (`ScenarioKind.runPart`, registered in kind.ts). */
export async function runPart(value: unknown, indices: readonly number[], onProgress?: ProgressFn): Promise<RunOutput> {
  const p = value as DagPartPayload;
  return (await prepare(p.config, { seed: p.seed, source: p.source })).runIndices(indices, onProgress);
}
