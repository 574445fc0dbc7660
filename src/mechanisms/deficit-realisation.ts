/**
 * M-Dice's `realisation: deficit` (ours; issue 10 point 4): realises the
 * fractional allocation across rounds with carried per-tenant per-node-type
 * deficits, so that a tenant with a small positive entitlement is served
 * regularly instead of by luck (the `lottery` serves a tenant entitled to
 * 0.32 of a node in about a third of the rounds, at random — and so with
 * long runs of rounds without a node).
 *
 * **Rule.** Nodes are grouped by accelerator type τ (`nodes[j].type`); only
 * nodes some active tenant values take part (the others stay unassigned,
 * as in every realisation). For each type, tenant i's entitlement this round
 * is X_iτ = Σ_{j of type τ} x_ij, and Σ_i X_iτ = m_τ (the valued nodes of
 * type τ). Each tenant first gets ⌊X_iτ⌋ nodes of the type; the
 * r_τ = m_τ − Σ_i ⌊X_iτ⌋ nodes left are handed out one *seat* at a time, by
 * the fractional parts f_iτ = X_iτ − ⌊X_iτ⌋ (Σ_i f_iτ = r_τ), with the quota
 * method of Balinski & Young ("The quota method of apportionment", Amer.
 * Math. Monthly 82, 1975) run over the whole history of the type:
 * - each seat raises every tenant's cumulative target T_iτ by f_iτ/r_τ;
 * - a tenant is *eligible* if its cumulative count H_iτ < T_iτ (taking the
 *   seat keeps it within upper quota, H ≤ ⌈T⌉);
 * - the eligible tenant with the largest T_iτ/(H_iτ + 1) takes the seat
 *   (Jefferson/D'Hondt priority; ties to the lower tenant index).
 * Then the seats become nodes: pairs (i, j) in decreasing x_ij are granted
 * while i has seats left, and any node left over goes to the tenants with
 * seats left in index order (nodes of one type are interchangeable in
 * Allot's inference model; when they are not, the pairing keeps the nodes
 * a tenant's x favours).
 * A tenant's carry (T_iτ, H_iτ) on a type is dropped in a round in which it
 * has no entitlement on that type (it left, or stopped valuing the type),
 * so credit is not banked across absences; if that leaves no eligible
 * tenant for a seat, the seat goes to the highest priority among the
 * entitled tenants.
 *
 * **Guarantees.** Every round, tenant i gets at least ⌊X_iτ⌋ nodes of type
 * τ (so a tenant entitled to a whole node of a type holds one every round).
 * While the entitlements X_iτ stay constant (constant utilities), T_iτ
 * after h seats is h·f_iτ/r_τ, a fixed-population apportionment with a
 * growing house, and the quota method satisfies quota at every house size
 * (Balinski & Young 1975): ⌊T_iτ⌋ ≤ H_iτ ≤ ⌈T_iτ⌉ after every seat. The
 * whole nodes are delivered exactly, so cumulative nodes held − cumulative
 * X_iτ = H_iτ − T_iτ, and at every round end
 *   (a) |cumulative nodes of type τ held − cumulative X_iτ| < 1 for every τ.
 * (b) Service gaps. If i holds no node of type τ in rounds r+1..r+k, its
 * deficit d = T − H rose by k·X_iτ, from d > −1 (end of round r) to d < 1
 * (end of round r+k), so k·X_iτ < 2: *every window of ⌈2/X_iτ⌉ consecutive
 * rounds holds a node of type τ*, and, because max_τ X_iτ ≥ X_i/K for a
 * tenant entitled on K types, every window of ⌈2K/X_i⌉ rounds holds a node.
 * That is what (a) implies, and it is what the property test checks. The
 * issue's stronger wording — a node in every window of ⌈1/x⌉ + 1 rounds
 * while X_i = Σ_τ X_iτ ≥ x — does not follow from (a): a ±1 band allows
 * one early seat (at the upper quota) followed by a late one (at the lower
 * quota), a gap of almost 2/x; and with X_i split over K types, per-type
 * bands allow gaps of about 2K/x. Measured on 3,000 random constant
 * instances (2–6 tenants, 1–3 types of 1–4 nodes, 300 rounds), the issue's
 * window was exceeded by 71 of 2,453 tenants on one type (2.9 %) and 586 of
 * 8,499 on several (6.9 %); the ⌈2/X_iτ⌉ bound never was.
 * When entitlements change from round to round no constant bound is
 * claimed (Tijdeman's chairman-assignment bound needs a look-ahead rule);
 * the per-tenant `longestServiceGapRounds` metric reports what happened.
 *
 * Deterministic: uses no randomness. State between rounds: the carries, as
 * JSON (`snapshot`/`restore`).
 */
