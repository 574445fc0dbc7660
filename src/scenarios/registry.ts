/**
 * Scenario kinds: one per decision level that `allot run` can drive.
 *
 * A kind declares the extra CLI options it understands, claims an invocation
 * (by `kind:` in a scenario file, or by the shape of `--trace`), and runs it
 * to a `RunOutput` (results + artifacts). The CLI is a thin shell over these.
 * Add a kind: implement `ScenarioKind` in `src/scenarios/<kind>.ts` and list it
 * in `scenarioKinds` below (order matters only for `claimsTrace`).
 */
import type { RunOutput } from '../results.js';

/** Options common to every `allot run`, already parsed. Kind-specific options arrive in `extra`. */
export interface RunRequest {
  /** Parsed scenario file (YAML/JSON) if `--scenario` was given. */
  scenarioFile?: { path: string; text: string; data: Record<string, unknown> };
  trace?: string;
  policies?: string[];
  seed: number;
  /** Kind-specific options by their camelCase commander name (e.g. `cluster`, `load`, `jobs`). */
  extra: Record<string, unknown>;
  /** Progress callback for long runs (fraction 0..1, label). */
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface CliOption {
  /** commander flags, e.g. "--load <scale>". */
  flags: string;
  description: string;
}

export interface ScenarioKind {
  /** Value of `kind:` in scenario files, e.g. "inference-allocation". */
  kind: string;
  /** One line for `allot run --help`. */
  summary: string;
  options: CliOption[];
  /** True if `--trace PATH` (first bytes given) is a trace this kind reads. */
  claimsTrace?(path: string, head: string): boolean;
  /** True if this kind should run when neither --scenario nor --trace is given. Exactly one kind (the default) says yes. */
  isDefault?: boolean;
  run(request: RunRequest): Promise<RunOutput>;
  /** Which flat metrics the terminal table shows (per policy, and per tenant), in order. */
  display: { policyColumns: string[]; tenantColumns: string[] };
}

const kinds: ScenarioKind[] = [];

/** Registers a kind (called by src/scenarios/index.ts). Throws on duplicate kind names. */
export function registerScenarioKind(kind: ScenarioKind): void {
  if (kinds.some((k) => k.kind === kind.kind)) throw new Error(`scenario kind ${kind.kind} registered twice`);
  kinds.push(kind);
}

export function scenarioKinds(): readonly ScenarioKind[] {
  return kinds;
}
