/**
 * AlexNet, GoogLeNet and ResNet-50 as layer graphs, from the bundled
 * Multiple-DNN-Scheduling profiles (yhjh5302/Multiple-DNN-Scheduling@de588b2
 * `config.py`; shared/specs/mdnn.md §2–3).
 *
 * `work` is the repository's workload proxy (coef·Hout·Wout·Cout·Cin·K² for
 * conv, coef·Hout·Wout·Cout·K² for pooling, coef·Cout·(2·Hin·Win·Cin − 1) for
 * fc; `workloadUnit: 'mdnn-proxy'`), run on a device in
 * work·intensity[device][model]/freq[device] seconds. `macs` is recomputed
 * from the shapes (conv/fc multiply-accumulates; pooling: one op per window
 * element). Edge bytes are the profile's own `in_bytes` (they differ from the
 * producer's output size for a few GoogLeNet/ResNet-50 edges in the original;
 * kept as published). Memory = `weight_plus_input_bytes`.
 */
import type { DnnLayer, DnnLayerShape, DnnModel, DnnShapeModel, LayerKind } from '../../model/dnn.js';
import { MDNN_LAYER_SHAPES, MDNN_SOURCE_INPUT_BYTES } from './mdnn-layer-shapes.js';
import { loadMdnnProfiles, type MdnnLayerProfile, type MdnnProfiles } from '../../data/mdnn-profiles.js';

/** The three profiled models, in the order of the devices' intensity arrays. */
export const MDNN_MODEL_NAMES = ['AlexNet', 'GoogLeNet', 'ResNet-50'] as const;
export type MdnnModelName = (typeof MDNN_MODEL_NAMES)[number];

function kindOf(t: MdnnLayerProfile['type']): LayerKind {
  return t === 'cnn' ? 'conv' : t;
}

/** The shape columns of a layer (profile field names). */
type ShapeFields = Pick<MdnnLayerProfile, 'name' | 'type' | 'inH' | 'inW' | 'inC' | 'k' | 'stride' | 'pad' | 'outH' | 'outW' | 'outC'>;

/**
 * The shape-derived part of a layer (MACs, weight and activation bytes at
 * 4 B/value; a source layer reads `sourceInputBytes`). Shared by the
 * data-file models and the embedded shapes (mdnn-layer-shapes.ts).
 */
function shapeLayer(l: ShapeFields, sourceInputBytes: number | undefined): DnnLayerShape {
  const k = l.k ?? undefined;
  const kind = kindOf(l.type);
  const inValues = l.inH * l.inW * l.inC;
  const outValues = l.outH * l.outW * l.outC;
  let macs: number;
  let weightBytes: number;
  if (kind === 'conv') {
    macs = outValues * l.inC * k! * k!;
    weightBytes = 4 * (k! * k! * l.inC * l.outC + l.outC);
  } else if (kind === 'fc') {
    macs = inValues * l.outC;
    weightBytes = 4 * (inValues * l.outC + l.outC);
  } else {
    macs = outValues * k! * k!;
    weightBytes = 0;
  }
  return {
    name: l.name,
    kind,
    inH: l.inH,
    inW: l.inW,
    inC: l.inC,
    outH: l.outH,
    outW: l.outW,
    outC: l.outC,
    k,
    stride: l.stride ?? undefined,
    pad: l.pad ?? undefined,
    macs,
    weightBytes,
    inputBytes: sourceInputBytes ?? 4 * inValues,
    outputBytes: 4 * outValues,
  };
}

function toLayer(l: MdnnLayerProfile): DnnLayer {
  const isSource = l.preds.length === 0;
  return {
    ...shapeLayer(l, isSource ? (l.in_bytes as number) : undefined),
    work: l.workload,
    preds: [...l.preds],
    inBytesByPred: isSource ? [l.in_bytes as number] : [...(l.in_bytes as number[])],
    outBytesBySucc: Array.isArray(l.out_bytes) ? Object.fromEntries(l.succs.map((s, i) => [s, (l.out_bytes as number[])[i]])) : undefined,
    memoryBytes: l.weight_plus_input_bytes,
    coef: l.coef,
  };
}

/**
 * One of the three profiled models as a chain of layer shapes from the
 * embedded figures (mdnn-layer-shapes.ts): no data file needed. Its layers
 * equal the shape part of `mdnnModel(name)`'s (a test checks), so the
 * real-time cost model gives the same profile either way.
 */
export function mdnnShapeModel(name: MdnnModelName): DnnShapeModel {
  const rows = MDNN_LAYER_SHAPES[name];
  return {
    name,
    layers: rows.map(([lname, kind, inH, inW, inC, k, stride, pad, outH, outW, outC], i) =>
      shapeLayer({ name: lname, type: kind === 'conv' ? 'cnn' : (kind as MdnnLayerProfile['type']), inH, inW, inC, k, stride, pad, outH, outW, outC }, i === 0 ? MDNN_SOURCE_INPUT_BYTES : undefined),
    ),
    source: 'yhjh5302/Multiple-DNN-Scheduling@de588b2 config.py, layer shapes embedded (src/workload/dnn/mdnn-layer-shapes.ts)',
  };
}

/** Builds one profiled model from validated profiles (default: the bundled file). Throws on an unknown name. */
export function mdnnModel(name: MdnnModelName, profiles: MdnnProfiles = loadMdnnProfiles()): DnnModel {
  const m = profiles.models[name];
  if (!m) throw new Error(`profiles have no model "${name}" (have: ${Object.keys(profiles.models).join(', ')})`);
  const first = m.layers[0];
  return {
    name,
    layers: m.layers.map(toLayer),
    workloadUnit: 'mdnn-proxy',
    source: `${profiles.source} (Jin, Park & Lee, MobiHoc'22 poster)`,
    inputShape: [first.inH, first.inW, first.inC],
    deadlineSeconds: m.deadline_s,
  };
}
