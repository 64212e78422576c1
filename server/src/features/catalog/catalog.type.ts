import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ColumnKind } from './catalog.js';

export const ColumnKindEnum = { STRING: 'STRING', NUMBER: 'NUMBER', DATETIME: 'DATETIME', DATE: 'DATE', BOOLEAN: 'BOOLEAN' } as const;
registerEnumType(ColumnKindEnum, { name: 'ColumnKind', description: 'GraphQL-friendly family of a ClickHouse type.' });

@ObjectType({ description: 'A column a report may use. The tenant column is never listed: it is applied automatically.' })
export class TableColumn {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ClickHouse type, e.g. `LowCardinality(String)`.' })
  type!: string;

  @Field(() => ColumnKindEnum)
  kind!: ColumnKind;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean)
  nullable!: boolean;

  @Field(() => Boolean, { description: 'May be grouped by.' })
  dimension!: boolean;

  @Field(() => Boolean, { description: 'May be summed, averaged, min/maxed.' })
  measure!: boolean;

  @Field(() => Boolean, { description: 'May be filtered on.' })
  filter!: boolean;

  @Field(() => Boolean, { description: 'May bound the time range and be bucketed by grain.' })
  time!: boolean;
}

@ObjectType({ description: 'An analytics table reports can be built on.' })
export class Table {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  label!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'The time column a time range applies to by default.' })
  defaultTimeColumn!: string;

  @Field(() => [TableColumn])
  columns!: TableColumn[];
}
