/**
 * The command-line side of scenario configs (the only place flags become a
 * config): `--scenario FILE|builtin:NAME`, `--trace PATH`, `--policies LIST`,
 * every kind's own flags (each a shortcut for one config field) and
 * `--set key.path=value` (repeatable, typed by the kind's schema — the same
 * keys as `allot sweep --vary`). A flag the chosen kind does not have is an
 * error, as is an unknown key; deprecated flags and fields still work, with
 * a warning on stderr.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { InputError } from '../errors.js';
import { coerceAt, parseKeyPath, setAt } from '../config/coerce.js';
import { didYouMean, schemaAt } from '../config/validate.js';
import { splitPolicyList } from '../policies/spec.js';
import { defaultKind, kindForTrace, loadScenarioDocument, upgradeFields, validateConfig } from '../scenarios/load.js';
import { scenarioKinds, type FlagDef, type ScenarioKind } from '../scenarios/registry.js';

/** Options every scenario-running command has (besides the kinds' flags). */
export const COMMON_SCENARIO_OPTIONS = ['scenario', 'trace', 'policies', 'set', 'allowLarge'] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The long flag of a flag spec ("--load <scale>" → "--load") and commander's attribute name ("load"). */
export function flagNames(flags: string): { long: string; attr: string; boolean: boolean } {
  const long = /--[a-z0-9-]+/i.exec(flags)?.[0] ?? flags;
  const attr = long.slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { long, attr, boolean: !/[<[]/.test(flags) };
}

/** Every kind's flags, each once (the kinds that have it listed in its help). */
export function allKindFlags(): { flag: FlagDef; kinds: string[] }[] {
  const out: { flag: FlagDef; kinds: string[] }[] = [];
  for (const k of scenarioKinds()) {
    for (const f of k.flags) {
      const { long } = flagNames(f.flags);
      const seen = out.find((o) => flagNames(o.flag.flags).long === long);
      if (seen) {
        if (!f.deprecatedFor) seen.kinds.push(k.kind);
        if (seen.flag.deprecatedFor && !f.deprecatedFor) seen.flag = f;
      } else out.push({ flag: f, kinds: f.deprecatedFor ? [] : [k.kind] });
    }
  }
  return out;
}

/** Adds --scenario, --trace, --policies, --set, --allow-large and every kind's flags to a command. */
export function addScenarioOptions(cmd: Command, what = 'run'): void {
  cmd
    .option('--scenario <file>', 'scenario file (YAML or JSON) with a "kind" field, or builtin:<name> (builtin:default, builtin:realtime, builtin:dag)')
    .option('--trace <path>', 'trace to replay (its format selects the scenario kind)')
    .option('--policies <list>', 'comma-separated policies; options as name(key=value,…), e.g. "s-dice(carryPasses=false),m-dice" (default: all of the kind)')
    .option('--set <key=value>', 'set a scenario field, e.g. --set load=1.2 or --set hybrid.sampling=false (repeatable; keys as in the scenario file)', collect, [] as string[])
    .option('--allow-large', `${what} even when the size estimate exceeds the machine's bounds`);
  for (const { flag, kinds } of allKindFlags()) {
    const desc = `${kinds.length ? `[${kinds.join(', ')}] ` : ''}${flag.description}${flag.deprecatedFor ? ` (deprecated: use ${flag.deprecatedFor})` : ''}`;
    const o = new Option(flag.flags, desc);
    if (flag.deprecatedFor) o.hideHelp();
    cmd.addOption(o);
  }
}

/** A config built from the command line, validated. */
export interface BuiltConfig {
  kind: ScenarioKind;
  config: { kind: string } & Record<string, unknown>;
  /** Where it came from: the scenario file, `builtin:<name>`, or undefined (a trace alone). */
  source?: { path: string; text: string };
  /** Names the flag that set a config field (for messages). */
  locate: (path: PropertyKey[]) => string | undefined;
  /** The name of the scenario in messages. */
  label: string;
}

/**
 * Builds and validates the config of a scenario-running command from its
 * options. `given(attr)` says whether the user gave an option on the command
 * line (commander's value source "cli").
 */
export function buildConfig(opts: Record<string, unknown>, given: (attr: string) => boolean, warn: (m: string) => void): BuiltConfig {
  let kind: ScenarioKind;
  let data: Record<string, unknown>;
  let source: BuiltConfig['source'];
  const scenario = opts.scenario as string | undefined;
  const trace = opts.trace as string | undefined;
  if (scenario) {
    const doc = loadScenarioDocument(scenario, warn);
    kind = doc.kind;
    data = doc.data;
    source = { path: doc.path, text: doc.text };
  } else if (trace) {
    kind = kindForTrace(trace);
    data = { kind: kind.kind };
    source = kind.isDefault ? { path: 'builtin:default', text: '' } : undefined;
  } else {
    kind = defaultKind();
    data = { kind: kind.kind };
    source = { path: 'builtin:default', text: '' };
  }
  const origins: [path: (string | number)[], flag: string][] = [];
  const common = new Set<string>([...COMMON_SCENARIO_OPTIONS, 'seed', 'out', 'json', 'quiet']);
  // Kind flags, in the order the kind declares them.
  const byAttr = new Map(kind.flags.map((f) => [flagNames(f.flags).attr, f]));
  const otherFlags = allKindFlags();
  for (const [attr, value] of Object.entries(opts)) {
    if (common.has(attr) || value === undefined || !given(attr)) continue;
    const flag = byAttr.get(attr);
    const long = `--${attr.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (!flag) {
      if (!otherFlags.some((o) => flagNames(o.flag.flags).attr === attr)) continue;
      const own = kind.flags.filter((f) => !f.deprecatedFor).map((f) => flagNames(f.flags).long);
      throw new InputError(`not an option of ${kind.kind} scenarios${didYouMean(long, own)} (their options: ${own.join(', ') || 'none'}; or --set key=value)`, long);
    }
    if (flag.deprecatedFor) warn(`${long} is deprecated; use ${flag.deprecatedFor}`);
    const path = parseKeyPath(flag.key, long);
    if (flag.apply) data = flag.apply(value as string | boolean, data, long);
    else data = setAt(data, path, typeof value === 'boolean' ? value : coerceAt(kind.schema, path, String(value), long));
    origins.push([path, long]);
  }
  if (trace && scenario) {
    if (schemaAt(kind.schema, ['trace']).length === 0) throw new InputError(`${kind.kind} scenarios take no trace`, '--trace');
    data = { ...data, trace };
  } else if (trace) data = { ...data, trace };
  if (trace) origins.push([['trace'], '--trace']);
  if (typeof opts.policies === 'string') {
    data = { ...data, policies: splitPolicyList(opts.policies, '--policies') };
    origins.push([['policies'], '--policies']);
  }
  for (const item of (opts.set as string[] | undefined) ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError(`expected key=value (e.g. load=1.2), got "${item}"`, '--set');
    let path = parseKeyPath(item.slice(0, eq).trim(), '--set');
    const renamed = kind.renamedFields?.[String(path[0])];
    if (renamed) {
      warn(`--set ${String(path[0])}: the field is deprecated; use ${renamed}`);
      path = [renamed, ...path.slice(1)];
    }
    if (path[0] === 'kind') throw new InputError('the kind comes from --scenario or --trace, not --set', '--set');
    const where = `--set ${path.join('.')}`;
    const raw = item.slice(eq + 1);
    data = setAt(data, path, path[0] === 'policies' && path.length === 1 ? splitPolicyList(raw, where) : coerceAt(kind.schema, path, raw, where));
    origins.push([path, where]);
  }
  data = upgradeFields(kind, data, warn, source?.path ?? 'the command line');
  const locate = (path: PropertyKey[]): string | undefined => {
    for (let i = origins.length - 1; i >= 0; i--) {
      const [p, flag] = origins[i];
      if (p.length <= path.length && p.every((x, j) => String(x) === String(path[j]))) return flag;
    }
    return undefined;
  };
  const label = source?.path ?? trace ?? kind.kind;
  const config = validateConfig(kind, data, source?.path ?? label, locate) as BuiltConfig['config'];
  return { kind, config, source, locate, label };
}
