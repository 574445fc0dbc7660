/** Hand-made systems, profiles and requests for the real-time tests (no DNN zoo needed). */
import { profileFromTable, type ModelProfile } from './cost-model.js';
import type { SubAccelerator, SystemSpec } from './system.js';
import type { InferenceRequest, ServicePair } from './workload.js';

export function tinySystem(subs: number, bandwidthGBps = 1e9, contention: 'fluid' | 'none' = 'none'): SystemSpec {
  const dfs = ['nvdla', 'eyeriss', 'shidiannao'] as const;
  const list: SubAccelerator[] = Array.from({ length: subs }, (_, s) => ({ id: `s${s}`, dataflow: dfs[s % 3], peRows: 4, peCols: 4, clockHz: 1e9, portBandwidthGBps: 10, activePowerW: 1 }));
  return { name: 'tiny', subAccelerators: list, bandwidthGBps, contention, interLayerTransferS: 0 };
}

/** A model whose layer i takes c[i][s] seconds on sub s, with bandwidth b[i][s] (default 0). */
export function tinyProfile(name: string, c: number[][], b?: number[][]): ModelProfile {
  return profileFromTable(name, c.map((_, i) => `${name}.l${i}`), c, b ?? c.map((r) => r.map(() => 0)));
}

/** One pair per model (tenant "t<i>"), target 0.9 unless given. */
export function tinyPairs(models: number, targets?: number[], priorities?: (1 | 3 | 9)[]): ServicePair[] {
  return Array.from({ length: models }, (_, i) => ({ index: i, tenant: `t${i}`, tenantIndex: i, model: `m${i}`, modelIndex: i, sloTarget: targets?.[i] ?? 0.9, weight: 1, premaPriority: priorities?.[i] ?? 1 }));
}

export function req(id: number, pair: number, arrivalS: number, deadlineS: number, premaPriority: 1 | 3 | 9 = 1): InferenceRequest {
  return { id, pair, arrivalS, deadlineS, premaPriority };
}
