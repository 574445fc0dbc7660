/**
 * A DAG scheduling problem: tasks with a run time per processor, data edges,
 * and a link model — the input of every scheduler in src/dag.
 *
 * Units: run times and transfer times in seconds; edge `data` either in
 * seconds (no bandwidth matrix: an edge costs `data` s between different
 * processors and 0 on the same one, the convention of Topcuoglu et al. 2002)
 * or in bytes with a bandwidth matrix in bytes/s (transfer = data / B[a][b];
 * an infinite entry — `null` in JSON — is a free link, e.g. the diagonal).
 *
 * Invariants (checked by `buildDagProblem`, which throws InputError naming
 * the field): task and processor ids unique; every cost ≥ 0 or `Infinity`
 * (= the task may not run there; at least one finite per task); edges join
 * known tasks, no self loops, no duplicates, acyclic; bandwidths > 0.
 * Optional: memory per task and capacity per processor (bytes), and an
 * external input per task (bytes that must arrive from a fixed processor
 * before it may start — a DNN service's raw image on its request device).
 */
import { InputError } from '../errors.js';
import { TaskHeap } from './heap.js';
import type { DagProblem, DagProblemSpec } from '../model/dag.js';

export type { DagProblem, DagProblemSpec };

/** Transfer time of `data` from processor a to b, seconds. */
export function transferTime(prob: DagProblem, data: number, a: number, b: number): number {
  if (data === 0) return 0;
  return data / prob.bandwidth[a * prob.p + b];
}

/**
 * Copies one task's run times into `cost` from `offset`: 1 if one is finite,
 * 0 if all are infinite, −1 − k if run time k is not a number ≥ 0. A small
 * function called per task is optimised sooner than the loop inlined in
 * `buildDagProblem` (a 10,000 × 100 problem has a million run times).
 */
function copyRunTimes(row: readonly number[], cost: Float64Array, offset: number, p: number): number {
  let finite = 0;
  for (let k = 0; k < p; k++) {
    const c = row[k];
    if (!(c >= 0)) return -1 - k;
    if (Number.isFinite(c)) finite = 1;
    cost[offset + k] = c;
  }
  return finite;
}

/**
 * Builds and checks a problem. Throws InputError (source = `source`, location = the field) on violations,
 * and RangeError when `spec.costMatrix` is not n × p.
 */
