/**
 * Bad input to `allot run`: its options, `--set`, `--policies` (inline
 * `name(key=value)` syntax), `--out`, size bounds, scenario files (YAML and
 * JSON syntax) and the fields of the inference-allocation, realtime and dag
 * kinds. Plus the full-disk cases (an injected writer fails with ENOSPC).
 * Training traces and other readers are in readers.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { runCliInProcess } from '../cli-helpers.js';
import { AZURE_OK, PHILLY_OK, assertOneLine, at, flag, readOnly, rtTenants, runTable, skipAsRoot, snapshot, writable, type BadCase } from './cases.js';

const INFERENCE_FIELDS = 'kind, name, cluster, tenants, appMix, load, deadlines, rounds, roundLengthSeconds, policies, realisation, switchCostSeconds, dropPolicy, throughput, trace';

const options: BadCase[] = [
  { name: 'run: unknown option', args: () => ['run', '--bogus'], err: /^allot run: unknown option '--bogus'$/ },
  // Commander appends its suggestion on a second line.
  { name: 'run: misspelt option gets a one-line "did you mean"', args: () => ['run', '--lod', '2'], err: /unknown option '--lod'.*did you mean --load\?/i },
  { name: 'run: --seed not a number', args: () => ['run', '--seed', 'abc'], err: flag('--seed', 'expected a whole number ≥ 0, got "abc"') },
  { name: 'run: --seed negative', args: () => ['run', '--seed', '-1'], err: flag('--seed', 'expected a whole number ≥ 0, got "-1"') },
  { name: 'run: training flag --gpus on the default (inference) kind', args: () => ['run', '--gpus', '3'], err: flag('--gpus', '(is )?not an option of inference-allocation scenarios .*(its|their) options: --app-mix, --load, --rounds') },
  { name: 'run: dag flag --services on the default kind', args: () => ['run', '--services', '2'], err: flag('--services', '(is )?not an option of inference-allocation scenarios') },
  { name: 'run: realtime flag --rl-model on the default kind', args: () => ['run', '--rl-model', 'model'], err: flag('--rl-model', '(is )?not an option of inference-allocation scenarios') },
  { name: 'run: --load 0', args: () => ['run', '--load', '0'], err: flag('--load', 'expected a number > 0, got 0') },
  { name: 'run: --format not a choice', args: () => ['run', '--format', 'html'], err: /^allot run: option '--format <format>' argument 'html' is invalid\. Allowed choices are table, json, csv, markdown\.$/ },
  { name: 'run: --seeds 0', args: () => ['run', '--seeds', '0'], err: flag('--seeds', 'expected a whole number ≥ 1, got "0"') },
  { name: 'run: --workers 0', args: () => ['run', '--workers', '0'], err: flag('--workers', 'expected "auto" or a whole number ≥ 1 \\(1 = no worker threads\\), got "0"') },
  { name: 'run: --workers not a number', args: () => ['run', '--workers', 'two'], err: flag('--workers', 'expected "auto" or a whole number ≥ 1 \\(1 = no worker threads\\), got "two"') },
  { name: 'run: --workers fractional', args: () => ['run', '--workers', '1.5'], err: flag('--workers', 'expected "auto" or a whole number ≥ 1 \\(1 = no worker threads\\), got "1.5"') },
  { name: 'run: --load not a number', args: () => ['run', '--load', 'abc'], err: flag('--load', 'expected a number, got "abc"') },
  { name: 'run: --rounds fractional', args: () => ['run', '--rounds', '2.5'], err: flag('--rounds', 'expected a whole number') },
  { name: 'run: --deadlines not on/off', args: () => ['run', '--deadlines', 'maybe'], err: flag('--deadlines', 'expected true or false, got "maybe"') },
  { name: 'run: --app-mix misspelt', args: () => ['run', '--app-mix', 'visoin'], err: flag('--app-mix', 'expected one of "vision", .* got "visoin" \\(did you mean "vision"\\?\\)') },
  { name: 'run: --realisation unknown', args: () => ['run', '--realisation', 'coin'], err: flag('--realisation', 'expected one of "lottery", "bvn", "timeshare", "independent", got "coin"') },
  { name: 'run: --round-length-seconds negative', args: () => ['run', '--round-length-seconds', '-1'], err: flag('--round-length-seconds', 'expected a number > 0, got -1') },
];

const sizes: BadCase[] = [
  { name: 'size: --load 1e300 fails at once', args: () => ['run', '--load', '1e300'], err: /^allot: builtin:default: this run is too large: .* lower load, rounds, roundLengthSeconds, or pass --allow-large/, maxMs: 1000 },
  { name: 'size: --set rounds=1e9 fails at once', args: () => ['run', '--set', 'rounds=1e9'], err: /^allot: builtin:default: this run is too large: .*1000000000 rounds.* lower load, rounds/, maxMs: 1000 },
  {
    name: 'size: realtime durationSeconds 1e12 (scenario file) fails at once',
    setup: (c) => c.w('rt.yaml', 'kind: realtime\ndurationSeconds: 1e12\n'),
    args: (c) => ['run', '--scenario', c.p('rt.yaml')],
    err: (c) => at(c.p('rt.yaml'), 'this run is too large: .* lower load, durationSeconds'),
    maxMs: 1000,
  },
  { name: 'size: builtin:realtime --duration-seconds 1e12', args: () => ['run', '--scenario', 'builtin:realtime', '--duration-seconds', '1e12'], err: /^allot: builtin:realtime: this run is too large: .*durationSeconds/, maxMs: 1000 },
  { name: 'size: dag --services 1e9', args: () => ['run', '--scenario', 'builtin:dag', '--services', '1000000000'], err: /^allot: builtin:dag: this run is too large: .* lower services/, maxMs: 1000 },
  {
    name: 'size: replayed Azure trace compressed by --load 1e-300',
    setup: (c) => c.w('az.csv', AZURE_OK),
    args: (c) => ['run', '--trace', c.p('az.csv'), '--load', '1e-300'],
    err: /^allot: builtin:default: this run is too large: .*lower load \(with a trace it compresses time\)/,
    maxMs: 1000,
  },
];

const sets: BadCase[] = [
  { name: '--set misspelt key', args: () => ['run', '--set', 'lod=1'], err: flag('--set lod', `unknown key "lod" \\(did you mean "load"\\?\\) \\(fields here: ${INFERENCE_FIELDS}\\)`) },
  { name: '--set without =', args: () => ['run', '--set', 'load'], err: flag('--set', 'expected key=value \\(e.g. load=1.2\\), got "load"') },
  { name: '--set with an empty key', args: () => ['run', '--set', '=1'], err: flag('--set', 'expected key=value .*got "=1"') },
  { name: '--set with an empty path part', args: () => ['run', '--set', 'a..b=1'], err: flag('--set', 'expected a key path like "load" or "hybrid.sampling", got "a..b"') },
  { name: '--set value of the wrong type', args: () => ['run', '--set', 'load=abc'], err: flag('--set load', 'expected a number, got "abc"') },
  { name: '--set kind', args: () => ['run', '--set', 'kind=dag'], err: flag('--set', 'the kind comes from --scenario or --trace, not --set') },
  { name: '--set policies to an empty list', args: () => ['run', '--set', 'policies='], err: flag('--set policies', 'expected a comma-separated list of policies without empty items, got ""') },
  { name: '--set unknown nested key', args: () => ['run', '--set', 'cluster.0.kind=H100'], err: flag('--set cluster.0.kind', 'unknown key "cluster.0.kind" .*\\(fields here: type, count\\)') },
  { name: '--set enum value misspelt', args: () => ['run', '--set', 'appMix=visoin'], err: flag('--set appMix', 'expected one of .*got "visoin" \\(did you mean "vision"\\?\\)') },
];

const policies: BadCase[] = [
  { name: 'policies: unknown mechanism', args: () => ['run', '--policies', 'nope'], err: flag('--policies', 'unknown mechanism "nope" \\(expected one of: l-dice, s-dice, m-dice') },
  { name: 'policies: misspelt mechanism', args: () => ['run', '--policies', 'l-dise'], err: flag('--policies', 'unknown mechanism "l-dise" \\(did you mean "l-dice"\\?\\)') },
  { name: 'policies: unknown option', args: () => ['run', '--policies', 's-dice(carryPass=false)'], err: flag('--policies', 'policy "s-dice" has no option "carryPass" \\(did you mean "carryPasses"\\?\\) \\(options: ') },
  { name: 'policies: option without a value', args: () => ['run', '--policies', 's-dice(carryPasses)'], err: flag('--policies', 'expected key=value inside the parentheses of "s-dice\\(carryPasses\\)", got "carryPasses"') },
  { name: 'policies: option of the wrong type', args: () => ['run', '--policies', 's-dice(carryPasses=maybe)'], err: /^allot: --policies \(s-dice: carryPasses\): expected true or false, got "maybe"/ },
  { name: 'policies: option not one of the choices', args: () => ['run', '--policies', 'm-dice(realisation=coin)'], err: /^allot: --policies \(m-dice: realisation\): expected one of "lottery", "bvn", "timeshare", "independent", "deficit", got "coin"/ },
  { name: 'policies: realisation deficit is M-Dice\'s only', args: () => ['run', '--policies', 'hetero-max-min(realisation=deficit)'], err: /^allot: --policies \(hetero-max-min: realisation\): expected one of "lottery", "bvn", "timeshare", "independent", got "deficit"/ },
  { name: 'policies: realisation deficit misspelt', args: () => ['run', '--policies', 'm-dice(realisation=deficits)'], err: /^allot: --policies \(m-dice: realisation\): expected one of .*"deficit", got "deficits" \(did you mean "deficit"\?\)/ },
  { name: 'policies: unbalanced (', args: () => ['run', '--policies', 's-dice('], err: flag('--policies', 'unbalanced "\\(" in "s-dice\\("') },
  { name: 'policies: unbalanced )', args: () => ['run', '--policies', 'l-dice)'], err: flag('--policies', 'unbalanced "\\)" in "l-dice\\)"') },
  { name: 'policies: empty item', args: () => ['run', '--policies', 'l-dice,,m-dice'], err: flag('--policies', 'expected a comma-separated list of policies without empty items') },
  { name: 'policies: the same policy twice', args: () => ['run', '--policies', 'l-dice,l-dice'], err: flag('--policies', 'two policies are named "l-dice" in results') },
  { name: 'policies: option given twice', args: () => ['run', '--policies', 's-dice(rejoin=remain,rejoin=virtual-time)'], err: flag('--policies', 'option "rejoin" given twice') },
  { name: 'policies: options on a policy that takes none', args: () => ['run', '--policies', 'round-robin(x=1)'], err: flag('--policies', 'policy "round-robin" has no option "x" \\(it takes no options\\)') },
  { name: 'policies: a space inside a name', args: () => ['run', '--policies', 'l dice'], err: flag('--policies', 'expected a policy name or name\\(key=value,…\\), got "l dice"') },
];

const outs: BadCase[] = [
  {
    name: '--out is an existing file',
    setup: (c) => c.w('taken.txt', 'keep me\n'),
    args: (c) => ['run', '--rounds', '1', '--out', c.p('taken.txt')],
    err: (c) => flag('--out', `${c.p('taken.txt')} exists and is a file; give a directory`),
  },
  {
    name: '--out under a file',
    setup: (c) => c.w('taken.txt', 'keep me\n'),
    args: (c) => ['run', '--rounds', '1', '--out', c.p('taken.txt/sub')],
    err: (c) => flag('--out', `cannot use ${c.p('taken.txt/sub')}: a part of the path is a file, not a directory \\(ENOTDIR\\)`),
  },
  {
    name: '--out is a non-empty directory that is not an Allot output',
    setup: (c) => c.w('mine/notes.txt', 'mine\n'),
    args: (c) => ['run', '--rounds', '1', '--out', c.p('mine')],
    err: (c) => flag('--out', `${c.p('mine')} exists and is not an earlier Allot output \\(it holds notes.txt\\); choose a new or empty directory`),
  },
  {
    name: '--out directory without write permission',
    skip: skipAsRoot,
    setup: (c) => readOnly(c.mkdir('ro')),
    cleanup: (c) => writable(c.p('ro')),
    args: (c) => ['run', '--rounds', '1', '--out', c.p('ro')],
    err: (c) => flag('--out', `cannot (write into|create \\S+ beside) ${c.p('ro')}: permission denied \\(EACCES\\)`),
  },
  { name: '--out under /proc', args: () => ['run', '--rounds', '1', '--out', '/proc/allot-bad-input-out'], err: /^allot: --out: cannot create \S+ beside \/proc\/allot-bad-input-out: / },
  { name: '--out nested under /proc/self', args: () => ['run', '--rounds', '1', '--out', '/proc/self/allot-x/out'], err: /^allot: --out: cannot create directories in \/proc\/self: permission denied/ },
  // `--out ""` resolves to the working directory (whose commit would rename the cwd).
  { name: '--out empty path', args: () => ['run', '--rounds', '1', '--out', ''], err: /^allot: --out: (.*got ""|.*empty (path|value|string)|expected a directory (path|name))/ },
  {
    name: 'bad input leaves an earlier Allot output untouched',
    setup: (c) => {
      c.w('OUT/.allot-output', '{"allotVersion":"0.1.0","command":"run"}\n');
      c.w('OUT/results.json', '{"allotVersion":"0.1.0","policies":[]}\n');
    },
    args: (c) => ['run', '--policies', 'l-dice,nope', '--out', c.out],
    err: flag('--policies', 'unknown mechanism "nope"'),
  },
];

const scenarioFiles: BadCase[] = [
  {
    name: 'scenario: unknown field with did-you-mean',
    setup: (c) => c.w('s.yaml', 'kind: inference-allocation\nlaod: 1\n'),
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), `unknown field "laod" \\(did you mean "load"\\?\\) \\(expected: ${INFERENCE_FIELDS}\\)`),
  },
  {
    name: 'scenario: .json with a syntax error',
    setup: (c) => c.w('s.json', '{"kind": "inference-allocation", "load": 1,}\n'),
    args: (c) => ['run', '--scenario', c.p('s.json')],
    err: (c) => at(c.p('s.json'), 'line 1: not valid JSON: property name expected at column \\d+'),
  },
  {
    name: 'scenario: .json holding YAML',
    setup: (c) => c.w('s.json', 'kind: dag\nservices: 2\n'),
    args: (c) => ['run', '--scenario', c.p('s.json')],
    err: (c) => at(c.p('s.json'), '(line 1: )?not valid JSON'),
  },
  {
    name: 'scenario: .json with an unexpected token',
    setup: (c) => c.w('s.json', '{"kind": "dag",\n "services": }\n'),
    args: (c) => ['run', '--scenario', c.p('s.json')],
    err: (c) => at(c.p('s.json'), 'line 2: not valid JSON'),
  },
  {
    name: 'scenario: .json truncated',
    setup: (c) => c.w('s.json', '{"kind": "dag",\n "services": 3\n'),
    args: (c) => ['run', '--scenario', c.p('s.json')],
    err: (c) => at(c.p('s.json'), 'line 3: not valid JSON'),
  },
  {
    name: 'scenario: YAML syntax error',
    setup: (c) => c.w('s.yaml', 'kind: inference-allocation\nload: [1\n'),
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), 'line \\d+: not valid YAML \\('),
  },
  {
    name: 'scenario: YAML indented with a tab',
    setup: (c) => c.w('s.yaml', 'kind: dag\nservices: 3\n\tpieces: 2\n'),
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), 'line 3: not valid YAML \\(Tabs are not allowed'),
  },
  {
    name: 'scenario: YAML key given twice',
    setup: (c) => c.w('s.yaml', 'kind: inference-allocation\nload: 1\nload: 2\n'),
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), 'line 3: not valid YAML \\(Map keys must be unique'),
  },
  { name: 'scenario: empty YAML file', setup: (c) => c.w('s.yaml', ''), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'the file is empty \\(expected key: value fields\\)') },
  { name: 'scenario: whitespace-only YAML file', setup: (c) => c.w('s.yaml', '  \n\n'), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'the file is empty') },
  { name: 'scenario: empty .json file', setup: (c) => c.w('s.json', ''), args: (c) => ['run', '--scenario', c.p('s.json')], err: (c) => at(c.p('s.json'), 'line 1: not valid JSON: value expected at column 1 \\(the file is empty\\)') },
  { name: 'scenario: a list at the top level', setup: (c) => c.w('s.yaml', '- 1\n- 2\n'), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'expected a mapping \\(key: value\\) at the top level') },
  { name: 'scenario: no kind', setup: (c) => c.w('s.yaml', 'load: 1\n'), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'kind: missing field "kind" \\(one of: inference-allocation, dag, training, realtime, dice-original, two-level\\)') },
  { name: 'scenario: misspelt kind', setup: (c) => c.w('s.yaml', 'kind: inferense-allocation\n'), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'kind: unknown kind "inferense-allocation" \\(did you mean "inference-allocation"\\?\\)') },
  { name: 'scenario: kind is a number', setup: (c) => c.w('s.yaml', 'kind: 3\n'), args: (c) => ['run', '--scenario', c.p('s.yaml')], err: (c) => at(c.p('s.yaml'), 'kind: expected a kind name') },
  { name: 'scenario: file missing', args: (c) => ['run', '--scenario', c.p('missing.yaml')], err: (c) => at(c.p('missing.yaml'), 'scenario file not found') },
  { name: 'scenario: a directory', setup: (c) => c.mkdir('sdir'), args: (c) => ['run', '--scenario', c.p('sdir')], err: (c) => at(c.p('sdir'), 'expected a file, got a directory \\(scenario file\\)') },
  { name: 'scenario: unknown built-in', args: () => ['run', '--scenario', 'builtin:nope'], err: flag('--scenario', 'unknown built-in scenario "builtin:nope" .*\\(expected one of: builtin:default') },
];

/** A scenario-file case of the inference-allocation kind. */
function ia(name: string, yaml: string, rest: string, extra: Partial<BadCase> = {}): BadCase {
  return {
    name: `inference-allocation: ${name}`,
    setup: (c) => c.w('s.yaml', `kind: inference-allocation\n${yaml}`),
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), rest),
    ...extra,
  };
}

