/**
 * `allocate()`: one allocation problem in — exactly the `allot allocate`
 * JSON (README "allot allocate") — and its output out. Runs `rounds` rounds
 * of one mechanism instance on the same problem, so state (S-Dice passes)
 * carries over; all randomness from `Rng.stream(seed, "allocate/<mechanism>")`.
 * Throws InputError naming the field for a bad problem or mechanism.
 */
import { canonicalJson } from '../config/canonical.js';
import { parseAllocationInput, type AllocationInput } from '../data/allocation-input.js';
import { allotVersion, sha256 } from '../provenance.js';
import { Rng, type RngState } from '../sim/rng.js';
import { createPolicy, resolvePolicy } from '../policies/index.js';
import { checkSize } from '../scenarios/size-check.js';
import { allocationEstimate } from '../scenarios/estimates.js';
import type { PolicyInput } from '../policies/spec.js';
import '../policies/index.js';
import type { AllocationProblem, Mechanism, MechanismState, Realisation, RoundAllocation } from './types.js';

/** One round of `allocate()`'s output: node id → tenant id (or null); fractions and prices for market/LP mechanisms. */
export interface AllocateRound {
  /** node id → tenant id (null: nobody values it); left out with `compact`. */
  assignment?: Record<string, string | null>;
  /** tenant id → node type → nodes held (per-type input, or `compact`); types in input order, tenants without nodes left out. */
  counts?: Record<string, Record<string, number>>;
  /** tenant id → node id → fraction of the node (m-dice, hetero-max-min). */
  fractions?: Record<string, Record<string, number>>;
  /** node id → price in tokens (m-dice; Σ = tokens of tenants with positive utility). */
  prices?: Record<string, number>;
}

/** The `allot allocate` output. */
export interface AllocateOutput {
  allotVersion: string;
  /** The mechanism as named (its label). */
  mechanism: string;
  seed: number;
  /** SHA-256 of the input file's bytes (CLI), or of the input's canonical JSON (library). */
  inputSha256: string;
  rounds: AllocateRound[];
}

/** Options of `allocate()`. */
export interface AllocateOptions {
  /** A mechanism name, `name(key=value,…)`, or `{name, label?, options?}` (see `allot policies --level 1`). */
  mechanism: PolicyInput;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Default realisation of fractional mechanisms (m-dice, hetero-max-min, tant): lottery, bvn, timeshare or independent. */
  realisation?: Realisation;
  /** Names the input in errors (default "input"). */
  source?: string;
  /** Provenance hash to report (default: SHA-256 of the input's canonical JSON). */
  inputSha256?: string;
  /** Go on past the size bounds (src/scenarios/size-check.ts). */
  allowLarge?: boolean;
  /** Print only `counts` per round (tenant → type → nodes), not the per-node assignment, fractions or prices. */
  compact?: boolean;
}

/** The JSON state of an allocator: its mechanism's state, its random stream and the rounds done. */
export interface AllocatorState {
  mechanism: MechanismState;
  rng: RngState;
  rounds: number;
}

/** A mechanism with its own random stream, allocating round after round; its state can be saved and restored. */
export interface Allocator {
  /** The mechanism's name in results. */
  readonly label: string;
  /** Allocates one round (state carries over to the next). */
  round(problem: AllocationProblem): RoundAllocation;
  /** State as JSON (mechanism state, random state, rounds done). */
  snapshot(): AllocatorState;
  /** Continues from a snapshot taken of an allocator with the same mechanism and options. */
  restore(state: AllocatorState): void;
}

/**
 * An allocator for a mechanism spec, its randomness from
 * `Rng.stream(seed, "allocate/<label>")` (as `allocate()` uses).
 */
