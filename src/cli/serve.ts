/**
 * `allot serve --port P --state PATH [--token-file F] [--scenario FILE]
 * [--round-seconds S]`: the live two-level scheduler over HTTP
 * (src/serve/); runs until SIGTERM/SIGINT.
 */
import { Command, Option } from '@commander-js/extra-typings';
import { parseIntOption, parseNumberOption } from './common.js';
import type { CommandState } from './commands.js';
import type { CliIo } from './io.js';

export function registerServeCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('serve')
    .description('Run the two-level scheduler as an HTTP service with durable state (OpenAPI at /openapi.json).')
    .requiredOption('--port <n>', 'TCP port (0: any free port)')
    .requiredOption('--state <path>', 'SQLite state file (created if missing; survives kill -9)')
    .option('--token-file <file>', 'bearer token (first line) required for writes under /v1')
    .option('--scenario <file>', 'a two-level scenario: tenants, nodes, first mechanism and scheduler, roundLengthSeconds')
    .option('--round-seconds <s>', 'close a round every S seconds (also the round length)')
    .option('--mechanism <name>', 'level-1 mechanism (default: the scenario\'s first, or s-dice)')
    .option('--scheduler <name>', 'level-2 order[+mode] (default: the scenario\'s first, or fifo+fair)')
    .option('--host <addr>', 'listen address', '127.0.0.1')
    .option('--seed <n>', 'PRNG seed', '1')
    .addOption(new Option('--log-level <level>', 'pino log level').choices(['fatal', 'error', 'warn', 'info', 'debug'] as const).default('info' as const))
    .option('--k8s-port <n>', 'serve the Kubernetes scheduler extender (/k8s/filter, prioritize, bind) on 127.0.0.1:N')
    .option('--grpc-port <n>', 'also serve the gRPC twin (src/serve/allot.proto) on --host:N')
    .option('--kubeconfig <file>', 'kubeconfig for the extender\'s bind (default: in-cluster, or ~/.kube/config)')
    .addOption(new Option('--fsync <mode>', 'normal: survives a crash of the process; full: also a power loss').choices(['normal', 'full'] as const).default('normal' as const))
    .addHelpText('after', [
      '',
      'Examples (they run until SIGTERM, so `allot --help` tests do not run them):',
      '  $ allot serve --port 8080 --state allot.db --scenario two-level.yaml --round-seconds 300',
      '      a round every 5 min; writes open on loopback (add --token-file F to require a bearer token)',
      '  $ curl -X POST localhost:8080/v1/jobs -H \'Idempotency-Key: k1\' -H \'content-type: application/json\' -d \'{"tenant":"t0","gpus":2,"work":3600}\'',
      '      submit a job once; GET /v1/rounds/current shows where it runs; /openapi.json lists every route',
      '',
    ].join('\n'))
    .action(async (opts) => {
      const { startServer } = await import('../serve/server.js');
      const server = await startServer({
        port: parseIntOption('--port', opts.port, 0), host: opts.host, statePath: opts.state, tokenFile: opts.tokenFile, scenario: opts.scenario,
        roundSeconds: opts.roundSeconds === undefined ? undefined : parseNumberOption('--round-seconds', opts.roundSeconds, 0, true),
        mechanism: opts.mechanism, scheduler: opts.scheduler, seed: parseIntOption('--seed', opts.seed, 0), fsync: opts.fsync, logStream: io.stdout, logLevel: opts.logLevel,
        k8sPort: opts.k8sPort === undefined ? undefined : parseIntOption('--k8s-port', opts.k8sPort, 0), kubeconfig: opts.kubeconfig,
        grpcPort: opts.grpcPort === undefined ? undefined : parseIntOption('--grpc-port', opts.grpcPort, 0),
      });
      await server.closed;
    });
}
