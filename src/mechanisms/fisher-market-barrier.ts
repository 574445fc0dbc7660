/**
 * Primal–dual interior-point solver (Mehrotra predictor–corrector) for the
 * Eisenberg–Gale program of a linear Fisher market with unit supplies, in
 * its dual form
 *
 *   min_{p, λ}  Σ_k p_k − Σ_i t_i·log λ_i   s.t.  s_ik = p_k − λ_i·v_ik ≥ 0  for v_ik > 0,
 *
 * where p are prices and λ_i = t_i/u_i is buyer i's price per unit of
 * utility (the inverse of its max bang-per-buck), and the primal x ≥ 0
 * (fractions of goods) are the multipliers of s ≥ 0. The KKT conditions are
 * Σ_i x_ik = 1 (goods clear), Σ_k v_ik·x_ik = t_i/λ_i (budgets spent) and
 * x_ik·s_ik = 0; each Newton step linearises them with x·s = τ:
 * a predictor (τ = 0) gives the affine-scaling step and μ_aff, then a
 * corrector with τ = σμ − Δx_aff·Δs_aff, σ = (μ_aff/μ)³, both from one
 * factorisation (Mehrotra 1992, "On the implementation of a primal-dual
 * interior point method", SIAM J. Optim. 2(4); Wright 1997, *Primal-Dual
 * Interior-Point Methods*, ch. 10). Primal and dual steps go to 0.99 of the
 * longest feasible step, separately. Every time μ has fallen tenfold, the
 * primal estimate is re-normalised exactly and the CE certificate checked,
 * and from gap < 1e-2 on, `polish` tries the exact completion.
 * *(Ours: the spec's solvers are proportional response and tangent cutting
 * planes; this is the exact method Allot switches to when proportional
 * response stalls.)*
 *
 * Newton systems use the block structure (diagonal p–p and λ–λ blocks,
 * sparse cross block W with w_ik = x_ik·v_ik/s_ik) via a Schur complement
 * on the smaller side: O(|E|·min(n, K)) per step, |E| = number of positive
 * values. (The damped-Newton barrier this replaces dropped negligible cross
 * weights late on the path; here that makes the step inexact, and the
 * primal–dual iteration then loses feasibility and can stall, so every
 * Newton system is solved exactly.)
 */
import { marketCertificate, polish, type CertificateReport } from './fisher-market.js';

export interface BarrierResult {
  /** Fraction of each (unit) good bought by each buyer. */
  xFrac: Float64Array[];
  /** Price of each whole good. */
  prices: Float64Array;
  /** Newton steps taken (matrix factorisations; each serves the predictor and the corrector). */
  newtonSteps: number;
  certificate: CertificateReport;
}

