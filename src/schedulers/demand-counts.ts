/**
 * The GPU demands of the jobs a round has not offered yet, as counts per
 * demand, with the smallest demand still present. The engine stops walking a
 * round's order once fewer GPUs are free than the smallest demand left: no
 * later job could be offered (an order with side effects in `next` is walked
 * to the end as before; see `allocateRunnable`).
 */
/** Largest GPU demand `DemandCounts.of` counts (its table has one entry per demand up to the largest). */
export const MAX_COUNTED_DEMAND = 1 << 20;

/** GPU demands not yet offered, counted per demand (see the module header). */
export class DemandCounts {
  /** counts[g] = jobs not yet taken with a demand of g GPUs. */
  private readonly counts: Int32Array;
  /** Smallest demand with a count > 0 (∞ once every job is taken). */
  private least = Infinity;

  private constructor(max: number) {
    this.counts = new Int32Array(max + 1);
  }

  /**
   * Counts the GPU demands (`job.gpus`) of `jobs`; undefined when one is not
   * a positive integer or exceeds `MAX_COUNTED_DEMAND` (the caller then
   * walks its order to the end).
   */
  static of(jobs: readonly { readonly job: { readonly gpus: number } }[]): DemandCounts | undefined {
    let max = 0;
    for (let i = 0; i < jobs.length; i++) {
      const g = jobs[i].job.gpus;
      if (!Number.isSafeInteger(g) || g < 1 || g > MAX_COUNTED_DEMAND) return undefined;
      if (g > max) max = g;
    }
    const d = new DemandCounts(max);
    for (let i = 0; i < jobs.length; i++) {
      const g = jobs[i].job.gpus;
      d.counts[g]++;
      if (g < d.least) d.least = g;
    }
    return d;
  }

  /** The smallest demand not yet taken (GPUs), ∞ when none is left. */
  get min(): number {
    return this.least;
  }

  /** Takes one job of demand `gpus` (it must have been counted and not taken yet). */
  take(gpus: number): void {
    if (--this.counts[gpus] === 0 && gpus === this.least) {
      let g = gpus + 1;
      while (g < this.counts.length && this.counts[g] === 0) g++;
      this.least = g < this.counts.length ? g : Infinity;
    }
  }
}
