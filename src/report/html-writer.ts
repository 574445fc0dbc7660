/**
 * Hooks the HTML report into `writeRunOutputs`, so `allot run --out DIR`
 * writes report.html, series.json and figures/ beside results.json. Imported
 * (once, for its side effect) by the CLI (src/cli/report.ts) and the library barrel.
 */
import { registerOutputWriter } from './write-outputs.js';
import { writeRunReport } from './report.js';

registerOutputWriter((dir, output, writer) => writeRunReport(dir, output, { writer }));
