/**
 * The self-contained HTML page of a report: inline CSS, inline SVG figures
 * (pre-rendered by vega on the server), plain HTML tables. No scripts and no
 * network: the file can be mailed, archived or opened offline.
 *
 * Each figure is `<figure class="chart" data-chart="<id>" data-legend="true|false">`
 * holding one `<svg>`; the browser test relies on these markers.
 */

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

export interface HtmlFigure {
  id: string;
  title: string;
  caption: string;
  svg: string;
  hasLegend: boolean;
  /** Relative links to the figure files (SVG, PNG). */
  files: string[];
}

export interface HtmlTable {
  title: string;
  columns: string[];
  rows: (string | number | null)[][];
  note?: string;
}

export interface HtmlPage {
  title: string;
  /** Label → value lines under the title (provenance). */
  meta: [string, string][];
  /** Sections in order: tables and figure groups. */
  sections: ({ heading: string; intro?: string; tables?: HtmlTable[]; figures?: HtmlFigure[] })[];
}

const CSS = `
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;font-size:.9rem;color:#444}dl.meta dt{font-weight:bold}dl.meta dd{margin:0;word-break:break-all}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}th{background:#f4f4f4}td.text,th.text{text-align:left}
figure.chart{margin:1rem 0 2rem;overflow-x:auto}figure.chart svg{max-width:none;height:auto}figcaption{font-size:.85rem;color:#444;max-width:60rem}
nav ul{columns:2;font-size:.9rem}p.note{font-size:.85rem;color:#555}
`;

function formatCell(v: string | number | null): { text: string; cls: string } {
  if (v === null) return { text: '–', cls: '' };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { text: String(v), cls: '' };
    if (Number.isInteger(v)) return { text: String(v), cls: '' };
    const a = Math.abs(v);
    return { text: a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(3) : v.toFixed(4), cls: '' };
  }
  return { text: v, cls: 'text' };
}

function renderTable(t: HtmlTable): string {
  const head = t.columns.map((c, j) => `<th${typeof t.rows[0]?.[j] === 'string' ? ' class="text"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((v) => {
      const f = formatCell(v);
      return `<td${f.cls ? ` class="${f.cls}"` : ''}>${escapeHtml(f.text)}</td>`;
    }).join('')}</tr>`)
    .join('\n');
  return `<h3>${escapeHtml(t.title)}</h3>\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}`;
}

function renderFigure(f: HtmlFigure): string {
  const links = f.files.map((p) => `<a href="${escapeHtml(p)}">${escapeHtml(p.split('.').pop()!.toUpperCase())}</a>`).join(' · ');
  return `<figure class="chart" id="fig-${escapeHtml(f.id)}" data-chart="${escapeHtml(f.id)}" data-legend="${f.hasLegend}">
${prefixSvgIds(f.svg, `c-${f.id}`)}
<figcaption><strong>${escapeHtml(f.title)}.</strong> ${escapeHtml(f.caption)}${links ? ` (${links})` : ''}</figcaption>
</figure>`;
}

/** Renders the whole page. Deterministic for the same input. */
export function renderHtml(page: HtmlPage): string {
  const figures = page.sections.flatMap((s) => s.figures ?? []);
  const nav = figures.length > 1 ? `<nav><ul>${figures.map((f) => `<li><a href="#fig-${escapeHtml(f.id)}">${escapeHtml(f.title)}</a></li>`).join('')}</ul></nav>` : '';
  const sections = page.sections
    .map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.intro ? `<p>${escapeHtml(s.intro)}</p>\n` : ''}${(s.tables ?? []).map(renderTable).join('\n')}${(s.figures ?? []).map(renderFigure).join('\n')}\n</section>`)
    .join('\n');
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
<dl class="meta">${page.meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
</header>
${nav}
${sections}
</body>
</html>
`;
}
