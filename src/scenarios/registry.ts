/**
 * Scenario kinds: one per decision level that `allot run` drives.
 *
 * A kind is one schema (the config type: strict, defaults applied, shown by
 * `allot schema <kind>`) and one `prepare(config, context)` that checks and
 * loads everything — inputs, policies and their options, size — before any
 * simulation, returning a `PreparedRun` whose `run()` does the work. The CLI
 * only maps flags onto the config (`flags`: each flag is a shortcut for one
 * config field, the same key `--set` and `allot sweep --vary` use).
 * Add a kind: implement `ScenarioKind` in `src/scenarios/<kind>/` — its
 * registration in a light `kind.ts` whose `prepare` imports the heavy code
 * (`index.ts`) on call, so start-up stays fast — and import the kind.ts from
 * `src/scenarios/index.ts`.
 */
import type { z } from 'zod';
import type { WarningSink } from '../errors.js';
import type { PolicyLevel } from '../policies/index.js';
import type { RunOutput } from '../results.js';

import type { ProgressFn } from '../sim/progress.js';
export type { ProgressFn } from '../sim/progress.js';

/** What a run needs besides its config. */
export interface RunContext {
  /** Root seed of every random choice. */
  seed: number;
  /** Where the config came from (a scenario file, or `builtin:<name>`), for the scenario's name and input provenance. */
  source?: { path: string; text?: string };
  onProgress?: ProgressFn;
  /** Deprecation and other warnings (the CLI prints them on stderr). */
  warn?: WarningSink;
  /** Names what set a config field (e.g. "--policies" for a flag), for error messages; undefined = the source file. */
  locate?: (path: PropertyKey[]) => string | undefined;
  /**
   * Checks an estimate against the size bounds now (throws InputError past
   * them); kinds call it before building a large workload, so a runaway size
   * fails before any memory is spent. The final estimate is checked again.
   */
  checkSize?: (estimate: RunEstimate) => void;
}

/** How a kind names a config field in an error: the flag that set it, or `<source>: <field>`. */
export function fieldWhere(ctx: RunContext, path: PropertyKey[]): string {
  const flag = ctx.locate?.(path);
  if (flag) return flag;
  const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  return `${ctx.source?.path ?? 'config'}: ${field}`;
}

/** The cost of a prepared run, estimated before it starts (checked against the machine by `checkSize`). */
export interface RunEstimate {
  /** Peak memory, bytes. */
  memoryBytes: number;
  /** CPU time, seconds (order of magnitude). */
  seconds: number;
  /** What drives it, e.g. "2.4e5 requests × 8 policies". */
  what: string;
  /** The config fields a user can lower, for the message. */
  knobs: string[];
}

/** A checked run: everything it reads is read, its policies resolved; `run()` simulates. */
export interface PreparedRun {
  /** Result names of the policies, in run order. */
  readonly policies: readonly string[];
  readonly estimate: RunEstimate;
  /**
   * Runs every policy on the prepared workload and returns the results and
   * report artifacts; `onProgress` (default: the context's) is told of progress.
   */
  run(onProgress?: ProgressFn): Promise<RunOutput>;
  /**
   * For running the policies on worker threads (`allot run --workers`,
   * src/sweep/run-parts.ts): the loaded inputs, structured-cloneable (pack
   * large lists with src/sweep/columns.ts), from which the kind's `runPart`
   * runs any subset of the policies. Absent: the run stays in one thread.
   */
  readonly parallel?: { payload: unknown };
}

/** One command-line flag of a kind: a shortcut for one config field. */
export interface FlagDef {
  /** commander flags, e.g. "--load <scale>" or "--multi-gpu" (boolean). */
  flags: string;
  /** The config field it sets (a key path, as for `--set`). */
  key: string;
  description: string;
  /** The flag to use instead, for a deprecated alias (a warning is printed). */
  deprecatedFor?: string;
  /** Custom mapping of the flag's value onto config fields (default: typed by the schema at `key`). */
  apply?(value: string | boolean, config: Record<string, unknown>, where: string): Record<string, unknown>;
}

/**
 * One scenario kind (see the module header): its `kind:` name, level, config
 * schema (`C` is the validated config type), command-line flags, migrations of
 * old field names and shapes, built-in scenarios, and `prepare`, which checks
 * and loads everything (throwing InputError, exit 2) before any simulation.
 */
export interface ScenarioKind<C extends { kind: string } = { kind: string }> {
  /** Value of `kind:` in scenario files, e.g. "inference-allocation". */
  readonly kind: string;
  readonly level: PolicyLevel;
  /** One line for `allot run --help`. */
  readonly summary: string;
  /** The config schema (strict; unknown keys are errors). */
  readonly schema: z.ZodType<C>;
  readonly flags: readonly FlagDef[];
  /** Old field names still accepted, with a warning: old → new. */
  readonly renamedFields?: Readonly<Record<string, string>>;
  /** Rewrites old value shapes (after renames), warning about each. */
  migrate?(data: Record<string, unknown>, warn: WarningSink, source: string): Record<string, unknown>;
  /** Resolves the file-relative paths of a scenario file's fields against its directory. */
  resolvePaths?(data: Record<string, unknown>, dir: string): Record<string, unknown>;
  /** Built-in scenarios: `builtin:<name>` → their config fields. */
  readonly builtins?: Readonly<Record<string, Record<string, unknown>>>;
  /** True for the one kind `allot run` runs without --scenario or --trace. */
  readonly isDefault?: boolean;
  /** True if `--trace PATH` (first 4 KiB given; '' for a directory) is a trace this kind reads. */
  claimsTrace?(path: string, head: string): boolean;
  /** Checks and loads everything; throws InputError. Does not simulate. */
  prepare(config: C, context: RunContext): Promise<PreparedRun>;
  /**
   * Runs the policies at `policies` (indices into `PreparedRun.policies`, in
   * order) from a prepared run's `parallel.payload`, in a worker thread.
   * Contract: the outputs of parts covering every policy, concatenated in
   * policy order (`mergeRunOutputs`), equal `run()`'s output exactly.
   */
  runPart?(payload: unknown, policies: readonly number[], onProgress?: ProgressFn): Promise<RunOutput>;
}

const kinds: ScenarioKind[] = [];

/** Registers a kind. Throws on duplicate kind names. */
export function registerScenarioKind<C extends { kind: string }>(kind: ScenarioKind<C>): void {
  if (kinds.some((k) => k.kind === kind.kind)) throw new Error(`scenario kind ${kind.kind} registered twice`);
  kinds.push(kind as unknown as ScenarioKind);
}

/** Every registered kind, in registration order. */
export function scenarioKinds(): readonly ScenarioKind[] {
  return kinds;
}

/** The kind named `name`, or undefined. */
export function findScenarioKind(name: string): ScenarioKind | undefined {
  return kinds.find((k) => k.kind === name);
}
