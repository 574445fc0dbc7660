/**
 * Free resources of a training cluster during one round, with the placement
 * rules shared by every policy (Synergy spec §4):
 * - a job of g > 1 GPUs prefers consolidation: among servers whose free
 *   resources fit all of its demand, the one with the fewest free GPUs;
 * - otherwise (and for g = 1) GPU by GPU from servers ordered by fewest free
 *   GPUs, each GPU bringing its per-GPU share of cores and memory;
 * - option `consolidate: false` = first fit in server-id order.
 * A job's GPUs are all of one accelerator type; types where the job's speed is
 * 0 are never used.
 *
 * Servers are kept in buckets by free-GPU count per accelerator type, so a
 * placement costs O(servers examined) rather than a sort of the cluster.
 * Invariant (checked by `checkInvariants`, used by tests): free GPUs, cores
 * and memory of every server stay within [0, capacity].
 */
import type { TrainingCluster, ServerSpec } from '../workload/training/cluster.js';

/** One server's share of a job's lease. */
export interface ServerShare {
  server: number;
  gpus: number;
  cores: number;
  memoryGb: number;
}

const EPS = 1e-9;

/** A per-GPU demand: cores and GB per GPU, and the speed factor they bring (1 = fair share). */
export interface PerGpuDemand {
  cores: number;
  memoryGb: number;
  speed: number;
}

/** Per-GPU demands whose one-server leases a pool keeps (see `oneServerLeases`). */
const MAX_SHARED_DEMANDS = 8;

/**
 * The free GPUs, cores and memory (GB) of every server of a training cluster
 * during one round, bucketed by free-GPU count per accelerator type, with the
 * shared placement rule (see the module header). `reset()` frees everything.
 */
export class ServerPool {
  /** The cluster's servers (indexed by server id). */
  readonly servers: readonly ServerSpec[];
  /** Free GPUs per server id. */
  readonly freeGpus: Int32Array;
  /** Free CPU cores per server id. */
  readonly freeCores: Float64Array;
  /** Free memory per server id, GB. */
  readonly freeMem: Float64Array;
  /** Accelerator types in cluster order. */
  readonly types: string[];
  private readonly typeOf: Int32Array;
  /** buckets[type][free] = server ids with that many free GPUs. */
  private readonly buckets: number[][][];
  private readonly posInBucket: Int32Array;
  /** Free GPUs per type. */
  readonly freeByType: number[];
  /** Most GPUs on one server, per type. */
  readonly maxGpusPerServer: number[];
  /** First server of each type (its per-GPU share defines the type's fair share). */
  readonly typeServer: ServerSpec[];
  /** GPU-proportional share per GPU of each type: (cores, GB) of its first server / its GPUs, at speed factor 1 (`fairShare` in lease.ts; shared and frozen). */
  readonly fairShares: readonly Readonly<PerGpuDemand>[];
  /**
   * Best-case per-GPU demands computed once per pool and handed out again (`bestCase` in lease.ts, asked for every
   * placed job of every round): `demandCache.get(model)[type][gpus]`. Shared and frozen: callers read them only.
   */
  readonly demandCache = new Map<string, (Readonly<PerGpuDemand> | undefined)[][]>();
  /** `[t]` for each type index t, then `[0, 1, … types − 1]` (at index `types.length`): shared read-only lists (`usableTypes`). */
  readonly typeIndexLists: readonly (readonly number[])[];
  /** Free GPUs in the whole cluster. */
  totalFreeGpus = 0;
  /**
   * One-server leases made once and handed out again (the placement of every
   * job of every round allocated two objects): `oneServerLeases[d][server][k]`
   * is the lease `[{ server, gpus: k, cores, memoryGb }]` of the d-th per-GPU
   * demand `(sharedCores[d], sharedMem[d])` seen, for at most
   * `MAX_SHARED_DEMANDS` demands (the fair share, the best-case demands of the
   * few profiled models); other demands get a new lease each time.
   */
  private readonly oneServerLeases: ServerShare[][][][] = [];
  private readonly sharedCores = new Float64Array(MAX_SHARED_DEMANDS);
  private readonly sharedMem = new Float64Array(MAX_SHARED_DEMANDS);

