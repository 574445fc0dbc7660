/**
 * Aggregation of sweep cells over seeds: per (varied setting, policy) and per
 * (varied setting, policy, tenant), for every numeric metric: the number of
 * seeds n, the mean, the sample standard deviation and a two-sided 95 %
 * Student-t confidence interval for the mean, mean ± t(0.975, n−1)·s/√n
 * (t quantile from jstat). With n = 1 the interval is undefined (null).
 * Non-numeric and null metric values are left out of a metric's sample.
 */
import type { MetricInterval, MetricValue, PolicyResult, Results, TenantResult } from '../results.js';
import { canonicalJson, type OptionValue } from './cells.js';
import type { CellRecord } from './run-cell.js';
import { lazyRequire } from '../lazy-require.js';

const jstatModule = lazyRequire<typeof import('jstat').default>('jstat');

/** One aggregated metric of one group (a tidy/long row): a `MetricInterval` at one setting of the varied options. */
export interface SummaryRow extends MetricInterval {
  /** The varied options' values of this group. */
  vary: Record<string, OptionValue>;
}

/** Mean and 95 % t-interval of a sample. Throws on an empty sample. */
export function meanCi95(values: number[]): Pick<SummaryRow, 'n' | 'mean' | 'sd' | 'ciHalfWidth' | 'ciLow' | 'ciHigh'> {
  const n = values.length;
  if (n === 0) throw new RangeError('meanCi95 needs at least one value');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { n, mean, sd: null, ciHalfWidth: null, ciLow: null, ciHigh: null };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const sd = Math.sqrt(variance);
  const jStat = jstatModule().jStat ?? jstatModule();
  const half = jStat.studentt.inv(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ciHalfWidth: half, ciLow: mean - half, ciHigh: mean + half };
}

function numericMetrics(r: PolicyResult | TenantResult): [string, number][] {
  const out: [string, number][] = [];
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && Number.isFinite(v)) out.push([k, v]);
  return out;
}

interface Group {
  vary: Record<string, OptionValue>;
  policy: string;
  tenant?: string;
  metrics: Map<string, number[]>;
}

/**
 * Aggregates finished cells. Row order is deterministic: groups in the order
 * their first cell appears in `records` (pass them in enumeration order),
 * metrics in first-seen order within a group.
 */
export function aggregateCells(records: CellRecord[]): { policies: SummaryRow[]; tenants: SummaryRow[] } {
  const policyGroups = new Map<string, Group>();
  const tenantGroups = new Map<string, Group>();
  const add = (groups: Map<string, Group>, key: string, g: Omit<Group, 'metrics'>, metrics: [string, number][]) => {
    let group = groups.get(key);
    if (!group) {
      group = { ...g, metrics: new Map() };
      groups.set(key, group);
    }
    for (const [m, v] of metrics) {
      const list = group.metrics.get(m);
      if (list) list.push(v);
      else group.metrics.set(m, [v]);
    }
  };
  for (const rec of records) {
    const vary = rec.cell.vary;
    const vkey = canonicalJson(vary);
    for (const p of rec.results.policies) {
      add(policyGroups, `${vkey}\u0000${p.name}`, { vary, policy: p.name }, numericMetrics(p));
      for (const t of p.tenants ?? []) add(tenantGroups, `${vkey}\u0000${p.name}\u0000${t.id}`, { vary, policy: p.name, tenant: t.id }, numericMetrics(t));
    }
  }
  const rows = (groups: Map<string, Group>): SummaryRow[] =>
    [...groups.values()].flatMap((g) =>
      [...g.metrics.entries()].map(([metric, values]) => ({
        vary: g.vary,
        policy: g.policy,
        ...(g.tenant !== undefined ? { tenant: g.tenant } : {}),
        metric,
        ...meanCi95(values),
      })),
    );
  return { policies: rows(policyGroups), tenants: rows(tenantGroups) };
}

function meanOf(values: (MetricValue | TenantResult[] | undefined)[]): MetricValue {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length > 0) return nums.reduce((a, b) => a + b, 0) / nums.length;
  const first = values[0];
  return values.every((v) => v === first) && (typeof first !== 'object' || first === null) ? (first ?? null) : null;
}

function mergeMetrics<T extends Record<string, unknown>>(items: T[], skip: Set<string>): Record<string, MetricValue> {
  const keys: string[] = [];
  for (const it of items) for (const k of Object.keys(it)) if (!skip.has(k) && !keys.includes(k)) keys.push(k);
  return Object.fromEntries(keys.map((k) => [k, meanOf(items.map((it) => it[k] as MetricValue | undefined))]));
}

/**
 * Combines the results of one scenario run with several seeds (`allot run
 * --seeds N`): every numeric metric of every policy and tenant becomes its
 * mean over the seeds (non-numeric values are kept when all seeds agree,
 * else null), and `intervals` holds the mean and 95 % Student-t interval of
 * each (see `meanCi95`). Policies and tenants are matched by name and id, in
 * the first run's order. Throws RangeError on an empty list.
 */
export function aggregateSeeds(runs: readonly Results[]): Results {
  if (runs.length === 0) throw new RangeError('aggregateSeeds needs at least one run');
  const first = runs[0];
  const intervals: MetricInterval[] = [];
  const collect = (policy: string, tenant: string | undefined, items: Record<string, unknown>[]) => {
    const keys: string[] = [];
    for (const it of items) for (const [k, v] of Object.entries(it)) if (typeof v === 'number' && k !== 'tokens' && !keys.includes(k)) keys.push(k);
    for (const metric of keys) {
      const values = items.map((it) => it[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (values.length) intervals.push({ policy, ...(tenant !== undefined ? { tenant } : {}), metric, ...meanCi95(values) });
    }
  };
  const policies: PolicyResult[] = first.policies.map((p) => {
    const same = runs.map((r) => r.policies.find((q) => q.name === p.name)).filter((q): q is PolicyResult => q !== undefined);
    collect(p.name, undefined, same as unknown as Record<string, unknown>[]);
    const tenants: TenantResult[] = (p.tenants ?? []).map((t) => {
      const ts = same.map((q) => (q.tenants ?? []).find((u) => u.id === t.id)).filter((u): u is TenantResult => u !== undefined);
      collect(p.name, t.id, ts as unknown as Record<string, unknown>[]);
      return { id: t.id, ...(t.tokens !== undefined ? { tokens: t.tokens } : {}), ...mergeMetrics(ts as unknown as Record<string, unknown>[], new Set(['id', 'tokens'])) };
    });
    return { name: p.name, ...mergeMetrics(same as unknown as Record<string, unknown>[], new Set(['name', 'tenants'])), tenants } as PolicyResult;
  });
  const inputs = [...new Map(runs.flatMap((r) => r.inputs).map((i) => [`${i.path}\u0000${i.sha256}`, i])).values()];
  return { ...first, inputs, policies, seeds: runs.map((r) => r.seed), intervals };
}
