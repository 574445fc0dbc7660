/**
 * N concurrent DNN services over request devices, D helper devices and an
 * edge server, as one DagProblem (mdnn.md §1–2, §7).
 *
 * Topology: service n's input starts on request device n (a Raspberry Pi
 * 4B); helpers follow the pattern [RPi, RPi, TX2] (the first D are used); one
 * edge server. The cloud is a placeholder in the original and never a
 * candidate, so it is not a processor here. Candidates of service n's
 * pieces, in order: [request device n, helpers 0..D−1, edge]; every other
 * processor has run time Infinity. Processors are listed as
 * [request 0..N−1, helpers 0..D−1, edge].
 *
 * Run times: src/model/device.ts `computeSeconds`; links: `linkBandwidth`
 * (same device 20 GiB/s, edge 13,107,200 B/s, device–device Shannon rate);
 * memory: piece memory vs device capacity. Service n runs
 * `models[n mod models.length]` (default AlexNet, GoogLeNet, ResNet-50).
 *
 * `averages: 'original'` sets the rank averages of the original code
 * (mdnn.md §7): w̄_t = work_t / mean(freq/intensity) over its 21 devices (10
 * RPi request devices, 9 helpers, edge, cloud) and the three profiled models
 * — our reading of "all 15 model slots", since only three models are
 * profiled — or work_t / mean(FLOP/s) for FLOP models; b̄ = 13,107,200 B/s.
 *
 * `averages: 'original'` also makes the ranks (rank_u, OCT) charge each
 * layer-wise edge at the producer's declared output bytes (`rankBytes`, the
 * original's `get_output_data_size`), where the evaluator charges the
 * consumer's input bytes.
 *
 * `requestDevice: 'original'` reproduces the C++ evaluator of the original
 * (cpplib.cpp `get_edge_weight`), which reads the int64 per-task service
 * array as int32: task i (in the joint order) takes its input from request
 * device `serviceOf[i / 2]` when i is even and from request device 0 when i
 * is odd (the high word of a little-endian int64). Only the §8 evaluator
 * sees it (the original's Python list schedulers use the right device); it
 * adds 150,528 B / 13,107,200 B/s = 0.01148 s to a Local run of a service
 * whose source task lands on the wrong device.
 */
import type { DnnModel } from '../../model/dnn.js';
import { computeSeconds, linkBandwidth, MDNN_CATALOG, type Device, type DeviceCatalog, type DeviceType } from '../../model/device.js';
import { buildDagProblem, type DagProblem, type DagProblemSpec } from '../../dag/problem.js';
import type { PieceGraph } from './piece-graph.js';

export interface ServicesOptions {
  /** Helper devices used (the first D of the [RPi, RPi, TX2] pattern). */
  helpers: number;
  catalog?: DeviceCatalog;
  averages?: 'canonical' | 'original';
  /** Where the §8 evaluator takes each service's input from: its own request device, or the original's int32 misread (module header). Default 'exact'. */
  requestDevice?: 'exact' | 'original';
  /** Also build `stagingProblem`: the same problem plus the cloud as a last processor (the original greedy's starting place). */
  cloudStaging?: boolean;
}

/**
 * The request device the original's C++ evaluator charges task `i`'s input
 * from (its int64 → int32 misread, module header): `serviceOf[i / 2]` for even
 * i, 0 for odd i.
 */
export function misreadRequestDevice(serviceOf: ArrayLike<number>, i: number): number {
  return i % 2 === 0 ? serviceOf[i / 2] : 0;
}

export interface ServicesProblem {
  readonly problem: DagProblem;
  readonly devices: readonly Device[];
  /** Per task: its service, its piece (index into that service's graph). */
  readonly serviceOf: Int32Array;
  readonly pieceOf: Int32Array;
  /** Per service: [first task, end) in the problem. */
  readonly serviceRange: readonly [number, number][];
  readonly graphs: readonly PieceGraph[];
  /** Processor index of the edge server, and of each service's request device. */
  readonly edge: number;
  readonly requestDevice: readonly number[];
  /**
   * With `cloudStaging`: the problem plus the cloud as processor `edge + 1`
   * (run times at the cloud's speed, 1 GiB/s links, its memory). The
   * original's greedy starts every block there; it is never a candidate.
   */
  readonly stagingProblem?: DagProblem;
}

/** Helper device types for the first D helpers ([RPi, RPi, TX2] repeated). */
export function helperTypes(D: number, catalog: DeviceCatalog = MDNN_CATALOG): DeviceType[] {
  const pattern = [catalog.types.rpi4b, catalog.types.rpi4b, catalog.types.tx2];
  return Array.from({ length: D }, (_, i) => pattern[i % 3]);
}

function modelSeconds(work: number, model: DnnModel, type: DeviceType): number {
  return computeSeconds(work, model.name, model.workloadUnit, type);
}

