/**
 * Multi-accelerator system model for layer-granular real-time scheduling
 * (shared/specs/realtime-drl.md §2.1): S sub-accelerators of different
 * dataflows and sizes sharing one off-chip DRAM bandwidth B.
 *
 * Units: clocks in Hz, bandwidths in GB/s (10^9 B/s), power in W.
 */

/** Dataflow styles after Herald (Kwon et al., HPCA'21) and MAESTRO (Kwon et al., MICRO'19). */
export type Dataflow = 'nvdla' | 'eyeriss' | 'shidiannao';
/** Every dataflow style, in declaration order. */
export const DATAFLOWS: readonly Dataflow[] = ['nvdla', 'eyeriss', 'shidiannao'];

/**
 * One sub-accelerator: a PE array of one dataflow, its clock (Hz), the DRAM
 * bandwidth its port can draw alone (GB/s) and its power while busy (W).
 */
export interface SubAccelerator {
  /** Unique id, used as the Gantt lane. */
  readonly id: string;
  readonly dataflow: Dataflow;
  /** PE array rows × columns (PEs = rows · cols). */
  readonly peRows: number;
  readonly peCols: number;
  /** Clock frequency (Hz). One MAC per PE per cycle. */
  readonly clockHz: number;
  /** Peak DRAM bandwidth this sub-accelerator's port can draw alone (GB/s). */
  readonly portBandwidthGBps: number;
  /** Power while busy (W), for the energy proxy busy-time × power. */
  readonly activePowerW: number;
}

/**
 * A multi-accelerator system (see the module header): S sub-accelerators
 * sharing one DRAM bandwidth B (GB/s), the contention model, and the
 * inter-layer transfer time (s). `defaultSystem()` gives the built-in one.
 */
export interface SystemSpec {
  readonly name: string;
  readonly subAccelerators: readonly SubAccelerator[];
  /** Shared DRAM bandwidth budget B (GB/s). */
  readonly bandwidthGBps: number;
  /** "fluid": co-running layers slow down by Σb/B when Σb > B (§2.3); "none": no contention. */
  readonly contention: 'fluid' | 'none';
  /** Extra time between two layers of a job that change sub-accelerator (s), default 0 (§2.5). */
  readonly interLayerTransferS: number;
}

/**
 * The default system, after the multi-accelerator settings of Herald
 * (heterogeneous dataflow accelerator: NVDLA-like + ShiDianNao-like
 * sub-accelerators sharing off-chip bandwidth) and MAGMA (Kao & Krishna,
 * HPCA'22, `maestro-project/magma` settings: 4 sub-accelerators, mixed
 * NVDLA-like and Eyeriss-like). The exact sizes here are ours (see README
 * "Real-time level" for every number and its status):
 * - 4 sub-accelerators: 2 × NVDLA-like 32×32, 1 × Eyeriss-like 16×32
 *   (Eyeriss v1 has a 12×14 array; we double-scale it), 1 × ShiDianNao-like 16×16;
 * - 1 GHz clocks; 25.6 GB/s port bandwidth each, 51.2 GB/s shared
 *   (LPDDR5-class: a 128-bit bus at 3.2 GT/s);
 * - active power 1 W per 1,024 PEs (order of magnitude of Eyeriss's
 *   278 mW at 168 PEs, scaled) — an energy proxy only.
 */
export function defaultSystem(): SystemSpec {
  const sub = (id: string, dataflow: Dataflow, peRows: number, peCols: number): SubAccelerator => ({
    id,
    dataflow,
    peRows,
    peCols,
    clockHz: 1e9,
    portBandwidthGBps: 25.6,
    activePowerW: (peRows * peCols) / 1024,
  });
  return {
    name: 'hda-4',
    subAccelerators: [sub('nvdla-0', 'nvdla', 32, 32), sub('nvdla-1', 'nvdla', 32, 32), sub('eyeriss-0', 'eyeriss', 16, 32), sub('shidiannao-0', 'shidiannao', 16, 16)],
    bandwidthGBps: 51.2,
    contention: 'fluid',
    interLayerTransferS: 0,
  };
}

/** Number of PEs of a sub-accelerator. */
export function peCount(s: SubAccelerator): number {
  return s.peRows * s.peCols;
}
