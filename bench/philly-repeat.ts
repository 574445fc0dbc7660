/**
 * A larger Philly-format trace for the whole-process benchmarks: the bundled
 * `philly/philly.csv` (82,247 jobs) repeated `copies` times, copy k with every
 * submission shifted by k × the trace's span (last − first submission,
 * rounded up to whole days), so the load stays that of the trace while the
 * run grows k-fold. Jobs are named by their row, so every copy's jobs get
 * new ids. Written to a path the caller chooses (a temporary directory; the
 * data file is never copied into the repository).
 *
 * Run alone: `node --import tsx bench/philly-repeat.ts OUT.csv [copies=10]`.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse/sync';
import { fileURLToPath } from 'node:url';
import { dataFile } from '../src/data/data-dir.js';
import { PHILLY_HEADER } from '../src/data/philly-trace.js';

const DAY = 86_400;

function stamp(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Writes `copies` shifted copies of the Philly CSV `source` to `out`; returns the number of jobs written. */
export async function writeRepeatedPhilly(source: string, out: string, copies: number): Promise<number> {
  const rows = parse(readFileSync(source, 'utf8'), { skip_empty_lines: true }) as string[][];
  if (rows[0].join(',') !== PHILLY_HEADER.join(',')) throw new Error(`${source}: not a Philly CSV (header ${rows[0].join(',')})`);
  const times = rows.slice(1).map((r) => Date.parse(`${r[0].replace(' ', 'T')}Z`) / 1000);
  const first = Math.min(...times);
  const span = Math.ceil((Math.max(...times) - first + 1) / DAY) * DAY;
  const w = createWriteStream(out);
  w.write(`${PHILLY_HEADER.join(',')}\n`);
  for (let k = 0; k < copies; k++) {
    const lines: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i];
      lines.push(`${stamp(times[i - 1] + k * span)},${r[1]},${r[2]},${r[3]},${r[4]}`);
    }
    if (!w.write(lines.join('\n') + '\n')) await once(w, 'drain');
  }
  w.end();
  await once(w, 'finish');
  return copies * (rows.length - 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = dataFile('philly/philly.csv');
  if (!src || !process.argv[2]) {
    console.error('usage: node --import tsx bench/philly-repeat.ts OUT.csv [copies] (needs ../shared/data or $ALLOT_DATA_DIR)');
    process.exit(2);
  }
  const n = await writeRepeatedPhilly(src, process.argv[2], Number(process.argv[3] ?? 10));
  console.log(`${process.argv[2]}: ${n} jobs`);
}
