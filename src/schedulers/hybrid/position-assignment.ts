/**
 * The (machine, position) assignment at the heart of AlloX (Le et al.,
 * EuroSys'20 §3.1; Horn 1973; Bruno, Coffman & Sethi 1974): n jobs, M
 * machines, slot (i, k) = "k-th from last on machine i", cost of job j in slot
 * (i, k) = ω_i + k·p_ji. A min-cost assignment of every job to a distinct slot
 * minimises the total completion time.
 *
 * Solved with the Jonker–Volgenant shortest augmenting path exactly as
 * `linear-sum-assignment` 1.0.9 runs it on the n × (M·n) cost matrix (Crouse,
 * "On implementing 2D rectangular assignment algorithms", IEEE TAES 2016):
 * the matrix transposed to slots × jobs, its minimum subtracted, one
 * augmentation per job in job order, the first cheapest slot in slot order
 * (slot = i·n + k − 1) on ties — the same floating-point operations in the
 * same order, so the same assignment, ties included (pinned by a property
 * test against the library). What makes it fast is the structure of the
 * costs: slots are taken lowest-position first on each machine, and an
 * unassigned slot's dual stays 0, so an unassigned slot (i, k) never costs
 * less than (i, k') with k' < k along any path and, by the slot-order tie
 * rule, is never chosen before it. The Dijkstra scans therefore visit only
 * the assigned slots and the lowest free position of each machine — about
 * n + M slots instead of M·n — and the cost matrix is never built.
 */
import { lazyRequire } from '../../lazy-require.js';

/** The library, loaded on first use (one machine only): with its matrix-package dependencies it is ~250 modules of start-up. */
const library = lazyRequire<typeof import('linear-sum-assignment')>('linear-sum-assignment');

/** Cost of a slot that does not fit (as the library's callers pass it): finite, so every job is assigned; such assignments are dropped. */
export const NO_FIT_COST = 1e15;

/** Per-slot work arrays, reused between calls (a simulation solves thousands of small assignments; fresh arrays cost as much as the solving). */
let work = { rowAssignments: new Int32Array(0), u: new Float64Array(0), pred: new Int32Array(0), spc: new Float64Array(0), scannedRows: new Uint8Array(0) };
function rowWork(rows: number): typeof work {
  if (work.u.length < rows) {
    const size = Math.max(rows, 2 * work.u.length);
    work = { rowAssignments: new Int32Array(size), u: new Float64Array(size), pred: new Int32Array(size), spc: new Float64Array(size), scannedRows: new Uint8Array(size) };
  }
  return work;
}

/**
 * Assigns n jobs to (machine, position) slots at minimum total cost
 * ω_i + k·p_ji. `p` is n × M, row-major (p[j·M + i] = processing time of job
 * j on machine i, s, ≥ 0; Infinity when it does not fit); `omega` has M
 * ready times (s, finite). Returns, per job, its slot i·n + (k − 1), or −1 if
 * its slot does not fit (cost ≥ NO_FIT_COST). Same result as
 * `linearSumAssignment` on the n × (M·n) matrix (see the module note).
 */
export function assignPositions(p: Float64Array, omega: ArrayLike<number>, n: number, M: number): Int32Array {
  const out = new Int32Array(n).fill(-1);
  if (n === 0 || M === 0) return out;
  const cost = (j: number, r: number): number => {
    const i = (r / n) | 0;
    const x = p[j * M + i];
    return Number.isFinite(x) ? omega[i] + (r - i * n + 1) * x : NO_FIT_COST;
  };
  if (M === 1) {
    // A square matrix is not transposed by the library: a different path; rare and small, so use it.
    const matrix = Array.from({ length: n }, (_, j) => Float64Array.from({ length: n }, (_, r) => cost(j, r)));
    const res = library().linearSumAssignment(matrix, { maximaze: false });
    for (let j = 0; j < n; j++) {
      const r = res.rowAssignments[j];
      if (r >= 0 && matrix[j][r] < NO_FIT_COST) out[j] = r;
    }
    return out;
  }
  const rows = M * n;
  // The library subtracts the matrix minimum first; position 1 holds each machine's minimum (costs rise with k).
  let delta = cost(0, 0);
  for (let j = 0; j < n; j++) for (let i = 0; i < M; i++) {
    const c = cost(j, i * n);
    if (c < delta) delta = c;
  }
  const { rowAssignments, u, pred, spc, scannedRows } = rowWork(rows);
  rowAssignments.fill(-1, 0, rows); // slot → job
  u.fill(0, 0, rows); // row (slot) duals
  scannedRows.fill(0, 0, rows);
  const columnAssignments = new Int32Array(n).fill(-1); // job → slot
  const v = new Float64Array(n); // column (job) duals
  const used = new Int32Array(M); // assigned positions per machine: always 1..used[i]
  const scannedColumns = new Uint8Array(n);
  const touchedRows: number[] = [];
  const touchedColumns: number[] = [];
  for (let col0 = 0; col0 < n; col0++) {
    let sink = -1, d = 0, curColumn = col0;
    for (const r of touchedRows) {
      scannedRows[r] = 0;
      spc[r] = Infinity;
    }
    touchedRows.length = 0;
    for (let i = 0; i < M; i++) for (let r = i * n, end = r + Math.min(used[i] + 1, n); r < end; r++) spc[r] = Infinity;
    for (const c of touchedColumns) scannedColumns[c] = 0;
    touchedColumns.length = 0;
    while (sink === -1) {
      scannedColumns[curColumn] = 1;
      touchedColumns.push(curColumn);
      let minVal = Infinity, closest = -1;
      const vc = v[curColumn], base = curColumn * M;
      for (let i = 0; i < M; i++) {
        const x = p[base + i], fits = Number.isFinite(x), w = omega[i];
        const rowEnd = i * n + Math.min(used[i] + 1, n);
        for (let r = i * n, k = 1; r < rowEnd; r++, k++) {
          if (scannedRows[r]) continue;
          const reduced = d + ((fits ? w + k * x : NO_FIT_COST) - delta) - vc - u[r];
          if (reduced < spc[r]) {
            pred[r] = curColumn;
            spc[r] = reduced;
          }
          if (spc[r] < minVal) {
            minVal = spc[r];
            closest = r;
          }
        }
      }
      if (!Number.isFinite(minVal)) throw new Error('assignPositions: no finite augmenting path (costs must be finite)');
      scannedRows[closest] = 1;
      touchedRows.push(closest);
      d = spc[closest];
      if (rowAssignments[closest] === -1) sink = closest;
      else curColumn = rowAssignments[closest];
    }
    v[col0] += d;
    for (const sel of touchedColumns) if (sel !== col0) v[sel] += d - spc[columnAssignments[sel]];
    for (const r of touchedRows) u[r] -= d - spc[r];
    const machine = (sink / n) | 0;
    if (sink !== machine * n + used[machine]) throw new Error('assignPositions: augmented to a slot that is not its machine’s lowest free position');
    used[machine]++;
    let j = sink;
    for (let i = pred[j]; ; i = pred[j]) {
      rowAssignments[j] = i;
      const h = columnAssignments[i];
      columnAssignments[i] = j;
      j = h;
      if (i === col0) break;
    }
  }
  for (let j = 0; j < n; j++) {
    const r = columnAssignments[j];
    if (cost(j, r) < NO_FIT_COST) out[j] = r;
  }
  return out;
}