export function buildDagProblem(spec: DagProblemSpec, source = 'input'): DagProblem {
  const p = spec.processors.length;
  const n = spec.tasks.length;
  if (p === 0) throw new InputError('need at least one processor', source, 'processors');
  if (n === 0) throw new InputError('need at least one task', source, 'tasks');
  const procSeen = new Set<string>();
  spec.processors.forEach((id, k) => {
    if (procSeen.has(id)) throw new InputError(`duplicate processor id "${id}"`, source, `processors[${k}]`);
    procSeen.add(id);
  });
  const index = new Map<string, number>();
  const given = spec.costMatrix;
  if (given && given.length !== n * p) throw new RangeError(`costMatrix: expected ${n} × ${p} run times, got ${given.length}`);
  const cost = given ?? new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const t = spec.tasks[i];
    if (index.set(t.id, i).size === i) throw new InputError(`duplicate task id "${t.id}"`, source, `tasks[${i}].id`);
    if (given) continue;
    const row = t.cost;
    if (row.length !== p) throw new InputError(`expected ${p} run times (one per processor), got ${row.length}`, source, `tasks[${i}].cost`);
    const r = copyRunTimes(row, cost, i * p, p);
    if (r < 0) throw new InputError(`run time must be ≥ 0, got ${row[-1 - r]}`, source, `tasks[${i}].cost[${-1 - r}]`);
    if (r === 0) throw new InputError('task can run on no processor (all run times infinite)', source, `tasks[${i}].cost`);
  }
  const { from, to, data, forward, ranked } = indexEdges(spec.edges, index, n, source);
  const m = from.length;
  const s = compressedRows(n, from, to, data);
  const pr = compressedRows(n, to, from, data);
  let succRankData: Float64Array | undefined;
  if (ranked) {
    const fill = s.off.slice(0, n);
    succRankData = new Float64Array(m);
    spec.edges.forEach((e, j) => {
      const r = e.rankData ?? e.data;
      if (!(r >= 0) || !Number.isFinite(r)) throw new InputError(`rankData must be a finite number ≥ 0, got ${r}`, source, `edges[${j}].rankData`);
      succRankData![fill[from[j]]++] = r;
    });
  }
  const { topo, waiting } = forward ? { topo: identityOrder(n), waiting: undefined } : kahnLowestFirst(n, s.off, s.adj, pr.off);
  if (waiting) {
    const stuck = spec.tasks.filter((_, i) => waiting[i] > 0).slice(0, 3).map((t) => t.id);
    throw new InputError(`the task graph has a cycle (through ${stuck.join(', ')})`, source, 'edges');
  }
  const bandwidth = new Float64Array(p * p);
  if (spec.bandwidth) {
    if (spec.bandwidth.length !== p) throw new InputError(`expected a ${p}×${p} matrix`, source, 'bandwidth');
    spec.bandwidth.forEach((row, a) => {
      if (row.length !== p) throw new InputError(`expected ${p} entries`, source, `bandwidth[${a}]`);
      row.forEach((v, b) => {
        const bw = v === null ? Infinity : v;
        if (!(bw > 0)) throw new InputError(`bandwidth must be > 0 bytes/s (or null for a free link), got ${v}`, source, `bandwidth[${a}][${b}]`);
        bandwidth[a * p + b] = bw;
      });
    });
  } else {
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) bandwidth[a * p + b] = a === b ? Infinity : 1;
  }
  let memory: Float64Array | undefined;
  let capacity: Float64Array | undefined;
  if (spec.capacity) {
    if (spec.capacity.length !== p) throw new InputError(`expected ${p} capacities`, source, 'capacity');
    capacity = Float64Array.from(spec.capacity);
    memory = Float64Array.from(spec.tasks, (t) => t.memory ?? 0);
  }
  let inputProc: Int32Array | undefined;
  let inputData: Float64Array | undefined;
  if (spec.tasks.some((t) => t.input)) {
    inputProc = new Int32Array(n).fill(-1);
    inputData = new Float64Array(n);
    spec.tasks.forEach((t, i) => {
      if (!t.input) return;
      if (!(t.input.from >= 0 && t.input.from < p)) throw new InputError(`unknown processor index ${t.input.from}`, source, `tasks[${i}].input.from`);
      inputProc![i] = t.input.from;
      inputData![i] = t.input.data;
    });
  }
  let evaluatorInputProc: Int32Array | undefined;
  if (spec.evaluatorInputFrom) {
    if (spec.evaluatorInputFrom.length !== n) throw new InputError(`expected ${n} entries (one per task)`, source, 'evaluatorInputFrom');
    evaluatorInputProc = Int32Array.from(spec.evaluatorInputFrom, (k, i) => {
      if (!inputProc || inputProc[i] < 0) return -1;
      if (!(Number.isInteger(k) && k >= 0 && k < p)) throw new InputError(`unknown processor index ${k}`, source, `evaluatorInputFrom[${i}]`);
      return k;
    });
  }
  return {
    taskIds: spec.tasks.map((t) => t.id),
    procIds: [...spec.processors],
    n,
    p,
    cost,
    succOff: s.off,
    succ: s.adj,
    succData: s.data,
    predOff: pr.off,
    pred: pr.adj,
    predData: pr.data,
    succRankData,
    bandwidth,
    topo,
    memory,
    capacity,
    inputProc,
    inputData,
    evaluatorInputProc,
    avgCostOverride: spec.avgCostOverride ? Float64Array.from(spec.avgCostOverride) : undefined,
    avgBandwidthOverride: spec.avgBandwidthOverride,
    group: spec.tasks.some((t) => t.group !== undefined) ? spec.tasks.map((t) => t.group ?? '') : undefined,
  };
}

