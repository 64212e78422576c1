/**
 * Schedules as the API sees them: validated CRUD scoped to the tenant, pause/resume, run now, and
 * their executions. Firing on time is the tick's job (tick.service.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { BadUserInputError, ForbiddenError, NotFoundError, type FieldError } from '../../errors.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { keysetPage } from '../../graphql/keyset-page.js';
import type { AuditService } from '../audit/audit.service.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import type { ReportService } from '../reports/report.service.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { nextRuns, runsBetween, ScheduleInputError, validateCron, validateTimeZone } from './planner.js';
import { validateHolidayCalendar } from './holidays.js';
import { presetToCron, type Preset } from './presets.js';
import { normalizeLocale } from '../exports/run-locale.js';
import { DeliveryEntity, ExecutionEntity, ScheduleEntity, type DeliveryMethod, type EmailConfig, type S3Target } from './schedule.entity.js';
import { runParameterValues, startExecutions } from './execution.service.js';
import { recipientParameterProblems } from './recipient-parameters.js';
import type { RecipientParameters } from './recipient-variants.js';
import type { QuotaService } from '../quotas/quotas.js';
import { parameterValueProblems } from '../reports/parameters/bind.js';
import { DELIVERY_PRIORITY, enqueueDelivery } from '../delivery/delivery.service.js';
import { isUuid } from '../../graphql/ids.js';
import { isAdminReport, type AdminReport } from '../audit/admin-report.js';
import { DashboardService } from '../dashboards/dashboard.service.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { packagingProblem, passwordProblem, type Compression } from '../exports/writers/packaging.js';
import { FileNameTemplateError, templateParams } from '../exports/writers/file-name-template.js';
import type { Orientation, PaperSize } from '../exports/writers/pdf-layout.js';
import { pdfPageProblems } from '../exports/export.service.js';
import type { ScheduleExportOptions } from './schedule.entity.js';
import { checkAlertCondition, type AlertCondition, type ConditionInput } from './alert-condition.js';
import { compileReport } from '../reports/compile-query.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { checkWebhookUrls, newWebhookSecret, normaliseSlackChannels, type DestinationRules } from './destinations.js';
import { checkSftpTargets, checkTeamsWebhooks, type SftpTargetFields } from './teams-sftp-destinations.js';
import { keyTemplateProblem } from '../delivery/s3-key.js';
import { checkAddress } from '../delivery/email/address.js';
import { hiddenFrom, readableBy } from '../sharing/readable.js';

export const MAX_RECIPIENTS = 50;
/** The longest span one backfillSchedule covers. */
export const MAX_BACKFILL_DAYS = 365;

export interface ScheduleFields {
  reportId?: string | null;
  /** A built-in admin report over the audit data instead of a report (admins only; audit/admin-report.ts). */
  adminReport?: AdminReport | null;
  /** A dashboard to export instead of a report (one PDF or XLSX of every tile); exactly one of the two. */
  dashboardId?: string | null;
  name?: string | null;
  description?: string | null;
  cron?: string | null;
  preset?: { preset: Preset; minute?: number | null; hour?: number | null; dayOfWeek?: number | null; dayOfMonth?: number | null } | null;
  timezone?: string | null;
  /** undefined: unchanged; null: the report's locale. */
  locale?: string | null;
  format?: ExportFormat | null;
  delivery?: DeliveryMethod | null;
  recipients?: string[] | null;
  emailConfig?: EmailConfig | null;
  s3Config?: S3Target | null;
  skipIfEmpty?: boolean | null;
  businessDaysOnly?: boolean | null;
  /** undefined: unchanged; null: no holiday calendar (weekends only). */
  holidayCountry?: string | null;
  /** undefined: unchanged (reset when the country changes); null: the country's national holidays. */
  holidayRegion?: string | null;
  onlyIfChanged?: boolean | null;
  /** undefined: unchanged; null: no condition (every run is sent). */
  alertCondition?: ConditionInput | null;
  ownerEmail?: string | null;
  /** undefined: unchanged; []: none. */
  slackChannels?: string[] | null;
  /** undefined: unchanged; []: none. The first URL makes the schedule's signing secret. */
  webhookUrls?: string[] | null;
  /** undefined: unchanged; []: none. New URLs, or the redacted form of stored ones (kept). */
  teamsWebhookUrls?: string[] | null;
  /** undefined: unchanged; []: none. A stored target is named by its id (its key kept unless a new one is given). */
  sftpTargets?: SftpTargetFields[] | null;
  /** undefined: unchanged; null: no compression. */
  compression?: Compression | null;
  /** A new file password (sealed before it is kept); undefined or null: unchanged. */
  password?: string | null;
  /** True: the files are no longer protected. */
  removePassword?: boolean | null;
  /** undefined: unchanged; null or '': the default name. */
  fileNameTemplate?: string | null;
  /** Values of the report's parameters for every run. undefined: unchanged; null: the report's defaults. */
  parameterValues?: Record<string, unknown> | null;
  /** Recipients' own values, over parameterValues. undefined: unchanged (entries of removed recipients dropped); null or []: none. */
  recipientParameters?: RecipientParameters[] | null;
  /** PDF only. undefined: unchanged; null: A4. */
  paperSize?: PaperSize | null;
  /** PDF only. undefined: unchanged; null: by the column count. */
  orientation?: Orientation | null;
}


