/**
 * Scenario kind "realtime": layer-granular real-time request scheduling on a
 * multi-tenant multi-accelerator system (src/realtime, issue 5).
 *
 * Select it with a scenario file whose `kind: realtime` (every other field
 * optional: a file with only `kind: realtime` is the built-in default), or
 * without any file with `allot run --scenario builtin:realtime`.
 * Options: `--rl-model DIR` (a policy trained by `allot train`; adds the
 * `drl` scheduler), `--rt-load X` (multiply every arrival rate),
 * `--rt-duration S` (seconds of arrivals).
 * File fields (all optional): name, durationSeconds, load, deadlineMultiplier,
 * dropPolicy (infeasible | atDeadline), cycleSeconds, sliWindowSeconds,
 * premaPriorities (slo-tier | uniform), bandwidthGuard, system {bandwidthGBps,
 * contention (fluid | none), interLayerTransferSeconds, subAccelerators:
 * [{id, dataflow (nvdla | eyeriss | shidiannao), peRows, peCols, clockGHz,
 * portBandwidthGBps, activePowerW}]}, profiles (CSV: model, layer,
 * subAccelerator, latencySeconds, bandwidthGBps[, energyJoules]), tenants
 * [{id, weight, services: [{model, rateRps, sloTarget}]}], trace (CSV:
 * arrivalSeconds, tenant, model), rlModel (directory), policies.
 * Paths are relative to the scenario file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../errors.js';
import { allotVersion } from '../provenance.js';
import type { RunOutput } from '../results.js';
import { parseNumberOption } from '../cli/common.js';
import { hasDnnModel, dnnModel } from '../workload/dnn/index.js';
import { profileFromTable, type ModelProfile } from '../realtime/cost-model.js';
import { defaultRealtimeScenario, instantiate, scenarioHash, type RealtimeScenario } from '../realtime/scenario.js';
import { defaultSystem, type SystemSpec } from '../realtime/system.js';
import type { RealtimeScheduler } from '../realtime/engine.js';
import { HEURISTIC_SCHEDULERS, heuristicScheduler, isHeuristic } from '../realtime/schedulers.js';
import { runExperiment } from '../realtime/experiment.js';
import { drlScheduler } from '../realtime/drl/drl-scheduler.js';
import { loadPolicy } from '../realtime/drl/policy-file.js';
import type { TraceArrival } from '../realtime/workload.js';
import { registerScenarioKind, type RunRequest } from './registry.js';

const pos = z.number().positive();
const subSchema = z.object({
  id: z.string().min(1),
  dataflow: z.enum(['nvdla', 'eyeriss', 'shidiannao']),
  peRows: z.number().int().positive(),
  peCols: z.number().int().positive(),
  clockGHz: pos.default(1),
  portBandwidthGBps: pos.default(25.6),
  activePowerW: z.number().nonnegative().optional(),
}).strict();
const fileSchema = z.object({
  kind: z.literal('realtime'),
  name: z.string().optional(),
  durationSeconds: pos.optional(),
  load: pos.optional(),
  deadlineMultiplier: pos.optional(),
  dropPolicy: z.enum(['infeasible', 'atDeadline']).optional(),
  cycleSeconds: pos.optional(),
  sliWindowSeconds: pos.optional(),
  premaPriorities: z.enum(['slo-tier', 'uniform']).optional(),
  bandwidthGuard: z.boolean().optional(),
  system: z.object({
    bandwidthGBps: pos,
    contention: z.enum(['fluid', 'none']).default('fluid'),
    interLayerTransferSeconds: z.number().nonnegative().default(0),
    subAccelerators: z.array(subSchema).min(1),
  }).strict().optional(),
  profiles: z.string().optional(),
  tenants: z.array(z.object({
    id: z.string().min(1),
    weight: pos.default(1),
    services: z.array(z.object({ model: z.string().min(1), rateRps: z.number().nonnegative(), sloTarget: z.number().min(0).max(1) }).strict()).min(1),
  }).strict()).min(1).optional(),
  trace: z.string().optional(),
  rlModel: z.string().optional(),
  policies: z.array(z.string()).optional(),
}).strict();
export type RealtimeScenarioFile = z.infer<typeof fileSchema>;

function readCsv(path: string, what: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${what} not found`, path);
  }
  try {
    return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    throw new InputError(`not valid CSV: ${(e as Error).message}`, path);
  }
}

function num(row: Record<string, string>, col: string, path: string, line: number, min = 0): number {
  const v = Number(row[col]);
  if (row[col] === undefined || row[col] === '' || !Number.isFinite(v) || v < min) throw new InputError(`column "${col}": expected a number ≥ ${min}, got "${row[col] ?? ''}"`, path, `line ${line}`);
  return v;
}

/** Reads a per-layer profile table (CSV) into ModelProfiles, one per model, layers in file order. */
export function readProfileTable(path: string, system: SystemSpec): ModelProfile[] {
  const rows = readCsv(path, 'profile table');
  const subIds = system.subAccelerators.map((s) => s.id);
  const models = new Map<string, Map<string, { c: number[]; b: number[]; e: number[] }>>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const sub = subIds.indexOf(row.subAccelerator);
    if (!row.model || !row.layer) throw new InputError('columns "model" and "layer" must be non-empty', path, `line ${line}`);
    if (sub < 0) throw new InputError(`column "subAccelerator": unknown "${row.subAccelerator}" (expected one of ${subIds.join(', ')})`, path, `line ${line}`);
    const layers = models.get(row.model) ?? new Map();
    models.set(row.model, layers);
    const entry = layers.get(row.layer) ?? { c: new Array(subIds.length).fill(NaN), b: new Array(subIds.length).fill(NaN), e: new Array(subIds.length).fill(0) };
    layers.set(row.layer, entry);
    entry.c[sub] = num(row, 'latencySeconds', path, line, Number.MIN_VALUE);
    entry.b[sub] = num(row, 'bandwidthGBps', path, line);
    entry.e[sub] = row.energyJoules === undefined || row.energyJoules === '' ? 0 : num(row, 'energyJoules', path, line);
  });
  return [...models].map(([model, layers]) => {
    const names = [...layers.keys()];
    const missing = names.find((n) => layers.get(n)!.c.some((v) => Number.isNaN(v)));
    if (missing) throw new InputError(`model ${model}, layer ${missing}: needs one row per sub-accelerator (${subIds.join(', ')})`, path);
    return profileFromTable(model, names, names.map((n) => layers.get(n)!.c), names.map((n) => layers.get(n)!.b), names.map((n) => layers.get(n)!.e));
  });
}

