/**
 * The HTTP face of `allot serve` (fastify with the zod type provider; the
 * OpenAPI document at `/openapi.json` is generated from the route schemas by
 * @fastify/swagger). Routes:
 * - `PUT /v1/tenants/{id}`, `GET /v1/tenants`; `PUT /v1/nodes/{id}`, `GET /v1/nodes`;
 * - `POST /v1/jobs` (header `Idempotency-Key` required; 201 created, 200 for a
 *   repeated key), `GET /v1/jobs`, `GET /v1/jobs/{id}`,
 *   `POST /v1/jobs/{id}/progress|finish|cancel`;
 * - `POST /v1/rounds` (close the round in force, return the next allocation),
 *   `GET /v1/rounds/current`, `GET /v1/rounds/{round}`, `GET /v1/scheduler`;
 * - `GET /healthz`, `GET /metrics` (Prometheus text), `GET /openapi.json`.
 * Writes under /v1 need `Authorization: Bearer <token>` when a token is set
 * (401 otherwise). Bad input gets a 4xx whose body names the field:
 * `{error, message, field?}`.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { allotVersion } from '../provenance.js';
import { ConflictError, NotFoundError, type AllotService } from './service.js';

/** Options of `buildApp`. */
export interface AppOptions {
  /** Bearer token required for writes under /v1 (none: writes are open; `allot serve` then listens on loopback only). */
  token?: string;
  /** fastify's logger option (pino): false in tests. */
  logger?: FastifyServerOptions['logger'];
}

/** A resource id (tenant, node, job); shared with the gRPC twin (grpc.ts). */
export const id = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'expected letters, digits, ".", "_", ":" or "-"');
export const tenantBody = z.strictObject({
  tokens: z.number().int().positive().max(1e9).describe('tokens: entitlement weight and per-round budget (Dice)'),
  slo: z.strictObject({ jctSeconds: z.number().positive().finite().optional().describe('target job completion time, s') }).optional().describe('SLO targets (recorded and reported)'),
});
export const nodeBody = z.strictObject({
  type: z.string().min(1).max(100).describe('accelerator type (e.g. V100, A100); nodes of one type share one capacity'),
  gpus: z.number().int().positive().max(1024).describe('GPUs on the node'),
  cpus: z.number().positive().finite().max(1e6).describe('CPU cores'),
  memoryGb: z.number().positive().finite().max(1e9).describe('memory, GB'),
});
export const jobBody = z.strictObject({
  id: id.optional().describe('job id (default j<n>)'),
  tenant: id.describe('owning tenant'),
  gpus: z.number().int().positive().max(1024).describe('GPUs, gang-scheduled (Synergy, all policies)'),
  work: z.number().positive().finite().max(1e12).describe('estimated work, seconds at the reference speed (SRTF and FTF read it; progress reports update it)'),
  model: z.string().min(1).max(100).optional().describe('Synergy profile name (CPU/memory sensitivity; the tune/greedy/opt modes read it)'),
  throughputs: z.record(z.string().min(1).max(100), z.number().nonnegative().finite()).optional().describe('steps/s per accelerator type (heterogeneous clusters); 0 = cannot run there'),
  referenceType: z.string().min(1).max(100).optional().describe('accelerator type at which work is measured (required with throughputs)'),
});
export const progressBody = z.strictObject({ remaining: z.number().nonnegative().finite().describe('work left, seconds at the reference speed') });
/** The Idempotency-Key header (HTTP) / idempotency_key field (gRPC). */
export const idempotencyKey = z.string().min(1).max(200);
/** GET /v1/jobs filters (HTTP query) / ListJobs fields (gRPC). */
export const jobsQuery = z.strictObject({ tenant: id.optional(), status: z.enum(['queued', 'running', 'finished', 'cancelled']).optional() });
const idParams = z.strictObject({ id });

