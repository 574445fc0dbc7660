/**
 * `allot sweep`: the cross product of `--vary` values × `--policies` ×
 * `--seeds` over a worker pool, with a progress bar (cells done, ETA,
 * failures), resumable in `--out`, aggregated with 95 % CIs, written as
 * CSV/JSON/Parquet plus report.html. Every setting's config, its policies
 * and its inputs are checked before the first cell runs (a bad sweep fails at
 * once and writes nothing). Ctrl-C stops cleanly (exit 130): finished cells
 * are kept and the same command resumes. `--preset NAME` loads a built-in
 * sweep (src/sweep/presets.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import '../scenarios/index.js';
import { wrapText } from '../report/terminal-table.js';
import { isAllotOutput, makeDirectories } from '../report/output-dir.js';
import { splitPolicyList } from '../policies/spec.js';
import type { SweepProgress } from '../sweep/run-sweep.js';
import { SWEEP_PRESET_NAMES } from '../sweep/presets.js';
import { parseRedisUrl, probeRedis, type RedisTarget } from '../sweep/redis-url.js';
import type { SweepSummary } from '../sweep/write-sweep.js';
import { parseIntOption, parseNumberOption } from './common.js';
import type { CommandState } from './commands.js';
import { terminalStyle, warner, type CliIo } from './io.js';
import { helpEpilogue } from './help.js';
import { createProgress } from './progress.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A module argument of `--import`: existing or ./-relative paths become absolute file paths; package names stay. */
function resolveModule(spec: string): string {
  if (spec.startsWith('file:')) return spec;
  if (spec.startsWith('.') || isAbsolute(spec) || existsSync(resolve(spec))) return resolve(spec);
  return spec;
}

