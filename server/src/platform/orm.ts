/**
 * MikroORM over the metadata Postgres. Entities are listed explicitly (no folder scanning, no
 * decorator metadata: esbuild emits none, so every property names its type). The schema itself is
 * owned by the SQL migrations.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { ReportEntity } from '../features/reports/report.entity.js';
import { ExportEntity } from '../features/exports/export.entity.js';
import { AuditEntry } from '../features/audit/audit.entity.js';
import { DeliveryEntity, ExecutionEntity, ScheduleEntity } from '../features/schedules/schedule.entity.js';

export const ENTITIES = [ReportEntity, ExportEntity, AuditEntry, ScheduleEntity, ExecutionEntity, DeliveryEntity];

export async function openOrm(databaseUrl: string): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    discovery: { disableDynamicFileAccess: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10 },
    debug: false,
  });
}
