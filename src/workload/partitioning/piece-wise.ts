/**
 * Piece-wise partitioning (Jin, Park & Lee, MobiHoc'22 poster;
 * Multiple-DNN-Scheduling@de588b2; mdnn.md §4): every layer is cut into P
 * pieces (default 3), each with a piece index k.
 *
 * - conv, depthwise conv and max-pool: output-row bands. u = max(⌊Hout/P⌋, 1)
 *   (u − 1 for `conv1` of GoogLeNet and ResNet-50, as the original does);
 *   band k covers rows [k·u, (k+1)·u), the last runs to Hout (empty bands of
 *   tiny layers are dropped). The input rows a band needs are
 *   [max(a·S − pad, 0), min((b − 1)·S − pad + K, Hin)) — halo rows go to both
 *   neighbours. Work and memory scale by rows/Hout. One edge from every
 *   predecessor band that produced a needed row, bytes = needed rows ×
 *   (that producer's bytes per row: in_bytes / Hin, i.e. rows·Win·C·4).
 *   A source band receives its needed rows at 1 B/value from the request
 *   device.
 * - fc and avg-pool: P output-neuron groups, work and memory / P each.
 *
 * Edge bytes into fc/avg-pool pieces (`edgeBytes`, mdnn.md §4 table):
 * | consumer              | 'exact' (default)                         | 'original'                                  |
 * | fc after a band layer | every band → every group; band's output   | band k → group k only; band's output        |
 * | fc after fc/avg-pool  | every group → every group; output / P     | every group → every group; full output      |
 * | avg-pool              | every band → every group; band output / P | every band → every group; 4·C B             |
 * | band after a concat   | needed rows × the producer's row bytes    | needed rows × the consumer's row bytes (Win·Cin·4, all branches) |
 * Under 'original' the input rows of a band also follow the original's
 * formula (`originalInputRows`).
 * (A band layer after an fc/avg-pool, absent in the zoo, receives every
 * group's output.) Piece counts: P × layers (AlexNet 33, GoogLeNet 231,
 * ResNet-50 168 for P = 3).
 */
import type { DnnLayer, DnnModel } from '../../model/dnn.js';
import { layerInBytes, layerMemoryBytes } from '../../model/dnn.js';
import { mergeParallelEdges, type Piece, type PieceEdge, type PieceGraph } from './piece-graph.js';

export interface PieceWiseOptions {
  /** Pieces per layer (default 3). */
  pieces?: number;
  edgeBytes?: 'exact' | 'original';
}

const isBanded = (l: DnnLayer) => l.kind === 'conv' || l.kind === 'depthwise-conv' || l.kind === 'maxpool';

/** Rows per band u of a band layer (the last band takes the rest). */
function bandUnit(model: DnnModel, layer: DnnLayer, P: number): number {
  let u = Math.max(Math.floor(layer.outH / P), 1);
  if (layer.name === 'conv1' && (model.name === 'GoogLeNet' || model.name === 'ResNet-50')) u -= 1;
  return u;
}

