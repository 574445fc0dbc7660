/**
 * AlloX (Le, Sun, Chowdhury & Liu, "AlloX: Compute Allocation in Hybrid
 * Clusters", EuroSys'20 §3; AlloX spec §2–3).
 *
 * Offline core (§3.1): R||ΣC_j as a min-cost bipartite matching between jobs
 * and (machine i, position-from-last k) slots with cost k·p_ji (Horn 1973;
 * Bruno, Coffman & Sethi 1974) — `matchOffline`, optimal for total completion
 * time. Online (§3.2–3.3), at each scheduling instant: users with queued jobs
 * sorted by progress L (ties: first queued arrival, then user id); the first
 * ⌈α'·|A|⌉ users' queued jobs W (if |W| > N_max, alternately the next-shortest
 * by p̂^g and by p̂^c); cost of slot (k, i) for job j = ω_i + k·p̂_ji with ω_i =
 * now for idle machines and the running task's finish time for busy ones;
 * solve the rectangular assignment (Jonker–Volgenant as `linear-sum-assignment`
 * runs it, specialised to these costs in `position-assignment.ts`); scan free machines in descending id and start the
 * head (largest k) of the first non-empty plan; one start per matching. If no
 * free machine got a job, α' doubles (up to 1) when `alphaDoubling` is on.
 * Options: α (default 0.1), N_max (default 50; Infinity = "AlloXopt"),
 * `launchesPerMatching: "allFree"` (a performance option, not the original),
 * `omegaBusy: "plannedQueue"` (the IRFsim quirk).
 */
import { fitsMachine, type HybridCluster, type HybridJob } from './cluster.js';
import type { HybridPolicy, HybridView } from './engine.js';
import { assignPositions } from './position-assignment.js';

export interface AlloxOptions {
  alpha?: number;
  nMax?: number;
  alphaDoubling?: boolean;
  /** `"one"` (paper): one start per matching; `"allFree"` (performance option, not the original): start the head of every free machine's plan. */
  launchesPerMatching?: 'one' | 'allFree';
  /**
   * `"runningJob"` (paper): ω of a busy machine = its running task's finish;
   * `"plannedQueue"` (IRFsim's `compute_fs`): every machine keeps a planned
   * ready time — now while it runs no job; each matching adds to a free
   * machine's the p̂ of every job it plans there; a machine running a job
   * keeps (at least now) the value it had when that job was started, i.e.
   * its start time + Σ p̂ of the whole plan it was then given.
   */
  omegaBusy?: 'runningJob' | 'plannedQueue';
  /**
   * Which users a matching draws from. `"ours"`: users with queued jobs now,
   * by L, ties by first queued arrival then id. `"irfsim"` (`computeResShare`):
   * the users that had queued jobs when the instant began — kept for the
   * whole instant, also once their queue is empty — stably re-sorted by L
   * before each matching (ties keep the users' order); ⌈α·|that list|⌉ of
   * them are taken.
   */
  userOrder?: 'ours' | 'irfsim';
}

/**
 * Solves the (machine, position) assignment for `jobs` on machines `machines`
 * with per-machine ready times ω (s). Returns, per machine, the jobs in run
 * order (descending k). `time(j, i)` is the processing time of job j on machine i,
 * or Infinity if it does not fit.
 */
export function matchPositions(jobs: readonly HybridJob[], machines: readonly number[], omega: readonly number[], time: (j: HybridJob, machine: number) => number): Map<number, HybridJob[]> {
  const n = jobs.length, M = machines.length;
  const p = new Float64Array(n * M);
  for (let j = 0; j < n; j++) for (let mi = 0; mi < M; mi++) p[j * M + mi] = time(jobs[j], machines[mi]);
  return planFromTimes(jobs, machines, omega, p);
}

/** `matchPositions` with the times given as an n × M row-major matrix `p` (p[j·M + mi], s; Infinity = does not fit). */
function planFromTimes(jobs: readonly HybridJob[], machines: readonly number[], omega: readonly number[], p: Float64Array): Map<number, HybridJob[]> {
  const n = jobs.length, M = machines.length;
  if (n === 0 || M === 0) return new Map();
  const slots = assignPositions(p, omega, n, M);
  const plan = new Map<number, { k: number; job: HybridJob }[]>();
  for (let j = 0; j < n; j++) {
    const r = slots[j];
    if (r < 0) continue;
    const mi = (r / n) | 0, k = r - mi * n + 1;
    const m = machines[mi];
    let l = plan.get(m);
    if (!l) plan.set(m, (l = []));
    l.push({ k, job: jobs[j] });
  }
  const out = new Map<number, HybridJob[]>();
  for (const [m, l] of plan) out.set(m, l.sort((a, b) => b.k - a.k).map((x) => x.job));
  return out;
}

/** Reported times of `jobs` on every machine of `c` (n × M, row-major; Infinity where a job does not fit): GPU slots share one value, CPU nodes another. */
function estimatedTimes(c: HybridCluster, jobs: readonly HybridJob[]): Float64Array {
  const M = c.gpus + c.cpuNodes;
  const p = new Float64Array(jobs.length * M);
  for (let j = 0; j < jobs.length; j++) {
    const job = jobs[j];
    if (c.gpus > 0) p.fill(fitsMachine(c, job, 0) ? job.estGpuTime : Infinity, j * M, j * M + c.gpus);
    if (c.cpuNodes > 0) p.fill(fitsMachine(c, job, c.gpus) ? job.estCpuTime : Infinity, j * M + c.gpus, (j + 1) * M);
  }
  return p;
}

