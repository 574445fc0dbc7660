/**
 * Real-time workload: tenants with per-model SLO targets (deadline hit-rate
 * targets HR*_{τ,m}), per (tenant, model) Poisson arrivals or a given trace,
 * deadlines d_j = a_j + k · L_iso(m) (shared/specs/realtime-drl.md §2.4, §2.7, §7).
 */
import { Rng } from '../sim/rng.js';
import type { ModelProfile } from './cost-model.js';

/** One (tenant, model) service: its arrival rate and SLO target. */
export interface ServiceSpec {
  /** Model name (must exist in the scenario's model set). */
  readonly model: string;
  /** Poisson arrival rate (requests/s). */
  readonly rateRps: number;
  /** Target deadline hit rate HR* ∈ [0, 1]. */
  readonly sloTarget: number;
}

/**
 * A tenant of the real-time level: its id, its weight w_τ in the DRL reward,
 * and its (model, rate, SLO target) services.
 */
export interface RealtimeTenant {
  readonly id: string;
  /** Weight w_τ in the DRL reward (default 1). */
  readonly weight: number;
  readonly services: readonly ServiceSpec[];
}

/** A (tenant, model) pair: the unit of SLO accounting. */
export interface ServicePair {
  readonly index: number;
  readonly tenant: string;
  readonly tenantIndex: number;
  readonly model: string;
  readonly modelIndex: number;
  readonly sloTarget: number;
  readonly weight: number;
  /** PREMA priority p ∈ {1, 3, 9} (from the SLO tier, or drawn). */
  readonly premaPriority: 1 | 3 | 9;
}

/** An inference request: a chain of layers with a firm deadline. */
export interface InferenceRequest {
  /** Dense id 0..n−1 in arrival order (ties: pair index). */
  readonly id: number;
  readonly pair: number;
  readonly arrivalS: number;
  readonly deadlineS: number;
  /** PREMA priority of this request. */
  readonly premaPriority: 1 | 3 | 9;
}

/** A trace row: (time, tenant, model); the deadline is derived. */
export interface TraceArrival {
  readonly arrivalS: number;
  readonly tenant: string;
  readonly model: string;
}

/** PREMA priority from an SLO tier [ours]: HR* ≥ 0.99 → 9 (high), ≥ 0.95 → 3 (medium), else 1 (low). */
export function premaPriorityForTarget(target: number): 1 | 3 | 9 {
  return target >= 0.99 ? 9 : target >= 0.95 ? 3 : 1;
}

/** Flattens tenants into (tenant, model) pairs, checking every model has a profile. Throws RangeError on an unknown model. */
export function servicePairs(tenants: readonly RealtimeTenant[], models: readonly string[]): ServicePair[] {
  const pairs: ServicePair[] = [];
  tenants.forEach((t, ti) =>
    t.services.forEach((s) => {
      const mi = models.indexOf(s.model);
      if (mi < 0) throw new RangeError(`tenant ${t.id}: unknown model "${s.model}" (known: ${models.join(', ')})`);
      pairs.push({ index: pairs.length, tenant: t.id, tenantIndex: ti, model: s.model, modelIndex: mi, sloTarget: s.sloTarget, weight: t.weight, premaPriority: premaPriorityForTarget(s.sloTarget) });
    }),
  );
  return pairs;
}

/**
 * Options of the Poisson arrival generator: span of arrivals (s), deadline
 * multiplier k, and how PREMA priorities are set.
 */
export interface ArrivalOptions {
  /** Simulated span of arrivals (s). */
  durationS: number;
  /** Deadline multiplier k (default 10, after the Dysta scripts). */
  deadlineMultiplier: number;
  /** "slo-tier" (default): p_j from the pair's target; "uniform": drawn from {1, 3, 9} (PREMA paper). */
  premaPriorities?: 'slo-tier' | 'uniform';
}

function finalize(raw: { pair: number; arrivalS: number }[], pairs: readonly ServicePair[], profiles: readonly ModelProfile[], opt: ArrivalOptions, rng: Rng): InferenceRequest[] {
  raw.sort((a, b) => a.arrivalS - b.arrivalS || a.pair - b.pair);
  return raw.map((r, id) => {
    const p = pairs[r.pair];
    const prio = opt.premaPriorities === 'uniform' ? ([1, 3, 9] as const)[rng.int(3)] : p.premaPriority;
    return { id, pair: r.pair, arrivalS: r.arrivalS, deadlineS: r.arrivalS + opt.deadlineMultiplier * profiles[p.modelIndex].isolatedLatencyS, premaPriority: prio };
  });
}

/** Poisson arrivals per (tenant, model) pair, each from its own stream `realtime/arrivals/<tenant>/<model>`. */
export function poissonRequests(seed: number, tenants: readonly RealtimeTenant[], pairs: readonly ServicePair[], profiles: readonly ModelProfile[], opt: ArrivalOptions): InferenceRequest[] {
  const raw: { pair: number; arrivalS: number }[] = [];
  for (const p of pairs) {
    const rate = tenants[p.tenantIndex].services.find((s) => s.model === p.model)!.rateRps;
    if (!(rate > 0)) continue;
    const rng = Rng.stream(seed, `realtime/arrivals/${p.tenant}/${p.model}`);
    for (let t = rng.exponential(rate); t < opt.durationS; t += rng.exponential(rate)) raw.push({ pair: p.index, arrivalS: t });
  }
  return finalize(raw, pairs, profiles, opt, Rng.stream(seed, 'realtime/prema-priorities'));
}

/** Requests from a trace. Throws RangeError naming the row when a (tenant, model) pair is not declared. */
export function traceRequests(seed: number, trace: readonly TraceArrival[], pairs: readonly ServicePair[], profiles: readonly ModelProfile[], opt: ArrivalOptions): InferenceRequest[] {
  const raw = trace.map((row, i) => {
    const p = pairs.find((q) => q.tenant === row.tenant && q.model === row.model);
    if (!p) throw new RangeError(`trace row ${i + 1}: no service (tenant ${row.tenant}, model ${row.model}) declared`);
    return { pair: p.index, arrivalS: row.arrivalS };
  });
  return finalize(raw, pairs, profiles, opt, Rng.stream(seed, 'realtime/prema-priorities'));
}
