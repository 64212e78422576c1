import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { Connection, PageInfo } from '../../graphql/connection.js';
import { ColumnKindEnum } from '../catalog/catalog.type.js';
import type { ColumnKind } from '../catalog/catalog.js';
import { ReportDefinitionShape } from './definition.graphql.js';
import { VisualizationShape } from './visualization.graphql.js';

@ObjectType({ description: 'A saved report definition, owned by a tenant.', implements: Node })
export class Report {
  @Field(() => ID, { description: 'Report id.' })
  id!: string;

  @Field(() => String, { description: 'Name, unique within the tenant.' })
  name!: string;

  @Field(() => String, { description: 'Free text shown with the report.', nullable: true })
  description!: string | null;

  @Field(() => ReportDefinitionShape, { description: 'What the report computes.' })
  definition!: ReportDefinitionShape;

  @Field(() => VisualizationShape, { nullable: true, description: 'How the report is drawn (builder, PDF, email); null: the default chart for its definition.' })
  visualization!: VisualizationShape | null;

  @Field(() => Int, { description: 'Most rows the report yields (definition.rowLimit).' })
  rowLimit!: number;

  @Field(() => Boolean, { description: 'Visible to everyone in the tenant, not only its creator.' })
  isPublic!: boolean;

  @Field(() => [String], { description: 'Labels for finding the report.' })
  tags!: string[];

  @Field(() => String, { description: 'User id that created it.' })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last changed.' })
  updatedAt!: Date;
}

export const ReportConnection = Connection(Report, 'Report');
export type ReportConnection = InstanceType<typeof ReportConnection>;

@InputType({ description: 'A new report. Names are unique within a tenant.' })
export class CreateReportInput {
  @Field(() => String, { description: '1 to 200 characters, unique within the tenant.' })
  name!: string;

  @Field(() => String, { description: 'Up to 5,000 characters.', nullable: true })
  description?: string | null;

  @Field(() => ReportDefinitionShape, { description: 'What the report computes; validated before saving.' })
  definition!: ReportDefinitionShape;

  @Field(() => VisualizationShape, { description: 'How the report is drawn; null or absent: the default chart for its definition.', nullable: true })
  visualization?: VisualizationShape | null;

  @Field(() => Boolean, { description: 'Visible to the whole tenant (default false).', nullable: true, defaultValue: false })
  isPublic?: boolean | null;

  @Field(() => [String], { description: 'At most 20 tags of at most 50 characters.', nullable: true })
  tags?: string[] | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateReportInput {
  @Field(() => String, { description: 'New name, unique within the tenant.', nullable: true })
  name?: string | null;

  @Field(() => String, { description: 'New description.', nullable: true })
  description?: string | null;

  @Field(() => ReportDefinitionShape, { description: 'New definition; validated before saving.', nullable: true })
  definition?: ReportDefinitionShape | null;

  @Field(() => VisualizationShape, { description: 'New chart; null: back to the default chart.', nullable: true })
  visualization?: VisualizationShape | null;

  @Field(() => Boolean, { description: 'Visible to the whole tenant or not.', nullable: true })
  isPublic?: boolean | null;

  @Field(() => [String], { description: 'New tags (replace the old ones).', nullable: true })
  tags?: string[] | null;
}

@ObjectType({ description: 'One problem with a report definition.' })
export class DefinitionProblem {
  @Field(() => String, { description: 'Dotted path into the definition, e.g. `filters.0.value`.' })
  path!: string;

  @Field(() => String, { description: 'What is wrong there.' })
  message!: string;
}

@ObjectType({ description: 'The outcome of checking a definition without running it.' })
export class ReportValidation {
  @Field(() => Boolean, { description: 'True when the definition has no problems.' })
  valid!: boolean;

  @Field(() => [DefinitionProblem], { description: 'Every problem found; empty when valid.' })
  errors!: DefinitionProblem[];
}

@InputType({ description: 'Preview a saved report (reportId) or an unsaved definition, one page at a time.' })
export class PreviewReportInput {
  @Field(() => ID, { description: 'A saved report to preview.', nullable: true })
  reportId?: string | null;

  @Field(() => ReportDefinitionShape, { description: 'An unsaved definition to preview.', nullable: true })
  definition?: ReportDefinitionShape | null;

  @Field(() => Int, { nullable: true, description: 'Rows per page, 1..500 (default 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "Values of the report's parameters by name (`{ platform: [\"ios\"], period: { from: \"2026-12-01\", to: \"2026-12-07\" } }`), over their defaults; checked with paths `input.parameterValues.<name>`." })
  parameterValues?: Record<string, unknown> | null;
}

@ObjectType({ description: 'A column of a preview, in row order.' })
export class PreviewColumn {
  @Field(() => String, { description: 'Column key (the alias or derived name).' })
  name!: string;

  @Field(() => String, { description: 'Human label for the column header.' })
  label!: string;

  @Field(() => ColumnKindEnum, { description: 'Value family of the column.' })
  type!: ColumnKind;
}

@ObjectType({ description: 'The window of instants a preview covers.' })
export class PreviewWindow {
  @Field(() => DateTimeScalar, { description: 'Start, inclusive.' })
  from!: Date;

  @Field(() => DateTimeScalar, { description: 'End, exclusive.' })
  to!: Date;

  @Field(() => String, { description: 'Start as the wall time in the preview\'s zone, with its offset (`2026-12-01T00:00:00.000-08:00`).' })
  fromLocal!: string;

  @Field(() => String, { description: 'End as the wall time in the preview\'s zone, with its offset.' })
  toLocal!: string;
}

@ObjectType({ description: 'One page of a report\'s rows with the column metadata and paging information.' })
export class ReportPreview {
  @Field(() => [PreviewColumn], { description: 'The columns, in row order.' })
  columns!: PreviewColumn[];

  @Field(() => [JSONScalar], { description: 'Each row an array of values in column order. DATETIME values are ISO 8601 with the offset of `timeZone` (`2026-12-01T09:00:00.000-08:00`), DATE values calendar dates (`2026-12-01`), 64-bit integers strings.' })
  rows!: unknown[][];

  @Field(() => String, { description: "The IANA zone the preview read time in (the report's `timeZone`): buckets, the time range and every DATETIME value." })
  timeZone!: string;

  @Field(() => PreviewWindow, { nullable: true, description: 'The time range resolved at `asOf`, or null when the report has none.' })
  window!: PreviewWindow | null;

  @Field(() => Int, { description: 'Rows the report yields after its row limit.' })
  totalCount!: number;

  @Field(() => Boolean, { description: 'True when the row limit cut the result.' })
  truncated!: boolean;

  @Field(() => PageInfo, { description: 'Cursor for the next page.' })
  pageInfo!: PageInfo;

  @Field(() => DateTimeScalar, { description: 'The instant relative time ranges resolved against; fixed across pages.' })
  asOf!: Date;

  @Field(() => Int, { description: 'Time the query took on the server.' })
  elapsedMs!: number;

  @Field(() => JSONScalar, { nullable: true, description: 'The parameter values the preview ran with (given over defaults; null for an unset optional one), or null when the report has no parameters.' })
  parameterValues!: Record<string, unknown> | null;
}
