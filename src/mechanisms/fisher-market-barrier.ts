/**
 * Interior-point (log-barrier Newton) solver for the dual of the
 * Eisenberg–Gale program of a linear Fisher market with unit supplies:
 *
 *   min_{p, λ}  Σ_k p_k − Σ_i t_i·log λ_i   s.t.  s_ik = p_k − λ_i·v_ik > 0  for v_ik > 0,
 *
 * where p are prices and λ_i = t_i/u_i is buyer i's price per unit of
 * utility (the inverse of its max bang-per-buck). On the central path with
 * barrier weight μ, x_ik = μ/s_ik is primal-feasible up to centering
 * (Σ_i x_ik = 1, Σ_k v_ik x_ik = t_i/λ_i), so driving μ → 0 yields the
 * equilibrium; spending is then re-normalised exactly and the CE
 * certificate is the stopping test. *(Ours: the spec's solvers are
 * proportional response and tangent cutting planes; this is the exact
 * method Allot switches to when proportional response stalls.)*
 *
 * Newton systems use the block structure (diagonal p–p and λ–λ blocks,
 * dense cross block) via a Schur complement on the smaller side:
 * O(|E|·min(n, K)) per step, |E| = number of positive values. Late on the
 * central path, cross weights below 1e-7 of their good's largest are dropped
 * (`dropNegligible`; ours), which makes the Schur complement on λ sparse.
 */
import { marketCertificate, polish, type CertificateReport } from './fisher-market.js';

export interface BarrierResult {
  /** Fraction of each (unit) good bought by each buyer. */
  xFrac: Float64Array[];
  /** Price of each whole good. */
  prices: Float64Array;
  newtonSteps: number;
  certificate: CertificateReport;
}

/** Cholesky solve of a dense SPD system (in place on a copy; reads the lower triangle and diagonal only); returns null if not positive definite. */
function choleskySolve(A: Float64Array, N: number, b: Float64Array): Float64Array | null {
  const L = Float64Array.from(A);
  for (let j = 0; j < N; j++) {
    let d = L[j * N + j];
    for (let k = 0; k < j; k++) d -= L[j * N + k] * L[j * N + k];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * N + j] = ljj;
    for (let i = j + 1; i < N; i++) {
      let s = L[i * N + j];
      for (let k = 0; k < j; k++) s -= L[i * N + k] * L[j * N + k];
      L[i * N + j] = s / ljj;
    }
  }
  const y = Float64Array.from(b);
  for (let i = 0; i < N; i++) {
    let s = y[i];
    for (let k = 0; k < i; k++) s -= L[i * N + k] * y[k];
    y[i] = s / L[i * N + i];
  }
  for (let i = N - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < N; k++) s -= L[k * N + i] * y[k];
    y[i] = s / L[i * N + i];
  }
  return y;
}

/** The barrier's sparse market: the edges (buyer, good, value normalised by the buyer's largest value) and normalised budgets. */
interface EdgeMarket {
  n: number;
  K: number;
  E: number;
  eI: Int32Array;
  eK: Int32Array;
  eV: Float64Array;
  /** Budgets normalised to sum 1. */
  tn: Float64Array;
}

/** Slacks s_e = p_k − λ_i·v_ik into `out`; false unless every slack and every λ_i is positive. */
function slacks(m: EdgeMarket, pp: Float64Array, ll: Float64Array, out: Float64Array): boolean {
  const { E, eI, eK, eV } = m;
  for (let e = 0; e < E; e++) {
    out[e] = pp[eK[e]] - ll[eI[e]] * eV[e];
    if (!(out[e] > 0)) return false;
  }
  for (let i = 0; i < m.n; i++) if (!(ll[i] > 0)) return false;
  return true;
}

/** The barrier objective φ_μ(p, λ) = Σ p − Σ t·log λ − μ·Σ log s. */
function phi(m: EdgeMarket, pp: Float64Array, ll: Float64Array, ss: Float64Array, mu: number): number {
  let f = 0;
  for (let k = 0; k < m.K; k++) f += pp[k];
  for (let i = 0; i < m.n; i++) f -= m.tn[i] * Math.log(ll[i]);
  for (let e = 0; e < m.E; e++) f -= mu * Math.log(ss[e]);
  return f;
}

