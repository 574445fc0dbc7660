/**
 * Herald-like placement (after Kwon et al., "Heterogeneous Dataflow
 * Accelerators for Multi-DNN Workloads", HPCA'21 — labelled "-like": not
 * Herald's exact design-time scheduler), as in shared/specs/realtime-drl.md §5:
 * jobs in FCFS order; each job's next layer goes to the sub-accelerator with
 * the earliest finish max(free_s, now) + c_{m,i,s}, which balances load
 * across dataflows.
 * Ours (online, non-preemptive): if that sub-accelerator is busy, the job
 * waits for it (it is not placed elsewhere), and its layer is counted in a
 * virtual reservation free_s += c so later jobs in the same decision see the
 * queue; jobs placed on idle sub-accelerators are dispatched now.
 */
import type { Dispatch, RealtimeScheduler } from './engine.js';
import { orderByKey } from './priority-dispatch.js';

export function herald(): RealtimeScheduler {
  return {
    name: 'herald',
    reset() {},
    decide(view) {
      const free = [...view.busyUntil];
      const idle = new Set(view.idle);
      const out: Dispatch[] = [];
      for (const job of orderByKey(view.waiting, (j) => j.request.arrivalS)) {
        if (idle.size === 0) break;
        const row = job.profile.latencyS[job.nextLayer];
        let best = 0;
        for (let s = 1; s < row.length; s++) if (Math.max(free[s], view.now) + row[s] < Math.max(free[best], view.now) + row[best]) best = s;
        free[best] = Math.max(free[best], view.now) + row[best];
        if (idle.has(best)) {
          idle.delete(best);
          out.push({ job: job.id, sub: best });
        }
      }
      return out;
    },
  };
}
