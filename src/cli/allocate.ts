/**
 * `allot allocate --mechanism NAME --input FILE [--seed N]`: one allocation
 * problem in (JSON file), the allocation JSON out on stdout (README contract).
 */
import { Command, Option } from '@commander-js/extra-typings';
import { readInputBytes, parseJsonText } from '../data/input-files.js';
import { familyNames } from '../policies/index.js';
import { sha256 } from '../provenance.js';
import { parseIntOption } from './common.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import type { CliIo } from './io.js';

export function registerAllocateCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('allocate')
    .addHelpText('after', () => helpEpilogue('allocate'))
    .description('Allocate nodes to tenants for one problem (JSON in, JSON out on stdout).')
    .requiredOption('--mechanism <name>', `one of: ${familyNames('mechanism').join(', ')}; options as name(key=value,…) (allot policies --level 1)`)
    .requiredOption('--input <file>', 'problem JSON: {tenants, nodes | nodeTypes, utilities, rounds?, demands?}')
    .option('--seed <n>', 'PRNG seed', '1')
    .addOption(new Option('--realisation <mode>', 'default realisation of m-dice / hetero-max-min: how fractions become nodes').choices(['lottery', 'bvn', 'timeshare', 'independent'] as const))
    .option('--allow-large', 'run even when the size estimate exceeds the machine\'s bounds')
    .option('--compact', 'print only the nodes each tenant holds per type (counts), not the per-node assignment')
    .addHelpText('after', '\nSee README "allot allocate" for the input and output shapes.')
    .action(async (opts) => {
      const seed = parseIntOption('--seed', opts.seed, 0);
      const bytes = readInputBytes(opts.input);
      const data = parseJsonText(bytes.toString('utf8'), opts.input);
      const { allocate } = await import('../mechanisms/allocate.js');
      const out = await allocate(data as Record<string, unknown>, { mechanism: opts.mechanism, seed, realisation: opts.realisation, source: opts.input, inputSha256: sha256(bytes), allowLarge: opts.allowLarge === true, compact: opts.compact === true });
      io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    });
}
