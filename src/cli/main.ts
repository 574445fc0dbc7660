/**
 * `allot` command-line entry. A thin shell over the library: each command
 * lives in its own file under src/cli and is listed in ./commands.ts, and
 * only this folder turns flags into configs.
 *
 * `main(argv, io)` runs one command with the given streams (tests drive it
 * in-process) and returns the exit code: 0 success; 2 bad input or usage
 * (one line on stderr naming the file, field or flag and what was
 * expected); 1 a failure of the environment (disk full …) or an internal
 * error. Never a stack trace, unless ALLOT_DEBUG=1.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { EnvironmentError, InputError } from '../errors.js';
import { allotVersion } from '../provenance.js';
import { commandsFor } from './commands.js';
import { helpEpilogue } from './help.js';
import { processIo, type CliIo } from './io.js';

/** Runs `allot <argv…>`; resolves to the exit code (never throws). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const state = { exitCode: 0 };
  const program = new Command('allot')
    .description('Fair and efficient sharing of accelerator clusters among DNN tenants.')
    .version(allotVersion)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(oneLine(s.replace(/^error: /, 'allot: '))) });
  program.addHelpText('after', () => helpEpilogue('allot'));
  for (const register of await Promise.all(commandsFor(argv).map((c) => c.load()))) register(program, io, state);
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(oneLine(s.replace(/^error: /, `allot ${c.name()}: `))) }));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (e) {
    return exitCodeFor(e, io);
  }
}

/** Commander's usage errors on one line (its "(Did you mean …?)" hint comes on a line of its own). */
function oneLine(message: string): string {
  return message.trimEnd().replace(/\s*\n\s*/g, ' ') + '\n';
}

/** Maps an error to an exit code and prints it (never a stack trace unless ALLOT_DEBUG=1). */
export function exitCodeFor(e: unknown, io: CliIo = processIo()): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (e instanceof InputError) {
    io.stderr.write(`allot: ${e.message}\n`);
    return 2;
  }
  if (e instanceof EnvironmentError) {
    io.stderr.write(`allot: ${e.message}\n`);
    return 1;
  }
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && /^E[A-Z]+$/.test(code)) {
    io.stderr.write(`allot: ${(e as Error).message}\n`);
    return 1;
  }
  const msg = e instanceof Error ? e.message : String(e);
  io.stderr.write(`allot: internal error: ${msg}\n`);
  if (io.env.ALLOT_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
  return 1;
}
