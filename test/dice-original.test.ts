/**
 * The original Dice system (kind dice-original): the split of agents and
 * nodes as the authors' code does it, conservation of requests, the
 * contract of `allot run --scenario builtin:dice-original`, and the seed's
 * -q as a load level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queueSystemOf } from '../src/scenarios/dice-original/index.js';
import { longRunEnvy } from '../src/scenarios/dice-original/run.js';
import { runCharts } from '../src/report/charts.js';
import { diceOriginalSchema } from '../src/scenarios/dice-original/schema.js';
import { simulateQueueSystem } from '../src/serving/queue-system.js';
import { createPerNodeStride } from '../src/mechanisms/per-node-stride.js';
import { createStrideDice } from '../src/mechanisms/dice-stride.js';
import { Rng } from '../src/sim/rng.js';
import { runScenario } from '../src/index.js';
import { runCliInProcess } from './cli-helpers.js';

const parse = (x: object) => diceOriginalSchema.parse({ kind: 'dice-original', ...x });

test('agents and nodes split as sys_config_default.json: 10 agents → weights 1×5, 2×2, 4×3; 5 nodes → speeds 1, 1, 1.4088, 1.3081, 1.3081', () => {
  const s = queueSystemOf(parse({}));
  assert.deepEqual(s.weights, [1, 1, 1, 1, 1, 2, 2, 4, 4, 4]);
  assert.deepEqual(s.serviceRates.map((r) => +(r / 2.352175).toFixed(4)), [1, 1, 1.4088, 1.3081, 1.3081]);
  assert.deepEqual(s.arrivalRates.map((r) => +(r / 2.21902).toFixed(6)), [1, 1, 1, 1, 1, 2, 2, 4, 4, 4]);
  const big = queueSystemOf(parse({ agents: 20, nodes: 40, load: 4 }));
  assert.deepEqual(big.weights, [...new Array(10).fill(1), ...new Array(5).fill(2), ...new Array(5).fill(4)]);
  assert.deepEqual([1, 1.4088, 1.3081].map((v) => big.serviceRates.filter((r) => Math.abs(r / 2.352175 - v) < 1e-9).length), [20, 10, 10]);
  assert.equal(big.arrivalRates[0], 1.10951, 'the seed\'s -q 4 is q5 (40 %)');
});

test('every request is served, dropped at its deadline or still queued; nothing is served from a node the agent does not hold', () => {
  const sys = queueSystemOf(parse({ rounds: 60 }));
  for (const mech of [createPerNodeStride(), createStrideDice({ turns: 'original' })]) {
    const r = simulateQueueSystem(sys, mech, new Rng(3), (s) => Rng.stream(3, s));
    for (let i = 0; i < sys.weights.length; i++) {
      let arrived = 0;
      let out = 0;
      for (let t = 0; t < 60; t++) {
        arrived += r.arrived[t][i];
        out += r.served[t][i] + r.dropped[t][i];
        if (r.held[t][i] === 0) assert.equal(r.served[t][i], 0);
      }
      assert.ok(Math.abs(arrived - out - r.backlog[59][i]) < 1e-9, `agent ${i}: ${arrived} = ${out} + ${r.backlog[59][i]}`);
    }
  }
});

test('allot run --scenario builtin:dice-original: goodputPerRound and servedFraction per policy, --set rounds=N', async () => {
  const c = await runCliInProcess(['run', '--scenario', 'builtin:dice-original', '--policies', 'tant,ss,l-dice,s-dice,m-dice', '--seed', '2', '--set', 'rounds=40', '--json']);
  assert.equal(c.code, 0, c.stderr);
  const out = JSON.parse(c.stdout);
  assert.equal(out.parameters.rounds, 40);
  assert.deepEqual(out.policies.map((p: { name: string }) => p.name), ['tant', 'ss', 'l-dice', 's-dice', 'm-dice']);
  for (const p of out.policies) {
    assert.ok(p.goodputPerRound > 5 && p.goodputPerRound < 20, `${p.name}: ${p.goodputPerRound}`);
    assert.ok(p.servedFraction > 0 && p.servedFraction < 1);
  }
});

test('on the original system the original forms are the default; the paper forms are one option away', async () => {
  const r = await runScenario({ kind: 'dice-original', rounds: 30, policies: ['s-dice', 's-dice(variant=paper)', 'l-dice', 'l-dice(variant=paper)'] }, { seed: 1 });
  const [sOrig, sPaper, lOrig, lPaper] = r.results.policies;
  assert.deepEqual([sOrig.name, sPaper.name, lOrig.name, lPaper.name], ['s-dice', 's-dice(variant=paper)', 'l-dice', 'l-dice(variant=paper)']);
  assert.notEqual(sOrig.goodputPerRound, sPaper.goodputPerRound);
  // the turn list gives agent i t_i turns in 20: 5 nodes × 30 rounds = 150 turns, 7.5 cycles → node counts ∝ weights within one cycle
  for (const t of sOrig.tenants) assert.ok(Math.abs((t.meanNodes as number) * 30 - (150 * (t.tokens as number)) / 20) <= (t.tokens as number), `${t.id}: ${t.meanNodes}`);
});

test('the seed\'s -q is the original kind\'s load level; the DNN mixes have names only', async () => {
  const c = await runCliInProcess(['run', '--scenario', 'builtin:dice-original', '--load-level', '1', '--set', 'rounds=2', '--policies', 'ss', '--json']);
  assert.equal(JSON.parse(c.stdout).parameters.load, 'q2');
  const bad = await runCliInProcess(['run', '--app-mix', '2']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--app-mix: expected one of "vision"/);
});

test('sharing incentive φ_i = served ÷ exclusive throughput (Σ_j min(arrivals to queue j, service draw j)) per agent, and its CDF table', async () => {
  const r = await runScenario({ kind: 'dice-original', rounds: 30, policies: ['ss'] }, { seed: 4 });
  const p = r.results.policies[0];
  for (const t of p.tenants) assert.ok((t.sharingIncentiveRatio as number) > 0 && (t.sharingIncentiveRatio as number) < 1.5, `${t.id}: ${t.sharingIncentiveRatio}`);
  assert.equal(p.sharingIncentiveMin, Math.min(...p.tenants.map((t) => t.sharingIncentiveRatio as number)));
  const cdf = r.artifacts.tables.find((x) => x.name === 'sharing-incentive')!;
  assert.equal(cdf.rows.length, 10);
  assert.equal(cdf.rows[9][3], 1);
});

test('long-run envy matrix (evals/gen-ef.py): E[i][k] = (w_i/w_k)·U_i(X_k)/U_i(X_i), hand-worked; null row for an agent that served nothing', () => {
  // U = [[6, 3], [2, 8]], w = [1, 2]: E[0][1] = (1/2)·3/6 = 0.25, E[1][0] = (2/1)·2/8 = 0.5
  assert.deepEqual(longRunEnvy([Float64Array.of(6, 3), Float64Array.of(2, 8)], [1, 2]), [[1, 0.25], [0.5, 1]]);
  assert.deepEqual(longRunEnvy([Float64Array.of(0, 4), Float64Array.of(1, 1)], [1, 1]), [null, [1, 1]]);
});

test('the envy matrix\'s diagonal is what each agent served; the run reports it per agent and draws it with the other original plots', async () => {
  const sys = queueSystemOf(parse({ rounds: 40 }));
  const r = simulateQueueSystem(sys, createPerNodeStride(), new Rng(5), (s) => Rng.stream(5, s));
  for (let i = 0; i < sys.weights.length; i++) {
    const served = r.served.reduce((a, row) => a + row[i], 0);
    assert.ok(Math.abs(r.crossServed[i][i] - served) < 1e-9, `agent ${i}: ${r.crossServed[i][i]} vs ${served}`);
  }
  const out = await runScenario({ kind: 'dice-original', rounds: 40, policies: ['ss', 'm-dice'] }, { seed: 5 });
  for (const p of out.results.policies) {
    const rows = out.artifacts.series.envyMatrix.filter((e) => e.policy === p.name);
    assert.equal(rows.length, 100);
    for (const t of p.tenants) {
      const mine = rows.filter((e) => e.agent === t.id);
      assert.equal(mine.find((e) => e.other === t.id)!.envyPercent, 100);
      assert.ok(Math.abs(Math.max(...mine.filter((e) => e.other !== t.id).map((e) => e.envyPercent as number)) / 100 - (t.longRunEnvyMax as number)) < 1e-12);
    }
    assert.equal(p.longRunEnvyMax, Math.max(...p.tenants.map((t) => t.longRunEnvyMax as number)));
    const thr = out.artifacts.series.averageThroughput.filter((e) => e.policy === p.name);
    assert.equal(thr.length, 40);
    assert.ok(Math.abs((thr[39].averageThroughput as number) - (p.goodputPerRound as number)) < 1e-9);
    assert.deepEqual(out.artifacts.series.classThroughput.filter((e) => e.policy === p.name).map((e) => e.servedPerRound), [0, 1, 2].map((c) => p[`servedPerRoundClass${c}`]));
  }
  const charts = runCharts(out.artifacts.series, out.results);
  assert.deepEqual(charts.map((c) => c.id), ['average-throughput', 'class-throughput', 'envy-heatmap', 'sharing-incentive']);
  assert.deepEqual(charts.map((c) => c.summary.metric), ['goodputPerRound', undefined, 'longRunEnvyMax', 'sharingIncentiveMin']);
});
