import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeSynergyRecord, parseSynergyRecord, synergyRecordJobs } from './synergy-record.js';
import { traceFormat } from '../scenarios/training/sniff.js';

// Lines as the original's runner.record_job writes them: id,model,arrival,iterations,gpus.
const TEXT = '0,alexnet,409,8176,1\n1,gnmt,861,610813,1\n\n2,m5,1119.5,8265,4\n';

test('recorded Synergy job list: rows, work = iterations × τ_m, index = file order, tenant "0"', () => {
  const rows = parseSynergyRecord(TEXT, 'rec');
  assert.deepEqual(rows.map((r) => r.line), [1, 2, 4]);
  const jobs = synergyRecordJobs(rows, 'rec');
  assert.deepEqual(jobs.map((j) => [j.index, j.id, j.tenant, j.arrival, j.gpus, j.model]), [
    [0, '0', '0', 409, 1, 'alexnet'],
    [1, '1', '0', 861, 1, 'gnmt'],
    [2, '2', '0', 1119.5, 4, 'm5'],
  ]);
  // τ: alexnet 0.6 s, gnmt 0.12 s, m5 0.6 s (models/<m>_1.py).
  assert.ok(Math.abs(jobs[0].work - 8176 * 0.6) < 1e-9);
  assert.ok(Math.abs(jobs[1].work - 610813 * 0.12) < 1e-6);
  assert.ok(Math.abs(jobs[2].work - 8265 * 0.6) < 1e-9);
});

test('recorded Synergy job list: sniffed as its own format; a Philly header or an Allot CSV is not', () => {
  assert.equal(looksLikeSynergyRecord(TEXT), true);
  assert.equal(traceFormat('x.rec', TEXT), 'synergy-record');
  assert.equal(looksLikeSynergyRecord('0,notamodel,1,2,1\n'), false);
  assert.equal(looksLikeSynergyRecord('timestamp,duration,num_gpus,gpu_time,cluster\n'), false);
  assert.equal(looksLikeSynergyRecord(''), false);
});

test('recorded Synergy job list: bad rows name the line and field', () => {
  const bad: [string, RegExp][] = [
    ['0,alexnet,1,2\n', /line 1: expected 5 fields/],
    ['0,alexnet,1,2,1\nx,alexnet,1,2,1\n', /line 2: field "id"/],
    ['0,bert,1,2,1\n', /line 1: field "model": expected a Synergy model/],
    ['0,alexnet,-1,2,1\n', /field "arrival": expected seconds ≥ 0/],
    ['0,alexnet,1,2.5,1\n', /field "iterations": expected an integer ≥ 1/],
    ['0,alexnet,1,0,1\n', /field "iterations"/],
    ['0,alexnet,1,2,0\n', /field "gpus": expected an integer ≥ 1/],
    ['\n\n', /no jobs/],
  ];
  for (const [text, re] of bad) assert.throws(() => parseSynergyRecord(text, 'rec'), re, text);
  assert.throws(() => synergyRecordJobs(parseSynergyRecord('3,alexnet,1,2,1\n3,gnmt,5,2,1\n', 'rec'), 'rec'), /rec: line 2: job id 3 appears twice/);
});
