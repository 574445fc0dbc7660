/**
 * Whole processes, as a user waits for them: each command runs as its own
 * process under `/usr/bin/time` (Debian package `time`), `BENCH_REPEATS`
 * times (default 5), and the median user+system CPU seconds, the median wall
 * seconds and the largest peak resident memory are reported. Runs the built
 * CLI (bin/allot.js → dist/), so `npm run build` first. Inputs that are not
 * data files (a 10,000-task DAG, a 100 × 1,000 allocation) are generated into
 * a temporary directory, and so is the 10× Philly trace (bench/philly-repeat.ts);
 * the Philly rows need ../shared/data or $ALLOT_DATA_DIR and are skipped with
 * a note otherwise, and so do the AlloX row on IRFsim's trace
 * (`irfsim/job_google_m1.txt`; the synthetic AlloX row always runs) and the Gavel row (gavel/msr-seed0). The load average is printed before and after the rows
 * (the machine is shared: CPU seconds inflate under load, wall more so).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFile } from '../src/data/data-dir.js';
import { randomDag } from '../src/dag/random-dag.js';
import { Rng } from '../src/sim/rng.js';
import { writeRepeatedPhilly } from './philly-repeat.js';
import { report } from './timing.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TIME = '/usr/bin/time';

interface Sample {
  cpu: number;
  wall: number;
  maxRssMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs `argv` once under /usr/bin/time; throws with its stderr when it fails. */
