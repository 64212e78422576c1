/**
 * The scheduler tick (job `schedules__tick`, every minute; `pnpm cli tick --at` for operators and
 * tests). Due schedules are taken in batches, one transaction per batch: lock them (SKIP LOCKED:
 * another ticker takes other rows), work out what is due for each, then one set-based statement
 * inserts the executions (unique per slot), enqueues their exports and advances nextRunAt. Two
 * tickers at the same instant therefore produce exactly one execution per slot, and ten thousand
 * schedules due in the same minute are enqueued in one tick (`pnpm bench load`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import { randomUUID } from 'node:crypto';
import { insertExportsFrom, PRIORITY } from '../exports/export.service.js';
import { resolveTimeWindow } from '../reports/compile-query.js';
import { runTimeZone } from '../exports/run-zone.js';
import { runLocale } from '../exports/run-locale.js';
import type { ReportDefinition } from '../reports/definition.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { runVariants, type RecipientParameters } from './recipient-variants.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { planCatchUp, type CatchUpPlan } from './planner.js';
import { startAdminRuns } from './admin-execution.js';
import { startDashboardRuns } from './dashboard-execution.js';
import type { AdminReport } from '../audit/admin-report.js';
import { skipReason } from './holidays.js';
import { exportRefusalFor, QuotaService, type ExportUsage, type QuotaLimits } from '../quotas/quotas.js';

export interface TickOptions {
  /** Missed slots younger than this still run (the latest one); older ones are MISSED. */
  graceMs: number;
  maxAttempts: number;
  log: Logger;
  /** The quota defaults (features/quotas): a run the tenant's export quotas refuse is SKIPPED_QUOTA. Absent: not checked. */
  quotas?: QuotaLimits;
}

export interface TickResult {
  started: number;
  missed: number;
  skipped: number;
}

/** Schedules per transaction: big enough to amortise round trips, small enough to keep locks short. */
const BATCH = 500;
/** Batches in flight at once (each holds a connection while it runs). */
const LANES = 2;

/** One execution to insert; those that start carry their export's id and fields. */
interface Row {
  tenant_id: string;
  schedule_id: string;
  scheduled_for: string;
  status: 'RUNNING' | 'FAILED' | 'MISSED' | 'SKIPPED' | 'SKIPPED_QUOTA';
  parameters: Record<string, unknown>;
  error: string | null;
  export_id: string | null;
  report_id: string | null;
  report_name?: string;
  format?: ExportFormat;
  time_zone?: string;
  locale?: string;
  /** Which entry of the batch's definitions the run takes: the report's id, or `report:schedule` with parameter values. */
  def_key?: string;
  /** '' for the schedule-level run; a recipient variant's hash otherwise (recipient-variants.ts). */
  variant_key?: string;
  /** The email recipients of a variant run; null: all of the schedule's. */
  recipients?: string[] | null;
}

interface DueSchedule {
  id: string;
  tenant_id: string;
  report_id: string;
  cron: string;
  time_zone: string;
  locale: string | null;
  format: ExportFormat;
  business_days_only: boolean;
  holiday_country: string | null;
  holiday_region: string | null;
  next_run_at: Date;
  parameter_values: Record<string, unknown> | null;
  recipients: string[];
  recipient_parameters: RecipientParameters[] | null;
  /** S3, Slack or webhooks: they take the schedule-level run. */
  other_destinations: boolean;
  /** A built-in admin report instead of a report (admin-execution.ts). */
  admin_report: AdminReport | null;
  /** A dashboard instead of a report (dashboard-execution.ts). */
  dashboard_id: string | null;
}

interface ReportRow {
  id: string;
  tenant_id: string;
  name: string;
  definition: ReportDefinition;
}

export async function tick(em: EntityManager, at: Date, options: TickOptions): Promise<TickResult> {
  const result: TickResult = { started: 0, missed: 0, skipped: 0 };
  // Many schedules share a cron, zone and slot: plan each combination once per tick.
  const plans = new Map<string, CatchUpPlan>();
  // A few batches in flight at once, each in its own transaction on its own connection: SKIP
  // LOCKED gives them disjoint schedules, PostgreSQL writes one while this process prepares the
  // next. A lane stops at a short batch: what it skipped is locked by a lane still working.
  const lane = async () => {
    for (;;) {
      const taken = await em.fork().transactional((tx) => tickBatch(tx, at, options, plans, result));
      if (taken < BATCH) return;
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: LANES }, lane));
  const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed) throw failed.reason;
  if (result.started + result.missed + result.skipped > 0) options.log.info('tick', { at: at.toISOString(), ...result });
  return result;
}

