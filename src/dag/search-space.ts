/**
 * The encoding every search (GA, PSO-GA, memetic PSO-GA, greedy) shares
 * (mdnn.md §10): a solution is one processor per gene — a gene is a block of
 * tasks placed together (piece-wise: a coarsened block; layer-wise and plain
 * DAGs: one task) — plus, when `evolveOrder`, a priority permutation over the
 * tasks (value = position in the list, smaller first). Otherwise the order is
 * fixed to `baseOrder` (rank_u descending). Fitness = the §8 makespan.
 *
 * Operators: mutation (one random gene → another candidate; with an order,
 * swap two priority values), two-point crossover (copy genes a..b inclusive
 * from a partner; priorities: copy the segment, fix duplicates by swapping),
 * repair (memory: move random genes off an over-full processor to the
 * gene's anchor, i.e. the edge) and local search (try every other candidate
 * of a few random genes, keep strict, feasible improvements).
 */
import type { Rng } from '../sim/rng.js';
import type { DagProblem } from './problem.js';
import { Evaluator } from './evaluator.js';
import { upwardRank } from './ranks.js';
import type { DagSchedule } from './schedule.js';

/**
 * The encoding the searches share (see the module header) for one problem:
 * the gene of each task, each gene's candidate processors, anchor and memory
 * (bytes), whether the priority order evolves, and the fixed order and gene
 * ranks. `buildSearchSpace` makes one.
 */
export interface SearchSpace {
  readonly prob: DagProblem;
  /** Gene of each task. */
  readonly geneOf: Int32Array;
  readonly genes: number;
  /** Candidate processors of each gene (finite run time for all its tasks), in order. */
  readonly candidates: readonly Int32Array[];
  /** Anchor processor per gene (particle 0 and memory repair target; mdnn: the edge). */
  readonly anchor: Int32Array;
  /** Memory of each gene (Σ of its tasks), bytes; absent when the problem has no memory model. */
  readonly geneMemory?: Float64Array;
  readonly evolveOrder: boolean;
  /** Priority used when the order is fixed: −rank_u (smaller first = higher rank). */
  readonly baseOrder: Float64Array;
  /** Rank of each gene (max rank_u of its tasks), for greedy's visiting order. */
  readonly geneRank: Float64Array;
  /** How rank ties are broken in `baseOrder` and greedy's gene order: the lower index first (default) or the higher (the original's `sorted(zip(rank, id), reverse=True)`). */
  readonly ties: 'lower' | 'higher';
}

/**
 * One point of a search space: a processor per gene, the task priorities (or
 * null for the fixed order), and its fitness (the §8 makespan, s).
 */
export interface Solution {
  genes: Int32Array;
  /** Priority value per task (a permutation of 0..n−1), or null (fixed order). */
  prio: Float64Array | null;
  fitness: number;
}

/**
 * Builds a search space. `exclude` is a processor that is never a candidate
 * (the original greedy's cloud staging place). `geneOf` defaults to one gene per task; `anchor`
 * defaults, per gene, to the processor that is a candidate of the most tasks
 * with the smallest total run time (if it is a candidate of the gene), else
 * the gene's fastest candidate.
 */
export function buildSearchSpace(prob: DagProblem, options: { geneOf?: Int32Array; anchor?: number; evolveOrder?: boolean; ties?: 'lower' | 'higher'; exclude?: number } = {}): SearchSpace {
  const { n, p, cost } = prob;
  const excluded = options.exclude ?? -1;
  const geneOf = options.geneOf ?? Int32Array.from({ length: n }, (_, i) => i);
  let genes = 0;
  for (let t = 0; t < n; t++) if (geneOf[t] + 1 > genes) genes = geneOf[t] + 1;
  const ok: Uint8Array[] = Array.from({ length: genes }, () => new Uint8Array(p).fill(1));
  const geneCost: Float64Array[] = Array.from({ length: genes }, () => new Float64Array(p));
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < p; k++) {
      const c = cost[t * p + k];
      if (c === Infinity) ok[geneOf[t]][k] = 0;
      else geneCost[geneOf[t]][k] += c;
    }
  }
  const candidates = ok.map((row, g) => {
    const c: number[] = [];
    for (let k = 0; k < p; k++) if (row[k] && k !== excluded) c.push(k);
    if (c.length === 0) throw new RangeError(`gene ${g}: its tasks share no candidate processor`);
    return Int32Array.from(c);
  });
  let global = options.anchor ?? -1;
  if (global < 0) {
    let bestCount = -1;
    let bestTotal = Infinity;
    for (let k = 0; k < p; k++) {
      let count = 0;
      let total = 0;
      for (let t = 0; t < n; t++) {
        const c = cost[t * p + k];
        if (c !== Infinity) {
          count++;
          total += c;
        }
      }
      if (count > bestCount || (count === bestCount && total < bestTotal)) {
        bestCount = count;
        bestTotal = total;
        global = k;
      }
    }
  }
  const anchor = Int32Array.from(candidates, (c, g) => {
    if (ok[g][global]) return global;
    let best = c[0];
    for (const k of c) if (geneCost[g][k] < geneCost[g][best]) best = k;
    return best;
  });
  let geneMemory: Float64Array | undefined;
  if (prob.memory && prob.capacity) {
    geneMemory = new Float64Array(genes);
    for (let t = 0; t < n; t++) geneMemory[geneOf[t]] += prob.memory[t];
  }
  const ru = upwardRank(prob);
  const ties = options.ties ?? 'lower';
  let baseOrder = Float64Array.from(ru, (r) => -r);
  if (ties === 'higher') {
    // Distinct positions: rank_u descending, ties to the higher index.
    const order = Array.from({ length: n }, (_, t) => t).sort((a, b) => ru[b] - ru[a] || b - a);
    baseOrder = new Float64Array(n);
    order.forEach((t, i) => (baseOrder[t] = i));
  }
  const geneRank = new Float64Array(genes).fill(-Infinity);
  for (let t = 0; t < n; t++) if (ru[t] > geneRank[geneOf[t]]) geneRank[geneOf[t]] = ru[t];
  return { prob, geneOf, genes, candidates, anchor, geneMemory, evolveOrder: options.evolveOrder ?? false, baseOrder, geneRank, ties };
}

