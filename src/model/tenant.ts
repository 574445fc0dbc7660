/**
 * Tenants: users / teams / virtual clusters sharing the cluster.
 * `tokens` is the tenant's entitlement weight and per-round budget (Dice):
 * a positive integer; the entitlement share is tokens / Σ tokens of active tenants.
 */
export interface Tenant {
  /** Unique id (string); the order of tenants in inputs is the tie-break order. */
  readonly id: string;
  /** Positive integer number of tokens. */
  readonly tokens: number;
}
