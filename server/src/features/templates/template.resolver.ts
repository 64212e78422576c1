import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { JSONScalar } from '../../graphql/scalars.js';
import { Report } from '../reports/report.type.js';
import { toReport } from '../reports/report.resolver.js';
import type { ParameterShape, ReportDefinitionShape } from '../reports/definition.graphql.js';
import { TemplateService, type TemplateRecord } from './template.service.js';
import { ReportTemplate } from './template.type.js';
import { validateDefinition } from '../reports/validate-definition.js';
import type { DefinitionLimits, ReportDefinition } from '../reports/definition.js';

const service = (ctx: AppContext) => new TemplateService(ctx.em, ctx.services.reports, ctx.services.audit);

/** With its definition normalized (every parameter flag and default spelled out), as reports are. */
function toTemplate(t: TemplateRecord, limits: DefinitionLimits): ReportTemplate {
  const checked = validateDefinition(t.definition, limits);
  if (checked.valid) t = { ...t, definition: checked.definition as ReportDefinition };
  return {
    id: t.id, name: t.name, description: t.description, builtIn: t.builtIn, kind: t.kind,
    source: t.definition.source,
    parameters: (t.definition.parameters ?? []) as ParameterShape[],
    definition: t.definition as ReportDefinitionShape,
    createdBy: t.createdBy, createdAt: t.createdAt,
  };
}

@Resolver(() => ReportTemplate)
export class TemplateResolver {
  @Authorized()
  @Query(() => [ReportTemplate], { description: 'The template gallery: built-in report types (daily summary, weekly performance, monthly summary, custom range, over each table), then the tenant\'s own templates, newest first.' })
  async reportTemplates(@Ctx() ctx: AppContext): Promise<ReportTemplate[]> {
    return (await service(ctx).list(requireViewer(ctx))).map((t) => toTemplate(t, ctx.services.reports.limits));
  }

  @Authorized('editor')
  @Mutation(() => ReportTemplate, { description: 'Saves a report as a template of the tenant (editor or admin); audited as `template.create`.' })
  async saveReportAsTemplate(
    @Ctx() ctx: AppContext,
    @Arg('reportId', () => ID, { description: 'A report the editor can open.' }) reportId: string,
    @Arg('name', () => String, { description: '1 to 200 characters, unique among the tenant\'s templates.' }) name: string,
    @Arg('description', () => String, { nullable: true, description: 'Shown in the gallery; the report\'s description when absent.' }) description?: string | null,
  ): Promise<ReportTemplate> {
    return toTemplate(await service(ctx).saveReportAsTemplate(requireViewer(ctx), reportId, name, description ?? null), ctx.services.reports.limits);
  }

  @Authorized('editor')
  @Mutation(() => Report, { description: 'Makes a new report from a template (editor or admin). The parameter values given become its parameters\' defaults; checked with paths `parameterValues.<name>` before anything is saved.' })
  async createReportFromTemplate(
    @Ctx() ctx: AppContext,
    @Arg('templateId', () => ID, { description: 'A built-in or tenant template id.' }) templateId: string,
    @Arg('name', () => String, { description: 'Name of the new report, unique within the tenant.' }) name: string,
    @Arg('parameterValues', () => JSONScalar, { nullable: true, description: 'Values by parameter name (a DATE_RANGE as `{ from, to }`, both days included).' }) parameterValues?: Record<string, unknown> | null,
    @Arg('timeZone', () => String, { nullable: true, description: 'IANA zone the report reads time in ("yesterday" is yesterday there); the template\'s (UTC) when absent.' }) timeZone?: string | null,
  ): Promise<Report> {
    return toReport(await service(ctx).createReportFromTemplate(requireViewer(ctx), templateId, name, parameterValues ?? null, timeZone ?? null));
  }
}
