/**
 * Block coarsening of a service's piece graph — the "latency path" phases of
 * the poster (Multiple-DNN-Scheduling@de588b2; mdnn.md §5), a heavy-edge
 * matching as in METIS, restricted to pieces with the same piece index.
 *
 * Edge weight τ(a→b) = bytes / b̄; initial block rank = rank_u of the piece.
 * 1. Every piece starts as its own block.
 * 2. Phase 1 (θ = 2k): while #blocks ≥ θ, run a pass: visit blocks by (rank,
 *    id) both descending; for each unvisited block i, mark it; among its
 *    successor blocks j with the same piece index (canonical: not yet visited
 *    in this pass; `variant: 'original'` allows visited ones) take the
 *    largest τ(i→j) (ties: lower id); merge j into i: rank = max, edges
 *    summed, the i–j edge dropped, id = min(i, j); mark j. End the pass as
 *    soon as #blocks < θ. After a pass that leaves ≥ θ, save a snapshot.
 * 3. Phase 2: restart from the last snapshot (none: the start) and run passes
 *    until #blocks ≤ k, ending a pass as soon as that holds.
 * A pass that merges nothing ends its phase (the graph cannot shrink
 * further). `variant: 'original'` also keeps, in phase 2, the ranks phase 1
 * ended with (mgp.py restores the snapshot's graph but not its rank array: a
 * snapshot block takes the rank of the phase-1 block that contains it) and
 * merges only along edges of positive weight. (The original also feeds the
 * joint DAG's rank_u indexed by the service's local piece ids — see
 * src/scenarios/dag/services.ts.) The FM refinement (phase III) is commented out in the original
 * and not implemented.
 */
export interface CoarseningInput {
  /** Piece count, their piece index, rank_u, and edges (from, to, τ). */
  readonly n: number;
  readonly pieceIndex: ArrayLike<number>;
  readonly rank: ArrayLike<number>;
  readonly edges: readonly { from: number; to: number; weight: number }[];
}

interface Block {
  rank: number;
  pieceIndex: number;
  succ: Map<number, number>;
  pred: Map<number, number>;
  members: number[];
}

/** Returns blockOf[piece] ∈ 0..B−1 (blocks numbered by their smallest piece). */
export function coarsenBlocks(input: CoarseningInput, k: number, variant: 'canonical' | 'original' = 'canonical'): Int32Array {
  const init = (): Map<number, Block> => {
    const blocks = new Map<number, Block>();
    for (let i = 0; i < input.n; i++) blocks.set(i, { rank: input.rank[i], pieceIndex: input.pieceIndex[i], succ: new Map(), pred: new Map(), members: [i] });
    for (const e of input.edges) {
      const a = blocks.get(e.from)!;
      const b = blocks.get(e.to)!;
      a.succ.set(e.to, (a.succ.get(e.to) ?? 0) + e.weight);
      b.pred.set(e.from, (b.pred.get(e.from) ?? 0) + e.weight);
    }
    return blocks;
  };
  const clone = (blocks: Map<number, Block>): Map<number, Block> => {
    const out = new Map<number, Block>();
    for (const [id, b] of blocks) out.set(id, { rank: b.rank, pieceIndex: b.pieceIndex, succ: new Map(b.succ), pred: new Map(b.pred), members: [...b.members] });
    return out;
  };
  const merge = (blocks: Map<number, Block>, i: number, j: number): number => {
    const keep = Math.min(i, j);
    const drop = Math.max(i, j);
    const a = blocks.get(keep)!;
    const b = blocks.get(drop)!;
    a.rank = Math.max(a.rank, b.rank);
    a.members.push(...b.members);
    a.succ.delete(drop);
    a.pred.delete(drop);
    for (const [s, w] of b.succ) {
      if (s === keep) continue;
      a.succ.set(s, (a.succ.get(s) ?? 0) + w);
      const sb = blocks.get(s)!;
      sb.pred.delete(drop);
      sb.pred.set(keep, (sb.pred.get(keep) ?? 0) + w);
    }
    for (const [q, w] of b.pred) {
      if (q === keep) continue;
      a.pred.set(q, (a.pred.get(q) ?? 0) + w);
      const qb = blocks.get(q)!;
      qb.succ.delete(drop);
      qb.succ.set(keep, (qb.succ.get(keep) ?? 0) + w);
    }
    blocks.delete(drop);
    return keep;
  };
  /** One pass; stops once `done()` holds. Returns the number of merges. */
  const pass = (blocks: Map<number, Block>, done: () => boolean): number => {
    const order = [...blocks.keys()].sort((x, y) => blocks.get(y)!.rank - blocks.get(x)!.rank || y - x);
    const visited = new Set<number>();
    let merges = 0;
    for (const i0 of order) {
      if (done()) break;
      if (visited.has(i0) || !blocks.has(i0)) continue;
      visited.add(i0);
      const bi = blocks.get(i0)!;
      let best = -1;
      let bestW = -Infinity;
      for (const [j, w] of bi.succ) {
        if (blocks.get(j)!.pieceIndex !== bi.pieceIndex) continue;
        if (variant === 'canonical' && visited.has(j)) continue;
        if (variant === 'original' && !(w > 0)) continue;
        if (w > bestW || (w === bestW && j < best)) {
          best = j;
          bestW = w;
        }
      }
      if (best < 0) continue;
      visited.add(best);
      const kept = merge(blocks, i0, best);
      visited.add(kept);
      merges++;
    }
    return merges;
  };
  const theta = 2 * k;
  let blocks = init();
  let snapshot = clone(blocks);
  while (blocks.size >= theta) {
    if (pass(blocks, () => blocks.size < theta) === 0) break;
    if (blocks.size >= theta) snapshot = clone(blocks);
  }
  if (variant === 'original') {
    const finalRank = new Float64Array(input.n);
    for (const b of blocks.values()) for (const m of b.members) finalRank[m] = b.rank;
    for (const b of snapshot.values()) b.rank = finalRank[b.members[0]];
  }
  blocks = snapshot;
  while (blocks.size > k) {
    if (pass(blocks, () => blocks.size <= k) === 0) break;
  }
  const ids = [...blocks.values()].map((b) => Math.min(...b.members)).sort((x, y) => x - y);
  const number = new Map(ids.map((id, i) => [id, i]));
  const out = new Int32Array(input.n);
  for (const b of blocks.values()) {
    const id = number.get(Math.min(...b.members))!;
    for (const m of b.members) out[m] = id;
  }
  return out;
}