/**
 * One batch in its transaction: a read of the due schedules (locked, SKIP LOCKED) and their
 * reports, then one statement that writes everything: the executions (the unique (schedule, slot)
 * key decides: a slot another ticker already took comes back empty, and gets no export), the
 * exports and their jobs for the executions that start, and every taken schedule advanced. Each
 * report's definition travels once per batch, not once per schedule.
 */
async function tickBatch(tx: EntityManager, at: Date, options: TickOptions, plans: Map<string, CatchUpPlan>, result: TickResult): Promise<number> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  const schedules = await conn.execute<DueSchedule[]>(
    `SELECT id, tenant_id, report_id, cron, time_zone, locale, format, business_days_only, holiday_country, holiday_region, next_run_at, parameter_values,
            recipients, recipient_parameters, admin_report, dashboard_id, ((delivery <> 'EMAIL' AND s3_config IS NOT NULL) OR cardinality(slack_channels) > 0 OR cardinality(webhook_urls) > 0
              -- Teams and SFTP targets (migration 0026), read through the row so this works with or without them.
              OR coalesce(jsonb_array_length(to_jsonb(schedules.*) -> 'teams_webhooks'), 0) > 0 OR coalesce(jsonb_array_length(to_jsonb(schedules.*) -> 'sftp_targets'), 0) > 0) AS other_destinations
     FROM schedules
     WHERE status = 'ACTIVE' AND next_run_at <= ? ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED`,
    [at, BATCH], 'all', ctx);
  if (schedules.length === 0) return 0;
  const reportIds = [...new Set(schedules.flatMap((s) => (s.report_id ? [s.report_id] : [])))];
  const reports = new Map((await conn.execute<ReportRow[]>(
    `SELECT id, tenant_id, name, definition FROM reports WHERE id = ANY(?::uuid[])`, [`{${reportIds.join(',')}}`], 'all', ctx)).map((r) => [r.id, r]));
  const definitions = new Map<string, NormalizedDefinition | null>();
  const planOf = (s: DueSchedule) => {
    const key = `${s.cron}|${s.time_zone}|${new Date(s.next_run_at).getTime()}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = planCatchUp(s.cron, s.time_zone, new Date(s.next_run_at), at, options.graceMs)));
    return plan;
  };
  // The window of a definition at a slot: the same for every schedule of a report due then.
  const windows = new Map<string, { from: string | null; to: string | null }>();
  const windowOf = (reportId: string, definition: NormalizedDefinition, slot: Date, scheduleZone: string) => {
    const key = `${reportId}|${slot.getTime()}|${scheduleZone}`;
    let w = windows.get(key);
    if (!w) {
      const r = resolveTimeWindow(definition, slot, runTimeZone({ definitionZone: definition.timeZone, scheduleZone }));
      windows.set(key, (w = { from: r?.from.toISOString() ?? null, to: r?.to.toISOString() ?? null }));
    }
    return w;
  };

  const rows: Row[] = [];
  const used: Record<string, NormalizedDefinition> = {};
  // Export quotas per tenant, read once per batch (under the tenant's quota lock), counting the
  // runs this batch starts: a run over them is recorded SKIPPED_QUOTA and its owner told.
  const quotas = options.quotas ? new QuotaService(options.quotas) : null;
  const usage = new Map<string, ExportUsage>();
  const starting = new Map<string, number>();
  const quotaRefusal = async (tenantId: string) => {
    if (!quotas) return null;
    let u = usage.get(tenantId);
    if (!u) usage.set(tenantId, (u = await quotas.exportUsage(tx, tenantId)));
    const refusal = exportRefusalFor(u, (starting.get(tenantId) ?? 0) + 1);
    if (!refusal) starting.set(tenantId, (starting.get(tenantId) ?? 0) + 1);
    return refusal;
  };
  // The batch's tenants' quota locks, taken up front in one order: two lanes taking them in the
  // order their schedules come (interleaved tenants) deadlock on each other's advisory locks.
  if (quotas) for (const t of [...new Set(schedules.map((s) => s.tenant_id))].sort()) usage.set(t, await quotas.exportUsage(tx, t));
  const adminRuns: { scheduleId: string; slot: Date }[] = [];
  const dashboardRuns: { scheduleId: string; slot: Date }[] = [];
  for (const schedule of schedules) {
    const plan = planOf(schedule);
    const base = { tenant_id: schedule.tenant_id, schedule_id: schedule.id, export_id: null, report_id: null };
    const snapshot = { cron: schedule.cron, timeZone: schedule.time_zone };
    // A weekend or public-holiday slot of a business-days-only schedule was never meant to run:
    // SKIPPED with the reason, even when the scheduler was down at the time (MISSED says a run that
    // should have happened did not).
    const rule = { businessDaysOnly: schedule.business_days_only, holidayCountry: schedule.holiday_country, holidayRegion: schedule.holiday_region };
    const offDay = (slot: Date) => skipReason(slot, schedule.time_zone, rule) !== null;
    const skipped = (slot: Date): Row => {
      const reason = skipReason(slot, schedule.time_zone, rule);
      const error = reason === 'Weekend' ? `Not a business day in ${schedule.time_zone}` : `Not a business day: public holiday ${reason}`;
      return { ...base, scheduled_for: slot.toISOString(), status: 'SKIPPED', parameters: snapshot, error };
    };
    for (const slot of plan.missed) {
      rows.push(offDay(slot) ? skipped(slot)
        : { ...base, scheduled_for: slot.toISOString(), status: 'MISSED', parameters: snapshot, error: 'The scheduler was not running at this time' });
    }
    if (!plan.run) continue;
    if (offDay(plan.run)) {
      rows.push(skipped(plan.run));
      continue;
    }
    // An admin report (no report to read): started after this statement, in this transaction.
    if (schedule.admin_report) {
      const refusal = await quotaRefusal(schedule.tenant_id);
      if (refusal) rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'SKIPPED_QUOTA', parameters: { ...snapshot, adminReport: schedule.admin_report }, error: refusal.message });
      else adminRuns.push({ scheduleId: schedule.id, slot: plan.run });
      continue;
    }
    // A dashboard (one file of every tile): started after this statement too, in this transaction.
    if (schedule.dashboard_id) {
      const refusal = await quotaRefusal(schedule.tenant_id);
      if (refusal) rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'SKIPPED_QUOTA', parameters: { ...snapshot, dashboardId: schedule.dashboard_id }, error: refusal.message });
      else dashboardRuns.push({ scheduleId: schedule.id, slot: plan.run });
      continue;
    }
    const report = reports.get(schedule.report_id);
    const mine = report && report.tenant_id === schedule.tenant_id ? report : undefined;
    const definition = mine ? validOnce(definitions, mine) : null;
    if (!mine || !definition) {
      rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'FAILED', parameters: {}, error: mine ? 'The report definition is invalid' : 'The report was deleted' });
      continue;
    }
    // A report with parameters runs with each schedule's own values: its definition (with the
    // resolved values, the run's snapshot) travels once per schedule (and recipient variant)
    // instead of once per report. Recipients with values of their own get one run per distinct
    // resolved set, each unique per (schedule, slot, variant) (recipient-variants.ts).
    const variants = runVariants({ parameterValues: schedule.parameter_values, recipients: schedule.recipients, recipientParameters: schedule.recipient_parameters, otherDestinations: schedule.other_destinations },
      null, (supplied) => bindParameterValues(definition, supplied, 'parameterValues', 3660));
    for (const variant of variants) {
      const vbase = { ...base, variant_key: variant.key, recipients: variant.recipients };
      const variantSnapshot = variant.recipients ? { ...snapshot, variant: { key: variant.key, recipients: variant.recipients } } : snapshot;
      if (!variant.bound.ok) {
        rows.push({ ...vbase, scheduled_for: plan.run.toISOString(), status: 'FAILED', parameters: variantSnapshot, error: `The parameter values do not fit the report: ${variant.bound.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 1000) });
        continue;
      }
      const runDefinition = variant.bound.definition;
      const defKey = definition.parameters?.length ? `${mine.id}:${schedule.id}:${variant.key}` : mine.id;
      const refusal = await quotaRefusal(schedule.tenant_id);
      if (refusal) {
        rows.push({ ...vbase, scheduled_for: plan.run.toISOString(), status: 'SKIPPED_QUOTA', parameters: { ...variantSnapshot, reportName: mine.name }, error: refusal.message });
        continue;
      }
      used[defKey] = runDefinition;
      const locale = runLocale({ definitionLocale: definition.locale, scheduleLocale: schedule.locale });
      // parameters gets the definition added in SQL, from `used`.
      rows.push({ ...vbase, scheduled_for: plan.run.toISOString(), status: 'RUNNING', error: null, export_id: randomUUID(), report_id: mine.id,
        report_name: mine.name, format: schedule.format, time_zone: schedule.time_zone, locale, def_key: defKey,
        parameters: { ...variantSnapshot, locale, format: schedule.format, reportName: mine.name, ...windowOf(defKey, runDefinition, plan.run, schedule.time_zone) } });
    }
  }
  const advance = schedules.map((s) => ({ id: s.id, next_run_at: planOf(s).nextRunAt?.toISOString() ?? null }));

  // The planner guesses 100 rows for each JSON record set and a couple for the executions that
  // ran, and then loops over one of them for every row of the other when advancing the schedules
  // (measured: 40 ms of a 70 ms batch of 500, growing with the square of the batch). Hash joins
  // keep the statement linear; for this transaction only.
  await conn.execute('SET LOCAL enable_nestloop = off', [], 'run', ctx);
  const [counts] = await conn.execute<{ started: number; missed: number; skipped: number; jobs: number }[]>(
    `WITH runs AS (
       SELECT r.*, d.value AS definition
       FROM jsonb_to_recordset(?::jsonb) AS r(tenant_id text, schedule_id uuid, scheduled_for timestamptz, status text, parameters jsonb, error text,
            export_id uuid, report_id uuid, report_name text, format text, time_zone text, locale text, def_key text, variant_key text, recipients text[])
       LEFT JOIN jsonb_each(?::jsonb) AS d ON d.key = r.def_key),
     inserted AS (
       INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, export_id, started_at, completed_at, variant_key, recipients)
       SELECT gen_random_uuid(), tenant_id, schedule_id, scheduled_for, 'SCHEDULE', status,
              CASE WHEN definition IS NULL THEN parameters ELSE parameters || jsonb_build_object('definition', definition) END, error, export_id,
              CASE WHEN status = 'RUNNING' THEN now() END, CASE WHEN status IN ('MISSED', 'SKIPPED', 'SKIPPED_QUOTA', 'FAILED') THEN now() END,
              coalesce(variant_key, ''), recipients
       FROM runs
       ON CONFLICT (schedule_id, scheduled_for, variant_key) DO NOTHING
       RETURNING id, schedule_id, scheduled_for, status, export_id),
     -- A run the tenant's quotas refused: its owner is told (delivery.service.ts noticeSkipped).
     quota_notices AS (
       SELECT graphile_worker.add_job('execution__quota_notice', json_build_object('executionId', id::text), job_key => 'quota-notice:' || id::text, max_attempts => 5)
       FROM inserted WHERE status = 'SKIPPED_QUOTA'),
     started AS (
       SELECT r.export_id AS id, r.tenant_id, r.report_id, r.schedule_id, r.report_name, r.definition, r.format,
              sc.export_options || jsonb_build_object('timeZone', r.time_zone) AS options, 'SCHEDULE' AS triggered_by, 'schedule:' || r.schedule_id AS initiated_by,
              r.scheduled_for AS as_of, r.time_zone, r.locale, NULL::uuid AS retry_of, ${PRIORITY.SCHEDULED} AS priority,
              -- The file's packaging and name template as the schedule has them now (locked above);
              -- its password stays on the schedule, read by the run.
              -- (a protected CSV, XLSX or JSON file is a ZIP whatever the compression: packaging.ts).
              CASE WHEN sc.password_ciphertext IS NOT NULL AND r.format <> 'PDF' THEN 'ZIP' ELSE sc.compression END AS compression,
              sc.password_ciphertext IS NOT NULL AS password_protected, sc.file_name_template
       FROM runs r JOIN inserted i ON i.export_id = r.export_id JOIN schedules sc ON sc.id = r.schedule_id),
     ${insertExportsFrom('started', options.maxAttempts)},
     -- A slot that ran (started, or failed at once for a deleted or invalid report) counts a run,
     -- as run-now and backfill executions do (execution.service.ts); lastRunAt is the latest slot
     -- that ran, whichever way it was triggered (a backfill may add older ones).
     ran AS (SELECT schedule_id, count(DISTINCT scheduled_for) AS runs, max(scheduled_for) AS scheduled_for FROM inserted WHERE status IN ('RUNNING', 'FAILED') GROUP BY schedule_id),
     advanced AS (
       UPDATE schedules s SET next_run_at = a.next_run_at, run_count = s.run_count + coalesce(ran.runs, 0),
              last_run_at = greatest(s.last_run_at, ran.scheduled_for), updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS a(id uuid, next_run_at timestamptz) LEFT JOIN ran ON ran.schedule_id = a.id
       WHERE s.id = a.id)
     SELECT count(*) FILTER (WHERE status IN ('RUNNING', 'FAILED'))::int AS started, count(*) FILTER (WHERE status = 'MISSED')::int AS missed,
            count(*) FILTER (WHERE status IN ('SKIPPED', 'SKIPPED_QUOTA'))::int AS skipped, (SELECT n FROM new_jobs) AS jobs,
            (SELECT count(*) FROM quota_notices)::int AS notices
     FROM inserted`,
    [JSON.stringify(rows), JSON.stringify(used), JSON.stringify(advance)], 'all', ctx);
  result.started += counts!.started + await startAdminRuns(tx, adminRuns, options.maxAttempts) + await startDashboardRuns(tx, dashboardRuns, options.maxAttempts);
  result.missed += counts!.missed;
  result.skipped += counts!.skipped;
  return schedules.length;
}

function validOnce(cache: Map<string, NormalizedDefinition | null>, report: ReportRow): NormalizedDefinition | null {
  if (!cache.has(report.id)) {
    const checked = validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 });
    cache.set(report.id, checked.valid ? checked.definition : null);
  }
  return cache.get(report.id)!;
}
