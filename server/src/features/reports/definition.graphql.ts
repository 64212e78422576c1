/**
 * GraphQL shapes of a report definition: `ReportDefinitionInput` in, `ReportDefinition` out, with
 * the same fields. Kept apart from the pure definition module so the compiler imports no GraphQL.
 */
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FilterValueScalar, JSONScalar } from '../../graphql/scalars.js';
import { PARAMETER_TYPES, type ParameterType } from './parameters/resolve.js';
import { COMPARE_MODES, type CompareMode } from './compare.js';
import {
  FILTER_OPS, GRAINS, MEASURE_FNS, NAMED_PERIODS, SORT_DIRECTIONS, TIME_UNITS, WEEK_STARTS,
  type FilterOp, type FilterValue, type Grain, type MeasureFn, type NamedPeriod, type SortDirection, type TimeUnit, type WeekStart,
} from './definition.js';
import { enumOf } from '../../graphql/enums.js';


export const GrainEnum = enumOf(GRAINS);
export const MeasureFnEnum = enumOf(MEASURE_FNS);
export const FilterOpEnum = enumOf(FILTER_OPS);
export const TimeUnitEnum = enumOf(TIME_UNITS);
export const SortDirectionEnum = enumOf(SORT_DIRECTIONS);
export const NamedPeriodEnum = enumOf(NAMED_PERIODS);
export const WeekStartEnum = enumOf(WEEK_STARTS);
export const ParameterTypeEnum = enumOf(PARAMETER_TYPES);
export const CompareModeEnum = enumOf(COMPARE_MODES);
registerEnumType(CompareModeEnum, {
  name: 'CompareMode',
  description: 'Which period a time range is compared with.',
  valuesConfig: { PREVIOUS_PERIOD: { description: 'The period just before the range (the previous week for last week, October for November).' } },
});
registerEnumType(ParameterTypeEnum, {
  name: 'ParameterType',
  description: 'The type of a report parameter, and so of the values it takes.',
  valuesConfig: {
    TEXT: { description: 'A string (compared with STRING columns: EQ, NEQ, CONTAINS; IN, NOT_IN when multiple).' },
    NUMBER: { description: 'A finite number within ±(2^53 - 1) (compared with NUMBER columns).' },
    DATE: { description: 'A calendar day `YYYY-MM-DD` (compared with DATE columns, and with DATETIME columns as its midnight in the run zone).' },
    DATE_RANGE: { description: '`{ from, to }`, two calendar days, both included: drives the time range (`timeRange: { param }`).' },
    ENUM: { description: 'One of `options`, or a value of the column `optionsColumn` offers (a STRING column).' },
  },
});
registerEnumType(GrainEnum, {
  name: 'TimeGrain',
  description: "Bucket size for a time dimension, on the calendar of the run's effective zone (a 23- or 25-hour DST day is one day).",
  valuesConfig: {
    HOUR: { description: 'The instant the local hour began (a DateTime; xx:15 UTC in Kathmandu; 01:00 EDT and 01:00 EST are two hours).' },
    DAY: { description: 'The local calendar date (a Date).' },
    WEEK: { description: 'The date of the first day of the week: Monday, or Sunday with `weekStart: SUNDAY`.' },
    MONTH: { description: 'The first day of the month.' },
    QUARTER: { description: 'The first day of the quarter (January, April, July, October).' },
    YEAR: { description: 'January 1.' },
  },
});
registerEnumType(NamedPeriodEnum, {
  name: 'NamedPeriod',
  description: "A calendar period in the run's effective zone, as of the run's as-of instant. THIS_X is the whole current X, PREVIOUS_X the one before, X_TO_DATE the current X up to the as-of instant.",
  valuesConfig: {
    TODAY: { description: 'The current day, midnight to midnight.' }, YESTERDAY: { description: 'The day before the current one.' },
    THIS_WEEK: { description: 'The current week.' }, PREVIOUS_WEEK: { description: 'The week before the current one.' }, WEEK_TO_DATE: { description: 'The current week up to the as-of instant.' },
    THIS_MONTH: { description: 'The current month.' }, PREVIOUS_MONTH: { description: 'The month before the current one.' }, MONTH_TO_DATE: { description: 'The current month up to the as-of instant.' },
    THIS_QUARTER: { description: 'The current quarter.' }, PREVIOUS_QUARTER: { description: 'The quarter before the current one.' }, QUARTER_TO_DATE: { description: 'The current quarter up to the as-of instant.' },
    THIS_YEAR: { description: 'The current year.' }, PREVIOUS_YEAR: { description: 'The year before the current one.' }, YEAR_TO_DATE: { description: 'The current year up to the as-of instant.' },
  },
});
registerEnumType(WeekStartEnum, {
  name: 'WeekStart',
  description: 'The first day of a week, for WEEK buckets and week periods.',
  valuesConfig: { MONDAY: { description: 'ISO weeks (the default).' }, SUNDAY: { description: 'Weeks from Sunday to Saturday.' } },
});
registerEnumType(MeasureFnEnum, {
  name: 'MeasureFn',
  description: 'Aggregate functions a measure may use.',
  valuesConfig: { COUNT: { description: 'Number of rows (field optional).' }, UNIQ: { description: 'Exact number of distinct values of field.' }, SUM: { description: 'Sum of a measure column.' }, AVG: { description: 'Mean of a measure column.' }, MIN: { description: 'Smallest value of a measure column.' }, MAX: { description: 'Largest value of a measure column.' }, COUNT_TRUE: { description: 'Number of rows where a BOOLEAN field is true (errors among events, bounced sessions).' } },
});
registerEnumType(FilterOpEnum, {
  name: 'FilterOp',
  description: 'Comparison a filter applies; which ones a column allows depends on its kind.',
  valuesConfig: { EQ: { description: 'Equal to value.' }, NEQ: { description: 'Not equal to value.' }, GT: { description: 'Greater than value.' }, GTE: { description: 'Greater than or equal to value.' }, LT: { description: 'Less than value.' }, LTE: { description: 'Less than or equal to value.' }, IN: { description: 'One of values.' }, NOT_IN: { description: 'None of values.' }, BETWEEN: { description: 'Between values[0] and values[1], both inclusive.' }, CONTAINS: { description: 'Text contains value, ignoring case.' }, IS_NULL: { description: 'Has no value.' }, IS_NOT_NULL: { description: 'Has a value.' } },
});
registerEnumType(TimeUnitEnum, {
  name: 'TimeUnit',
  description: 'Unit of a relative time range.',
  valuesConfig: { HOUR: { description: 'Hours.' }, DAY: { description: 'Days.' }, WEEK: { description: 'Weeks.' }, MONTH: { description: 'Calendar months.' }, QUARTER: { description: 'Calendar quarters (3 months).' }, YEAR: { description: 'Calendar years.' } },
});
registerEnumType(SortDirectionEnum, {
  name: 'SortDirection',
  description: 'Sort order.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

@ObjectType('Dimension', { description: 'A column the rows are grouped by, optionally bucketed by time grain.' })
@InputType('DimensionInput', { description: 'A column to group by; time columns may be bucketed by `grain`.' })
export class DimensionShape {
  @Field(() => String, { description: 'A column of the source table that may be grouped by.' })
  field!: string;

  @Field(() => GrainEnum, { description: 'Time bucket for a time column.', nullable: true })
  grain?: Grain | null;

  @Field(() => String, { nullable: true, description: 'Output column name; derived from field and grain when absent.' })
  alias?: string | null;
}

@ObjectType('Measure', { description: 'An aggregate computed for each group.' })
@InputType('MeasureInput', { description: 'An aggregate to compute for each group.' })
export class MeasureShape {
  @Field(() => MeasureFnEnum, { description: 'The aggregate function.' })
  fn!: MeasureFn;

  @Field(() => String, { nullable: true, description: 'Column to aggregate; COUNT may omit it.' })
  field?: string | null;

  @Field(() => String, { description: 'Output column name; derived from fn and field when absent.', nullable: true })
  alias?: string | null;
}

@ObjectType('Filter', { description: 'A typed condition on a column; rows must match every filter.' })
@InputType('FilterInput', { description: 'A typed condition on a column; rows must match every filter.' })
export class FilterShape {
  @Field(() => String, { description: 'A column of the source table that may be filtered on.' })
  field!: string;

  @Field(() => FilterOpEnum, { description: 'The comparison.' })
  op!: FilterOp;

  @Field(() => FilterValueScalar, { nullable: true, description: 'Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS.' })
  value?: FilterValue | null;

  @Field(() => [FilterValueScalar], { nullable: true, description: 'Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive).' })
  values?: FilterValue[] | null;

  @Field(() => String, { nullable: true, description: 'Instead of value/values: the name of a declared parameter; its value for the run is compared (bound as data). A filter on an unset optional parameter is left out.' })
  param?: string | null;
}

@ObjectType('RelativeRange', { description: "The last `n` complete calendar units before the current one, in the run's effective zone: `7 DAY` run on a Monday at 09:00 covers the previous Monday 00:00 to Sunday 24:00, exactly 7 whole days." })
@InputType('RelativeRangeInput', { description: "The last `n` complete calendar units before the current one, in the run's effective zone (with `includeCurrent`, also the current unit up to the as-of instant)." })
export class RelativeRangeShape {
  @Field(() => Int, { description: 'How many units, at least 1.' })
  n!: number;

  @Field(() => TimeUnitEnum, { description: 'HOUR, DAY, WEEK, MONTH, QUARTER or YEAR.' })
  unit!: TimeUnit;

  @Field(() => Boolean, { nullable: true, description: 'Also the current unit up to the as-of instant (default false: complete units only).' })
  includeCurrent?: boolean | null;
}

@ObjectType('RollingRange', { description: 'Elapsed time ending at the as-of instant: `24 HOUR` is the last 24 hours to the minute. HOUR, DAY and WEEK are 1, 24 and 168 hours; MONTH, QUARTER and YEAR step the local calendar back, keeping the time of day.' })
@InputType('RollingRangeInput', { description: 'Elapsed time ending at the as-of instant (`24 HOUR`: the last 24 hours to the minute); the first and last buckets are usually partial.' })
export class RollingRangeShape {
  @Field(() => Int, { description: 'How many units, at least 1.' })
  n!: number;

  @Field(() => TimeUnitEnum, { description: 'HOUR, DAY, WEEK, MONTH, QUARTER or YEAR.' })
  unit!: TimeUnit;
}

@ObjectType('TimeRange', { description: "Which rows by time, in the run's effective zone: exactly one of `last` (calendar units), `rolling` (elapsed time), `period` (a named calendar period) or `from`/`to` (fixed)." })
@InputType('TimeRangeInput', { description: "Which rows by time, in the run's effective zone: exactly one of `last`, `rolling`, `period` or `from`/`to`." })
export class TimeRangeShape {
  @Field(() => String, { nullable: true, description: "Time column; the table's default when absent." })
  field?: string | null;

  @Field(() => RelativeRangeShape, { nullable: true, description: 'The last n complete calendar units before the current one.' })
  last?: RelativeRangeShape | null;

  @Field(() => RollingRangeShape, { nullable: true, description: 'Elapsed time ending at the as-of instant.' })
  rolling?: RollingRangeShape | null;

  @Field(() => NamedPeriodEnum, { nullable: true, description: 'A named calendar period (this week, previous month, quarter to date, ...).' })
  period?: NamedPeriod | null;

  @Field(() => String, { nullable: true, description: 'Start, inclusive. ISO 8601: a date (`2026-12-01`, midnight) or a date-time without an offset is read in the effective zone; with `Z` or an offset it is that instant.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'End, exclusive (a whole day Dec 1 is `from: "2026-12-01", to: "2026-12-02"`). Same forms as `from`.' })
  to?: string | null;

  @Field(() => String, { nullable: true, description: 'Instead of last/rolling/period/from-to: the name of a DATE_RANGE parameter; the range covers its days, both included, in the run zone.' })
  param?: string | null;

  @Field(() => CompareModeEnum, { nullable: true, description: 'PREVIOUS_PERIOD: every measure also over the period just before (`<key>_previous`) and its change in % (`<key>_change_pct`, null when the previous value is 0 or missing). Whole months compare with as many months before, whole days and weeks with as many days before on the zone\'s calendar, anything else with the same elapsed time before. Not with a time bucket of the range\'s column.' })
  compare?: CompareMode | null;
}

@ObjectType('ReportParameter', { description: 'A typed placeholder whose value is given when the report is previewed, exported or scheduled; filters and the time range refer to it by name.' })
@InputType('ReportParameterInput', { description: 'A typed placeholder whose value is given when the report is previewed, exported or scheduled; filters and the time range refer to it by name.' })
export class ParameterShape {
  @Field(() => String, { description: 'Name filters refer to (`param`) and values are given under: 1-40 lower-case letters, digits, underscores.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What a person sees; derived from the name when absent.' })
  label?: string | null;

  @Field(() => ParameterTypeEnum, { description: 'TEXT, NUMBER, DATE, DATE_RANGE or ENUM.' })
  type!: ParameterType;

  @Field(() => Boolean, { nullable: true, description: 'Takes a list of values (filters IN / NOT_IN). Default false.' })
  multiple?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A run without a value (and without a default) is refused. Default false: an unset parameter leaves its filters out.' })
  required?: boolean | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The value when none is given: a string, number, list, or `{ from, to }` for a DATE_RANGE.' })
  default?: unknown;

  @Field(() => [String], { nullable: true, description: 'ENUM: the allowed values.' })
  options?: string[] | null;

  @Field(() => String, { nullable: true, description: 'ENUM: a STRING column of the source whose values are offered (see `columnValues`).' })
  optionsColumn?: string | null;
}

@ObjectType('OrderBy', { description: 'Sort key of the result.' })
@InputType('OrderByInput', { description: 'Sort key of the result; ties are broken by every group key so pages are stable.' })
export class OrderByShape {
  @Field(() => String, { description: 'An output column key (alias or derived name).' })
  key!: string;

  @Field(() => SortDirectionEnum, { description: 'ASC (default) or DESC.', nullable: true })
  direction?: SortDirection | null;
}

@ObjectType('ReportDefinition', { description: 'What a report computes: a catalog table, its groups, aggregates, filters, time range, order and row limit.' })
@InputType('ReportDefinitionInput', { description: 'What a report computes, validated against the catalog; every problem is reported with its path.' })
export class ReportDefinitionShape {
  @Field(() => String, { description: 'A catalog table name.' })
  source!: string;

  @Field(() => [DimensionShape], { description: 'Columns to group by.', nullable: true })
  dimensions?: DimensionShape[] | null;

  @Field(() => [MeasureShape], { description: 'Aggregates per group.', nullable: true })
  measures?: MeasureShape[] | null;

  @Field(() => [FilterShape], { description: 'Conditions rows must all match.', nullable: true })
  filters?: FilterShape[] | null;

  @Field(() => TimeRangeShape, { description: 'Which rows by time; the table\'s default time column unless `field` says otherwise.', nullable: true })
  timeRange?: TimeRangeShape | null;

  @Field(() => [OrderByShape], { description: 'Sort order of the result.', nullable: true })
  orderBy?: OrderByShape[] | null;

  @Field(() => Int, { nullable: true, description: 'Most rows the report yields; 10,000 when absent.' })
  rowLimit?: number | null;

  @Field(() => String, { nullable: true, description: 'IANA zone the report reads time in (default UTC): time buckets, calendar ranges, fixed dates and every time shown. A schedule runs it in the schedule\'s zone; an export may override it.' })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 locale people read the report in (default en-US): how the PDF, XLSX date formats, the email and the web app write numbers, dates, percentages and month names. A schedule or an export may override it; CSV and JSON stay locale-neutral.' })
  locale?: string | null;

  @Field(() => WeekStartEnum, { nullable: true, description: 'First day of a week for WEEK buckets and week periods (default MONDAY).' })
  weekStart?: WeekStart | null;

  @Field(() => Boolean, { nullable: true, description: 'List source rows as they are (one row per event) instead of one row per distinct combination of the dimensions; only without measures. Default false.' })
  raw?: boolean | null;

  @Field(() => [ParameterShape], { nullable: true, description: 'Typed parameters filters and the time range may refer to; values are given per preview, export, schedule or run.' })
  parameters?: ParameterShape[] | null;
}
