/**
 * ES, static equal share (AlloX spec §5.3): each of the N users of the
 * workload owns 1/N of every capacity (cores, GPUs, GB) whether active or not
 * (not work-conserving).
 *
 * `paper` (default): inside its share a user fills GPUs with its
 * shortest-on-GPU jobs (by p̂^g), then CPUs with its shortest-on-CPU jobs.
 *
 * `irfsim` — ES as IRFsim runs it (`EqualShareScheduler.equallyAllocate` with
 * `QueueScheduler.allocateResToQueue`, read at lenhattan86/IRFsim@2963b9a):
 * - the user's queue holds its jobs *and* its unplaced sample tasks (a sample
 *   is a job of the queue: GPU demand 1 GPU + 12 GB, CPU demand a node's
 *   cores + 16 GB, reported time = its own time on that kind); the queue keeps
 *   its order between instants and is re-sorted stably each pass;
 * - usage counts running samples (run with the engine's `sampleUsage`);
 * - GPU pass: share (0 cores, G/N GPUs, M/N GB); queue sorted by reported GPU
 *   time; the head goes on a GPU if its GPU demand fits what is left of the
 *   share, else on a CPU node if its CPU demand does, else the pass stops
 *   (head-of-line), as it does when no slot of that kind is free;
 * - CPU pass: share (C/N cores, G/N GPUs, the GB left after the GPU pass);
 *   queue sorted by reported CPU time; the same rule — so a head whose GPU
 *   demand still fits the share tries a GPU first, and with no GPU free the
 *   pass stops. What is left is measured against the usage again, which
 *   counts the GPU pass's memory twice (IRFsim's leftover-memory rule).
 */
import { InputError } from '../../errors.js';
import { fitsMachine, hybridTotals, type Device, type HybridJob } from './cluster.js';
import { freeMachineFor } from './drf-online.js';
import { IRFSIM_CPU_SAMPLE_GB, IRFSIM_GPU_SAMPLE_GB, type HybridPolicy, type HybridView, type PendingSample } from './engine.js';

/** How ES runs: the paper's description, or IRFsim's code (see the module note). */
export type EsVariant = 'paper' | 'irfsim';

export const esPolicy: HybridPolicy = {
  name: 'es',
  quirks: { legacyCpuFlag: true },
  schedule(v) {
    const t = hybridTotals(v.cluster);
    const n = v.users.length;
    const free = new Set(v.free());
    for (const u of v.users) {
      const q = v.queued().get(u) ?? [];
      if (!q.length) continue;
      const use = v.usage(u);
      const byG = [...q].sort((a, b) => a.estGpuTime - b.estGpuTime || a.index - b.index);
      const started = new Set<HybridJob>();
      for (const j of byG) {
        if (use.gpus + j.gpu.gpus > t.gpus / n + 1e-9 || use.memoryGb + j.gpu.memoryGb > t.memoryGb / n + 1e-9) break;
        const m = freeMachineFor(v, j, 'gpu', free);
        if (m < 0 || !fitsMachine(v.cluster, j, m)) break;
        v.start(j, m);
        free.delete(m);
        started.add(j);
        use.gpus += j.gpu.gpus;
        use.memoryGb += j.gpu.memoryGb;
      }
      const byC = q.filter((j) => !started.has(j)).sort((a, b) => a.estCpuTime - b.estCpuTime || a.index - b.index);
      for (const j of byC) {
        if (use.cores + j.cpu.cores > t.cores / n + 1e-9 || use.memoryGb + j.cpu.memoryGb > t.memoryGb / n + 1e-9) break;
        const m = freeMachineFor(v, j, 'cpu', free);
        if (m < 0) break;
        v.start(j, m);
        free.delete(m);
        use.cores += j.cpu.cores;
        use.memoryGb += j.cpu.memoryGb;
      }
    }
  },
};

type Item = { job: HybridJob; sample?: undefined } | { job: HybridJob; sample: PendingSample };
type Vec = { cores: number; gpus: number; memoryGb: number };

