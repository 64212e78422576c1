/**
 * Starting executions: one row per (schedule, slot), its export enqueued in the same transaction.
 * The unique key on (schedule_id, scheduled_for) is what makes a slot fire exactly once: a second
 * scheduler inserting the same slot gets nothing back and enqueues nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueExport, PRIORITY } from '../exports/export.service.js';
import { resolveTimeWindow } from '../reports/compile-query.js';
import { runTimeZone } from '../exports/run-zone.js';
import { runLocale } from '../exports/run-locale.js';
import { ReportEntity } from '../reports/report.entity.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { ExecutionEntity, type ExecutionStatus, type ScheduleEntity } from './schedule.entity.js';

type Trigger = ExecutionEntity['triggeredBy'];

async function insertExecution(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, triggeredBy: Trigger, status: ExecutionStatus, parameters: Record<string, unknown>, error: string | null = null): Promise<string | null> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, completed_at)
     VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, ?, CASE WHEN ? IN ('MISSED', 'SKIPPED', 'FAILED') THEN now() END)
     ON CONFLICT (schedule_id, scheduled_for) DO NOTHING RETURNING id`,
    [schedule.tenantId, schedule.id, scheduledFor, triggeredBy, status, JSON.stringify(parameters), error, status],
    'all', tx.getTransactionContext());
  const id = rows[0]?.id ?? null;
  // Every execution that ran (started, or failed at once) counts, whatever triggered it: the tick
  // counts its own in its set-based statement (tick.service.ts); run-now and backfill count here.
  if (id && (status === 'RUNNING' || status === 'FAILED')) {
    await tx.getConnection().execute(
      'UPDATE schedules SET run_count = run_count + 1, last_run_at = greatest(last_run_at, ?), updated_at = now() WHERE id = ?',
      [scheduledFor, schedule.id], 'run', tx.getTransactionContext());
  }
  return id;
}

/** A run's values: the run's own (run-now, backfill) over the schedule's; null when neither has any. */
export function runParameterValues(schedule: Pick<ScheduleEntity, 'parameterValues'>, runValues: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!schedule.parameterValues && !runValues) return null;
  return { ...(schedule.parameterValues ?? {}), ...(runValues ?? {}) };
}

/** Records a slot that will not run (MISSED after downtime, SKIPPED on a weekend). */
export async function recordExecution(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, status: 'MISSED' | 'SKIPPED', reason: string): Promise<boolean> {
  return (await insertExecution(tx, schedule, scheduledFor, 'SCHEDULE', status, { cron: schedule.cron, timeZone: schedule.timeZone }, reason)) !== null;
}

/**
 * Inserts the execution and its export (as of the slot, so "last 7 days" means the 7 days before
 * the slot whenever it runs). Null when the slot already has an execution. Call inside a
 * transaction.
 */
export async function startExecution(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, triggeredBy: Trigger, maxAttempts: number, runValues: Record<string, unknown> | null = null): Promise<ExecutionEntity | null> {
  const report = await tx.findOne(ReportEntity, { id: schedule.reportId, tenantId: schedule.tenantId });
  const checked = report ? validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 }) : null;
  if (!report || !checked?.valid) {
    const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'FAILED', {}, report ? 'The report definition is invalid' : 'The report was deleted');
    return id ? tx.findOneOrFail(ExecutionEntity, { id }) : null;
  }
  // The run's parameter values (this run's over the schedule's, over the report's defaults), in
  // the snapshot's definition; values that no longer fit the report (it changed) fail the run.
  const bound = bindParameterValues(checked.definition, runParameterValues(schedule, runValues), 'parameterValues', 3660);
  if (!bound.ok) {
    const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'FAILED', {}, `The parameter values do not fit the report: ${bound.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 1000));
    return id ? tx.findOneOrFail(ExecutionEntity, { id }) : null;
  }
  checked.definition = bound.definition;
  const window = resolveTimeWindow(checked.definition, scheduledFor, runTimeZone({ definitionZone: checked.definition.timeZone, scheduleZone: schedule.timeZone }));
  const locale = runLocale({ definitionLocale: checked.definition.locale, scheduleLocale: schedule.locale });
  const parameters = {
    cron: schedule.cron,
    timeZone: schedule.timeZone,
    locale,
    format: schedule.format,
    reportName: report.name,
    from: window?.from.toISOString() ?? null,
    to: window?.to.toISOString() ?? null,
    definition: checked.definition,
  };
  const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'RUNNING', parameters);
  if (!id) return null;
  const record = await enqueueExport(tx, {
    tenantId: schedule.tenantId,
    initiatedBy: `schedule:${schedule.id}`,
    reportId: report.id,
    scheduleId: schedule.id,
    reportName: report.name,
    definition: checked.definition,
    format: schedule.format,
    // The schedule's format options (PDF paper, orientation), then the run's zone.
    options: { ...schedule.exportOptions, timeZone: schedule.timeZone },
    triggeredBy: triggeredBy === 'BACKFILL' ? 'BACKFILL' : triggeredBy === 'MANUAL' ? 'MANUAL' : 'SCHEDULE',
    asOf: scheduledFor,
    timeZone: schedule.timeZone,
    locale,
    priority: triggeredBy === 'MANUAL' ? PRIORITY.ON_DEMAND : PRIORITY.SCHEDULED,
    // The password stays on the schedule (sealed); the run reads it from there.
    compression: schedule.compression,
    passwordProtected: schedule.passwordCiphertext !== null,
    fileNameTemplate: schedule.fileNameTemplate,
    // A run is masked for its owner's role, whoever pressed "run now".
    maskRole: schedule.ownerRole,
  }, maxAttempts);
  await tx.getConnection().execute('UPDATE schedule_executions SET export_id = ?, started_at = now() WHERE id = ?', [record.id, id], 'all', tx.getTransactionContext());
  return tx.findOneOrFail(ExecutionEntity, { id }, { refresh: true });
}
