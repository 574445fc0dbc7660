/**
 * Bad input to the one-shot commands: `allot allocate` (its JSON input and
 * options), `allot dag` (its JSON input and options), `allot report`,
 * `allot policies`, `allot schema`, and an unknown command. None has
 * `--out`; the case directory must still be left as the case made it.
 */
import { ALLOC_OK, DAG_OK, at, flag, jsonWith, runTable, type BadCase } from './cases.js';

/** `allot allocate --mechanism <m> --input in.json` with the input written from `text`. */
function alloc(name: string, text: string, rest: string, mechanism = 'l-dice', more: Partial<BadCase> = {}): BadCase {
  return {
    name: `allocate: ${name}`,
    setup: (c) => c.w('in.json', text),
    args: (c) => ['allocate', '--mechanism', mechanism, '--input', c.p('in.json')],
    err: (c) => at(c.p('in.json'), rest),
    ...more,
  };
}

/** `allot allocate` with a good input and bad options; the error names `flagName`. */
function allocFlag(name: string, extra: string[], flagName: string, rest: string): BadCase {
  return {
    name: `allocate: ${name}`,
    setup: (c) => c.w('in.json', JSON.stringify(ALLOC_OK)),
    args: (c) => ['allocate', '--input', c.p('in.json'), ...extra],
    err: flagName.startsWith('allot') ? new RegExp(`^${flagName}: ${rest}`) : flag(flagName, rest),
  };
}

/** The allocate input, loosely typed so cases can break it. */
interface Alloc {
  tenants: { id: string; tokens: number }[];
  nodes: { id: string; type: string }[];
  utilities: Record<string, Record<string, unknown>>;
  rounds?: number;
  demands?: Record<string, number>;
  [key: string]: unknown;
}
const edit = (f: (x: Alloc) => void) => jsonWith<Alloc>(ALLOC_OK, f);

