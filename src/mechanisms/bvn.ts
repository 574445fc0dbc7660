/**
 * Birkhoff–von Neumann lottery (Budish, Che, Kojima & Milgrom, "Designing
 * Random Allocation Mechanisms", AER 2013; shared/specs/dice.md §4 `bvn`):
 * an explicit lottery over integral allocations whose marginals are exactly
 * the fractional allocation x.
 *
 * Construction: tenant i becomes ⌈Σ_j x_ij⌉ unit rows (its entries filled
 * in node order), dummy columns absorb each row's deficit, giving an R × R
 * doubly stochastic matrix; repeatedly a perfect matching on the positive
 * entries (it exists by Birkhoff's theorem) is peeled off with weight equal
 * to its smallest entry. For small inputs (R ≲ 200); cost O(R^4) worst case.
 */
import type { Rng } from '../sim/rng.js';
import type { FractionalAllocation } from './types.js';

const TOL = 1e-12;

/**
 * One integral allocation of a Birkhoff–von Neumann lottery and its
 * probability (the outcomes' probabilities sum to 1).
 */
export interface LotteryOutcome {
  probability: number;
  /** Per node: tenant index (every node is assigned). */
  assignment: number[];
}

/** Decomposes x into a lottery over integral allocations (probabilities sum to 1). */
export function birkhoffLottery(f: FractionalAllocation, n: number): LotteryOutcome[] {
  const m = f.length;
  const rowTotals = new Float64Array(n);
  f.forEach((col) => col.forEach((e) => (rowTotals[e.tenant] += e.x)));
  const rowsOf: number[] = []; // unit row → tenant
  const firstRow = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    firstRow[i] = rowsOf.length;
    const r = Math.ceil(rowTotals[i] - 1e-9);
    for (let q = 0; q < r; q++) rowsOf.push(i);
  }
  const R = rowsOf.length;
  if (R < m) throw new Error('bvn: columns do not sum to 1');
  const M = Array.from({ length: R }, () => new Float64Array(R));
  // Staircase fill of each tenant's entries into its unit rows.
  const cursor = Int32Array.from(firstRow);
  const room = new Float64Array(R).fill(1);
  for (let j = 0; j < m; j++) {
    for (const e of f[j]) {
      let amount = e.x;
      while (amount > TOL) {
        const r = cursor[e.tenant];
        if (r >= R || rowsOf[r] !== e.tenant) throw new Error('bvn: internal row overflow');
        const take = Math.min(amount, room[r]);
        M[r][j] += take;
        room[r] -= take;
        amount -= take;
        if (room[r] <= TOL) cursor[e.tenant]++;
      }
    }
  }
  // Dummy columns m..R-1 absorb deficits.
  let dc = m;
  let dRoom = 1;
  for (let r = 0; r < R && dc < R; r++) {
    let deficit = room[r];
    while (deficit > TOL && dc < R) {
      const take = Math.min(deficit, dRoom);
      M[r][dc] += take;
      deficit -= take;
      dRoom -= take;
      if (dRoom <= TOL) {
        dc++;
        dRoom = 1;
      }
    }
  }
  const out: LotteryOutcome[] = [];
  let remaining = 1;
  while (remaining > 1e-9) {
    const match = perfectMatching(M, R);
    if (!match) break;
    let theta = Infinity;
    for (let r = 0; r < R; r++) theta = Math.min(theta, M[r][match[r]]);
    for (let r = 0; r < R; r++) {
      M[r][match[r]] -= theta;
      if (M[r][match[r]] < 1e-12) M[r][match[r]] = 0;
    }
    const assignment = new Array<number>(m).fill(-1);
    for (let r = 0; r < R; r++) if (match[r] < m) assignment[match[r]] = rowsOf[r];
    out.push({ probability: theta, assignment });
    remaining -= theta;
  }
  const total = out.reduce((a, o) => a + o.probability, 0);
  for (const o of out) o.probability /= total;
  return out;
}

/** Perfect matching row → column on entries > 1e-12 (Kuhn's augmenting paths); null if none. */
function perfectMatching(M: Float64Array[], R: number): Int32Array | null {
  const colOwner = new Int32Array(R).fill(-1);
  const rowMatch = new Int32Array(R).fill(-1);
  const seen = new Int32Array(R);
  let stamp = 0;
  const tryRow = (r: number): boolean => {
    for (let c = 0; c < R; c++) {
      if (M[r][c] <= 1e-12 || seen[c] === stamp) continue;
      seen[c] = stamp;
      if (colOwner[c] < 0 || tryRow(colOwner[c])) {
        colOwner[c] = r;
        rowMatch[r] = c;
        return true;
      }
    }
    return false;
  };
  for (let r = 0; r < R; r++) {
    stamp++;
    if (!tryRow(r)) return null;
  }
  return rowMatch;
}

/** Draws one outcome of the lottery (one PRNG draw). */
export function sampleLottery(lottery: LotteryOutcome[], rng: Rng): number[] {
  return lottery[rng.weightedIndex(lottery.map((o) => o.probability))].assignment;
}
