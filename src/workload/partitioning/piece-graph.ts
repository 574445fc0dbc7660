/**
 * The result of partitioning one DNN: a DAG of pieces (a layer, a group of
 * merged layers, or a row band / neuron group of a layer) with the bytes on
 * each edge and the raw input each source piece receives from the request
 * device. Work in the model's unit (FLOPs or the mdnn proxy); bytes at
 * 4 B/value (raw image 1 B/value).
 *
 * Invariants: pieces listed in a topological order (edges go from lower to
 * higher index); no duplicate edges (parallel edges are summed).
 */
import type { DnnModel } from '../../model/dnn.js';
import { layerInBytes, layerMemoryBytes } from '../../model/dnn.js';

/**
 * One task of a partitioned DNN: a layer, merged layers, or a row band /
 * neuron group of a layer, with its work (the model's unit) and memory (bytes).
 */
export interface Piece {
  /** Unique within the graph, e.g. "conv1", "conv1#2", "conv1+maxpool1". */
  readonly name: string;
  /** Layers this piece computes (all or part of). */
  readonly layers: readonly string[];
  /** Piece index k ∈ 0..P−1 for piece-wise partitions; −1 for whole layers. */
  readonly pieceIndex: number;
  /** Work in the model's unit (FLOPs or the mdnn proxy). */
  readonly work: number;
  /** Memory it occupies on a device, bytes. */
  readonly memoryBytes: number;
}

/** A data dependency between two pieces (indices into `pieces`, from < to) and the bytes it carries. */
export interface PieceEdge {
  readonly from: number;
  readonly to: number;
  readonly bytes: number;
  /** Bytes the original's ranks charge (the producer's declared output, layer-wise only); absent = `bytes`. */
  readonly rankBytes?: number;
}

/**
 * A partitioned DNN (see the module header): its pieces in topological order,
 * the edges (bytes, parallel edges summed) and the raw input each source
 * piece receives from the request device.
 */
export interface PieceGraph {
  readonly model: DnnModel;
  /** "layer", "layer-wise", "piece-wise". */
  readonly partitioning: string;
  readonly pieces: readonly Piece[];
  readonly edges: readonly PieceEdge[];
  /** Source pieces and the raw-input bytes each receives from the request device. */
  readonly inputs: readonly { piece: number; bytes: number }[];
}

/** Sums parallel edges and sorts by (from, to). */
export function mergeParallelEdges(edges: readonly PieceEdge[]): PieceEdge[] {
  const m = new Map<string, PieceEdge>();
  for (const e of edges) {
    const key = `${e.from}>${e.to}`;
    const old = m.get(key);
    if (!old) m.set(key, e);
    else if (old.rankBytes === undefined && e.rankBytes === undefined) m.set(key, { from: e.from, to: e.to, bytes: old.bytes + e.bytes });
    else m.set(key, { from: e.from, to: e.to, bytes: old.bytes + e.bytes, rankBytes: (old.rankBytes ?? old.bytes) + (e.rankBytes ?? e.bytes) });
  }
  return [...m.values()].sort((a, b) => a.from - b.from || a.to - b.to);
}

/** The un-merged layer graph: one piece per layer, edge bytes = the consumer's `inBytesByPred`. */
export function layerGraph(model: DnnModel): PieceGraph {
  const index = new Map(model.layers.map((l, i) => [l.name, i]));
  const edges: PieceEdge[] = [];
  const inputs: { piece: number; bytes: number }[] = [];
  model.layers.forEach((l, i) => {
    if (l.preds.length === 0) inputs.push({ piece: i, bytes: l.inBytesByPred?.[0] ?? l.inputBytes });
    l.preds.forEach((p, j) => {
      const bytes = layerInBytes(model, l, j);
      const declared = model.layers[index.get(p)!].outBytesBySucc?.[l.name];
      edges.push(declared === undefined || declared === bytes ? { from: index.get(p)!, to: i, bytes } : { from: index.get(p)!, to: i, bytes, rankBytes: declared });
    });
  });
  return {
    model,
    partitioning: 'layer',
    pieces: model.layers.map((l) => ({ name: l.name, layers: [l.name], pieceIndex: -1, work: l.work, memoryBytes: layerMemoryBytes(l) })),
    edges: mergeParallelEdges(edges),
    inputs,
  };
}

/** Σ work of the pieces. */
export function graphWork(g: PieceGraph): number {
  let s = 0;
  for (const p of g.pieces) s += p.work;
  return s;
}
