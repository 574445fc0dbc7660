/**
 * IRFsim's trace and the `irfsim` preset end to end. The trace
 * (lenhattan86/IRFsim `input/job_google_m1.txt`; its repository has no
 * licence, so it is never committed) is read from `$ALLOT_DATA_DIR/irfsim/`
 * and the test that needs it skips with a printed reason when it is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFile, needsData } from '../src/data/data-dir.js';
import { runCliInProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-irfsim-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const json = async (...args: string[]) => {
  const r = await runCliInProcess([...args, '--json', '--quiet']);
  return { ...r, out: r.code === 0 ? JSON.parse(r.stdout) : undefined };
};

/** Twelve made-up single-stage jobs in IRFsim's format, two per arrival instant. */
const SMALL = Array.from({ length: 12 }, (_, k) => [`# ${k}`, `1 ${k} 1 ${3 * Math.floor(k / 2)} queue${k % 2}`, `stage -1.0 32.0 ${4 + (k % 5)} ${40 + 7 * k} 1 2 ${15 + 3 * ((k * 5) % 7)} 1`, '0'].join('\n')).join('\n') + '\n';

test('irfsim preset: one word sets IRFsim\'s options (policy labels unchanged), es under it is es(variant=irfsim), and results differ from the defaults', async () => {
  const trace = file('small.txt', SMALL);
  const base = `kind: training\ntrace: ${trace}\nworkload: {type: irfsim-trace, users: 2, jobsPerUser: 6}\ncluster: allox\ngpus: 2\ncpuNodes: 2\n`;
  const pre = await json('run', '--scenario', file('p.yaml', `${base}policies: [drff, es, srpt]\nhybrid: {preset: irfsim}\n`));
  assert.equal(pre.code, 0, pre.stderr);
  assert.deepEqual(pre.out.policies.map((p: { name: string }) => p.name), ['drff', 'es', 'srpt']);
  for (const p of pre.out.policies) assert.equal(p.finishedJobs, 12);
  const spelled = await json('run', '--scenario', file('s.yaml', `${base}policies: ['es(variant=irfsim)', 'srpt(byOriginalReport=true)']\nhybrid: {groupProfiling: true, minSampleSeconds: 60, sampleLoop: irfsim, sampleUsage: true, legacyCpuFlag: true, drffForce64GB: true, timeStepSeconds: 60}\n`));
  assert.equal(spelled.code, 0, spelled.stderr);
  assert.deepEqual(spelled.out.policies.map((p: { avgJctSeconds: number }) => p.avgJctSeconds), pre.out.policies.slice(1).map((p: { avgJctSeconds: number }) => p.avgJctSeconds));
  // Integer steps of 60 s: every JCT (arrivals are whole units) is a multiple of 60 s, so the mean × jobs is too.
  for (const p of pre.out.policies) assert.ok(Math.abs(((p.avgJctSeconds * 12) / 60) % 1) < 1e-6 || Math.abs(((p.avgJctSeconds * 12) / 60) % 1) > 1 - 1e-6, `${p.name}: ${p.avgJctSeconds}`);
  const plain = await json('run', '--scenario', file('d.yaml', `${base}policies: [es]\n`));
  assert.equal(plain.code, 0, plain.stderr);
  assert.notEqual(plain.out.policies[0].avgJctSeconds, pre.out.policies[1].avgJctSeconds);
  // Same value as the preset is fine; a different one is an error (see the bad-input suite for the message).
  const same = await json('run', '--scenario', file('same.yaml', `${base}policies: [srpt]\nhybrid: {preset: irfsim, timeStepSeconds: 60}\n`));
  assert.equal(same.code, 0, same.stderr);
});

test('IRFsim trace (job_google_m1, 10 users): DRFF under the irfsim preset equals IRFsim\'s average JCT at 20 + 20 and 12 + 12', needsData('irfsim/job_google_m1.txt'), async () => {
  // IRFsim@2963b9a (Main with numQueues 10, numJobs 100 per user; DRFFIFO): 365.424 units at 20 GPUs + 20 nodes (Allot: equal),
  // 1286.161 at 12 + 12 (Allot: 1285.941, −0.017 %). DRFF uses no estimates, so the raw trace gives IRFsim's workload.
  const trace = dataFile('irfsim/job_google_m1.txt')!;
  for (const [g, want, tol] of [[20, 365.424, 1e-6], [12, 1286.161, 0.5]] as const) {
    const r = await json('run', '--scenario', file(`m${g}.yaml`, `kind: training\ntrace: ${trace}\nworkload: {type: irfsim-trace, users: 10, jobsPerUser: 100}\ncluster: allox\ngpus: ${g}\ncpuNodes: ${g}\npolicies: [drff]\nhybrid: {preset: irfsim}\n`));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.out.parameters.jobs, 1000);
    assert.ok(Math.abs(r.out.policies[0].avgJctSeconds / 60 - want) < tol, `${g} GPUs: ${r.out.policies[0].avgJctSeconds / 60} vs ${want}`);
  }
});

test('IRFsim job input (jobs_input_10_Google, 10 × 1,000): DRFA under the irfsim preset equals IRFsim\'s average JCT at 20 + 20', needsData('irfsim/jobs_input_10_Google.txt'), async () => {
  // IRFsim@2963b9a's committed input/jobs_input_10_Google.txt is the input its Main generates for 10 users × 1,000 jobs;
  // DRFExt there: 293.7498 units. Allot: 293.75 (one job of 10,000 ends 2 units later); before cpuFallback/loop irfsim 271.34.
  const trace = dataFile('irfsim/jobs_input_10_Google.txt')!;
  const r = await json('run', '--scenario', file('drfa.yaml', `kind: training\ntrace: ${trace}\ncluster: allox\ngpus: 20\ncpuNodes: 20\npolicies: [drfa]\nhybrid: {preset: irfsim}\n`));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.policies[0].finishedJobs, 10000);
  assert.ok(Math.abs(r.out.policies[0].avgJctSeconds / 60 - 293.7498) < 0.01, `${r.out.policies[0].avgJctSeconds / 60}`);
});
