/**
 * Test support for level 2: policies created through the registry (lazy
 * imports resolved up front), so tests can look them up synchronously.
 */
import { createPolicy, policyDefs, resolvePolicy } from '../policies/index.js';
import { createTrainingPolicy, resolveTrainingPolicy } from './compose.js';
import type { AllocationMode, JobPolicy } from './types.js';
import type { HybridPolicy } from './hybrid/engine.js';
import type { HybridJob } from '../model/hybrid.js';

/** Job-order names without capabilities (no LP solver), aliases included: what property tests iterate over. */
export const PLAIN_ORDER_NAMES: readonly string[] = policyDefs({ family: 'job-order' })
  .filter((d) => !d.needs?.length)
  .flatMap((d) => [d.name, ...(d.aliases ?? []).flatMap((a) => (typeof a.name === 'string' ? [a.name] : []))]);

/**
 * Creates every named `order+mode` policy now and returns a synchronous
 * lookup (one instance per name, shared between calls). Throws for a name
 * that was not preloaded.
 */
export async function preloadTrainingPolicies(names: readonly string[]): Promise<(name: string) => { policy: JobPolicy; mode: AllocationMode }> {
  const made = new Map<string, { policy: JobPolicy; mode: AllocationMode }>();
  for (const n of names) if (!made.has(n)) made.set(n, await createTrainingPolicy(resolveTrainingPolicy(n, 'test')));
  return (name) => {
    const p = made.get(name);
    if (!p) throw new Error(`policy ${name} was not preloaded`);
    return p;
  };
}

/** A fresh hybrid-cluster policy from the registry (a name with inline options, or an alias). */
export async function hybridPolicy(name: string, jobs: readonly HybridJob[], defaults: Record<string, unknown> = {}): Promise<HybridPolicy> {
  return createPolicy(resolvePolicy('hybrid', name, 'test', defaults), { hybridJobs: jobs });
}

/** Names of the hybrid-cluster policies and their plain aliases. */
export const HYBRID_POLICY_NAMES: readonly string[] = policyDefs({ family: 'hybrid' }).flatMap((d) => [d.name, ...(d.aliases ?? []).flatMap((a) => (typeof a.name === 'string' ? [a.name] : []))]);
