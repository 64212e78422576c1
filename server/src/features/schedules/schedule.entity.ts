import type { Role } from '../auth/viewer.js';
import type { AdminReport } from '../audit/admin-report.js';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { AlertCondition, ConditionResult } from './alert-condition.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import type { Compression } from '../exports/writers/packaging.js';
import type { Orientation, PaperSize } from '../exports/writers/pdf-layout.js';
import type { RecipientParameters } from './recipient-variants.js';

export type DeliveryMethod = 'EMAIL' | 'S3' | 'BOTH';
export type ScheduleStatus = 'ACTIVE' | 'PAUSED';
export type AttachmentPolicy = 'AUTO' | 'ATTACH' | 'LINK';

export interface EmailConfig {
  subject?: string | null;
  message?: string | null;
  attachment?: AttachmentPolicy | null;
}

/** Format options every run's export gets (merged into its `options`); migration 0017. */
export interface ScheduleExportOptions {
  /** PDF: paper size; absent: A4. */
  paperSize?: PaperSize;
  /** PDF: orientation; absent: landscape for more than 6 columns. */
  orientation?: Orientation;
}

/** A Teams incoming-webhook / Workflows URL: sealed (the URL is the credential), and how the API shows it. */
export interface TeamsWebhook {
  /** The URL sealed with SECRETS_KEY, context `teams:<schedule id>`. */
  ciphertext: string;
  /** `https://host/…(digest)`: what the API, the SPA and the delivery ledger show. */
  redacted: string;
}

/** An SFTP server each run's file is uploaded to (delivery/sftp). */
export interface SftpTarget {
  /** Stable id, so an edit can keep the stored key without sending it again. */
  id: string;
  host: string;
  port: number;
  username: string;
  /** The private key sealed with SECRETS_KEY, context `sftp:<schedule id>`; never returned. */
  privateKeyCiphertext: string;
  /** The same template as S3 keys (delivery/s3-key.ts), relative to the login directory. */
  pathTemplate: string;
  /** `SHA256:…` the server's host key must have; anything else is refused. */
  hostKeyFingerprint: string;
}

export interface S3Target {
  bucket: string;
  /** e.g. `reports/{tenant}/{report}/{date}.{format}` */
  keyTemplate: string;
}

@Entity({ tableName: 'schedules' })
export class ScheduleEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  /** The report it exports; null when it targets a dashboard (migration 0022). */
  @Property({ type: 'uuid', fieldName: 'report_id', nullable: true })
  reportId: string | null = null;

  /** The dashboard it exports (one PDF or XLSX of every tile); null when it targets a report. */
  @Property({ type: 'uuid', fieldName: 'dashboard_id', nullable: true })
  dashboardId: string | null = null;

  /** A built-in admin report over the audit data it runs instead of a report (audit/admin-report.ts; migration 0027); admins only. */
  @Property({ type: 'text', fieldName: 'admin_report', nullable: true })
  adminReport: AdminReport | null = null;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text' })
  cron!: string;

  @Property({ type: 'text', fieldName: 'time_zone' })
  timeZone: string = 'UTC';

  /** BCP 47 locale its runs are written in; null: the report's (exports/run-locale.ts). */
  @Property({ type: 'text', nullable: true })
  locale: string | null = null;

  @Property({ type: 'text' })
  format!: ExportFormat;

  /** GZIP or ZIP for every run's file; null: the file as it is. */
  @Property({ type: 'text', nullable: true })
  compression: Compression | null = null;

  /**
   * The runs' file password sealed with SECRETS_KEY (platform/secret-box.ts, context
   * `schedule:<id>`); null: unprotected. Never returned by the API, never sent with a file.
   */
  @Property({ type: 'text', fieldName: 'password_ciphertext', nullable: true })
  passwordCiphertext: string | null = null;

  /** File-name template of the runs (exports/writers/file-name-template.ts); null: the default name. */
  @Property({ type: 'text', fieldName: 'file_name_template', nullable: true })
  fileNameTemplate: string | null = null;

  /** Format options of every run's export (PDF paper and orientation), merged into its options. */
  @Property({ type: 'json', fieldName: 'export_options' })
  exportOptions: ScheduleExportOptions = {};

  /** Values of the report's parameters for every run, by name; null: the report's defaults (reports/parameters). */
  @Property({ type: 'json', fieldName: 'parameter_values', nullable: true })
  parameterValues: Record<string, unknown> | null = null;

  /** Recipients with their own parameter values, merged over parameterValues (recipient-variants.ts); migration 0023. */
  @Property({ type: 'json', fieldName: 'recipient_parameters' })
  recipientParameters: RecipientParameters[] = [];

  @Property({ type: 'text' })
  delivery!: DeliveryMethod;

  @Property({ type: 'string[]', columnType: 'text[]' })
  recipients: string[] = [];

  @Property({ type: 'json', fieldName: 'email_config' })
  emailConfig: EmailConfig = {};

  @Property({ type: 'json', fieldName: 's3_config', nullable: true })
  s3Config: S3Target | null = null;

  /** Slack channels (ids or #names) each run is posted to, with the tenant's Slack connection. */
  @Property({ type: 'string[]', columnType: 'text[]', fieldName: 'slack_channels' })
  slackChannels: string[] = [];

  /** HTTPS URLs each run is POSTed to, signed per Standard Webhooks (delivery/webhooks). */
  @Property({ type: 'string[]', columnType: 'text[]', fieldName: 'webhook_urls' })
  webhookUrls: string[] = [];

  /** The `whsec_…` signing secret sealed with SECRETS_KEY (context `webhook:<id>`); shown once, never returned after. */
  @Property({ type: 'text', fieldName: 'webhook_secret_ciphertext', nullable: true })
  webhookSecretCiphertext: string | null = null;

  /** Teams incoming-webhook / Workflows URLs each run's card is posted to (delivery/teams). */
  @Property({ type: 'json', fieldName: 'teams_webhooks' })
  teamsWebhooks: TeamsWebhook[] = [];

  /** SFTP servers each run's file is uploaded to (delivery/sftp). */
  @Property({ type: 'json', fieldName: 'sftp_targets' })
  sftpTargets: SftpTarget[] = [];

  @Property({ type: 'boolean', fieldName: 'skip_if_empty' })
  skipIfEmpty: boolean = false;

  @Property({ type: 'boolean', fieldName: 'business_days_only' })
  businessDaysOnly: boolean = false;

  /** With businessDaysOnly: the public holidays of this country (date-holidays code, e.g. US) are skipped too. */
  @Property({ type: 'text', fieldName: 'holiday_country', nullable: true })
  holidayCountry: string | null = null;

  /** A region of holidayCountry (e.g. CA for US-CA), whose own holidays count as well. */
  @Property({ type: 'text', fieldName: 'holiday_region', nullable: true })
  holidayRegion: string | null = null;

  /** Deliver a run only when its rows and parameters differ from the last delivered run's. */
  @Property({ type: 'boolean', fieldName: 'only_if_changed' })
  onlyIfChanged: boolean = false;

  /** Send a run only when this condition on its results holds (alert-condition.ts); null: always. Migration 0025. */
  @Property({ type: 'json', fieldName: 'alert_condition', nullable: true })
  alertCondition: AlertCondition | null = null;

  @Property({ type: 'text' })
  status: ScheduleStatus = 'ACTIVE';

  @Property({ type: 'text', fieldName: 'paused_reason', nullable: true })
  pausedReason: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'last_run_at', nullable: true })
  lastRunAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'next_run_at', nullable: true })
  nextRunAt: Date | null = null;

  @Property({ type: 'integer', fieldName: 'run_count' })
  runCount: number = 0;

  @Property({ type: 'integer', fieldName: 'failure_count' })
  failureCount: number = 0;

  @Property({ type: 'integer', fieldName: 'consecutive_failures' })
  consecutiveFailures: number = 0;

  @Property({ type: 'text', fieldName: 'created_by' })
  createdBy!: string;

  /** The creator's role when the schedule was created: its runs are masked for it (catalog/masking.ts). */
  @Property({ type: 'text', fieldName: 'owner_role' })
  ownerRole: Role = 'editor';

  @Property({ type: 'text', fieldName: 'owner_email', nullable: true })
  ownerEmail: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

