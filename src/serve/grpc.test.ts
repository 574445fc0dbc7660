/**
 * Golden tests of the gRPC twin: one scripted session (tenants, nodes,
 * idempotent submits, progress, finish, cancel, rounds, and bad requests)
 * is sent over HTTP (fastify inject) to one service and over gRPC (a real
 * loopback channel) to another. Every answer must match — the same body in
 * the HTTP JSON shape, or the same error class (400↔INVALID_ARGUMENT,
 * 401↔UNAUTHENTICATED, 404↔NOT_FOUND, 409↔FAILED_PRECONDITION) — and at the
 * end the two services' state (jobs, tenants, nodes, every round's
 * decision, the scheduler's random stream) must be identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status, type ServiceError } from '@grpc/grpc-js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { AllotGrpcClient, startGrpcServer, type RunningGrpc } from './grpc.js';
import { openService, type AllotService, type JobSubmission, type ServiceJob } from './service.js';
import type { RoundDecision } from '../two-level/round.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../../test/cli-helpers.js';

const TOKEN = 'grpc-test-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const CODE: Record<number, status> = { 200: status.OK, 201: status.OK, 400: status.INVALID_ARGUMENT, 401: status.UNAUTHENTICATED, 404: status.NOT_FOUND, 409: status.FAILED_PRECONDITION };

interface Twin {
  app: FastifyInstance;
  hs: AllotService;
  gs: AllotService;
  g: RunningGrpc;
  client: AllotGrpcClient;
  anon: AllotGrpcClient;
  calls: number;
  errors: Set<status>;
}

async function twin(mechanism: string, scheduler: string): Promise<Twin> {
  const opts = { statePath: ':memory:', mechanism, scheduler, seed: 5, roundLengthSeconds: 300 };
  const hs = await openService(opts);
  const gs = await openService(opts);
  const app = await buildApp(hs, { token: TOKEN });
  const g = await startGrpcServer(gs, '127.0.0.1', 0, { token: TOKEN });
  return { app, hs, gs, g, client: new AllotGrpcClient(g.address, TOKEN), anon: new AllotGrpcClient(g.address), calls: 0, errors: new Set() };
}

async function close(t: Twin): Promise<void> {
  t.client.close();
  t.anon.close();
  await t.g.close();
  await t.app.close();
  t.hs.close();
  t.gs.close();
}

/**
 * Sends one operation both ways and asserts the same answer. `viaGrpc`
 * returns the HTTP body's equivalent (and, for submits, `created`).
 * Returns the HTTP body.
 */
async function both<T>(t: Twin, method: 'GET' | 'POST' | 'PUT', url: string, body: unknown, headers: Record<string, string>, viaGrpc: () => Promise<T>, created?: (v: T) => { value: unknown; created: boolean }): Promise<unknown> {
  t.calls++;
  const h = await t.app.inject({ method, url, payload: body as object | undefined, headers });
  const hb = h.json() as { message?: string; field?: string };
  const what = `${method} ${url} ${JSON.stringify(body) ?? ''}`;
  let gv: T | undefined;
  let ge: ServiceError | undefined;
  try {
    gv = await viaGrpc();
  } catch (e) {
    ge = e as ServiceError;
  }
  const want = CODE[h.statusCode];
  assert.notEqual(want, undefined, `${what}: unexpected HTTP ${h.statusCode} ${h.body}`);
  if (want === status.OK) {
    assert.equal(ge, undefined, `${what}: HTTP ${h.statusCode}, gRPC ${ge?.code} ${ge?.details}`);
    const v = created ? created(gv as T) : { value: gv, created: h.statusCode === 201 };
    assert.deepEqual(v.value, hb, what);
    assert.equal(v.created, h.statusCode === 201, `${what}: created`);
  } else {
    assert.ok(ge, `${what}: HTTP ${h.statusCode} ${h.body}, gRPC answered`);
    assert.equal(ge.code, want, `${what}: HTTP ${h.statusCode} ${hb.message}, gRPC ${ge.code} ${ge.details}`);
    t.errors.add(ge.code);
    // Service errors carry the same message; schema errors the same text after the field name.
    const tail = (s: string) => s.slice(s.lastIndexOf(': '));
    assert.ok(hb.message === ge.details || tail(hb.message ?? '') === tail(ge.details), `${what}: "${hb.message}" vs "${ge.details}"`);
    const gf = ge.metadata?.get('field')[0];
    if (hb.field && gf) assert.equal(String(hb.field).split('.').pop()!.replace(/-/g, '_'), String(gf).split('.').pop(), `${what}: field`);
  }
  return hb;
}

function submit(t: Twin, key: string, body: JobSubmission, headers: Record<string, string> = { ...auth, 'idempotency-key': key }, client = t.client) {
  return both(t, 'POST', '/v1/jobs', body, headers, () => client.submitJob(key, body), (r) => ({ value: r.job, created: r.created }));
}

