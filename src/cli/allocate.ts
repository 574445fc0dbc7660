/**
 * `allot allocate --mechanism NAME --input FILE [--seed N]`: one allocation
 * problem in (JSON file), the allocation JSON out on stdout (README contract).
 */
import { Command, Option } from '@commander-js/extra-typings';
import { parseAllocationInput } from '../data/allocation-input.js';
import { InputError } from '../errors.js';
import { allocate } from '../mechanisms/allocate.js';
import { mechanismNames } from '../mechanisms/registry.js';
import { sha256 } from '../provenance.js';
import { parseIntOption, parseJsonFile, readInputFile } from './common.js';

export function registerAllocateCommand(program: Command): void {
  program
    .command('allocate')
    .description('Allocate nodes to tenants for one problem (JSON in, JSON out on stdout).')
    .requiredOption('--mechanism <name>', `one of: ${mechanismNames.join(', ')}`)
    .requiredOption('--input <file>', 'problem JSON: {tenants, nodes, utilities, rounds?}')
    .option('--seed <n>', 'PRNG seed', '1')
    .addOption(new Option('--realisation <mode>', 'm-dice / hetero-max-min: how fractions become nodes').choices(['lottery', 'bvn', 'timeshare'] as const))
    .addHelpText('after', '\nSee README "allot allocate" for the input and output shapes.')
    .action(async (opts) => {
      if (!mechanismNames.includes(opts.mechanism)) throw new InputError(`unknown mechanism "${opts.mechanism}" (expected one of: ${mechanismNames.join(', ')})`, '--mechanism');
      const seed = parseIntOption('--seed', opts.seed, 0);
      const text = readInputFile(opts.input);
      const { problem, rounds } = parseAllocationInput(parseJsonFile(opts.input, text), opts.input);
      const out = await allocate(problem, { mechanism: opts.mechanism, seed, rounds, inputSha256: sha256(text), realisation: opts.realisation });
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    });
}
