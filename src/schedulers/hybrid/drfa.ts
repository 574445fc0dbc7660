/**
 * DRFA, DRF extended to interchangeable resources (AlloX spec §5.4): one GPU
 * counts as β cores, β = mean over the workload's jobs of c_j·p̂^c_j/(g_j·p̂^g_j)
 * (canonical); share = max((cpu + β·gpu)/(C + β·G), mem/M). The lowest-share
 * user tries a free GPU with its shortest-on-GPU job, otherwise a free CPU
 * node with its shortest-on-CPU job; a user with neither is passed over.
 *
 * Two IRFsim behaviours (`DRFExtScheduler.onlineDRFShare`, read at
 * lenhattan86/IRFsim@2963b9a), each an option:
 * - `cpuFallback: "irfsim"`: when the shortest-on-GPU job finds no GPU, the
 *   shortest-on-CPU job is started on a CPU node but for the *shortest-on-GPU
 *   job's* true CPU time, and that job's CPU demand (cores, memory) is what
 *   counts in the user's share — the code re-fetches the job and keeps the
 *   first job's demand.
 * - `loop: "irfsim"`: a user's queue holds its queued sample tasks too, and
 *   the pick sorts that whole queue (stably) by time on GPU, then, when no GPU
 *   is free, by time on CPU — so it reorders the samples IRFsim's profiling
 *   loop takes next (`sampleLoop: irfsim`). A user with samples but no
 *   schedulable job is picked (its samples sorted) and passed over; the loop
 *   picks on while anything fits and ends at the first user whose job fits
 *   neither a GPU nor a CPU node (that user's queue sorted both ways), even
 *   when no slot was free to begin with.
 */
import type { HybridJob } from './cluster.js';
import { dominantUsage, freeMachineFor } from './drf-online.js';
import type { HybridPolicy, HybridView } from './engine.js';

/** β of DRFA: mean of c_j·p̂^c_j/(g_j·p̂^g_j) over `jobs` (1 for none). */
export function drfaBeta(jobs: readonly HybridJob[]): number {
  if (jobs.length === 0) return 1;
  let s = 0;
  for (const j of jobs) s += (j.cpu.cores * j.estCpuTime) / (j.gpu.gpus * j.estGpuTime);
  return s / jobs.length;
}

/** Options of `drfaPolicy` (see the module header). */
export interface DrfaOptions {
  cpuFallback?: 'own' | 'irfsim';
  loop?: 'own' | 'irfsim';
}

const byGpu = (a: HybridJob, b: HybridJob): number => a.estGpuTime - b.estGpuTime || a.index - b.index;
const byCpu = (a: HybridJob, b: HybridJob): number => a.estCpuTime - b.estCpuTime || a.index - b.index;

/** The lowest-share user among those `eligible`, ties by user order; undefined if none. */
function lowestShare(v: HybridView, beta: number, eligible: (u: string) => boolean): string | undefined {
  let best: string | undefined;
  let bestShare = Infinity;
  for (const u of v.users) {
    if (!eligible(u)) continue;
    const d = dominantUsage(v, u, beta);
    if (d < bestShare) {
      bestShare = d;
      best = u;
    }
  }
  return best;
}

/**
 * DRFA with a fixed β (`drfaBeta`); `cpuFallback` and `loop` choose IRFsim's
 * behaviours (module header). Starts jobs only through the view.
 */
export function drfaPolicy(beta: number, options: DrfaOptions = {}): HybridPolicy {
  const irfsimFallback = options.cpuFallback === 'irfsim';
  /** Tries `user`'s shortest-on-GPU job on a GPU, else its shortest-on-CPU job on a CPU node; false if neither fits a free slot. */
  const place = (v: HybridView, user: string, free: Set<number>, beforeCpu?: () => void): boolean => {
    const jobs = v.queued().get(user)!;
    const g = [...jobs].sort(byGpu)[0];
    let m = freeMachineFor(v, g, 'gpu', free);
    let job = g;
    let as: HybridJob | undefined;
    if (m < 0) {
      beforeCpu?.();
      job = [...jobs].sort(byCpu)[0];
      if (irfsimFallback && job !== g) as = g;
      m = freeMachineFor(v, as ?? job, 'cpu', free);
    }
    if (m < 0) return false;
    v.start(job, m, as);
    free.delete(m);
    return true;
  };
  return {
    name: 'drfa',
    quirks: { legacyCpuFlag: true },
    schedule(v) {
      const free = new Set(v.free());
      if (options.loop === 'irfsim') {
        const passed = new Set<string>();
        for (;;) {
          const q = v.queued();
          const u = lowestShare(v, beta, (x) => !passed.has(x) && ((q.get(x)?.length ?? 0) > 0 || v.queuedSamples(x).length > 0));
          if (u === undefined) return;
          v.sortSamples(u, 'gpu');
          if (!q.get(u)?.length) passed.add(u);
          else if (!place(v, u, free, () => v.sortSamples(u, 'cpu'))) return;
        }
      }
      const blocked = new Set<string>();
      while (free.size > 0) {
        const q = v.queued();
        const u = lowestShare(v, beta, (x) => !blocked.has(x) && (q.get(x)?.length ?? 0) > 0);
        if (u === undefined) return;
        if (!place(v, u, free)) blocked.add(u);
      }
    },
  };
}