/** Gradient (gp, gl), Hessian diagonals (a, c) and cross-block weights w = μ·v/s² of φ_μ at slacks s. */
function gradientAndHessian(m: EdgeMarket, lam: Float64Array, s: Float64Array, mu: number, gp: Float64Array, gl: Float64Array, a: Float64Array, c: Float64Array, w: Float64Array): void {
  const { n, E, eI, eK, eV, tn } = m;
  gp.fill(1);
  for (let i = 0; i < n; i++) gl[i] = -tn[i] / lam[i];
  a.fill(0);
  for (let i = 0; i < n; i++) c[i] = tn[i] / (lam[i] * lam[i]);
  for (let e = 0; e < E; e++) {
    const inv = 1 / s[e];
    const inv2 = mu * inv * inv;
    gp[eK[e]] -= mu * inv;
    gl[eI[e]] += mu * eV[e] * inv;
    a[eK[e]] += inv2;
    c[eI[e]] += inv2 * eV[e] * eV[e];
    w[e] = inv2 * eV[e]; // H_pλ = −w
  }
}

/**
 * Edges grouped by the eliminated side (goods when the Schur complement is on λ, buyers otherwise), in edge order
 * (compressed rows, built once: the edge set is fixed, only the weights change between Newton steps), with scratch.
 */
interface SchurPlan {
  N: number;
  groupStart: Int32Array;
  groupEdges: Int32Array;
  localIdx: Int32Array;
  localW: Float64Array;
  /** The columns of W for eight goods valued by every buyer (Schur on λ only). */
  w8: Float64Array[];
  /** Weights kept per good by `dropNegligible` (Schur on λ only). */
  kept: Int32Array;
  /** Scratch of `dropNegligible`: each good's cut. */
  wmax: Float64Array;
  /** Scratch of `schurOnBuyers`: goods updated in the dense pass. */
  dense: Uint8Array;
}

/** The Schur plan of market `m`, eliminating the goods (`onLambda`) or the buyers. */
function schurPlan(m: EdgeMarket, onLambda: boolean): SchurPlan {
  const groups = onLambda ? m.K : m.n;
  const groupOf = onLambda ? m.eK : m.eI;
  const groupStart = new Int32Array(groups + 1);
  for (let e = 0; e < m.E; e++) groupStart[groupOf[e] + 1]++;
  for (let g = 0; g < groups; g++) groupStart[g + 1] += groupStart[g];
  const groupEdges = new Int32Array(m.E);
  const fill = groupStart.slice(0, groups);
  for (let e = 0; e < m.E; e++) groupEdges[fill[groupOf[e]]++] = e;
  let maxDegree = 0;
  for (let g = 0; g < groups; g++) maxDegree = Math.max(maxDegree, groupStart[g + 1] - groupStart[g]);
  const N = onLambda ? m.n : m.K;
  return { N, groupStart, groupEdges, localIdx: new Int32Array(maxDegree), localW: new Float64Array(maxDegree), w8: Array.from({ length: 8 }, () => new Float64Array(onLambda ? N : 0)), kept: new Int32Array(onLambda ? m.K : 0).fill(2 ** 30), dense: new Uint8Array(onLambda ? m.K : 0), wmax: new Float64Array(onLambda ? m.K : 0) };
}

/**
 * S −= Σ_r w_r w_rᵀ / a_{k+r} (lower triangle) and rhs −= Σ_r w_r·gp_{k+r} / a_{k+r} for the eight goods k…k+7
 * valued by every buyer (w8[r] = their W columns), the terms subtracted in good order.
 */
function subtractEight(S: Float64Array, rhs: Float64Array, N: number, w8: Float64Array[], a: Float64Array, gp: Float64Array, k: number): void {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = w8;
  const g0 = gp[k], g1 = gp[k + 1], g2 = gp[k + 2], g3 = gp[k + 3], g4 = gp[k + 4], g5 = gp[k + 5], g6 = gp[k + 6], g7 = gp[k + 7];
  const a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3], a4 = a[k + 4], a5 = a[k + 5], a6 = a[k + 6], a7 = a[k + 7];
  for (let q1 = 0; q1 < N; q1++) {
    const f0 = w0[q1] / a0, f1 = w1[q1] / a1, f2 = w2[q1] / a2, f3 = w3[q1] / a3;
    const f4 = w4[q1] / a4, f5 = w5[q1] / a5, f6 = w6[q1] / a6, f7 = w7[q1] / a7;
    rhs[q1] = rhs[q1] - f0 * g0 - f1 * g1 - f2 * g2 - f3 * g3 - f4 * g4 - f5 * g5 - f6 * g6 - f7 * g7;
    const row = q1 * N;
    for (let q2 = 0; q2 <= q1; q2++) {
      S[row + q2] = S[row + q2] - f0 * w0[q2] - f1 * w1[q2] - f2 * w2[q2] - f3 * w3[q2] - f4 * w4[q2] - f5 * w5[q2] - f6 * w6[q2] - f7 * w7[q2];
    }
  }
}

