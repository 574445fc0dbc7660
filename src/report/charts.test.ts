import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ganttChart, hitRateChart, jctCdfChart, loadCurveCharts, runCharts, tenantShareChart, thin, utilizationChart } from './charts.js';
import { escapeHtml, prefixSvgIds, renderHtml } from './html.js';
import { renderSvg, svgToPng } from './render.js';

test('builders skip absent, empty or malformed series', () => {
  assert.equal(jctCdfChart(undefined), undefined);
  assert.equal(jctCdfChart([]), undefined);
  assert.equal(tenantShareChart([{ policy: 'p', tenant: 't', share: null, entitlement: 0.5 }]), undefined);
  assert.equal(hitRateChart([{ policy: 'p', hitRate: 1, target: 0.9 }]), undefined, 'tenant missing');
  assert.equal(utilizationChart([{ policy: 'p', timeSeconds: 'x', utilization: 1 }]), undefined);
  assert.equal(ganttChart([{ policy: 'p', lane: 'n0', start: 0 }]), undefined);
  assert.deepEqual(runCharts({ other: [{ a: 1 }] }), []);
  assert.deepEqual(loadCurveCharts([], ['load']), []);
});

test('thin keeps first and last and at most max points', () => {
  const xs = Array.from({ length: 1001 }, (_, i) => i);
  const t = thin(xs, 11);
  assert.equal(t.length, 11);
  assert.equal(t[0], 0);
  assert.equal(t[10], 1000);
  assert.deepEqual(thin([1, 2], 5), [1, 2]);
});

test('a JCT CDF renders to an SVG with a line per policy and a legend, and to a PNG', async () => {
  const rows = ['fifo', 'edf'].flatMap((policy) => [1, 2, 3, 4].map((j, i) => ({ policy, jctSeconds: j * (policy === 'edf' ? 0.5 : 1), fraction: (i + 1) / 4 })));
  const chart = jctCdfChart(rows)!;
  const svg = await renderSvg(chart.spec);
  assert.match(svg, /^<svg/);
  assert.match(svg, /role-legend/);
  assert.equal((svg.match(/class="mark-line role-mark/g) ?? []).length, 2, 'one line per policy');
  assert.equal((svg.match(/<path[^>]*d="M/g) ?? []).length >= 2, true);
  assert.match(svg, />edf</);
  const png = svgToPng(svg, 1);
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
});

test('gantt caps the intervals per policy and says so', () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ policy: 'p', lane: `n${i % 3}`, start: i, end: i + 1, tenant: 't', label: '' }));
  const c = ganttChart(rows, 10)!;
  assert.equal(((c.spec.data as { values: unknown[] }).values).length, 10);
  assert.match(c.caption, /first 10 intervals/);
});

test('load curves: one chart per metric, CI band from ciLow..ciHigh, facet for a second axis', async () => {
  const rows = [0.5, 1].flatMap((load) => ['a', 'b'].flatMap((policy) => ['m1', 'm2'].map((metric) => ({ vary: { load, mix: 'x' }, policy, metric, n: 3, mean: load, ciLow: load - 0.1, ciHigh: load + 0.1 }))));
  const charts = loadCurveCharts(rows, ['load']);
  assert.deepEqual(charts.map((c) => c.id), ['curve-m1', 'curve-m2']);
  const svg = await renderSvg(charts[0].spec);
  assert.match(svg, /mark-area/);
  assert.match(svg, /role-legend/);
  const faceted = loadCurveCharts(rows, ['load', 'mix']);
  assert.ok('facet' in faceted[0].spec);
  await renderSvg(faceted[0].spec);
});

test('html: escaping, unique SVG ids, figure markers', () => {
  assert.equal(escapeHtml('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  assert.equal(prefixSvgIds('<clipPath id="clip1"></clipPath><g clip-path="url(#clip1)"><use href="#clip1"/></g>', 'c'), '<clipPath id="c-clip1"></clipPath><g clip-path="url(#c-clip1)"><use href="#c-clip1"/></g>');
  const html = renderHtml({ title: 'T <1>', meta: [['seed', '1']], sections: [{ heading: 'H', tables: [{ title: 'tab', columns: ['policy', 'x'], rows: [['p', 0.123456], ['q', null]] }], figures: [{ id: 'f', title: 'F', caption: 'c', svg: '<svg id="a"></svg>', hasLegend: true, files: ['figures/f.svg'] }] }] });
  assert.match(html, /<title>T &lt;1&gt;<\/title>/);
  assert.match(html, /data-chart="f" data-legend="true"/);
  assert.match(html, /<svg id="c-f-a">/);
  assert.match(html, /<td>0\.1235<\/td>/);
  assert.doesNotMatch(html, /<script/);
});
