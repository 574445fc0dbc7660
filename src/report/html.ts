/**
 * The self-contained HTML page of a report: inline CSS, inline SVG figures
 * (pre-rendered by vega on the server), tables, and one small inline script
 * (sortable tables, one Gantt panel at a time). No network: the file can be
 * mailed, archived or opened offline, and it stays readable with scripts off
 * (collapsed tables and panels are `<details>` elements).
 *
 * Markers the browser test relies on:
 * - the first section is `<section id="summary">`; the best value of each
 *   headline metric is a `<td class="best">`;
 * - each figure is `<figure class="chart" data-chart="<id>" data-legend="…">`
 *   holding one `<svg role="img">` and a `<p class="data-summary">` whose
 *   `data-metric`, `data-level`, `data-tolerance` and `data-values` (JSON)
 *   tie the chart's data to a table column;
 * - table cells carry their raw number in `data-value`; tables carry
 *   `data-table="policy|tenant|…"`, header cells `data-key` (the metric key).
 */
import type { ChartSummary } from './charts.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Makes the ids inside one SVG unique within the page (vega names clip paths
 * `clip1`, `clip2` … in every SVG; inlined side by side they would collide).
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

/** One figure: its SVG, caption, text alternative and download links. */
export interface HtmlFigure {
  id: string;
  title: string;
  caption: string;
  svg: string;
  hasLegend: boolean;
  /** Relative links to the figure files (SVG, PNG). */
  files: string[];
  summary: ChartSummary;
  /** The chart's data as CSV text (offered as a data: link). */
  csv: string;
  /** Figures of one group (Gantt panels) are shown one at a time. */
  group?: string;
  panel?: string;
}

/** One table cell: its text, raw number (for sorting and checks) and whether it is the best of its column. */
export interface HtmlCell {
  text: string;
  value?: number | null;
  best?: boolean;
}

/** A table: a title, columns (label, metric key, numeric?), rows of cells, a note. */
export interface HtmlTable {
  title: string;
  /** What it tabulates (`data-table`): "headline", "policy", "tenant", "sweep" … */
  kind: string;
  columns: { label: string; key?: string; numeric: boolean }[];
  rows: HtmlCell[][];
  note?: string;
  /** Collapse (closed `<details>`) when there are more rows than this (default 20). */
  collapseAfter?: number;
}

/** A page section. */
export interface HtmlSection {
  id: string;
  heading: string;
  /** Paragraphs of text (escaped). */
  paragraphs?: string[];
  tables?: HtmlTable[];
  figures?: HtmlFigure[];
}

export interface HtmlPage {
  title: string;
  /** One line under the title. */
  subtitle?: string;
  sections: HtmlSection[];
  /** Label → value lines of the run details (provenance), shown in the last section. */
  meta: [string, string][];
  /** Metric glossary: label, unit, meaning. */
  glossary?: [string, string][];
}

const CSS = `
*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:1.5rem auto;max-width:1200px;padding:0 1.5rem;color:#1d1d1d;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .2rem}p.subtitle{margin:0 0 1rem;color:#555}
h2{font-size:1.3rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
nav.toc{font-size:.9rem;margin:.5rem 0 1rem}nav.toc a{margin-right:1rem}
p.lead{font-size:1.05rem;max-width:62rem;background:#f4f8fb;border-left:4px solid #0072B2;padding:.6rem .9rem}
.table-wrap{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0 .8rem}
th,td{border-bottom:1px solid #e2e2e2;padding:.25rem .55rem;text-align:right;vertical-align:bottom}
th{background:#f4f4f4;font-weight:600;white-space:normal;max-width:9rem}td.text,th.text{text-align:left}
td.best{font-weight:bold;background:#e6f1e6}td.best::after{content:" ★";color:#2a7a2a}
table.sortable th{cursor:pointer}table.sortable th[aria-sort]::after{content:" ↕";color:#999}
details{margin:.4rem 0 1rem}details>summary{cursor:pointer;font-weight:600;margin:.3rem 0}
figure.chart{margin:1rem 0 2.2rem}figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:.92rem;color:#333;max-width:62rem}figcaption .links{color:#555;font-size:.85rem}
p.data-summary{font-size:.88rem;color:#444;margin:.3rem 0}
.panels select{font-size:.95rem;margin:.4rem 0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.88rem;color:#444}dl.meta dt{font-weight:bold}dl.meta dd{margin:0;overflow-wrap:anywhere}
p.note{font-size:.85rem;color:#555}
`;