const inference: BadCase[] = [
  ia('rounds 0', 'rounds: 0\n', 'rounds: expected a whole number ≥ 1'),
  ia('load is a string', 'load: "high"\n', 'load: expected a number, got "high"'),
  ia('fractional tokens', 'tenants: [{id: a, tokens: 1.5}]\n', 'tenants\\[0\\]\\.tokens: expected a whole number'),
  ia('duplicate tenant ids', 'tenants: [{id: a, tokens: 1}, {id: a, tokens: 2}]\n', 'tenants\\[1\\]\\.id: duplicate tenant id "a"'),
  ia('unknown field in a node group', 'cluster: [{type: H100, count: 2, extra: 1}]\n', 'cluster\\[0\\]: unknown field "extra" \\(expected: type, count\\)'),
  ia('fractional node count', 'cluster: [{type: H100, count: 1.5}]\n', 'cluster\\[0\\]\\.count: expected a whole number'),
  ia('misspelt model', 'tenants: [{id: a, tokens: 1, model: resnt}]\n', 'tenants\\[0\\]\\.model: unknown model "resnt" \\(did you mean "resnet"\\?\\)'),
  ia('negative throughput override', 'throughput: {resnet: {H100: -1}}\n', 'throughput\\.resnet\\.H100: expected a number ≥ 0, got -1'),
  // An override for a model that does not exist is silently ignored today.
  ia('throughput override for an unknown model', 'throughput: {resnt: {H100: 5}}\n', 'throughput.*"?resnt"?.*did you mean "resnet"\\?', { args: (c) => ['run', '--scenario', c.p('s.yaml'), '--policies', 'l-dice', '--rounds', '1'] }),
  ia('negative switch cost', 'switchCostSeconds: -1\n', 'switchCostSeconds: expected a number ≥ 0, got -1'),
  ia('unknown drop policy', 'dropPolicy: late\n', 'dropPolicy: expected one of "expired", "infeasible", "never", got "late"'),
  ia('policy option of the wrong type', 'policies: [{name: s-dice, options: {carryPasses: 3}}]\n', 'policies\\[0\\]: options\\.carryPasses: expected true or false, got 3'),
  // The field list of a {name, label, options} entry is not offered.
  ia('misspelt field of a policy entry', 'policies: [{name: s-dice, optoins: {}}]\n', 'policies\\[0\\]: unknown field "optoins" \\(did you mean "options"\\?\\)'),
  ia('old and new name both set', 'mechanisms: [l-dice]\npolicies: [s-dice]\n', 'mechanisms: both "mechanisms" \\(its old name\\) and "policies" are set'),
  ia('trace file missing', 'trace: nowhere.csv\n', '', { err: (c) => at(c.p('nowhere.csv'), 'trace not found') }),
  // With a trace the number of rounds follows the trace; an explicit `rounds` is silently ignored today.
  {
    name: 'inference-allocation: rounds together with a trace',
    setup: (c) => {
      c.w('az.csv', AZURE_OK);
      c.w('s.yaml', 'kind: inference-allocation\ntrace: az.csv\nrounds: 5\npolicies: [l-dice]\n');
    },
    args: (c) => ['run', '--scenario', c.p('s.yaml')],
    err: (c) => at(c.p('s.yaml'), 'rounds: .*trace'),
  },
  {
    name: 'inference-allocation: --rounds together with --trace',
    setup: (c) => c.w('az.csv', AZURE_OK),
    args: (c) => ['run', '--trace', c.p('az.csv'), '--rounds', '5', '--policies', 'l-dice'],
    err: flag('--rounds', '.*trace'),
  },
  {
    name: 'inference-allocation: a Philly CSV given as its --trace',
    setup: (c) => {
      c.w('ph.csv', PHILLY_OK);
      c.w('s.yaml', 'kind: inference-allocation\n');
    },
    args: (c) => ['run', '--scenario', c.p('s.yaml'), '--trace', c.p('ph.csv')],
    err: (c) => at(c.p('ph.csv'), 'line 1: expected the header "TIMESTAMP,ContextTokens,GeneratedTokens"'),
  },
];