/** Cholesky factor L (lower triangle, row-major) of a dense SPD matrix A (reads its lower triangle); false if A is not positive definite. */
function choleskyFactor(A: Float64Array, N: number, L: Float64Array): boolean {
  L.set(A);
  for (let j = 0; j < N; j++) {
    let d = L[j * N + j];
    for (let k = 0; k < j; k++) d -= L[j * N + k] * L[j * N + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    L[j * N + j] = ljj;
    for (let i = j + 1; i < N; i++) {
      let s = L[i * N + j];
      for (let k = 0; k < j; k++) s -= L[i * N + k] * L[j * N + k];
      L[i * N + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L Lᵀ y = b into `y` from the factor of `choleskyFactor`. */
function choleskySubstitute(L: Float64Array, N: number, b: Float64Array, y: Float64Array): void {
  y.set(b);
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

/**
 * The Newton matrix's blocks at the primal–dual point (x, p, λ) with slacks s: diagonals a_k = Σ_{e∈k} x_e/s_e and
 * c_i = t_i/λ_i² + Σ_{e∈i} x_e·v_e²/s_e, and cross weights w_e = x_e·v_e/s_e (H_pλ = −w).
 */
function newtonMatrix(m: EdgeMarket, lam: Float64Array, s: Float64Array, x: Float64Array, a: Float64Array, c: Float64Array, w: Float64Array): void {
  const { n, E, eI, eK, eV, tn } = m;
  a.fill(0);
  for (let i = 0; i < n; i++) c[i] = tn[i] / (lam[i] * lam[i]);
  for (let e = 0; e < E; e++) {
    const d = x[e] / s[e];
    const dv = d * eV[e];
    a[eK[e]] += d;
    c[eI[e]] += dv * eV[e];
    w[e] = dv;
  }
}

/**
 * The Newton right-hand side for complementarity targets τ (x_e·s_e = τ_e after the step, to first order):
 * gp_k = 1 − Σ_{e∈k} τ_e/s_e, gl_i = −t_i/λ_i + Σ_{e∈i} v_e·τ_e/s_e — the gradient of the log-barrier objective
 * with one barrier weight τ_e per edge (τ_e = μ for all e: the barrier's gradient).
 */
function newtonGradient(m: EdgeMarket, lam: Float64Array, s: Float64Array, tau: Float64Array, gp: Float64Array, gl: Float64Array): void {
  const { n, E, eI, eK, eV, tn } = m;
  gp.fill(1);
  for (let i = 0; i < n; i++) gl[i] = -tn[i] / lam[i];
  for (let e = 0; e < E; e++) {
    const q = tau[e] / s[e];
    gp[eK[e]] -= q;
    gl[eI[e]] += q * eV[e];
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
  return { N, groupStart, groupEdges, localIdx: new Int32Array(maxDegree), localW: new Float64Array(maxDegree), w8: Array.from({ length: 8 }, () => new Float64Array(onLambda ? N : 0)), dense: new Uint8Array(onLambda ? m.K : 0) };
}

/**
 * S −= Σ_r w_r w_rᵀ / a_{k+r} (lower triangle) for the eight goods k…k+7
 * valued by every buyer (w8[r] = their W columns), the terms subtracted in good order.
 */
function subtractEight(S: Float64Array, N: number, w8: Float64Array[], a: Float64Array, k: number): void {
  const [w0, w1, w2, w3, w4, w5, w6, w7] = w8;
  const a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3], a4 = a[k + 4], a5 = a[k + 5], a6 = a[k + 6], a7 = a[k + 7];
  for (let q1 = 0; q1 < N; q1++) {
    const f0 = w0[q1] / a0, f1 = w1[q1] / a1, f2 = w2[q1] / a2, f3 = w3[q1] / a3;
    const f4 = w4[q1] / a4, f5 = w5[q1] / a5, f6 = w6[q1] / a6, f7 = w7[q1] / a7;
    const row = q1 * N;
    for (let q2 = 0; q2 <= q1; q2++) {
      S[row + q2] = S[row + q2] - f0 * w0[q2] - f1 * w1[q2] - f2 * w2[q2] - f3 * w3[q2] - f4 * w4[q2] - f5 * w5[q2] - f6 * w6[q2] - f7 * w7[q2];
    }
  }
}

/** S = C − Wᵀ A⁻¹ W (lower triangle), eliminating the goods. */
function schurOnBuyers(m: EdgeMarket, plan: SchurPlan, a: Float64Array, c: Float64Array, w: Float64Array, S: Float64Array): void {
  const { K, eI } = m;
  const { N, groupStart, groupEdges, localIdx, localW } = plan;
  const w8 = plan.w8;
  S.fill(0);
  for (let i = 0; i < N; i++) S[i * N + i] = c[i];
  // dense[k]: good k is valued by every buyer.
  const dense = plan.dense;
  for (let k = 0; k < K; k++) dense[k] = groupStart[k + 1] - groupStart[k] === N ? 1 : 0;
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
      subtractEight(S, N, w8, a, k);
      k += 7;
      continue;
    }
    // The edges of good k, gathered into contiguous arrays (same terms, same order as edge by edge); buyers ascend
    // within a good, so q2 ≤ q1 fills exactly the lower triangle, all that the Cholesky factorisation reads.
    // Zero weights (x_e underflowed to 0) are skipped: subtracting their zero terms would change no bit.
    const from = groupStart[k];
    let deg = 0;
    for (let e = from; e < groupStart[k + 1]; e++) {
      const we = w[groupEdges[e]];
      if (we === 0) continue;
      localIdx[deg] = eI[groupEdges[e]];
      localW[deg++] = we;
    }
    eliminateOne(S, N, localIdx, localW, deg, a[k], deg === N); // deg = N: every buyer values good k, localIdx[q] = q
  }
}

/**
 * Eliminates one variable (diagonal `pivot`) coupled with weights `wts[0..deg)` to the kept variables
 * `idx[0..deg)`: S −= (1/pivot)·w wᵀ on the lower triangle (idx ascending). `dense` says
 * idx[q] = q, which skips the indirection (same operations in the same order, so bit-identical).
 */
function eliminateOne(S: Float64Array, N: number, idx: Int32Array, wts: Float64Array, deg: number, pivot: number, dense: boolean): void {
  for (let q1 = 0; q1 < deg; q1++) {
    const i1 = idx[q1];
    const f = wts[q1] / pivot;
    const row = i1 * N;
    if (dense) for (let q2 = 0; q2 <= q1; q2++) S[row + q2] -= f * wts[q2];
    else for (let q2 = 0; q2 <= q1; q2++) S[row + idx[q2]] -= f * wts[q2];
  }
}

/** Newton steps (matrix factorisations) before the solver gives up and returns its best point. */
const MAX_NEWTON_STEPS = 200;

/** μ0 of the start in units of max_k (max_i λ_i·v_ik)/deg_k (ours: 0.3…3 take 19–21 steps on the per-node bench market). */
const START_CENTRING = 0.3;

/** Fraction of the longest feasible step taken (primal x, dual p and λ separately). */
const STEP_FRACTION = 0.99;

/** S = A − W C⁻¹ Wᵀ (lower triangle), eliminating the buyers. */
function schurOnGoods(m: EdgeMarket, plan: SchurPlan, a: Float64Array, c: Float64Array, w: Float64Array, S: Float64Array): void {
  const { n, eK } = m;
  const { N, groupStart, groupEdges, localIdx, localW } = plan;
  S.fill(0);
  for (let k = 0; k < N; k++) S[k * N + k] = a[k];
  for (let i = 0; i < n; i++) {
    const from = groupStart[i];
    const deg = groupStart[i + 1] - from;
    for (let q = 0; q < deg; q++) {
      const e = groupEdges[from + q];
      localIdx[q] = eK[e];
      localW[q] = w[e];
    }
    eliminateOne(S, N, localIdx, localW, deg, c[i], false);
  }
}

/**
 * The Schur system's right-hand side rhs = −gKept − Wᵀ D⁻¹ gElim for the `N` kept variables, eliminating the side with
 * diagonal `diagElim` and gradient `gElim` (edge e joins kept[e] and elim[e]).
 */
function schurRhs(N: number, E: number, kept: Int32Array, elim: Int32Array, w: Float64Array, gKept: Float64Array, gElim: Float64Array, diagElim: Float64Array, rhs: Float64Array): void {
  for (let q = 0; q < N; q++) rhs[q] = -gKept[q];
  for (let e = 0; e < E; e++) rhs[kept[e]] -= (w[e] * gElim[elim[e]]) / diagElim[elim[e]];
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

/** Σ_j u_j·v_j over j < len. */
function dot(u: Float64Array, v: Float64Array, len: number): number {
  let d = 0;
  for (let j = 0; j < len; j++) d += u[j] * v[j];
  return d;
}

/** Largest α with v + α·dv ≥ 0 over v[0..len) (∞ when no component decreases). */
function stepToBoundary(v: Float64Array, dv: Float64Array, len: number, alpha = Infinity): number {
  for (let j = 0; j < len; j++) if (dv[j] < 0) alpha = Math.min(alpha, -v[j] / dv[j]);
  return alpha;
}

/**
 * Solves a unit-supply market (values V: n × K, budgets t) towards certificate gap ≤ ε.
 * Returns the best point found; the caller checks `certificate.gap` (near
 * μ → 0 the Newton systems become ill-conditioned, and the result may stop
 * short of ε — fisher-market.ts then finishes with warm-started
 * proportional response). Stops after 200 Newton steps at most.
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
  // A centred start (ours): x_e = 1/deg_k splits every good evenly over the buyers who value it, λ_i = t_i/u_i(x)
  // spends every budget, and p_k = max_i λ_i·v_ik + μ0·deg_k puts every x_e·s_e in [μ0, μ0·(1 + 1/START_CENTRING)].
  const x = new Float64Array(E);
  const deg = new Float64Array(K);
  for (let e = 0; e < E; e++) deg[eK[e]]++;
  for (let e = 0; e < E; e++) x[e] = 1 / deg[eK[e]];
  const lam = new Float64Array(n);
  for (let e = 0; e < E; e++) lam[eI[e]] += eV[e] * x[e];
  for (let i = 0; i < n; i++) lam[i] = tn[i] / lam[i];
  const p = new Float64Array(K);
  for (let e = 0; e < E; e++) p[eK[e]] = Math.max(p[eK[e]], lam[eI[e]] * eV[e]);
  let mu0 = 0;
  for (let k = 0; k < K; k++) mu0 = Math.max(mu0, p[k] / deg[k]);
  for (let k = 0; k < K; k++) p[k] += START_CENTRING * mu0 * deg[k];
  const s = new Float64Array(E);
  slacks(mk, p, lam, s);
  let steps = 0;
  const gp = new Float64Array(K);
  const gl = new Float64Array(n);
  const a = new Float64Array(K);
  const c = new Float64Array(n);
  const w = new Float64Array(E); // x v / s (the cross-block entries, negated)
  const dp = new Float64Array(K);
  const dl = new Float64Array(n);
  const ds = new Float64Array(E);
  const dx = new Float64Array(E);
  const tau = new Float64Array(E);
  const schurOnLambda = n <= K;
  const plan = schurPlan(mk, schurOnLambda);
  const N = plan.N;
  const S = new Float64Array(N * N);
  const L = new Float64Array(N * N);
  const rhs = new Float64Array(N);
  const sol = new Float64Array(N);
  let best: BarrierResult | null = null;
  let mu = Infinity;
  let muExtracted = Infinity;
  let usable = true;
  /**
   * The primal estimate at the current point (`extract`), kept when it is the best so far; returns it when certified,
   * or its exact completion (`polish`, tried from gap < 1e-2) when that is certified, else null.
   */
  const certify = (): BarrierResult | null => {
    muExtracted = mu;
    const res = extract();
    if (!best || res.certificate.gap < best.certificate.gap) best = res;
    if (res.certificate.gap <= epsilon) return res;
    if (res.certificate.gap < 1e-2) {
      const bWhole = res.xFrac.map((row) => Float64Array.from(row, (v, k) => v * res.prices[k]));
      const exact = polish(t, Vdense, bWhole, res.prices, epsilon);
      if (exact) return { xFrac: exact.xf, prices: exact.p, newtonSteps: steps, certificate: exact.cert };
    }
    return null;
  };
  /** The Newton direction (dp, dl, ds, dx) for complementarity targets τ, from the factored Schur complement. */
  const direction = (): void => {
    newtonGradient(mk, lam, s, tau, gp, gl);
    if (schurOnLambda) {
      schurRhs(N, E, eI, eK, w, gl, gp, a, rhs);
      choleskySubstitute(L, N, rhs, sol);
      dl.set(sol);
      backSubstitute(K, E, eK, eI, w, dl, gp, a, dp);
    } else {
      schurRhs(N, E, eK, eI, w, gp, gl, c, rhs);
      choleskySubstitute(L, N, rhs, sol);
      dp.set(sol);
      backSubstitute(n, E, eI, eK, w, dp, gl, c, dl);
    }
    for (let e = 0; e < E; e++) {
      ds[e] = dp[eK[e]] - dl[eI[e]] * eV[e];
      dx[e] = tau[e] / s[e] - x[e] - (x[e] / s[e]) * ds[e];
    }
  };
  for (let iter = 0; iter < MAX_NEWTON_STEPS; iter++) {
    mu = dot(x, s, E) / E;
    if (mu <= muExtracted * 0.1) {
      const done = certify();
      if (done) return done;
      if (mu < 1e-18) break;
    }
    newtonMatrix(mk, lam, s, x, a, c, w);
    if (schurOnLambda) {
      schurOnBuyers(mk, plan, a, c, w, S);
    } else schurOnGoods(mk, plan, a, c, w, S);
    if (!choleskyFactor(S, N, L)) break;
    steps++;
    // Predictor (affine scaling): targets x·s = 0.
    tau.fill(0);
    direction();
    const apAff = Math.min(1, stepToBoundary(x, dx, E));
    const adAff = Math.min(1, stepToBoundary(lam, dl, n, stepToBoundary(s, ds, E)));
    let xsAff = 0;
    for (let e = 0; e < E; e++) xsAff += (x[e] + apAff * dx[e]) * (s[e] + adAff * ds[e]);
    const sigma = (xsAff / E / mu) ** 3;
    // Corrector: centring σμ and the predictor's second-order term.
    for (let e = 0; e < E; e++) tau[e] = sigma * mu - dx[e] * ds[e];
    direction();
    const ap = Math.min(1, STEP_FRACTION * stepToBoundary(x, dx, E));
    const ad = Math.min(1, STEP_FRACTION * stepToBoundary(lam, dl, n, stepToBoundary(s, ds, E)));
    for (let e = 0; e < E; e++) x[e] += ap * dx[e];
    for (let k = 0; k < K; k++) p[k] += ad * dp[k];
    for (let i = 0; i < n; i++) lam[i] += ad * dl[i];
    if (!slacks(mk, p, lam, s)) {
      usable = false; // rounding broke s > 0: keep the best point certified so far
      break;
    }
  }
  if (usable && dot(x, s, E) / E < muExtracted) {
    // The last point, unless certified already at its μ.
    mu = dot(x, s, E) / E;
    const done = certify();
    if (done) return done;
  }
  if (!best) throw new Error('Fisher market (barrier): no interior point found');
  return best;

  /**
   * Primal estimate from the interior point: x, keeping only edges whose
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
      for (let e = 0; e < E; e++) if (level[e] <= j) col[eK[e]] += x[e];
      let covered = true;
      for (let k = 0; k < K; k++) if (!(col[k] > 0)) covered = false;
      if (!covered) continue;
      // Spending on kept edges (0 elsewhere): sums over a buyer's or a good's edges run in the dense order, so skipping
      // the zeros changes no bit.
      spend.fill(0);
      for (let e = 0; e < E; e++) if (level[e] <= j) spend[e] = (p[eK[e]] * x[e]) / col[eK[e]];
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
