/** DRFF = DRF + FIFO (AlloX spec §5.1): oldest job of the lowest-share user, always on its GPU configuration; no sampling. */
import { drfOnline } from './drf-online.js';
import type { HybridPolicy } from './engine.js';

export const drffPolicy: HybridPolicy = {
  name: 'drff',
  quirks: { legacyCpuFlag: true, force64GbGpuMemory: true },
  sampling: false,
  schedule: (v) => drfOnline(v, (q) => q[0], () => 'gpu'),
};
