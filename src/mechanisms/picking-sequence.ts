/**
 * Picking sequences: the shared mechanism behind L-Dice, S-Dice,
 * round-robin, token-weighted max-min, static share and DRF. A *rule*
 * chooses who picks next; the picker takes its most preferred remaining node
 * (highest utility, ties to the earlier node), which is removed from every
 * tenant's list (shared/specs/dice.md §2–§3, §6).
 *
 * Determinism rules (the `allot allocate` contract): a tenant whose
 * remaining nodes all have utility 0 is not eligible (the rule is not told it
 * picked, so S-Dice passes do not advance); a node that no remaining tenant
 * values stays unassigned (null). `caps[i]` limits the nodes tenant i may
 * take (quotas, DRF demands). With `allowZeroValue`, tenants with remaining
 * cap pick even zero-value nodes (static share fixes a partition).
 *
 * Cost: preference lists are built over node classes (identical utility
 * columns), O(n·K log K) to sort; each pick is amortised O(n) to refresh
 * eligibility plus O(K) in the worst case for ties.
 */
import { nodeClasses, type NodeClasses } from './node-classes.js';
import type { AllocationProblem } from './types.js';

export interface PickingRule {
  /** Index of the next picker among tenants with eligible[i] = 1, or -1 to stop. */
  choose(eligible: Uint8Array): number;
  /** Tenant i has taken node j (value v to i). */
  onPick(i: number, j: number, v: number): void;
}

export interface PickingOptions {
  caps?: readonly number[];
  allowZeroValue?: boolean;
}

/** Mutable per-round preference state over node classes. */
export class PreferenceLists {
  private readonly members: number[][];
  private readonly head: Int32Array;
  /** levels[i] = list of levels; each level = class ids with equal value to i, levels by value desc. */
  private readonly levels: Int32Array[][];
  private readonly levelValue: Float64Array[];
  private readonly levelPtr: Int32Array;
  private remainingCount: number;

  constructor(problem: AllocationProblem, cls: NodeClasses = nodeClasses(problem.utilities, problem.nodes.length)) {
    const n = problem.tenants.length;
    this.members = cls.members;
    const K = cls.members.length;
    this.head = new Int32Array(K);
    this.remainingCount = problem.nodes.length;
    this.levels = [];
    this.levelValue = [];
    this.levelPtr = new Int32Array(n);
    const order = Array.from({ length: K }, (_, k) => k);
    for (let i = 0; i < n; i++) {
      const val = cls.value[i];
      const sorted = order.slice().sort((a, b) => val[b] - val[a] || a - b);
      const lv: Int32Array[] = [];
      const values: number[] = [];
      let start = 0;
      for (let q = 1; q <= K; q++) {
        if (q === K || val[sorted[q]] !== val[sorted[start]]) {
          lv.push(Int32Array.from(sorted.slice(start, q)));
          values.push(val[sorted[start]]);
          start = q;
        }
      }
      this.levels.push(lv);
      this.levelValue.push(Float64Array.from(values));
    }
  }

  get remaining(): number {
    return this.remainingCount;
  }

  private classHasNodes(k: number): boolean {
    return this.head[k] < this.members[k].length;
  }

  /** The best remaining node for tenant i and its value, or null when no node remains. */
  best(i: number): { node: number; value: number } | null {
    const lv = this.levels[i];
    let p = this.levelPtr[i];
    while (p < lv.length) {
      const level = lv[p];
      let bestNode = -1;
      for (let q = 0; q < level.length; q++) {
        const k = level[q];
        if (this.classHasNodes(k)) {
          const node = this.members[k][this.head[k]];
          if (bestNode < 0 || node < bestNode) bestNode = node;
        }
      }
      if (bestNode >= 0) {
        this.levelPtr[i] = p;
        return { node: bestNode, value: this.levelValue[i][p] };
      }
      p++;
    }
    this.levelPtr[i] = p;
    return null;
  }

  /** Removes node j (which must be the head of its class, as every best() node is). */
  take(j: number, classOfNode: number): void {
    const k = classOfNode;
    if (this.members[k][this.head[k]] !== j) throw new Error(`internal: node ${j} is not the head of its class`);
    this.head[k]++;
    this.remainingCount--;
  }
}

/** Runs a picking sequence; returns the per-node owner (tenant index or null). */
export function pickingSequence(problem: AllocationProblem, rule: PickingRule, options: PickingOptions = {}): (number | null)[] {
  const n = problem.tenants.length;
  const m = problem.nodes.length;
  const owner: (number | null)[] = new Array(m).fill(null);
  if (n === 0 || m === 0) return owner;
  const cls = nodeClasses(problem.utilities, m);
  const prefs = new PreferenceLists(problem, cls);
  const caps = options.caps;
  const taken = new Int32Array(n);
  const eligible = new Uint8Array(n);
  const refresh = (i: number) => {
    if (caps && taken[i] >= caps[i]) return (eligible[i] = 0);
    const b = prefs.best(i);
    eligible[i] = b !== null && (options.allowZeroValue || b.value > 0) ? 1 : 0;
    return eligible[i];
  };
  let any = 0;
  for (let i = 0; i < n; i++) any |= refresh(i);
  while (any && prefs.remaining > 0) {
    const i = rule.choose(eligible);
    if (i < 0) break;
    if (!eligible[i]) throw new Error(`internal: picking rule chose ineligible tenant ${i}`);
    const b = prefs.best(i)!;
    owner[b.node] = i;
    prefs.take(b.node, cls.classOf[b.node]);
    taken[i]++;
    rule.onPick(i, b.node, b.value);
    any = 0;
    for (let t = 0; t < n; t++) if (eligible[t]) any |= refresh(t);
  }
  return owner;
}

/** u_i(M): each tenant's value of all nodes. */
export function totalValues(problem: AllocationProblem): Float64Array {
  const m = problem.nodes.length;
  const types = problem.nodeTypes;
  if (types) {
    // Per type: Σ_k v_ik · (nodes of type k); used for u_i(M) > 0 tests.
    const count = new Float64Array(types.utilities[0]?.length ?? 0);
    for (let j = 0; j < m; j++) count[types.typeOf[j]]++;
    return Float64Array.from(types.utilities, (row) => row.reduce((s, v, k) => s + v * count[k], 0));
  }
  return Float64Array.from(problem.utilities, (row) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += row[j] ?? 0;
    return s;
  });
}
