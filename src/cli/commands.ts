/** The list of `allot` subcommands; each file registers one command on the program. */
import type { Command } from '@commander-js/extra-typings';
import { registerAllocateCommand } from './allocate.js';
import { registerDagCommand } from './dag.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerSweepCommand } from './sweep.js';
import { registerTrainCommand } from './train.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerRunCommand,
  registerAllocateCommand,
  registerDagCommand,
  registerTrainCommand,
  registerSweepCommand,
  registerReportCommand,
];
