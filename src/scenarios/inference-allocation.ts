/**
 * Scenario kind "inference-allocation" (level 1, the default of `allot run`):
 * compares tenant-allocation mechanisms (L-Dice, S-Dice, M-Dice and the
 * baselines) on an inference workload — Poisson arrivals from embedded
 * MLPerf v4.1 figures, or a replayed Azure LLM trace (`--trace`).
 * Every mechanism sees the same arrivals (common random numbers); its own
 * randomness comes from the stream "mechanism/<name>".
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { isAzureLlmTrace, parseAzureLlmTrace } from '../data/azure-llm.js';
import { createMechanism } from '../mechanisms/registry.js';
import { inferenceMetrics } from '../metrics/inference.js';
import { allotVersion, sha256, type InputRef } from '../provenance.js';
import type { MetricValue, RowTable, RunOutput } from '../results.js';
import { mergeArrivals, OUTCOME_NAMES, poissonArrivals, simulateInferenceCluster, type ArrivalSet } from '../sim/inference/cluster-sim.js';
import { Rng } from '../sim/rng.js';
import { APP_MIX_NAMES, resolveInferenceScenario, type InferenceScenario, type InferenceScenarioFile } from '../workload/inference/scenario.js';
import { parseIntOption, parseNumberOption } from '../cli/common.js';
import { registerScenarioKind, type RunRequest } from './registry.js';

export interface InferenceRunOptions {
  seed: number;
  /** Restrict to these mechanisms (default: the scenario's list). */
  policies?: string[];
  /** Provenance of the inputs (scenario file, trace). */
  inputs?: InputRef[];
  onProgress?: RunRequest['onProgress'];
  /** Keep per-request rows for the CSV (default true). */
  requestRows?: boolean;
}

/** Replays an Azure LLM trace: requests go to tenants by a seeded draw ∝ tokens (ours); times ÷ load. */
export function traceArrivals(s: InferenceScenario, text: string, source: string, seed: number): { arrivals: ArrivalSet; horizonRounds: number } {
  const reqs = parseAzureLlmTrace(text, source);
  const rng = Rng.stream(seed, 'trace/assign');
  const weights = s.tenants.map((t) => t.tokens);
  const times: number[][] = s.tenants.map(() => []);
  const tokens: number[][] = s.tenants.map(() => []);
  for (const r of reqs) {
    const i = rng.weightedIndex(weights);
    times[i].push(r.arrivalSeconds / s.load);
    tokens[i].push(r.generatedTokens);
  }
  const last = reqs[reqs.length - 1].arrivalSeconds / s.load;
  return { arrivals: mergeArrivals(times, tokens), horizonRounds: Math.max(1, Math.ceil((last + 1e-9) / s.roundLengthSeconds)) };
}

/** Runs every mechanism of the scenario; the library form of `allot run` for this kind. */
export async function runInferenceScenario(s: InferenceScenario, options: InferenceRunOptions): Promise<RunOutput> {
  const policies = options.policies ?? s.mechanisms;
  let arrivals: ArrivalSet;
  const inputs = [...(options.inputs ?? [])];
  const tracePath = s.tracePath;
  if (tracePath) {
    let text: string;
    try {
      text = readFileSync(tracePath, 'utf8');
    } catch {
      throw new InputError('trace file not found or unreadable', tracePath);
    }
    const t = traceArrivals(s, text, tracePath, options.seed);
    arrivals = t.arrivals;
    s = { ...s, rounds: t.horizonRounds };
    inputs.push({ path: tracePath, sha256: sha256(text) });
  } else {
    arrivals = poissonArrivals(s, options.seed, Rng.stream);
  }
  const results: RunOutput['results']['policies'] = [];
  const requestRows: RowTable['rows'] = [];
  const roundRows: RowTable['rows'] = [];
  const series: RunOutput['artifacts']['series'] = { tenantShare: [], gantt: [], utilization: [] };
  const T = s.tenants.reduce((a, t) => a + t.tokens, 0);
  for (const [k, name] of policies.entries()) {
    options.onProgress?.(k, policies.length, `simulating ${name}`);
    const mech = await createMechanism(name, { realisation: s.realisation });
    const sim = simulateInferenceCluster(s, arrivals, mech, Rng.stream(options.seed, `mechanism/${name}`));
    const pr = inferenceMetrics(name, s, arrivals, sim);
    pr.eventsSimulated = sim.events;
    results.push(pr);
    for (const t of pr.tenants) series.tenantShare.push({ policy: name, tenant: t.id, share: t.nodeShare as number, entitlement: t.tokens! / T });
    for (const rd of sim.rounds) {
      if (rd.start >= sim.horizonSeconds) continue;
      const end = rd.start + s.roundLengthSeconds;
      rd.assignment.forEach((i, j) => {
        if (i !== null) series.gantt.push({ policy: name, lane: s.nodes[j].id, start: rd.start, end, tenant: s.tenants[i].id, label: s.tenants[i].model.name });
      });
      const heldNodes = rd.held.reduce((a, b) => a + b, 0);
      series.utilization.push({ policy: name, timeSeconds: rd.start, utilization: heldNodes / s.nodes.length, resource: 'nodes allocated' });
      rd.held.forEach((h, i) => roundRows.push([name, rd.round, rd.start, s.tenants[i].id, h]));
    }
    if (options.requestRows ?? true) {
      for (let q = 0; q < arrivals.arrival.length; q++) {
        const i = arrivals.tenant[q];
        const fin = sim.finish[q];
        requestRows.push([
          name,
          s.tenants[i].id,
          s.tenants[i].model.name,
          arrivals.arrival[q],
          Number.isNaN(sim.start[q]) ? null : sim.start[q],
          Number.isNaN(fin) ? null : fin,
          Number.isNaN(fin) ? null : fin - arrivals.arrival[q],
          s.deadlines ? arrivals.arrival[q] + s.tenants[i].model.sloSeconds : null,
          sim.node[q] >= 0 ? s.nodes[sim.node[q]].id : null,
          OUTCOME_NAMES[sim.outcome[q]],
        ]);
      }
    }
  }
  options.onProgress?.(policies.length, policies.length, 'done');
  const parameters: Record<string, MetricValue> = {
    appMix: s.appMix,
    load: s.load,
    deadlines: s.deadlines,
    rounds: s.rounds,
    roundLengthSeconds: s.roundLengthSeconds,
    nodes: s.nodes.length,
    realisation: s.realisation,
  };
  return {
    results: { allotVersion, scenario: s.name, kind: 'inference-allocation', seed: options.seed, inputs, parameters, policies: results },
    artifacts: {
      tables: [
        { name: 'requests', columns: ['policy', 'tenant', 'model', 'arrivalSeconds', 'startSeconds', 'finishSeconds', 'latencySeconds', 'deadlineSeconds', 'node', 'outcome'], rows: requestRows },
        { name: 'rounds', columns: ['policy', 'round', 'startSeconds', 'tenant', 'nodesHeld'], rows: roundRows },
      ],
      series,
    },
  };
}

