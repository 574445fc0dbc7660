/**
 * `runScenario`: the library form of `allot run` for any decision level.
 * Picks the scenario kind (a scenario object's `kind`, the format of the
 * trace, or the default inference-allocation kind) and runs it.
 * Throws InputError for bad input, like the CLI (which maps it to exit 2).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import type { RunOutput } from '../results.js';
import { scenarioKinds, type RunRequest, type ScenarioKind } from './registry.js';
import './index.js';

/** First 4 KiB of a trace file ('' for a directory: kinds may claim trace directories by path). */
function readHead(path: string): string {
  try {
    if (statSync(path).isDirectory()) return '';
  } catch {
    throw new InputError('trace file not found or unreadable', path);
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new InputError('trace file not found or unreadable', path);
  }
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Chooses the scenario kind for a request. */
export function chooseKind(request: Pick<RunRequest, 'scenarioFile' | 'trace'>): ScenarioKind {
  const kinds = scenarioKinds();
  if (request.scenarioFile) {
    const k = request.scenarioFile.data.kind;
    const names = kinds.map((x) => x.kind).join(', ');
    if (typeof k !== 'string') throw new InputError(`missing field "kind" (one of: ${names})`, request.scenarioFile.path, 'kind');
    const found = kinds.find((x) => x.kind === k);
    if (!found) throw new InputError(`unknown kind "${k}" (expected one of: ${names})`, request.scenarioFile.path, 'kind');
    return found;
  }
  if (request.trace) {
    const head = readHead(request.trace);
    const found = kinds.find((x) => x.claimsTrace?.(request.trace!, head));
    if (!found) throw new InputError('unrecognised trace format (expected a Philly CSV, a Gavel .trace, an Allot job CSV or an Azure LLM inference CSV)', request.trace);
    return found;
  }
  const def = kinds.find((x) => x.isDefault);
  if (!def) throw new Error('no default scenario kind registered');
  return def;
}

/**
 * Runs a scenario. `scenario` is a parsed scenario object (as from YAML)
 * with a `kind`; omit it for the default scenario. `options` are the kind's
 * CLI options by camelCase name, as strings (e.g. `{load: "0.5"}`).
 */
export async function runScenario(args: { scenario?: Record<string, unknown>; scenarioName?: string; trace?: string; policies?: string[]; seed?: number; options?: Record<string, unknown> } = {}): Promise<RunOutput> {
  const request: RunRequest = {
    seed: args.seed ?? 1,
    trace: args.trace,
    policies: args.policies,
    extra: args.options ?? {},
    scenarioFile: args.scenario ? { path: args.scenarioName ?? 'api:scenario', text: JSON.stringify(args.scenario), data: args.scenario } : undefined,
  };
  return chooseKind(request).run(request);
}
