/**
 * The list of `allot` subcommands; each file registers one command on the
 * program. A command's module is imported only when it is needed: `main`
 * loads just the one named on the command line, and all of them for the
 * program's own help, its version and unknown commands (issue 15: the other
 * nine commands' modules were a fifth of `allot dag --algorithm heft`).
 */
import type { Command } from '@commander-js/extra-typings';
import type { CliIo } from './io.js';

/** Shared between a command and `main`: the exit code a command sets without throwing (e.g. 130 after Ctrl-C). */
export interface CommandState {
  exitCode: number;
}

export type RegisterCommand = (program: Command, io: CliIo, state: CommandState) => void;

/** A subcommand: its name on the command line, and how to load its registration. */
export interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
}

/** Every subcommand, in the order `allot --help` lists them. */
export const commands: readonly CommandEntry[] = [
  { name: 'run', load: async () => (await import('./run.js')).registerRunCommand },
  { name: 'allocate', load: async () => (await import('./allocate.js')).registerAllocateCommand },
  { name: 'dag', load: async () => (await import('./dag.js')).registerDagCommand },
  { name: 'train', load: async () => (await import('./train.js')).registerTrainCommand },
  { name: 'sweep', load: async () => (await import('./sweep.js')).registerSweepCommand },
  { name: 'report', load: async () => (await import('./report.js')).registerReportCommand },
  { name: 'policies', load: async () => (await import('./policies.js')).registerPoliciesCommand },
  { name: 'schema', load: async () => (await import('./schema.js')).registerSchemaCommand },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServeCommand },
  { name: 'worker', load: async () => (await import('./worker.js')).registerWorkerCommand },
];

/** The commands `argv` needs registered: the one it names first, else (help, options, an unknown name) all of them. */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const named = commands.find((c) => c.name === argv[0]);
  return named ? [named] : commands;
}