/** ES as IRFsim runs it (see the module note); keeps each user's queue order between instants. */
export function esIrfsimPolicy(): HybridPolicy {
  const order = new Map<string, Item[]>();
  return {
    name: 'es',
    quirks: { legacyCpuFlag: true },
    schedule(v) {
      const t = hybridTotals(v.cluster);
      const n = v.users.length;
      const free = new Set(v.free());
      const full = { cores: t.cores / n, gpus: t.gpus / n, memoryGb: t.memoryGb / n };
      const none = { cores: 0, gpus: 0, memoryGb: 0 };
      for (const u of v.users) {
        const list = queueOf(v, u, order.get(u) ?? []);
        order.set(u, list);
        if (!list.length) continue;
        const stuck = list.find((x) => !fits(demand(v, x, 'gpu'), full, none) && !fits(demand(v, x, 'cpu'), full, none));
        if (stuck) throw new InputError(`es(variant=irfsim): job ${stuck.job.id} of user ${u} fits neither configuration inside a 1/${n} share (${full.gpus.toFixed(2)} GPUs, ${full.cores.toFixed(1)} cores, ${full.memoryGb.toFixed(0)} GB), so it would never start (IRFsim's ES waits forever); use fewer users or a larger cluster`, 'policies');
        const gpuShare = { cores: 0, gpus: t.gpus / n, memoryGb: t.memoryGb / n };
        list.sort((a, b) => reported(a, 'gpu') - reported(b, 'gpu'));
        const use = v.usage(u);
        pass(v, list, gpuShare, use, free);
        const cpuShare = { cores: t.cores / n, gpus: t.gpus / n, memoryGb: gpuShare.memoryGb - use.memoryGb };
        list.sort((a, b) => reported(a, 'cpu') - reported(b, 'cpu'));
        pass(v, list, cpuShare, v.usage(u), free);
      }
    },
  };
}

/** The user's IRFsim queue: last instant's order without what left it, then new samples, then new jobs. */
function queueOf(v: HybridView, user: string, previous: readonly Item[]): Item[] {
  const jobs = v.queued().get(user) ?? [];
  const samples = v.queuedSamples(user);
  const live = new Set<object>([...jobs, ...samples]);
  const out = previous.filter((x) => live.has(x.sample ?? x.job));
  const seen = new Set<object>(out.map((x) => x.sample ?? x.job));
  for (const s of samples) if (!seen.has(s)) out.push({ job: s.job, sample: s });
  for (const j of jobs) if (!seen.has(j)) out.push({ job: j });
  return out;
}

function reported(x: Item, kind: Device): number {
  if (x.sample) return kind === 'gpu' ? x.sample.gpuSeconds : x.sample.cpuSeconds;
  return kind === 'gpu' ? x.job.estGpuTime : x.job.estCpuTime;
}

function demand(v: HybridView, x: Item, kind: Device): Vec {
  if (x.sample) return kind === 'gpu' ? { cores: 0, gpus: 1, memoryGb: IRFSIM_GPU_SAMPLE_GB } : { cores: v.cluster.coresPerNode, gpus: 0, memoryGb: IRFSIM_CPU_SAMPLE_GB };
  return kind === 'gpu' ? { cores: 0, gpus: x.job.gpu.gpus, memoryGb: x.job.gpu.memoryGb } : { cores: x.job.cpu.cores, gpus: 0, memoryGb: x.job.cpu.memoryGb };
}

const fits = (d: Vec, share: Vec, use: Vec): boolean =>
  d.cores <= share.cores - use.cores + 1e-9 && d.gpus <= share.gpus - use.gpus + 1e-9 && d.memoryGb <= share.memoryGb - use.memoryGb + 1e-9;

/** One `allocateResToQueue` pass: place the head while it fits the share (GPU demand first) and a slot of that kind is free. */
function pass(v: HybridView, list: Item[], share: Vec, use: Vec, free: Set<number>): void {
  while (list.length) {
    const x = list[0];
    const kind: Device | undefined = fits(demand(v, x, 'gpu'), share, use) ? 'gpu' : fits(demand(v, x, 'cpu'), share, use) ? 'cpu' : undefined;
    if (!kind) return;
    const m = x.sample ? firstFree(v, kind, free) : freeMachineFor(v, x.job, kind, free);
    if (m < 0) return;
    if (x.sample) v.startSample(x.sample, m);
    else v.start(x.job, m);
    free.delete(m);
    list.shift();
    const d = demand(v, x, kind);
    use.cores += d.cores;
    use.gpus += d.gpus;
    use.memoryGb += d.memoryGb;
  }
}

function firstFree(v: HybridView, kind: Device, free: ReadonlySet<number>): number {
  const [lo, hi] = kind === 'gpu' ? [0, v.cluster.gpus] : [v.cluster.gpus, v.cluster.gpus + v.cluster.cpuNodes];
  for (let m = lo; m < hi; m++) if (free.has(m)) return m;
  return -1;
}
