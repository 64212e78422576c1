/**
 * Validation of a report definition: untrusted JSON in, either every problem (with dotted paths the
 * UI can point at) or a normalized definition the compiler can trust. Pure: no I/O, never throws.
 *
 * Choices this module makes (the brief left them open):
 * - COUNT with a field is `count(col)`, the number of non-null values; key `count_<field>`.
 * - `last` ranges are checked against maxRangeDays in their worst case over any as-of: MONTH is
 *   measured by calendar months (see worstCaseDays), so "last 12 MONTH" (at most 366 days) passes
 *   a 366-day limit while the compiler still re-checks the exact window.
 * - Ordering comparisons (GT..LTE, BETWEEN) are refused on BOOLEAN columns; CONTAINS needs a
 *   non-empty string on a STRING column.
 * - DATE filter values must be calendar days (`2024-03-01`, or an ISO instant at 00:00 UTC):
 *   truncating a time of day would silently change what GT/LT mean.
 * - Instants without an offset are UTC. Temporal values must lie in 1970-01-01..2149-06-06, the
 *   range of ClickHouse's Date, which otherwise saturates out-of-range values silently.
 * - Numbers must lie within ±(2^53 - 1): chDB refuses to bind larger (unsafe) integers.
 * - Unknown properties are errors (a typo like `alais` must not be silently ignored).
 * - An output key may not equal a column of the source (or tenant_id) unless it is that very
 *   column as a plain dimension: ClickHouse resolves SELECT aliases inside WHERE, so
 *   `user_id AS tenant_id` would otherwise rewrite the tenant predicate.
 * - The normalized definition fills every alias with its output key, so it has the same shape as
 *   ReportDefinition, can be stored, and validates again to itself.
 */
import { findColumn, findTable, TENANT_COLUMN, type CatalogColumn, type CatalogTable } from '../catalog/catalog.js';
import {
  DEFAULT_ROW_LIMIT, FILTER_OPS, GRAINS, MEASURE_FNS, SORT_DIRECTIONS, TIME_UNITS,
  type DefinitionError, type DefinitionLimits, type FilterOp, type FilterValue, type Grain,
  type MeasureFn, type SortDirection, type TimeUnit,
} from './definition.js';

export const DEFINITION_CAPS = { dimensions: 20, measures: 20, filters: 50, orderBy: 20, values: 1000, stringLength: 1000, lastN: 10_000 } as const;
export const ALIAS_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/i;
/** Inclusive bounds of temporal values: ClickHouse Date's range. */
export const MIN_INSTANT_MS = Date.UTC(1970, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2149, 5, 6);
const DAY_MS = 86_400_000;

export interface NormalizedDimension { field: string; grain: Grain | null; alias: string }
export interface NormalizedMeasure { fn: MeasureFn; field: string | null; alias: string }
export interface NormalizedFilter { field: string; op: FilterOp; value: FilterValue | null; values: FilterValue[] | null }
/** Exactly one of `last` and `from`/`to` is set; from/to are `toISOString()` instants. */
export interface NormalizedTimeRange { field: string; last: { n: number; unit: TimeUnit } | null; from: string | null; to: string | null }
export interface NormalizedOrderBy { key: string; direction: SortDirection }
/** A validated definition; `alias` of every dimension and measure is its output key. */
export interface NormalizedDefinition {
  source: string;
  dimensions: NormalizedDimension[];
  measures: NormalizedMeasure[];
  filters: NormalizedFilter[];
  timeRange: NormalizedTimeRange | null;
  orderBy: NormalizedOrderBy[];
  rowLimit: number;
}
export type ValidationResult = { valid: true; definition: NormalizedDefinition } | { valid: false; errors: DefinitionError[] };

export function dimensionKey(field: string, grain: Grain | null): string {
  return grain ? `${field}_${grain.toLowerCase()}` : field;
}
export function measureKey(fn: MeasureFn, field: string | null): string {
  return field ? `${fn.toLowerCase()}_${field}` : 'count';
}