/** Builds the joint problem of the services' piece graphs (service n = graphs[n]). */
export function buildServicesProblem(graphs: readonly PieceGraph[], options: ServicesOptions): ServicesProblem {
  const catalog = options.catalog ?? MDNN_CATALOG;
  const N = graphs.length;
  const D = options.helpers;
  if (!(Number.isInteger(D) && D >= 0)) throw new RangeError(`helpers must be an integer ≥ 0, got ${D}`);
  const devices: Device[] = [
    ...graphs.map((_, n) => ({ id: `request-${n}`, type: catalog.types.rpi4b })),
    ...helperTypes(D, catalog).map((type, i) => ({ id: `helper-${i}`, type })),
    { id: 'edge', type: catalog.types.edge },
  ];
  const P = devices.length;
  const edge = P - 1;
  const requestDevice = graphs.map((_, n) => n);
  const tasks: DagProblemSpec['tasks'] = [];
  const edges: DagProblemSpec['edges'] = [];
  const serviceOf: number[] = [];
  const pieceOf: number[] = [];
  const serviceRange: [number, number][] = [];
  const avg: number[] = [];
  // Original averages (§7): the 21-device testbed including the cloud.
  const testbed: DeviceType[] = [...Array(10).fill(catalog.types.rpi4b), ...helperTypes(9, catalog), catalog.types.edge, catalog.types.cloud];
  const profiled = ['AlexNet', 'GoogLeNet', 'ResNet-50'];
  const meanProxyRate = testbed.reduce((s, t) => s + profiled.reduce((a, m) => a + t.freq / (t.intensity[m] ?? Infinity), 0), 0) / (testbed.length * profiled.length);
  const meanFlops = testbed.reduce((s, t) => s + t.flopsPerSecond, 0) / testbed.length;
  graphs.forEach((g, n) => {
    const first = tasks.length;
    const candidates = [n, ...Array.from({ length: D }, (_, i) => N + i), edge];
    const inputOf = new Map(g.inputs.map((i) => [i.piece, i.bytes]));
    g.pieces.forEach((piece, i) => {
      const cost = new Array<number>(P).fill(Infinity);
      for (const k of candidates) cost[k] = modelSeconds(piece.work, g.model, devices[k].type);
      const input = inputOf.get(i);
      tasks.push({ id: `s${n}/${piece.name}`, cost, memory: piece.memoryBytes, input: input === undefined ? undefined : { from: n, data: input }, group: `s${n}:${g.model.name}` });
      serviceOf.push(n);
      pieceOf.push(i);
      avg.push(g.model.workloadUnit === 'mdnn-proxy' ? piece.work / meanProxyRate : piece.work / meanFlops);
    });
    for (const e of g.edges) {
      const edge = { from: `s${n}/${g.pieces[e.from].name}`, to: `s${n}/${g.pieces[e.to].name}`, data: e.bytes };
      edges.push(options.averages === 'original' && e.rankBytes !== undefined ? { ...edge, rankData: e.rankBytes } : edge);
    }
    serviceRange.push([first, tasks.length]);
  });
  const bandwidth = devices.map((a) => devices.map((b) => linkBandwidth(a, b, catalog.network)));
  const spec: DagProblemSpec = {
    processors: devices.map((d) => d.id),
    tasks,
    edges,
    bandwidth,
    capacity: devices.map((d) => d.type.memoryBytes),
  };
  if (options.requestDevice === 'original') spec.evaluatorInputFrom = serviceOf.map((_, i) => requestDevice[misreadRequestDevice(serviceOf, i)]);
  if (options.averages === 'original') {
    spec.avgCostOverride = avg;
    spec.avgBandwidthOverride = catalog.network.edgeBps;
  }
  let stagingProblem: DagProblem | undefined;
  if (options.cloudStaging) {
    const cloud: Device = { id: 'cloud', type: catalog.types.cloud };
    const all = [...devices, cloud];
    stagingProblem = buildDagProblem(
      {
        ...spec,
        processors: all.map((d) => d.id),
        tasks: tasks.map((t, i) => ({ ...t, cost: [...t.cost, modelSeconds(graphs[serviceOf[i]].pieces[pieceOf[i]].work, graphs[serviceOf[i]].model, cloud.type)] })),
        bandwidth: all.map((a) => all.map((b) => linkBandwidth(a, b, catalog.network))),
        capacity: all.map((d) => d.type.memoryBytes),
      },
      'services',
    );
  }
  return {
    stagingProblem,
    problem: buildDagProblem(spec, 'services'),
    devices,
    serviceOf: Int32Array.from(serviceOf),
    pieceOf: Int32Array.from(pieceOf),
    serviceRange,
    graphs,
    edge,
    requestDevice,
  };
}