import type { FractionalAllocation } from './types.js';

/** Per node type, per tenant id: cumulative target T and cumulative count H of the fractional parts (nodes). */
export type DeficitCarry = Record<string, Record<string, [target: number, held: number]>>;

/** A stateful deficit realiser: one per mechanism instance (one per run). */
export interface DeficitRealiser {
  /**
   * Realises one round. `fractions[j]` lists x_ij > 0 of node j (columns sum to
   * 1), `types[j]` is node j's accelerator type, `tenantIds[i]` tenant i's id
   * (the carry follows ids, so tenants may come and go); nodes in `unvalued`
   * stay unassigned (null). Returns owner[j].
   */
  realise(fractions: FractionalAllocation, types: readonly string[], tenantIds: readonly string[], unvalued: ReadonlySet<number>): (number | null)[];
  snapshot(): DeficitCarry;
  /** Throws RangeError on a malformed carry. */
  restore(state: unknown): void;
}

const EPS = 1e-9;

export function createDeficitRealiser(): DeficitRealiser {
  let carry: DeficitCarry = {};
  return {
    realise(fractions, types, tenantIds, unvalued) {
      const owner: (number | null)[] = new Array(fractions.length).fill(null);
      const byType = new Map<string, number[]>();
      fractions.forEach((col, j) => {
        if (unvalued.has(j) || col.length === 0) return;
        const list = byType.get(types[j]);
        if (list) list.push(j);
        else byType.set(types[j], [j]);
      });
      const next: DeficitCarry = {};
      for (const [type, nodes] of byType) {
        const entitled = new Map<number, number>();
        for (const j of nodes) for (const e of fractions[j]) if (e.x > 0) entitled.set(e.tenant, (entitled.get(e.tenant) ?? 0) + e.x);
        const tenants = [...entitled.keys()].sort((a, b) => a - b);
        const old = carry[type] ?? {};
        const T = tenants.map((i) => old[tenantIds[i]]?.[0] ?? 0);
        const H = tenants.map((i) => old[tenantIds[i]]?.[1] ?? 0);
        // whole nodes first: ⌊X_iτ⌋ each; the quota method hands out the r_τ = m_τ − Σ⌊X_iτ⌋ remaining seats by the fractional parts
        const seats = tenants.map((i) => Math.floor(entitled.get(i)! + EPS));
        const rest = nodes.length - seats.reduce((a, b) => a + b, 0);
        const step = tenants.map((i, q) => (rest > 0 ? Math.max(0, entitled.get(i)! - seats[q]) / rest : 0));
        for (let s = 0; s < rest; s++) {
          for (let q = 0; q < tenants.length; q++) T[q] += step[q];
          let best = -1;
          let bestEligible = false;
          for (let q = 0; q < tenants.length; q++) {
            const eligible = H[q] < T[q] - EPS;
            const better = best < 0 || (eligible && !bestEligible) || (eligible === bestEligible && T[q] / (H[q] + 1) > T[best] / (H[best] + 1) + EPS);
            if (better) {
              best = q;
              bestEligible = eligible;
            }
          }
          H[best]++;
          seats[best]++;
        }
        // T and H count the fractional parts only: the whole nodes are delivered exactly every round
        // seats → nodes: pairs by decreasing x, then leftovers in index order
        const pairs = nodes.flatMap((j) => fractions[j].map((e) => ({ i: e.tenant, j, x: e.x }))).sort((a, b) => b.x - a.x || a.j - b.j || a.i - b.i);
        const left = new Map(tenants.map((i, q) => [i, seats[q]]));
        for (const p of pairs) {
          if (owner[p.j] !== null || (left.get(p.i) ?? 0) === 0) continue;
          owner[p.j] = p.i;
          left.set(p.i, left.get(p.i)! - 1);
        }
        for (const j of nodes) {
          if (owner[j] !== null) continue;
          const i = tenants.find((t) => left.get(t)! > 0)!;
          owner[j] = i;
          left.set(i, left.get(i)! - 1);
        }
        next[type] = Object.fromEntries(tenants.map((i, q) => [tenantIds[i], [T[q], H[q]]]));
      }
      // types absent this round keep no carry: nobody was entitled there
      carry = next;
      return owner;
    },
    snapshot: () => structuredClone(carry),
    restore(state) {
      const ok = typeof state === 'object' && state !== null && !Array.isArray(state) &&
        Object.values(state).every((t) => typeof t === 'object' && t !== null && Object.values(t).every((v) => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)));
      if (!ok) throw new RangeError('expected a deficit carry {type: {tenant: [target ≥ 0, held ≥ 0]}}');
      carry = structuredClone(state as DeficitCarry);
    },
  };
}