/** S = C − Wᵀ A⁻¹ W (lower triangle) and rhs = −gl − Wᵀ A⁻¹ gp, eliminating the goods. */
function schurOnBuyers(m: EdgeMarket, plan: SchurPlan, a: Float64Array, c: Float64Array, w: Float64Array, gp: Float64Array, gl: Float64Array, S: Float64Array, rhs: Float64Array): void {
  const { K, eI } = m;
  const { N, groupStart, groupEdges, localIdx, localW } = plan;
  const w8 = plan.w8;
  S.fill(0);
  for (let i = 0; i < N; i++) S[i * N + i] = c[i];
  for (let i = 0; i < N; i++) rhs[i] = -gl[i];
  // dense[k]: good k is valued by every buyer and at least a third of its weights are kept by `dropNegligible`; its
  // dropped (zero) weights then stay in the dense pass, where their zero terms change no bit.
  const dense = plan.dense;
  for (let k = 0; k < K; k++) dense[k] = groupStart[k + 1] - groupStart[k] === N && 3 * plan.kept[k] >= N ? 1 : 0;
  for (let k = 0; k < K; k++) {
    if (k + 7 < K && dense[k] & dense[k + 1] & dense[k + 2] & dense[k + 3] & dense[k + 4] & dense[k + 5] & dense[k + 6] & dense[k + 7]) {
      // Eight goods valued by every buyer: one pass over the triangle subtracts their eight terms in good order,
      // each entry's operations exactly as eight passes would do them (bit-identical), with an eighth of the
      // loads and stores of S.
      const e0 = groupStart[k];
      for (let r = 0; r < 8; r++) {
        const wr = w8[r];
        const base = e0 + r * N;
        for (let q = 0; q < N; q++) wr[q] = w[groupEdges[base + q]];
      }
      subtractEight(S, rhs, N, w8, a, gp, k);
      k += 7;
      continue;
    }
    // The edges of good k, gathered into contiguous arrays (same terms, same order as edge by edge); buyers ascend
    // within a good, so q2 ≤ q1 fills exactly the lower triangle, all that the Cholesky factorisation reads.
    // Dropped (zero) weights are skipped: subtracting their zero terms would change no bit.
    const from = groupStart[k];
    let deg = 0;
    for (let e = from; e < groupStart[k + 1]; e++) {
      const we = w[groupEdges[e]];
      if (we === 0) continue;
      localIdx[deg] = eI[groupEdges[e]];
      localW[deg++] = we;
    }
    eliminateOne(S, N, rhs, localIdx, localW, deg, a[k], gp[k], deg === N); // deg = N: every buyer values good k, localIdx[q] = q
  }
}

/**
 * Eliminates one variable (diagonal `pivot`, gradient `g`) coupled with weights `wts[0..deg)` to the kept variables
 * `idx[0..deg)`: S −= (1/pivot)·w wᵀ on the lower triangle (idx ascending) and rhs −= (g/pivot)·w. `dense` says
 * idx[q] = q, which skips the indirection (same operations in the same order, so bit-identical).
 */
function eliminateOne(S: Float64Array, N: number, rhs: Float64Array, idx: Int32Array, wts: Float64Array, deg: number, pivot: number, g: number, dense: boolean): void {
  for (let q1 = 0; q1 < deg; q1++) {
    const i1 = idx[q1];
    const f = wts[q1] / pivot;
    rhs[i1] -= f * g;
    const row = i1 * N;
    if (dense) for (let q2 = 0; q2 <= q1; q2++) S[row + q2] -= f * wts[q2];
    else for (let q2 = 0; q2 <= q1; q2++) S[row + idx[q2]] -= f * wts[q2];
  }
}

