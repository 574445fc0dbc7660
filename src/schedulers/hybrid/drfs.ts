/** DRFS = DRF + SJF (AlloX spec §5.2): each user's shortest job by min(p̂^c, p̂^g), placed on its faster reported configuration. */
import type { HybridJob } from './cluster.js';
import { drfOnline } from './drf-online.js';
import type { HybridPolicy } from './engine.js';

const shortest = (q: readonly HybridJob[]): HybridJob => {
  let b = q[0];
  for (const j of q) if (Math.min(j.estCpuTime, j.estGpuTime) < Math.min(b.estCpuTime, b.estGpuTime)) b = j;
  return b;
};

export const drfsPolicy: HybridPolicy = {
  name: 'drfs',
  quirks: { legacyCpuFlag: true },
  schedule: (v) => drfOnline(v, shortest, (j) => (j.estGpuTime <= j.estCpuTime ? 'gpu' : 'cpu')),
};
