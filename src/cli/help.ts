/**
 * The end of every command's `--help`: two to four runnable examples, the
 * policies the command can use (from the policy registry, so the list is
 * never stale) and the scenario kinds. `EXAMPLES` is also what the examples
 * test runs (test/cli-examples.test.ts); an example that needs data files
 * names them in `needs` and writes data paths as `$ALLOT_DATA_DIR/…`.
 */
import { FAMILY_NOUNS, policyDefs, type PolicyFamily } from '../policies/index.js';
import { scenarioKinds } from '../scenarios/registry.js';
import { wrapText } from '../report/terminal-table.js';

/** One runnable example of a command. */
export interface Example {
  /** The command line as a user types it (starting with "allot"). */
  command: string;
  /** What it shows. */
  note: string;
  /** Data files it reads, relative to the data directory (the test skips it when they are absent). */
  needs?: string[];
}

/** Examples per command; the top-level help uses the `allot` entry. Outputs go under out/ (created as needed). */
export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  allot: [
    { command: 'allot run', note: 'the built-in default scenario (no files needed)' },
    { command: 'allot policies --level 2', note: 'the job schedulers and their options' },
    { command: 'allot schema realtime', note: 'every field of a real-time scenario file, as JSON Schema' },
  ],
  run: [
    { command: 'allot run', note: 'the built-in default: every level-1 mechanism divides 16 nodes among 6 tenants for 20 rounds' },
    { command: 'allot run --policies m-dice,s-dice,static-share --load 1.2 --rounds 8 --seeds 3', note: 'three mechanisms at 120 % load; means and 95 % intervals over seeds 1–3' },
    { command: 'allot run --scenario builtin:realtime --duration-seconds 2 --format markdown', note: 'level 3: request schedulers against per-tenant SLOs, as markdown' },
    { command: 'allot run --trace $ALLOT_DATA_DIR/philly/philly.csv --jobs 2000 --policies fifo,srtf,las --out out/philly', note: 'level 2 on the Philly trace; report.html, jobs.csv and results.json in out/philly', needs: ['philly/philly.csv'] },
  ],
  allocate: [
    { command: 'allot allocate --mechanism m-dice --input examples/allocate.json', note: 'one competitive-equilibrium allocation (with prices) per round' },
    { command: 'allot allocate --mechanism s-dice --input examples/allocate.json', note: 'stride scheduling over tokens, passes carried across the 3 rounds' },
  ],
  dag: [
    { command: 'allot dag --algorithm heft --input examples/dag-topcuoglu2002.json', note: 'HEFT on Topcuoglu et al.\'s 10-task example (makespan 80)' },
    { command: 'allot dag --algorithm \'pso-ga(iterations=100)\' --input examples/dag-topcuoglu2002.json --seed 3', note: 'a seeded PSO-GA search on the same DAG' },
  ],
  sweep: [
    { command: 'allot sweep --policies l-dice,s-dice,static-share --vary load=0.5,1 --seeds 2 --set rounds=3 --out out/sweep', note: 'policies × loads × seeds on worker threads; resumable; report.html in out/sweep' },
    { command: 'allot sweep --preset realtime-load --seeds 2 --set durationSeconds=0.5 --workers 1', note: 'a built-in sweep (allot sweep --help lists the presets)' },
  ],
  report: [
    { command: 'allot report out/sweep', note: 'redraw report.html and figures/ of the sweep example above (or of any allot run --out directory)' },
  ],
  train: [
    { command: 'allot train --scenario builtin:realtime --iterations 2 --imitation 1 --episode-seconds 0.5 --eval-seeds none --out out/model', note: 'a two-iteration smoke run (the default 150 iterations take about 13 min on 2 free cores)' },
    { command: 'allot run --scenario builtin:realtime --rl-model out/model --duration-seconds 1 --policies edf,drl', note: 'evaluate the policy you trained against EDF' },
  ],
  policies: [
    { command: 'allot policies --level 1', note: 'the tenant-allocation mechanisms and their options' },
    { command: 'allot policies --json', note: 'everything, machine-readable' },
  ],
  schema: [
    { command: 'allot schema training', note: 'the training scenario\'s fields, types and defaults' },
    { command: 'allot schema inference-allocation', note: 'the default scenario\'s fields' },
  ],
};

/** Policy families each command can use (for its help). */
const FAMILIES: Readonly<Record<string, readonly PolicyFamily[]>> = {
  run: ['mechanism', 'job-order', 'allocation-mode', 'hybrid', 'request-scheduler', 'dag-algorithm'],
  sweep: ['mechanism', 'job-order', 'allocation-mode', 'hybrid', 'request-scheduler', 'dag-algorithm'],
  allocate: ['mechanism'],
  dag: ['dag-algorithm'],
  train: ['request-scheduler'],
};

const LEVEL_OF: Readonly<Record<PolicyFamily, number>> = { mechanism: 1, 'job-order': 2, 'allocation-mode': 2, hybrid: 2, 'request-scheduler': 3, 'dag-algorithm': 4 };

function plural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

/** Wraps one help line to `width`, continuation lines indented 4 past the line's own indent (example commands are never broken). */
function wrapLine(line: string, width: number): string {
  const indent = line.length - line.trimStart().length;
  if (line.length <= width || line.trimStart().startsWith('$ ')) return line;
  const pad = ' '.repeat(indent + 4);
  return wrapText(line.trimStart(), width - indent - 4).split('\n').map((l, i) => (i === 0 ? ' '.repeat(indent) : pad) + l).join('\n');
}

/** The help epilogue of a command (examples, policies, scenario kinds), computed when help is shown, wrapped to `width` (default 80). */
export function helpEpilogue(command: string, width = 80): string {
  const lines: string[] = [];
  const examples = EXAMPLES[command] ?? [];
  if (examples.length) {
    lines.push('', 'Examples:');
    for (const e of examples) lines.push(`  $ ${e.command}`, `      ${e.note}${e.needs ? ' (needs the data files; set ALLOT_DATA_DIR)' : ''}`);
  }
  const families = FAMILIES[command];
  if (families) {
    lines.push('', 'Policies (set options as name(key=value,…); allot policies --level N explains them):');
    for (const f of families) lines.push(`  level ${LEVEL_OF[f]} ${plural(FAMILY_NOUNS[f])}: ${policyDefs().filter((d) => d.family === f).map((d) => d.name).join(', ')}`);
    if (families.includes('allocation-mode')) lines.push('  (level 2 GPU-cluster policies are order+mode, e.g. srtf+tune)');
  }
  if (command === 'run' || command === 'sweep' || command === 'schema' || command === 'allot') {
    lines.push('', 'Scenario kinds (kind: in a scenario file; builtin:<name> needs no file):');
    for (const k of scenarioKinds()) lines.push(`  ${k.kind} (level ${k.level})${Object.keys(k.builtins ?? {}).length ? ` — ${Object.keys(k.builtins ?? {}).map((b) => `builtin:${b}`).join(', ')}` : ''}`);
  }
  return lines.map((l) => wrapLine(l, width)).join('\n') + '\n';
}
