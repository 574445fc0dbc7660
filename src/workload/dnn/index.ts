/**
 * The DNN zoo: every model Allot knows as a layer graph (`DnnModel`).
 *
 * - AlexNet, GoogLeNet, ResNet-50: from the bundled Multiple-DNN-Scheduling
 *   profiles (work = that repository's workload proxy; needs the data file,
 *   see src/data/mdnn-profiles.ts).
 * - VGG-16, MobileNetV2: built from their published architectures (work in
 *   FLOPs; no data file needed).
 *
 * Stable API: `dnnModelNames()`, `dnnModel(name)`, `hasDnnModel(name)`.
 * Models are immutable values; each call builds (profiled ones: from the
 * cached, validated profiles).
 */
import type { DnnModel } from '../../model/dnn.js';
import { mdnnModel, MDNN_MODEL_NAMES, type MdnnModelName } from './mdnn-models.js';
import { vgg16 } from './vgg16.js';
import { mobileNetV2 } from './mobilenet-v2.js';

const builders: Record<string, () => DnnModel> = {
  AlexNet: () => mdnnModel('AlexNet'),
  GoogLeNet: () => mdnnModel('GoogLeNet'),
  'ResNet-50': () => mdnnModel('ResNet-50'),
  'VGG-16': vgg16,
  MobileNetV2: mobileNetV2,
};

/** Names accepted by `dnnModel`, in a stable order. */
export function dnnModelNames(): string[] {
  return Object.keys(builders);
}

/** True if `name` is a zoo model (exact name). */
export function hasDnnModel(name: string): boolean {
  return Object.hasOwn(builders, name);
}

/** True if the model's figures come from the bundled data file (needs `mdnn/mdnn_profiles.json`). */
export function isProfiledModel(name: string): name is MdnnModelName {
  return (MDNN_MODEL_NAMES as readonly string[]).includes(name);
}

/**
 * A zoo model by exact name. Throws a RangeError naming the known models for
 * an unknown name, and an InputError when a profiled model's data file is
 * missing.
 */
export function dnnModel(name: string): DnnModel {
  const b = hasDnnModel(name) ? builders[name] : undefined;
  if (!b) throw new RangeError(`unknown DNN model "${name}" (known: ${dnnModelNames().join(', ')})`);
  return b();
}

/** Σ work of a model's layers (FLOPs or the mdnn proxy, see `workloadUnit`). */
export function totalWork(model: DnnModel): number {
  let s = 0;
  for (const l of model.layers) s += l.work;
  return s;
}

export { mdnnModel, mdnnShapeModel, MDNN_MODEL_NAMES, type MdnnModelName } from './mdnn-models.js';
export { vgg16 } from './vgg16.js';
export { mobileNetV2 } from './mobilenet-v2.js';
export { ArchBuilder, type Tensor } from './arch-builder.js';
