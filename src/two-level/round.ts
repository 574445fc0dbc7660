/**
 * The two-level round: level 1 divides whole nodes among tenants, then a
 * level-2 scheduler places each tenant's training jobs on the nodes it holds.
 * This is the ONE round function: the `two-level` scenario kind
 * (`src/scenarios/two-level/`) and `allot serve` (`src/serve/`) both call
 * `TwoLevelScheduler.decide` and `closeRound`, so a service session replayed
 * through the simulator gives the same allocations.
 *
 * Round r covers [r·R, (r+1)·R) seconds. `decide(world)` allocates round r:
 * 1. Level-1 problem (Dice spec §1): tenants with their tokens, the nodes, and
 *    utilities v_ij = GPUs of node j × the best speed (work-s per s,
 *    `typeSpeed`) on node j's accelerator type of any of tenant i's runnable
 *    jobs whose GPU demand fits in node j's type (ours: the cluster-level
 *    value of a node to a tenant's pending work; 0 when the tenant has none).
 *    The mechanism (any level-1 registry policy) returns node → tenant.
 * 2. Per tenant, its held nodes become a training cluster (one server per
 *    node) and `allocateRunnable` — the same step the training engine runs —
 *    orders its runnable jobs with the job order and places them with the
 *    allocation mode (e.g. `fifo+fair`, `srtf+tune`, `las`).
 * `closeRound(decision, jobs, R, advanceWork)` then accounts the round: held
 * time, contention and — in the simulator only — work done at each job's
 * speed (the service takes progress from its clients instead).
 *
 * State across rounds: the mechanism's state and random stream (S-Dice
 * passes …, `snapshot()`/`restore()`) and the job records' carried fields
 * (`JobCarry`). Job orders that keep state of their own (Gavel's) are
 * rejected: their state is per cluster, and a tenant's cluster changes every round.
 */
import { InputError } from '../errors.js';
import type { NodeSpec } from '../model/node.js';
import type { Tenant } from '../model/tenant.js';
import { typeSpeed, type ServerSpec, type TrainingCluster, type TrainingJob } from '../model/training.js';
import { createAllocator, type Allocator, type AllocatorState } from '../mechanisms/allocate.js';
import type { Realisation } from '../mechanisms/types.js';
import type { PolicyInput } from '../policies/spec.js';
import { createTrainingPolicy, resolveTrainingPolicy } from '../schedulers/compose.js';
import { allocateRunnable } from '../schedulers/engine.js';
import { ServerPool } from '../schedulers/server-pool.js';
import type { AllocationMode, JobPolicy, JobState, RoundContext } from '../schedulers/types.js';
import '../policies/index.js';

/** A node of the live cluster: one machine with `gpus` accelerators of one type, CPU cores and memory (GB). */
export interface LiveNode extends NodeSpec {
  readonly gpus: number;
  readonly cores: number;
  readonly memoryGb: number;
}

/**
 * What a job carries from round to round (seconds; −1 = not yet). `remaining`
 * is work in seconds at the reference speed: the simulator lowers it, the
 * service takes it from progress reports.
 */
export type JobCarry = Pick<JobState, 'remaining' | 'attained' | 'attainedService' | 'firstStart' | 'lastRun' | 'finish' | 'contendSum' | 'contendRounds'> & {
  /** The starvation guard's permanent bump has been given (absent in state saved before it existed = false). */
  prioritized?: boolean;
};

/** A runnable job and its carried state (mutated by `closeRound`). */
export interface JobRecord {
  readonly job: TrainingJob;
  carry: JobCarry;
}

/** Everything a round is decided from: tenants and nodes in tie-break order, the runnable jobs in (arrival, index) order. */
export interface TwoLevelWorld {
  readonly tenants: readonly Tenant[];
  readonly nodes: readonly LiveNode[];
  readonly jobs: readonly JobRecord[];
}

/** One job's place this round: its nodes (GPUs, cores, GB on each) and speed (work-seconds per second). */
export interface Placement {
  job: string;
  tenant: string;
  nodes: { node: string; gpus: number; cores: number; memoryGb: number }[];
  speed: number;
}

/** The allocation of one round: which tenant holds which node, and which jobs run where. */
export interface RoundDecision {
  /** Round index r (0-based). */
  round: number;
  /** Round start r·R, seconds. */
  startSeconds: number;
  roundLengthSeconds: number;
  /** node id → tenant id (null: unassigned). */
  holdings: Record<string, string | null>;
  /** Placed jobs in tenant order, then the scheduler's order. */
  placements: Placement[];
}

