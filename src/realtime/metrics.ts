/**
 * Metrics of the real-time level (shared/specs/realtime-drl.md §4).
 * Per (tenant, model) pair: hit rate HR = hits / arrivals (dropped = miss),
 * its SLO target HR*, deficit max(0, HR* − HR). System: QoS satisfaction
 * (share of pairs with HR ≥ HR*), Σ and max deficit, Jain's index of
 * HR/HR*, std-dev of HR, SLA satisfaction (= deadline hit rate), ANTT, STP,
 * PREMA fairness, utilisation and the energy proxy Σ_s busy_s · power_s.
 */
import { jainIndex } from '../metrics/fairness.js';
import type { EngineResult, RequestRecord } from './engine.js';
import type { ModelProfile } from './cost-model.js';
import type { SystemSpec } from './system.js';
import type { ServicePair } from './workload.js';

export interface PairMetrics {
  pair: ServicePair;
  requests: number;
  hits: number;
  late: number;
  dropped: number;
  /** hits / requests; null when no request arrived. */
  hitRate: number | null;
  sloMet: boolean;
  deficit: number;
  /** Mean turnaround of completed requests (s). */
  avgTurnaroundSeconds: number | null;
}

/** Jain's index (shared with level 1: src/metrics/fairness.ts). */
export { jainIndex };

export function pairMetrics(pairs: readonly ServicePair[], records: readonly RequestRecord[]): PairMetrics[] {
  const acc = pairs.map((pair) => ({ pair, requests: 0, hits: 0, late: 0, dropped: 0, turnaround: 0, completed: 0 }));
  for (const r of records) {
    const a = acc[r.pair];
    a.requests++;
    if (r.outcome === 'hit') a.hits++;
    else if (r.outcome === 'late') a.late++;
    else a.dropped++;
    if ((r.outcome === 'hit' || r.outcome === 'late') && r.endS !== null) {
      a.turnaround += r.endS - r.arrivalS;
      a.completed++;
    }
  }
  return acc.map((a) => {
    const hitRate = a.requests > 0 ? a.hits / a.requests : null;
    const deficit = hitRate === null ? 0 : Math.max(0, a.pair.sloTarget - hitRate);
    return { pair: a.pair, requests: a.requests, hits: a.hits, late: a.late, dropped: a.dropped, hitRate, sloMet: hitRate === null || hitRate >= a.pair.sloTarget - 1e-12, deficit, avgTurnaroundSeconds: a.completed ? a.turnaround / a.completed : null };
  });
}

export interface SystemMetrics {
  requests: number;
  deadlineHitRate: number | null;
  qosSatisfaction: number;
  deficitSum: number;
  maxDeficit: number;
  jainIndex: number;
  hitRateStd: number;
  /** Mean over completed requests of turnaround / L_iso. */
  antt: number | null;
  /** Σ over completed requests of L_iso / turnaround. */
  stp: number;
  /** min / max of L_iso / turnaround over completed requests (PREMA's fairness). */
  premaFairness: number | null;
  dropRate: number | null;
  /** Mean busy fraction of the sub-accelerators over [0, end]. */
  utilization: number;
  energyJoules: number;
  makespanSeconds: number;
  decisions: number;
  /** Mean scheduler wall time per decision (ms). */
  decisionMs: number | null;
}

export function systemMetrics(result: EngineResult, pairs: readonly ServicePair[], profiles: readonly ModelProfile[], system: SystemSpec, per: readonly PairMetrics[]): SystemMetrics {
  const recs = result.records;
  const hits = recs.filter((r) => r.outcome === 'hit').length;
  const dropped = recs.filter((r) => r.outcome === 'dropped').length;
  const withReq = per.filter((p) => p.requests > 0);
  const ratios = withReq.map((p) => (p.pair.sloTarget > 0 ? p.hitRate! / p.pair.sloTarget : 1));
  const hrs = withReq.map((p) => p.hitRate!);
  const mean = hrs.reduce((a, b) => a + b, 0) / Math.max(1, hrs.length);
  const std = Math.sqrt(hrs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, hrs.length));
  let nt = 0;
  let ntN = 0;
  let stp = 0;
  let ppMin = Infinity;
  let ppMax = 0;
  for (const r of recs) {
    if ((r.outcome !== 'hit' && r.outcome !== 'late') || r.endS === null) continue;
    const iso = profiles[pairs[r.pair].modelIndex].isolatedLatencyS;
    const t = Math.max(r.endS - r.arrivalS, 1e-12);
    nt += t / iso;
    ntN++;
    const pp = iso / t;
    stp += pp;
    ppMin = Math.min(ppMin, pp);
    ppMax = Math.max(ppMax, pp);
  }
  const end = Math.max(result.endS, 1e-12);
  const util = result.busyS.reduce((a, b) => a + b, 0) / (end * result.busyS.length);
  const energy = result.busyS.reduce((a, b, s) => a + b * system.subAccelerators[s].activePowerW, 0);
  return {
    requests: recs.length,
    deadlineHitRate: recs.length ? hits / recs.length : null,
    qosSatisfaction: withReq.length ? withReq.filter((p) => p.sloMet).length / withReq.length : 1,
    deficitSum: per.reduce((a, p) => a + p.deficit, 0),
    maxDeficit: per.reduce((a, p) => Math.max(a, p.deficit), 0),
    jainIndex: jainIndex(ratios),
    hitRateStd: std,
    antt: ntN ? nt / ntN : null,
    stp,
    premaFairness: ntN ? ppMin / ppMax : null,
    dropRate: recs.length ? dropped / recs.length : null,
    utilization: util,
    energyJoules: energy,
    makespanSeconds: result.endS,
    decisions: result.decisions,
    decisionMs: result.decisions ? (result.decideWallS * 1000) / result.decisions : null,
  };
}
