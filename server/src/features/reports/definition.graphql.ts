/**
 * GraphQL shapes of a report definition: `ReportDefinitionInput` in, `ReportDefinition` out, with
 * the same fields. Kept apart from the pure definition module so the compiler imports no GraphQL.
 */
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FilterValueScalar } from '../../graphql/scalars.js';
import {
  FILTER_OPS, GRAINS, MEASURE_FNS, SORT_DIRECTIONS, TIME_UNITS,
  type FilterOp, type FilterValue, type Grain, type MeasureFn, type SortDirection, type TimeUnit,
} from './definition.js';
import { enumOf } from '../../graphql/enums.js';


export const GrainEnum = enumOf(GRAINS);
export const MeasureFnEnum = enumOf(MEASURE_FNS);
export const FilterOpEnum = enumOf(FILTER_OPS);
export const TimeUnitEnum = enumOf(TIME_UNITS);
export const SortDirectionEnum = enumOf(SORT_DIRECTIONS);
registerEnumType(GrainEnum, {
  name: 'TimeGrain',
  description: 'Bucket size for a time dimension (UTC).',
  valuesConfig: { HOUR: { description: 'Start of the hour.' }, DAY: { description: 'Start of the day.' }, WEEK: { description: 'Monday of the ISO week.' }, MONTH: { description: 'First day of the month.' } },
});
registerEnumType(MeasureFnEnum, {
  name: 'MeasureFn',
  description: 'Aggregate functions a measure may use.',
  valuesConfig: { COUNT: { description: 'Number of rows (field optional).' }, UNIQ: { description: 'Exact number of distinct values of field.' }, SUM: { description: 'Sum of a measure column.' }, AVG: { description: 'Mean of a measure column.' }, MIN: { description: 'Smallest value of a measure column.' }, MAX: { description: 'Largest value of a measure column.' } },
});
registerEnumType(FilterOpEnum, {
  name: 'FilterOp',
  description: 'Comparison a filter applies; which ones a column allows depends on its kind.',
  valuesConfig: { EQ: { description: 'Equal to value.' }, NEQ: { description: 'Not equal to value.' }, GT: { description: 'Greater than value.' }, GTE: { description: 'Greater than or equal to value.' }, LT: { description: 'Less than value.' }, LTE: { description: 'Less than or equal to value.' }, IN: { description: 'One of values.' }, NOT_IN: { description: 'None of values.' }, BETWEEN: { description: 'Between values[0] and values[1], both inclusive.' }, CONTAINS: { description: 'Text contains value, ignoring case.' }, IS_NULL: { description: 'Has no value.' }, IS_NOT_NULL: { description: 'Has a value.' } },
});
registerEnumType(TimeUnitEnum, {
  name: 'TimeUnit',
  description: 'Unit of a relative time range.',
  valuesConfig: { HOUR: { description: 'Hours.' }, DAY: { description: 'Days.' }, WEEK: { description: 'Weeks (7 days).' }, MONTH: { description: 'Calendar months.' } },
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
}

@ObjectType('RelativeRange', { description: 'The last `n` units before the as-of time.' })
@InputType('RelativeRangeInput', { description: 'The last `n` units before the as-of time.' })
export class RelativeRangeShape {
  @Field(() => Int, { description: 'How many units, at least 1.' })
  n!: number;

  @Field(() => TimeUnitEnum, { description: 'HOUR, DAY, WEEK or MONTH.' })
  unit!: TimeUnit;
}

@ObjectType('TimeRange', { description: 'Either absolute (`from`/`to`) or relative (`last`).' })
@InputType('TimeRangeInput', { description: 'Either absolute (`from`/`to`) or relative (`last`), not both.' })
export class TimeRangeShape {
  @Field(() => String, { nullable: true, description: "Time column; the table's default when absent." })
  field?: string | null;

  @Field(() => RelativeRangeShape, { nullable: true, description: 'The last n units before the as-of time.' })
  last?: RelativeRangeShape | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601, inclusive.' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601, exclusive.' })
  to?: string | null;
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
}
