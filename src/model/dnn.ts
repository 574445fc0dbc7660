/**
 * DNN models as layer graphs, shared by the DAG level (partitioning and
 * placement over edge devices) and the real-time level (layer-granular
 * request scheduling on sub-accelerators).
 *
 * Shapes are (H, W, C) feature maps. Residual adds and concatenations are not
 * layers: a consumer lists all its producers in `preds` (as the
 * Multiple-DNN-Scheduling profiles do; shared/specs/mdnn.md §2).
 */

/** The operator of a layer: convolution, depthwise convolution, max/average pooling, or fully connected. */
export type LayerKind = 'conv' | 'depthwise-conv' | 'maxpool' | 'avgpool' | 'fc';

/**
 * One layer of a DNN: its operator, input and output shapes (H, W, C), MACs
 * and work, weight and activation sizes in bytes, and its producers.
 */
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
  /**
   * Bytes received from each producer, aligned with `preds` (for a source
   * layer: one entry, the raw input from the request device). Optional;
   * absent means each producer's `outputBytes` (source: `inputBytes`).
   * The Multiple-DNN-Scheduling profiles carry their own figures here.
   */
  readonly inBytesByPred?: readonly number[];
  /**
   * Bytes the layer declares it sends to each successor (by name), when a
   * source lists them (the Multiple-DNN-Scheduling profiles' `out_bytes`;
   * 20 GoogLeNet and 8 ResNet-50 entries differ from the consumer's
   * `inBytesByPred`). Only the original's ranks read them.
   */
  readonly outBytesBySucc?: Readonly<Record<string, number>>;
  /**
   * Memory the layer occupies on a device, bytes (weights + input
   * activations, mdnn.md §2). Optional; absent means weightBytes + inputBytes.
   */
  readonly memoryBytes?: number;
  /** Workload-proxy coefficient of the Multiple-DNN-Scheduling profiles (mdnn.md §2), if any. */
  readonly coef?: number;
}

/**
 * A DNN as a layer graph in topological order (see the module header), with
 * the unit of its layers' `work` and its source; `dnnModel(name)` gives the
 * zoo's models.
 */
export interface DnnModel {
  readonly name: string;
  /** Layers in a topological order. */
  readonly layers: readonly DnnLayer[];
  /** "flops" or "mdnn-proxy" (see DnnLayer.work). */
  readonly workloadUnit: 'flops' | 'mdnn-proxy';
  /** Where the architecture/figures come from (paper, repository@commit). */
  readonly source: string;
  /** Input image shape (H, W, C) of the source layer(s). Optional. */
  readonly inputShape?: readonly [number, number, number];
  /** Per-request deadline of the source profile, s (mdnn.md §2: 0.08 s, used only by an unused utility). Optional. */
  readonly deadlineSeconds?: number;
}

/**
 * The part of a layer an analytical cost model needs: operator, shapes, MACs
 * and tensor sizes (no graph, no work unit). Every `DnnLayer` is one.
 */
export type DnnLayerShape = Pick<DnnLayer, 'name' | 'kind' | 'inH' | 'inW' | 'inC' | 'outH' | 'outW' | 'outC' | 'k' | 'stride' | 'pad' | 'macs' | 'weightBytes' | 'inputBytes' | 'outputBytes'>;

/**
 * A model as a chain of layer shapes in topological order (what the real-time
 * level runs); every `DnnModel` is one. `source` names where the shapes come from.
 */
export interface DnnShapeModel {
  readonly name: string;
  readonly layers: readonly DnnLayerShape[];
  readonly source: string;
}

/** Memory a layer occupies on a device, bytes: `memoryBytes`, else weights + input activations. */
export function layerMemoryBytes(layer: DnnLayer): number {
  return layer.memoryBytes ?? layer.weightBytes + layer.inputBytes;
}

/** Bytes a layer receives from its i-th producer (`inBytesByPred[i]`, else that producer's output bytes). */
export function layerInBytes(model: DnnModel, layer: DnnLayer, i: number): number {
  if (layer.inBytesByPred && i < layer.inBytesByPred.length) return layer.inBytesByPred[i];
  const p = model.layers.find((l) => l.name === layer.preds[i]);
  if (!p) throw new Error(`layer ${layer.name}: no producer ${layer.preds[i]} in ${model.name}`);
  return p.outputBytes;
}