/** Sorts tables by a clicked header (numbers by data-value); shows one Gantt panel at a time via a <select>. */
const SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.setAttribute('aria-sort','none');
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      t.querySelectorAll('th').forEach(function(h){h.setAttribute('aria-sort','none');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i],y=b.cells[i],vx=x.getAttribute('data-value'),vy=y.getAttribute('data-value');
        var r=(vx!==null&&vy!==null)?(parseFloat(vx)-parseFloat(vy)):x.textContent.localeCompare(y.textContent);
        return asc?r:-r;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
document.querySelectorAll('.panels').forEach(function(box){
  var panels=Array.prototype.slice.call(box.querySelectorAll('details.panel'));
  if(panels.length<2)return;
  var sel=document.createElement('select');
  sel.setAttribute('aria-label','panel to show');
  panels.forEach(function(p,i){var o=document.createElement('option');o.value=String(i);o.textContent=p.getAttribute('data-panel');sel.appendChild(o);});
  var show=function(k){panels.forEach(function(p,i){p.open=(i===k);p.querySelector('summary').hidden=true;});};
  sel.addEventListener('change',function(){show(parseInt(sel.value,10));});
  box.insertBefore(sel,box.firstChild);
  show(0);
});
`;

function renderTable(t: HtmlTable): string {
  const head = t.columns.map((c) => `<th${c.numeric ? '' : ' class="text"'}${c.key ? ` data-key="${escapeHtml(c.key)}"` : ''} scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((cell, j) => {
      const cls = [t.columns[j]?.numeric ? '' : 'text', cell.best ? 'best' : ''].filter(Boolean).join(' ');
      const value = typeof cell.value === 'number' && Number.isFinite(cell.value) ? ` data-value="${cell.value}"` : '';
      return `<td${cls ? ` class="${cls}"` : ''}${value}>${escapeHtml(cell.text)}</td>`;
    }).join('')}</tr>`)
    .join('\n');
  const table = `<div class="table-wrap"><table class="sortable" data-table="${escapeHtml(t.kind)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}`;
  const collapsed = t.rows.length > (t.collapseAfter ?? 20);
  return `<details${collapsed ? '' : ' open'}><summary>${escapeHtml(t.title)} (${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'}${collapsed ? ', click to expand' : ''})</summary>\n${table}\n</details>`;
}

function dataLink(csv: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

function renderFigure(f: HtmlFigure): string {
  const links = [...f.files.map((p) => `<a href="${escapeHtml(p)}">${escapeHtml(p.split('.').pop()!.toUpperCase())}</a>`), `<a download="${escapeHtml(f.id)}.csv" href="${escapeHtml(dataLink(f.csv))}">data (CSV)</a>`].join(' · ');
  const s = f.summary;
  const attrs = s.metric && s.values ? ` data-metric="${escapeHtml(s.metric)}" data-level="${s.level ?? 'policy'}" data-tolerance="${s.tolerance ?? 0}" data-values="${escapeHtml(JSON.stringify(s.values))}"` : '';
  const svg = prefixSvgIds(f.svg, `c-${f.id}`).replace(/^<svg\b/, `<svg role="img" aria-labelledby="t-${escapeHtml(f.id)} s-${escapeHtml(f.id)}"`);
  return `<figure class="chart" id="fig-${escapeHtml(f.id)}" data-chart="${escapeHtml(f.id)}" data-legend="${f.hasLegend}">
${svg}
<figcaption><strong id="t-${escapeHtml(f.id)}">${escapeHtml(f.title)}.</strong> ${escapeHtml(f.caption)}
<p class="data-summary" id="s-${escapeHtml(f.id)}"${attrs}>${escapeHtml(s.text)}</p>
<span class="links">${links}</span></figcaption>
</figure>`;
}

function renderFigures(figures: HtmlFigure[]): string {
  const out: string[] = [];
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i];
    if (!f.group) {
      out.push(renderFigure(f));
      continue;
    }
    const group: HtmlFigure[] = [];
    while (i < figures.length && figures[i].group === f.group) group.push(figures[i++]);
    i--;
    out.push(`<div class="panels" data-group="${escapeHtml(f.group)}">\n${group.map((g, k) => `<details class="panel" data-panel="${escapeHtml(g.panel ?? g.title)}"${k === 0 ? ' open' : ''}><summary>${escapeHtml(g.panel ?? g.title)}</summary>\n${renderFigure(g)}\n</details>`).join('\n')}\n</div>`);
  }
  return out.join('\n');
}

/** Renders the whole page. Deterministic for the same input. */
export function renderHtml(page: HtmlPage): string {
  const toc = `<nav class="toc">${page.sections.map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a>`).join('')}<a href="#details">Run details</a></nav>`;
  const sections = page.sections
    .map((s) => `<section id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.heading)}</h2>
${(s.paragraphs ?? []).map((p, i) => `<p${i === 0 && s.id === 'summary' ? ' class="lead"' : ''}>${escapeHtml(p)}</p>`).join('\n')}
${(s.tables ?? []).map(renderTable).join('\n')}
${renderFigures(s.figures ?? [])}
</section>`)
    .join('\n');
  const glossary = page.glossary?.length ? `<h3>Metrics</h3><dl class="meta">${page.glossary.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
${page.subtitle ? `<p class="subtitle">${escapeHtml(page.subtitle)}</p>` : ''}
${toc}
</header>
${sections}
<section id="details">
<h2>Run details</h2>
<dl class="meta">${page.meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${glossary}
</section>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
