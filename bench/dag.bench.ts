/**
 * DAG scheduling benchmarks (issue 4): HEFT and PEFT on random layered DAGs
 * of 1,000 and 10,000 tasks × 100 processors (Topcuoglu-style generator,
 * CCR 1, β 1, out-degree 3), and PSO-GA / memetic PSO-GA iterations per
 * second on the 3-model piece-wise problem (AlexNet, GoogLeNet, ResNet-50;
 * D = 3 helpers; 432 pieces, 63 genes).
 */
import { timeIt, report } from './timing.js';
import { buildDagProblem } from '../src/dag/problem.js';
import { randomDag } from '../src/dag/random-dag.js';
import { heft } from '../src/dag/heft.js';
import { peft } from '../src/dag/peft.js';
import { Evaluator, positionsOf } from '../src/dag/evaluator.js';
import { dnnModel } from '../src/workload/dnn/index.js';
import { dataFile } from '../src/data/data-dir.js';
import { MDNN_PROFILES_FILE } from '../src/data/mdnn-profiles.js';
import { planServices, runOnPlan } from '../src/scenarios/dag/services.js';

export async function run(): Promise<void> {
  for (const n of [1000, 10000]) {
    const spec = randomDag({ tasks: n, processors: 100, seed: 1 });
    const prob = buildDagProblem(spec);
    const h = timeIt(() => heft(prob), n > 5000 ? 2 : 3);
    report(`heft ${n} tasks × 100 processors (${spec.edges.length} edges)`, h.seconds, 's', `makespan ${h.result.schedule.makespan.toFixed(1)}`);
    const p = timeIt(() => peft(prob), n > 5000 ? 2 : 3);
    report(`peft ${n} tasks × 100 processors`, p.seconds, 's', `makespan ${p.result.schedule.makespan.toFixed(1)}`);
    const ev = new Evaluator(prob);
    const pos = positionsOf(h.result.schedule.order);
    const e = timeIt(() => {
      for (let i = 0; i < 20; i++) ev.makespan(h.result.schedule.proc, pos);
    });
    report(`§8 evaluator ${n} tasks`, 20 / e.seconds, 'evals/s');
  }
  if (!dataFile(MDNN_PROFILES_FILE)) {
    console.log(`skipped PSO-GA on the 3-model problem: ${MDNN_PROFILES_FILE} not found`);
    return;
  }
  const plan = planServices({ models: ['AlexNet', 'GoogLeNet', 'ResNet-50'].map(dnnModel), services: 3, helpers: 3, partitioning: 'piece-wise' });
  for (const algorithm of ['pso-ga', 'memetic-pso-ga'] as const) {
    // Fixed work: 100 iterations, no early stop.
    const t = timeIt(() => runOnPlan(plan, algorithm, { seed: 1, iterations: 100, patience: 1e9 }), 2);
    report(`${algorithm} 3-model piece-wise (${plan.problem.n} pieces, ${plan.space.genes} genes)`, t.result.iterations! / t.seconds, 'iter/s', `${(t.result.evaluations! / t.seconds).toFixed(0)} evals/s`);
  }
  const full = timeIt(() => runOnPlan(plan, 'memetic-pso-ga', { seed: 1 }), 1);
  report('memetic-pso-ga 3-model piece-wise, default parameters', full.seconds, 's', `makespan ${full.result.evaluatedMakespan.toFixed(4)} s, ${full.result.iterations} iterations`);
}
