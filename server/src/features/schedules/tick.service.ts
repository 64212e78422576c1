/**
 * The scheduler tick (job `schedules__tick`, every minute; `pnpm cli tick --at` for operators and
 * tests). Due schedules are taken in batches, one transaction per batch: lock them (SKIP LOCKED:
 * another ticker takes other rows), work out what is due for each, insert the executions (unique
 * per slot) and enqueue their exports in a few set-based statements, advance nextRunAt. Two
 * tickers at the same instant therefore produce exactly one execution per slot, and ten thousand
 * schedules due in the same minute are enqueued in one tick (`pnpm bench load`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import { enqueueExports, PRIORITY, type NewExport } from '../exports/export.service.js';
import { resolveTimeWindow } from '../reports/compile-query.js';
import type { ReportDefinition } from '../reports/definition.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { isBusinessDay, planCatchUp, type CatchUpPlan } from './planner.js';

export interface TickOptions {
  /** Missed slots younger than this still run (the latest one); older ones are MISSED. */
  graceMs: number;
  maxAttempts: number;
  log: Logger;
}

export interface TickResult {
  started: number;
  missed: number;
  skipped: number;
}

/** Schedules per transaction: big enough to amortise round trips, small enough to keep locks short. */
const BATCH = 500;

interface Row {
  tenant_id: string;
  schedule_id: string;
  scheduled_for: string;
  status: 'RUNNING' | 'FAILED' | 'MISSED' | 'SKIPPED';
  parameters: Record<string, unknown>;
  error: string | null;
}

interface DueSchedule {
  id: string;
  tenant_id: string;
  report_id: string;
  cron: string;
  time_zone: string;
  format: ExportFormat;
  business_days_only: boolean;
  next_run_at: Date;
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
  for (;;) {
    const taken = await em.fork().transactional((tx) => tickBatch(tx, at, options, plans, result));
    if (taken < BATCH) break;
  }
  if (result.started + result.missed + result.skipped > 0) options.log.info('tick', { at: at.toISOString(), ...result });
  return result;
}

