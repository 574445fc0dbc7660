/**
 * Reader for the Microsoft Philly job trace as bundled
 * (`philly/philly.csv`, from the Pollux OSDI'21 artifact, derived from
 * msr-fiddle/philly-traces; Jeon et al., ATC'19): header
 * `timestamp,duration,num_gpus,gpu_time,cluster`, one job per line,
 * `timestamp` = submission `YYYY-MM-DD HH:MM:SS` (UTC assumed), `duration` in
 * seconds (> 0), `num_gpus` a positive integer, `gpu_time` = duration × GPUs
 * (not checked beyond being a number ≥ 0), `cluster` = the virtual cluster
 * (VC) id, used as the tenant. Rows are not sorted by time; empty lines are
 * ignored. Every bad row is an InputError naming the file, line and field.
 */
import { parseCsvEach } from './input-files.js';
import { InputError } from '../errors.js';

export interface PhillyJob {
  /** 1-based data row number in the file (the job's id). */
  row: number;
  /** Submission time, seconds since the Unix epoch. */
  submitTime: number;
  /** Run duration (s). */
  duration: number;
  gpus: number;
  /** Virtual cluster id (the tenant). */
  tenant: string;
}

export const PHILLY_HEADER = ['timestamp', 'duration', 'num_gpus', 'gpu_time', 'cluster'];

const TS = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** True when the first line looks like the Philly header. */
export function looksLikePhilly(head: string): boolean {
  const first = head.split(/\r?\n/, 1)[0].trim().replace(/^\uFEFF/, '');
  return first === PHILLY_HEADER.join(',');
}

/** Parses Philly CSV text. `source` names the file in errors. */
export function parsePhillyCsv(text: string, source: string): PhillyJob[] {
  // Row by row: the jobs are built as the CSV is parsed, with no list of all rows in between (10× Philly: 822k rows).
  // One string per virtual cluster (a few dozen), not one per row.
  const tenants = new Map<string, string>();
  const out = parseCsvEach(text, source, (r, i): PhillyJob | undefined => {
    if (i === 0) {
      if (r.join(',') !== PHILLY_HEADER.join(',')) throw new InputError(`expected the header "${PHILLY_HEADER.join(',')}", got "${r.join(',')}"`, source, 'line 1');
      return undefined;
    }
    const line = (): string => `line ${i + 1}`;
    if (r.length !== 5) throw new InputError(`expected 5 fields (${PHILLY_HEADER.join(',')}), got ${r.length}`, source, line());
    const m = TS.exec(r[0]);
    const t = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000 : NaN;
    if (!Number.isFinite(t)) throw new InputError(`field "timestamp": expected YYYY-MM-DD HH:MM:SS, got "${r[0]}"`, source, line());
    const duration = Number(r[1]);
    if (r[1] === '' || !Number.isFinite(duration) || duration <= 0) throw new InputError(`field "duration": expected seconds > 0, got "${r[1]}"`, source, line());
    const gpus = Number(r[2]);
    if (!Number.isInteger(gpus) || gpus < 1) throw new InputError(`field "num_gpus": expected an integer ≥ 1, got "${r[2]}"`, source, line());
    const gt = Number(r[3]);
    if (r[3] === '' || !Number.isFinite(gt) || gt < 0) throw new InputError(`field "gpu_time": expected a number ≥ 0, got "${r[3]}"`, source, line());
    if (r[4] === '') throw new InputError('field "cluster": expected a virtual-cluster id, got an empty value', source, line());
    let tenant = tenants.get(r[4]);
    if (tenant === undefined) tenants.set(r[4], (tenant = r[4]));
    return { row: i, submitTime: t, duration, gpus, tenant };
  });
  if (out.length === 0 && !/\S/.test(text)) throw new InputError(`empty file (expected the header ${PHILLY_HEADER.join(',')})`, source, 'line 1');
  if (out.length === 0) throw new InputError('no jobs after the header', source);
  return out;
}
