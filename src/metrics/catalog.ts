/**
 * The metric catalogue: what every result metric means, its unit, which way
 * is better, and — per scenario kind — which metrics are the headline, in
 * which order columns are kept when a table must be narrowed, and which
 * metric stands for fairness. It drives the terminal tables, the headline
 * block, the report's summary and paragraph, and the sweep tables and curves.
 *
 * A metric the catalogue does not list still prints: `metricDef` infers its
 * unit from the key's suffix (…Seconds, …PerSecond, …Joules, …Rate,
 * …Fraction) and treats it as neither better high nor low.
 */

/**
 * Units of metric values as stored in results (SI base units):
 * - `fraction` — a share in [0, 1], shown as a percentage;
 * - `index` — a unitless score in [0, 1] (Jain's index), shown as a number;
 * - `seconds` — shown in µs, ms, s, min or h, whichever reads best;
 * - `per-second` — a rate (requests/s);
 * - `count` — an integer count;
 * - `joules` — energy, shown in J, kJ or MJ;
 * - `ratio` — a unitless multiple (1 = parity);
 * - `number` — anything else.
 */
export type MetricUnit = 'fraction' | 'index' | 'seconds' | 'per-second' | 'count' | 'joules' | 'ratio' | 'number';

/** One metric: the results key, a short human name, its unit and which way is better. */
export interface MetricDef {
  /** The key in results.json (unit in the name, e.g. `p99LatencySeconds`). */
  key: string;
  /** Short human name for tables and charts, without the unit ("p99 latency"). */
  label: string;
  unit: MetricUnit;
  /** Which value is better; `neutral` metrics (counts, sizes) are never ranked. */
  better: 'higher' | 'lower' | 'neutral';
  /** What is counted in a `per-second` or `count` unit ("req", "jobs"), for the unit label. */
  of?: string;
  /** One sentence for the report's glossary. */
  description: string;
}

