/** The list of `allot` subcommands; each file registers one command on the program. */
import type { Command } from '@commander-js/extra-typings';
import type { CliIo } from './io.js';
import { registerAllocateCommand } from './allocate.js';
import { registerDagCommand } from './dag.js';
import { registerPoliciesCommand } from './policies.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerSchemaCommand } from './schema.js';
import { registerServeCommand } from './serve.js';
import { registerSweepCommand } from './sweep.js';
import { registerTrainCommand } from './train.js';
import { registerWorkerCommand } from './worker.js';

/** Shared between a command and `main`: the exit code a command sets without throwing (e.g. 130 after Ctrl-C). */
export interface CommandState {
  exitCode: number;
}

export type RegisterCommand = (program: Command, io: CliIo, state: CommandState) => void;

export const commands: RegisterCommand[] = [
  registerRunCommand,
  registerAllocateCommand,
  registerDagCommand,
  registerTrainCommand,
  registerSweepCommand,
  registerReportCommand,
  registerPoliciesCommand,
  registerSchemaCommand,
  registerServeCommand,
  registerWorkerCommand,
];
