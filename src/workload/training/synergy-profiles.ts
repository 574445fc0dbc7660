/**
 * Synergy's per-model CPU/memory sensitivity profiles (figures, not code).
 *
 * Source: Mohan et al., "Looking Beyond GPUs for DNN Scheduling on
 * Multi-Tenant Clusters", OSDI'22; matrices from msr-fiddle/synergy
 * `simulator/models/<model>_1.py` (MIT). `throughput[c][k]` is the
 * throughput normalised to 1 at the GPU-proportional fair share (3 cores,
 * 62.5 GB per GPU), rows c ∈ CORE_LEVELS (cores per GPU), columns k ∈
 * MEMORY_LEVELS (GB per GPU). Every model has its `_1` file (single-GPU
 * profile, 9 core rows × 5 memory columns); best case, speedup, iteration
 * time and every matrix entry here equal those files' (checked entry by entry
 * against msr-fiddle/synergy @ 1bb2bed, 2026-12).
 */
export const CORE_LEVELS = [1, 2, 3, 4, 5, 6, 9, 12, 24] as const;
export const MEMORY_LEVELS = [62.5 / 3, 62.5, 125, 187.5, 250] as const;

export type ModelClass = 'image' | 'language' | 'speech';

export interface SynergyProfile {
  readonly name: string;
  readonly modelClass: ModelClass;
  /** Best-case cores per GPU c*. */
  readonly bestCores: number;
  /** Best-case GB per GPU k*. */
  readonly bestMemoryGb: number;
  /** Speedup S_m at the best case over the fair share. */
  readonly speedup: number;
  /** Iteration time at fair share τ_m (s). */
  readonly iterTime: number;
  /** throughput[c][k], normalised to 1 at the fair share. */
  readonly throughput: readonly (readonly number[])[];
}

const flat = (v: number): number[] => [v, v, v, v, v];
const imageRows = (vals: number[], last3?: number[][]): number[][] => {
  const rows = vals.map((v) => [0.1, v, v, v, v]);
  if (last3) for (let i = 0; i < last3.length; i++) rows[rows.length - last3.length + i] = last3[i];
  return rows;
};

/** The Synergy model zoo in the spec's table order (class, then model); round-robin order within a class. */
export const SYNERGY_PROFILES: readonly SynergyProfile[] = [
  { name: 'alexnet', modelClass: 'image', bestCores: 12, bestMemoryGb: 125, speedup: 2.94, iterTime: 0.6,
    throughput: imageRows([0.3, 0.66, 1, 1.25, 1.53, 1.75, 2, 2, 2], [[0.1, 2, 2.94, 2.94, 2.94], [0.1, 2, 2.94, 2.94, 2.94]]) },
  { name: 'res18', modelClass: 'image', bestCores: 9, bestMemoryGb: 62.5, speedup: 2.4, iterTime: 0.64,
    throughput: imageRows([0.37, 0.72, 1, 1.3, 1.53, 1.75, 2.4, 2.4, 2.4]) },
  { name: 'res50', modelClass: 'image', bestCores: 4, bestMemoryGb: 62.5, speedup: 1.15, iterTime: 0.78,
    throughput: imageRows([0.4, 0.74, 1, 1.15, 1.15, 1.15, 1.15, 1.15, 1.15]) },
  { name: 'mobilenet', modelClass: 'image', bestCores: 6, bestMemoryGb: 62.5, speedup: 1.55, iterTime: 0.71,
    throughput: imageRows([0.37, 0.72, 1, 1.3, 1.49, 1.55, 1.55, 1.55, 1.55]) },
  { name: 'shufflenet', modelClass: 'image', bestCores: 12, bestMemoryGb: 125, speedup: 2.89, iterTime: 0.615,
    throughput: imageRows([0.3, 0.66, 1, 1.25, 1.53, 1.75, 2, 2, 2], [[0.1, 2, 2.89, 2.89, 2.89], [0.1, 2, 2.89, 2.89, 2.89]]) },
  { name: 'gnmt', modelClass: 'language', bestCores: 1, bestMemoryGb: 20, speedup: 1, iterTime: 0.12, throughput: CORE_LEVELS.map(() => flat(1)) },
  { name: 'transformer', modelClass: 'language', bestCores: 1, bestMemoryGb: 20, speedup: 1, iterTime: 0.67, throughput: CORE_LEVELS.map(() => flat(1)) },
  { name: 'lstm', modelClass: 'language', bestCores: 1, bestMemoryGb: 20, speedup: 1, iterTime: 0.011, throughput: CORE_LEVELS.map(() => flat(1)) },
  { name: 'm5', modelClass: 'speech', bestCores: 6, bestMemoryGb: 187.5, speedup: 2.5, iterTime: 0.6,
    throughput: [[0.1, 0.3, 0.3, 0.3, 0.3], [0.1, 0.66, 0.66, 0.66, 0.66], [0.1, 1, 1, 1, 1], [0.1, 1.2, 1.2, 1.2, 1.2], [0.1, 1.4, 1.4, 1.4, 1.4],
      [0.1, 1.5, 2, 2.5, 2.5], [0.1, 1.5, 2, 2.5, 2.5], [0.1, 1.5, 2, 2.5, 2.5], [0.1, 1.5, 2, 2.5, 2.5]] },
  { name: 'deepspeech', modelClass: 'speech', bestCores: 3, bestMemoryGb: 62.5, speedup: 1, iterTime: 0.757,
    throughput: imageRows([0.3, 0.66, 1, 1, 1, 1, 1, 1, 1]) },
];

const byName = new Map(SYNERGY_PROFILES.map((p) => [p.name, p]));

/** Profile by model name; throws RangeError for an unknown name. */
export function synergyProfile(name: string): SynergyProfile {
  const p = byName.get(name);
  if (!p) throw new RangeError(`unknown Synergy model "${name}" (known: ${[...byName.keys()].join(', ')})`);
  return p;
}

export function isSynergyModel(name: string): boolean {
  return byName.has(name);
}

/** Row index of the largest core level ≤ cores (≥ 0); cores below 1 map to row 0. */
function coreRow(cores: number): number {
  let r = 0;
  for (let i = 0; i < CORE_LEVELS.length; i++) if (CORE_LEVELS[i] <= cores + 1e-9) r = i;
  return r;
}

/** Column of the largest memory level ≤ gb; the spec's quirk (20 GB ≈ 20.83) maps to the nearest level at or above when within 1 GB. */
function memoryCol(gb: number): number {
  let c = 0;
  for (let i = 0; i < MEMORY_LEVELS.length; i++) if (MEMORY_LEVELS[i] <= gb + 1) c = i;
  return c;
}

/**
 * Normalised throughput (1 = fair share) of a model given cores and GB per
 * GPU, read from the profile matrix at the largest profiled level not above
 * the allocation (a step function; spec §2).
 */
export function profileThroughput(p: SynergyProfile, coresPerGpu: number, gbPerGpu: number): number {
  return p.throughput[coreRow(coresPerGpu)][memoryCol(gbPerGpu)];
}
