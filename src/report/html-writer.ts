/**
 * Hooks the HTML report into `writeRunOutputs`, so `allot run --out DIR`
 * writes report.html, series.json and figures/ beside results.json. Imported
 * (once, for its side effect) by the CLI (src/cli/report.ts) and the library barrel.
 */
import { registerOutputWriter } from './write-outputs.js';

// The report code (charts, rendering) loads when a report is written, not when this hook is registered.
registerOutputWriter(async (dir, output, writer) => (await import('./report.js')).writeRunReport(dir, output, { writer }));
