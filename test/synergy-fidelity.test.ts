/**
 * Synergy's workload as the original generates and measures it: the
 * trace-free synthetic workload with its multi-GPU mix, open arrivals until
 * the measurement window's jobs finish, `builtin:synergy`, and replays of
 * the original's recorded job lists (skipped when none is available).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synergySynthetic } from '../src/workload/training/synergy-workload.js';
import { dataFile } from '../src/data/data-dir.js';
import { runCliInProcess } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'allot-synergy-'));
function scenario(name: string, yaml: string): string {
  const p = join(dir, name);
  writeFileSync(p, yaml);
  return p;
}
const json = async (...args: string[]) => {
  const r = await runCliInProcess([...args, '--json', '--quiet']);
  return { ...r, out: r.code === 0 ? JSON.parse(r.stdout) : undefined };
};

test('synergy-synthetic: GPU demand 1/2/4/8 at 70/10/15/5 %, Poisson arrivals at λ, work = whole iterations', () => {
  const jobs = synergySynthetic({ jobs: 20000, jobsPerHour: 9, seed: 3 });
  const share = (g: number) => jobs.filter((j) => j.gpus === g).length / jobs.length;
  for (const [g, p] of [[1, 0.7], [2, 0.1], [4, 0.15], [8, 0.05]]) assert.ok(Math.abs(share(g) - p) < 0.01, `share of ${g}-GPU jobs ${share(g)} vs ${p}`);
  assert.equal(jobs.filter((j) => [1, 2, 4, 8].includes(j.gpus)).length, jobs.length);
  const meanGap = jobs[jobs.length - 1].arrival / jobs.length;
  assert.ok(Math.abs(meanGap - 400) < 12, `mean inter-arrival ${meanGap} s vs 400 s`);
  assert.ok(jobs[0].arrival > 0, 'job 0 arrives one inter-arrival after 0, as the original');
  for (let k = 1; k < jobs.length; k++) assert.ok(jobs[k].arrival >= jobs[k - 1].arrival && Number.isInteger(jobs[k].arrival));
  assert.deepEqual(synergySynthetic({ jobs: 50, jobsPerHour: 9, seed: 3 }), jobs.slice(0, 50), 'a prefix does not depend on how many jobs are generated');
  assert.ok(synergySynthetic({ jobs: 200, jobsPerHour: 9, seed: 3, multiGpu: false }).every((j) => j.gpus === 1));
});

test('open arrivals: generated until the window finishes; parameters say so; the jobs table lists the jobs that arrived', async () => {
  const p = scenario('open.yaml', 'kind: training\nworkload: {type: synergy-synthetic, jobsPerHour: 2}\nmeasureJobs: [20, 40]\npolicies: [fifo, las]\n');
  const out = join(dir, 'open-out');
  const r = await json('run', '--scenario', p, '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.out.parameters.arrivals, 'open');
  assert.equal(r.out.parameters.maxJobs, 400);
  for (const pol of r.out.policies) assert.equal(pol.finishedJobs, 20);
  const rows = readFileSync(join(out, 'jobs.csv'), 'utf8').trim().split('\n').length - 1;
  assert.ok(rows > 2 * 40 && rows < 2 * 400, `jobs table rows ${rows}`);
  // A fixed count stays an option: every job runs to the end.
  const fixed = await json('run', '--scenario', p, '--jobs', '60');
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(fixed.out.parameters.arrivals, undefined);
  assert.equal(fixed.out.parameters.jobs, 60);
});

test('open arrivals: a window still running when the last of maxJobs arrives exits 2 naming maxJobs; misplaced maxJobs is an error', async () => {
  // 128 GPUs at 60 jobs/h is far past saturation: job 40 cannot finish before job 50 arrives.
  const p = scenario('over.yaml', 'kind: training\nworkload: {type: synergy-synthetic, jobsPerHour: 60}\nmeasureJobs: [0, 40]\nmaxJobs: 50\npolicies: [fifo]\n');
  const r = await runCliInProcess(['run', '--scenario', p, '--quiet']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /maxJobs: open arrivals: under fifo, all 50 generated jobs arrived before the measurement window \[0, 40\) finished/);
  const both = await runCliInProcess(['run', '--scenario', p, '--jobs', '100', '--quiet']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /maxJobs applies to open arrivals/);
  const small = scenario('small.yaml', 'kind: training\nworkload: {type: synergy-synthetic, jobsPerHour: 2}\nmeasureJobs: [0, 40]\nmaxJobs: 30\n');
  const s = await runCliInProcess(['run', '--scenario', small, '--quiet']);
  assert.equal(s.code, 2);
  assert.match(s.stderr, /maxJobs: expected at least the measurement window's end \(40 jobs\), got 30/);
});

test('starvationGuard: per-round is reported in parameters; an unknown rule is a one-line error', async () => {
  const p = scenario('guard.yaml', 'kind: training\nworkload: {type: synergy-synthetic, jobsPerHour: 2}\njobs: 30\npolicies: [las]\n');
  const a = await json('run', '--scenario', p, '--starvation-guard', 'per-round');
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.out.parameters.starvationGuard, 'per-round');
  const b = await json('run', '--scenario', p);
  assert.equal(b.out.parameters.starvationGuard, undefined);
  const c = await runCliInProcess(['run', '--scenario', p, '--starvation-guard', 'sometimes', '--quiet']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /starvation/i);
});

test('wholeIterations: reported in parameters; a hybrid workload rejects it', async () => {
  const p = scenario('whole.yaml', 'kind: training\nworkload: {type: synergy-synthetic, jobsPerHour: 2}\njobs: 30\npolicies: [fifo+tune]\n');
  const a = await json('run', '--scenario', p, '--whole-iterations', '--completion-at-round-end');
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.out.parameters.wholeIterations, true);
  const b = await json('run', '--scenario', p);
  assert.equal(b.out.parameters.wholeIterations, undefined);
  assert.notEqual(a.out.policies[0].avgJctSeconds, b.out.policies[0].avgJctSeconds);
  const h = scenario('whole-h.yaml', 'kind: training\nworkload: {type: allox-synthetic}\njobs: 20\nwholeIterations: true\n');
  const c = await runCliInProcess(['run', '--scenario', h, '--quiet']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /wholeIterations applies to GPU-server clusters/);
});

test('builtin:synergy: the original\'s default experiment (128 GPUs, synthetic 9 jobs/h, split 20/70/10, window 4000:5000, FIFO+fair, open arrivals)', async () => {
  // Same experiment at a smaller window so the test stays fast (at 9 jobs/h the cluster is overloaded: job 50 ends after job 500 arrives).
  const r = await json('run', '--scenario', 'builtin:synergy', '--set', 'measureJobs=40:50', '--set', 'maxJobs=3000');
  assert.equal(r.code, 0, r.stderr);
  const p = r.out.parameters;
  assert.deepEqual([p.workload, p.jobsPerHour, p.multiGpu, p.cluster, p.placement, p.arrivals, p.maxJobs], ['synergy-synthetic', 9, true, 'synergy', 'first-fit', 'open', 3000]);
  assert.deepEqual(r.out.policies.map((x: { name: string }) => x.name), ['fifo']);
  assert.equal(r.out.policies[0].finishedJobs, 10);
});

// Replays of the original's recorded job lists (msr-fiddle/synergy runner.py --record_trace; never committed).
// Put them under $ALLOT_DATA_DIR/synergy-record/ as <name>.rec with the original's figures in <name>.json:
// {"cluster": "synergy" | cluster file, "measureJobs": [from, to], "placement": "first-fit", "means": {"fifo": h, "las": h, "srtf": h}}
// and optionally "flags": extra CLI flags (e.g. ["--preselect-by-gpu", "--completion-at-round-end", "--whole-iterations"]).
// The metas of the full-scale runs (README, "Side by side with the original Synergy") are committed in
// test/fixtures/synergy-record/; each is used when its <name>.rec is in $ALLOT_DATA_DIR/synergy-record/ (a meta there of the same name wins).
const recDir = dataFile('synergy-record');
const fixtureMetas = fileURLToPath(new URL('fixtures/synergy-record/', import.meta.url));
test('replays of the original\'s recorded job lists: mean JCT within 3 % of the original', recDir && existsSync(recDir) ? {} : { skip: 'no recorded Synergy job lists (put them in $ALLOT_DATA_DIR/synergy-record/, see the test)' }, async () => {
  const { readdirSync } = await import('node:fs');
  const own = readdirSync(recDir!).filter((f) => f.endsWith('.json'));
  const fixtures = readdirSync(fixtureMetas).filter((f) => f.endsWith('.json') && !own.includes(f) && existsSync(join(recDir!, f.replace(/\.json$/, '.rec'))));
  const metas = [...own.map((f) => join(recDir!, f)), ...fixtures.map((f) => join(fixtureMetas, f))];
  assert.ok(metas.length > 0, `no <name>.json next to the recorded lists in ${recDir}`);
  for (const path of metas) {
    const m = basename(path);
    const meta = JSON.parse(readFileSync(path, 'utf8'));
    const trace = join(recDir!, m.replace(/\.json$/, '.rec'));
    const args = ['run', '--trace', trace, '--cluster', meta.cluster, '--measure-jobs', meta.measureJobs.join(':'), '--placement', meta.placement ?? 'first-fit', '--policies', Object.keys(meta.means).join(','), ...(meta.flags ?? [])];
    const r = await json(...args);
    assert.equal(r.code, 0, r.stderr);
    for (const pol of r.out.policies) {
      const want = meta.means[pol.name];
      const got = pol.avgJctSeconds / 3600;
      assert.ok(Math.abs(got / want - 1) <= 0.03, `${m} ${pol.name}: ${got.toFixed(2)} h vs the original's ${want} h`);
    }
  }
});

// Hybrid (AlloX) inputs: CPU-node count of a preset, reported times in the job CSV, IRFsim-style estimate error.
const HYBRID_CSV = ['id,tenant,arrival_s,gpus,work_s,cpu_time_s,gpu_time_s', ...Array.from({ length: 30 }, (_, k) => `${k},u${k % 3},${60 * k},1,1,${600 + 37 * k},${100 + 11 * k}`)].join('\n') + '\n';

test('hybrid preset: --cpu-nodes sets the CPU nodes (IRFsim scales them with the GPUs); misplaced is an error', async () => {
  const csv = scenario('h.csv', HYBRID_CSV);
  const base = ['run', '--trace', csv, '--policies', 'srpt,drff'];
  const a = await json(...base, '--gpus', '2', '--cpu-nodes', '2');
  const b = await json(...base, '--gpus', '2');
  assert.equal(a.code, 0, a.stderr);
  const avg = (r: typeof a, p: string) => r.out.policies.find((x: { name: string }) => x.name === p).avgJctSeconds;
  assert.ok(avg(a, 'srpt') > avg(b, 'srpt'), 'fewer CPU nodes, longer JCTs');
  const c = await runCliInProcess(['run', '--trace', csv, '--cluster', scenario('hc.yaml', 'gpus: 2\ncpuNodes: 2\ncoresPerNode: 32\n'), '--cpu-nodes', '3', '--quiet']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /cpuNodes sizes a hybrid preset cluster/);
});

test('job CSV: est_cpu_s/est_gpu_s are what estimate-based policies see; estimateErrorStd draws them; both at once is an error', async () => {
  const csv = scenario('h2.csv', HYBRID_CSV);
  // Reported times that invert the true order of GPU times: SRPT now prefers the truly longest jobs.
  const lines = HYBRID_CSV.trim().split('\n');
  const wrong = [lines[0] + ',est_cpu_s,est_gpu_s', ...lines.slice(1).map((l, k) => `${l},${600 + 37 * (29 - k)},${100 + 11 * (29 - k)}`)].join('\n') + '\n';
  const est = scenario('h3.csv', wrong);
  const args = ['--policies', 'srpt', '--gpus', '1', '--cpu-nodes', '1'];
  const truth = await json('run', '--trace', csv, ...args);
  const lie = await json('run', '--trace', est, ...args);
  assert.equal(truth.code, 0, truth.stderr);
  assert.equal(lie.code, 0, lie.stderr);
  assert.ok(lie.out.policies[0].avgJctSeconds > truth.out.policies[0].avgJctSeconds, 'wrong reports make SRPT worse');
  const noisy = await json('run', '--trace', csv, ...args, '--set', 'estimateErrorStd=0.5');
  assert.equal(noisy.code, 0, noisy.stderr);
  assert.equal(noisy.out.parameters.estimateErrorStd, 0.5);
  assert.notEqual(noisy.out.policies[0].avgJctSeconds, truth.out.policies[0].avgJctSeconds);
  const both = await runCliInProcess(['run', '--trace', est, ...args, '--set', 'estimateErrorStd=0.1', '--quiet']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /estimateErrorStd draws reported times, but the file gives them/);
  const half = scenario('h4.csv', [lines[0] + ',est_cpu_s,est_gpu_s', lines[1] + ',5,'].join('\n') + '\n');
  const h = await runCliInProcess(['run', '--trace', half, '--quiet']);
  assert.equal(h.code, 2);
  assert.match(h.stderr, /line 2: est_cpu_s and est_gpu_s must be given together/);
});

test('hybrid sampleLoop: irfsim places samples past a blocked head and runs every job; combined with skipPolicyWhileSamplesPending it is an error', async () => {
  const csv = scenario('h5.csv', HYBRID_CSV);
  const p = (extra: string) => scenario(`s-${extra.length}.yaml`, `kind: training\ntrace: ${csv}\ncluster: allox\ngpus: 2\ncpuNodes: 2\npolicies: [srpt, drfs, drfa]\nhybrid: {sampling: true${extra}}\n`);
  const rr = await json('run', '--scenario', p(''));
  assert.equal(rr.code, 0, rr.stderr);
  const irf = await json('run', '--scenario', p(', sampleLoop: irfsim'));
  assert.equal(irf.code, 0, irf.stderr);
  for (const pol of irf.out.policies) assert.equal(pol.finishedJobs, 30);
  assert.notDeepEqual(irf.out.policies.map((x: { avgJctSeconds: number }) => x.avgJctSeconds), rr.out.policies.map((x: { avgJctSeconds: number }) => x.avgJctSeconds));
  const both = await runCliInProcess(['run', '--scenario', p(', sampleLoop: irfsim, skipPolicyWhileSamplesPending: true'), '--quiet']);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /sampleLoop: irfsim has its own rule for skipping the policy/);
});

test('recorded job list with --measure-jobs: stops at the window\'s end; a list that runs out first is exit 2 naming the file', async () => {
  // One 8-GPU server; 8-GPU alexnet jobs of 1,000 iterations (600 s) every 600 s: job k runs [600k, 600k + 600) under FIFO.
  const rec = scenario('r.rec', Array.from({ length: 12 }, (_, k) => `${k},alexnet,${600 * k},1000,8`).join('\n') + '\n');
  const cl = scenario('one.yaml', 'servers:\n  - {count: 1, gpus: 8, cores: 24, memoryGb: 500}\n');
  const ok = await json('run', '--trace', rec, '--cluster', cl, '--measure-jobs', '2:4', '--policies', 'fifo', '--out', join(dir, 'rec-out'));
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.out.parameters.workload, 'synergy-record');
  assert.equal(ok.out.policies[0].avgJctSeconds, 600);
  const rows = readFileSync(join(dir, 'rec-out', 'jobs.csv'), 'utf8').trim().split('\n').length - 1;
  assert.equal(rows, 4, 'jobs 0–3 ran; the run ends at 2,400 s, the round job 4 would arrive in');
  const short = await runCliInProcess(['run', '--trace', rec, '--cluster', cl, '--measure-jobs', '10:12', '--policies', 'fifo', '--quiet']);
  assert.equal(short.code, 2);
  assert.match(short.stderr, /r\.rec: under fifo, all 12 recorded jobs arrived before the measurement window \[10, 12\) finished \(the original would keep generating; by the last arrival, at 1\.8 h, 1 of the window's 2 jobs had finished\)/);
});

test('hybrid: an explicit sampling: true with DRFF (which uses no estimates) is an error, not a silent change', async () => {
  const csv = scenario('h6.csv', HYBRID_CSV);
  const p = scenario('drff.yaml', `kind: training\ntrace: ${csv}\npolicies: [srpt, drff]\nhybrid: {sampling: true}\n`);
  const r = await runCliInProcess(['run', '--scenario', p, '--quiet']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /hybrid\.sampling: sampling: true applies to policies that use estimates; drff uses none/);
  const off = await json('run', '--scenario', p, '--set', 'hybrid.sampling=false');
  assert.equal(off.code, 0, off.stderr);
});
