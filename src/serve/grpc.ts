/**
 * The gRPC twin of `allot serve` (`--grpc-port N`): the job, round, tenant
 * and node operations of the HTTP API (app.ts) on @grpc/grpc-js, defined by
 * `allot.proto` beside this file (package `allot.v1`, service `Allot`).
 *
 * One implementation: every call validates its request with the HTTP
 * routes' zod schemas (exported by app.ts) and calls the same `AllotService`
 * method, so the two faces answer alike (golden tests in grpc.test.ts).
 *
 * Errors: InputError and schema failures → INVALID_ARGUMENT (HTTP 400; the
 * trailing metadata `field` names the field), NotFoundError → NOT_FOUND
 * (404), ConflictError → FAILED_PRECONDITION (409), a write without the
 * bearer token → UNAUTHENTICATED (401), anything else → INTERNAL (500).
 * Reads are open, as over HTTP. The transport is plaintext (as the HTTP
 * listener): `allot serve` binds it to the HTTP listener's host, loopback by
 * default, and refuses a non-loopback host without a token.
 *
 * Wire ↔ JSON: a map left empty means absent (`throughputs`); a node that
 * no tenant holds is a `Holding` without `tenant` (JSON: null). The
 * `*FromWire` functions give back the HTTP API's JSON shapes.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import type { LiveNode, RoundDecision } from '../two-level/round.js';
import { id as idSchema, idempotencyKey, jobBody, jobsQuery, nodeBody, progressBody, tenantBody } from './app.js';
import { ConflictError, NotFoundError, type AllotService, type JobSubmission, type ServiceJob, type ServiceTenant } from './service.js';

/** Absolute path of the service definition (shipped beside the compiled module). */
export const PROTO_PATH = fileURLToPath(new URL('./allot.proto', import.meta.url));

const LOADER: protoLoader.Options = { keepCase: false, longs: Number, enums: String, defaults: true, arrays: true, objects: true, oneofs: false };

let definition: grpc.ServiceDefinition | undefined;

/** The `allot.v1.Allot` service definition, loaded once from `PROTO_PATH`. */
export function allotServiceDefinition(): grpc.ServiceDefinition {
  definition ??= protoLoader.loadSync(PROTO_PATH, LOADER)['allot.v1.Allot'] as unknown as grpc.ServiceDefinition;
  return definition;
}

/** Wire shapes (proto-loader's camelCase objects). */
export interface WireHolding { node: string; tenant?: string }
export interface WireDecision extends Omit<RoundDecision, 'holdings'> { holdings: WireHolding[] }
export interface WireJob extends Omit<ServiceJob, 'throughputs'> { throughputs: Record<string, number> }

/** A round decision on the wire: holdings as an ordered list. */
export function decisionToWire(d: RoundDecision): WireDecision {
  return { ...d, holdings: Object.entries(d.holdings).map(([node, tenant]) => (tenant === null ? { node } : { node, tenant })) };
}

/** The HTTP JSON shape of a wire decision. */
export function decisionFromWire(w: WireDecision): RoundDecision {
  const holdings: Record<string, string | null> = {};
  for (const h of w.holdings) holdings[h.node] = h.tenant ?? null;
  return { round: w.round, startSeconds: w.startSeconds, roundLengthSeconds: w.roundLengthSeconds, holdings, placements: w.placements };
}

/** The HTTP JSON shape of a wire job (an empty throughputs map is absent). */
export function jobFromWire(w: WireJob): ServiceJob {
  const { throughputs, ...rest } = w;
  return { ...rest, ...(Object.keys(throughputs ?? {}).length > 0 ? { throughputs } : {}) };
}

class RpcError extends Error {
  constructor(readonly code: grpc.status, message: string, readonly field?: string) {
    super(message);
  }
}

/** Parses with an HTTP route's schema; INVALID_ARGUMENT naming the field otherwise. */
function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new RpcError(grpc.status.INVALID_ARGUMENT, `${field || 'request'}: ${issue.message}`, field);
}

function toStatus(e: unknown): grpc.ServerErrorResponse {
  const metadata = new grpc.Metadata();
  const reply = (code: grpc.status, message: string, field?: string): grpc.ServerErrorResponse => {
    if (field) metadata.set('field', field);
    return Object.assign(new Error(message), { code, details: message, metadata });
  };
  if (e instanceof RpcError) return reply(e.code, e.message, e.field);
  if (e instanceof InputError) return reply(grpc.status.INVALID_ARGUMENT, e.message, e.location);
  if (e instanceof NotFoundError) return reply(grpc.status.NOT_FOUND, e.message);
  if (e instanceof ConflictError) return reply(grpc.status.FAILED_PRECONDITION, e.message);
  return reply(grpc.status.INTERNAL, 'internal error');
}

