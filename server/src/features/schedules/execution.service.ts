/**
 * Starting executions: one row per (schedule, slot), its export enqueued in the same transaction.
 * The unique key on (schedule_id, scheduled_for, variant_key) is what makes a slot fire exactly once
 * per recipient variant (recipient-variants.ts): a second scheduler inserting the same slot gets
 * nothing back and enqueues nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueExport, PRIORITY } from '../exports/export.service.js';
import { resolveTimeWindow } from '../reports/compile-query.js';
import { runTimeZone } from '../exports/run-zone.js';
import { runLocale } from '../exports/run-locale.js';
import { ReportEntity } from '../reports/report.entity.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { startAdminExecution } from './admin-execution.js';
import { startDashboardExecution } from './dashboard-execution.js';
import { ExecutionEntity, type ExecutionStatus, type ScheduleEntity } from './schedule.entity.js';
import { runVariants } from './recipient-variants.js';

/** Which run of a slot: '' and null recipients for the schedule-level run of a schedule without per-recipient values. */
interface Variant { key: string; recipients: string[] | null; /** The slot's first run: it counts in runCount. */ counts?: boolean }
const SCHEDULE_LEVEL: Variant = { key: '', recipients: null, counts: true };

type Trigger = ExecutionEntity['triggeredBy'];

async function insertExecution(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, triggeredBy: Trigger, status: ExecutionStatus, parameters: Record<string, unknown>, error: string | null = null, variant: Variant = SCHEDULE_LEVEL): Promise<string | null> {
  const rows = await tx.getConnection().execute<{ id: string }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, completed_at, variant_key, recipients)
     VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, ?, CASE WHEN ? IN ('MISSED', 'SKIPPED', 'FAILED') THEN now() END, ?,
       CASE WHEN ?::jsonb IS NOT NULL THEN ARRAY(SELECT jsonb_array_elements_text(?::jsonb)) END)
     ON CONFLICT (schedule_id, scheduled_for, variant_key) DO NOTHING RETURNING id`,
    [schedule.tenantId, schedule.id, scheduledFor, triggeredBy, status, JSON.stringify(parameters), error, status, variant.key, ...Array(2).fill(variant.recipients ? JSON.stringify(variant.recipients) : null)],
    'all', tx.getTransactionContext());
  const id = rows[0]?.id ?? null;
  // Every execution that ran (started, or failed at once) counts, whatever triggered it: the tick
  // counts its own in its set-based statement (tick.service.ts); run-now and backfill count here,
  // once per slot (the schedule-level run, or a slot's first variant).
  if (id && (status === 'RUNNING' || status === 'FAILED') && variant.counts !== false) {
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
 * Starts every run of a slot: one per distinct set of resolved values among the recipients
 * (recipient-variants.ts), the schedule-level run first; the run's own values (run-now, backfill)
 * go over every recipient's. Those the slot already has are left out. Call inside a transaction.
 */
export async function startExecutions(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, triggeredBy: Trigger, maxAttempts: number, runValues: Record<string, unknown> | null = null): Promise<ExecutionEntity[]> {
  if (!schedule.recipientParameters?.length) {
    const one = await startExecution(tx, schedule, scheduledFor, triggeredBy, maxAttempts, runValues);
    return one ? [one] : [];
  }
  const report = await tx.findOne(ReportEntity, { id: schedule.reportId!, tenantId: schedule.tenantId });
  const checked = report ? validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 }) : null;
  if (!report || !checked?.valid) {
    const one = await startExecution(tx, schedule, scheduledFor, triggeredBy, maxAttempts, runValues);
    return one ? [one] : [];
  }
  // Teams and SFTP targets (migration 0026) too, where the schedule has them.
  const more = schedule as unknown as { teamsWebhooks?: unknown[]; sftpTargets?: unknown[] };
  const otherDestinations = (schedule.delivery !== 'EMAIL' && !!schedule.s3Config) || (schedule.slackChannels?.length ?? 0) > 0 || (schedule.webhookUrls?.length ?? 0) > 0
    || (more.teamsWebhooks?.length ?? 0) > 0 || (more.sftpTargets?.length ?? 0) > 0;
  const variants = runVariants({ ...schedule, otherDestinations }, runValues, (supplied) => bindParameterValues(checked.definition, supplied, 'parameterValues', 3660));
  const started: ExecutionEntity[] = [];
  for (const [i, v] of variants.entries()) {
    const execution = await startExecution(tx, schedule, scheduledFor, triggeredBy, maxAttempts, null, { key: v.key, recipients: v.recipients, counts: i === 0, supplied: v.supplied });
    if (execution) started.push(execution);
  }
  return started;
}

/**
 * Inserts the execution and its export (as of the slot, so "last 7 days" means the 7 days before
 * the slot whenever it runs). Null when the slot already has an execution. Call inside a
 * transaction.
 */
export async function startExecution(tx: EntityManager, schedule: ScheduleEntity, scheduledFor: Date, triggeredBy: Trigger, maxAttempts: number, runValues: Record<string, unknown> | null = null,
  variant: Variant & { supplied?: Record<string, unknown> | null } = SCHEDULE_LEVEL): Promise<ExecutionEntity | null> {
  // A built-in admin report runs over the audit data, not a report (admin-execution.ts).
  if (schedule.adminReport) return startAdminExecution(tx, { ...schedule, adminReport: schedule.adminReport }, scheduledFor, triggeredBy, maxAttempts);
  // A dashboard: one file of every tile (dashboard-execution.ts).
  if (schedule.dashboardId) return startDashboardExecution(tx, { ...schedule, dashboardId: schedule.dashboardId }, scheduledFor, triggeredBy, maxAttempts);
  const report = await tx.findOne(ReportEntity, { id: schedule.reportId, tenantId: schedule.tenantId });
  const checked = report ? validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 }) : null;
  if (!report || !checked?.valid) {
    const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'FAILED', {}, report ? 'The report definition is invalid' : 'The report was deleted', variant);
    return id ? tx.findOneOrFail(ExecutionEntity, { id }) : null;
  }
  // The run's parameter values (this run's over the schedule's, over the report's defaults), in
  // the snapshot's definition; values that no longer fit the report (it changed) fail the run.
  const supplied = variant.supplied !== undefined ? variant.supplied : runParameterValues(schedule, runValues);
  const bound = bindParameterValues(checked.definition, supplied, 'parameterValues', 3660);
  if (!bound.ok) {
    const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'FAILED', {}, `The parameter values do not fit the report: ${bound.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 1000), variant);
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
    ...(variant.recipients ? { variant: { key: variant.key, recipients: variant.recipients } } : {}),
  };
  const id = await insertExecution(tx, schedule, scheduledFor, triggeredBy, 'RUNNING', parameters, null, variant);
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
