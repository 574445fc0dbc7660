/**
 * Runs mechanisms on the original Dice system (src/serving/queue-system.ts)
 * and computes the original's evaluation (evals/*.py @ 344a4a7): goodput per
 * round (requests served by all agents, mean over rounds), served ÷ arrived,
 * weighted welfare Σ_i (w_i/W)·u_i and the mean of u_i/(w_i/w_min) per round,
 * node utilisation (nodes that served ≥ 1 request), per agent and per weight
 * class throughput, and per agent the sharing-incentive ratio φ_i = served ÷
 * exclusive throughput (evals/generate-si.py; its CDF over agents is the
 * original's SI plot), and the long-run envy matrix (evals/gen-ef.py, see
 * `longRunEnvy`). Common random numbers: every policy sees the same
 * arrival and service draws.
 *
 * Chart series (drawn by the report, src/report/charts.ts):
 * `averageThroughput` {policy, round, averageThroughput} (requests served by
 * all agents per round, mean over rounds 0..round), `classThroughput`
 * {policy, weightClass, weight, servedPerRound} (mean per agent of the
 * class), `envyMatrix` {policy, agent, other, envyPercent} and
 * `sharingIncentive` {policy, agent, phi, cdf}.
 */
import { allotVersion, type InputRef } from '../../provenance.js';
import type { MetricValue, RunOutput, TenantResult } from '../../results.js';
import { simulateQueueSystem, type QueueSystem } from '../../serving/queue-system.js';
import { Rng } from '../../sim/rng.js';
import { createPolicy, type ResolvedPolicy } from '../../policies/index.js';
import type { ProgressFn } from '../registry.js';
import type { DiceOriginalConfig } from './schema.js';

/**
 * The original's long-run envy matrix (evals/gen-ef.py @ 344a4a7, read, not
 * copied): E[i][k] = (w_i/w_k) · U_i(X_k) / U_i(X_i), where U_i(X_k) is what
 * agent i would have served over the run on the nodes agent k held, with i's
 * own queues and service draws (`crossServed`), so E[i][i] = 1 and E[i][k] > 1
 * means i envies k in the weighted sense. The original plots 100·E as a heat
 * map. Row i is null when i served nothing (the original divides by zero).
 */
export function longRunEnvy(crossServed: readonly Float64Array[], weights: readonly number[]): (number[] | null)[] {
  return crossServed.map((row, i) => (row[i] > 0 ? Array.from(row, (u, k) => (weights[i] / weights[k]) * (u / row[i])) : null));
}