/** Options of `grpcHandlers` and `startGrpcServer`. */
export interface GrpcOptions {
  /** Bearer token required (metadata `authorization`) for writes; none: writes are open. */
  token?: string;
  /** Called with an unexpected error (answered INTERNAL). */
  onInternalError?: (e: unknown) => void;
}

interface ReqTenant { id: string; tokens: number; slo?: { jctSeconds?: number } }
interface ReqNode { id: string; type: string; gpus: number; cpus: number; memoryGb: number }
interface ReqSubmit { idempotencyKey: string; id?: string; tenant: string; gpus: number; work: number; model?: string; throughputs: Record<string, number>; referenceType?: string }

/** The service's handlers (module header); `server.addService(allotServiceDefinition(), grpcHandlers(svc))`. */
export function grpcHandlers(svc: AllotService, options: GrpcOptions = {}): grpc.UntypedServiceImplementation {
  const token = options.token ? Buffer.from(options.token) : undefined;
  const authorized = (md: grpc.Metadata): boolean => {
    if (!token) return true;
    const h = String(md.get('authorization')[0] ?? '');
    const given = Buffer.from(h.startsWith('Bearer ') ? h.slice(7) : '');
    return given.length === token.length && timingSafeEqual(given, token);
  };
  const unary = <Req>(write: boolean, fn: (req: Req) => unknown): grpc.handleUnaryCall<Req, unknown> => (call, callback) => {
    try {
      if (write && !authorized(call.metadata)) throw new RpcError(grpc.status.UNAUTHENTICATED, 'writes need metadata authorization: Bearer <token>');
      callback(null, fn(call.request));
    } catch (e) {
      if (!(e instanceof RpcError || e instanceof InputError || e instanceof NotFoundError || e instanceof ConflictError)) options.onInternalError?.(e);
      callback(toStatus(e));
    }
  };
  const jobId = (r: { id: string }): string => parse(idSchema, r.id, 'id');
  return {
    PutTenant: unary<ReqTenant>(true, (r) => {
      const tid = jobId(r);
      const body = parse(tenantBody, { tokens: r.tokens, ...(r.slo ? { slo: r.slo } : {}) });
      return svc.putTenant({ id: tid, ...body } as ServiceTenant);
    }),
    ListTenants: unary(false, () => ({ tenants: svc.tenants() })),
    PutNode: unary<ReqNode>(true, (r) => {
      const nid = jobId(r);
      const b = parse(nodeBody, { type: r.type, gpus: r.gpus, cpus: r.cpus, memoryGb: r.memoryGb });
      return svc.putNode({ id: nid, type: b.type, gpus: b.gpus, cores: b.cpus, memoryGb: b.memoryGb } as LiveNode);
    }),
    ListNodes: unary(false, () => ({ nodes: svc.nodes() })),
    SubmitJob: unary<ReqSubmit>(true, (r) => {
      const key = parse(idempotencyKey, r.idempotencyKey, 'idempotency_key');
      const body = parse(jobBody, {
        ...(r.id !== undefined ? { id: r.id } : {}), tenant: r.tenant, gpus: r.gpus, work: r.work,
        ...(r.model !== undefined ? { model: r.model } : {}),
        ...(Object.keys(r.throughputs ?? {}).length > 0 ? { throughputs: r.throughputs } : {}),
        ...(r.referenceType !== undefined ? { referenceType: r.referenceType } : {}),
      });
      return svc.submitJob(key, body as JobSubmission);
    }),
    GetJob: unary<{ id: string }>(false, (r) => svc.job(jobId(r))),
    ListJobs: unary<{ tenant?: string; status?: string }>(false, (r) => ({ jobs: svc.jobs(parse(jobsQuery, { ...(r.tenant !== undefined ? { tenant: r.tenant } : {}), ...(r.status !== undefined ? { status: r.status } : {}) })) })),
    ReportProgress: unary<{ id: string; remaining: number }>(true, (r) => svc.progress(jobId(r), parse(progressBody, { remaining: r.remaining }).remaining)),
    FinishJob: unary<{ id: string }>(true, (r) => svc.finish(jobId(r))),
    CancelJob: unary<{ id: string }>(true, (r) => svc.cancel(jobId(r))),
    CloseRound: unary(true, () => decisionToWire(svc.closeRound())),
    CurrentRound: unary(false, () => {
      const cur = svc.current();
      if (!cur) throw new NotFoundError('no round has been decided yet (POST /v1/rounds)');
      return decisionToWire(cur);
    }),
    GetRound: unary<{ round: number }>(false, (r) => decisionToWire(svc.round(r.round))),
  };
}

