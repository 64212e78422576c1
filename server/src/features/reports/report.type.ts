import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { Connection, PageInfo } from '../../graphql/connection.js';
import { ColumnKindEnum } from '../catalog/catalog.type.js';
import type { ColumnKind } from '../catalog/catalog.js';
import { ReportDefinitionShape } from './definition.graphql.js';

@ObjectType({ description: 'A saved report definition, owned by a tenant.' })
export class Report {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ReportDefinitionShape)
  definition!: ReportDefinitionShape;

  @Field(() => JSONScalar, { nullable: true, description: 'Free-form chart settings for the builder.' })
  visualization!: Record<string, unknown> | null;

  @Field(() => Int, { description: 'Most rows the report yields (definition.rowLimit).' })
  rowLimit!: number;

  @Field(() => Boolean, { description: 'Visible to everyone in the tenant, not only its creator.' })
  isPublic!: boolean;

  @Field(() => [String])
  tags!: string[];

  @Field(() => String)
  createdBy!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const ReportConnection = Connection(Report, 'Report');
export type ReportConnection = InstanceType<typeof ReportConnection>;

@InputType()
export class CreateReportInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ReportDefinitionShape)
  definition!: ReportDefinitionShape;

  @Field(() => JSONScalar, { nullable: true })
  visualization?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  isPublic?: boolean | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateReportInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ReportDefinitionShape, { nullable: true })
  definition?: ReportDefinitionShape | null;

  @Field(() => JSONScalar, { nullable: true })
  visualization?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true })
  isPublic?: boolean | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;
}

@ObjectType()
export class DefinitionProblem {
  @Field(() => String, { description: 'Dotted path into the definition, e.g. `filters.0.value`.' })
  path!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType()
export class ReportValidation {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => [DefinitionProblem])
  errors!: DefinitionProblem[];
}

@InputType({ description: 'Preview a saved report (reportId) or an unsaved definition, one page at a time.' })
export class PreviewReportInput {
  @Field(() => ID, { nullable: true })
  reportId?: string | null;

  @Field(() => ReportDefinitionShape, { nullable: true })
  definition?: ReportDefinitionShape | null;

  @Field(() => Int, { nullable: true, description: 'Rows per page, 1..500 (default 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class PreviewColumn {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  label!: string;

  @Field(() => ColumnKindEnum)
  type!: ColumnKind;
}

@ObjectType()
export class ReportPreview {
  @Field(() => [PreviewColumn])
  columns!: PreviewColumn[];

  @Field(() => [JSONScalar], { description: 'Each row an array of values in column order.' })
  rows!: unknown[][];

  @Field(() => Int, { description: 'Rows the report yields after its row limit.' })
  totalCount!: number;

  @Field(() => Boolean, { description: 'True when the row limit cut the result.' })
  truncated!: boolean;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => DateTimeScalar, { description: 'The instant relative time ranges resolved against; fixed across pages.' })
  asOf!: Date;

  @Field(() => Int)
  elapsedMs!: number;
}
