/**
 * Opens generated reports in headless Chromium (Debian's package via
 * playwright-core) at 1,280 px and checks them as a reader would (see
 * check-report.ts): summary first with a best policy named, no horizontal
 * overflow, every chart drawn with a text alternative and data that agree
 * with the tables, no console errors, no network requests. Saves full-page
 * screenshots under test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../fixtures/toy-queue-kind.js';
import { runToy, toySchema } from '../fixtures/toy-queue-kind.js';
import '../../src/report/html-writer.js';
import { writeRunOutputs } from '../../src/report/write-outputs.js';
import { writeSweepReport } from '../../src/report/report.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { writeSweepOutputs } from '../../src/sweep/write-sweep.js';
import { needsChromium } from './chromium.js';
import { checkReportInBrowser } from './check-report.js';
import { runCliInProcess } from '../cli-helpers.js';
import { dataFile, needsData } from '../../src/data/data-dir.js';

test('the report of a toy sweep renders in headless Chromium: load curves and the run charts', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-sweep-'));
  const plan = { kind: 'toy-queue', base: { kind: 'toy-queue', jobs: 100 }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: ['fifo', 'sjf', 'lottery'], seeds: [1, 2, 3] };
  const run = await runSweep({ plan, outDir: dir, workers: 0 });
  const { summary } = writeSweepOutputs(dir, plan, run);
  await writeSweepReport(dir, summary, run.records, { png: false });
  const { charts } = await checkReportInBrowser(join(dir, 'report.html'), 'toy-sweep-report.png');
  const ids = charts.map((c) => c.id);
  for (const id of ['curve-avgJctSeconds', 'curve-utilization', 'run-jct-cdf', 'run-tenant-share', 'run-hit-rate', 'run-utilization', 'run-gantt-fifo', 'run-gantt-sjf', 'run-gantt-lottery']) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
});

test('the report of a single run renders in headless Chromium', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-run-'));
  await writeRunOutputs(dir, await runToy(toySchema.parse({ kind: 'toy-queue', load: 1.3, policies: ['fifo', 'sjf', 'lottery'] }), 2));
  const { charts } = await checkReportInBrowser(join(dir, 'report.html'), 'toy-run-report.png');
  assert.deepEqual(charts.map((c) => c.id), ['jct-cdf', 'tenant-share', 'hit-rate', 'utilization', 'gantt-fifo', 'gantt-sjf', 'gantt-lottery']);
  assert.deepEqual(charts.find((c) => c.id === 'utilization')!.checked, ['fifo', 'sjf', 'lottery'], 'utilisation means checked against the table');
});

test('allot run --out: the default scenario\'s report reads right at 1,280 px (summary first, charts agree with the tables)', needsChromium(), async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'allot-browser-default-')), 'out');
  const r = await runCliInProcess(['run', '--rounds', '4', '--out', dir, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const page = await checkReportInBrowser(join(dir, 'report.html'), 'default-run-report.png');
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { policies: { name: string; tenants: unknown[] }[] };
  const mechanisms = results.policies.length;
  assert.ok(mechanisms >= 8);
  const util = page.charts.find((c) => c.id === 'utilization')!;
  assert.equal(util.checked.length, mechanisms, 'every mechanism\'s mean utilisation matches the table');
  assert.equal(page.charts.find((c) => c.id === 'tenant-share')!.checked.length, results.policies.reduce((a, p) => a + p.tenants.length, 0), 'every (mechanism, tenant) share matches the table');
  assert.equal(page.charts.filter((c) => c.id.startsWith('gantt-')).length, mechanisms, 'one Gantt panel per mechanism');
});

test('allot run --out on Philly jobs: training report with JCT CDF and FTF ρ, agreeing with the tables', { skip: needsChromium().skip ?? needsData('philly/philly.csv').skip }, async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'allot-browser-philly-')), 'out');
  const r = await runCliInProcess(['run', '--trace', dataFile('philly/philly.csv')!, '--jobs', '600', '--jobs-per-hour', '40', '--cluster', 'synergy', '--policies', 'fifo,srtf,ftf', '--out', dir, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const page = await checkReportInBrowser(join(dir, 'report.html'), 'philly-run-report.png');
  assert.deepEqual(page.charts.map((c) => c.id), ['jct-cdf', 'ftf-rho', 'utilization']);
  assert.ok(page.charts.every((c) => c.checked.length > 0), 'each chart checked against a table');
});

test('allot run --out on the original Dice system: average throughput, per-class bars, envy heat map and SI CDF drawn, agreeing with the tables', needsChromium(), async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'allot-browser-dice-original-')), 'out');
  const r = await runCliInProcess(['run', '--scenario', 'builtin:dice-original', '--rounds', '30', '--out', dir, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const page = await checkReportInBrowser(join(dir, 'report.html'), 'dice-original-run-report.png');
  assert.deepEqual(page.charts.map((c) => c.id), ['average-throughput', 'class-throughput', 'envy-heatmap', 'sharing-incentive']);
  const policies = ['tant', 'ss', 'l-dice', 's-dice', 'm-dice'];
  for (const id of ['average-throughput', 'envy-heatmap', 'sharing-incentive']) assert.deepEqual(page.charts.find((c) => c.id === id)!.checked, policies, `${id}: every policy checked against the table`);
  const envy = page.charts.find((c) => c.id === 'envy-heatmap')!;
  assert.ok(envy.marks >= policies.length * 100, `one cell per (policy, agent, agent): ${envy.marks}`);
  assert.ok(page.charts.find((c) => c.id === 'class-throughput')!.marks >= policies.length * 3, 'one bar per (policy, weight class)');
});

test('the browser check fails on an empty chart, a missing legend, a console error, overflow or a summary that disagrees', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-neg-'));
  const page = (body: string) => {
    const p = join(dir, `p${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(p, `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`);
    return p;
  };
  const drawn = '<svg role="img" aria-labelledby="t" width="200" height="200"><g class="mark-rect role-mark"><path d="M0,0h10v10h-10Z"/></g></svg>';
  const summary = '<section id="summary"><p>a is best</p><table data-table="headline"><tbody><tr><td>a</td><td class="best" data-value="1">1</td></tr></tbody></table></section>';
  const table = (v: number) => `<table data-table="policy"><thead><tr><th>policy</th><th data-key="utilization">u</th></tr></thead><tbody><tr><td>a</td><td data-value="${v}">x</td></tr></tbody></table>`;
  const fig = (id: string) => `<figure class="chart" data-chart="${id}" data-legend="false">${drawn}<strong id="t">A chart with a long enough title</strong><p class="data-summary" data-metric="utilization" data-level="policy" data-tolerance="1e-9" data-values='{"a":0.5}'>s</p></figure>`;
  await assert.rejects(checkReportInBrowser(page('<figure class="chart" data-chart="x" data-legend="false"><svg width="200" height="200"></svg></figure>'), 'neg-empty.png', { strict: false }), /x: no marks drawn/);
  await assert.rejects(checkReportInBrowser(page(`<figure class="chart" data-chart="y" data-legend="true">${drawn}</figure>`), 'neg-legend.png', { strict: false }), /y: legend missing/);
  await assert.rejects(checkReportInBrowser(page(`<figure class="chart" data-chart="z" data-legend="false">${drawn}</figure><script>console.error('boom')</script>`), 'neg-console.png', { strict: false }), /console errors/);
  await checkReportInBrowser(page(`${summary}${fig('ok')}${table(0.5)}`), 'neg-baseline.png');
  await assert.rejects(checkReportInBrowser(page(`${summary}${fig('w')}${table(0.5000001)}`), 'neg-mismatch.png'), /agree with the tables/);
  await assert.rejects(checkReportInBrowser(page(`<section id="x"></section>${summary}${fig('f')}${table(0.5)}`), 'neg-order.png'), /first section is the summary/);
  await assert.rejects(checkReportInBrowser(page(`${summary}${fig('o')}${table(0.5)}<div style="width:3000px">wide</div>`), 'neg-overflow.png'), /horizontal overflow/);
});
