/**
 * Synergy allocation mode "opt" (Synergy-Opt, the upper bound; Mohan et al.,
 * OSDI'22; Synergy spec §3.4, from msr-fiddle/synergy `opt_algo/synergy_opt.py`),
 * run per round over the GPU-preselected jobs, with HiGHS (WebAssembly):
 * 1. ILP: binary y_j[c][k] over the profile grid, Σ y_j = 1; maximise
 *    Σ_j T_j·y_j subject to Σ_j g_j Σ c·y_j ≤ cluster cores, Σ_j g_j Σ k·y_j ≤
 *    cluster GB, and Σ T_j·y_j ≥ T_j[fair] for every j. Options dominated on the
 *    job's own profile (more cores or GB for no more throughput) and options
 *    that exceed one server for a job that fits one server are dropped first
 *    (same optimum, fewer variables). Jobs larger than a server, or without a
 *    model, get the fair share.
 * 2. Placement, canonical ILP: binary x_{s,j} (job j entirely on server s) for
 *    jobs that fit one server, maximise the GPUs placed subject to every
 *    server's GPU, core and GB capacity; jobs left out — and jobs larger than
 *    a server — are placed by the shared placement rule, at their chosen
 *    demand if it fits, else at fair share (spec: "falling back to fair share").
 *    The original's fractional LP placement is not offered.
 * Progress uses the chosen cell's throughput T_j[c][k].
 * HiGHS is loaded once per process (src/solvers/highs.ts); the registry
 * passes it in (`needs: ['lp-solver']`, src/schedulers/catalog.ts).
 */
import { loadLpSolver, type LpSolver } from '../solvers/highs.js';
import { typeSpeed } from '../model/training.js';
import { CORE_LEVELS, MEMORY_LEVELS, synergyProfile } from '../workload/training/synergy-profiles.js';
import { bestCase, fairShare, placeOn, usableTypes } from './lease.js';
import type { AllocationMode, JobState, RoundContext } from './types.js';

type Highs = LpSolver;

/** The HiGHS WebAssembly module, loaded once per process (shared with every level: src/solvers/highs.ts). */
export function loadHighs(): Promise<Highs> {
  return loadLpSolver();
}

interface Option {
  c: number;
  k: number;
  t: number;
}

/** Pareto-optimal (cores, GB, throughput) options of a job that fit one server (per GPU), always including the fair share. */
export function jobOptions(s: JobState, ctx: RoundContext, type: number): Option[] {
  const f = fairShare(ctx.pool, type);
  const server = ctx.pool.typeServer[type];
  const g = s.job.gpus;
  if (!s.job.model || g > ctx.pool.maxGpusPerServer[type]) return [{ c: f.cores, k: f.memoryGb, t: 1 }];
  const p = synergyProfile(s.job.model);
  const all: Option[] = [];
  for (let ci = 0; ci < CORE_LEVELS.length; ci++) {
    for (let ki = 0; ki < MEMORY_LEVELS.length; ki++) {
      const c = CORE_LEVELS[ci], k = MEMORY_LEVELS[ki];
      if (c * g > server.cores + 1e-9 || k * g > server.memoryGb + 1e-9) continue;
      all.push({ c, k, t: p.throughput[ci][ki] });
    }
  }
  const fairT = 1;
  const keep = all.filter((o) => o.t >= fairT - 1e-9 && !all.some((q) => q !== o && q.c <= o.c && q.k <= o.k && q.t >= o.t && (q.c < o.c || q.k < o.k || q.t > o.t)));
  if (!keep.some((o) => Math.abs(o.c - f.cores) < 1e-9 && Math.abs(o.k - f.memoryGb) < 1e-9)) {
    // The fair share may sit between grid levels; it is always feasible with T = 1.
    if (!keep.some((o) => o.c <= f.cores + 1e-9 && o.k <= f.memoryGb + 1e-9)) keep.push({ c: f.cores, k: f.memoryGb, t: 1 });
  }
  return keep;
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
}