/**
 * Relative size below which a cross weight of the Newton system is dropped (`dropNegligible`). Ours, measured on
 * the 100 × 1,000 per-node bench market: 1e-8…1e-6 leave the step count (102–104) and the answer unchanged, 1e-4
 * doubles the steps.
 */
const NEGLIGIBLE_WEIGHT = 1e-7;

/**
 * Sets to 0 the cross weights w_e of a good below `delta` times the good's largest (edges far from MBB late on the
 * central path): the Newton system then keeps those edges' diagonal terms only, still positive definite, so the step
 * stays a descent direction, and the Schur complement on λ becomes sparse. Records each good's kept count.
 */
function dropNegligible(m: EdgeMarket, plan: SchurPlan, w: Float64Array, delta: number): void {
  const { K, E, eK } = m;
  const { kept, wmax } = plan;
  wmax.fill(0);
  for (let e = 0; e < E; e++) wmax[eK[e]] = Math.max(wmax[eK[e]], w[e]);
  for (let k = 0; k < K; k++) wmax[k] *= delta;
  kept.fill(0);
  for (let e = 0; e < E; e++) {
    if (w[e] < wmax[eK[e]]) w[e] = 0;
    else kept[eK[e]]++;
  }
}

/** S = A − W C⁻¹ Wᵀ (lower triangle) and rhs = −gp − W C⁻¹ gl, eliminating the buyers. */
function schurOnGoods(m: EdgeMarket, plan: SchurPlan, a: Float64Array, c: Float64Array, w: Float64Array, gp: Float64Array, gl: Float64Array, S: Float64Array, rhs: Float64Array): void {
  const { n, eK } = m;
  const { N, groupStart, groupEdges, localIdx, localW } = plan;
  S.fill(0);
  for (let k = 0; k < N; k++) S[k * N + k] = a[k];
  for (let k = 0; k < N; k++) rhs[k] = -gp[k];
  for (let i = 0; i < n; i++) {
    const from = groupStart[i];
    const deg = groupStart[i + 1] - from;
    for (let q = 0; q < deg; q++) {
      const e = groupEdges[from + q];
      localIdx[q] = eK[e];
      localW[q] = w[e];
    }
    eliminateOne(S, N, rhs, localIdx, localW, deg, c[i], gl[i], false);
  }
}

/**
 * The eliminated side's Newton step from the other's: d_g = (−grad_g + Σ_{e ∈ g} w_e·dOther[other_e]) / diag_g for
 * the `groups` variables of one side (edge e belongs to group[e] and touches other[e]).
 */
function backSubstitute(groups: number, E: number, group: Int32Array, other: Int32Array, w: Float64Array, dOther: Float64Array, grad: Float64Array, diag: Float64Array, out: Float64Array): void {
  for (let g = 0; g < groups; g++) out[g] = -grad[g];
  for (let e = 0; e < E; e++) out[group[e]] += w[e] * dOther[other[e]];
  for (let g = 0; g < groups; g++) out[g] /= diag[g];
}

/** Largest step α ≤ 1 keeping 1% of every slack and every λ_i along (dp, dl). */
function maxStep(m: EdgeMarket, s: Float64Array, lam: Float64Array, dp: Float64Array, dl: Float64Array): number {
  const { n, E, eI, eK, eV } = m;
  let alpha = 1;
  for (let e = 0; e < E; e++) {
    const ds = dp[eK[e]] - dl[eI[e]] * eV[e];
    if (ds < 0) alpha = Math.min(alpha, (-0.99 * s[e]) / ds);
  }
  for (let i = 0; i < n; i++) if (dl[i] < 0) alpha = Math.min(alpha, (-0.99 * lam[i]) / dl[i]);
  return alpha;
}

/**
 * Solves a unit-supply market (values V: n × K, budgets t) towards certificate gap ≤ ε.
 * Returns the best point found; the caller checks `certificate.gap` (near
 * μ → 0 the Newton systems become ill-conditioned, and the result may stop
 * short of ε — fisher-market.ts then finishes with warm-started
 * proportional response).
 */
