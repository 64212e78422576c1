/**
 * Exports as the API sees them: create (row and job committed together), cancel, retry, delete,
 * list and read, all scoped to the viewer's tenant, plus the download link issued fresh on read.
 */
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, NotFoundError, RateLimitedError } from '../../errors.js';
import { pageInfoOf, type ConnectionShape } from '../../graphql/connection.js';
import { keysetPage } from '../../graphql/keyset-page.js';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditQuery } from '../audit/audit-export.js';
import { clearPiiColumns } from '../audit/pii-exposure.js';
import { hasRole, stricterRole, type Role, type Viewer } from '../auth/viewer.js';
import { hiddenFrom, readableBy } from '../sharing/readable.js';
import type { SingleFlight } from '../../platform/single-flight.js';
import type { MaskingPolicyService } from '../catalog/masking-policy.service.js';
import type { QuotaService } from '../quotas/quotas.js';
import { maskingViolations } from '../reports/compile-query.js';
import type { ReportService } from '../reports/report.service.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { ORIENTATIONS, PAPER_SIZES } from './writers/pdf-layout.js';
import type { DefinitionLimits } from '../reports/definition.js';
import { downloadLinkUrl } from './download-token.js';
import { SETTLE_SCHEDULED } from './export-runner.js';
import { ExportEntity, type DashboardExportRequest, type ExportOptions, type ExportStatus, type ExportTrigger } from './export.entity.js';
import { runTimeZone } from './run-zone.js';
import { normalizeLocale, runLocale } from './run-locale.js';
import { normalizeTimeZone } from '../calendar/time-zones.js';
import type { ExportFormat } from './writers/writer.js';
import { isUuid } from '../../graphql/ids.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { COMPRESSIONS, packagingOf, packagingProblem, passwordProblem, type Compression } from './writers/packaging.js';
import { chartKeyOf } from './chart-file.js';

/** graphile-worker runs lower numbers first: people waiting on a download go before schedules. */
export const PRIORITY = { ON_DEMAND: 0, SCHEDULED: 10 } as const;

export interface ExportFilter {
  status?: ExportStatus | null;
  format?: ExportFormat | null;
  reportId?: string | null;
}

export interface ExportServiceDeps {
  maxAttempts: number;
  storage: ExportStorage;
  downloadSecret: string;
  /** Seals an export's file password into its job's payload (SECRETS_KEY). */
  secrets: SecretBox;
  linkTtlSeconds: number;
  /** PENDING + PROCESSING exports a tenant may have started from the API at once (schedules are not counted against it). */
  maxActivePerTenant: number;
}

/** Seconds a client refused for too many running exports is told to wait. */
const ACTIVE_LIMIT_RETRY_SECONDS = 5;


export interface NewExport {
  tenantId: string;
  initiatedBy: string;
  reportId: string | null;
  scheduleId?: string | null;
  reportName: string;
  definition: ExportEntity['definition'];
  format: ExportFormat;
  options: ExportOptions;
  triggeredBy: ExportTrigger;
  asOf: Date;
  timeZone: string;
  /** The run's effective locale (run-locale.ts). */
  locale: string;
  retryOf?: string | null;
  priority: number;
  /** GZIP or ZIP; null/absent: the file as it is. */
  compression?: Compression | null;
  /** The file needs a password to open; give `sealPassword` for an on-demand export (a schedule keeps its own). */
  passwordProtected?: boolean;
  /** A schedule's file-name template, snapshotted. */
  fileNameTemplate?: string | null;
  /** The role the rows are masked for: the requester's, or a schedule owner's (catalog/masking.ts). */
  maskRole: Role;
  /** An export of the audit data (audit/audit-export.ts) instead of a report. */
  auditQuery?: AuditQuery | null;
  /** An export of a dashboard (dashboards/dashboard-export.ts) instead of a report: its id and the request over its settings. */
  dashboardId?: string | null;
  dashboard?: DashboardExportRequest | null;
  /**
   * Seals the password for the export's id (context `export:<id>`): it goes into the job's payload
   * only, never into the exports table, and is gone with the job.
   */
  sealPassword?: ((exportId: string) => string) | null;
  /** Checks the tenant's export quotas (concurrent exports, bytes stored) in the inserting transaction. */
  quota?: QuotaService | null;
}

