/**
 * `allot train --scenario FILE|builtin:realtime --seed N --out DIR`: trains
 * the deep-RL request scheduler of the real-time level in-process (TF.js,
 * WASM backend) and writes DIR/policy.json (+ training-curve.csv, and the
 * held-out evaluation), which `allot run --rl-model DIR` loads. Everything —
 * scenario, evaluation seeds and policies, `--out` — is checked before
 * training starts; DIR is written atomically. A progress bar with ETA on
 * stderr (src/cli/progress.ts: a line every 30 s under CI; --quiet for none).
 */
import { Command } from '@commander-js/extra-typings';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { checkUniqueLabels, createPolicy, resolvePolicy } from '../policies/index.js';
import { renderTextTable, type TextColumn } from '../report/terminal-table.js';
import { prepareOutputDir } from '../report/output-dir.js';
import { checkedWriter } from '../report/write-outputs.js';
import type { RealtimeConfig } from '../scenarios/realtime/schema.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../realtime/drl/train-options.js';
import { parseIntOption, parseList, parseNumberOption } from './common.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import { terminalStyle, warner, type CliIo } from './io.js';
import { createProgress } from './progress.js';
import { buildConfig } from './scenario-args.js';
import { checkSize } from '../scenarios/size-check.js';
import { trainEstimate } from '../scenarios/estimates.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerTrainCommand(program: Command, io: CliIo, _state: CommandState): void {
  const cmd = program
    .command('train')
    .addHelpText('after', () => helpEpilogue('train'))
    .description('Train the deep-RL real-time request scheduler on a realtime scenario and save the policy (for allot run --rl-model DIR).')
    .option('--scenario <file>', 'realtime scenario file, or builtin:realtime', 'builtin:realtime')
    .option('--set <key=value>', 'set a scenario field, e.g. --set load=1.1 (repeatable)', collect, [] as string[])
    .option('--seed <n>', 'root seed (weights, exploration, episodes, minibatches)', '1')
    .requiredOption('--out <dir>', 'directory for policy.json, training-curve.csv and the evaluation (written atomically)')
    .option('--iterations <n>', 'PPO iterations (one episode each)', String(DEFAULT_TRAIN_OPTIONS.iterations))
    .option('--imitation <n>', 'first iterations cloning the EDF teacher', String(DEFAULT_TRAIN_OPTIONS.imitationIterations))
    .option('--episode-seconds <s>', 'seconds of arrivals per training episode', String(DEFAULT_TRAIN_OPTIONS.episodeS))
    .option('--slo-agnostic', 'train the SLO-agnostic ablation (no SLI features, no fairness reward)')
    .option('--no-shuffle-targets', 'keep the declared SLO targets in every episode (default: permute them over the services anew per episode)')
    .option('--validation-episodes <n>', 'episodes of the model selection (mean score)', String(DEFAULT_TRAIN_OPTIONS.validationEpisodes))
    .option('--eval-seeds <list>', 'held-out arrival seeds to evaluate the trained policy on against --eval-policies ("none" to skip)', '1,2,3')
    .option('--eval-policies <list>', 'baselines of the held-out evaluation', 'edf,prema')
    .option('--allow-large', 'train even when the size estimate exceeds the machine\'s bounds')
    .option('--quiet', 'no progress output');
  cmd.action(async (opts) => {
    const seed = parseIntOption('--seed', opts.seed, 0);
    const iterations = parseIntOption('--iterations', opts.iterations, 1);
    const imitation = parseIntOption('--imitation', opts.imitation, 0);
    const episodeS = parseNumberOption('--episode-seconds', opts.episodeSeconds, 0, true);
    const validationEpisodes = parseIntOption('--validation-episodes', opts.validationEpisodes, 1);
    if (imitation > iterations) throw new InputError(`must be ≤ --iterations (${iterations}), got ${imitation}`, '--imitation');
    const [{ realtimeScenario }, { savePolicy }, { metricColumns }] = await Promise.all([import('../scenarios/realtime/index.js'), import('../realtime/drl/policy-file.js'), import('../report/summary.js')]);
    const warn = warner(io);
    const built = buildConfig({ scenario: opts.scenario, set: opts.set }, (a) => a === 'scenario' || a === 'set', warn);
    if (built.kind.kind !== 'realtime') throw new InputError(`allot train needs a realtime scenario, got kind: ${built.kind.kind}`, opts.scenario, 'kind');
    const scenario = realtimeScenario(built.config as RealtimeConfig, built.source?.path ?? 'config');
    const evalSeeds = opts.evalSeeds === 'none' ? [] : parseList('--eval-seeds', opts.evalSeeds).map((x) => parseIntOption('--eval-seeds', x, 0));
    const baselines = evalSeeds.length ? parseList('--eval-policies', opts.evalPolicies).map((b) => resolvePolicy('request-scheduler', b, '--eval-policies')) : [];
    for (const b of baselines) if (b.def.needs?.length) throw new InputError(`"${b.label}" cannot be a baseline (it needs ${b.def.needs.join(', ')})`, '--eval-policies');
    checkUniqueLabels([...baselines.map((b) => b.label), opts.sloAgnostic ? 'drl-agnostic' : 'drl'], '--eval-policies');
    const rate = scenario.trace ? scenario.trace.length / scenario.durationS : scenario.tenants.reduce((a, t) => a + t.services.reduce((b, s) => b + s.rateRps, 0), 0) * scenario.load;
    const layers = scenario.models.reduce((a, m) => a + ('layers' in m ? m.layers.length : m.latencyS.length), 0) / Math.max(1, scenario.models.length);
    checkSize(trainEstimate(iterations, rate * episodeS, evalSeeds.length * (baselines.length + 1), rate * scenario.durationS, layers), built.label, opts.allowLarge === true);
    const out = prepareOutputDir(opts.out, '--out', 'train');
    try {
      const options: Partial<TrainOptions> = { seed, iterations, imitationIterations: imitation, episodeS, sloAware: !opts.sloAgnostic, shuffleTargets: opts.shuffleTargets, validationEpisodes };
      const progress = createProgress(io, { quiet: opts.quiet === true, task: 'train' });
      const t0 = Date.now();
      let result;
      try {
        // TF.js loads only for training (keeps every other command fast to start).
        const { trainPolicy } = await import('../realtime/drl/ppo.js');
        result = await trainPolicy(scenario, options, (p) =>
          progress.report?.(p.iteration + 1, iterations, `iteration ${p.iteration + 1}/${iterations} · ${p.iteration < imitation ? 'imitation' : 'PPO'} · hit ${p.deadlineHitRate.toFixed(3)} · QoS ${p.qosSatisfaction.toFixed(2)} · loss ${p.loss.toFixed(3)}`),
        );
      } finally {
        progress.stop();
      }
      const write = checkedWriter(io.writeFile);
      const files = savePolicy(out.dir, { ...result.meta, training: { ...result.meta.training, wallSeconds: Math.round((Date.now() - t0) / 1000) } }, result.weights, result.curve, write);
      let report = `Trained ${iterations} iterations in ${((Date.now() - t0) / 1000).toFixed(0)} s; wrote ${files.map((f) => f.split('/').pop()).join(', ')} to ${opts.out}\n`;
      if (evalSeeds.length) {
        const name = result.meta.sloAware ? 'drl' : 'drl-agnostic';
        const { evaluatePolicies, hitRateChartSvg } = await import('../realtime/drl/evaluate.js');
        const drl = resolvePolicy('request-scheduler', name, '--eval-policies');
        const trainedPolicy = { meta: result.meta, weights: result.weights };
        const ev = await evaluatePolicies(scenario, evalSeeds, () => Promise.all([...baselines, drl].map((p) => createPolicy(p, { trainedPolicy }))), [...baselines.map((b) => b.label), name]);
        write(join(out.dir, 'evaluation.json'), JSON.stringify(ev, null, 2) + '\n');
        write(join(out.dir, 'evaluation-hit-rate.svg'), await hitRateChartSvg(ev.hitRate, `${scenario.name}: mean hit rate over seeds ${evalSeeds.join(',')} vs target (dashed)`));
        const evalRows = ev.summary as unknown as Record<string, unknown>[];
        const evalCols = metricColumns(evalRows, ['deadlineHitRate', 'qosSatisfaction', 'deficitSum', 'maxDeficit', 'jainIndex', 'seedsMeetingAllTargets'], () => null, true);
        const table = renderTextTable([
          { header: 'policy', cells: ev.summary.map((r) => r.policy), align: 'left', keep: true },
          ...evalCols.map((c): TextColumn => ({ header: c.header, cells: c.cells, align: 'right', emphasis: c.best })),
        ], terminalStyle(io));
        report += `\nHeld-out evaluation, seeds ${evalSeeds.join(', ')} (means):\n` + table.text + `\nWrote evaluation.json and evaluation-hit-rate.svg to ${opts.out}\n`;
      }
      out.commit();
      io.stdout.write(report);
    } catch (e) {
      out.abort();
      throw e;
    }
  });
}
