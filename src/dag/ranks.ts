/**
 * Priorities shared by the list schedulers: mean costs, upward and downward
 * ranks (Topcuoglu, Hariri & Wu, IEEE TPDS 13(3) 2002, §4.1 eqs. 3–5 and
 * §4.2) and PEFT's optimistic cost table (Arabnejad & Barbosa, IEEE TPDS
 * 25(3) 2014, §3.1 eq. 5; mdnn.md §7, §9).
 *
 * w̄_t = mean of t's finite run times (its candidate processors);
 * c̄_e = data_e / b̄, b̄ = mean link rate over ordered pairs of distinct
 * processors (seconds-mode problems: b̄ = 1, so c̄ = data, as in the paper).
 * `DagProblem.avgCostOverride/avgBandwidthOverride` replace both (the
 * original Multiple-DNN-Scheduling averages). All in seconds.
 */
import type { DagProblem } from './problem.js';
import { transferTime } from './problem.js';

/** w̄ per task, seconds. */
export function meanCosts(prob: DagProblem): Float64Array {
  if (prob.avgCostOverride) return prob.avgCostOverride;
  const { n, p, cost } = prob;
  const w = new Float64Array(n);
  for (let t = 0; t < n; t++) w[t] = meanOfFinite(cost, t * p, p);
  return w;
}

/** Mean of the finite values among `values[offset … offset + count)` (a small function, optimised early: it runs once per task). */
function meanOfFinite(values: Float64Array, offset: number, count: number): number {
  let s = 0;
  let c = 0;
  for (let k = offset; k < offset + count; k++) {
    const v = values[k];
    if (v !== Infinity) {
      s += v;
      c++;
    }
  }
  return s / c;
}

/** b̄: mean link rate over ordered pairs of distinct processors (Infinity if one processor or any free link). */
export function meanBandwidth(prob: DagProblem): number {
  if (prob.avgBandwidthOverride !== undefined) return prob.avgBandwidthOverride;
  const { p, bandwidth } = prob;
  if (p < 2) return Infinity;
  let s = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) if (a !== b) s += bandwidth[a * p + b];
  return s / (p * (p - 1));
}

/** rank_u(t) = w̄_t + max_{s ∈ succ(t)} (c̄_ts + rank_u(s)); w̄_t at an exit. c̄ reads `succRankData` when present. */
export function upwardRank(prob: DagProblem, w = meanCosts(prob), bbar = meanBandwidth(prob)): Float64Array {
  const r = new Float64Array(prob.n);
  const data = prob.succRankData ?? prob.succData;
  for (let i = prob.n - 1; i >= 0; i--) {
    const t = prob.topo[i];
    let best = 0;
    for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
      const v = data[e] / bbar + r[prob.succ[e]];
      if (v > best) best = v;
    }
    r[t] = w[t] + best;
  }
  return r;
}

/** rank_d(t) = max_{q ∈ pred(t)} (rank_d(q) + w̄_q + c̄_qt); 0 at an entry. */
export function downwardRank(prob: DagProblem, w = meanCosts(prob), bbar = meanBandwidth(prob)): Float64Array {
  const r = new Float64Array(prob.n);
  for (let i = 0; i < prob.n; i++) {
    const t = prob.topo[i];
    let best = 0;
    for (let e = prob.predOff[t]; e < prob.predOff[t + 1]; e++) {
      const q = prob.pred[e];
      // (w̄ + c̄) + rank_d, the original's association (CPOP ties are decided in the last bit).
      const v = w[q] + prob.predData[e] / bbar + r[q];
      if (v > best) best = v;
    }
    r[t] = best;
  }
  return r;
}

/**
 * PEFT's optimistic cost table, OCT[t·p + k] (seconds):
 * OCT(t, k) = max_{s ∈ succ(t)} min_{q} [OCT(s, q) + w(s, q) + c(t→s, k, q)],
 * 0 at an exit, q over s's candidate processors. `comm: 'average'` (paper):
 * c = 0 if q = k else c̄_ts; `'link'` (original code): c = the real transfer
 * time from k to q. O(e·p) for 'average' (best and second-best q per
 * successor), O(e·p²) for 'link'. Infinity where t may not run on k.
 */
export function optimisticCostTable(prob: DagProblem, comm: 'average' | 'link' = 'average', bbar = meanBandwidth(prob)): Float64Array {
  const { n, p, cost } = prob;
  const oct = new Float64Array(n * p);
  for (let i = n - 1; i >= 0; i--) {
    const t = prob.topo[i];
    const row = t * p;
    for (let k = 0; k < p; k++) oct[row + k] = 0;
    for (let e = prob.succOff[t]; e < prob.succOff[t + 1]; e++) {
      const s = prob.succ[e];
      const srow = s * p;
      if (comm === 'average') {
        const c = prob.succData[e] / bbar;
        let m1 = Infinity;
        let q1 = -1;
        let m2 = Infinity;
        for (let q = 0; q < p; q++) {
          const v = oct[srow + q] + cost[srow + q];
          if (v < m1) {
            m2 = m1;
            m1 = v;
            q1 = q;
          } else if (v < m2) m2 = v;
        }
        for (let k = 0; k < p; k++) {
          const same = oct[srow + k] + cost[srow + k];
          const other = (q1 !== k ? m1 : m2) + c;
          const v = same < other ? same : other;
          if (v > oct[row + k]) oct[row + k] = v;
        }
      } else {
        for (let k = 0; k < p; k++) {
          let best = Infinity;
          for (let q = 0; q < p; q++) {
            const v = oct[srow + q] + cost[srow + q] + transferTime(prob, (prob.succRankData ?? prob.succData)[e], k, q);
            if (v < best) best = v;
          }
          if (best > oct[row + k]) oct[row + k] = best;
        }
      }
    }
    for (let k = 0; k < p; k++) if (cost[row + k] === Infinity) oct[row + k] = Infinity;
  }
  return oct;
}

/** rank_oct(t) = mean of OCT(t, k) over t's candidate processors. */
export function octRank(prob: DagProblem, oct: Float64Array): Float64Array {
  const { n, p } = prob;
  const r = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    let c = 0;
    for (let k = 0; k < p; k++) {
      const v = oct[t * p + k];
      if (v !== Infinity) {
        s += v;
        c++;
      }
    }
    r[t] = s / c;
  }
  return r;
}
