import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { CompressionEnum, ExportFormatEnum, PageOrientationEnum, PaperSizeEnum } from '../exports/export.type.js';
import type { Orientation, PaperSize } from '../exports/writers/pdf-layout.js';
import type { Compression } from '../exports/writers/packaging.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import type { AttachmentPolicy, DeliveryChannel, DeliveryMethod, DeliveryStatus, ExecutionStatus, ProviderStatus, ScheduleStatus } from './schedule.entity.js';
import type { Preset } from './presets.js';
import { enumOf } from '../../graphql/enums.js';
import { ADMIN_REPORTS, type AdminReport } from '../audit/admin-report.js';
import { SftpTargetInput, SftpTargetView } from './teams-sftp.type.js';
import { AlertConditionShape, ConditionResult } from './alert-condition.type.js';

export const DeliveryMethodEnum = enumOf(['EMAIL', 'S3', 'BOTH'] as const);
export const AdminReportEnum = enumOf(ADMIN_REPORTS);
registerEnumType(AdminReportEnum, {
  name: 'AdminReport',
  description: 'A built-in admin report over the audit data, schedulable like a report (admins only). Each run covers the period from the schedule\'s previous slot to its own.',
  valuesConfig: { USER_ACTIVITY: { description: 'Per user: sign-ins (token uses), previews, report reads, exports by format, downloads, schedule changes, last seen (as `auditUserActivity`).' }, COMPLIANCE_SUMMARY: { description: 'PII-classified columns exported in clear, masking-policy and grant changes (as `auditCompliance`).' } },
});
export const ScheduleStatusEnum = enumOf(['ACTIVE', 'PAUSED'] as const);
export const AttachmentPolicyEnum = enumOf(['AUTO', 'ATTACH', 'LINK'] as const);
export const PresetEnum = enumOf(['HOURLY', 'DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'] as const);
export const ExecutionStatusEnum = enumOf(['PENDING', 'RUNNING', 'DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'SKIPPED_EMPTY', 'SKIPPED_UNCHANGED', 'SKIPPED_QUOTA', 'SKIPPED_CONDITION', 'MISSED'] as const);
export const DeliveryStatusEnum = enumOf(['PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'UNSUBSCRIBED', 'SUPPRESSED'] as const);
export const ProviderStatusEnum = enumOf(['DELIVERED', 'BOUNCED', 'DROPPED', 'SPAM_REPORT'] as const);
registerEnumType(ProviderStatusEnum, {
  name: 'ProviderStatus',
  description: 'What the email provider reported after accepting a message (SendGrid Event Webhook).',
  valuesConfig: { DELIVERED: { description: 'The receiving server accepted it.' }, BOUNCED: { description: 'The receiving server refused it; the address is now suppressed.' }, DROPPED: { description: 'The provider did not send it (e.g. an address that bounced before); suppressed.' }, SPAM_REPORT: { description: 'The recipient marked it as spam; the address is now suppressed.' } },
});
export const ExecutionTriggerEnum = enumOf(['SCHEDULE', 'MANUAL', 'BACKFILL', 'RETRY'] as const);
export const DeliveryChannelEnum = enumOf(['EMAIL', 'S3', 'SLACK', 'WEBHOOK', 'TEAMS', 'SFTP'] as const);
registerEnumType(DeliveryMethodEnum, {
  name: 'DeliveryMethod',
  description: 'Where a schedule delivers each run.',
  valuesConfig: { EMAIL: { description: 'Email to the recipients.' }, S3: { description: 'Upload to the S3 target.' }, BOTH: { description: 'Email and upload.' } },
});
registerEnumType(ScheduleStatusEnum, {
  name: 'ScheduleStatus',
  description: 'Whether a schedule fires.',
  valuesConfig: { ACTIVE: { description: 'Fires on its timetable.' }, PAUSED: { description: 'Does not fire until resumed.' } },
});
registerEnumType(AttachmentPolicyEnum, {
  name: 'AttachmentPolicy',
  description: 'AUTO attaches files up to the size limit and links larger ones.',
  valuesConfig: { AUTO: { description: 'Attach up to EMAIL_ATTACHMENT_LIMIT_MB, link larger files.' }, ATTACH: { description: 'Always attach the file.' }, LINK: { description: 'Always send an expiring download link.' } },
});
registerEnumType(PresetEnum, {
  name: 'SchedulePreset',
  description: 'Common timetables, stored as the equivalent cron.',
  valuesConfig: { HOURLY: { description: 'Every hour at `minute`.' }, DAILY: { description: 'Every day at `hour`:`minute`.' }, WEEKDAYS: { description: 'Monday to Friday at `hour`:`minute`.' }, WEEKLY: { description: 'Every `dayOfWeek` at `hour`:`minute`.' }, MONTHLY: { description: 'Every month on `dayOfMonth` (1..28) at `hour`:`minute`.' } },
});
registerEnumType(ExecutionStatusEnum, {
  name: 'ExecutionStatus',
  description: 'Where one run of a schedule stands.',
  valuesConfig: { PENDING: { description: 'Recorded, not started.' }, RUNNING: { description: 'Its export or deliveries are in progress.' }, DELIVERED: { description: 'Every delivery was sent.' }, PARTIALLY_DELIVERED: { description: 'Some deliveries were sent, others failed.' }, FAILED: { description: 'The export failed, or every delivery failed.' }, SKIPPED: { description: 'Not a business day in the schedule\'s zone (businessDaysOnly): a weekend, or a public holiday of holidayCountry (its name in `error`).' }, SKIPPED_EMPTY: { description: 'The result had no rows (skipIfEmpty).' }, SKIPPED_UNCHANGED: { description: 'The rows and parameters were the same as the last delivered run\'s (onlyIfChanged); nothing was sent.' }, SKIPPED_QUOTA: { description: 'A tenant quota (exports waiting or running, bytes stored) refused the run; `error` says which, with the limit and the use. The schedule\'s owner is emailed.' }, SKIPPED_CONDITION: { description: 'The schedule\'s alertCondition did not hold on the run\'s results, or still held after a notified run (notifyOnce); nothing was sent. `condition` has the values compared.' }, MISSED: { description: 'The scheduler was down at the slot and it was older than the grace period.' } },
});
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  description: 'Where one delivery stands.',
  valuesConfig: { PENDING: { description: 'Not sent yet (or being retried).' }, SENDING: { description: 'An attempt is in flight (recorded before the request leaves).' }, SENT: { description: 'Accepted by the provider or uploaded.' }, FAILED: { description: 'Failed after its last attempt; resendFailedDeliveries sends it again.' }, UNCERTAIN: { description: 'The request may have reached the provider but no answer came back; not resent automatically (resendFailedDeliveries resends it).' }, UNSUBSCRIBED: { description: 'The recipient unsubscribed from this schedule; nothing is sent.' }, SUPPRESSED: { description: 'The address is on the tenant\'s suppression list (it bounced, was dropped, or reported spam); nothing is sent.' } },
});
registerEnumType(ExecutionTriggerEnum, {
  name: 'ExecutionTrigger',
  description: 'What started a run.',
  valuesConfig: { SCHEDULE: { description: 'Its timetable.' }, MANUAL: { description: 'runScheduleNow.' }, BACKFILL: { description: 'backfillSchedule.' }, RETRY: { description: 'A retry of a failed run.' } },
});
registerEnumType(DeliveryChannelEnum, {
  name: 'DeliveryChannel',
  description: 'How a delivery is made.',
  valuesConfig: { EMAIL: { description: 'An email to one recipient.' }, S3: { description: 'An upload to an S3 bucket.' }, SLACK: { description: 'A post to one Slack channel (summary, chart, file or link).' }, WEBHOOK: { description: 'A signed POST to one webhook URL (Standard Webhooks; `webhook-id` is the delivery id).' }, TEAMS: { description: 'An Adaptive Card posted to one Microsoft Teams incoming-webhook or Workflows URL (the target is the redacted URL).' }, SFTP: { description: 'An upload to one SFTP server (the target is sftp://user@host:port/path).' } },
});

@ObjectType({ description: 'One future run of a schedule: the instant and the wall time in its zone.' })
export class UpcomingRun {
  @Field(() => DateTimeScalar, { description: 'The instant, in UTC.' })
  utc!: Date;

  @Field(() => String, { description: "Wall time with its offset in the schedule's zone, e.g. 2026-03-09T09:00:00-04:00." })
  local!: string;

  @Field(() => String, { nullable: true, description: "Why this slot will be SKIPPED (businessDaysOnly): 'Weekend', or the public holiday's name, e.g. 'Thanksgiving Day (US)'; null: it runs." })
  skipReason?: string | null;
}

@ObjectType('EmailConfig', { description: 'How a scheduled email reads and carries the file.' })
@InputType('EmailConfigInput', { description: 'How a scheduled email reads and carries the file; fields left out use the defaults.' })
export class EmailConfigShape {
  @Field(() => String, { nullable: true, description: 'Subject template: {report} {period} {schedule} {rows}.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'Message shown above the summary; same placeholders.' })
  message?: string | null;

  @Field(() => AttachmentPolicyEnum, { description: 'Attach the file, link it, or decide by size (AUTO, the default).', nullable: true })
  attachment?: AttachmentPolicy | null;
}

@ObjectType('S3Target', { description: 'A bucket and key template a scheduled export is uploaded to.' })
@InputType('S3TargetInput', { description: 'A bucket and key template a scheduled export is uploaded to.' })
export class S3TargetShape {
  @Field(() => String, { description: 'Bucket name.' })
  bucket!: string;

  @Field(() => String, { description: 'Key template: {tenant} {report} {schedule} {date} {format}.' })
  keyTemplate!: string;
}

@ObjectType('RecipientParameters', { description: "One recipient's own parameter values, merged over the schedule's `parameterValues`: each slot runs once per distinct resolved set, delivered only to the recipients with that set." })
@InputType('RecipientParametersInput', { description: "One recipient's own parameter values, merged over the schedule's `parameterValues`." })
export class RecipientParametersShape {
  @Field(() => String, { description: 'One of the schedule\'s `recipients`.' })
  recipient!: string;

  @Field(() => JSONScalar, { description: "Values of the report's parameters by name, over the schedule's; checked with paths `input.recipientParameters.<i>.parameterValues.<name>`." })
  parameterValues!: Record<string, unknown>;
}

@InputType({ description: 'A common timetable instead of a cron; stored as the equivalent cron. Times are wall-clock times in the schedule\'s zone.' })
export class SchedulePresetInput {
  @Field(() => PresetEnum, { description: 'Which timetable.' })
  preset!: Preset;

  @Field(() => Int, { description: 'Minute of the hour, 0..59 (default 0).', nullable: true })
  minute?: number | null;

  @Field(() => Int, { description: 'Hour of the day, 0..23 (required except for HOURLY).', nullable: true })
  hour?: number | null;

  @Field(() => Int, { nullable: true, description: '0 = Sunday … 6 = Saturday (WEEKLY).' })
  dayOfWeek?: number | null;

  @Field(() => Int, { nullable: true, description: '1..28 (MONTHLY).' })
  dayOfMonth?: number | null;
}

@ObjectType({ description: 'A report exported on a timetable (cron in an IANA time zone) and delivered by email and/or to S3.', implements: Node })
export class Schedule {
  @Field(() => ID, { description: 'Schedule id.' }) id!: string;
  @Field(() => ID, { description: 'The report it exports; null when it exports a dashboard (`dashboardId`) or another target.', nullable: true }) reportId!: string | null;
  @Field(() => ID, { description: 'The dashboard it exports (each run: one PDF with every tile, or an XLSX with a sheet per tile); null when it exports a report.', nullable: true }) dashboardId!: string | null;
  @Field(() => AdminReportEnum, { description: 'The built-in admin report it runs instead of a report (admins only; each run covers the period from the previous slot to its own); null: it exports a report or dashboard.', nullable: true }) adminReport!: AdminReport | null;
  @Field(() => String, { description: 'Name, unique within the tenant.' }) name!: string;
  @Field(() => String, { description: 'Free text shown with the schedule.', nullable: true }) description!: string | null;
  @Field(() => String, { description: '5-field cron, in `timezone`.' }) cron!: string;
  @Field(() => String, { description: 'Human reading of the cron.' }) cronDescription!: string;
  @Field(() => String, { description: 'IANA time zone.' }) timezone!: string;
  @Field(() => String, { description: "BCP 47 locale its runs' files and emails are written in; null uses the report's `locale`.", nullable: true }) locale!: string | null;
  @Field(() => ExportFormatEnum, { description: 'File format of each run.' }) format!: ExportFormat;
  @Field(() => CompressionEnum, { description: 'GZIP or ZIP for every run\'s file (a protected CSV, XLSX or JSON file is always a ZIP); null: uncompressed.', nullable: true }) compression!: Compression | null;
  @Field(() => Boolean, { description: 'Every run\'s file is password-protected. The password is stored encrypted and never returned; emails never carry it.' }) passwordProtected!: boolean;
  @Field(() => String, { description: 'File-name template of the runs, e.g. `{report}_{period_start:yyyy-MM-dd}`; null: the default name. The extension is always added.', nullable: true }) fileNameTemplate!: string | null;
  @Field(() => PaperSizeEnum, { description: 'PDF runs: paper size; null: A4.', nullable: true }) paperSize!: PaperSize | null;
  @Field(() => JSONScalar, { description: "Values of the report's parameters for every run, by name; null: the report's defaults. Each run's resolved values are in its execution's `parameters.definition.parameterValues`.", nullable: true }) parameterValues!: Record<string, unknown> | null;
  @Field(() => PageOrientationEnum, { description: 'PDF runs: page orientation; null: LANDSCAPE when the report has more than 6 columns, else PORTRAIT.', nullable: true }) orientation!: Orientation | null;
  @Field(() => DeliveryMethodEnum, { description: 'Where runs go: EMAIL, S3 or BOTH.' }) delivery!: DeliveryMethod;
  @Field(() => [String], { description: 'Email addresses each run is sent to.' }) recipients!: string[];
  @Field(() => [RecipientParametersShape], { description: "Recipients with their own parameter values (over `parameterValues`). Each slot runs once per distinct resolved set, delivered only to its recipients; S3, Slack and webhook destinations get the schedule-level run (the schedule's own values)." }) recipientParameters!: RecipientParametersShape[];
  @Field(() => EmailConfigShape, { description: 'Subject, message and attachment policy of the emails.' }) emailConfig!: EmailConfigShape;
  @Field(() => S3TargetShape, { description: 'Bucket and key template for S3 delivery.', nullable: true }) s3Config!: S3TargetShape | null;
  @Field(() => [String], { description: 'Slack channels (ids or #names) each run is posted to, with the tenant\'s Slack connection.' }) slackChannels!: string[];
  @Field(() => [String], { description: 'URLs each run is POSTed to as signed JSON (Standard Webhooks).' }) webhookUrls!: string[];
  @Field(() => Boolean, { description: 'A webhook signing secret exists (it is never returned after it is first shown).' }) hasWebhookSecret!: boolean;
  @Field(() => [String], { description: 'Microsoft Teams URLs each run\'s card is posted to, redacted (`https://host/…(digest)`): the whole URL is a credential and is never returned.' }) teamsWebhooks!: string[];
  @Field(() => [SftpTargetView], { description: 'SFTP servers each run\'s file is uploaded to.' }) sftpTargets!: SftpTargetView[];
  @Field(() => String, { nullable: true, description: 'The webhook signing secret (`whsec_…`), only in the answer to the createSchedule or updateSchedule that made it (the first webhook URL); null everywhere else. Keep it: it is not shown again (rotateWebhookSecret makes a new one).' }) webhookSecret!: string | null;
  @Field(() => Boolean, { description: 'Send nothing when a run has no rows (execution SKIPPED_EMPTY).' }) skipIfEmpty!: boolean;
  @Field(() => Boolean, { description: 'Skip runs that fall on a weekend in the schedule\'s zone (execution SKIPPED).' }) businessDaysOnly!: boolean;
  @Field(() => String, { description: 'With businessDaysOnly: the public holidays of this country are skipped too (execution SKIPPED, the holiday named).', nullable: true }) holidayCountry!: string | null;
  @Field(() => String, { description: 'Region of holidayCountry whose holidays count too.', nullable: true }) holidayRegion!: string | null;
  @Field(() => Boolean, { description: 'Deliver a run only when its rows and parameters differ from the last delivered run\'s (otherwise SKIPPED_UNCHANGED).' }) onlyIfChanged!: boolean;
  @Field(() => AlertConditionShape, { nullable: true, description: 'Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); null: every run is sent.' }) alertCondition!: AlertConditionShape | null;
  @Field(() => ScheduleStatusEnum, { description: 'ACTIVE runs on its timetable; PAUSED does not.' }) status!: ScheduleStatus;
  @Field(() => String, { description: 'Why it was paused (by a user, or automatically after repeated failures).', nullable: true }) pausedReason!: string | null;
  @Field(() => DateTimeScalar, { description: 'Latest slot that ran, whatever triggered it (its timetable, runScheduleNow, whose slot is the instant it was asked, or a backfill); MISSED and SKIPPED slots do not count.', nullable: true }) lastRunAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'Next slot it will fire at; null while paused.', nullable: true }) nextRunAt!: Date | null;
  @Field(() => Int, { description: 'Executions that ran (started, or failed at once for a deleted or invalid report), whatever triggered them: its timetable, runScheduleNow and backfills. MISSED and SKIPPED slots do not count.' }) runCount!: number;
  @Field(() => Int, { description: 'Consecutive failed runs; reaching SCHEDULE_AUTO_PAUSE_AFTER pauses the schedule.' }) failureCount!: number;
  @Field(() => String, { description: 'User id that created it.' }) createdBy!: string;
  @Field(() => String, { nullable: true, description: 'Gets failure notices.' }) ownerEmail!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt!: Date;
}

export const ScheduleConnection = Connection(Schedule, 'Schedule');
export type ScheduleConnection = InstanceType<typeof ScheduleConnection>;

@ObjectType({ description: 'One recipient or bucket of one execution, with its own status and attempts.' })
export class Delivery {
  @Field(() => ID, { description: 'Delivery id.' }) id!: string;
  @Field(() => DeliveryChannelEnum, { description: 'EMAIL, S3, SLACK or WEBHOOK.' }) channel!: DeliveryChannel;
  @Field(() => String, { description: 'Email address, s3://bucket/key, Slack channel, webhook URL, redacted Teams URL or sftp://user@host:port/path.' }) target!: string;
  @Field(() => DeliveryStatusEnum, { description: 'PENDING until sent; FAILED after its last attempt; UNSUBSCRIBED when the recipient opted out.' }) status!: DeliveryStatus;
  @Field(() => Int, { description: 'Send attempts so far.' }) attempts!: number;
  @Field(() => String, { description: 'The provider\'s answer to the last failed attempt.', nullable: true }) lastError!: string | null;
  @Field(() => String, { description: 'Id the provider gave the message: SendGrid X-Message-Id or the outbox file; for Slack `channel:ts` of the summary message; for a webhook the receiver\'s status and the address it was reached at.', nullable: true }) providerMessageId!: string | null;
  @Field(() => DateTimeScalar, { description: 'When it was sent.', nullable: true }) sentAt!: Date | null;
  @Field(() => ProviderStatusEnum, { description: 'What the provider reported afterwards (delivered, bounced, dropped, spam report); null: nothing yet.', nullable: true }) providerStatus!: ProviderStatus | null;
  @Field(() => String, { description: 'The provider\'s words with it, e.g. the bounce reason.', nullable: true }) providerDetail!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the provider reported it.', nullable: true }) providerEventAt!: Date | null;
}

@ObjectType({ description: 'One firing of a schedule for one slot (unique per schedule, slot and recipient variant), with its export and deliveries.', implements: Node })
export class Execution {
  @Field(() => ID, { description: 'Execution id.' }) id!: string;
  @Field(() => ID, { description: 'The schedule that fired.' }) scheduleId!: string;
  @Field(() => DateTimeScalar, { description: 'The slot; relative time ranges resolve against it.' }) scheduledFor!: Date;
  @Field(() => ExecutionTriggerEnum, { description: 'SCHEDULE (its timetable), MANUAL (runScheduleNow), BACKFILL or RETRY.' }) triggeredBy!: string;
  @Field(() => ExecutionStatusEnum, { description: 'Where the run stands; DELIVERED, PARTIALLY_DELIVERED, FAILED, SKIPPED, SKIPPED_EMPTY and MISSED are final.' }) status!: ExecutionStatus;
  @Field(() => ID, { description: 'The export made for this run, once there is one.', nullable: true }) exportId!: string | null;
  @Field(() => JSONScalar, { description: 'Snapshot of what ran: cron, zone, window, definition.' }) parameters!: Record<string, unknown>;
  @Field(() => ConditionResult, { nullable: true, description: 'The schedule\'s alert condition as judged in this run (met or not, the values compared, armed); null: no condition, or not judged yet.' }) condition!: ConditionResult | null;
  @Field(() => String, { description: "Which run of the slot: '' for the schedule-level run (the schedule's own values; also S3, Slack and webhooks), else a hash of the resolved values of the recipients it served." }) variantKey!: string;
  @Field(() => [String], { description: 'The email recipients this run served (per-recipient values); null: all of the schedule\'s recipients.', nullable: true }) recipients!: string[] | null;
  @Field(() => String, { description: 'Why the run failed or was skipped, as a sentence.', nullable: true, deprecationReason: 'Use `failure`: the same reason with a code, as `Export.error` gives it.' }) error!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the execution was recorded.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When its export started.', nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the run reached a final status.', nullable: true }) completedAt!: Date | null;
}

