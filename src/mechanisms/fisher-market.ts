/**
 * Competitive equilibrium of a linear Fisher market — the Eisenberg–Gale
 * program  max Σ_i t_i·log(Σ_k v_ik x_ik)  s.t.  Σ_i x_ik ≤ s_k, x ≥ 0
 * (Eisenberg & Gale 1959; shared/specs/dice.md §4).
 *
 * Solver (ours, built from the spec's two methods):
 * 1. Proportional-response dynamics (Zhang 2011; Birnbaum, Devanur & Xiao
 *    2011): bids b_ik start at t_i·v_ik/Σ_k v_ik; each iteration sets
 *    p_k = Σ_i b_ik, x_ik = b_ik/p_k, u_i = Σ_k v_ik x_ik,
 *    b_ik = t_i·v_ik·x_ik/u_i. The market clears and budgets are spent
 *    exactly at every iterate; only the max-bang-per-buck (MBB) condition is
 *    approximate.
 * 2. Exact completion ("polish"), every `polishEvery` iterations: take the
 *    near-MBB edges of the current prices, a maximum-spending spanning forest
 *    of them, set exact price ratios along the forest (p_k = v_ik/β_i),
 *    scale each tree so its prices equal its budgets, check MBB globally, and
 *    find spending on the tight MBB edges by maximum flow. If the flow
 *    carries every token, this is an exact equilibrium (up to rounding); else
 *    the dynamics continue.
 * 3. If neither has certified the equilibrium after `maxIter` iterations
 *    (proportional response stalls on some markets, as the spec warns), the
 *    interior-point solver of fisher-market-barrier.ts takes over.
 * Whatever path finishes, the CE certificate (`marketCertificate`) is
 * checked at ε; failure after `maxIter` iterations throws.
 *
 * Units: budgets in tokens; values in the caller's unit per unit of good;
 * supply in units (e.g. nodes of a class); prices in tokens per unit.
 * Preconditions (checked): every budget > 0, every buyer values some good,
 * every good is valued by some buyer (callers drop the others).
 */
import { FlowNetwork } from './max-flow.js';
import { solveFisherMarketBarrier } from './fisher-market-barrier.js';

/**
 * A linear Fisher market: n buyers with budgets (tokens), their values per
 * unit of K goods, and the supply of each good (see the module header for the
 * preconditions; `solveFisherMarket` throws RangeError when one fails).
 */
export interface FisherMarket {
  /** t_i > 0 (tokens), length n. */
  budgets: readonly number[];
  /** v_ik ≥ 0, n rows of K values (per unit of good k). */
  values: readonly ArrayLike<number>[];
  /** s_k > 0 units of each good (default 1). */
  supply?: readonly number[];
}

/**
 * Options of `solveFisherMarket`: certificate tolerance, iteration limits and
 * the solution method.
 */
export interface MarketOptions {
  /** Relative certificate tolerance (default 1e-6). */
  epsilon?: number;
  /** Proportional-response iteration limit (default 10,000 with method "proportional-response", 50 with "auto"). */
  maxIter?: number;
  /** Try the exact completion every this many iterations (default 25). */
  polishEvery?: number;
  /**
   * "auto" (default): proportional response with exact completion, switching
   * to the interior-point solver (fisher-market-barrier.ts) if it stalls;
   * "proportional-response": the dynamics (with completion) only, up to maxIter;
   * "barrier": the interior-point solver only.
   */
  method?: 'auto' | 'proportional-response' | 'barrier';
}

/**
 * A certified competitive equilibrium (Eisenberg–Gale optimum): the bundles,
 * prices (tokens per unit) and utilities, the proportional-response
 * iterations used, and the CE certificate it passed (gap ≤ ε).
 */
export interface MarketEquilibrium {
  /** x[i][k]: units of good k bought by buyer i (Σ_i x_ik = s_k). */
  x: Float64Array[];
  /** Price per unit of each good (tokens): Σ_k p_k·s_k = Σ_i t_i. */
  prices: Float64Array;
  /** Utility of each buyer at equilibrium. */
  utilities: Float64Array;
  iterations: number;
  /** True when the exact completion produced the answer. */
  polished: boolean;
  certificate: CertificateReport;
}

/**
 * The violations of the CE certificate of shared/specs/dice.md §4 (see
 * `marketCertificate`), each relative: to t_i for budgets, to 1 (the whole
 * supply) for goods. An equilibrium is certified when `gap` ≤ ε.
 */
export interface CertificateReport {
  /** (a) Largest oversold fraction Σ_i x_ik − 1 of a good. */
  overSold: number;
  /** (a) Largest unsold fraction of a good with a positive price. */
  unsoldPriced: number;
  /** (b) Largest |spending − budget| / budget of a buyer. */
  spending: number;
  /** (c) Largest spending on non-MBB goods / budget of a buyer (∞ when a valued good has no positive price). */
  nonMbbSpending: number;
  /** Max of the above. */
  gap: number;
}

