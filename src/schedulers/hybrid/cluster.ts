/**
 * Hybrid CPU/GPU clusters for jobs on interchangeable resources (AlloX; Le et
 * al., EuroSys'20 §2; AlloX spec §1). A *machine* is one slot: ids 0..G−1 are
 * single GPUs, G..G+K−1 are CPU nodes; every slot has `memoryGbPerSlot` GB.
 * A job runs on exactly one slot, in its GPU or its CPU configuration.
 * Presets: `allox` (= IRFsim's default: 20 GPUs + 640 cores in 32-core nodes,
 * 64 GB per slot, 2,560 GB in total) and `allox-paper-draft` (20 GPUs +
 * 20 × 20 cores, 1,280 GB).
 */
import { lazySchema } from '../../config/lazy-schema.js';
import { InputError } from '../../errors.js';
import type { Device, HybridCluster, HybridJob } from '../../model/hybrid.js';

export type { Device, HybridCluster, HybridJob };

/** A hybrid CPU/GPU slot cluster given as an object (scenario field or cluster file). */
export const hybridClusterSchema = lazySchema((z) => z.strictObject({
  name: z.string().min(1).optional(),
  gpus: z.number().int().min(0).describe('single-GPU slots'),
  cpuNodes: z.number().int().min(0).describe('CPU-node slots'),
  coresPerNode: z.number().int().min(1).describe('cores per CPU node'),
  memoryGbPerSlot: z.number().positive().finite().default(64).describe('GB per slot'),
}));

/** Names of the hybrid cluster presets (`hybridClusterPreset`). */
export const HYBRID_PRESETS = ['allox', 'allox-paper-draft'] as const;

/**
 * A hybrid cluster preset (see the module header): `allox` (alias `irfsim`;
 * 20 CPU nodes of 32 cores) or `allox-paper-draft` (20 CPU nodes of 20 cores),
 * each with `gpus` single-GPU slots (default 20), `cpuNodes` CPU nodes
 * (default 20; IRFsim scales them with the GPUs, e.g. 12 + 12) and 64 GB per
 * slot. Throws InputError (exit 2) for an unknown name.
 */
export function hybridClusterPreset(name: string, gpus?: number, cpuNodes?: number): HybridCluster {
  switch (name) {
    case 'allox':
    case 'irfsim':
      return { name: 'allox', gpus: gpus ?? 20, cpuNodes: cpuNodes ?? 20, coresPerNode: 32, memoryGbPerSlot: 64 };
    case 'allox-paper-draft':
      return { name: 'allox-paper-draft', gpus: gpus ?? 20, cpuNodes: cpuNodes ?? 20, coresPerNode: 20, memoryGbPerSlot: 64 };
    default:
      throw new InputError(`unknown hybrid cluster "${name}" (expected one of: ${HYBRID_PRESETS.join(', ')})`, '--cluster');
  }
}

/** Total capacities (cores, GPUs, GB). */
export function hybridTotals(c: HybridCluster): { cores: number; gpus: number; memoryGb: number; machines: number } {
  return { cores: c.cpuNodes * c.coresPerNode, gpus: c.gpus, memoryGb: (c.gpus + c.cpuNodes) * c.memoryGbPerSlot, machines: c.gpus + c.cpuNodes };
}

/** True if a job's configuration for the machine's kind fits the slot. */
export function fitsMachine(c: HybridCluster, j: HybridJob, machine: number): boolean {
  if (machine < c.gpus) return j.gpu.gpus <= 1 && j.gpu.memoryGb <= c.memoryGbPerSlot;
  return j.cpu.cores <= c.coresPerNode && j.cpu.memoryGb <= c.memoryGbPerSlot;
}

/** Throws InputError (naming `source` and the job) when a job fits neither a GPU slot nor a CPU node of the cluster. */
export function checkHybridJobsFit(jobs: readonly HybridJob[], c: HybridCluster, source = 'jobs'): void {
  for (const j of jobs) {
    const gpu = c.gpus > 0 && fitsMachine(c, j, 0);
    const cpu = c.cpuNodes > 0 && fitsMachine(c, j, c.gpus);
    if (!gpu && !cpu) throw new InputError(`job ${j.id} fits neither a GPU slot nor a CPU node of cluster "${c.name}" (${c.gpus} GPUs, ${c.cpuNodes} × ${c.coresPerNode}-core nodes, ${c.memoryGbPerSlot} GB per slot)`, source, `job ${j.id}`);
  }
}

/** The kind of slot `machine` is: ids below `c.gpus` are GPUs, the rest CPU nodes. */
export function deviceOf(c: HybridCluster, machine: number): Device {
  return machine < c.gpus ? 'gpu' : 'cpu';
}
