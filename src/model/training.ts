/**
 * Training jobs and training clusters (level 2).
 *
 * The training-job model shared by every job scheduler (DESIGN.md level 2).
 *
 * A job has a tenant, an arrival time (s), a GPU demand, and total work
 * expressed as **seconds of execution at the reference speed** (the job's
 * GPU-proportional CPU/memory share, on the reference accelerator type).
 * What it runs at depends on where and with what it is placed:
 * - `model` (optional): a Synergy profile name (`synergy-profiles.ts`) giving
 *   the throughput as a function of CPU cores and memory per GPU;
 * - `throughputs` (optional): steps/s per accelerator type (Gavel's measured
 *   table); a type with zero or missing throughput is never used for the job;
 *   `referenceType` is the type at which `work` is measured.
 * Invariants: `gpus ≥ 1` (integer), `work > 0`, `arrival ≥ 0`.
 */
export interface TrainingJob {
  /** Dense index 0..n−1 (the order of the input after sorting by arrival, id). */
  readonly index: number;
  /** External id (trace row, Gavel line …). */
  readonly id: string;
  readonly tenant: string;
  /** Arrival time, seconds from the start of the run. */
  readonly arrival: number;
  /** GPUs needed (gang-scheduled, all or nothing). */
  readonly gpus: number;
  /** Work: seconds of execution at the reference speed. */
  readonly work: number;
  /** Synergy model name (profile), if known or assigned. */
  readonly model?: string;
  /** Gavel job type (throughput row), if known. */
  readonly jobType?: string;
  /** Throughput (steps/s) per accelerator type; absent = homogeneous (speed 1 everywhere). */
  readonly throughputs?: Readonly<Record<string, number>>;
  /** Accelerator type whose throughput defines speed 1 (required when `throughputs` is set). */
  readonly referenceType?: string;
}

/** Speed (work-seconds per second) of a job on an accelerator type from its throughput table; 0 = cannot run there. */
export function typeSpeed(job: TrainingJob, type: string): number {
  if (!job.throughputs) return 1;
  const t = job.throughputs[type];
  const ref = job.throughputs[job.referenceType ?? ''];
  if (!t || !(t > 0) || !ref || !(ref > 0)) return 0;
  return t / ref;
}

/** One server of a training cluster: GPUs of one accelerator type, CPU cores and memory (GB). */
export interface ServerSpec {
  readonly id: number;
  readonly gpuType: string;
  readonly gpus: number;
  readonly cores: number;
  readonly memoryGb: number;
}

/**
 * A named training cluster: its servers, each with GPUs of one accelerator
 * type, CPU cores and memory (GB).
 */
export interface TrainingCluster {
  readonly name: string;
  readonly servers: readonly ServerSpec[];
}

export interface ServerGroup {
  count: number;
  gpus: number;
  gpuType?: string;
  cores: number;
  memoryGb: number;
}

