/**
 * Bad input to `allot train` and `allot sweep`. Both must check everything
 * before they start (no training iteration, no sweep cell): each case
 * fails fast and writes nothing (`--out` points into the case directory).
 */
import { at, flag, readOnly, rtTenants, runTable, skipAsRoot, writable, type BadCase } from './cases.js';

const trainCases: BadCase[] = [
  { name: 'train: unknown evaluation baseline fails before training', args: () => ['train', '--eval-policies', 'edf,nope'], err: flag('--eval-policies', 'unknown request scheduler "nope" \\(expected one of: fcfs, edf'), maxMs: 2000 },
  { name: 'train: --iterations 0', args: () => ['train', '--iterations', '0'], err: flag('--iterations', 'expected a whole number ≥ 1, got "0"'), maxMs: 2000 },
  { name: 'train: more imitation than iterations', args: () => ['train', '--iterations', '10', '--imitation', '30'], err: flag('--imitation', 'must be ≤ --iterations \\(10\\), got 30') },
  { name: 'train: --episode-seconds 0', args: () => ['train', '--episode-seconds', '0'], err: flag('--episode-seconds', 'expected a number > 0, got "0"') },
  { name: 'train: --validation-episodes 0', args: () => ['train', '--validation-episodes', '0'], err: flag('--validation-episodes', 'expected a whole number ≥ 1, got "0"'), maxMs: 2000 },
  { name: 'train: --validation-episodes not a number', args: () => ['train', '--validation-episodes', 'three'], err: flag('--validation-episodes', 'expected a whole number ≥ 1, got "three"') },
  { name: 'train: evaluation seed not a number', args: () => ['train', '--eval-seeds', '1,x'], err: flag('--eval-seeds', 'expected a whole number ≥ 0, got "x"') },
  { name: 'train: empty evaluation seed', args: () => ['train', '--eval-seeds', '1,,2'], err: flag('--eval-seeds', 'expected a comma-separated list without empty items, got "1,,2"') },
  { name: 'train: drl as its own baseline', args: () => ['train', '--eval-policies', 'drl'], err: flag('--eval-policies', '"drl" cannot be a baseline \\(it needs trained-policy\\)') },
  { name: 'train: the same baseline twice', args: () => ['train', '--eval-policies', 'edf,edf'], err: flag('--eval-policies', 'two policies are named "edf" in results') },
  { name: 'train: a dag scenario', args: () => ['train', '--scenario', 'builtin:dag'], err: /^allot: builtin:dag: kind: allot train needs a realtime scenario, got kind: dag$/ },
  {
    name: 'train: an invalid dag scenario file',
    setup: (c) => c.w('dag.yaml', 'kind: dag\nservices: 0\n'),
    args: (c) => ['train', '--scenario', c.p('dag.yaml')],
    err: (c) => at(c.p('dag.yaml'), '(services: expected a number ≥ 1, got 0|kind: allot train needs a realtime scenario)'),
  },
  { name: 'train: --set misspelt key', args: () => ['train', '--set', 'lod=1'], err: flag('--set lod', 'unknown key "lod" \\(did you mean "load"\\?\\)') },
  { name: 'train: --set bandwidth 0', args: () => ['train', '--set', 'system.bandwidthGBps=0'], err: flag('--set system.bandwidthGBps', 'expected a number > 0, got 0') },
  {
    name: 'train: scenario with a misspelt field',
    setup: (c) => c.w('rt.yaml', 'kind: realtime\ndurationSecs: 5\n'),
    args: (c) => ['train', '--scenario', c.p('rt.yaml')],
    err: (c) => at(c.p('rt.yaml'), 'unknown field "durationSecs" \\(did you mean "durationSeconds"\\?\\)'),
  },
  {
    name: 'train: scenario with a missing profile table',
    setup: (c) => c.w('rt.yaml', `kind: realtime\nprofiles: prof.csv\n${rtTenants('{model: M, rateRps: 10, sloTarget: 0.9}')}`),
    args: (c) => ['train', '--scenario', c.p('rt.yaml')],
    err: (c) => at(c.p('prof.csv'), 'profile table not found'),
  },
  { name: 'train: scenario file missing', args: (c) => ['train', '--scenario', c.p('nope.yaml')], err: (c) => at(c.p('nope.yaml'), 'scenario file not found') },
  { name: 'train: no --out', noOut: true, args: () => ['train'], err: /^allot train: required option '--out <dir>' not specified$/ },
  { name: 'train: --out is an existing file', setup: (c) => c.w('taken.txt', 'keep\n'), args: (c) => ['train', '--out', c.p('taken.txt')], err: (c) => flag('--out', `${c.p('taken.txt')} exists and is a file; give a directory`) },
  { name: 'train: --out is a non-empty directory', setup: (c) => c.w('mine/notes.txt', 'mine\n'), args: (c) => ['train', '--out', c.p('mine')], err: (c) => flag('--out', `${c.p('mine')} exists and is not an earlier Allot output \\(it holds notes.txt\\)`) },
  {
    name: 'train: --out without write permission',
    skip: skipAsRoot,
    setup: (c) => readOnly(c.mkdir('ro')),
    cleanup: (c) => writable(c.p('ro')),
    args: (c) => ['train', '--out', c.p('ro/model')],
    err: (c) => flag('--out', `cannot create \\S+ beside ${c.p('ro/model')}: permission denied`),
  },
  { name: 'train: --out under /proc', args: () => ['train', '--out', '/proc/allot-bad-input-model'], err: /^allot: --out: cannot create \S+ beside \/proc\/allot-bad-input-model: / },
  { name: 'train: --seed negative', args: () => ['train', '--seed', '-1'], err: flag('--seed', 'expected a whole number ≥ 0, got "-1"') },
  { name: 'train: --policies is not its option', args: () => ['train', '--policies', 'edf'], err: /^allot train: unknown option '--policies'$/ },
  // No size check before training: it starts training (and leaves OUT.tmp-* behind when stopped).
  { name: 'train: durationSeconds 1e12 is too large before training starts', args: () => ['train', '--set', 'durationSeconds=1e12', '--quiet'], err: /too large.*durationSeconds|durationSeconds.*too large/, maxMs: 2000, isolate: true },
];

