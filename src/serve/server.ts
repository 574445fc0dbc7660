/**
 * `allot serve` as a function: opens the state, builds the app, listens,
 * closes rounds on a timer (`roundSeconds`) and shuts down gracefully
 * (stop the timer, finish in-flight requests, close the database) on
 * SIGTERM/SIGINT or `close()`.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../errors.js';
import type { PolicyInput } from '../policies/spec.js';
import { loadScenarioDocument, validateConfig } from '../scenarios/load.js';
import type { TwoLevelConfig } from '../scenarios/two-level/schema.js';
import { expandNodes } from '../scenarios/two-level/index.js';
import type { TextSink } from '../cli/io.js';
import { buildApp } from './app.js';
import { openService, type AllotService } from './service.js';
import '../scenarios/index.js';

/** Options of `startServer` (the `allot serve` flags). */
export interface ServerOptions {
  port: number;
  host?: string;
  statePath: string;
  tokenFile?: string;
  scenario?: string;
  roundSeconds?: number;
  mechanism?: PolicyInput;
  scheduler?: PolicyInput;
  seed?: number;
  fsync?: 'normal' | 'full';
  /** Where the JSON log lines go (pino); default stdout. */
  logStream?: TextSink;
  logLevel?: string;
  /** Serve the Kubernetes scheduler extender (/k8s/*) on this port, 127.0.0.1 only. */
  k8sPort?: number;
  /** Serve the gRPC twin (grpc.ts, allot.proto) on this port, on the same host as HTTP (loopback by default). */
  grpcPort?: number;
  /** kubeconfig for the extender's bind (default: in-cluster or ~/.kube/config). */
  kubeconfig?: string;
}

/** A running server. */
export interface RunningServer {
  app: FastifyInstance;
  svc: AllotService;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The extender's URL when `k8sPort` is set. */
  k8sUrl?: string;
  /** The gRPC twin's host:port when `grpcPort` is set. */
  grpcAddress?: string;
  /** Graceful stop (idempotent). */
  close(): Promise<void>;
  /** Resolves when the server has stopped. */
  closed: Promise<void>;
}

/** Reads a bearer token file (first line, trimmed); InputError naming the file if missing or empty. */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the token file (${(e as Error).message})`, path);
  }
  const token = text.split('\n')[0].trim();
  if (token.length < 8) throw new InputError('expected a token of at least 8 characters on the first line', path);
  return token;
}

/** Starts `allot serve` (module header). Throws InputError for a bad scenario, token file or state made with other policies. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  let config: TwoLevelConfig | undefined;
  if (o.scenario) {
    const doc = loadScenarioDocument(o.scenario);
    if (doc.kind.kind !== 'two-level') throw new InputError(`allot serve runs a two-level scenario; this file has kind "${doc.kind.kind}"`, o.scenario, 'kind');
    config = validateConfig(doc.kind, doc.data, doc.path) as TwoLevelConfig;
  }
  if (o.roundSeconds !== undefined && !(o.roundSeconds > 0)) throw new InputError(`expected seconds > 0, got ${o.roundSeconds}`, '--round-seconds');
  const token = o.tokenFile ? readTokenFile(o.tokenFile) : undefined;
  const svc = await openService({
    statePath: o.statePath,
    fsync: o.fsync,
    mechanism: o.mechanism ?? config?.mechanisms[0] ?? 's-dice',
    scheduler: o.scheduler ?? config?.schedulers[0] ?? 'fifo+fair',
    seed: o.seed ?? 1,
    roundLengthSeconds: o.roundSeconds ?? config?.roundLengthSeconds ?? 300,
    seedTenants: config?.tenants,
    seedNodes: config ? expandNodes(config.nodes) : undefined,
    where: o.scenario ?? 'allot serve',
  });
  const stream = o.logStream ?? process.stdout;
  const app = await buildApp(svc, { token, logger: { level: o.logLevel ?? 'info', stream: { write: (s: string) => stream.write(s) } } });
  const host = o.host ?? '127.0.0.1';
  if (!token && host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    await app.close();
    svc.close();
    throw new InputError('writes would be open to the network: give --token-file, or listen on 127.0.0.1', '--host');
  }
  if (!token) app.log.warn('no --token-file: writes under /v1 need no token (loopback only)');
  const url = await app.listen({ port: o.port, host });
  // Always printed (level 'fatal' would be wrong; write it directly): tests and scripts read the URL from it.
  stream.write(JSON.stringify({ level: 30, time: Date.now(), msg: 'allot serve listening', url, policies: svc.label, state: o.statePath }) + '\n');
  let k8sApp: FastifyInstance | undefined;
  let k8sUrl: string | undefined;
  if (o.k8sPort !== undefined) {
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    if (o.kubeconfig) kc.loadFromFile(o.kubeconfig);
    else kc.loadFromDefault();
    const { buildExtenderApp } = await import('./k8s-extender.js');
    k8sApp = await buildExtenderApp(svc, { core: kc.makeApiClient(k8s.CoreV1Api), logger: { level: o.logLevel ?? 'info', stream: { write: (s: string) => stream.write(s) } } });
    k8sUrl = await k8sApp.listen({ port: o.k8sPort, host: '127.0.0.1' });
    app.log.info({ url: k8sUrl }, 'kubernetes scheduler extender listening (loopback only)');
  }
  let grpc: { address: string; close(): Promise<void> } | undefined;
  if (o.grpcPort !== undefined) {
    const { startGrpcServer } = await import('./grpc.js');
    grpc = await startGrpcServer(svc, host, o.grpcPort, { token, onInternalError: (err) => app.log.error({ err }, 'internal error (gRPC)') });
    app.log.info({ address: grpc.address }, 'gRPC twin listening');
  }
  let timer: NodeJS.Timeout | undefined;
  if (o.roundSeconds !== undefined) {
    timer = setInterval(() => {
      try {
        const d = svc.closeRound();
        app.log.info({ round: d.round, placements: d.placements.length }, 'round closed (timer)');
      } catch (e) {
        app.log.error({ err: e }, 'round failed');
      }
    }, o.roundSeconds * 1000);
    timer.unref();
  }
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing: Promise<void> | undefined;
  const onSignal = (sig: string) => {
    app.log.info({ signal: sig }, 'shutting down');
    void close();
  };
  const onTerm = () => onSignal('SIGTERM');
  const onInt = () => onSignal('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (timer) clearInterval(timer);
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      await app.close();
      await k8sApp?.close();
      await grpc?.close();
      svc.close();
      resolveClosed();
    })();
    return closing;
  };
  return { app, svc, url, k8sUrl, grpcAddress: grpc?.address, close, closed };
}
