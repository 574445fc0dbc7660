/**
 * The Allot job CSV, for users' own training traces. Header (any order; the
 * first five columns are required, the rest optional):
 *
 * | column | meaning |
 * |---|---|
 * | `id` | job id (unique) |
 * | `tenant` | tenant (team, VC) |
 * | `arrival_s` | arrival time, seconds ≥ 0 |
 * | `gpus` | GPUs (integer ≥ 1) |
 * | `work_s` | run time in seconds at the reference speed (> 0) |
 * | `model` | Synergy model name (alexnet, res18, …), optional |
 * | `cpu_time_s`, `gpu_time_s` | for interchangeable (AlloX) jobs: run time on one CPU node / one GPU |
 * | `est_cpu_s`, `est_gpu_s` | the times the job reports (what estimate-based policies see); default the true times; both or neither, with `cpu_time_s`/`gpu_time_s` |
 * | `cpu_cores`, `cpu_mem_gb`, `gpu_mem_gb` | AlloX configurations (default 32, 8, 2) |
 *
 * A file with `cpu_time_s` and `gpu_time_s` on every row is a hybrid-cluster
 * (AlloX) workload; otherwise a GPU training workload.
 */
import { parseCsvRows } from './input-files.js';
import { InputError } from '../errors.js';
import { isSynergyModel } from '../workload/training/synergy-profiles.js';

export const ALLOT_JOB_REQUIRED = ['id', 'tenant', 'arrival_s', 'gpus', 'work_s'] as const;
const OPTIONAL = ['model', 'cpu_time_s', 'gpu_time_s', 'est_cpu_s', 'est_gpu_s', 'cpu_cores', 'cpu_mem_gb', 'gpu_mem_gb'];

export interface AllotJobRow {
  line: number;
  id: string;
  tenant: string;
  arrival: number;
  gpus: number;
  work: number;
  model?: string;
  cpuTime?: number;
  gpuTime?: number;
  /** Reported CPU / GPU times (s), when the file gives them. */
  estCpuTime?: number;
  estGpuTime?: number;
  cpuCores: number;
  cpuMemGb: number;
  gpuMemGb: number;
}

export function looksLikeAllotJobCsv(head: string): boolean {
  const cols = head.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '').split(',').map((s) => s.trim());
  return ALLOT_JOB_REQUIRED.every((c) => cols.includes(c));
}

export function parseAllotJobCsv(text: string, source: string): AllotJobRow[] {
  const rows = parseCsvRows(text, source);
  if (rows.length === 0) throw new InputError(`empty file (expected a header with ${ALLOT_JOB_REQUIRED.join(', ')})`, source, 'line 1');
  const header = rows[0];
  for (const c of ALLOT_JOB_REQUIRED) if (!header.includes(c)) throw new InputError(`missing column "${c}" (required: ${ALLOT_JOB_REQUIRED.join(', ')})`, source, 'line 1');
  for (const c of header) if (!(ALLOT_JOB_REQUIRED as readonly string[]).includes(c) && !OPTIONAL.includes(c)) throw new InputError(`unknown column "${c}" (known: ${[...ALLOT_JOB_REQUIRED, ...OPTIONAL].join(', ')})`, source, 'line 1');
  const col = (name: string): number => header.indexOf(name);
  const ids = new Set<string>();
  const out: AllotJobRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const where = `line ${i + 1}`;
    if (r.length !== header.length) throw new InputError(`expected ${header.length} fields, got ${r.length}`, source, where);
    const get = (name: string): string | undefined => (col(name) >= 0 ? r[col(name)] : undefined);
    const num = (name: string, check: (x: number) => boolean, expect: string, optional = false): number | undefined => {
      const v = get(name);
      if (v === undefined || v === '') {
        if (optional) return undefined;
        throw new InputError(`field "${name}": expected ${expect}, got an empty value`, source, where);
      }
      const x = Number(v);
      if (!Number.isFinite(x) || !check(x)) throw new InputError(`field "${name}": expected ${expect}, got "${v}"`, source, where);
      return x;
    };
    const id = get('id')!;
    if (id === '') throw new InputError('field "id": expected a job id, got an empty value', source, where);
    if (ids.has(id)) throw new InputError(`field "id": duplicate job id "${id}"`, source, where);
    ids.add(id);
    const tenant = get('tenant')!;
    if (tenant === '') throw new InputError('field "tenant": expected a tenant name, got an empty value', source, where);
    const model = get('model') || undefined;
    if (model !== undefined && !isSynergyModel(model)) throw new InputError(`field "model": unknown Synergy model "${model}"`, source, where);
    const estCpuTime = num('est_cpu_s', (x) => x > 0, 'seconds > 0', true);
    const estGpuTime = num('est_gpu_s', (x) => x > 0, 'seconds > 0', true);
    if ((estCpuTime === undefined) !== (estGpuTime === undefined)) throw new InputError('est_cpu_s and est_gpu_s must be given together', source, where);
    if (estCpuTime !== undefined && (get('cpu_time_s') || '') === '') throw new InputError('est_cpu_s and est_gpu_s are reported times of a hybrid CPU/GPU job: give cpu_time_s and gpu_time_s too', source, where);
    out.push({
      line: i + 1, id, tenant, estCpuTime, estGpuTime,
      arrival: num('arrival_s', (x) => x >= 0, 'seconds ≥ 0')!,
      gpus: num('gpus', (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1')!,
      work: num('work_s', (x) => x > 0, 'seconds > 0')!,
      model,
      cpuTime: num('cpu_time_s', (x) => x > 0, 'seconds > 0', true),
      gpuTime: num('gpu_time_s', (x) => x > 0, 'seconds > 0', true),
      cpuCores: num('cpu_cores', (x) => x > 0, 'cores > 0', true) ?? 32,
      cpuMemGb: num('cpu_mem_gb', (x) => x > 0, 'GB > 0', true) ?? 8,
      gpuMemGb: num('gpu_mem_gb', (x) => x > 0, 'GB > 0', true) ?? 2,
    });
  }
  if (out.length === 0) throw new InputError('no jobs after the header', source);
  return out;
}