  constructor(cluster: TrainingCluster) {
    this.servers = cluster.servers;
    const n = cluster.servers.length;
    this.freeGpus = new Int32Array(n);
    this.freeCores = new Float64Array(n);
    this.freeMem = new Float64Array(n);
    this.typeOf = new Int32Array(n);
    this.posInBucket = new Int32Array(n);
    this.types = [];
    for (const s of cluster.servers) if (!this.types.includes(s.gpuType)) this.types.push(s.gpuType);
    this.maxGpusPerServer = this.types.map(() => 0);
    for (const s of cluster.servers) {
      const t = this.types.indexOf(s.gpuType);
      this.typeOf[s.id] = t;
      this.maxGpusPerServer[t] = Math.max(this.maxGpusPerServer[t], s.gpus);
    }
    this.typeServer = this.types.map((t) => cluster.servers.find((x) => x.gpuType === t)!);
    this.fairShares = this.typeServer.map((s) => Object.freeze({ cores: s.cores / s.gpus, memoryGb: s.memoryGb / s.gpus, speed: 1 }));
    this.buckets = this.types.map((_, t) => Array.from({ length: this.maxGpusPerServer[t] + 1 }, () => [] as number[]));
    this.freeByType = this.types.map(() => 0);
    this.typeIndexLists = Object.freeze([...this.types.map((_, t) => Object.freeze([t])), Object.freeze(this.types.map((_, t) => t))]);
    this.reset();
  }

  /** Releases every lease (start of a round). */
  reset(): void {
    // pop() rather than `length = 0` (faster for short lists; see the engine).
    for (const b of this.buckets) for (const l of b) while (l.length) l.pop();
    this.freeByType.fill(0);
    this.totalFreeGpus = 0;
    for (const s of this.servers) {
      this.freeGpus[s.id] = s.gpus;
      this.freeCores[s.id] = s.cores;
      this.freeMem[s.id] = s.memoryGb;
      const t = this.typeOf[s.id];
      const l = this.buckets[t][s.gpus];
      this.posInBucket[s.id] = l.length;
      l.push(s.id);
      this.freeByType[t] += s.gpus;
      this.totalFreeGpus += s.gpus;
    }
  }

  /** Index of an accelerator type in `types` (cluster order), or −1 if the cluster has none. */
  typeIndex(type: string): number {
    return this.types.indexOf(type);
  }

  private move(s: number, from: number, to: number): void {
    const t = this.typeOf[s];
    const l = this.buckets[t][from];
    const p = this.posInBucket[s];
    const last = l.pop()!;
    if (last !== s) {
      l[p] = last;
      this.posInBucket[last] = p;
    }
    const m = this.buckets[t][to];
    this.posInBucket[s] = m.length;
    m.push(s);
  }

  /** Takes resources on one server (no checks beyond assertions in tests). */
  take(share: ServerShare): void {
    const s = share.server;
    const before = this.freeGpus[s];
    this.freeGpus[s] = before - share.gpus;
    this.freeCores[s] -= share.cores;
    this.freeMem[s] -= share.memoryGb;
    this.freeByType[this.typeOf[s]] -= share.gpus;
    this.totalFreeGpus -= share.gpus;
    if (share.gpus !== 0) this.move(s, before, before - share.gpus);
  }

  /** Returns resources on one server. */
  give(share: ServerShare): void {
    const s = share.server;
    const before = this.freeGpus[s];
    this.freeGpus[s] = before + share.gpus;
    this.freeCores[s] += share.cores;
    this.freeMem[s] += share.memoryGb;
    this.freeByType[this.typeOf[s]] += share.gpus;
    this.totalFreeGpus += share.gpus;
    if (share.gpus !== 0) this.move(s, before, before + share.gpus);
  }

