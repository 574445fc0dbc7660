/** The list of `allot` subcommands; each file registers one command on the program. */
import type { Command } from '@commander-js/extra-typings';
import { registerRunCommand } from './run.js';
import { registerSweepCommand } from './sweep.js';
import { registerReportCommand } from './report.js';

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerRunCommand, registerSweepCommand, registerReportCommand];
