/**
 * Validation of a report definition: untrusted JSON in, either every problem (with dotted paths the
 * UI can point at) or a normalized definition the compiler can trust. Pure: no I/O, never throws.
 *
 * Choices this module makes (the brief left them open):
 * - COUNT with a field is `count(col)`, the number of non-null values; key `count_<field>`.
 * - Relative ranges are checked against maxRangeDays in their worst case over any as-of and zone
 *   (calendar/periods.ts longestDays), so "last 12 MONTH" (at most 366 days) passes a 366-day
 *   limit while the compiler still re-checks the exact window.
 * - Time zones are normalized to one spelling (calendar/time-zones.ts); absent means UTC, which
 *   is what every definition saved before zones existed meant.
 * - Ordering comparisons (GT..LTE, BETWEEN) are refused on BOOLEAN columns; CONTAINS needs a
 *   non-empty string on a STRING column.
 * - DATE filter values must be calendar days (`2024-03-01`, or a date-time at 00:00 without an
 *   offset or in UTC): truncating a time of day would silently change what GT/LT mean.
 * - DATETIME values and fixed range bounds without an offset are wall times in the effective zone
 *   (a date is its midnight there); they are kept as written (canonical form: `2026-12-01`,
 *   `2026-12-01T09:30:00.000`) and resolved by the compiler, which knows the run's zone. Values
 *   with an offset become UTC instants (`…Z`). Temporal values must lie in 1970-01-01..2149-06-06,
 *   the range of ClickHouse's Date, which otherwise saturates out-of-range values silently.
 * - Numbers must lie within ±(2^53 - 1): chDB refuses to bind larger (unsafe) integers.
 * - Unknown properties are errors (a typo like `alais` must not be silently ignored).
 * - An output key may not equal a column of the source (or tenant_id) unless it is that very
 *   column as a plain dimension: ClickHouse resolves SELECT aliases inside WHERE, so
 *   `user_id AS tenant_id` would otherwise rewrite the tenant predicate.
 * - The normalized definition fills every alias with its output key, so it has the same shape as
 *   ReportDefinition, can be stored, and validates again to itself.
 */
import { findColumn, findTable, TENANT_COLUMN, type CatalogColumn, type CatalogTable } from '../catalog/catalog.js';
import { fixedBoundInstant, longestDays, parseBound } from '../calendar/periods.js';
import { normalizeTimeZone } from '../calendar/time-zones.js';
import { normalizeLocale } from '../exports/run-locale.js';
import {
  DEFAULT_ROW_LIMIT, FILTER_OPS, GRAINS, MEASURE_FNS, NAMED_PERIODS, SORT_DIRECTIONS, TIME_UNITS, WEEK_STARTS,
  type DefinitionError, type DefinitionLimits, type FilterOp, type FilterValue, type Grain,
  type MeasureFn, type NamedPeriod, type SortDirection, type TimeUnit, type WeekStart,
} from './definition.js';
import { COMPARE_MODES, type CompareMode } from './compare.js';
import {
  filterParameterProblems, normalizeParameterSpecs, resolveParameterValues,
  type NormalizedParameter, type ResolvedParameterValues,
} from './parameters/resolve.js';

export const DEFINITION_CAPS = { dimensions: 20, measures: 20, filters: 50, orderBy: 20, values: 1000, stringLength: 1000, lastN: 10_000 } as const;
export const ALIAS_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/i;
/** Inclusive bounds of temporal values: ClickHouse Date's range. */
export const MIN_INSTANT_MS = Date.UTC(1970, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2149, 5, 6);
const DAY_MS = 86_400_000;

export interface NormalizedDimension { field: string; grain: Grain | null; alias: string }
export interface NormalizedMeasure { fn: MeasureFn; field: string | null; alias: string }
/** With `param`, value and values are null: the run's value of that parameter is compared. */
export interface NormalizedFilter { field: string; op: FilterOp; value: FilterValue | null; values: FilterValue[] | null; param?: string }
/** Exactly one of `last`, `rolling`, `period` and `from`/`to` is set; from/to in canonical bound form (see the header). */
export interface NormalizedTimeRange {
  field: string;
  last: { n: number; unit: TimeUnit; includeCurrent: boolean } | null;
  rolling: { n: number; unit: TimeUnit } | null;
  period: NamedPeriod | null;
  from: string | null;
  to: string | null;
  /** A DATE_RANGE parameter the window comes from (then from/to are null): see effectiveTimeRange. */
  param?: string;
  /** Measures also over the period before, with the change in % (compare.ts); absent: no comparison. */
  compare?: CompareMode;
}
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
  timeZone: string;
  /** Canonical BCP 47 tag; null when the report names none (en-US then, see exports/run-locale.ts). */
  locale: string | null;
  weekStart: WeekStart;
  /** Rows as they are (only without measures); otherwise dimensions are grouped. */
  raw: boolean;
  /** Declared parameters; absent when none (a report without parameters is as it always was). */
  parameters?: NormalizedParameter[];
  /** A run's resolved values (every declared name; null: unset); absent outside a run. */
  parameterValues?: ResolvedParameterValues;
}
export type ValidationResult = { valid: true; definition: NormalizedDefinition } | { valid: false; errors: DefinitionError[] };

