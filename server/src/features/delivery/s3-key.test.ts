import { describe, expect, it } from 'vitest';
import type { ExportEntity } from '../exports/export.entity.js';
import type { ExecutionEntity, ScheduleEntity } from '../schedules/schedule.entity.js';
import { s3Key } from './s3-key.js';

/** s3Key reads only these fields. */
function key(reportName: string, scheduleName: string, keyTemplate: string): string {
  const schedule = { tenantId: 'acme', name: scheduleName, timeZone: 'Asia/Tokyo', s3Config: { bucket: 'lake', keyTemplate } } as unknown as ScheduleEntity;
  const record = { reportName, storageKey: 'exports/acme/0b9f.csv.gz', format: 'CSV' } as unknown as ExportEntity;
  const execution = { scheduledFor: new Date('2026-12-06T11:26:00Z') } as unknown as ExecutionEntity;
  return s3Key(schedule, record, execution);
}

describe('s3Key', () => {
  it('slugs the report and schedule names as export file names do (any-ascii), with the zoned time part', () => {
    expect(key('東京レポート', 'Ventes été', '{tenant}/{report}/{schedule}/{date}.{format}')).toBe('acme/dongjingrepoto/ventes-ete/2026-12-06_20h26.csv.gz');
    expect(key('Usage Summary', 'To the lake', 'lake/{report}-{schedule}.{format}')).toBe('lake/usage-summary-to-the-lake.csv.gz');
    expect(key('../../etc', '🎉', '{report}/{schedule}')).toBe('etc/tada');
  });
});
