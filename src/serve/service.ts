/**
 * The live two-level scheduler behind `allot serve`: tenants, nodes and jobs
 * in an SQLite file (better-sqlite3, WAL journal; `synchronous=NORMAL` by
 * default survives a killed process, `fsync: 'full'` also a power loss),
 * and rounds decided by the same round function as the `two-level`
 * scenario kind (`TwoLevelScheduler.decide` + `closeRound`).
 *
 * Every write is one SQLite transaction, committed before the call returns,
 * so what a client saw acknowledged is on disk. better-sqlite3 is
 * synchronous, so calls never interleave.
 *
 * Rounds: `closeRound()` accounts the round in force (held time and
 * contention of the jobs that were runnable when it was decided;
 * `remaining` work comes from progress reports), then decides the next round
 * over the runnable jobs (queued or running, in submission order), saves the
 * scheduler's state (mechanism state such as S-Dice passes, its random
 * stream, rounds done) and the decision. A job submitted while the next
 * round is n arrives at n·R seconds (virtual round time), so the simulator
 * replays a session exactly.
 */
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { TrainingJob } from '../model/training.js';
import { SYNERGY_PROFILES } from '../workload/training/synergy-profiles.js';
import { checkNodeTypes, closeRound, newCarry, TwoLevelScheduler, type JobCarry, type JobRecord, type LiveNode, type RoundDecision, type TwoLevelOptions, type TwoLevelState } from '../two-level/round.js';

/** A tenant of the live cluster: tokens (entitlement weight) and optional SLO targets (recorded, reported; no policy reads them yet). */
export interface ServiceTenant {
  id: string;
  tokens: number;
  slo?: { jctSeconds?: number };
}

/** What a client submits (Synergy-style fields; `work` is an estimate in seconds at the reference speed). */
export interface JobSubmission {
  id?: string;
  tenant: string;
  gpus: number;
  work: number;
  model?: string;
  throughputs?: Record<string, number>;
  referenceType?: string;
}

export type JobStatus = 'queued' | 'running' | 'finished' | 'cancelled';

/** A job as the service reports it. */
export interface ServiceJob {
  id: string;
  /** Submission order, 0-based (the tie-break index). */
  index: number;
  tenant: string;
  gpus: number;
  work: number;
  model?: string;
  throughputs?: Record<string, number>;
  referenceType?: string;
  /** Virtual arrival time: the start of the first round it could join, seconds. */
  arrival: number;
  status: JobStatus;
  carry: JobCarry;
  idempotencyKey: string;
}

/** Options of `openService`. */
export interface ServiceOptions extends TwoLevelOptions {
  /** SQLite file (created if missing); ':memory:' for tests. */
  statePath: string;
  /** `normal` (default): survives a crash of the process; `full`: fsync every commit, survives power loss. */
  fsync?: 'normal' | 'full';
  /** Tenants and nodes to create on first start (a scenario file's). */
  seedTenants?: readonly ServiceTenant[];
  seedNodes?: readonly LiveNode[];
  /** Names the policies' source in errors (default: the state path). */
  where?: string;
}

/** Not found: the HTTP layer answers 404. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A request that conflicts with the state (e.g. finishing a cancelled job): 409. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tenants (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, tokens INTEGER NOT NULL, slo TEXT);
CREATE TABLE IF NOT EXISTS nodes (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, gpus INTEGER NOT NULL, cores REAL NOT NULL, memory_gb REAL NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, idem_key TEXT NOT NULL UNIQUE, tenant TEXT NOT NULL, spec TEXT NOT NULL, arrival REAL NOT NULL, status TEXT NOT NULL, carry TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs(status);
CREATE TABLE IF NOT EXISTS rounds (round INTEGER PRIMARY KEY, decision TEXT NOT NULL, runnable TEXT NOT NULL);
`;

interface JobRow {
  seq: number;
  id: string;
  idem_key: string;
  tenant: string;
  spec: string;
  arrival: number;
  status: JobStatus;
  carry: string;
}

function rowToJob(r: JobRow): ServiceJob {
  const spec = JSON.parse(r.spec) as Omit<JobSubmission, 'id' | 'tenant'>;
  return { id: r.id, index: r.seq - 1, tenant: r.tenant, ...spec, arrival: r.arrival, status: r.status, carry: JSON.parse(r.carry) as JobCarry, idempotencyKey: r.idem_key };
}

/** The training job of a service job (index = submission order). */
export function trainingJobOf(j: ServiceJob): TrainingJob {
  return {
    index: j.index, id: j.id, tenant: j.tenant, arrival: j.arrival, gpus: j.gpus, work: j.work,
    ...(j.model ? { model: j.model } : {}), ...(j.throughputs ? { throughputs: j.throughputs } : {}), ...(j.referenceType ? { referenceType: j.referenceType } : {}),
  };
}