const METRICS: MetricDef[] = [
  // requests and deadlines (levels 1 and 3)
  { key: 'deadlineHitRate', label: 'deadline hit rate', unit: 'fraction', better: 'higher', description: 'Fraction of requests that finished by their deadline.' },
  { key: 'hitRate', label: 'deadline hit rate', unit: 'fraction', better: 'higher', description: 'Fraction of the tenant\'s requests that finished by their deadline.' },
  { key: 'goodputPerSecond', label: 'goodput', unit: 'per-second', of: 'req', better: 'higher', description: 'Requests finished by their deadline per second of simulated time.' },
  { key: 'p50LatencySeconds', label: 'p50 latency', unit: 'seconds', better: 'lower', description: 'Median request latency (arrival to completion).' },
  { key: 'p99LatencySeconds', label: 'p99 latency', unit: 'seconds', better: 'lower', description: '99th-percentile request latency (arrival to completion).' },
  { key: 'requestsArrived', label: 'requests', unit: 'count', of: 'req', better: 'neutral', description: 'Requests that arrived during the run.' },
  { key: 'requestsServed', label: 'served', unit: 'count', of: 'req', better: 'neutral', description: 'Requests that completed.' },
  { key: 'requestsDropped', label: 'dropped', unit: 'count', of: 'req', better: 'lower', description: 'Requests dropped (never served).' },
  { key: 'requests', label: 'requests', unit: 'count', of: 'req', better: 'neutral', description: 'Requests that arrived during the run.' },
  { key: 'hits', label: 'hits', unit: 'count', of: 'req', better: 'higher', description: 'Requests that met their deadline.' },
  { key: 'late', label: 'late', unit: 'count', of: 'req', better: 'lower', description: 'Requests that finished after their deadline.' },
  { key: 'dropped', label: 'dropped', unit: 'count', of: 'req', better: 'lower', description: 'Requests dropped before completion.' },
  { key: 'dropRate', label: 'drop rate', unit: 'fraction', better: 'lower', description: 'Fraction of requests dropped.' },
  { key: 'utilization', label: 'utilisation', unit: 'fraction', better: 'higher', description: 'Time-weighted fraction of capacity busy over [0, makespan].' },
  { key: 'eventsSimulated', label: 'events', unit: 'count', better: 'neutral', description: 'Discrete events the simulator processed.' },
  // level-1 fairness
  { key: 'jainTokenShares', label: 'Jain (token shares)', unit: 'index', better: 'higher', description: 'Jain\'s index of node shares divided by token shares (1 = every tenant got its entitlement).' },
  { key: 'jainPropRatios', label: 'Jain (PROP ratios)', unit: 'index', better: 'higher', description: 'Jain\'s index of per-tenant proportionality ratios.' },
  { key: 'ef1HeldRoundsFraction', label: 'EF1 held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose allocation was envy-free up to one node (EF1) for every tenant.' },
  { key: 'wef1HeldRoundsFraction', label: 'WEF1 held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose allocation was weighted envy-free up to one node (WEF1) for every tenant.' },
  { key: 'prop1HeldRoundsFraction', label: 'PROP1 held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose allocation was proportional up to one node (PROP1) for every tenant.' },
  { key: 'exAntePropHeldRoundsFraction', label: 'ex-ante PROP held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose fractional allocation or lottery marginals gave every tenant its proportional share in expectation (the seed\'s claim for L-Dice and M-Dice).' },
  { key: 'exAnteWefHeldRoundsFraction', label: 'ex-ante WEF held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose fractional allocation or lottery marginals were weighted envy-free in expectation (implies ex-ante EF1; the seed\'s claim for M-Dice).' },
  { key: 'fpeHeldRoundsFraction', label: 'fPE held', unit: 'fraction', better: 'higher', description: 'Fraction of rounds whose fractional allocation was fractionally Pareto-efficient (the seed\'s per-round ex-ante PE claim for M-Dice).' },
  { key: 'tokens', label: 'tokens', unit: 'count', better: 'neutral', description: 'Tokens the tenant holds.' },
  { key: 'meanNodes', label: 'mean nodes', unit: 'number', better: 'neutral', description: 'Mean number of nodes the tenant held per round.' },
  { key: 'nodeShare', label: 'node share', unit: 'fraction', better: 'neutral', description: 'Fraction of node-rounds the tenant received.' },
  { key: 'tokenShare', label: 'token share', unit: 'fraction', better: 'neutral', description: 'The tenant\'s entitlement tᵢ/Σt.' },
  { key: 'shareRatio', label: 'share / entitlement', unit: 'ratio', better: 'neutral', description: 'Node share divided by token share (1 = exactly its entitlement).' },
  { key: 'meanPropRatio', label: 'PROP ratio', unit: 'ratio', better: 'higher', description: 'Mean over rounds of the tenant\'s utility over its proportional share.' },
  { key: 'efViolatedRoundsFraction', label: 'EF violated', unit: 'fraction', better: 'lower', description: 'Fraction of rounds in which the tenant envied another (weighted EF violated).' },
  { key: 'ef1ViolatedRoundsFraction', label: 'EF1 violated', unit: 'fraction', better: 'lower', description: 'Fraction of rounds in which the tenant\'s envy exceeded one node (EF1 violated).' },
  { key: 'wef1ViolatedRoundsFraction', label: 'WEF1 violated', unit: 'fraction', better: 'lower', description: 'Fraction of rounds in which weighted EF1 was violated for the tenant.' },
  { key: 'longestServiceGapRounds', label: 'longest gap', unit: 'count', of: 'rounds', better: 'lower', description: 'Longest run of consecutive rounds in which the tenant had work (valued some node) but held no node.' },
  { key: 'prop1ViolatedRoundsFraction', label: 'PROP1 violated', unit: 'fraction', better: 'lower', description: 'Fraction of rounds in which PROP1 was violated for the tenant.' },
  // the Dice authors' system (kind dice-original)
  { key: 'goodputPerRound', label: 'goodput per round', unit: 'number', better: 'higher', description: 'Requests served per round (the original evaluation\'s throughput).' },
  { key: 'servedFraction', label: 'served', unit: 'fraction', better: 'higher', description: 'Fraction of arrived requests served before their deadline.' },
  { key: 'weightedWelfarePerRound', label: 'weighted welfare per round', unit: 'number', better: 'higher', description: 'Σ tokens × requests served, per round (the original\'s welfare).' },
  { key: 'meanWeightNormalisedUtility', label: 'weight-normalised utility', unit: 'number', better: 'higher', description: 'Mean over rounds of Σ served / tokens (the original\'s normalised utility).' },
  { key: 'sharingIncentiveMin', label: 'min sharing incentive', unit: 'ratio', better: 'higher', description: 'Lowest per-agent sharing-incentive ratio φ (requests served over the exclusive throughput Σ_j min(arrivals to its queue on j, node j\'s service draw), as the original\'s evals/generate-si.py).' },
  { key: 'sharingIncentiveRatio', label: 'sharing incentive', unit: 'ratio', better: 'higher', description: 'φ: requests served over the exclusive throughput Σ_j min(arrivals to its queue on j, node j\'s service draw) (the original\'s evals/generate-si.py).' },
  { key: 'longRunEnvyMax', label: 'max long-run envy', unit: 'ratio', better: 'lower', description: 'Largest entry off the diagonal of the long-run envy matrix (w_i/w_k)·U_i(X_k)/U_i(X_i) over the run (the original\'s evals/gen-ef.py; ≤ 1: no agent envies another; per agent: its own row).' },
  { key: 'servedPerRound', label: 'served / round', unit: 'number', better: 'higher', description: 'Requests of the agent served per round.' },
  // training jobs (level 2)
  { key: 'jobs', label: 'jobs', unit: 'count', of: 'jobs', better: 'neutral', description: 'Jobs in the workload.' },
  { key: 'finishedJobs', label: 'finished', unit: 'count', of: 'jobs', better: 'neutral', description: 'Jobs that finished.' },
  { key: 'avgJctSeconds', label: 'mean JCT', unit: 'seconds', better: 'lower', description: 'Mean job completion time (arrival to finish).' },
  { key: 'medianJctSeconds', label: 'median JCT', unit: 'seconds', better: 'lower', description: 'Median job completion time.' },
  { key: 'p99JctSeconds', label: 'p99 JCT', unit: 'seconds', better: 'lower', description: '99th-percentile job completion time.' },
  { key: 'top5PctAvgJctSeconds', label: 'mean JCT, longest 5 %', unit: 'seconds', better: 'lower', description: 'Mean JCT of the 5 % of jobs with the longest JCT.' },
  { key: 'top1PctAvgJctSeconds', label: 'mean JCT, longest 1 %', unit: 'seconds', better: 'lower', description: 'Mean JCT of the 1 % of jobs with the longest JCT.' },
  { key: 'avgQueueingSeconds', label: 'mean queueing', unit: 'seconds', better: 'lower', description: 'Mean time jobs waited before first running.' },
  { key: 'ftfRhoMean', label: 'mean FTF ρ', unit: 'ratio', better: 'lower', description: 'Mean finish-time fairness ρ = JCT under the policy / JCT with a 1/N share (≤ 1 is fair).' },
  { key: 'ftfRhoMax', label: 'max FTF ρ', unit: 'ratio', better: 'lower', description: 'Worst finish-time fairness ρ over jobs (≤ 1 is fair).' },
  { key: 'makespanSeconds', label: 'makespan', unit: 'seconds', better: 'lower', description: 'Time from the first arrival to the last completion.' },
  { key: 'alloxFairness', label: 'AlloX unfairness', unit: 'number', better: 'lower', description: 'Time-averaged standard deviation of progress over active users (AlloX §6; 0 = equal progress).' },
  { key: 'roundsProcessed', label: 'rounds', unit: 'count', better: 'neutral', description: 'Scheduling rounds in which something changed.' },
  { key: 'roundsSimulated', label: 'rounds simulated', unit: 'count', better: 'neutral', description: 'Scheduling rounds simulated.' },
  // real-time requests (level 3)
  { key: 'qosSatisfaction', label: 'SLOs met', unit: 'fraction', better: 'higher', description: 'Fraction of (tenant, model) pairs whose deadline hit rate met its SLO target.' },
  { key: 'deficitSum', label: 'Σ SLO deficit', unit: 'number', better: 'lower', description: 'Sum over (tenant, model) pairs of max(0, target − hit rate).' },
  { key: 'maxDeficit', label: 'max SLO deficit', unit: 'number', better: 'lower', description: 'Largest shortfall of a hit rate below its SLO target.' },
  { key: 'jainIndex', label: 'Jain index', unit: 'index', better: 'higher', description: 'Jain\'s index of hit rate / SLO target over (tenant, model) pairs.' },
  { key: 'hitRateStd', label: 'hit-rate sd', unit: 'number', better: 'lower', description: 'Standard deviation of per-pair hit rates.' },
  { key: 'antt', label: 'ANTT', unit: 'ratio', better: 'lower', description: 'Average normalised turnaround time (turnaround / isolated latency).' },
  { key: 'stp', label: 'STP', unit: 'number', better: 'higher', description: 'System throughput: Σ over completed requests of isolated latency / turnaround.' },
  { key: 'premaFairness', label: 'PREMA fairness', unit: 'index', better: 'higher', description: 'PREMA\'s fairness: min / max over completed requests of isolated latency / turnaround.' },
  { key: 'energyJoules', label: 'energy', unit: 'joules', better: 'lower', description: 'Energy the accelerators used.' },
  { key: 'seedsMeetingAllTargets', label: 'seeds meeting every SLO', unit: 'count', better: 'higher', description: 'Evaluation seeds on which every (tenant, model) pair met its SLO target.' },
  { key: 'decisions', label: 'decisions', unit: 'count', better: 'neutral', description: 'Scheduling decisions taken.' },
  { key: 'sloTarget', label: 'SLO target', unit: 'fraction', better: 'neutral', description: 'The pair\'s deadline hit-rate target.' },
  { key: 'deficit', label: 'SLO deficit', unit: 'number', better: 'lower', description: 'max(0, target − hit rate).' },
  { key: 'avgTurnaroundSeconds', label: 'mean turnaround', unit: 'seconds', better: 'lower', description: 'Mean time from arrival to completion.' },
  // DAG placement (level 4)
  { key: 'evaluatedMakespanSeconds', label: 'evaluated makespan', unit: 'seconds', better: 'lower', description: 'Makespan of the schedule re-evaluated by the common event simulation.' },
  { key: 'completionSeconds', label: 'completion', unit: 'seconds', better: 'lower', description: 'Time the service\'s last piece finished.' },
  { key: 'tasks', label: 'tasks', unit: 'count', better: 'neutral', description: 'Tasks (layer pieces) scheduled.' },
  { key: 'genes', label: 'genes', unit: 'count', better: 'neutral', description: 'Genes of the search encoding.' },
  { key: 'iterations', label: 'iterations', unit: 'count', better: 'neutral', description: 'Iterations (generations) of the search.' },
  { key: 'evaluations', label: 'evaluations', unit: 'count', better: 'neutral', description: 'Schedules evaluated by the search.' },
  { key: 'pieces', label: 'pieces', unit: 'count', better: 'neutral', description: 'Layer pieces of the service.' },
  { key: 'helpers', label: 'helpers', unit: 'count', better: 'neutral', description: 'Helper devices available.' },
];

