/**
 * Bounds on the size of a run, checked before it starts: every size knob
 * (load, rounds, jobs, durationSeconds, services, tasks …) feeds an estimate
 * of peak memory and CPU time; past the bound the run stops with a message
 * naming the knobs, unless `allowLarge` (`--allow-large`) says to go on.
 *
 * Bounds (ours): memory ≤ 60 % of `os.totalmem()`, CPU time ≤ 2 h. They
 * admit the largest runs the benchmarks use — 10× Philly (822k jobs), M-Dice
 * 1,000 tenants × 10,000 nodes, HEFT 10,000 tasks × 100 processors — and stop
 * runaway ones such as `--load 1e300` before any allocation.
 */
import { totalmem } from 'node:os';
import { InputError } from '../errors.js';
import type { RunEstimate } from './registry.js';

/** Fraction of the machine's memory a run may plan to use. */
export const MEMORY_FRACTION = 0.6;
/** CPU seconds a run may plan to take. */
export const MAX_SECONDS = 2 * 3600;

function bytes(b: number): string {
  if (!Number.isFinite(b)) return 'unbounded memory';
  const gib = b / 2 ** 30;
  return gib >= 1e4 ? `${gib.toExponential(1)} GiB` : gib >= 1 ? `${gib.toFixed(1)} GiB` : `${(b / 2 ** 20).toFixed(0)} MiB`;
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return 'unbounded time';
  if (s >= 86400 * 365) return `${(s / (86400 * 365)).toExponential(1)} years`;
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s)} s`;
}

/**
 * Throws InputError (exit 2) when the estimate exceeds the bounds and
 * `allowLarge` is not set. `where` names the scenario for the message.
 */
export function checkSize(estimate: RunEstimate, where: string, allowLarge = false, memory = totalmem()): void {
  if (allowLarge) return;
  const memLimit = MEMORY_FRACTION * memory;
  const tooBig = !(estimate.memoryBytes <= memLimit);
  const tooLong = !(estimate.seconds <= MAX_SECONDS);
  if (!tooBig && !tooLong) return;
  const parts: string[] = [];
  if (tooBig) parts.push(`${Number.isFinite(estimate.memoryBytes) ? `about ${bytes(estimate.memoryBytes)} of memory` : 'unbounded memory'} (this machine allows ${bytes(memLimit)})`);
  if (tooLong) parts.push(`${Number.isFinite(estimate.seconds) ? `about ${duration(estimate.seconds)} of CPU time` : 'unbounded CPU time'} (bound ${duration(MAX_SECONDS)})`);
  throw new InputError(
    `this run is too large: ${estimate.what} would need ${parts.join(' and ')}; lower ${estimate.knobs.join(', ')}, or pass --allow-large to run it anyway`,
    where,
  );
}