async function session(t: Twin): Promise<void> {
  const c = t.client;
  // Before anything: no round, no job; writes need the token.
  await both(t, 'GET', '/v1/rounds/current', undefined, {}, () => c.current());
  await both(t, 'PUT', '/v1/tenants/a', { tokens: 3 }, {}, () => t.anon.putTenant({ id: 'a', tokens: 3 }));
  for (const [id, tokens] of [['a', 3], ['b', 2], ['c', 1]] as const) {
    await both(t, 'PUT', `/v1/tenants/${id}`, { tokens, ...(id === 'a' ? { slo: { jctSeconds: 3600 } } : {}) }, auth, () => c.putTenant({ id, tokens, ...(id === 'a' ? { slo: { jctSeconds: 3600 } } : {}) }));
  }
  await both(t, 'PUT', '/v1/tenants/d', { tokens: 0 }, auth, () => c.putTenant({ id: 'd', tokens: 0 }));
  for (let k = 0; k < 6; k++) {
    const n = { type: k < 4 ? 'V100' : 'P100', gpus: k < 4 ? 4 : 2, cpus: k < 4 ? 24 : 12, memoryGb: k < 4 ? 200 : 100 };
    await both(t, 'PUT', `/v1/nodes/n${k}`, n, auth, () => c.putNode({ id: `n${k}`, ...n }));
  }
  const mixed = { type: 'V100', gpus: 8, cpus: 24, memoryGb: 200 };
  await both(t, 'PUT', '/v1/nodes/n9', mixed, auth, () => c.putNode({ id: 'n9', ...mixed }));
  await both(t, 'PUT', '/v1/nodes/bad%20id', mixed, auth, () => c.putNode({ id: 'bad id', ...mixed }));

  // Bad submits.
  await submit(t, 'x1', { tenant: 'zz', gpus: 1, work: 10 });
  await submit(t, 'x2', { tenant: 'a', gpus: 0, work: 10 });
  await submit(t, 'x3', { tenant: 'a', gpus: 16, work: 10 });
  await submit(t, 'x4', { tenant: 'a', gpus: 1, work: 10, model: 'resnet18' });
  await submit(t, 'x5', { tenant: 'a', gpus: 1, work: -1 });
  await submit(t, 'x6', { tenant: 'a', gpus: 1, work: 10, throughputs: { V100: 2 } });
  await submit(t, 'x7', { tenant: 'a', gpus: 1, work: 10 }, {}, t.anon);
  await both(t, 'GET', '/v1/jobs/nope', undefined, {}, () => c.job('nope'));
  await both(t, 'GET', '/v1/rounds/7', undefined, {}, () => c.round(7));

  const models = ['res18', 'res50', 'gnmt', 'transformer'];
  const tenants = ['a', 'b', 'c'];
  const decisions: RoundDecision[] = [];
  let n = 0;
  for (let r = 0; r < 12; r++) {
    const cur = decisions[r - 1];
    if (cur) {
      for (const p of cur.placements) {
        const j = (await both(t, 'GET', `/v1/jobs/${p.job}`, undefined, {}, () => c.job(p.job))) as ServiceJob;
        if (p.speed > 0 && j.carry.remaining / p.speed <= 300) await both(t, 'POST', `/v1/jobs/${p.job}/finish`, undefined, auth, () => c.finish(p.job));
        else await both(t, 'POST', `/v1/jobs/${p.job}/progress`, { remaining: j.carry.remaining - p.speed * 300 }, auth, () => c.progress(p.job, j.carry.remaining - p.speed * 300));
      }
    }
    if (r < 7) {
      for (let k = 0; k < 1 + (r % 3); k++, n++) {
        const body: JobSubmission = { tenant: tenants[(n * 5) % 3], gpus: [1, 2, 4, 1][n % 4], work: 200 + ((n * 379) % 1500) };
        if (n === 3) Object.assign(body, { throughputs: { V100: 2, P100: 1 }, referenceType: 'V100' });
        else body.model = models[n % 4];
        if (n === 5) body.id = 'named';
        await submit(t, `s${n}`, body);
        if (n === 2) {
          await submit(t, 's2', body); // repeated key, same body: the same job, not created
          await submit(t, 's2', { ...body, gpus: body.gpus + 1 }); // another body: 409
          await submit(t, 's2b', { ...body, id: 'j1' }); // id taken: 409
        }
      }
    }
    if (r === 4) {
      await both(t, 'POST', `/v1/jobs/j${n}/cancel`, undefined, auth, () => c.cancel(`j${n}`));
      await both(t, 'POST', `/v1/jobs/j${n}/finish`, undefined, auth, () => c.finish(`j${n}`));
      await both(t, 'POST', `/v1/jobs/j${n}/progress`, { remaining: -3 }, auth, () => c.progress(`j${n}`, -3));
    }
    await both(t, 'POST', '/v1/rounds', undefined, {}, () => t.anon.closeRound());
    decisions.push((await both(t, 'POST', '/v1/rounds', undefined, auth, () => c.closeRound())) as RoundDecision);
    await both(t, 'GET', '/v1/rounds/current', undefined, {}, () => c.current());
  }
  await both(t, 'GET', '/v1/rounds/3', undefined, {}, () => c.round(3));
  for (const q of [{}, { tenant: 'b' }, { status: 'finished' }, { tenant: 'a', status: 'queued' }] as { tenant?: string; status?: string }[]) {
    await both(t, 'GET', `/v1/jobs?${new URLSearchParams(q as Record<string, string>)}`, undefined, {}, async () => ({ jobs: await c.jobs(q) }));
  }
  await both(t, 'GET', '/v1/jobs?status=done', undefined, {}, async () => ({ jobs: await c.jobs({ status: 'done' }) }));
  assert.ok(decisions.some((d) => d.placements.length > 2), 'rounds place jobs');
}