const BY_KEY = new Map(METRICS.map((m) => [m.key, m]));

/** Words of a camelCase key ("p99LatencySeconds" → "p99 latency seconds"). */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The catalogue entry of a metric key; unknown keys get a definition inferred from their suffix. */
export function metricDef(key: string): MetricDef {
  const known = BY_KEY.get(key);
  if (known) return known;
  const suffix = (s: string) => key.endsWith(s) && key.length > s.length;
  const strip = (s: string) => words(key.slice(0, key.length - s.length));
  if (suffix('Seconds')) return { key, label: strip('Seconds'), unit: 'seconds', better: 'neutral', description: '' };
  if (suffix('PerSecond')) return { key, label: strip('PerSecond'), unit: 'per-second', better: 'neutral', description: '' };
  if (suffix('Joules')) return { key, label: strip('Joules'), unit: 'joules', better: 'neutral', description: '' };
  if (suffix('Fraction') || suffix('Rate')) return { key, label: words(key), unit: 'fraction', better: 'neutral', description: '' };
  return { key, label: words(key), unit: 'number', better: 'neutral', description: '' };
}

/** Every catalogued metric, in catalogue order. */
export function metricCatalogue(): readonly MetricDef[] {
  return METRICS;
}

/**
 * How one scenario kind presents its metrics. Column lists are in order of
 * importance: a table narrowed to the terminal keeps the first ones.
 */