const sweepCases: BadCase[] = [
  { name: 'sweep: misspelt --vary key fails before any cell', args: () => ['sweep', '--vary', 'lod=1,2', '--policies', 'l-dice'], err: flag('--vary lod', 'unknown key "lod" \\(did you mean "load"\\?\\)'), maxMs: 2000 },
  { name: 'sweep: no --policies', args: () => ['sweep', '--vary', 'load=1,2'], err: flag('--policies', 'which policies\\? pass --policies a,b,… \\(or --preset NAME\\)') },
  { name: 'sweep: --vary without values', args: () => ['sweep', '--vary', 'load', '--policies', 'l-dice'], err: flag('--vary', 'expected key=v1,v2,\\.\\.\\. \\(e\\.g\\. load=0\\.5,1,1\\.5\\), got "load"') },
  { name: 'sweep: --vary with an empty value', args: () => ['sweep', '--vary', 'load=1,,2', '--policies', 'l-dice'], err: flag('--vary', 'expected a comma-separated list of values without empty items for "load"') },
  { name: 'sweep: --vary values of the wrong type', args: () => ['sweep', '--vary', 'load=a,b', '--policies', 'l-dice'], err: flag('--vary load', 'expected a number, got "a"') },
  { name: 'sweep: --vary repeated value', args: () => ['sweep', '--vary', 'load=1,1', '--policies', 'l-dice'], err: flag('--vary', 'repeated value in "load=1,1"') },
  { name: 'sweep: the same key varied twice', args: () => ['sweep', '--vary', 'load=1,2', '--vary', 'load=3', '--policies', 'l-dice'], err: flag('--vary', 'each key may be varied once, got load, load') },
  { name: 'sweep: --vary key not starting with a letter', args: () => ['sweep', '--vary', '9load=1', '--policies', 'l-dice'], err: flag('--vary', 'key "9load" must start with a letter') },
  { name: 'sweep: a varied value out of range names the setting', args: () => ['sweep', '--vary', 'load=0,1', '--policies', 'l-dice'], err: flag('--vary load (setting load=0)', 'expected a number > 0, got 0') },
  { name: 'sweep: flag-style --vary key out of range', args: () => ['sweep', '--vary', 'round-length-seconds=0,1', '--policies', 'l-dice'], err: flag('--vary roundLengthSeconds (setting roundLengthSeconds=0)', 'expected a number > 0, got 0') },
  // The size error names the scenario ("builtin:default"), not the varied key and setting.
  { name: 'sweep: a varied value too large names --vary', args: () => ['sweep', '--vary', 'load=1,1e300', '--policies', 'l-dice'], err: /^allot: --vary load.*too large/, maxMs: 2000 },
  { name: 'sweep: --set rounds=1e9 is too large', args: () => ['sweep', '--set', 'rounds=1e9', '--policies', 'l-dice'], err: /^allot: builtin:default: this run is too large: .*lower load, rounds/, maxMs: 2000 },
  { name: 'sweep: a dag field out of range', args: () => ['sweep', '--scenario', 'builtin:dag', '--policies', 'heft', '--vary', 'services=0,1'], err: flag('--vary services (setting services=0)', 'expected a number ≥ 1, got 0') },
  { name: 'sweep: a field of another kind', args: () => ['sweep', '--vary', 'services=1,2', '--policies', 'l-dice'], err: flag('--vary services', 'unknown key "services" \\(fields here: kind, name, cluster') },
  { name: 'sweep: a realtime sweep varying rounds', args: () => ['sweep', '--scenario', 'builtin:realtime', '--policies', 'edf', '--vary', 'rounds=1,2'], err: flag('--vary rounds', 'unknown key "rounds" \\(fields here: kind, name, durationSeconds') },
  { name: 'sweep: unknown policy', args: () => ['sweep', '--policies', 'nope'], err: flag('--policies', 'unknown mechanism "nope"') },
  { name: 'sweep: policy option of the wrong type', args: () => ['sweep', '--policies', 's-dice(carryPasses=maybe)'], err: /^allot: --policies \(s-dice: carryPasses\): expected true or false, got "maybe"/ },
  { name: 'sweep: the same policy twice', args: () => ['sweep', '--policies', 'l-dice,l-dice'], err: flag('--policies', 'repeated policy in l-dice, l-dice') },
  { name: 'sweep: --seeds 0', args: () => ['sweep', '--policies', 'l-dice', '--seeds', '0'], err: flag('--seeds', 'expected a whole number ≥ 1, got "0"') },
  { name: 'sweep: --seed-base negative', args: () => ['sweep', '--policies', 'l-dice', '--seed-base', '-2'], err: flag('--seed-base', 'expected a whole number ≥ 0, got "-2"') },
  { name: 'sweep: --workers negative', args: () => ['sweep', '--policies', 'l-dice', '--workers', '-1'], err: flag('--workers', 'expected a whole number ≥ 0, got "-1"') },
  { name: 'sweep: --retries not a number', args: () => ['sweep', '--policies', 'l-dice', '--retries', 'x'], err: flag('--retries', 'expected a whole number ≥ 0, got "x"') },
  { name: 'sweep: --cell-timeout 0', args: () => ['sweep', '--policies', 'l-dice', '--cell-timeout', '0'], err: flag('--cell-timeout', 'expected a number > 0, got "0"') },
  { name: 'sweep: --backend not a URL', args: () => ['sweep', '--policies', 'l-dice', '--backend', 'localhost:6379'], err: flag('--backend', 'expected redis://HOST:PORT \\(e\\.g\\. redis://127\\.0\\.0\\.1:6379\\), got "localhost:6379": the scheme must be redis:// or rediss://'), maxMs: 2000 },
  { name: 'sweep: --backend port out of range', args: () => ['sweep', '--policies', 'l-dice', '--backend', 'redis://h:0'], err: flag('--backend', 'expected redis://HOST:PORT .*: port must be 1–65535') },
  { name: 'sweep: --backend database not a number', args: () => ['sweep', '--policies', 'l-dice', '--backend', 'redis://h:6379/x'], err: flag('--backend', 'expected redis://HOST:PORT .*: the path must be a database number') },
  { name: 'sweep: --workers with --backend', args: () => ['sweep', '--policies', 'l-dice', '--backend', 'redis://127.0.0.1:6379', '--workers', '2'], err: flag('--workers', 'not with --backend \\(it sets the local pool\'s threads\\); start `allot worker') },
  { name: 'sweep: --queue with a colon', args: () => ['sweep', '--policies', 'l-dice', '--backend', 'redis://127.0.0.1:6379', '--queue', 'a:b'], err: flag('--queue', 'expected a queue name without ":", got "a:b"') },
  { name: 'sweep: --backend unreachable (exit 1, nothing written)', code: 1, args: () => ['sweep', '--policies', 'l-dice', '--set', 'rounds=1', '--backend', 'redis://127.0.0.1:1'], err: /^allot: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\); start redis-server there or fix --backend$/, maxMs: 8000 },
  { name: 'worker: no --redis', args: () => ['worker'], err: /^allot worker: required option '--redis <url>' not specified$/ },
  { name: 'worker: --redis not a URL', args: () => ['worker', '--redis', 'nope'], err: flag('--redis', 'expected redis://HOST:PORT \\(e\\.g\\. redis://127\\.0\\.0\\.1:6379\\), got "nope"$') },
  { name: 'worker: --concurrency 0', args: () => ['worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '0'], err: flag('--concurrency', 'expected a whole number ≥ 1, got "0"') },
  { name: 'worker: --lock-duration not a number', args: () => ['worker', '--redis', 'redis://127.0.0.1:1', '--lock-duration', 'x'], err: flag('--lock-duration', 'expected a whole number ≥ 100, got "x"') },
  { name: 'worker: Redis unreachable (exit 1)', code: 1, args: () => ['worker', '--redis', 'redis://127.0.0.1:1'], err: /^allot: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\); start redis-server there or fix --redis$/, maxMs: 8000 },
  { name: 'sweep: unknown preset', args: () => ['sweep', '--preset', 'nope'], err: flag('--preset', 'unknown preset "nope" \\(expected one of: dice-load') },
  {
    name: 'sweep: --preset and --scenario together',
    setup: (c) => c.w('s.yaml', 'kind: inference-allocation\n'),
    args: (c) => ['sweep', '--preset', 'dice-load', '--scenario', c.p('s.yaml')],
    err: flag('--preset', 'give --scenario or --preset, not both'),
  },
  { name: 'sweep: --import of a missing module', args: (c) => ['sweep', '--policies', 'l-dice', '--import', c.p('plugin.mjs')], err: (c) => flag('--import', `${c.p('plugin.mjs')}: cannot import module`) },
  { name: 'sweep: --set misspelt key', args: () => ['sweep', '--policies', 'l-dice', '--set', 'lod=1'], err: flag('--set lod', 'unknown key "lod" \\(did you mean "load"\\?\\)') },
  { name: 'sweep: --set kind', args: () => ['sweep', '--policies', 'l-dice', '--set', 'kind=dag'], err: /^allot: --set( kind)?: .*(kind|"inference-allocation")/ },
  {
    name: 'sweep: scenario with a misspelt field',
    setup: (c) => c.w('s.yaml', 'kind: inference-allocation\nlaod: 1\n'),
    args: (c) => ['sweep', '--scenario', c.p('s.yaml'), '--policies', 'l-dice'],
    err: (c) => at(c.p('s.yaml'), 'unknown field "laod" \\(did you mean "load"\\?\\)'),
  },
  {
    name: 'sweep: training scenario with a hybrid block on a GPU workload',
    setup: (c) => {
      c.w('ph.csv', 'timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-09 07:00:00,60,1,60,vc1\n');
      c.w('s.yaml', 'kind: training\ntrace: ph.csv\nhybrid: {sampling: false}\n');
    },
    args: (c) => ['sweep', '--scenario', c.p('s.yaml'), '--policies', 'fifo'],
    err: (c) => at(c.p('s.yaml'), 'hybrid: the hybrid block applies to hybrid CPU/GPU workloads'),
  },
  { name: 'sweep: --out is an existing file', setup: (c) => c.w('taken.txt', 'keep\n'), args: (c) => ['sweep', '--policies', 'l-dice', '--out', c.p('taken.txt')], err: (c) => flag('--out', `${c.p('taken.txt')} is a file, not a directory`) },
  { name: 'sweep: --out is a non-empty directory', setup: (c) => c.w('mine/notes.txt', 'mine\n'), args: (c) => ['sweep', '--policies', 'l-dice', '--out', c.p('mine')], err: (c) => flag('--out', `${c.p('mine')} is not empty and not an earlier Allot sweep \\(it holds notes.txt\\)`) },
  {
    name: 'sweep: --out without write permission',
    skip: skipAsRoot,
    setup: (c) => readOnly(c.mkdir('ro')),
    cleanup: (c) => writable(c.p('ro')),
    args: (c) => ['sweep', '--policies', 'l-dice', '--out', c.p('ro/out')],
    err: (c) => flag('--out', `cannot create directories in ${c.p('ro')}: permission denied`),
  },
  { name: 'sweep: --out under /proc', args: () => ['sweep', '--policies', 'l-dice', '--out', '/proc/allot-bad-input-sweep'], err: /^allot: --out: cannot create directory \/proc\/allot-bad-input-sweep: / },
];

runTable([...trainCases, ...sweepCases]);
