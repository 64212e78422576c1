/**
 * The query compiler: a validated definition + tenant + as-of time → ClickHouse SQL and params.
 * Pure: no I/O, no imports from platform/. compileCsvReport renders the same plan (same WHERE,
 * parameters, order and limit) with every column formatted to its CSV field text in SQL, for CSV
 * exports the engine writes itself (csv-sql.ts); its column aliases are fixed `csv_N` names and its
 * SQL fragments constants, so the rules below hold for it unchanged.
 *
 * Safety rules, each enforced here and not only trusted from validation:
 * - Identifiers come from the catalog (looked up again here) or are output keys, and all pass
 *   quoteIdent; no other text a user typed enters the SQL.
 * - Every value is a server-side bound parameter `{name:Type}`: filter operands `p0, p1, ...`
 *   (a filter on a report parameter: `p_<parameter name>`, parameters/bind.ts),
 *   `tenant`, `from`/`to`, `limit`, and for pages `page_limit`/`page_offset`.
 * - `tenant_id = {tenant:String}` is the first predicate of every query; the page and count
 *   wrappers only ever select from the compiled query.
 * - No output key may name a source column (other than itself as a plain dimension): ClickHouse
 *   resolves SELECT aliases in WHERE, so such an alias would rewrite predicates (see
 *   validate-definition.ts). Checked again here.
 * - Masking (catalog/masking.ts), when a policy is passed in: a HIDDEN column is neither output nor
 *   compared with a value, a HASHED one is output as the HMAC-SHA256 of its text under the tenant's
 *   key (bound as `mask_ikey`/`mask_okey`) and compared only with such hashes; a clear value
 *   against a masked column is refused (maskingViolations), never answered with nothing. A hashed
 *   column keeps its output key (a saved order still applies), so its source column is referred to
 *   table-qualified (`usage_events`.`user_id`) wherever it is masked: the alias then cannot turn a
 *   predicate on the clear column into one on the hash, or the hash into a hash of the hash.
 *
 * How parameter values must be passed (found by experiment with chDB 3.4 `queryBindAsync`, and
 * chosen to mean the same through @clickhouse/client's `query_params`):
 * - DateTime64(3, 'UTC'): a string `YYYY-MM-DD HH:MM:SS.mmm` in UTC. A JS Date loses its
 *   milliseconds in chDB (formatted `YYYY-MM-DD HH:MM:SS`) and becomes a Unix timestamp in
 *   @clickhouse/client; an ISO string with `T`/`Z` is rejected ("isn't parsed completely").
 * - Date: a string `YYYY-MM-DD` (out-of-range dates saturate silently, so validation bounds them).
 * - String: the raw JS string (the adapters escape it; quotes, backslashes, NUL, newlines and
 *   `{p0:String}`-looking text all arrive verbatim). Array(String): a JS array of strings.
 * - Float64 / Array(Float64): JS numbers. chDB refuses integers beyond ±2^53 ("Refusing to
 *   serialize unsafe integer"), so validation bounds numbers; an array of numeric strings does
 *   NOT parse as Array(Float64), so numeric strings are converted during validation.
 * - Bool / Array(Bool): JS booleans. UInt64 (limits, offsets): JS numbers.
 */
import { findColumn, findTable, TENANT_COLUMN, type CatalogColumn, type CatalogTable, type ColumnKind } from '../catalog/catalog.js';
import { quoteIdent } from '../catalog/sql-identifier.js';
import { classOf, MASKED_VALUE_PATTERN, type ColumnMasking, type MaskMode } from '../catalog/masking.js';
import type { CsvTimestampFormat } from '../exports/writers/writer.js';
import { CSV_QUERY_FORMAT, CSV_QUERY_SETTINGS, csvFieldSql } from './csv-sql.js';
import { XLSX_QUERY_FORMAT, XLSX_QUERY_SETTINGS, xlsxCellSql, xlsxRowSql } from './xlsx-sql.js';
import { columnLetters } from '../exports/writers/xlsx-cells.js';
import type { EngineCellStyles, EngineSheetLayout } from '../exports/writers/xlsx-sheet-xml.js';
import type { DefinitionError, FilterValue, MeasureFn } from './definition.js';
import { fixedBoundInstant, resolveRange, type RangeSpec } from '../calendar/periods.js';
import { floatingAt } from '../calendar/zone-clock.js';
import { applyParameterValues } from './parameters/bind.js';
import { changePercentSql, conditionalAggregate, previousWindow } from './compare.js';
import {
  ALIAS_PATTERN, dimensionKey, MAX_INSTANT_MS, measureKey, MIN_INSTANT_MS,
  type NormalizedDefinition, type NormalizedFilter,
} from './validate-definition.js';

export interface OutputColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** ClickHouse type of the result column. */
  chType: string;
}

export interface CompiledQuery {
  sql: string;
  params: Record<string, unknown>;
  columns: OutputColumn[];
  /** The total ORDER BY over output keys (`` `date` DESC, `event_type` ASC ``); '' when none. */
  orderBy: string;
}

