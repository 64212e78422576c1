import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONScalar } from '../../graphql/scalars.js';
import { enumOf } from '../../graphql/enums.js';
import { Report } from '../reports/report.type.js';
import { RelativeRangeShape, RollingRangeShape, NamedPeriodEnum } from '../reports/definition.graphql.js';
import { VisualizationShape } from '../reports/visualization.graphql.js';
import type { NamedPeriod } from '../reports/definition.js';
import { GRID_COLUMNS, MAX_TILE_HEIGHT, type TileKind } from './layout.js';
import type { Visibility } from './dashboard.service.js';
import { ExportFormatEnum } from '../exports/export.type.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { Node } from '../../graphql/node.js';

export const DashboardVisibilityEnum = enumOf(['PRIVATE', 'TENANT'] as const);
registerEnumType(DashboardVisibilityEnum, {
  name: 'DashboardVisibility',
  description: 'Who sees a dashboard (its tiles still show only reports the viewer may open).',
  valuesConfig: {
    PRIVATE: { description: 'Its owner (and admins).' },
    TENANT: { description: 'Everyone in the tenant.' },
  },
});

export const TileKindEnum = enumOf(['REPORT', 'TEXT'] as const);
registerEnumType(TileKindEnum, {
  name: 'DashboardTileKind',
  description: 'What a tile shows.',
  valuesConfig: { REPORT: { description: 'A saved report: its chart and its first rows.' }, TEXT: { description: 'Plain text, shown as written.' } },
});

@ObjectType('DashboardTimeRange', { description: 'The period a dashboard shows: exactly one of `last`, `rolling`, `period` or `from`/`to`, as in a report\'s time range. It replaces every report tile\'s own period; each report keeps its time column and its comparison.' })
@InputType('DashboardTimeRangeInput', { description: 'The period a dashboard shows: exactly one of `last`, `rolling`, `period` or `from`/`to` (same forms as `TimeRangeInput`).' })
export class DashboardTimeRangeShape {
  @Field(() => RelativeRangeShape, { nullable: true, description: 'The last n complete calendar units before the current one.' })
  last?: RelativeRangeShape | null;

  @Field(() => RollingRangeShape, { nullable: true, description: 'Elapsed time ending now.' })
  rolling?: RollingRangeShape | null;

  @Field(() => NamedPeriodEnum, { nullable: true, description: 'A named calendar period.' })
  period?: NamedPeriod | null;

  @Field(() => String, { nullable: true, description: 'Start, inclusive (ISO 8601 date or date-time, read in each report\'s zone without an offset).' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'End, exclusive.' })
  to?: string | null;
}

@ObjectType('DashboardTile', { description: `A tile on the ${GRID_COLUMNS}-column grid.` })
export class DashboardTile {
  @Field(() => ID, { description: 'Tile id (stable across updates that keep it).' })
  id!: string;

  @Field(() => TileKindEnum, { description: 'REPORT or TEXT.' })
  kind!: TileKind;

  @Field(() => ID, { nullable: true, description: 'REPORT: the report drawn.' })
  reportId!: string | null;

  @Field(() => Boolean, { description: 'REPORT: whether the viewer may open the report. When false, `report` is null and the tile\'s rows are NOT_FOUND: a dashboard never shows a report to someone who cannot open it. TEXT: true.' })
  accessible!: boolean;

  @Field(() => Report, { nullable: true, description: 'REPORT: the report, when the viewer may open it.' })
  report!: Report | null;

