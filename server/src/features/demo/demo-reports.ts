/**
 * The reports every demo tenant starts with. "Usage Summary" is the product's acceptance report:
 * daily events per type over the last 7 days, with unique users and devices, newest day first,
 * limited to 1,000 rows.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DefinitionLimits, ReportDefinition } from '../reports/definition.js';
import { ReportEntity } from '../reports/report.entity.js';
import { ReportService } from '../reports/report.service.js';

export const USAGE_SUMMARY: ReportDefinition = {
  source: 'usage_events',
  dimensions: [
    { field: 'timestamp', grain: 'DAY', alias: 'date' },
    { field: 'event_type' },
  ],
  measures: [
    { fn: 'COUNT', alias: 'total_events' },
    { fn: 'UNIQ', field: 'user_id', alias: 'unique_users' },
    { fn: 'UNIQ', field: 'device_id', alias: 'unique_devices' },
  ],
  timeRange: { last: { n: 7, unit: 'DAY' } },
  orderBy: [{ key: 'date', direction: 'DESC' }],
  rowLimit: 1000,
};

/** Creates the default reports for each tenant that lacks them; safe to run on every start. */
export async function seedDemoReports(em: EntityManager, tenants: readonly string[], limits: DefinitionLimits): Promise<number> {
  let created = 0;
  for (const tenantId of tenants) {
    const fork = em.fork();
    const exists = await fork.count(ReportEntity, { tenantId, name: 'Usage Summary' });
    if (exists) continue;
    await new ReportService(fork, limits, null).create(
      { userId: 'system', tenantId, role: 'admin' },
      {
        name: 'Usage Summary',
        description: 'Daily events by type over the last 7 days, with unique users and devices.',
        definition: USAGE_SUMMARY,
        isPublic: true,
        tags: ['default', 'usage'],
      },
    );
    created++;
  }
  return created;
}
