/**
 * CSV inputs of the real-time level (src/realtime):
 * - a per-layer profile table `model,layer,subAccelerator,latencySeconds,
 *   bandwidthGBps[,energyJoules]` — one row per (layer, sub-accelerator),
 *   layers in file order — read into `ModelProfile`s;
 * - an arrivals trace `arrivalSeconds,tenant,model` (replaces Poisson arrivals).
 * Every bad row is an InputError naming the file, line and column.
 */
import { InputError } from '../errors.js';
import { profileFromTable, type ModelProfile } from '../realtime/cost-model.js';
import type { SystemSpec } from '../realtime/system.js';
import type { TraceArrival } from '../realtime/workload.js';
import { parseCsvRecords, readInputFile } from './input-files.js';

function readCsv(path: string, what: string, required: string[]): Record<string, string>[] {
  const { records, header } = parseCsvRecords(readInputFile(path, what), path);
  const missing = required.filter((c) => !header.includes(c));
  if (header.length > 0 && missing.length) throw new InputError(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (expected a header ${required.join(',')})`, path, 'line 1');
  return records;
}

function num(row: Record<string, string>, col: string, path: string, line: number, positive = false): number {
  const v = Number(row[col]);
  if (row[col] === undefined || row[col] === '' || !Number.isFinite(v) || (positive ? v <= 0 : v < 0)) throw new InputError(`column "${col}": expected a number ${positive ? '> 0' : '≥ 0'}, got "${row[col] ?? ''}"`, path, `line ${line}`);
  return v;
}

/** Reads a per-layer profile table (CSV) into ModelProfiles, one per model, layers in file order. */
export function readProfileTable(path: string, system: SystemSpec): ModelProfile[] {
  const rows = readCsv(path, 'profile table', ['model', 'layer', 'subAccelerator', 'latencySeconds', 'bandwidthGBps']);
  const subIds = system.subAccelerators.map((s) => s.id);
  const models = new Map<string, Map<string, { c: number[]; b: number[]; e: number[] }>>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const sub = subIds.indexOf(row.subAccelerator);
    if (!row.model || !row.layer) throw new InputError('columns "model" and "layer" must be non-empty', path, `line ${line}`);
    if (sub < 0) throw new InputError(`column "subAccelerator": unknown "${row.subAccelerator}" (expected one of ${subIds.join(', ')})`, path, `line ${line}`);
    const layers = models.get(row.model) ?? new Map();
    models.set(row.model, layers);
    const entry = layers.get(row.layer) ?? { c: new Array(subIds.length).fill(NaN), b: new Array(subIds.length).fill(NaN), e: new Array(subIds.length).fill(0) };
    layers.set(row.layer, entry);
    entry.c[sub] = num(row, 'latencySeconds', path, line, true);
    entry.b[sub] = num(row, 'bandwidthGBps', path, line);
    entry.e[sub] = row.energyJoules === undefined || row.energyJoules === '' ? 0 : num(row, 'energyJoules', path, line);
  });
  return [...models].map(([model, layers]) => {
    const names = [...layers.keys()];
    const missing = names.find((n) => layers.get(n)!.c.some((v) => Number.isNaN(v)));
    if (missing) throw new InputError(`model ${model}, layer ${missing}: needs one row per sub-accelerator (${subIds.join(', ')})`, path);
    return profileFromTable(model, names, names.map((n) => layers.get(n)!.c), names.map((n) => layers.get(n)!.b), names.map((n) => layers.get(n)!.e));
  });
}

/** Reads an arrivals trace `arrivalSeconds,tenant,model`. */
export function readArrivalTrace(path: string): TraceArrival[] {
  return readCsv(path, 'trace', ['arrivalSeconds', 'tenant', 'model']).map((row, i) => {
    if (!row.tenant || !row.model) throw new InputError('columns "tenant" and "model" must be non-empty', path, `line ${i + 2}`);
    return { arrivalS: num(row, 'arrivalSeconds', path, i + 2), tenant: row.tenant, model: row.model };
  });
}
