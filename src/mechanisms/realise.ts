/**
 * Turning a fractional allocation into nodes (shared/specs/dice.md §4,
 * "Turning x into nodes"), shared by M-Dice and the heterogeneity-aware
 * max-min LP:
 * - `lottery` (default): bipartite dependent rounding — exact marginals,
 *   each tenant gets ⌊Σx⌋ or ⌈Σx⌉ nodes;
 * - `bvn`: a sample from the explicit Birkhoff–von Neumann lottery;
 * - `timeshare`: node j serves tenant i for x_ij of the round, slices in
 *   tenant-id order; `assignment` then names the tenant with the largest
 *   slice (for reporting only).
 * - `independent` (the original code, shared/specs/dice.md §9): one draw per
 *   node, tenant i with probability x_ij / Σ_k x_kj, independently of the
 *   other nodes (exact marginals, but a tenant's node count is not ⌊Σx⌋/⌈Σx⌉).
 * Nodes listed in `unvalued` (no active tenant values them) are left
 * unassigned (null) by lottery/bvn, as the `allot allocate` contract says.
 */
import type { Rng } from '../sim/rng.js';
import { birkhoffLottery, sampleLottery } from './bvn.js';
import { dependentRounding } from './dependent-rounding.js';
import type { FractionalAllocation, Realisation, RoundAllocation } from './types.js';

export function realise(
  fractions: FractionalAllocation,
  n: number,
  mode: Realisation,
  rng: Rng,
  unvalued: ReadonlySet<number> = new Set(),
): Pick<RoundAllocation, 'assignment' | 'timeshare'> {
  const valuedOnly: FractionalAllocation = fractions.map((col, j) => (unvalued.has(j) ? [] : col));
  if (mode === 'timeshare') {
    const timeshare = valuedOnly.map((col) => col.map((e) => ({ tenant: e.tenant, fraction: e.x })).sort((a, b) => a.tenant - b.tenant));
    const assignment = timeshare.map((col) => (col.length === 0 ? null : col.reduce((a, b) => (b.fraction > a.fraction ? b : a)).tenant));
    return { assignment, timeshare };
  }
  if (mode === 'bvn') {
    // Decompose only the valued columns, then map back.
    const cols = valuedOnly.map((c, j) => ({ c, j })).filter((e) => e.c.length > 0);
    const assignment: (number | null)[] = new Array(fractions.length).fill(null);
    if (cols.length === 0) return { assignment };
    const sample = sampleLottery(birkhoffLottery(cols.map((e) => e.c), n), rng);
    cols.forEach((e, q) => (assignment[e.j] = sample[q]));
    return { assignment };
  }
  if (mode === 'independent') {
    const assignment = valuedOnly.map((col) => {
      if (col.length === 0) return null;
      return col[rng.weightedIndex(col.map((e) => e.x))].tenant;
    });
    return { assignment };
  }
  return { assignment: dependentRounding(valuedOnly, n, rng) };
}
