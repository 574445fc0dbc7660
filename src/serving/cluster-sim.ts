/**
 * Discrete-event simulation of tenant-level allocation on an inference
 * cluster (level 1): rounds of `roundLengthSeconds`; at each round start the
 * mechanism divides the nodes using this round's utilities; between rounds,
 * each tenant serves its FIFO queue on the nodes it holds (fastest idle node
 * first, ties to the lower node index). Events, in (time, priority) order:
 * round start (priority 0), time-share slice start (1), request completion
 * (2), slice unblock after a switch cost (3), arrivals (4).
 *
 * Conventions (ours, documented in the README):
 * - v_ij = requests/s of tenant i's model on node j's type when i is active
 *   (queued work, or arrivals during the previous round), else 0.
 * - A request is processed as a unit on one node; service time =
 *   samplesPerRequest / samples/s, or generated tokens / tokens/s for LLMs.
 *   Service is non-preemptive: a request in service when its node changes
 *   owner finishes first.
 * - Deadlines (mode `deadlines: true`): deadline = arrival + SLO; a request
 *   finishing after it is a miss; `dropPolicy` "expired" drops a request
 *   whose deadline has passed when a node would start it (a miss),
 *   "infeasible" also drops it when it cannot finish in time on that node,
 *   "never" serves everything.
 * - Arrivals come only in [0, H), H = rounds × round length; the run then
 *   continues (with more rounds) until every request is resolved, at most
 *   until 2H; what remains is "unfinished".
 * - DRF demand of a tenant = nodes of its best type needed to serve, within
 *   one round, its queue plus the previous round's arrivals.
 */
import type { Mechanism, RoundAllocation } from '../mechanisms/types.js';
import type { Rng } from '../sim/rng.js';
import { Simulator } from '../sim/simulator.js';
import { requestRate, type InferenceScenario } from '../workload/inference/scenario.js';

export const OUTCOME = { pending: 0, hit: 1, late: 2, dropped: 3, unfinished: 4, served: 5 } as const;
export const OUTCOME_NAMES = ['pending', 'hit', 'late', 'dropped', 'unfinished', 'served'] as const;

/** Arrivals of one run, identical for every mechanism (common random numbers). */
export interface ArrivalSet {
  tenant: Int32Array;
  arrival: Float64Array;
  /** Generated tokens (LLM requests); 0 = use the scenario mean. */
  tokens: Float64Array;
}

export interface RoundRecord {
  round: number;
  start: number;
  assignment: (number | null)[];
  timeshare?: RoundAllocation['timeshare'];
  /** The fractional allocation (or lottery marginals) behind this round's nodes, when the mechanism has one: the ex-ante checks read it. */
  fractions?: RoundAllocation['fractions'];
  /** Utilities the mechanism saw (n × m). */
  utilities: Float64Array[];
  /** Nodes held per tenant (fractional under time-sharing). */
  held: Float64Array;
  allocationSeconds: number;
}

export interface SimulationResult {
  start: Float64Array;
  finish: Float64Array;
  node: Int32Array;
  outcome: Uint8Array;
  rounds: RoundRecord[];
  /** Busy node-seconds within [0, H). */
  busySeconds: number;
  /** Busy node-seconds within each round [rR, (r+1)R) of the horizon (sums to `busySeconds`). */
  busyByRound: Float64Array;
  horizonSeconds: number;
  events: number;
}

type Ev = { kind: 'round'; r: number } | { kind: 'slice'; node: number; tenant: number; block: number } | { kind: 'done'; node: number } | { kind: 'unblock'; node: number } | { kind: 'arrival' };