/** Builds the fastify app over an open service (not listening; `app.inject` drives it in tests). */
export async function buildApp(svc: AllotService, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1 << 20 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Allot live scheduler', version: allotVersion, description: 'Two-level scheduling: a level-1 mechanism divides nodes among tenants each round; a level-2 policy places each tenant\'s jobs on its nodes.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });

  const registry = new Registry();
  const requests = new Counter({ name: 'allot_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'allot_http_request_seconds', help: 'HTTP request latency', labelNames: ['route'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers: [registry] });
  const jobsGauge = new Gauge({ name: 'allot_jobs', help: 'jobs by status', labelNames: ['status'], registers: [registry] });
  const roundsGauge = new Gauge({ name: 'allot_rounds_total', help: 'rounds decided', registers: [registry] });
  const tenantsGauge = new Gauge({ name: 'allot_tenants', help: 'tenants', registers: [registry] });
  const nodesGauge = new Gauge({ name: 'allot_nodes', help: 'nodes', registers: [registry] });
  const heldGauge = new Gauge({ name: 'allot_nodes_held', help: 'nodes each tenant holds in the round in force', labelNames: ['tenant'], registers: [registry] });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    requests.inc({ route, status: String(reply.statusCode) });
    latency.observe({ route }, reply.elapsedTime / 1000);
  });

  const token = options.token ? Buffer.from(options.token) : undefined;
  app.addHook('onRequest', async (req, reply) => {
    if (!token || req.method === 'GET' || req.method === 'HEAD' || !req.url.startsWith('/v1/')) return;
    const h = req.headers.authorization ?? '';
    const given = Buffer.from(h.startsWith('Bearer ') ? h.slice(7) : '');
    if (given.length !== token.length || !timingSafeEqual(given, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'writes need Authorization: Bearer <token>' });
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; validationContext?: string; code?: string }, req, reply) => {
    if (err instanceof InputError) return reply.code(400).send({ error: 'bad-request', message: err.message, field: (err as InputError).location });
    if (err instanceof NotFoundError) return reply.code(404).send({ error: 'not-found', message: err.message });
    if (err instanceof ConflictError) return reply.code(409).send({ error: 'conflict', message: err.message });
    if (err.validation) {
      const issues = (err.validation as { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[] } } }[]) ?? [];
      const first = issues[0];
      const path = first?.params?.issue?.path?.map(String).join('.') ?? first?.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '';
      const field = [err.validationContext, path].filter(Boolean).join('.');
      return reply.code(400).send({ error: 'bad-request', message: `${field || 'request'}: ${first?.message ?? err.message}`, field });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.code ?? 'bad-request', message: err.message });
    req.log.error({ err }, 'internal error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  app.get('/healthz', { schema: { summary: 'liveness' } }, async () => ({ status: 'ok', rounds: svc.counts().rounds }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { schema: { summary: 'Prometheus metrics (text format)' } }, async (_req, reply) => {
    const c = svc.counts();
    for (const [s, n] of Object.entries(c.jobs)) jobsGauge.set({ status: s }, n);
    roundsGauge.set(c.rounds);
    tenantsGauge.set(c.tenants);
    nodesGauge.set(c.nodes);
    heldGauge.reset();
    const cur = svc.current();
    for (const t of svc.tenants()) heldGauge.set({ tenant: t.id }, cur ? Object.values(cur.holdings).filter((x) => x === t.id).length : 0);
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  const sec = [{ bearer: [] }];
  app.put('/v1/tenants/:id', { schema: { summary: 'create or update a tenant', params: idParams, body: tenantBody, security: sec } }, async (req) => svc.putTenant({ id: req.params.id, ...req.body }));
  app.get('/v1/tenants', { schema: { summary: 'tenants in tie-break order' } }, async () => ({ tenants: svc.tenants() }));
  app.put('/v1/nodes/:id', { schema: { summary: 'create or update a node', params: idParams, body: nodeBody, security: sec } }, async (req) => {
    const b = req.body;
    return svc.putNode({ id: req.params.id, type: b.type, gpus: b.gpus, cores: b.cpus, memoryGb: b.memoryGb });
  });
  app.get('/v1/nodes', { schema: { summary: 'nodes in tie-break order' } }, async () => ({ nodes: svc.nodes() }));

  app.post('/v1/jobs', {
    schema: {
      summary: 'submit a job (exactly once per Idempotency-Key)',
      description: 'Fields per policy: every policy reads tenant and gpus; SRTF/FTF read work (and progress reports); Synergy\'s tune/greedy/opt modes read model; heterogeneous clusters read throughputs + referenceType.',
      headers: z.object({ 'idempotency-key': idempotencyKey.describe('client key: a repeated key returns the job it created') }),
      body: jobBody, security: sec,
    },
  }, async (req, reply) => {
    const r = svc.submitJob(req.headers['idempotency-key'], req.body);
    return reply.code(r.created ? 201 : 200).send(r.job);
  });
  app.get('/v1/jobs', { schema: { summary: 'jobs in submission order', querystring: jobsQuery } }, async (req) => ({ jobs: svc.jobs(req.query) }));
  app.get('/v1/jobs/:id', { schema: { summary: 'one job', params: idParams } }, async (req) => svc.job(req.params.id));
  app.post('/v1/jobs/:id/progress', { schema: { summary: 'report the work left', params: idParams, body: progressBody, security: sec } }, async (req) => svc.progress(req.params.id, req.body.remaining));
  app.post('/v1/jobs/:id/finish', { schema: { summary: 'the job has finished', params: idParams, security: sec } }, async (req) => svc.finish(req.params.id));
  app.post('/v1/jobs/:id/cancel', { schema: { summary: 'cancel a job', params: idParams, security: sec } }, async (req) => svc.cancel(req.params.id));

  app.post('/v1/rounds', { schema: { summary: 'close the round in force and return the next allocation', security: sec } }, async () => svc.closeRound());
  app.get('/v1/rounds/current', { schema: { summary: 'the allocation in force' } }, async () => {
    const cur = svc.current();
    if (!cur) throw new NotFoundError('no round has been decided yet (POST /v1/rounds)');
    return cur;
  });
  app.get('/v1/rounds/:round', { schema: { summary: 'the allocation of a past round', params: z.strictObject({ round: z.coerce.number().int().nonnegative() }) } }, async (req) => svc.round(req.params.round));
  app.get('/v1/scheduler', { schema: { summary: 'the scheduler state carried across rounds (mechanism state, random stream, rounds)' } }, async () => ({ label: svc.label, state: svc.schedulerState() }));
  await app.ready();
  return app;
}
