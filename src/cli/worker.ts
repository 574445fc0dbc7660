/**
 * `allot worker --redis URL [--concurrency N] [--queue NAME]`: runs the cells
 * of `allot sweep --backend URL` on this machine (src/sweep/redis-worker.ts)
 * until SIGTERM/SIGINT (then running cells finish first; a second signal
 * quits at once, and the coordinator retries those cells elsewhere).
 */
import type { Command } from '@commander-js/extra-typings';
import '../scenarios/index.js';
import { InputError } from '../errors.js';
import { parseIntOption } from './common.js';
import type { CommandState } from './commands.js';
import type { CliIo } from './io.js';

export function registerWorkerCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('worker')
    .description('Run cells of `allot sweep --backend redis://…` on this machine (a BullMQ worker); runs until SIGTERM.')
    .requiredOption('--redis <url>', 'the Redis of the sweep: redis://HOST:PORT[/DB] (rediss:// for TLS)')
    .option('--concurrency <n>', 'cells run at once (worker threads)', '1')
    .option('--queue <name>', 'queue name, as given to allot sweep --queue', 'allot-sweep')
    .option('--lock-duration <ms>', 'lock of a running cell: a killed worker\'s cell is retried after about this long', '30000')
    .option('--stalled-interval <ms>', 'how often to look for cells of killed workers', '30000')
    .option('--name <name>', 'worker name shown on its jobs (default: HOST:PID)')
    .option('--quiet', 'no line per cell (errors are still printed)')
    .addHelpText('after', [
      '',
      'Examples (they run until SIGTERM, so `allot --help` tests do not run them):',
      '  $ allot sweep --backend redis://10.0.0.5:6379 --policies l-dice,s-dice,static-share --vary load=0.5,1,1.5 --out out/sweep',
      '      the coordinator: queues the cells, collects and aggregates them (rerun to resume)',
      '  $ allot worker --redis redis://10.0.0.5:6379 --concurrency 2',
      '      on each machine (the same Allot version; scenario inputs at the same paths)',
      '',
    ].join('\n'))
    .action(async (opts) => {
      const concurrency = parseIntOption('--concurrency', opts.concurrency, 1);
      const lockDurationMs = parseIntOption('--lock-duration', opts.lockDuration, 100);
      const stalledIntervalMs = parseIntOption('--stalled-interval', opts.stalledInterval, 100);
      const { parseRedisUrl } = await import('../sweep/redis-url.js');
      parseRedisUrl(opts.redis, '--redis');
      if (opts.queue.trim() === '' || opts.queue.includes(':')) throw new InputError(`expected a queue name without ":", got "${opts.queue}"`, '--queue');
      const { startSweepWorker } = await import('../sweep/redis-worker.js');
      const worker = await startSweepWorker({
        url: opts.redis, queue: opts.queue, concurrency, lockDurationMs, stalledIntervalMs, name: opts.name,
        log: (line) => {
          if (opts.quiet !== true || line.startsWith('error')) io.stderr.write(`allot worker: ${line}\n`);
        },
      });
      let signals = 0;
      await new Promise<void>((resolve) => {
        const stop = () => {
          if (++signals > 1) process.exit(130);
          io.stderr.write('allot worker: stopping after the running cells (signal again to quit at once)\n');
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await worker.close();
    });
}
