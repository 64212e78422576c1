/**
 * The report definition: what a user (or integrator) asks for, before validation.
 *
 * Glossary
 * - source: a catalog table name.
 * - dimension: a column to group by (or, in a raw report without measures, to select); a temporal
 *   column may be bucketed by `grain`.
 * - measure: an aggregate from the allowlist over a column (COUNT takes none).
 * - output key: the name a dimension or measure has in the result: its alias, or a derived name
 *   (`date_day` style for bucketed time, the column name for plain dimensions, `fn_field` for
 *   measures). orderBy refers to output keys.
 * - as-of: the instant a relative time range resolves against (a scheduled run's slot time, or now).
 * - effective zone: the IANA zone a run reads time in: the report's `timeZone`, replaced by the
 *   schedule's zone for a scheduled run and by an export's `timeZone` option (exports/run-zone.ts).
 *   Buckets, calendar ranges, fixed dates without an offset and every time shown are in it.
 * - effective locale: the BCP 47 locale a run's PDF, XLSX date formats and email write numbers and
 *   dates in: an export's `locale` option, else the schedule's, else the report's `locale`, else
 *   en-US (exports/run-locale.ts). It changes how values read, never which values (CSV and JSON
 *   stay locale-neutral).
 * - calendar range (`last`): the n complete units before the current one, in the effective zone.
 * - rolling range (`rolling`): exactly n units of elapsed time ending at the as-of instant.
 */

import type { ParameterSpec } from './parameters/resolve.js';

export const GRAINS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type Grain = (typeof GRAINS)[number];

/** COUNT_TRUE: the rows where a BOOLEAN column is true (`countIf`), e.g. errors among events. */
export const MEASURE_FNS = ['COUNT', 'UNIQ', 'SUM', 'AVG', 'MIN', 'MAX', 'COUNT_TRUE'] as const;
export type MeasureFn = (typeof MEASURE_FNS)[number];

export const FILTER_OPS = [
  'EQ', 'NEQ', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'CONTAINS', 'IS_NULL', 'IS_NOT_NULL',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const TIME_UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Named calendar periods, in the report's effective zone (see calendar/periods.ts). */
export const NAMED_PERIODS = [
  'TODAY', 'YESTERDAY',
  'THIS_WEEK', 'PREVIOUS_WEEK', 'WEEK_TO_DATE',
  'THIS_MONTH', 'PREVIOUS_MONTH', 'MONTH_TO_DATE',
  'THIS_QUARTER', 'PREVIOUS_QUARTER', 'QUARTER_TO_DATE',
  'THIS_YEAR', 'PREVIOUS_YEAR', 'YEAR_TO_DATE',
] as const;
export type NamedPeriod = (typeof NAMED_PERIODS)[number];

export const WEEK_STARTS = ['MONDAY', 'SUNDAY'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** A scalar a filter compares with; checked against the column's kind by validation. */
export type FilterValue = string | number | boolean;

export interface DimensionSpec {
  field: string;
  grain?: Grain | null;
  alias?: string | null;
}

export interface MeasureSpec {
  fn: MeasureFn;
  field?: string | null;
  alias?: string | null;
}

export interface FilterSpec {
  field: string;
  op: FilterOp;
  /** For single-value operators (EQ, NEQ, GT, GTE, LT, LTE, CONTAINS). */
  value?: FilterValue | null;
  /** For IN, NOT_IN (1..1000 values) and BETWEEN (exactly 2: inclusive bounds). */
  values?: FilterValue[] | null;
  /** Instead of value/values: the name of a declared parameter whose run value is compared (parameters/resolve.ts). */
  param?: string | null;
}

export interface TimeRangeSpec {
  /** A temporal column of the source; defaults to the table's default time column. */
  field?: string | null;
  /** Calendar: the n complete units before the current one (and the current one so far with includeCurrent). */
  last?: { n: number; unit: TimeUnit; includeCurrent?: boolean | null } | null;
  /** Rolling: the n units of elapsed time ending at as-of (`24 HOUR`: the last 24 hours to the minute). */
  rolling?: { n: number; unit: TimeUnit } | null;
  /** A named calendar period (this week, previous month, quarter to date, ...). */
  period?: NamedPeriod | null;
  /**
   * Fixed: from inclusive, to exclusive. A date (`2026-12-01`) is midnight and a date-time without
   * an offset is a wall time, both in the effective zone; a value with `Z` or an offset is that instant.
   */
  from?: string | null;
  to?: string | null;
  /** Instead of a literal range: the name of a DATE_RANGE parameter (its days, both included). */
  param?: string | null;
  /** PREVIOUS_PERIOD: each measure also over the period just before, and its change in % (compare.ts). */
  compare?: 'PREVIOUS_PERIOD' | null;
}

export interface OrderBySpec {
  key: string;
  direction?: SortDirection | null;
}

export interface ReportDefinition {
  source: string;
  dimensions?: DimensionSpec[] | null;
  measures?: MeasureSpec[] | null;
  filters?: FilterSpec[] | null;
  timeRange?: TimeRangeSpec | null;
  orderBy?: OrderBySpec[] | null;
  rowLimit?: number | null;
  /** IANA zone the report reads time in (default UTC). */
  timeZone?: string | null;
  /** BCP 47 locale numbers and dates are written in for people (default en-US; exports/run-locale.ts). */
  locale?: string | null;
  /** First day of a week for WEEK buckets and week periods (default MONDAY). */
  weekStart?: WeekStart | null;
  /** One row per source row instead of one per distinct combination of dimensions (no measures allowed). */
  raw?: boolean | null;
  /** Typed placeholders filters and the time range may refer to (parameters/resolve.ts). */
  parameters?: ParameterSpec[] | null;
  /**
   * The values of one run, by parameter name (a run's snapshot; not part of a saved report). Set by
   * the services from what the caller supplied over the defaults, never by the builder.
   */
  parameterValues?: Record<string, unknown> | null;
}

export interface DefinitionError {
  /** Dotted path into the definition, e.g. `filters.2.value`. */
  path: string;
  message: string;
}

export interface DefinitionLimits {
  /** Largest rowLimit a definition may ask for. */
  maxRowLimit: number;
  /** Longest time range, in days, a definition may cover. */
  maxRangeDays: number;
}

export const DEFAULT_ROW_LIMIT = 10_000;
