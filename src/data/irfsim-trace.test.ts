import { test } from 'node:test';
import assert from 'node:assert/strict';
import { irfsimJobs, looksLikeIrfsimTrace, parseIrfsimTrace } from './irfsim-trace.js';
import { InputError } from '../errors.js';

/** Three single-stage jobs in IRFsim's trace format (numbers made up for the test). */
const TRACE = ['# 0', '1 0 1 0 queue0', 'stage -1.0 32.0 14 97 1 2 49 1', '0',
  '# 1', '1 1 1 3 queue1', 'stage -1.0 32.0 1 90 1 2 26 1', '0',
  '% a comment', '# 2', '1 2 1 5 queue2', 'stage -1.0 32.0 15 138 1 2 44 1', '0', ''].join('\n');

test('IRFsim trace: parses the job blocks (cores, memory, time per kind; arrival) and is sniffed', () => {
  assert.equal(looksLikeIrfsimTrace(TRACE), true);
  assert.equal(looksLikeIrfsimTrace('id,tenant,arrival_s\n'), false);
  const rows = parseIrfsimTrace(TRACE, 't.txt');
  assert.equal(rows.length, 3);
  assert.deepEqual({ ...rows[1], line: 0 }, { line: 0, id: '1', arrival: 3, queue: 'queue1', cpuCores: 32, cpuMemGb: 1, cpuTime: 90, gpus: 1, gpuMemGb: 2, gpuTime: 26 });
});

test('IRFsim deal (GenInput.customizeJobs): file order round-robin to users, arrivals from the trace, × the time unit', () => {
  const jobs = irfsimJobs(parseIrfsimTrace(TRACE, 't.txt'), { users: 3, jobsPerUser: 1, timeUnitSeconds: 60 });
  assert.deepEqual(jobs.map((j) => [j.user, j.arrival, j.cpu.time, j.gpu.time, j.estGpuTime]), [['queue0', 0, 97 * 60, 49 * 60, 49 * 60], ['queue1', 180, 90 * 60, 26 * 60, 26 * 60], ['queue2', 300, 138 * 60, 44 * 60, 44 * 60]]);
});

test('IRFsim deal wraps like customizeJobs: offset by the last arrival, the pass dealt again, so every user but the one that found it empty gets one more job', () => {
  // 3 trace jobs, 2 users × 2 jobs. Pass i=0: u0←job0 (0), u1←job1 (3). Pass i=1: u0←job2 (5); u1 finds the trace empty:
  // restart, i-- (so i=0 again), start = 5; pass i=1 again: u0←job0 (5+0), u1←job1 (5+3). u0 ends with 3 jobs, u1 with 2.
  const jobs = irfsimJobs(parseIrfsimTrace(TRACE, 't.txt'), { users: 2, jobsPerUser: 2, timeUnitSeconds: 1 });
  assert.deepEqual(jobs.map((j) => [j.user, j.arrival, j.cpu.time]), [['queue0', 0, 97], ['queue1', 3, 90], ['queue0', 5, 138], ['queue0', 5, 97], ['queue1', 8, 90]]);
});

test('IRFsim generated input (error fields): reported = true × (1 + err), users from the queue names, file order', () => {
  const gen = ['# 0', '1 0 1 12 queue1', 'stage -1.0 32.0 13.0 166.0 1.0 2.0 71.0 1 -0.5 0.25', '0', '# 1', '1 1 1 17 queue0', 'stage -1.0 32.0 3.0 253.0 1.0 2.0 119.0 1 0.1 0', '0'].join('\n');
  const jobs = irfsimJobs(parseIrfsimTrace(gen, 'g.txt'), { users: 10, jobsPerUser: 100, timeUnitSeconds: 60 });
  assert.deepEqual(jobs.map((j) => [j.user, j.arrival, j.estCpuTime, j.estGpuTime]), [['queue1', 720, 83 * 60, 71 * 1.25 * 60], ['queue0', 1020, 253 * 1.1 * 60, 119 * 60]]);
});

test('IRFsim trace: bad blocks are errors naming the file and line', () => {
  const bad = (text: string, re: RegExp): void => {
    assert.throws(() => parseIrfsimTrace(text, 'b.txt'), (e: unknown) => e instanceof InputError && re.test(e.message) && /b\.txt/.test(e.message));
  };
  bad('# 0\n2 0 1 0 q\n', /line 2: job 0 has 2 stages; Allot reads single-stage jobs/);
  bad('# 0\n1 0 1 0 q\nstage -1 32 14 97 1 2 49\n0\n', /line 3: expected a stage line .* got 8/);
  bad('# 0\n1 0 1 0 q\nstage -1 32 14 x 1 2 49 1\n0\n', /line 3: field "cpu time": expected a number/);
  bad('# 0\n1 0 1 0 q\nstage -1 32 14 97 1 2 49 1\n1\ns t ata\n', /line 4: job 0 has 1 edges/);
  bad('# 0\n1 0 1 0 q\nstage -1 32 14 97 1 2 49 1 0.1 0.1\n0\n# 1\n1 1 1 0 q\nstage -1 32 14 97 1 2 49 1\n0\n', /line 6: error fields .* on every stage line or on none/);
  bad('% only a comment\n', /no jobs/);
});