/** Evaluation and operators over a space, with one reusable evaluator. */
export class SearchKit {
  readonly evaluator: Evaluator;
  private readonly proc: Int32Array;
  private readonly load: Float64Array;
  private readonly inverse: Int32Array;

  constructor(readonly space: SearchSpace) {
    this.evaluator = new Evaluator(space.prob);
    this.proc = new Int32Array(space.prob.n);
    this.load = new Float64Array(space.prob.p);
    this.inverse = new Int32Array(space.prob.n);
  }

  /** Per-task processors of a solution. */
  placement(genes: Int32Array): Int32Array {
    const { geneOf } = this.space;
    for (let t = 0; t < geneOf.length; t++) this.proc[t] = genes[geneOf[t]];
    return this.proc;
  }

  /** §8 makespan of a solution (also stored in `fitness`). */
  evaluate(s: Solution): number {
    s.fitness = this.evaluator.makespan(this.placement(s.genes), s.prio ?? this.space.baseOrder);
    return s.fitness;
  }

  get evaluations(): number {
    return this.evaluator.calls;
  }

  /** Memory feasibility of a gene vector (always true without a memory model). */
  feasible(genes: Int32Array): boolean {
    const { geneMemory, prob } = this.space;
    if (!geneMemory || !prob.capacity) return true;
    this.load.fill(0);
    for (let g = 0; g < genes.length; g++) this.load[genes[g]] += geneMemory[g];
    for (let k = 0; k < prob.p; k++) if (this.load[k] > prob.capacity[k]) return false;
    return true;
  }

  /** A random solution: genes uniform over candidates; a random priority permutation when the order evolves. */
  random(rng: Rng): Solution {
    const genes = Int32Array.from(this.space.candidates, (c) => c[rng.int(c.length)]);
    let prio: Float64Array | null = null;
    if (this.space.evolveOrder) {
      const perm = rng.shuffle(Array.from({ length: this.space.prob.n }, (_, i) => i));
      prio = Float64Array.from(perm);
    }
    return { genes, prio, fitness: Infinity };
  }

  /** Particle 0: every gene on its anchor; priorities in rank_u order. */
  anchored(): Solution {
    const genes = Int32Array.from(this.space.anchor);
    let prio: Float64Array | null = null;
    if (this.space.evolveOrder) {
      const order = Array.from({ length: this.space.prob.n }, (_, i) => i).sort((a, b) => this.space.baseOrder[a] - this.space.baseOrder[b] || a - b);
      prio = new Float64Array(order.length);
      order.forEach((t, i) => (prio![t] = i));
    }
    return { genes, prio, fitness: Infinity };
  }

  /**
   * A list schedule projected onto the encoding: each gene takes the
   * processor that runs the largest share of its tasks' run time in the
   * schedule (ties: the lower index; a processor that is not a candidate of
   * the whole gene falls back to the gene's anchor); with an evolving order,
   * the priorities are the schedule's start order. One gene per task and an
   * evolving order reproduce the list schedule's placement and order exactly.
   */
  project(schedule: DagSchedule): Solution {
    const { prob, geneOf, genes: G, candidates, anchor } = this.space;
    const { p, cost } = prob;
    const share = new Float64Array(G * p);
    for (let t = 0; t < prob.n; t++) {
      const k = schedule.proc[t];
      share[geneOf[t] * p + k] += cost[t * p + k] === Infinity ? 0 : cost[t * p + k] + 1e-300;
    }
    const genes = Int32Array.from({ length: G }, (_, g) => {
      let best = -1;
      for (let k = 0; k < p; k++) if (share[g * p + k] > 0 && (best < 0 || share[g * p + k] > share[g * p + best])) best = k;
      return best >= 0 && candidates[g].includes(best) ? best : anchor[g];
    });
    let prio: Float64Array | null = null;
    if (this.space.evolveOrder) {
      prio = new Float64Array(prob.n);
      schedule.order.forEach((t, i) => (prio![t] = i));
    }
    return { genes, prio, fitness: Infinity };
  }

