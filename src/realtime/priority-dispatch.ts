/**
 * The shared dispatch loop of the heuristic request schedulers
 * (shared/specs/realtime-drl.md §5): sort the waiting jobs by a policy key
 * (ties: earlier arrival, then lower job id); for each job in order, while a
 * sub-accelerator is idle, place its next layer on the idle sub-accelerator
 * with minimum c_{m,i,s} (ties: lower s). Option `bandwidthGuard`: skip a
 * placement that would make Σb exceed B (the job then waits).
 */
import type { Dispatch, JobView, RealtimeScheduler, SchedulerView } from './engine.js';

export interface PriorityDispatchOptions {
  bandwidthGuard?: boolean;
}

/** Orders jobs by key ascending, ties by arrival then id. Returns a new array. */
export function orderByKey(jobs: readonly JobView[], key: (j: JobView) => number): JobView[] {
  const keyed = jobs.map((j) => ({ j, k: key(j) }));
  keyed.sort((a, b) => a.k - b.k || a.j.request.arrivalS - b.j.request.arrivalS || a.j.id - b.j.id);
  return keyed.map((x) => x.j);
}

/** Places jobs (already in priority order) on idle sub-accelerators, fastest idle one first. */
export function placeInOrder(view: SchedulerView, ordered: readonly JobView[], options: PriorityDispatchOptions = {}): Dispatch[] {
  const idle = [...view.idle];
  const out: Dispatch[] = [];
  let bw = view.bandwidthInUseGBps;
  for (const job of ordered) {
    if (idle.length === 0) break;
    const row = job.profile.latencyS[job.nextLayer];
    let best = -1;
    for (let k = 0; k < idle.length; k++) {
      const s = idle[k];
      if (options.bandwidthGuard && bw > 0 && bw + job.profile.bandwidthGBps[job.nextLayer][s] > view.system.bandwidthGBps) continue;
      if (best < 0 || row[s] < row[idle[best]]) best = k;
    }
    if (best < 0) continue;
    const s = idle[best];
    idle.splice(best, 1);
    bw += job.profile.bandwidthGBps[job.nextLayer][s];
    out.push({ job: job.id, sub: s });
  }
  return out;
}

/** A stateless key-ordered scheduler (FCFS, EDF, SJF, least slack). */
export function keyScheduler(name: string, key: (j: JobView, view: SchedulerView) => number, options: PriorityDispatchOptions = {}): RealtimeScheduler {
  return {
    name,
    reset() {},
    decide(view) {
      return placeInOrder(view, orderByKey(view.waiting, (j) => key(j, view)), options);
    },
  };
}
