/**
 * Flattening a training run's outcomes into the shared results shape: the
 * JCT summary as flat metrics with units in their names (seconds), and step
 * series (utilisation) down-sampled into time-weighted bins for charts.
 */
import type { MetricValue } from '../../results.js';
import type { JctSummary } from '../../metrics/jct.js';

/** Rounds to 6 decimals (results are stable across platforms at this precision); null stays null. */
export const round6 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

export function flatSummary(s: JctSummary): Record<string, MetricValue> {
  return {
    jobs: s.jobs, finishedJobs: s.finished,
    avgJctSeconds: round6(s.avgJctSeconds), medianJctSeconds: round6(s.medianJctSeconds), p99JctSeconds: round6(s.p99JctSeconds),
    top5PctAvgJctSeconds: round6(s.top5PctAvgJctSeconds), top1PctAvgJctSeconds: round6(s.top1PctAvgJctSeconds),
    avgQueueingSeconds: round6(s.avgQueueingSeconds), ftfRhoMean: round6(s.ftfRhoMean), ftfRhoMax: round6(s.ftfRhoMax),
  };
}

/** Down-samples a step series to ≤ maxPoints time-weighted bins. */
export function binSeries(points: { time: number; span: number; value: number }[], end: number, maxPoints = 300): { time: number; value: number }[] {
  if (points.length === 0 || !(end > 0)) return [];
  const bin = end / Math.min(maxPoints, points.length);
  const acc = new Float64Array(Math.ceil(end / bin) + 1);
  for (const p of points) {
    let t = p.time;
    const stop = Math.min(end, p.time + p.span);
    while (t < stop - 1e-9) {
      const b = Math.floor(t / bin + 1e-12);
      const be = Math.min(stop, (b + 1) * bin);
      acc[b] += p.value * (be - t);
      t = be;
    }
  }
  const out: { time: number; value: number }[] = [];
  for (let b = 0; b * bin < end; b++) out.push({ time: round6(b * bin)!, value: round6(acc[b] / bin)! });
  return out;
}