export function simulateInferenceCluster(s: InferenceScenario, arrivals: ArrivalSet, mechanism: Mechanism, rng: Rng, onRound?: (round: number, rounds: number) => void): SimulationResult {
  const n = s.tenants.length;
  const m = s.nodes.length;
  const R = s.roundLengthSeconds;
  const H = s.rounds * R;
  const N = arrivals.arrival.length;
  // rate[i][j] requests/s at the mean request size; throughput per unit for per-request times.
  const rate = s.tenants.map((t) => Float64Array.from(s.nodes, (x) => requestRate(s, t.model, x.type)));
  const unitRate = s.tenants.map((t) => Float64Array.from(s.nodes, (x) => s.throughput[t.model.name]?.[x.type] ?? 0));
  const isLlm = s.tenants.map((t) => t.model.unit === 'tokens/s');
  const serviceTime = (q: number, j: number): number => {
    const i = arrivals.tenant[q];
    if (isLlm[i]) return (arrivals.tokens[q] || s.meanGeneratedTokens) / unitRate[i][j];
    return s.tenants[i].model.samplesPerRequest / unitRate[i][j];
  };
  const deadline = (q: number) => (s.deadlines ? arrivals.arrival[q] + s.tenants[arrivals.tenant[q]].model.sloSeconds : Infinity);
  const start = new Float64Array(N).fill(NaN);
  const finish = new Float64Array(N).fill(NaN);
  const node = new Int32Array(N).fill(-1);
  const outcome = new Uint8Array(N);
  // Queues: per tenant, request indices in arrival order.
  const queue: number[][] = Array.from({ length: n }, () => []);
  const head = new Int32Array(n);
  const owner: (number | null)[] = new Array(m).fill(null);
  const busy = new Uint8Array(m);
  const blocked = new Uint8Array(m);
  const busyFrom = new Float64Array(m);
  /** Request in service on each node (-1 = idle). */
  const inService = new Int32Array(m).fill(-1);
  let busySeconds = 0;
  const busyByRound = new Float64Array(s.rounds);
  const arrivalsLastRound = new Int32Array(n);
  const rounds: RoundRecord[] = [];
  let nextArrival = 0;
  let unresolved = N;
  // Per tenant: nodes it owns, fastest first (recomputed when ownership changes).
  let owned: number[][] = Array.from({ length: n }, () => []);
  const recomputeOwned = () => {
    owned = Array.from({ length: n }, () => []);
    // A node the tenant's model cannot run on (rate 0) is held but idle.
    for (let j = 0; j < m; j++) if (owner[j] !== null && rate[owner[j]!][j] > 0) owned[owner[j]!].push(j);
    for (let i = 0; i < n; i++) owned[i].sort((a, b) => rate[i][b] - rate[i][a] || a - b);
  };
  const sim = new Simulator<Ev>();

  const resolve = (q: number, o: number) => {
    outcome[q] = o;
    unresolved--;
  };
  const startOn = (q: number, j: number, now: number) => {
    const d = serviceTime(q, j);
    start[q] = now;
    finish[q] = now + d;
    node[q] = j;
    busy[j] = 1;
    busyFrom[j] = now;
    sim.at(now + d, { kind: 'done', node: j }, 2);
    inService[j] = q;
  };
  const dispatch = (i: number, now: number) => {
    const list = owned[i];
    for (const j of list) {
      if (busy[j] || blocked[j] || owner[j] !== i) continue;
      // Next request that may still run.
      while (head[i] < queue[i].length) {
        const q = queue[i][head[i]];
        const dl = deadline(q);
        if (s.dropPolicy !== 'never' && (now >= dl || (s.dropPolicy === 'infeasible' && now + serviceTime(q, j) > dl))) {
          head[i]++;
          resolve(q, OUTCOME.dropped);
          continue;
        }
        head[i]++;
        startOn(q, j, now);
        break;
      }
      if (head[i] >= queue[i].length) break;
    }
    if (head[i] > 1024 && head[i] * 2 > queue[i].length) {
      queue[i] = queue[i].slice(head[i]);
      head[i] = 0;
    }
  };

  const startRound = (r: number, now: number) => {
    onRound?.(Math.min(r, s.rounds), s.rounds);
    const active = Array.from({ length: n }, (_, i) => head[i] < queue[i].length || arrivalsLastRound[i] > 0 || (r === 0 && hasArrivalsIn(i, 0, R)));
    const utilities = rate.map((row, i) => (active[i] ? Float64Array.from(row) : new Float64Array(m)));
    const demands = s.tenants.map((_, i) => {
      if (!active[i]) return 0;
      const best = Math.max(...rate[i]);
      const work = queue[i].length - head[i] + (r === 0 ? expectedFirstRound(i) : arrivalsLastRound[i]);
      return Math.max(1, Math.ceil(work / (best * R)));
    });
    const t0 = performance.now();
    const alloc = mechanism.allocate({ tenants: s.tenants, nodes: s.nodes, utilities: Array.from(utilities), demands }, rng);
    const allocationSeconds = (performance.now() - t0) / 1000;
    arrivalsLastRound.fill(0);
    const held = new Float64Array(n);
    if (alloc.timeshare) {
      alloc.timeshare.forEach((slices, j) => {
        let at = now;
        slices.forEach((sl, k) => {
          held[sl.tenant] += sl.fraction;
          sim.at(at, { kind: 'slice', node: j, tenant: sl.tenant, block: k > 0 ? s.switchCostSeconds : 0 }, 1);
          at += sl.fraction * R;
        });
        if (slices.length === 0) owner[j] = null;
      });
    } else {
      alloc.assignment.forEach((i, j) => {
        owner[j] = i;
        if (i !== null) held[i]++;
      });
      recomputeOwned();
      for (let i = 0; i < n; i++) dispatch(i, now);
    }
    const fractions = alloc.fractions ?? (now < H ? mechanism.marginals?.({ tenants: s.tenants, nodes: s.nodes, utilities: Array.from(utilities) }) ?? undefined : undefined);
    rounds.push({ round: r, start: now, assignment: alloc.assignment, timeshare: alloc.timeshare, fractions, utilities, held, allocationSeconds });
  };

  // Helpers over the (sorted) arrival list.
  const hasArrivalsIn = (i: number, a: number, b: number) => {
    for (let q = 0; q < N && arrivals.arrival[q] < b; q++) if (arrivals.tenant[q] === i && arrivals.arrival[q] >= a) return true;
    return false;
  };
  const firstRoundCount = new Int32Array(n);
  for (let q = 0; q < N && arrivals.arrival[q] < R; q++) firstRoundCount[arrivals.tenant[q]]++;
  const expectedFirstRound = (i: number) => firstRoundCount[i];

  sim.at(0, { kind: 'round', r: 0 }, 0);
  if (N > 0) sim.at(arrivals.arrival[0], { kind: 'arrival' }, 4);
  const accrue = (j: number, now: number) => {
    const a = Math.min(busyFrom[j], H);
    const b = Math.min(now, H);
    if (b <= a) return;
    busySeconds += b - a;
    for (let t = a; t < b; ) {
      const r = Math.min(s.rounds - 1, Math.floor(t / R));
      const e = Math.min(b, (r + 1) * R);
      busyByRound[r] += e - t;
      if (e <= t) break;
      t = e;
    }
  };
  sim.run((ev, sm) => {
    const now = sm.now;
    switch (ev.kind) {
      case 'round': {
        if (now >= H && unresolved === 0) return;
        if (now >= 2 * H) return;
        startRound(ev.r, now);
        sm.at(now + R, { kind: 'round', r: ev.r + 1 }, 0);
        return;
      }
      case 'slice': {
        owner[ev.node] = ev.tenant;
        recomputeOwned();
        if (ev.block > 0) {
          blocked[ev.node] = 1;
          sm.at(now + ev.block, { kind: 'unblock', node: ev.node }, 3);
        } else dispatch(ev.tenant, now);
        return;
      }
      case 'unblock': {
        blocked[ev.node] = 0;
        const i = owner[ev.node];
        if (i !== null) dispatch(i, now);
        return;
      }
      case 'done': {
        const j = ev.node;
        const q = inService[j];
        inService[j] = -1;
        busy[j] = 0;
        accrue(j, now);
        resolve(q, !s.deadlines ? OUTCOME.served : finish[q] <= deadline(q) + 1e-12 ? OUTCOME.hit : OUTCOME.late);
        const i = owner[j];
        if (i !== null) dispatch(i, now);
        return;
      }
      case 'arrival': {
        while (nextArrival < N && arrivals.arrival[nextArrival] <= now) {
          const q = nextArrival++;
          const i = arrivals.tenant[q];
          queue[i].push(q);
          arrivalsLastRound[i]++;
          dispatch(i, now);
        }
        if (nextArrival < N) sm.at(arrivals.arrival[nextArrival], { kind: 'arrival' }, 4);
        return;
      }
    }
  });
  for (let j = 0; j < m; j++) if (busy[j]) accrue(j, sim.now);
  for (let q = 0; q < N; q++) if (outcome[q] === OUTCOME.pending) outcome[q] = OUTCOME.unfinished;
  return { start, finish, node, outcome, rounds, busySeconds, busyByRound, horizonSeconds: H, events: sim.eventsProcessed };
}

