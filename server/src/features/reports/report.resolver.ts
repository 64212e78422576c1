import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import type { ReportDefinition } from './definition.js';
import { validateDefinition } from './validate-definition.js';
import { ReportDefinitionShape } from './definition.graphql.js';
import type { ReportEntity } from './report.entity.js';
import {
  CreateReportInput, PreviewReportInput, Report, ReportConnection, ReportPreview, ReportValidation, UpdateReportInput,
} from './report.type.js';
import type { PreviewPage } from './preview.service.js';
import { storedVisualization } from './stored-visualization.js';

/** GraphQL input objects are class instances; the definition is stored and validated as plain JSON. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function toReport(e: ReportEntity): Report {
  return { ...e, definition: e.definition as ReportDefinitionShape, visualization: storedVisualization(e.visualization) };
}

@Resolver(() => Report)
export class ReportResolver {
  @Authorized()
  @Query(() => ReportConnection, { description: 'Reports visible to the viewer, newest first.' })
  async reports(
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
  ): Promise<ReportConnection> {
    const page = await ctx.services.reports.list(requireViewer(ctx), first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toReport(e.node) })) };
  }

  @Authorized()
  @Query(() => Report, { description: "NOT_FOUND for a missing id and for another tenant's." })
  async report(@Ctx() ctx: AppContext, @Arg('id', () => ID, { description: 'The report\'s id.' }) id: string): Promise<Report> {
    const viewer = requireViewer(ctx);
    // Audited as a read (AUDIT_READS): which report, how long; never its definition or rows.
    return toReport(await ctx.services.audit.read(viewer, { action: 'report.read', targetType: 'report', targetId: id },
      () => ctx.services.reports.get(viewer, id), () => ({})));
  }

  @Authorized()
  @Query(() => ReportValidation, { description: 'Checks a definition without running it.' })
  validateReport(@Ctx() ctx: AppContext, @Arg('definition', () => ReportDefinitionShape, { description: 'The definition to check.' }) definition: ReportDefinitionShape): ReportValidation {
    requireViewer(ctx);
    const result = validateDefinition(plain(definition), ctx.services.reports.limits);
    return result.valid ? { valid: true, errors: [] } : { valid: false, errors: result.errors };
  }

  @Authorized()
  @Query(() => ReportPreview, { description: 'One page of a report\'s rows, by saved id or ad-hoc definition.' })
  async previewReport(@Ctx() ctx: AppContext, @Arg('input', () => PreviewReportInput, { description: 'What to preview and which page.' }) input: PreviewReportInput): Promise<PreviewPage> {
    const viewer = requireViewer(ctx);
    if ((input.reportId == null) === (input.definition == null)) {
      throw new BadUserInputError('Give exactly one of reportId and definition', [{ path: 'input.reportId', message: 'exactly one of reportId and definition' }]);
    }
    // Audited as a read (AUDIT_READS): the report (null for an unsaved definition), the page's row
    // count, the result's total and the duration; never a row.
    return ctx.services.audit.read(viewer, { action: 'report.preview', targetType: 'report', targetId: input.reportId ?? null }, async () => {
      // Not awaited here: the preview reads the tenant's masking while the report is read.
      const definition: ReportDefinition | Promise<ReportDefinition> = input.reportId
        ? ctx.services.reports.readableDefinition(viewer, input.reportId)
        : plain(input.definition!);
      return ctx.services.preview.preview(viewer, definition, input.first, input.after, input.parameterValues);
    }, (page) => ({ rowCount: page.rows.length, totalCount: page.totalCount }));
  }

  @Authorized('editor')
  @Mutation(() => Report, { description: 'Saves a new report (editor or admin).' })
  async createReport(@Ctx() ctx: AppContext, @Arg('input', () => CreateReportInput, { description: 'The fields to set.' }) input: CreateReportInput): Promise<Report> {
    const viewer = requireViewer(ctx);
    return toReport(await ctx.services.reports.create(viewer, plain(input)));
  }

  @Authorized('editor')
  @Mutation(() => Report, { description: 'Changes a report (editor or admin); fields left out stay as they are.' })
  async updateReport(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { description: 'The report\'s id.' }) id: string,
    @Arg('input', () => UpdateReportInput, { description: 'The fields to set.' }) input: UpdateReportInput,
  ): Promise<Report> {
    const viewer = requireViewer(ctx);
    return toReport(await ctx.services.reports.update(viewer, id, plain(input)));
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes a report; returns its id. A report that schedules export is refused with BAD_USER_INPUT at `force` (`extensions.schedules`: their ids and names) unless `force: true`, which deletes those schedules (and their executions) with it, named in the audit entry.' })
  async deleteReport(
    @Ctx() ctx: AppContext,
    @Arg('id', () => ID, { description: 'The report\'s id.' }) id: string,
    @Arg('force', () => Boolean, { description: 'Also delete the schedules that export this report (default false: refuse while there are any).', defaultValue: false }) force: boolean,
  ): Promise<string> {
    return ctx.services.reports.delete(requireViewer(ctx), id, force);
  }
}