/** Offline AlloX (§3.1): all jobs at time 0, machines idle, true times. Returns per-machine sequences and the total completion time. */
export function matchOffline(jobs: readonly HybridJob[], cluster: HybridCluster): { plan: Map<number, HybridJob[]>; totalCompletion: number } {
  const machines = Array.from({ length: cluster.gpus + cluster.cpuNodes }, (_, i) => i);
  const time = (j: HybridJob, m: number): number => (fitsMachine(cluster, j, m) ? (m < cluster.gpus ? j.gpu.time : j.cpu.time) : Infinity);
  const plan = matchPositions(jobs, machines, machines.map(() => 0), time);
  let total = 0;
  for (const [m, seq] of plan) {
    let t = 0;
    for (const j of seq) {
      t += time(j, m);
      total += t;
    }
  }
  return { plan, totalCompletion: total };
}

/** The N_max subset of §3 step 3: alternately the next-shortest by p̂^g and by p̂^c, skipping duplicates. */
export function nMaxSubset(w: readonly HybridJob[], nMax: number): HybridJob[] {
  if (w.length <= nMax) return [...w];
  const byG = [...w].sort((a, b) => a.estGpuTime - b.estGpuTime || a.index - b.index);
  const byC = [...w].sort((a, b) => a.estCpuTime - b.estCpuTime || a.index - b.index);
  const chosen = new Set<HybridJob>();
  let ig = 0, ic = 0, turn = 0;
  while (chosen.size < nMax) {
    if (turn === 0) {
      while (ig < byG.length && chosen.has(byG[ig])) ig++;
      if (ig < byG.length) chosen.add(byG[ig++]);
    } else {
      while (ic < byC.length && chosen.has(byC[ic])) ic++;
      if (ic < byC.length) chosen.add(byC[ic++]);
    }
    turn ^= 1;
  }
  return [...chosen];
}

export function alloxPolicy(options: AlloxOptions = {}): HybridPolicy {
  const alpha = options.alpha ?? 0.1;
  const nMax = options.nMax ?? 50;
  const doubling = options.alphaDoubling ?? true;
  const allFree = options.launchesPerMatching === 'allFree';
  const planned = options.omegaBusy === 'plannedQueue';
  const irfsimUsers = options.userOrder === 'irfsim';
  /** Per machine: ω from the last plan (plannedQueue quirk). */
  const plannedOmega = new Map<number, number>();
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`AlloX α must be in (0, 1], got ${alpha}`);
  return {
    name: 'allox',
    schedule(v: HybridView) {
      const c = v.cluster;
      const M = c.gpus + c.cpuNodes;
      const machines = Array.from({ length: M }, (_, i) => i);
      let free = new Set(v.free());
      let a = alpha;
      const est = (j: HybridJob, m: number): number => (fitsMachine(c, j, m) ? (m < c.gpus ? j.estGpuTime : j.estCpuTime) : Infinity);
      const instantUsers = v.users.filter((u) => (v.queued().get(u)?.length ?? 0) > 0);
      while (free.size > 0) {
        const q = v.queued();
        let users: string[];
        if (irfsimUsers) {
          users = instantUsers;
          users.sort((x, y) => v.progress(x) - v.progress(y));
          if (users.length === 0) return;
        } else {
          users = [...q.keys()].filter((u) => q.get(u)!.length > 0);
          if (users.length === 0) return;
          users.sort((x, y) => v.progress(x) - v.progress(y) || v.firstQueuedArrival(x) - v.firstQueuedArrival(y) || (x < y ? -1 : x > y ? 1 : 0));
        }
        const chosenUsers = users.slice(0, Math.ceil(a * users.length - 1e-12));
        const w = nMaxSubset(chosenUsers.flatMap((u) => q.get(u) ?? []), nMax);
        const omega = machines.map((m) => (planned ? (v.running(m)?.job ? Math.max(v.now, plannedOmega.get(m) ?? v.now) : v.now) : free.has(m) ? v.now : Math.max(v.now, v.running(m)?.end ?? v.now)));
        const plan = planFromTimes(w, machines, omega, estimatedTimes(c, w));
        if (planned) for (const m of free) plannedOmega.set(m, omega[m] + (plan.get(m) ?? []).reduce((a, j) => a + est(j, m), 0));
        let started = false;
        const freeDesc = [...free].sort((x, y) => y - x);
        for (const m of freeDesc) {
          const p = plan.get(m);
          if (p && p.length) {
            v.start(p[0], m);
            free.delete(m);
            started = true;
            if (!allFree) break;
          }
        }
        if (!started) {
          if (doubling && a < 1) {
            a = Math.min(1, 2 * a);
            continue;
          }
          return;
        }
        free = new Set([...free].filter((m) => v.running(m) === undefined));
      }
    },
    snapshot: () => ({ plannedOmega: [...plannedOmega] }),
    restore(state) {
      const entries = (state as { plannedOmega?: unknown } | null)?.plannedOmega;
      if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && e.length === 2 && e.every((x) => typeof x === 'number'))) throw new RangeError('expected an AlloX state {plannedOmega: [[machine, time], …]}');
      plannedOmega.clear();
      for (const [m, t] of entries as [number, number][]) plannedOmega.set(m, t);
    },
  };
}
