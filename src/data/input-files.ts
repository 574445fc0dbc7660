/**
 * Reading input files, written once for every reader: a missing or
 * unreadable file, a JSON/YAML syntax error or a malformed CSV becomes one
 * `InputError` naming the file and, where known, the line — never a stack
 * trace. JSON files (by extension, or text that starts with `{`/`[`) get
 * JSON's errors; everything else is parsed as YAML (of which JSON is a subset).
 */
import { readFileSync, statSync } from 'node:fs';
import type { ParseError } from 'jsonc-parser';
import { InputError } from '../errors.js';
import { lazyRequire } from '../lazy-require.js';

const csvParse = lazyRequire<typeof import('csv-parse/sync')>('csv-parse/sync');
const yaml = lazyRequire<typeof import('yaml')>('yaml');
const jsonc = lazyRequire<typeof import('jsonc-parser')>('jsonc-parser');
const csvStream = lazyRequire<typeof import('csv-parse')>('csv-parse');

/** Reads a UTF-8 text file. Throws InputError ("… not found", "is a directory", "cannot read …") naming the path. */
export function readInputFile(path: string, what = 'input file'): string {
  return readInputBytes(path, what).toString('utf8');
}

/** Reads a file's bytes (for hashing exactly what was read). Errors as `readInputFile`. */
export function readInputBytes(path: string, what = 'input file'): Buffer {
  try {
    if (statSync(path).isDirectory()) throw new InputError(`expected a file, got a directory (${what})`, path);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${what} not found`, path);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${what} is not readable (permission denied)`, path);
    throw new InputError(`cannot read ${what} (${code ?? String(e)})`, path);
  }
}

/** 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses JSON text (a leading BOM is allowed); a syntax error names the file, line and column and what was expected. */
export function parseJsonText(text: string, source: string): unknown {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(t);
  } catch {
    // JSON.parse's messages quote the input and often give no position; the jsonc-parser scanner locates the first error.
    const errors: ParseError[] = [];
    jsonc().parse(t, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const line = lineOf(t, offset);
    const column = offset - t.lastIndexOf('\n', offset - 1);
    const what = first ? jsonc().printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'syntax error';
    throw new InputError(`not valid JSON: ${what} at column ${column}${t.trim() === '' ? ' (the file is empty)' : ''}`, source, `line ${line}`);
  }
}

/** Parses YAML text; a syntax error names the file and line. */
export function parseYamlText(text: string, source: string): unknown {
  try {
    return yaml().parse(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    if (e instanceof yaml().YAMLParseError) {
      const line = e.linePos?.[0]?.line;
      throw new InputError(`not valid YAML (${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')})`, source, line ? `line ${line}` : undefined);
    }
    throw new InputError(`not valid YAML (${(e as Error).message.split('\n')[0]})`, source);
  }
}

/** JSON for `.json` files and text that starts like JSON, else YAML. */
export function parseDocumentText(text: string, source: string): unknown {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return /\.json$/i.test(source) || t.startsWith('{') || t.startsWith('[') ? parseJsonText(text, source) : parseYamlText(text, source);
}

/** Parses a document that must be a mapping (key: value) at the top level. */
export function parseMappingText(text: string, source: string): Record<string, unknown> {
  const data = parseDocumentText(text, source);
  if (data === null || data === undefined) throw new InputError('the file is empty (expected key: value fields)', source);
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError('expected a mapping (key: value) at the top level', source);
  return data as Record<string, unknown>;
}

/** Reads and parses a JSON/YAML mapping file. */
export function readMappingFile(path: string, what = 'file'): { text: string; data: Record<string, unknown> } {
  const text = readInputFile(path, what);
  return { text, data: parseMappingText(text, path) };
}

/** csv-parse options of every CSV input: blank lines skipped, cells trimmed, a BOM dropped, ragged rows allowed. */
const CSV_OPTIONS = { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true };

/** A csv-parse error as the one-line InputError of every CSV reader ("not valid CSV (…)", naming the file and line). */
function csvError(e: unknown, source: string): InputError {
  const err = e as Error & { lines?: number };
  return new InputError(`not valid CSV (${err.message.replace(/^Invalid .*?: /, '')})`, source, err.lines ? `line ${err.lines}` : undefined);
}

/** CSV rows as string arrays (trimmed, BOM and empty lines skipped); a malformed file names the line. */
export function parseCsvRows(text: string, source: string): string[][] {
  try {
    return csvParse().parse(text, CSV_OPTIONS) as string[][];
  } catch (e) {
    throw csvError(e, source);
  }
}

/**
 * Parses CSV text row by row (same options and errors as `parseCsvRows`)
 * without building the list of all rows: `onRow(row, index)` gets each row
 * (index 0 = the first, e.g. the header) and returns the value to keep, or
 * undefined to keep nothing. InputErrors thrown by `onRow` pass through.
 */
export function parseCsvEach<T>(text: string, source: string, onRow: (row: string[], index: number) => T | undefined): T[] {
  const out: T[] = [];
  let index = 0;
  try {
    // csv-parse's parser core, driven synchronously as its sync API does (csv-parse/lib/sync.js), but handing each
    // row on at once instead of collecting them all (its `on_record` option would cost a context object per row).
    const api = (new (csvStream().Parser)(CSV_OPTIONS) as unknown as { api: { parse(data: Buffer, end: boolean, push: (row: string[]) => void, close: () => void): Error | undefined } }).api;
    const err = api.parse(Buffer.from(text), true, (row) => {
      const v = onRow(row, index++);
      if (v !== undefined) out.push(v);
    }, () => {});
    if (err) throw err;
    return out;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw csvError(e, source);
  }
}

/** CSV records keyed by the header row; `line` is each record's 1-based line in the file. */
export function parseCsvRecords(text: string, source: string): { records: Record<string, string>[]; header: string[] } {
  const rows = parseCsvRows(text, source);
  if (rows.length === 0) return { records: [], header: [] };
  const header = rows[0];
  const records = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])) as Record<string, string>);
  return { records, header };
}
