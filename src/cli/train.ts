/**
 * `allot train --scenario FILE|builtin:realtime --seed N --out DIR`: trains
 * the deep-RL request scheduler of the real-time level in-process (TF.js,
 * WASM backend) and writes DIR/policy.json (+ training-curve.csv), which
 * `allot run --rl-model DIR` loads. A progress bar on stderr (cli-progress;
 * plain periodic lines when stderr is not a TTY, e.g. in CI).
 */
import { Command } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { InputError } from '../errors.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIntOption, parseList, parseNumberOption, parseYamlFile, readInputFile } from './common.js';
import { renderTable } from '../report/table.js';
import { HEURISTIC_SCHEDULERS, heuristicScheduler, isHeuristic, type HeuristicName } from '../realtime/schedulers.js';
import { drlScheduler } from '../realtime/drl/drl-scheduler.js';
import { scenarioFromRequest } from '../scenarios/realtime.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../realtime/drl/train-options.js';
import { savePolicy } from '../realtime/drl/policy-file.js';

export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description('Train the deep-RL real-time request scheduler on a realtime scenario and save the policy (for allot run --rl-model DIR).')
    .option('--scenario <file>', 'realtime scenario file, or builtin:realtime', 'builtin:realtime')
    .option('--seed <n>', 'root seed (weights, exploration, episodes, minibatches)', '1')
    .requiredOption('--out <dir>', 'directory for policy.json and training-curve.csv')
    .option('--iterations <n>', 'PPO iterations (one episode each)', String(DEFAULT_TRAIN_OPTIONS.iterations))
    .option('--imitation <n>', 'first iterations cloning the EDF teacher', String(DEFAULT_TRAIN_OPTIONS.imitationIterations))
    .option('--episode-seconds <s>', 'seconds of arrivals per training episode', String(DEFAULT_TRAIN_OPTIONS.episodeS))
    .option('--slo-agnostic', 'train the SLO-agnostic ablation (no SLI features, no fairness reward)')
    .option('--eval-seeds <list>', 'held-out arrival seeds to evaluate the trained policy on against --eval-policies ("none" to skip)', '1,2,3')
    .option('--eval-policies <list>', 'baselines of the held-out evaluation', 'edf,prema')
    .option('--quiet', 'no progress output')
    .action(async (opts) => {
      const seed = parseIntOption('--seed', opts.seed, 0);
      const iterations = parseIntOption('--iterations', opts.iterations, 1);
      const imitation = parseIntOption('--imitation', opts.imitation, 0);
      const episodeS = parseNumberOption('--episode-seconds', opts.episodeSeconds, Number.MIN_VALUE);
      if (imitation > iterations) throw new InputError(`must be ≤ --iterations (${iterations}), got ${imitation}`, '--imitation');
      let scenarioFile;
      if (opts.scenario.startsWith('builtin:')) {
        if (opts.scenario !== 'builtin:realtime') throw new InputError(`unknown built-in scenario "${opts.scenario}" (expected builtin:realtime)`, '--scenario');
      } else {
        const text = readInputFile(opts.scenario, 'scenario file');
        scenarioFile = { path: opts.scenario, text, data: parseYamlFile(opts.scenario, text) };
        if (scenarioFile.data.kind !== 'realtime') throw new InputError('allot train needs kind: realtime', opts.scenario, 'kind');
      }
      const { scenario } = scenarioFromRequest({ scenarioFile });
      const options: Partial<TrainOptions> = { seed, iterations, imitationIterations: imitation, episodeS, sloAware: !opts.sloAgnostic };
      const bar = opts.quiet
        ? undefined
        : new cliProgress.SingleBar(
            { format: 'train [{bar}] {value}/{total} it | {phase} | hit {hit} | QoS {qos} | loss {loss} | {duration_formatted}', noTTYOutput: true, notTTYSchedule: 10000, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
      bar?.start(iterations, 0, { phase: 'imitation', hit: '-', qos: '-', loss: '-' });
      const t0 = Date.now();
      // TF.js loads only for training (keeps every other command fast to start).
      const { trainPolicy } = await import('../realtime/drl/ppo.js');
      const result = await trainPolicy(scenario, options, (p) =>
        bar?.update(p.iteration + 1, { phase: p.iteration < imitation ? 'imitation' : 'ppo', hit: p.deadlineHitRate.toFixed(3), qos: p.qosSatisfaction.toFixed(2), loss: p.loss.toFixed(3) }),
      );
      bar?.stop();
      const files = savePolicy(opts.out, { ...result.meta, training: { ...result.meta.training, wallSeconds: Math.round((Date.now() - t0) / 1000) } }, result.weights, result.curve);
      process.stdout.write(`Trained ${iterations} iterations in ${((Date.now() - t0) / 1000).toFixed(0)} s; wrote ${files.join(', ')}\n`);
      if (opts.evalSeeds !== 'none') {
        const seeds = parseList('--eval-seeds', opts.evalSeeds).map((x) => parseIntOption('--eval-seeds', x, 0));
        const baselines = parseList('--eval-policies', opts.evalPolicies);
        for (const b of baselines) if (!isHeuristic(b)) throw new InputError(`unknown policy "${b}" (expected: ${HEURISTIC_SCHEDULERS.join(', ')})`, '--eval-policies');
        const name = result.meta.sloAware ? 'drl' : 'drl-agnostic';
        const { evaluatePolicies, hitRateChartSvg } = await import('../realtime/drl/evaluate.js');
        const ev = evaluatePolicies(scenario, seeds, () => [
          ...baselines.map((b) => heuristicScheduler(b as HeuristicName)),
          drlScheduler({ weights: result.weights, maxJobs: result.meta.maxJobs, sloAware: result.meta.sloAware, name }),
        ]);
        writeFileSync(join(opts.out, 'evaluation.json'), JSON.stringify(ev, null, 2) + '\n');
        writeFileSync(join(opts.out, 'evaluation-hit-rate.svg'), await hitRateChartSvg(ev.hitRate, `${scenario.name}: mean hit rate over seeds ${seeds.join(',')} vs target (dashed)`));
        process.stdout.write(`\nHeld-out evaluation, seeds ${seeds.join(', ')} (means):\n` + renderTable(ev.summary, [
          { header: 'policy', value: (r) => r.policy },
          { header: 'deadlineHitRate', value: (r) => Number(r.deadlineHitRate.toFixed(4)) },
          { header: 'qosSatisfaction', value: (r) => Number(r.qosSatisfaction.toFixed(3)) },
          { header: 'deficitSum', value: (r) => Number(r.deficitSum.toFixed(4)) },
          { header: 'maxDeficit', value: (r) => Number(r.maxDeficit.toFixed(4)) },
          { header: 'jainIndex', value: (r) => Number(r.jainIndex.toFixed(4)) },
          { header: 'seedsAllMet', value: (r) => r.seedsMeetingAllTargets },
        ]) + `\nWrote ${join(opts.out, 'evaluation.json')} and evaluation-hit-rate.svg\n`);
      }
    });
}