for (const [mechanism, scheduler] of [['s-dice', 'fifo+fair'], ['l-dice', 'srtf']]) {
  test(`gRPC and HTTP answer alike and leave the same state (${mechanism}/${scheduler})`, async () => {
    const t = await twin(mechanism, scheduler);
    try {
      await session(t);
      assert.ok(t.calls > 100, `${t.calls} calls`);
      assert.deepEqual([...t.errors].sort(), [status.INVALID_ARGUMENT, status.NOT_FOUND, status.FAILED_PRECONDITION, status.UNAUTHENTICATED].sort(), 'every error class was exercised');
      assert.deepEqual(t.gs.jobs(), t.hs.jobs());
      assert.ok(t.hs.jobs().some((j) => j.status === 'finished') && t.hs.jobs().some((j) => j.status === 'cancelled'));
      assert.ok(t.hs.jobs().some((j) => j.throughputs) && t.hs.jobs().some((j) => j.id === 'named'));
      assert.deepEqual(t.gs.tenants(), t.hs.tenants());
      assert.deepEqual(t.gs.nodes(), t.hs.nodes());
      assert.deepEqual(t.gs.schedulerState(), t.hs.schedulerState());
      const rounds = t.hs.counts().rounds;
      assert.equal(t.gs.counts().rounds, rounds);
      for (let r = 0; r < rounds; r++) assert.deepEqual(t.gs.round(r), t.hs.round(r), `round ${r}`);
    } finally {
      await close(t);
    }
  });
}

test('allot serve --grpc-port: the twin shares the HTTP service, its token and its shutdown; a bad port is exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-serve-grpc-'));
  try {
    const bad = await runCliInProcess(['serve', '--port', '0', '--state', join(dir, 'bad.db'), '--grpc-port', 'x']);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /--grpc-port/);
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    const { startServer } = await import('./server.js');
    let log = '';
    const s = await startServer({ port: 0, grpcPort: 0, statePath: join(dir, 'state.db'), tokenFile: join(dir, 'token'), logStream: { write: (x: string) => (log += x) } });
    const c = new AllotGrpcClient(s.grpcAddress!, TOKEN);
    const anon = new AllotGrpcClient(s.grpcAddress!);
    try {
      assert.match(s.grpcAddress!, /^127\.0\.0\.1:\d+$/, 'loopback by default');
      await assert.rejects(anon.putTenant({ id: 'a', tokens: 1 }), (e: ServiceError) => e.code === status.UNAUTHENTICATED);
      await c.putTenant({ id: 'a', tokens: 1 });
      await c.putNode({ id: 'n0', type: 'V100', gpus: 4, cpus: 24, memoryGb: 200 });
      const { job } = await c.submitJob('k1', { tenant: 'a', gpus: 2, work: 60 });
      const d = await c.closeRound();
      assert.deepEqual(d.placements.map((p) => p.job), [job.id]);
      // The same state over HTTP.
      assert.deepEqual((await s.app.inject({ method: 'GET', url: '/v1/rounds/current' })).json(), d);
      assert.equal((await s.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}` })).json().status, 'running');
      assert.deepEqual(await anon.job(job.id), (await s.app.inject({ method: 'GET', url: `/v1/jobs/${job.id}` })).json(), 'reads are open');
      assert.match(log, /"msg":"gRPC twin listening"/);
    } finally {
      c.close();
      anon.close();
      await s.close();
    }
    await assert.rejects(new AllotGrpcClient(s.grpcAddress!).current(), (e: ServiceError) => e.code === status.UNAVAILABLE, 'the twin stops with the server');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
