/**
 * Where a run's file lands outside our own storage: the key template an S3 target and an SFTP
 * target share (`{tenant}/{report}/{schedule}/{date}.{format}`), its rules at save, and the key it
 * gives for one run. Pure.
 */
import type { ExportEntity } from '../exports/export.entity.js';
import { fileTimePart, slugify } from '../exports/writers/file-name.js';
import type { ExecutionEntity, ScheduleEntity } from '../schedules/schedule.entity.js';

const KEY_TEMPLATE = /^[A-Za-z0-9._/{}-]{1,400}$/;
const KNOWN_PLACEHOLDERS = new Set(['tenant', 'report', 'date', 'format', 'schedule']);

/** Why `template` cannot be a key template, as words; null when it can. */
export function keyTemplateProblem(template: string): string | null {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).filter((p) => !KNOWN_PLACEHOLDERS.has(p));
  if (!KEY_TEMPLATE.test(template) || template.includes('..') || template.startsWith('/')) return 'letters, digits, . _ - / and {placeholders} only';
  if (unknown.length) return `unknown placeholder {${unknown[0]}}; use {tenant} {report} {schedule} {date} {format}`;
  return null;
}

/** The key `template` gives for one run: names slugged as export file names are, the slot in the schedule's zone. */
export function keyFromTemplate(template: string, schedule: ScheduleEntity, record: ExportEntity, execution: ExecutionEntity): string {
  const date = fileTimePart(execution.scheduledFor, schedule.timeZone); // 2026-12-06_20h26, as in file names
  // The stored file's whole extension: `csv.gz` for a gzipped CSV, `zip` for a ZIP (export-file.ts).
  const ext = record.storageKey?.split('/').pop()?.split('.').slice(1).join('.') || record.format.toLowerCase();
  return template
    .replaceAll('{tenant}', schedule.tenantId)
    .replaceAll('{report}', slugify(record.reportName)) // as in file names: 東京レポート → dongjingrepoto
    .replaceAll('{schedule}', slugify(schedule.name))
    .replaceAll('{date}', date)
    .replaceAll('{format}', ext);
}

export function s3Key(schedule: ScheduleEntity, record: ExportEntity, execution: ExecutionEntity): string {
  return keyFromTemplate(schedule.s3Config!.keyTemplate, schedule, record, execution);
}
