import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ServerPool } from './server-pool.js';
import { buildCluster } from '../workload/training/cluster.js';
import { usableTypes } from './lease.js';
import { typeSpeed } from '../model/training.js';
import type { JobState } from './types.js';

function pool(): ServerPool {
  const p = new ServerPool(buildCluster('c', [{ count: 3, gpus: 8, cores: 24, memoryGb: 500 }]));
  // Leave 8, 3 and 5 GPUs free on servers 0, 1, 2.
  p.take({ server: 1, gpus: 5, cores: 15, memoryGb: 100 });
  p.take({ server: 2, gpus: 3, cores: 9, memoryGb: 100 });
  return p;
}

test('consolidation: a multi-GPU job goes to the fitting server with the fewest free GPUs', () => {
  const p = pool();
  assert.deepEqual(p.find(0, 2, 3, 62.5), [{ server: 1, gpus: 2, cores: 6, memoryGb: 125 }]);
  assert.deepEqual(p.find(0, 4, 3, 62.5)?.map((s) => s.server), [2]);
  assert.deepEqual(p.find(0, 8, 3, 62.5)?.map((s) => s.server), [0]);
});

test('spread: GPU by GPU from servers with the fewest free GPUs, limited by cores', () => {
  const p = pool();
  assert.deepEqual(p.find(0, 10, 3, 62.5)?.map((s) => [s.server, s.gpus]), [[1, 3], [2, 5], [0, 2]]);
  // 4 cores per GPU: server 1 has 9 free cores → only 2 of its 3 GPUs.
  assert.deepEqual(p.find(0, 10, 4, 10)?.map((s) => [s.server, s.gpus]), [[1, 2], [2, 3], [0, 5]]);
  assert.equal(p.find(0, 17, 1, 1), undefined);
});

test('first fit (placement: false) walks servers in id order', () => {
  const p = pool();
  assert.deepEqual(p.find(0, 2, 3, 62.5, false)?.map((s) => s.server), [0]);
  assert.deepEqual(p.find(0, 10, 3, 62.5, false)?.map((s) => [s.server, s.gpus]), [[0, 8], [1, 2]]);
});

test('take/give keep the free-GPU buckets and totals consistent', () => {
  const p = pool();
  assert.equal(p.totalFreeGpus, 16);
  p.give({ server: 1, gpus: 5, cores: 15, memoryGb: 100 });
  assert.equal(p.totalFreeGpus, 21);
  assert.deepEqual(p.serversWithFree(0, 6), [0, 1]);
  p.checkInvariants();
  p.reset();
  assert.equal(p.totalFreeGpus, 24);
});

test('one-server leases are shared between finds of the same per-GPU demand, for up to 8 demands per pool', () => {
  const p = new ServerPool(buildCluster('c', [{ count: 2, gpus: 8, cores: 24, memoryGb: 500 }]));
  const a = p.find(0, 1, 3, 62.5)!;
  assert.deepEqual(a, [{ server: 0, gpus: 1, cores: 3, memoryGb: 62.5 }]);
  assert.equal(p.find(0, 1, 3, 62.5), a);
  assert.deepEqual(p.find(0, 4, 3, 62.5), [{ server: 0, gpus: 4, cores: 12, memoryGb: 250 }]);
  const b = p.find(0, 1, 2.5, 62.5)!;
  assert.deepEqual(b, [{ server: 0, gpus: 1, cores: 2.5, memoryGb: 62.5 }]);
  assert.equal(p.find(0, 1, 2.5, 62.5), b);
  for (let c = 1; c <= 6; c++) p.find(0, 1, c / 10, 1);
  const fresh = p.find(0, 1, 0.7, 1)!;
  assert.deepEqual(fresh, [{ server: 0, gpus: 1, cores: 0.7, memoryGb: 1 }]);
  assert.notEqual(p.find(0, 1, 0.7, 1), fresh);
  assert.equal(p.find(0, 1, 3, 62.5), a);
});