  /**
   * Finds (without taking) a placement of `gpus` GPUs of accelerator type
   * index `type`, each with `coresPerGpu` cores and `memPerGpu` GB, by the
   * consolidation rule; undefined if it does not fit. The lease returned must
   * not be changed: one-server leases are shared.
   */
  find(type: number, gpus: number, coresPerGpu: number, memPerGpu: number, consolidate = true): ServerShare[] | undefined {
    if (this.freeByType[type] < gpus) return undefined;
    const b = this.buckets[type];
    const maxG = b.length - 1;
    if (!consolidate) return this.firstFit(type, gpus, coresPerGpu, memPerGpu);
    if (gpus > 1 && gpus <= maxG) {
      const c = gpus * coresPerGpu - EPS, m = gpus * memPerGpu - EPS;
      for (let f = gpus; f <= maxG; f++) {
        for (const s of b[f]) if (this.freeCores[s] >= c && this.freeMem[s] >= m) return this.oneShare(s, gpus, coresPerGpu, memPerGpu);
      }
    }
    let out: ServerShare[] | undefined;
    let need = gpus;
    for (let f = 1; f <= maxG && need > 0; f++) {
      for (const s of b[f]) {
        // Not even one GPU's share fits (x + EPS < c ⇔ ⌊(x + EPS) / c⌋ < 1 for c > 0: division is monotone and
        // exact at c / c): skip without dividing. A 1-GPU job then takes one GPU.
        if ((coresPerGpu > 0 && this.freeCores[s] + EPS < coresPerGpu) || (memPerGpu > 0 && this.freeMem[s] + EPS < memPerGpu)) continue;
        if (gpus === 1) return this.oneShare(s, 1, coresPerGpu, memPerGpu);
        const byCpu = coresPerGpu > 0 ? Math.floor((this.freeCores[s] + EPS) / coresPerGpu) : Infinity;
        const byMem = memPerGpu > 0 ? Math.floor((this.freeMem[s] + EPS) / memPerGpu) : Infinity;
        const k = Math.min(f, byCpu, byMem, need);
        if (k <= 0) continue;
        // A job placed on one server (every 1-GPU job) gets a shared lease.
        if (k === gpus) return this.oneShare(s, k, coresPerGpu, memPerGpu);
        (out ??= []).push({ server: s, gpus: k, cores: k * coresPerGpu, memoryGb: k * memPerGpu });
        need -= k;
        if (need === 0) break;
      }
    }
    return need === 0 ? out : undefined;
  }

  /** The lease `[{ server, gpus, gpus·coresPerGpu, gpus·memPerGpu }]`: shared (`oneServerLeases`) when made before, else new. */
  private oneShare(server: number, gpus: number, coresPerGpu: number, memPerGpu: number): ServerShare[] {
    const leases = this.oneServerLeases;
    let d = 0;
    while (d < leases.length && !(this.sharedCores[d] === coresPerGpu && this.sharedMem[d] === memPerGpu)) d++;
    if (d === leases.length) {
      if (d === MAX_SHARED_DEMANDS) return [{ server, gpus, cores: gpus * coresPerGpu, memoryGb: gpus * memPerGpu }];
      this.sharedCores[d] = coresPerGpu;
      this.sharedMem[d] = memPerGpu;
      leases.push(this.servers.map(() => []));
    }
    const byGpus = leases[d][server];
    return (byGpus[gpus] ??= [{ server, gpus, cores: gpus * coresPerGpu, memoryGb: gpus * memPerGpu }]);
  }


  private firstFit(type: number, gpus: number, coresPerGpu: number, memPerGpu: number): ServerShare[] | undefined {
    const out: ServerShare[] = [];
    let need = gpus;
    for (const sv of this.servers) {
      const s = sv.id;
      if (this.typeOf[s] !== type || this.freeGpus[s] === 0) continue;
      const byCpu = coresPerGpu > 0 ? Math.floor((this.freeCores[s] + EPS) / coresPerGpu) : Infinity;
      const byMem = memPerGpu > 0 ? Math.floor((this.freeMem[s] + EPS) / memPerGpu) : Infinity;
      const k = Math.min(this.freeGpus[s], byCpu, byMem, need);
      if (k <= 0) continue;
      out.push({ server: s, gpus: k, cores: k * coresPerGpu, memoryGb: k * memPerGpu });
      need -= k;
      if (need === 0) break;
    }
    return need === 0 ? out : undefined;
  }

  /** Server ids of a type with at least `min` free GPUs, fewest free first. */
  serversWithFree(type: number, min: number): number[] {
    const out: number[] = [];
    const b = this.buckets[type];
    for (let f = Math.max(1, min); f < b.length; f++) out.push(...b[f]);
    return out;
  }

  /** Throws if any server's free resources leave [0, capacity] (tests, debug). */
  checkInvariants(): void {
    for (const s of this.servers) {
      const i = s.id;
      if (this.freeGpus[i] < 0 || this.freeGpus[i] > s.gpus) throw new Error(`server ${i}: free GPUs ${this.freeGpus[i]} outside [0, ${s.gpus}]`);
      if (this.freeCores[i] < -1e-6 || this.freeCores[i] > s.cores + 1e-6) throw new Error(`server ${i}: free cores ${this.freeCores[i]} outside [0, ${s.cores}]`);
      if (this.freeMem[i] < -1e-6 || this.freeMem[i] > s.memoryGb + 1e-6) throw new Error(`server ${i}: free memory ${this.freeMem[i]} outside [0, ${s.memoryGb}]`);
    }
  }
}
