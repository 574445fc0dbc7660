/**
 * A real-time scenario as data (system, models, tenants, arrivals, engine
 * options), its built-in default, and instantiation into profiles + requests.
 * The zod schema of scenario files lives in src/scenarios/realtime/schema.ts.
 */
import { createHash } from 'node:crypto';
import type { DnnShapeModel } from '../model/dnn.js';
import { dnnModel, dnnModelNames, hasDnnModel, isProfiledModel, mdnnShapeModel } from '../workload/dnn/index.js';
import { Rng } from '../sim/rng.js';
import { profileModel, type ModelProfile } from './cost-model.js';
import { defaultSystem, type SystemSpec } from './system.js';
import { poissonRequests, servicePairs, traceRequests, type InferenceRequest, type RealtimeTenant, type ServicePair, type TraceArrival } from './workload.js';
import type { EngineOptions } from './engine.js';

/**
 * A real-time scenario as data: the multi-accelerator system, the models
 * (zoo models or per-layer profile tables), tenants and their services,
 * arrival span (s), load scale, deadline multiplier k (d = a + k · L_iso),
 * PREMA priority rule, an optional trace, and engine options.
 * `instantiate(scenario, seed)` turns it into profiles and requests.
 */
export interface RealtimeScenario {
  readonly name: string;
  readonly system: SystemSpec;
  /** Models by name: zoo models (as layer shapes), or custom profiles (per-layer table). */
  readonly models: readonly (DnnShapeModel | ModelProfile)[];
  readonly tenants: readonly RealtimeTenant[];
  /** Simulated arrival span (s). */
  readonly durationS: number;
  /** Multiplies every service's rate (1 = as declared). */
  readonly load: number;
  readonly deadlineMultiplier: number;
  readonly premaPriorities: 'slo-tier' | 'uniform';
  /** Replay these arrivals instead of Poisson. */
  readonly trace?: readonly TraceArrival[];
  readonly engine: Partial<EngineOptions>;
  /**
   * Which service gets which SLO target (default "declared"): "shuffled"
   * permutes the declared targets over the services anew for every seed;
   * "shuffled-hard" also sets one service (drawn per seed) to target 1.0.
   * Arrivals are the same as with the declared targets.
   */
  readonly targets?: TargetAssignment;
}

/** How SLO targets are assigned to services: as declared, permuted per seed, or permuted with one service at 1.0. */
export type TargetAssignment = 'declared' | 'shuffled' | 'shuffled-hard';

/**
 * The tenants with their services' SLO targets reassigned for one seed
 * (Fisher–Yates over the services in declaration order, stream
 * `realtime/targets`; "shuffled-hard" then sets one uniformly drawn service
 * to 1.0). "declared" returns the tenants unchanged.
 */
export function assignTargets(tenants: readonly RealtimeTenant[], seed: number, mode: TargetAssignment = 'declared'): readonly RealtimeTenant[] {
  if (mode === 'declared') return tenants;
  const rng = Rng.stream(seed, 'realtime/targets');
  const targets = tenants.flatMap((t) => t.services.map((s) => s.sloTarget));
  for (let i = targets.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [targets[i], targets[k]] = [targets[k], targets[i]];
  }
  if (mode === 'shuffled-hard') targets[rng.int(targets.length)] = 1;
  let n = 0;
  return tenants.map((t) => ({ ...t, services: t.services.map((s) => ({ ...s, sloTarget: targets[n++] })) }));
}

/** An instantiated scenario for one seed: what the engine runs. */
export interface RealtimeInstance {
  readonly scenario: RealtimeScenario;
  readonly seed: number;
  readonly profiles: readonly ModelProfile[];
  readonly pairs: readonly ServicePair[];
  readonly requests: readonly InferenceRequest[];
}

function isProfile(m: DnnShapeModel | ModelProfile): m is ModelProfile {
  return (m as ModelProfile).latencyS !== undefined;
}

/** The name of a scenario model (zoo model or profile table). */
export function modelName(m: DnnShapeModel | ModelProfile): string {
  return isProfile(m) ? m.model : m.name;
}

/**
 * A zoo model as the real-time level uses it: its chain of layer shapes.
 * AlexNet, GoogLeNet and ResNet-50 come from the embedded shapes (no data
 * file needed); the others are built from their architectures. Throws a
 * RangeError naming the known models for an unknown name.
 */
export function realtimeZooModel(name: string): DnnShapeModel {
  if (!hasDnnModel(name)) throw new RangeError(`unknown DNN model "${name}" (known: ${dnnModelNames().join(', ')})`);
  return isProfiledModel(name) ? mdnnShapeModel(name) : dnnModel(name);
}

