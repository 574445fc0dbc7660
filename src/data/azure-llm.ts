/**
 * Reader for the Azure LLM inference traces (Azure/AzurePublicDataset,
 * `AzureLLMInferenceTrace_{code,conv}.csv`; Patel et al., Splitwise,
 * ISCA'24; CC-BY-4.0): header `TIMESTAMP,ContextTokens,GeneratedTokens`,
 * timestamps like `2023-11-16 18:17:03.9799600` (UTC, 100 ns digits).
 * Returns arrivals in seconds from the first request, sorted (the file is
 * in time order; ties keep file order). Errors name the file and line.
 */
import { parseCsvRows } from './input-files.js';
import { InputError } from '../errors.js';

export interface LlmTraceRequest {
  /** Seconds since the trace's first request. */
  arrivalSeconds: number;
  contextTokens: number;
  generatedTokens: number;
}

const TS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/;

function parseTimestamp(text: string): number | null {
  const m = TS.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  const frac = m[7] ? Number(`0.${m[7]}`) : 0;
  return ms / 1000 + frac;
}

/** Recognises the trace by its header (for `allot run --trace`). */
export function isAzureLlmTrace(head: string): boolean {
  return /^\uFEFF?TIMESTAMP,ContextTokens,GeneratedTokens\s*$/m.test(head.split('\n')[0] ?? '');
}

export function parseAzureLlmTrace(text: string, source: string): LlmTraceRequest[] {
  const rows = parseCsvRows(text, source);
  if (rows.length === 0 || rows[0].join(',') !== 'TIMESTAMP,ContextTokens,GeneratedTokens') {
    throw new InputError('expected the header "TIMESTAMP,ContextTokens,GeneratedTokens"', source, 'line 1');
  }
  const out: LlmTraceRequest[] = [];
  let t0 = NaN;
  for (let q = 1; q < rows.length; q++) {
    const line = `line ${q + 1}`;
    if (rows[q].length !== 3) throw new InputError(`expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), got ${rows[q].length}`, source, line);
    const [ts, ctx, gen] = rows[q];
    const t = parseTimestamp(ts);
    if (t === null) throw new InputError(`TIMESTAMP: expected "YYYY-MM-DD hh:mm:ss[.fraction]", got "${ts}"`, source, line);
    const c = Number(ctx);
    const g = Number(gen);
    if (!Number.isInteger(c) || c < 0) throw new InputError(`ContextTokens: expected an integer ≥ 0, got "${ctx}"`, source, line);
    if (!Number.isInteger(g) || g < 0) throw new InputError(`GeneratedTokens: expected an integer ≥ 0, got "${gen}"`, source, line);
    if (Number.isNaN(t0)) t0 = t;
    out.push({ arrivalSeconds: t - t0, contextTokens: c, generatedTokens: g });
  }
  if (out.length === 0) throw new InputError('the trace has no requests', source);
  for (let q = 1; q < out.length; q++) {
    if (out[q].arrivalSeconds < out[q - 1].arrivalSeconds) throw new InputError(`TIMESTAMP goes backwards (rows must be in time order)`, source, `line ${q + 2}`);
  }
  return out;
}
