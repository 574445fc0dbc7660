/**
 * Reader for MLPerf Inference summary results (`summary_results.json` of
 * mlcommons/inference_results_v4.1; shared/data/mlperf/). Derives the
 * per-accelerator throughput table the inference scenario uses: closed
 * division, Offline, `-99` accuracy rows (or the model's only row),
 * Performance_Result / (a# × Nodes), median per (model, accelerator).
 * Invalid rows (missing fields, non-numeric results) raise InputError naming
 * the row index and field.
 */
import { median } from 'simple-statistics';
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { parseWith } from '../config/validate.js';
import { MLPERF_ACCELERATORS } from '../workload/inference/mlperf-figures.js';

const rowSchema = lazySchema((z) => z.object({
  Category: z.string(),
  Scenario: z.string(),
  Model: z.string(),
  Accelerator: z.string(),
  'a#': z.union([z.number(), z.literal('')]),
  Nodes: z.number().int().positive(),
  Performance_Result: z.number(),
  Performance_Units: z.string(),
}));

export interface MlperfTable {
  /** model → accelerator type → throughput (samples/s or tokens/s). */
  throughput: Record<string, Record<string, number>>;
  /** model → unit. */
  units: Record<string, string>;
  /** model → accelerator type → number of submissions the median is over. */
  submissions: Record<string, Record<string, number>>;
}

/** Derives the table from the parsed JSON. `accelerators` maps MLPerf accelerator names to Allot types. */
export function deriveMlperfThroughputs(data: unknown, source: string, accelerators: Record<string, string> = MLPERF_ACCELERATORS): MlperfTable {
  if (!Array.isArray(data)) throw new InputError('expected a JSON array of result rows', source);
  const groups = new Map<string, number[]>();
  const units: Record<string, string> = {};
  data.forEach((raw, idx) => {
    const row = parseWith(rowSchema, raw, source, { prefix: [idx] });
    if (row.Category !== 'closed' || row.Scenario !== 'Offline') return;
    if (row.Model.endsWith('-99.9')) return;
    const type = accelerators[row.Accelerator];
    if (!type || row['a#'] === '' || !(row['a#'] > 0)) return;
    const key = `${row.Model}\u0000${type}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(row.Performance_Result / (row['a#'] * row.Nodes));
    units[row.Model] = row.Performance_Units;
  });
  const throughput: Record<string, Record<string, number>> = {};
  const submissions: Record<string, Record<string, number>> = {};
  for (const [key, vals] of [...groups.entries()].sort()) {
    const [model, type] = key.split('\u0000');
    (throughput[model] ??= {})[type] = median(vals);
    (submissions[model] ??= {})[type] = vals.length;
  }
  return { throughput, units, submissions };
}