export function registerSweepCommand(program: Command, io: CliIo, state: CommandState): void {
  const command = program
    .command('sweep')
    .addHelpText('after', () => helpEpilogue('sweep'))
    .description('Run policies × varied scenario fields × seeds in parallel; aggregate means and 95 % CIs; resumable with --out.')
    .option('--scenario <file>', 'scenario file (YAML/JSON) with "kind", or builtin:<name> (default: the built-in default scenario)')
    .option('--preset <name>', `a built-in sweep: ${SWEEP_PRESET_NAMES.join(', ')}`)
    .option('--policies <list>', 'comma-separated policies; options as name(key=value,…) (required unless --preset)')
    .option('--vary <key=v1,v2,...>', 'vary one scenario field (repeatable; keys as in the scenario file and --set), e.g. load=0.5,1,1.5', collect, [] as string[])
    .option('--set <key=value>', 'set a scenario field for every cell (repeatable)', collect, [] as string[])
    .option('--seeds <n>', 'number of seeds per cell (seeds seed-base … seed-base+n−1; default 5, or the preset\'s)')
    .option('--seed-base <n>', 'first seed (default 1, or the preset\'s)')
    .option('--workers <k>', 'worker threads (0 = run in this thread)', String(availableParallelism()))
    .option('--backend <url>', 'run the cells on a BullMQ queue at redis://HOST:PORT[/DB] instead of local threads; start `allot worker --redis URL` on any machine')
    .option('--queue <name>', 'queue name with --backend (allot worker --queue must match)', 'allot-sweep')
    .option('--retries <n>', 'extra attempts for a cell whose worker died', '1')
    .option('--cell-timeout <seconds>', 'stop and report a cell that runs longer than this (worker pool only)')
    .option('--out <dir>', 'write cells/, summary CSV/JSON/Parquet and report.html here; rerunning resumes')
    .option('--import <module>', 'module each worker imports first, e.g. a plugin registering a scenario kind (repeatable)', collect, [] as string[])
    .option('--allow-large', 'run cells even when their size estimate exceeds the machine\'s bounds')
    .option('--no-report', 'skip report.html and figures')
    .option('--json', 'print the sweep summary JSON on stdout instead of a table')
    .option('--quiet', 'no progress bar')
    .action(async (opts) => {
      const workers = parseIntOption('--workers', opts.workers, 0);
      const retries = parseIntOption('--retries', opts.retries, 0);
      const cellTimeoutSeconds = opts.cellTimeout === undefined ? undefined : parseNumberOption('--cell-timeout', opts.cellTimeout, 0, true);
      const modules = opts.import.map(resolveModule);
      let redis: RedisTarget | undefined;
      if (opts.backend !== undefined && opts.backend !== 'local') {
        redis = parseRedisUrl(opts.backend, '--backend');
        if (command.getOptionValueSource('workers') === 'cli') throw new InputError('not with --backend (it sets the local pool\'s threads); start `allot worker --redis URL --concurrency N` on each machine instead', '--workers');
        if (opts.queue.trim() === '' || opts.queue.includes(':')) throw new InputError(`expected a queue name without ":", got "${opts.queue}"`, '--queue');
      }
      for (const m of modules) {
        try {
          await import(m.startsWith('/') ? pathToFileURL(m).href : m);
        } catch (e) {
          throw new InputError(`cannot import module (${(e as Error).message.split('\n')[0]})`, '--import', m);
        }
      }
      // The sweep machinery loads when a sweep runs, not for `allot --help`.
      const [{ sweepTable }, { writeSweepReport }, { cellLabel }, { checkSweepPlan, sweepPlan }, { runSweep }, { sweepSummary, writeSweepOutputs }] = await Promise.all([
        import('../report/sweep-text.js'),
        import('../report/report.js'),
        import('../sweep/cells.js'),
        import('../sweep/plan.js'),
        import('../sweep/run-sweep.js'),
        import('../sweep/write-sweep.js'),
      ]);
      const warn = warner(io);
      const { plan, scenarioText } = sweepPlan({ scenario: opts.scenario, preset: opts.preset, set: opts.set, vary: opts.vary, policies: opts.policies ? splitPolicyList(opts.policies, '--policies') : undefined, seeds: opts.seeds !== undefined ? parseIntOption('--seeds', opts.seeds, 1) : undefined, seedBase: opts.seedBase !== undefined ? parseIntOption('--seed-base', opts.seedBase, 0) : undefined }, warn);
      await checkSweepPlan(plan, scenarioText, opts.allowLarge === true);
      if (redis) await probeRedis(redis, '--backend'); // before --out is created: an unreachable Redis writes nothing
      if (opts.out) {
        makeDirectories(opts.out, '--out');
        const entries = readdirSync(opts.out).filter((f) => f !== 'cells');
        if (entries.length > 0 && !isAllotOutput(opts.out)) throw new InputError(`${opts.out} is not empty and not an earlier Allot sweep (it holds ${entries.slice(0, 3).join(', ')}); choose a new or empty directory`, '--out');
      }

      const controller = new AbortController();
      let sigints = 0;
      const onSigint = () => {
        sigints++;
        if (sigints > 1) process.exit(130);
        io.stderr.write('\nallot: interrupted — stopping workers; finished cells are kept (press Ctrl-C again to quit at once)\n');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);

      const progress = createProgress(io, { quiet: opts.quiet === true, task: 'sweep' });
      const failedLines: string[] = [];
      const onProgress = (p: SweepProgress) => {
        if (p.last && !p.last.ok) failedLines.push(`  ${cellLabel(p.last.cell)}: ${p.last.error}`);
        progress.report?.(p.done + p.failed, p.total, `${p.done + p.failed}/${p.total} cells · ${p.failed} failed · ${p.retried} retried · ${p.skipped} reused`);
      };
      let run;
      try {
        run = await runSweep({ plan, scenarioText, outDir: opts.out, workers, retries, cellTimeoutSeconds, modules, signal: controller.signal, onProgress, allowLarge: opts.allowLarge === true,
          backend: redis ? { url: opts.backend!, queue: opts.queue, onNotice: warn } : undefined });
      } finally {
        progress.stop();
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
      }
      let summary: SweepSummary;
      let reported = false;
      if (opts.out) {
        summary = writeSweepOutputs(opts.out, plan, run, scenarioText, io.writeFile).summary;
        if (opts.report && run.records.length > 0) {
          await writeSweepReport(opts.out, summary, run.records, { writer: io.writeFile });
          reported = true;
        }
      } else summary = sweepSummary(plan, run, scenarioText);
      if (opts.json) io.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else {
        const style = terminalStyle(io);
        io.stdout.write(`${wrapText(`${summary.scenario} · ${summary.kind}:`, style.width)}\n${run.records.length}/${run.cells.length} cells (${run.ran} run now, ${run.skipped} reused), ${run.failures.filter((f) => f.reason !== 'aborted').length} failed\nMeans ± 95 % confidence intervals over ${plan.seeds.length} seeds:\n`);
        io.stdout.write(sweepTable(summary.kind, summary.summary, summary.vary.map((a) => a.key), style) + '\n');
        if (opts.out) io.stdout.write(`\nWrote sweep.json, summary/tenant-summary/runs (.csv, .parquet)${reported ? ', report.html' : ''} to ${opts.out}\n`);
      }
      const real = run.failures.filter((f) => f.reason !== 'aborted');
      if (real.length > 0) io.stderr.write(`allot: ${real.length} cell(s) failed:\n${failedLines.join('\n')}\n`);
      if (run.interrupted) {
        io.stderr.write(`allot: interrupted with ${run.records.length} of ${run.cells.length} cells finished${opts.out ? '; run the same command again to resume' : ''}\n`);
        state.exitCode = 130;
      } else if (real.length > 0) state.exitCode = 1;
    });
}