function readTrace(path: string): TraceArrival[] {
  return readCsv(path, 'trace').map((row, i) => {
    if (!row.tenant || !row.model) throw new InputError('columns "tenant" and "model" must be non-empty', path, `line ${i + 2}`);
    return { arrivalS: num(row, 'arrivalSeconds', path, i + 2), tenant: row.tenant, model: row.model };
  });
}

/** Builds a scenario from a validated file (defaults from the built-in scenario). */
export function scenarioFromFile(path: string, f: RealtimeScenarioFile): RealtimeScenario {
  const base = defaultRealtimeScenario();
  const dir = dirname(path);
  const system: SystemSpec = f.system
    ? {
        name: 'custom',
        bandwidthGBps: f.system.bandwidthGBps,
        contention: f.system.contention,
        interLayerTransferS: f.system.interLayerTransferSeconds,
        subAccelerators: f.system.subAccelerators.map((s) => ({ id: s.id, dataflow: s.dataflow, peRows: s.peRows, peCols: s.peCols, clockHz: s.clockGHz * 1e9, portBandwidthGBps: s.portBandwidthGBps, activePowerW: s.activePowerW ?? (s.peRows * s.peCols) / 1024 })),
      }
    : defaultSystem();
  if (new Set(system.subAccelerators.map((s) => s.id)).size !== system.subAccelerators.length) throw new InputError('sub-accelerator ids must be unique', path, 'system.subAccelerators');
  const custom = f.profiles ? readProfileTable(resolve(dir, f.profiles), system) : [];
  const tenants = f.tenants ?? base.tenants;
  const used = [...new Set(tenants.flatMap((t) => t.services.map((s) => s.model)))];
  const models = used.map((name, i) => {
    const c = custom.find((p) => p.model === name);
    if (c) return c;
    if (hasDnnModel(name)) return dnnModel(name);
    const where = f.tenants ? `tenants: model "${name}"` : `model "${name}"`;
    throw new InputError(`${where} is neither a zoo model nor in the profile table (zoo: AlexNet, GoogLeNet, ResNet-50, VGG-16, MobileNetV2)`, path, `model #${i + 1}`);
  });
  const ids = tenants.map((t) => t.id);
  if (new Set(ids).size !== ids.length) throw new InputError('tenant ids must be unique', path, 'tenants');
  return {
    name: f.name ?? path,
    system,
    models,
    tenants,
    durationS: f.durationSeconds ?? base.durationS,
    load: f.load ?? 1,
    deadlineMultiplier: f.deadlineMultiplier ?? base.deadlineMultiplier,
    premaPriorities: f.premaPriorities ?? 'slo-tier',
    trace: f.trace ? readTrace(resolve(dir, f.trace)) : undefined,
    engine: { dropPolicy: f.dropPolicy ?? 'infeasible', sliWindowS: f.sliWindowSeconds ?? 1, cycleS: f.cycleSeconds },
  };
}

