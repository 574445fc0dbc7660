/**
 * Training jobs from Alibaba's openb pod list (Weng et al., ATC'23): every pod
 * asking for at least one GPU becomes a job — arrival = creation_time, work =
 * deletion_time − scheduled_time (creation_time when never scheduled), GPUs =
 * num_gpu, tenant = the pod's QoS class (LS, BE, Burstable, Guaranteed). A
 * non-empty gpu_spec (e.g. "V100M16|V100M32") restricts the job to those GPU
 * models (throughput 1 there, 0 elsewhere). Simplification (ours): a
 * fractional GPU share (gpu_milli < 1000) is given a whole GPU — the
 * simulator does not model GPU sharing. CPU-only and zero-length pods are
 * returned in `skipped`.
 */
import type { OpenbPod } from '../../data/alibaba-openb.js';
import type { TrainingJob } from '../../model/training.js';

export function openbJobs(pods: readonly OpenbPod[], gpuTypes: readonly string[], jobs?: number): { jobs: TrainingJob[]; skipped: number } {
  const sorted = [...pods].map((p, line) => ({ p, line })).sort((a, b) => a.p.creation - b.p.creation || a.line - b.line);
  const out: TrainingJob[] = [];
  let skipped = 0;
  const t0 = sorted.length ? sorted[0].p.creation : 0;
  for (const { p } of sorted) {
    if (jobs !== undefined && out.length >= jobs) break;
    const start = p.scheduled >= 0 ? p.scheduled : p.creation;
    const work = p.deletion - start;
    if (p.gpus < 1 || !(work > 0)) {
      skipped++;
      continue;
    }
    const spec = p.gpuSpec ? p.gpuSpec.split('|').filter(Boolean) : [];
    const throughputs = spec.length ? Object.fromEntries(gpuTypes.map((t) => [t, spec.includes(t) ? 1 : 0])) : undefined;
    const ref = spec.find((t) => gpuTypes.includes(t));
    if (spec.length && !ref) {
      skipped++;
      continue;
    }
    out.push({ index: out.length, id: p.name, tenant: p.qos || 'unknown', arrival: p.creation - t0, gpus: p.gpus, work, throughputs, referenceType: ref });
  }
  return { jobs: out, skipped };
}
