/**
 * Hybrid CPU/GPU clusters for jobs on interchangeable resources (AlloX; Le et
 * al., EuroSys'20 §2; AlloX spec §1). A *machine* is one slot: ids 0..G−1 are
 * single GPUs, G..G+K−1 are CPU nodes; every slot has `memoryGbPerSlot` GB.
 * A job runs on exactly one slot, in its GPU or its CPU configuration.
 * Presets: `allox` (= IRFsim's default: 20 GPUs + 640 cores in 32-core nodes,
 * 64 GB per slot, 2,560 GB in total) and `allox-paper-draft` (20 GPUs +
 * 20 × 20 cores, 1,280 GB).
 */
import { InputError } from '../../errors.js';

export interface HybridCluster {
  readonly name: string;
  readonly gpus: number;
  readonly cpuNodes: number;
  readonly coresPerNode: number;
  readonly memoryGbPerSlot: number;
}

export const HYBRID_PRESETS = ['allox', 'allox-paper-draft'] as const;

export function hybridClusterPreset(name: string, gpus?: number): HybridCluster {
  switch (name) {
    case 'allox':
    case 'irfsim':
      return { name: 'allox', gpus: gpus ?? 20, cpuNodes: 20, coresPerNode: 32, memoryGbPerSlot: 64 };
    case 'allox-paper-draft':
      return { name: 'allox-paper-draft', gpus: gpus ?? 20, cpuNodes: 20, coresPerNode: 20, memoryGbPerSlot: 64 };
    default:
      throw new InputError(`unknown hybrid cluster "${name}" (expected one of: ${HYBRID_PRESETS.join(', ')})`, '--cluster');
  }
}

/** Total capacities (cores, GPUs, GB). */
export function hybridTotals(c: HybridCluster): { cores: number; gpus: number; memoryGb: number; machines: number } {
  return { cores: c.cpuNodes * c.coresPerNode, gpus: c.gpus, memoryGb: (c.gpus + c.cpuNodes) * c.memoryGbPerSlot, machines: c.gpus + c.cpuNodes };
}

/** A job with a CPU and a GPU configuration (times in s; `est*` are the reported p̂ that schedulers see). */
export interface HybridJob {
  readonly index: number;
  readonly id: string;
  readonly user: string;
  readonly arrival: number;
  readonly cpu: { readonly cores: number; readonly memoryGb: number; readonly time: number };
  readonly gpu: { readonly gpus: number; readonly memoryGb: number; readonly time: number };
  readonly estCpuTime: number;
  readonly estGpuTime: number;
}

export type Device = 'gpu' | 'cpu';

/** True if a job's configuration for the machine's kind fits the slot. */
export function fitsMachine(c: HybridCluster, j: HybridJob, machine: number): boolean {
  if (machine < c.gpus) return j.gpu.gpus <= 1 && j.gpu.memoryGb <= c.memoryGbPerSlot;
  return j.cpu.cores <= c.coresPerNode && j.cpu.memoryGb <= c.memoryGbPerSlot;
}

export function deviceOf(c: HybridCluster, machine: number): Device {
  return machine < c.gpus ? 'gpu' : 'cpu';
}
