/**
 * The scheduler tick (job `schedules__tick`, every minute; `pnpm cli tick --at` for operators and
 * tests). In one transaction per schedule: lock it (SKIP LOCKED: another ticker takes the next
 * one), work out what is due, insert executions (unique per slot), enqueue exports, advance
 * nextRunAt. Two tickers at the same instant therefore produce exactly one execution per slot.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import { isBusinessDay, planCatchUp } from './planner.js';
import { ScheduleEntity } from './schedule.entity.js';
import { recordExecution, startExecution } from './execution.service.js';

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

export async function tick(em: EntityManager, at: Date, options: TickOptions): Promise<TickResult> {
  const result: TickResult = { started: 0, missed: 0, skipped: 0 };
  for (let i = 0; i < 1000; i++) {
    const done = await em.fork().transactional(async (tx) => {
      const due = await tx.getConnection().execute<{ id: string }[]>(
        `SELECT id FROM schedules WHERE status = 'ACTIVE' AND next_run_at <= ? ORDER BY next_run_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [at], 'all', tx.getTransactionContext());
      if (due.length === 0) return true;
      const schedule = await tx.findOneOrFail(ScheduleEntity, { id: due[0]!.id });
      const plan = planCatchUp(schedule.cron, schedule.timeZone, schedule.nextRunAt!, at, options.graceMs);
      for (const slot of plan.missed) {
        if (await recordExecution(tx, schedule, slot, 'MISSED', 'The scheduler was not running at this time')) result.missed++;
      }
      if (plan.run) {
        if (schedule.businessDaysOnly && !isBusinessDay(plan.run, schedule.timeZone)) {
          if (await recordExecution(tx, schedule, plan.run, 'SKIPPED', 'Not a business day in ' + schedule.timeZone)) result.skipped++;
        } else if (await startExecution(tx, schedule, plan.run, 'SCHEDULE', options.maxAttempts)) {
          result.started++;
          schedule.runCount++;
          schedule.lastRunAt = plan.run;
        }
      }
      schedule.nextRunAt = plan.nextRunAt;
      await tx.flush();
      return false;
    });
    if (done) break;
  }
  if (result.started + result.missed + result.skipped > 0) options.log.info('tick', { at: at.toISOString(), ...result });
  return result;
}
