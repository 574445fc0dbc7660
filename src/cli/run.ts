/**
 * `allot run`: the main job. Without arguments it runs the built-in default
 * scenario (embedded figures only). `--scenario FILE` picks the kind from the
 * file's `kind:`; `--trace PATH` picks the kind that reads that trace.
 * Everything — config, inputs, policies, size, `--out` — is checked before
 * the simulation starts. Prints a comparison table; `--json` prints the
 * results JSON instead; `--out DIR` writes results.json, per-item CSVs and
 * the report into DIR atomically (src/report/output-dir.ts).
 */
import type { Command } from '@commander-js/extra-typings';
import type { Results, PolicyResult, TenantResult } from '../results.js';
import type { ScenarioKind } from '../scenarios/registry.js';
import { checkSize } from '../scenarios/size-check.js';
import { renderTable } from '../report/table.js';
import { prepareOutputDir } from '../report/output-dir.js';
import { writeRunOutputs } from '../report/write-outputs.js';
import '../report/html-writer.js';
import { parseIntOption } from './common.js';
import type { CommandState } from './commands.js';
import { warner, type CliIo } from './io.js';
import { addScenarioOptions, buildConfig } from './scenario-args.js';

function metric(r: PolicyResult | TenantResult, key: string): string | number | null | undefined {
  const v = r[key];
  return typeof v === 'number' || typeof v === 'string' ? v : v === null ? null : undefined;
}

/** Terminal rendering of results: one row per policy, then one row per (policy, tenant). */
export function formatResults(results: Results, kind: Pick<ScenarioKind, 'display'>): string {
  const pcols = kind.display.policyColumns;
  const tcols = kind.display.tenantColumns;
  const head = `${results.scenario} (${results.kind}), seed ${results.seed}` +
    (Object.keys(results.parameters).length ? ` — ${Object.entries(results.parameters).map(([k, v]) => `${k}=${v}`).join(', ')}` : '');
  const policies = renderTable(results.policies, [
    { header: 'policy', value: (p) => p.name },
    ...pcols.map((c) => ({ header: c, value: (p: PolicyResult) => metric(p, c) })),
  ]);
  const rows = results.policies.flatMap((p) => p.tenants.map((t) => ({ p, t })));
  const tenants = renderTable(rows, [
    { header: 'policy', value: (r) => r.p.name },
    { header: 'tenant', value: (r) => r.t.id },
    ...tcols.map((c) => ({ header: c, value: (r: { t: TenantResult }) => metric(r.t, c) })),
  ]);
  return `${head}\n${policies}\n\nPer tenant:\n${tenants}\n`;
}

export function registerRunCommand(program: Command, io: CliIo, _state: CommandState): void {
  const cmd = program
    .command('run')
    .description('Run a scenario and compare policies (default: the built-in inference-allocation scenario, no files needed).')
    .option('--seed <n>', 'root seed of every random choice', '1')
    .option('--out <dir>', 'write results.json, per-item CSVs and report.html here (atomically; an existing DIR must be empty or an earlier Allot output)')
    .option('--json', 'print the results JSON on stdout instead of tables')
    .option('--quiet', 'no progress output on stderr');
  addScenarioOptions(cmd);
  cmd.action(async (opts) => {
    const o = opts as Record<string, unknown>;
    const seed = parseIntOption('--seed', String(o.seed), 0);
    const warn = warner(io);
    const built = buildConfig(o, (attr) => cmd.getOptionValueSource(attr) === 'cli', warn);
    const onProgress = !o.quiet && io.stderr.isTTY ? (done: number, total: number, label: string) => io.stderr.write(`\r${label} ${done}/${total}   ${done === total ? '\n' : ''}`) : undefined;
    const allowLarge = o.allowLarge === true;
    const prepared = await built.kind.prepare(built.config, { seed, source: built.source, onProgress, warn, locate: built.locate, checkSize: (e) => checkSize(e, built.label, allowLarge) });
    checkSize(prepared.estimate, built.label, allowLarge);
    const out = typeof o.out === 'string' ? prepareOutputDir(o.out, '--out', 'run') : undefined;
    const onSignal = () => {
      out?.abort();
      process.exit(130);
    };
    if (out) process.once('SIGINT', onSignal);
    try {
      const output = await prepared.run(onProgress);
      if (o.json) io.stdout.write(JSON.stringify(output.results, null, 2) + '\n');
      else io.stdout.write(formatResults(output.results, built.kind));
      if (out) {
        const files = await writeRunOutputs(out.dir, output, { writer: io.writeFile });
        out.commit();
        if (!o.json) io.stdout.write(`\nWrote ${files.length} files to ${o.out}: ${files.map((f) => f.split('/').pop()).join(', ')}\n`);
      }
    } catch (e) {
      out?.abort();
      throw e;
    } finally {
      if (out) process.off('SIGINT', onSignal);
    }
  });
}
