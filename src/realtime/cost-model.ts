/**
 * Analytical per-layer cost model: isolated latency c_{m,i,s} (s), bandwidth
 * demand b_{m,i,s} (GB/s) and energy e_{m,i,s} (J) of each layer of a DNN on
 * each sub-accelerator (shared/specs/realtime-drl.md §2.2 and §7: "c = MACs /
 * (PEs · util[dataflow, layer] · f_clk), b = bytes moved / c").
 *
 * Formula (ours, a roofline over a MAESTRO-style spatial-mapping utilisation):
 *   util = base[dataflow] · fold(d1, rows) · fold(d2, cols)
 *   fold(n, a) = n / (⌈n / a⌉ · a)          (fraction of PE lanes busy when n
 *                                            units are folded onto a lanes)
 * where (d1, d2) are the two layer dimensions each dataflow spreads over the
 * PE array (Kwon et al., "Understanding Reuse, Performance, and Hardware
 * Cost of DNN Dataflows", MICRO'19, Table 2; Herald HPCA'21 §II-B):
 *   NVDLA-like (weight stationary, C×K parallel):   d1 = Cin, d2 = Cout
 *       (depthwise conv: d1 = 1 — NVDLA parallelises input channels, which a
 *        depthwise layer reduces over one at a time)
 *   ShiDianNao-like (output stationary, Y×X parallel): d1 = Hout, d2 = Wout
 *   Eyeriss-like (row stationary, R×Y parallel):       d1 = k · min(⌊rows/k⌋, Cin),
 *       d2 = Hout (small filters are replicated over input channels to fill
 *       the rows, Chen et al., ISCA'16 §V; fc: k = 1, Hout = 1)
 * Pooling layers run on the same array with MACs = compare operations.
 *   compute time  t_c = MACs / (PEs · util · f_clk)
 *   bytes moved   D   = (weightBytes + inputBytes + outputBytes) · bytesPerValue / 4
 *                  (each tensor crosses DRAM once: single-pass, enough on-chip
 *                   buffering — ours; DnnLayer sizes are at 4 B/value, the
 *                   sub-accelerators compute in 16-bit: bytesPerValue = 2,
 *                   as MAESTRO's default data type)
 *   latency       c   = max(t_c, D / portBandwidth)
 *   bandwidth     b   = D / c      (≤ portBandwidth)
 *   energy        e   = c · activePower
 * Users can bypass the formula with their own per-layer table
 * (`ProfileTable`), e.g. from MAESTRO or Timeloop.
 */
import type { DnnLayerShape, DnnShapeModel } from '../model/dnn.js';
import { peCount, type Dataflow, type SubAccelerator, type SystemSpec } from './system.js';

/** Base mapping efficiency of each dataflow (control, pipeline fill) — ours. */
export const DATAFLOW_BASE_EFFICIENCY: Record<Dataflow, number> = { nvdla: 0.95, eyeriss: 0.85, shidiannao: 0.9 };

export interface LayerCost {
  /** Isolated latency (s). */
  latencyS: number;
  /** Average DRAM bandwidth demand while running (GB/s). */
  bandwidthGBps: number;
  /** Energy proxy (J). */
  energyJ: number;
}

/** Fraction of `lanes` busy when `n` units are folded onto them. */
export function foldEfficiency(n: number, lanes: number): number {
  const units = Math.max(1, Math.round(n));
  return units / (Math.ceil(units / lanes) * lanes);
}

/** Spatial utilisation (0..1] of a layer on a sub-accelerator (formula in the module docstring). */
export function mappingUtilization(layer: DnnLayerShape, s: SubAccelerator): number {
  let d1: number;
  let d2: number;
  switch (s.dataflow) {
    case 'nvdla':
      d1 = layer.kind === 'depthwise-conv' || layer.kind === 'maxpool' || layer.kind === 'avgpool' ? 1 : layer.inC;
      d2 = layer.outC;
      break;
    case 'shidiannao':
      d1 = layer.outH;
      d2 = layer.outW;
      break;
    case 'eyeriss': {
      const k = layer.kind === 'fc' ? 1 : (layer.k ?? 1);
      const channels = layer.kind === 'depthwise-conv' || layer.kind === 'maxpool' || layer.kind === 'avgpool' ? 1 : layer.inC;
      d1 = k * Math.max(1, Math.min(Math.floor(s.peRows / k), channels));
      d2 = layer.outH;
      break;
    }
  }
  return DATAFLOW_BASE_EFFICIENCY[s.dataflow] * foldEfficiency(d1, s.peRows) * foldEfficiency(d2, s.peCols);
}

