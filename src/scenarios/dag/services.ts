/**
 * The multi-DNN placement problem of Multiple-DNN-Scheduling (mdnn.md):
 * N services (model n mod 3 by default) over D helpers, partitioned
 * layer-wise or piece-wise, as a DagProblem plus the search encoding:
 * - piece-wise: one gene per coarsened block (k = 21 blocks per service,
 *   src/workload/partitioning/block-coarsening.ts), order fixed to rank_u;
 * - layer-wise: one gene per partition plus an evolving priority permutation.
 * Also runs one algorithm on a plan with the scenario's conventions (CPOP
 * original pinned to the edge; searches anchored on the edge; local = each
 * service on its request device; edge-only = the edge server).
 */
import type { DnnModel } from '../../model/dnn.js';
import type { DeviceCatalog } from '../../model/device.js';
import { layerWisePartition } from '../../workload/partitioning/layer-wise.js';
import { pieceWisePartition } from '../../workload/partitioning/piece-wise.js';
import { buildServicesProblem, type ServicesProblem } from '../../workload/partitioning/services.js';
import { coarsenBlocks } from '../../workload/partitioning/block-coarsening.js';
import type { PieceGraph } from '../../workload/partitioning/piece-graph.js';
import { meanBandwidth, upwardRank } from '../../dag/ranks.js';
import { buildSearchSpace, type SearchSpace } from '../../dag/search-space.js';
import { dagScheduler, type DagAlgorithm, type DagAlgorithmOptions, type DagRunContext, type DagScheduler } from '../../dag/index.js';
import type { DagResult } from '../../dag/result.js';

/** How each DNN is split into tasks: by (merged) layers, or every layer cut into pieces. */
export type Partitioning = 'layer-wise' | 'piece-wise';

/**
 * Options of `planServices`: the models, N services, D helpers, the
 * partitioning and its options (pieces per layer, edge bytes, rank averages,
 * blocks per service and coarsening variant), and the device catalog.
 */
export interface PlanOptions {
  models: readonly DnnModel[];
  /** Number of services N (service n runs models[n mod models.length]). */
  services: number;
  /** Helper devices D (the first D of the [RPi, RPi, TX2] pattern). */
  helpers: number;
  partitioning: Partitioning;
  /** Piece-wise: pieces per layer P (default 3). */
  pieces?: number;
  /** Piece-wise: edge bytes into fc/avg-pool pieces (default 'exact'; mdnn.md §4). */
  edgeBytes?: 'exact' | 'original';
  /** Rank averages over candidate processors, or the original's (default 'canonical'; mdnn.md §7). */
  averages?: 'canonical' | 'original';
  /** Where the §8 evaluator takes each service's input from (default 'exact'; 'original' = the int32 misread, src/workload/partitioning/services.ts). */
  requestDevice?: 'exact' | 'original';
  /** Blocks per service for piece-wise coarsening (default 21). */
  blocksPerService?: number;
  /** Block-coarsening variant (default 'canonical'; src/workload/partitioning/block-coarsening.ts). */
  coarsening?: 'canonical' | 'original';
  /** Device types and network (default: the Multiple-DNN-Scheduling catalog). */
  catalog?: DeviceCatalog;
}

/**
 * N DNN services as one DAG problem (processors: request devices, helpers,
 * edge) with its partitioning and the search encoding of the module header.
 */
export interface ServicesPlan extends ServicesProblem {
  readonly partitioning: Partitioning;
  readonly space: SearchSpace;
  /** Coarsening 'original': the encoding over `stagingProblem` (cloud never a candidate), for the original greedy. */
  readonly stagingSpace?: SearchSpace;
}

/**
 * Builds the multi-DNN placement problem of the module header: partitions
 * each service's model (one partition per model, shared), joins them into one
 * `DagProblem` over request devices, D helpers and the edge, and builds the
 * search encoding. Throws RangeError for a bad helper count or piece count, or
 * when a gene's tasks share no candidate processor.
 */
export function planServices(o: PlanOptions): ServicesPlan {
  const graphs: PieceGraph[] = [];
  const cache = new Map<string, PieceGraph>();
  for (let n = 0; n < o.services; n++) {
    const model = o.models[n % o.models.length];
    let g = cache.get(model.name);
    if (!g) {
      g = o.partitioning === 'piece-wise' ? pieceWisePartition(model, { pieces: o.pieces, edgeBytes: o.edgeBytes }) : layerWisePartition(model);
      cache.set(model.name, g);
    }
    graphs.push(g);
  }
  const sp = buildServicesProblem(graphs, { helpers: o.helpers, catalog: o.catalog, averages: o.averages, requestDevice: o.requestDevice, cloudStaging: o.coarsening === 'original' });
  const prob = sp.problem;
  let geneOf: Int32Array | undefined;
  if (o.partitioning === 'piece-wise') {
    const ru = upwardRank(prob);
    const bbar = meanBandwidth(prob);
    geneOf = new Int32Array(prob.n);
    let base = 0;
    sp.serviceRange.forEach(([a, b], n) => {
      const g = graphs[n];
      const blockOf = coarsenBlocks(
        {
          n: b - a,
          pieceIndex: g.pieces.map((p) => p.pieceIndex),
          // The original (mgp.py) indexes the joint rank_u by local piece ids.
          rank: o.coarsening === 'original' ? ru.subarray(0, b - a) : ru.subarray(a, b),
          edges: g.edges.map((e) => ({ from: e.from, to: e.to, weight: e.bytes / bbar })),
        },
        o.blocksPerService ?? 21,
        o.coarsening,
      );
      let nb = 0;
      for (let i = 0; i < blockOf.length; i++) {
        geneOf![a + i] = base + blockOf[i];
        if (blockOf[i] + 1 > nb) nb = blockOf[i] + 1;
      }
      base += nb;
    });
  }
  const spaceOptions = { geneOf, anchor: sp.edge, evolveOrder: o.partitioning === 'layer-wise', ties: o.coarsening === 'original' ? ('higher' as const) : ('lower' as const) };
  const space = buildSearchSpace(prob, spaceOptions);
  const stagingSpace = sp.stagingProblem ? buildSearchSpace(sp.stagingProblem, { ...spaceOptions, exclude: sp.edge + 1 }) : undefined;
  return { ...sp, partitioning: o.partitioning, space, stagingSpace };
}

/**
 * Runs one configured algorithm on a plan: searches use the plan's encoding,
 * CPOP original pins the critical path to the edge server. `algorithm` may be
 * a name with options (a library shorthand) or a scheduler from the registry.
 */
export function runOnPlan(plan: ServicesPlan, algorithm: DagAlgorithm | DagScheduler, options: DagAlgorithmOptions & Pick<DagRunContext, 'seed' | 'onIteration'> = {}): DagResult {
  const { seed, onIteration, ...algoOptions } = options;
  const s = typeof algorithm === 'string' ? dagScheduler(algorithm, algoOptions) : algorithm;
  const home = Int32Array.from(plan.serviceOf, (n) => plan.requestDevice[n]);
  const staged = s.name === 'greedy' && s.variant === 'original' && plan.stagingSpace !== undefined;
  return s.schedule(staged ? plan.stagingSpace!.prob : plan.problem, {
    seed,
    space: staged ? plan.stagingSpace : plan.space,
    stagingProcessor: staged ? plan.edge + 1 : undefined,
    pinProcessor: s.variant === 'original' ? plan.edge : undefined,
    home,
    offloadTarget: plan.edge,
    onIteration,
  });
}