  clone(s: Solution): Solution {
    return { genes: s.genes.slice(), prio: s.prio ? s.prio.slice() : null, fitness: s.fitness };
  }

  /** One random gene → a different random candidate; with an order, also swap two random priority values. */
  mutate(s: Solution, rng: Rng): void {
    const g = rng.int(this.space.genes);
    const c = this.space.candidates[g];
    if (c.length > 1) {
      let k = c[rng.int(c.length - 1)];
      if (k === s.genes[g]) k = c[c.length - 1];
      s.genes[g] = k;
    }
    if (s.prio && s.prio.length > 1) {
      const i = rng.int(s.prio.length);
      let j = rng.int(s.prio.length - 1);
      if (j >= i) j++;
      const t = s.prio[i];
      s.prio[i] = s.prio[j];
      s.prio[j] = t;
    }
  }

  /** Two distinct cut points a < b in [0, len). */
  private cuts(len: number, rng: Rng): [number, number] {
    const a = rng.int(len);
    let b = rng.int(len - 1);
    if (b >= a) b++;
    return a < b ? [a, b] : [b, a];
  }

  /** Copies genes a..b (and the priority segment) from `partner` into `s`. */
  crossover(s: Solution, partner: Solution, rng: Rng): void {
    const G = this.space.genes;
    if (G >= 2) {
      const [a, b] = this.cuts(G, rng);
      for (let i = a; i <= b; i++) s.genes[i] = partner.genes[i];
    }
    if (s.prio && partner.prio && s.prio.length >= 2) {
      const [a, b] = this.cuts(s.prio.length, rng);
      this.copyPrioritySegment(s.prio, partner.prio, a, b);
    }
  }

  /** Swaps segment a..b of two solutions' genes (GA two-point crossover); priorities by copy-and-fix each way. */
  swapSegments(x: Solution, y: Solution, rng: Rng): void {
    const G = this.space.genes;
    if (G >= 2) {
      const [a, b] = this.cuts(G, rng);
      for (let i = a; i <= b; i++) {
        const t = x.genes[i];
        x.genes[i] = y.genes[i];
        y.genes[i] = t;
      }
    }
    if (x.prio && y.prio && x.prio.length >= 2) {
      const [a, b] = this.cuts(x.prio.length, rng);
      const xOld = x.prio.slice();
      this.copyPrioritySegment(x.prio, y.prio, a, b);
      this.copyPrioritySegment(y.prio, xOld, a, b);
    }
  }

  private copyPrioritySegment(child: Float64Array, partner: Float64Array, a: number, b: number): void {
    const inv = this.inverse;
    for (let i = 0; i < child.length; i++) inv[child[i]] = i;
    for (let i = a; i <= b; i++) {
      const v = partner[i];
      const j = inv[v];
      if (j === i) continue;
      const old = child[i];
      child[i] = v;
      child[j] = old;
      inv[v] = i;
      inv[old] = j;
    }
  }

  /**
   * Memory repair: while a processor is over capacity, move a random gene off
   * it — to its anchor if that has room, else to the candidate with the most
   * free memory.
   */
  repair(s: Solution, rng: Rng): void {
    const { geneMemory, prob, anchor, candidates } = this.space;
    if (!geneMemory || !prob.capacity) return;
    const cap = prob.capacity;
    const load = new Float64Array(prob.p);
    for (let g = 0; g < s.genes.length; g++) load[s.genes[g]] += geneMemory[g];
    for (let k = 0; k < prob.p; k++) {
      let guard = s.genes.length;
      while (load[k] > cap[k] && guard-- > 0) {
        const on: number[] = [];
        for (let g = 0; g < s.genes.length; g++) if (s.genes[g] === k && candidates[g].length > 1) on.push(g);
        if (on.length === 0) break;
        const g = on[rng.int(on.length)];
        let to = anchor[g];
        if (to === k || load[to] + geneMemory[g] > cap[to]) {
          to = -1;
          for (const c of candidates[g]) if (c !== k && (to < 0 || cap[c] - load[c] > cap[to] - load[to])) to = c;
        }
        s.genes[g] = to;
        load[k] -= geneMemory[g];
        load[to] += geneMemory[g];
      }
    }
  }

  /** Local search on `count` distinct random genes: every other candidate, keep strict feasible improvements. `s.fitness` must be current. */
  localSearch(s: Solution, rng: Rng, count: number): void {
    const G = this.space.genes;
    const m = Math.min(count, G);
    const picked = new Set<number>();
    while (picked.size < m) picked.add(rng.int(G));
    for (const g of picked) {
      const keep = s.genes[g];
      let best = keep;
      let bestFit = s.fitness;
      for (const k of this.space.candidates[g]) {
        if (k === keep) continue;
        s.genes[g] = k;
        if (!this.feasible(s.genes)) continue;
        const f = this.evaluator.makespan(this.placement(s.genes), s.prio ?? this.space.baseOrder);
        if (f < bestFit) {
          bestFit = f;
          best = k;
        }
      }
      s.genes[g] = best;
      s.fitness = bestFit;
    }
  }
}
