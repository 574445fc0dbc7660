/**
 * Progress accounting for long runs. Everything reports through one callback
 * shape, `(done, total, label)`: a run over policies reports parts, and each
 * policy's simulation reports inside its part (rounds, simulated seconds,
 * finished jobs, generations); `partProgress` maps the inner report onto the
 * whole, so one bar with one ETA covers the run. Reporting never changes
 * results: callbacks only observe.
 */

/** Progress of a long run: `done` of `total` units (`done` may be fractional), with a label of what is running. */
export type ProgressFn = (done: number, total: number, label: string) => void;

/**
 * The progress callback of part `index` (0-based) of `count` parts named
 * `name`: an inner report (d, t, label) becomes (index + d/t, count,
 * "name (index+1/count) · label") on `outer`. Reports the part's start at
 * once. Returns undefined when `outer` is.
 */
export function partProgress(outer: ProgressFn | undefined, index: number, count: number, name: string): ProgressFn | undefined {
  if (!outer) return undefined;
  const head = count > 1 ? `${name} (${index + 1}/${count})` : name;
  outer(index, count, head);
  return (done, total, label) => outer(index + (total > 0 ? Math.min(1, Math.max(0, done / total)) : 0), count, label ? `${head} · ${label}` : head);
}

/**
 * Calls `report(fraction)` each time a monotone quantity crosses the next
 * 1 % of `total` (e.g. simulated time against the horizon), so a hot loop
 * can check progress with one comparison. Returns the checker.
 */
export function percentSteps(total: number, report: (value: number) => void): (value: number) => void {
  if (!(total > 0)) return () => {};
  const step = total / 100;
  let next = step;
  return (value) => {
    if (value < next) return;
    next = (Math.floor(value / step) + 1) * step;
    report(value);
  };
}