export function normaliseRecipients(list: string[], problems: FieldError[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  list.forEach((raw, i) => {
    const check = checkAddress(raw);
    if (!check.ok) {
      problems.push({ path: `input.recipients.${i}`, message: `"${raw}" ${check.problem}` });
      return;
    }
    const email = check.address;
    if (!seen.has(email)) {
      seen.add(email);
      out.push(email);
    }
  });
  if (out.length > MAX_RECIPIENTS) problems.push({ path: 'input.recipients', message: `at most ${MAX_RECIPIENTS} recipients` });
  return out;
}

/**
 * The runs' PDF paper and orientation after this input: given ones checked (PDF only), left-out
 * ones kept, null ones back to the default; all dropped when the schedule's format is not PDF.
 */
function pdfPage(s: ScheduleEntity, input: ScheduleFields, creating: boolean, problems: FieldError[]): ScheduleExportOptions {
  const format = input.format ?? (creating ? 'PDF' : s.format);
  problems.push(...pdfPageProblems(format, input, 'input'));
  if (format !== 'PDF') return {};
  const kept = creating ? {} : s.exportOptions ?? {};
  const paperSize = input.paperSize !== undefined ? input.paperSize : kept.paperSize;
  const orientation = input.orientation !== undefined ? input.orientation : kept.orientation;
  return { ...(paperSize ? { paperSize } : {}), ...(orientation ? { orientation } : {}) };
}

export class ScheduleService {
  constructor(
    private readonly em: EntityManager,
    private readonly reports: ReportService,
    private readonly audit: AuditService,
    private readonly maxAttempts: number,
    /** Seals the file password (SECRETS_KEY); it is opened only by the export run. */
    private readonly secrets: SecretBox,
    /** Absent: no quotas (tests that build the service by hand). */
    private readonly quotas: QuotaService | null = null,
    /** Webhook URL rules (production: https only, public addresses only). */
    private readonly destinations: DestinationRules = { allowPrivateWebhooks: false },
  ) {}

  /** Webhook secrets made by this request's create/update, to be shown once in its answer. */
  private readonly revealed = new WeakMap<ScheduleEntity, string>();

  /** The `whsec_…` made for this schedule by this request (first webhook URL), else null: never readable later. */
  revealedWebhookSecret(schedule: ScheduleEntity): string | null {
    return this.revealed.get(schedule) ?? null;
  }

  /** A new signing secret for the schedule's webhooks, returned this once; the old one stops working. */
  async rotateWebhookSecret(viewer: Viewer, id: string): Promise<string> {
    const schedule = await this.changeable(viewer, id);
    const secret = newWebhookSecret();
    schedule.webhookSecretCiphertext = this.secrets.seal(secret, `webhook:${schedule.id}`);
    await this.audit.recorded(viewer, (tx) => this.save(tx, schedule),
      () => ({ action: 'schedule.rotate_webhook_secret', targetType: 'schedule', targetId: id, details: {} }));
    return secret;
  }

  async get(viewer: Viewer, id: string, em: EntityManager = this.em): Promise<ScheduleEntity> {
    if (!isUuid(id)) throw new NotFoundError('Schedule', id);
    const s = await em.findOne(ScheduleEntity, { id, tenantId: viewer.tenantId }, { refresh: true });
    // An admin report's schedule is for admins only, and one whose report or dashboard the viewer
    // may not read is hidden with it (sharing/): to them it does not exist.
    if (!s || !(await this.targetReadable(viewer, s))) throw new NotFoundError('Schedule', id);
    return s;
  }

  /**
   * Whether the viewer may see a schedule of this target (sharing/access.ts read rule): an admin
   * report's only for admins; a report's or dashboard's when they may read it. A schedule's runs
   * carry its report's definition, so a schedule never shows more than its target does.
   */
  private async targetReadable(viewer: Viewer, s: Pick<ScheduleEntity, 'adminReport' | 'reportId' | 'dashboardId'>): Promise<boolean> {
    if (hasRole(viewer, 'admin')) return true;
    if (s.adminReport) return false;
    if (s.reportId) return this.reports.canOpen(viewer, s.reportId);
    if (s.dashboardId) return readableBy(this.em, viewer, 'DASHBOARD', s.dashboardId);
    return false;
  }

  /**
   * FORBIDDEN unless the viewer may change this schedule (they may already read it): an admin, its
   * owner (an editor who could read its target to make it), or an editor who may change its report
   * or dashboard (an EDIT grant, their own, or, for reports as before grants, a public one).
   */
  private async requireChange(viewer: Viewer, s: ScheduleEntity): Promise<void> {
    this.requireEditor(viewer);
    if (hasRole(viewer, 'admin') || s.createdBy === viewer.userId) return;
    let may = false;
    if (s.reportId) may = await this.reports.canEdit(viewer, await this.reports.get(viewer, s.reportId));
    else if (s.dashboardId) {
      const dashboards = new DashboardService(this.em, this.reports, null, null);
      may = dashboards.canEdit(viewer, await dashboards.get(viewer, s.dashboardId));
    }
    if (!may) throw new ForbiddenError(`Changing this schedule needs EDIT access to its ${s.dashboardId ? 'dashboard' : 'report'}: its owner, an admin, or an EDIT grant`);
  }

  /** The schedule, when the viewer may read it (else NOT_FOUND) and change it (else FORBIDDEN). */
  private async changeable(viewer: Viewer, id: string): Promise<ScheduleEntity> {
    this.requireEditor(viewer);
    const schedule = await this.get(viewer, id);
    await this.requireChange(viewer, schedule);
    return schedule;
  }

  /** The tenant's schedules the viewer may see: without admin reports' and those of reports or dashboards hidden from them. */
  async list(viewer: Viewer, first?: number | null, after?: string | null): Promise<ConnectionShape<ScheduleEntity>> {
    if (hasRole(viewer, 'admin')) return keysetPage(this.em, ScheduleEntity, { tenantId: viewer.tenantId }, 'createdAt', first, after);
    const [reports, dashboards] = await Promise.all([hiddenFrom(this.em, viewer, 'REPORT'), hiddenFrom(this.em, viewer, 'DASHBOARD')]);
    return keysetPage(this.em, ScheduleEntity, {
      tenantId: viewer.tenantId, adminReport: null,
      $and: [
        ...(reports.length ? [{ $or: [{ reportId: null }, { reportId: { $nin: reports } }] }] : []),
        ...(dashboards.length ? [{ $or: [{ dashboardId: null }, { dashboardId: { $nin: dashboards } }] }] : []),
      ],
    }, 'createdAt', first, after);
  }

  executions(schedule: ScheduleEntity, first?: number | null, after?: string | null): Promise<ConnectionShape<ExecutionEntity>> {
    return keysetPage(this.em, ExecutionEntity, { scheduleId: schedule.id, tenantId: schedule.tenantId }, 'scheduledFor', first, after);
  }

  async create(viewer: Viewer, input: ScheduleFields): Promise<ScheduleEntity> {
    this.requireEditor(viewer);
    const schedule = new ScheduleEntity();
    schedule.tenantId = viewer.tenantId;
    schedule.createdBy = viewer.userId;
    // Its runs are masked for this role (catalog/masking.ts), whoever runs them later.
    schedule.ownerRole = viewer.role;
    await this.apply(viewer, schedule, input, true);
    return this.audit.recorded(viewer, async (tx) => {
      await this.quotas?.assertRecipients(tx, viewer.tenantId, schedule.recipients.length);
      if (schedule.status === 'ACTIVE') await this.quotas?.assertActiveSchedule(tx, viewer.tenantId, null);
      return this.save(tx, schedule);
    },
      (s) => ({ action: 'schedule.create', targetType: 'schedule', targetId: s.id, details: { name: s.name, cron: s.cron, timeZone: s.timeZone } }));
  }

  async update(viewer: Viewer, id: string, input: ScheduleFields): Promise<ScheduleEntity> {
    const schedule = await this.changeable(viewer, id);
    await this.apply(viewer, schedule, input, false);
    return this.audit.recorded(viewer, async (tx) => {
      if (input.recipients !== undefined) await this.quotas?.assertRecipients(tx, viewer.tenantId, schedule.recipients.length);
      return this.save(tx, schedule);
    },
      () => ({ action: 'schedule.update', targetType: 'schedule', targetId: id, details: { fields: Object.keys(input) } }));
  }

  async delete(viewer: Viewer, id: string): Promise<string> {
    const schedule = await this.changeable(viewer, id);
    return this.audit.recorded(viewer, async (tx) => {
      await tx.removeAndFlush(schedule);
      return id;
    }, () => ({ action: 'schedule.delete', targetType: 'schedule', targetId: id, details: { name: schedule.name } }));
  }

  async pause(viewer: Viewer, id: string): Promise<ScheduleEntity> {
    const schedule = await this.changeable(viewer, id);
    schedule.status = 'PAUSED';
    schedule.pausedReason = `Paused by ${viewer.userId}`;
    // A paused schedule has no next run (the schema says so); resume works it out again from then.
    schedule.nextRunAt = null;
    return this.audit.recorded(viewer, (tx) => this.save(tx, schedule), () => ({ action: 'schedule.pause', targetType: 'schedule', targetId: id }));
  }

  /** Recomputes nextRunAt from now: runs missed while paused are not made up in a burst. */
  async resume(viewer: Viewer, id: string, now = new Date()): Promise<ScheduleEntity> {
    const schedule = await this.changeable(viewer, id);
    schedule.status = 'ACTIVE';
    schedule.pausedReason = null;
    schedule.consecutiveFailures = 0;
    schedule.nextRunAt = nextRuns(schedule.cron, schedule.timeZone, now, 1)[0]!;
    return this.audit.recorded(viewer, async (tx) => {
      await this.quotas?.assertActiveSchedule(tx, viewer.tenantId, schedule.id);
      return this.save(tx, schedule);
    }, () => ({ action: 'schedule.resume', targetType: 'schedule', targetId: id }));
  }

  async runNow(viewer: Viewer, id: string, now = new Date(), parameterValues: Record<string, unknown> | null = null): Promise<ExecutionEntity> {
    const schedule = await this.changeable(viewer, id);
    await this.checkRunValues(viewer, schedule, parameterValues);
    return this.audit.recorded(viewer, async (tx) => {
      await this.quotas?.assertManualRuns(tx, viewer.tenantId, 1);
      await this.quotas?.assertExports(tx, viewer.tenantId, 1);
      // One run per distinct set of recipient values (the schedule-level one first); the first is returned.
      const [execution] = await startExecutions(tx, schedule, now, 'MANUAL', this.maxAttempts, parameterValues);
      if (!execution) throw new BadUserInputError('A run for this instant already exists', [{ path: 'id', message: 'already running' }]);
      return execution;
    }, (execution) => ({ action: 'schedule.run', targetType: 'schedule', targetId: id, details: { executionId: execution.id } }));
  }

  /** One execution per slot in (from, to], each reporting over its own slot's period. */
  async backfill(viewer: Viewer, id: string, from: Date, to: Date, parameterValues: Record<string, unknown> | null = null): Promise<ExecutionEntity[]> {
    const schedule = await this.changeable(viewer, id);
    await this.checkRunValues(viewer, schedule, parameterValues);
    const problems: FieldError[] = [];
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) problems.push({ path: 'from', message: 'from must be before to' });
    else if (to.getTime() - from.getTime() > MAX_BACKFILL_DAYS * 86_400_000) problems.push({ path: 'to', message: `a backfill covers at most ${MAX_BACKFILL_DAYS} days` });
    else if (to.getTime() > Date.now()) problems.push({ path: 'to', message: 'cannot backfill the future' });
    if (problems.length) throw new BadUserInputError(`Invalid backfill: ${problems[0]!.message}`, problems);
    const slots = runsBetween(schedule.cron, schedule.timeZone, from, to, 400);
    // All slots and the audit entry in one transaction: a backfill happens whole, with its entry.
    return this.audit.recorded(viewer, async (tx) => {
      await this.quotas?.assertManualRuns(tx, viewer.tenantId, slots.length);
      await this.quotas?.assertExports(tx, viewer.tenantId, slots.length);
      const started: ExecutionEntity[] = [];
      for (const slot of slots) {
        started.push(...await startExecutions(tx, schedule, slot, 'BACKFILL', this.maxAttempts, parameterValues));
      }
      return started;
    }, (started) => ({ action: 'schedule.backfill', targetType: 'schedule', targetId: id, details: { from: from.toISOString(), to: to.toISOString(), executions: started.length } }));
  }

  async execution(viewer: Viewer, id: string): Promise<ExecutionEntity> {
    if (!isUuid(id)) throw new NotFoundError('Execution', id);
    const e = await this.em.findOne(ExecutionEntity, { id, tenantId: viewer.tenantId }, { refresh: true });
    if (!e) throw new NotFoundError('Execution', id);
    // A run is seen by those who may see its schedule: an admin report's by admins only, a report's
    // or dashboard's by those who may read it (its parameters hold the report's definition).
    if (!hasRole(viewer, 'admin')) {
      const [s] = await this.em.getConnection().execute<{ admin_report: string | null; report_id: string | null; dashboard_id: string | null }[]>(
        'SELECT admin_report, report_id, dashboard_id FROM schedules WHERE id = ? AND tenant_id = ?', [e.scheduleId, viewer.tenantId], 'all', this.em.getTransactionContext());
      if (!s || !(await this.targetReadable(viewer, { adminReport: s.admin_report as AdminReport | null, reportId: s.report_id, dashboardId: s.dashboard_id }))) throw new NotFoundError('Execution', id);
    }
    return e;
  }

  async deliveries(execution: ExecutionEntity): Promise<DeliveryEntity[]> {
    return this.em.find(DeliveryEntity, { executionId: execution.id, tenantId: execution.tenantId }, { orderBy: { channel: 'ASC', target: 'ASC' }, refresh: true });
  }

  /** Resends only the failed and uncertain deliveries of an execution (uncertain ones may then arrive twice). */
  async resendFailed(viewer: Viewer, executionId: string): Promise<ExecutionEntity> {
    this.requireEditor(viewer);
    const execution = await this.execution(viewer, executionId);
    await this.changeable(viewer, execution.scheduleId);
    await this.audit.recorded(viewer, async (tx) => {
      const conn = tx.getConnection();
      const rows = await conn.execute<{ id: string; channel: string }[]>(
        `UPDATE deliveries SET status = 'PENDING', updated_at = now() WHERE execution_id = ? AND status IN ('FAILED', 'UNCERTAIN') RETURNING id, channel`,
        [execution.id], 'all', tx.getTransactionContext());
      if (rows.length === 0) throw new BadUserInputError('This execution has no failed or uncertain deliveries', [{ path: 'executionId', message: 'nothing to resend' }]);
      for (const r of rows) await enqueueDelivery(tx, r, DELIVERY_PRIORITY.RESEND);
      await conn.execute(`UPDATE schedule_executions SET status = 'RUNNING', completed_at = NULL WHERE id = ?`, [execution.id], 'all', tx.getTransactionContext());
      return rows.length;
    }, (deliveries) => ({ action: 'execution.resend', targetType: 'execution', targetId: execution.id, details: { deliveries } }));
    return this.execution(viewer, executionId);
  }

  /** A run's values over the schedule's, checked against the report before anything is enqueued. */
  private async checkRunValues(viewer: Viewer, schedule: ScheduleEntity, runValues: Record<string, unknown> | null): Promise<void> {
    if (schedule.adminReport) {
      if (runValues && Object.keys(runValues).length) throw new BadUserInputError('An admin report has no parameters', [{ path: 'parameterValues', message: 'an admin report has no parameters' }]);
      return;
    }
    if (schedule.dashboardId) {
      // A dashboard's runs read the dashboard's own values (its tiles declare different parameters).
      if (runValues && Object.keys(runValues).length) throw new BadUserInputError('A dashboard schedule runs with its dashboard\'s parameter values', [{ path: 'parameterValues', message: 'set them on the dashboard (updateDashboard)' }]);
      return;
    }
    const report = await this.reports.get(viewer, schedule.reportId!);
    const problems = parameterValueProblems(report.definition, runParameterValues(schedule, runValues), 'parameterValues', this.reports.limits.maxRangeDays);
    if (problems.length) throw new BadUserInputError(`Invalid parameter value: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  }

  private async slackConnected(tenantId: string): Promise<boolean> {
    const rows = await this.em.getConnection().execute('SELECT 1 FROM slack_connections WHERE tenant_id = ?', [tenantId]);
    return rows.length > 0;
  }

  /**
   * The admin report a schedule runs after this input, or null for any other target. Only admins
   * make or change one; it has no report, so nothing that reads a report's definition applies.
   */
  private checkAdminTarget(viewer: Viewer, s: ScheduleEntity, input: ScheduleFields, creating: boolean): AdminReport | null {
    const target = input.adminReport ?? (creating ? null : s.adminReport);
    if (!target) return null;
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('Scheduling an admin report needs the admin role');
    const problems: FieldError[] = [];
    if (!isAdminReport(target)) problems.push({ path: 'input.adminReport', message: 'USER_ACTIVITY or COMPLIANCE_SUMMARY' });
    if (input.adminReport && !creating && !s.adminReport) problems.push({ path: 'input.adminReport', message: 'a report schedule cannot become an admin report: create a new schedule' });
    if (input.reportId) problems.push({ path: 'input.reportId', message: creating ? 'give reportId or adminReport, not both' : 'an admin-report schedule cannot run a report: create a new schedule' });
    if (input.dashboardId) problems.push({ path: 'input.dashboardId', message: 'give dashboardId or adminReport, not both' });
    const none: [keyof ScheduleFields, string][] = [
      ['parameterValues', 'an admin report has no parameters'],
      ['recipientParameters', 'an admin report has no parameters'],
      ['fileNameTemplate', 'an admin report\'s files take the default name'],
      ['alertCondition', 'an admin report has no measure to watch'],
    ];
    for (const [field, message] of none) {
      const value = input[field];
      if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) problems.push({ path: `input.${field}`, message });
    }
    if (problems.length) throw new BadUserInputError(`Invalid schedule: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    return target;
  }

  private requireEditor(viewer: Viewer): void {
    if (!hasRole(viewer, 'editor')) throw new ForbiddenError('Managing schedules needs the editor role');
  }

  /** Checks everything first, so a bad input changes nothing. */
  private async apply(viewer: Viewer, s: ScheduleEntity, input: ScheduleFields, creating: boolean): Promise<void> {
    const problems: FieldError[] = [];
    const check = <T>(path: string, fn: () => T): T | undefined => {
      try {
        return fn();
      } catch (error) {
        if (error instanceof ScheduleInputError) problems.push({ path: `input.${error.path || path}`, message: error.message });
        else problems.push({ path: `input.${path}`, message: (error as Error).message });
        return undefined;
      }
    };
    // A built-in admin report: admins only, no report, nothing that reads one (checked first, at once).
    const adminTarget = this.checkAdminTarget(viewer, s, input, creating);
    let report = null;
    // The target: a report or a dashboard (dashboards/dashboard-export.ts), exactly one.
    const dashboardTarget = input.dashboardId ? true : input.reportId ? false : !creating && !!s.dashboardId;
    if (input.reportId && input.dashboardId) problems.push({ path: 'input.dashboardId', message: 'give reportId or dashboardId, not both' });
    else if (input.dashboardId) await new DashboardService(this.em, this.reports, null, null).get(viewer, input.dashboardId); // NOT_FOUND for another tenant's dashboard
    if (dashboardTarget) {
      const format = input.format ?? (creating ? 'PDF' : s.format);
      if (format !== 'PDF' && format !== 'XLSX') problems.push({ path: 'input.format', message: 'a dashboard is exported as PDF or XLSX' });
      if (input.parameterValues && Object.keys(input.parameterValues).length) problems.push({ path: 'input.parameterValues', message: 'a dashboard schedule runs with its dashboard\'s parameter values: set them on the dashboard' });
    } else if ((creating && !adminTarget) || input.reportId) {
      if (!input.reportId) problems.push({ path: 'input.reportId', message: 'is required' });
      else report = await this.reports.get(viewer, input.reportId); // NOT_FOUND for another tenant's report
    }
    const name = input.name?.trim();
    if ((creating || input.name != null) && (!name || name.length > 200)) problems.push({ path: 'input.name', message: 'must be 1 to 200 characters' });
    if (input.cron && input.preset) problems.push({ path: 'input.cron', message: 'give cron or preset, not both' });
    const cron = input.cron ? check('cron', () => validateCron(input.cron!)) : input.preset ? check('preset', () => presetToCron({ ...input.preset!, minute: input.preset!.minute ?? undefined, hour: input.preset!.hour ?? undefined, dayOfWeek: input.preset!.dayOfWeek ?? undefined, dayOfMonth: input.preset!.dayOfMonth ?? undefined })) : undefined;
    if (creating && !input.cron && !input.preset) problems.push({ path: 'input.cron', message: 'cron or preset is required' });
    const timeZone = input.timezone != null ? check('timezone', () => validateTimeZone(input.timezone!)) : undefined;
    let locale: string | null | undefined = input.locale === null ? null : undefined;
    if (input.locale != null) {
      const checked = normalizeLocale(input.locale);
      if (checked.ok) locale = checked.name;
      else problems.push({ path: 'input.locale', message: checked.message });
    }
    const delivery = input.delivery ?? (creating ? 'EMAIL' : s.delivery);
    const recipients = input.recipients ? normaliseRecipients(input.recipients, problems) : creating ? [] : s.recipients;
    const slackChannels = input.slackChannels != null ? normaliseSlackChannels(input.slackChannels, problems) : creating ? [] : s.slackChannels;
    if (input.slackChannels?.length && !(await this.slackConnected(viewer.tenantId))) problems.push({ path: 'input.slackChannels', message: 'Slack is not connected for this tenant (an admin connects it with connectSlack)' });
    const webhookUrls = input.webhookUrls != null ? await checkWebhookUrls(input.webhookUrls, this.destinations, problems) : creating ? [] : s.webhookUrls;
    const teamsWebhooks = input.teamsWebhookUrls != null
      ? await checkTeamsWebhooks(input.teamsWebhookUrls, s.teamsWebhooks ?? [], this.destinations, problems, (url) => this.secrets.seal(url, `teams:${s.id}`)) : creating ? [] : s.teamsWebhooks ?? [];
    const sftpTargets = input.sftpTargets != null
      ? await checkSftpTargets(input.sftpTargets, s.sftpTargets ?? [], this.destinations, problems, (key) => this.secrets.seal(key, `sftp:${s.id}`)) : creating ? [] : s.sftpTargets ?? [];
    // Email is the default method: a schedule that only posts to Slack or webhooks needs no recipient.
    if ((delivery === 'EMAIL' || delivery === 'BOTH') && recipients.length === 0 && slackChannels.length + webhookUrls.length + (input.teamsWebhookUrls ?? teamsWebhooks).length + (input.sftpTargets ?? sftpTargets).length === 0) problems.push({ path: 'input.recipients', message: 'email delivery needs at least one recipient' });
    const s3 = input.s3Config !== undefined ? input.s3Config : creating ? null : s.s3Config;
    if (delivery === 'S3' || delivery === 'BOTH') {
      if (!s3) problems.push({ path: 'input.s3Config', message: 'S3 delivery needs a bucket and key template' });
      else {
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s3.bucket)) problems.push({ path: 'input.s3Config.bucket', message: 'not a valid bucket name' });
        const keyProblem = keyTemplateProblem(s3.keyTemplate);
        if (keyProblem) problems.push({ path: 'input.s3Config.keyTemplate', message: keyProblem });
      }
    }
    const email = input.emailConfig;
    if (email?.subject && email.subject.length > 200) problems.push({ path: 'input.emailConfig.subject', message: 'at most 200 characters' });
    if (email?.message && email.message.length > 5000) problems.push({ path: 'input.emailConfig.message', message: 'at most 5000 characters' });
    let ownerEmail = s.ownerEmail;
    if (input.ownerEmail != null) {
      const owner = normaliseRecipients([input.ownerEmail], []);
      if (owner.length === 0) problems.push({ path: 'input.ownerEmail', message: 'not an email address' });
      else ownerEmail = owner[0]!;
    }
    // The holiday calendar, checked against the business-days rule it belongs to.
    const countryGiven = input.holidayCountry !== undefined;
    const calendar = countryGiven || input.holidayRegion !== undefined
      ? check('holidayCountry', () => validateHolidayCalendar(countryGiven ? input.holidayCountry : s.holidayCountry, input.holidayRegion !== undefined ? input.holidayRegion : countryGiven ? null : s.holidayRegion))
      : undefined;
    const holidayCountry = calendar !== undefined ? calendar?.country ?? null : creating ? null : s.holidayCountry;
    if (holidayCountry && !(input.businessDaysOnly ?? (creating ? false : s.businessDaysOnly))) {
      problems.push({ path: 'input.holidayCountry', message: 'holidays are skipped only by business-days schedules: set businessDaysOnly too' });
    }
    const file = await this.checkFile(viewer, s, input, creating, report, problems);
    // The runs' parameter values, checked against the report they will run (a new one, or the
    // current one when only the values change).
    const parameterValues = input.parameterValues !== undefined ? input.parameterValues ?? null : creating ? null : s.parameterValues;
    if (!dashboardTarget && !adminTarget && (input.parameterValues !== undefined || input.reportId)) {
      const target = report ?? await this.reports.get(viewer, s.reportId!);
      problems.push(...parameterValueProblems(target.definition, parameterValues, 'input.parameterValues', this.reports.limits.maxRangeDays));
    }
    // Each recipient's own values, merged over the schedule's and checked as that recipient's runs will bind them.
    let recipientParameters = input.recipientParameters !== undefined ? input.recipientParameters ?? [] : creating ? [] : s.recipientParameters ?? [];
    if (dashboardTarget && input.recipientParameters?.length) problems.push({ path: 'input.recipientParameters', message: 'a dashboard schedule runs with its dashboard\'s parameter values' });
    else if (!dashboardTarget && !adminTarget && (input.recipientParameters != null || ((input.parameterValues !== undefined || input.reportId) && recipientParameters.length))) {
      const target = report ?? await this.reports.get(viewer, s.reportId!);
      recipientParameters = recipientParameterProblems(recipientParameters, recipients, parameterValues, target.definition, this.reports.limits.maxRangeDays, problems, input.recipientParameters != null);
    } else {
      // Entries of recipients no longer on the list go with them.
      recipientParameters = recipientParameters.filter((r) => recipients.includes(r.recipient));
    }
    const exportOptions = pdfPage(s, input, creating, problems);
    const alertCondition = await this.checkAlertCondition(viewer, s, input, report, problems);
    if (problems.length) throw new BadUserInputError(`Invalid schedule: ${problems[0]!.path} ${problems[0]!.message}`, problems);

    if (input.reportId) {
      s.reportId = input.reportId;
      s.dashboardId = null;
    }
    if (adminTarget) s.adminReport = adminTarget;
    if (input.dashboardId) {
      s.dashboardId = input.dashboardId;
      s.reportId = null;
    }
    if (name) s.name = name;
    if (input.description !== undefined) s.description = input.description?.trim() || null;
    if (cron) s.cron = cron;
    if (timeZone) s.timeZone = timeZone;
    if (locale !== undefined) s.locale = locale;
    if (input.format) s.format = input.format;
    else if (creating) s.format = 'PDF';
    s.delivery = delivery;
    s.recipients = recipients;
    s.s3Config = delivery === 'EMAIL' ? null : s3 ?? null;
    if (email) s.emailConfig = { subject: email.subject ?? null, message: email.message ?? null, attachment: email.attachment ?? 'AUTO' };
    if (input.skipIfEmpty != null) s.skipIfEmpty = input.skipIfEmpty;
    if (input.businessDaysOnly != null) s.businessDaysOnly = input.businessDaysOnly;
    if (calendar !== undefined) {
      s.holidayCountry = calendar?.country ?? null;
      s.holidayRegion = calendar?.region ?? null;
    }
    if (input.onlyIfChanged != null) s.onlyIfChanged = input.onlyIfChanged;
    if (alertCondition !== undefined) s.alertCondition = alertCondition;
    s.ownerEmail = ownerEmail;
    s.slackChannels = slackChannels;
    s.webhookUrls = webhookUrls;
    s.teamsWebhooks = teamsWebhooks;
    s.sftpTargets = sftpTargets;
    if (webhookUrls.length && !s.webhookSecretCiphertext) {
      const secret = newWebhookSecret();
      s.webhookSecretCiphertext = this.secrets.seal(secret, `webhook:${s.id}`);
      this.revealed.set(s, secret);
    }
    s.compression = file.compression;
    s.fileNameTemplate = file.fileNameTemplate;
    s.exportOptions = exportOptions;
    s.parameterValues = parameterValues;
    s.recipientParameters = recipientParameters;
    if (file.password === null) s.passwordCiphertext = null;
    else if (file.password !== undefined) s.passwordCiphertext = this.secrets.seal(file.password, `schedule:${s.id}`);
    if (cron || timeZone || creating) s.nextRunAt = s.status === 'ACTIVE' ? nextRuns(s.cron, s.timeZone, new Date(), 1)[0]! : null;
  }

  /**
   * The runs' compression, password and file-name template, checked together with the format they
   * will apply to. `password`: a new one to seal, null to remove it, undefined to keep the stored one
   * (which is opened and checked again when the format changes to PDF, whose passwords are stricter).
   */
  private async checkFile(viewer: Viewer, s: ScheduleEntity, input: ScheduleFields, creating: boolean, report: { definition: { filters?: { field: string }[] | null } } | null, problems: FieldError[]): Promise<{ compression: Compression | null; password: string | null | undefined; fileNameTemplate: string | null }> {
    const format = input.format ?? (creating ? 'PDF' : s.format);
    const compression = input.compression !== undefined ? input.compression : creating ? null : s.compression;
    let password: string | null | undefined = input.removePassword ? null : input.password ?? undefined;
    if (input.removePassword && input.password != null) problems.push({ path: 'input.password', message: 'give a password or removePassword, not both' });
    if (typeof password === 'string') {
      const issue = passwordProblem(password, format);
      if (issue) problems.push({ path: 'input.password', message: issue });
    } else if (password === undefined && !creating && s.passwordCiphertext && format === 'PDF' && s.format !== 'PDF') {
      const kept = this.secrets.open(s.passwordCiphertext, `schedule:${s.id}`);
      const issue = passwordProblem(kept, 'PDF');
      if (issue) problems.push({ path: 'input.format', message: `the schedule's password cannot protect a PDF (${issue}): give a new password` });
    }
    const protectedFile = typeof password === 'string' || (password === undefined && !creating && s.passwordCiphertext !== null);
    const combination = packagingProblem(format, compression, protectedFile);
    if (combination) problems.push({ path: 'input.compression', message: combination });
    if (creating && password === null) password = undefined;

    let fileNameTemplate = creating ? null : s.fileNameTemplate;
    if (input.fileNameTemplate !== undefined) fileNameTemplate = input.fileNameTemplate?.trim() || null;
    const dashboardTarget = input.dashboardId ? true : input.reportId ? false : !creating && !!s.dashboardId;
    if (fileNameTemplate !== null && dashboardTarget) {
      // A dashboard has no one report's filters: {param:…} has nothing to read.
      try {
        if (templateParams(fileNameTemplate).length) problems.push({ path: 'input.fileNameTemplate', message: '{param:…} reads a report\'s filters: a dashboard schedule has none' });
      } catch (error) {
        if (!(error instanceof FileNameTemplateError)) throw error;
        problems.push({ path: 'input.fileNameTemplate', message: error.message });
      }
    } else if (fileNameTemplate !== null && (input.fileNameTemplate !== undefined || input.reportId)) {
      try {
        const params = templateParams(fileNameTemplate);
        const definition = (report ?? (await this.reports.get(viewer, s.reportId!))).definition;
        const filtered = new Set((definition.filters ?? []).map((f) => f.field));
        const unknown = params.find((p) => !filtered.has(p));
        if (unknown) problems.push({ path: 'input.fileNameTemplate', message: `{param:${unknown}}: the report has no filter on "${unknown}"` });
      } catch (error) {
        if (!(error instanceof FileNameTemplateError)) throw error;
        problems.push({ path: 'input.fileNameTemplate', message: error.message });
      }
    }
    return { compression, password, fileNameTemplate };
  }

  /**
   * The alert condition after this input: a given one checked against the output columns of the
   * report it will run (a new report re-checks the kept one); undefined: unchanged.
   */
  private async checkAlertCondition(viewer: Viewer, s: ScheduleEntity, input: ScheduleFields, report: { definition: unknown } | null, problems: FieldError[]): Promise<AlertCondition | null | undefined> {
    if (input.alertCondition === null) return null;
    const given = input.alertCondition ?? (input.reportId && s.alertCondition ? s.alertCondition : undefined);
    if (given === undefined) return undefined;
    const reportId = input.reportId ?? s.reportId;
    if (!report && !reportId) {
      problems.push({ path: 'input.alertCondition', message: 'an alert condition reads a report\'s results: this schedule has no report' });
      return undefined;
    }
    const definition = (report ?? (await this.reports.get(viewer, reportId!))).definition;
    let columns: { key: string; kind: string }[] = [];
    const checked = validateDefinition(definition, this.reports.limits);
    if (checked.valid) {
      try {
        columns = compileReport(checked.definition, { tenantId: viewer.tenantId, asOf: new Date(), database: 'analytics', maxRangeDays: this.reports.limits.maxRangeDays, timeZone: 'UTC' }).columns;
      } catch {
        columns = [];
      }
    }
    const result = checkAlertCondition(given, columns, 'input.alertCondition');
    problems.push(...result.problems);
    if (result.condition?.kind === 'NO_ROWS' && (input.skipIfEmpty ?? s.skipIfEmpty)) {
      problems.push({ path: 'input.alertCondition.kind', message: 'NO_ROWS never sends with skipIfEmpty: turn skipIfEmpty off' });
    }
    return result.condition ?? undefined;
  }

  private async save(em: EntityManager, schedule: ScheduleEntity): Promise<ScheduleEntity> {
    try {
      await em.persistAndFlush(schedule);
      return schedule;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        em.clear();
        throw new BadUserInputError(`A schedule named "${schedule.name}" already exists`, [{ path: 'input.name', message: 'already used in this tenant' }]);
      }
      throw error;
    }
  }
}
