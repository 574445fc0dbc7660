import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftfRhoChart, ganttCharts, hitRateChart, jctCdfChart, loadCurveCharts, runCharts, tenantShareChart, thin, utilizationChart } from './charts.js';
import { escapeHtml, prefixSvgIds, renderHtml } from './html.js';
import { renderSvg, svgToPng } from './render.js';

test('builders skip absent, empty or malformed series', () => {
  assert.equal(jctCdfChart(undefined), undefined);
  assert.equal(jctCdfChart([]), undefined);
  assert.equal(tenantShareChart([{ policy: 'p', tenant: 't', share: null, entitlement: 0.5 }]), undefined);
  assert.equal(hitRateChart([{ policy: 'p', hitRate: 1, target: 0.9 }]), undefined, 'tenant missing');
  assert.equal(utilizationChart([{ policy: 'p', timeSeconds: 'x', utilization: 1 }]), undefined);
  assert.deepEqual(ganttCharts([{ policy: 'p', lane: 'n0', start: 0 }]), []);
  assert.equal(ftfRhoChart(undefined), undefined);
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
  const png = await svgToPng(svg, 1);
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
});

test('gantt: one panel per policy with only its own lanes, capped, and says so', () => {
  const rows = [
    ...Array.from({ length: 30 }, (_, i) => ({ policy: 'p', lane: `n${i % 3}`, start: i, end: i + 1, tenant: 't', label: '' })),
    { policy: 'q', lane: 'n7', start: 0, end: 5, tenant: 'u', label: '' },
  ];
  const panels = ganttCharts(rows, 10);
  assert.deepEqual(panels.map((c) => [c.id, c.panel, c.group]), [['gantt-p', 'p', 'gantt'], ['gantt-q', 'q', 'gantt']]);
  assert.equal(((panels[0].spec.data as { values: unknown[] }).values).length, 10);
  assert.match(panels[0].caption, /first 10 of 30 intervals/);
  assert.deepEqual(new Set(((panels[1].spec.data as { values: { lane: string }[] }).values).map((v) => v.lane)), new Set(['n7']), 'no empty lanes of other panels');
  assert.equal(panels[1].summary.metric, undefined, 'a panel does not claim the makespan (a kind may record only some intervals)');
  assert.match(panels[1].summary.text, /^q: 1 interval on 1 lane, from 0(\.0+)? s to 5(\.0+)? s\.$/);
});

test('utilisation summary: the time-weighted mean of the first resource, tied to the table column', () => {
  const rows = [
    { policy: 'a', timeSeconds: 0, utilization: 1, resource: 'busy' },
    { policy: 'a', timeSeconds: 1, utilization: 0, resource: 'busy' },
    { policy: 'a', timeSeconds: 4, utilization: 0, resource: 'busy' },
    { policy: 'a', timeSeconds: 0, utilization: 1, resource: 'leased' },
    { policy: 'a', timeSeconds: 4, utilization: 1, resource: 'leased' },
  ];
  const c = utilizationChart(rows, (k) => k === 'utilization')!;
  assert.deepEqual(c.summary.values, { a: 0.25 });
  assert.equal(c.summary.metric, 'utilization');
  assert.equal(c.summary.tolerance, 1e-9);
  assert.equal(utilizationChart(rows)!.summary.metric, undefined, 'no table, no claim');
});

test('FTF ρ chart from tenant results: log scale past two decades, summary per (policy, tenant)', () => {
  const results = { allotVersion: 't', scenario: 's', kind: 'training', seed: 1, inputs: [], parameters: {}, policies: [
    { name: 'fifo', tenants: [{ id: 'a', ftfRhoMean: 300, ftfRhoMax: 900 }, { id: 'b', ftfRhoMean: 1.5, ftfRhoMax: 2 }] },
    { name: 'ftf', tenants: [{ id: 'a', ftfRhoMean: 0.9, ftfRhoMax: 1.1 }, { id: 'b', ftfRhoMean: 1, ftfRhoMax: 1.2 }] },
  ] };
  const c = ftfRhoChart(results)!;
  assert.deepEqual(c.summary.values, { 'fifo/a': 300, 'fifo/b': 1.5, 'ftf/a': 0.9, 'ftf/b': 1 });
  assert.match(c.caption, /log scale/);
  assert.match(c.summary.text, /a under fifo/);
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
  const html = renderHtml({
    title: 'T <1>',
    meta: [['seed', '1']],
    sections: [{
      id: 'summary',
      heading: 'H',
      tables: [{ title: 'tab', kind: 'policy', columns: [{ label: 'policy', numeric: false }, { label: 'x', key: 'x', numeric: true }], rows: [[{ text: 'p' }, { text: '0.123', value: 0.123456, best: true }], [{ text: 'q' }, { text: '–', value: null }]] }],
      figures: [{ id: 'f', title: 'F', caption: 'c', svg: '<svg id="a"></svg>', hasLegend: true, files: ['figures/f.svg'], summary: { text: 'sum', metric: 'x', level: 'policy', values: { p: 0.123456 }, tolerance: 1e-9 }, csv: 'a,b\n1,2\n' }],
    }],
  });
  assert.match(html, /<title>T &lt;1&gt;<\/title>/);
  assert.match(html, /data-chart="f" data-legend="true"/);
  assert.match(html, /<svg role="img" aria-labelledby="t-f s-f" id="c-f-a">/);
  assert.match(html, /<td class="best" data-value="0\.123456">0\.123<\/td>/);
  assert.match(html, /data-metric="x" data-level="policy" data-tolerance="1e-9" data-values="\{&quot;p&quot;:0\.123456\}"/);
  assert.match(html, /href="data:text\/csv;charset=utf-8,a%2Cb%0A1%2C2%0A"/);
  assert.match(html, /<details open><summary>tab \(2 rows\)/);
});

test('html: tables past 20 rows are collapsed <details>; Gantt panels are details, the first open', () => {
  const rows = Array.from({ length: 21 }, (_, i) => [{ text: `p${i}` }]);
  const fig = (id: string, panel: string) => ({ id, title: id, caption: '', svg: '<svg></svg>', hasLegend: false, files: [], summary: { text: '' }, csv: '', group: 'gantt', panel });
  const html = renderHtml({ title: 't', meta: [], sections: [{ id: 's', heading: 'S', tables: [{ title: 'big', kind: 'policy', columns: [{ label: 'policy', numeric: false }], rows }], figures: [fig('g1', 'a'), fig('g2', 'b')] }] });
  assert.match(html, /<details><summary>big \(21 rows, click to expand\)/);
  assert.match(html, /<details class="panel" data-panel="a" open>/);
  assert.match(html, /<details class="panel" data-panel="b">/);
});
