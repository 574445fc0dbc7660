/**
 * Reader for Gavel's per-VC job traces (`gavel/msr-seed0/<vc>.trace`;
 * stanford-futuredata/gavel `scheduler/traces/msr/seed=0/`, MIT): tab-separated,
 * 7 fields per line — job_type, command, num_steps_arg, needs_data_dir (0/1),
 * total_steps (> 0), arrival_time (s ≥ 0), scale_factor (GPUs ≥ 1). The file
 * name (without `.trace`) is the VC, used as the tenant.
 */
import { InputError } from '../errors.js';

export interface GavelTraceJob {
  line: number;
  jobType: string;
  totalSteps: number;
  arrival: number;
  scaleFactor: number;
  tenant: string;
}

/** True when the first line has 7 tab-separated fields with numeric tail (a Gavel trace). */
export function looksLikeGavelTrace(path: string, head: string): boolean {
  const first = head.split(/\r?\n/, 1)[0];
  const f = first.split('\t');
  return path.endsWith('.trace') || (f.length === 7 && /^\d+$/.test(f[4]) && /^[\d.]+$/.test(f[5]) && /^\d+$/.test(f[6]));
}

export function parseGavelTrace(text: string, source: string, tenant: string): GavelTraceJob[] {
  const out: GavelTraceJob[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    const where = `line ${i + 1}`;
    const f = l.split('\t');
    if (f.length !== 7) throw new InputError(`expected 7 tab-separated fields (job_type, command, num_steps_arg, needs_data_dir, total_steps, arrival_time, scale_factor), got ${f.length}`, source, where);
    if (f[0] === '') throw new InputError('field "job_type": expected a Gavel job type, got an empty value', source, where);
    const steps = Number(f[4]);
    if (!Number.isFinite(steps) || steps <= 0) throw new InputError(`field "total_steps": expected a number > 0, got "${f[4]}"`, source, where);
    const arrival = Number(f[5]);
    if (f[5] === '' || !Number.isFinite(arrival) || arrival < 0) throw new InputError(`field "arrival_time": expected seconds ≥ 0, got "${f[5]}"`, source, where);
    const sf = Number(f[6]);
    if (!Number.isInteger(sf) || sf < 1) throw new InputError(`field "scale_factor": expected an integer ≥ 1, got "${f[6]}"`, source, where);
    out.push({ line: i + 1, jobType: f[0], totalSteps: steps, arrival, scaleFactor: sf, tenant });
  }
  if (out.length === 0) throw new InputError('no jobs in the trace', source);
  return out;
}
