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
 * algorithms: [heft, cpop, peft, greedy, ga, pso-ga, memetic-pso-ga]
 * variant: paper               # or original (mdnn.md §9–10)
 * pieces: 3                    # piece-wise P
 * edgeBytes: exact             # or original (mdnn.md §4)
 * averages: canonical          # or original (mdnn.md §7)
 * blocksPerService: 21
 * bandwidthRatio: 1
 * devices: my-devices.json     # optional device file (src/model/device.ts)
 * search: {iterations: 600, particles: 50, patience: 50}   # optional overrides
 * ```
 * CLI overrides: `--services N`, `--helpers 3,6`.
 *
 * Metrics per policy: makespanSeconds (the algorithm's own schedule),
 * evaluatedMakespanSeconds (its placement and order re-simulated by the
 * shared §8 evaluator — comparable across algorithms), tasks, genes,
 * iterations, evaluations; per tenant (= service): completionSeconds (finish
 * of its last piece in the own schedule). Artifacts: `schedule` RowTable
 * (one row per piece) and the `gantt` series (lane = device).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../errors.js';
import { allotVersion, sha256, type InputRef } from '../provenance.js';
import type { MetricValue, PolicyResult, RowTable, RunOutput } from '../results.js';
import { registerScenarioKind, type RunRequest, type ScenarioKind } from './registry.js';
import { dnnModel, dnnModelNames, hasDnnModel, isProfiledModel } from '../workload/dnn/index.js';
import { MDNN_CATALOG, parseDeviceFile, type DeviceCatalog } from '../model/device.js';
import { dataFile } from '../data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../data/mdnn-profiles.js';
import { DAG_ALGORITHMS, type DagAlgorithm } from '../dag/index.js';
import { planServices, runOnPlan, type Partitioning } from './dag-services.js';
import { parseList } from '../cli/common.js';

const oneOrMany = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.array(t).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

const scenarioSchema = z.object({
  kind: z.literal('dag'),
  name: z.string().optional(),
  services: z.number().int().min(1).max(1000).default(3),
  helpers: oneOrMany(z.number().int().min(0).max(1000)).default([3, 6]),
  models: z.array(z.string()).min(1).default(['AlexNet', 'GoogLeNet', 'ResNet-50']),
  partitionings: z.array(z.enum(['layer-wise', 'piece-wise'])).min(1).default(['layer-wise', 'piece-wise']),
  algorithms: z.array(z.enum(DAG_ALGORITHMS)).min(1).default([...DAG_ALGORITHMS]),
  variant: z.enum(['paper', 'original']).default('paper'),
  pieces: z.number().int().min(1).max(64).default(3),
  edgeBytes: z.enum(['exact', 'original']).default('exact'),
  averages: z.enum(['canonical', 'original']).default('canonical'),
  blocksPerService: z.number().int().min(1).default(21),
  bandwidthRatio: z.number().positive().default(1),
  devices: z.string().optional(),
  search: z
    .object({ iterations: z.number().int().min(0).optional(), particles: z.number().int().min(2).optional(), patience: z.number().int().min(1).optional() })
    .strict()
    .default({}),
});

export type DagScenario = z.infer<typeof scenarioSchema>;

/** Validates a scenario document (InputError naming the field). */
export function parseDagScenario(data: unknown, source: string): DagScenario {
  const r = scenarioSchema.safeParse(data);
  if (!r.success) throw inputErrorFromZod(r.error, source);
  r.data.models.forEach((m, i) => {
    if (!hasDnnModel(m)) throw new InputError(`unknown model "${m}" (known: ${dnnModelNames().join(', ')})`, source, `models[${i}]`);
  });
  return r.data;
}

function loadCatalog(sc: DagScenario, scenarioPath: string | undefined, inputs: InputRef[]): DeviceCatalog {
  let catalog = MDNN_CATALOG;
  if (sc.devices) {
    const path = scenarioPath ? resolve(dirname(scenarioPath), sc.devices) : sc.devices;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new InputError('device file not found or unreadable', scenarioPath, 'devices');
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError(`not valid JSON (${(e as Error).message})`, path);
    }
    catalog = parseDeviceFile(data, path);
    inputs.push({ path, sha256: sha256(text) });
  }
  if (sc.bandwidthRatio !== 1) catalog = { ...catalog, network: { ...catalog.network, bandwidthRatio: sc.bandwidthRatio } };
  return catalog;
}

/** Runs a validated scenario. */
export function runDagScenario(sc: DagScenario, options: { seed: number; scenarioPath?: string; scenarioText?: string; policies?: string[]; onProgress?: RunRequest['onProgress'] }): RunOutput {
  const inputs: InputRef[] = [];
  if (options.scenarioPath && options.scenarioText !== undefined) inputs.push({ path: options.scenarioPath, sha256: sha256(options.scenarioText) });
  const models = sc.models.map((m) => dnnModel(m));
  if (sc.models.some(isProfiledModel)) {
    const f = dataFile(MDNN_PROFILES_FILE);
    if (f) inputs.push({ path: MDNN_PROFILES_FILE, sha256: sha256(readFileSync(f)) });
  }
  const catalog = loadCatalog(sc, options.scenarioPath, inputs);
  const want = options.policies;
  const jobs: { D: number; part: Partitioning; algorithm: DagAlgorithm; name: string }[] = [];
  for (const D of sc.helpers) {
    for (const part of sc.partitionings) {
      for (const algorithm of sc.algorithms) {
        const name = `${algorithm}/${part}${sc.helpers.length > 1 ? `/D=${D}` : ''}`;
        if (want && !want.some((w) => w === name || w === algorithm || w === part || name.startsWith(`${w}/`))) continue;
        jobs.push({ D, part, algorithm, name });
      }
    }
  }
  if (jobs.length === 0) throw new InputError(`no policy matches --policies ${want?.join(',')} (names look like "heft/piece-wise${sc.helpers.length > 1 ? '/D=3' : ''}")`, '--policies');
  const policies: PolicyResult[] = [];
  const scheduleRows: RowTable['rows'] = [];
  const gantt: Record<string, MetricValue>[] = [];
  const plans = new Map<string, ReturnType<typeof planServices>>();
  jobs.forEach((job, i) => {
    options.onProgress?.(i, jobs.length, 'dag');
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
        blocksPerService: sc.blocksPerService,
        coarsening: sc.variant === 'original' ? 'original' : 'canonical',
        catalog,
      });
      plans.set(key, plan);
    }
    const r = runOnPlan(plan, job.algorithm, { seed: options.seed, variant: sc.variant, search: sc.search });
    const s = r.schedule;
    const prob = plan.problem;
    const completion = new Array<number>(sc.services).fill(0);
    for (let t = 0; t < prob.n; t++) {
      const n = plan.serviceOf[t];
      if (s.finish[t] > completion[n]) completion[n] = s.finish[t];
      const tenant = `s${n}:${plan.graphs[n].model.name}`;
      const piece = plan.graphs[n].pieces[plan.pieceOf[t]].name;
      const device = prob.procIds[s.proc[t]];
      scheduleRows.push([job.name, job.D, job.part, job.algorithm, tenant, piece, device, s.start[t], s.finish[t]]);
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
      tenants: completion.map((c, n) => ({ id: `s${n}:${plan.graphs[n].model.name}`, completionSeconds: c, pieces: plan.graphs[n].pieces.length })),
    });
  });
  options.onProgress?.(jobs.length, jobs.length, 'dag');
  return {
    results: {
      allotVersion,
      scenario: sc.name ?? options.scenarioPath ?? 'dag',
      kind: 'dag',
      seed: options.seed,
      inputs,
      parameters: {
        services: sc.services,
        helpers: sc.helpers.join(','),
        models: sc.models.join(','),
        variant: sc.variant,
        pieces: sc.pieces,
        edgeBytes: sc.edgeBytes,
        averages: sc.averages,
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

export const dagScenarioKind: ScenarioKind = {
  kind: 'dag',
  summary: 'N DNN services partitioned over D IoT helpers + edge: HEFT/CPOP/PEFT/greedy/GA/PSO-GA × layer-/piece-wise',
  options: [
    { flags: '--services <n>', description: 'number of concurrent DNN services N' },
    { flags: '--helpers <list>', description: 'helper device counts D, e.g. 3,6' },
  ],
  async run(request: RunRequest): Promise<RunOutput> {
    const file = request.scenarioFile;
    const data: Record<string, unknown> = { ...(file?.data ?? { kind: 'dag' }) };
    const ints = (flag: string, v: string) =>
      parseList(flag, v).map((x) => {
        const n = Number(x);
        if (!Number.isInteger(n) || n < 0) throw new InputError(`expected integers ≥ 0, got "${x}"`, flag);
        return n;
      });
    if (typeof request.extra.services === 'string') data.services = ints('--services', request.extra.services)[0];
    if (typeof request.extra.helpers === 'string') data.helpers = ints('--helpers', request.extra.helpers);
    const sc = parseDagScenario(data, file?.path ?? 'scenario');
    return runDagScenario(sc, { seed: request.seed, scenarioPath: file?.path, scenarioText: file?.text, policies: request.policies, onProgress: request.onProgress });
  },
  display: {
    policyColumns: ['makespanSeconds', 'evaluatedMakespanSeconds', 'tasks', 'genes', 'iterations'],
    tenantColumns: ['completionSeconds', 'pieces'],
  },
};

registerScenarioKind(dagScenarioKind);
