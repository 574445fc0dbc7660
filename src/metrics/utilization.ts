/**
 * Utilisation as a step series, consistent with the table: a run's
 * `utilization` metric is busy capacity-time / (capacity × [0, end]), and its
 * `utilization` chart series is a step function whose time-weighted mean over
 * [0, end] is that same number (to floating-point rounding). Series are
 * down-sampled into equal-width, time-weighted bins, which keeps the mean.
 */

/** One step: `value` holds from `time` until the next point's time (the last until `end`). */
export interface StepPoint {
  time: number;
  value: number;
}

/**
 * Time-weighted mean over [0, end] of a step series sorted by time (the
 * value before the first point counts as 0; the last point holds until
 * `end`). Returns NaN when `end` ≤ 0.
 */
export function timeWeightedMean(points: readonly StepPoint[], end: number): number {
  if (!(end > 0)) return NaN;
  let area = 0;
  for (let k = 0; k < points.length; k++) {
    const a = Math.min(Math.max(points[k].time, 0), end);
    const b = Math.min(k + 1 < points.length ? points[k + 1].time : end, end);
    if (b > a) area += points[k].value * (b - a);
  }
  return area / end;
}

/**
 * Down-samples a step series given as blocks (`value` over [time, time + span))
 * into at most `maxPoints` equal-width bins over [0, end], each the
 * time-weighted mean of what falls in it; a closing point at `end` repeats the
 * last bin so a step chart draws the last bin to the end. The bins' own
 * time-weighted mean equals the blocks' (clipped to [0, end]).
 */
export function binSeries(points: readonly { time: number; span: number; value: number }[], end: number, maxPoints = 300): StepPoint[] {
  return binBlocks({ length: points.length, time: (k) => points[k].time, span: (k) => points[k].span, value: (k) => points[k].value }, end, maxPoints);
}

/** A step series as blocks read by position (no object per block): block k holds `value(k)` over [time(k), time(k) + span(k)). */
export interface StepBlocks {
  length: number;
  time(k: number): number;
  span(k: number): number;
  value(k: number): number;
}

/** `binSeries` of blocks read by position (`StepBlocks`): the same bins, without an object per block. */
export function binBlocks(blocks: StepBlocks, end: number, maxPoints = 300): StepPoint[] {
  if (blocks.length === 0 || !(end > 0)) return [];
  const count = Math.max(1, Math.min(maxPoints, blocks.length));
  const bin = end / count;
  const acc = new Float64Array(count);
  for (let k = 0; k < blocks.length; k++) {
    const time = blocks.time(k);
    const value = blocks.value(k);
    let t = Math.max(0, time);
    const stop = Math.min(end, time + blocks.span(k));
    // walk the bins by index: recomputing floor(t / bin) at a boundary can land one bin short
    for (let b = Math.min(count - 1, Math.floor(t / bin)); t < stop && b < count; b++) {
      const be = b === count - 1 ? stop : Math.min(stop, (b + 1) * bin);
      if (be > t) {
        acc[b] += value * (be - t);
        t = be;
      }
    }
  }
  const out: StepPoint[] = [];
  for (let b = 0; b < count; b++) {
    const from = b * bin;
    const to = b === count - 1 ? end : (b + 1) * bin;
    out.push({ time: from, value: acc[b] / (to - from) });
  }
  out.push({ time: end, value: out[out.length - 1].value });
  return out;
}

/**
 * Busy fraction of `capacity` lanes over [0, end] from busy intervals (one
 * per piece of work on one lane), in at most `maxPoints` bins: the step
 * series whose mean is Σ interval lengths / (capacity × end).
 */
export function intervalUtilization(intervals: readonly { start: number; end: number }[], end: number, capacity: number, maxPoints = 300): StepPoint[] {
  if (!(capacity > 0)) return [];
  return binSeries(intervals.map((iv) => ({ time: iv.start, span: iv.end - iv.start, value: 1 / capacity })), end, maxPoints);
}
