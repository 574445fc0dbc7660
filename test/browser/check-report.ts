/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Opens a report in headless Chromium at 1,280 px and checks it as a reader
 * would: the summary section comes first and marks a best policy; the page
 * does not overflow horizontally; every chart rendered (a non-empty SVG with
 * marks, a legend where the figure says it has one, a text alternative);
 * every chart whose data summary names a table column agrees with that
 * table; no console errors; no network requests. Saves a full-page
 * screenshot under test-artifacts/ (gitignored).
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
  /** The chart's text alternative (its data summary). */
  alt: string;
  /** Keys of the data summary checked against a table (empty when the summary names no column). */
  checked: string[];
}

/** What the page looks like to a reader (beyond the charts). */
export interface PageCheck {
  charts: ChartCheck[];
  /** Id of the first section. */
  firstSection: string;
  /** Policies marked best in the summary table. */
  bestPolicies: string[];
  /** The summary paragraph. */
  lead: string;
  scrollWidth: number;
  clientWidth: number;
}

interface Mismatch {
  chart: string;
  key: string;
  chartValue: number;
  tableValue: number | null;
}

/**
 * Opens `htmlPath`, checks it (see the module header; `strict: false` skips
 * the page-level checks, for hand-made pages), saves a screenshot; returns
 * the findings.
 */
export async function checkReportInBrowser(htmlPath: string, screenshotName: string, options: { strict?: boolean } = {}): Promise<PageCheck> {
  const strict = options.strict ?? true;
  const { context, close } = await launchChromium();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const found = await page.evaluate(() => {
      const charts = [...document.querySelectorAll('figure.chart')].map((f) => {
        // a figure inside a closed panel is not laid out: measure its SVG's declared size instead
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const width = box && box.width > 0 ? box.width : Number(svg?.getAttribute('width') ?? 0);
        const height = box && box.height > 0 ? box.height : Number(svg?.getAttribute('height') ?? 0);
        const summary = f.querySelector('p.data-summary');
        const labelled = (svg?.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        return {
          id: f.getAttribute('data-chart') ?? '',
          width,
          height,
          marks: svg ? svg.querySelectorAll('.role-mark path, .role-mark rect, .role-mark line, .role-mark symbol, g.role-mark > path').length : 0,
          legendWanted: f.getAttribute('data-legend') === 'true',
          legendLabels: svg ? [...svg.querySelectorAll('.role-legend-label text')].filter((t) => (t.textContent ?? '').trim() !== '').length : 0,
          alt: svg?.getAttribute('role') === 'img' ? labelled.trim() : '',
          metric: summary?.getAttribute('data-metric') ?? null,
          level: summary?.getAttribute('data-level') ?? 'policy',
          tolerance: Number(summary?.getAttribute('data-tolerance') ?? 0),
          values: JSON.parse(summary?.getAttribute('data-values') ?? '{}') as Record<string, number>,
        };
      });
      // table lookups: (table kind, metric key, row key) → raw value
      const lookup: Record<string, Record<string, Record<string, number | null>>> = {};
      for (const t of document.querySelectorAll('table[data-table]')) {
        const kind = t.getAttribute('data-table')!;
        const heads = [...t.querySelectorAll('thead th')];
        const rows = [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')]);
        const byKey: Record<string, Record<string, number | null>> = {};
        heads.forEach((h, j) => {
          const key = h.getAttribute('data-key');
          if (!key) return;
          byKey[key] = {};
          for (const r of rows) {
            const rowKey = kind === 'tenant' ? `${r[0].textContent}/${r[1].textContent}` : (r[0].textContent ?? '');
            const v = r[j]?.getAttribute('data-value');
            byKey[key][rowKey] = v === null || v === undefined ? null : Number(v);
          }
        });
        lookup[kind] = { ...(lookup[kind] ?? {}), ...byKey };
      }
      const first = document.querySelector('section');
      return {
        charts,
        lookup,
        firstSection: first?.id ?? '',
        bestPolicies: [...(first?.querySelectorAll('table[data-table="headline"] tr') ?? [])].filter((tr) => tr.querySelector('td.best')).map((tr) => tr.querySelector('td')?.textContent ?? ''),
        lead: first?.querySelector('p')?.textContent ?? '',
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      };
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, screenshotName), fullPage: true });
    assert.deepEqual(errors, [], 'console errors');
    assert.deepEqual(requests, [], 'the report must not fetch anything');
    const mismatches: Mismatch[] = [];
    const charts: ChartCheck[] = found.charts.map((c) => {
      const checked: string[] = [];
      if (c.metric) {
        const column = found.lookup[c.level]?.[c.metric];
        assert.ok(column, `${c.id}: its summary names ${c.level} column "${c.metric}", which the tables lack`);
        for (const [key, v] of Object.entries(c.values)) {
          const t = column[key];
          checked.push(key);
          if (t === null || t === undefined || Math.abs(v - t) > c.tolerance * Math.max(1, Math.abs(t))) mismatches.push({ chart: c.id, key, chartValue: v, tableValue: t ?? null });
        }
      }
      return { id: c.id, width: c.width, height: c.height, marks: c.marks, legendWanted: c.legendWanted, legendLabels: c.legendLabels, alt: c.alt, checked };
    });
    for (const c of charts) {
      assert.ok(c.width > 50 && c.height > 50, `${c.id}: SVG has size ${c.width}×${c.height}`);
      assert.ok(c.marks > 0, `${c.id}: no marks drawn`);
      if (c.legendWanted) assert.ok(c.legendLabels > 0, `${c.id}: legend missing`);
    }
    if (strict) {
      assert.equal(found.firstSection, 'summary', 'the first section is the summary');
      assert.ok(found.bestPolicies.length > 0, 'the summary table marks a best policy');
      assert.ok(found.bestPolicies.some((p) => found.lead.includes(p)), `the summary paragraph names a best policy (${found.bestPolicies.join(', ')}): ${found.lead}`);
      assert.ok(found.scrollWidth <= found.clientWidth, `no horizontal overflow (${found.scrollWidth} > ${found.clientWidth} px)`);
      for (const c of charts) assert.ok(c.alt.length > 20, `${c.id}: a text alternative (role="img", labelled by the title and data summary)`);
      assert.deepEqual(mismatches, [], 'chart data summaries agree with the tables');
    }
    return { charts, firstSection: found.firstSection, bestPolicies: found.bestPolicies, lead: found.lead, scrollWidth: found.scrollWidth, clientWidth: found.clientWidth };
  } finally {
    await close();
  }
}