/**
 * Poisson arrivals for every tenant over [0, H): rate λ_i = load·(t_i/T)·C_i
 * (see scenario.ts), one RNG stream per tenant ("arrivals/<id>"), merged in
 * time order (ties: lower tenant index).
 */
export function poissonArrivals(s: InferenceScenario, seed: number, makeRng: (seed: number, name: string) => Rng): ArrivalSet {
  const H = s.rounds * s.roundLengthSeconds;
  const T = s.tenants.reduce((a, t) => a + t.tokens, 0);
  const perTenant: number[][] = s.tenants.map((t) => {
    const capacity = s.nodes.reduce((a, x) => a + requestRate(s, t.model, x.type), 0);
    const lambda = (s.load * t.tokens * capacity) / T;
    const rng = makeRng(seed, `arrivals/${t.id}`);
    const out: number[] = [];
    for (let time = rng.exponential(lambda); time < H; time += rng.exponential(lambda)) out.push(time);
    return out;
  });
  return mergeArrivals(perTenant, perTenant.map((a) => new Array(a.length).fill(0)));
}

/** Merges per-tenant sorted arrival lists (with per-request token counts) into one time-ordered set. */
export function mergeArrivals(times: number[][], tokens: number[][]): ArrivalSet {
  const total = times.reduce((a, l) => a + l.length, 0);
  const idx: { t: number; i: number; k: number }[] = [];
  times.forEach((l, i) => l.forEach((t, k) => idx.push({ t, i, k })));
  idx.sort((a, b) => a.t - b.t || a.i - b.i || a.k - b.k);
  const out: ArrivalSet = { tenant: new Int32Array(total), arrival: new Float64Array(total), tokens: new Float64Array(total) };
  idx.forEach((e, q) => {
    out.tenant[q] = e.i;
    out.arrival[q] = e.t;
    out.tokens[q] = tokens[e.i][e.k];
  });
  return out;
}
