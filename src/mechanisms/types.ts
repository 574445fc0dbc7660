/**
 * Types of the tenant-allocation level (level 1).
 *
 * One round's problem: n tenants (tokens), m nodes (accelerator types) and an
 * n × m utility matrix: `utilities[i][j] ≥ 0` is the value of node j to
 * tenant i in this round (e.g. the inferences/s tenant i's DNN achieves on
 * node j's accelerator type; 0 when i has no pending work). Utilities are
 * linear: u_i(S) = Σ_{j∈S} v_ij (shared/specs/dice.md §1).
 *
 * A mechanism instance is created once per simulation and called once per
 * round, so it may carry state across rounds (S-Dice passes,
 * static-share quotas). All randomness comes from the `Rng` passed in.
 */
import type { Rng } from '../sim/rng.js';
import type { Tenant } from '../model/tenant.js';
import type { NodeSpec } from '../model/node.js';

/**
 * One round's allocation problem (see the module header): n tenants, m nodes
 * and the n × m utility matrix, `utilities[i][j] ≥ 0` the value of node j to
 * tenant i; optional demands in nodes.
 */
export interface AllocationProblem {
  /** Tenants in tie-break order. */
  readonly tenants: readonly Tenant[];
  /** Nodes in tie-break order. */
  readonly nodes: readonly NodeSpec[];
  /** n × m matrix of non-negative values (missing = 0). */
  readonly utilities: ArrayLike<number>[];
  /** Optional per-tenant demand in nodes (DRF caps; ∞ when absent). */
  readonly demands?: readonly number[];
  /**
   * Optional n × m service rates (work per round of node j for tenant i) and
   * per-tenant arrival rates (work per round), for mechanisms whose rule
   * separates throughput from demand (`tant` on the original Dice system,
   * where `utilities` are backlogs). Absent: utilities are the rates.
   */
  readonly serviceRates?: ArrayLike<number>[];
  readonly arrivalRates?: readonly number[];
  /**
   * Optional: the nodes come in types that every tenant values alike —
   * node j has type `typeOf[j]` and `utilities[i][j] = utilities[i][typeOf[j]]`
   * of this field (n × K, K types). Set by per-type input (`allot allocate`
   * with `nodeTypes`) so mechanisms can work on types without reading the
   * n × m matrix (which such a problem builds only when asked for).
   */
  readonly nodeTypes?: { readonly typeOf: Int32Array; readonly utilities: readonly Float64Array[] };
}

/** The outcome of one round. */
export interface RoundAllocation {
  /** Per node j: the index of the tenant that holds it this round, or null (unassigned). */
  readonly assignment: (number | null)[];
  /** Fractional allocation x for market/LP mechanisms, sparse by node (columns sum to 1, or 0 for an empty round). */
  readonly fractions?: FractionalAllocation;
  /** Per-node prices in tokens (M-Dice): Σ_j p_j = Σ tokens of active tenants. */
  readonly prices?: number[];
  /**
   * Time-sharing realisation: per node, the tenants that use it in turn within
   * the round, in tenant-id order, each with its fraction of the round.
   */
  readonly timeshare?: { tenant: number; fraction: number }[][];
}

/** A JSON value (the state of a stateful policy). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JSON state a mechanism carries between rounds (S-Dice passes, static-share quotas, round counters); null for a stateless one. */
export type MechanismState = JsonValue;

/**
 * A level-1 allocation mechanism: created once per simulation, called once per
 * round (so it may keep state across rounds, see the module header); its
 * randomness comes only from the `Rng` it is given. `createMechanism(spec)`
 * makes one from the policy registry.
 */
export interface Mechanism {
  /** Registry name, e.g. "s-dice". */
  readonly name: string;
  /** Allocates one round. Throws `Error` naming the round if a solver certificate fails. */
  allocate(problem: AllocationProblem, rng: Rng): RoundAllocation;
  /**
   * The exact marginals x_ij = P[X_ij = 1] of the lottery `allocate` draws from
   * for this problem, for the per-run ex-ante checks (absent: unknown, or the
   * allocation carries its own `fractions`; null: too large to compute).
   */
  marginals?(problem: AllocationProblem): FractionalAllocation | null;
  /** Its state between rounds as JSON (absent: stateless). Randomness is the caller's `Rng` (`Rng.snapshot`). */
  snapshot?(): MechanismState;
  /** Continues from a snapshot of the same mechanism with the same options. Throws RangeError on a malformed state. */
  restore?(state: MechanismState): void;
}

/**
 * A fractional allocation stored sparsely by node: `byNode[j]` lists the
 * tenants with x_ij > 0 (ascending tenant index) and their fractions.
 */
export type FractionalAllocation = { tenant: number; x: number }[][];

/** How fractional allocations become nodes (shared/specs/dice.md §4 "Turning x into nodes"; `independent` is the original code's per-node draw, §9). */
export type Realisation = 'lottery' | 'bvn' | 'timeshare' | 'independent';
