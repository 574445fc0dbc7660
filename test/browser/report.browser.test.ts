/**
 * Opens generated reports in headless Chromium (Debian's package via
 * playwright-core) and checks that every chart rendered: a non-empty SVG with
 * marks, a legend where the chart has one, no console errors, no network
 * requests. Saves full-page screenshots under test-artifacts/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import '../fixtures/toy-queue-kind.js';
import { runToy } from '../fixtures/toy-queue-kind.js';
import '../../src/report/html-writer.js';
import { writeRunOutputs } from '../../src/report/write-outputs.js';
import { writeSweepReport } from '../../src/report/report.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { writeSweepOutputs } from '../../src/sweep/write-sweep.js';
import { launchChromium, needsChromium } from './chromium.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

export interface ChartCheck {
  id: string;
  width: number;
  height: number;
  marks: number;
  legendWanted: boolean;
  legendLabels: number;
}

/** Opens `htmlPath`, checks every figure, saves a screenshot; returns the per-chart findings. */
export async function checkReportInBrowser(htmlPath: string, screenshotName: string): Promise<ChartCheck[]> {
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const checks = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const svg = f.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: f.getAttribute('data-chart') ?? '',
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark rect, .role-mark line, .role-mark symbol, g.role-mark > path').length : 0,
        legendWanted: f.getAttribute('data-legend') === 'true',
        legendLabels: svg ? [...svg.querySelectorAll('.role-legend-label text')].filter((t) => (t.textContent ?? '').trim() !== '').length : 0,
      };
    }));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, screenshotName), fullPage: true });
    assert.deepEqual(errors, [], 'console errors');
    assert.deepEqual(requests, [], 'the report must not fetch anything');
    for (const c of checks) {
      assert.ok(c.width > 50 && c.height > 50, `${c.id}: SVG has size ${c.width}×${c.height}`);
      assert.ok(c.marks > 0, `${c.id}: no marks drawn`);
      if (c.legendWanted) assert.ok(c.legendLabels > 0, `${c.id}: legend missing`);
    }
    return checks;
  } finally {
    await close();
  }
}

test('the report of a toy sweep renders in headless Chromium: load curves and the run charts', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-sweep-'));
  const plan = { kind: 'toy-queue', options: { jobs: 100 }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: ['fifo', 'sjf', 'lottery'], seeds: [1, 2, 3] };
  const run = await runSweep({ plan, outDir: dir, workers: 0 });
  const { summary } = writeSweepOutputs(dir, plan, run);
  await writeSweepReport(dir, summary, run.records, { png: false });
  const checks = await checkReportInBrowser(join(dir, 'report.html'), 'toy-sweep-report.png');
  const ids = checks.map((c) => c.id);
  for (const id of ['curve-avgJctSeconds', 'curve-utilization', 'run-jct-cdf', 'run-tenant-share', 'run-hit-rate', 'run-utilization', 'run-gantt']) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
});

test('the report of a single run renders in headless Chromium', needsChromium(), async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-browser-run-'));
  await writeRunOutputs(dir, await runToy({ seed: 2, extra: { load: '1.3' }, policies: ['fifo', 'sjf', 'lottery'] }));
  const checks = await checkReportInBrowser(join(dir, 'report.html'), 'toy-run-report.png');
  assert.deepEqual(checks.map((c) => c.id), ['jct-cdf', 'tenant-share', 'hit-rate', 'utilization', 'gantt']);
});