export interface MetricView {
  /** Headline metrics: the headline block, the report's summary, the sweep curves. */
  headline: string[];
  /** The metric that stands for fairness in the summary paragraph (and which way is fairer is its `better`). */
  fairness?: string;
  /** Policy-table columns, most important first (headline metrics come first). */
  policy: string[];
  /** Per-tenant table columns, most important first (text columns such as `model` allowed). */
  tenant: string[];
}

const VIEWS: Record<string, MetricView> = {
  'inference-allocation': {
    headline: ['deadlineHitRate', 'goodputPerSecond', 'p99LatencySeconds', 'jainTokenShares'],
    fairness: 'jainTokenShares',
    policy: ['deadlineHitRate', 'goodputPerSecond', 'p99LatencySeconds', 'jainTokenShares', 'utilization', 'wef1HeldRoundsFraction', 'prop1HeldRoundsFraction', 'exAntePropHeldRoundsFraction', 'exAnteWefHeldRoundsFraction', 'fpeHeldRoundsFraction', 'p50LatencySeconds', 'ef1HeldRoundsFraction', 'jainPropRatios'],
    tenant: ['tokens', 'deadlineHitRate', 'nodeShare', 'tokenShare', 'longestServiceGapRounds', 'p99LatencySeconds', 'model', 'requestsArrived', 'ef1ViolatedRoundsFraction'],
  },
  'dice-original': {
    headline: ['goodputPerRound', 'weightedWelfarePerRound', 'dropRate', 'sharingIncentiveMin'],
    fairness: 'sharingIncentiveMin',
    policy: ['goodputPerRound', 'weightedWelfarePerRound', 'dropRate', 'sharingIncentiveMin', 'longRunEnvyMax', 'servedFraction', 'meanWeightNormalisedUtility', 'utilization'],
    tenant: ['tokens', 'requestsArrived', 'requestsServed', 'servedPerRound', 'servedFraction', 'sharingIncentiveRatio', 'longRunEnvyMax', 'meanNodes'],
  },
  training: {
    headline: ['avgJctSeconds', 'p99JctSeconds', 'makespanSeconds', 'ftfRhoMax'],
    fairness: 'ftfRhoMax',
    policy: ['avgJctSeconds', 'p99JctSeconds', 'makespanSeconds', 'ftfRhoMax', 'medianJctSeconds', 'utilization', 'ftfRhoMean', 'avgQueueingSeconds', 'jobs'],
    tenant: ['avgJctSeconds', 'ftfRhoMax', 'jobs', 'p99JctSeconds', 'ftfRhoMean', 'avgQueueingSeconds'],
  },
  'two-level': {
    headline: ['avgJctSeconds', 'p99JctSeconds', 'makespanSeconds', 'ftfRhoMax'],
    fairness: 'ftfRhoMax',
    policy: ['avgJctSeconds', 'p99JctSeconds', 'makespanSeconds', 'ftfRhoMax', 'medianJctSeconds', 'ftfRhoMean', 'avgQueueingSeconds', 'finishedJobs', 'jobs'],
    tenant: ['avgJctSeconds', 'ftfRhoMax', 'jobs', 'p99JctSeconds', 'ftfRhoMean', 'avgQueueingSeconds'],
  },
  realtime: {
    headline: ['deadlineHitRate', 'deficitSum', 'maxDeficit', 'jainIndex'],
    fairness: 'maxDeficit',
    policy: ['deadlineHitRate', 'deficitSum', 'maxDeficit', 'jainIndex', 'qosSatisfaction', 'utilization', 'antt', 'energyJoules'],
    tenant: ['hitRate', 'sloTarget', 'deficit', 'sloMet', 'requests', 'dropped'],
  },
  dag: {
    headline: ['makespanSeconds', 'evaluatedMakespanSeconds'],
    policy: ['makespanSeconds', 'evaluatedMakespanSeconds', 'tasks', 'iterations', 'genes'],
    tenant: ['completionSeconds', 'pieces'],
  },
};

