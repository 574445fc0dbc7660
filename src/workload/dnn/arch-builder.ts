/**
 * A small shape-inferring builder for DNN layer graphs from published
 * architecture tables (used for VGG-16 and MobileNetV2).
 *
 * Conventions (the same as the profiled models, mdnn.md §2): 4 B per
 * activation/parameter value; the raw image arrives at 1 B/value; residual
 * adds and concatenations are not layers — a consumer lists all producers of
 * its input tensor in `preds`. Work is in FLOPs = 2 × MACs for conv, depthwise
 * conv and fc (depthwise: Hout·Wout·C·K² MACs, per the issue); pooling counts
 * one FLOP per window element (Hout·Wout·C·K²). Bias adds, batch norm and
 * activations are folded into their layer (not counted), as is customary in
 * FLOP tables (e.g. Sandler et al. 2018 Table 3 counts multiply-adds).
 * Output spatial size: ⌊(H + 2·pad − K)/stride⌋ + 1.
 */
import type { DnnLayer, DnnModel } from '../../model/dnn.js';

/** A tensor flowing between layers: its producers (empty = the raw input) and shape. */
export interface Tensor {
  readonly producers: readonly string[];
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

export class ArchBuilder {
  private readonly layers: DnnLayer[] = [];
  private readonly byName = new Map<string, DnnLayer>();

  constructor(
    readonly name: string,
    readonly source: string,
    private readonly inputShape: readonly [number, number, number],
  ) {}

  /** The raw input image tensor. */
  input(): Tensor {
    const [h, w, c] = this.inputShape;
    return { producers: [], h, w, c };
  }

  /** Element-wise residual add of tensors of equal shape: the consumer lists all producers. */
  add(a: Tensor, b: Tensor): Tensor {
    if (a.h !== b.h || a.w !== b.w || a.c !== b.c) throw new Error(`${this.name}: add of shapes ${a.h}x${a.w}x${a.c} and ${b.h}x${b.w}x${b.c}`);
    return { producers: [...a.producers, ...b.producers.filter((p) => !a.producers.includes(p))], h: a.h, w: a.w, c: a.c };
  }

  private push(layer: Omit<DnnLayer, 'preds' | 'inBytesByPred' | 'inputBytes' | 'memoryBytes' | 'inH' | 'inW' | 'inC'>, x: Tensor): Tensor {
    if (this.byName.has(layer.name)) throw new Error(`${this.name}: duplicate layer ${layer.name}`);
    const source = x.producers.length === 0;
    const inputBytes = source ? x.h * x.w * x.c : 4 * x.h * x.w * x.c;
    const inBytesByPred = source ? [inputBytes] : x.producers.map((p) => this.byName.get(p)!.outputBytes);
    const full: DnnLayer = {
      ...layer,
      inH: x.h,
      inW: x.w,
      inC: x.c,
      preds: [...x.producers],
      inBytesByPred,
      inputBytes,
      memoryBytes: layer.weightBytes + 4 * x.h * x.w * x.c,
    };
    this.layers.push(full);
    this.byName.set(full.name, full);
    return { producers: [full.name], h: full.outH, w: full.outW, c: full.outC };
  }

  private static out(size: number, k: number, stride: number, pad: number): number {
    const o = Math.floor((size + 2 * pad - k) / stride) + 1;
    if (o < 1) throw new Error(`non-positive output size for input ${size}, K=${k}, stride=${stride}, pad=${pad}`);
    return o;
  }

  /** Standard convolution, `cout` filters of K×K. */
  conv(name: string, x: Tensor, cout: number, k: number, stride = 1, pad = Math.floor(k / 2)): Tensor {
    const outH = ArchBuilder.out(x.h, k, stride, pad);
    const outW = ArchBuilder.out(x.w, k, stride, pad);
    const macs = outH * outW * cout * x.c * k * k;
    return this.push({ name, kind: 'conv', outH, outW, outC: cout, k, stride, pad, macs, work: 2 * macs, weightBytes: 4 * (k * k * x.c * cout + cout), outputBytes: 4 * outH * outW * cout }, x);
  }

  /** Depthwise convolution (one K×K filter per channel): Hout·Wout·C·K² MACs. */
  depthwise(name: string, x: Tensor, k: number, stride = 1, pad = Math.floor(k / 2)): Tensor {
    const outH = ArchBuilder.out(x.h, k, stride, pad);
    const outW = ArchBuilder.out(x.w, k, stride, pad);
    const macs = outH * outW * x.c * k * k;
    return this.push({ name, kind: 'depthwise-conv', outH, outW, outC: x.c, k, stride, pad, macs, work: 2 * macs, weightBytes: 4 * (k * k * x.c + x.c), outputBytes: 4 * outH * outW * x.c }, x);
  }

  /** Max or average pooling, K×K windows. */
  pool(name: string, x: Tensor, kind: 'maxpool' | 'avgpool', k: number, stride = k, pad = 0): Tensor {
    const outH = ArchBuilder.out(x.h, k, stride, pad);
    const outW = ArchBuilder.out(x.w, k, stride, pad);
    const ops = outH * outW * x.c * k * k;
    return this.push({ name, kind, outH, outW, outC: x.c, k, stride, pad, macs: ops, work: ops, weightBytes: 0, outputBytes: 4 * outH * outW * x.c }, x);
  }

  /** Fully connected layer over the flattened input, `cout` neurons. */
  fc(name: string, x: Tensor, cout: number): Tensor {
    const cin = x.h * x.w * x.c;
    const macs = cin * cout;
    return this.push({ name, kind: 'fc', outH: 1, outW: 1, outC: cout, macs, work: 2 * macs, weightBytes: 4 * (cin * cout + cout), outputBytes: 4 * cout }, x);
  }

  build(): DnnModel {
    return { name: this.name, layers: [...this.layers], workloadUnit: 'flops', source: this.source, inputShape: this.inputShape };
  }
}
