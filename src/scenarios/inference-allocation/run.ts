/**
 * The inference-allocation runner (level 1): every mechanism sees the same
 * arrivals (common random numbers) — Poisson from the embedded MLPerf
 * figures, or a replayed Azure LLM trace — and its own randomness comes from
 * the stream "mechanism/<result name>". Returns the shared results shape,
 * the `requests` and `rounds` tables and the share/Gantt/utilisation series.
 */
import { parseAzureLlmTrace } from '../../data/azure-llm.js';
import { inferenceMetrics } from '../../metrics/inference.js';
import { allotVersion, type InputRef } from '../../provenance.js';
import type { MetricValue, RowTable, RunOutput } from '../../results.js';
import { mergeArrivals, OUTCOME_NAMES, poissonArrivals, simulateInferenceCluster, type ArrivalSet } from '../../serving/cluster-sim.js';
import { Rng } from '../../sim/rng.js';
import { loadLpSolver } from '../../solvers/highs.js';
import type { InferenceScenario } from '../../workload/inference/scenario.js';
import { createPolicy, type ResolvedPolicy } from '../../policies/index.js';
import { partProgress, type ProgressFn } from '../../sim/progress.js';

export interface InferenceRunOptions {
  seed: number;
  /** The mechanisms to compare (resolved; their labels name the results). */
  policies: readonly ResolvedPolicy<'mechanism'>[];
  /** Provenance of the inputs (scenario file, trace). */
  inputs?: InputRef[];
  /** A parsed trace (replaces Poisson arrivals): its text was read by the caller. */
  trace?: { path: string; requests: ReturnType<typeof parseAzureLlmTrace> };
  onProgress?: ProgressFn;
  /** Keep per-request rows for the CSV (default true). */
  requestRows?: boolean;
}

/** Replays an Azure LLM trace: requests go to tenants by a seeded draw ∝ tokens (ours); times ÷ load. */
export function traceArrivals(s: InferenceScenario, reqs: ReturnType<typeof parseAzureLlmTrace>, seed: number): { arrivals: ArrivalSet; horizonRounds: number } {
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

/** Runs every mechanism on the scenario; the library form of `allot run` for this kind. */
export async function runInferenceScenario(s: InferenceScenario, options: InferenceRunOptions): Promise<RunOutput> {
  const policies = options.policies;
  let arrivals: ArrivalSet;
  const inputs = [...(options.inputs ?? [])];
  if (options.trace) {
    const t = traceArrivals(s, options.trace.requests, options.seed);
    arrivals = t.arrivals;
    s = { ...s, rounds: t.horizonRounds };
  } else {
    arrivals = poissonArrivals(s, options.seed, Rng.stream);
  }
  const results: RunOutput['results']['policies'] = [];
  // Per-request rows are built only when read (--out writes requests.csv): the typed arrays of each policy's
  // simulation are kept instead (≈ 21 bytes per request, against ≈ 200 for a row of boxed numbers and strings).
  const requestParts: (() => RowTable['rows'])[] = [];
  const roundRows: RowTable['rows'] = [];
  const series: RunOutput['artifacts']['series'] = { tenantShare: [], gantt: [], utilization: [] };
  const T = s.tenants.reduce((a, t) => a + t.tokens, 0);
  const highs = await loadLpSolver(); // the per-round fPE check
  for (const [k, policy] of policies.entries()) {
    const name = policy.label;
    const part = partProgress(options.onProgress, k, policies.length, name);
    const mech = await createPolicy(policy);
    const sim = simulateInferenceCluster(s, arrivals, mech, Rng.stream(options.seed, `mechanism/${name}`), part && ((r, n) => part(r, n, `round ${r}/${n}`)));
    const pr = inferenceMetrics(name, s, arrivals, sim, highs);
    pr.eventsSimulated = sim.events;
    results.push(pr);
    for (const t of pr.tenants) series.tenantShare.push({ policy: name, tenant: t.id, share: t.nodeShare as number, entitlement: t.tokens! / T });
    for (const rd of sim.rounds) {
      if (rd.start >= sim.horizonSeconds) continue;
      const end = rd.start + s.roundLengthSeconds;
      rd.assignment.forEach((i, j) => {
        if (i !== null) series.gantt.push({ policy: name, lane: s.nodes[j].id, start: rd.start, end, tenant: s.tenants[i].id, label: s.tenants[i].model.name });
      });
      // busy node-time in the round: its time-weighted mean over the horizon is the table's utilization
      series.utilization.push({ policy: name, timeSeconds: rd.start, utilization: sim.busyByRound[rd.round] / (s.nodes.length * s.roundLengthSeconds), resource: 'nodes busy' });
      rd.held.forEach((h, i) => roundRows.push([name, rd.round, rd.start, s.tenants[i].id, h]));
    }
    // closing point: the last round's step ends at the horizon
    if (s.rounds > 0) series.utilization.push({ policy: name, timeSeconds: sim.horizonSeconds, utilization: sim.busyByRound[s.rounds - 1] / (s.nodes.length * s.roundLengthSeconds), resource: 'nodes busy' });
    if (options.requestRows ?? true) {
      const { start, finish, node, outcome } = sim;
      const sc = s;
      requestParts.push(() => {
        const rows: RowTable['rows'] = [];
        for (let q = 0; q < arrivals.arrival.length; q++) {
          const i = arrivals.tenant[q];
          const fin = finish[q];
          rows.push([
            name,
            sc.tenants[i].id,
            sc.tenants[i].model.name,
            arrivals.arrival[q],
            Number.isNaN(start[q]) ? null : start[q],
            Number.isNaN(fin) ? null : fin,
            Number.isNaN(fin) ? null : fin - arrivals.arrival[q],
            sc.deadlines ? arrivals.arrival[q] + sc.tenants[i].model.sloSeconds : null,
            node[q] >= 0 ? sc.nodes[node[q]].id : null,
            OUTCOME_NAMES[outcome[q]],
          ]);
        }
        return rows;
      });
    }
  }
  let requestRows: RowTable['rows'] | undefined;
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
        {
          name: 'requests', columns: ['policy', 'tenant', 'model', 'arrivalSeconds', 'startSeconds', 'finishSeconds', 'latencySeconds', 'deadlineSeconds', 'node', 'outcome'],
          get rows(): RowTable['rows'] {
            return (requestRows ??= requestParts.flatMap((f) => f()));
          },
        },
        { name: 'rounds', columns: ['policy', 'round', 'startSeconds', 'tenant', 'nodesHeld'], rows: roundRows },
      ],
      series,
    },
  };
}
