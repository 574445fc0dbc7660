/**
 * Reader for IRFsim's job trace (lenhattan86/IRFsim, the AlloX simulator; Le
 * et al., EuroSys'20), the format its `MLJob.readDags` reads, e.g. its
 * Google-derived `input/job_google_m1.txt`. Per job, blank-separated lines:
 *
 *     # <name>
 *     <stages> <id> <iterations> <arrival> [<queue> [<session>]]
 *     <stage> <dur> <cpu cores> <cpu mem GB> <cpu time> <gpus> <gpu mem GB> <gpu time> <tasks> [<cpu err> <gpu err>]
 *     <edges>
 *
 * Times are IRFsim time units (integers in its traces); `dur` is unused by
 * IRFsim. Lines starting with `%` are comments. The two error fields appear
 * in the job input IRFsim *generates* from a trace (`jobs_input_*.txt`): the
 * reported times are then time × (1 + err) (`MLJob.readDags`). Allot reads
 * single-stage, single-task jobs only (every job of IRFsim's AlloX traces);
 * anything else is an InputError naming the file and line.
 *
 * Workload (`irfsimJobs`, IRFsim `GenInput.customizeJobs` with a per-user job
 * count): jobs are taken in file order and dealt round-robin to the users
 * (job k of the deal goes to user k mod U while every user still needs jobs);
 * arrivals are the trace's; when the trace runs out it restarts from its
 * first job with arrivals offset by the last arrival dealt — and, as in
 * IRFsim (its `i--` inside the user loop), that pass is dealt again, so every
 * user but the one whose turn found the trace empty gets one extra job. A
 * generated input (with
 * error fields) is taken as is: users from its queue names, file order.
 */
import { InputError } from '../errors.js';
import type { HybridJob } from '../model/hybrid.js';

/** One job of an IRFsim trace (times in IRFsim units). */
export interface IrfsimTraceRow {
  /** 1-based line of the job line. */
  line: number;
  id: string;
  /** Arrival (units). */
  arrival: number;
  queue?: string;
  cpuCores: number;
  cpuMemGb: number;
  cpuTime: number;
  gpus: number;
  gpuMemGb: number;
  gpuTime: number;
  /** Relative errors of the reported times (generated inputs only). */
  cpuErr?: number;
  gpuErr?: number;
}

const HEADER = /^#\s*\S+/;
const JOB_LINE = /^\d+ +\d+ +\d+ +\d+( +\S+){0,2}$/;

/** True when the first non-comment line is a `# name` header followed by a `<stages> <id> <iterations> <arrival> …` job line. */
export function looksLikeIrfsimTrace(head: string): boolean {
  const lines = head.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('%'));
  return lines.length >= 2 && HEADER.test(lines[0]) && JOB_LINE.test(lines[1]);
}

