/**
 * Reading and writing a trained policy directory: `<dir>/policy.json`
 * (meta + weights, see network.ts) and `<dir>/training-curve.csv`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.js';
import { parseJsonText } from '../../data/input-files.js';
import { deserializePolicy, serializePolicy, type PolicyMeta, type PolicyWeights } from './network.js';
import type { CurvePoint } from './train-options.js';

export const POLICY_FILE = 'policy.json';

/** The directory of the policies committed with Allot (`trained/<name>/policy.json`; copied into dist/ by the build). */
export const TRAINED_POLICIES_DIR = fileURLToPath(new URL('./trained', import.meta.url));

/** Names of the committed policies (subdirectories of `TRAINED_POLICIES_DIR` holding a policy.json), sorted. */
export function committedPolicyNames(): string[] {
  if (!existsSync(TRAINED_POLICIES_DIR)) return [];
  return readdirSync(TRAINED_POLICIES_DIR).filter((n) => existsSync(join(TRAINED_POLICIES_DIR, n, POLICY_FILE))).sort();
}

/**
 * The directory of a policy reference: `trained:NAME` names a committed
 * policy (InputError at `where` listing the names when there is none), any
 * other value is a directory path (relative to the working directory).
 */
export function policyDir(ref: string, where: string): string {
  if (!ref.startsWith('trained:')) return ref;
  const name = ref.slice('trained:'.length);
  const names = committedPolicyNames();
  if (!names.includes(name)) throw new InputError(`no committed policy "${name}" (expected trained:NAME with NAME one of: ${names.join(', ')})`, where);
  return join(TRAINED_POLICIES_DIR, name);
}

/** A trained deep-RL policy: its provenance and training options (`meta`) and its network weights. */
export interface TrainedPolicy {
  meta: PolicyMeta;
  weights: PolicyWeights;
}

/** Loads `<dir>/policy.json`; InputError naming the file (and field) when missing or malformed. */
export function loadPolicy(dir: string): TrainedPolicy {
  const path = join(dir, POLICY_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`trained policy not found (expected ${POLICY_FILE} written by "allot train")`, path);
  }
  const data = parseJsonText(text, path);
  try {
    return deserializePolicy(data);
  } catch (e) {
    throw new InputError((e as Error).message, path);
  }
}

/** Writes policy.json and training-curve.csv; returns the files written. */
export function savePolicy(dir: string, meta: PolicyMeta, weights: PolicyWeights, curve: readonly CurvePoint[], write: (path: string, data: string) => void = (p, d) => writeFileSync(p, d)): string[] {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, POLICY_FILE);
  write(p, JSON.stringify(serializePolicy(meta, weights)) + '\n');
  const c = join(dir, 'training-curve.csv');
  const cols: (keyof CurvePoint)[] = ['iteration', 'loss', 'policyLoss', 'valueLoss', 'entropy', 'episodeReward', 'steps', 'deadlineHitRate', 'qosSatisfaction', 'validationScore'];
  write(c, [cols.join(','), ...curve.map((pt) => cols.map((k) => pt[k] ?? '').join(','))].join('\n') + '\n');
  return [p, c];
}