/** Profiles every model on the scenario's system (custom tables are checked against the sub-accelerator count). */
export function scenarioProfiles(sc: RealtimeScenario): ModelProfile[] {
  const S = sc.system.subAccelerators.length;
  return sc.models.map((m) => {
    if (!isProfile(m)) return profileModel(m, sc.system);
    if (m.latencyS.some((row) => row.length !== S)) throw new RangeError(`profile of ${m.model}: every layer needs one latency per sub-accelerator (${S})`);
    return m;
  });
}

/** Profiles, service pairs (targets assigned per `targets`) and requests for a seed (Poisson per pair from `realtime/arrivals/<tenant>/<model>`, or the trace). */
export function instantiate(sc: RealtimeScenario, seed: number, profiles: readonly ModelProfile[] = scenarioProfiles(sc)): RealtimeInstance {
  const names = sc.models.map(modelName);
  const tenants = assignTargets(sc.tenants, seed, sc.targets);
  const pairs = servicePairs(tenants, names);
  const opt = { durationS: sc.durationS, deadlineMultiplier: sc.deadlineMultiplier, premaPriorities: sc.premaPriorities };
  const scaled = tenants.map((t) => ({ ...t, services: t.services.map((s) => ({ ...s, rateRps: s.rateRps * sc.load })) }));
  const requests = sc.trace ? traceRequests(seed, sc.trace, pairs, profiles, opt) : poissonRequests(seed, scaled, pairs, profiles, opt);
  return { scenario: sc, seed, profiles, pairs, requests };
}

/**
 * The built-in default scenario ("builtin:realtime"): the default 4-sub-
 * accelerator system, six tenants in three SLO tiers (0.99 / 0.95 / 0.90, as
 * in the issue) over the five zoo models, Poisson arrivals totalling
 * 420 req/s for 10 s, deadlines 10 × L_iso (Dysta), drop when infeasible.
 * Rates are ours, chosen so the system is loaded enough (≈ 0.95 busy under
 * EDF, shared bandwidth often saturated) that schedulers differ. AlexNet,
 * GoogLeNet and ResNet-50 use the embedded layer shapes
 * (src/workload/dnn/mdnn-layer-shapes.ts): no data file is read.
 */
export function defaultRealtimeScenario(): RealtimeScenario {
  const tenants: RealtimeTenant[] = [
    { id: 'gold-a', weight: 1, services: [{ model: 'ResNet-50', rateRps: 70, sloTarget: 0.99 }] },
    { id: 'gold-b', weight: 1, services: [{ model: 'MobileNetV2', rateRps: 105, sloTarget: 0.99 }] },
    { id: 'silver-a', weight: 1, services: [{ model: 'GoogLeNet', rateRps: 52.5, sloTarget: 0.95 }, { model: 'VGG-16', rateRps: 14, sloTarget: 0.95 }] },
    { id: 'silver-b', weight: 1, services: [{ model: 'ResNet-50', rateRps: 52.5, sloTarget: 0.95 }] },
    { id: 'bronze-a', weight: 1, services: [{ model: 'AlexNet', rateRps: 35, sloTarget: 0.9 }, { model: 'VGG-16', rateRps: 14, sloTarget: 0.9 }] },
    { id: 'bronze-b', weight: 1, services: [{ model: 'MobileNetV2', rateRps: 42, sloTarget: 0.9 }, { model: 'GoogLeNet', rateRps: 35, sloTarget: 0.9 }] },
  ];
  return {
    name: 'builtin:realtime',
    system: defaultSystem(),
    models: ['AlexNet', 'GoogLeNet', 'ResNet-50', 'VGG-16', 'MobileNetV2'].map(realtimeZooModel),
    tenants,
    durationS: 10,
    load: 1,
    deadlineMultiplier: 10,
    premaPriorities: 'slo-tier',
    engine: { dropPolicy: 'infeasible', sliWindowS: 1 },
  };
}

/** SHA-256 of the scenario definition (system, models, tenants, parameters) — stored with the weights. */
export function scenarioHash(sc: RealtimeScenario): string {
  const profiles = scenarioProfiles(sc);
  const def = {
    system: sc.system,
    models: sc.models.map(modelName),
    profiles: profiles.map((p) => p.latencyS),
    tenants: sc.tenants,
    load: sc.load,
    deadlineMultiplier: sc.deadlineMultiplier,
    engine: sc.engine,
  };
  return createHash('sha256').update(JSON.stringify(def)).digest('hex');
}
