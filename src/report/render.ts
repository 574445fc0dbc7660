/**
 * Server-side chart rendering: Vega-Lite spec → Vega → SVG (vega's headless
 * `View` with renderer "none"), and SVG → PNG with resvg (system fonts). The
 * SVG is inlined in report.html, so the page needs no script and no network.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { VlSpec } from './charts.js';

// vega, vega-lite and resvg are loaded on first use, so commands that draw no chart start fast
let engines: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
let rasteriser: Promise<typeof import('@resvg/resvg-js')> | undefined;

/** Renders a Vega-Lite spec to an SVG string. Throws if the spec does not compile. */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const [vega, { compile }] = await (engines ??= Promise.all([import('vega'), import('vega-lite')]));
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG bytes at `scale` × its size (default 2 for crisp figures). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await (rasteriser ??= import('@resvg/resvg-js'));
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' });
  return r.render().asPng();
}
