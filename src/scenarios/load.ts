/**
 * From what a user names to a validated config: a scenario file (YAML or
 * JSON, paths relative to the file), a built-in scenario (`builtin:<name>`),
 * a trace whose format picks the kind, or the default kind. Old field names
 * are renamed with a warning; unknown fields are errors with a "did you mean".
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type WarningSink } from '../errors.js';
import { readMappingFile } from '../data/input-files.js';
import { didYouMean, parseWith } from '../config/validate.js';
import { findScenarioKind, scenarioKinds, type ScenarioKind } from './registry.js';
import './index.js';

/** First 4 KiB of a trace file ('' for a directory: kinds may claim trace directories by path). */
export function readTraceHead(path: string): string {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'trace not found' : `cannot read the trace (${code ?? String(e)})`, path);
  }
  if (isDir) return '';
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read the trace (${(e as NodeJS.ErrnoException).code ?? String(e)})`, path);
  }
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The kind that reads a trace (by its first bytes, or a directory of traces). */
export function kindForTrace(path: string): ScenarioKind {
  const head = readTraceHead(path);
  const found = scenarioKinds().find((k) => k.claimsTrace?.(path, head));
  if (!found) throw new InputError('unrecognised trace format (expected a Philly CSV, a Gavel .trace or a directory of them, an Alibaba openb pod list, an Allot job CSV, or an Azure LLM inference CSV)', path);
  return found;
}

/** The default kind (`allot run` without --scenario or --trace). */
export function defaultKind(): ScenarioKind {
  const def = scenarioKinds().find((k) => k.isDefault);
  if (!def) throw new Error('no default scenario kind registered');
  return def;
}

/** The kind a document names in `kind:` (InputError with the known kinds otherwise). */
export function kindOf(data: Record<string, unknown>, source: string): ScenarioKind {
  const names = scenarioKinds().map((k) => k.kind);
  const k = data.kind;
  if (k === undefined) throw new InputError(`missing field "kind" (one of: ${names.join(', ')})`, source, 'kind');
  if (typeof k !== 'string') throw new InputError(`expected a kind name (one of: ${names.join(', ')})`, source, 'kind');
  const found = findScenarioKind(k);
  if (!found) throw new InputError(`unknown kind "${k}"${didYouMean(k, names)} (expected one of: ${names.join(', ')})`, source, 'kind');
  return found;
}

/** Renames old fields (with a warning each) and rewrites old shapes. */
export function upgradeFields(kind: ScenarioKind, data: Record<string, unknown>, warn: WarningSink, source: string): Record<string, unknown> {
  let out = { ...data };
  for (const [old, now] of Object.entries(kind.renamedFields ?? {})) {
    if (!(old in out)) continue;
    if (now in out) throw new InputError(`both "${old}" (its old name) and "${now}" are set; keep only "${now}"`, source, old);
    warn(`${source}: field "${old}" is deprecated; use "${now}"`);
    out[now] = out[old];
    delete out[old];
  }
  if (kind.migrate) out = kind.migrate(out, warn, source);
  return out;
}

/** A scenario file or built-in scenario, read and upgraded (not yet validated): its kind, fields and text. */
export interface ScenarioDocument {
  kind: ScenarioKind;
  data: Record<string, unknown>;
  /** The file's path, or `builtin:<name>`. */
  path: string;
  /** The file's text ('' for a built-in). */
  text: string;
}

/** The built-in scenario `builtin:<name>`: a kind's named builtin, or `builtin:<kind>` for a kind's defaults. */
export function builtinScenario(spec: string): ScenarioDocument {
  const name = spec.slice('builtin:'.length);
  for (const k of scenarioKinds()) {
    const b = k.builtins?.[name];
    if (b) return { kind: k, data: { kind: k.kind, ...b }, path: spec, text: '' };
  }
  const names = scenarioKinds().flatMap((k) => Object.keys(k.builtins ?? {}).map((b) => `builtin:${b}`));
  throw new InputError(`unknown built-in scenario "${spec}"${didYouMean(spec, names)} (expected one of: ${names.join(', ')})`, '--scenario');
}

/** Reads a scenario file (or `builtin:<name>`): parsed, kind found, old fields upgraded, file-relative paths resolved. */
export function loadScenarioDocument(spec: string, warn: WarningSink = () => {}): ScenarioDocument {
  if (spec.startsWith('builtin:')) return builtinScenario(spec);
  const { text, data } = readMappingFile(spec, 'scenario file');
  const kind = kindOf(data, spec);
  let up = upgradeFields(kind, data, warn, spec);
  if (kind.resolvePaths) up = kind.resolvePaths(up, resolve(dirname(spec)));
  return { kind, data: up, path: spec, text };
}

/** Validates a config against its kind's schema (defaults applied). `locate` maps a field path to the flag that set it, for messages. */
export function validateConfig<C extends { kind: string }>(kind: ScenarioKind<C>, data: Record<string, unknown>, source: string, locate?: (path: PropertyKey[]) => string | undefined): C {
  return parseWith(kind.schema, data, source, { locate }) as C;
}

/**
 * Reads a scenario file (or `builtin:<name>`) for `runScenario`: its config —
 * old field names upgraded, paths made absolute against the file's
 * directory — and its source, for the scenario's name and provenance:
 * `const {config, source} = loadScenarioFile('my.yaml'); await runScenario(config, {source})`.
 */
export function loadScenarioFile(path: string, warn: WarningSink = () => {}): { config: { kind: string } & Record<string, unknown>; source: { path: string; text: string } } {
  const doc = loadScenarioDocument(path, warn);
  return { config: { ...doc.data, kind: doc.kind.kind }, source: { path: doc.path, text: doc.text } };
}
