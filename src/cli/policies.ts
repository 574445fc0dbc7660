/**
 * `allot policies [--level N] [--json]`: every registered policy of the four
 * levels with its summary, source and options (name, type, default, doc).
 * The JSON form is `[{name, level, family, summary, source, needs, aliases,
 * options: [{name, type, default, description}]}]`.
 */
import type { Command } from '@commander-js/extra-typings';
import { describePolicy, policyDefs, type PolicyLevel } from '../policies/index.js';
import { parseIntOption } from './common.js';
import type { CommandState } from './commands.js';
import { helpEpilogue } from './help.js';
import type { CliIo } from './io.js';
import { InputError } from '../errors.js';

const LEVEL_NAMES: Record<PolicyLevel, string> = { 1: 'tenant allocation', 2: 'job scheduling', 3: 'request scheduling', 4: 'DAG scheduling' };

export function registerPoliciesCommand(program: Command, io: CliIo, _state: CommandState): void {
  program
    .command('policies')
    .addHelpText('after', () => helpEpilogue('policies'))
    .description('List the policies of every level with their options (from the registry).')
    .option('--level <n>', 'only level 1 (tenant allocation), 2 (jobs), 3 (requests) or 4 (DAGs)')
    .option('--json', 'print JSON: [{name, level, family, summary, source, needs, aliases, options: [{name, type, default, description}]}]')
    .action((opts) => {
      let level: PolicyLevel | undefined;
      if (opts.level !== undefined) {
        const n = parseIntOption('--level', opts.level, 1);
        if (n > 4) throw new InputError(`expected 1, 2, 3 or 4, got "${opts.level}"`, '--level');
        level = n as PolicyLevel;
      }
      const infos = policyDefs({ level }).map(describePolicy);
      if (opts.json) {
        io.stdout.write(JSON.stringify(infos, null, 2) + '\n');
        return;
      }
      const lines: string[] = [];
      for (const lv of [1, 2, 3, 4] as PolicyLevel[]) {
        const group = infos.filter((i) => i.level === lv);
        if (group.length === 0) continue;
        lines.push(`Level ${lv} — ${LEVEL_NAMES[lv]}`);
        for (const p of group) {
          const family = lv === 2 ? ` [${p.family}]` : '';
          lines.push(`  ${p.name}${family} — ${p.summary}`);
          lines.push(`      source: ${p.source}`);
          if (p.needs.length) lines.push(`      needs: ${p.needs.join(', ')}`);
          if (p.aliases.length) lines.push(`      aliases: ${p.aliases.join(', ')}`);
          for (const o of p.options) lines.push(`      ${o.name}: ${o.type}${o.default !== undefined ? ` = ${JSON.stringify(o.default)}` : ''} — ${o.description}`);
        }
        lines.push('');
      }
      lines.push('Options: name(key=value,…) on the command line, or {name, label, options} in a scenario file.');
      io.stdout.write(lines.join('\n') + '\n');
    });
}
