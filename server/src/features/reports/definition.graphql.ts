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
registerEnumType(GrainEnum, { name: 'TimeGrain', description: 'Bucket size for a time dimension (UTC).' });
registerEnumType(MeasureFnEnum, { name: 'MeasureFn', description: 'Aggregate functions a measure may use.' });
registerEnumType(FilterOpEnum, { name: 'FilterOp' });
registerEnumType(TimeUnitEnum, { name: 'TimeUnit' });
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });

@ObjectType('Dimension')
@InputType('DimensionInput')
export class DimensionShape {
  @Field(() => String)
  field!: string;

  @Field(() => GrainEnum, { nullable: true })
  grain?: Grain | null;

  @Field(() => String, { nullable: true, description: 'Output column name; derived from field and grain when absent.' })
  alias?: string | null;
}

@ObjectType('Measure')
@InputType('MeasureInput')
export class MeasureShape {
  @Field(() => MeasureFnEnum)
  fn!: MeasureFn;

  @Field(() => String, { nullable: true, description: 'Column to aggregate; COUNT may omit it.' })
  field?: string | null;

  @Field(() => String, { nullable: true })
  alias?: string | null;
}

@ObjectType('Filter')
@InputType('FilterInput')
export class FilterShape {
  @Field(() => String)
  field!: string;

  @Field(() => FilterOpEnum)
  op!: FilterOp;

  @Field(() => FilterValueScalar, { nullable: true, description: 'Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS.' })
  value?: FilterValue | null;

  @Field(() => [FilterValueScalar], { nullable: true, description: 'Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive).' })
  values?: FilterValue[] | null;
}

@ObjectType('RelativeRange')
@InputType('RelativeRangeInput')
export class RelativeRangeShape {
  @Field(() => Int)
  n!: number;

  @Field(() => TimeUnitEnum)
  unit!: TimeUnit;
}

@ObjectType('TimeRange')
@InputType('TimeRangeInput')
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

@ObjectType('OrderBy')
@InputType('OrderByInput')
export class OrderByShape {
  @Field(() => String, { description: 'An output column key (alias or derived name).' })
  key!: string;

  @Field(() => SortDirectionEnum, { nullable: true })
  direction?: SortDirection | null;
}

@ObjectType('ReportDefinition')
@InputType('ReportDefinitionInput')
export class ReportDefinitionShape {
  @Field(() => String, { description: 'A catalog table name.' })
  source!: string;

  @Field(() => [DimensionShape], { nullable: true })
  dimensions?: DimensionShape[] | null;

  @Field(() => [MeasureShape], { nullable: true })
  measures?: MeasureShape[] | null;

  @Field(() => [FilterShape], { nullable: true })
  filters?: FilterShape[] | null;

  @Field(() => TimeRangeShape, { nullable: true })
  timeRange?: TimeRangeShape | null;

  @Field(() => [OrderByShape], { nullable: true })
  orderBy?: OrderByShape[] | null;

  @Field(() => Int, { nullable: true, description: 'Most rows the report yields; 10,000 when absent.' })
  rowLimit?: number | null;
}
