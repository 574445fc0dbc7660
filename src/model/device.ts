/**
 * IoT/edge/cloud devices and the link model of the DAG level
 * (shared/specs/mdnn.md §1; Multiple-DNN-Scheduling@de588b2 `config.py`).
 *
 * Compute time of `work` of a model on a device, seconds:
 * - profiled models (workload proxy, `workloadUnit: 'mdnn-proxy'`):
 *   work · intensity[device][model] / freq[device];
 * - any other model (work in FLOPs): work / flopsPerSecond[device].
 *
 * `flopsPerSecond` of the built-in types is OURS (no source gives the
 * effective FLOP/s of these testbed devices): it is calibrated so the three
 * profiled models take, in total, as long as the spec's table says —
 * Σ FLOPs(AlexNet, GoogLeNet, ResNet-50) / Σ their profiled run times, with
 * FLOPs = 2·MACs for conv/fc and one op per pooling window element. Users can
 * supply their own device file (`parseDeviceFile`).
 *
 * Transfer time = bytes / B(a, b), first matching rule (§1): same device
 * 20 GiB/s; cloud at either end 1 GiB/s; edge at either end 13,107,200 B/s;
 * device to device C·log2(1 + g·P/N0) / bandwidthRatio with C = 13,107,200
 * B/s, g = P = N0 = 1. No contention; transfers overlap compute.
 */
import { lazySchema } from '../config/lazy-schema.js';
import { InputError } from '../errors.js';
import { parseWith } from '../config/validate.js';

/** Where a device sits, which decides its link rule: an IoT device, the edge server or the cloud. */
export type DeviceKind = 'iot' | 'edge' | 'cloud';

/**
 * A device type of the DAG level (mdnn.md §1): its kind, proxy speed
 * (`freq`, with an intensity per profiled model), FLOP/s for FLOP-unit
 * models, memory capacity (bytes) and power range (W). Compute time: see the
 * module header.
 */
export interface DeviceType {
  /** e.g. "Raspberry Pi 4B". */
  readonly name: string;
  readonly kind: DeviceKind;
  /** Workload-proxy units per second (mdnn `freq`). */
  readonly freq: number;
  /** Proxy intensity per profiled model name (AlexNet, GoogLeNet, ResNet-50). */
  readonly intensity: Readonly<Record<string, number>>;
  /** FLOP/s for models whose work is in FLOPs. */
  readonly flopsPerSecond: number;
  /** Memory capacity, bytes. */
  readonly memoryBytes: number;
  /** Power range, W (energy is computed nowhere yet: weight 0 in the objective, §2). */
  readonly minPowerW: number;
  readonly maxPowerW: number;
}

/** A device instance in a topology. */
export interface Device {
  readonly id: string;
  readonly type: DeviceType;
}

/** Link constants, bytes/s. */
export interface NetworkSpec {
  readonly sameDeviceBps: number;
  readonly cloudBps: number;
  readonly edgeBps: number;
  /** Shannon channel: C·log2(1 + g·P/N0) / bandwidthRatio. */
  readonly channelBps: number;
  readonly gain: number;
  readonly power: number;
  readonly noise: number;
  readonly bandwidthRatio: number;
}

const GiB = 2 ** 30;

/** The spec's device table (mdnn.md §1), with our calibrated FLOP/s (see the module docs). */
export const MDNN_DEVICE_TYPES: Readonly<Record<'rpi4b' | 'tx2' | 'edge' | 'cloud', DeviceType>> = {
  rpi4b: { name: 'Raspberry Pi 4B', kind: 'iot', freq: 1.5e12, intensity: { AlexNet: 615, GoogLeNet: 1568, 'ResNet-50': 600 }, flopsPerSecond: 7.7043e9, memoryBytes: 2 * GiB, minPowerW: 5, maxPowerW: 10 },
  tx2: { name: 'Jetson TX2', kind: 'iot', freq: 2e12, intensity: { AlexNet: 301, GoogLeNet: 772, 'ResNet-50': 300 }, flopsPerSecond: 2.0799e10, memoryBytes: 8 * GiB, minPowerW: 7.5, maxPowerW: 15 },
  edge: { name: 'Edge Server', kind: 'edge', freq: 3.6e12, intensity: { AlexNet: 282, GoogLeNet: 698, 'ResNet-50': 280 }, flopsPerSecond: 4.055e10, memoryBytes: 24 * GiB, minPowerW: 80, maxPowerW: 200 },
  cloud: { name: 'Cloud Server', kind: 'cloud', freq: 100e12, intensity: { AlexNet: 282, GoogLeNet: 698, 'ResNet-50': 280 }, flopsPerSecond: 1.1264e12, memoryBytes: 24 * GiB, minPowerW: 80, maxPowerW: 200 },
};