const allocate: BadCase[] = [
  allocFlag('misspelt mechanism', ['--mechanism', 'm-dic'], '--mechanism', 'unknown mechanism "m-dic" \\(did you mean "m-dice"\\?\\)'),
  allocFlag('unknown mechanism option', ['--mechanism', 's-dice(carryPass=false)'], '--mechanism', 'policy "s-dice" has no option "carryPass" \\(did you mean "carryPasses"\\?\\)'),
  allocFlag('mechanism option not a choice', ['--mechanism', 's-dice(rejoin=sometimes)'], 'allot: --mechanism \\(s-dice: rejoin\\)', 'expected one of "virtual-time", "remain", got "sometimes"'),
  allocFlag('unbalanced parenthesis', ['--mechanism', 's-dice('], '--mechanism', '.*"s-dice\\("'),
  allocFlag('no --mechanism', [], 'allot allocate', "required option '--mechanism <name>' not specified"),
  allocFlag('negative seed', ['--mechanism', 'l-dice', '--seed', '-1'], '--seed', 'expected a whole number ≥ 0, got "-1"'),
  allocFlag('fractional seed', ['--mechanism', 'l-dice', '--seed', '1.5'], '--seed', 'expected a whole number ≥ 0, got "1.5"'),
  allocFlag('unknown realisation', ['--mechanism', 'm-dice', '--realisation', 'coin'], 'allot allocate', "option '--realisation <mode>' argument 'coin' is invalid\\. Allowed choices are lottery, bvn, timeshare, independent\\."),
  allocFlag('--out is not its option', ['--mechanism', 'l-dice', '--out', 'x'], 'allot allocate', "unknown option '--out'"),
  { name: 'allocate: no --input', args: () => ['allocate', '--mechanism', 'l-dice'], err: /^allot allocate: required option '--input <file>' not specified$/ },
  { name: 'allocate: input missing', args: (c) => ['allocate', '--mechanism', 'l-dice', '--input', c.p('nope.json')], err: (c) => at(c.p('nope.json'), 'input file not found') },
  { name: 'allocate: input is a directory', setup: (c) => c.mkdir('in'), args: (c) => ['allocate', '--mechanism', 'l-dice', '--input', c.p('in')], err: (c) => at(c.p('in'), 'expected a file, got a directory \\(input file\\)') },
  alloc('tokens 0', edit((x) => (x.tenants[0].tokens = 0)), 'tenants\\[0\\]\\.tokens: expected a positive integer'),
  alloc('fractional tokens', edit((x) => (x.tenants[0].tokens = 1.5)), 'tenants\\[0\\]\\.tokens: expected a positive integer \\(tokens are whole\\)'),
  alloc('duplicate tenant id', edit((x) => (x.tenants[1].id = 'a')), 'tenants\\[1\\]\\.id: duplicate tenant id "a"'),
  alloc('duplicate node id', edit((x) => (x.nodes[1].id = 'n0')), 'nodes\\[1\\]\\.id: duplicate node id "n0"'),
  alloc('utility of an unknown tenant', edit((x) => (x.utilities = { a: { n0: 1 }, c: { n0: 1 } })), 'utilities\\.c: unknown tenant id "c" \\(not in tenants\\)'),
  alloc('utility of an unknown node', edit((x) => (x.utilities = { a: { n9: 1 } })), 'utilities\\.a\\.n9: unknown node id "n9" \\(not in nodes\\)'),
  alloc('negative utility', edit((x) => (x.utilities.a.n0 = -1)), 'utilities\\.a\\.n0: expected a number ≥ 0'),
  alloc('both nodes and nodeTypes', edit((x) => (x.nodeTypes = [{ type: 'H100', count: 2 }])), 'nodeTypes: give either nodes or nodeTypes, not both'),
  alloc('neither nodes nor nodeTypes', edit((x) => delete (x as Partial<Alloc>).nodes), 'nodes: expected nodes \\(one per node\\) or nodeTypes \\(a count per type\\)'),
  alloc('nodeTypes count 0', '{"tenants":[{"id":"a","tokens":1}],"nodeTypes":[{"type":"H100","count":0}],"utilities":{"a":{"H100":1}}}', 'nodeTypes\\[0\\]\\.count: expected a whole number of nodes ≥ 1'),
  alloc('duplicate node type', '{"tenants":[{"id":"a","tokens":1}],"nodeTypes":[{"type":"H100","count":2},{"type":"H100","count":1}],"utilities":{"a":{"H100":1}}}', 'nodeTypes\\[1\\]\\.type: duplicate node type "H100"'),
  alloc('per-type utility of an unknown type', '{"tenants":[{"id":"a","tokens":1}],"nodeTypes":[{"type":"H100","count":2}],"utilities":{"a":{"A100":1}}}', 'utilities\\.a\\.A100: unknown node type "A100" \\(not in nodeTypes\\)'),
  allocFlag('--compact takes no value', ['--mechanism', 'l-dice', '--compact', 'yes'], 'allot allocate', "too many arguments"),
  alloc('utility is a string', edit((x) => (x.utilities.a.n0 = 'high')), 'utilities\\.a\\.n0: expected a number ≥ 0'),
  alloc('rounds 0', edit((x) => (x.rounds = 0)), 'rounds: expected a positive integer'),
  alloc('rounds 1e9 is too large', edit((x) => (x.rounds = 1e9)), 'this run is too large: .*lower rounds', 'l-dice', { maxMs: 1000 }),
  // The misspelt key is reported as a missing "utilities" without mentioning "utilites".
  alloc('misspelt top-level field', edit((x) => {
    x.utilites = x.utilities;
    delete (x as Partial<Alloc>).utilities;
  }), 'unknown field "utilites" \\(did you mean "utilities"\\?\\)'),
  alloc('unknown tenant field', edit((x) => (x.tenants[0] = { ...x.tenants[0], weight: 1 } as Alloc['tenants'][number])), 'tenants\\[0\\]: unknown field "weight" \\(expected: id, tokens\\)'),
  alloc('no tenants', edit((x) => (x.tenants = [])), 'tenants: expected at least one tenant'),
  alloc('nodes not a list', edit((x) => (x.nodes = 'n0' as unknown as Alloc['nodes'])), 'nodes: expected an array of \\{id, type\\}'),
  alloc('negative demand', edit((x) => (x.demands = { a: -1 })), 'demands\\.a: expected a number of nodes ≥ 0', 'drf'),
  alloc('a list at the top level', '[1, 2]\n', '(\\(root\\): )?expected an object'),
  // V8's "Unexpected token" message quotes the input, newlines included: two stderr lines, no line number.
  alloc('JSON with an unexpected token', '{"tenants": [}\n', '(line 1: )?not valid JSON'),
  alloc('YAML instead of JSON', 'tenants:\n  - {id: a, tokens: 1}\n', '(line 1: )?not valid JSON'),
  alloc('empty file', '', '(not valid JSON|.*empty)'),
];