/** A scenario-file case of the realtime kind. */
function rt(name: string, yaml: string, rest: string, extra: Partial<BadCase> = {}): BadCase {
  return {
    name: `realtime: ${name}`,
    setup: (c) => c.w('rt.yaml', `kind: realtime\n${yaml}`),
    args: (c) => ['run', '--scenario', c.p('rt.yaml')],
    err: (c) => at(c.p('rt.yaml'), rest),
    ...extra,
  };
}

const realtime: BadCase[] = [
  rt('unknown field', 'durationSecs: 5\n', 'unknown field "durationSecs" \\(did you mean "durationSeconds"\\?\\)'),
  rt('unknown drop policy', 'dropPolicy: late\n', 'dropPolicy: expected one of "infeasible", "atDeadline", "never", got "late"'),
  rt('SLO target above 1', rtTenants('{model: ResNet-50, rateRps: 10, sloTarget: 1.5}'), 'tenants\\[0\\]\\.services\\[0\\]\\.sloTarget: expected a number ≤ 1, got 1.5'),
  rt('misspelt model', rtTenants('{model: ResNet-5O, rateRps: 10, sloTarget: 0.9}'), 'tenants\\[0\\]\\.services\\[0\\]\\.model: model "ResNet-5O" is neither a zoo model nor in the profile table \\(did you mean "ResNet-50"\\?\\)'),
  rt('tenant without services', 'tenants: [{id: a, services: []}]\n', 'tenants\\[0\\]\\.services: expected at least 1 item'),
  rt('duplicate tenant ids', 'tenants: [{id: a, services: [{model: ResNet-50, rateRps: 1, sloTarget: 0.9}]}, {id: a, services: [{model: ResNet-50, rateRps: 1, sloTarget: 0.9}]}]\n', 'tenants: tenant ids must be unique'),
  rt('unknown dataflow', 'system: {bandwidthGBps: 10, subAccelerators: [{id: x, dataflow: tpu, peRows: 4, peCols: 4}]}\n', 'system\\.subAccelerators\\[0\\]\\.dataflow: expected one of "nvdla", "eyeriss", "shidiannao", got "tpu"'),
  rt('duplicate sub-accelerator ids', 'system: {bandwidthGBps: 10, subAccelerators: [{id: x, dataflow: nvdla, peRows: 4, peCols: 4}, {id: x, dataflow: nvdla, peRows: 4, peCols: 4}]}\n', 'system\\.subAccelerators: sub-accelerator ids must be unique'),
  rt('cycleSeconds 0', 'cycleSeconds: 0\n', 'cycleSeconds: expected a number > 0, got 0'),
  rt('drl without a trained model', 'policies: [drl]\n', 'policies: policy "drl" needs a trained model: pass --rl-model DIR'),
  { name: 'realtime: --rounds is not its option', args: () => ['run', '--scenario', 'builtin:realtime', '--rounds', '3'], err: flag('--rounds', '(is )?not an option of realtime scenarios \\((its|their) options: --load, --duration-seconds, --rl-model; or --set key=value\\)') },
  { name: 'realtime: drl with an unknown committed policy', args: () => ['run', '--scenario', 'builtin:realtime', '--policies', 'edf,drl(model=trained:nope)'], err: flag('--policies', 'no committed policy "nope" \\(expected trained:NAME with NAME one of: default') },
  { name: 'realtime: drl with a missing policy directory', args: (c) => ['run', '--scenario', 'builtin:realtime', '--policies', `drl(model=${c.p('nope')})`], err: (c) => at(`${c.p('nope')}/policy.json`, 'trained policy not found') },
  {
    name: 'realtime: a feature-set-2 policy trained on another system size',
    setup: (c) => c.w('m/policy.json', JSON.stringify({ meta: { format: 'allot-realtime-drl/1', sloAware: true, maxJobs: 4, hidden: 1, featureSet: 2, subAccelerators: 2, training: {} }, weights: { w1: Array(31).fill(0), b1: [0], w2: [0], b2: [0], w3: [0], b3: [0], wv1: Array(12).fill(0), bv1: [0], wv2: [0], bv2: [0] } })),
    args: (c) => ['run', '--scenario', 'builtin:realtime', '--rl-model', c.p('m')],
    err: (c) => at(c.p('m'), 'the policy was trained on a system with 2 sub-accelerators \\(feature set 2\\), this scenario has 4'),
  },
  { name: 'realtime: unknown scheduler', args: () => ['run', '--scenario', 'builtin:realtime', '--policies', 'edf,nope'], err: flag('--policies', 'unknown request scheduler "nope" \\(expected one of: fcfs, edf') },
  { name: 'realtime: scheduler option of the wrong type', args: () => ['run', '--scenario', 'builtin:realtime', '--policies', 'edf(bandwidthGuard=2)'], err: /^allot: --policies \(edf: bandwidthGuard\): expected true or false, got "2"/ },
];

