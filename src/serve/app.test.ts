/**
 * `allot serve` driven in-process (fastify.inject): resources, rounds,
 * idempotent submits, 401 on unauthenticated writes, 4xx naming the field,
 * OpenAPI and Prometheus text, ≥ 200 fuzzed bodies never answered with a
 * 5xx, and a replay: a service session fed through the two-level simulator
 * gives identical allocations round by round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { openService, trainingJobOf, type AllotService, type ServiceJob } from './service.js';
import { simulateTwoLevel } from '../scenarios/two-level/simulate.js';
import type { RoundDecision } from '../two-level/round.js';

const TOKEN = 'test-token-123';
const auth = { authorization: `Bearer ${TOKEN}` };

async function setup(opts: { mechanism?: string; scheduler?: string; R?: number } = {}): Promise<{ app: FastifyInstance; svc: AllotService }> {
  const svc = await openService({ statePath: ':memory:', mechanism: opts.mechanism ?? 's-dice', scheduler: opts.scheduler ?? 'fifo+fair', seed: 3, roundLengthSeconds: opts.R ?? 300 });
  const app = await buildApp(svc, { token: TOKEN });
  return { app, svc };
}

async function call(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = auth) {
  const r = await app.inject({ method, url, payload: body as object | undefined, headers });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.body };
}

test('tenants, nodes, idempotent jobs and rounds; 401 without a token; 4xx naming the field', async () => {
  const { app, svc } = await setup();
  try {
    assert.equal((await call(app, 'PUT', '/v1/tenants/a', { tokens: 2 }, {})).status, 401);
    assert.equal((await call(app, 'PUT', '/v1/tenants/a', { tokens: 2 }, { authorization: 'Bearer wrong' })).status, 401);
    assert.equal((await call(app, 'PUT', '/v1/tenants/a', { tokens: 2, slo: { jctSeconds: 3600 } })).status, 200);
    assert.equal((await call(app, 'PUT', '/v1/tenants/b', { tokens: 1 })).status, 200);
    for (let k = 0; k < 3; k++) assert.equal((await call(app, 'PUT', `/v1/nodes/n${k}`, { type: 'V100', gpus: 4, cpus: 24, memoryGb: 200 })).status, 200);
    const bad = await call(app, 'PUT', '/v1/nodes/n9', { type: 'V100', gpus: -1, cpus: 24, memoryGb: 200 });
    assert.equal(bad.status, 400);
    assert.match((bad.body as { field: string }).field, /gpus/);
    const mixed = await call(app, 'PUT', '/v1/nodes/n9', { type: 'V100', gpus: 8, cpus: 24, memoryGb: 200 });
    assert.equal(mixed.status, 400, 'one type, one capacity');
    const noKey = await call(app, 'POST', '/v1/jobs', { tenant: 'a', gpus: 1, work: 600 });
    assert.equal(noKey.status, 400);
    assert.match(JSON.stringify(noKey.body), /idempotency-key/);
    const j1 = await call(app, 'POST', '/v1/jobs', { tenant: 'a', gpus: 4, work: 600 }, { ...auth, 'idempotency-key': 'k1' });
    assert.equal(j1.status, 201);
    const again = await call(app, 'POST', '/v1/jobs', { tenant: 'a', gpus: 4, work: 600 }, { ...auth, 'idempotency-key': 'k1' });
    assert.equal(again.status, 200);
    assert.equal((again.body as ServiceJob).id, (j1.body as ServiceJob).id);
    assert.equal((await call(app, 'POST', '/v1/jobs', { tenant: 'a', gpus: 2, work: 600 }, { ...auth, 'idempotency-key': 'k1' })).status, 409);
    const unknown = await call(app, 'POST', '/v1/jobs', { tenant: 'zz', gpus: 1, work: 1 }, { ...auth, 'idempotency-key': 'k2' });
    assert.equal(unknown.status, 400);
    assert.equal((unknown.body as { field: string }).field, 'tenant');
    await call(app, 'POST', '/v1/jobs', { tenant: 'b', gpus: 2, work: 900, model: 'res18' }, { ...auth, 'idempotency-key': 'k3' });
    const badModel = await call(app, 'POST', '/v1/jobs', { tenant: 'b', gpus: 1, work: 9, model: 'resnet18' }, { ...auth, 'idempotency-key': 'k4' });
    assert.equal(badModel.status, 400);
    assert.equal((badModel.body as { field: string }).field, 'model');
    assert.equal((await call(app, 'GET', '/v1/rounds/current')).status, 404);
    const r0 = await call(app, 'POST', '/v1/rounds');
    assert.equal(r0.status, 200);
    const d = r0.body as RoundDecision;
    assert.equal(d.round, 0);
    assert.equal(Object.keys(d.holdings).length, 3);
    for (const p of d.placements) for (const n of p.nodes) assert.equal(d.holdings[n.node], p.tenant);
    assert.deepEqual((await call(app, 'GET', '/v1/rounds/current')).body, d);
    const id = (j1.body as ServiceJob).id;
    assert.equal(((await call(app, 'GET', `/v1/jobs/${id}`)).body as ServiceJob).status, 'running');
    assert.equal((await call(app, 'POST', `/v1/jobs/${id}/progress`, { remaining: 100 })).status, 200);
    assert.equal((await call(app, 'POST', `/v1/jobs/${id}/finish`)).status, 200);
    assert.equal((await call(app, 'POST', `/v1/jobs/${id}/cancel`)).status, 409);
    assert.equal((await call(app, 'GET', '/v1/jobs/nope')).status, 404);
    const r1 = (await call(app, 'POST', '/v1/rounds')).body as RoundDecision;
    assert.equal(r1.round, 1);
    assert.ok(!r1.placements.some((p) => p.job === id));
    assert.equal(((await call(app, 'GET', `/v1/jobs/${id}`)).body as ServiceJob).carry.attained, 300);
    const health = await call(app, 'GET', '/healthz');
    assert.deepEqual(health.body, { status: 'ok', rounds: 2 });
    const metrics = await call(app, 'GET', '/metrics');
    assert.match(String(metrics.body), /^allot_jobs\{status="finished"\} 1$/m);
    assert.match(String(metrics.body), /^allot_rounds_total 2$/m);
    const spec = (await call(app, 'GET', '/openapi.json')).body as { openapi: string; paths: Record<string, unknown> };
    assert.match(spec.openapi, /^3\./);
    for (const p of ['/v1/jobs', '/v1/rounds', '/v1/rounds/current', '/v1/tenants/{id}', '/v1/nodes/{id}', '/metrics', '/healthz']) assert.ok(spec.paths[p], p);
  } finally {
    await app.close();
    svc.close();
  }
});

test('fuzz: 300 generated bodies, headers and paths never get a 5xx', async () => {
  const { app, svc } = await setup();
  try {
    await call(app, 'PUT', '/v1/tenants/a', { tokens: 1 });
    await call(app, 'PUT', '/v1/nodes/n0', { type: 'V100', gpus: 4, cpus: 24, memoryGb: 200 });
    const routes: ['POST' | 'PUT', string][] = [['POST', '/v1/jobs'], ['PUT', '/v1/tenants/x'], ['PUT', '/v1/nodes/y'], ['POST', '/v1/jobs/j1/progress'], ['POST', '/v1/rounds'], ['PUT', '/v1/tenants/%00'], ['POST', '/v1/jobs/j1/finish']];
    const field = fc.oneof(fc.constantFrom('tenant', 'gpus', 'work', 'model', 'tokens', 'type', 'cpus', 'memoryGb', 'remaining', 'throughputs', 'referenceType', 'id', 'slo'), fc.string());
    const value = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean(), fc.constant('a'), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.double(), { maxKeys: 3 }));
    const body = fc.oneof(fc.dictionary(field, value, { maxKeys: 6 }), fc.jsonValue(), fc.string());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, fc.option(fc.string({ maxLength: 20 })), async ([method, url], b, key) => {
        const headers: Record<string, string> = { ...auth, 'content-type': 'application/json' };
        if (key !== null) headers['idempotency-key'] = key;
        const r = await app.inject({ method, url, payload: typeof b === 'string' ? b : JSON.stringify(b), headers });
        assert.ok(r.statusCode < 500, `${method} ${url} ${JSON.stringify(b)} → ${r.statusCode} ${r.body}`);
      }),
      { numRuns: 300 },
    );
  } finally {
    await app.close();
    svc.close();
  }
});

test('replay: a service session through the two-level simulator gives identical allocations', async () => {
  const R = 300;
  for (const [mechanism, scheduler] of [['s-dice', 'fifo+fair'], ['l-dice', 'srtf'], ['round-robin', 'las+tune']]) {
    const { app, svc } = await setup({ mechanism, scheduler, R });
    try {
      const tenants = [{ id: 'a', tokens: 3 }, { id: 'b', tokens: 2 }, { id: 'c', tokens: 1 }];
      for (const t of tenants) await call(app, 'PUT', `/v1/tenants/${t.id}`, { tokens: t.tokens });
      for (let k = 0; k < 6; k++) await call(app, 'PUT', `/v1/nodes/n${k}`, { type: k < 4 ? 'V100' : 'P100', gpus: k < 4 ? 4 : 2, cpus: k < 4 ? 24 : 12, memoryGb: k < 4 ? 200 : 100 });
      const models = ['res18', 'res50', 'gnmt', 'transformer'];
      let n = 0;
      const decisions: RoundDecision[] = [];
      for (let r = 0; r < 14; r++) {
        // Report the progress of the round in force as the simulator would model it.
        const cur = decisions[r - 1];
        if (cur) {
          for (const p of cur.placements) {
            const j = (await call(app, 'GET', `/v1/jobs/${p.job}`)).body as ServiceJob;
            if (p.speed > 0 && j.carry.remaining / p.speed <= R + 1e-9) await call(app, 'POST', `/v1/jobs/${p.job}/finish`);
            else await call(app, 'POST', `/v1/jobs/${p.job}/progress`, { remaining: j.carry.remaining - p.speed * R });
          }
        }
        if (r < 8) {
          for (let k = 0; k < 1 + (r % 3); k++, n++) {
            const res = await call(app, 'POST', '/v1/jobs', { tenant: tenants[(n * 5) % 3].id, gpus: [1, 2, 4, 1][n % 4], work: 200 + ((n * 379) % 1500), model: models[n % 4] }, { ...auth, 'idempotency-key': `s${n}` });
            assert.equal(res.status, 201, JSON.stringify(res.body));
          }
        }
        const rr = await call(app, "POST", "/v1/rounds");
        assert.equal(rr.status, 200, JSON.stringify(rr.body));
        decisions.push(rr.body as RoundDecision);
      }
      const jobs = ((await call(app, 'GET', '/v1/jobs')).body as { jobs: ServiceJob[] }).jobs.map(trainingJobOf);
      const nodes = svc.nodes();
      const sim = await simulateTwoLevel(svc.tenants(), nodes, jobs, { mechanism, scheduler, seed: 3, roundLengthSeconds: R }, decisions.length);
      assert.ok(decisions.some((d) => d.placements.length > 2));
      assert.ok(sim.decisions.length >= 8 && sim.outcomes.every((o) => o.finish >= 0), 'the simulator finishes every job');
      // The simulator stops when every job has finished; the service goes on deciding empty rounds.
      assert.deepEqual(sim.decisions, decisions.slice(0, sim.decisions.length), `${mechanism}/${scheduler}`);
      for (const d of decisions.slice(sim.decisions.length)) assert.deepEqual(d.placements, []);
    } finally {
      await app.close();
      svc.close();
    }
  }
});
