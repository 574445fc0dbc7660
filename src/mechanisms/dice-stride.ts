/**
 * S-Dice: stride-based Dice (shared/specs/dice.md §3; source: the README of
 * mhomidi/dice, "S-Dice"; stride scheduling: Waldspurger & Weihl, 1995).
 * stride_i = L / t_i (L = 2^20); the tenant with the smallest pass takes its
 * most preferred remaining node, ties to the lowest id; its pass advances by
 * its stride.
 *
 * Options (spec defaults first):
 * - `passArithmetic`: "exact" (default; pass_i = c_i·L/t_i compared as exact
 *   rationals) or "float" (the original's doubles: `pass += L/t`).
 * - `carryPasses`: true (default; passes carry across rounds, classic stride
 *   scheduling) or false (`resetPassEachRound`: every round starts at 0).
 * - `rejoin`: "virtual-time" (default, ours: a tenant that was inactive —
 *   u_i(M) = 0 — for a whole round rejoins with pass = max(own, smallest
 *   active pass)) or "remain" (Waldspurger & Weihl: keep pass − global pass
 *   on leave, restore on rejoin).
 * - `skippedPass`: what happens when the smallest pass belongs to an active
 *   tenant (u_i(M) > 0) with no positive-value node left. "advance" (default):
 *   the turn is spent — its pass advances by its stride and the next smallest
 *   pass is asked (the README's "selects a user with the minimum pass … the
 *   pass of the chosen user is then advanced", with the worthless node left
 *   for others); "hold" (Allot ≤ 0.1): it is passed over and its pass does not
 *   advance. With carried passes, "hold" locks in: tenants that can use nodes
 *   nobody else wants pick those every round, their passes run ahead, and they
 *   pick after the valuable nodes are gone in every later round (README,
 *   "S-Dice readings").
 * - `advanceBy`: "pick" (default; each pick advances the pass by the stride
 *   1/t_i in units of L) or "value" (ours, heterogeneity-aware: a pick of node
 *   j advances it by (v_ij / v̄_i)/t_i with v̄_i = u_i(M)/m, the tenant's mean
 *   node value, so carried passes track u_i(X_i)/(t_i·u_i(M)) — the PROP ratio
 *   — instead of node counts; a skipped turn advances by 1/t_i; float passes).
 * - `turns`: "stride" (default) or "original" (the authors' code,
 *   mhomidi/threashold-util-sim @ 344a4a7, s_dice_scheduler.py: a turn list
 *   where tenant i appears t_i times in a row, in id order, and a cursor carried
 *   across rounds; each of the m turns takes the turn-holder's best remaining
 *   node even if it is worth 0 to it; no passes, no skips).
 * Properties (spec §5.2): weighted EF1 every round with reset passes; EF1 and
 * PROP1 with equal tokens.
 */
import { pickingSequence, totalValues, type PickingRule } from './picking-sequence.js';
import { Rational } from './rational.js';
import type { AllocationProblem, Mechanism, RoundAllocation } from './types.js';

export interface StrideOptions {
  passArithmetic?: 'exact' | 'float';
  carryPasses?: boolean;
  rejoin?: 'virtual-time' | 'remain';
  /** The large constant L (default 2^20). */
  L?: number;
  skippedPass?: 'advance' | 'hold';
  advanceBy?: 'pick' | 'value';
  turns?: 'stride' | 'original';
}

/** Safety bound on consecutive skipped turns within one pick (a bug, not an input, if reached). */
const MAX_SKIPS = 1_000_000;

export const STRIDE_L = 2 ** 20;

/**
 * The exact stride picking rule on its own: passes (in units of L, so the
 * stride is 1/t_i) start at `start` (default 0); smallest pass picks, ties to
 * the lower id. Returns the rule; `passes` is updated in place.
 */
export function exactStrideRule(tokens: readonly number[], passes: Rational[] = tokens.map(() => Rational.ZERO)): PickingRule {
  const stride = tokens.map((t) => Rational.of(1, t));
  return {
    choose(eligible) {
      let best = -1;
      for (let i = 0; i < tokens.length; i++) if (eligible[i] && (best < 0 || passes[i].compare(passes[best]) < 0)) best = i;
      return best;
    },
    onPick(i) {
      passes[i] = passes[i].add(stride[i]);
    },
  };
}

type Pass = { exact: Rational; float: number };