export type ExecutionStatus = 'PENDING' | 'RUNNING' | 'DELIVERED' | 'PARTIALLY_DELIVERED' | 'FAILED' | 'SKIPPED' | 'SKIPPED_EMPTY' | 'SKIPPED_UNCHANGED' | 'SKIPPED_QUOTA' | 'SKIPPED_CONDITION' | 'MISSED';

@Entity({ tableName: 'schedule_executions' })
export class ExecutionEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'uuid', fieldName: 'schedule_id' })
  scheduleId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'scheduled_for' })
  scheduledFor!: Date;

  @Property({ type: 'text', fieldName: 'triggered_by' })
  triggeredBy!: 'SCHEDULE' | 'MANUAL' | 'BACKFILL' | 'RETRY';

  @Property({ type: 'text' })
  status: ExecutionStatus = 'PENDING';

  @Property({ type: 'uuid', fieldName: 'export_id', nullable: true })
  exportId: string | null = null;

  @Property({ type: 'json' })
  parameters: Record<string, unknown> = {};

  /** The alert condition as judged in this run (alert-condition.ts); null: the schedule had none. */
  @Property({ type: 'json', nullable: true })
  condition: ConditionResult | null = null;

  /** '' for the schedule-level run; else the hash of the run's resolved values (recipient-variants.ts). */
  @Property({ type: 'text', fieldName: 'variant_key' })
  variantKey: string = '';

  /** The email recipients this run serves; null: all of the schedule's. */
  @Property({ type: 'string[]', columnType: 'text[]', nullable: true })
  recipients: string[] | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'started_at', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'completed_at', nullable: true })
  completedAt: Date | null = null;
}

export type DeliveryChannel = 'EMAIL' | 'S3' | 'SLACK' | 'WEBHOOK' | 'TEAMS' | 'SFTP';
export type DeliveryStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'UNCERTAIN' | 'UNSUBSCRIBED' | 'SUPPRESSED';
/** What the provider reported after accepting a message (SendGrid Event Webhook). */
export type ProviderStatus = 'DELIVERED' | 'BOUNCED' | 'DROPPED' | 'SPAM_REPORT';

@Entity({ tableName: 'deliveries' })
export class DeliveryEntity {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', fieldName: 'tenant_id' })
  tenantId!: string;

  @Property({ type: 'uuid', fieldName: 'execution_id' })
  executionId!: string;

  @Property({ type: 'text' })
  channel!: DeliveryChannel;

  @Property({ type: 'text' })
  target!: string;

  @Property({ type: 'text' })
  status: DeliveryStatus = 'PENDING';

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', fieldName: 'last_error', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'text', fieldName: 'provider_message_id', nullable: true })
  providerMessageId: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'sent_at', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'text', fieldName: 'provider_status', nullable: true })
  providerStatus: ProviderStatus | null = null;

  @Property({ type: 'text', fieldName: 'provider_detail', nullable: true })
  providerDetail: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'provider_event_at', nullable: true })
  providerEventAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'created_at' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', fieldName: 'updated_at', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
