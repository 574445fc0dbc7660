/**
 * `allot` command-line entry. A thin shell over the library: each command
 * lives in its own file under src/cli and is listed in ./commands.ts.
 * Exit codes: 0 success; 2 bad input or usage (message on stderr names the
 * file, field and expectation); 1 internal error.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { allotVersion } from '../provenance.js';
import { commands } from './commands.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('allot')
    .description('Fair and efficient sharing of accelerator clusters among DNN tenants.')
    .version(allotVersion)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  program.commands.forEach((c) => c.exitOverride());
  try {
    await program.parseAsync(argv, { from: 'user' });
    // a command may set a non-zero exit code without throwing (e.g. `allot sweep` interrupted → 130)
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return exitCodeFor(e);
  }
}

/** Maps an error to an exit code and prints it (never a stack trace unless ALLOT_DEBUG=1). */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (e instanceof InputError) {
    process.stderr.write(`allot: ${e.message}\n`);
    return 2;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`allot: internal error: ${msg}\n`);
  if (process.env.ALLOT_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 1;
}