export async function createAllocator(spec: PolicyInput, options: { seed?: number; realisation?: Realisation; where?: string } = {}): Promise<Allocator> {
  const resolved = resolvePolicy('mechanism', spec, options.where ?? 'mechanism', { realisation: options.realisation });
  const mech = await createPolicy(resolved);
  let rng = Rng.stream(options.seed ?? 1, `allocate/${resolved.label}`);
  let rounds = 0;
  return {
    label: resolved.label,
    round(problem) {
      rounds++;
      return mech.allocate(problem, rng);
    },
    snapshot: () => ({ mechanism: mech.snapshot?.() ?? null, rng: rng.snapshot(), rounds }),
    restore(state) {
      if (!state || typeof state !== 'object' || !Number.isSafeInteger(state.rounds)) throw new RangeError('expected an allocator state {mechanism, rng, rounds}');
      if (state.mechanism !== null) {
        if (!mech.restore) throw new RangeError(`${resolved.label} is stateless; expected mechanism state null`);
        mech.restore(state.mechanism);
      }
      rng = Rng.restore(state.rng);
      rounds = state.rounds;
    },
  };
}

/** A fresh mechanism instance from a name or spec (one per simulation: it may carry state across rounds). */
export async function createMechanism(spec: PolicyInput, defaults: { realisation?: Realisation } = {}, where = 'mechanism'): Promise<Mechanism> {
  return createPolicy(resolvePolicy('mechanism', spec, where, defaults));
}

/** Allocates the nodes of `input` (the `allot allocate` JSON: {tenants, nodes, utilities, rounds?, demands?}) for `rounds` rounds. */
export async function allocate(input: AllocationInput | Record<string, unknown>, options: AllocateOptions): Promise<AllocateOutput> {
  const source = options.source ?? 'input';
  const { problem, rounds: n, nodeTypes } = parseAllocationInput(input, source);
  const seed = options.seed ?? 1;
  const allocator = await createAllocator(options.mechanism, { seed, realisation: options.realisation, where: '--mechanism' });
  checkSize(allocationEstimate(problem.tenants.length, problem.nodes.length, n), source, options.allowLarge);
  const rounds: AllocateRound[] = [];
  const tid = problem.tenants.map((t) => t.id);
  const nid = problem.nodes.map((x) => x.id);
  for (let r = 0; r < n; r++) {
    const a = allocator.round(problem);
    if (options.compact) {
      rounds.push({ counts: typeCounts(a.assignment, problem, tid, nodeTypes) });
      continue;
    }
    const out: AllocateRound = { assignment: Object.fromEntries(a.assignment.map((i, j) => [nid[j], i === null ? null : tid[i]])) };
    if (nodeTypes) out.counts = typeCounts(a.assignment, problem, tid, nodeTypes);
    if (a.fractions) {
      const f: Record<string, Record<string, number>> = Object.fromEntries(tid.map((t) => [t, {}]));
      a.fractions.forEach((col, j) => col.forEach((e) => (f[tid[e.tenant]][nid[j]] = e.x)));
      out.fractions = f;
    }
    if (a.prices) out.prices = Object.fromEntries(a.prices.map((p, j) => [nid[j], p]));
    rounds.push(out);
  }
  return { allotVersion, mechanism: allocator.label, seed, inputSha256: options.inputSha256 ?? sha256(canonicalJson(input)), rounds };
}

/** Nodes held per tenant per type (types in `typeOrder`, else in order of first appearance); tenants holding nothing left out. */
function typeCounts(assignment: readonly (number | null)[], problem: AllocationProblem, tid: readonly string[], typeOrder?: readonly string[]): Record<string, Record<string, number>> {
  const types = typeOrder ?? [...new Set(problem.nodes.map((x) => x.type))];
  const counts = tid.map(() => new Map<string, number>(types.map((t) => [t, 0])));
  assignment.forEach((i, j) => {
    if (i === null) return;
    const m = counts[i];
    m.set(problem.nodes[j].type, (m.get(problem.nodes[j].type) ?? 0) + 1);
  });
  const out: Record<string, Record<string, number>> = {};
  counts.forEach((m, i) => {
    if ([...m.values()].some((v) => v > 0)) out[tid[i]] = Object.fromEntries(m);
  });
  return out;
}
