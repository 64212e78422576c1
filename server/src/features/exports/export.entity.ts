import type { Role } from '../auth/viewer.js';
import { BigIntType, Entity, Formula, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import type { ExportFormat } from './writers/writer.js';
import type { Compression } from './writers/packaging.js';
import type { AuditQuery } from '../audit/audit-export.js';
import type { Orientation, PaperSize } from './writers/pdf-layout.js';

/** What a dashboard export asked for beyond the dashboard's stored time range and parameter values. */
export interface DashboardExportRequest {
  timeRange?: Record<string, unknown> | null;
  parameterValues?: Record<string, unknown> | null;
}

export const EXPORT_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];
export const TRIGGERS = ['MANUAL', 'API', 'SCHEDULE', 'BACKFILL', 'RETRY'] as const;
export type ExportTrigger = (typeof TRIGGERS)[number];

/** CSV date-time forms: LOCAL `2026-12-06T19:59:53.912` (typed by spreadsheets), ISO_OFFSET `…+09:00` (for programs). */
export const CSV_TIMESTAMP_FORMATS = ['LOCAL', 'ISO_OFFSET'] as const;
export type CsvTimestampFormat = (typeof CSV_TIMESTAMP_FORMATS)[number];

export interface ExportOptions {
  bom?: boolean;
  ndjson?: boolean;
  /** Overrides the report's zone for this export (see run-zone.ts). */
  timeZone?: string;
  /** Overrides the report's locale for this export (see run-locale.ts). */
  locale?: string;
  /** CSV: how date-times are written (default LOCAL). */
  csvTimestamps?: CsvTimestampFormat;
  /** PDF: paper size (default A4). */
  paperSize?: PaperSize;
  /** PDF: orientation (default: landscape when the table has more than 6 columns). */
  orientation?: Orientation;
}

@Entity({ tableName: 'exports' })
export class ExportEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'uuid', fieldName: 'report_id', nullable: true })
  reportId: string | null = null;

  @Property({ type: 'uuid', fieldName: 'schedule_id', nullable: true })
  scheduleId: string | null = null;

  /** The dashboard a dashboard export was made from (migration 0022); null for a report's or the audit's export. */
  @Property({ type: 'uuid', fieldName: 'dashboard_id', nullable: true })
  dashboardId: string | null = null;

  /** A dashboard export's request over the dashboard's own settings (dashboards/dashboard-export.ts); null otherwise. */
  @Property({ type: 'json', nullable: true })
  dashboard: DashboardExportRequest | null = null;

  @Property({ type: 'text', fieldName: 'report_name' })
  reportName!: string;

  @Property({ type: 'json' })
  definition!: NormalizedDefinition;

  @Property({ type: 'text' })
  format!: ExportFormat;

  /** GZIP (`name.csv.gz`) or ZIP (`name.zip` holding `name.csv`); null: the file as it is. */
  @Property({ type: 'text', nullable: true })
  compression: Compression | null = null;

  /**
   * The file opens only with a password (PDF: AES-256 PDF; others: AES-256 ZIP). The password is
   * not in this table: see migration 0012.
   */
  @Property({ type: 'boolean', fieldName: 'password_protected' })
  passwordProtected: boolean = false;

  /** The schedule's file-name template when the run was enqueued (file-name-template.ts). */
  @Property({ type: 'text', fieldName: 'file_name_template', nullable: true })
  fileNameTemplate: string | null = null;

  @Property({ type: 'json' })
  options: ExportOptions = {};

  @Property({ type: 'text' })
  status: ExportStatus = 'PENDING';

  @Property({ type: 'text', fieldName: 'triggered_by' })
  triggeredBy!: ExportTrigger;

  @Property({ type: 'text', fieldName: 'initiated_by' })
  initiatedBy!: string;

  /** The role the rows are masked for (catalog/masking.ts): the requester's, or the schedule owner's; null on rows older than masking (masked as viewer). */
  @Property({ type: 'text', fieldName: 'mask_role', nullable: true })
  maskRole: Role | null = null;

  /** An export of the audit data (audit/audit-export.ts): which view and filter; null for a report's export. */
  @Property({ type: 'json', fieldName: 'audit_query', nullable: true })
  auditQuery: AuditQuery | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'as_of' })
  asOf!: Date;

  @Property({ type: 'text', fieldName: 'time_zone' })
  timeZone: string = 'UTC';

  /** The run's effective BCP 47 locale (run-locale.ts), decided when it was enqueued. */
  @Property({ type: 'text' })
  locale: string = 'en-US';

  @Property({ type: new BigIntType('number'), fieldName: 'rows_written' })
  rowsWritten: number = 0;

  @Property({ type: new BigIntType('number'), fieldName: 'rows_total', nullable: true })
  rowsTotal: number | null = null;

  /** sha256 over the run's parameters and its rows as streamed (not the file): equal means the same report (onlyIfChanged). */
  @Property({ type: 'text', fieldName: 'rows_fingerprint', nullable: true })
  rowsFingerprint: string | null = null;

  @Property({ type: new BigIntType('number'), fieldName: 'bytes_written' })
  bytesWritten: number = 0;

  @Property({ type: new BigIntType('number'), fieldName: 'row_count', nullable: true })
  rowCount: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  truncated: boolean | null = null;

  @Property({ type: 'text', fieldName: 'file_name', nullable: true })
  fileName: string | null = null;

  @Property({ type: new BigIntType('number'), fieldName: 'file_size', nullable: true })
  fileSize: number | null = null;

  @Property({ type: 'text', nullable: true })
  checksum: string | null = null;

  @Property({ type: 'text', fieldName: 'content_type', nullable: true })
  contentType: string | null = null;

  @Property({ type: 'text', fieldName: 'storage_kind', nullable: true })
  storageKind: 'fs' | 's3' | null = null;

  @Property({ type: 'text', fieldName: 'storage_key', nullable: true })
  storageKey: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'file_expired_at', nullable: true })
  fileExpiredAt: Date | null = null;

  @Property({ type: 'text', fieldName: 'error_code', nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'text', fieldName: 'error_message', nullable: true })
  errorMessage: string | null = null;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'integer', fieldName: 'max_attempts' })
  maxAttempts!: number;

  @Property({ type: 'integer', fieldName: 'execution_time_ms', nullable: true })
  executionTimeMs: number | null = null;

  @Property({ type: 'uuid', fieldName: 'retry_of', nullable: true })
  retryOf: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'started_at', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'completed_at', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Grows with every UPDATE of the row (a database trigger, migration 0007): read, never written. */
  @Formula((alias) => `${alias}.revision`)
  revision: number = 0;
}
