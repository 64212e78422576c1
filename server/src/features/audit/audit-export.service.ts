/**
 * Asks for an export of the audit data (admins only): the export row, its job and its own audit
 * entry (`audit.export`) commit together. The filter is snapshotted with the newest entry id, so
 * the file holds exactly what the explorer showed when it was asked for.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, type FieldError } from '../../errors.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import { normalizeTimeZone } from '../calendar/time-zones.js';
import { enqueueExport, PRIORITY, type ExportServiceDeps } from '../exports/export.service.js';
import type { ExportEntity, ExportOptions, ExportTrigger } from '../exports/export.entity.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { checkAuditFilter, type AuditFilterInput } from './audit-filter.js';
import type { AuditService } from './audit.service.js';
import { AUDIT_VIEW_TITLES, type AuditView } from './audit-views.js';

export interface AuditExportRequest {
  view: AuditView;
  filter?: AuditFilterInput | null;
  format: ExportFormat;
  timeZone?: string | null;
  bom?: boolean | null;
  ndjson?: boolean | null;
}

export class AuditExportService {
  constructor(private readonly em: EntityManager, private readonly deps: Pick<ExportServiceDeps, 'maxAttempts' | 'maxActivePerTenant'>, private readonly audit: AuditService) {}

  async create(viewer: Viewer, input: AuditExportRequest, triggeredBy: ExportTrigger): Promise<ExportEntity> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('Exporting the audit log needs the admin role');
    const filter = checkAuditFilter(input.filter, 'input.filter');
    const problems: FieldError[] = [];
    let timeZone = 'UTC';
    if (input.timeZone != null) {
      const zone = normalizeTimeZone(input.timeZone);
      if (zone.ok) timeZone = zone.name;
      else problems.push({ path: 'input.timeZone', message: zone.message });
    }
    if (input.bom && input.format !== 'CSV') problems.push({ path: 'input.bom', message: 'only for CSV' });
    if (input.ndjson && input.format !== 'JSON') problems.push({ path: 'input.ndjson', message: 'only for JSON' });
    if (problems.length) throw new BadUserInputError(`Invalid audit export: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    const options: ExportOptions = { ...(input.bom ? { bom: true } : {}), ...(input.ndjson ? { ndjson: true } : {}), timeZone };
    return this.audit.recorded(viewer, async (tx) => {
      const untilId = await this.audit.newestId(viewer.tenantId, tx);
      return enqueueExport(tx, {
        tenantId: viewer.tenantId,
        initiatedBy: viewer.userId,
        reportId: null,
        reportName: AUDIT_VIEW_TITLES[input.view],
        // No report: the audit query says what the file holds.
        definition: {} as ExportEntity['definition'],
        auditQuery: { view: input.view, filter: { ...filter, untilId } },
        format: input.format,
        options,
        triggeredBy,
        asOf: new Date(),
        timeZone,
        locale: 'en-US',
        priority: PRIORITY.ON_DEMAND,
        maskRole: viewer.role,
      }, this.deps.maxAttempts, this.deps.maxActivePerTenant);
    }, (record) => ({ action: 'audit.export', targetType: 'export', targetId: record.id, details: { view: input.view, format: input.format, filter: record.auditQuery?.filter ?? {} } }));
  }
}
