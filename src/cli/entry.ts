/** Process entry of the `allot` command (bin/allot.js runs the compiled copy of this file). */
import { exitCodeFor, main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = exitCodeFor(e);
  },
);
