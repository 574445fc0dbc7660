/**
 * What a run's results say, computed once for every view (terminal, markdown,
 * HTML): the metric columns to show (from the metric catalogue's view of the
 * kind), each formatted per unit with the best value marked; the headline —
 * the best policy on each headline metric and the spread between best and
 * worst; and a paragraph generated from the numbers: who wins, by how much,
 * and at what cost in fairness. With several seeds (`results.intervals`),
 * values carry their 95 % interval and overlapping leads are called ties.
 */
import { headlineKeys, metricDef, metricView, type MetricDef } from '../metrics/catalog.js';
import type { MetricInterval, MetricValue, PolicyResult, Results, TenantResult } from '../results.js';
import { columnFormat, type ColumnFormat } from './format.js';

/** A numeric metric value, or null when absent, non-numeric or not finite. */
export function numeric(v: MetricValue | TenantResult[] | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function intervalKey(policy: string, tenant: string | undefined, metric: string): string {
  return `${policy}\u0000${tenant ?? ''}\u0000${metric}`;
}

/** Index of a results' intervals by (policy, tenant, metric); empty for a single seed. */
export function intervalIndex(results: Results): Map<string, MetricInterval> {
  return new Map((results.intervals ?? []).map((i) => [intervalKey(i.policy, i.tenant, i.metric), i]));
}

/** The 95 % half-width of a metric over seeds, or null (one seed, or n < 2). */
export function halfWidth(index: Map<string, MetricInterval>, policy: string, tenant: string | undefined, metric: string): number | null {
  return index.get(intervalKey(policy, tenant, metric))?.ciHalfWidth ?? null;
}

const LABEL_KEYS = new Set(['name', 'id', 'tenants', 'tokens']);

function presentKeys(items: readonly Record<string, unknown>[], numericOnly: boolean): string[] {
  const keys: string[] = [];
  for (const it of items) {
    for (const [k, v] of Object.entries(it)) {
      if (LABEL_KEYS.has(k) || keys.includes(k)) continue;
      if (typeof v === 'number' || (!numericOnly && typeof v === 'string') || v === null) keys.push(k);
    }
  }
  return keys;
}

/**
 * Metric keys of the policy table: the kind's view order (metrics present in
 * the results), then — with `all` — every other numeric metric.
 */
export function policyKeys(results: Results, all = false): string[] {
  const present = presentKeys(results.policies as unknown as Record<string, unknown>[], true);
  const view = metricView(results.kind).policy.filter((k) => present.includes(k));
  return all || view.length === 0 ? [...view, ...present.filter((k) => !view.includes(k))] : view;
}

/** Metric keys of the per-tenant table (text columns such as `model` included), as `policyKeys`. */
export function tenantKeys(results: Results, all = false): string[] {
  const tenants = results.policies.flatMap((p) => p.tenants ?? []);
  const present = presentKeys(tenants as unknown as Record<string, unknown>[], false);
  const hasTokens = tenants.some((t) => typeof t.tokens === 'number');
  const view = metricView(results.kind).tenant.filter((k) => (k === 'tokens' ? hasTokens : present.includes(k)));
  return all || view.length === 0 ? [...view, ...present.filter((k) => !view.includes(k))] : view;
}

/** A metric's table header: its label and display unit, e.g. "p99 latency (ms)". */
export function metricHeader(def: MetricDef, format: ColumnFormat): string {
  return format.unit ? `${def.label} (${format.unit})` : def.label;
}

/** One formatted metric column. */
export interface MetricColumn {
  key: string;
  def: MetricDef;
  header: string;
  format: ColumnFormat;
  /** True for a text column (e.g. a tenant's model). */
  text: boolean;
  /** Raw values per row (null when absent or not numeric). */
  values: (number | null)[];
  /** 95 % half-widths per row (null for one seed). */
  halves: (number | null)[];
  /** Formatted cells: "99.8", or "99.8 ± 0.4" with intervals; text as is. */
  cells: string[];
  /** Rows holding the best value (only for ranked metrics with ≥ 2 values, when `markBest`). */
  best: boolean[];
}

/** Tolerance for equal values (relative). */
const TIE = 1e-9;

function isBest(def: MetricDef, v: number | null, values: (number | null)[]): boolean {
  if (v === null || def.better === 'neutral') return false;
  const finite = values.filter((x): x is number => x !== null);
  if (finite.length < 2) return false;
  const target = def.better === 'higher' ? Math.max(...finite) : Math.min(...finite);
  if (Math.max(...finite) - Math.min(...finite) <= TIE * Math.max(1, Math.abs(target))) return false;
  return Math.abs(v - target) <= TIE * Math.max(1, Math.abs(target));
}

/**
 * Formats metric columns over `rows` (policies or tenants): one display unit
 * per column, with "± half-width" when `half` gives intervals, and the best
 * values marked when `markBest`.
 */
export function metricColumns(rows: readonly Record<string, unknown>[], keys: readonly string[], half: (row: number, key: string) => number | null, markBest: boolean): MetricColumn[] {
  return keys.map((key) => {
    const def = metricDef(key);
    const raw = rows.map((r) => r[key]);
    const text = raw.some((v) => typeof v === 'string' || typeof v === 'boolean') && !raw.some((v) => typeof v === 'number');
    const values = raw.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
    const halves = rows.map((_, i) => half(i, key));
    const format = columnFormat(def, values);
    const cells = text
      ? raw.map((v) => (v === null || v === undefined ? '–' : String(v)))
      : values.map((v, i) => (halves[i] !== null && v !== null ? `${format.format(v)} ± ${format.format(halves[i])}` : format.format(v)));
    return { key, def, header: text ? def.label : metricHeader(def, format), format, text, values, halves, cells, best: values.map((v) => markBest && isBest(def, v, values)) };
  });
}

/** The policy table's metric columns, best values marked. */
export function policyColumns(results: Results, keys = policyKeys(results)): MetricColumn[] {
  const idx = intervalIndex(results);
  const rows = results.policies as unknown as Record<string, unknown>[];
  return metricColumns(rows, keys, (i, k) => halfWidth(idx, results.policies[i].name, undefined, k), true);
}

/** The per-tenant rows (policy, tenant) in policy order. */
export function tenantRows(results: Results): { policy: PolicyResult; tenant: TenantResult }[] {
  return results.policies.flatMap((policy) => (policy.tenants ?? []).map((tenant) => ({ policy, tenant })));
}

/** The per-tenant table's metric columns (no best marking: rows mix policies and tenants). */
export function tenantColumns(results: Results, keys = tenantKeys(results)): MetricColumn[] {
  const idx = intervalIndex(results);
  const rows = tenantRows(results);
  return metricColumns(rows.map((r) => r.tenant as unknown as Record<string, unknown>), keys, (i, k) => halfWidth(idx, rows[i].policy.name, rows[i].tenant.id, k), false);
}

/** One headline metric: the best and worst policy and the spread between them. */
export interface HeadlineEntry {
  key: string;
  def: MetricDef;
  format: ColumnFormat;
  /** Policies with the best value (more than one on a tie). */
  best: string[];
  bestValue: number;
  worst: string;
  worstValue: number;
  /** "85.5 pts", "10×", or a difference with its unit. */
  spread: string;
  /** The runner-up (second-best distinct policy), when there is one. */
  runnerUp?: { policy: string; value: number };
  /** True when the best's and the runner-up's 95 % intervals overlap (several seeds only). */
  tiedWithRunnerUp: boolean;
  /** Every policy with a value, best first. */
  ranked: { policy: string; value: number; half: number | null }[];
}

/** The spread between the best and worst value of a metric, in words that suit its unit. */
export function spreadText(def: MetricDef, format: ColumnFormat, best: number, worst: number): string {
  if (def.unit === 'fraction') return `${Math.abs(best - worst) * 100 >= 10 ? (Math.abs(best - worst) * 100).toFixed(0) : (Math.abs(best - worst) * 100).toFixed(1)} pts`;
  const lo = Math.min(best, worst);
  const hi = Math.max(best, worst);
  if (lo > 0 && def.unit !== 'index') {
    const r = hi / lo;
    // small gaps read better as a percentage of the smaller value, large ones as a factor
    if (r < 1.5) return `${((r - 1) * 100).toFixed(r < 1.1 ? 1 : 0)} %`;
    return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
  }
  return format.withUnit(hi - lo);
}

/** The headline block: for each headline metric of the kind that has values, best, worst and spread. */
export function headline(results: Results): HeadlineEntry[] {
  const idx = intervalIndex(results);
  const out: HeadlineEntry[] = [];
  for (const key of headlineKeys(results.kind, policyKeys(results, true))) {
    const def = metricDef(key);
    const ranked = results.policies
      .map((p) => ({ policy: p.name, value: numeric(p[key]), half: halfWidth(idx, p.name, undefined, key) }))
      .filter((r): r is { policy: string; value: number; half: number | null } => r.value !== null)
      .sort((a, b) => (def.better === 'lower' ? a.value - b.value : b.value - a.value));
    if (ranked.length === 0 || def.better === 'neutral') continue;
    const format = columnFormat(def, ranked.map((r) => r.value));
    const top = ranked[0].value;
    const tol = TIE * Math.max(1, Math.abs(top));
    const best = ranked.filter((r) => Math.abs(r.value - top) <= tol).map((r) => r.policy);
    const worst = ranked[ranked.length - 1];
    const next = ranked.find((r) => !best.includes(r.policy));
    const first = ranked[0];
    const tied = !!next && first.half !== null && next.half !== null && Math.abs(first.value - next.value) <= first.half + next.half;
    out.push({
      key, def, format, best, bestValue: top, worst: worst.policy, worstValue: worst.value,
      spread: spreadText(def, format, top, worst.value),
      runnerUp: next ? { policy: next.policy, value: next.value } : undefined,
      tiedWithRunnerUp: tied,
      ranked,
    });
  }
  return out;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function superlative(def: MetricDef): string {
  return def.better === 'higher' ? 'highest' : 'lowest';
}

/**
 * One paragraph in plain words from the numbers: who wins each headline
 * metric and by how much (against the runner-up and the worst), and what the
 * winners give up on the kind's fairness metric. Deterministic.
 */
export function summaryParagraph(results: Results): string {
  const n = results.policies.length;
  const seeds = results.seeds && results.seeds.length > 1 ? results.seeds.length : 0;
  if (n === 0) return 'No policy ran.';
  const entries = headline(results);
  const view = metricView(results.kind);
  if (n === 1) {
    const p = results.policies[0].name;
    const figures = entries.map((e) => `${e.def.label} ${e.format.withUnit(e.bestValue)}`);
    return `One policy ran (${p})${figures.length ? `: ${list(figures)}` : ''}. Compare several with --policies.`;
  }
  const fairKey = view.fairness;
  const sentences: string[] = [];
  // metrics on which every policy gives the same value separate nothing: one sentence for them
  const same = entries.filter((e) => e.best.length === n);
  if (same.length) {
    const figures = same.map((e) => `${e.def.label} (${e.format.withUnit(e.bestValue)})`);
    sentences.push(same.length === entries.length
      ? `All ${n} policies give the same ${list(figures)}: this input does not separate them.`
      : `All ${n} policies give the same ${list(figures)}.`);
  }
  const fair = entries.find((e) => e.key === fairKey && e.best.length < n);
  const perf = entries.filter((e) => e.key !== fairKey && e.best.length < n);
  const byWinner = new Map<string, string[]>();
  for (const e of perf) {
    const who = e.best.length > 1 ? list(e.best) : e.best[0];
    const margin = e.runnerUp
      ? e.tiedWithRunnerUp
        ? `, statistically tied with ${e.runnerUp.policy}`
        : `, ${spreadText(e.def, e.format, e.bestValue, e.runnerUp.value)} ahead of ${e.runnerUp.policy}`
      : '';
    const phrase = `the ${superlative(e.def)} ${e.def.label} (${e.format.withUnit(e.bestValue)}${margin})`;
    const l = byWinner.get(who);
    if (l) l.push(phrase);
    else byWinner.set(who, [phrase]);
  }
  const winnerText = [...byWinner.entries()].map(([who, phrases]) => `${who} ${who.includes(' and ') ? 'share' : 'has'} ${list(phrases)}`);
  if (winnerText.length) sentences.push(`Of ${n} policies${seeds ? ` (means over ${seeds} seeds)` : ''}, ${list(winnerText)}.`);
  const spreads = perf.filter((e) => e.worst !== e.best[0]).map((e) => `${e.spread} on ${e.def.label} (${e.best[0]} vs ${e.worst})`);
  if (spreads.length) sentences.push(`Best and worst differ by ${list(spreads)}.`);
  if (fair) {
    const fairest = fair.best[0];
    const dir = fair.def.better === 'higher' ? 'higher is fairer' : 'lower is fairer';
    sentences.push(`On fairness (${fair.def.label}, ${dir}), ${fair.best.length > 1 ? `${list(fair.best)} tie as the fairest` : `${fairest} is the fairest`} (${fair.format.withUnit(fair.bestValue)}) and ${fair.worst} the least fair (${fair.format.withUnit(fair.worstValue)}).`);
    const winners = [...new Set(perf.flatMap((e) => e.best))];
    const costs: string[] = [];
    const alsoFair: string[] = [];
    for (const w of winners) {
      const v = fair.ranked.find((r) => r.policy === w);
      if (!v) continue;
      if (fair.best.includes(w)) alsoFair.push(w);
      else costs.push(`${w} sits at ${fair.format.withUnit(v.value)} (${spreadText(fair.def, fair.format, fair.bestValue, v.value)} from the fairest)`);
    }
    if (costs.length) sentences.push(`The winners pay in fairness: ${list(costs)}.`);
    if (alsoFair.length) sentences.push(`${list(alsoFair)} ${alsoFair.length > 1 ? 'win' : 'wins'} without a fairness cost.`);
  }
  if (seeds) {
    const ties = perf.filter((e) => e.tiedWithRunnerUp).map((e) => e.def.label);
    sentences.push(ties.length ? `The 95 % intervals of best and runner-up overlap on ${list(ties)}: those leads are not significant.` : 'Every lead above is outside the 95 % intervals of best and runner-up.');
  }
  return sentences.join(' ');
}

/** A sweep's aggregated rows of one varied setting, as the results shape (means, with their intervals). */
export function settingResults(kind: string, scenario: string, rows: readonly MetricInterval[], seeds: number[]): Results {
  const policies = new Map<string, PolicyResult>();
  const intervals: MetricInterval[] = [];
  for (const r of rows) {
    let p = policies.get(r.policy);
    if (!p) policies.set(r.policy, (p = { name: r.policy, tenants: [] }));
    p[r.metric] = r.mean;
    intervals.push({ policy: r.policy, metric: r.metric, n: r.n, mean: r.mean, sd: r.sd, ciHalfWidth: r.ciHalfWidth, ciLow: r.ciLow, ciHigh: r.ciHigh });
  }
  return { allotVersion: '', scenario, kind, seed: seeds[0] ?? 1, seeds, inputs: [], parameters: {}, policies: [...policies.values()], intervals };
}

/**
 * How the lead on each headline metric moves across the values of a varied
 * option: "static-share leads on deadline hit rate at every load" or "on p99
 * latency the lead passes from m-dice (load=0.5) to drf (load=1.5)".
 */
export function leadAcrossSettings(settings: readonly { label: string; results: Results }[], axis: string): string {
  if (settings.length < 2) return '';
  const keys = headlineKeys(settings[0].results.kind, policyKeys(settings[0].results, true));
  const parts: string[] = [];
  for (const key of keys) {
    const leaders = settings.map((s) => ({ label: s.label, entry: headline(s.results).find((e) => e.key === key) })).filter((x) => x.entry);
    if (leaders.length < 2) continue;
    const def = leaders[0].entry!.def;
    const names = leaders.map((x) => x.entry!.best[0]);
    if (names.every((n) => n === names[0])) parts.push(`${names[0]} leads on ${def.label} at every ${axis}`);
    else {
      const changes: string[] = [];
      leaders.forEach((x, i) => {
        if (i === 0 || names[i] !== names[i - 1]) changes.push(`${names[i]} (${x.label})`);
      });
      parts.push(`on ${def.label} the lead passes ${changes.map((c, i) => (i === 0 ? `from ${c}` : `to ${c}`)).join(' ')}`);
    }
  }
  if (parts.length === 0) return '';
  const text = list(parts);
  return `Across ${axis}: ${text}.`;
}