/** `allot dag --algorithm <a> --input in.json`. */
function dagIn(name: string, text: string, rest: string, algorithm = 'heft', more: Partial<BadCase> = {}): BadCase {
  return {
    name: `dag: ${name}`,
    setup: (c) => c.w('in.json', text),
    args: (c) => ['dag', '--algorithm', algorithm, '--input', c.p('in.json')],
    err: (c) => at(c.p('in.json'), rest),
    ...more,
  };
}

/** `allot dag` with a good input and bad options. */
function dagFlag(name: string, extra: string[], flagName: string, rest: string, more: Partial<BadCase> = {}): BadCase {
  return {
    name: `dag: ${name}`,
    setup: (c) => c.w('in.json', JSON.stringify(DAG_OK)),
    args: (c) => ['dag', '--input', c.p('in.json'), ...extra],
    err: flagName.startsWith('allot') ? new RegExp(`^${flagName}: ${rest}`) : flag(flagName, rest),
    ...more,
  };
}

type Dag = typeof DAG_OK & Record<string, unknown>;
const dedit = (f: (x: Dag) => void) => jsonWith(DAG_OK as Dag, f);

const dags: BadCase[] = [
  dagFlag('misspelt algorithm', ['--algorithm', 'hef'], '--algorithm', 'unknown DAG algorithm "hef" \\(did you mean "heft"\\?\\)'),
  dagFlag('option out of range', ['--algorithm', 'ga(generations=-1)'], '--algorithm', '.*generations: expected a number ≥ 0, got -1'),
  dagFlag('unknown option', ['--algorithm', 'ga(popsize=3)'], '--algorithm', 'policy "ga" has no option "popsize" \\(options: population, generations'),
  dagFlag('unknown variant', ['--algorithm', 'heft', '--variant', 'new'], 'allot dag', "option '--variant <v>' argument 'new' is invalid\\. Allowed choices are paper, original\\."),
  dagFlag('seed not a number', ['--algorithm', 'heft', '--seed', 'x'], '--seed', 'expected a whole number ≥ 0, got "x"'),
  dagFlag('no --algorithm', [], 'allot dag', "required option '--algorithm <name>' not specified"),
  { name: 'dag: search of 1e12 evaluations is too large', setup: (c) => c.w('in.json', JSON.stringify(DAG_OK)), args: (c) => ['dag', '--input', c.p('in.json'), '--algorithm', 'ga(generations=1000000000,population=1000)'], err: (c) => at(c.p('in.json'), 'this run is too large: .*or pass --allow-large'), maxMs: 1000 },
  dagIn('misspelt bandwidth', dedit((x) => (x.bandwith = [[null, 1], [1, null]])), 'unknown field "bandwith" \\(did you mean "bandwidth"\\?\\) \\(expected: processors, tasks, edges, bandwidth\\)'),
  dagIn('cost list of the wrong length', dedit((x) => (x.tasks[0].cost = [14])), 'tasks\\[0\\]\\.cost: expected 2 run times \\(one per processor\\), got 1'),
  dagIn('negative cost', dedit((x) => (x.tasks[0].cost = [-1, 2])), 'tasks\\[0\\]\\.cost\\[0\\]: expected a number ≥ 0, got -1'),
  dagIn('duplicate task id', dedit((x) => (x.tasks[1].id = 't1')), 'tasks\\[1\\]\\.id: duplicate task id "t1"'),
  dagIn('edge to an unknown task', dedit((x) => (x.edges[0].to = 't9')), 'edges\\[0\\]\\.to: unknown task "t9"'),
  dagIn('a cycle', dedit((x) => x.edges.push({ from: 't2', to: 't1', data: 1 })), 'edges: the task graph has a cycle'),
  dagIn('self loop', dedit((x) => (x.edges[0] = { from: 't2', to: 't2', data: 1 })), 'edges\\[0\\]: self loop'),
  dagIn('bandwidth matrix of the wrong shape', dedit((x) => (x.bandwidth = [[null, 1]])), 'bandwidth: expected a 2×2 matrix'),
  dagIn('bandwidth 0', dedit((x) => (x.bandwidth = [[null, 0], [1, null]])), 'bandwidth\\[0\\]\\[1\\]: expected a number > 0, got 0'),
  dagIn('a task that can run nowhere', dedit((x) => (x.tasks[0].cost = [null, null] as unknown as number[])), 'tasks\\[0\\]\\.cost: task can run on no processor'),
  dagIn('no processors', dedit((x) => (x.processors = [])), 'processors: expected at least one processor'),
  dagIn('duplicate processors', dedit((x) => (x.processors = ['p1', 'p1'])), 'processors\\[1\\]: duplicate processor id "p1"'),
  dagIn('unknown edge field', dedit((x) => ((x.edges[0] as Record<string, unknown>).weight = 1)), 'edges\\[0\\]: unknown field "weight" \\(expected: from, to, data\\)'),
  dagIn('JSON syntax error', '{"processors": ["p1",\n  "p2"\n  "tasks": []}', 'line 3: not valid JSON'),
];

