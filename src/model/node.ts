/**
 * Nodes: schedulable machines or accelerator slots, each of one accelerator type
 * (e.g. "H100", "L40S", "L4", "V100", "Jetson TX2", a sub-accelerator).
 */
export interface NodeSpec {
  /** Unique id; the order of nodes in inputs is the tie-break order. */
  readonly id: string;
  /** Accelerator type name. */
  readonly type: string;
}

/** Expands `{type: count}` into nodes with ids `<type>-<k>` in the given type order. */
export function nodesOfTypes(counts: ReadonlyArray<readonly [type: string, count: number]>): NodeSpec[] {
  const out: NodeSpec[] = [];
  for (const [type, count] of counts) for (let k = 0; k < count; k++) out.push({ id: `${type}-${k}`, type });
  return out;
}