/** A scenario-file case of the dag kind. */
function dag(name: string, yaml: string, rest: string, extra: Partial<BadCase> = {}): BadCase {
  return {
    name: `dag: ${name}`,
    setup: (c) => c.w('dag.yaml', `kind: dag\n${yaml}`),
    args: (c) => ['run', '--scenario', c.p('dag.yaml')],
    err: (c) => at(c.p('dag.yaml'), rest),
    ...extra,
  };
}

const dags: BadCase[] = [
  dag('unknown field', 'servics: 3\n', 'unknown field "servics" \\(did you mean "services"\\?\\)'),
  dag('services 0', 'services: 0\n', 'services: expected a number ≥ 1, got 0'),
  dag('misspelt model', 'models: [AlexNet, Resnet50]\n', 'models\\[1\\]: unknown model "Resnet50" \\(did you mean "ResNet-50"\\?\\)'),
  dag('unknown partitioning', 'partitionings: [block-wise]\n', 'partitionings\\[0\\]: expected one of "layer-wise", "piece-wise", got "block-wise"'),
  dag('pieces above 64', 'pieces: 100\n', 'pieces: expected a number ≤ 64, got 100'),
  dag('misspelt search option', 'search: {iterations: 10, particle: 5}\n', 'search: unknown field "particle" \\(did you mean "particles"\\?\\)'),
  dag('unknown algorithm', 'policies: [heft, nope]\n', 'policies\\[1\\]: unknown DAG algorithm "nope"'),
  dag('algorithm option of the wrong type', 'policies: ["ga(population=abc)"]\n', 'policies\\[0\\] \\(ga: population\\): expected a number, got "abc"'),
  dag('negative helper count', 'helpers: [3, -1]\n', 'helpers\\[1\\]: expected a number ≥ 0, got -1'),
  dag('old and new name both set', 'algorithms: [heft]\npolicies: [cpop]\n', 'algorithms: both "algorithms" \\(its old name\\) and "policies" are set'),
  dag('search iterations 1e9', 'search: {iterations: 1000000000}\n', 'this run is too large: .*search\\.iterations', { maxMs: 1000 }),
  { name: 'dag: --helpers not numbers', args: () => ['run', '--scenario', 'builtin:dag', '--helpers', '3,x'], err: flag('--helpers', 'expected a number, got "x"') },
  { name: 'dag: --load is not its option', args: () => ['run', '--scenario', 'builtin:dag', '--load', '2'], err: flag('--load', '(is )?not an option of dag scenarios \\((its|their) options: --services, --helpers') },
  { name: 'dag: a case name that matches nothing', args: () => ['run', '--scenario', 'builtin:dag', '--policies', 'heft/block-wise'], err: flag('--policies', 'no case matches "heft/block-wise"') },
  {
    name: 'dag: --trace on a kind without traces',
    setup: (c) => c.w('ph.csv', PHILLY_OK),
    args: (c) => ['run', '--scenario', 'builtin:dag', '--trace', c.p('ph.csv')],
    err: flag('--trace', 'dag scenarios take no trace'),
  },
];

