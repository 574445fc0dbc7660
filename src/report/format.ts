/**
 * Numbers for people: each metric column is shown in one display unit chosen
 * from its values (fractions as %, seconds as µs/ms/s/min/h, joules as
 * J/kJ/MJ), with three significant digits for the column's typical value and
 * the same number of decimals in every row, so columns line up. The raw
 * values stay in results.json and the CSVs; only the terminal, markdown and
 * HTML views are rounded.
 */
import { metricDef, type MetricDef } from '../metrics/catalog.js';

/** How one column is displayed: its unit label (for the header), and a cell formatter. */
export interface ColumnFormat {
  /** Unit label for the header ("%", "ms", "h", "req/s", "kJ"), or "" for unitless. */
  unit: string;
  /** One display unit in the metric's base unit (3600 for h, 0.01 for %, 1 when unscaled): display value = raw / scale. */
  scale: number;
  /** Formats one raw value (in the metric's base unit) in the display unit, without the unit. */
  format(v: number | null | undefined): string;
  /** Formats one raw value with its unit ("163 ms", "99.8 %"). */
  withUnit(v: number | null | undefined): string;
}

/** Significant digits of the typical (median-magnitude) value of a column. */
export const SIGNIFICANT_DIGITS = 3;

const TIME_UNITS: [string, number][] = [['h', 3600], ['min', 60], ['s', 1], ['ms', 1e-3], ['µs', 1e-6]];
const ENERGY_UNITS: [string, number][] = [['MJ', 1e6], ['kJ', 1e3], ['J', 1]];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)];
}

/** Decimals that give `digits` significant digits to a value of magnitude `typical`. */
export function decimalsFor(typical: number, digits = SIGNIFICANT_DIGITS): number {
  if (!(typical > 0) || !Number.isFinite(typical)) return 0;
  return Math.max(0, Math.min(6, digits - 1 - Math.floor(Math.log10(typical))));
}

/** Thousands separators for the integer part (1234567.8 → "1,234,567.8"). */
function group(text: string): string {
  const [int, frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

function fixed(v: number, decimals: number): string {
  const t = v.toFixed(decimals);
  return group(t === '-0' || /^-0\.0*$/.test(t) ? t.slice(1) : t);
}

/** Seconds to show in hours only from this median up: JCTs of hours read better in hours. */
const HOURS_FROM_SECONDS = 2 * 3600;

/**
 * The display format of a column of a metric, chosen from its values:
 * seconds in h from a median of 2 h, min from 2 min, s from 1 s, else ms or µs;
 * fractions as %; joules in kJ/MJ when large. `null`, `undefined` and
 * non-finite values print as "–".
 */
export function columnFormat(def: Pick<MetricDef, 'unit' | 'of'>, values: readonly (number | null | undefined)[]): ColumnFormat {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const mags = finite.map(Math.abs).filter((v) => v > 0);
  const typical = median(mags);
  let unit = '';
  let scale = 1;
  let decimals: number;
  switch (def.unit) {
    case 'fraction':
      unit = '%';
      scale = 0.01;
      decimals = Math.min(1, decimalsFor(typical * 100));
      break;
    case 'seconds': {
      const pick = typical >= HOURS_FROM_SECONDS ? TIME_UNITS[0] : typical >= 120 ? TIME_UNITS[1] : (TIME_UNITS.slice(2).find(([, f]) => typical >= f) ?? TIME_UNITS[4]);
      [unit, scale] = pick;
      decimals = decimalsFor(typical / scale);
      break;
    }
    case 'joules': {
      [unit, scale] = ENERGY_UNITS.find(([, f]) => typical >= f) ?? ENERGY_UNITS[2];
      decimals = decimalsFor(typical / scale);
      break;
    }
    case 'per-second':
      unit = `${def.of ?? ''}/s`;
      decimals = decimalsFor(typical);
      break;
    case 'count':
      decimals = finite.every(Number.isInteger) ? 0 : decimalsFor(typical);
      break;
    case 'index':
      decimals = 3;
      break;
    default:
      decimals = decimalsFor(typical);
  }
  const format = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? fixed(v / scale, decimals) : '–');
  return {
    unit,
    scale,
    format,
    withUnit: (v) => {
      const t = format(v);
      return t === '–' || !unit ? t : unit === '%' ? `${t} %` : `${t} ${unit}`;
    },
  };
}

/** One value of a metric with its unit, formatted on its own ("163 ms", "99.8 %", "2.4 h"). */
export function formatMetric(key: string, v: number | null | undefined): string {
  return columnFormat(metricDef(key), [v]).withUnit(v);
}