/**
 * The CE certificate of shared/specs/dice.md §4 on a unit-supply-normalised
 * market (x as fraction of each good's supply, prices for the whole supply):
 * (a) Σ_i x_ik ≤ 1, = 1 where p_k > ε; (b) |Σ_k p_k x_ik − t_i| ≤ ε·t_i;
 * (c) Σ_k p_k x_ik (1 − v_ik/(p_k β_i)) ≤ ε·t_i with β_i = max_k v_ik/p_k.
 * A good valued by a buyer must have a positive price (else gap = ∞).
 */
export function marketCertificate(budgets: readonly number[], values: readonly ArrayLike<number>[], xFrac: readonly ArrayLike<number>[], prices: ArrayLike<number>, epsilon = 1e-6): CertificateReport {
  const n = budgets.length;
  const K = prices.length;
  let overSold = 0;
  let unsoldPriced = 0;
  let spending = 0;
  let nonMbb = 0;
  for (let k = 0; k < K; k++) {
    let col = 0;
    for (let i = 0; i < n; i++) col += xFrac[i][k];
    overSold = Math.max(overSold, col - 1);
    if (prices[k] > epsilon) unsoldPriced = Math.max(unsoldPriced, 1 - col);
  }
  for (let i = 0; i < n; i++) {
    let beta = 0;
    let spent = 0;
    for (let k = 0; k < K; k++) {
      const v = values[i][k];
      if (v > 0 && !(prices[k] > 0)) return { overSold, unsoldPriced, spending, nonMbbSpending: Infinity, gap: Infinity };
      if (v > 0) beta = Math.max(beta, v / prices[k]);
      spent += prices[k] * xFrac[i][k];
    }
    spending = Math.max(spending, Math.abs(spent - budgets[i]) / budgets[i]);
    let waste = 0;
    for (let k = 0; k < K; k++) {
      const s = prices[k] * xFrac[i][k];
      if (s > 0) waste += s * (1 - values[i][k] / (prices[k] * beta));
    }
    nonMbb = Math.max(nonMbb, waste / budgets[i]);
  }
  const gap = Math.max(overSold, unsoldPriced, spending, nonMbb);
  return { overSold, unsoldPriced, spending, nonMbbSpending: nonMbb, gap };
}

function validate(m: FisherMarket): void {
  const n = m.budgets.length;
  const K = n > 0 ? m.values[0].length : 0;
  if (m.values.length !== n) throw new RangeError('values must have one row per buyer');
  const valued = new Uint8Array(K);
  for (let i = 0; i < n; i++) {
    if (!(m.budgets[i] > 0)) throw new RangeError(`budget of buyer ${i} must be > 0`);
    if (m.values[i].length !== K) throw new RangeError(`values row ${i} must have ${K} entries`);
    let any = false;
    for (let k = 0; k < K; k++) {
      const v = m.values[i][k];
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`value [${i}][${k}] must be finite and ≥ 0`);
      if (v > 0) { any = true; valued[k] = 1; }
    }
    if (!any) throw new RangeError(`buyer ${i} values no good`);
  }
  for (let k = 0; k < K; k++) if (!valued[k]) throw new RangeError(`good ${k} is valued by no buyer`);
  if (m.supply) for (let k = 0; k < K; k++) if (!(m.supply[k] > 0)) throw new RangeError(`supply of good ${k} must be > 0`);
}

/**
 * Solves the market; see the module comment. Throws RangeError when a
 * precondition fails (a budget ≤ 0, a buyer valuing no good, a good valued by
 * no buyer, supply ≤ 0, a negative or non-finite value), and Error when no
 * certified equilibrium is found.
 */
