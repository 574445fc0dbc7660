/**
 * Sweep parallel speed-up: the same sweep (the default scenario, 3 policies ×
 * 3 loads × 5 seeds = 45 cells) run on 1 worker thread and on 2, wall time
 * end to end (pool start-up included), best of 2. Also the in-process time
 * (no pool) as the baseline of pool overhead. Falls back to the test-only
 * toy-queue kind when no default scenario kind is registered.
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import '../src/scenarios/index.js';
import { scenarioKinds } from '../src/scenarios/registry.js';
import { runSweep } from '../src/sweep/run-sweep.js';
import type { CellPlan } from '../src/sweep/cells.js';
import { report, timeItAsync } from './timing.js';

const DEFAULT_POLICIES = ['l-dice', 's-dice', 'static-share'];

export async function run(): Promise<void> {
  const def = scenarioKinds().find((k) => k.isDefault);
  let plan: CellPlan;
  let modules: string[] = [];
  if (def) {
    plan = { kind: def.kind, base: { kind: def.kind }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: DEFAULT_POLICIES, seeds: [1, 2, 3, 4, 5] };
  } else {
    const toy = fileURLToPath(new URL('../test/fixtures/toy-queue-kind.ts', import.meta.url));
    await import(toy);
    modules = [toy];
    plan = { kind: 'toy-queue', base: { kind: 'toy-queue', jobs: 20000 }, vary: [{ key: 'load', values: [0.5, 1, 1.5] }], policies: ['fifo', 'sjf', 'lottery'], seeds: [1, 2, 3, 4, 5] };
  }
  const cells = plan.vary[0].values.length * plan.policies.length * plan.seeds.length;
  const label = `${plan.kind} ${plan.policies.length}×${plan.vary[0].values.length}×${plan.seeds.length}=${cells} cells`;
  console.log(`sweep: ${label}; ${availableParallelism()} cores; load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const time = async (workers: number) => (await timeItAsync(async () => {
    const r = await runSweep({ plan, workers, modules, keepSeries: 'none' });
    if (r.failures.length) throw new Error(`${r.failures.length} cells failed: ${r.failures[0].error}`);
    return r;
  }, 2)).seconds;
  const inProcess = await time(0);
  report(`sweep ${label}, in-process (no pool)`, inProcess, 's');
  const one = await time(1);
  report(`sweep ${label}, 1 worker`, one, 's');
  const two = await time(2);
  report(`sweep ${label}, 2 workers`, two, 's');
  report('sweep speed-up 2 workers vs 1', one / two, '×', `load average after: ${loadavg()[0].toFixed(2)}`);
}
