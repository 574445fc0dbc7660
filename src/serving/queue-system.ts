/**
 * The original Dice system (mhomidi/threashold-util-sim @ 344a4a7;
 * shared/specs/dice.md §9), round by round:
 * - every agent i has its own queue on every node j; each round it receives
 *   Poisson(λ_i) requests (λ_i = load rate × its class's arrival
 *   coefficient), spread over its per-node queues by power-of-two-choices on
 *   expected wait (queue ÷ service rate; two distinct nodes drawn ∝ service
 *   rate, the lower wait wins, ties to the second), whether or not it holds
 *   the node (`modules/utils/load_utils.py`);
 * - the mechanism sees demand b_ij = queue length + EWMA (α = 0.8) of the
 *   arrivals to that queue, from the end of the previous round (all 0 in
 *   round 0; `modules/applications/queue.py`);
 * - with deadlines (`dd`) a queue keeps only the arrivals of the last
 *   `deadline` rounds (older requests are dropped before service);
 * - a node held by agent i for the round serves min(queue + arrivals,
 *   Poisson(service rate)) of i's queue on it (a fraction of the round under
 *   time-sharing scales the Poisson draw); one agent per node;
 * - utility per round = requests served (`dd`) or −Σ queue lengths (`wo_dd`).
 * Randomness: arrivals from the stream "arrivals/<agent>", service draws from
 * "service/<node>" (one per agent per node per round, so every policy sees the
 * same arrivals and service draws), power-of-two choices from "p2c/<agent>".
 */
import { randomPoisson } from 'd3-random';
import type { Mechanism, RoundAllocation } from '../mechanisms/types.js';
import type { Rng } from '../sim/rng.js';

export interface QueueSystem {
  /** Agent weights (tokens), positive integers, in id order. */
  weights: number[];
  /** Mean arrivals per round of each agent. */
  arrivalRates: number[];
  /** Mean service per round of each node (base rate × speed-up). */
  serviceRates: number[];
  /** Rounds a request may wait before it is dropped (dd); null = never (wo_dd). */
  deadlineRounds: number | null;
  rounds: number;
  /** EWMA weight of the past in the arrival estimate (the original's queue_app_alpha). */
  emaAlpha: number;
  /** How arrivals are spread over an agent's per-node queues. */
  loadBalancer: 'p2c' | 'random';
}

export interface QueueSystemResult {
  /** Per round, per agent: requests served. */
  served: Float64Array[];
  /** Per round, per agent: requests arrived. */
  arrived: Float64Array[];
  /** Per round, per agent: requests dropped at the deadline. */
  dropped: Float64Array[];
  /** Per round, per agent: Σ queue lengths after the round. */
  backlog: Float64Array[];
  /** Per round, per agent: nodes held (fractional under time-sharing). */
  held: Float64Array[];
  /** Per round, per agent: utility (served with deadlines, −backlog without). */
  utility: Float64Array[];
  /**
   * Per round, per agent: its "exclusive throughput" as the original's
   * sharing-incentive evaluation computes it (evals/generate-si.py): Σ_j
   * min(arrivals to its queue on j this round, node j's service draw) — what
   * it would have served holding every node, with no backlog carried.
   */
  exclusive: Float64Array[];
  /** Per round: nodes that served at least one request. */
  busyNodes: Float64Array;
  /**
   * crossServed[i][k], summed over the rounds: what agent i would have served
   * on the nodes agent k held — Σ_j min(i's queue on j + its arrivals there,
   * i's service draw on j × k's share of j) — with i's own queues and draws
   * (the original's long-run envy evaluation, evals/gen-ef.py). The diagonal
   * is what i served. Requests; n × n.
   */
  crossServed: Float64Array[];
}