/** The scenario a request asks for: a realtime file, or `builtin:realtime`. Also returns the file's policy/rlModel hints. */
export function scenarioFromRequest(request: Pick<RunRequest, 'scenarioFile'>): { scenario: RealtimeScenario; file?: RealtimeScenarioFile; bandwidthGuard: boolean } {
  const sf = request.scenarioFile;
  if (!sf || sf.path === 'builtin:realtime') return { scenario: defaultRealtimeScenario(), bandwidthGuard: false };
  const parsed = fileSchema.safeParse(sf.data);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, sf.path);
  try {
    return { scenario: scenarioFromFile(sf.path, parsed.data), file: parsed.data, bandwidthGuard: parsed.data.bandwidthGuard ?? false };
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(e.message, sf.path);
    throw e;
  }
}

/**
 * The trained policy committed with Allot for the built-in scenario
 * (produced by `allot train --scenario builtin:realtime --seed 1`, see README).
 */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../realtime/drl/trained/default', import.meta.url));

/** The committed policy if it was trained on exactly this scenario (SHA-256 of its definition), else undefined. */
function builtinPolicy(scenario: RealtimeScenario): ReturnType<typeof loadPolicy> | undefined {
  if (!existsSync(BUILTIN_POLICY_DIR)) return undefined;
  const p = loadPolicy(BUILTIN_POLICY_DIR);
  return p.meta.training.scenarioSha256 === scenarioHash(scenario) ? p : undefined;
}

