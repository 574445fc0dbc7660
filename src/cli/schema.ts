/**
 * `allot schema <kind>`: prints the JSON Schema of a scenario kind's config
 * (draft 2020-12), so editors can validate scenario YAML/JSON files.
 */
import type { Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { didYouMean } from '../config/validate.js';
import { builtSchema, zod } from '../config/lazy-schema.js';
import { scenarioKinds } from '../scenarios/registry.js';
import '../scenarios/index.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import type { CliIo } from './io.js';

/** The JSON Schema of a kind's config (input form: defaults shown, optional fields optional). */
export function kindJsonSchema(kind: string): Record<string, unknown> {
  const names = scenarioKinds().map((k) => k.kind);
  const k = scenarioKinds().find((x) => x.kind === kind);
  if (!k) throw new InputError(`unknown kind "${kind}"${didYouMean(kind, names)} (expected one of: ${names.join(', ')})`, 'allot schema');
  const js = zod().toJSONSchema(builtSchema(k.schema), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...js, title: `Allot ${kind} scenario`, description: k.summary };
}

export function registerSchemaCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('schema')
    .addHelpText('after', () => helpEpilogue('schema'))
    .description('Print the JSON Schema of a scenario kind (for editors that validate scenario files).')
    .argument('<kind>', `one of: ${scenarioKinds().map((k) => k.kind).join(', ')}`)
    .action((kind) => {
      io.stdout.write(JSON.stringify(kindJsonSchema(kind), null, 2) + '\n');
    });
}