/** The spec's link constants (mdnn.md §1), bytes/s: same device 20 GiB/s, cloud 1 GiB/s, edge and channel 13,107,200 B/s. */
export const MDNN_NETWORK: NetworkSpec = {
  sameDeviceBps: 20 * GiB,
  cloudBps: GiB,
  edgeBps: 13_107_200,
  channelBps: 13_107_200,
  gain: 1,
  power: 1,
  noise: 1,
  bandwidthRatio: 1,
};

/** Seconds to run `work` of model `modelName` (unit `workloadUnit`) on a device type. */
export function computeSeconds(work: number, modelName: string, workloadUnit: 'flops' | 'mdnn-proxy', type: DeviceType): number {
  if (workloadUnit === 'mdnn-proxy') {
    const i = type.intensity[modelName];
    if (i === undefined) throw new RangeError(`device ${type.name} has no intensity for model ${modelName}`);
    return (work * i) / type.freq;
  }
  return work / type.flopsPerSecond;
}

/** Link rate between two devices, bytes/s (first matching rule of mdnn.md §1). */
export function linkBandwidth(a: Device, b: Device, net: NetworkSpec = MDNN_NETWORK): number {
  if (a.id === b.id) return net.sameDeviceBps;
  if (a.type.kind === 'cloud' || b.type.kind === 'cloud') return net.cloudBps;
  if (a.type.kind === 'edge' || b.type.kind === 'edge') return net.edgeBps;
  return (net.channelBps * Math.log2(1 + (net.gain * net.power) / net.noise)) / net.bandwidthRatio;
}

const deviceTypeSchema = lazySchema((z) => z.strictObject({
  name: z.string().min(1),
  kind: z.enum(['iot', 'edge', 'cloud']),
  freq: z.number().positive(),
  intensity: z.record(z.string(), z.number().positive()).default({}),
  flopsPerSecond: z.number().positive(),
  memoryBytes: z.number().positive(),
  minPowerW: z.number().nonnegative().default(0),
  maxPowerW: z.number().nonnegative().default(0),
}));

const deviceFileSchema = lazySchema((z) => z.strictObject({
  deviceTypes: z.partialRecord(z.enum(['rpi4b', 'tx2', 'edge', 'cloud']), deviceTypeSchema.partial()).optional(),
  network: z
    .strictObject({
      sameDeviceBps: z.number().positive(),
      cloudBps: z.number().positive(),
      edgeBps: z.number().positive(),
      channelBps: z.number().positive(),
      gain: z.number().positive(),
      power: z.number().positive(),
      noise: z.number().positive(),
      bandwidthRatio: z.number().positive(),
    })
    .partial()
    .optional(),
}));

/** Device types and network after applying a user's device file. */
export interface DeviceCatalog {
  readonly types: Readonly<Record<'rpi4b' | 'tx2' | 'edge' | 'cloud', DeviceType>>;
  readonly network: NetworkSpec;
}

/** The built-in device types and network (no device file). */
export const MDNN_CATALOG: DeviceCatalog = { types: MDNN_DEVICE_TYPES, network: MDNN_NETWORK };

/**
 * Parses a user device file: `{deviceTypes?: {rpi4b|tx2|edge|cloud: {any
 * DeviceType field}}, network?: {any NetworkSpec field}}`, each field
 * overriding the built-in value. Throws InputError naming the field.
 */
export function parseDeviceFile(data: unknown, source: string): DeviceCatalog {
  const r = parseWith(deviceFileSchema, data, source);
  const types = { ...MDNN_DEVICE_TYPES };
  for (const [key, over] of Object.entries(r.deviceTypes ?? {})) {
    const k = key as keyof typeof types;
    const merged = { ...types[k], ...over };
    if (merged.maxPowerW < merged.minPowerW) throw new InputError('maxPowerW < minPowerW', source, `deviceTypes.${key}.maxPowerW`);
    types[k] = merged as DeviceType;
  }
  return { types, network: { ...MDNN_NETWORK, ...r.network } };
}