/**
 * Inserts the export row and its job in one transaction: either both exist or neither, so an
 * accepted export is never lost and a job never points at nothing. Shared with schedules.
 */
export async function enqueueExport(em: EntityManager, input: NewExport, maxAttempts: number, maxActive?: number): Promise<ExportEntity> {
  const { priority, sealPassword, quota, ...fields } = input;
  // Recorded as what the file is: a protected CSV, XLSX or JSON file is a ZIP whatever was asked.
  fields.compression = packagingOf(input.format, input.compression ?? null, input.passwordProtected ?? false).container === 'ZIP' ? 'ZIP' : input.compression ?? null;
  return em.transactional(async (tx) => {
    if (maxActive !== undefined) await assertActiveBelow(tx, input.tenantId, maxActive);
    if (quota) await quota.assertExports(tx, input.tenantId, 1);
    const record = Object.assign(new ExportEntity(), {
      ...fields,
      scheduleId: input.scheduleId ?? null,
      retryOf: input.retryOf ?? null,
      maxAttempts,
    });
    await tx.persistAndFlush(record);
    await tx.getConnection().execute(
      `SELECT graphile_worker.add_job('export__run', json_strip_nulls(json_build_object('exportId', ?::text, 'password', ?::text)), job_key => ?, priority => ?, max_attempts => ?)`,
      [record.id, sealPassword ? sealPassword(record.id) : null, `export:${record.id}`, priority, maxAttempts],
      'all',
      tx.getTransactionContext(),
    );
    return record;
  });
}

/**
 * SQL for two CTEs that insert many exports and their jobs inside the caller's statement: what
 * the scheduler uses when thousands of schedules fire in the same minute (one statement per
 * batch, see tick.service.ts). `source` names a CTE with the columns id, tenant_id, report_id,
 * schedule_id, report_name, definition, format, options, triggered_by, initiated_by, as_of,
 * time_zone, locale, retry_of, priority, compression, password_protected and file_name_template. The caller must read `new_jobs` (its `n`, the jobs added):
 * PostgreSQL only runs a read-only CTE that is referenced.
 */