/** Output-row bands [start, end) of a band layer. */
export function rowBands(model: DnnModel, layer: DnnLayer, P: number): [number, number][] {
  const u = bandUnit(model, layer, P);
  const out: [number, number][] = [];
  for (let k = 0; k < P; k++) {
    const a = k * u;
    const b = k === P - 1 ? layer.outH : Math.min((k + 1) * u, layer.outH);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** Input rows [lo, hi) needed to compute output rows [a, b) of a band layer. */
export function neededInputRows(layer: DnnLayer, a: number, b: number): [number, number] {
  const S = layer.stride ?? 1;
  const K = layer.k ?? 1;
  const pad = layer.pad ?? 0;
  return [Math.max(a * S - pad, 0), Math.min((b - 1) * S - pad + K, layer.inH)];
}

/**
 * Input rows [lo, hi) of band k as the original computes them
 * (dag_data_generator.py `cnn_partitioning`): lo = max(S·u·k − pad, 0) and
 * (rows − 1)·S + K − max(pad − S·u·k, pad − (Hin + 1) mod S − S·u·(P − 1 − k), 0)
 * rows from there. It differs from `neededInputRows` by a row or two at the
 * last band of some strided layers (e.g. AlexNet conv1's raw input: 83 rows,
 * not 85).
 */
export function originalInputRows(layer: DnnLayer, u: number, P: number, k: number, rows: number): [number, number] {
  const S = layer.stride ?? 1;
  const K = layer.k ?? 1;
  const pad = layer.pad ?? 0;
  const lo = Math.max(S * u * k - pad, 0);
  const height = (rows - 1) * S + K - Math.max(pad - S * u * k, pad - ((layer.inH + 1) % S) - S * u * (P - 1 - k), 0);
  return [lo, lo + height];
}

export function pieceWisePartition(model: DnnModel, options: PieceWiseOptions = {}): PieceGraph {
  const P = options.pieces ?? 3;
  if (!(Number.isInteger(P) && P >= 1)) throw new RangeError(`pieces must be an integer ≥ 1, got ${P}`);
  const original = options.edgeBytes === 'original';
  const pieces: Piece[] = [];
  const edges: PieceEdge[] = [];
  const inputs: { piece: number; bytes: number }[] = [];
  /** Per layer: its pieces (index into `pieces`), their output-row band (or null for groups). */
  const made = new Map<string, { ids: number[]; bands: ([number, number] | null)[]; layer: DnnLayer }>();
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  for (const layer of model.layers) {
    const mem = layerMemoryBytes(layer);
    const ids: number[] = [];
    const bands: ([number, number] | null)[] = [];
    if (isBanded(layer)) {
      for (const [k, [a, b]] of rowBands(model, layer, P).entries()) {
        const frac = (b - a) / layer.outH;
        ids.push(pieces.length);
        bands.push([a, b]);
        pieces.push({ name: `${layer.name}#${k}`, layers: [layer.name], pieceIndex: k, work: layer.work * frac, memoryBytes: mem * frac });
      }
    } else {
      for (let k = 0; k < P; k++) {
        ids.push(pieces.length);
        bands.push(null);
        pieces.push({ name: `${layer.name}#${k}`, layers: [layer.name], pieceIndex: k, work: layer.work / P, memoryBytes: mem / P });
      }
    }
    made.set(layer.name, { ids, bands, layer });
    const u = isBanded(layer) ? bandUnit(model, layer, P) : 0;
    const inputRows = (band: [number, number], i: number): [number, number] => (original ? originalInputRows(layer, u, P, i, band[1] - band[0]) : neededInputRows(layer, band[0], band[1]));
    const rawIn = layer.inBytesByPred?.[0] ?? layer.inputBytes;
    if (layer.preds.length === 0) {
      ids.forEach((id, i) => {
        const band = bands[i];
        if (band) {
          const [lo, hi] = inputRows(band, i);
          inputs.push({ piece: id, bytes: (rawIn * (hi - lo)) / layer.inH });
        } else inputs.push({ piece: id, bytes: rawIn });
      });
    }
    layer.preds.forEach((predName, j) => {
      const q = made.get(predName)!;
      const qLayer = byName.get(predName)!;
      const inBytes = layerInBytes(model, layer, j);
      const qBanded = isBanded(qLayer);
      ids.forEach((id, i) => {
        const band = bands[i];
        if (band) {
          // Band consumer. The original charges a row at the consumer's full
          // input width × channels, so each branch feeding a concatenation
          // costs as much as the whole concatenated input.
          const [lo, hi] = inputRows(band, i);
          const bandInBytes = original ? 4 * layer.inH * layer.inW * layer.inC : inBytes;
          q.ids.forEach((qid, qi) => {
            const qb = q.bands[qi];
            if (qb && qLayer.outH === layer.inH) {
              const rows = Math.min(hi, qb[1]) - Math.max(lo, qb[0]);
              if (rows > 0) edges.push({ from: qid, to: id, bytes: (bandInBytes * rows) / layer.inH });
            } else if (qb) {
              edges.push({ from: qid, to: id, bytes: (inBytes * (qb[1] - qb[0])) / qLayer.outH });
            } else {
              edges.push({ from: qid, to: id, bytes: inBytes / q.ids.length });
            }
          });
          return;
        }
        // Neuron-group consumer (fc, avg-pool).
        const k = pieces[id].pieceIndex;
        q.ids.forEach((qid, qi) => {
          const qb = q.bands[qi];
          const qOut = qb ? (inBytes * (qb[1] - qb[0])) / qLayer.outH : inBytes / q.ids.length;
          if (layer.kind === 'fc') {
            if (qBanded) {
              if (!original || pieces[qid].pieceIndex === k) edges.push({ from: qid, to: id, bytes: qOut });
            } else edges.push({ from: qid, to: id, bytes: original ? inBytes : qOut });
          } else {
            edges.push({ from: qid, to: id, bytes: original ? 4 * layer.inC : qOut / P });
          }
        });
      });
    });
  }
  return { model, partitioning: 'piece-wise', pieces, edges: mergeParallelEdges(edges), inputs };
}