const others: BadCase[] = [
  { name: 'report: directory missing', args: (c) => ['report', c.p('nope')], err: (c) => at(c.p('nope'), 'directory not found') },
  { name: 'report: empty directory', setup: (c) => c.mkdir('d'), args: (c) => ['report', c.p('d')], err: (c) => at(c.p('d'), 'expected a run directory \\(results\\.json\\) or a sweep directory \\(sweep\\.json\\)') },
  { name: 'report: a file', setup: (c) => c.w('f.txt', 'x\n'), args: (c) => ['report', c.p('f.txt')], err: (c) => at(c.p('f.txt'), 'expected a run directory') },
  { name: 'report: results.json that is not Allot results', setup: (c) => c.w('d/results.json', '{"allotVersion": 3}\n'), args: (c) => ['report', c.p('d')], err: (c) => at(c.p('d/results.json'), '.*not an Allot results file') },
  { name: 'report: results.json not JSON', setup: (c) => c.w('d/results.json', '{"allotVersion": "0.1.0", \n'), args: (c) => ['report', c.p('d')], err: (c) => at(c.p('d/results.json'), '(line \\d+: )?not valid JSON') },
  // series.json with an "Unexpected token" error: the message quotes the file with its newline (two lines).
  {
    name: 'report: series.json not JSON',
    setup: (c) => {
      c.w('d/results.json', '{"allotVersion":"0.1.0","scenario":"s","kind":"inference-allocation","seed":1,"inputs":[],"parameters":{},"policies":[]}\n');
      c.w('d/series.json', 'not json\n');
    },
    args: (c) => ['report', c.p('d')],
    err: (c) => at(c.p('d/series.json'), '(line 1: )?not valid JSON'),
  },
  { name: 'report: sweep.json of the wrong shape', setup: (c) => c.w('d/sweep.json', '{"allotVersion": "0.1.0", "kind": "x"}\n'), args: (c) => ['report', c.p('d')], err: (c) => at(c.p('d/sweep.json'), 'not an Allot sweep summary') },
  // Commander appends "(Did you mean --no-png?)" on a second line.
  { name: 'report: unknown option with a suggestion', setup: (c) => c.mkdir('d'), args: (c) => ['report', c.p('d'), '--png'], err: /^allot report: unknown option '--png'.*did you mean --no-png\?/i },
  { name: 'report: no directory', args: () => ['report'], err: /^allot report: missing required argument 'dir'$/ },
  { name: 'policies: level 5', args: () => ['policies', '--level', '5'], err: flag('--level', 'expected 1, 2, 3 or 4, got "5"') },
  { name: 'policies: level 0', args: () => ['policies', '--level', '0'], err: flag('--level', 'expected a whole number ≥ 1, got "0"') },
  { name: 'policies: level not a number', args: () => ['policies', '--level', 'x'], err: flag('--level', 'expected a whole number ≥ 1, got "x"') },
  { name: 'policies: misspelt option', args: () => ['policies', '--levl', '1'], err: /^allot policies: unknown option '--levl'.*did you mean --level\?/i },
  { name: 'policies: extra argument', args: () => ['policies', 'extra'], err: /^allot policies: too many arguments for 'policies'\. Expected 0 arguments but got 1\.$/ },
  { name: 'schema: misspelt kind', args: () => ['schema', 'trainin'], err: /^allot: allot schema: unknown kind "trainin" \(did you mean "training"\?\) \(expected one of: inference-allocation, dag, training, realtime, dice-original, two-level\)$/ },
  { name: 'schema: no kind', args: () => ['schema'], err: /^allot schema: missing required argument 'kind'$/ },
  { name: 'schema: extra argument', args: () => ['schema', 'dag', 'extra'], err: /^allot schema: too many arguments for 'schema'\. Expected 1 argument but got 2\.$/ },
  { name: 'schema: unknown option', args: () => ['schema', 'dag', '--json'], err: /^allot schema: unknown option '--json'$/ },
  { name: 'unknown command', args: () => ['bogus'], err: /^allot: unknown command 'bogus'$/ },
];

runTable([...allocate, ...dags, ...others]);