/** One batch in its transaction, set-based: a handful of statements whatever the batch size. */
async function tickBatch(tx: EntityManager, at: Date, options: TickOptions, plans: Map<string, CatchUpPlan>, result: TickResult): Promise<number> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  const schedules = await conn.execute<DueSchedule[]>(
    `SELECT id, tenant_id, report_id, cron, time_zone, format, business_days_only, next_run_at FROM schedules
     WHERE status = 'ACTIVE' AND next_run_at <= ? ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED`,
    [at, BATCH], 'all', ctx);
  if (schedules.length === 0) return 0;
  const reportIds = [...new Set(schedules.map((s) => s.report_id))];
  const reports = new Map((await conn.execute<ReportRow[]>(
    `SELECT id, tenant_id, name, definition FROM reports WHERE id = ANY(?::uuid[])`, [`{${reportIds.join(',')}}`], 'all', ctx)).map((r) => [r.id, r]));
  const definitions = new Map<string, NormalizedDefinition | null>();
  const planOf = (s: DueSchedule) => {
    const key = `${s.cron}|${s.time_zone}|${new Date(s.next_run_at).getTime()}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = planCatchUp(s.cron, s.time_zone, new Date(s.next_run_at), at, options.graceMs)));
    return plan;
  };

  const rows: Row[] = [];
  for (const schedule of schedules) {
    const plan = planOf(schedule);
    const base = { tenant_id: schedule.tenant_id, schedule_id: schedule.id };
    const snapshot = { cron: schedule.cron, timeZone: schedule.time_zone };
    for (const slot of plan.missed) {
      rows.push({ ...base, scheduled_for: slot.toISOString(), status: 'MISSED', parameters: snapshot, error: 'The scheduler was not running at this time' });
    }
    if (!plan.run) continue;
    if (schedule.business_days_only && !isBusinessDay(plan.run, schedule.time_zone)) {
      rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'SKIPPED', parameters: snapshot, error: `Not a business day in ${schedule.time_zone}` });
      continue;
    }
    const report = reports.get(schedule.report_id);
    const mine = report && report.tenant_id === schedule.tenant_id ? report : undefined;
    const definition = mine ? validOnce(definitions, mine) : null;
    if (!mine || !definition) {
      rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'FAILED', parameters: {}, error: mine ? 'The report definition is invalid' : 'The report was deleted' });
      continue;
    }
    const window = resolveTimeWindow(definition, plan.run);
    rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'RUNNING', parameters: {
      ...snapshot, format: schedule.format, reportName: mine.name, from: window?.from.toISOString() ?? null, to: window?.to.toISOString() ?? null, definition,
    }, error: null });
  }

  // The unique (schedule, slot) key decides: a slot another ticker already took comes back empty.
  const inserted = rows.length === 0 ? [] : await conn.execute<{ id: string; schedule_id: string; scheduled_for: Date; status: Row['status'] }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, completed_at)
     SELECT gen_random_uuid(), r.tenant_id, r.schedule_id, r.scheduled_for, 'SCHEDULE', r.status, r.parameters, r.error,
            CASE WHEN r.status IN ('MISSED', 'SKIPPED', 'FAILED') THEN now() END
     FROM jsonb_to_recordset(?::jsonb) AS r(tenant_id text, schedule_id uuid, scheduled_for timestamptz, status text, parameters jsonb, error text)
     ON CONFLICT (schedule_id, scheduled_for) DO NOTHING
     RETURNING id, schedule_id, scheduled_for, status`, [JSON.stringify(rows)], 'all', ctx);

  const byId = new Map(schedules.map((s) => [s.id, s]));
  const started = inserted.filter((e) => e.status === 'RUNNING');
  const exportIds = await enqueueExports(tx, started.map((e): NewExport => {
    const schedule = byId.get(e.schedule_id)!;
    const report = reports.get(schedule.report_id)!;
    return {
      tenantId: schedule.tenant_id, initiatedBy: `schedule:${schedule.id}`, reportId: report.id, scheduleId: schedule.id, reportName: report.name,
      definition: definitions.get(report.id)!, format: schedule.format, options: { timeZone: schedule.time_zone }, triggeredBy: 'SCHEDULE',
      asOf: new Date(e.scheduled_for), timeZone: schedule.time_zone, priority: PRIORITY.SCHEDULED,
    };
  }), options.maxAttempts);
  if (exportIds.length) {
    await conn.execute(
      `UPDATE schedule_executions e SET export_id = v.export_id, started_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, export_id uuid) WHERE e.id = v.id`,
      [JSON.stringify(started.map((e, i) => ({ id: e.id, export_id: exportIds[i] })))], 'all', ctx);
  }

  // Every taken schedule moves on; those whose slot ran (started, or failed at once for a deleted
  // or invalid report) count a run.
  const ran = new Map<string, Date>();
  for (const e of inserted) {
    if (e.status === 'MISSED') result.missed++;
    else if (e.status === 'SKIPPED') result.skipped++;
    else {
      result.started++;
      ran.set(e.schedule_id, new Date(e.scheduled_for));
    }
  }
  await conn.execute(
    `UPDATE schedules s SET next_run_at = v.next_run_at, run_count = s.run_count + v.runs, last_run_at = coalesce(v.last_run_at, s.last_run_at), updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, next_run_at timestamptz, runs integer, last_run_at timestamptz) WHERE s.id = v.id`,
    [JSON.stringify(schedules.map((s) => ({
      id: s.id, next_run_at: planOf(s).nextRunAt?.toISOString() ?? null, runs: ran.has(s.id) ? 1 : 0, last_run_at: ran.get(s.id)?.toISOString() ?? null,
    })))], 'all', ctx);
  return schedules.length;
}

function validOnce(cache: Map<string, NormalizedDefinition | null>, report: ReportRow): NormalizedDefinition | null {
  if (!cache.has(report.id)) {
    const checked = validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 });
    cache.set(report.id, checked.valid ? checked.definition : null);
  }
  return cache.get(report.id)!;
}
