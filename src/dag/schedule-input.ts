/**
 * `scheduleDagInput()`: the library form of `allot dag` — one DAG problem in
 * (the `allot dag` JSON), one schedule out. The algorithm is named as in the
 * registry (`heft`, `pso-ga(iterations=100)`, or `{name, options}`).
 * Throws InputError naming the field for a bad problem or algorithm.
 */
import { canonicalJson } from '../config/canonical.js';
import { parseDagInput, type DagInput } from '../data/dag-input.js';
import { createPolicy, resolvePolicy } from '../policies/index.js';
import type { PolicyInput } from '../policies/spec.js';
import '../policies/index.js';
import { allotVersion, sha256 } from '../provenance.js';
import { checkSize } from '../scenarios/size-check.js';
import { dagEstimate } from '../scenarios/estimates.js';
import { buildDagProblem } from './problem.js';

/** The JSON document `allot dag` prints: times in seconds, tasks in input order. */
export interface DagScheduleOutput {
  allotVersion: string;
  algorithm: string;
  seed: number;
  inputSha256: string;
  makespan: number;
  schedule: { task: string; processor: string; start: number; finish: number }[];
}

/**
 * Options of `scheduleDagInput`: the algorithm (required), the seed of the
 * searches, the default variant, the input's name in errors, the provenance
 * hash, and whether to go past the size bounds (else InputError, exit 2).
 */
export interface ScheduleDagInputOptions {
  /** A DAG algorithm: name, `name(key=value,…)` or `{name, options}` (see `allot policies --level 4`). */
  algorithm: PolicyInput;
  /** Seed of the searches (default 1). */
  seed?: number;
  /** Default variant of algorithms that have one. */
  variant?: 'paper' | 'original';
  /** Names the input in errors (default "input"). */
  source?: string;
  /** Provenance hash to report (default: SHA-256 of the input's canonical JSON). */
  inputSha256?: string;
  /** Go on past the size bounds. */
  allowLarge?: boolean;
  /** Searches: told of each iteration (generation) done, of the maximum — for progress bars. */
  onIteration?: (done: number, max: number) => void;
}

/** Schedules one DAG problem given as the `allot dag` JSON. */
export async function scheduleDagInput(input: DagInput | Record<string, unknown>, options: ScheduleDagInputOptions): Promise<DagScheduleOutput> {
  const source = options.source ?? 'input';
  const resolved = resolvePolicy('dag-algorithm', options.algorithm, '--algorithm', { variant: options.variant });
  const spec = parseDagInput(input, source);
  const n = spec.tasks.length;
  const p = spec.processors.length;
  const o = resolved.options as { particles?: number; iterations?: number; population?: number; generations?: number };
  const evaluations = o.particles !== undefined ? o.particles * ((o.iterations ?? 0) + 1) : o.population !== undefined ? o.population * ((o.generations ?? 0) + 1) : 1;
  checkSize(dagEstimate(1, n, p, spec.edges.length, evaluations, ['tasks', 'processors', 'the search\'s iterations and particles']), source, options.allowLarge);
  const prob = buildDagProblem(spec, source);
  const seed = options.seed ?? 1;
  const r = (await createPolicy(resolved)).schedule(prob, { seed, onIteration: options.onIteration });
  const s = r.schedule;
  return {
    allotVersion,
    algorithm: r.algorithm,
    seed,
    inputSha256: options.inputSha256 ?? sha256(canonicalJson(input)),
    makespan: s.makespan,
    schedule: prob.taskIds.map((task, t) => ({ task, processor: prob.procIds[s.proc[t]], start: s.start[t], finish: s.finish[t] })),
  };
}
