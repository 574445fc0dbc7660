/**
 * Size estimates of runs (peak memory in bytes, CPU time in seconds), checked
 * by `checkSize` before any work. Coefficients are ours, fitted to
 * measurements on the 2-core reference machine (BENCHMARKS.md) with headroom:
 * the default inference run (2.4e5 requests × 8 mechanisms) peaks at ≈ 0.76 GB
 * and full Philly × 5 policies at ≈ 0.49 GB. They only need the right order
 * of magnitude: the bound is there to stop runaway sizes (`--load 1e300`)
 * while admitting the largest benchmarked runs.
 */
import type { RunEstimate } from './registry.js';

/** Node.js itself with Allot's modules loaded, bytes. */
export const PROCESS_BASE_BYTES = 200e6;

/** Level 1 on the serving simulator: `requests` arrivals, `policies` mechanisms, `rounds` rounds of `nodes` nodes. */
export function inferenceEstimate(requests: number, policies: number, rounds: number, nodes: number, knobs: string[]): RunEstimate {
  return {
    memoryBytes: PROCESS_BASE_BYTES + requests * (80 + policies * 340) + 2 * rounds * policies * nodes * 120,
    seconds: requests * policies * 4e-6 + 2 * rounds * policies * 2e-3,
    what: `${requests.toPrecision(3)} requests × ${policies} policies over ${rounds} rounds`,
    knobs,
  };
}

/** Level 2: `jobs` training jobs under `policies` policies, on GPU servers or a hybrid CPU/GPU cluster. */
export function trainingEstimate(jobs: number, policies: number, hybrid: boolean): RunEstimate {
  return {
    memoryBytes: PROCESS_BASE_BYTES + jobs * (2500 + policies * 400),
    seconds: jobs * policies * (hybrid ? 2e-3 : 2e-5),
    what: `${jobs} jobs × ${policies} policies`,
    knobs: ['jobs', 'jobsPerHour with jobs', 'the trace'],
  };
}

/** Level 3: `requests` requests of `layers` layers on average, `policies` schedulers. */
export function realtimeEstimate(requests: number, layers: number, policies: number): RunEstimate {
  return {
    memoryBytes: PROCESS_BASE_BYTES + requests * (600 + policies * (400 + layers * 40)),
    seconds: requests * policies * layers * 2e-6,
    what: `${requests.toPrecision(3)} requests of ${Math.round(layers)} layers × ${policies} policies`,
    knobs: ['load', 'durationSeconds', 'tenants[].services[].rateRps'],
  };
}

/**
 * Level 4: `cases` schedules of `tasks` tasks on `processors` devices with
 * `edges` data edges, `evaluations` complete schedule evaluations in all (1
 * per list scheduler, particles × iterations per search).
 */
export function dagEstimate(cases: number, tasks: number, processors: number, edges: number, evaluations: number, knobs: string[]): RunEstimate {
  return {
    memoryBytes: PROCESS_BASE_BYTES + cases * (tasks * (120 + processors * 32) + edges * 64),
    seconds: evaluations * (tasks * processors + edges) * 3e-8,
    what: `${cases} schedule${cases === 1 ? '' : 's'} of ${Math.round(tasks)} tasks on ${processors} processors (${evaluations.toPrecision(3)} schedule evaluations)`,
    knobs,
  };
}

/** Level 1, one problem (`allot allocate`): `tenants` × `nodes` utilities for `rounds` rounds. */
export function allocationEstimate(tenants: number, nodes: number, rounds: number): RunEstimate {
  const cells = tenants * nodes;
  return {
    memoryBytes: PROCESS_BASE_BYTES + cells * 40 + rounds * nodes * 120,
    seconds: rounds * cells * 2e-7,
    what: `${rounds} round${rounds === 1 ? '' : 's'} of ${tenants} tenants × ${nodes} nodes`,
    knobs: ['rounds', 'tenants', 'nodes'],
  };
}

/**
 * `allot train`: `iterations` PPO episodes of `episodeRequests` requests and a
 * held-out evaluation of `evalRuns` scheduler runs of `evalRequests` requests,
 * requests of `layers` layers on average. Calibrated on the default training
 * (150 iterations × 840 requests × 44 layers ≈ 550 s on 2 cores).
 */
export function trainEstimate(iterations: number, episodeRequests: number, evalRuns: number, evalRequests: number, layers: number): RunEstimate {
  return {
    memoryBytes: PROCESS_BASE_BYTES + 250e6 + episodeRequests * layers * 2000 + evalRequests * (600 + layers * 40),
    seconds: iterations * episodeRequests * layers * 1e-4 + evalRuns * evalRequests * layers * 2e-5,
    what: `${iterations} training episodes of ${episodeRequests.toPrecision(3)} requests and ${evalRuns} evaluation runs of ${evalRequests.toPrecision(3)} requests`,
    knobs: ['--iterations', '--episode-seconds', 'load', 'durationSeconds', '--eval-seeds'],
  };
}
