import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { dataFile, needsData } from './data-dir.js';
import { parsePhillyCsv } from './philly-trace.js';
import { parseGavelTrace } from './gavel-trace.js';
import { parseGavelThroughputs } from './gavel-throughputs.js';
import { parseAllotJobCsv } from './allot-job-csv.js';
import { parseOpenbNodes, parseOpenbPods } from './alibaba-openb.js';
import { parseClusterFile } from '../workload/training/cluster.js';

const H = 'timestamp,duration,num_gpus,gpu_time,cluster\n';

function rejects(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof InputError && re.test(e.message), `expected InputError matching ${re}`);
}

test('Philly reader: the bundled trace has 82,247 jobs over 15 VCs, largest 128 GPUs', needsData('philly/philly.csv'), () => {
  const p = dataFile('philly/philly.csv')!;
  const jobs = parsePhillyCsv(readFileSync(p, 'utf8'), p);
  assert.equal(jobs.length, 82247);
  assert.equal(new Set(jobs.map((j) => j.tenant)).size, 15);
  assert.equal(Math.max(...jobs.map((j) => j.gpus)), 128);
});

test('Philly reader: bad inputs name the file, line and field', () => {
  rejects(() => parsePhillyCsv('a,b\n1,2\n', 'x.csv'), /x\.csv: line 1: expected the header/);
  rejects(() => parsePhillyCsv(H + '2017-13-40 nope,1,1,1,vc\n', 'x.csv'), /line 2: field "timestamp"/);
  rejects(() => parsePhillyCsv(H + '2017-10-09 07:01:55,-5,1,1,vc\n', 'x.csv'), /line 2: field "duration"/);
  rejects(() => parsePhillyCsv(H + '2017-10-09 07:01:55,5,1.5,1,vc\n', 'x.csv'), /field "num_gpus"/);
  rejects(() => parsePhillyCsv(H + '2017-10-09 07:01:55,5,1,1,\n', 'x.csv'), /field "cluster"/);
  rejects(() => parsePhillyCsv(H + '2017-10-09 07:01:55,5,1\n', 'x.csv'), /expected 5 fields/);
  rejects(() => parsePhillyCsv(H, 'x.csv'), /no jobs/);
  assert.equal(parsePhillyCsv(H + '2017-10-09 07:01:55,66.0,1,66.0,11cb48\n\n', 'x.csv')[0].duration, 66);
});

test('Gavel trace reader: fields and bad inputs', () => {
  const ok = 'ResNet-50 (batch size 64)\tcmd\t-n\t1\t1000\t6.5\t2\n';
  assert.deepEqual(parseGavelTrace(ok, 'v.trace', 'v')[0], { line: 1, jobType: 'ResNet-50 (batch size 64)', totalSteps: 1000, arrival: 6.5, scaleFactor: 2, tenant: 'v' });
  rejects(() => parseGavelTrace('a\tb\n', 'v.trace', 'v'), /line 1: expected 7 tab-separated fields/);
  rejects(() => parseGavelTrace('A\tc\t-n\t1\t0\t0\t1\n', 'v.trace', 'v'), /field "total_steps"/);
  rejects(() => parseGavelTrace('A\tc\t-n\t1\t10\t-1\t1\n', 'v.trace', 'v'), /field "arrival_time"/);
  rejects(() => parseGavelTrace('A\tc\t-n\t1\t10\t0\t0\n', 'v.trace', 'v'), /field "scale_factor"/);
});

test('Gavel throughput reader: keys, zero means "cannot run", bad shapes', needsData('gavel/simulation_throughputs.json'), () => {
  const p = dataFile('gavel/simulation_throughputs.json')!;
  const t = parseGavelThroughputs(JSON.parse(readFileSync(p, 'utf8')), p);
  const r = t.consolidated.get('ResNet-18 (batch size 16)|1')!;
  assert.ok(r.k80 > 0 && r.p100 > 0 && r.v100 > r.k80);
  assert.equal(t.consolidated.get('CycleGAN|4'), undefined);
  rejects(() => parseGavelThroughputs({ k80: { bad: { null: 1 } } }, 't.json'), /expected a key like/);
  rejects(() => parseGavelThroughputs({ k80: 3 }, 't.json'), /k80/);
  const z = parseGavelThroughputs({ k80: { "('A', 1)": { null: 0 } }, v100: { "('A', 1)": { null: 2 } } }, 't.json');
  assert.deepEqual(z.consolidated.get('A|1'), { v100: 2 });
});

