/**
 * Reader for Gavel's measured throughput table (`gavel/simulation_throughputs.json`,
 * stanford-futuredata/gavel `scheduler/simulation_throughputs.json`, MIT;
 * Narayanan et al., OSDI'20): `{<worker type>: {"('<job type>', <scale factor>)":
 * {"null": steps/s alone, "('<other>', <sf>)": [self, other] when space-shared}}}`.
 * Only the isolated (`null`) throughputs of the consolidated worker types
 * (k80, p100, v100) are used here; `*_unconsolidated` rows are kept separately.
 * A missing or zero entry means the job type cannot run on that type.
 */
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { parseWith } from '../config/validate.js';

/** throughputs.get("<job type>|<scale>") = {k80: …, p100: …, v100: …} (steps/s; absent = cannot run). */
export type GavelThroughputs = Map<string, Record<string, number>>;

const KEY = /^\('(.+)', (\d+)\)$/;

const schema = lazySchema((z) => z.record(z.string(), z.record(z.string(), z.record(z.string(), z.union([z.number(), z.array(z.number()), z.null()])))));

export function throughputKey(jobType: string, scaleFactor: number): string {
  return `${jobType}|${scaleFactor}`;
}

type ThroughputTable = Record<string, Record<string, Record<string, number | number[] | null>>>;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCell = (v: unknown): boolean => v === null || Number.isFinite(v) || (Array.isArray(v) && v.every((x) => Number.isFinite(x)));

/**
 * True when `data` has the table's shape (objects of objects of objects of
 * finite numbers, arrays of them or null): a plain walk of the 1.2 MB table
 * instead of zod's (≈ 40 ms of a 1 s run). Everything it accepts, the
 * schema accepts unchanged; anything else goes to the schema, for its error.
 */
function hasTableShape(data: unknown): data is ThroughputTable {
  if (!isRecord(data)) return false;
  for (const rows of Object.values(data)) {
    if (!isRecord(rows)) return false;
    for (const row of Object.values(rows)) {
      if (!isRecord(row)) return false;
      for (const v of Object.values(row)) if (!isCell(v)) return false;
    }
  }
  return true;
}

/**
 * The consolidated and `*_unconsolidated` tables of a parsed
 * `simulation_throughputs.json` (`source` names it in errors). Throws
 * InputError on a value of the wrong shape, a key not like
 * `('<job type>', <scale factor>)`, a row without a number under "null", or
 * no consolidated worker type.
 */
export function parseGavelThroughputs(data: unknown, source: string): { consolidated: GavelThroughputs; unconsolidated: GavelThroughputs } {
  const r: ThroughputTable = hasTableShape(data) ? data : parseWith(schema, data, source);
  const consolidated: GavelThroughputs = new Map();
  const unconsolidated: GavelThroughputs = new Map();
  for (const [worker, rows] of Object.entries(r)) {
    const target = worker.endsWith('_unconsolidated') ? unconsolidated : consolidated;
    const type = worker.replace(/_unconsolidated$/, '');
    for (const [key, row] of Object.entries(rows)) {
      const m = KEY.exec(key);
      if (!m) throw new InputError(`expected a key like "('ResNet-18 (batch size 16)', 1)", got "${key}"`, source, `${worker}`);
      const v = row['null'];
      if (typeof v !== 'number') throw new InputError('expected a number of steps/s under "null"', source, `${worker}.${key}.null`);
      if (!(v > 0)) continue;
      const k = throughputKey(m[1], Number(m[2]));
      const rec = target.get(k) ?? {};
      rec[type] = v;
      target.set(k, rec);
    }
  }
  if (consolidated.size === 0) throw new InputError('no consolidated worker types (k80, p100, v100) found', source);
  return { consolidated, unconsolidated };
}
