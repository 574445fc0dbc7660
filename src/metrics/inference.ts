/**
 * Per-tenant and system metrics of one inference-allocation run
 * (shared/specs/dice.md §8; issue 2 "Metrics"): requests arrived/served,
 * deadline hit rate, goodput, p50/p99 latency, nodes received vs token share,
 * envy and EF1 / weighted-EF1 / PROP1 violations per round, the longest
 * run of rounds in which a tenant with work held no node; system
 * utilisation, goodput, Jain's index of token-normalised shares and of PROP
 * ratios. Units are in the metric names (seconds, per second).
 *
 * Naming rule for fairness fields: `<property>HeldRoundsFraction` on the
 * policy (fraction of rounds in which the property held for every tenant)
 * and `<property>ViolatedRoundsFraction` on a tenant (fraction of rounds in
 * which it failed for that tenant). The ex-ante fields (`exAnte…`, `fpe…`)
 * check the round's fractional allocation or lottery marginals — M-Dice's x,
 * L-Dice's exact draw marginals — and are null for a policy that has none.
 * Older names are upgraded by `upgradeMetricKeys` (src/metrics/catalog.ts).
 */
import { quantileSorted } from './quantile.js';
import type { PolicyResult, TenantResult } from '../results.js';
import { OUTCOME, type ArrivalSet, type SimulationResult } from '../serving/cluster-sim.js';
import type { InferenceScenario } from '../workload/inference/scenario.js';
import type { LpSolver } from '../solvers/highs.js';
import { exAnteFairness, jainIndex, roundFairness } from './fairness.js';

function pct(sorted: Float64Array, p: number): number | null {
  return sorted.length === 0 ? null : quantileSorted(sorted, p);
}

