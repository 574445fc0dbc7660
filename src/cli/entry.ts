/** Process entry of the `allot` command (bin/allot.js runs the compiled copy of this file). */
import { exitCodeFor, main } from './main.js';
import { processIo } from './io.js';

// A closed or full standard output (e.g. `allot run --json > /dev/full`) is a clear error, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    try {
      process.stderr.write(`allot: cannot write to ${stream === process.stdout ? 'standard output' : 'standard error'} (${e.code ?? e.message})\n`);
    } catch {
      // stderr itself failed
    }
    process.exit(1);
  });
}

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = exitCodeFor(e);
  },
);
