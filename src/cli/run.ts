/**
 * `allot run`: the main job. Without arguments it runs the built-in default
 * scenario (embedded figures only). `--scenario FILE` picks the kind from the
 * file's `kind:`; `--trace PATH` picks the kind that reads that trace.
 * Prints a comparison table; `--json` prints the results JSON instead;
 * `--out DIR` writes results.json, per-item CSVs and the report.
 */
import { Command, Option } from '@commander-js/extra-typings';
import type { Results, PolicyResult, TenantResult } from '../results.js';
import { scenarioKinds, type ScenarioKind, type RunRequest } from '../scenarios/registry.js';
import { chooseKind } from '../scenarios/run-scenario.js';

/** Re-exported for commands that pick a kind the same way as `allot run`. */
export { chooseKind };
import { renderTable } from '../report/table.js';
import { writeRunOutputs } from '../report/write-outputs.js';
import { parseIntOption, parseList, parseYamlFile, readInputFile } from './common.js';

function metric(r: PolicyResult | TenantResult, key: string): string | number | null | undefined {
  const v = r[key];
  return typeof v === 'number' || typeof v === 'string' ? v : v === null ? null : undefined;
}

/** Terminal rendering of results: one row per policy, then one row per (policy, tenant). */
export function formatResults(results: Results, kind: ScenarioKind): string {
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

export function registerRunCommand(program: Command): void {
  const cmd = program
    .command('run')
    .description('Run a scenario and compare policies (default: the built-in inference-allocation scenario, no files needed).')
    .option('--scenario <file>', 'scenario file (YAML or JSON) with a "kind" field, or builtin:<kind> (e.g. builtin:realtime)')
    .option('--trace <path>', 'trace to replay (its format selects the scenario kind)')
    .option('--policies <list>', 'comma-separated policy names (default: all of the kind)')
    .option('--seed <n>', 'root seed of every random choice', '1')
    .option('--out <dir>', 'write results.json, per-item CSVs and report.html here')
    .option('--json', 'print the results JSON on stdout instead of tables')
    .option('--quiet', 'no progress output on stderr');
  const seen = new Set<string>();
  for (const k of scenarioKinds()) {
    for (const o of k.options) {
      const long = /--[a-z0-9-]+/.exec(o.flags)?.[0] ?? o.flags;
      if (seen.has(long)) continue;
      seen.add(long);
      cmd.addOption(new Option(o.flags, `[${k.kind}] ${o.description}`));
    }
  }
  cmd.addHelpText('after', '\nScenario kinds:\n' + scenarioKinds().map((k) => `  ${k.kind.padEnd(22)} ${k.summary}`).join('\n'));
  cmd.action(async (opts) => {
    const { scenario, trace, policies, seed, out, json, quiet, ...extra } = opts as Record<string, unknown> & {
      scenario?: string; trace?: string; policies?: string; seed: string; out?: string; json?: boolean; quiet?: boolean;
    };
    const request: RunRequest = {
      seed: parseIntOption('--seed', seed, 0),
      trace,
      policies: policies ? parseList('--policies', policies) : undefined,
      extra,
    };
    if (scenario?.startsWith('builtin:')) {
      // A built-in scenario of a kind, no file needed: `--scenario builtin:<kind>`.
      request.scenarioFile = { path: scenario, text: '', data: { kind: scenario.slice('builtin:'.length) } };
    } else if (scenario) {
      const text = readInputFile(scenario, 'scenario file');
      request.scenarioFile = { path: scenario, text, data: parseYamlFile(scenario, text) };
    }
    const kind = chooseKind(request);
    if (!quiet && process.stderr.isTTY) {
      request.onProgress = (done, total, label) => process.stderr.write(`\r${label} ${done}/${total}   ${done === total ? '\n' : ''}`);
    }
    const output = await kind.run(request);
    if (json) process.stdout.write(JSON.stringify(output.results, null, 2) + '\n');
    else process.stdout.write(formatResults(output.results, kind));
    if (out) {
      const files = await writeRunOutputs(out, output);
      if (!json) process.stdout.write(`\nWrote ${files.length} files to ${out}: ${files.map((f) => f.split('/').pop()).join(', ')}\n`);
    }
  });
}
