import fc from 'fast-check';
import type { AllocationProblem } from '../../src/mechanisms/types.js';

/** Builds a problem from tokens and an n × m utility matrix (ids t0.., n0..). */
export function problem(tokens: number[], v: number[][], types?: string[]): AllocationProblem {
  return {
    tenants: tokens.map((t, i) => ({ id: `t${i}`, tokens: t })),
    nodes: v[0].map((_, j) => ({ id: `n${j}`, type: types?.[j] ?? 'x' })),
    utilities: v.map((row) => Float64Array.from(row)),
  };
}

/** Random small problems: n ≤ maxN tenants, m ≤ maxM nodes, integer tokens and utilities. */
export function arbProblem(opts: { maxN?: number; maxM?: number; maxTokens?: number; equalTokens?: boolean; zeroProb?: boolean } = {}) {
  return fc
    .record({ n: fc.integer({ min: 1, max: opts.maxN ?? 4 }), m: fc.integer({ min: 1, max: opts.maxM ?? 9 }) })
    .chain(({ n, m }) =>
      fc.record({
        tokens: opts.equalTokens ? fc.constant(new Array(n).fill(1)) : fc.array(fc.integer({ min: 1, max: opts.maxTokens ?? 6 }), { minLength: n, maxLength: n }),
        v: fc.array(fc.array(opts.zeroProb === false ? fc.integer({ min: 1, max: 20 }) : fc.integer({ min: 0, max: 20 }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
      }),
    )
    .map(({ tokens, v }) => ({ tokens, v, p: problem(tokens, v) }));
}