/** How a two-level scheduler is built (the scenario kind's and the service's policy fields). */
export interface TwoLevelOptions {
  /** Level-1 mechanism (registry name or spec), e.g. "s-dice". */
  mechanism: PolicyInput;
  /** Level-2 training policy `order[+mode]`, e.g. "fifo+fair". */
  scheduler: PolicyInput;
  /** Root seed of the mechanism's random stream. */
  seed: number;
  roundLengthSeconds: number;
  realisation?: Realisation;
  /** Starvation guard of the job order (s). Default 1000 h, as the training engine. */
  starvationSeconds?: number;
  /** Consolidating placement (Synergy) or first fit. Default true. */
  consolidate?: boolean;
}

/** The JSON state of a two-level scheduler between rounds. */
export interface TwoLevelState {
  /** Rounds decided so far (= the index of the next round). */
  rounds: number;
  allocator: AllocatorState;
}

/** A fresh carry for a job with `work` seconds of work. */
export function newCarry(work: number, arrival: number): JobCarry {
  return { remaining: work, attained: 0, attainedService: 0, firstStart: -1, lastRun: arrival, finish: -1, contendSum: 0, contendRounds: 0, prioritized: false };
}

/** Level-1 utility of node `n` to a tenant with runnable `jobs` (module header, step 1). */
export function nodeUtility(jobs: readonly JobRecord[], n: LiveNode): number {
  let best = 0;
  for (const r of jobs) if (r.job.gpus <= n.gpus) best = Math.max(best, typeSpeed(r.job, n.type));
  return best * n.gpus;
}

/**
 * Throws InputError (naming `where` and the node) unless every node of one
 * accelerator type has the same GPUs, cores and memory: the allocation modes
 * take a type's fair CPU/memory share per GPU from its first server.
 */
export function checkNodeTypes(nodes: readonly LiveNode[], where = 'nodes'): void {
  const first = new Map<string, LiveNode>();
  for (const n of nodes) {
    const f = first.get(n.type);
    if (!f) first.set(n.type, n);
    else if (f.gpus !== n.gpus || f.cores !== n.cores || f.memoryGb !== n.memoryGb) {
      throw new InputError(`node ${n.id} has type ${n.type} but a capacity (${n.gpus} GPUs, ${n.cores} cores, ${n.memoryGb} GB) other than node ${f.id} of that type (${f.gpus}, ${f.cores}, ${f.memoryGb}); give nodes of one type one capacity`, where, n.id);
    }
  }
}

/** Level 1 then level 2 for one round; see the module header. Create with `TwoLevelScheduler.create`. */
export class TwoLevelScheduler {
  private rounds = 0;
  private constructor(
    readonly label: string,
    private readonly allocator: Allocator,
    private readonly policy: JobPolicy,
    private readonly mode: AllocationMode,
    private readonly options: TwoLevelOptions,
  ) {}

  /** Resolves both policies in the registry (InputError naming `where`.mechanism / .scheduler). */
  static async create(options: TwoLevelOptions, where = 'config'): Promise<TwoLevelScheduler> {
    if (!(options.roundLengthSeconds > 0)) throw new InputError(`round length must be > 0 s, got ${options.roundLengthSeconds}`, `${where}: roundLengthSeconds`);
    const allocator = await createAllocator(options.mechanism, { seed: options.seed, realisation: options.realisation, where: `${where}: mechanism` });
    const resolved = resolveTrainingPolicy(options.scheduler, `${where}: scheduler`);
    const { policy, mode } = await createTrainingPolicy(resolved);
    if (policy.snapshot || policy.historyDependent) {
      throw new InputError(`job order "${policy.name}" keeps per-cluster state, which a tenant's changing nodes would break; use fifo, srtf, las, ftf, drf or tetris`, `${where}: scheduler`);
    }
    return new TwoLevelScheduler(`${allocator.label}/${resolved.label}`, allocator, policy, mode, options);
  }

  /** Index of the next round to decide. */
  get nextRound(): number {
    return this.rounds;
  }

  /**
   * Decides the next round (module header). `world.jobs` are the runnable
   * jobs; their carries are read, not changed. Deterministic given the
   * state and `world`.
   */
  decide(world: TwoLevelWorld): RoundDecision {
    const R = this.options.roundLengthSeconds;
    const r = this.rounds;
    const now = r * R;
    const byTenant = new Map<string, JobRecord[]>(world.tenants.map((t) => [t.id, []]));
    for (const rec of world.jobs) byTenant.get(rec.job.tenant)?.push(rec);
    const utilities = world.tenants.map((t) => world.nodes.map((n) => nodeUtility(byTenant.get(t.id)!, n)));
    const holdings: Record<string, string | null> = {};
    const held = new Map<string, LiveNode[]>();
    if (world.tenants.length && world.nodes.length) {
      const a = this.allocator.round({ tenants: world.tenants, nodes: world.nodes, utilities });
      a.assignment.forEach((i, j) => {
        const node = world.nodes[j];
        const tenant = i === null ? null : world.tenants[i].id;
        holdings[node.id] = tenant;
        if (tenant !== null) {
          let l = held.get(tenant);
          if (!l) held.set(tenant, (l = []));
          l.push(node);
        }
      });
    } else for (const n of world.nodes) holdings[n.id] = null;
    this.rounds++;
    const placements: Placement[] = [];
    for (const t of world.tenants) {
      const nodes = held.get(t.id);
      const jobs = byTenant.get(t.id)!;
      if (!nodes || jobs.length === 0) continue;
      placements.push(...this.placeTenant(t.id, nodes, jobs, now, world.jobs.length));
    }
    return { round: r, startSeconds: now, roundLengthSeconds: R, holdings, placements };
  }