/** 0, 1, …, n − 1: Kahn's order (lowest index first) when every edge goes from a lower to a higher index. */
function identityOrder(n: number): Int32Array {
  const topo = new Int32Array(n);
  for (let i = 0; i < n; i++) topo[i] = i;
  return topo;
}

/**
 * Kahn's algorithm, lowest ready index first (a binary heap keeps it O((n + m) log n)). On a cycle, also the
 * predecessors each task still waits for (> 0 exactly on the tasks it could not order).
 */
function kahnLowestFirst(n: number, succOff: Int32Array, succ: Int32Array, predOff: Int32Array): { topo: Int32Array; waiting?: Int32Array } {
  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) indeg[i] = predOff[i + 1] - predOff[i];
  const heap = new TaskHeap(n);
  for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i, i);
  const topo = new Int32Array(n);
  let k = 0;
  while (heap.length > 0) {
    const v = heap.pop();
    topo[k++] = v;
    for (let e = succOff[v]; e < succOff[v + 1]; e++) {
      const w = succ[e];
      if (--indeg[w] === 0) heap.push(w, w);
    }
  }
  return k === n ? { topo } : { topo, waiting: indeg };
}

/**
 * The edges as task indices and data, checked in input order (InputError naming `edges[j]`: unknown task,
 * self loop, data not a finite number ≥ 0, duplicate); `forward` if every edge goes from a lower to a higher
 * task index, `ranked` if one has `rankData`.
 */
function indexEdges(edges: DagProblemSpec['edges'], index: Map<string, number>, n: number, source: string) {
  const m = edges.length;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const data = new Float64Array(m);
  const seenEdge = new Set<number>(); // a·n + b (exact: n² < 2⁵³ for any n that fits in memory)
  let forward = true;
  let ranked = false;
  for (let j = 0; j < m; j++) {
    const e = edges[j];
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined) throw new InputError(`unknown task "${e.from}"`, source, `edges[${j}].from`);
    if (b === undefined) throw new InputError(`unknown task "${e.to}"`, source, `edges[${j}].to`);
    if (a === b) throw new InputError('self loop', source, `edges[${j}]`);
    if (!(e.data >= 0) || !Number.isFinite(e.data)) throw new InputError(`data must be a finite number ≥ 0, got ${e.data}`, source, `edges[${j}].data`);
    const key = a * n + b;
    if (seenEdge.has(key)) throw new InputError(`duplicate edge ${e.from} → ${e.to}`, source, `edges[${j}]`);
    seenEdge.add(key);
    from[j] = a;
    to[j] = b;
    data[j] = e.data;
    if (a > b) forward = false;
    if (e.rankData !== undefined) ranked = true;
  }
  return { from, to, data, forward, ranked };
}

/** Compressed rows of the edges by `keys` (task indices): row i lists `vals[j]` and `data[j]` of its edges in input order. */
function compressedRows(n: number, keys: Int32Array, vals: Int32Array, data: Float64Array): { off: Int32Array; adj: Int32Array; data: Float64Array } {
  const off = rowOffsets(n, keys);
  const m = keys.length;
  const adj = new Int32Array(m);
  const rowData = new Float64Array(m);
  scatterRows(off.slice(0, n), keys, vals, data, adj, rowData);
  return { off, adj, data: rowData };
}

/** Row offsets (n + 1, prefix sums of the edge counts per key). */
function rowOffsets(n: number, keys: Int32Array): Int32Array {
  const off = new Int32Array(n + 1);
  for (let j = 0; j < keys.length; j++) off[keys[j] + 1]++;
  for (let i = 0; i < n; i++) off[i + 1] += off[i];
  return off;
}

/** Places edge j at its row's next free slot (`fill`, advanced). */
function scatterRows(fill: Int32Array, keys: Int32Array, vals: Int32Array, data: Float64Array, adj: Int32Array, rowData: Float64Array): void {
  for (let j = 0; j < keys.length; j++) {
    const pos = fill[keys[j]]++;
    adj[pos] = vals[j];
    rowData[pos] = data[j];
  }
}