/** Metrics of one policy's run; `highs` (optional) enables the per-round fPE check. */
export function inferenceMetrics(name: string, s: InferenceScenario, arrivals: ArrivalSet, r: SimulationResult, highs?: LpSolver): PolicyResult {
  const n = s.tenants.length;
  const m = s.nodes.length;
  const H = r.horizonSeconds;
  const arrived = new Float64Array(n);
  const served = new Float64Array(n);
  const hits = new Float64Array(n);
  const dropped = new Float64Array(n);
  const latencies: number[][] = Array.from({ length: n }, () => []);
  for (let q = 0; q < arrivals.arrival.length; q++) {
    const i = arrivals.tenant[q];
    arrived[i]++;
    const o = r.outcome[q];
    if (o === OUTCOME.hit || o === OUTCOME.late || o === OUTCOME.served) {
      served[i]++;
      latencies[i].push(r.finish[q] - arrivals.arrival[q]);
    }
    if (o === OUTCOME.hit) hits[i]++;
    if (o === OUTCOME.dropped) dropped[i]++;
  }
  // Fairness per round, over the rounds that start inside the horizon.
  const inH = r.rounds.filter((x) => x.start < H);
  const heldSum = new Float64Array(n);
  const violations = { ef1: new Float64Array(n), wef1: new Float64Array(n), prop1: new Float64Array(n), envy: new Float64Array(n) };
  const propSum = new Float64Array(n);
  const propCount = new Float64Array(n);
  const roundsHolding = { ef1: 0, wef1: 0, prop1: 0 };
  const exAnte = { rounds: 0, prop: 0, weightedEf: 0, fpe: 0, fpeRounds: 0 };
  // service gaps: consecutive rounds in which a tenant that valued some node held none (an idle round ends a gap)
  const gap = new Float64Array(n);
  const longestGap = new Float64Array(n);
  for (const rd of inH) {
    for (let i = 0; i < n; i++) {
      gap[i] = rd.held[i] === 0 && rd.utilities[i].some((v) => v > 0) ? gap[i] + 1 : 0;
      longestGap[i] = Math.max(longestGap[i], gap[i]);
    }
    if (rd.fractions) {
      const e = exAnteFairness({ tenants: s.tenants, nodes: s.nodes, utilities: rd.utilities }, rd.fractions, highs);
      exAnte.rounds++;
      if (e.prop) exAnte.prop++;
      if (e.weightedEf) exAnte.weightedEf++;
      if (e.fpe !== null) {
        exAnte.fpeRounds++;
        if (e.fpe) exAnte.fpe++;
      }
    }
    for (let i = 0; i < n; i++) heldSum[i] += rd.held[i];
    const f = roundFairness({ tenants: s.tenants, nodes: s.nodes, utilities: rd.utilities }, rd.assignment);
    if (f.ef1.every(Boolean)) roundsHolding.ef1++;
    if (f.wef1.every(Boolean)) roundsHolding.wef1++;
    if (f.prop1.every(Boolean)) roundsHolding.prop1++;
    for (let i = 0; i < n; i++) {
      if (!f.ef1[i]) violations.ef1[i]++;
      if (!f.wef1[i]) violations.wef1[i]++;
      if (!f.prop1[i]) violations.prop1[i]++;
      if (f.envy[i] > 1e-9) violations.envy[i]++;
      if (Number.isFinite(f.propRatio[i])) {
        propSum[i] += f.propRatio[i];
        propCount[i]++;
      }
    }
  }
  const rounds = Math.max(1, inH.length);
  const T = s.tenants.reduce((a, t) => a + t.tokens, 0);
  // Each tenant's latencies sorted; all of them in one array, sorted (no intermediate list of every latency).
  const sortedLat = latencies.map((l) => Float64Array.from(l).sort());
  const allLat = new Float64Array(sortedLat.reduce((a, l) => a + l.length, 0));
  for (let i = 0, at = 0; i < n; at += sortedLat[i].length, i++) allLat.set(sortedLat[i], at);
  allLat.sort();
  const tenants: TenantResult[] = s.tenants.map((t, i) => {
    const lat = sortedLat[i];
    const nodeShare = heldSum[i] / rounds / m;
    const tokenShare = t.tokens / T;
    return {
      id: t.id,
      tokens: t.tokens,
      model: t.model.name,
      requestsArrived: arrived[i],
      requestsServed: served[i],
      requestsDropped: dropped[i],
      deadlineHitRate: s.deadlines ? (arrived[i] ? hits[i] / arrived[i] : null) : null,
      goodputPerSecond: (s.deadlines ? hits[i] : served[i]) / H,
      p50LatencySeconds: pct(lat, 0.5),
      p99LatencySeconds: pct(lat, 0.99),
      meanNodes: heldSum[i] / rounds,
      nodeShare,
      tokenShare,
      shareRatio: nodeShare / tokenShare,
      meanPropRatio: propCount[i] ? propSum[i] / propCount[i] : null,
      efViolatedRoundsFraction: violations.envy[i] / rounds,
      ef1ViolatedRoundsFraction: violations.ef1[i] / rounds,
      wef1ViolatedRoundsFraction: violations.wef1[i] / rounds,
      prop1ViolatedRoundsFraction: violations.prop1[i] / rounds,
      longestServiceGapRounds: longestGap[i],
    };
  });
  const totalArrived = arrived.reduce((a, b) => a + b, 0);
  const totalHits = hits.reduce((a, b) => a + b, 0);
  const totalServed = served.reduce((a, b) => a + b, 0);
  return {
    name,
    requestsArrived: totalArrived,
    requestsServed: totalServed,
    deadlineHitRate: s.deadlines ? (totalArrived ? totalHits / totalArrived : null) : null,
    goodputPerSecond: (s.deadlines ? totalHits : totalServed) / H,
    p50LatencySeconds: pct(allLat, 0.5),
    p99LatencySeconds: pct(allLat, 0.99),
    utilization: r.busySeconds / (m * H),
    jainTokenShares: jainIndex(tenants.map((t) => t.shareRatio as number)),
    jainPropRatios: jainIndex(tenants.map((t) => (t.meanPropRatio as number | null) ?? NaN)),
    ef1HeldRoundsFraction: roundsHolding.ef1 / rounds,
    wef1HeldRoundsFraction: roundsHolding.wef1 / rounds,
    prop1HeldRoundsFraction: roundsHolding.prop1 / rounds,
    exAntePropHeldRoundsFraction: exAnte.rounds ? exAnte.prop / exAnte.rounds : null,
    exAnteWefHeldRoundsFraction: exAnte.rounds ? exAnte.weightedEf / exAnte.rounds : null,
    fpeHeldRoundsFraction: exAnte.fpeRounds ? exAnte.fpe / exAnte.fpeRounds : null,
    tenants,
  };
}
