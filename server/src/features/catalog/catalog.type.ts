import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ColumnKind } from './catalog.js';
import type { Classification, MaskMode } from './masking.js';
import { ClassificationEnum, MaskModeEnum } from './masking.type.js';

export const ColumnKindEnum = { STRING: 'STRING', NUMBER: 'NUMBER', DATETIME: 'DATETIME', DATE: 'DATE', BOOLEAN: 'BOOLEAN' } as const;
registerEnumType(ColumnKindEnum, {
  name: 'ColumnKind',
  description: 'GraphQL-friendly family of a ClickHouse type.',
  valuesConfig: { STRING: { description: 'Text (String, LowCardinality, UUID).' }, NUMBER: { description: 'Integers and floats.' }, DATETIME: { description: 'An instant, ISO-8601 UTC.' }, DATE: { description: 'A calendar day, YYYY-MM-DD.' }, BOOLEAN: { description: 'true or false.' } },
});

@ObjectType({ description: 'A column a report may use. The tenant column is never listed: it is applied automatically.' })
export class TableColumn {
  @Field(() => String, { description: 'Column name to use in a definition.' })
  name!: string;

  @Field(() => String, { description: 'ClickHouse type, e.g. `LowCardinality(String)`.' })
  type!: string;

  @Field(() => ColumnKindEnum, { description: 'Value family, which decides the filter operators and measures allowed.' })
  kind!: ColumnKind;

  @Field(() => String, { description: 'Human name for the column.' })
  label!: string;

  @Field(() => String, { description: 'What the column holds.' })
  description!: string;

  @Field(() => Boolean, { description: 'True when the column may hold null.' })
  nullable!: boolean;

  @Field(() => Boolean, { description: 'May be grouped by.' })
  dimension!: boolean;

  @Field(() => Boolean, { description: 'May be summed, averaged, min/maxed.' })
  measure!: boolean;

  @Field(() => Boolean, { description: 'May be filtered on.' })
  filter!: boolean;

  @Field(() => Boolean, { description: 'May bound the time range and be bucketed by grain.' })
  time!: boolean;

  @Field(() => Boolean, { description: 'Values nearly unique per row (ids): `columnValues` offers no list for it.' })
  freeText!: boolean;

  @Field(() => ClassificationEnum, { description: "How sensitive its values are in this tenant: PUBLIC, INTERNAL or PII (the tenant's own class if an admin set one with classifyColumns, else `catalogClassification`)." })
  classification!: Classification;

  @Field(() => ClassificationEnum, { description: "The catalog's default class of the column, whatever the tenant set." })
  catalogClassification!: Classification;

  @Field(() => MaskModeEnum, { description: "What the caller sees of it under the tenant's masking policy: CLEAR, HASHED or HIDDEN." })
  masking!: MaskMode;
}

@ObjectType({ description: 'One value of a column and how many rows hold it (see `columnValues`).' })
export class ColumnValue {
  @Field(() => String, { description: 'The value, as a filter takes it.' })
  value!: string;

  @Field(() => Int, { description: "Rows of the viewer's tenant holding it." })
  count!: number;
}

@ObjectType({ description: 'An analytics table reports can be built on.' })
export class Table {
  @Field(() => String, { description: 'Table name to use as a definition\'s `source`.' })
  name!: string;

  @Field(() => String, { description: 'Human name for the table.' })
  label!: string;

  @Field(() => String, { description: 'What one row of the table is.' })
  description!: string;

  @Field(() => String, { description: 'The time column a time range applies to by default.' })
  defaultTimeColumn!: string;

  @Field(() => [TableColumn], { description: 'The columns reports may use, in catalog order.' })
  columns!: TableColumn[];
}