export interface CompileContext {
  tenantId: string;
  /** The instant relative ranges resolve against. */
  asOf: Date;
  database: string;
  maxRangeDays: number;
  /**
   * The run's effective IANA zone (already validated): buckets, calendar ranges and wall times
   * without an offset are read in it. See exports/run-zone.ts for how a run decides it.
   */
  timeZone: string;
  /**
   * The viewer's masking (catalog/masking.ts): the modes of their role under the tenant's policy
   * and the tenant's HMAC key. Absent or null: every column clear, for trusted internal reads and
   * tests only; every path that shows rows to a person passes it.
   */
  masking?: ColumnMasking | null;
}

/** A definition the compiler refuses (e.g. a window longer than maxRangeDays at this as-of). */
export class DefinitionRejected extends Error {
  constructor(readonly errors: DefinitionError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'DefinitionRejected';
  }
}

const DAY_MS = 86_400_000;
const DATETIME_PARAM = "DateTime64(3, 'UTC')";
const PARAM_TYPE: Record<ColumnKind, string> = {
  STRING: 'String', NUMBER: 'Float64', BOOLEAN: 'Bool', DATETIME: DATETIME_PARAM, DATE: 'Date',
};
const COMPARISON: Record<string, string> = { EQ: '=', NEQ: '!=', GT: '>', GTE: '>=', LT: '<', LTE: '<=' };
const AGGREGATE: Record<MeasureFn, string> = { COUNT: 'count', UNIQ: 'uniqExact', SUM: 'sum', AVG: 'avg', MIN: 'min', MAX: 'max', COUNT_TRUE: 'countIf' };
const MEASURE_LABEL: Record<MeasureFn, string> = { COUNT: 'Count of', UNIQ: 'Unique', SUM: 'Sum of', AVG: 'Average', MIN: 'Min', MAX: 'Max', COUNT_TRUE: 'Rows with' };

