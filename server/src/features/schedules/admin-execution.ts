/**
 * Starting a run of a schedule that targets a built-in admin report (audit/admin-report.ts): the
 * execution (exactly one per slot: the same unique key as a report's runs) and its export of the
 * audit view over the run's period, in the caller's transaction. The export goes through the same
 * runner, packaging, storage, settle job and delivery ledger as a report's.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueExport, PRIORITY } from '../exports/export.service.js';
import type { ExportEntity } from '../exports/export.entity.js';
import { ADMIN_REPORT_TITLES, adminReportPeriod, adminReportQuery, type AdminReport } from '../audit/admin-report.js';
import { ExecutionEntity, ScheduleEntity } from './schedule.entity.js';

/** Admin reports are written in one locale: their labels are English, their instants UTC text. */
export const ADMIN_REPORT_LOCALE = 'en-US';

type Trigger = ExecutionEntity['triggeredBy'];
export type AdminReportSchedule = Pick<ScheduleEntity, 'id' | 'tenantId' | 'cron' | 'timeZone' | 'format' | 'exportOptions' | 'compression' | 'passwordCiphertext' | 'ownerRole'> & { adminReport: AdminReport };

/** The execution's snapshot: what ran, over which period. */
export function adminRunParameters(schedule: AdminReportSchedule, slot: Date): Record<string, unknown> {
  const period = adminReportPeriod(schedule.cron, schedule.timeZone, slot);
  return {
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    locale: ADMIN_REPORT_LOCALE,
    format: schedule.format,
    reportName: ADMIN_REPORT_TITLES[schedule.adminReport],
    adminReport: schedule.adminReport,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
  };
}

/**
 * Inserts the execution and its export; null when the slot already has an execution (another
 * ticker, a second run-now at the same instant). Call inside a transaction.
 */
export async function startAdminExecution(tx: EntityManager, schedule: AdminReportSchedule, scheduledFor: Date, triggeredBy: Trigger, maxAttempts: number): Promise<ExecutionEntity | null> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  const parameters = adminRunParameters(schedule, scheduledFor);
  // No conflict target: whichever unique key decides "this slot already ran" decides here too.
  const rows = await conn.execute<{ id: string }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, started_at)
     VALUES (gen_random_uuid(), ?, ?, ?, ?, 'RUNNING', ?::jsonb, now())
     ON CONFLICT DO NOTHING RETURNING id`,
    [schedule.tenantId, schedule.id, scheduledFor, triggeredBy, JSON.stringify(parameters)], 'all', ctx);
  const id = rows[0]?.id;
  if (!id) return null;
  await conn.execute('UPDATE schedules SET run_count = run_count + 1, last_run_at = greatest(last_run_at, ?), updated_at = now() WHERE id = ?', [scheduledFor, schedule.id], 'run', ctx);
  const record = await enqueueExport(tx, {
    tenantId: schedule.tenantId,
    initiatedBy: `schedule:${schedule.id}`,
    reportId: null,
    scheduleId: schedule.id,
    reportName: ADMIN_REPORT_TITLES[schedule.adminReport],
    // No report: the audit query says what the file holds.
    definition: {} as ExportEntity['definition'],
    auditQuery: adminReportQuery(schedule.adminReport, { from: new Date(parameters.from as string), to: scheduledFor }),
    format: schedule.format,
    options: { ...schedule.exportOptions, timeZone: schedule.timeZone },
    triggeredBy: triggeredBy === 'BACKFILL' ? 'BACKFILL' : triggeredBy === 'MANUAL' ? 'MANUAL' : 'SCHEDULE',
    asOf: scheduledFor,
    timeZone: schedule.timeZone,
    locale: ADMIN_REPORT_LOCALE,
    priority: triggeredBy === 'MANUAL' ? PRIORITY.ON_DEMAND : PRIORITY.SCHEDULED,
    compression: schedule.compression,
    passwordProtected: schedule.passwordCiphertext !== null,
    maskRole: schedule.ownerRole,
  }, maxAttempts);
  await conn.execute('UPDATE schedule_executions SET export_id = ? WHERE id = ?', [record.id, id], 'run', ctx);
  return tx.findOneOrFail(ExecutionEntity, { id }, { refresh: true });
}

/** The tick's admin-report runs of one batch (few: admins' own schedules), started one by one in its transaction; returns how many started. */
export async function startAdminRuns(tx: EntityManager, runs: { scheduleId: string; slot: Date }[], maxAttempts: number): Promise<number> {
  let started = 0;
  for (const run of runs) {
    const schedule = await tx.findOne(ScheduleEntity, { id: run.scheduleId }, { refresh: true });
    if (!schedule?.adminReport) continue;
    if (await startAdminExecution(tx, { ...schedule, adminReport: schedule.adminReport }, run.slot, 'SCHEDULE', maxAttempts)) started++;
  }
  return started;
}