/** Stage 1: chooses one option per job. Returns the chosen option index per job. */
export function solveAllocationIlp(highs: Highs, options: Option[][], gpus: number[], totalCores: number, totalMem: number): number[] {
  const obj: string[] = [];
  const pick: string[] = [];
  const cores: string[] = [];
  const mem: string[] = [];
  const bins: string[] = [];
  for (let j = 0; j < options.length; j++) {
    const row: string[] = [];
    options[j].forEach((o, i) => {
      const v = `y_${j}_${i}`;
      bins.push(v);
      obj.push(`${num(o.t)} ${v}`);
      row.push(v);
      cores.push(`${num(gpus[j] * o.c)} ${v}`);
      mem.push(`${num(gpus[j] * o.k)} ${v}`);
    });
    pick.push(` p${j}: ${row.join(' + ')} = 1`);
  }
  const lp = [
    'Maximize', ` obj: ${obj.join(' + ')}`, 'Subject To', ...pick,
    ` cores: ${cores.join(' + ')} <= ${num(totalCores)}`, ` mem: ${mem.join(' + ')} <= ${num(totalMem)}`,
    'Binary', ` ${bins.join(' ')}`, 'End',
  ].join('\n');
  const sol = highs.solve(lp, { time_limit: 30, mip_rel_gap: 1e-6 });
  if (sol.Status !== 'Optimal' && sol.Status !== 'Time limit reached') {
    // Infeasible only if even the fair shares exceed the cluster, impossible for GPU-fitting jobs; fall back to fair.
    return options.map((o) => o.length - 1);
  }
  return options.map((o, j) => {
    let best = 0, bv = -1;
    o.forEach((_, i) => {
      const v = (sol.Columns[`y_${j}_${i}`] as { Primal: number } | undefined)?.Primal ?? 0;
      if (v > bv) {
        bv = v;
        best = i;
      }
    });
    return best;
  });
}

/** Stage 2: which server each single-server job goes to (−1 = not placed by the ILP). */
export function solvePlacementIlp(highs: Highs, ctx: RoundContext, type: number, demands: { g: number; c: number; k: number }[]): number[] {
  const servers = ctx.pool.servers.filter((s) => s.gpuType === ctx.pool.types[type]);
  const obj: string[] = [];
  const once: string[] = [];
  const gpuRows = new Map<number, string[]>(), coreRows = new Map<number, string[]>(), memRows = new Map<number, string[]>();
  const bins: string[] = [];
  demands.forEach((d, j) => {
    const row: string[] = [];
    for (const s of servers) {
      const id = s.id;
      if (d.g > ctx.pool.freeGpus[id] || d.g * d.c > ctx.pool.freeCores[id] + 1e-9 || d.g * d.k > ctx.pool.freeMem[id] + 1e-9) continue;
      const v = `x_${id}_${j}`;
      bins.push(v);
      row.push(v);
      obj.push(`${d.g} ${v}`);
      (gpuRows.get(id) ?? gpuRows.set(id, []).get(id)!).push(`${d.g} ${v}`);
      (coreRows.get(id) ?? coreRows.set(id, []).get(id)!).push(`${num(d.g * d.c)} ${v}`);
      (memRows.get(id) ?? memRows.set(id, []).get(id)!).push(`${num(d.g * d.k)} ${v}`);
    }
    if (row.length) once.push(` o${j}: ${row.join(' + ')} <= 1`);
  });
  if (bins.length === 0) return demands.map(() => -1);
  const caps: string[] = [];
  for (const [id, r] of gpuRows) caps.push(` g${id}: ${r.join(' + ')} <= ${ctx.pool.freeGpus[id]}`);
  for (const [id, r] of coreRows) caps.push(` c${id}: ${r.join(' + ')} <= ${num(ctx.pool.freeCores[id])}`);
  for (const [id, r] of memRows) caps.push(` m${id}: ${r.join(' + ')} <= ${num(ctx.pool.freeMem[id])}`);
  const lp = ['Maximize', ` obj: ${obj.join(' + ')}`, 'Subject To', ...once, ...caps, 'Binary', ` ${bins.join(' ')}`, 'End'].join('\n');
  const sol = highs.solve(lp, { time_limit: 30, mip_rel_gap: 1e-4 });
  const out = demands.map(() => -1);
  if (sol.Status !== 'Optimal' && sol.Status !== 'Time limit reached') return out;
  for (const [name, col] of Object.entries(sol.Columns)) {
    if (!name.startsWith('x_') || (col as { Primal: number }).Primal < 0.5) continue;
    const [, sid, j] = name.split('_');
    out[Number(j)] = Number(sid);
  }
  return out;
}

