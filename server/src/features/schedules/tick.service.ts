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
import { ReportEntity } from '../reports/report.entity.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import { isBusinessDay, planCatchUp, type CatchUpPlan } from './planner.js';
import { ScheduleEntity } from './schedule.entity.js';

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

async function tickBatch(tx: EntityManager, at: Date, options: TickOptions, plans: Map<string, CatchUpPlan>, result: TickResult): Promise<number> {
  const conn = tx.getConnection();
  const ctx = tx.getTransactionContext();
  const due = await conn.execute<{ id: string }[]>(
    `SELECT id FROM schedules WHERE status = 'ACTIVE' AND next_run_at <= ? ORDER BY next_run_at LIMIT ? FOR UPDATE SKIP LOCKED`,
    [at, BATCH], 'all', ctx);
  if (due.length === 0) return 0;
  const schedules = await tx.find(ScheduleEntity, { id: { $in: due.map((d) => d.id) } });
  const reports = new Map((await tx.find(ReportEntity, { id: { $in: [...new Set(schedules.map((s) => s.reportId))] } })).map((r) => [r.id, r]));
  const definitions = new Map<string, NormalizedDefinition | null>();

  const rows: Row[] = [];
  const runs = new Map<string, ScheduleEntity>(); // schedule id → schedule, for slots that run
  for (const schedule of schedules) {
    const key = `${schedule.cron}|${schedule.timeZone}|${schedule.nextRunAt!.getTime()}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = planCatchUp(schedule.cron, schedule.timeZone, schedule.nextRunAt!, at, options.graceMs)));
    const base = { tenant_id: schedule.tenantId, schedule_id: schedule.id };
    for (const slot of plan.missed) {
      rows.push({ ...base, scheduled_for: slot.toISOString(), status: 'MISSED', parameters: { cron: schedule.cron, timeZone: schedule.timeZone }, error: 'The scheduler was not running at this time' });
    }
    if (plan.run) {
      if (schedule.businessDaysOnly && !isBusinessDay(plan.run, schedule.timeZone)) {
        rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'SKIPPED', parameters: { cron: schedule.cron, timeZone: schedule.timeZone }, error: `Not a business day in ${schedule.timeZone}` });
      } else {
        const report = reports.get(schedule.reportId);
        const definition = report && report.tenantId === schedule.tenantId ? validOnce(definitions, report) : null;
        if (!report || report.tenantId !== schedule.tenantId || !definition) {
          rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'FAILED', parameters: {}, error: report ? 'The report definition is invalid' : 'The report was deleted' });
        } else {
          const window = resolveTimeWindow(definition, plan.run);
          rows.push({ ...base, scheduled_for: plan.run.toISOString(), status: 'RUNNING', parameters: {
            cron: schedule.cron, timeZone: schedule.timeZone, format: schedule.format, reportName: report.name,
            from: window?.from.toISOString() ?? null, to: window?.to.toISOString() ?? null, definition,
          }, error: null });
          runs.set(schedule.id, schedule);
        }
      }
    }
  }

  // The unique (schedule, slot) key decides: a slot another ticker already took comes back empty.
  const inserted = rows.length === 0 ? [] : await conn.execute<{ id: string; schedule_id: string; scheduled_for: Date; status: Row['status'] }[]>(
    `INSERT INTO schedule_executions (id, tenant_id, schedule_id, scheduled_for, triggered_by, status, parameters, error, completed_at)
     SELECT gen_random_uuid(), r.tenant_id, r.schedule_id, r.scheduled_for, 'SCHEDULE', r.status, r.parameters, r.error,
            CASE WHEN r.status IN ('MISSED', 'SKIPPED', 'FAILED') THEN now() END
     FROM jsonb_to_recordset(?::jsonb) AS r(tenant_id text, schedule_id uuid, scheduled_for timestamptz, status text, parameters jsonb, error text)
     ON CONFLICT (schedule_id, scheduled_for) DO NOTHING
     RETURNING id, schedule_id, scheduled_for, status`, [JSON.stringify(rows)], 'all', ctx);

  const started = inserted.filter((e) => e.status === 'RUNNING');
  const exports: NewExport[] = started.map((e) => {
    const schedule = runs.get(e.schedule_id)!;
    const report = reports.get(schedule.reportId)!;
    return {
      tenantId: schedule.tenantId, initiatedBy: `schedule:${schedule.id}`, reportId: report.id, scheduleId: schedule.id, reportName: report.name,
      definition: definitions.get(report.id)!, format: schedule.format, options: { timeZone: schedule.timeZone }, triggeredBy: 'SCHEDULE',
      asOf: new Date(e.scheduled_for), timeZone: schedule.timeZone, priority: PRIORITY.SCHEDULED,
    };
  });
  const records = await enqueueExports(tx, exports, options.maxAttempts);
  if (records.length) {
    await conn.execute(
      `UPDATE schedule_executions e SET export_id = v.export_id, started_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS v(id uuid, export_id uuid) WHERE e.id = v.id`,
      [JSON.stringify(started.map((e, i) => ({ id: e.id, export_id: records[i]!.id })))], 'all', ctx);
  }

  for (const e of inserted) {
    if (e.status === 'MISSED') result.missed++;
    else if (e.status === 'SKIPPED') result.skipped++;
    else {
      // Started, or failed at once for a deleted or invalid report: either way the slot ran.
      result.started++;
      const schedule = schedules.find((s) => s.id === e.schedule_id)!;
      schedule.runCount++;
      schedule.lastRunAt = new Date(e.scheduled_for);
    }
  }
  for (const schedule of schedules) {
    schedule.nextRunAt = plans.get(`${schedule.cron}|${schedule.timeZone}|${schedule.nextRunAt!.getTime()}`)!.nextRunAt;
  }
  await tx.flush();
  return due.length;
}

function validOnce(cache: Map<string, NormalizedDefinition | null>, report: ReportEntity): NormalizedDefinition | null {
  if (!cache.has(report.id)) {
    const checked = validateDefinition(report.definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays: 3660 });
    cache.set(report.id, checked.valid ? checked.definition : null);
  }
  return cache.get(report.id)!;
}