/** The live service state; see the module header. Create with `openService`, end with `close()`. */
export class AllotService {
  private constructor(
    private readonly db: Database.Database,
    private readonly scheduler: TwoLevelScheduler,
    readonly options: ServiceOptions,
  ) {}

  /**
   * Opens (or creates) the state file, checks that it was made with the same
   * policies and round length (InputError naming the field otherwise),
   * restores the scheduler's state and seeds tenants and nodes on first start.
   */
  static async open(options: ServiceOptions): Promise<AllotService> {
    const scheduler = await TwoLevelScheduler.create(options, options.where ?? options.statePath);
    const db = new Database(options.statePath);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.fsync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    const svc = new AllotService(db, scheduler, options);
    const config = JSON.stringify({ mechanism: options.mechanism, scheduler: options.scheduler, seed: options.seed, roundLengthSeconds: options.roundLengthSeconds, realisation: options.realisation ?? null });
    const stored = svc.meta('config');
    if (stored === undefined) {
      db.transaction(() => {
        svc.setMeta('config', config);
        for (const t of options.seedTenants ?? []) svc.putTenant(t);
        for (const n of options.seedNodes ?? []) svc.putNode(n);
      })();
    } else if (stored !== config) {
      db.close();
      throw new InputError(`the state file was made with ${stored}; this server is configured with ${config} (start with the same scenario, or a new state file)`, options.statePath);
    }
    const st = svc.meta('scheduler');
    if (st !== undefined) scheduler.restore(JSON.parse(st) as TwoLevelState);
    return svc;
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per SQL text. */
  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private meta(key: string): string | undefined {
    return (this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  private setMeta(key: string, value: string): void {
    this.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Label of the policies, "<mechanism>/<order+mode>". */
  get label(): string {
    return this.scheduler.label;
  }

  /** Creates or updates a tenant (its tie-break position is its first creation). */
  putTenant(t: ServiceTenant): ServiceTenant {
    this.stmt('INSERT INTO tenants (id, tokens, slo) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET tokens = excluded.tokens, slo = excluded.slo').run(t.id, t.tokens, t.slo ? JSON.stringify(t.slo) : null);
    return t;
  }

  /** Tenants in tie-break (creation) order. */
  tenants(): ServiceTenant[] {
    return (this.stmt('SELECT id, tokens, slo FROM tenants ORDER BY seq').all() as { id: string; tokens: number; slo: string | null }[]).map((r) => ({ id: r.id, tokens: r.tokens, ...(r.slo ? { slo: JSON.parse(r.slo) as ServiceTenant['slo'] } : {}) }));
  }

  /** Creates or updates a node; nodes of one type must share one capacity (InputError naming the node). */
  putNode(n: LiveNode): LiveNode {
    const others = this.nodes().filter((x) => x.id !== n.id);
    checkNodeTypes([...others, n], `node ${n.id}`);
    this.stmt('INSERT INTO nodes (id, type, gpus, cores, memory_gb) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET type = excluded.type, gpus = excluded.gpus, cores = excluded.cores, memory_gb = excluded.memory_gb').run(n.id, n.type, n.gpus, n.cores, n.memoryGb);
    return n;
  }

  /** Nodes in tie-break (creation) order. */
  nodes(): LiveNode[] {
    return (this.stmt('SELECT id, type, gpus, cores, memory_gb AS memoryGb FROM nodes ORDER BY seq').all() as LiveNode[]).map((n) => ({ ...n }));
  }

  /**
   * Submits a job once per idempotency key: a repeated key returns the job it
   * created (`created: false`). Throws InputError for an unknown tenant, a
   * reused key with another body, or an id already taken.
   */
  submitJob(key: string, body: JobSubmission): { job: ServiceJob; created: boolean } {
    const existing = this.stmt('SELECT * FROM jobs WHERE idem_key = ?').get(key) as JobRow | undefined;
    if (existing) {
      const job = rowToJob(existing);
      if (job.tenant !== body.tenant || job.gpus !== body.gpus || job.work !== body.work || (body.id !== undefined && body.id !== job.id)) {
        throw new ConflictError(`Idempotency-Key "${key}" was used for job ${job.id} with another body`);
      }
      return { job, created: false };
    }
    if (!this.stmt('SELECT 1 FROM tenants WHERE id = ?').get(body.tenant)) throw new InputError(`unknown tenant "${body.tenant}" (create it with PUT /v1/tenants/{id})`, 'body', 'tenant');
    const maxGpus = (this.stmt('SELECT MAX(gpus) AS g FROM nodes').get() as { g: number | null }).g;
    if (maxGpus !== null && body.gpus > maxGpus) throw new InputError(`gpus ${body.gpus} is more than the largest node has (${maxGpus})`, 'body', 'gpus');
    if (body.model !== undefined && !SYNERGY_PROFILES.some((p) => p.name === body.model)) throw new InputError(`unknown model "${body.model}" (Synergy profiles: ${SYNERGY_PROFILES.map((p) => p.name).join(', ')})`, 'body', 'model');
    const arrival = this.scheduler.nextRound * this.options.roundLengthSeconds;
    const spec = { gpus: body.gpus, work: body.work, ...(body.model ? { model: body.model } : {}), ...(body.throughputs ? { throughputs: body.throughputs } : {}), ...(body.referenceType ? { referenceType: body.referenceType } : {}) };
    if (body.throughputs && !(body.referenceType && (body.throughputs[body.referenceType] ?? 0) > 0)) throw new InputError('throughputs needs a referenceType with a positive throughput', 'body', 'referenceType');
    const insert = this.db.transaction(() => {
      const seq = ((this.stmt("SELECT seq FROM sqlite_sequence WHERE name = 'jobs'").get() as { seq: number } | undefined)?.seq ?? 0) + 1;
      const id = body.id ?? `j${seq}`;
      if (this.stmt('SELECT 1 FROM jobs WHERE id = ?').get(id)) throw new ConflictError(`job id "${id}" is taken`);
      this.stmt('INSERT INTO jobs (id, idem_key, tenant, spec, arrival, status, carry) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, key, body.tenant, JSON.stringify(spec), arrival, 'queued', JSON.stringify(newCarry(body.work, arrival)));
      return id;
    });
    return { job: this.job(insert()), created: true };
  }

  /** A job by id (NotFoundError). */
  job(id: string): ServiceJob {
    const r = this.stmt('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!r) throw new NotFoundError(`no job "${id}"`);
    return rowToJob(r);
  }

  /** Jobs in submission order, optionally of one tenant or status. */
  jobs(filter: { tenant?: string; status?: JobStatus } = {}): ServiceJob[] {
    const rows = this.stmt('SELECT * FROM jobs WHERE (@tenant IS NULL OR tenant = @tenant) AND (@status IS NULL OR status = @status) ORDER BY seq').all({ tenant: filter.tenant ?? null, status: filter.status ?? null }) as JobRow[];
    return rows.map(rowToJob);
  }

  private updateJob(id: string, f: (j: ServiceJob) => void): ServiceJob {
    return this.db.transaction(() => {
      const j = this.job(id);
      f(j);
      this.stmt('UPDATE jobs SET status = ?, carry = ? WHERE id = ?').run(j.status, JSON.stringify(j.carry), id);
      return j;
    })();
  }

  private live(j: ServiceJob, what: string): void {
    if (j.status === 'finished' || j.status === 'cancelled') throw new ConflictError(`job ${j.id} is ${j.status}; cannot ${what}`);
  }

  /** Progress report: `remaining` work (seconds at the reference speed). */
  progress(id: string, remaining: number): ServiceJob {
    return this.updateJob(id, (j) => {
      this.live(j, 'report progress');
      j.carry.remaining = remaining;
    });
  }

  /** The job has finished (at the end of the round in force, in round time). */
  finish(id: string): ServiceJob {
    return this.updateJob(id, (j) => {
      this.live(j, 'finish');
      j.status = 'finished';
      j.carry.remaining = 0;
      j.carry.finish = (this.scheduler.nextRound) * this.options.roundLengthSeconds;
    });
  }

  /** Cancels a queued or running job. */
  cancel(id: string): ServiceJob {
    return this.updateJob(id, (j) => {
      this.live(j, 'cancel');
      j.status = 'cancelled';
    });
  }

  /** The decision of round `round` (NotFoundError). */
  round(round: number): RoundDecision {
    const r = this.stmt('SELECT decision FROM rounds WHERE round = ?').get(round) as { decision: string } | undefined;
    if (!r) throw new NotFoundError(`no round ${round}`);
    return JSON.parse(r.decision) as RoundDecision;
  }

  /** The allocation in force, or undefined before the first round. */
  current(): RoundDecision | undefined {
    const n = this.scheduler.nextRound;
    return n === 0 ? undefined : this.round(n - 1);
  }

  /** The scheduler's state between rounds (rounds done, mechanism state, random stream). */
  schedulerState(): TwoLevelState {
    return this.scheduler.snapshot();
  }

  /**
   * Closes the round in force and decides the next (module header), in one
   * transaction; on an error nothing changes (the scheduler is restored).
   */
  closeRound(): RoundDecision {
    const before = this.scheduler.snapshot();
    try {
      return this.db.transaction(() => {
        const cur = this.current();
        if (cur) {
          const ids = JSON.parse((this.stmt('SELECT runnable FROM rounds WHERE round = ?').get(cur.round) as { runnable: string }).runnable) as string[];
          const recs = ids.map((id) => this.job(id)).map((j) => ({ sj: j, rec: { job: trainingJobOf(j), carry: j.carry } as JobRecord }));
          closeRound(cur, recs.map((x) => x.rec), false);
          const upd = this.stmt('UPDATE jobs SET carry = ? WHERE id = ?');
          for (const x of recs) upd.run(JSON.stringify(x.rec.carry), x.sj.id);
        }
        const runnable = this.jobs().filter((j) => j.status === 'queued' || j.status === 'running');
        const decision = this.scheduler.decide({ tenants: this.tenants(), nodes: this.nodes(), jobs: runnable.map((j) => ({ job: trainingJobOf(j), carry: j.carry })) });
        const placed = new Set(decision.placements.map((p) => p.job));
        const setStatus = this.stmt('UPDATE jobs SET status = ? WHERE id = ?');
        for (const j of runnable) {
          const s: JobStatus = placed.has(j.id) ? 'running' : 'queued';
          if (s !== j.status) setStatus.run(s, j.id);
        }
        this.stmt('INSERT INTO rounds (round, decision, runnable) VALUES (?, ?, ?)').run(decision.round, JSON.stringify(decision), JSON.stringify(runnable.map((j) => j.id)));
        this.setMeta('scheduler', JSON.stringify(this.scheduler.snapshot()));
        return decision;
      })();
    } catch (e) {
      this.scheduler.restore(before);
      throw e;
    }
  }

  /** Counts for /metrics. */
  counts(): { jobs: Record<JobStatus, number>; tenants: number; nodes: number; rounds: number } {
    const jobs: Record<JobStatus, number> = { queued: 0, running: 0, finished: 0, cancelled: 0 };
    for (const r of this.stmt('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as { status: JobStatus; n: number }[]) jobs[r.status] = r.n;
    const one = (sql: string): number => (this.stmt(sql).get() as { n: number }).n;
    return { jobs, tenants: one('SELECT COUNT(*) AS n FROM tenants'), nodes: one('SELECT COUNT(*) AS n FROM nodes'), rounds: this.scheduler.nextRound };
  }

  /** Closes the database (checkpointing the WAL). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens a service; see `AllotService.open`. */
export function openService(options: ServiceOptions): Promise<AllotService> {
  return AllotService.open(options);
}
