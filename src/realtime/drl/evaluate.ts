/**
 * Held-out evaluation of a trained policy against baselines: the scenario
 * is instantiated for each evaluation seed (arrival seeds disjoint from the
 * training seeds trainingSeed(·) ≥ 1,000,000 and the validation seed
 * 900,000 + seed), every scheduler runs on the same requests, and per
 * (tenant, model) hit rates vs targets are averaged over seeds. Includes a
 * vega-lite chart (SVG) of per-tenant hit rate vs target.
 */
import * as vl from 'vega-lite';
import * as vega from 'vega';
import type { RealtimeScheduler } from '../engine.js';
import { runExperiment } from '../experiment.js';
import { instantiate, scenarioProfiles, type RealtimeScenario } from '../scenario.js';

export interface EvaluationRow {
  policy: string;
  seed: number;
  deadlineHitRate: number;
  qosSatisfaction: number;
  deficitSum: number;
  maxDeficit: number;
  jainIndex: number;
  hitRateStd: number;
  energyJoules: number;
}

export interface Evaluation {
  seeds: number[];
  rows: EvaluationRow[];
  /** Mean over seeds, per policy. */
  summary: (Omit<EvaluationRow, 'seed'> & { seedsMeetingAllTargets: number })[];
  /** Mean hit rate over seeds per (policy, tenant/model) with its target: the `hitRate` series shape. */
  hitRate: { policy: string; tenant: string; hitRate: number; target: number }[];
}

/** Runs fresh schedulers (from `makeSchedulers`, called once per seed) on each evaluation seed. */
export async function evaluatePolicies(scenario: RealtimeScenario, seeds: readonly number[], makeSchedulers: () => RealtimeScheduler[] | Promise<RealtimeScheduler[]>, labels?: readonly string[]): Promise<Evaluation> {
  const profiles = scenarioProfiles(scenario);
  const rows: EvaluationRow[] = [];
  const hr = new Map<string, { policy: string; tenant: string; sum: number; n: number; target: number }>();
  const allMet = new Map<string, number>();
  for (const seed of seeds) {
    const inst = instantiate(scenario, seed, profiles);
    const exp = runExperiment(inst, await makeSchedulers(), { ganttLimit: 0, labels });
    for (const run of exp.runs) {
      const s = run.system;
      rows.push({ policy: run.name, seed, deadlineHitRate: s.deadlineHitRate ?? 0, qosSatisfaction: s.qosSatisfaction, deficitSum: s.deficitSum, maxDeficit: s.maxDeficit, jainIndex: s.jainIndex, hitRateStd: s.hitRateStd, energyJoules: s.energyJoules });
      allMet.set(run.name, (allMet.get(run.name) ?? 0) + (s.qosSatisfaction === 1 ? 1 : 0));
      for (const p of run.pairs) {
        const key = `${run.name}|${p.pair.tenant}/${p.pair.model}`;
        const e = hr.get(key) ?? { policy: run.name, tenant: `${p.pair.tenant}/${p.pair.model}`, sum: 0, n: 0, target: p.pair.sloTarget };
        e.sum += p.hitRate ?? 0;
        e.n++;
        hr.set(key, e);
      }
    }
  }
  const policies = [...new Set(rows.map((r) => r.policy))];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const summary = policies.map((policy) => {
    const rs = rows.filter((r) => r.policy === policy);
    return {
      policy,
      deadlineHitRate: mean(rs.map((r) => r.deadlineHitRate)),
      qosSatisfaction: mean(rs.map((r) => r.qosSatisfaction)),
      deficitSum: mean(rs.map((r) => r.deficitSum)),
      maxDeficit: mean(rs.map((r) => r.maxDeficit)),
      jainIndex: mean(rs.map((r) => r.jainIndex)),
      hitRateStd: mean(rs.map((r) => r.hitRateStd)),
      energyJoules: mean(rs.map((r) => r.energyJoules)),
      seedsMeetingAllTargets: allMet.get(policy) ?? 0,
    };
  });
  return { seeds: [...seeds], rows, summary, hitRate: [...hr.values()].map((e) => ({ policy: e.policy, tenant: e.tenant, hitRate: e.sum / e.n, target: e.target })) };
}

/** SVG of per-tenant hit rate (bars, one group per tenant/model) vs its SLO target (tick marks). */
export async function hitRateChartSvg(series: Evaluation['hitRate'], title: string): Promise<string> {
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values: series },
    width: 90,
    height: 220,
    facet: { column: { field: 'tenant', type: 'nominal', title: null, header: { labelAngle: -30, labelAlign: 'right' } } },
    spec: {
      layer: [
        { mark: 'bar', encoding: { x: { field: 'policy', type: 'nominal', axis: { labelAngle: -60 }, title: null }, y: { field: 'hitRate', type: 'quantitative', scale: { domain: [0.5, 1], clamp: true }, title: 'deadline hit rate' }, color: { field: 'policy', type: 'nominal' } } },
        { mark: { type: 'rule', color: 'black', strokeDash: [4, 2] }, encoding: { y: { field: 'target', aggregate: 'max', type: 'quantitative' } } },
      ],
    },
  };
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