/** A listening gRPC twin. */
export interface RunningGrpc {
  server: grpc.Server;
  /** host:port, e.g. 127.0.0.1:41234 */
  address: string;
  /** Graceful stop: in-flight calls finish (idempotent). */
  close(): Promise<void>;
}

/** Binds the twin on `host:port` (port 0: any free port), plaintext; rejects with the bind error. */
export async function startGrpcServer(svc: AllotService, host: string, port: number, options: GrpcOptions = {}): Promise<RunningGrpc> {
  const server = new grpc.Server();
  server.addService(allotServiceDefinition(), grpcHandlers(svc, options));
  const h = host.includes(':') ? `[${host}]` : host;
  const bound = await new Promise<number>((resolve, reject) => server.bindAsync(`${h}:${port}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  let closing: Promise<void> | undefined;
  return {
    server,
    address: `${h}:${bound}`,
    close: () => (closing ??= new Promise<void>((resolve) => server.tryShutdown(() => resolve()))),
  };
}

/** A promise client of the twin; replies in the HTTP API's JSON shapes. Rejects with grpc's ServiceError (`code`, `details`, `metadata`). */
export class AllotGrpcClient {
  private readonly client: grpc.Client;
  private readonly metadata = new grpc.Metadata();

  constructor(address: string, token?: string) {
    const Ctor = grpc.makeGenericClientConstructor(allotServiceDefinition(), 'Allot');
    this.client = new Ctor(address, grpc.credentials.createInsecure());
    if (token) this.metadata.set('authorization', `Bearer ${token}`);
  }

  /** One unary call by method name (`SubmitJob` …) with a wire request; the wire reply. */
  call<T>(method: string, request: object): Promise<T> {
    const fn = (this.client as unknown as Record<string, (req: object, md: grpc.Metadata, cb: (e: grpc.ServiceError | null, r: T) => void) => void>)[method];
    if (typeof fn !== 'function') return Promise.reject(new Error(`no method ${method} in allot.v1.Allot`));
    return new Promise<T>((resolve, reject) => fn.call(this.client, request, this.metadata, (e, r) => (e ? reject(e) : resolve(r))));
  }

  putTenant(t: ServiceTenant): Promise<ServiceTenant> {
    return this.call('PutTenant', t);
  }
  putNode(n: { id: string; type: string; gpus: number; cpus: number; memoryGb: number }): Promise<LiveNode> {
    return this.call('PutNode', n);
  }
  async submitJob(key: string, body: JobSubmission): Promise<{ job: ServiceJob; created: boolean }> {
    const r = await this.call<{ job: WireJob; created: boolean }>('SubmitJob', { idempotencyKey: key, ...body });
    return { job: jobFromWire(r.job), created: r.created };
  }
  async job(jobId: string): Promise<ServiceJob> {
    return jobFromWire(await this.call<WireJob>('GetJob', { id: jobId }));
  }
  async jobs(filter: { tenant?: string; status?: string } = {}): Promise<ServiceJob[]> {
    return (await this.call<{ jobs: WireJob[] }>('ListJobs', filter)).jobs.map(jobFromWire);
  }
  async progress(jobId: string, remaining: number): Promise<ServiceJob> {
    return jobFromWire(await this.call<WireJob>('ReportProgress', { id: jobId, remaining }));
  }
  async finish(jobId: string): Promise<ServiceJob> {
    return jobFromWire(await this.call<WireJob>('FinishJob', { id: jobId }));
  }
  async cancel(jobId: string): Promise<ServiceJob> {
    return jobFromWire(await this.call<WireJob>('CancelJob', { id: jobId }));
  }
  async closeRound(): Promise<RoundDecision> {
    return decisionFromWire(await this.call<WireDecision>('CloseRound', {}));
  }
  async current(): Promise<RoundDecision> {
    return decisionFromWire(await this.call<WireDecision>('CurrentRound', {}));
  }
  async round(round: number): Promise<RoundDecision> {
    return decisionFromWire(await this.call<WireDecision>('GetRound', { round }));
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }
}