export function synergyOptMode(highs: Highs): AllocationMode {
  return {
    name: 'opt',
    expectedSpeed: (s, ctx) => bestCase(s, ctx.pool, usableTypes(s, ctx.pool)[0] ?? 0).speed,
    allocate(s, ctx) {
      this.allocateBatch!([s], ctx);
      return s.lease.length > 0;
    },
    allocateBatch(selected: JobState[], ctx: RoundContext) {
      // One accelerator type at a time (Synergy's cluster is homogeneous): each job on its first usable type.
      const byType = new Map<number, JobState[]>();
      for (const s of selected) {
        const t = usableTypes(s, ctx.pool)[0];
        if (t === undefined) continue;
        (byType.get(t) ?? byType.set(t, []).get(t)!).push(s);
      }
      for (const [type, jobs] of byType) {
        const opts = jobs.map((s) => jobOptions(s, ctx, type));
        let totalCores = 0, totalMem = 0;
        for (const sv of ctx.pool.servers) if (sv.gpuType === ctx.pool.types[type]) {
          totalCores += ctx.pool.freeCores[sv.id];
          totalMem += ctx.pool.freeMem[sv.id];
        }
        const choice = solveAllocationIlp(highs, opts, jobs.map((s) => s.job.gpus), totalCores, totalMem);
        const f = fairShare(ctx.pool, type);
        const big = jobs.map((s) => s.job.gpus > ctx.pool.maxGpusPerServer[type]);
        // Multi-server jobs first by the shared rule at fair share.
        jobs.forEach((s, j) => {
          if (big[j]) placeOn(s, ctx, type, f.cores, f.memoryGb, 1);
        });
        const singles = jobs.map((_, j) => j).filter((j) => !big[j]);
        const demands = singles.map((j) => ({ g: jobs[j].job.gpus, c: opts[j][choice[j]].c, k: opts[j][choice[j]].k }));
        const where = solvePlacementIlp(highs, ctx, type, demands);
        singles.forEach((j, i) => {
          const s = jobs[j];
          const o = opts[j][choice[j]];
          if (where[i] >= 0) {
            const sh = { server: where[i], gpus: s.job.gpus, cores: s.job.gpus * o.c, memoryGb: s.job.gpus * o.k };
            ctx.pool.take(sh);
            ctx.onServer[sh.server].push(s);
            s.lease = [sh];
            s.leaseType = type;
            s.coresPerGpu = o.c;
            s.memPerGpu = o.k;
            s.speedFactor = o.t;
            s.speed = typeSpeed(s.job, ctx.pool.types[type]) * o.t;
            const u = ctx.tenantUsage.get(s.job.tenant) ?? ctx.tenantUsage.set(s.job.tenant, { gpus: 0, cores: 0, memoryGb: 0 }).get(s.job.tenant)!;
            u.gpus += sh.gpus;
            u.cores += sh.cores;
            u.memoryGb += sh.memoryGb;
          }
        });
        singles.forEach((j, i) => {
          if (where[i] >= 0) return;
          const s = jobs[j];
          const o = opts[j][choice[j]];
          if (!placeOn(s, ctx, type, o.c, o.k, o.t)) {
            if (placeOn(s, ctx, type, f.cores, f.memoryGb, 1)) s.degraded = o.t > 1;
          }
        });
      }
    },
  };
}
