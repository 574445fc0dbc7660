import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerPool } from './server-pool.js';
import { buildCluster } from '../workload/training/cluster.js';

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

test('one-server leases are shared between finds of the same demand, for up to 8 demands per server and size', () => {
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