/** Runs one mechanism on the system (see the module header). `streams(name)` gives the named common-random-number streams. */
export function simulateQueueSystem(sys: QueueSystem, mechanism: Mechanism, mechRng: Rng, streams: (name: string) => Rng): QueueSystemResult {
  const n = sys.weights.length;
  const m = sys.serviceRates.length;
  const tenants = sys.weights.map((w, i) => ({ id: `a${i}`, tokens: w }));
  const nodes = sys.serviceRates.map((r, j) => ({ id: `n${j}`, type: `speed-${r}` }));
  const arrivalRng = tenants.map((t) => streams(`arrivals/${t.id}`));
  const poissonArrivals = arrivalRng.map((r, i) => randomPoisson.source(r.source())(sys.arrivalRates[i]));
  const serviceRng = nodes.map((x) => streams(`service/${x.id}`));
  const poissonService = serviceRng.map((r, j) => randomPoisson.source(r.source())(sys.serviceRates[j]));
  const p2c = tenants.map((t) => streams(`p2c/${t.id}`));
  const queue = Array.from({ length: n }, () => new Float64Array(m));
  const ewma = Array.from({ length: n }, () => new Float64Array(m));
  const D = sys.deadlineRounds;
  // window[i][j][k]: arrivals k rounds ago (k < D), newest at 0
  const window = D === null ? null : Array.from({ length: n }, () => Array.from({ length: m }, () => new Float64Array(D)));
  const serviceRates = tenants.map(() => Float64Array.from(sys.serviceRates));
  const probs = sys.serviceRates.map((r) => r / sys.serviceRates.reduce((a, b) => a + b, 0));
  const out: QueueSystemResult = { served: [], arrived: [], dropped: [], backlog: [], held: [], utility: [], exclusive: [], busyNodes: new Float64Array(sys.rounds), crossServed: Array.from({ length: n }, () => new Float64Array(n)) };
  for (let r = 0; r < sys.rounds; r++) {
    const utilities = Array.from({ length: n }, (_, i) => Float64Array.from({ length: m }, (_, j) => queue[i][j] + ewma[i][j]));
    const alloc: RoundAllocation = mechanism.allocate({ tenants, nodes, utilities, serviceRates, arrivalRates: sys.arrivalRates }, mechRng);
    // share[i][j]: fraction of node j agent i holds this round
    const share = Array.from({ length: n }, () => new Float64Array(m));
    if (alloc.timeshare) alloc.timeshare.forEach((col, j) => col.forEach((e) => (share[e.tenant][j] += e.fraction)));
    else alloc.assignment.forEach((i, j) => i !== null && (share[i][j] = 1));
    const served = new Float64Array(n);
    const arrived = new Float64Array(n);
    const dropped = new Float64Array(n);
    const backlog = new Float64Array(n);
    const held = new Float64Array(n);
    const utility = new Float64Array(n);
    const nodeServed = new Float64Array(m);
    const exclusive = new Float64Array(n);
    const service = Array.from({ length: m }, (_, j) => Float64Array.from({ length: n }, () => poissonService[j]()));
    for (let i = 0; i < n; i++) {
      const a = poissonArrivals[i]();
      arrived[i] = a;
      const per = spread(a, queue[i], sys.serviceRates, probs, sys.loadBalancer, p2c[i]);
      for (let j = 0; j < m; j++) {
        if (window) {
          const w = window[i][j];
          // the oldest round's arrivals leave the window: the queue keeps at most the last D−1 rounds' arrivals
          let valid = 0;
          for (let k = 0; k < D! - 1; k++) valid += w[k];
          if (queue[i][j] > valid) {
            dropped[i] += queue[i][j] - valid;
            queue[i][j] = valid;
          }
          for (let k = D! - 1; k > 0; k--) w[k] = w[k - 1];
          w[0] = per[j];
        }
        exclusive[i] += Math.min(per[j], service[j][i]);
        for (let k = 0; k < n; k++) if (share[k][j] > 0) out.crossServed[i][k] += Math.min(queue[i][j] + per[j], service[j][i] * share[k][j]);
        ewma[i][j] = sys.emaAlpha * ewma[i][j] + (1 - sys.emaAlpha) * per[j];
        const s = Math.min(queue[i][j] + per[j], service[j][i] * share[i][j]);
        queue[i][j] += per[j] - s;
        served[i] += s;
        nodeServed[j] += s;
        backlog[i] += queue[i][j];
        held[i] += share[i][j];
      }
      utility[i] = D === null ? -backlog[i] : served[i];
    }
    out.busyNodes[r] = nodeServed.reduce((c, s) => c + (s > 0 ? 1 : 0), 0);
    out.served.push(served);
    out.arrived.push(arrived);
    out.dropped.push(dropped);
    out.backlog.push(backlog);
    out.held.push(held);
    out.utility.push(utility);
    out.exclusive.push(exclusive);
  }
  return out;
}

/** Spreads `count` arrivals over one agent's per-node queues (power of two choices on expected wait, or uniformly at random). */
function spread(count: number, queue: Float64Array, rates: readonly number[], probs: readonly number[], lb: 'p2c' | 'random', rng: Rng): Float64Array {
  const m = queue.length;
  const per = new Float64Array(m);
  if (m === 1) {
    per[0] = count;
    return per;
  }
  for (let k = 0; k < count; k++) {
    if (lb === 'random') {
      per[rng.int(m)]++;
      continue;
    }
    const a = rng.weightedIndex(probs);
    const rest = probs.map((p, j) => (j === a ? 0 : p));
    const b = rng.weightedIndex(rest);
    const wa = (queue[a] + per[a]) / Math.max(rates[a], 1e-5);
    const wb = (queue[b] + per[b]) / Math.max(rates[b], 1e-5);
    per[wa < wb ? a : b]++;
  }
  return per;
}