export function dimensionKey(field: string, grain: Grain | null): string {
  return grain ? `${field}_${grain.toLowerCase()}` : field;
}
export function measureKey(fn: MeasureFn, field: string | null): string {
  return field ? `${fn.toLowerCase()}_${field}` : 'count';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The canonical text of a temporal value: `YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SS.mmm` for a
 * wall time without offset (both read in the effective zone later), `toISOString()` for an instant.
 */
export function canonicalBound(text: string): string | null {
  const b = parseBound(text);
  if (!b) return null;
  if (b.offset !== null) return new Date(b.floating - b.offset).toISOString();
  const d = new Date(b.floating);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return b.hasTime ? `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}` : date;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;
const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ORDERED_OPS: FilterOp[] = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'];
const LIST_OPS: FilterOp[] = ['IN', 'NOT_IN'];
const NULL_OPS: FilterOp[] = ['IS_NULL', 'IS_NOT_NULL'];

/** Compares as ClickHouse does: strings bytewise in UTF-8, i.e. by code point; date-times as the instants they name in `timeZone`. */
function compareValues(a: FilterValue, b: FilterValue, timeZone: string | null): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (timeZone !== null) return fixedBoundInstant(String(a), timeZone)! - fixedBoundInstant(String(b), timeZone)!;
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
  /** A temporal value in canonical form, bounded to ClickHouse Date's range when read in `timeZone`. */
  bound(v: unknown, path: string, timeZone: string): { text: string; ms: number } | undefined {
    const text = typeof v === 'string' && v.length <= 64 ? canonicalBound(v.trim()) : null;
    if (text === null) return this.add(path, 'must be an ISO-8601 date or date-time');
    const ms = fixedBoundInstant(text, timeZone)!;
    if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) return this.add(path, 'must lie between 1970-01-01 and 2149-06-06');
    return { text, ms };
  }
  /** A filter operand checked against the column's kind, in its normalized form. */
  value(v: unknown, col: CatalogColumn, path: string, timeZone: string): FilterValue | undefined {
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
      case 'DATETIME':
        return this.bound(v, path, timeZone)?.text;
      case 'DATE': {
        const b = typeof v === 'string' ? parseBound(v.trim()) : null;
        const midnight = b !== null && (b.floating - (b.offset ?? 0)) % DAY_MS === 0;
        if (b && !midnight) return this.add(path, 'must be a calendar date (YYYY-MM-DD)');
        const checked = this.bound(v, path, 'UTC');
        return checked && new Date(checked.ms).toISOString().slice(0, 10);
      }
    }
  }
}

