/**
 * Bipartite dependent rounding (Gandhi, Khuller, Parthasarathy & Srinivasan,
 * "Dependent rounding and its applications to approximation algorithms",
 * J. ACM 53(3), 2006; shared/specs/dice.md §4 `lottery`).
 *
 * Input: a fractional allocation with every node's column summing to 1.
 * Output: an integral assignment X with P[X_ij = 1] = x_ij exactly (ex-ante
 * marginals), each node given to exactly one tenant, and each tenant
 * receiving ⌊Σ_j x_ij⌋ or ⌈Σ_j x_ij⌉ nodes (degree preservation).
 *
 * Each step finds a cycle of fractional edges, or a maximal path (which ends
 * at tenants, since node vertices have 0 or ≥ 2 fractional edges), splits it
 * alternately into E1/E2 and moves α or β with probabilities β/(α+β) and
 * α/(α+β); at least one edge becomes integral per step. One PRNG draw per step.
 */
import type { Rng } from '../sim/rng.js';
import type { FractionalAllocation } from './types.js';

const TOL = 1e-9;

/**
 * Rounds the fractional allocation `f` (by node, columns summing to 1) of `n`
 * tenants to an integral one, as in the module header: returns, per node, the
 * index of the tenant that gets it (null for a node with no fractional owner).
 * P[node j → tenant i] = x_ij and each tenant gets ⌊Σ_j x_ij⌋ or ⌈Σ_j x_ij⌉
 * nodes. Draws from `rng` once per step.
 */
export function dependentRounding(f: FractionalAllocation, n: number, rng: Rng): (number | null)[] {
  const m = f.length;
  // Edges: tenant i (vertex i), node j (vertex n + j).
  const eT: number[] = [];
  const eN: number[] = [];
  const y: number[] = [];
  const assignment: (number | null)[] = new Array(m).fill(null);
  const adj: number[][] = Array.from({ length: n + m }, () => []);
  f.forEach((col, j) => {
    for (const e of col) {
      if (e.x >= 1 - TOL) assignment[j] = e.tenant;
      else if (e.x > TOL) {
        const id = y.length;
        eT.push(e.tenant);
        eN.push(j);
        y.push(e.x);
        adj[e.tenant].push(id);
        adj[n + j].push(id);
      }
    }
  });
  const alive = (id: number) => y[id] > TOL && y[id] < 1 - TOL;
  const other = (id: number, v: number) => (v < n ? n + eN[id] : eT[id]);
  const fracDegree = (v: number) => {
    let d = 0;
    for (const id of adj[v]) if (alive(id)) d++;
    return d;
  };
  const nextEdge = (v: number, except: number): number => {
    const list = adj[v];
    // Compact dead edges lazily.
    let w = 0;
    let found = -1;
    for (let q = 0; q < list.length; q++) {
      const id = list[q];
      if (!alive(id)) continue;
      list[w++] = id;
      if (found < 0 && id !== except) found = id;
    }
    list.length = w;
    return found;
  };
  const pos = new Int32Array(n + m).fill(-1);
  // Start vertices: prefer tenants with exactly one fractional edge (path ends).
  for (;;) {
    let start = -1;
    for (let v = 0; v < n && start < 0; v++) if (fracDegree(v) === 1) start = v;
    if (start < 0) for (let v = 0; v < n + m && start < 0; v++) if (fracDegree(v) > 0) start = v;
    if (start < 0) break;
    // Walk until a vertex repeats (cycle) or a dead end (path).
    const verts: number[] = [start];
    const edges: number[] = [];
    pos[start] = 0;
    let v = start;
    let inEdge = -1;
    let cycleFrom = -1;
    for (;;) {
      const id = nextEdge(v, inEdge);
      if (id < 0) break;
      const u = other(id, v);
      edges.push(id);
      if (pos[u] >= 0) {
        cycleFrom = pos[u];
        break;
      }
      pos[u] = verts.length;
      verts.push(u);
      v = u;
      inEdge = id;
    }
    for (const x of verts) pos[x] = -1;
    const walk = cycleFrom >= 0 ? edges.slice(cycleFrom) : edges;
    if (walk.length === 0) throw new Error('internal: dependent rounding found an isolated fractional edge');
    let alpha = Infinity;
    let beta = Infinity;
    walk.forEach((id, q) => {
      if (q % 2 === 0) {
        alpha = Math.min(alpha, 1 - y[id]);
        beta = Math.min(beta, y[id]);
      } else {
        alpha = Math.min(alpha, y[id]);
        beta = Math.min(beta, 1 - y[id]);
      }
    });
    const up = rng.next() < beta / (alpha + beta);
    walk.forEach((id, q) => {
      const sign = (q % 2 === 0) === up ? 1 : -1;
      y[id] += sign * (up ? alpha : beta);
      if (y[id] < TOL) y[id] = 0;
      else if (y[id] > 1 - TOL) y[id] = 1;
    });
  }
  for (let id = 0; id < y.length; id++) if (y[id] === 1) assignment[eN[id]] = eT[id];
  return assignment;
}
