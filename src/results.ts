/**
 * The one results shape shared by every decision level (DESIGN.md):
 * `{allotVersion, scenario, seed, inputs: [{path, sha256}], policies: [{name,
 * <flat metrics with units in names>, tenants: [{id, tokens?, <metrics>}]}]}`.
 * Per-job/per-request rows go to CSV/Parquet, not into this JSON.
 */
import type { InputRef } from './provenance.js';

/** A flat metric value: numbers (units in the key name), or strings/booleans for labels. `null` = undefined for this run (e.g. no requests). */
export type MetricValue = number | string | boolean | null;

/**
 * One row of a policy's per-tenant results — a tenant (levels 1–2), a
 * (tenant, model) pair (level 3) or a DNN service (level 4): its id, its
 * tokens where the level has them (level 1), and flat metrics with the unit
 * in the key name.
 */
export interface TenantResult {
  id: string;
  tokens?: number;
  [metric: string]: MetricValue | undefined;
}

/**
 * One policy's results: its name (the result label), flat metrics with the
 * unit in the key name, and its per-tenant rows.
 */
export interface PolicyResult {
  name: string;
  tenants: TenantResult[];
  [metric: string]: MetricValue | TenantResult[] | undefined;
}

/**
 * The results of one run, the same shape at every level (see the module
 * header): the Allot version, scenario, kind and seed, the inputs read (path
 * and sha256), the scenario parameters, and one entry per policy in run order.
 * This is `results.json` and what `--json` prints.
 */
export interface Results {
  allotVersion: string;
  /** Scenario name (e.g. "default-inference", or a scenario file path). */
  scenario: string;
  /** Scenario kind: "inference-allocation" | "training" | "realtime" | "dag". */
  kind: string;
  seed: number;
  inputs: InputRef[];
  /** Scenario parameters that shaped this run (load, mix, rounds …), for reports and sweeps. */
  parameters: Record<string, MetricValue>;
  policies: PolicyResult[];
  /**
   * With several seeds (`allot run --seeds N`): the seeds run, in order. The
   * policies' and tenants' numeric metrics are then means over these seeds.
   */
  seeds?: number[];
  /** With several seeds: mean and 95 % Student-t interval of every numeric metric (absent for one seed). */
  intervals?: MetricInterval[];
}

/** Mean and two-sided 95 % Student-t confidence interval of one metric of one policy (or tenant) over seeds. */
export interface MetricInterval {
  policy: string;
  /** Set for a tenant's metric. */
  tenant?: string;
  metric: string;
  /** Seeds with a finite value. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** t(0.975, n − 1) · sd / √n; null when n < 2. */
  ciHalfWidth: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** A table of per-item rows (per request, per job, per round …) to be written as CSV/Parquet. */
export interface RowTable {
  /** File stem, e.g. "requests" → requests.csv. */
  name: string;
  columns: string[];
  rows: (number | string | boolean | null)[][];
  /**
   * The same rows in the same order, a slice at a time — for tables too
   * large to hold as one array (10× Philly's 822,470 jobs); writers use it
   * when present. Optional.
   */
  chunks?: () => Iterable<RowTable['rows']>;
}

/**
 * Extra series a run can hand to the report (time series, CDFs, Gantt
 * intervals). Each level fills what it has; the report draws what is present.
 */
export interface RunArtifacts {
  tables: RowTable[];
  /** Named series for charts: each a list of flat records (vega-lite "values"). */
  series: Record<string, Record<string, MetricValue>[]>;
}

/** What a scenario runner returns. */
export interface RunOutput {
  results: Results;
  artifacts: RunArtifacts;
}