export function solveFisherMarket(market: FisherMarket, options: MarketOptions = {}): MarketEquilibrium {
  validate(market);
  const eps = options.epsilon ?? 1e-6;
  const method = options.method ?? 'auto';
  const maxIter = options.maxIter ?? (method === 'auto' ? 50 : 10_000);
  const polishEvery = options.polishEvery ?? 25;
  const n = market.budgets.length;
  const K = n > 0 ? market.values[0].length : 0;
  const t = market.budgets;
  const supply = market.supply ?? new Array(K).fill(1);
  // Unit-supply normalisation: V_ik = v_ik·s_k (value of the whole supply).
  const V = market.values.map((row) => Float64Array.from({ length: K }, (_, k) => row[k] * supply[k]));
  let iterations = 0;
  const finish = (xFrac: Float64Array[], pWhole: Float64Array, polished: boolean, certificate: CertificateReport): MarketEquilibrium => {
    const x = xFrac.map((row) => Float64Array.from(row, (v, k) => v * supply[k]));
    const prices = Float64Array.from(pWhole, (v, k) => v / supply[k]);
    const utilities = Float64Array.from(xFrac, (row, i) => {
      let u = 0;
      for (let k = 0; k < K; k++) u += V[i][k] * row[k];
      return u;
    });
    return { x, prices, utilities, iterations, polished, certificate };
  };
  let b: Float64Array[];
  if (method !== 'barrier') {
    b = V.map((row, i) => {
      let s = 0;
      for (let k = 0; k < K; k++) s += row[k];
      return Float64Array.from(row, (v) => (t[i] * v) / s);
    });
    const r = proportionalResponse(t, V, b, maxIter, polishEvery, eps);
    iterations += r.iterations;
    if (r.done) return finish(r.done.xf, r.done.p, r.done.polished, r.done.cert);
    if (method === 'proportional-response') {
      throw new Error(`Fisher market: no equilibrium certified within ${maxIter} iterations (certificate gap ${r.gap.toExponential(2)} > ε = ${eps})`);
    }
  }
  const bar = solveFisherMarketBarrier(t, V, eps);
  if (bar.certificate.gap <= eps) return finish(bar.xFrac, bar.prices, true, bar.certificate);
  // Warm-started proportional response from the interior point converges fast near the equilibrium.
  b = bar.xFrac.map((row) => Float64Array.from(row, (x, k) => x * bar.prices[k]));
  const warm = proportionalResponse(t, V, b, 20_000, polishEvery, eps);
  iterations += warm.iterations;
  if (warm.done) return finish(warm.done.xf, warm.done.p, warm.done.polished, warm.done.cert);
  throw new Error(`Fisher market: no equilibrium certified (certificate gap ${Math.min(warm.gap, bar.certificate.gap).toExponential(2)} > ε = ${eps})`);
}

/**
 * Proportional-response dynamics from bids b (modified in place), with the
 * certificate checked every 5 iterations and exact completion tried every
 * `polishEvery`. Returns the certified equilibrium, or the last gap.
 */
function proportionalResponse(t: readonly number[], V: Float64Array[], b: Float64Array[], maxIter: number, polishEvery: number, eps: number) {
  const n = t.length;
  const K = V[0].length;
  const p = new Float64Array(K);
  const xf = Array.from({ length: n }, () => new Float64Array(K));
  let gap: number;
  for (let iter = 0; ; iter++) {
    clear(b, p, xf);
    if (iter % 5 === 0 || iter >= maxIter) {
      const cert = marketCertificate(t, V, xf, p, eps);
      gap = cert.gap;
      if (cert.gap <= eps) return { done: { xf, p, polished: false, cert }, iterations: iter, gap };
      if ((iter % polishEvery === 0 && iter > 0) || iter >= maxIter) {
        const exact = polish(t, V, b, p, eps);
        if (exact) return { done: { xf: exact.xf, p: exact.p, polished: true, cert: exact.cert }, iterations: iter, gap: exact.cert.gap };
      }
      if (iter >= maxIter) return { done: null, iterations: iter, gap };
    }
    for (let i = 0; i < n; i++) respond(t[i], V[i], xf[i], b[i]);
  }
}

/** Prices p_k = Σ_i b_ik and bundles x_ik = b_ik / p_k (0 where p_k = 0) from bids b. */
function clear(b: Float64Array[], p: Float64Array, xf: Float64Array[]): void {
  const n = b.length;
  const K = p.length;
  p.fill(0);
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    for (let k = 0; k < K; k++) p[k] += bi[k];
  }
  for (let i = 0; i < n; i++) {
    const bi = b[i];
    const xi = xf[i];
    for (let k = 0; k < K; k++) xi[k] = p[k] > 0 ? bi[k] / p[k] : 0;
  }
}

/** One buyer's proportional response: bids b_k = t·v_k·x_k / u with u = Σ_k v_k x_k (budget t, values Vi, bundle xi). */
function respond(t: number, Vi: Float64Array, xi: Float64Array, bi: Float64Array): void {
  const K = Vi.length;
  let u = 0;
  for (let k = 0; k < K; k++) u += Vi[k] * xi[k];
  const f = t / u;
  for (let k = 0; k < K; k++) bi[k] = f * Vi[k] * xi[k];
}

/**
 * Exact completion from approximate bids b (n × K, spending) and prices p
 * (whole goods) of a unit-supply market; null when the near-MBB structure at
 * p is not yet the equilibrium's. See the module comment, step 2.
 */
