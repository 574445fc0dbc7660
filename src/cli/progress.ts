/**
 * Progress on stderr for long commands, fed by the core's `ProgressFn`
 * reports (src/sim/progress.ts):
 * - on a terminal, a bar with percentage, ETA and what is running
 *   (cli-progress), shown only once the work has run ~2 s
 *   (`ALLOT_PROGRESS_DELAY_MS` overrides, e.g. 0 in tests);
 * - with `CI` set, one plain line every 30 s instead;
 * - otherwise (stderr not a terminal) nothing;
 * - `--quiet` silences all of it.
 * Reports are throttled, so engines may report as often as they like.
 */
import type cliProgress from 'cli-progress';
import type { ProgressFn } from '../sim/progress.js';
import type { CliIo } from './io.js';
import { lazyRequire } from '../lazy-require.js';

const cliProgressModule = lazyRequire<typeof cliProgress>('cli-progress');

/** A progress sink for one command: pass `report` to the run, call `stop()` when it ends (also on errors). */
export interface ProgressReporter {
  /** The callback to hand to runs; undefined when progress is off. */
  report: ProgressFn | undefined;
  stop(): void;
}

const SCALE = 1000;
const CI_EVERY_MS = 30_000;

/** "1h 02m", "3m 05s", "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * The progress reporter of a command writing to `io.stderr` (see the module
 * header). `task` names the whole job in the bar ("run", "dag", "train").
 */
export function createProgress(io: CliIo, options: { quiet?: boolean; task: string; now?: () => number }): ProgressReporter {
  const now = options.now ?? Date.now;
  if (options.quiet) return { report: undefined, stop: () => {} };
  const ci = !!io.env.CI && io.env.CI !== 'false' && io.env.CI !== '0';
  const tty = io.stderr.isTTY === true;
  if (!ci && !tty) return { report: undefined, stop: () => {} };
  const t0 = now();
  const delayEnv = Number(io.env.ALLOT_PROGRESS_DELAY_MS);
  const delayMs = Number.isFinite(delayEnv) && delayEnv >= 0 ? delayEnv : 2000;
  let fraction = 0;
  let label = '';
  const eta = () => {
    const elapsed = (now() - t0) / 1000;
    return fraction > 0 ? (elapsed * (1 - fraction)) / fraction : NaN;
  };
  if (ci) {
    let lastLine = t0;
    return {
      report: (done, total, what) => {
        fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
        label = what;
        const t = now();
        if (t - lastLine < CI_EVERY_MS) return;
        lastLine = t;
        io.stderr.write(`allot ${options.task}: ${(fraction * 100).toFixed(0)}% — ${label} — ${formatDuration((t - t0) / 1000)} elapsed, ETA ${formatDuration(eta())}\n`);
      },
      stop: () => {},
    };
  }
  const width = io.stderr.columns && io.stderr.columns > 40 ? io.stderr.columns : 80;
  let bar: cliProgress.SingleBar | undefined;
  let lastUpdate = 0;
  const labelRoom = () => Math.max(10, width - 48 - options.task.length);
  return {
    report: (done, total, what) => {
      fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      label = what;
      const t = now();
      if (!bar) {
        if (t - t0 < delayMs) return;
        const cliProgressLib = cliProgressModule();
        bar = new cliProgressLib.SingleBar(
          {
            format: `${options.task} [{bar}] {percentage}% | ETA {etaText} | {label}`,
            stream: io.stderr as NodeJS.WritableStream,
            barsize: 20,
            hideCursor: true,
            clearOnComplete: true,
            linewrap: false,
            fps: 5,
          },
          cliProgressLib.Presets.shades_classic,
        );
        bar.start(SCALE, Math.round(fraction * SCALE), { label: truncate(label, labelRoom()), etaText: formatDuration(eta()) });
        lastUpdate = t;
        return;
      }
      if (t - lastUpdate < 100) return;
      lastUpdate = t;
      bar.update(Math.round(fraction * SCALE), { label: truncate(label, labelRoom()), etaText: formatDuration(eta()) });
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}
