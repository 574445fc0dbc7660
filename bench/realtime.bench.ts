/**
 * Real-time level: scheduling decisions/s of every scheduler on the default
 * scenario, deep-RL inference time per decision, and training throughput.
 */
import { report } from './timing.js';
import { defaultRealtimeScenario, instantiate } from '../src/realtime/scenario.js';
import { simulate } from '../src/realtime/engine.js';
import { createPolicy, policyDefs, resolvePolicy } from '../src/policies/index.js';
import { drlScheduler } from '../src/realtime/drl/drl-scheduler.js';
import { initWeights } from '../src/realtime/drl/network.js';
import { DEFAULT_TRAIN_OPTIONS } from '../src/realtime/drl/train-options.js';

export async function run(): Promise<void> {
  const sc = { ...defaultRealtimeScenario(), durationS: 2 };
  const inst = instantiate(sc, 1);
  console.log(`default scenario, 2 s of arrivals: ${inst.requests.length} requests, ${inst.profiles.map((p) => p.model).join(' ')}`);
  const weights = initWeights(1, DEFAULT_TRAIN_OPTIONS.hidden);
  const heuristics = policyDefs({ family: 'request-scheduler' }).filter((d) => !d.needs?.length).map((d) => d.name);
  const scheds = [...(await Promise.all(heuristics.map((n) => createPolicy(resolvePolicy('request-scheduler', n, 'bench'))))), drlScheduler({ weights, maxJobs: DEFAULT_TRAIN_OPTIONS.maxJobs, sloAware: true })];
  for (const s of scheds) {
    const t0 = process.hrtime.bigint();
    const r = simulate(sc.system, inst.pairs, inst.profiles, inst.requests, s, sc.engine);
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    report(`realtime ${s.name}: decisions/s (scheduler time only)`, r.decisions / r.decideWallS, 'dec/s', `${r.decisions} decisions, ${((r.decideWallS / r.decisions) * 1e3).toFixed(4)} ms each`);
    report(`realtime ${s.name}: simulated requests/s (whole engine)`, inst.requests.length / wall, 'req/s', `${wall.toFixed(2)} s wall`);
  }
  // Training throughput: a short run with the default hyper-parameters.
  const { trainPolicy } = await import('../src/realtime/drl/ppo.js');
  const iterations = 4;
  const t0 = process.hrtime.bigint();
  const res = await trainPolicy(defaultRealtimeScenario(), { iterations, imitationIterations: 1, validateEvery: 0 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const envSteps = res.curve.reduce((a, p) => a + p.steps, 0);
  const grad = iterations * DEFAULT_TRAIN_OPTIONS.epochs * Math.ceil(DEFAULT_TRAIN_OPTIONS.stepsPerUpdate / DEFAULT_TRAIN_OPTIONS.minibatch);
  report('realtime drl training: iterations/s', iterations / wall, 'it/s', `${(wall / iterations).toFixed(2)} s per iteration of ${DEFAULT_TRAIN_OPTIONS.episodeS} s episode`);
  report('realtime drl training: environment (decision) steps/s', envSteps / wall, 'steps/s');
  report('realtime drl training: PPO gradient steps/s', grad / wall, 'minibatch/s', `minibatch ${DEFAULT_TRAIN_OPTIONS.minibatch}`);
}
