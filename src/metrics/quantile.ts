/** Quantiles of sorted samples (simple-statistics, loaded on first use so importing a metrics module stays cheap). */
import { lazyRequire } from '../lazy-require.js';

const simpleStatistics = lazyRequire<typeof import('simple-statistics')>('simple-statistics');

/**
 * The p-quantile (0 ≤ p ≤ 1) of `sorted` (ascending, non-empty), as simple-statistics' `quantileSorted`; a typed
 * array is read in place (the library only indexes its argument), not copied.
 */
export function quantileSorted(sorted: readonly number[] | Float64Array, p: number): number {
  return simpleStatistics().quantileSorted(sorted as number[], p);
}