async function run(request: RunRequest): Promise<RunOutput> {
  const { scenario: base, file, bandwidthGuard } = scenarioFromRequest(request);
  let scenario = base;
  const load = request.extra.rtLoad;
  const duration = request.extra.rtDuration;
  if (typeof load === 'string') scenario = { ...scenario, load: scenario.load * parseNumberOption('--rt-load', load, Number.MIN_VALUE) };
  if (typeof duration === 'string') scenario = { ...scenario, durationS: parseNumberOption('--rt-duration', duration, Number.MIN_VALUE) };
  const rlDir = typeof request.extra.rlModel === 'string' ? request.extra.rlModel : file?.rlModel ? resolve(dirname(request.scenarioFile!.path), file.rlModel) : undefined;
  // builtin:realtime (without a load/duration change) uses the committed policy unless --rl-model is given.
  const isBuiltin = !request.scenarioFile || request.scenarioFile.path === 'builtin:realtime';
  const policy = rlDir ? loadPolicy(rlDir) : isBuiltin ? builtinPolicy(base) : undefined;
  const policySource = rlDir ?? (policy ? 'builtin' : undefined);
  const names = request.policies ?? file?.policies ?? [...HEURISTIC_SCHEDULERS, ...(policy ? [policy.meta.sloAware ? 'drl' : 'drl-agnostic'] : [])];
  const schedulers: RealtimeScheduler[] = names.map((n) => {
    if (isHeuristic(n)) return heuristicScheduler(n, { bandwidthGuard });
    if (n === 'drl' || n === 'drl-agnostic') {
      if (!policy) throw new InputError(`policy "${n}" needs a trained model: pass --rl-model DIR (written by "allot train")`, '--policies');
      return drlScheduler({ weights: policy.weights, maxJobs: policy.meta.maxJobs, sloAware: policy.meta.sloAware, name: n });
    }
    throw new InputError(`unknown policy "${n}" (expected: ${[...HEURISTIC_SCHEDULERS, 'drl'].join(', ')})`, '--policies');
  });
  let inst;
  try {
    inst = instantiate(scenario, request.seed);
  } catch (e) {
    if (e instanceof RangeError) throw new InputError(e.message, request.scenarioFile?.path ?? scenario.name);
    throw e;
  }
  const exp = runExperiment(inst, schedulers, { onProgress: request.onProgress });
  const fallback = (scenario as { fallback?: boolean }).fallback;
  return {
    results: {
      allotVersion,
      scenario: scenario.name,
      kind: 'realtime',
      seed: request.seed,
      inputs: [],
      parameters: {
        system: scenario.system.name,
        subAccelerators: scenario.system.subAccelerators.length,
        bandwidthGBps: scenario.system.bandwidthGBps,
        models: inst.profiles.map((p) => p.model).join(' '),
        tenants: scenario.tenants.length,
        requests: inst.requests.length,
        durationSeconds: scenario.durationS,
        load: scenario.load,
        deadlineMultiplier: scenario.deadlineMultiplier,
        dropPolicy: scenario.engine.dropPolicy ?? 'infeasible',
        ...(fallback ? { note: 'mdnn profiles missing: AlexNet/GoogLeNet/ResNet-50 services replaced by MobileNetV2 at 3.5x the rate' } : {}),
        ...(policy ? { rlPolicy: `${policySource === 'builtin' ? 'committed policy for builtin:realtime' : policySource} (trained on scenario ${String(policy.meta.training.scenarioSha256 ?? '?').slice(0, 12)})` } : {}),
      },
      policies: exp.policies,
    },
    artifacts: exp.artifacts,
  };
}

registerScenarioKind({
  kind: 'realtime',
  summary: 'layer-granular real-time DNN request scheduling on sub-accelerators (FCFS, EDF, SJF, least slack, PREMA, Herald-like, deep RL); no file: --scenario builtin:realtime',
  options: [
    { flags: '--rl-model <dir>', description: 'trained deep-RL policy directory (from "allot train"); adds the drl scheduler' },
    { flags: '--rt-load <factor>', description: 'multiply every arrival rate by this factor' },
    { flags: '--rt-duration <seconds>', description: 'seconds of arrivals to simulate' },
  ],
  run,
  display: {
    policyColumns: ['deadlineHitRate', 'qosSatisfaction', 'deficitSum', 'maxDeficit', 'jainIndex', 'antt', 'utilization', 'energyJoules'],
    tenantColumns: ['requests', 'hitRate', 'sloTarget', 'sloMet', 'deficit', 'dropped'],
  },
});