/** Parses an IRFsim trace (see the module note). `source` names the file in errors. */
export function parseIrfsimTrace(text: string, source: string): IrfsimTraceRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: IrfsimTraceRow[] = [];
  let i = 0;
  const next = (): [string, number] | undefined => {
    while (i < lines.length) {
      const l = lines[i++].trim();
      if (l !== '' && !l.startsWith('%')) return [l, i];
    }
    return undefined;
  };
  const num = (s: string | undefined, field: string, line: number, min = 0): number => {
    const x = Number(s);
    if (s === undefined || s === '' || !Number.isFinite(x) || x < min) throw new InputError(`field "${field}": expected a number ≥ ${min}, got "${s ?? ''}"`, source, `line ${line}`);
    return x;
  };
  for (let l = next(); l; l = next()) {
    let [text1, ln] = l;
    if (text1.startsWith('#')) {
      const j = next();
      if (!j) throw new InputError('a "# name" header without its job line', source, `line ${ln}`);
      [text1, ln] = j;
    }
    const f = text1.split(/\s+/);
    if (f.length < 4 || f.length > 6) throw new InputError(`expected a job line "<stages> <id> <iterations> <arrival> [<queue>]", got "${text1}"`, source, `line ${ln}`);
    const stages = num(f[0], 'stages', ln, 1);
    if (stages !== 1) throw new InputError(`job ${f[1]} has ${stages} stages; Allot reads single-stage jobs (IRFsim's AlloX traces)`, source, `line ${ln}`);
    const arrival = num(f[3], 'arrival', ln);
    const s = next();
    if (!s) throw new InputError(`job ${f[1]} has no stage line`, source, `line ${ln}`);
    const [st, sl] = s;
    const g = st.split(/\s+/);
    if (g.length !== 9 && g.length !== 11) throw new InputError(`expected a stage line "<name> <dur> <cpu> <mem> <cpu time> <gpus> <gpu mem> <gpu time> <tasks> [<cpu err> <gpu err>]" (9 or 11 fields), got ${g.length}`, source, `line ${sl}`);
    const tasks = num(g[8], 'tasks', sl, 1);
    if (tasks !== 1) throw new InputError(`job ${f[1]} has ${tasks} tasks; Allot reads single-task jobs`, source, `line ${sl}`);
    const row: IrfsimTraceRow = {
      line: ln, id: f[1], arrival, queue: f[4],
      cpuCores: num(g[2], 'cpu', sl), cpuMemGb: num(g[3], 'mem', sl), cpuTime: num(g[4], 'cpu time', sl, Number.MIN_VALUE),
      gpus: num(g[5], 'gpus', sl), gpuMemGb: num(g[6], 'gpu mem', sl), gpuTime: num(g[7], 'gpu time', sl, Number.MIN_VALUE),
    };
    if (g.length === 11) {
      row.cpuErr = num(g[9], 'cpu err', sl, -1);
      row.gpuErr = num(g[10], 'gpu err', sl, -1);
    }
    const e = next();
    if (!e || !/^\d+$/.test(e[0])) throw new InputError(`job ${f[1]}: expected the edge count after its stage line`, source, `line ${e?.[1] ?? sl}`);
    if (Number(e[0]) !== 0) throw new InputError(`job ${f[1]} has ${e[0]} edges; Allot reads single-stage jobs`, source, `line ${e[1]}`);
    rows.push(row);
  }
  if (rows.length === 0) throw new InputError('no jobs (expected "# name" / job line / stage line / edge count blocks)', source);
  const withErr = rows.filter((r) => r.cpuErr !== undefined).length;
  if (withErr > 0 && withErr < rows.length) throw new InputError('error fields (<cpu err> <gpu err>) must be on every stage line or on none', source, `line ${rows.find((r) => r.cpuErr === undefined)!.line}`);
  return rows;
}

/** How `irfsimJobs` deals a trace. */
export interface IrfsimDeal {
  /** Users (IRFsim `numQueues`), ≥ 1. */
  users: number;
  /** Jobs per user (IRFsim `numJobs[u]`, all equal here), ≥ 1. */
  jobsPerUser: number;
  /** Seconds per IRFsim time unit (Allot's CSV convention: 60). */
  timeUnitSeconds: number;
  /** Reported time of a true time when the file has no error fields (default: exact). */
  estimate?: (trueSeconds: number) => number;
}

/**
 * Hybrid jobs from an IRFsim trace, as IRFsim's `GenInput.customizeJobs`
 * builds its workload (see the module note); a generated input (error fields
 * present) is taken as is. Times × `timeUnitSeconds`. User ids are
 * `queue<u>`, IRFsim's names.
 */
export function irfsimJobs(rows: readonly IrfsimTraceRow[], deal: IrfsimDeal): HybridJob[] {
  const unit = deal.timeUnitSeconds;
  const est = deal.estimate ?? ((t: number) => t);
  const make = (r: IrfsimTraceRow, index: number, user: string, arrivalUnits: number): HybridJob => ({
    index, id: String(index), user, arrival: arrivalUnits * unit,
    cpu: { cores: r.cpuCores, memoryGb: r.cpuMemGb, time: r.cpuTime * unit },
    gpu: { gpus: r.gpus, memoryGb: r.gpuMemGb, time: r.gpuTime * unit },
    estCpuTime: r.cpuErr !== undefined ? r.cpuTime * (1 + r.cpuErr) * unit : est(r.cpuTime * unit),
    estGpuTime: r.gpuErr !== undefined ? r.gpuTime * (1 + r.gpuErr!) * unit : est(r.gpuTime * unit),
  });
  if (rows.length > 0 && rows[0].cpuErr !== undefined) return rows.map((r, k) => ({ ...make(r, k, r.queue ?? 'default', r.arrival), id: r.id }));
  const out: HybridJob[] = [];
  let it = 0, start = 0, last = 0;
  for (let i = 0; i < deal.jobsPerUser; i++) {
    for (let u = 0; u < deal.users; u++) {
      if (i >= deal.jobsPerUser) continue; // IRFsim's per-user bound, seen after its i-- below
      if (it < rows.length) {
        const r = rows[it++];
        last = start + r.arrival;
        out.push(make(r, out.length, `queue${u}`, last));
      } else {
        it = 0;
        i--;
        start = last;
      }
    }
  }
  return out;
}