test('Gavel throughput reader: cells the schema rejects are still rejected (the fast shape check lets none through)', () => {
  const row = (cell: unknown) => ({ v100: { "('A', 1)": { null: 2, "('B', 1)": cell } } });
  for (const bad of [Infinity, NaN, 'x', [1, 'a'], [[1]], {}, true]) rejects(() => parseGavelThroughputs(row(bad), 't.json'), /t\.json/);
  for (const bad of [[], null, 'x']) rejects(() => parseGavelThroughputs({ v100: { "('A', 1)": bad } }, 't.json'), /t\.json/);
  rejects(() => parseGavelThroughputs({ v100: [] }, 't.json'), /t\.json/);
  rejects(() => parseGavelThroughputs([], 't.json'), /t\.json/);
  // space-sharing pairs ([self, other]) and nulls are fine
  for (const ok of [[1.5, 2], null, 3]) assert.deepEqual(parseGavelThroughputs(row(ok), 't.json').consolidated.get('A|1'), { v100: 2 });
});

test('Allot job CSV reader: required columns, types, duplicates, models', () => {
  const ok = parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s,model\n1,a,0,2,600,res18\n2,b,10,1,60,\n', 'j.csv');
  assert.equal(ok.length, 2);
  assert.equal(ok[0].model, 'res18');
  assert.equal(ok[1].model, undefined);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus\n1,a,0,1\n', 'j.csv'), /missing column "work_s"/);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s,color\n1,a,0,1,5,red\n', 'j.csv'), /unknown column "color"/);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s\n1,a,0,1,5\n1,a,0,1,5\n', 'j.csv'), /line 3: field "id": duplicate/);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s\n1,a,0,0,5\n', 'j.csv'), /line 2: field "gpus"/);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s\n1,a,-1,1,5\n', 'j.csv'), /field "arrival_s"/);
  rejects(() => parseAllotJobCsv('id,tenant,arrival_s,gpus,work_s,model\n1,a,0,1,5,bert\n', 'j.csv'), /unknown Synergy model "bert"/);
});

test('Alibaba openb readers: the bundled node list is 1,213 GPU nodes; bad rows rejected', needsData('alibaba-openb/openb_node_list_gpu_node.csv', 'alibaba-openb/openb_pod_list_default.csv'), () => {
  const n = dataFile('alibaba-openb/openb_node_list_gpu_node.csv')!;
  const c = parseOpenbNodes(readFileSync(n, 'utf8'), n);
  assert.equal(c.servers.length, 1213);
  const p = dataFile('alibaba-openb/openb_pod_list_default.csv')!;
  assert.equal(parseOpenbPods(readFileSync(p, 'utf8'), p).length, 8152);
  rejects(() => parseOpenbNodes('sn,cpu\n', 'n.csv'), /line 1: expected the header/);
  rejects(() => parseOpenbNodes('sn,cpu_milli,memory_mib,gpu,model\nx,-1,1,1,T4\n', 'n.csv'), /line 2: field "cpu_milli"/);
  rejects(() => parseOpenbNodes('sn,cpu_milli,memory_mib,gpu,model\nx,1,1,2,\n', 'n.csv'), /field "model"/);
  rejects(() => parseOpenbPods('name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\np,1,1,1,1000,,LS,Running,10,5,0\n', 'p.csv'), /deletion_time/);
});

test('cluster file: schema errors name the field', () => {
  assert.equal(parseClusterFile({ servers: [{ count: 2, gpus: 4, cores: 8, memoryGb: 64 }] }, 'c.yaml').servers.length, 2);
  rejects(() => parseClusterFile({ servers: [{ count: 0, gpus: 4, cores: 8, memoryGb: 64 }] }, 'c.yaml'), /servers\[0\]\.count/);
  rejects(() => parseClusterFile({ servers: [{ count: 1, gpus: 4, cores: 8 }] }, 'c.yaml'), /servers\[0\]\.memoryGb/);
  rejects(() => parseClusterFile({}, 'c.yaml'), /servers/);
});
