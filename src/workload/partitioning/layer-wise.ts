/**
 * Layer-wise partitioning with the merge rule of Multiple-DNN-Scheduling
 * (mdnn.md §6): α = 1e-10 s/unit, β = 1/13,107,200 s/B. For each layer L of
 * the un-merged graph, in order:
 *  (1) if L has one predecessor P and P has one successor, merge P into L
 *      when α·work(L) < β·max(in_bytes(L));
 *  (2) else if L has one successor S and S has one predecessor, merge L into
 *      S when α·work(L) < β·max(out_bytes(L)).
 * The later layer absorbs the earlier one's work and memory and takes over
 * its predecessors and input bytes. `work(L)` is the layer's own work and
 * the structure (one predecessor / one successor) is that of the un-merged
 * graph. Published counts (the original): AlexNet 7, GoogLeNet 38,
 * ResNet-50 22 partitions (see layer-wise.test.ts for what this rule gives).
 */
import type { DnnModel } from '../../model/dnn.js';
import { layerGraph, mergeParallelEdges, type PieceGraph, type PieceEdge } from './piece-graph.js';

export interface LayerWiseOptions {
  /** s per work unit (default 1e-10). */
  alpha?: number;
  /** s per byte (default 1/13,107,200). */
  beta?: number;
}

export function layerWisePartition(model: DnnModel, options: LayerWiseOptions = {}): PieceGraph {
  const alpha = options.alpha ?? 1e-10;
  const beta = options.beta ?? 1 / 13_107_200;
  const g = layerGraph(model);
  const n = g.pieces.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  const inBytes: number[][] = Array.from({ length: n }, () => []);
  const outBytes: number[][] = Array.from({ length: n }, () => []);
  for (const e of g.edges) {
    preds[e.to].push(e.from);
    succs[e.from].push(e.to);
    inBytes[e.to].push(e.bytes);
    outBytes[e.from].push(e.bytes);
  }
  for (const inp of g.inputs) inBytes[inp.piece].push(inp.bytes);
  // Union-find; the representative of a group is its latest layer.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (earlier: number, later: number) => {
    const a = find(earlier);
    const b = find(later);
    if (a === b) return;
    if (a > b) parent[b] = a;
    else parent[a] = b;
  };
  const maxOf = (xs: number[]) => xs.reduce((m, x) => (x > m ? x : m), 0);
  for (let L = 0; L < n; L++) {
    const work = g.pieces[L].work;
    if (preds[L].length === 1 && succs[preds[L][0]].length === 1) {
      if (alpha * work < beta * maxOf(inBytes[L])) union(preds[L][0], L);
    } else if (succs[L].length === 1 && preds[succs[L][0]].length === 1) {
      if (alpha * work < beta * maxOf(outBytes[L])) union(L, succs[L][0]);
    }
  }
  const groupOf = new Int32Array(n);
  const reps: number[] = [];
  for (let i = 0; i < n; i++) if (find(i) === i) reps.push(i);
  // Groups ordered by their latest layer keeps a topological order.
  const rank = new Map(reps.map((r, i) => [r, i]));
  for (let i = 0; i < n; i++) groupOf[i] = rank.get(find(i))!;
  const members: number[][] = reps.map(() => []);
  for (let i = 0; i < n; i++) members[groupOf[i]].push(i);
  const pieces = members.map((ls) => ({
    name: ls.map((i) => g.pieces[i].name).join('+'),
    layers: ls.map((i) => g.pieces[i].name),
    pieceIndex: -1,
    work: ls.reduce((s, i) => s + g.pieces[i].work, 0),
    memoryBytes: ls.reduce((s, i) => s + g.pieces[i].memoryBytes, 0),
  }));
  const edges: PieceEdge[] = [];
  for (const e of g.edges) if (groupOf[e.from] !== groupOf[e.to]) edges.push({ from: groupOf[e.from], to: groupOf[e.to], bytes: e.bytes, ...(e.rankBytes === undefined ? {} : { rankBytes: e.rankBytes }) });
  const inputs = g.inputs.map((i) => ({ piece: groupOf[i.piece], bytes: i.bytes }));
  return { model, partitioning: 'layer-wise', pieces, edges: mergeParallelEdges(edges), inputs };
}
