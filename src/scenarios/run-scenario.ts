/**
 * `runScenario(config)`: the library form of `allot run` for any decision
 * level. The config is a typed scenario object — `{kind, …fields}` as in a
 * scenario file, with paths relative to the working directory — validated
 * by its kind's schema (unknown fields are errors). Everything is checked and
 * loaded (`prepareScenario`) before the simulation starts. Throws InputError
 * for bad input, like the CLI (which maps it to exit 2).
 */
import { InputError } from '../errors.js';
import type { RunOutput } from '../results.js';
import { defaultKind, kindOf, upgradeFields, validateConfig } from './load.js';
import type { PreparedRun, ProgressFn, RunContext, ScenarioKind } from './registry.js';
import { checkSize } from './size-check.js';
import type { ScenarioConfig } from './configs.js';

/** Options of `runScenario` besides the config. */
export interface RunScenarioOptions {
  /** Root seed of every random choice (default 1). */
  seed?: number;
  /** Go on past the size bounds (src/scenarios/size-check.ts). */
  allowLarge?: boolean;
  /** Where the config came from (file path or `builtin:<name>` and its text), for the scenario name and provenance. */
  source?: { path: string; text?: string };
  onProgress?: ProgressFn;
  /** Deprecation warnings (default: ignored). */
  warn?: (message: string) => void;
  /** Names what set a config field (e.g. a flag), for error messages. */
  locate?: (path: PropertyKey[]) => string | undefined;
  /** Names the run in a size-bound error (default: the source). */
  sizeLabel?: string;
}

/** A scenario checked and loaded, ready to run. */
export interface PreparedScenario {
  readonly kind: ScenarioKind;
  /** The validated config (defaults applied). */
  readonly config: { kind: string } & Record<string, unknown>;
  readonly prepared: PreparedRun;
}

/**
 * Validates a config, loads its inputs, resolves its policies and checks its
 * size — everything but the simulation. Throws InputError naming the field.
 */
export async function prepareScenario(config: ScenarioConfig | Record<string, unknown> = { kind: 'inference-allocation' }, options: RunScenarioOptions = {}): Promise<PreparedScenario> {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new InputError('expected a scenario object {kind, …}', options.source?.path ?? 'config');
  const source = options.source?.path ?? 'config';
  const data = config as Record<string, unknown>;
  const kind = data.kind === undefined ? defaultKind() : kindOf(data, source);
  const warn = options.warn ?? (() => {});
  const valid = validateConfig(kind, upgradeFields(kind, { ...data, kind: kind.kind }, warn, source), source, options.locate);
  const label = options.sizeLabel ?? source;
  const ctx: RunContext = { seed: options.seed ?? 1, source: options.source, onProgress: options.onProgress, warn, locate: options.locate, checkSize: (e) => checkSize(e, label, options.allowLarge) };
  if (!Number.isSafeInteger(ctx.seed)) throw new InputError(`expected an integer seed, got ${ctx.seed}`, 'seed');
  const prepared = await kind.prepare(valid, ctx);
  checkSize(prepared.estimate, label, options.allowLarge);
  return { kind, config: valid as { kind: string } & Record<string, unknown>, prepared };
}

/** Runs a scenario (default: the built-in inference-allocation scenario) and returns its results and artifacts. */
export async function runScenario(config?: ScenarioConfig | Record<string, unknown>, options: RunScenarioOptions = {}): Promise<RunOutput> {
  const { prepared } = await prepareScenario(config, options);
  return prepared.run(options.onProgress);
}