export function polish(t: readonly number[], V: Float64Array[], b: Float64Array[], p: Float64Array, eps: number): { xf: Float64Array[]; p: Float64Array; cert: CertificateReport } | null {
  const n = t.length;
  const K = p.length;
  const beta = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) if (V[i][k] > 0) beta[i] = Math.max(beta[i], V[i][k] / p[k]);
  // Candidate MBB edges at the current prices (relative gap ≤ 1e-2), in buyer-then-good order.
  const near: { i: number; k: number; w: number; gap: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      if (!(V[i][k] > 0)) continue;
      const gap = 1 - V[i][k] / p[k] / beta[i];
      if (gap <= 1e-2) near.push({ i, k, w: b[i][k], gap });
    }
  }
  let tried = -1;
  for (const gamma of [1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7]) {
    // Candidates within gamma, closest to MBB first (ties: more spending first). The sets shrink with gamma; the same
    // set as the last (failed) gamma's fails the same way and is skipped.
    const edges = near.filter((e) => e.gap <= gamma);
    if (edges.length === tried) continue;
    tried = edges.length;
    edges.sort((a, c) => a.gap - c.gap || c.w - a.w || a.i - c.i || a.k - c.k);
    // Kruskal spanning forest over buyers 0..n-1 and goods n..n+K-1.
    const parent = Int32Array.from({ length: n + K }, (_, v) => v);
    const find = (v: number): number => {
      while (parent[v] !== v) v = parent[v] = parent[parent[v]];
      return v;
    };
    const adj: number[][] = Array.from({ length: n + K }, () => []);
    for (const e of edges) {
      const a = find(e.i);
      const c = find(n + e.k);
      if (a === c) continue;
      parent[a] = c;
      adj[e.i].push(n + e.k);
      adj[n + e.k].push(e.i);
    }
    // Exact ratios along each tree, then scale each tree so Σ prices = Σ budgets.
    const newP = new Float64Array(K);
    const newBeta = new Float64Array(n);
    const seen = new Uint8Array(n + K);
    let ok = true;
    for (let root = 0; root < n && ok; root++) {
      if (seen[root]) continue;
      const comp: number[] = [root];
      seen[root] = 1;
      newBeta[root] = 1;
      for (let q = 0; q < comp.length; q++) {
        const u = comp[q];
        for (const v of adj[u]) {
          if (seen[v]) continue;
          seen[v] = 1;
          comp.push(v);
          if (v >= n) newP[v - n] = V[u][v - n] / newBeta[u];
          else newBeta[v] = V[v][u - n] / newP[u - n];
        }
      }
      let money = 0;
      let priceSum = 0;
      for (const v of comp) {
        if (v < n) money += t[v];
        else priceSum += newP[v - n];
      }
      if (!(priceSum > 0)) { ok = false; break; }
      const scale = money / priceSum;
      for (const v of comp) {
        if (v < n) newBeta[v] /= scale;
        else newP[v - n] *= scale;
      }
    }
    if (!ok) continue;
    for (let k = 0; k < K; k++) if (!seen[n + k]) ok = false; // a good nobody near-MBB-buys
    if (!ok) continue;
    // Global MBB check and tight edges.
    const tight: { i: number; k: number }[] = [];
    for (let i = 0; i < n && ok; i++) {
      for (let k = 0; k < K; k++) {
        if (!(V[i][k] > 0)) continue;
        const bpb = V[i][k] / newP[k];
        if (bpb > newBeta[i] * (1 + 1e-9)) { ok = false; break; }
        if (bpb >= newBeta[i] * (1 - 1e-9)) tight.push({ i, k });
      }
    }
    if (!ok) continue;
    // Spending by max flow: source → buyer (t_i) → good (tight) → sink (p_k).
    const net = new FlowNetwork(n + K + 2, 1e-15);
    const S = n + K;
    const T = S + 1;
    for (let i = 0; i < n; i++) net.addEdge(S, i, t[i]);
    const ids = tight.map((e) => net.addEdge(e.i, n + e.k, Infinity));
    for (let k = 0; k < K; k++) net.addEdge(n + k, T, newP[k]);
    const total = t.reduce((a, c) => a + c, 0);
    const flow = net.maxFlow(S, T);
    if (!(flow >= total * (1 - 1e-10))) continue;
    const xf = Array.from({ length: n }, () => new Float64Array(K));
    tight.forEach((e, q) => {
      xf[e.i][e.k] = net.flow(ids[q]) / newP[e.k];
    });
    // Normalise tiny rounding so that every column sums to exactly 1 where priced.
    for (let k = 0; k < K; k++) {
      let col = 0;
      for (let i = 0; i < n; i++) col += xf[i][k];
      if (col > 0) for (let i = 0; i < n; i++) xf[i][k] /= col;
    }
    const cert = marketCertificate(t, V, xf, newP, eps);
    if (cert.gap <= eps) return { xf, p: newP, cert };
  }
  return null;
}
