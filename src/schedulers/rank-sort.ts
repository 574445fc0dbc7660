/**
 * Sorting job slots by (starved flag, key, slot) — the order of a key policy
 * (`keyOrder` in engine.ts) — with a natural merge sort: the input's ascending
 * (and strictly descending) runs are found and merged, so a sequence that is
 * nearly in order (last round's order, in which only the jobs that ran
 * changed their keys) costs O(n log r) comparisons for r runs instead of
 * O(n log n). The order is total when no key is NaN (the caller checks), so
 * the result does not depend on the input's order.
 */

/** a before b: starved flag (0 first), then key ascending, then slot ascending. */
function before(a: number, b: number, starved: Uint8Array, keys: Float64Array): boolean {
  const sa = starved[a], sb = starved[b];
  if (sa !== sb) return sa < sb;
  const ka = keys[a], kb = keys[b];
  return ka !== kb ? ka < kb : a < b;
}

/**
 * Sorts `slots[0 … n)` in place by (starved[slot], keys[slot], slot),
 * ascending; `tmp` is scratch of length ≥ n. Slots must be distinct and no
 * key NaN (else the result depends on the input order). O(n log r) for r runs.
 */
export function sortByRank(slots: Int32Array, n: number, tmp: Int32Array, starved: Uint8Array, keys: Float64Array): void {
  if (n < 2) return;
  // Run boundaries: runs[k] … runs[k+1]; strictly descending runs are reversed in place.
  const runs: number[] = [0];
  let i = 1;
  while (i < n) {
    const start = i - 1;
    if (before(slots[i], slots[start], starved, keys)) {
      while (i < n && before(slots[i], slots[i - 1], starved, keys)) i++;
      slots.subarray(start, i).reverse();
    } else {
      while (i < n && !before(slots[i], slots[i - 1], starved, keys)) i++;
    }
    runs.push(i);
    i++;
    if (i === n) runs.push(n);
  }
  // Merge neighbouring runs pairwise until one is left, alternating between `slots` and `tmp`.
  let src = slots, dst = tmp;
  let bounds = runs;
  while (bounds.length > 2) {
    const next: number[] = [0];
    for (let k = 0; k + 1 < bounds.length; k += 2) {
      const lo = bounds[k], mid = bounds[k + 1], hi = k + 2 < bounds.length ? bounds[k + 2] : mid;
      let a = lo, b = mid, w = lo;
      while (a < mid && b < hi) dst[w++] = before(src[b], src[a], starved, keys) ? src[b++] : src[a++];
      while (a < mid) dst[w++] = src[a++];
      while (b < hi) dst[w++] = src[b++];
      next.push(hi);
    }
    bounds = next;
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== slots) slots.set(src.subarray(0, n));
}