/** The metric view of a scenario kind; an unknown kind gets an empty view (every numeric metric, none headline). */
export function metricView(kind: string): MetricView {
  return VIEWS[kind] ?? { headline: [], policy: [], tenant: [] };
}

/**
 * The headline metrics of a kind among the metrics a result holds
 * (`present`, in the result's order): the view's headline metrics present,
 * else — a kind without a view, e.g. one added outside Allot — the first four
 * present metrics that have a direction (higher or lower is better).
 */
export function headlineKeys(kind: string, present: readonly string[]): string[] {
  const listed = metricView(kind).headline.filter((k) => present.includes(k));
  return listed.length ? listed : present.filter((k) => metricDef(k).better !== 'neutral').slice(0, 4);
}

/** Registers (or replaces) the metric view of a scenario kind — for kinds added outside Allot. */
export function registerMetricView(kind: string, view: MetricView): void {
  VIEWS[kind] = view;
}

/** Registers (or replaces) a metric definition — for metrics added outside Allot. */
export function registerMetric(def: MetricDef): void {
  const i = METRICS.findIndex((m) => m.key === def.key);
  if (i >= 0) METRICS[i] = def;
  else METRICS.push(def);
  BY_KEY.set(def.key, def);
}

/**
 * Metric keys renamed in Allot 0.2 (one naming rule: `…HeldRoundsFraction`
 * for the system, `…ViolatedRoundsFraction` per tenant), old → new.
 */
export const METRIC_RENAMES: Readonly<Record<string, string>> = {
  ef1RoundsFraction: 'ef1HeldRoundsFraction',
  wef1RoundsFraction: 'wef1HeldRoundsFraction',
  prop1RoundsFraction: 'prop1HeldRoundsFraction',
  envyRoundsFraction: 'efViolatedRoundsFraction',
  ef1ViolationRoundsFraction: 'ef1ViolatedRoundsFraction',
  wef1ViolationRoundsFraction: 'wef1ViolatedRoundsFraction',
  prop1ViolationRoundsFraction: 'prop1ViolatedRoundsFraction',
};

/** A metrics record with old keys (`METRIC_RENAMES`) under their new names; other keys unchanged, order kept. */
export function upgradeMetricKeys<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [METRIC_RENAMES[k] ?? k, v])) as T;
}
