/**
 * The Kubernetes scheduler extender: golden filter / prioritize / bind
 * exchanges in kube-scheduler's extender/v1 JSON (both the Nodes and the
 * NodeNames forms), and an end-to-end run against a stub API server on
 * 127.0.0.1 — 3 tenants × 8 nodes through 5 rounds, every bind landing on
 * a node the pod's tenant holds in that round.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { buildExtenderApp } from './k8s-extender.js';
import { openService, type AllotService } from './service.js';

async function service(): Promise<AllotService> {
  const svc = await openService({ statePath: ':memory:', mechanism: 'round-robin', scheduler: 'fifo+fair', seed: 1, roundLengthSeconds: 60 });
  svc.putTenant({ id: 'team-a', tokens: 1 });
  svc.putTenant({ id: 'team-b', tokens: 1 });
  svc.putNode({ id: 'node-0', type: 'V100', gpus: 4, cores: 24, memoryGb: 200 });
  svc.putNode({ id: 'node-1', type: 'V100', gpus: 4, cores: 24, memoryGb: 200 });
  svc.putNode({ id: 'node-2', type: 'K80', gpus: 4, cores: 24, memoryGb: 200 });
  return svc;
}

/** A stub Kubernetes API server: GET pod, POST binding; records the bindings. */
async function stubApi(pods: Map<string, { labels?: Record<string, string>; annotations?: Record<string, string> }>): Promise<{ server: Server; url: string; binds: { ns: string; pod: string; node: string }[] }> {
  const binds: { ns: string; pod: string; node: string }[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const url = req.url ?? '';
      let m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/?]+)$/.exec(url);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && m) {
        const p = pods.get(`${m[1]}/${m[2]}`);
        if (!p) {
          res.statusCode = 404;
          res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
          return;
        }
        res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: m[2], namespace: m[1], uid: `uid-${m[2]}`, ...p }, spec: { containers: [] } }));
        return;
      }
      m = /^\/api\/v1\/namespaces\/([^/]+)\/bindings/.exec(url);
      if (req.method === 'POST' && m) {
        const b = JSON.parse(data) as { metadata: { name: string }; target: { name: string; kind: string } };
        assert.equal(b.target.kind, 'Node');
        binds.push({ ns: m[1], pod: b.metadata.name, node: b.target.name });
        res.statusCode = 201;
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success', code: 201 }));
        return;
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, binds };
}

function coreFor(url: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [{ name: 'stub', server: url, skipTLSVerify: true }], users: [{ name: 'u' }], contexts: [{ name: 'c', cluster: 'stub', user: 'u' }], currentContext: 'c' });
  return kc.makeApiClient(CoreV1Api);
}

