/**
 * Training jobs from Gavel's per-VC traces (Narayanan et al., OSDI'20): each
 * trace line's job type and scale factor select a row of the measured
 * throughput table; work = total_steps / throughput on the reference type
 * (`v100` by default, else the first type with a throughput) in seconds; the
 * job may only run on types with a positive throughput. Lines whose
 * (job type, scale factor) row is missing on every type cannot run anywhere
 * and are returned in `skipped` (Gavel's table lacks e.g. ('CycleGAN', 4)).
 * `maxWorkSeconds` caps each job's work (seconds on its reference type), as
 * if its trace line had fewer total steps (ours, to bound a trace's longest
 * jobs); `jobs` keeps the first N runnable jobs by arrival.
 */
import type { GavelThroughputs } from '../../data/gavel-throughputs.js';
import { throughputKey } from '../../data/gavel-throughputs.js';
import type { GavelTraceJob } from '../../data/gavel-trace.js';
import type { TrainingJob } from '../../model/training.js';

export function gavelJobs(trace: readonly GavelTraceJob[], throughputs: GavelThroughputs, referenceType = 'v100', jobs?: number, maxWorkSeconds = Infinity): { jobs: TrainingJob[]; skipped: GavelTraceJob[] } {
  const sorted = [...trace].sort((a, b) => a.arrival - b.arrival || a.tenant.localeCompare(b.tenant) || a.line - b.line);
  const out: TrainingJob[] = [];
  const skipped: GavelTraceJob[] = [];
  for (const t of sorted) {
    if (jobs !== undefined && out.length >= jobs) break;
    const row = throughputs.get(throughputKey(t.jobType, t.scaleFactor));
    if (!row || Object.keys(row).length === 0) {
      skipped.push(t);
      continue;
    }
    const ref = row[referenceType] ? referenceType : Object.keys(row)[0];
    out.push({
      index: out.length, id: `${t.tenant}:${t.line}`, tenant: t.tenant, arrival: t.arrival, gpus: t.scaleFactor,
      work: Math.min(maxWorkSeconds, t.totalSteps / row[ref]), jobType: t.jobType, throughputs: row, referenceType: ref,
    });
  }
  return { jobs: out, skipped };
}