export function createStrideDice(options: StrideOptions = {}): Mechanism {
  if (options.turns === 'original') return createTurnListDice();
  const byValue = options.advanceBy === 'value';
  const advanceSkipped = (options.skippedPass ?? 'advance') === 'advance';
  const exact = (options.passArithmetic ?? 'exact') === 'exact' && !byValue;
  const carry = options.carryPasses ?? true;
  const rejoin = options.rejoin ?? 'virtual-time';
  const L = options.L ?? STRIDE_L;
  const passes = new Map<string, Pass>();
  const activeLastRound = new Set<string>();
  /** For rejoin "remain": pass − global pass saved when the tenant left. */
  const saved = new Map<string, Pass>();
  let firstRound = true;

  const less = (a: Pass, b: Pass) => (exact ? a.exact.compare(b.exact) < 0 : a.float < b.float);
  const cmp = (a: Pass, b: Pass) => (exact ? a.exact.compare(b.exact) : a.float - b.float);
  const zero = (): Pass => ({ exact: Rational.ZERO, float: 0 });

  return {
    name: 's-dice',
    allocate(problem: AllocationProblem): RoundAllocation {
      const n = problem.tenants.length;
      const uM = totalValues(problem);
      const ids = problem.tenants.map((t) => t.id);
      const active = ids.map((_, i) => uM[i] > 0);
      if (!carry) passes.clear();
      // Global pass = smallest pass among tenants active now that were active before.
      let global: Pass | undefined;
      for (let i = 0; i < n; i++) {
        const p = passes.get(ids[i]);
        if (active[i] && p && (firstRound || activeLastRound.has(ids[i])) && (!global || less(p, global))) global = p;
      }
      for (let i = 0; i < n; i++) {
        const id = ids[i];
        const p = passes.get(id);
        if (!p) {
          passes.set(id, global && !firstRound ? { ...global } : zero());
          continue;
        }
        if (!carry || firstRound || !active[i] || activeLastRound.has(id) || !global) continue;
        // Rejoining after an inactive round.
        if (rejoin === 'virtual-time') {
          passes.set(id, cmp(p, global) >= 0 ? p : global);
        } else {
          const s = saved.get(id);
          if (s) passes.set(id, { exact: global.exact.add(s.exact), float: global.float + s.float });
        }
      }
      if (rejoin === 'remain' && global) {
        for (let i = 0; i < n; i++) {
          if (!active[i] && activeLastRound.has(ids[i])) {
            const p = passes.get(ids[i])!;
            saved.set(ids[i], { exact: p.exact.sub(global.exact), float: p.float - global.float });
          }
        }
      }
      const cur = ids.map((id) => passes.get(id)!);
      const strideExact = problem.tenants.map((t) => Rational.of(1, t.tokens)); // L cancels out in comparisons
      const strideFloat = problem.tenants.map((t) => L / t.tokens);
      const m = problem.nodes.length;
      const advance = (i: number, scale: number) => {
        cur[i] = { exact: exact ? cur[i].exact.add(strideExact[i]) : cur[i].exact, float: cur[i].float + strideFloat[i] * scale };
      };
      const assignment = pickingSequence(problem, {
        choose(eligible) {
          for (let skips = 0; skips < MAX_SKIPS; skips++) {
            let best = -1;
            // Hold: only tenants that can still pick compete. Advance: every active tenant's turn comes up in pass order.
            for (let i = 0; i < n; i++) if ((eligible[i] || (advanceSkipped && active[i])) && (best < 0 || less(cur[i], cur[best]))) best = i;
            if (best < 0 || eligible[best]) return best;
            advance(best, 1); // the skipped turn is spent
          }
          throw new Error('internal: S-Dice skipped too many turns in one pick');
        },
        onPick(i, _j, v) {
          advance(i, byValue ? (v * m) / uM[i] : 1);
        },
      });
      for (let i = 0; i < n; i++) passes.set(ids[i], cur[i]);
      activeLastRound.clear();
      for (let i = 0; i < n; i++) if (active[i]) activeLastRound.add(ids[i]);
      firstRound = false;
      return { assignment };
    },
    snapshot() {
      const pass = (p: Pass) => ({ exact: p.exact.toString(), float: p.float });
      return {
        passes: Object.fromEntries([...passes].map(([id, p]) => [id, pass(p)])),
        activeLastRound: [...activeLastRound],
        saved: Object.fromEntries([...saved].map(([id, p]) => [id, pass(p)])),
        firstRound,
      };
    },
    restore(state) {
      const st = state as { passes?: Record<string, { exact: string; float: number }>; activeLastRound?: string[]; saved?: Record<string, { exact: string; float: number }>; firstRound?: boolean } | null;
      if (!st || typeof st !== 'object' || typeof st.firstRound !== 'boolean' || !Array.isArray(st.activeLastRound)) throw new RangeError('expected an S-Dice state {passes, activeLastRound, saved, firstRound}');
      const pass = (p: { exact: string; float: number }): Pass => ({ exact: Rational.parse(p.exact), float: p.float });
      passes.clear();
      for (const [id, p] of Object.entries(st.passes ?? {})) passes.set(id, pass(p));
      saved.clear();
      for (const [id, p] of Object.entries(st.saved ?? {})) saved.set(id, pass(p));
      activeLastRound.clear();
      for (const id of st.activeLastRound) activeLastRound.add(id);
      firstRound = st.firstRound;
    },
  };
}

/**
 * S-Dice as the authors' code runs it (`turns: "original"`; s_dice_scheduler.py
 * @ 344a4a7): a turn list [0×t_0, 1×t_1, …] over the tenants in id order, a
 * cursor carried across rounds (modulo the list's length), and each of the m
 * turns of a round takes the turn-holder's best remaining node, worth 0 to it
 * or not. Not per-round weighted EF1. State: the cursor.
 */
function createTurnListDice(): Mechanism {
  let cursor = 0;
  return {
    name: 's-dice',
    allocate(problem: AllocationProblem): RoundAllocation {
      const turns: number[] = [];
      problem.tenants.forEach((t, i) => {
        for (let k = 0; k < t.tokens; k++) turns.push(i);
      });
      const assignment = pickingSequence(
        problem,
        {
          choose: () => (turns.length === 0 ? -1 : turns[cursor % turns.length]),
          onPick: () => {
            cursor = (cursor + 1) % turns.length;
          },
        },
        { allowZeroValue: true },
      );
      return { assignment };
    },
    snapshot: () => ({ cursor }),
    restore(state) {
      const c = (state as { cursor?: unknown } | null)?.cursor;
      if (!Number.isSafeInteger(c) || (c as number) < 0) throw new RangeError('expected an S-Dice turn-list state {cursor: integer ≥ 0}');
      cursor = c as number;
    },
  };
}
