/**
 * Gavel's `fifo` policy (Narayanan et al., OSDI'20; stanford-futuredata/gavel
 * @c4fa400, `scheduler/policies/fifo.py`, `FIFOPolicy(mode='base')`, selected
 * by `-p fifo` in `scripts/drivers/simulate_scheduler_with_trace.py`), run
 * through Gavel's round mechanism (`gavel-lp.ts`): the allocation gives each
 * job X = 1 on one accelerator type and 0 elsewhere, recomputed whenever the
 * set of runnable jobs changes; the mechanism then runs the jobs of each type
 * by priority X / share received. As in Gavel's simulator, X is recomputed at
 * most every `allocationResetSeconds` (its `minimum_time_between_allocation_resets`,
 * 1,920 s): a job arriving in between waits for the next recomputation.
 *
 * The allocation rule, as `FIFOPolicy.get_allocation` does it (types in name
 * order, as Gavel sorts them; jobs in arrival order = Gavel's job ids):
 * 1. Sticky: a job keeps the type it was given until it finishes.
 * 2. Walking the previously allocated jobs by id, a finished job's type goes
 *    to the head of the queue (the oldest unallocated job) if its GPU demand
 *    ≤ that type's free GPUs counted so far and it can run there; other jobs'
 *    GPUs are subtracted from their type.
 * 3. The types with free GPUs > 0 form the free list. While jobs wait and the
 *    list is not empty, the head job is popped; the listed types with ≥ its
 *    GPUs free are its candidates (none: stop); one candidate index is drawn
 *    uniformly (Gavel: `random.Random(seed).randrange`; Allot: the run's
 *    seeded stream `gavel-fifo`).
 *    - `workerType: "original"` (default, Gavel's code): the job is put on the
 *      *last type of the free list* — the loop variable `worker_type` leaks
 *      from the candidate loop and the draw never replaces it — even when that
 *      type has fewer free GPUs than the job needs; the free count is reduced
 *      (it may go negative, over-subscribing the type: the mechanism then
 *      time-shares it), and when it reaches exactly 0 the *drawn* candidate
 *      leaves the free list. On a K80/P100/V100 cluster nearly every job goes
 *      to the V100s.
 *    - `workerType: "random"`: the job is put on the drawn candidate (the rule
 *      the code's comments and the paper describe), which leaves the free list
 *      when it is full.
 *    A job that cannot run on the chosen type is dropped from this call (it
 *    waits for the next).
 * Invariants: X[m] has at most one 1; a job's type never changes while it is
 * runnable. Errors: none beyond those of the mechanism.
 */
import { Rng } from '../sim/rng.js';
import { gavelPolicy, type GavelPolicyState, type GavelProblem } from './gavel-lp.js';
import type { JobPolicy, JobState, RoundContext } from './types.js';

/** How the allocated type is picked (see the module comment). */
export const GAVEL_FIFO_WORKER_TYPE_RULES = ['original', 'random'] as const;
export type GavelFifoWorkerTypeRule = (typeof GAVEL_FIFO_WORKER_TYPE_RULES)[number];

/**
 * One call of Gavel's `FIFOPolicy.get_allocation` (base mode). `assigned` maps
 * a job index to its type index (Gavel's `self._allocation`) and is updated in
 * place; `typeNames[k]` names type k (ordered by name as Gavel does).
 * Returns X[m][k] for the rows of `p` (row m is job `jobIds[m]`).
 */
export function fifoAllocation(p: GavelProblem, jobIds: readonly number[], typeNames: readonly string[], assigned: Map<number, number>, rng: Pick<Rng, 'int'>, rule: GavelFifoWorkerTypeRule = 'original'): number[][] {
  const row = new Map(jobIds.map((id, m) => [id, m]));
  const available = [...p.capacity];
  const queue = [...jobIds].filter((id) => !assigned.has(id)).sort((a, b) => a - b);
  for (const id of [...assigned.keys()].sort((a, b) => a - b)) {
    const k = assigned.get(id)!;
    if (row.has(id)) {
      available[k] -= p.gpus[row.get(id)!];
      continue;
    }
    // A finished job: the queue's head takes its type if it fits the GPUs counted free so far.
    if (queue.length) {
      const m = row.get(queue[0])!;
      if (p.gpus[m] <= available[k] && p.throughput[m][k] > 0) {
        assigned.set(queue.shift()!, k);
        available[k] -= p.gpus[m];
      }
    }
    assigned.delete(id);
  }
  const byName = typeNames.map((_, k) => k).sort((a, b) => (typeNames[a] < typeNames[b] ? -1 : typeNames[a] > typeNames[b] ? 1 : 0));
  const free = byName.filter((k) => available[k] > 0);
  while (queue.length && free.length) {
    const m = row.get(queue.shift()!)!;
    const candidates: number[] = [];
    for (let i = 0; i < free.length; i++) if (available[free[i]] >= p.gpus[m]) candidates.push(i);
    if (!candidates.length) break;
    const drawn = candidates[rng.int(candidates.length)];
    const k = rule === 'original' ? free[free.length - 1] : free[drawn];
    if (p.throughput[m][k] > 0) {
      assigned.set(jobIds[m], k);
      available[k] -= p.gpus[m];
      if (available[k] === 0) free.splice(drawn, 1);
    }
  }
  const x = p.throughput.map((r) => r.map(() => 0));
  jobIds.forEach((id, m) => {
    const k = assigned.get(id);
    if (k !== undefined) x[m][k] = 1;
  });
  return x;
}

/**
 * Gavel's `fifo` on Gavel's round mechanism; `seed` seeds its own stream (`gavel-fifo`) of the run's PRNG;
 * `allocationResetSeconds` as in `GavelMechanismOptions` (Gavel's simulator: 1,920).
 */
export function gavelFifoPolicy(seed: number, rule: GavelFifoWorkerTypeRule = 'original', allocationResetSeconds = 1920): JobPolicy {
  let rng = Rng.stream(seed, 'gavel-fifo');
  let assigned = new Map<number, number>();
  const name = 'gavel-fifo';
  const state: GavelPolicyState = {
    snapshot: () => ({ assigned: [...assigned], rng: rng.snapshot() }),
    restore(saved) {
      const st = saved as { assigned?: unknown; rng?: unknown } | null;
      const ok = st && Array.isArray(st.assigned) && st.assigned.every((e) => Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && Number.isInteger(e[1]));
      if (!ok) throw new RangeError(`${name}: expected a state {assigned: [[job index, type index], …], rng}`);
      assigned = new Map(st.assigned as [number, number][]);
      rng = Rng.restore(st.rng as Parameters<typeof Rng.restore>[0]);
    },
  };
  const solve = (p: GavelProblem, states: readonly JobState[], ctx: RoundContext) => fifoAllocation(p, states.map((s) => s.job.index), ctx.pool.types, assigned, rng, rule);
  return gavelPolicy(name, solve, { state, allocationResetSeconds });
}
