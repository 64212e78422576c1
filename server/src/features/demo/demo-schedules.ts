/**
 * The schedule every demo tenant starts with: the acceptance criterion of the product. "Weekly
 * Usage Summary Email" sends the Usage Summary as a PDF every Monday at 09:00 New York time
 * (the original "9 AM EST", right across daylight saving time) to the tenant's admin.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReportEntity } from '../reports/report.entity.js';
import { nextRuns } from '../schedules/planner.js';
import { ScheduleEntity } from '../schedules/schedule.entity.js';

export const WEEKLY_USAGE_SUMMARY = {
  name: 'Weekly Usage Summary Email',
  cron: '0 9 * * 1',
  timeZone: 'America/New_York',
} as const;

export function adminAddress(tenantId: string): string {
  return `admin@${tenantId}.example.com`;
}

export async function seedDemoSchedules(em: EntityManager, tenants: readonly string[], now = new Date()): Promise<number> {
  let created = 0;
  for (const tenantId of tenants) {
    const fork = em.fork();
    if (await fork.count(ScheduleEntity, { tenantId, name: WEEKLY_USAGE_SUMMARY.name })) continue;
    const report = await fork.findOne(ReportEntity, { tenantId, name: 'Usage Summary' });
    if (!report) continue;
    const schedule = Object.assign(new ScheduleEntity(), {
      tenantId,
      reportId: report.id,
      name: WEEKLY_USAGE_SUMMARY.name,
      description: 'The Usage Summary as a PDF, every Monday at 9 AM New York time.',
      cron: WEEKLY_USAGE_SUMMARY.cron,
      timeZone: WEEKLY_USAGE_SUMMARY.timeZone,
      format: 'PDF' as const,
      delivery: 'EMAIL' as const,
      recipients: [adminAddress(tenantId)],
      emailConfig: { attachment: 'AUTO' as const },
      createdBy: 'system',
      ownerEmail: adminAddress(tenantId),
      nextRunAt: nextRuns(WEEKLY_USAGE_SUMMARY.cron, WEEKLY_USAGE_SUMMARY.timeZone, now, 1)[0]!,
    });
    await fork.persistAndFlush(schedule);
    created++;
  }
  return created;
}
