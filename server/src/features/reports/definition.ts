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
 */

export const GRAINS = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type Grain = (typeof GRAINS)[number];

export const MEASURE_FNS = ['COUNT', 'UNIQ', 'SUM', 'AVG', 'MIN', 'MAX'] as const;
export type MeasureFn = (typeof MEASURE_FNS)[number];

export const FILTER_OPS = [
  'EQ', 'NEQ', 'IN', 'NOT_IN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN', 'CONTAINS', 'IS_NULL', 'IS_NOT_NULL',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const TIME_UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

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
}

export interface TimeRangeSpec {
  /** A temporal column of the source; defaults to the table's default time column. */
  field?: string | null;
  /** Relative: the last n units before as-of. */
  last?: { n: number; unit: TimeUnit } | null;
  /** Absolute: ISO-8601 instants (or dates), from inclusive, to exclusive. */
  from?: string | null;
  to?: string | null;
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