function measure(argv: string[]): Sample {
  const out = join(tmpdir(), `allot-bench-time-${process.pid}`);
  const r = spawnSync(TIME, ['-o', out, '-f', '%U %S %e %M', ...argv], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '', NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(-400)}`);
  const [user, sys, wall, kb] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-4).map(Number);
  rmSync(out, { force: true });
  return { cpu: user + sys, wall, maxRssMb: kb / 1024 };
}

function row(name: string, argv: string[], repeats: number): Sample {
  const samples = Array.from({ length: repeats }, () => measure(argv));
  const s = { cpu: median(samples.map((x) => x.cpu)), wall: median(samples.map((x) => x.wall)), maxRssMb: Math.max(...samples.map((x) => x.maxRssMb)) };
  report(name, s.cpu, 's CPU', `median of ${repeats}; wall ${s.wall.toFixed(2)} s; peak ${s.maxRssMb.toFixed(0)} MB`);
  return s;
}

export async function run(): Promise<void> {
  if (!existsSync(TIME)) {
    console.log(`${TIME} not found: install Debian's \`time\` package (apt-get install -y time) to time whole processes`);
    return;
  }
  const entry = join(root, 'dist', 'cli', 'entry.js');
  if (!existsSync(entry) || statSync(entry).mtimeMs < statSync(join(root, 'src', 'cli', 'entry.ts')).mtimeMs) {
    console.log('dist/ is missing or older than src/: run `npm run build` before the whole-process rows');
    return;
  }
  const repeats = Number(process.env.BENCH_REPEATS ?? 5);
  console.log(`machine load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)`);
  const node = process.execPath;
  const allot = [node, join(root, 'bin', 'allot.js')];
  row('allot --help', [...allot, '--help'], repeats);
  row("node -e \"import('allot')\"", [node, '--input-type=module', '-e', "await import('allot')"], repeats);
  row('allot run (default scenario)', [...allot, 'run', '--quiet'], repeats);

  const dir = mkdtempSync(join(tmpdir(), 'allot-bench-cli-'));
  const spec = randomDag({ tasks: 10_000, processors: 100, seed: 1 });
  const dag = join(dir, 'dag-10000x100.json');
  writeFileSync(dag, JSON.stringify({ processors: spec.processors, tasks: spec.tasks.map((t) => ({ id: t.id, cost: t.cost })), edges: spec.edges }));
  row('allot dag --algorithm heft, 10,000 tasks × 100 processors', [...allot, 'dag', '--algorithm', 'heft', '--input', dag], repeats);

  const rng = Rng.stream(1, 'bench/cli-allocate');
  const tenants = Array.from({ length: 100 }, (_, i) => ({ id: `t${i}`, tokens: 1 + rng.int(10) }));
  const nodes = Array.from({ length: 1000 }, (_, j) => ({ id: `n${j}`, type: `g${j % 8}` }));
  const utilities = Object.fromEntries(tenants.map((t) => [t.id, Object.fromEntries(nodes.map((n) => [n.id, Number(rng.next().toFixed(6))]))]));
  const alloc = join(dir, 'allocate-100x1000.json');
  writeFileSync(alloc, JSON.stringify({ tenants, nodes, utilities }));
  row('allot allocate --mechanism m-dice, 100 tenants × 1,000 nodes (per node)', [...allot, 'allocate', '--mechanism', 'm-dice', '--input', alloc], repeats);
  const typedTenants = Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}`, tokens: 1 + rng.int(10) }));
  const nodeTypes = Array.from({ length: 8 }, (_, k) => ({ type: `g${k}`, count: 1250 }));
  const typed = join(dir, 'allocate-1000x10000-8-types.json');
  writeFileSync(typed, JSON.stringify({ tenants: typedTenants, nodeTypes, utilities: Object.fromEntries(typedTenants.map((t) => [t.id, Object.fromEntries(nodeTypes.map((n) => [n.type, 1 + rng.int(100)]))])) }));
  row('allot allocate --mechanism m-dice --compact, 1,000 tenants × 10,000 nodes of 8 types (per type)', [...allot, 'allocate', '--mechanism', 'm-dice', '--input', typed, '--compact'], repeats);

  // AlloX α = 0.1 on 10 users × 100 jobs, 20 GPUs + 20 CPU nodes (issue 11: ≤ 2.8 s CPU, 50× IRFsim's 141 s). IRFsim's
  // Google trace when $ALLOT_DATA_DIR has it (not bundled: IRFsim has no licence), dealt as IRFsim does, under the irfsim preset;
  // always the synthetic workload of the same size.
  const synthetic = join(dir, 'allox-synthetic-10x100.yaml');
  writeFileSync(synthetic, 'kind: training\nworkload: {type: allox-synthetic, users: 10, jobsPerUser: 100}\ncluster: allox\npolicies: [allox]\n');
  row('allot run --policies allox, allox-synthetic 10 users × 100 jobs, 20 GPUs + 20 CPU nodes (aim ≤ 2.8 s)', [...allot, 'run', '--scenario', synthetic, '--quiet'], repeats);
  const irfsim = dataFile('irfsim/job_google_m1.txt');
  if (!irfsim) console.log('irfsim/job_google_m1.txt not found: skipping the AlloX row on IRFsim\'s trace');
  else {
    const scenario = join(dir, 'allox-irfsim-10x100.yaml');
    writeFileSync(scenario, `kind: training\ntrace: ${JSON.stringify(irfsim)}\nworkload: {type: irfsim-trace, users: 10, jobsPerUser: 100}\nestimateErrorStd: 0.1\ncluster: allox\npolicies: [allox]\nhybrid: {preset: irfsim}\n`);
    row('allot run --policies allox, IRFsim job_google_m1 10 users × 100 jobs, irfsim preset (aim ≤ 2.8 s; IRFsim 141 s)', [...allot, 'run', '--scenario', scenario, '--quiet'], repeats);
  }
  const throughputs = dataFile('gavel/simulation_throughputs.json');
  const gavelTraces = dataFile('gavel/msr-seed0');
  if (!throughputs || !gavelTraces) console.log('gavel/msr-seed0 or gavel/simulation_throughputs.json not found: skipping the Gavel row');
  else {
    // The Gavel comparison: jobs of the first 168 h, each capped at 12 h on a V100, 36 K80 + 36 P100 + 36 V100, 360 s rounds.
    const scenario = join(dir, 'gavel-week.yaml');
    writeFileSync(scenario, `kind: training\ntrace: ${gavelTraces}\nthroughputs: ${throughputs}\nworkload: {type: gavel-trace, arrivalsBeforeHours: 168, maxWorkHours: 12}\ncluster: gavel\nroundLengthSeconds: 360\npolicies: [gavel-maxmin]\n`);
    row('allot run, Gavel msr-seed0 first week (196 jobs, ≤ 12 h on V100), gavel-maxmin (Gavel: 5.72 s; aim ≤ 0.57 s)', [...allot, 'run', '--scenario', scenario, '--quiet'], repeats);
  }

  const philly = dataFile('philly/philly.csv');
  if (!philly) console.log('philly/philly.csv not found: skipping the full-Philly rows');
  else {
    const policies = ['srtf', 'fifo', 'las', 'ftf', 'fifo+tune'];
    let sum = 0;
    for (const p of policies) sum += row(`allot run --trace philly.csv (82,247 jobs) --policies ${p}`, [...allot, 'run', '--trace', philly, '--policies', p, '--quiet'], repeats).cpu;
    const all = row('allot run --trace philly.csv, all five policies (pool, auto)', [...allot, 'run', '--trace', philly, '--policies', policies.join(','), '--quiet'], repeats);
    report('  all five: wall / sum of single-policy CPU (aim ≤ 0.6)', all.wall / sum, '×');
    report('  all five: CPU / sum of single-policy CPU (aim ≤ 1.1)', all.cpu / sum, '×');
    row('allot run --trace philly.csv, all five, --workers 1', [...allot, 'run', '--trace', philly, '--policies', policies.join(','), '--workers', '1', '--quiet'], repeats);
    // 10× Philly: the CSV repeated 10 times with shifted arrivals and new ids, written to the temporary directory
    const big = join(dir, 'philly-10x.csv');
    const jobs = await writeRepeatedPhilly(philly, big, 10);
    row(`allot run --trace philly ×10 (${jobs.toLocaleString('en')} jobs) --policies fifo (aim ≤ 30 s, ≤ 1 GB)`, [...allot, 'run', '--trace', big, '--policies', 'fifo', '--quiet'], repeats);
  }
  console.log(`machine load average after the rows ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min)`);
  rmSync(dir, { recursive: true, force: true });
}
