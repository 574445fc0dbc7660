/**
 * `allocate()`: one allocation problem in, the `allot allocate` output out
 * (README contract). Runs `rounds` rounds of one mechanism instance on the
 * same problem, so state (S-Dice passes) carries over; all randomness from
 * `Rng.stream(seed, "allocate/<mechanism>")`.
 */
import { allotVersion } from '../provenance.js';
import { Rng } from '../sim/rng.js';
import { createMechanism, type MechanismOptions } from './registry.js';
import type { AllocationProblem } from './types.js';

export interface AllocateRound {
  assignment: Record<string, string | null>;
  fractions?: Record<string, Record<string, number>>;
  prices?: Record<string, number>;
}

export interface AllocateOutput {
  allotVersion: string;
  mechanism: string;
  seed: number;
  inputSha256: string;
  rounds: AllocateRound[];
}

export async function allocate(
  problem: AllocationProblem,
  options: { mechanism: string; seed: number; rounds?: number; inputSha256: string } & MechanismOptions,
): Promise<AllocateOutput> {
  const mech = await createMechanism(options.mechanism, options);
  const rng = Rng.stream(options.seed, `allocate/${options.mechanism}`);
  const rounds: AllocateRound[] = [];
  const tid = problem.tenants.map((t) => t.id);
  const nid = problem.nodes.map((x) => x.id);
  for (let r = 0; r < (options.rounds ?? 1); r++) {
    const a = mech.allocate(problem, rng);
    const out: AllocateRound = { assignment: Object.fromEntries(a.assignment.map((i, j) => [nid[j], i === null ? null : tid[i]])) };
    if (a.fractions) {
      const f: Record<string, Record<string, number>> = Object.fromEntries(tid.map((t) => [t, {}]));
      a.fractions.forEach((col, j) => col.forEach((e) => (f[tid[e.tenant]][nid[j]] = e.x)));
      out.fractions = f;
    }
    if (a.prices) out.prices = Object.fromEntries(a.prices.map((p, j) => [nid[j], p]));
    rounds.push(out);
  }
  return { allotVersion, mechanism: options.mechanism, seed: options.seed, inputSha256: options.inputSha256, rounds };
}