  private placeTenant(tenant: string, nodes: readonly LiveNode[], jobs: readonly JobRecord[], now: number, contending: number): Placement[] {
    const servers: ServerSpec[] = nodes.map((n, id) => ({ id, gpuType: n.type, gpus: n.gpus, cores: n.cores, memoryGb: n.memoryGb }));
    const cluster: TrainingCluster = { name: `tenant ${tenant}`, servers };
    const pool = new ServerPool(cluster);
    let gpus = 0, cores = 0, mem = 0;
    for (const s of servers) {
      gpus += s.gpus;
      cores += s.cores;
      mem += s.memoryGb;
    }
    const ctx: RoundContext = {
      now, roundLengthSeconds: this.options.roundLengthSeconds, totalGpus: gpus, totalCores: cores, totalMemoryGb: mem, contending,
      pool, onServer: servers.map(() => []), tenantUsage: new Map(), consolidate: this.options.consolidate ?? true, mode: this.mode,
    };
    // Jobs that cannot use any held type are not offered (the mode would find no place anyway).
    const offered = jobs.filter((rec) => servers.some((s) => typeSpeed(rec.job, s.gpuType) > 0));
    const states: JobState[] = offered.map((rec) => ({
      job: rec.job, ...rec.carry, prioritized: rec.carry.prioritized ?? false, lease: [], leaseType: -1, coresPerGpu: 0, memPerGpu: 0, speedFactor: 0, speed: 0, degraded: false, preferredType: -1, typeSeconds: [],
    }));
    allocateRunnable(states, ctx, this.policy, this.mode, this.policy.preselectByGpu ?? false, this.options.starvationSeconds ?? 1000 * 3600);
    // the starvation guard's bump is permanent (the original Synergy's rule): carry it to later rounds
    states.forEach((s, k) => (offered[k].carry.prioritized = s.prioritized));
    return states
      .filter((s) => s.lease.length > 0)
      .map((s) => ({
        job: s.job.id, tenant,
        nodes: s.lease.map((sh) => ({ node: nodes[sh.server].id, gpus: sh.gpus, cores: sh.cores, memoryGb: sh.memoryGb })),
        speed: s.speed,
      }));
  }

  /** State between rounds as JSON (rounds decided, mechanism state and random stream). */
  snapshot(): TwoLevelState {
    return { rounds: this.rounds, allocator: this.allocator.snapshot() };
  }

  /** Continues from `snapshot()` of a scheduler built with the same options. Throws RangeError on a malformed state. */
  restore(state: TwoLevelState): void {
    if (!state || typeof state !== 'object' || !Number.isSafeInteger(state.rounds) || state.rounds < 0) throw new RangeError('expected a two-level state {rounds, allocator}');
    this.allocator.restore(state.allocator);
    this.rounds = state.rounds;
  }
}

/**
 * Accounts a closed round on the runnable jobs' carries: every runnable job
 * was contending; each placed job held its lease for the round (first start,
 * attained time and GPU-seconds, last run). With `advanceWork` (the
 * simulator) each placed job also does speed × R seconds of work, finishing
 * inside the round when its work runs out. Returns the ids of jobs that finished.
 */
export function closeRound(decision: RoundDecision, jobs: readonly JobRecord[], advanceWork: boolean): string[] {
  const R = decision.roundLengthSeconds;
  const start = decision.startSeconds;
  const byId = new Map(jobs.map((j) => [j.job.id, j]));
  for (const rec of jobs) {
    rec.carry.contendSum += jobs.length;
    rec.carry.contendRounds += 1;
  }
  const finished: string[] = [];
  for (const p of decision.placements) {
    const rec = byId.get(p.job);
    if (!rec) continue;
    const c = rec.carry;
    if (c.firstStart < 0) c.firstStart = start;
    let ran = R;
    if (advanceWork) {
      const t = p.speed > 0 ? c.remaining / p.speed : Infinity;
      if (t <= R + 1e-9) {
        ran = t;
        c.remaining = 0;
        c.finish = start + t;
        finished.push(p.job);
      } else c.remaining -= p.speed * R;
    }
    c.attained += ran;
    c.attainedService += ran * rec.job.gpus;
    c.lastRun = start + R;
  }
  return finished;
}