export function insertExportsFrom(source: string, maxAttempts: number): string {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer, not ${maxAttempts}`);
  return `new_exports AS (
       INSERT INTO exports (id, tenant_id, report_id, schedule_id, report_name, definition, format, options, triggered_by, initiated_by, as_of, time_zone, locale, retry_of,
                            compression, password_protected, file_name_template, mask_role, max_attempts)
       SELECT id, tenant_id, report_id, schedule_id, report_name, definition, format, options, triggered_by, initiated_by, as_of, time_zone, locale, retry_of,
              compression, password_protected, file_name_template,
              -- Masked for the schedule owner's role (catalog/masking.ts).
              (SELECT sc.owner_role FROM schedules sc WHERE sc.id = ${source}.schedule_id), ${maxAttempts} FROM ${source}),
     new_jobs AS (
       SELECT count(*)::int AS n FROM graphile_worker.add_jobs(array(
         SELECT ROW('export__run', json_build_object('exportId', s.id::text), NULL, NULL, ${maxAttempts}, 'export:' || s.id::text, s.priority, NULL)::graphile_worker.job_spec
         FROM ${source} s)))`;
}

/**
 * Refuses a new on-demand export while the tenant already has `maxActive` of them waiting or
 * running. A transaction-scoped advisory lock per tenant serialises the count and the insert, so
 * concurrent requests cannot all slip under the limit.
 */
async function assertActiveBelow(tx: EntityManager, tenantId: string, maxActive: number): Promise<void> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  await conn.execute(`SELECT pg_advisory_xact_lock(hashtext('exports:active:' || ?))`, [tenantId], 'all', ctx);
  const [row] = await conn.execute<{ n: string }[]>(
    `SELECT count(*) AS n FROM exports WHERE tenant_id = ? AND status IN ('PENDING', 'PROCESSING') AND schedule_id IS NULL`,
    [tenantId], 'all', ctx);
  if (Number(row?.n ?? 0) >= maxActive) throw new RateLimitedError(ACTIVE_LIMIT_RETRY_SECONDS, `${maxActive} exports are already running for this tenant`);
}

/**
 * notifyWhenReady: the address the export's notice goes to, set in the transaction that enqueues it
 * (the job cannot see the row before it commits); the runner records the notice when it settles.
 */
async function notifyOf(tx: EntityManager, record: ExportEntity, email: string | null): Promise<ExportEntity> {
  if (email) await tx.getConnection().execute('UPDATE exports SET notify_email = ? WHERE id = ?', [email, record.id], 'all', tx.getTransactionContext());
  return record;
}

export class ExportService {
  constructor(
    private readonly em: EntityManager,
    private readonly deps: ExportServiceDeps,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly limits: DefinitionLimits,
    private readonly masking: MaskingPolicyService,
    private readonly quotas: QuotaService | null = null,
    /** Shared by the requests of a process: concurrent fresh readability checks of one viewer and object read once (single-flight.ts). */
    private readonly readableFlights?: SingleFlight<boolean>,
  ) {}

  /**
   * Whether the viewer may read the report or dashboard, read now. Every subscription to one of
   * its exports asks this every few seconds: when a batch of exports finishes at once, the
   * subscriptions of one viewer to exports of one report share one read instead of each queueing
   * its own for the ORM's connections (500 subscribers over 50 exports: status events waited
   * ~70 ms for them, 2026-12-08).
   */
  private readableNow(viewer: Viewer, type: 'REPORT' | 'DASHBOARD', id: string): Promise<boolean> {
    const read = () => readableBy(this.em.fork(), viewer, type, id);
    return this.readableFlights ? this.readableFlights.run(`${viewer.tenantId}\n${viewer.userId}\n${viewer.role}\n${type}\n${id}`, read) : read();
  }

  /**
   * The tenant's exports changed at or after `since`, oldest change first, at most `limit`: what a
   * tenant-wide subscription re-reads after its events may have been missed. Only exports created
   * within a day before `since` are looked at (the tenant/created index; an export runs for far
   * less), so the read stays small whatever the history.
   */
  async changedSince(viewer: Viewer, since: Date, limit: number, em: EntityManager = this.em): Promise<ExportEntity[]> {
    const changed = await em.find(ExportEntity,
      { tenantId: viewer.tenantId, createdAt: { $gte: new Date(since.getTime() - 86_400_000) }, updatedAt: { $gte: since }, ...(hasRole(viewer, 'admin') ? {} : { auditQuery: null }) },
      { orderBy: { updatedAt: 'asc', id: 'asc' }, limit, refresh: true });
    const readable = await Promise.all(changed.map((record) => this.mayRead(viewer, record, true)));
    return changed.filter((_, i) => readable[i]);
  }

  /**
   * The export an event's row describes (see ExportEvent.row), as `get` would read it: null when
   * the row belongs to another tenant. Not tracked by any entity manager's unit of work.
   */
  fromEventRow(viewer: Viewer, row: Record<string, unknown>): ExportEntity | null {
    if (row.tenant_id !== viewer.tenantId) return null;
    if (row.audit_query != null && !hasRole(viewer, 'admin')) return null; // audit exports are for admins
    return this.em.fork().map(ExportEntity, row);
  }

  async get(viewer: Viewer, id: string, em: EntityManager = this.em): Promise<ExportEntity> {
    if (!isUuid(id)) throw new NotFoundError('Export', id);
    const record = await em.findOne(ExportEntity, { id, tenantId: viewer.tenantId }, { refresh: true });
    // An export of the audit data is an admin's, and one of a report or dashboard the viewer may
    // not read (sharing/access.ts) is theirs who may: to anyone else it does not exist.
    if (!record || !(await this.mayRead(viewer, record))) throw new NotFoundError('Export', id);
    return record;
  }

  /**
   * Whether the viewer may see an export (and so its link): an audit export is for admins; one of
   * a report or a dashboard follows what it was made from (sharing/access.ts); one whose report is
   * gone stays the tenant's, as before. `fresh`: asked again, not from this request's answers (a
   * long-lived subscription sees a revoked grant).
   */
  async mayRead(viewer: Viewer, record: ExportEntity, fresh = false): Promise<boolean> {
    if (record.tenantId !== viewer.tenantId) return false;
    if (record.auditQuery) return hasRole(viewer, 'admin');
    if (hasRole(viewer, 'admin')) return true;
    if (record.reportId) return fresh ? this.readableNow(viewer, 'REPORT', record.reportId) : this.reports.canOpen(viewer, record.reportId);
    const dashboardId = (record as { dashboardId?: string | null }).dashboardId ?? null;
    if (dashboardId) return this.readableNow(viewer, 'DASHBOARD', dashboardId);
    return true;
  }

  async list(viewer: Viewer, first?: number | null, after?: string | null, filter: ExportFilter = {}): Promise<ConnectionShape<ExportEntity>> {
    const scope: FilterQuery<ExportEntity> = { tenantId: viewer.tenantId };
    if (!hasRole(viewer, 'admin')) {
      scope.auditQuery = null;
      // Not the exports of reports (or dashboards) the viewer may not read (sharing/access.ts).
      const hidden = await hiddenFrom(this.em, viewer, 'REPORT');
      const and: FilterQuery<ExportEntity>[] = [];
      if (hidden.length) and.push({ $or: [{ reportId: null }, { reportId: { $nin: hidden } }] });
      if ('dashboardId' in new ExportEntity()) {
        const hiddenDashboards = await hiddenFrom(this.em, viewer, 'DASHBOARD');
        if (hiddenDashboards.length) and.push({ $or: [{ dashboardId: null }, { dashboardId: { $nin: hiddenDashboards } }] } as FilterQuery<ExportEntity>);
      }
      if (and.length) scope.$and = and;
    }
    if (filter.status) scope.status = filter.status;
    if (filter.format) scope.format = filter.format;
    if (filter.reportId) {
      if (!isUuid(filter.reportId)) return { edges: [], totalCount: 0, pageInfo: pageInfoOf([], false, after) };
      scope.reportId = filter.reportId;
    }
    return keysetPage(this.em, ExportEntity, scope, 'createdAt', first, after);
  }

  async create(viewer: Viewer, input: { reportId: string; format: ExportFormat; options?: ExportCreateOptions | null; notifyWhenReady?: boolean | null }, triggeredBy: ExportTrigger = 'API'): Promise<ExportEntity> {
    // notifyWhenReady mails the creator: refused at once when the sign-in names no address.
    if (input.notifyWhenReady && !viewer.email) {
      throw new BadUserInputError('notifyWhenReady needs an email address: your sign-in carries none (an `email` claim in the token)', [{ path: 'input.notifyWhenReady', message: 'your sign-in carries no email address' }]);
    }
    const report = await this.reports.get(viewer, input.reportId);
    // The password and compression are taken out here: neither belongs in the options JSON.
    const { password, compression, parameterValues, ...formatOptions } = input.options ?? {};
    const file = checkFileProtection(input.format, compression ?? null, password ?? null, 'input.options');
    const options = this.checkOptions(input.format, formatOptions);
    const secrets = this.deps.secrets;
    const checked = validateDefinition(report.definition, this.limits);
    if (!checked.valid) {
      // The argument at fault is the report chosen; each problem names the place in its definition.
      throw new BadUserInputError('The report definition is no longer valid', checked.errors.map((e) => ({ path: 'input.reportId', message: `definition.${e.path}: ${e.message}` })));
    }
    // The run's parameter values, refused with their paths before anything is enqueued; the
    // snapshot keeps them (definition.parameterValues), so a retry runs with the same ones.
    const bound = bindParameterValues(checked.definition, parameterValues, 'input.options.parameterValues', this.limits.maxRangeDays);
    if (!bound.ok) throw new BadUserInputError(`Invalid parameter value: ${bound.errors[0]!.path} ${bound.errors[0]!.message}`, bound.errors);
    checked.definition = bound.definition;
    // Refused now, not as a failed export later: a column the viewer's role may not see or compare.
    const masking = await this.masking.maskingFor(viewer.tenantId, viewer.role);
    const refused = maskingViolations(checked.definition, masking);
    if (refused.length) {
      throw new BadUserInputError(`The report cannot be exported by the ${viewer.role} role: ${refused[0]!.message}`, refused.map((e) => ({ path: 'input.reportId', message: `definition.${e.path}: ${e.message}` })));
    }
    const now = new Date();
    return this.audit.recorded(viewer, async (tx) => notifyOf(tx, await enqueueExport(tx, {
      tenantId: viewer.tenantId,
      initiatedBy: viewer.userId,
      reportId: report.id,
      reportName: report.name,
      definition: checked.definition,
      format: input.format,
      options,
      triggeredBy,
      asOf: now,
      timeZone: runTimeZone({ definitionZone: checked.definition.timeZone, exportOverride: options.timeZone }),
      locale: runLocale({ definitionLocale: checked.definition.locale, exportOverride: options.locale }),
      priority: PRIORITY.ON_DEMAND,
      maskRole: viewer.role,
      quota: this.quotas,
      compression: file.compression,
      passwordProtected: file.password !== null,
      sealPassword: file.password !== null ? (id) => secrets.seal(file.password!, `export:${id}`) : null,
    }, this.deps.maxAttempts, this.deps.maxActivePerTenant), input.notifyWhenReady ? viewer.email! : null),
    (record) => ({ action: 'export.create', targetType: 'export', targetId: record.id, details: { reportId: report.id, format: input.format, triggeredBy, notifyWhenReady: Boolean(input.notifyWhenReady), compression: record.compression, passwordProtected: record.passwordProtected, clearPiiColumns: clearPiiColumns(checked.definition, masking) } }));
  }

  /**
   * A file of a whole dashboard (PDF: every tile; XLSX: a sheet per tile) through the pipeline:
   * row and job committed together, progress, history, links and retention as for a report's
   * export. The caller (DashboardService.checkExport) has read the dashboard as the viewer and
   * checked the request's time range and values; the tiles are read when the file is made.
   */
  async createDashboardExport(viewer: Viewer, dashboard: { id: string; name: string }, format: ExportFormat, request: DashboardExportRequest): Promise<ExportEntity> {
    return this.audit.recorded(viewer, (tx) => enqueueExport(tx, {
      tenantId: viewer.tenantId,
      initiatedBy: viewer.userId,
      reportId: null,
      reportName: dashboard.name,
      // A dashboard export has no one definition: '{}', as an audit export's.
      definition: {} as ExportEntity['definition'],
      format,
      options: {},
      triggeredBy: 'API',
      asOf: new Date(),
      timeZone: 'UTC',
      locale: 'en-US',
      priority: PRIORITY.ON_DEMAND,
      maskRole: viewer.role,
      quota: this.quotas,
      dashboardId: dashboard.id,
      dashboard: request,
    }, this.deps.maxAttempts, this.deps.maxActivePerTenant),
    (record) => ({ action: 'export.create', targetType: 'export', targetId: record.id, details: { dashboardId: dashboard.id, format, triggeredBy: 'API' } }));
  }

  async cancel(viewer: Viewer, id: string): Promise<ExportEntity> {
    const record = await this.get(viewer, id);
    this.requireOwnerOrEditor(viewer, record);
    await this.audit.recorded(viewer, async (tx) => {
      const sql = (query: string, params: unknown[]) => tx.getConnection().execute<{ id: string }[]>(query, params, 'all', tx.getTransactionContext());
      const rows = await sql(
        `WITH done AS (
           UPDATE exports SET status = 'CANCELLED', completed_at = now(), updated_at = now()
           WHERE id = ? AND tenant_id = ? AND status IN ('PENDING', 'PROCESSING') RETURNING id, schedule_id)
         ${SETTLE_SCHEDULED}`, [id, viewer.tenantId]);
      if (rows.length === 0) {
        throw new BadUserInputError(`A ${record.status} export cannot be cancelled`, [{ path: 'id', message: `export is ${record.status}` }]);
      }
      // A job not yet picked up is removed; a running one sees the status within a progress tick.
      await sql(`SELECT graphile_worker.remove_job(?)`, [`export:${id}`]);
    }, () => ({ action: 'export.cancel', targetType: 'export', targetId: id }));
    return this.get(viewer, id);
  }

  async retry(viewer: Viewer, id: string): Promise<ExportEntity> {
    const old = await this.get(viewer, id);
    this.requireOwnerOrEditor(viewer, old);
    if (old.status !== 'FAILED' && old.status !== 'CANCELLED') {
      throw new BadUserInputError(`Only FAILED or CANCELLED exports can be retried; this one is ${old.status}`, [{ path: 'id', message: `export is ${old.status}` }]);
    }
    if (!old.reportId && !old.scheduleId && !old.auditQuery && !old.dashboardId) throw new BadUserInputError('The report of this export was deleted', [{ path: 'id', message: 'report deleted' }]);
    // An on-demand export's password went with its job; a scheduled one's is on the schedule.
    if (old.passwordProtected && !old.scheduleId) {
      throw new BadUserInputError('A password-protected export cannot be retried: its password is not kept. Export again with the password', [{ path: 'id', message: 'password not kept' }]);
    }
    return this.audit.recorded(viewer, (tx) => enqueueExport(tx, {
      tenantId: old.tenantId,
      initiatedBy: viewer.userId,
      reportId: old.reportId,
      scheduleId: old.scheduleId,
      reportName: old.reportName,
      definition: old.definition,
      format: old.format,
      options: old.options,
      triggeredBy: 'RETRY',
      asOf: old.asOf, // the same rows as the attempt it retries
      timeZone: old.timeZone,
      locale: old.locale,
      retryOf: old.id,
      priority: PRIORITY.ON_DEMAND,
      // A schedule's run stays its owner's; an on-demand retry gets the stricter of the first
      // request's role and the retrier's, so retrying never unmasks anything.
      maskRole: old.scheduleId ? old.maskRole ?? 'viewer' : stricterRole(old.maskRole ?? 'viewer', viewer.role),
      quota: this.quotas,
      compression: old.compression,
      passwordProtected: old.passwordProtected,
      fileNameTemplate: old.fileNameTemplate,
      auditQuery: old.auditQuery,
      dashboardId: old.dashboardId,
      dashboard: old.dashboard,
    }, this.deps.maxAttempts, this.deps.maxActivePerTenant),
    (record) => ({ action: 'export.retry', targetType: 'export', targetId: record.id, details: { retryOf: old.id } }));
  }

  async delete(viewer: Viewer, id: string): Promise<string> {
    const record = await this.get(viewer, id);
    this.requireOwnerOrEditor(viewer, record);
    return this.audit.recorded(viewer, async (tx) => {
      const sql = (query: string, params: unknown[]) => tx.getConnection().execute(query, params, 'all', tx.getTransactionContext());
      await sql(`UPDATE exports SET status = 'CANCELLED' WHERE id = ? AND status IN ('PENDING', 'PROCESSING')`, [id]);
      await sql(`SELECT graphile_worker.remove_job(?)`, [`export:${id}`]);
      await sql('DELETE FROM exports WHERE id = ? AND tenant_id = ?', [id, viewer.tenantId]);
      // The file last, before the commit: when storage refuses, the record stays (with its file)
      // and the client may try again, rather than a deleted record leaving its file behind.
      if (record.storageKey) {
        await this.deps.storage.delete(chartKeyOf(record.storageKey));
        await this.deps.storage.delete(record.storageKey);
      }
      return id;
    }, () => ({ action: 'export.delete', targetType: 'export', targetId: id, details: { fileName: record.fileName } }));
  }

  /**
   * A fresh link on every read; null until the file exists (or after retention removed it). Always
   * our own route, whatever the store, so every download is audited (on S3 it then redirects to a
   * short-lived presigned URL).
   */
  downloadLink(record: ExportEntity, baseUrl: string, issuedTo?: string): { url: string; expiresAt: Date } | null {
    if (record.status !== 'COMPLETED' || !record.storageKey || record.fileExpiredAt) return null;
    const expiresAt = new Date(Date.now() + this.deps.linkTtlSeconds * 1000);
    return { url: downloadLinkUrl(baseUrl, this.deps.downloadSecret, { exportId: record.id, tenantId: record.tenantId, expiresAt, issuedTo }), expiresAt };
  }

  private requireOwnerOrEditor(viewer: Viewer, record: ExportEntity): void {
    if (record.initiatedBy !== viewer.userId && !hasRole(viewer, 'editor')) {
      throw new ForbiddenError('Only its initiator or an editor can change this export');
    }
  }

  private checkOptions(format: ExportFormat, options: ExportOptions): ExportOptions {
    const problems = [];
    let timeZone: string | undefined;
    if (options.timeZone != null) {
      const zone = normalizeTimeZone(options.timeZone);
      if (zone.ok) timeZone = zone.name;
      else problems.push({ path: 'input.options.timeZone', message: zone.message });
    }
    let locale: string | undefined;
    if (options.locale != null) {
      const checked = normalizeLocale(options.locale);
      if (checked.ok) locale = checked.name;
      else problems.push({ path: 'input.options.locale', message: checked.message });
    }
    if (options.csvTimestamps != null && format !== 'CSV') problems.push({ path: 'input.options.csvTimestamps', message: 'only for CSV' });
    if (options.bom && format !== 'CSV') problems.push({ path: 'input.options.bom', message: 'only for CSV' });
    if (options.ndjson && format !== 'JSON') problems.push({ path: 'input.options.ndjson', message: 'only for JSON' });
    problems.push(...pdfPageProblems(format, options, 'input.options'));
    if (problems.length) throw new BadUserInputError('Invalid export options', problems);
    return {
      ...(options.bom ? { bom: true } : {}),
      ...(options.ndjson ? { ndjson: true } : {}),
      ...(timeZone ? { timeZone } : {}),
      ...(locale ? { locale } : {}),
      ...(options.csvTimestamps ? { csvTimestamps: options.csvTimestamps } : {}),
      ...(options.paperSize ? { paperSize: options.paperSize } : {}),
      ...(options.orientation ? { orientation: options.orientation } : {}),
    };
  }
}

/**
 * Paper size and orientation are PDF options (exports and schedules alike): given for another
 * format, or not one of the enum's values (an SDK bypassing GraphQL's enum check), they are
 * BAD_USER_INPUT naming `<path>.paperSize` / `<path>.orientation`.
 */
export function pdfPageProblems(format: ExportFormat, page: { paperSize?: string | null; orientation?: string | null }, path: string): { path: string; message: string }[] {
  const problems = [];
  for (const [field, allowed] of [['paperSize', PAPER_SIZES], ['orientation', ORIENTATIONS]] as const) {
    const value = page[field];
    if (value == null) continue;
    if (format !== 'PDF') problems.push({ path: `${path}.${field}`, message: 'only for PDF' });
    else if (!(allowed as readonly string[]).includes(value)) problems.push({ path: `${path}.${field}`, message: `one of ${allowed.join(', ')}, not ${value}` });
  }
  return problems;
}

/** createExport's options: the format options, plus the file's compression and password. */
export type ExportCreateOptions = ExportOptions & { compression?: Compression | null; password?: string | null; parameterValues?: Record<string, unknown> | null };

/**
 * Checks a file's compression and password for a format (exports and schedules alike): a typed
 * BAD_USER_INPUT naming `<path>.password` or `<path>.compression` when they cannot be used.
 */
export function checkFileProtection(format: ExportFormat, compression: Compression | null, password: string | null, path: string): { compression: Compression | null; password: string | null } {
  const problems = [];
  if (compression !== null && !(COMPRESSIONS as readonly string[]).includes(compression)) problems.push({ path: `${path}.compression`, message: `GZIP or ZIP, not ${String(compression)}` });
  const passwordIssue = password !== null ? passwordProblem(password, format) : null;
  if (passwordIssue) problems.push({ path: `${path}.password`, message: passwordIssue });
  const combination = packagingProblem(format, compression, password !== null);
  if (combination) problems.push({ path: `${path}.compression`, message: combination });
  if (problems.length) throw new BadUserInputError(`Invalid file protection: ${problems[0]!.path.split('.').pop()} ${problems[0]!.message}`, problems);
  return { compression, password };
}
