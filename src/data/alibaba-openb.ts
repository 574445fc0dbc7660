/**
 * Readers for Alibaba's openb GPU cluster (cluster-trace-gpu-v2023; Weng et
 * al., ATC'23; via hkust-adsl/kubernetes-scheduler-simulator, Apache-2.0):
 * - node list `sn,cpu_milli,memory_mib,gpu,model` → a `TrainingCluster`
 *   (cores = cpu_milli/1000, GB = memory_mib/1024, GPU model = accelerator type;
 *   nodes without GPUs are skipped);
 * - pod list `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,
 *   creation_time,deletion_time,scheduled_time` → pods (times in s).
 */
import { parseCsvRows } from './input-files.js';
import { InputError } from '../errors.js';
import type { ServerSpec, TrainingCluster } from '../workload/training/cluster.js';

const NODE_HEADER = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'];
const POD_HEADER = ['name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];

function rowsOf(text: string, source: string, header: string[]): string[][] {
  const rows = parseCsvRows(text, source);
  if (rows.length === 0 || rows[0].join(',') !== header.join(',')) throw new InputError(`expected the header "${header.join(',')}"`, source, 'line 1');
  for (let i = 1; i < rows.length; i++) if (rows[i].length !== header.length) throw new InputError(`expected ${header.length} fields, got ${rows[i].length}`, source, `line ${i + 1}`);
  return rows.slice(1);
}

function nonNeg(v: string, field: string, source: string, line: number, integer = false): number {
  const x = Number(v);
  if (v === '' || !Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x))) throw new InputError(`field "${field}": expected ${integer ? 'an integer' : 'a number'} ≥ 0, got "${v}"`, source, `line ${line}`);
  return x;
}

export function parseOpenbNodes(text: string, source: string): TrainingCluster {
  const rows = rowsOf(text, source, NODE_HEADER);
  const servers: ServerSpec[] = [];
  rows.forEach((r, i) => {
    const line = i + 2;
    const cores = nonNeg(r[1], 'cpu_milli', source, line) / 1000;
    const mem = nonNeg(r[2], 'memory_mib', source, line) / 1024;
    const gpus = nonNeg(r[3], 'gpu', source, line, true);
    if (gpus > 0 && r[4] === '') throw new InputError('field "model": expected a GPU model for a node with GPUs', source, `line ${line}`);
    if (gpus === 0) return;
    servers.push({ id: servers.length, gpuType: r[4], gpus, cores, memoryGb: mem });
  });
  if (servers.length === 0) throw new InputError('no GPU nodes', source);
  return { name: 'alibaba-openb', servers };
}

/** True when the first line is the openb pod-list header. */
export function looksLikeOpenbPods(head: string): boolean {
  return head.split(/\r?\n/, 1)[0].trim().replace(/^\uFEFF/, '') === POD_HEADER.join(',');
}

export interface OpenbPod {
  name: string;
  cores: number;
  memoryGb: number;
  gpus: number;
  /** Fraction of one GPU per GPU (gpu_milli/1000). */
  gpuShare: number;
  gpuSpec: string;
  qos: string;
  phase: string;
  creation: number;
  deletion: number;
  scheduled: number;
}

export function parseOpenbPods(text: string, source: string): OpenbPod[] {
  return rowsOf(text, source, POD_HEADER).map((r, i) => {
    const line = i + 2;
    const creation = nonNeg(r[8], 'creation_time', source, line);
    const deletion = nonNeg(r[9], 'deletion_time', source, line);
    if (deletion < creation) throw new InputError(`field "deletion_time": expected ≥ creation_time (${creation}), got ${deletion}`, source, `line ${line}`);
    return {
      name: r[0], cores: nonNeg(r[1], 'cpu_milli', source, line) / 1000, memoryGb: nonNeg(r[2], 'memory_mib', source, line) / 1024,
      gpus: nonNeg(r[3], 'num_gpu', source, line, true), gpuShare: nonNeg(r[4], 'gpu_milli', source, line) / 1000, gpuSpec: r[5], qos: r[6], phase: r[7],
      creation, deletion, scheduled: r[10] === '' ? -1 : nonNeg(r[10], 'scheduled_time', source, line),
    };
  });
}