/** MAC-equivalent operations of a layer (pooling: one compare per window element). */
export function layerOps(layer: DnnLayerShape): number {
  if (layer.macs > 0) return layer.macs;
  const k = layer.k ?? 1;
  return layer.outH * layer.outW * layer.outC * k * k;
}

/** Bytes per tensor element on the sub-accelerators (16-bit). */
export const BYTES_PER_VALUE = 2;

/** Cost of one layer on one sub-accelerator, isolated (no contention). */
export function layerCost(layer: DnnLayerShape, s: SubAccelerator, bytesPerValue = BYTES_PER_VALUE): LayerCost {
  const util = mappingUtilization(layer, s);
  const compute = layerOps(layer) / (peCount(s) * util * s.clockHz);
  const bytes = ((layer.weightBytes + layer.inputBytes + layer.outputBytes) * bytesPerValue) / 4;
  const memory = bytes / (s.portBandwidthGBps * 1e9);
  const latencyS = Math.max(compute, memory, 1e-9);
  return { latencyS, bandwidthGBps: bytes / latencyS / 1e9, energyJ: latencyS * s.activePowerW };
}

/**
 * Per-layer profile of one model on one system: c[i][s], b[i][s], e[i][s];
 * derived quantities used by every scheduler. Invariant: layers in the
 * model's topological order (a request runs them as a chain).
 */
export interface ModelProfile {
  readonly model: string;
  readonly layerNames: readonly string[];
  /** c[i][s]: isolated latency of layer i on sub-accelerator s (s). */
  readonly latencyS: readonly (readonly number[])[];
  /** b[i][s]: bandwidth demand (GB/s). */
  readonly bandwidthGBps: readonly (readonly number[])[];
  /** e[i][s]: energy (J). */
  readonly energyJ: readonly (readonly number[])[];
  /** min_s c[i][s] (s). */
  readonly minLatencyS: readonly number[];
  /** suffix[i] = Σ_{i' ≥ i} min_s c[i'][s] (s); suffix[K] = 0: the optimistic remaining latency from layer i. */
  readonly optimisticRemainingS: readonly number[];
  /** L_iso(m) = min_s Σ_i c[i][s]: the model alone on its best single sub-accelerator (§2.4). */
  readonly isolatedLatencyS: number;
}

/** Builds a profile from a per-layer table (c, b, e per layer and sub-accelerator). */
export function profileFromTable(model: string, layerNames: readonly string[], latencyS: number[][], bandwidthGBps: number[][], energyJ?: number[][]): ModelProfile {
  const K = layerNames.length;
  if (K === 0) throw new RangeError(`model ${model} has no layers`);
  const S = latencyS[0].length;
  const minLatencyS = latencyS.map((row) => Math.min(...row));
  const suffix = new Array<number>(K + 1).fill(0);
  for (let i = K - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + minLatencyS[i];
  let iso = Infinity;
  for (let s = 0; s < S; s++) {
    let sum = 0;
    for (let i = 0; i < K; i++) sum += latencyS[i][s];
    iso = Math.min(iso, sum);
  }
  return {
    model,
    layerNames,
    latencyS,
    bandwidthGBps,
    energyJ: energyJ ?? latencyS.map((row) => row.map(() => 0)),
    minLatencyS,
    optimisticRemainingS: suffix,
    isolatedLatencyS: iso,
  };
}

/** Profiles a DNN model (any chain of layer shapes, e.g. a zoo `DnnModel`) on a system with the analytical formula. */
export function profileModel(model: DnnShapeModel, system: SystemSpec): ModelProfile {
  const costs = model.layers.map((l) => system.subAccelerators.map((s) => layerCost(l, s)));
  return profileFromTable(
    model.name,
    model.layers.map((l) => l.name),
    costs.map((r) => r.map((c) => c.latencyS)),
    costs.map((r) => r.map((c) => c.bandwidthGBps)),
    costs.map((r) => r.map((c) => c.energyJ)),
  );
}