export function validateDefinition(def: unknown, limits: DefinitionLimits): ValidationResult {
  const c = new Checker();
  if (!c.shape(def, '', ['source', 'dimensions', 'measures', 'filters', 'timeRange', 'orderBy', 'rowLimit', 'timeZone', 'locale', 'weekStart', 'raw', 'parameters', 'parameterValues'])) {
    return { valid: false, errors: c.errors };
  }
  let timeZone = 'UTC';
  if (!absent(def.timeZone)) {
    const zone = normalizeTimeZone(def.timeZone);
    if (zone.ok) timeZone = zone.name;
    else c.add('timeZone', zone.message);
  }
  let locale: string | null = null;
  if (!absent(def.locale)) {
    const checked = normalizeLocale(def.locale);
    if (checked.ok) locale = checked.name;
    else c.add('locale', checked.message);
  }
  let weekStart: WeekStart = 'MONDAY';
  if (!absent(def.weekStart)) {
    if (oneOf(WEEK_STARTS, def.weekStart)) weekStart = def.weekStart;
    else c.add('weekStart', `must be one of ${WEEK_STARTS.join(', ')}`);
  }
  let raw = false;
  if (!absent(def.raw)) {
    if (typeof def.raw === 'boolean') raw = def.raw;
    else c.add('raw', 'must be true or false');
  }
  const table = typeof def.source === 'string' ? findTable(def.source) : undefined;
  if (!table) c.add('source', typeof def.source === 'string' ? `unknown table '${def.source}'` : 'must be a table name');

  const parameters = normalizeParameterSpecs(def.parameters, table, limits.maxRangeDays, c.errors);
  const parameterNamed = (name: unknown) => parameters.find((p) => p.name === name);

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
      else if (col && fn === 'COUNT_TRUE' && col.kind !== 'BOOLEAN') col = c.add(`${p}.field`, 'COUNT_TRUE needs a BOOLEAN column');
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
    if (!c.shape(f, p, ['field', 'op', 'value', 'values', 'param'])) return;
    const col = c.column(table, f.field, `${p}.field`, 'filter');
    const op = oneOf(FILTER_OPS, f.op) ? f.op : c.add(`${p}.op`, `must be one of ${FILTER_OPS.join(', ')}`);
    if (!op) return;
    if (!absent(f.param)) {
      if (!absent(f.value)) c.add(`${p}.value`, 'a filter takes its operand from value, values or param, not several');
      if (!absent(f.values)) c.add(`${p}.values`, 'a filter takes its operand from value, values or param, not several');
      const param = parameterNamed(f.param);
      if (!param) return c.add(`${p}.param`, parameters.length ? `must name a declared parameter (${parameters.map((x) => x.name).join(', ')})` : 'must name a declared parameter; this definition declares none');
      if (!col) return;
      const problems = filterParameterProblems(param, col, op, p);
      for (const e of problems) c.add(e.path, e.message);
      if (problems.length === 0) filters.push({ field: col.name, op, value: null, values: null, param: param.name });
      return;
    }
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
      const v = c.value(f.value, col, `${p}.value`, timeZone);
      if (v === undefined) return;
      if (op === 'CONTAINS' && v === '') return c.add(`${p}.value`, 'must not be empty');
      value = v;
    } else if (wantsList) {
      const [min, max] = op === 'BETWEEN' ? [2, 2] : [1, DEFINITION_CAPS.values];
      if (!Array.isArray(f.values) || f.values.length < min || f.values.length > max) {
        return c.add(`${p}.values`, op === 'BETWEEN' ? 'BETWEEN needs exactly 2 values' : `${op} needs 1 to ${max} values`);
      }
      if (!col) return;
      const checked = f.values.map((v, j) => c.value(v, col, `${p}.values.${j}`, timeZone));
      if (checked.some((v) => v === undefined)) return;
      values = checked as FilterValue[];
      if (op === 'BETWEEN' && compareValues(values[0]!, values[1]!, col.kind === 'DATETIME' ? timeZone : null) > 0) return c.add(`${p}.values`, 'the first bound must not exceed the second');
    }
    if (col) filters.push({ field: col.name, op, value, values });
  });

  let timeRange: NormalizedTimeRange | null = null;
  const tr = def.timeRange;
  if (!absent(tr) && c.shape(tr, 'timeRange', ['field', 'last', 'rolling', 'period', 'from', 'to', 'param', 'compare'])) {
    const col = absent(tr.field) ? (table && findColumn(table, table.defaultTimeColumn)) : c.column(table, tr.field, 'timeRange.field', 'time');
    const forms = [!absent(tr.last) && 'last', !absent(tr.rolling) && 'rolling', !absent(tr.period) && 'period', (!absent(tr.from) || !absent(tr.to)) && 'from/to', !absent(tr.param) && 'param'].filter(Boolean);
    const range: NormalizedTimeRange = { field: col?.name ?? '', last: null, rolling: null, period: null, from: null, to: null };
    const tooLong = (days: number) => days > limits.maxRangeDays;
    const units = (v: unknown, path: string, allowed: string[]): { n: number; unit: TimeUnit } | undefined => {
      if (!c.shape(v, path, allowed)) return undefined;
      const { n, unit } = v;
      const nOk = Number.isInteger(n) && (n as number) >= 1 && (n as number) <= DEFINITION_CAPS.lastN;
      if (!nOk) c.add(`${path}.n`, `must be a whole number from 1 to ${DEFINITION_CAPS.lastN}`);
      if (!oneOf(TIME_UNITS, unit)) return c.add(`${path}.unit`, `must be one of ${TIME_UNITS.join(', ')}`);
      return nOk ? { n: n as number, unit } : undefined;
    };
    if (forms.length > 1) c.add('timeRange', `give one of last, rolling, period, from/to or param, not ${forms.join(' and ')}`);
    else if (forms.length === 0) c.add('timeRange', 'choose a period: last, rolling, period or from/to');
    else if (forms[0] === 'param') {
      const param = parameterNamed(tr.param);
      if (!param || param.type !== 'DATE_RANGE') c.add('timeRange.param', 'must name a declared DATE_RANGE parameter');
      else if (!param.required && param.default === null) c.add('timeRange.param', `'${param.name}' drives the time range: make it required or give it a default`);
      else range.param = param.name;
    } else if (forms[0] === 'last') {
      const last = isObj(tr.last) ? tr.last : {};
      const includeCurrent = absent(last.includeCurrent) ? false : typeof last.includeCurrent === 'boolean' ? last.includeCurrent : c.add('timeRange.last.includeCurrent', 'must be true or false');
      const u = units(tr.last, 'timeRange.last', ['n', 'unit', 'includeCurrent']);
      if (u && includeCurrent !== undefined) {
        if (tooLong(longestDays({ kind: 'last', ...u, includeCurrent }))) c.add('timeRange.last.n', `the range may cover more than ${limits.maxRangeDays} days`);
        else range.last = { ...u, includeCurrent };
      }
    } else if (forms[0] === 'rolling') {
      const u = units(tr.rolling, 'timeRange.rolling', ['n', 'unit']);
      if (u) {
        if (tooLong(longestDays({ kind: 'rolling', ...u }))) c.add('timeRange.rolling.n', `the range may cover more than ${limits.maxRangeDays} days`);
        else range.rolling = u;
      }
    } else if (forms[0] === 'period') {
      if (!oneOf(NAMED_PERIODS, tr.period)) c.add('timeRange.period', `must be one of ${NAMED_PERIODS.join(', ')}`);
      else if (tooLong(longestDays({ kind: 'period', period: tr.period }))) c.add('timeRange.period', `the period may cover more than ${limits.maxRangeDays} days`);
      else range.period = tr.period;
    } else {
      const from = absent(tr.from) ? c.add('timeRange.from', 'needs a start as well as an end') : c.bound(tr.from, 'timeRange.from', timeZone);
      const to = absent(tr.to) ? c.add('timeRange.to', 'needs an end as well as a start') : c.bound(tr.to, 'timeRange.to', timeZone);
      if (from !== undefined && to !== undefined) {
        if (from.ms >= to.ms) c.add('timeRange.to', 'must be after the start (the end is exclusive)');
        // An hour of slack: a calendar day range across a DST change is an hour longer.
        else if (to.ms - from.ms > limits.maxRangeDays * DAY_MS + 3_600_000) c.add('timeRange.to', `the range covers more than ${limits.maxRangeDays} days`);
        else Object.assign(range, { from: from.text, to: to.text });
      }
    }
    if (!absent(tr.compare)) {
      if (!oneOf(COMPARE_MODES, tr.compare)) c.add('timeRange.compare', `must be one of ${COMPARE_MODES.join(', ')}`);
      else if (!nonEmpty(def.measures)) c.add('timeRange.compare', 'a comparison compares measures: add one');
      else if (col && dimensions.some((d) => d.field === col.name && d.grain)) c.add('timeRange.compare', `rows bucketed by ${col.name} fall in one period or the other: remove that time dimension to compare the periods`);
      else range.compare = tr.compare;
    }
    if (col && (range.last || range.rolling || range.period || range.from || range.param)) timeRange = range;
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

  let parameterValues: ResolvedParameterValues | undefined;
  if (!absent(def.parameterValues)) {
    const resolved = resolveParameterValues(parameters, def.parameterValues, 'parameterValues', limits.maxRangeDays);
    if (resolved.ok) parameterValues = resolved.values;
    else for (const e of resolved.errors) c.add(e.path, e.message);
  }

  if (raw && nonEmpty(def.measures)) c.add('raw', 'a report with measures groups its rows; remove the measures to list rows as they are');
  if (c.errors.length > 0 || !table) return { valid: false, errors: c.errors };
  const definition: NormalizedDefinition = { source: table.name, dimensions, measures, filters, timeRange, orderBy, rowLimit, timeZone, locale, weekStart, raw };
  if (parameters.length) definition.parameters = parameters;
  if (parameterValues) definition.parameterValues = parameterValues;
  return { valid: true, definition };
}
