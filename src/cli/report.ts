/** `allot report DIR`: (re)draws report.html and figures/ for a run or sweep output directory. */
import type { Command } from '@commander-js/extra-typings';
import '../report/html-writer.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import type { CliIo } from './io.js';

export function registerReportCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('report')
    .addHelpText('after', () => helpEpilogue('report'))
    .description('Write report.html (self-contained, no network needed) and figures/ (SVG, PNG) for an `allot run --out` or `allot sweep --out` directory.')
    .argument('<dir>', 'output directory of allot run or allot sweep')
    .option('--no-png', 'write SVG figures only')
    .action(async (dir, opts) => {
      const { reportDirectory } = await import('../report/report.js');
      const files = await reportDirectory(dir, { png: opts.png, writer: io.writeFile });
      io.stdout.write(`Wrote ${files.length} files to ${dir}: report.html and ${files.filter((f) => f.includes('figures')).length} figure files\n`);
    });
}