/** ISO-8601 date or date-time (offset optional, meaning UTC) to epoch ms; null when malformed. */
export function parseIsoInstant(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth(y!, mo! - 1) || h > 23 || mi > 59 || s > 59) return null;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)); // sub-millisecond digits are dropped
  let offsetMin = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const hh = Number(zone.slice(1, 3));
    const mm = Number(zone.slice(-2));
    if (hh > 23 || mm > 59) return null;
    offsetMin = (zone[0] === '-' ? -1 : 1) * (hh * 60 + mm);
  }
  return utc(y!, mo! - 1, d!, h, mi, s, ms) - offsetMin * 60_000;
}

/** Date.UTC without its quirk of mapping years 0-99 to 1900-1999. */
function utc(year: number, month0: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  d.setUTCHours(h, mi, s, ms);
  return d.getTime();
}

function daysInMonth(year: number, month0: number): number {
  return new Date(utc(year, month0 + 1, 0)).getUTCDate();
}

/** `asOf` minus n units in UTC; MONTH steps calendar months, clamping to the month's last day. */
export function subtractUnits(asOf: Date, n: number, unit: TimeUnit): Date {
  const t = asOf.getTime();
  if (unit === 'HOUR') return new Date(t - n * 3_600_000);
  if (unit === 'DAY') return new Date(t - n * DAY_MS);
  if (unit === 'WEEK') return new Date(t - n * 7 * DAY_MS);
  const month = asOf.getUTCFullYear() * 12 + asOf.getUTCMonth() - n;
  const year = Math.floor(month / 12);
  const month0 = month - year * 12;
  const day = Math.min(asOf.getUTCDate(), daysInMonth(year, month0));
  return new Date(utc(year, month0, day) + (t - utc(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate())));
}

const worstMonths = new Map<number, number>();
/**
 * The longest window `last n unit` can cover, in days, over every possible as-of. For MONTH the
 * longest windows end on a month's last day (clamping only moves `from` earlier), and the
 * Gregorian calendar repeats every 400 years, so 4800 month ends cover every case.
 */