/** `find` with consolidation as the rule states it (module header), by division for every server: the reference for its fast paths. */
function findByRule(p: ServerPool, gpus: number, c: number, m: number): [number, number][] | undefined {
  const EPS = 1e-9;
  if (gpus > 1) for (const s of p.serversWithFree(0, gpus)) if (p.freeCores[s] >= gpus * c - EPS && p.freeMem[s] >= gpus * m - EPS) return [[s, gpus]];
  const out: [number, number][] = [];
  let need = gpus;
  for (const s of p.serversWithFree(0, 1)) {
    const k = Math.min(p.freeGpus[s], c > 0 ? Math.floor((p.freeCores[s] + EPS) / c) : Infinity, m > 0 ? Math.floor((p.freeMem[s] + EPS) / m) : Infinity, need);
    if (k <= 0) continue;
    out.push([s, k]);
    need -= k;
    if (need === 0) return out;
  }
  return undefined;
}

test('find places as the division rule does, on pools with fractional cores and memory left (property)', () => {
  // Takes that leave a server exactly one 3-core / 62.5-GB share, or a hair (1e-9, the rule's tolerance) more or less.
  const near = (whole: number): fc.Arbitrary<number> => fc.constantFrom(whole - 1e-9, whole, whole + 1e-9, whole - 2e-9, whole + 2e-9);
  const takes = fc.array(fc.record({ server: fc.nat(3), gpus: fc.integer({ min: 0, max: 4 }), cores: fc.oneof(fc.double({ min: 0, max: 8, noNaN: true }), near(21)), mem: fc.oneof(fc.double({ min: 0, max: 150, noNaN: true }), near(187.5)) }), { maxLength: 10 });
  const demand = fc.record({ gpus: fc.integer({ min: 1, max: 12 }), cores: fc.oneof(fc.constant(0), fc.constant(3), fc.double({ min: 0.1, max: 12, noNaN: true })), mem: fc.oneof(fc.constant(0), fc.constant(62.5), fc.double({ min: 1, max: 200, noNaN: true })) });
  fc.assert(
    fc.property(takes, demand, (ts, d) => {
      const p = new ServerPool(buildCluster('c', [{ count: 4, gpus: 8, cores: 24, memoryGb: 250 }]));
      for (const t of ts) {
        const g = Math.min(t.gpus, p.freeGpus[t.server]);
        const cores = Math.min(t.cores, p.freeCores[t.server]), mem = Math.min(t.mem, p.freeMem[t.server]);
        p.take({ server: t.server, gpus: g, cores, memoryGb: mem });
      }
      const got = p.find(0, d.gpus, d.cores, d.mem)?.map((s): [number, number] => [s.server, s.gpus]);
      assert.deepEqual(got, findByRule(p, d.gpus, d.cores, d.mem));
    }),
    { numRuns: 500, seed: 5 },
  );
});

test('usableTypes: the preferred type, else every type with speed > 0 in cluster order, whether or not the shared lists serve it (property)', () => {
  const types = ['k80', 'p100', 'v100'];
  const p = new ServerPool(buildCluster('c', types.map((gpuType) => ({ count: 1, gpus: 4, gpuType, cores: 12, memoryGb: 100 }))));
  const arb = fc.record({ preferred: fc.integer({ min: -1, max: 2 }), tp: fc.option(fc.tuple(fc.constantFrom(0, 1, 2.5), fc.constantFrom(0, 1, 3), fc.constantFrom(0, 2))) });
  fc.assert(
    fc.property(arb, ({ preferred, tp }) => {
      const throughputs = tp ? { k80: tp[0], p100: tp[1], v100: tp[2] } : undefined;
      const job = { index: 0, id: 'j', tenant: 't', arrival: 0, gpus: 1, work: 1, throughputs, referenceType: throughputs ? 'k80' : undefined };
      const s = { job, preferredType: preferred } as unknown as JobState;
      const want = preferred >= 0 ? [preferred] : types.map((_, t) => t).filter((t) => typeSpeed(job, types[t]) > 0);
      assert.deepEqual([...usableTypes(s, p)], want);
    }),
    { numRuns: 200, seed: 3 },
  );
});