export async function runDiceOriginal(
  name: string,
  config: DiceOriginalConfig,
  sys: QueueSystem & { classOf: number[] },
  options: { seed: number; policies: readonly ResolvedPolicy<'mechanism'>[]; inputs: InputRef[]; onProgress?: ProgressFn },
): Promise<RunOutput> {
  const n = sys.weights.length;
  const m = sys.serviceRates.length;
  const R = sys.rounds;
  const W = sys.weights.reduce((a, b) => a + b, 0);
  const wMin = Math.min(...sys.weights);
  const results: RunOutput['results']['policies'] = [];
  const roundRows: (number | string)[][] = [];
  const throughput: { policy: string; round: number; value: number }[] = [];
  const sharing: { policy: string; agent: string; phi: number; cdf: number }[] = [];
  const classRows: { policy: string; weightClass: string; weight: number; servedPerRound: number }[] = [];
  const envyRows: { policy: string; agent: string; other: string; envyRatio: number }[] = [];
  for (const [k, policy] of options.policies.entries()) {
    options.onProgress?.(k, options.policies.length, `simulating ${policy.label}`);
    const mech = await createPolicy(policy);
    const r = simulateQueueSystem(sys, mech, Rng.stream(options.seed, `mechanism/${policy.label}`), (s) => Rng.stream(options.seed, s));
    let served = 0;
    let arrived = 0;
    let dropped = 0;
    let welfare = 0;
    let normalised = 0;
    let busy = 0;
    const perAgent = { served: new Float64Array(n), arrived: new Float64Array(n), held: new Float64Array(n), exclusive: new Float64Array(n) };
    let cumulative = 0;
    for (let t = 0; t < R; t++) {
      let roundServed = 0;
      for (let i = 0; i < n; i++) {
        roundServed += r.served[t][i];
        arrived += r.arrived[t][i];
        dropped += r.dropped[t][i];
        welfare += (sys.weights[i] / W) * r.utility[t][i];
        normalised += r.utility[t][i] / (sys.weights[i] / wMin) / n;
        perAgent.served[i] += r.served[t][i];
        perAgent.arrived[i] += r.arrived[t][i];
        perAgent.held[i] += r.held[t][i];
        perAgent.exclusive[i] += r.exclusive[t][i];
        roundRows.push([policy.label, t, `a${i}`, r.served[t][i], r.arrived[t][i], r.held[t][i]]);
      }
      served += roundServed;
      busy += r.busyNodes[t] / m;
      cumulative += roundServed;
      throughput.push({ policy: policy.label, round: t, value: cumulative / (t + 1) });
    }
    const envy = longRunEnvy(r.crossServed, sys.weights);
    const maxEnvy = envy.map((row, i) => (row && n > 1 ? Math.max(...row.filter((_, k) => k !== i)) : null));
    envy.forEach((row, i) => row?.forEach((e, k) => envyRows.push({ policy: policy.label, agent: `a${i}`, other: `a${k}`, envyRatio: e })));
    const tenants: TenantResult[] = sys.weights.map((w, i) => ({
      id: `a${i}`,
      tokens: w,
      weightClass: sys.classOf[i],
      requestsArrived: perAgent.arrived[i],
      requestsServed: perAgent.served[i],
      servedPerRound: perAgent.served[i] / R,
      servedFraction: perAgent.arrived[i] ? perAgent.served[i] / perAgent.arrived[i] : null,
      meanNodes: perAgent.held[i] / R,
      sharingIncentiveRatio: perAgent.exclusive[i] ? perAgent.served[i] / perAgent.exclusive[i] : null,
      longRunEnvyMax: maxEnvy[i],
    }));
    const classes: Record<string, MetricValue> = {};
    config.classWeights.forEach((w, c) => {
      const ids = sys.classOf.flatMap((k, i) => (k === c ? [i] : []));
      if (!ids.length) return;
      classes[`servedPerRoundClass${c}`] = ids.reduce((a, i) => a + perAgent.served[i], 0) / ids.length / R;
      classRows.push({ policy: policy.label, weightClass: `class ${c} (weight ${w})`, weight: w, servedPerRound: classes[`servedPerRoundClass${c}`] as number });
    });
    const phi = tenants.flatMap((t) => (typeof t.sharingIncentiveRatio === 'number' ? [{ agent: t.id, phi: t.sharingIncentiveRatio }] : [])).sort((a, b) => a.phi - b.phi);
    phi.forEach((v, q) => sharing.push({ policy: policy.label, agent: v.agent, phi: v.phi, cdf: (q + 1) / phi.length }));
    const envied = maxEnvy.filter((e): e is number => e !== null);
    results.push({
      name: policy.label,
      sharingIncentiveMin: phi.length ? phi[0].phi : null,
      longRunEnvyMax: envied.length ? Math.max(...envied) : null,
      goodputPerRound: served / R,
      servedFraction: arrived ? served / arrived : null,
      dropRate: arrived ? dropped / arrived : null,
      weightedWelfarePerRound: welfare / R,
      meanWeightNormalisedUtility: normalised / R,
      utilization: busy / R,
      requestsArrived: arrived,
      requestsServed: served,
      ...classes,
      tenants,
    });
  }
  options.onProgress?.(options.policies.length, options.policies.length, 'done');
  const parameters: Record<string, MetricValue> = {
    agents: n,
    nodes: m,
    load: typeof config.load === 'number' ? `q${config.load + 1}` : config.load,
    deadlines: config.deadlines,
    deadlineRounds: config.deadlineRounds,
    rounds: R,
    loadBalancer: config.loadBalancer,
  };
  return {
    results: { allotVersion, scenario: name, kind: 'dice-original', seed: options.seed, inputs: options.inputs, parameters, policies: results },
    artifacts: {
      tables: [
        { name: 'rounds', columns: ['policy', 'round', 'agent', 'served', 'arrived', 'nodesHeld'], rows: roundRows },
        // the original's plots as data: average throughput vs round, and the sharing-incentive CDF over agents
        { name: 'throughput', columns: ['policy', 'round', 'averageThroughput'], rows: throughput.map((r) => [r.policy, r.round, r.value]) },
        { name: 'sharing-incentive', columns: ['policy', 'agent', 'phi', 'cdf'], rows: sharing.map((r) => [r.policy, r.agent, r.phi, r.cdf]) },
        { name: 'envy', columns: ['policy', 'agent', 'other', 'envyRatio'], rows: envyRows.map((r) => [r.policy, r.agent, r.other, r.envyRatio]) },
      ],
      series: {
        averageThroughput: throughput.map((r) => ({ policy: r.policy, round: r.round, averageThroughput: r.value })),
        classThroughput: classRows,
        envyMatrix: envyRows.map((r) => ({ policy: r.policy, agent: r.agent, other: r.other, envyPercent: 100 * r.envyRatio })),
        sharingIncentive: sharing,
      },
    },
  };
}
