/**
 * Report templates: the built-in gallery (built-in.ts) and each tenant's own, saved from a report
 * by an editor. A template is a definition (with its parameters) and a visualization; a report
 * made from it gets the parameter values given as its parameters' defaults. Tenant templates are
 * read by tenant in the query itself: another tenant's id is NOT_FOUND, as everywhere.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../errors.js';
import { isUuid } from '../../graphql/ids.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import type { ReportDefinition } from '../reports/definition.js';
import type { ReportEntity } from '../reports/report.entity.js';
import type { ReportService } from '../reports/report.service.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './built-in.js';

export interface TemplateRecord {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  kind: string | null;
  definition: ReportDefinition;
  visualization: unknown;
  createdBy: string | null;
  createdAt: Date | null;
}

interface TemplateRow {
  id: string;
  name: string;
  description: string;
  definition: ReportDefinition;
  visualization: unknown;
  created_by: string;
  created_at: Date;
}

const fromRow = (r: TemplateRow): TemplateRecord => ({
  id: r.id, name: r.name, description: r.description, builtIn: false, kind: null,
  definition: r.definition, visualization: r.visualization, createdBy: r.created_by, createdAt: new Date(r.created_at),
});

export class TemplateService {
  constructor(
    private readonly em: EntityManager,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
  ) {}

  private sql<T>(query: string, params: unknown[], em: EntityManager = this.em): Promise<T[]> {
    return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
  }

  /** The built-in gallery, then the tenant's own templates, newest first (at most 500). */
  async list(viewer: Viewer): Promise<TemplateRecord[]> {
    const own = await this.sql<TemplateRow>(
      'SELECT id, name, description, definition, visualization, created_by, created_at FROM report_templates WHERE tenant_id = ? ORDER BY created_at DESC, id DESC LIMIT 500',
      [viewer.tenantId]);
    const builtIns = BUILT_IN_TEMPLATES.map((t): TemplateRecord => ({ ...t, builtIn: true, visualization: null, createdBy: null, createdAt: null }));
    return [...builtIns, ...own.map(fromRow)];
  }

  async get(viewer: Viewer, id: string): Promise<TemplateRecord> {
    const builtIn = builtInTemplate(id);
    if (builtIn) return { ...builtIn, builtIn: true, visualization: null, createdBy: null, createdAt: null };
    if (!isUuid(id)) throw new NotFoundError('Template', id);
    const [row] = await this.sql<TemplateRow>(
      'SELECT id, name, description, definition, visualization, created_by, created_at FROM report_templates WHERE id = ? AND tenant_id = ?', [id, viewer.tenantId]);
    if (!row) throw new NotFoundError('Template', id);
    return fromRow(row);
  }

  /** An editor saves a report they can open as a template of their tenant. */
  async saveReportAsTemplate(viewer: Viewer, reportId: string, name: string, description: string | null): Promise<TemplateRecord> {
    this.requireEditor(viewer);
    const report = await this.reports.get(viewer, reportId);
    const problems = [];
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) problems.push({ path: 'name', message: 'must be 1 to 200 characters' });
    if (description && description.length > 2000) problems.push({ path: 'description', message: 'must be at most 2000 characters' });
    if (problems.length) throw new BadUserInputError(`Invalid template: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    const id = randomUUID();
    return this.audit.recorded(viewer, async (tx) => {
      const [taken] = await this.sql<{ id: string }>('SELECT id FROM report_templates WHERE tenant_id = ? AND lower(name) = lower(?)', [viewer.tenantId, trimmed], tx);
      if (taken) throw new BadUserInputError(`A template named "${trimmed}" already exists`, [{ path: 'name', message: 'already used in this tenant' }]);
      await this.sql(
        `INSERT INTO report_templates (id, tenant_id, name, description, definition, visualization, source_report_id, created_by)
         VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)`,
        [id, viewer.tenantId, trimmed, description?.trim() ?? report.description ?? '', JSON.stringify(report.definition),
          report.visualization ? JSON.stringify(report.visualization) : null, report.id, viewer.userId], tx);
      const [row] = await this.sql<TemplateRow>('SELECT id, name, description, definition, visualization, created_by, created_at FROM report_templates WHERE id = ?', [id], tx);
      return fromRow(row!);
    }, () => ({ action: 'template.create', targetType: 'template', targetId: id, details: { name: trimmed, reportId: report.id } }));
  }

  /**
   * A new report from a template: the values given become its parameters' defaults (checked with
   * paths `parameterValues.<name>` first; a required parameter without a value is refused), and
   * `timeZone`, when given, the zone it reads time in.
   */
  async createReportFromTemplate(viewer: Viewer, templateId: string, name: string, parameterValues: Record<string, unknown> | null, timeZone: string | null): Promise<ReportEntity> {
    this.requireEditor(viewer);
    const template = await this.get(viewer, templateId);
    const checked = validateDefinition({ ...template.definition, ...(timeZone ? { timeZone } : {}) }, this.reports.limits);
    if (!checked.valid) {
      throw new BadUserInputError(`The template cannot make a valid report: ${checked.errors[0]!.path} ${checked.errors[0]!.message}`,
        checked.errors.map((e) => ({ path: e.path === 'timeZone' ? 'timeZone' : 'templateId', message: `definition.${e.path}: ${e.message}` })));
    }
    const bound = bindParameterValues(checked.definition, parameterValues, 'parameterValues', this.reports.limits.maxRangeDays);
    if (!bound.ok) throw new BadUserInputError(`Invalid parameter value: ${bound.errors[0]!.path} ${bound.errors[0]!.message}`, bound.errors);
    const given = parameterValues ?? {};
    const { parameterValues: _resolved, ...definition } = bound.definition;
    definition.parameters = definition.parameters?.map((p) => (given[p.name] !== undefined && given[p.name] !== null ? { ...p, default: bound.definition.parameterValues![p.name] ?? null } : p));
    return this.reports.create(viewer, {
      name,
      description: template.description || null,
      definition: definition as ReportDefinition,
      ...(template.visualization ? { visualization: template.visualization as never } : {}),
    });
  }

  private requireEditor(viewer: Viewer): void {
    if (!hasRole(viewer, 'editor')) throw new ForbiddenError('Templates are saved and used by editors');
  }
}