/** CLI overrides of this kind (validated: each error names the option). */
function overridesFrom(extra: Record<string, unknown>): Partial<InferenceScenarioFile> {
  const o: Partial<InferenceScenarioFile> = {};
  if (typeof extra.mix === 'string') {
    const v = extra.mix;
    if (/^\d$/.test(v)) o.appMix = parseIntOption('--mix', v, 0);
    else if (APP_MIX_NAMES.includes(v)) o.appMix = v;
    else throw new InputError(`expected an application mix name (${APP_MIX_NAMES.join(', ')}) or 0..4, got "${v}"`, '--mix');
    if (typeof o.appMix === 'number' && o.appMix > 4) throw new InputError(`expected 0..4, got ${o.appMix}`, '--mix');
  }
  if (typeof extra.load === 'string') o.load = parseNumberOption('--load', extra.load, Number.MIN_VALUE);
  if (typeof extra.rounds === 'string') o.rounds = parseIntOption('--rounds', extra.rounds, 1);
  if (typeof extra.roundLength === 'string') o.roundLengthSeconds = parseNumberOption('--round-length', extra.roundLength, Number.MIN_VALUE);
  if (typeof extra.deadlines === 'string') {
    if (extra.deadlines !== 'on' && extra.deadlines !== 'off') throw new InputError(`expected "on" or "off", got "${extra.deadlines}"`, '--deadlines');
    o.deadlines = extra.deadlines === 'on';
  }
  if (typeof extra.realisation === 'string') {
    if (!['lottery', 'bvn', 'timeshare'].includes(extra.realisation)) throw new InputError(`expected lottery, bvn or timeshare, got "${extra.realisation}"`, '--realisation');
    o.realisation = extra.realisation as InferenceScenarioFile['realisation'];
  }
  return o;
}

registerScenarioKind({
  kind: 'inference-allocation',
  summary: 'tenant allocation (Dice L/S/M and baselines) on an inference workload; the default',
  isDefault: true,
  options: [
    { flags: '--mix <name|0..4>', description: `application mix: ${APP_MIX_NAMES.map((x, i) => `${i}=${x}`).join(', ')} (default mixed)` },
    { flags: '--load <scale>', description: 'arrival-rate scale (default 0.8: 80% of each tenant\'s token share of capacity; with a trace: time compression)' },
    { flags: '--rounds <n>', description: 'number of allocation rounds (default 20)' },
    { flags: '--round-length <seconds>', description: 'round length in seconds (default 10)' },
    { flags: '--deadlines <on|off>', description: 'requests carry deadlines (the seed\'s dd) or not (wo_dd); default on' },
    { flags: '--realisation <mode>', description: 'm-dice/hetero-max-min: lottery (default), bvn or timeshare' },
  ],
  claimsTrace: (_path, head) => isAzureLlmTrace(head),
  display: {
    policyColumns: ['deadlineHitRate', 'goodputPerSecond', 'p99LatencySeconds', 'utilization', 'jainTokenShares', 'wef1RoundsFraction', 'prop1RoundsFraction'],
    tenantColumns: ['tokens', 'model', 'requestsArrived', 'deadlineHitRate', 'p99LatencySeconds', 'tokenShare', 'nodeShare', 'ef1ViolationRoundsFraction'],
  },
  async run(request: RunRequest): Promise<RunOutput> {
    const overrides = overridesFrom(request.extra);
    const file = request.scenarioFile;
    const inputs: InputRef[] = [];
    let s: InferenceScenario;
    if (file) {
      s = resolveInferenceScenario(file.data, file.path, overrides);
      inputs.push({ path: file.path, sha256: sha256(file.text) });
    } else {
      s = resolveInferenceScenario({}, 'builtin:default', overrides);
      inputs.push({ path: 'builtin:default', sha256: sha256(JSON.stringify(s)) });
    }
    if (request.trace) s = { ...s, tracePath: request.trace, name: `${s.name} + trace ${request.trace.split('/').pop()}` };
    if (request.policies) {
      for (const p of request.policies) if (!s.mechanisms.includes(p)) throw new InputError(`unknown policy "${p}" for this scenario (expected: ${s.mechanisms.join(', ')})`, '--policies');
    }
    return runInferenceScenario(s, { seed: request.seed, policies: request.policies, inputs, onProgress: request.onProgress });
  },
});
