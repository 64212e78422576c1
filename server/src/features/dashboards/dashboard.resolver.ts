import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { JSONScalar } from '../../graphql/scalars.js';
import type { Viewer } from '../auth/viewer.js';
import { ReportPreview } from '../reports/report.type.js';
import { toReport } from '../reports/report.resolver.js';
import type { PreviewPage } from '../reports/preview.service.js';
import { storedVisualization } from '../reports/stored-visualization.js';
import { TemplateService } from '../templates/template.service.js';
import { DashboardService, type DashboardRecord } from './dashboard.service.js';
import { CreateDashboardExportInput, CreateDashboardInput, Dashboard, DashboardPdf, DashboardTimeRangeShape, UpdateDashboardInput } from './dashboard.type.js';
import { Export } from '../exports/export.type.js';
import { toExport } from '../exports/export.resolver.js';
import type { DashboardExportRequest } from '../exports/export.entity.js';
import { rangeWords } from './dashboard-export.js';

/** The request's dashboards, as `dashboard(id)` reads them (also `node(id)`'s). */
export const service = (ctx: AppContext) => new DashboardService(ctx.em, ctx.services.reports, ctx.services.preview, ctx.services.audit);

/** GraphQL input objects are class instances; stored as plain JSON. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export async function toDashboard(ctx: AppContext, viewer: Viewer, dashboards: DashboardService, d: DashboardRecord): Promise<Dashboard> {
  const reports = await Promise.all(d.tiles.map((t) => dashboards.tileReport(viewer, t)));
  return {
    ...d,
    timeRange: d.timeRange as DashboardTimeRangeShape | null,
    canEdit: dashboards.canEdit(viewer, d),
    tiles: d.tiles.map((t, i) => {
      const report = reports[i] ?? null;
      return {
        ...t,
        accessible: t.kind === 'TEXT' || report !== null,
        report: report && toReport(report),
        visualization: storedVisualization(t.visualization),
      };
    }),
  };
}

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Authorized()
  @Query(() => [Dashboard], { description: 'Dashboards the viewer may see (their own and the tenant\'s shared ones; admins: all), the viewer\'s favourites first, then newest first; at most 500.' })
  async dashboards(@Ctx() ctx: AppContext): Promise<Dashboard[]> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return Promise.all((await dashboards.list(viewer)).map((d) => toDashboard(ctx, viewer, dashboards, d)));
  }

  @Authorized()
  @Query(() => Dashboard, { description: 'NOT_FOUND for a missing id, another tenant\'s, and another user\'s private dashboard.' })
  async dashboard(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The dashboard\'s id.' }) id: string): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return toDashboard(ctx, viewer, dashboards, await dashboards.get(viewer, id));
  }

  @Authorized()
  @Query(() => ReportPreview, { description: 'The first rows of one report tile, with the dashboard\'s time range and parameter values applied (or the ones given here, for this read only: the page\'s time-range control). NOT_FOUND when the viewer may not open the tile\'s report.' })
  async dashboardTileRows(
    @Ctx() ctx: AppContext,
    @Arg('dashboardId', () => ID, { description: 'The dashboard.' }) dashboardId: string,
    @Arg('tileId', () => ID, { description: 'A report tile of it.' }) tileId: string,
    @Arg('timeRange', () => DashboardTimeRangeShape, { nullable: true, description: 'Instead of the dashboard\'s time range, for this read.' }) timeRange?: DashboardTimeRangeShape | null,
    @Arg('parameterValues', () => JSONScalar, { nullable: true, description: 'Over the dashboard\'s parameter values, for this read.' }) parameterValues?: Record<string, unknown> | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many rows, 1..500 (default 50).' }) first?: number | null,
  ): Promise<PreviewPage> {
    const viewer = requireViewer(ctx);
    return ctx.services.audit.read(viewer, { action: 'dashboard.tile', targetType: 'dashboard', targetId: dashboardId },
      () => service(ctx).tileRows(viewer, dashboardId, tileId, { ...(timeRange ? { timeRange: plain(timeRange) } : {}), parameterValues: parameterValues ?? null, first: first ?? null }),
      (page) => ({ tileId, rowCount: page.rows.length, totalCount: page.totalCount }));
  }

  @Authorized()
  @Query(() => DashboardPdf, { description: 'The whole dashboard as one PDF (every tile: title, period, chart, first 8 rows), with its time range or the one given (as on the page). A tile whose report the viewer may not open is named and shows nothing of it. Audited as a read (`dashboard.pdf`).' })
  async dashboardPdf(
    @Ctx() ctx: AppContext,
    @Arg('dashboardId', () => ID, { description: 'The dashboard.' }) dashboardId: string,
    @Arg('timeRange', () => DashboardTimeRangeShape, { nullable: true, description: 'Instead of the dashboard\'s time range, for this file.' }) timeRange?: DashboardTimeRangeShape | null,
  ): Promise<DashboardPdf> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return ctx.services.audit.read(viewer, { action: 'dashboard.pdf', targetType: 'dashboard', targetId: dashboardId }, async () => {
      const range = timeRange ? plain(timeRange) : undefined;
      const stored = range ?? (await dashboards.get(viewer, dashboardId)).timeRange;
      const words = rangeWords(stored);
      const file = await dashboards.pdf(viewer, dashboardId, range, words);
      return { fileName: file.fileName, contentType: 'application/pdf', byteSize: file.bytes.length, base64: file.bytes.toString('base64') };
    }, (f) => ({ byteSize: f.byteSize }));
  }

  @Authorized()
  @Mutation(() => Export, { description: 'A file of the whole dashboard through the export pipeline: PDF (every tile: title, period, chart via the same renderer as report PDFs, first rows; text tiles as text) or XLSX (one sheet per tile with its rows, then About). Follow it with `exportUpdated(id)`; it appears in `exports` with `dashboardId` set, and gets links, retention and retries as a report\'s export. Tiles are read when the file is made, as the requester may read them (a tile they cannot open is named and shows nothing). NOT_FOUND for a dashboard the viewer cannot see; audited as `export.create`.' })
  async createDashboardExport(@Ctx() ctx: AppContext, @Arg('input', () => CreateDashboardExportInput, { description: 'The dashboard, the format, and optional time range and parameter values for this file.' }) input: CreateDashboardExportInput): Promise<Export> {
    const viewer = requireViewer(ctx);
    const { dashboard, request } = await service(ctx).checkExport(viewer, input.dashboardId, input.format,
      { ...(input.timeRange ? { timeRange: plain(input.timeRange) } : {}), parameterValues: input.parameterValues ?? null });
    return toExport(await ctx.services.exports.createDashboardExport(viewer, dashboard, input.format, plain(request) as DashboardExportRequest));
  }

  @Authorized('editor')
  @Mutation(() => Dashboard, { description: 'A new dashboard (editor or admin); audited as `dashboard.create`. Tiles are checked first: inside the 12 columns, not overlapping, over reports you can open.' })
  async createDashboard(@Ctx() ctx: AppContext, @Arg('input', () => CreateDashboardInput, { description: 'The dashboard.' }) input: CreateDashboardInput): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return toDashboard(ctx, viewer, dashboards, await dashboards.create(viewer, plain(input)));
  }

  @Authorized('editor')
  @Mutation(() => Dashboard, { description: 'Changes a dashboard (its owner or an admin); `tiles`, when given, replace every tile. Audited as `dashboard.update`.' })
  async updateDashboard(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { description: 'The dashboard\'s id.' }) id: string,
    @Arg('input', () => UpdateDashboardInput, { description: 'The fields to change.' }) input: UpdateDashboardInput,
  ): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return toDashboard(ctx, viewer, dashboards, await dashboards.update(viewer, id, plain(input)));
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes a dashboard (its owner or an admin; its reports stay); returns its id. Audited as `dashboard.delete`.' })
  deleteDashboard(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The dashboard\'s id.' }) id: string): Promise<string> {
    return service(ctx).delete(requireViewer(ctx), id);
  }

  @Authorized()
  @Mutation(() => Dashboard, { description: 'Marks a dashboard as one of the viewer\'s favourites (listed first). Idempotent.' })
  async favoriteDashboard(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The dashboard\'s id.' }) id: string): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return toDashboard(ctx, viewer, dashboards, await dashboards.setFavorite(viewer, id, true));
  }

  @Authorized()
  @Mutation(() => Dashboard, { description: 'Takes a dashboard off the viewer\'s favourites. Idempotent.' })
  async unfavoriteDashboard(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The dashboard\'s id.' }) id: string): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    return toDashboard(ctx, viewer, dashboards, await dashboards.setFavorite(viewer, id, false));
  }

  @Authorized('editor')
  @Mutation(() => Dashboard, { description: 'A dashboard generated from a template (editor or admin): for a built-in report type (`DAILY_SUMMARY`, `WEEKLY_PERFORMANCE`, `MONTHLY_SUMMARY`, `CUSTOM_RANGE`) one report per section (each of the three tables), for a template id one report, each made as `createReportFromTemplate` makes it and placed on a tile, two per row. Report names are "<dashboard name> · <template name>".' })
  async createDashboardFromTemplate(
    @Ctx() ctx: AppContext,
    @Arg('template', () => String, { description: 'A built-in report type, or a template id (built-in or the tenant\'s).' }) template: string,
    @Arg('name', () => String, { description: 'The dashboard\'s name.' }) name: string,
    @Arg('parameterValues', () => JSONScalar, { nullable: true, description: 'Values by parameter name, given to each report made (e.g. `period` for CUSTOM_RANGE).' }) parameterValues?: Record<string, unknown> | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA zone the reports read time in (default the templates\').' }) timeZone?: string | null,
  ): Promise<Dashboard> {
    const viewer = requireViewer(ctx);
    const dashboards = service(ctx);
    const templates = new TemplateService(ctx.em, ctx.services.reports, ctx.services.audit);
    return toDashboard(ctx, viewer, dashboards, await dashboards.createFromTemplate(viewer, templates, template, name, parameterValues ?? null, timeZone ?? null));
  }
}
