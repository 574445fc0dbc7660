/**
 * `allot run`: the main job. Without arguments it runs the built-in default
 * scenario (embedded figures only). `--scenario FILE` picks the kind from the
 * file's `kind:`; `--trace PATH` picks the kind that reads that trace.
 * Everything — config, inputs, policies, size, `--out` — is checked before
 * the simulation starts.
 *
 * Prints the results in `--format table|json|csv|markdown` (`--json` =
 * `--format json`; see src/report/run-text.ts); `--seeds N` runs seeds
 * seed … seed+N−1 and reports means with 95 % intervals. `--out DIR` writes
 * results.json, per-item CSVs and the report into DIR atomically
 * (src/report/output-dir.ts); with several seeds, results.json holds the
 * means and intervals, `seeds/<seed>/results.json` each seed's results, and
 * the CSVs and charts are those of the first seed. With ≥ 2 policies the
 * policies run on a worker pool (`--workers`, src/sweep/run-parts.ts; the
 * inputs are parsed once, here); the output is the same as with `--workers 1`.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { RunOutput } from '../results.js';
import { checkSize } from '../scenarios/size-check.js';
import { prepareOutputDir } from '../report/output-dir.js';
import { checkedWriter, writeRunOutputs } from '../report/write-outputs.js';
import { formatRunResults, OUTPUT_FORMATS, type OutputFormat } from '../report/run-text.js';
import { aggregateSeeds } from '../sweep/aggregate.js';
import { partProgress } from '../sim/progress.js';
import '../report/html-writer.js';
import { parseIntOption } from './common.js';
import { InputError } from '../errors.js';
import type { CommandState } from './commands.js';
import { terminalStyle, warner, type CliIo } from './io.js';
import { createProgress } from './progress.js';
import { addScenarioOptions, buildConfig } from './scenario-args.js';
import { helpEpilogue } from './help.js';

/** `--workers`: "auto" (undefined) or a whole number ≥ 1. Throws InputError naming the flag. */
function parseWorkers(value: string): number | undefined {
  if (value.trim() === 'auto') return undefined;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InputError(`expected "auto" or a whole number ≥ 1 (1 = no worker threads), got "${value}"`, '--workers');
  return n;
}

export function registerRunCommand(program: Command, io: CliIo, _state: CommandState): void {
  const cmd = program
    .command('run')
    .description('Run a scenario and compare policies (default: the built-in inference-allocation scenario, no files needed).')
    .option('--seed <n>', 'root seed of every random choice', '1')
    .option('--seeds <n>', 'run N seeds (seed … seed+N−1) and report means with 95 % confidence intervals', '1')
    .option('--out <dir>', 'write results.json, per-item CSVs and report.html here (atomically; an existing DIR must be empty or an earlier Allot output)')
    .addOption(new Option('--format <format>', 'output on stdout: table (fitted to the terminal), json (the results), csv (every metric, raw) or markdown').choices(OUTPUT_FORMATS).default('table' as OutputFormat))
    .option('--json', 'the same as --format json')
    .option('--tenants', 'print the per-tenant table even when it runs past one screen (csv/markdown: per-tenant rows)')
    .option('--workers <n>', 'threads for the policies: 1 runs them one after another in this thread; N ≥ 2 on a pool of N worker threads (same results); default auto: one per core when there are ≥ 2 policies and about 1 s of work or more', 'auto')
    .option('--quiet', 'no progress bar on stderr');
  addScenarioOptions(cmd);
  cmd.addHelpText('after', () => helpEpilogue('run'));
  cmd.action(async (opts) => {
    const o = opts as Record<string, unknown>;
    const seed = parseIntOption('--seed', String(o.seed), 0);
    const seedCount = parseIntOption('--seeds', String(o.seeds), 1);
    const workers = parseWorkers(String(o.workers));
    const format: OutputFormat = o.json ? 'json' : (o.format as OutputFormat);
    const warn = warner(io);
    const built = buildConfig(o, (attr) => cmd.getOptionValueSource(attr) === 'cli', warn);
    const allowLarge = o.allowLarge === true;
    const seeds = Array.from({ length: seedCount }, (_, i) => seed + i);
    const progress = createProgress(io, { quiet: o.quiet === true, task: 'run' });
    const prepareSeed = async (s: number) => {
      const prepared = await built.kind.prepare(built.config, { seed: s, source: built.source, warn, locate: built.locate, checkSize: (e) => checkSize(e, built.label, allowLarge) });
      checkSize(prepared.estimate, built.label, allowLarge);
      return prepared;
    };
    // every check (config, inputs, policies, size, --out) before any simulation
    const first = await prepareSeed(seeds[0]);
    const out = typeof o.out === 'string' ? prepareOutputDir(o.out, '--out', 'run') : undefined;
    const onSignal = () => {
      progress.stop();
      out?.abort();
      process.exit(130);
    };
    if (out) process.once('SIGINT', onSignal);
    try {
      const outputs: RunOutput[] = [];
      for (const [i, s] of seeds.entries()) {
        const prepared = i === 0 ? first : await prepareSeed(s);
        const report = seeds.length > 1 ? partProgress(progress.report, i, seeds.length, `seed ${s}`) : progress.report;
        // The pool's code (piscina, run-parts.ts) loads only when a run may use it.
        const parts = prepared.parallel && prepared.policies.length > 1 && workers !== 1 ? await import('../sweep/run-parts.js') : undefined;
        const threads = parts ? parts.parallelWorkers(built.kind, prepared, workers) : 0;
        outputs.push(threads > 0 ? await parts!.runPolicyParts(built.kind, prepared, threads, report, { artifacts: out !== undefined }) : await prepared.run(report));
      }
      progress.stop();
      const results = outputs.length > 1 ? aggregateSeeds(outputs.map((x) => x.results)) : outputs[0].results;
      const style = terminalStyle(io);
      io.stdout.write(formatRunResults(results, format, { ...style, tenants: o.tenants ? 'always' : 'auto' }));
      if (out) {
        const files = await writeRunOutputs(out.dir, { results, artifacts: outputs[0].artifacts }, { writer: io.writeFile });
        if (outputs.length > 1) {
          const write = checkedWriter(io.writeFile);
          for (const x of outputs) {
            const dir = join(out.dir, 'seeds', String(x.results.seed));
            mkdirSync(dir, { recursive: true });
            write(join(dir, 'results.json'), JSON.stringify(x.results, null, 2) + '\n');
            files.push(join(dir, 'results.json'));
          }
        }
        out.commit();
        const note = `Wrote ${files.length} files to ${o.out}: ${[...new Set(files.map((f) => f.slice(out.dir.length + 1).split('/')[0]))].join(', ')}\n`;
        if (format === 'table') io.stdout.write(`\n${note}`);
        else io.stderr.write(note);
      }
    } catch (e) {
      progress.stop();
      out?.abort();
      throw e;
    } finally {
      if (out) process.off('SIGINT', onSignal);
    }
  });
}
