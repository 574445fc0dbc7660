/**
 * `npm run bench`: fixed workloads, printed as one line per measurement.
 * Each area has a file bench/<area>.bench.ts exporting `run(): Promise<void>`;
 * `npm run bench -- <area>` runs one area. Results are recorded in BENCHMARKS.md.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';

const only = process.argv.slice(2);
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
console.log(`# allot bench — ${new Date().toISOString()} — node ${process.version} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
for (const f of files) {
  const area = f.replace('.bench.ts', '');
  if (only.length && !only.includes(area)) continue;
  console.log(`\n## ${area}`);
  const mod = (await import(new URL(f, dir).href)) as { run: () => Promise<void> };
  await mod.run();
}
