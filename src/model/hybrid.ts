/**
 * Hybrid CPU/GPU clusters and jobs on interchangeable resources (AlloX; Le et
 * al., EuroSys'20 §2; shared/specs/allox.md §1). A *machine* is one slot:
 * ids 0..G−1 are single GPUs, G..G+K−1 are CPU nodes; every slot has
 * `memoryGbPerSlot` GB. A job runs on exactly one slot, in its GPU or its CPU
 * configuration. Times in seconds, memory in GB.
 */

/** A hybrid cluster: G single-GPU slots, K CPU nodes of `coresPerNode` cores, `memoryGbPerSlot` GB per slot (see the module header). */
export interface HybridCluster {
  readonly name: string;
  readonly gpus: number;
  readonly cpuNodes: number;
  readonly coresPerNode: number;
  readonly memoryGbPerSlot: number;
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

/** The kind of slot a hybrid job runs on: a single GPU or a CPU node. */
export type Device = 'gpu' | 'cpu';

