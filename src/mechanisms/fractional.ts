/**
 * Fractional allocations: splitting class-level amounts over identical
 * nodes, and token-share splits of nodes nobody values.
 */
import type { FractionalAllocation } from './types.js';

/**
 * Splits per-class amounts y[i][k] (Σ_i y_ik = |members[k]| nodes) over the
 * class's nodes in order ("staircase"): tenants in index order fill node
 * after node, so every node's column sums to 1 and each tenant's total is
 * kept. Each tenant spans at most ⌈y⌉+1 nodes of a class. Amounts below
 * 1e-12 are dropped.
 */
export function splitClassesOverNodes(y: ArrayLike<number>[], members: number[][], m: number): FractionalAllocation {
  const byNode: FractionalAllocation = Array.from({ length: m }, () => []);
  const n = y.length;
  members.forEach((nodes, k) => {
    let q = 0;
    let room = 1;
    for (let i = 0; i < n; i++) {
      let amount = y[i][k];
      while (amount > 1e-12 && q < nodes.length) {
        const take = Math.min(amount, room);
        byNode[nodes[q]].push({ tenant: i, x: take });
        amount -= take;
        room -= take;
        if (room <= 1e-12) {
          q++;
          room = 1;
        }
      }
    }
    // Exact column sums: fold rounding into the largest share of each node.
    for (const j of nodes) normaliseColumn(byNode[j]);
  });
  return byNode;
}

/** Scales a node's entries to sum to exactly 1 (no-op on an empty column). */
export function normaliseColumn(col: { tenant: number; x: number }[]): void {
  if (col.length === 0) return;
  let s = 0;
  for (const e of col) s += e.x;
  for (const e of col) e.x /= s;
  let s2 = 0;
  let big = 0;
  col.forEach((e, q) => {
    s2 += e.x;
    if (e.x > col[big].x) big = q;
  });
  col[big].x += 1 - s2;
}

/** Token-share split of one node over the given tenants (spec §4: a node nobody values). */
export function tokenShareColumn(tenants: number[], tokens: readonly number[]): { tenant: number; x: number }[] {
  const T = tenants.reduce((a, i) => a + tokens[i], 0);
  const col = tenants.map((i) => ({ tenant: i, x: tokens[i] / T }));
  normaliseColumn(col);
  return col;
}

/** Dense n × m matrix from a sparse allocation (for small inputs and tests). */
export function toDense(f: FractionalAllocation, n: number): number[][] {
  const out = Array.from({ length: n }, () => new Array(f.length).fill(0));
  f.forEach((col, j) => col.forEach((e) => (out[e.tenant][j] += e.x)));
  return out;
}
