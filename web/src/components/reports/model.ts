/**
 * The builder's editable draft of a report definition and its conversion to and from the
 * GraphQL ReportDefinitionInput. Draft rows keep their positions so validation paths like
 * `filters.1.value` point at the row the user sees.
 */
import type {
  ColumnKind, FilterOp, MeasureFn, ReportDefinitionInput, ReportParameterInput, SortDirection, TimeGrain, WeekStart, BuilderReportQuery,
} from '../../generated/graphql';
import { defaultRange, fromTimeRange, toTimeRange, type DraftRange } from './time-range';
import { isoDate, parseWallTime, wallTimeIn } from '../../wall-time';

export interface ColumnInfo {
  name: string; label: string; kind: ColumnKind; dimension: boolean; measure: boolean; filter: boolean; time: boolean;
  /** Ids and the like: no list of values to pick from. */
  freeText?: boolean;
  /** PUBLIC, INTERNAL or PII, and what the viewer's role sees of it (CLEAR, HASHED, HIDDEN). */
  classification?: string;
  masking?: string;
}
export interface TableInfo { name: string; label: string; description: string; defaultTimeColumn: string; columns: ColumnInfo[] }

export interface DraftDimension { field: string; grain: TimeGrain | ''; alias: string }
export interface DraftMeasure { fn: MeasureFn; field: string; alias: string }
/** `param`: the filter compares with a report parameter's value (issue 19) instead of value/values. */
export interface DraftFilter { field: string; op: FilterOp; value: string; values: string[]; param?: string }
export interface DraftOrder { key: string; direction: SortDirection }
export interface Draft {
  source: string;
  dimensions: DraftDimension[];
  measures: DraftMeasure[];
  filters: DraftFilter[];
  range: DraftRange;
  /** IANA zone the report reads time in: buckets, the range, wall times in filters, every time shown. */
  timeZone: string;
  /** BCP 47 locale people read the report in ('' = none named: en-US); numbers and dates in PDF, XLSX, email, preview. */
  locale: string;
  weekStart: WeekStart;
  /** Without measures: list rows as they are instead of one row per distinct combination. */
  raw: boolean;
  orderBy: DraftOrder[];
  rowLimit: string;
  /** The report's parameters, kept as saved (a report from a template has them; the builder does not edit them). */
  parameters: ReportParameterInput[];
  /** A time range driven by a DATE_RANGE parameter (then `range` is not used). */
  rangeParam: { field: string | null; param: string } | null;
  /** Each measure also over the period before the range, with the change in % (timeRange.compare). */
  compare: 'PREVIOUS_PERIOD' | null;
}

export const GRAINS: TimeGrain[] = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
/** COUNT_TRUE: rows where a BOOLEAN column is true (errors, bounces). */
export const MEASURE_FNS: MeasureFn[] = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'UNIQ', 'COUNT_TRUE'];
export const OP_LABELS: Record<FilterOp, string> = {
  EQ: 'equals', NEQ: 'does not equal', GT: 'greater than', GTE: 'at least', LT: 'less than', LTE: 'at most',
  BETWEEN: 'between', IN: 'is one of', NOT_IN: 'is not one of', CONTAINS: 'contains', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};

/** Operators that make sense for a column kind (the server refuses ordering on BOOLEAN and CONTAINS off STRING). */
export function opsFor(kind: ColumnKind | undefined, nullable = true): FilterOp[] {
  const base: FilterOp[] = ['EQ', 'NEQ', 'IN', 'NOT_IN'];
  const ordered: FilterOp[] = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'];
  const nulls: FilterOp[] = nullable ? ['IS_NULL', 'IS_NOT_NULL'] : [];
  switch (kind) {
    case 'BOOLEAN': return ['EQ', 'NEQ', ...nulls];
    case 'STRING': return [...base, 'CONTAINS', ...ordered, ...nulls];
    default: return [...base, ...ordered, ...nulls];
  }
}

/** A new report reads time in `timeZone` (the builder passes the browser's zone). */
export function emptyDraft(source = '', timeZone = 'UTC'): Draft {
  return { source, dimensions: [], measures: [], filters: [], range: defaultRange(), timeZone, locale: '', weekStart: 'MONDAY', raw: false, orderBy: [], rowLimit: '1000', parameters: [], rangeParam: null, compare: null };
}

export function dimensionKey(d: DraftDimension): string {
  if (d.alias.trim()) return d.alias.trim();
  return d.grain ? `${d.field}_${d.grain.toLowerCase()}` : d.field;
}
export function measureKey(m: DraftMeasure): string {
  if (m.alias.trim()) return m.alias.trim();
  return m.field ? `${m.fn.toLowerCase()}_${m.field}` : 'count';
}
export function outputKeys(d: Draft): string[] {
  return [...d.dimensions.filter((x) => x.field).map(dimensionKey), ...d.measures.map(measureKey)];
}

/**
 * A saved date-time as a datetime-local value in the report's zone: an instant (`…Z`, an offset)
 * is placed in the zone; a wall time without an offset is already the zone's and stays.
 */
