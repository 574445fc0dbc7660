/**
 * Which training trace format a path holds, from its first bytes (or, for a
 * directory, its `*.trace` files): Philly CSV, Gavel `.trace` (or a directory
 * of per-VC traces), Alibaba openb pod list, Allot job CSV, or a job list
 * recorded by the original Synergy (`--rec_trace`), or an IRFsim job trace.
 */
import { readdirSync, statSync } from 'node:fs';
import { looksLikeAllotJobCsv } from '../../data/allot-job-csv.js';
import { looksLikeOpenbPods } from '../../data/alibaba-openb.js';
import { looksLikeGavelTrace } from '../../data/gavel-trace.js';
import { looksLikePhilly } from '../../data/philly-trace.js';
import { looksLikeSynergyRecord } from '../../data/synergy-record.js';
import { looksLikeIrfsimTrace } from '../../data/irfsim-trace.js';

export type TraceFormat = 'philly' | 'gavel' | 'gavel-directory' | 'openb' | 'allot-csv' | 'synergy-record' | 'irfsim';

/** A directory of Gavel per-VC `.trace` files (one tenant each). */
export function isTraceDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).some((f) => f.endsWith('.trace'));
  } catch {
    return false;
  }
}

/** The format of a trace, or undefined. `head` is the first 4 KiB ('' for a directory). */
export function traceFormat(path: string, head: string): TraceFormat | undefined {
  if (head === '' && isTraceDirectory(path)) return 'gavel-directory';
  if (looksLikePhilly(head)) return 'philly';
  if (looksLikeOpenbPods(head)) return 'openb';
  if (looksLikeAllotJobCsv(head)) return 'allot-csv';
  if (looksLikeSynergyRecord(head)) return 'synergy-record';
  if (looksLikeIrfsimTrace(head)) return 'irfsim';
  if (path.endsWith('.trace') || looksLikeGavelTrace(path, head)) return 'gavel';
  return undefined;
}
