/**
 * Column packing of many flat records (or equal-length rows) for the hand-off
 * between threads: a list of 82,247 job objects is slow to structured-clone
 * (every object and property is serialized one by one), while a few typed
 * arrays are copied as blocks. `packRecords`/`packRows` turn the list into
 * columns — numbers into a `Float64Array` (exact: every double, −0 and NaN
 * survive), other values into a dictionary of distinct values plus an
 * `Int32Array` of codes — and `unpackRecords`/`unpackRows` rebuild equal
 * lists. Objects among the values (e.g. a Gavel job's throughput table) are
 * deduplicated by their JSON text, so records that shared one object share
 * one rebuilt object. `undefined` and missing properties are the same (a
 * rebuilt record omits the property); `null` is kept.
 */

/** One packed column. */
type Column =
  /** Numbers; `absent[i]` = 1 for undefined, 2 for null (present only when some value is). */
  | { kind: 'number'; values: Float64Array; absent?: Uint8Array }
  /** Any other values: `dict[codes[i]]`, code −1 = undefined. */
  | { kind: 'dict'; dict: unknown[]; codes: Int32Array };

/** Records packed by `packRecords`: the property names (in first-seen order) and one column per name. */
export interface PackedRecords {
  readonly count: number;
  readonly keys: string[];
  readonly columns: Column[];
}

/** Rows packed by `packRows`: `count` rows of `width` cells, one column per cell position. */
export interface PackedRows {
  readonly count: number;
  readonly width: number;
  readonly columns: Column[];
}

const NEGATIVE_ZERO = Symbol('-0');

function packColumn(n: number, at: (i: number) => unknown): Column {
  let numeric = true;
  let absent = false;
  for (let i = 0; i < n && numeric; i++) {
    const v = at(i);
    if (v === undefined || v === null) absent = true;
    else if (typeof v !== 'number') numeric = false;
  }
  if (numeric) {
    const values = new Float64Array(n);
    const mask = absent ? new Uint8Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      const v = at(i);
      if (typeof v === 'number') values[i] = v;
      else mask![i] = v === undefined ? 1 : 2;
    }
    return mask ? { kind: 'number', values, absent: mask } : { kind: 'number', values };
  }
  const dict: unknown[] = [];
  const byValue = new Map<unknown, number>();
  const byJson = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = at(i);
    if (v === undefined) {
      codes[i] = -1;
      continue;
    }
    const isObject = typeof v === 'object' && v !== null;
    const key = isObject ? JSON.stringify(v) : Object.is(v, -0) ? NEGATIVE_ZERO : v; // a Map key 0 would also match −0
    const index = isObject ? byJson : byValue;
    let c = (index as Map<unknown, number>).get(key);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      (index as Map<unknown, number>).set(key, c);
    }
    codes[i] = c;
  }
  return { kind: 'dict', dict, codes };
}

function columnReader(c: Column): (i: number) => unknown {
  if (c.kind === 'number') {
    const { values, absent } = c;
    return absent ? (i) => (absent[i] === 0 ? values[i] : absent[i] === 1 ? undefined : null) : (i) => values[i];
  }
  const { dict, codes } = c;
  return (i) => (codes[i] < 0 ? undefined : dict[codes[i]]);
}

/** Packs flat records (plain objects). */
export function packRecords(records: readonly object[]): PackedRecords {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const rows = records as readonly Record<string, unknown>[];
  return { count: records.length, keys, columns: keys.map((k) => packColumn(records.length, (i) => rows[i][k])) };
}

/** Rebuilds the records of `packRecords` (undefined properties omitted). */
export function unpackRecords<T = Record<string, unknown>>(p: PackedRecords): T[] {
  const readers = p.columns.map(columnReader);
  const out: T[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const r: Record<string, unknown> = {};
    for (let k = 0; k < p.keys.length; k++) {
      const v = readers[k](i);
      if (v !== undefined) r[p.keys[k]] = v;
    }
    out[i] = r as T;
  }
  return out;
}

/** Packs rows that all have the same length (throws RangeError otherwise). */
export function packRows(rows: readonly (readonly unknown[])[]): PackedRows {
  const width = rows.length ? rows[0].length : 0;
  for (const r of rows) if (r.length !== width) throw new RangeError(`packRows: rows of ${width} and ${r.length} cells`);
  return { count: rows.length, width, columns: Array.from({ length: width }, (_, k) => packColumn(rows.length, (i) => rows[i][k])) };
}

/** Rebuilds the rows of `packRows`. */
export function unpackRows<T = unknown>(p: PackedRows): T[][] {
  const readers = p.columns.map(columnReader);
  const out: T[][] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const r: T[] = new Array(p.width);
    for (let k = 0; k < p.width; k++) r[k] = readers[k](i) as T;
    out[i] = r;
  }
  return out;
}
