/**
 * Training clusters: servers with GPUs of one accelerator type, CPU cores and
 * memory. Presets (all documented in README):
 * - `synergy`: Synergy's default, 16 servers × 8 GPUs (V100), 24 cores, 500 GB
 *   (msr-fiddle/synergy `configs/default_cluster.ini`; 128 GPUs).
 * - `philly`: Synergy's `philly_cluster.ini` size, 64 servers × 8 GPUs with the
 *   same per-server CPU/memory (512 GPUs); the Philly trace's largest job asks
 *   for 128 GPUs, and its mean GPU demand over its span is ≈ 374 GPUs.
 * - `gavel`: Gavel's heterogeneous 36 K80 + 36 P100 + 36 V100 (Narayanan et
 *   al., OSDI'20 §7), as 9 servers × 4 GPUs per type; CPU/memory per server
 *   (12 cores, 250 GB) are ours (3 cores and 62.5 GB per GPU, Synergy's fair share).
 * - `alibaba-openb`: the 1,213 GPU nodes of Alibaba's openb cluster (read from
 *   the bundled node list; GPU model = accelerator type).
 * The AlloX hybrid CPU/GPU cluster is a different model (slots): see
 * `src/schedulers/allox/hybrid-cluster.ts`.
 *
 * Cluster file (YAML or JSON):
 * ```yaml
 * name: my-cluster            # optional
 * servers:
 *   - { count: 16, gpus: 8, gpuType: V100, cores: 24, memoryGb: 500 }
 * ```
 */
import type { z } from 'zod';
import { lazySchema } from '../../config/lazy-schema.js';
import { InputError } from '../../errors.js';
import { parseWith } from '../../config/validate.js';
import type { ServerGroup, ServerSpec, TrainingCluster } from '../../model/training.js';

export type { ServerGroup, ServerSpec, TrainingCluster };

/** Builds a cluster from server groups (ids in group order). */
export function buildCluster(name: string, groups: readonly ServerGroup[]): TrainingCluster {
  const servers: ServerSpec[] = [];
  for (const g of groups) {
    for (let i = 0; i < g.count; i++) servers.push({ id: servers.length, gpuType: g.gpuType ?? 'V100', gpus: g.gpus, cores: g.cores, memoryGb: g.memoryGb });
  }
  return { name, servers };
}

/** A cluster of GPU servers: the cluster-file shape (YAML/JSON), also accepted inline in a training scenario. */
export const clusterFileSchema = lazySchema((z) => z.strictObject({
  name: z.string().min(1).optional(),
  servers: z
    .array(
      z.strictObject({
        count: z.number().int().min(1),
        gpus: z.number().int().min(1),
        gpuType: z.string().min(1).optional().describe('accelerator type (default V100)'),
        cores: z.number().positive().finite(),
        memoryGb: z.number().positive().finite(),
      }),
    )
    .min(1, 'expected at least one server group'),
}));

/** Builds a cluster from validated cluster-file data. */
export function clusterFromFile(data: z.output<typeof clusterFileSchema>, source: string): TrainingCluster {
  return buildCluster(data.name ?? source, data.servers);
}

/** Validates and builds a cluster file's data (already YAML/JSON-decoded); InputError naming the field on failure. */
export function parseClusterFile(data: unknown, source: string): TrainingCluster {
  return clusterFromFile(parseWith(clusterFileSchema, data, source), source);
}

/** Names of the built-in presets that need no data file. */
export const CLUSTER_PRESETS = ['synergy', 'philly', 'gavel'] as const;

/** A built-in preset by name; InputError for an unknown name. `alibaba-openb` needs the node list (see `readOpenbNodes`). */
export function clusterPreset(name: string): TrainingCluster {
  switch (name) {
    case 'synergy':
      return buildCluster('synergy', [{ count: 16, gpus: 8, gpuType: 'V100', cores: 24, memoryGb: 500 }]);
    case 'philly':
      return buildCluster('philly', [{ count: 64, gpus: 8, gpuType: 'V100', cores: 24, memoryGb: 500 }]);
    case 'gavel':
      return buildCluster('gavel', [
        { count: 9, gpus: 4, gpuType: 'k80', cores: 12, memoryGb: 250 },
        { count: 9, gpus: 4, gpuType: 'p100', cores: 12, memoryGb: 250 },
        { count: 9, gpus: 4, gpuType: 'v100', cores: 12, memoryGb: 250 },
      ]);
    default:
      throw new InputError(`unknown cluster preset "${name}" (expected one of: ${[...CLUSTER_PRESETS, 'alibaba-openb', 'allox'].join(', ')}, or a cluster file)`, '--cluster');
  }
}

/** Totals of a cluster. */
export function clusterTotals(c: TrainingCluster): { gpus: number; cores: number; memoryGb: number } {
  let gpus = 0, cores = 0, memoryGb = 0;
  for (const s of c.servers) {
    gpus += s.gpus;
    cores += s.cores;
    memoryGb += s.memoryGb;
  }
  return { gpus, cores, memoryGb };
}