export function wallInput(value: string, timeZone: string): string {
  const w = parseWallTime(value);
  if (!w || w.offset === null || !/T|\s/.test(value)) return value;
  let wall = w;
  try { wall = wallTimeIn(new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - w.offset * 60_000), timeZone); } catch { /* unknown zone */ }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${isoDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}${wall.second ? `:${pad(wall.second)}` : ''}`;
}

function typed(value: string, kind: ColumnKind | undefined): string | number | boolean | null {
  const v = value.trim();
  if (v === '') return null;
  if (kind === 'NUMBER') { const n = Number(v); return Number.isFinite(n) ? n : v; }
  if (kind === 'BOOLEAN') return v === 'true' ? true : v === 'false' ? false : v;
  // Dates and datetime-local wall times are sent as typed: the server reads them in the report's zone.
  if (kind === 'DATE' || kind === 'DATETIME') return v;
  return value;
}

export function toDefinition(d: Draft, table: TableInfo | undefined): ReportDefinitionInput {
  const kindOf = (f: string) => table?.columns.find((c) => c.name === f)?.kind;
  const def: ReportDefinitionInput = { source: d.source, timeZone: d.timeZone.trim() };
  if (d.weekStart !== 'MONDAY') def.weekStart = d.weekStart;
  if (d.locale.trim()) def.locale = d.locale.trim();
  if (d.raw && d.measures.length === 0 && d.dimensions.length > 0) def.raw = true;
  if (d.dimensions.length) def.dimensions = d.dimensions.map((x) => ({ field: x.field, grain: x.grain || null, alias: x.alias.trim() || null }));
  if (d.measures.length) def.measures = d.measures.map((m) => ({ fn: m.fn, field: m.field || null, alias: m.alias.trim() || null }));
  if (d.filters.length) {
    def.filters = d.filters.map((f) => {
      const kind = kindOf(f.field);
      if (f.param) return { field: f.field, op: f.op, param: f.param };
      if (f.op === 'IS_NULL' || f.op === 'IS_NOT_NULL') return { field: f.field, op: f.op };
      if (f.op === 'IN' || f.op === 'NOT_IN' || f.op === 'BETWEEN') {
        const vals = f.values.map((v) => typed(v, kind)).filter((v): v is string | number | boolean => v !== null);
        return { field: f.field, op: f.op, values: f.op === 'BETWEEN' ? f.values.map((v) => typed(v, kind) ?? '') : vals };
      }
      return { field: f.field, op: f.op, value: typed(f.value, kind) };
    });
  }
  if (d.orderBy.length) def.orderBy = d.orderBy.map((o) => ({ key: o.key, direction: o.direction }));
  const timeRange = d.rangeParam ? { field: d.rangeParam.field, param: d.rangeParam.param } : toTimeRange(d.range);
  if (timeRange) def.timeRange = d.compare ? { ...timeRange, compare: d.compare } : timeRange;
  if (d.parameters.length) def.parameters = d.parameters;
  const limit = d.rowLimit.trim();
  if (limit !== '') def.rowLimit = Number.isInteger(Number(limit)) ? Number(limit) : (limit as unknown as number);
  return def;
}

type SavedDefinition = BuilderReportQuery['report']['definition'];

export function fromDefinition(def: SavedDefinition): Draft {
  // Saved before reports had zones: UTC, which is what they meant.
  const d = emptyDraft(def.source, def.timeZone || 'UTC');
  d.weekStart = def.weekStart ?? 'MONDAY';
  d.locale = def.locale ?? '';
  d.raw = !!def.raw;
  d.dimensions = (def.dimensions ?? []).map((x) => ({ field: x.field, grain: x.grain ?? '', alias: x.alias ?? '' }));
  d.measures = (def.measures ?? []).map((m) => ({ fn: m.fn, field: m.field ?? '', alias: m.alias ?? '' }));
  d.filters = (def.filters ?? []).map((f) => ({
    field: f.field,
    op: f.op,
    value: f.value === null || f.value === undefined ? '' : String(f.value),
    values: (f.values ?? []).map((v) => String(v)),
    ...(f.param ? { param: f.param } : {}),
  }));
  d.parameters = (def.parameters ?? []).map((p) => ({
    name: p.name, label: p.label ?? null, type: p.type, multiple: p.multiple ?? null, required: p.required ?? null,
    default: p.default ?? null, options: p.options ?? null, optionsColumn: p.optionsColumn ?? null,
  }));
  d.rangeParam = def.timeRange?.param ? { field: def.timeRange.field ?? null, param: def.timeRange.param } : null;
  d.compare = def.timeRange?.compare ?? null;
  d.orderBy = (def.orderBy ?? []).map((o) => ({ key: o.key, direction: o.direction ?? 'ASC' }));
  d.rowLimit = def.rowLimit ? String(def.rowLimit) : '';
  // A range from a parameter is not edited here (the builder shows which parameter drives it).
  d.range = def.timeRange?.param ? defaultRange() : fromTimeRange(def.timeRange, d.timeZone);
  return d;
}
