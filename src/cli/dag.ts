/**
 * `allot dag --algorithm <heft|cpop|peft|greedy|ga|pso-ga|memetic-pso-ga>
 * --input FILE [--seed N] [--variant paper|original]`: one DAG scheduling
 * problem in, one schedule out (JSON on stdout). Shapes: README "allot dag"
 * and src/data/dag-input.ts; output src/dag/schedule-input.ts.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { parseJsonText, readInputBytes } from '../data/input-files.js';
import { familyNames } from '../policies/index.js';
import { sha256 } from '../provenance.js';
import { parseIntOption } from './common.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';

export function registerDagCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('dag')
    .addHelpText('after', () => helpEpilogue('dag'))
    .description(`Schedule one task DAG on heterogeneous processors (${familyNames('dag-algorithm').join(', ')}); JSON schedule on stdout.`)
    .requiredOption('--algorithm <name>', `one of: ${familyNames('dag-algorithm').join(', ')}; options as name(key=value,…) (allot policies --level 4)`)
    .requiredOption('--input <file>', 'problem JSON: {processors, tasks: [{id, cost}], edges: [{from, to, data}], bandwidth?}')
    .option('--seed <n>', 'seed of the searches (ga, pso-ga, memetic-pso-ga)', '1')
    .addOption(new Option('--variant <v>', 'paper (default) or original (Multiple-DNN-Scheduling behaviour)').choices(['paper', 'original'] as const))
    .option('--allow-large', 'run even when the size estimate exceeds the machine\'s bounds')
    .option('--quiet', 'no progress bar on stderr')
    .action(async (opts) => {
      const seed = parseIntOption('--seed', opts.seed, 0);
      const bytes = readInputBytes(opts.input);
      const data = parseJsonText(bytes.toString('utf8'), opts.input);
      const progress = createProgress(io, { quiet: opts.quiet === true, task: 'dag' });
      const onIteration = progress.report && ((d: number, m: number) => progress.report!(d, m, `iteration ${d}/${m} (an early stop ends sooner)`));
      const { scheduleDagInput } = await import('../dag/schedule-input.js');
      let out;
      try {
        out = await scheduleDagInput(data as Record<string, unknown>, { algorithm: opts.algorithm, seed, variant: opts.variant, source: opts.input, inputSha256: sha256(bytes), allowLarge: opts.allowLarge === true, onIteration });
      } finally {
        progress.stop();
      }
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    });
}
