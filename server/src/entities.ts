/**
 * Every MikroORM entity of the application, assembled here at the top level so that
 * platform/orm.ts knows no feature (features depend on the platform, never the reverse).
 */
import { ReportEntity } from './features/reports/report.entity.js';
import { ExportEntity } from './features/exports/export.entity.js';
import { AuditEntry } from './features/audit/audit.entity.js';
import { DeliveryEntity, ExecutionEntity, ScheduleEntity } from './features/schedules/schedule.entity.js';

export const ENTITIES = [ReportEntity, ExportEntity, AuditEntry, ScheduleEntity, ExecutionEntity, DeliveryEntity];
