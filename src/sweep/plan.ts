/**
 * Building and checking a sweep's plan: the scenario (a file, a preset or the
 * default kind), base fields (`set`), varied fields (`vary`, typed by the
 * kind's schema), policies and seeds — and, before any cell runs, a check of
 * every setting's config, its policies, its inputs and its size, so a bad
 * sweep fails at once and writes nothing.
 */
import { InputError } from '../errors.js';
import { coerceAt, parseKeyPath, setAt } from '../config/coerce.js';
import type { PolicyInput } from '../policies/spec.js';
import { defaultKind, kindOf, loadScenarioDocument } from '../scenarios/load.js';
import type { ScenarioKind } from '../scenarios/registry.js';
import { prepareScenario } from '../scenarios/run-scenario.js';
import { configFor, parseVary, settings, type CellPlan, type OptionValue, type VaryAxis } from './cells.js';
import { sweepPreset } from './presets.js';

/** What a sweep is built from (the `allot sweep` options, typed). */
export interface SweepPlanOptions {
  /** Scenario file or `builtin:<name>` (default: the default kind). */
  scenario?: string;
  /** A built-in preset (src/sweep/presets.ts); not with `scenario`. */
  preset?: string;
  /** `key.path=value` fields set in every cell. */
  set?: string[];
  /** `key=v1,v2,…` axes (added to a preset's; an axis of the same key replaces the preset's). */
  vary?: string[];
  /** Policies (default: the preset's; required otherwise). */
  policies?: PolicyInput[];
  /** Number of seeds (default 5, or the preset's). */
  seeds?: number;
  /** First seed (default 1, or the preset's). */
  seedBase?: number;
}

/** The plan of a sweep, its kind, and the scenario file's text (for provenance). Throws InputError naming the option. */
export function sweepPlan(opts: SweepPlanOptions, warn: (message: string) => void = () => {}): { plan: CellPlan; kind: ScenarioKind; scenarioText?: string } {
  const preset = opts.preset ? sweepPreset(opts.preset) : undefined;
  if (preset && opts.scenario) throw new InputError('give --scenario or --preset, not both', '--preset');
  let kind: ScenarioKind;
  let base: Record<string, unknown>;
  let scenarioPath: string;
  let scenarioText: string | undefined;
  const scenarioSpec = opts.scenario ?? (typeof preset?.scenario === 'string' ? preset.scenario : undefined);
  if (scenarioSpec) {
    const doc = loadScenarioDocument(scenarioSpec, warn);
    kind = doc.kind;
    base = doc.data;
    scenarioPath = doc.path;
    scenarioText = doc.text;
  } else if (preset && typeof preset.scenario === 'object') {
    kind = kindOf(preset.scenario, `preset ${opts.preset}`);
    base = { ...preset.scenario };
    scenarioPath = `builtin:${opts.preset}`;
  } else {
    kind = defaultKind();
    base = { kind: kind.kind };
    scenarioPath = 'builtin:default';
  }
  for (const item of opts.set ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError(`expected key=value (e.g. load=1.2), got "${item}"`, '--set');
    const path = parseKeyPath(item.slice(0, eq).trim(), '--set');
    base = setAt(base, path, coerceAt(kind.schema, path, item.slice(eq + 1), `--set ${path.join('.')}`));
  }
  const given = (opts.vary ?? []).map((v) => parseVary(v, kind));
  const vary: VaryAxis[] = [
    ...Object.entries(preset?.vary ?? {}).filter(([k]) => !given.some((a) => a.key === k)).map(([key, values]) => ({ key, values: values as OptionValue[] })),
    ...given,
  ];
  const policies = opts.policies ?? preset?.policies;
  if (!policies) throw new InputError('which policies? pass --policies a,b,… (or --preset NAME)', '--policies');
  const seeds = opts.seeds ?? preset?.seeds ?? 5;
  if (!Number.isSafeInteger(seeds) || seeds < 1) throw new InputError(`expected a whole number ≥ 1, got ${seeds}`, '--seeds');
  const seedBase = opts.seedBase ?? preset?.seedBase ?? 1;
  const plan: CellPlan = { kind: kind.kind, scenarioPath, base, vary, policies, seeds: Array.from({ length: seeds }, (_, i) => seedBase + i) };
  return { plan, kind, scenarioText };
}

/**
 * Checks every setting of a plan before any cell runs: its config against the
 * kind's schema, all its policies, its inputs and its size. Errors name the
 * varied key (`--vary load (setting load=-1)`), `--policies` or the field.
 */
export async function checkSweepPlan(plan: CellPlan, scenarioText: string | undefined, allowLarge = false): Promise<void> {
  const labels = plan.policies.map((p) => (typeof p === 'string' ? p : (p.label ?? p.name)));
  if (new Set(labels).size !== labels.length) throw new InputError(`repeated policy in ${labels.join(', ')}`, '--policies');
  const varyKeys = plan.vary.map((a) => parseKeyPath(a.key, '--vary'));
  for (const setting of settings(plan)) {
    const config = { ...configFor(plan, setting), policies: plan.policies };
    const where = Object.keys(setting).length ? ` (setting ${Object.entries(setting).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})` : '';
    const locate = (path: PropertyKey[]): string | undefined => {
      if (path[0] === 'policies') return '--policies';
      const k = varyKeys.find((p) => p.every((x, i) => String(x) === String(path[i])));
      return k ? `--vary ${k.join('.')}${where}` : undefined;
    };
    const source = plan.scenarioPath ? { path: plan.scenarioPath, text: scenarioText ?? '' } : undefined;
    await prepareScenario(config, { seed: plan.seeds[0], source, allowLarge, locate, sizeLabel: where ? `--vary ${plan.vary.map((a) => a.key).join(', ')}${where}` : source?.path });
  }
}
