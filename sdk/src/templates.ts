/** Report templates: the built-in gallery and the tenant's own; reports made from them. */
import { CreateReportFromTemplateDocument, ReportTemplatesDocument, SaveReportAsTemplateDocument } from './generated/graphql.js';
import type { ReportTemplatesQuery } from './generated/graphql.js';
import type { Transport } from './transport.js';
import type { Report } from './types.js';

export type ReportTemplate = ReportTemplatesQuery['reportTemplates'][number];

export class TemplatesApi {
  constructor(private readonly transport: Transport) {}

  /** Built-in templates (daily summary, weekly performance, monthly summary, custom range over each table), then the tenant's own. */
  async list(): Promise<ReportTemplate[]> {
    return (await this.transport.query(ReportTemplatesDocument, {})).reportTemplates;
  }

  /** Saves a report as a template of the tenant (editor or admin). */
  async saveReport(reportId: string, name: string, description?: string | null): Promise<ReportTemplate> {
    return (await this.transport.mutate(SaveReportAsTemplateDocument, { reportId, name, description: description ?? null })).saveReportAsTemplate;
  }

  /** A new report from a template; the values given become its parameters' defaults. */
  async createReport(templateId: string, name: string, options: { parameterValues?: Record<string, unknown> | null; timeZone?: string | null } = {}): Promise<Report> {
    return (await this.transport.mutate(CreateReportFromTemplateDocument, {
      templateId, name, parameterValues: options.parameterValues ?? null, timeZone: options.timeZone ?? null,
    })).createReportFromTemplate;
  }
}
