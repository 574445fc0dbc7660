/**
 * Reader for the job list the original Synergy simulator records
 * (msr-fiddle/synergy `simulator/runner.py`, `--record_trace --rec_trace
 * PREFIX`; read back by its `--replay_trace`): no header, one job per line,
 * `id,model,arrival,iterations,gpus` — job id (an integer, the generation
 * order), a Synergy model name (`alexnet`, `gnmt` …, spec §2), arrival time
 * (s, a number ≥ 0), total iterations (an integer ≥ 1) and GPU demand (an
 * integer ≥ 1). Empty lines are ignored. Every bad row is an InputError
 * naming the file, line and field.
 *
 * Jobs (`synergyRecordJobs`): work = iterations × the model's iteration time
 * at fair share τ_m (s; Synergy spec §2), tenant "0" (the original's single
 * tenant), index = line order (= the original's job id order, so a
 * measurement window `[4000, 5000)` names the same jobs).
 */
import { InputError } from '../errors.js';
import type { TrainingJob } from '../model/training.js';
import { isSynergyModel, SYNERGY_PROFILES, synergyProfile } from '../workload/training/synergy-profiles.js';
import { parseCsvRows } from './input-files.js';

/** One recorded job. */
export interface SynergyRecordRow {
  /** 1-based line in the file. */
  line: number;
  /** The original's job id. */
  id: string;
  model: string;
  /** Arrival (s). */
  arrival: number;
  /** Total iterations. */
  iterations: number;
  gpus: number;
}

const ROW = /^\d+,[a-z0-9_]+,\d+(\.\d+)?(e[+-]?\d+)?,\d+,\d+$/i;

/** True when the first non-empty line looks like a recorded job (`id,model,arrival,iterations,gpus` with a Synergy model). */
export function looksLikeSynergyRecord(head: string): boolean {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '');
  if (!first || !ROW.test(first.trim())) return false;
  return isSynergyModel(first.split(',')[1]);
}

/** Parses a recorded job list. `source` names the file in errors. */
export function parseSynergyRecord(text: string, source: string): SynergyRecordRow[] {
  const rows = parseCsvRows(text, source);
  if (rows.length === 0) throw new InputError('no jobs (expected lines id,model,arrival,iterations,gpus)', source);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lineNos: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() !== '') lineNos.push(i + 1);
  });
  const models = SYNERGY_PROFILES.map((p) => p.name).join(', ');
  return rows.map((r, i) => {
    const line = `line ${lineNos[i] ?? i + 1}`;
    if (r.length !== 5) throw new InputError(`expected 5 fields (id,model,arrival,iterations,gpus), got ${r.length}`, source, line);
    const [id, model, arr, it, g] = r;
    if (!/^\d+$/.test(id)) throw new InputError(`field "id": expected an integer ≥ 0, got "${id}"`, source, line);
    if (!isSynergyModel(model)) throw new InputError(`field "model": expected a Synergy model (${models}), got "${model}"`, source, line);
    const arrival = Number(arr);
    if (arr === '' || !Number.isFinite(arrival) || arrival < 0) throw new InputError(`field "arrival": expected seconds ≥ 0, got "${arr}"`, source, line);
    const iterations = Number(it);
    if (!Number.isInteger(iterations) || iterations < 1) throw new InputError(`field "iterations": expected an integer ≥ 1, got "${it}"`, source, line);
    const gpus = Number(g);
    if (!Number.isInteger(gpus) || gpus < 1) throw new InputError(`field "gpus": expected an integer ≥ 1, got "${g}"`, source, line);
    return { line: lineNos[i] ?? i + 1, id, model, arrival, iterations, gpus };
  });
}

/** Training jobs of a recorded list, in file order (see the module note). Throws InputError for a repeated id. */
export function synergyRecordJobs(rows: readonly SynergyRecordRow[], source: string): TrainingJob[] {
  const seen = new Set<string>();
  return rows.map((r, index) => {
    if (seen.has(r.id)) throw new InputError(`job id ${r.id} appears twice`, source, `line ${r.line}`);
    seen.add(r.id);
    return { index, id: r.id, tenant: '0', arrival: r.arrival, gpus: r.gpus, work: r.iterations * synergyProfile(r.model).iterTime, model: r.model };
  });
}