export function solveFisherMarketBarrier(t: readonly number[], V: readonly ArrayLike<number>[], epsilon = 1e-6): BarrierResult {
  const n = t.length;
  const K = V[0].length;
  // Normalise: budgets sum to 1, each buyer's max value is 1 (equilibrium prices scale back linearly; λ_i per buyer).
  const T = t.reduce((a, b) => a + b, 0);
  const tn = Float64Array.from(t, (x) => x / T);
  const vmax = V.map((row) => {
    let m = 0;
    for (let k = 0; k < K; k++) m = Math.max(m, row[k]);
    return m;
  });
  // Sparse edge lists.
  let E = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) if (V[i][k] > 0) E++;
  const eI = new Int32Array(E);
  const eK = new Int32Array(E);
  const eV = new Float64Array(E);
  for (let i = 0, e = 0; i < n; i++) for (let k = 0; k < K; k++) if (V[i][k] > 0) { eI[e] = i; eK[e] = k; eV[e] = V[i][k] / vmax[i]; e++; }
  const mk: EdgeMarket = { n, K, E, eI, eK, eV, tn };
  const Vdense = V.map((r) => Float64Array.from({ length: K }, (_, k) => r[k]));
  // Strictly feasible start: λ_i = t_i / Σ_k v_ik; p_k = 2·max_i λ_i v_ik.
  const lam = new Float64Array(n);
  const rowSum = new Float64Array(n);
  for (let e = 0; e < E; e++) rowSum[eI[e]] += eV[e];
  for (let i = 0; i < n; i++) lam[i] = tn[i] / rowSum[i];
  const p = new Float64Array(K);
  for (let e = 0; e < E; e++) p[eK[e]] = Math.max(p[eK[e]], 2 * lam[eI[e]] * eV[e]);
  const s = new Float64Array(E);
  slacks(mk, p, lam, s);
  let mu = 1 / E;
  let steps = 0;
  const gp = new Float64Array(K);
  const gl = new Float64Array(n);
  const a = new Float64Array(K);
  const c = new Float64Array(n);
  const w = new Float64Array(E); // μ v / s² (the cross-block entries, negated)
  const dp = new Float64Array(K);
  const dl = new Float64Array(n);
  const pTry = new Float64Array(K);
  const lTry = new Float64Array(n);
  const sTry = new Float64Array(E);
  const schurOnLambda = n <= K;
  const plan = schurPlan(mk, schurOnLambda);
  const N = plan.N;
  const S = new Float64Array(N * N);
  const rhs = new Float64Array(N);
  let best: BarrierResult | null = null;
  for (let outer = 0; outer < 60; outer++) {
    // Centering: damped Newton on φ_μ.
    let fHere = Number.NaN; // φ_μ at the current point, once known
    for (let inner = 0; inner < 50; inner++) {
      gradientAndHessian(mk, lam, s, mu, gp, gl, a, c, w);
      // Solve [A −W; −Wᵀ C] [dp; dl] = −[gp; gl] via the Schur complement on the smaller side.
      if (schurOnLambda) {
        dropNegligible(mk, plan, w, NEGLIGIBLE_WEIGHT);
        schurOnBuyers(mk, plan, a, c, w, gp, gl, S, rhs);
        const sol = choleskySolve(S, N, rhs);
        if (!sol) break;
        dl.set(sol);
        backSubstitute(K, E, eK, eI, w, dl, gp, a, dp);
      } else {
        schurOnGoods(mk, plan, a, c, w, gp, gl, S, rhs);
        const sol = choleskySolve(S, N, rhs);
        if (!sol) break;
        dp.set(sol);
        backSubstitute(n, E, eI, eK, w, dp, gl, c, dl);
      }
      steps++;
      let dec = 0;
      for (let k = 0; k < K; k++) dec -= gp[k] * dp[k];
      for (let i = 0; i < n; i++) dec -= gl[i] * dl[i];
      if (dec / 2 < 1e-9 * Math.max(mu * E, 1e-6)) break;
      // Largest step keeping slacks and λ positive, then Armijo backtracking.
      let alpha = maxStep(mk, s, lam, dp, dl);
      const f0 = Number.isNaN(fHere) ? phi(mk, p, lam, s, mu) : fHere;
      let accepted = false;
      for (let bt = 0; bt < 60; bt++) {
        for (let k = 0; k < K; k++) pTry[k] = p[k] + alpha * dp[k];
        for (let i = 0; i < n; i++) lTry[i] = lam[i] + alpha * dl[i];
        if (slacks(mk, pTry, lTry, sTry)) {
          const f = phi(mk, pTry, lTry, sTry, mu);
          if (f <= f0 - 0.25 * alpha * dec) {
            fHere = f; // φ_μ at the next point (same μ): the next step's f0
            accepted = true;
            break;
          }
        }
        alpha *= 0.5;
      }
      if (!accepted) break;
      p.set(pTry);
      lam.set(lTry);
      s.set(sTry);
    }
    // Primal estimate x = μ/s, normalised to exact budgets and clearing; certificate in original units.
    const res = extract();
    if (!best || res.certificate.gap < best.certificate.gap) best = res;
    if (res.certificate.gap <= epsilon) return res;
    if (res.certificate.gap < 1e-2) {
      // Exact completion from the barrier's (accurate) prices.
      const bWhole = res.xFrac.map((row) => Float64Array.from(row, (x, k) => x * res.prices[k]));
      const exact = polish(t, Vdense, bWhole, res.prices, epsilon);
      if (exact) return { xFrac: exact.xf, prices: exact.p, newtonSteps: steps, certificate: exact.cert };
    }
    if (mu < 1e-16 || (best.certificate.gap < 1e-3 && res.certificate.gap > 2 * best.certificate.gap)) break;
    mu *= 0.1;
  }
  if (!best) throw new Error('Fisher market (barrier): no interior point found');
  return best;

  /**
   * Primal estimate from the barrier point: x = μ/s, keeping only edges whose
   * relative slack s_ik/p_k ≤ τ (clearly non-MBB edges are dropped), then
   * re-normalised so every budget is spent and every good clears exactly.
   * Tries several τ and keeps the best certificate; a τ that keeps the same
   * edges as the previous one (the kept sets grow with τ) gives the same
   * point and is skipped.
   */
  function extract(): BarrierResult {
    let bestHere: BarrierResult | null = null;
    const taus = [1e-9, 1e-8, 1e-7, 1e-6, 1e-5, Infinity];
    // level[e]: the first τ that keeps edge e (taus.length: none does); kept sets grow with τ.
    const level = new Uint8Array(E);
    const keptAt = new Int32Array(taus.length + 1);
    for (let e = 0; e < E; e++) {
      const pk = p[eK[e]];
      let j = 0;
      while (j < taus.length && !(s[e] <= taus[j] * pk)) j++;
      level[e] = j;
      keptAt[j]++;
    }
    const col = new Float64Array(K);
    const spend = new Float64Array(E);
    for (let j = 0; j < taus.length; j++) {
      if (j > 0 && keptAt[j] === 0) continue; // the same edges as the last τ
      col.fill(0);
      for (let e = 0; e < E; e++) if (level[e] <= j) col[eK[e]] += mu / s[e];
      let covered = true;
      for (let k = 0; k < K; k++) if (!(col[k] > 0)) covered = false;
      if (!covered) continue;
      // Spending on kept edges (0 elsewhere): sums over a buyer's or a good's edges run in the dense order, so skipping
      // the zeros changes no bit.
      spend.fill(0);
      for (let e = 0; e < E; e++) if (level[e] <= j) spend[e] = (p[eK[e]] * (mu / s[e])) / col[eK[e]];
      let budgetsOk = true;
      for (let e = 0; e < E; ) {
        const i = eI[e];
        let end = e;
        let sum = 0;
        while (end < E && eI[end] === i) sum += spend[end++];
        if (!(sum > 0)) { budgetsOk = false; break; }
        const f = tn[i] / sum;
        for (; e < end; e++) spend[e] *= f;
      }
      if (!budgetsOk) continue;
      const prices = new Float64Array(K);
      for (let e = 0; e < E; e++) if (spend[e] !== 0) prices[eK[e]] += spend[e];
      const xFrac = Array.from({ length: n }, () => new Float64Array(K));
      for (let e = 0; e < E; e++) if (spend[e] !== 0) xFrac[eI[e]][eK[e]] = prices[eK[e]] > 0 ? spend[e] / prices[eK[e]] : 0;
      for (let k = 0; k < K; k++) prices[k] *= T;
      const certificate = marketCertificate(t, V, xFrac, prices, epsilon);
      if (!bestHere || certificate.gap < bestHere.certificate.gap) bestHere = { xFrac, prices, newtonSteps: steps, certificate };
    }
    return bestHere!;
  }
}