export const ExecutionConnection = Connection(Execution, 'Execution');
export type ExecutionConnection = InstanceType<typeof ExecutionConnection>;

@InputType({ description: 'A new schedule. Give `cron` or `preset` (not both).' })
export class CreateScheduleInput {
  @Field(() => ID, { description: 'The report to export. Give exactly one of reportId and dashboardId.', nullable: true }) reportId?: string | null;
  @Field(() => AdminReportEnum, { description: 'A built-in admin report to run instead of a report (admins only, else FORBIDDEN): the user activity or compliance summary of the period from the previous slot to each run\'s own, through every destination. Not with reportId, dashboardId, parameterValues, recipientParameters, fileNameTemplate or alertCondition (BAD_USER_INPUT at that field).', nullable: true }) adminReport?: AdminReport | null;
  @Field(() => ID, { description: 'The dashboard to export instead of a report: each run makes one PDF with every tile (title, chart, table) or an XLSX with a sheet per tile (format PDF or XLSX). Give exactly one of reportId and dashboardId.', nullable: true }) dashboardId?: string | null;
  @Field(() => String, { description: 'Name, unique within the tenant.' }) name!: string;
  @Field(() => String, { description: 'Free text shown with the schedule.', nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: '5-field cron; or give preset.' }) cron?: string | null;
  @Field(() => SchedulePresetInput, { description: 'A common timetable instead of `cron`.', nullable: true }) preset?: SchedulePresetInput | null;
  @Field(() => String, { description: 'IANA time zone the timetable is read in (default UTC).', nullable: true, defaultValue: 'UTC' }) timezone?: string | null;
  @Field(() => String, { description: "BCP 47 locale the runs' files and emails are written in (numbers, dates, month names); null or absent uses the report's `locale`.", nullable: true }) locale?: string | null;
  @Field(() => ExportFormatEnum, { description: 'File format of each run (default PDF).', nullable: true, defaultValue: 'PDF' }) format?: ExportFormat | null;
  @Field(() => CompressionEnum, { description: 'Compress every run\'s file: GZIP or ZIP.', nullable: true }) compression?: Compression | null;
  @Field(() => String, { description: 'Protect every run\'s file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters). Stored encrypted, never returned, never put in an email: agree on it with the recipients another way.', nullable: true }) password?: string | null;
  @Field(() => String, { description: 'File-name template: {report} {schedule} {period_start:yyyy-MM-dd} {period_end:…} {run_at:yyyy-MM-dd_HH\'h\'mm} {param:FIELD}, in the schedule\'s zone; the extension is added. An unknown token is BAD_USER_INPUT naming it.', nullable: true }) fileNameTemplate?: string | null;
  @Field(() => PaperSizeEnum, { description: 'PDF only: paper size of every run (default A4).', nullable: true }) paperSize?: PaperSize | null;
  @Field(() => JSONScalar, { description: "Values of the report's parameters for every run, by name, over the report's defaults; checked with paths `input.parameterValues.<name>`.", nullable: true }) parameterValues?: Record<string, unknown> | null;
  @Field(() => PageOrientationEnum, { description: 'PDF only: page orientation of every run (default: LANDSCAPE when the report has more than 6 columns).', nullable: true }) orientation?: Orientation | null;
  @Field(() => DeliveryMethodEnum, { description: 'EMAIL (default), S3 or BOTH.', nullable: true, defaultValue: 'EMAIL' }) delivery?: DeliveryMethod | null;
  @Field(() => [String], { description: 'Email addresses (required for EMAIL and BOTH).', nullable: true }) recipients?: string[] | null;
  @Field(() => [RecipientParametersShape], { description: "Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped.", nullable: true }) recipientParameters?: RecipientParametersShape[] | null;
  @Field(() => EmailConfigShape, { description: 'Subject, message and attachment policy of the emails.', nullable: true }) emailConfig?: EmailConfigShape | null;
  @Field(() => S3TargetShape, { description: 'Bucket and key template (required for S3 and BOTH).', nullable: true }) s3Config?: S3TargetShape | null;
  @Field(() => [String], { description: 'Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant\'s Slack connection (connectSlack). The bot must be in the channel.', nullable: true }) slackChannels?: string[] | null;
  @Field(() => [String], { description: 'URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`.', nullable: true }) webhookUrls?: string[] | null;
  @Field(() => [String], { description: 'Microsoft Teams incoming-webhook or Workflows URLs to post each run\'s card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`.', nullable: true }) teamsWebhookUrls?: string[] | null;
  @Field(() => [SftpTargetInput], { description: 'SFTP servers to upload each run\'s file to; the list replaces the stored one (name a stored target by its `id` to keep its key).', nullable: true }) sftpTargets?: SftpTargetInput[] | null;
  @Field(() => Boolean, { description: 'Send nothing when a run has no rows.', nullable: true }) skipIfEmpty?: boolean | null;
  @Field(() => Boolean, { description: 'Skip runs on weekends in the schedule\'s zone.', nullable: true }) businessDaysOnly?: boolean | null;
  @Field(() => String, { description: 'With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only.', nullable: true }) holidayCountry?: string | null;
  @Field(() => String, { description: 'A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country\'s national holidays.', nullable: true }) holidayRegion?: string | null;
  @Field(() => Boolean, { description: 'Deliver a run only when its rows and parameters differ from the last delivered run\'s (otherwise SKIPPED_UNCHANGED).', nullable: true }) onlyIfChanged?: boolean | null;
  @Field(() => AlertConditionShape, { nullable: true, description: 'Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it.' }) alertCondition?: AlertConditionShape | null;
  @Field(() => String, { description: 'Address told about failed runs and automatic pauses.', nullable: true }) ownerEmail?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateScheduleInput {
  @Field(() => ID, { description: 'The report to export (the schedule then no longer exports its dashboard).', nullable: true }) reportId?: string | null;
  @Field(() => ID, { description: 'The dashboard to export (the schedule then no longer exports its report); format PDF or XLSX.', nullable: true }) dashboardId?: string | null;
  @Field(() => AdminReportEnum, { description: 'Another built-in admin report for an admin-report schedule (admins only); a report or dashboard schedule cannot become one (BAD_USER_INPUT).', nullable: true }) adminReport?: AdminReport | null;
  @Field(() => String, { description: 'Name, unique within the tenant.', nullable: true }) name?: string | null;
  @Field(() => String, { description: 'Free text shown with the schedule.', nullable: true }) description?: string | null;
  @Field(() => String, { description: 'New 5-field cron (replaces the timetable).', nullable: true }) cron?: string | null;
  @Field(() => SchedulePresetInput, { description: 'A common timetable instead of `cron`.', nullable: true }) preset?: SchedulePresetInput | null;
  @Field(() => String, { description: 'New IANA time zone.', nullable: true }) timezone?: string | null;
  @Field(() => String, { description: "New BCP 47 locale for the runs; null goes back to the report's `locale`.", nullable: true }) locale?: string | null;
  @Field(() => ExportFormatEnum, { description: 'New file format.', nullable: true }) format?: ExportFormat | null;
  @Field(() => CompressionEnum, { description: 'GZIP or ZIP; null: no compression.', nullable: true }) compression?: Compression | null;
  @Field(() => String, { description: 'A new password for the runs\' files (see CreateScheduleInput.password); left out: unchanged.', nullable: true }) password?: string | null;
  @Field(() => Boolean, { description: 'True: the runs\' files are no longer password-protected (the stored password is deleted).', nullable: true }) removePassword?: boolean | null;
  @Field(() => String, { description: 'New file-name template; null: back to the default name.', nullable: true }) fileNameTemplate?: string | null;
  @Field(() => PaperSizeEnum, { description: 'PDF only: new paper size; null: back to A4. Changing the format away from PDF clears it.', nullable: true }) paperSize?: PaperSize | null;
  @Field(() => JSONScalar, { description: "New values of the report's parameters for every run; null: back to the report's defaults; left out: unchanged (checked again when the report changes).", nullable: true }) parameterValues?: Record<string, unknown> | null;
  @Field(() => PageOrientationEnum, { description: 'PDF only: new orientation; null: back to the default (landscape for more than 6 columns). Changing the format away from PDF clears it.', nullable: true }) orientation?: Orientation | null;
  @Field(() => DeliveryMethodEnum, { description: 'EMAIL, S3 or BOTH.', nullable: true }) delivery?: DeliveryMethod | null;
  @Field(() => [String], { description: 'Email addresses (required for EMAIL and BOTH).', nullable: true }) recipients?: string[] | null;
  @Field(() => [RecipientParametersShape], { description: "Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped.", nullable: true }) recipientParameters?: RecipientParametersShape[] | null;
  @Field(() => EmailConfigShape, { description: 'Subject, message and attachment policy of the emails.', nullable: true }) emailConfig?: EmailConfigShape | null;
  @Field(() => S3TargetShape, { description: 'Bucket and key template (required for S3 and BOTH).', nullable: true }) s3Config?: S3TargetShape | null;
  @Field(() => [String], { description: 'Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant\'s Slack connection (connectSlack). The bot must be in the channel.', nullable: true }) slackChannels?: string[] | null;
  @Field(() => [String], { description: 'URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`.', nullable: true }) webhookUrls?: string[] | null;
  @Field(() => [String], { description: 'Microsoft Teams incoming-webhook or Workflows URLs to post each run\'s card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`.', nullable: true }) teamsWebhookUrls?: string[] | null;
  @Field(() => [SftpTargetInput], { description: 'SFTP servers to upload each run\'s file to; the list replaces the stored one (name a stored target by its `id` to keep its key).', nullable: true }) sftpTargets?: SftpTargetInput[] | null;
  @Field(() => Boolean, { description: 'Send nothing when a run has no rows.', nullable: true }) skipIfEmpty?: boolean | null;
  @Field(() => Boolean, { description: 'Skip runs on weekends in the schedule\'s zone.', nullable: true }) businessDaysOnly?: boolean | null;
  @Field(() => String, { description: 'With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only (a null here removes the calendar).', nullable: true }) holidayCountry?: string | null;
  @Field(() => String, { description: 'A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country\'s national holidays.', nullable: true }) holidayRegion?: string | null;
  @Field(() => Boolean, { description: 'Deliver a run only when its rows and parameters differ from the last delivered run\'s (otherwise SKIPPED_UNCHANGED).', nullable: true }) onlyIfChanged?: boolean | null;
  @Field(() => AlertConditionShape, { nullable: true, description: 'Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it.' }) alertCondition?: AlertConditionShape | null;
  @Field(() => String, { description: 'Address told about failed runs and automatic pauses.', nullable: true }) ownerEmail?: string | null;
}