test('golden: filter and prioritize in the Nodes and NodeNames forms, bind', async () => {
  const svc = await service();
  const pods = new Map([['team-a/p1', { labels: { 'allot.dev/tenant': 'team-a' } }], ['team-b/p2', {}]]);
  const api = await stubApi(pods);
  const app = await buildExtenderApp(svc, { core: coreFor(api.url) });
  try {
    const j = svc.submitJob('k1', { id: 'train-1', tenant: 'team-a', gpus: 2, work: 600, throughputs: { V100: 10, K80: 0 }, referenceType: 'V100' }).job;
    svc.submitJob('k2', { tenant: 'team-b', gpus: 1, work: 600 });
    const d = svc.closeRound();
    // round-robin over 3 nodes and 2 equal tenants: team-a, team-b, then the K80 node, worth 0 to team-a's job (throughput 0), to team-b.
    assert.deepEqual(d.holdings, { 'node-0': 'team-a', 'node-1': 'team-b', 'node-2': 'team-b' });
    const pod = { metadata: { name: 'p1', namespace: 'ml', labels: { 'allot.dev/tenant': 'team-a' }, annotations: { 'allot.dev/job': j.id } } };
    const names = await app.inject({ method: 'POST', url: '/k8s/filter', payload: { Pod: pod, NodeNames: ['node-0', 'node-1', 'node-2', 'node-9'] } });
    assert.deepEqual(names.json(), {
      Nodes: null,
      NodeNames: ['node-0'],
      FailedNodes: { 'node-1': 'held by team-b this round, not team-a', 'node-2': 'held by team-b this round, not team-a', 'node-9': 'not an Allot node' },
      Error: '',
    });
    const nodeObj = (name: string, acc?: string) => ({ metadata: { name, labels: acc ? { 'allot.dev/accelerator': acc } : {} }, status: { capacity: { 'nvidia.com/gpu': '4' } } });
    const full = await app.inject({ method: 'POST', url: '/k8s/filter', payload: { Pod: { metadata: { name: 'p2', namespace: 'team-b' } }, Nodes: { items: [nodeObj('node-0'), nodeObj('node-1', 'V100')] } } });
    assert.deepEqual(full.json(), { Nodes: { items: [nodeObj('node-1', 'V100')] }, NodeNames: null, FailedNodes: { 'node-0': 'held by team-a this round, not team-b' }, Error: '' });
    const prio = await app.inject({ method: 'POST', url: '/k8s/prioritize', payload: { Pod: pod, NodeNames: ['node-0', 'node-1', 'node-2'] } });
    assert.deepEqual(prio.json(), [{ Host: 'node-0', Score: 10 }, { Host: 'node-1', Score: 0 }, { Host: 'node-2', Score: 0 }]);
    const ok = await app.inject({ method: 'POST', url: '/k8s/bind', payload: { PodName: 'p1', PodNamespace: 'team-a', PodUID: 'uid-p1', Node: 'node-0' } });
    assert.deepEqual(ok.json(), { Error: '' });
    const refused = await app.inject({ method: 'POST', url: '/k8s/bind', payload: { PodName: 'p1', PodNamespace: 'team-a', PodUID: 'uid-p1', Node: 'node-1' } });
    assert.deepEqual(refused.json(), { Error: 'node node-1 is not held by tenant team-a this round' });
    const missing = await app.inject({ method: 'POST', url: '/k8s/bind', payload: { PodName: 'nope', PodNamespace: 'team-a', Node: 'node-0' } });
    assert.match(missing.json().Error, /^bind failed/);
    assert.deepEqual(api.binds, [{ ns: 'team-a', pod: 'p1', node: 'node-0' }]);
    const bad = await app.inject({ method: 'POST', url: '/k8s/filter', payload: '[1,2]', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.statusCode, 200);
    assert.deepEqual(bad.json().NodeNames, []);
  } finally {
    await app.close();
    api.server.close();
    svc.close();
  }
});

test('end to end: 3 tenants × 8 nodes, 5 rounds, every bind on a node the tenant holds', async () => {
  const svc = await openService({ statePath: ':memory:', mechanism: 's-dice', scheduler: 'srtf', seed: 5, roundLengthSeconds: 60 });
  const tenants = ['ns-a', 'ns-b', 'ns-c'];
  tenants.forEach((t, i) => svc.putTenant({ id: t, tokens: 3 - i }));
  const nodes = Array.from({ length: 8 }, (_, k) => `gpu-${k}`);
  nodes.forEach((id) => svc.putNode({ id, type: 'A100', gpus: 2, cores: 16, memoryGb: 128 }));
  const pods = new Map<string, { labels?: Record<string, string>; annotations?: Record<string, string> }>();
  const api = await stubApi(pods);
  const app = await buildExtenderApp(svc, { core: coreFor(api.url) });
  try {
    let n = 0;
    let bound = 0;
    for (let round = 0; round < 5; round++) {
      for (const t of tenants) for (let k = 0; k < 2; k++, n++) svc.submitJob(`e2e-${n}`, { id: `job-${n}`, tenant: t, gpus: 1 + (n % 2), work: 30 + 20 * (n % 5) });
      const d = svc.closeRound();
      api.binds.length = 0;
      for (const p of d.placements) {
        // Tenants map by namespace here (no label).
        const name = `pod-${p.job}-r${round}`;
        pods.set(`${p.tenant}/${name}`, { annotations: { 'allot.dev/job': p.job } });
        const pod = { metadata: { name, namespace: p.tenant, annotations: { 'allot.dev/job': p.job } } };
        const f = (await app.inject({ method: 'POST', url: '/k8s/filter', payload: { Pod: pod, NodeNames: nodes } })).json() as { NodeNames: string[] };
        assert.ok(f.NodeNames.length > 0, `${p.job} has a node`);
        const scores = (await app.inject({ method: 'POST', url: '/k8s/prioritize', payload: { Pod: pod, NodeNames: f.NodeNames } })).json() as { Host: string; Score: number }[];
        for (const s of scores) assert.ok(Number.isInteger(s.Score) && s.Score >= 0 && s.Score <= 10);
        const best = scores.reduce((a, b) => (b.Score > a.Score ? b : a));
        const r = (await app.inject({ method: 'POST', url: '/k8s/bind', payload: { PodName: name, PodNamespace: p.tenant, PodUID: `uid-${name}`, Node: best.Host } })).json() as { Error: string };
        assert.equal(r.Error, '');
        // The job progresses; finish short ones.
        const j = svc.job(p.job);
        if (j.carry.remaining <= 60) svc.finish(p.job);
        else svc.progress(p.job, j.carry.remaining - 60);
      }
      assert.equal(api.binds.length, d.placements.length);
      for (const b of api.binds) assert.equal(d.holdings[b.node], b.ns, `round ${round}: ${b.pod} bound to ${b.node}, held by ${d.holdings[b.node]}`);
      bound += api.binds.length;
    }
    assert.ok(bound >= 10, `binds: ${bound}`);
  } finally {
    await app.close();
    api.server.close();
    svc.close();
  }
});
