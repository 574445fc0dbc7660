/**
 * Node classes: nodes whose utility column is identical for every tenant are
 * one good with supply = their count (shared/specs/dice.md §4, "Scale").
 * Real clusters have few accelerator types and many identical nodes, so
 * markets, LPs and preference lists work on K ≪ m classes.
 *
 * Invariant: `members[k]` lists node indices in ascending order; classes are
 * numbered by their first member, so class order follows node order.
 */
export interface NodeClasses {
  /** classOf[j] = class index of node j. */
  readonly classOf: Int32Array;
  /** members[k] = node indices of class k, ascending. */
  readonly members: number[][];
  /** value[i][k] = utility of one node of class k to tenant i. */
  readonly value: Float64Array[];
}

import type { AllocationProblem } from './types.js';

/** Groups nodes by identical utility columns in O(n·m). */
export function nodeClasses(utilities: ArrayLike<number>[], m: number): NodeClasses {
  const n = utilities.length;
  const classOf = new Int32Array(m);
  const members: number[][] = [];
  const byKey = new Map<string, number[]>(); // hash → candidate class ids
  const col = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    let h = 2166136261;
    for (let i = 0; i < n; i++) {
      const v = utilities[i][j] ?? 0;
      col[i] = v;
      // FNV-style mix of the value's bits (exact equality is checked below).
      h = Math.imul(h ^ ((v * 1000003) | 0), 16777619);
      h = Math.imul(h ^ (Math.floor(v) | 0), 16777619);
    }
    const key = String(h);
    const cands = byKey.get(key);
    let found = -1;
    if (cands) {
      for (const k of cands) {
        const rep = members[k][0];
        let same = true;
        for (let i = 0; i < n; i++) if ((utilities[i][rep] ?? 0) !== col[i]) { same = false; break; }
        if (same) { found = k; break; }
      }
    }
    if (found < 0) {
      found = members.length;
      members.push([]);
      if (cands) cands.push(found);
      else byKey.set(key, [found]);
    }
    members[found].push(j);
    classOf[j] = found;
  }
  const value = Array.from({ length: n }, (_, i) => {
    const row = new Float64Array(members.length);
    for (let k = 0; k < members.length; k++) row[k] = utilities[i][members[k][0]] ?? 0;
    return row;
  });
  return { classOf, members, value };
}

/**
 * The classes of `problem`'s nodes over the tenants `rows` (indices into
 * `problem.tenants`; default all): `nodeClasses` of those tenants' utility
 * rows, the same classes in the same order. With `problem.nodeTypes` it groups
 * the K types (O(n·K + m)) and never reads the n × m matrix.
 */
export function problemClasses(problem: AllocationProblem, rows?: readonly number[]): NodeClasses {
  const m = problem.nodes.length;
  const tenants = rows ?? problem.tenants.map((_, i) => i);
  const types = problem.nodeTypes;
  if (!types) return nodeClasses(tenants.map((i) => problem.utilities[i]), m);
  // Types with identical columns over these tenants are one class (as nodeClasses would find them).
  const K = types.utilities[0]?.length ?? 0;
  const typeClass = new Int32Array(K).fill(-1);
  const sameType = new Int32Array(K); // representative type of each type's column
  for (let k = 0; k < K; k++) {
    sameType[k] = k;
    for (let r = 0; r < k; r++) {
      if (sameType[r] !== r) continue;
      let same = true;
      for (const i of tenants) if (types.utilities[i][k] !== types.utilities[i][r]) { same = false; break; }
      if (same) { sameType[k] = r; break; }
    }
  }
  // Classes are numbered by their first node, as nodeClasses numbers them.
  const classOf = new Int32Array(m);
  const members: number[][] = [];
  const classRep: number[] = [];
  for (let j = 0; j < m; j++) {
    const rep = sameType[types.typeOf[j]];
    let c = typeClass[rep];
    if (c < 0) {
      c = typeClass[rep] = members.length;
      members.push([]);
      classRep.push(rep);
    }
    members[c].push(j);
    classOf[j] = c;
  }
  const value = tenants.map((i) => Float64Array.from(classRep, (k) => types.utilities[i][k]));
  return { classOf, members, value };
}
