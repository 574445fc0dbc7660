/** M-Dice: the Fisher-market equilibrium (certificate, EF/PROP/fPE of x) and its realisations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marketCertificate, solveFisherMarket } from '../../src/mechanisms/fisher-market.js';
import { solveFisherMarketBarrier } from '../../src/mechanisms/fisher-market-barrier.js';
import { createMarketDice, marketEquilibriumAllocation } from '../../src/mechanisms/dice-market.js';
import { dependentRounding } from '../../src/mechanisms/dependent-rounding.js';
import { birkhoffLottery } from '../../src/mechanisms/bvn.js';
import { toDense } from '../../src/mechanisms/fractional.js';
import { fractionalFairness } from '../../src/metrics/fairness.js';
import { loadLpSolver, solveLpWith, type LinearTerm } from '../../src/solvers/highs.js';
import { Rng } from '../../src/sim/rng.js';
import type { FractionalAllocation } from '../../src/mechanisms/types.js';
import { arbProblem, problem } from './helpers.js';

function randomMarket(rng: Rng, n: number, K: number, sparse: boolean) {
  const budgets = Array.from({ length: n }, () => 1 + rng.int(10));
  const values = Array.from({ length: n }, () => Float64Array.from({ length: K }, () => (sparse && rng.next() < 0.5 ? 0 : rng.next())));
  values.forEach((row) => { if (!row.some((v) => v !== 0)) row[rng.int(K)] = 1; });
  for (let k = 0; k < K; k++) if (values.every((row) => row[k] === 0)) values[rng.int(n)][k] = 1;
  return { budgets, values };
}

test('Fisher market: certificate gap ≤ 1e-6 on random markets up to 50 × 200 (dense and sparse), Σ prices = Σ budgets', () => {
  const rng = Rng.stream(7, 'markets');
  for (const [n, K, sparse] of [[2, 3, false], [5, 10, true], [12, 40, false], [20, 60, true], [50, 200, false]] as const) {
    const m = randomMarket(rng, n, K, sparse);
    const eq = solveFisherMarket(m);
    const xf = eq.x.map((row) => Array.from(row));
    const cert = marketCertificate(m.budgets, m.values, xf, eq.prices);
    assert.ok(cert.gap <= 1e-6, `${n}×${K}: gap ${cert.gap}`);
    const sum = eq.prices.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - m.budgets.reduce((a, b) => a + b, 0)) < 1e-6 * sum);
  }
});

test('Fisher market: the certificate rejects a non-equilibrium (proportional split) and equilibrium prices are unique across solvers', () => {
  const rng = Rng.stream(8, 'markets');
  const m = randomMarket(rng, 6, 9, false);
  const n = m.budgets.length;
  const T = m.budgets.reduce((a, b) => a + b, 0);
  const naiveX = m.budgets.map((t) => new Array(9).fill(t / T));
  const naiveP = new Array(9).fill(T / 9);
  assert.ok(marketCertificate(m.budgets, m.values, naiveX, naiveP).gap > 1e-3);
  const a = solveFisherMarket(m, { method: 'proportional-response' });
  const b = solveFisherMarket(m, { method: 'barrier' });
  for (let k = 0; k < 9; k++) assert.ok(Math.abs(a.prices[k] - b.prices[k]) < 1e-5 * T, `price ${k}`);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(a.utilities[i] - b.utilities[i]) < 1e-5 * a.utilities[i], `utility ${i}`);
});

test('M-Dice x is weighted envy-free and proportional within ε, and fractionally Pareto-efficient (fPE LP optimum 0)', async () => {
  const highs = await loadLpSolver();
  await fc.assert(
    fc.asyncProperty(arbProblem({ maxN: 4, maxM: 6 }), async ({ p }) => {
      const { fractions } = marketEquilibriumAllocation(p);
      const f = fractionalFairness(p, fractions);
      if (Number.isFinite(f.weightedEnvy)) assert.ok(f.weightedEnvy <= 1e-6, `weighted envy ${f.weightedEnvy}`);
      if (Number.isFinite(f.propShortfall)) assert.ok(f.propShortfall <= 1e-6, `PROP shortfall ${f.propShortfall}`);
      // fPE: max Σ s_i s.t. Σ_j v_ij y_ij ≥ u_i(x) + s_i, s ≥ 0, Σ_i y_ij ≤ 1 — optimum must be 0
      // (right-hand sides relaxed by 1e-9 relative so that rounding in x cannot make the LP infeasible).
      const n = p.tenants.length;
      const m = p.nodes.length;
      const dense = toDense(fractions, n);
      const constraints = [];
      for (let i = 0; i < n; i++) {
        let u = 0;
        const terms: LinearTerm[] = [];
        for (let j = 0; j < m; j++) {
          u += p.utilities[i][j] * dense[i][j];
          if (p.utilities[i][j] > 0) terms.push({ coef: p.utilities[i][j], variable: `y_${i}_${j}` });
        }
        terms.push({ coef: -1, variable: `s_${i}` });
        constraints.push({ name: `u_${i}`, terms, sense: '>=' as const, rhs: u * (1 - 1e-9) });
      }
      for (let j = 0; j < m; j++) {
        const terms = [...Array(n).keys()].filter((i) => p.utilities[i][j] > 0).map((i) => ({ coef: 1, variable: `y_${i}_${j}` }));
        if (terms.length) constraints.push({ name: `c_${j}`, terms, sense: '<=' as const, rhs: 1 });
      }
      const sol = solveLpWith(highs, { sense: 'maximize', objective: [...Array(n).keys()].map((i) => ({ coef: 1, variable: `s_${i}` })), constraints });
      const scale = Math.max(1, ...p.utilities.map((r) => Math.max(...Array.from(r))));
      assert.ok(sol.objective <= 1e-6 * scale * m, `fPE slack ${sol.objective}`);
    }),
    { numRuns: 40 },
  );
});

function randomFractions(rng: Rng, n: number, m: number): FractionalAllocation {
  return Array.from({ length: m }, () => {
    const w = Array.from({ length: n }, () => (rng.next() < 0.4 ? 0 : rng.next()));
    if (!w.some((x) => x !== 0)) w[rng.int(n)] = 1;
    const s = w.reduce((a, b) => a + b, 0);
    return w.map((x, i) => ({ tenant: i, x: x / s })).filter((e) => e.x > 0);
  });
}

test('dependent rounding: every node to exactly one tenant, each tenant gets ⌊Σx⌋ or ⌈Σx⌉ nodes', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }), fc.integer(), (n, m, seed) => {
      const rng = new Rng(seed);
      const f = randomFractions(rng, n, m);
      const a = dependentRounding(f, n, rng);
      const rows = toDense(f, n).map((r) => r.reduce((x, y) => x + y, 0));
      a.forEach((i, j) => assert.ok(i !== null && f[j].some((e) => e.tenant === i), `node ${j} → ${i}`));
      rows.forEach((r, i) => {
        const c = a.filter((x) => x === i).length;
        assert.ok(c >= Math.floor(r + 1e-9) && c <= Math.ceil(r - 1e-9), `tenant ${i}: ${c} nodes for Σx = ${r}`);
      });
    }),
    { numRuns: 300 },
  );
});

test('dependent rounding: empirical marginals over 10^4 seeded samples lie within 4σ of x', () => {
  const n = 3;
  const m = 5;
  const f = randomFractions(Rng.stream(3, 'f'), n, m);
  const x = toDense(f, n);
  const rng = Rng.stream(3, 'rounding');
  const S = 10000;
  const hits = Array.from({ length: n }, () => new Array(m).fill(0));
  for (let s = 0; s < S; s++) dependentRounding(f, n, rng).forEach((i, j) => hits[i!][j]++);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const sd = Math.sqrt((S * x[i][j] * (1 - x[i][j])) || 1e-12);
      assert.ok(Math.abs(hits[i][j] - S * x[i][j]) <= 4 * sd + 1e-9, `(${i},${j}): ${hits[i][j]} vs ${S * x[i][j]}`);
    }
  }
});

test('BvN lottery: probabilities sum to 1 and marginals are exactly x', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (n, m, seed) => {
      const f = randomFractions(new Rng(seed), n, m);
      const lottery = birkhoffLottery(f, n);
      const x = toDense(f, n);
      assert.ok(Math.abs(lottery.reduce((a, o) => a + o.probability, 0) - 1) < 1e-9);
      const marg = Array.from({ length: n }, () => new Array(m).fill(0));
      for (const o of lottery) o.assignment.forEach((i, j) => (marg[i][j] += o.probability));
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) assert.ok(Math.abs(marg[i][j] - x[i][j]) < 1e-7, `(${i},${j}) ${marg[i][j]} vs ${x[i][j]}`);
    }),
    { numRuns: 200 },
  );
});

test('M-Dice errors name the round (a solver failure in round 1 after a good round 0)', () => {
  const good = problem([3, 1], [[5, 1], [2, 6]]);
  const bad = problem([3, 1], [[5, Infinity], [2, 6]]);
  const m = createMarketDice();
  m.allocate(good, new Rng(1));
  assert.throws(() => m.allocate(bad, new Rng(1)), /M-Dice round 1: .*finite/);
});

test('Fisher market barrier solver: a certified equilibrium on its own on random markets with goods every buyer values (the Schur complement four goods at a time) and sparser ones', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 12 }), fc.integer(), (n, extra, seed) => {
      const rng = Rng.stream(seed, 'barrier-markets');
      const K = n + extra;
      const budgets = Array.from({ length: n }, () => 1 + rng.int(10));
      // Goods valued by every buyer come in runs (the blocked path) between sparser goods (one good at a time).
      const dense = Array.from({ length: K }, () => rng.next() < 0.7);
      const values = Array.from({ length: n }, () => Float64Array.from({ length: K }, (_, k) => (dense[k] || rng.next() < 0.5 ? 0.01 + rng.next() : 0)));
      values.forEach((row) => { if (!row.some((v) => v !== 0)) row[rng.int(K)] = 1; });
      for (let k = 0; k < K; k++) if (values.every((row) => row[k] === 0)) values[rng.int(n)][k] = 1;
      const bar = solveFisherMarketBarrier(budgets, values);
      assert.ok(bar.certificate.gap <= 1e-6, `gap ${bar.certificate.gap}`);
      const cert = marketCertificate(budgets, values, bar.xFrac, bar.prices);
      assert.ok(cert.gap <= 1e-6, `recomputed gap ${cert.gap}`);
    }),
    { numRuns: 40 },
  );
});

test('Fisher market interior point (Mehrotra predictor–corrector): certified at ε = 1e-6 and at 1e-12, and then with the prices and utilities of proportional response (prices are unique) within 1e-9 relative, on random markets', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), fc.integer(), (n, K, sparse, seed) => {
      const m = randomMarket(Rng.stream(seed, 'mehrotra-markets'), n, K, sparse);
      // Both run to ε = 1e-12, which takes the exact completion; at the default 1e-6 a certified price of a good worth
      // little to everyone can differ by more than 1e-9 relative.
      const bar = solveFisherMarketBarrier(m.budgets, m.values, 1e-12);
      assert.ok(bar.certificate.gap <= 1e-12, `gap ${bar.certificate.gap}`);
      assert.ok(marketCertificate(m.budgets, m.values, bar.xFrac, bar.prices).gap <= 1e-12);
      assert.ok(solveFisherMarketBarrier(m.budgets, m.values).certificate.gap <= 1e-6);
      const pr = solveFisherMarket(m, { method: 'proportional-response', maxIter: 50_000, epsilon: 1e-12 });
      for (let k = 0; k < K; k++) assert.ok(Math.abs(bar.prices[k] - pr.prices[k]) <= 1e-9 * pr.prices[k], `price ${k}: ${bar.prices[k]} vs ${pr.prices[k]}`);
      for (let i = 0; i < n; i++) {
        let u = 0;
        for (let k = 0; k < K; k++) u += m.values[i][k] * bar.xFrac[i][k];
        assert.ok(Math.abs(u - pr.utilities[i]) <= 1e-9 * pr.utilities[i], `utility ${i}: ${u} vs ${pr.utilities[i]}`);
      }
    }),
    { numRuns: 60 },
  );
});

test('Fisher market interior point: at most 18 Newton steps on a fixed dense 30 × 300 market (15 with the corrector; 25 without its second-order term, 30 without the corrector)', () => {
  const rng = Rng.stream(1, 'steps');
  const budgets = Array.from({ length: 30 }, () => 1 + rng.int(10));
  const values = Array.from({ length: 30 }, () => Float64Array.from({ length: 300 }, () => rng.next()));
  const bar = solveFisherMarketBarrier(budgets, values);
  assert.ok(bar.certificate.gap <= 1e-6, `gap ${bar.certificate.gap}`);
  assert.ok(bar.newtonSteps <= 18, `${bar.newtonSteps} Newton steps`);
});
