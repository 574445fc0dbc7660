/**
 * Server-side chart rendering: Vega-Lite spec → Vega → SVG (vega's headless
 * `View` with renderer "none"), and SVG → PNG with resvg (system fonts). The
 * SVG is inlined in report.html, so the page needs no script and no network.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VlSpec } from './charts.js';

/** Renders a Vega-Lite spec to an SVG string. Throws if the spec does not compile. */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG bytes at `scale` × its size (default 2 for crisp figures). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const r = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' });
  return r.render().asPng();
}
