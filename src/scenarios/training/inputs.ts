/**
 * Loading a training scenario's inputs: the trace (read and parsed by its
 * format's reader), the Gavel throughput table, and the cluster (a preset, a
 * cluster file or an inline object). Every file read is recorded with its
 * SHA-256 for provenance. Errors are InputErrors naming the file and line or
 * field. Paths are as given (relative to the working directory).
 */
import { join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { dataFile } from '../../data/data-dir.js';
import { readInputFile, parseDocumentText } from '../../data/input-files.js';
import { didYouMean, parseWith } from '../../config/validate.js';
import { parsePhillyCsv, type PhillyJob } from '../../data/philly-trace.js';
import { parseGavelTrace, type GavelTraceJob } from '../../data/gavel-trace.js';
import { parseGavelThroughputs, type GavelThroughputs } from '../../data/gavel-throughputs.js';
import { parseAllotJobCsv, type AllotJobRow } from '../../data/allot-job-csv.js';
import { parseSynergyRecord, type SynergyRecordRow } from '../../data/synergy-record.js';
import { parseIrfsimTrace, type IrfsimTraceRow } from '../../data/irfsim-trace.js';
import { parseOpenbNodes, parseOpenbPods, type OpenbPod } from '../../data/alibaba-openb.js';
import { sha256, type InputRef } from '../../provenance.js';
import type { HybridCluster, TrainingCluster } from '../../model/index.js';
import { CLUSTER_PRESETS, clusterFileSchema, clusterFromFile, clusterPreset } from '../../workload/training/cluster.js';
import { HYBRID_PRESETS, hybridClusterPreset, hybridClusterSchema } from '../../schedulers/hybrid/cluster.js';
import { readTraceHead } from '../load.js';
import { traceFormat } from './sniff.js';
import type { TrainingConfig } from './schema.js';

/** A parsed trace, by format. */
export type TraceData =
  | { format: 'philly'; path: string; jobs: PhillyJob[] }
  | { format: 'gavel'; path: string; jobs: GavelTraceJob[]; files: number; directory: boolean }
  | { format: 'openb'; path: string; pods: OpenbPod[] }
  | { format: 'allot-csv'; path: string; rows: AllotJobRow[] }
  | { format: 'synergy-record'; path: string; rows: SynergyRecordRow[] }
  | { format: 'irfsim'; path: string; rows: IrfsimTraceRow[] };

function readRecorded(path: string, what: string, inputs: InputRef[]): string {
  const text = readInputFile(path, what);
  inputs.push({ path, sha256: sha256(text) });
  return text;
}

/** Reads and parses a trace of any training format. */
export function readTrainingTrace(path: string, inputs: InputRef[]): TraceData {
  const head = readTraceHead(path);
  const format = traceFormat(path, head);
  switch (format) {
    case 'gavel-directory': {
      const files = readdirSync(path).filter((f) => f.endsWith('.trace')).sort();
      const jobs = files.flatMap((f) => {
        const p = join(path, f);
        return parseGavelTrace(readRecorded(p, 'trace', inputs), p, f.replace(/\.trace$/, ''));
      });
      return { format: 'gavel', path, jobs, files: files.length, directory: true };
    }
    case 'philly':
      return { format, path, jobs: parsePhillyCsv(readRecorded(path, 'trace', inputs), path) };
    case 'openb':
      return { format, path, pods: parseOpenbPods(readRecorded(path, 'trace', inputs), path) };
    case 'allot-csv':
      return { format, path, rows: parseAllotJobCsv(readRecorded(path, 'trace', inputs), path) };
    case 'synergy-record':
      return { format, path, rows: parseSynergyRecord(readRecorded(path, 'trace', inputs), path) };
    case 'irfsim':
      return { format, path, rows: parseIrfsimTrace(readRecorded(path, 'trace', inputs), path) };
    case 'gavel': {
      const tenant = path.split('/').pop()!.replace(/\.trace$/, '');
      return { format, path, jobs: parseGavelTrace(readRecorded(path, 'trace', inputs), path, tenant), files: 1, directory: false };
    }
    default:
      if (head === '') throw new InputError('directory holds no *.trace files (expected Gavel per-VC traces)', path);
      throw new InputError('unrecognised trace format (expected a Philly CSV, a Gavel .trace, an Alibaba openb pod list, an Allot job CSV, a job list recorded by Synergy or an IRFsim job trace)', path);
  }
}

/** The Gavel throughput table: the given file, else the bundled one. */
export function readThroughputs(path: string | undefined, inputs: InputRef[], where: string): GavelThroughputs {
  const p = path ?? dataFile('gavel/simulation_throughputs.json');
  if (!p) throw new InputError('a Gavel trace needs the throughput table: pass --throughputs FILE (gavel/simulation_throughputs.json)', where);
  const text = readRecorded(p, 'throughput table', inputs);
  return parseGavelThroughputs(parseDocumentText(text, p), p).consolidated;
}

/** A resolved cluster: GPU servers, or hybrid CPU/GPU slots. */
export type ResolvedCluster = { type: 'gpu'; cluster: TrainingCluster } | { type: 'hybrid'; cluster: HybridCluster };

/**
 * The cluster of a scenario: `spec` (preset name, cluster file path, or
 * inline object) or the format's default preset. `gpus` and `cpuNodes`
 * size a hybrid preset. A cluster file may hold either shape.
 */
export function resolveCluster(spec: TrainingConfig['cluster'], fallback: string, gpus: number | undefined, inputs: InputRef[], where: string, cpuNodes?: number): ResolvedCluster {
  if (spec !== undefined && typeof spec === 'object') return 'servers' in spec ? { type: 'gpu', cluster: clusterFromFile(spec, 'scenario cluster') } : { type: 'hybrid', cluster: { name: spec.name ?? 'custom', ...spec } as HybridCluster };
  const name = spec ?? fallback;
  if ((CLUSTER_PRESETS as readonly string[]).includes(name)) return { type: 'gpu', cluster: clusterPreset(name) };
  if ((HYBRID_PRESETS as readonly string[]).includes(name)) return { type: 'hybrid', cluster: hybridClusterPreset(name, gpus, cpuNodes) };
  if (name === 'alibaba-openb') {
    const p = dataFile('alibaba-openb/openb_node_list_gpu_node.csv');
    if (!p) throw new InputError('the alibaba-openb preset needs the bundled node list (alibaba-openb/openb_node_list_gpu_node.csv): set ALLOT_DATA_DIR', where);
    return { type: 'gpu', cluster: parseOpenbNodes(readRecorded(p, 'node list', inputs), p) };
  }
  if (!existsSync(name) && !/[/.]/.test(name)) {
    const presets = [...CLUSTER_PRESETS, 'alibaba-openb', ...HYBRID_PRESETS];
    throw new InputError(`unknown cluster "${name}"${didYouMean(name, presets)} (expected a preset — ${presets.join(', ')} — or a cluster file)`, where);
  }
  const text = readRecorded(name, 'cluster file', inputs);
  const data = parseDocumentText(text, name);
  if (data !== null && typeof data === 'object' && 'servers' in data) return { type: 'gpu', cluster: clusterFromFile(parseWith(clusterFileSchema, data, name), name) };
  const h = parseWith(hybridClusterSchema, data, name);
  return { type: 'hybrid', cluster: { ...h, name: h.name ?? name } };
}
