/**
 * Starting a run of a schedule that targets a dashboard (dashboards/dashboard-export.ts): the
 * execution (exactly one per slot: whichever unique key decides that for a report's runs decides
 * here) and its export of the whole dashboard, in the caller's transaction. The export goes through
 * the same runner, storage, settle job and per-recipient delivery ledger as a report's; its tiles
 * are read when the file is made, as the schedule's owner may read them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueExport, PRIORITY } from '../exports/export.service.js';
import type { ExportEntity } from '../exports/export.entity.js';
import { ExecutionEntity, ScheduleEntity } from './schedule.entity.js';

type Trigger = ExecutionEntity['triggeredBy'];
export type DashboardSchedule = Pick<ScheduleEntity, 'id' | 'tenantId' | 'cron' | 'timeZone' | 'locale' | 'format' | 'exportOptions' | 'compression' | 'passwordCiphertext' | 'fileNameTemplate' | 'ownerRole'> & { dashboardId: string };

/** Inserts the execution and its export; null when the slot already has an execution. Call inside a transaction. */
export async function startDashboardExecution(tx: EntityManager, schedule: DashboardSchedule, scheduledFor: Date, triggeredBy: Trigger, maxAttempts: number): Promise<ExecutionEntity | null> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  const [dashboard] = await conn.execute<{ name: string }[]>('SELECT name FROM dashboards WHERE id = ? AND tenant_id = ?', [schedule.dashboardId, schedule.tenantId], 'all', ctx);
  const locale = schedule.locale ?? 'en-US';
  const parameters = { cron: schedule.cron, timeZone: schedule.timeZone, locale, format: schedule.format, reportName: dashboard?.name ?? null, dashboardId: schedule.dashboardId };
  const failed = !dashboard || (schedule.format !== 'PDF' && schedule.format !== 'XLSX');
  // No conflict target: whichever unique key decides "this slot already ran" decides here too.
  const rows = await conn.execute<{ id: string }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, started_at, completed_at)
     VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, ?, now(), CASE WHEN ? THEN now() END)
     ON CONFLICT DO NOTHING RETURNING id`,
    [schedule.tenantId, schedule.id, scheduledFor, triggeredBy, failed ? 'FAILED' : 'RUNNING', JSON.stringify(parameters),
      !dashboard ? 'The dashboard was deleted' : failed ? 'A dashboard is exported as PDF or XLSX' : null, failed], 'all', ctx);
  const id = rows[0]?.id;
  if (!id) return null;
  await conn.execute('UPDATE schedules SET run_count = run_count + 1, last_run_at = greatest(last_run_at, ?), updated_at = now() WHERE id = ?', [scheduledFor, schedule.id], 'run', ctx);
  if (failed) return tx.findOneOrFail(ExecutionEntity, { id }, { refresh: true });
  const record = await enqueueExport(tx, {
    tenantId: schedule.tenantId,
    initiatedBy: `schedule:${schedule.id}`,
    reportId: null,
    scheduleId: schedule.id,
    reportName: dashboard.name,
    // No one report: the dashboard's tiles say what the file holds.
    definition: {} as ExportEntity['definition'],
    dashboardId: schedule.dashboardId,
    dashboard: {},
    format: schedule.format,
    options: { ...schedule.exportOptions, timeZone: schedule.timeZone },
    triggeredBy: triggeredBy === 'BACKFILL' ? 'BACKFILL' : triggeredBy === 'MANUAL' ? 'MANUAL' : 'SCHEDULE',
    asOf: scheduledFor,
    timeZone: schedule.timeZone,
    locale,
    priority: triggeredBy === 'MANUAL' ? PRIORITY.ON_DEMAND : PRIORITY.SCHEDULED,
    compression: schedule.compression,
    passwordProtected: schedule.passwordCiphertext !== null,
    fileNameTemplate: schedule.fileNameTemplate,
    maskRole: schedule.ownerRole,
  }, maxAttempts);
  await conn.execute('UPDATE schedule_executions SET export_id = ? WHERE id = ?', [record.id, id], 'run', ctx);
  return tx.findOneOrFail(ExecutionEntity, { id }, { refresh: true });
}

/** The tick's dashboard runs of one batch, started one by one in its transaction; returns how many started. */
export async function startDashboardRuns(tx: EntityManager, runs: { scheduleId: string; slot: Date }[], maxAttempts: number): Promise<number> {
  let started = 0;
  for (const run of runs) {
    const schedule = await tx.findOne(ScheduleEntity, { id: run.scheduleId }, { refresh: true });
    if (!schedule?.dashboardId) continue;
    if (await startDashboardExecution(tx, { ...schedule, dashboardId: schedule.dashboardId }, run.slot, 'SCHEDULE', maxAttempts)) started++;
  }
  return started;
}
