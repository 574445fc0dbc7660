/**
 * Opens generated reports in headless Chromium (Debian's package via
 * playwright-core) and checks that every chart rendered: a non-empty SVG with
 * marks, a legend where the chart has one, no console errors, no network
 * requests. Saves full-page screenshots under test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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

test('the report of a toy sweep renders in headless Chromium: load curves and the run charts', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-sweep-'));
  const plan = { kind: 'toy-queue', base: { kind: 'toy-queue', jobs: 100 }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: ['fifo', 'sjf', 'lottery'], seeds: [1, 2, 3] };
  const run = await runSweep({ plan, outDir: dir, workers: 0 });
  const { summary } = writeSweepOutputs(dir, plan, run);
  await writeSweepReport(dir, summary, run.records, { png: false });
  const checks = await checkReportInBrowser(join(dir, 'report.html'), 'toy-sweep-report.png');
  const ids = checks.map((c) => c.id);
  for (const id of ['curve-avgJctSeconds', 'curve-utilization', 'run-jct-cdf', 'run-tenant-share', 'run-hit-rate', 'run-utilization', 'run-gantt']) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
});

test('the report of a single run renders in headless Chromium', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-run-'));
  await writeRunOutputs(dir, await runToy(toySchema.parse({ kind: 'toy-queue', load: 1.3, policies: ['fifo', 'sjf', 'lottery'] }), 2));
  const checks = await checkReportInBrowser(join(dir, 'report.html'), 'toy-run-report.png');
  assert.deepEqual(checks.map((c) => c.id), ['jct-cdf', 'tenant-share', 'hit-rate', 'utilization', 'gantt']);
});

test('the browser check fails on an empty chart, a missing legend or a console error', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-neg-'));
  const page = (body: string) => {
    const p = join(dir, `p${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(p, `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`);
    return p;
  };
  const drawn = '<svg width="200" height="200"><g class="mark-rect role-mark"><path d="M0,0h10v10h-10Z"/></g></svg>';
  await assert.rejects(checkReportInBrowser(page('<figure class="chart" data-chart="x" data-legend="false"><svg width="200" height="200"></svg></figure>'), 'neg-empty.png'), /x: no marks drawn/);
  await assert.rejects(checkReportInBrowser(page(`<figure class="chart" data-chart="y" data-legend="true">${drawn}</figure>`), 'neg-legend.png'), /y: legend missing/);
  await assert.rejects(checkReportInBrowser(page(`<figure class="chart" data-chart="z" data-legend="false">${drawn}</figure><script>console.error('boom')</script>`), 'neg-console.png'), /console errors/);
});