export function worstCaseDays(n: number, unit: TimeUnit): number {
  if (unit !== 'MONTH') return (n * { HOUR: 1, DAY: 24, WEEK: 168 }[unit]) / 24;
  let worst = worstMonths.get(n);
  if (worst === undefined) {
    worst = 0;
    for (let i = 0; i < 4800; i++) {
      const end = new Date(Date.UTC(2000, i + 1, 0));
      worst = Math.max(worst, (end.getTime() - subtractUnits(end, n, 'MONTH').getTime()) / DAY_MS);
    }
    worstMonths.set(n, worst);
  }
  return worst;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ORDERED_OPS: FilterOp[] = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'];
const LIST_OPS: FilterOp[] = ['IN', 'NOT_IN'];
const NULL_OPS: FilterOp[] = ['IS_NULL', 'IS_NOT_NULL'];

/** Compares as ClickHouse does: strings bytewise in UTF-8, i.e. by code point. */
function compareValues(a: FilterValue, b: FilterValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ca = Array.from(String(a), (c) => c.codePointAt(0)!);
  const cb = Array.from(String(b), (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}

class Checker {
  readonly errors: DefinitionError[] = [];
  add(path: string, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }
  /** Errors for properties outside `allowed`; false when `v` is not an object at all. */
  shape(v: unknown, path: string, allowed: readonly string[]): v is Obj {
    if (!isObj(v)) return this.add(path, 'must be an object') ?? false;
    for (const k of Object.keys(v)) if (!allowed.includes(k)) this.add(path ? `${path}.${k}` : k, 'unknown property');
    return true;
  }
  list(v: unknown, path: string, cap: number): unknown[] {
    if (absent(v)) return [];
    if (!Array.isArray(v)) return this.add(path, 'must be a list') ?? [];
    if (v.length > cap) return this.add(path, `at most ${cap} entries`) ?? [];
    return v;
  }
  alias(v: unknown, path: string): string | null | undefined {
    if (absent(v)) return null;
    if (typeof v === 'string' && ALIAS_PATTERN.test(v)) return v;
    return this.add(path, 'must be 1-63 letters, digits or underscores, not starting with a digit');
  }
  column(table: CatalogTable | undefined, v: unknown, path: string, role: 'dimension' | 'filter' | 'time'): CatalogColumn | undefined {
    if (typeof v !== 'string' || v === '') return this.add(path, 'must be a column name');
    if (!table) return undefined; // the source is already reported
    const col = findColumn(table, v);
    if (!col) return this.add(path, `unknown column '${v}' in ${table.name}`);
    if (!col[role]) return this.add(path, `column '${v}' cannot be used as a ${role} column`);
    return col;
  }
  instant(v: unknown, path: string): number | undefined {
    const ms = typeof v === 'string' && v.length <= 64 ? parseIsoInstant(v) : null;
    if (ms === null) return this.add(path, 'must be an ISO-8601 date or date-time');
    if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return this.add(path, 'must lie between 1970-01-01 and 2149-06-06');
    return ms;
  }
  /** A filter operand checked against the column's kind, in its normalized form. */
  value(v: unknown, col: CatalogColumn, path: string): FilterValue | undefined {
    if (typeof v === 'string' && v.length > DEFINITION_CAPS.stringLength) return this.add(path, `at most ${DEFINITION_CAPS.stringLength} characters`);
    switch (col.kind) {
      case 'STRING':
        return typeof v === 'string' ? v : this.add(path, 'must be a string');
      case 'BOOLEAN':
        return typeof v === 'boolean' ? v : this.add(path, 'must be true or false');
      case 'NUMBER': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v) : NaN;
        if (!Number.isFinite(n)) return this.add(path, 'must be a finite number');
        return Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : this.add(path, 'must lie within ±9007199254740991');
      }
      case 'DATETIME': {
        const ms = this.instant(v, path);
        return ms === undefined ? undefined : new Date(ms).toISOString();
      }
      case 'DATE': {
        const ms = this.instant(v, path);
        if (ms === undefined) return undefined;
        if (ms % DAY_MS !== 0) return this.add(path, 'must be a calendar date (YYYY-MM-DD)');
        return new Date(ms).toISOString().slice(0, 10);
      }
    }
  }
}

export function validateDefinition(def: unknown, limits: DefinitionLimits): ValidationResult {
  const c = new Checker();
  if (!c.shape(def, '', ['source', 'dimensions', 'measures', 'filters', 'timeRange', 'orderBy', 'rowLimit'])) {
    return { valid: false, errors: c.errors };
  }
  const table = typeof def.source === 'string' ? findTable(def.source) : undefined;
  if (!table) c.add('source', typeof def.source === 'string' ? `unknown table '${def.source}'` : 'must be a table name');

  // Output keys, with the path an error about each should point at.
  const keys: { key: string; path: string; plainColumn: string | null }[] = [];

  const dimensions: NormalizedDimension[] = [];
  c.list(def.dimensions, 'dimensions', DEFINITION_CAPS.dimensions).forEach((d, i) => {
    const p = `dimensions.${i}`;
    if (!c.shape(d, p, ['field', 'grain', 'alias'])) return;
    const col = c.column(table, d.field, `${p}.field`, 'dimension');
    let grain: Grain | null = null;
    if (!absent(d.grain)) {
      if (!oneOf(GRAINS, d.grain)) c.add(`${p}.grain`, `must be one of ${GRAINS.join(', ')}`);
      else if (col && col.kind !== 'DATETIME' && col.kind !== 'DATE') c.add(`${p}.grain`, 'only date and time columns have a grain');
      else if (col?.kind === 'DATE' && d.grain === 'HOUR') c.add(`${p}.grain`, 'a DATE column has no hours');
      else grain = d.grain;
    }
    const alias = c.alias(d.alias, `${p}.alias`);
    if (typeof d.field !== 'string' || alias === undefined) return;
    const key = alias ?? dimensionKey(d.field, grain);
    keys.push({ key, path: `${p}.alias`, plainColumn: grain ? null : d.field });
    if (col) dimensions.push({ field: col.name, grain, alias: key });
  });

  const measures: NormalizedMeasure[] = [];
  c.list(def.measures, 'measures', DEFINITION_CAPS.measures).forEach((m, i) => {
    const p = `measures.${i}`;
    if (!c.shape(m, p, ['fn', 'field', 'alias'])) return;
    const fn = oneOf(MEASURE_FNS, m.fn) ? m.fn : c.add(`${p}.fn`, `must be one of ${MEASURE_FNS.join(', ')}`);
    let col: CatalogColumn | undefined;
    if (absent(m.field)) {
      if (fn && fn !== 'COUNT') c.add(`${p}.field`, `${fn} needs a field`);
    } else {
      col = c.column(table, m.field, `${p}.field`, 'dimension');
      const temporal = col?.kind === 'DATETIME' || col?.kind === 'DATE';
      if (col && (fn === 'SUM' || fn === 'AVG') && !col.measure) col = c.add(`${p}.field`, `${fn} needs a numeric measure column`);
      else if (col && (fn === 'MIN' || fn === 'MAX') && !col.measure && !temporal) col = c.add(`${p}.field`, `${fn} needs a numeric or date/time column`);
    }
    const alias = c.alias(m.alias, `${p}.alias`);
    if (!fn || alias === undefined || (!absent(m.field) && typeof m.field !== 'string')) return;
    const field = typeof m.field === 'string' ? m.field : null;
    const key = alias ?? measureKey(fn, field);
    keys.push({ key, path: `${p}.alias`, plainColumn: null });
    if (col || field === null) measures.push({ fn, field: col ? col.name : null, alias: key });
  });

  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  if (!nonEmpty(def.dimensions) && !nonEmpty(def.measures)) c.add('dimensions', 'a report needs at least one dimension or measure');
  const seen = new Set<string>();
  for (const { key, path, plainColumn } of keys) {
    if (seen.has(key)) c.add(path, `output key '${key}' is used twice; give one an alias`);
    else if ((key === TENANT_COLUMN || (table && findColumn(table, key))) && plainColumn !== key) {
      c.add(path, `output key '${key}' is the name of a column; choose another alias`);
    }
    seen.add(key);
  }

  const filters: NormalizedFilter[] = [];
  c.list(def.filters, 'filters', DEFINITION_CAPS.filters).forEach((f, i) => {
    const p = `filters.${i}`;
    if (!c.shape(f, p, ['field', 'op', 'value', 'values'])) return;
    const col = c.column(table, f.field, `${p}.field`, 'filter');
    const op = oneOf(FILTER_OPS, f.op) ? f.op : c.add(`${p}.op`, `must be one of ${FILTER_OPS.join(', ')}`);
    if (!op) return;
    if (col && ORDERED_OPS.includes(op) && col.kind === 'BOOLEAN') return c.add(`${p}.op`, `${op} does not apply to a BOOLEAN column`);
    if (col && op === 'CONTAINS' && col.kind !== 'STRING') return c.add(`${p}.op`, 'CONTAINS applies to STRING columns only');
    const wantsList = LIST_OPS.includes(op) || op === 'BETWEEN';
    const wantsValue = !wantsList && !NULL_OPS.includes(op);
    if (!wantsValue && !absent(f.value)) c.add(`${p}.value`, `${op} takes no value${wantsList ? '; use values' : ''}`);
    if (!wantsList && !absent(f.values)) c.add(`${p}.values`, `${op} takes no values${wantsValue ? '; use value' : ''}`);
    let value: FilterValue | null = null;
    let values: FilterValue[] | null = null;
    if (wantsValue) {
      if (absent(f.value)) return c.add(`${p}.value`, `${op} needs a value`);
      if (!col) return;
      const v = c.value(f.value, col, `${p}.value`);
      if (v === undefined) return;
      if (op === 'CONTAINS' && v === '') return c.add(`${p}.value`, 'must not be empty');
      value = v;
    } else if (wantsList) {
      const [min, max] = op === 'BETWEEN' ? [2, 2] : [1, DEFINITION_CAPS.values];
      if (!Array.isArray(f.values) || f.values.length < min || f.values.length > max) {
        return c.add(`${p}.values`, op === 'BETWEEN' ? 'BETWEEN needs exactly 2 values' : `${op} needs 1 to ${max} values`);
      }
      if (!col) return;
      const checked = f.values.map((v, j) => c.value(v, col, `${p}.values.${j}`));
      if (checked.some((v) => v === undefined)) return;
      values = checked as FilterValue[];
      if (op === 'BETWEEN' && compareValues(values[0]!, values[1]!) > 0) return c.add(`${p}.values`, 'the first bound must not exceed the second');
    }
    if (col) filters.push({ field: col.name, op, value, values });
  });

  let timeRange: NormalizedTimeRange | null = null;
  const tr = def.timeRange;
  if (!absent(tr) && c.shape(tr, 'timeRange', ['field', 'last', 'from', 'to'])) {
    const col = absent(tr.field) ? (table && findColumn(table, table.defaultTimeColumn)) : c.column(table, tr.field, 'timeRange.field', 'time');
    const relative = !absent(tr.last);
    const absolute = !absent(tr.from) || !absent(tr.to);
    if (relative && absolute) c.add('timeRange', 'give either last or from/to, not both');
    else if (!relative && !absolute) c.add('timeRange', 'needs last or from/to');
    else if (relative && c.shape(tr.last, 'timeRange.last', ['n', 'unit'])) {
      const { n, unit } = tr.last;
      const nOk = Number.isInteger(n) && (n as number) >= 1 && (n as number) <= DEFINITION_CAPS.lastN;
      if (!nOk) c.add('timeRange.last.n', `must be an integer from 1 to ${DEFINITION_CAPS.lastN}`);
      if (!oneOf(TIME_UNITS, unit)) c.add('timeRange.last.unit', `must be one of ${TIME_UNITS.join(', ')}`);
      else if (nOk && worstCaseDays(n as number, unit) > limits.maxRangeDays) {
        c.add('timeRange.last.n', `the range may cover more than ${limits.maxRangeDays} days`);
      } else if (nOk && col) timeRange = { field: col.name, last: { n: n as number, unit }, from: null, to: null };
    } else if (absolute) {
      const from = absent(tr.from) ? c.add('timeRange.from', 'needs from as well as to') : c.instant(tr.from, 'timeRange.from');
      const to = absent(tr.to) ? c.add('timeRange.to', 'needs to as well as from') : c.instant(tr.to, 'timeRange.to');
      if (from !== undefined && to !== undefined) {
        if (from >= to) c.add('timeRange.to', 'must be after from');
        else if (to - from > limits.maxRangeDays * DAY_MS) c.add('timeRange.to', `the range covers more than ${limits.maxRangeDays} days`);
        else if (col) timeRange = { field: col.name, last: null, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      }
    }
  }

  const orderBy: NormalizedOrderBy[] = [];
  c.list(def.orderBy, 'orderBy', DEFINITION_CAPS.orderBy).forEach((o, i) => {
    const p = `orderBy.${i}`;
    if (!c.shape(o, p, ['key', 'direction'])) return;
    const direction = absent(o.direction) ? 'ASC' : oneOf(SORT_DIRECTIONS, o.direction) ? o.direction : c.add(`${p}.direction`, 'must be ASC or DESC');
    if (typeof o.key !== 'string' || !seen.has(o.key)) return c.add(`${p}.key`, 'must be the output key of a dimension or measure');
    if (orderBy.some((x) => x.key === o.key)) return c.add(`${p}.key`, `'${o.key}' is already ordered by`);
    if (direction) orderBy.push({ key: o.key, direction });
  });

  let rowLimit = Math.min(DEFAULT_ROW_LIMIT, limits.maxRowLimit);
  if (!absent(def.rowLimit)) {
    const r = def.rowLimit;
    if (typeof r === 'number' && Number.isInteger(r) && r >= 1 && r <= limits.maxRowLimit) rowLimit = r;
    else c.add('rowLimit', `must be an integer from 1 to ${limits.maxRowLimit}`);
  }

  if (c.errors.length > 0 || !table) return { valid: false, errors: c.errors };
  return { valid: true, definition: { source: table.name, dimensions, measures, filters, timeRange, orderBy, rowLimit } };
}
