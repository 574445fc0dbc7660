/**
 * DNN models as layer graphs, shared by the DAG level (partitioning and
 * placement over edge devices) and the real-time level (layer-granular
 * request scheduling on sub-accelerators).
 *
 * Shapes are (H, W, C) feature maps. Residual adds and concatenations are not
 * layers: a consumer lists all its producers in `preds` (as the
 * Multiple-DNN-Scheduling profiles do; shared/specs/mdnn.md §2).
 */
export type LayerKind = 'conv' | 'depthwise-conv' | 'maxpool' | 'avgpool' | 'fc';

export interface DnnLayer {
  /** Unique within the model. */
  readonly name: string;
  readonly kind: LayerKind;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  /** Kernel size, stride and padding (undefined for fc). */
  readonly k?: number;
  readonly stride?: number;
  readonly pad?: number;
  /** Multiply-accumulate operations (MACs) of one inference of this layer. FLOPs = 2 × MACs. */
  readonly macs: number;
  /**
   * Work in the unit the model's compute speeds use: FLOPs by default, or the
   * Multiple-DNN-Scheduling workload proxy for its three bundled models
   * (`workloadUnit` on the model says which).
   */
  readonly work: number;
  /** Parameter bytes (weights + biases, 4 B/value). */
  readonly weightBytes: number;
  /** Input activation bytes (4 B/value; the raw image at 1 B/value for a source layer where the source says so). */
  readonly inputBytes: number;
  /** Output activation bytes (4 B/value). */
  readonly outputBytes: number;
  /** Names of producer layers (empty for the input layer). */
  readonly preds: readonly string[];
}

export interface DnnModel {
  readonly name: string;
  /** Layers in a topological order. */
  readonly layers: readonly DnnLayer[];
  /** "flops" or "mdnn-proxy" (see DnnLayer.work). */
  readonly workloadUnit: 'flops' | 'mdnn-proxy';
  /** Where the architecture/figures come from (paper, repository@commit). */
  readonly source: string;
}
