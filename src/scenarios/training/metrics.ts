/**
 * Flattening a training run's outcomes into the shared results shape: the
 * JCT summary as flat metrics with units in their names (seconds).
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
