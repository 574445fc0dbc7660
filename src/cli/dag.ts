/**
 * `allot dag --algorithm <heft|cpop|peft|greedy|ga|pso-ga|memetic-pso-ga>
 * --input FILE [--seed N] [--variant paper|original]`: one DAG scheduling
 * problem in, one schedule out (JSON on stdout).
 *
 * Input JSON: `{"processors": ["p1", …], "tasks": [{"id": "t1", "cost":
 * [14, 16, …]}], "edges": [{"from": "t1", "to": "t2", "data": 18}],
 * "bandwidth"?: [[…]]}` — `cost[k]` = run time on processor k in seconds
 * (`null` = the task cannot run there); without `bandwidth`, an edge costs
 * `data` seconds between different processors and 0 on the same one; with
 * it, `data` is bytes and the p×p matrix is bytes/s (`null` = a free link).
 * Output: `{"allotVersion", "algorithm", "seed", "inputSha256", "makespan",
 * "schedule": [{"task", "processor", "start", "finish"}]}` (tasks in input
 * order; times in seconds). Bad input → exit 2 naming the file and field.
 */
import type { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../errors.js';
import { allotVersion, sha256 } from '../provenance.js';
import { buildDagProblem, type DagProblemSpec } from '../dag/problem.js';
import { DAG_ALGORITHMS, isDagAlgorithm, scheduleDag } from '../dag/index.js';
import { parseIntOption, parseJsonFile } from './common.js';
import { readFileSync } from 'node:fs';

const inputSchema = z.object({
  processors: z.array(z.string().min(1)).min(1),
  tasks: z.array(z.object({ id: z.string().min(1), cost: z.array(z.number().nonnegative().nullable()) })).min(1),
  edges: z.array(z.object({ from: z.string(), to: z.string(), data: z.number().nonnegative() })).default([]),
  bandwidth: z.array(z.array(z.number().positive().nullable())).optional(),
});

/** The JSON document `allot dag` prints. */
export interface DagCliOutput {
  allotVersion: string;
  algorithm: string;
  seed: number;
  inputSha256: string;
  makespan: number;
  schedule: { task: string; processor: string; start: number; finish: number }[];
}

/** Validates the parsed input JSON into a problem spec (InputError naming the field). */
export function parseDagInput(data: unknown, source: string): DagProblemSpec {
  const r = inputSchema.safeParse(data);
  if (!r.success) throw inputErrorFromZod(r.error, source);
  return {
    processors: r.data.processors,
    tasks: r.data.tasks.map((t) => ({ id: t.id, cost: t.cost.map((c) => (c === null ? Infinity : c)) })),
    edges: r.data.edges,
    bandwidth: r.data.bandwidth,
  };
}

/** Runs the command on file bytes (the library form of `allot dag`). */
export function runDagCli(bytes: Buffer, path: string, algorithm: string, seed: number, variant: 'paper' | 'original' = 'paper'): DagCliOutput {
  if (!isDagAlgorithm(algorithm)) throw new InputError(`unknown algorithm "${algorithm}" (expected one of: ${DAG_ALGORITHMS.join(', ')})`, '--algorithm');
  const spec = parseDagInput(parseJsonFile(path, bytes.toString('utf8')), path);
  const prob = buildDagProblem(spec, path);
  const r = scheduleDag(prob, algorithm, { seed, variant });
  const s = r.schedule;
  return {
    allotVersion,
    algorithm: r.algorithm,
    seed,
    inputSha256: sha256(bytes),
    makespan: s.makespan,
    schedule: prob.taskIds.map((task, t) => ({ task, processor: prob.procIds[s.proc[t]], start: s.start[t], finish: s.finish[t] })),
  };
}

export function registerDagCommand(program: Command): void {
  program
    .command('dag')
    .description(`Schedule one task DAG on heterogeneous processors (${DAG_ALGORITHMS.join(', ')}); JSON schedule on stdout.`)
    .requiredOption('--algorithm <name>', `one of: ${DAG_ALGORITHMS.join(', ')}`)
    .requiredOption('--input <file>', 'problem JSON: {processors, tasks: [{id, cost}], edges: [{from, to, data}], bandwidth?}')
    .option('--seed <n>', 'seed of the searches (ga, pso-ga, memetic-pso-ga)', '1')
    .option('--variant <v>', 'paper (default) or original (Multiple-DNN-Scheduling behaviour)', 'paper')
    .action((opts) => {
      const seed = parseIntOption('--seed', opts.seed, 0);
      if (opts.variant !== 'paper' && opts.variant !== 'original') throw new InputError(`expected "paper" or "original", got "${opts.variant}"`, '--variant');
      let bytes: Buffer;
      try {
        bytes = readFileSync(opts.input);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(code === 'ENOENT' ? 'input file not found' : `cannot read input file (${code ?? String(e)})`, opts.input);
      }
      const out = runDagCli(bytes, opts.input, opts.algorithm, seed, opts.variant);
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    });
}