runTable([...options, ...sizes, ...sets, ...policies, ...outs, ...scenarioFiles, ...inference, ...realtime, ...dags]);

// ---------------------------------------------------------------------------
// A full disk: the injected writer fails with ENOSPC while the output is written.

function enospcOnCall(n: number): (p: string, d: string | Uint8Array) => void {
  let calls = 0;
  return (p, d) => {
    calls++;
    if (calls === n) {
      const e = new Error(`ENOSPC: no space left on device, write '${p}'`) as NodeJS.ErrnoException;
      e.code = 'ENOSPC';
      e.errno = -28;
      e.syscall = 'write';
      throw e;
    }
    writeFileSync(p, d);
  };
}

test('full disk: ENOSPC on the 2nd write → exit 1, one line, neither OUT nor OUT.tmp-* left', async () => {
  const base = mkdtempSync(join(tmpdir(), 'allot-bad-input-disk-'));
  try {
    const out = join(base, 'OUT');
    const r = await runCliInProcess(['run', '--rounds', '2', '--policies', 'l-dice', '--out', out], { writeFile: enospcOnCall(2) });
    assert.equal(r.code, 1, r.stderr);
    assertOneLine(r.stderr, /no space left on device \(ENOSPC\)/);
    assert.match(r.stderr, /^allot: cannot write \S+: no space left on device \(ENOSPC\)/);
    assert.ok(!existsSync(out), 'OUT does not exist');
    assert.deepEqual(readdirSync(base).filter((f) => f.startsWith(`${basename(out)}.tmp-`)), [], 'no OUT.tmp-* left');
    assert.deepEqual(readdirSync(base), []);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

test('full disk: an earlier Allot output in OUT stays intact (same files, same bytes) when a later run fails mid-write', async () => {
  const base = mkdtempSync(join(tmpdir(), 'allot-bad-input-disk-'));
  try {
    const out = join(base, 'OUT');
    const first = await runCliInProcess(['run', '--rounds', '1', '--policies', 'l-dice', '--out', out]);
    assert.equal(first.code, 0, first.stderr);
    const before = snapshot(out);
    assert.ok(before.has('results.json') && before.has('.allot-output'), 'the first run wrote its output');
    const r = await runCliInProcess(['run', '--rounds', '2', '--policies', 'l-dice', '--out', out], { writeFile: enospcOnCall(2) });
    assert.equal(r.code, 1, r.stderr);
    assertOneLine(r.stderr, /no space left on device \(ENOSPC\)/);
    assert.deepEqual([...snapshot(out).entries()], [...before.entries()], 'OUT holds the earlier output, byte for byte');
    assert.deepEqual(readdirSync(base), ['OUT'], 'no OUT.tmp-* or OUT.old-* left');
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