  @Field(() => String, { nullable: true, description: 'Title shown above the tile; null: the report\'s name.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'TEXT: the text, plain (no markup is interpreted).' })
  text!: string | null;

  @Field(() => VisualizationShape, { nullable: true, description: 'REPORT: the chart drawn instead of the report\'s own; null: the report\'s.' })
  visualization!: VisualizationShape | null;

  @Field(() => Int, { description: `Left column, 0..${GRID_COLUMNS - 1}.` })
  x!: number;

  @Field(() => Int, { description: 'Top row, from 0.' })
  y!: number;

  @Field(() => Int, { description: `Width in columns, 1..${GRID_COLUMNS}; x + w ≤ ${GRID_COLUMNS}.` })
  w!: number;

  @Field(() => Int, { description: `Height in rows, 1..${MAX_TILE_HEIGHT}.` })
  h!: number;
}

@InputType('DashboardTileInput', { description: `A tile on the ${GRID_COLUMNS}-column grid; tiles may not overlap.` })
export class DashboardTileInput {
  @Field(() => ID, { nullable: true, description: 'Keep an existing tile\'s id; absent: a new tile.' })
  id?: string | null;

  @Field(() => TileKindEnum, { description: 'REPORT or TEXT.' })
  kind!: TileKind;

  @Field(() => ID, { nullable: true, description: 'REPORT: a report you can open.' })
  reportId?: string | null;

  @Field(() => String, { nullable: true, description: 'Title above the tile, at most 200 characters; absent: the report\'s name.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'TEXT: plain text, 1 to 5000 characters.' })
  text?: string | null;

  @Field(() => VisualizationShape, { nullable: true, description: 'REPORT: a chart instead of the report\'s own, checked against its measures.' })
  visualization?: VisualizationShape | null;

  @Field(() => Int, { description: `Left column, 0..${GRID_COLUMNS - 1}.` })
  x!: number;

  @Field(() => Int, { description: 'Top row, from 0.' })
  y!: number;

  @Field(() => Int, { description: `Width in columns, 1..${GRID_COLUMNS}.` })
  w!: number;

  @Field(() => Int, { description: `Height in rows, 1..${MAX_TILE_HEIGHT}.` })
  h!: number;
}

@ObjectType('Dashboard', { description: 'Several reports (and text) on one page, with one time range for all of them.', implements: Node })
export class Dashboard {
  @Field(() => ID, { description: 'Dashboard id.' })
  id!: string;

  @Field(() => String, { description: 'Name, 1 to 200 characters.' })
  name!: string;

  @Field(() => String, { description: 'Description (may be empty).' })
  description!: string;

  @Field(() => DashboardVisibilityEnum, { description: 'PRIVATE or TENANT.' })
  visibility!: Visibility;

  @Field(() => [DashboardTile], { description: 'Tiles in reading order (by row, then column).' })
  tiles!: DashboardTile[];

  @Field(() => DashboardTimeRangeShape, { nullable: true, description: 'The period every report tile shows instead of its report\'s own; null: each report\'s own.' })
  timeRange!: DashboardTimeRangeShape | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Parameter values by name, given to every tile whose report declares that parameter (other names are ignored for that tile).' })
  parameterValues!: Record<string, unknown> | null;

  @Field(() => Boolean, { description: 'Whether the viewer marked it as a favourite.' })
  favorite!: boolean;

  @Field(() => Boolean, { description: 'Whether the viewer may change or delete it (its owner with the editor role, or an admin).' })
  canEdit!: boolean;

  @Field(() => String, { description: 'The owner\'s user id.' })
  createdBy!: string;

  @Field(() => Date, { description: 'When it was created (UTC).' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When it was last changed (UTC).' })
  updatedAt!: Date;
}

@InputType('CreateDashboardInput', { description: 'A new dashboard.' })
export class CreateDashboardInput {
  @Field(() => String, { description: '1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  description?: string | null;

  @Field(() => DashboardVisibilityEnum, { nullable: true, description: 'Default PRIVATE.' })
  visibility?: Visibility | null;

  @Field(() => [DashboardTileInput], { nullable: true, description: 'The tiles (default none).' })
  tiles?: DashboardTileInput[] | null;

  @Field(() => DashboardTimeRangeShape, { nullable: true, description: 'The period every report tile shows; absent: each report\'s own.' })
  timeRange?: DashboardTimeRangeShape | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Parameter values by name, for the tiles that declare them.' })
  parameterValues?: Record<string, unknown> | null;
}

@InputType('UpdateDashboardInput', { description: 'Fields left out stay as they are; `tiles`, when given, replace every tile; `timeRange: null` goes back to each report\'s own.' })
export class UpdateDashboardInput {
  @Field(() => String, { nullable: true, description: '1 to 200 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  description?: string | null;

  @Field(() => DashboardVisibilityEnum, { nullable: true, description: 'PRIVATE or TENANT.' })
  visibility?: Visibility | null;

  @Field(() => [DashboardTileInput], { nullable: true, description: 'Every tile of the dashboard, replacing the current ones.' })
  tiles?: DashboardTileInput[] | null;

  @Field(() => DashboardTimeRangeShape, { nullable: true, description: 'The period every report tile shows; null: each report\'s own.' })
  timeRange?: DashboardTimeRangeShape | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Parameter values by name; null: none.' })
  parameterValues?: Record<string, unknown> | null;
}

@ObjectType('DashboardPdf', { description: 'A PDF of a whole dashboard, inline: every tile in reading order with its title, period, chart and first rows.' })
export class DashboardPdf {
  @Field(() => String, { description: 'A file name for it (the dashboard\'s name).' })
  fileName!: string;

  @Field(() => String, { description: 'application/pdf' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  byteSize!: number;

  @Field(() => String, { description: 'The file, base64.' })
  base64!: string;
}

@InputType('CreateDashboardExportInput', { description: 'A file of a whole dashboard through the export pipeline (progress, history, download links and retention as for a report\'s export).' })
export class CreateDashboardExportInput {
  @Field(() => ID, { description: 'The dashboard.' })
  dashboardId!: string;

  @Field(() => ExportFormatEnum, { description: 'PDF (every tile: title, period, chart, first rows; text tiles as text) or XLSX (a sheet per tile with its rows, then About). Other formats are BAD_USER_INPUT at `input.format`.' })
  format!: ExportFormat;

  @Field(() => DashboardTimeRangeShape, { nullable: true, description: 'Instead of the dashboard\'s time range, for this file (as the page\'s time-range control).' })
  timeRange?: DashboardTimeRangeShape | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Over the dashboard\'s parameter values, for this file; given to each tile whose report declares the name, checked as `updateDashboard` checks them (`input.parameterValues.<name>`).' })
  parameterValues?: Record<string, unknown> | null;
}