/** An alias as a column heading: `total_events` → `Total events`. */
export function humanize(alias: string): string {
  const words = alias.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `YYYY-MM-DD HH:MM:SS.mmm`, the DateTime64 parameter form both adapters pass through. */
export function dateTimeParam(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ');
}

/** The calendar/periods.ts form of a normalized time range. */
export function rangeSpecOf(tr: NonNullable<NormalizedDefinition['timeRange']>): RangeSpec {
  if (tr.last) return { kind: 'last', ...tr.last };
  if (tr.rolling) return { kind: 'rolling', ...tr.rolling };
  if (tr.period) return { kind: 'period', period: tr.period };
  if (tr.from === null || tr.to === null) throw new DefinitionRejected([{ path: 'timeRange', message: 'needs a start and an end' }]);
  return { kind: 'fixed', from: tr.from, to: tr.to };
}

/**
 * The window [from, to) the definition covers at `asOf` in the effective zone `timeZone`, or null
 * without a time range (the rule: calendar/periods.ts).
 */
export function resolveTimeWindow(def: NormalizedDefinition, asOf: Date, timeZone: string): { from: Date; to: Date } | null {
  const tr = withParameters(def).timeRange;
  if (!tr) return null;
  let window;
  try {
    window = resolveRange(rangeSpecOf(tr), asOf.getTime(), { timeZone, weekStart: def.weekStart });
  } catch (error) {
    if (error instanceof RangeError) throw new DefinitionRejected([{ path: 'timeRange', message: 'needs a valid start and end' }]);
    throw error;
  }
  return { from: new Date(window.from), to: new Date(window.to) };
}

/** The definition with its parameter references replaced by the run's values (or refused). */
function withParameters(def: NormalizedDefinition): NormalizedDefinition {
  const bound = applyParameterValues(def);
  if (!bound.ok) throw new DefinitionRejected(bound.errors);
  return bound.definition;
}

class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;
  private named: string | null = null;
  /** Binds within `fn` are named after a report parameter (`p_platform`, then `p_platform_2`, ...). */
  namedAfter<T>(name: string, fn: () => T): T {
    this.named = `p_${name}`;
    try { return fn(); } finally { this.named = null; }
  }
  /** Binds a value under a fresh name; returns its `{pN:Type}` placeholder. */
  bind(type: string, value: unknown): string {
    let name = `p${this.next++}`;
    if (this.named !== null) {
      name = this.named;
      for (let n = 2; name in this.values; n++) name = `${this.named}_${n}`;
    }
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}

function paramValue(kind: ColumnKind, v: FilterValue, timeZone: string): unknown {
  if (kind === 'DATETIME') {
    const ms = fixedBoundInstant(String(v), timeZone);
    if (ms === null) throw new DefinitionRejected([{ path: 'filters', message: `invalid instant ${String(v)}` }]);
    return dateTimeParam(new Date(ms));
  }
  if (kind === 'NUMBER') return Number(v);
  return v;
}

function column(table: CatalogTable, name: string | null, path: string): CatalogColumn {
  const col = name === null ? undefined : findColumn(table, name);
  if (!col) throw new DefinitionRejected([{ path, message: `unknown column '${String(name)}'` }]);
  return col;
}

/** UUIDs compare as text: a String parameter that is not a UUID would otherwise fail the query. */
function operand(col: CatalogColumn): string {
  return col.chType === 'UUID' ? `toString(${quoteIdent(col.name)})` : quoteIdent(col.name);
}

function maskOf(table: CatalogTable, col: CatalogColumn, masking: ColumnMasking | null | undefined): MaskMode {
  return masking ? masking.modes[classOf(table.name, col, masking.classes)] : 'CLEAR';
}

/** Filter operators that compare a column with a value, as opposed to testing it for null. */
const VALUE_FREE_OPS = new Set(['IS_NULL', 'IS_NOT_NULL']);
/** The operators a HASHED column may be filtered with, and then only against hashes. */
const HASH_OPS = new Set(['EQ', 'NEQ', 'IN', 'NOT_IN']);

/**
 * What a definition asks of masked columns that the viewer's masking forbids, each at the path of
 * the offending field (empty: allowed). Services turn these into BAD_USER_INPUT before running
 * anything; the compiler refuses them again (DefinitionRejected).
 */
export function maskingViolations(unbound: NormalizedDefinition, masking: ColumnMasking | null | undefined): DefinitionError[] {
  // Parameter values are compared like literal ones: a clear value for a masked column is refused.
  const bound = applyParameterValues(unbound);
  if (!bound.ok) return bound.errors;
  const def = bound.definition;
  const table = findTable(def.source);
  if (!masking || !table) return [];
  const errors: DefinitionError[] = [];
  const role = masking.role;
  const check = (name: string | null, path: string, allowed: (mode: MaskMode) => string | null) => {
    const col = name === null ? undefined : findColumn(table, name);
    if (!col) return;
    const mode = maskOf(table, col, masking);
    if (mode === 'CLEAR') return;
    const why = allowed(mode);
    if (why) errors.push({ path, message: `${col.label} (${col.name}) is ${classOf(table.name, col, masking.classes)}, ${mode} for the ${role} role by the tenant's masking policy: ${why}` });
  };
  def.dimensions.forEach((d, i) => check(d.field, `dimensions.${i}.field`, (mode) =>
    mode === 'HIDDEN' ? 'it cannot be shown' : d.grain ? 'a hashed column has no time buckets' : null));
  def.measures.forEach((m, i) => check(m.field, `measures.${i}.field`, () =>
    // Counting distinct values reveals none of them; SUM/AVG/MIN/MAX would (MIN of an id is an id).
    m.fn === 'UNIQ' || m.fn === 'COUNT' ? null : `${m.fn} would reveal its values (COUNT and UNIQ work)`));
  def.filters.forEach((f, i) => check(f.field, `filters.${i}.field`, (mode) => {
    if (VALUE_FREE_OPS.has(f.op)) return null;
    if (mode === 'HIDDEN') return 'it cannot be compared with a value';
    const operands = f.values ?? (f.value === null || f.value === undefined ? [] : [f.value]);
    if (!HASH_OPS.has(f.op)) return `${f.op} on a hashed column would compare clear values (use EQ, NEQ, IN or NOT_IN with hashed values)`;
    return operands.every((v) => typeof v === 'string' && MASKED_VALUE_PATTERN.test(v))
      ? null : 'it can only be compared with hashed values as exports show them, not with a clear value';
  }));
  if (def.timeRange) check(def.timeRange.field, 'timeRange.field', () => 'it cannot bound a time range');
  return errors;
}

/**
 * HMAC-SHA256 (RFC 2104) of the column's text under the tenant's key, as upper-case hex, from the
 * padded keys bound as parameters: ClickHouse has SHA256 but no HMAC. NULL stays NULL.
 */
function hashedSql(table: CatalogTable, col: CatalogColumn): string {
  const qualified = `${quoteIdent(table.name)}.${quoteIdent(col.name)}`;
  return `hex(SHA256(concat(unhex({mask_okey:String}), SHA256(concat(unhex({mask_ikey:String}), toString(${qualified}))))))`;
}

function filterSql(f: NormalizedFilter, col: CatalogColumn, params: Params, timeZone: string, hashed: string | null = null): string {
  if (hashed !== null) {
    // Only EQ/NEQ/IN/NOT_IN with hashes get here (maskingViolations); hex() writes upper case.
    const hash = (v: FilterValue) => String(v).toUpperCase();
    switch (f.op) {
      case 'IS_NULL': return `isNull(${hashed})`;
      case 'IS_NOT_NULL': return `isNotNull(${hashed})`;
      case 'IN': return `${hashed} IN ${params.bind('Array(String)', (f.values ?? []).map(hash))}`;
      case 'NOT_IN': return `${hashed} NOT IN ${params.bind('Array(String)', (f.values ?? []).map(hash))}`;
      case 'EQ': case 'NEQ': return `${hashed} ${COMPARISON[f.op]} ${params.bind('String', hash(f.value!))}`;
      default: throw new DefinitionRejected([{ path: 'filters', message: `${f.op} is not allowed on a hashed column` }]);
    }
  }
  const lhs = operand(col);
  const type = PARAM_TYPE[col.kind];
  const value = (v: FilterValue) => paramValue(col.kind, v, timeZone);
  const one = () => params.bind(type, value(f.value!));
  const list = () => params.bind(`Array(${type})`, (f.values ?? []).map(value));
  switch (f.op) {
    case 'IS_NULL': return `isNull(${lhs})`;
    case 'IS_NOT_NULL': return `isNotNull(${lhs})`;
    case 'IN': return `${lhs} IN ${list()}`;
    case 'NOT_IN': return `${lhs} NOT IN ${list()}`;
    case 'BETWEEN': {
      const [lo, hi] = f.values ?? [];
      return `${lhs} BETWEEN ${params.bind(type, value(lo!))} AND ${params.bind(type, value(hi!))}`;
    }
    // Substring search without LIKE, so `%` and `_` in the value are plain characters.
    case 'CONTAINS': return `positionCaseInsensitiveUTF8(${lhs}, ${params.bind('String', String(f.value))}) > 0`;
    default: return `${lhs} ${COMPARISON[f.op]} ${one()}`;
  }
}

/** sum() widens integers to 64 bits and floats to Float64, keeping Nullable. */
function sumType(chType: string): string {
  const nullable = /^Nullable\((.*)\)$/.exec(chType);
  const base = nullable ? nullable[1]! : chType;
  const wide = /^UInt/.test(base) ? 'UInt64' : /^Int/.test(base) ? 'Int64' : /^Float/.test(base) ? 'Float64' : base;
  return nullable ? `Nullable(${wide})` : wide;
}

/**
 * A time bucket in the effective zone (the `{tz:String}` parameter), or on the calendar for a DATE
 * column. Days and longer come back as Date (a calendar date: never shifted again by a reader's
 * zone); HOUR as the DateTime64(0, 'UTC') instant at which the local hour began (64-bit: source
 * values reach 2299, past DateTime's 2106).
 *
 * HOUR is the instant minus the minutes and seconds the local clock shows (toMinute/toSecond in
 * the zone), instead of toStartOfHour(x, tz): the same rule as the range resolver
 * (calendar/periods.ts), right in Kathmandu (+05:45: buckets start at xx:15 UTC) and across
 * fall-back (01:00 EDT and 01:00 EST are two buckets). toStartOfHour with a zone returns a
 * 30-minute-shifted hour on Lord Howe's fall-back night, and timeZoneOffset is wrong in
 * Kiritimati and Apia (both checked in chDB 26.7).
 */
function bucketSql(id: string, kind: ColumnKind, grain: NonNullable<NormalizedDefinition['dimensions'][number]['grain']>, weekStart: NormalizedDefinition['weekStart'], path: string): { expr: string; kind: ColumnKind; chType: string } {
  if (kind !== 'DATETIME' && kind !== 'DATE') throw new DefinitionRejected([{ path, message: 'grain needs a date or time column' }]);
  if (grain === 'HOUR') {
    if (kind !== 'DATETIME') throw new DefinitionRejected([{ path, message: 'HOUR needs a DATETIME column' }]);
    const intoHour = `toIntervalSecond(toMinute(${id}, {tz:String}) * 60 + toSecond(${id}, {tz:String}))`;
    return { expr: `toDateTime64(${id} - ${intoHour}, 0, 'UTC')`, kind: 'DATETIME', chType: "DateTime64(0, 'UTC')" };
  }
  const zone = kind === 'DATETIME' ? ', {tz:String}' : '';
  const fn = {
    DAY: `toDate(${id}${zone})`,
    WEEK: weekStart === 'SUNDAY' ? `toStartOfWeek(${id}, 0${zone})` : `toMonday(${id}${zone})`,
    MONTH: `toStartOfMonth(${id}${zone})`,
    QUARTER: `toStartOfQuarter(${id}${zone})`,
    YEAR: `toStartOfYear(${id}${zone})`,
  }[grain];
  return { expr: fn, kind: 'DATE', chType: 'Date' };
}

/** One output column with the SQL expression computing it (before any alias). */
interface PlannedColumn extends OutputColumn {
  expr: string;
}

/** A validated definition resolved against the catalog: the parts compileReport and compileCsvReport render. */
interface ReportPlan {
  table: CatalogTable;
  columns: PlannedColumn[];
  /** Output keys grouped by (dimensions), in order. */
  groupKeys: string[];
  grouped: boolean;
  where: string[];
  /** The total order, as output keys. */
  order: { key: string; direction: 'ASC' | 'DESC' }[];
  params: Record<string, unknown>;
}

function planReport(unbound: NormalizedDefinition, ctx: CompileContext): ReportPlan {
  const def = withParameters(unbound);
  const table = findTable(def.source);
  if (!table) throw new DefinitionRejected([{ path: 'source', message: `unknown table '${def.source}'` }]);
  const refused = maskingViolations(def, ctx.masking);
  if (refused.length) throw new DefinitionRejected(refused);
  const hashedOf = (col: CatalogColumn): string | null => (maskOf(table, col, ctx.masking) === 'HASHED' ? hashedSql(table, col) : null);
  let usesMaskKey = false;
  const hashed = (col: CatalogColumn): string | null => {
    const sql = hashedOf(col);
    if (sql) usesMaskKey = true;
    return sql;
  };
  const params = new Params();
  const columns: PlannedColumn[] = [];
  const usesZone = def.dimensions.some((d) => d.grain && findColumn(table, d.field)?.kind === 'DATETIME');
  const groupKeys: string[] = [];
  const keys = new Set<string>();
  /** Output keys are checked before they reach SQL text; see the header on column names. */
  const claim = (key: string, path: string, plainColumn: string | null): string => {
    if (!ALIAS_PATTERN.test(key) || keys.has(key) || ((key === TENANT_COLUMN || findColumn(table, key)) && plainColumn !== key)) {
      throw new DefinitionRejected([{ path, message: `output key '${key}' is not allowed here` }]);
    }
    keys.add(key);
    return key;
  };

  def.dimensions.forEach((d, i) => {
    const col = column(table, d.field, `dimensions.${i}.field`);
    const key = claim(d.alias || dimensionKey(col.name, d.grain), `dimensions.${i}.alias`, d.grain ? null : col.name);
    const bucket = d.grain ? bucketSql(quoteIdent(col.name), col.kind, d.grain, def.weekStart, `dimensions.${i}.grain`) : null;
    const hash = bucket ? null : hashed(col);
    const expr = bucket?.expr ?? hash ?? quoteIdent(col.name);
    const out: Pick<OutputColumn, 'kind' | 'chType'> = bucket ? { kind: bucket.kind, chType: bucket.chType }
      : hash ? { kind: 'STRING', chType: col.nullable ? 'Nullable(String)' : 'String' } : { kind: col.kind, chType: col.chType };
    const named = d.alias && d.alias !== dimensionKey(col.name, d.grain) ? humanize(d.alias) : d.grain ? `${col.label} (${d.grain.toLowerCase()})` : col.label;
    // Whoever reads the file sees that the values are not the ids themselves.
    const label = hash ? `${named} (hashed)` : named;
    columns.push({ key, label, ...out, expr });
    groupKeys.push(key);
  });

  // A comparison (compare.ts): each measure over the window (from `from` on) and over the period
  // before it (up to `from`); the WHERE below then starts at the previous period's start.
  const compareCol = def.timeRange?.compare ? column(table, def.timeRange.field, 'timeRange.field') : null;
  const fromParam = compareCol ? `{from:${compareCol.kind === 'DATE' ? 'Date' : DATETIME_PARAM}}` : '';
  def.measures.forEach((m, i) => {
    const col = m.field === null ? null : column(table, m.field, `measures.${i}.field`);
    if (!col && m.fn !== 'COUNT') throw new DefinitionRejected([{ path: `measures.${i}.field`, message: `${m.fn} needs a field` }]);
    const key = claim(m.alias || measureKey(m.fn, m.field), `measures.${i}.alias`, null);
    if (m.fn === 'COUNT_TRUE' && col!.kind !== 'BOOLEAN') throw new DefinitionRejected([{ path: `measures.${i}.field`, message: 'COUNT_TRUE needs a BOOLEAN column' }]);
    const chType = m.fn === 'COUNT' || m.fn === 'UNIQ' || m.fn === 'COUNT_TRUE' ? 'UInt64'
      : m.fn === 'SUM' ? sumType(col!.chType)
      : m.fn === 'AVG' ? (col!.nullable ? 'Nullable(Float64)' : 'Float64')
      : col!.chType;
    const kind: ColumnKind = m.fn === 'MIN' || m.fn === 'MAX' ? col!.kind : 'NUMBER';
    const derived = col ? `${MEASURE_LABEL[m.fn]} ${col.label}` : 'Count';
    const label = m.alias && m.alias !== measureKey(m.fn, m.field) ? humanize(m.alias) : derived;
    // UNIQ over a masked column counts the clear values (the same number as the hashes'), referred
    // to table-qualified: a hashed dimension's alias would otherwise stand for the column here.
    const arg = !col ? '' : maskOf(table, col, ctx.masking) === 'CLEAR' ? quoteIdent(col.name) : `${quoteIdent(table.name)}.${quoteIdent(col.name)}`;
    if (!compareCol) {
      columns.push({ key, label, kind, chType, expr: `${AGGREGATE[m.fn]}(${arg})` });
      return;
    }
    // Either period may have no rows in a group: AVG/MIN/MAX are then NULL (not nan, not 0).
    const orNull = m.fn === 'AVG' || m.fn === 'MIN' || m.fn === 'MAX';
    const periodType = orNull && !chType.startsWith('Nullable(') ? `Nullable(${chType})` : chType;
    const over = (cond: string) => (orNull ? `${AGGREGATE[m.fn]}OrNullIf(${arg}, ${cond})`
      : conditionalAggregate(AGGREGATE[m.fn] as Parameters<typeof conditionalAggregate>[0], arg, cond));
    const current = over(`${quoteIdent(compareCol.name)} >= ${fromParam}`);
    const previous = over(`${quoteIdent(compareCol.name)} < ${fromParam}`);
    columns.push({ key, label, kind, chType: periodType, expr: current });
    columns.push({ key: claim(`${key}_previous`, `measures.${i}.alias`, null), label: `${label} (previous period)`, kind, chType: periodType, expr: previous });
    if (kind === 'NUMBER') {
      columns.push({ key: claim(`${key}_change_pct`, `measures.${i}.alias`, null), label: `${label} change %`, kind: 'NUMBER', chType: 'Nullable(Float64)', expr: changePercentSql(current, previous) });
    }
  });

  if (columns.length === 0) throw new DefinitionRejected([{ path: 'dimensions', message: 'a report needs at least one dimension or measure' }]);

  // Tenant first: it is the leading column of every table's sorting key.
  const where = [`${quoteIdent(TENANT_COLUMN)} = {tenant:String}`];
  const allParams: Record<string, unknown> = { tenant: ctx.tenantId };
  // Bucket functions read the zone from this parameter (ClickHouse takes a bound constant there).
  if (usesZone) allParams.tz = ctx.timeZone;
  const window = resolveTimeWindow(def, ctx.asOf, ctx.timeZone);
  if (window && def.timeRange) {
    const span = window.to.getTime() - window.from.getTime();
    // Empty is allowed: "month to date" at the first instant of a month covers nothing yet.
    if (!(span >= 0)) throw new DefinitionRejected([{ path: 'timeRange', message: 'the range ends before it starts' }]);
    // An hour of slack: 366 calendar days across a DST change are an hour longer.
    if (span > ctx.maxRangeDays * DAY_MS + 3_600_000) throw new DefinitionRejected([{ path: 'timeRange', message: `the range covers more than ${ctx.maxRangeDays} days` }]);
    const col = column(table, def.timeRange.field, 'timeRange.field');
    if (col.kind === 'DATE') {
      // A day d is in the window when its start, d 00:00 in the zone, is: from <= d < to ⇔
      // d >= ceil(from), d < ceil(to), days read on the zone's calendar. Clamped to Date's range,
      // which would otherwise saturate (or wrap) out-of-range bounds.
      const ceilDay = (d: Date) => {
        const floating = floatingAt(d.getTime(), ctx.timeZone);
        const ms = Math.min(Math.max(Math.ceil(floating / DAY_MS) * DAY_MS, MIN_INSTANT_MS), MAX_INSTANT_MS);
        return new Date(ms).toISOString().slice(0, 10);
      };
      where.push(`${quoteIdent(col.name)} >= {${compareCol ? 'cmp_from' : 'from'}:Date}`, `${quoteIdent(col.name)} < {to:Date}`);
      Object.assign(allParams, { from: ceilDay(window.from), to: ceilDay(window.to) });
      if (compareCol) allParams.cmp_from = ceilDay(previousWindow(window, ctx.timeZone).from);
    } else if (col.kind === 'DATETIME') {
      where.push(`${quoteIdent(col.name)} >= {${compareCol ? 'cmp_from' : 'from'}:${DATETIME_PARAM}}`, `${quoteIdent(col.name)} < {to:${DATETIME_PARAM}}`);
      Object.assign(allParams, { from: dateTimeParam(window.from), to: dateTimeParam(window.to) });
      if (compareCol) allParams.cmp_from = dateTimeParam(previousWindow(window, ctx.timeZone).from);
    } else {
      throw new DefinitionRejected([{ path: 'timeRange.field', message: `'${col.name}' is not a time column` }]);
    }
  }
  def.filters.forEach((f, i) => {
    const col = column(table, f.field, `filters.${i}.field`);
    const mode = maskOf(table, col, ctx.masking);
    // A HIDDEN column only gets here tested for null: the qualified name, never an alias.
    if (mode === 'HIDDEN') {
      where.push(`${f.op === 'IS_NULL' ? 'isNull' : 'isNotNull'}(${quoteIdent(table.name)}.${quoteIdent(col.name)})`);
      return;
    }
    const sql = () => filterSql(f, col, params, ctx.timeZone, hashed(col));
    where.push(f.param ? params.namedAfter(f.param, sql) : sql());
  });
  if (usesMaskKey) Object.assign(allParams, { mask_ikey: ctx.masking!.innerKeyHex, mask_okey: ctx.masking!.outerKeyHex });

  // Total order: the user's keys first, then every group key (raw reports: every column), so that
  // LIMIT/OFFSET paging over the result neither skips nor repeats rows.
  const order = def.orderBy.map((o) => {
    if (!keys.has(o.key)) throw new DefinitionRejected([{ path: 'orderBy', message: `unknown key '${o.key}'` }]);
    return { key: o.key, direction: o.direction === 'DESC' ? 'DESC' as const : 'ASC' as const };
  });
  const ordered = new Set(def.orderBy.map((o) => o.key));
  for (const key of groupKeys) if (!ordered.has(key)) order.push({ key, direction: 'ASC' });

  return {
    // Dimensions without measures are grouped too (distinct combinations), unless raw rows were asked for.
    table, columns, groupKeys, grouped: groupKeys.length > 0 && !def.raw, where, order,
    params: { ...allParams, ...params.values, limit: def.rowLimit },
  };
}

export function compileReport(def: NormalizedDefinition, ctx: CompileContext): CompiledQuery {
  const plan = planReport(def, ctx);
  const select = plan.columns.map((c) => (c.expr === quoteIdent(c.key) ? c.expr : `${c.expr} AS ${quoteIdent(c.key)}`));
  const orderBy = plan.order.map((o) => `${quoteIdent(o.key)} ${o.direction}`).join(', ');
  const sql = [
    `SELECT ${select.join(', ')}`,
    `FROM ${quoteIdent(ctx.database)}.${quoteIdent(plan.table.name)}`,
    `WHERE ${plan.where.join(' AND ')}`,
    ...(plan.grouped ? [`GROUP BY ${plan.groupKeys.map(quoteIdent).join(', ')}`] : []),
    ...(orderBy ? [`ORDER BY ${orderBy}`] : []),
    'LIMIT {limit:UInt64}',
  ].join('\n');
  return { sql, params: plan.params, columns: plan.columns.map(({ expr: _expr, ...c }) => c), orderBy };
}

/** A report query whose every column is already its CSV field text (see csv-sql.ts). */
export interface CompiledCsvQuery extends CompiledQuery {
  /** The output format to stream it in, and the settings that make that format write plain CSV rows. */
  format: typeof CSV_QUERY_FORMAT;
  settings: Readonly<Record<string, string | number>>;
}

export type CsvCompileResult =
  | { ok: true; query: CompiledCsvQuery }
  /** The engine cannot write these columns exactly as the JS writer does: export through the writer. */
  | { ok: false; reason: string };

/**
 * The report of compileReport with its rows formatted to CSV in SQL: the same rows in the same
 * order, each column the exact field text the JS CSV writer would write for the value
 * compileReport's query returns, so that the engine writes the CSV data rows itself (header and
 * BOM stay with the JS side). Same FROM, WHERE, parameters and LIMIT; it is not wrapped around
 * compileReport's query (the rows are sorted once): GROUP BY and ORDER BY repeat the output
 * expressions instead of naming the keys, since the SELECT list now holds text under other names.
 * Columns are `csv_0`, `csv_1`, … (never a catalog column, so WHERE cannot pick them up).
 */
export function compileCsvReport(def: NormalizedDefinition, ctx: CompileContext, csvTimestamps?: CsvTimestampFormat): CsvCompileResult {
  const plan = planReport(def, ctx);
  const select: string[] = [];
  for (const [i, c] of plan.columns.entries()) {
    const field = csvFieldSql(c.expr, c.kind, c.chType, { timeZone: ctx.timeZone, csvTimestamps });
    if (field === null) return { ok: false, reason: `column '${c.key}' (${c.chType}) has no exact engine CSV form` };
    const alias = `csv_${i}`;
    if (alias === TENANT_COLUMN || findColumn(plan.table, alias)) return { ok: false, reason: `${alias} names a column of ${plan.table.name}` };
    select.push(`${field} AS ${quoteIdent(alias)}`);
  }
  const exprOf = new Map(plan.columns.map((c) => [c.key, c.expr]));
  const orderBy = plan.order.map((o) => `${exprOf.get(o.key)!} ${o.direction}`).join(', ');
  const sql = [
    `SELECT ${select.join(', ')}`,
    `FROM ${quoteIdent(ctx.database)}.${quoteIdent(plan.table.name)}`,
    `WHERE ${plan.where.join(' AND ')}`,
    ...(plan.grouped ? [`GROUP BY ${plan.groupKeys.map((k) => exprOf.get(k)!).join(', ')}`] : []),
    ...(orderBy ? [`ORDER BY ${orderBy}`] : []),
    'LIMIT {limit:UInt64}',
  ].join('\n');
  return {
    ok: true,
    query: {
      sql, params: plan.params, columns: plan.columns.map(({ expr: _expr, ...c }) => c), orderBy,
      format: CSV_QUERY_FORMAT, settings: CSV_QUERY_SETTINGS,
    },
  };
}

export interface CompiledXlsxQuery extends CompiledQuery {
  /** The output format (one raw line per row) and its pinned settings. */
  format: typeof XLSX_QUERY_FORMAT;
  settings: Readonly<Record<string, string | number>>;
}

export type XlsxCompileResult =
  /** `query(layout)`: the query, once the writer has decided the cells' style attributes from its sample. */
  | { ok: true; query: (layout: EngineSheetLayout) => CompiledXlsxQuery }
  /** The engine cannot write these columns' cells exactly as the JS writer does: export through the writer. */
  | { ok: false; reason: string };

/**
 * The report of compileReport with each row formatted in SQL to the `<c>` elements the JS XLSX
 * sheet writer would write for it (xlsx-sql.ts), one line per row (`xlsx_row`: the whole numbered
 * `<row r="N">…</row>` element, N counting from 2 again on each sheet), for XLSX exports whose data
 * rows the engine writes (export-body.ts). Same FROM, WHERE, parameters, order and LIMIT, built as
 * compileCsvReport builds its query.
 */
export function compileXlsxReport(def: NormalizedDefinition, ctx: CompileContext): XlsxCompileResult {
  const plan = planReport(def, ctx);
  if (plan.columns.length === 0) return { ok: false, reason: 'no columns' };
  if (findColumn(plan.table, 'xlsx_row')) return { ok: false, reason: `xlsx_row names a column of ${plan.table.name}` };
  const probe: EngineCellStyles = { whole: plan.columns.map(() => ''), fraction: '', date: '', dateTime: '', plain: '' };
  for (const [i, c] of plan.columns.entries()) {
    if (xlsxCellSql(c.expr, c.kind, c.chType, columnLetters(i + 1), probe, '', ctx.timeZone) === null) {
      return { ok: false, reason: `column '${c.key}' (${c.chType}) has no exact engine XLSX form` };
    }
  }
  const exprOf = new Map(plan.columns.map((c) => [c.key, c.expr]));
  const orderBy = plan.order.map((o) => `${exprOf.get(o.key)!} ${o.direction}`).join(', ');
  return {
    ok: true,
    query: ({ styles, rowsPerSheet }) => {
      const cells = plan.columns.map((c, i) => xlsxCellSql(c.expr, c.kind, c.chType, columnLetters(i + 1), styles, styles.whole[i] ?? '', ctx.timeZone)!);
      const rows = [
        `SELECT ${cells.length === 1 ? cells[0] : `concat(${cells.join(', ')})`} AS ${quoteIdent('xlsx_row')}`,
        `FROM ${quoteIdent(ctx.database)}.${quoteIdent(plan.table.name)}`,
        `WHERE ${plan.where.join(' AND ')}`,
        ...(plan.grouped ? [`GROUP BY ${plan.groupKeys.map((k) => exprOf.get(k)!).join(', ')}`] : []),
        ...(orderBy ? [`ORDER BY ${orderBy}`] : []),
        'LIMIT {limit:UInt64}',
      ].join('\n');
      // The engine numbers the rows too (xlsxRowSql), over the ordered and limited rows: after ORDER BY
      // and LIMIT they come as one stream in their order, so rowNumberInAllBlocks() counts them in it.
      const sql = xlsxRowSql(rows, quoteIdent('xlsx_row'), '{xlsx_rows_per_sheet:UInt64}');
      const params = { ...plan.params, xlsx_rows_per_sheet: nonNegativeInt(rowsPerSheet, 'rowsPerSheet') };
      return { sql, params, columns: plan.columns.map(({ expr: _expr, ...c }) => c), orderBy, format: XLSX_QUERY_FORMAT, settings: XLSX_QUERY_SETTINGS };
    },
  };
}

function nonNegativeInt(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

/** One page of a compiled report. The total order is re-applied: a subquery's order is not a promise. */
export function compilePage(q: CompiledQuery, offset: number, limit: number): CompiledQuery {
  const sql = [
    `SELECT * FROM (\n${q.sql}\n)`,
    ...(q.orderBy ? [`ORDER BY ${q.orderBy}`] : []),
    'LIMIT {page_limit:UInt64} OFFSET {page_offset:UInt64}',
  ].join('\n');
  return { sql, params: { ...q.params, page_limit: nonNegativeInt(limit, 'limit'), page_offset: nonNegativeInt(offset, 'offset') }, columns: q.columns, orderBy: q.orderBy };
}

/**
 * Counts the rows of a report from compileReport, up to rowLimit + 1: the report's own LIMIT
 * parameter is raised by one, so a count above rowLimit means the row limit cut the result.
 */
export function compileCount(q: CompiledQuery, rowLimit: number): CompiledQuery {
  if (!('limit' in q.params)) throw new Error('compileCount needs a query from compileReport');
  return {
    sql: `SELECT count() AS ${quoteIdent('total')} FROM (\n${q.sql}\n)`,
    params: { ...q.params, limit: nonNegativeInt(rowLimit, 'rowLimit') + 1 },
    columns: [{ key: 'total', label: 'Total', kind: 'NUMBER', chType: 'UInt64' }],
    orderBy: '',
  };
}
