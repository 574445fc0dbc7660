/**
 * Opens a report in headless Chromium and checks every chart rendered: a
 * non-empty SVG with marks, a legend where the figure says it has one, no
 * console errors, no network requests. Saves a full-page screenshot under
 * test-artifacts/ (gitignored).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.js';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

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

