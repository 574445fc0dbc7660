/**
 * PREMA-style token scheduler (Choi & Rhu, "PREMA: A Predictive Multi-task
 * Scheduling Algorithm For Preemptible Neural Processing Units", HPCA'20,
 * Algorithm 1; token scheme as in SamsungLabs/Sparse-Multi-DNN-Scheduling
 * `dysta_scheduler/scheduler.py`), as specified in shared/specs/realtime-drl.md §5:
 *  1. each request has a priority p_j ∈ {1, 3, 9}; token_j = p_j at arrival;
 *  2. at each decision every waiting job gains token_j += p_j·(now − last_j)/L_iso,j
 *     and last_j ← now;
 *  3. threshold = 9 if max token ≥ 9, else 3 if ≥ 3, else 1;
 *  4. among jobs with token ≥ threshold, the shortest estimated remaining
 *     time (Σ_{remaining} min_s c) runs first, one layer at a time.
 * Ours (no source says): with several idle sub-accelerators, the jobs below
 * the threshold follow (also shortest-remaining first), so the loop stays
 * work-conserving; a running job's `last` is moved to now (no token gain
 * while it runs). Placement: the shared loop (fastest idle sub-accelerator).
 */
import type { RealtimeScheduler, SchedulerView } from './engine.js';
import { orderByKey, placeInOrder, type PriorityDispatchOptions } from './priority-dispatch.js';

/** The token threshold of step 3. */
export function premaThreshold(maxToken: number): 1 | 3 | 9 {
  return maxToken >= 9 ? 9 : maxToken >= 3 ? 3 : 1;
}

export interface PremaState {
  token: Float64Array;
  last: Float64Array;
}

export function prema(options: PriorityDispatchOptions = {}): RealtimeScheduler & { state(): PremaState } {
  let st: PremaState = { token: new Float64Array(0), last: new Float64Array(0) };
  let seen: Uint8Array = new Uint8Array(0);
  let isolated: Float64Array = new Float64Array(0);
  let waitingNow: Uint8Array = new Uint8Array(0);
  return {
    name: 'prema',
    state: () => st,
    reset(ctx) {
      const n = ctx.requests.length;
      st = { token: new Float64Array(n), last: new Float64Array(n) };
      seen = new Uint8Array(n);
      waitingNow = new Uint8Array(n);
      isolated = Float64Array.from(ctx.requests, (r) => ctx.profiles[ctx.pairs[r.pair].modelIndex].isolatedLatencyS);
      ctx.requests.forEach((r, i) => {
        st.token[i] = r.premaPriority;
        st.last[i] = r.arrivalS;
      });
    },
    decide(view: SchedulerView) {
      let maxToken = 0;
      for (const j of view.waiting) {
        const id = j.id;
        // A job that was running since the last decision gains nothing for that time.
        if (seen[id] && !waitingNow[id]) st.last[id] = view.now;
        st.token[id] += (j.request.premaPriority * (view.now - st.last[id])) / isolated[id];
        st.last[id] = view.now;
        seen[id] = 1;
        if (st.token[id] > maxToken) maxToken = st.token[id];
      }
      const threshold = premaThreshold(maxToken);
      const above = view.waiting.filter((j) => st.token[j.id] >= threshold);
      const below = view.waiting.filter((j) => st.token[j.id] < threshold);
      const ordered = [...orderByKey(above, (j) => j.remainingOptimisticS), ...orderByKey(below, (j) => j.remainingOptimisticS)];
      const out = placeInOrder(view, ordered, options);
      waitingNow.fill(0);
      for (const j of view.waiting) waitingNow[j.id] = 1;
      for (const d of out) waitingNow[d.job] = 0;
      return out;
    },
  };
}

