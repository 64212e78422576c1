/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What a grant allows on a report or dashboard. */
export type AccessLevel =
  /** Also change it and share it (for users with the editor role or higher: a grant never raises a role). */
  | 'EDIT'
  /** Read it: open, preview, export, download, schedule it, see its dashboard tiles and PDF. */
  | 'VIEW';

/** A built-in admin report over the audit data, schedulable like a report (admins only). Each run covers the period from the schedule's previous slot to its own. */
export type AdminReport =
  /** PII-classified columns exported in clear, masking-policy and grant changes (as `auditCompliance`). */
  | 'COMPLIANCE_SUMMARY'
  /** Per user: sign-ins (token uses), previews, report reads, exports by format, downloads, schedule changes, last seen (as `auditUserActivity`). */
  | 'USER_ACTIVITY';

/** The direction a measure is compared in. */
export type AlertComparison =
  /** Strictly greater (CHANGE: a rise). */
  | 'ABOVE'
  /** Strictly smaller (CHANGE: a fall). */
  | 'BELOW';

/** Send a run only when this holds on its results. Checked against the report: `column` must be one of its numeric output columns (BAD_USER_INPUT at input.alertCondition.<field>). */
export type AlertConditionInput = {
  /** CHANGE: the change, in percent of the previous value, that must be exceeded. */
  changePercent?: number | null | undefined;
  /** FIRST_ROW, ANY_ROW, CHANGE: the numeric output column measured (a measure alias such as `events`, or a numeric dimension). */
  column?: string | null | undefined;
  /** FIRST_ROW, ANY_ROW (required): ABOVE or BELOW the threshold. CHANGE (optional): only a rise or only a fall. */
  comparison?: AlertComparison | null | undefined;
  /** What is checked. */
  kind: AlertConditionKind;
  /** Notify only the first time it holds: later runs where it still holds are SKIPPED_CONDITION until a run where it does not re-arms it. */
  notifyOnce?: boolean | null | undefined;
  /** FIRST_ROW, ANY_ROW: the threshold (strict comparison). */
  threshold?: number | null | undefined;
};

/** What an alerting schedule checks in a run's results before it sends. */
export type AlertConditionKind =
  /** `column` of any row is ABOVE (its max) or BELOW (its min) `threshold`. */
  | 'ANY_ROW'
  /** `column` of the first row changed by more than `changePercent` % against the previous evaluated run's value (ABOVE: a rise, BELOW: a fall, null: either way). The first run has nothing to compare with: not met. */
  | 'CHANGE'
  /** `column` of the first row (in the report's order) is ABOVE or BELOW `threshold`. */
  | 'FIRST_ROW'
  /** The result has no rows. */
  | 'NO_ROWS'
  /** The result has at least one row. */
  | 'SOME_ROWS';

/** AUTO attaches files up to the size limit and links larger ones. */
export type AttachmentPolicy =
  /** Always attach the file. */
  | 'ATTACH'
  /** Attach up to EMAIL_ATTACHMENT_LIMIT_MB, link larger files. */
  | 'AUTO'
  /** Always send an expiring download link. */
  | 'LINK';

/** Narrows the audit log; every field given must match (AND). Empty strings filter nothing. */
export type AuditLogFilter = {
  /** An action exactly (`export.create`) or a family ending in `.*` (`export.*`). */
  action?: string | null | undefined;
  /** The acting user id, exactly. */
  actor?: string | null | undefined;
  /** Entries at or after this instant. */
  from?: string | null | undefined;
  /** Only entries with this outcome. */
  outcome?: AuditOutcome | null | undefined;
  /** The object's id, exactly. */
  targetId?: string | null | undefined;
  /** Kind of object: report, export, schedule, masking_policy, token. */
  targetType?: string | null | undefined;
  /** Entries before this instant (exclusive); must be after `from`. */
  to?: string | null | undefined;
};

/** Whether the audited action went through. */
export type AuditOutcome =
  /** Refused for the role (FORBIDDEN). */
  | 'DENIED'
  /** Tried and failed (a read that raised an error; `details.errorCode` says which). */
  | 'FAILURE'
  /** It happened (every write is audited in its own transaction: no entry without the change). */
  | 'SUCCESS';

/** What an audit export holds. */
export type AuditView =
  /** PII exported in clear, masking-policy and grant changes (see `auditCompliance`). */
  | 'COMPLIANCE'
  /** The filtered entries, newest first. */
  | 'LOG'
  /** One row per user (see `auditUserActivity`). */
  | 'USER_ACTIVITY';

/** How a report is drawn in the builder, the PDF and the email. */
export type ChartType =
  /** Filled lines; `stacked` piles the series up. */
  | 'AREA'
  /** Bars per category, side by side, or piled up with `stacked`. */
  | 'BAR'
  /** Lines over the x axis (the time dimension when there is one). */
  | 'LINE'
  /** One large value: the first series of the first row. */
  | 'NUMBER'
  /** Slices of the first dimension for the first series; `donut` for a ring. */
  | 'PIE'
  /** No chart, the rows only. */
  | 'TABLE';

/** How sensitive a column's values are; the tenant's masking policy decides what each role sees of each class. */
export type Classification =
  /** Ours but not personal (event and session ids, referrers). */
  | 'INTERNAL'
  /** Identifies a person or their device (user and device ids). */
  | 'PII'
  /** Not sensitive (event types, platforms, measures). */
  | 'PUBLIC';

/** One catalog column's class for the tenant (classifyColumns). */
export type ColumnClassificationInput = {
  /** The column's class for this tenant; null: the catalog's. */
  classification?: Classification | null | undefined;
  /** Column name, e.g. `referrer`. */
  column: string;
  /** Table name, e.g. `usage_events`. */
  table: string;
};

/** GraphQL-friendly family of a ClickHouse type. */
export type ColumnKind =
  /** true or false. */
  | 'BOOLEAN'
  /** A calendar day, YYYY-MM-DD. */
  | 'DATE'
  /** An instant, ISO-8601 UTC. */
  | 'DATETIME'
  /** Integers and floats. */
  | 'NUMBER'
  /** Text (String, LowCardinality, UUID). */
  | 'STRING';

/** Which period a time range is compared with. */
export type CompareMode =
  /** The period just before the range (the previous week for last week, October for November). */
  | 'PREVIOUS_PERIOD';

/** How an export file is compressed; streamed, so any size takes the same memory. */
export type Compression =
  /** gzip: `name.csv.gz`, Content-Type application/gzip. */
  | 'GZIP'
  /** ZIP holding the file under its own name: `name.zip` containing `name.csv`, Content-Type application/zip. */
  | 'ZIP';

/** Exports audit data as a file through the export pipeline (progress, history, links). */
export type CreateAuditExportInput = {
  /** CSV: start with a UTF-8 BOM for Excel. */
  bom?: boolean | null | undefined;
  /** The same filter as `auditLog`; the file holds the entries that matched when it was asked for. */
  filter?: AuditLogFilter | null | undefined;
  /** CSV, XLSX, PDF or JSON. */
  format: ExportFormat;
  /** JSON: newline-delimited objects instead of an array. */
  ndjson?: boolean | null | undefined;
  /** IANA zone the file shows times in (default UTC). */
  timeZone?: string | null | undefined;
  /** LOG (entries), USER_ACTIVITY or COMPLIANCE. */
  view: AuditView;
};

/** A file of a whole dashboard through the export pipeline (progress, history, download links and retention as for a report's export). */
export type CreateDashboardExportInput = {
  /** The dashboard. */
  dashboardId: string | number;
  /** PDF (every tile: title, period, chart, first rows; text tiles as text) or XLSX (a sheet per tile with its rows, then About). Other formats are BAD_USER_INPUT at `input.format`. */
  format: ExportFormat;
  /** Over the dashboard's parameter values, for this file; given to each tile whose report declares the name, checked as `updateDashboard` checks them (`input.parameterValues.<name>`). */
  parameterValues?: unknown;
  /** Instead of the dashboard's time range, for this file (as the page's time-range control). */
  timeRange?: DashboardTimeRangeInput | null | undefined;
};

/** A new dashboard. */
export type CreateDashboardInput = {
  /** At most 2000 characters. */
  description?: string | null | undefined;
  /** 1 to 200 characters. */
  name: string;
  /** Parameter values by name, for the tiles that declare them. */
  parameterValues?: unknown;
  /** The tiles (default none). */
  tiles?: Array<DashboardTileInput> | null | undefined;
  /** The period every report tile shows; absent: each report's own. */
  timeRange?: DashboardTimeRangeInput | null | undefined;
  /** Default PRIVATE. */
  visibility?: DashboardVisibility | null | undefined;
};

/** What to export: a saved report and a file format. */
export type CreateExportInput = {
  /** CSV, XLSX, PDF or JSON. */
  format: ExportFormat;
  /** Email the creator when the export completes (a download link) or fails (the reason), once. Needs an address in the sign-in (the token's `email` claim, or a subject that is an address): otherwise BAD_USER_INPUT at input.notifyWhenReady. */
  notifyWhenReady?: boolean | null | undefined;
  /** Format options. */
  options?: ExportOptionsInput | null | undefined;
  /** The saved report to export. */
  reportId: string | number;
};

/** A new report. Names are unique within a tenant. */
export type CreateReportInput = {
  /** What the report computes; validated before saving. */
  definition: ReportDefinitionInput;
  /** Up to 5,000 characters. */
  description?: string | null | undefined;
  /** Visible to the whole tenant (default false). */
  isPublic?: boolean | null | undefined;
  /** 1 to 200 characters, unique within the tenant. */
  name: string;
  /** At most 20 tags of at most 50 characters. */
  tags?: Array<string> | null | undefined;
  /** How the report is drawn; null or absent: the default chart for its definition. */
  visualization?: VisualizationInput | null | undefined;
};

/** A new schedule. Give `cron` or `preset` (not both). */
export type CreateScheduleInput = {
  /** A built-in admin report to run instead of a report (admins only, else FORBIDDEN): the user activity or compliance summary of the period from the previous slot to each run's own, through every destination. Not with reportId, dashboardId, parameterValues, recipientParameters, fileNameTemplate or alertCondition (BAD_USER_INPUT at that field). */
  adminReport?: AdminReport | null | undefined;
  /** Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it. */
  alertCondition?: AlertConditionInput | null | undefined;
  /** Skip runs on weekends in the schedule's zone. */
  businessDaysOnly?: boolean | null | undefined;
  /** Compress every run's file: GZIP or ZIP. */
  compression?: Compression | null | undefined;
  /** 5-field cron; or give preset. */
  cron?: string | null | undefined;
  /** The dashboard to export instead of a report: each run makes one PDF with every tile (title, chart, table) or an XLSX with a sheet per tile (format PDF or XLSX). Give exactly one of reportId and dashboardId. */
  dashboardId?: string | number | null | undefined;
  /** EMAIL (default), S3 or BOTH. */
  delivery?: DeliveryMethod | null | undefined;
  /** Free text shown with the schedule. */
  description?: string | null | undefined;
  /** Subject, message and attachment policy of the emails. */
  emailConfig?: EmailConfigInput | null | undefined;
  /** File-name template: {report} {schedule} {period_start:yyyy-MM-dd} {period_end:…} {run_at:yyyy-MM-dd_HH'h'mm} {param:FIELD}, in the schedule's zone; the extension is added. An unknown token is BAD_USER_INPUT naming it. */
  fileNameTemplate?: string | null | undefined;
  /** File format of each run (default PDF). */
  format?: ExportFormat | null | undefined;
  /** With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only. */
  holidayCountry?: string | null | undefined;
  /** A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country's national holidays. */
  holidayRegion?: string | null | undefined;
  /** BCP 47 locale the runs' files and emails are written in (numbers, dates, month names); null or absent uses the report's `locale`. */
  locale?: string | null | undefined;
  /** Name, unique within the tenant. */
  name: string;
  /** Deliver a run only when its rows and parameters differ from the last delivered run's (otherwise SKIPPED_UNCHANGED). */
  onlyIfChanged?: boolean | null | undefined;
  /** PDF only: page orientation of every run (default: LANDSCAPE when the report has more than 6 columns). */
  orientation?: PageOrientation | null | undefined;
  /** Address told about failed runs and automatic pauses. */
  ownerEmail?: string | null | undefined;
  /** PDF only: paper size of every run (default A4). */
  paperSize?: PaperSize | null | undefined;
  /** Values of the report's parameters for every run, by name, over the report's defaults; checked with paths `input.parameterValues.<name>`. */
  parameterValues?: unknown;
  /** Protect every run's file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters). Stored encrypted, never returned, never put in an email: agree on it with the recipients another way. */
  password?: string | null | undefined;
  /** A common timetable instead of `cron`. */
  preset?: SchedulePresetInput | null | undefined;
  /** Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped. */
  recipientParameters?: Array<RecipientParametersInput> | null | undefined;
  /** Email addresses (required for EMAIL and BOTH). */
  recipients?: Array<string> | null | undefined;
  /** The report to export. Give exactly one of reportId and dashboardId. */
  reportId?: string | number | null | undefined;
  /** Bucket and key template (required for S3 and BOTH). */
  s3Config?: S3TargetInput | null | undefined;
  /** SFTP servers to upload each run's file to; the list replaces the stored one (name a stored target by its `id` to keep its key). */
  sftpTargets?: Array<SftpTargetInput> | null | undefined;
  /** Send nothing when a run has no rows. */
  skipIfEmpty?: boolean | null | undefined;
  /** Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant's Slack connection (connectSlack). The bot must be in the channel. */
  slackChannels?: Array<string> | null | undefined;
  /** Microsoft Teams incoming-webhook or Workflows URLs to post each run's card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`. */
  teamsWebhookUrls?: Array<string> | null | undefined;
  /** IANA time zone the timetable is read in (default UTC). */
  timezone?: string | null | undefined;
  /** URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`. */
  webhookUrls?: Array<string> | null | undefined;
};

/** How a CSV export writes date-times, always in the export's `timeZone`. */
export type CsvTimestampFormat =
  /** ISO 8601 with the offset (`2026-12-07T04:59:53.912+09:00`): unambiguous for programs; spreadsheets keep it as text. */
  | 'ISO_OFFSET'
  /** ISO 8601 local date-time without a zone suffix (`2026-12-06T19:59:53.912`): LibreOffice Calc and Excel type it as a date/time on open. The zone is the export's `timeZone`. */
  | 'LOCAL';

/** A tile on the 12-column grid; tiles may not overlap. */
export type DashboardTileInput = {
  /** Height in rows, 1..24. */
  h: number;
  /** Keep an existing tile's id; absent: a new tile. */
  id?: string | number | null | undefined;
  /** REPORT or TEXT. */
  kind: DashboardTileKind;
  /** REPORT: a report you can open. */
  reportId?: string | number | null | undefined;
  /** TEXT: plain text, 1 to 5000 characters. */
  text?: string | null | undefined;
  /** Title above the tile, at most 200 characters; absent: the report's name. */
  title?: string | null | undefined;
  /** REPORT: a chart instead of the report's own, checked against its measures. */
  visualization?: VisualizationInput | null | undefined;
  /** Width in columns, 1..12. */
  w: number;
  /** Left column, 0..11. */
  x: number;
  /** Top row, from 0. */
  y: number;
};

/** What a tile shows. */
export type DashboardTileKind =
  /** A saved report: its chart and its first rows. */
  | 'REPORT'
  /** Plain text, shown as written. */
  | 'TEXT';

/** The period a dashboard shows: exactly one of `last`, `rolling`, `period` or `from`/`to` (same forms as `TimeRangeInput`). */
export type DashboardTimeRangeInput = {
  /** Start, inclusive (ISO 8601 date or date-time, read in each report's zone without an offset). */
  from?: string | null | undefined;
  /** The last n complete calendar units before the current one. */
  last?: RelativeRangeInput | null | undefined;
  /** A named calendar period. */
  period?: NamedPeriod | null | undefined;
  /** Elapsed time ending now. */
  rolling?: RollingRangeInput | null | undefined;
  /** End, exclusive. */
  to?: string | null | undefined;
};

/** Who sees a dashboard (its tiles still show only reports the viewer may open). */
export type DashboardVisibility =
  /** Its owner (and admins). */
  | 'PRIVATE'
  /** Everyone in the tenant. */
  | 'TENANT';

/** How a delivery is made. */
export type DeliveryChannel =
  /** An email to one recipient. */
  | 'EMAIL'
  /** An upload to an S3 bucket. */
  | 'S3'
  /** An upload to one SFTP server (the target is sftp://user@host:port/path). */
  | 'SFTP'
  /** A post to one Slack channel (summary, chart, file or link). */
  | 'SLACK'
  /** An Adaptive Card posted to one Microsoft Teams incoming-webhook or Workflows URL (the target is the redacted URL). */
  | 'TEAMS'
  /** A signed POST to one webhook URL (Standard Webhooks; `webhook-id` is the delivery id). */
  | 'WEBHOOK';

/** Where a schedule delivers each run. */
export type DeliveryMethod =
  /** Email and upload. */
  | 'BOTH'
  /** Email to the recipients. */
  | 'EMAIL'
  /** Upload to the S3 target. */
  | 'S3';

/** Where one delivery stands. */
export type DeliveryStatus =
  /** Failed after its last attempt; resendFailedDeliveries sends it again. */
  | 'FAILED'
  /** Not sent yet (or being retried). */
  | 'PENDING'
  /** An attempt is in flight (recorded before the request leaves). */
  | 'SENDING'
  /** Accepted by the provider or uploaded. */
  | 'SENT'
  /** The address is on the tenant's suppression list (it bounced, was dropped, or reported spam); nothing is sent. */
  | 'SUPPRESSED'
  /** The request may have reached the provider but no answer came back; not resent automatically (resendFailedDeliveries resends it). */
  | 'UNCERTAIN'
  /** The recipient unsubscribed from this schedule; nothing is sent. */
  | 'UNSUBSCRIBED';

/** A column to group by; time columns may be bucketed by `grain`. */
export type DimensionInput = {
  /** Output column name; derived from field and grain when absent. */
  alias?: string | null | undefined;
  /** A column of the source table that may be grouped by. */
  field: string;
  /** Time bucket for a time column. */
  grain?: TimeGrain | null | undefined;
};

/** How a scheduled email reads and carries the file; fields left out use the defaults. */
export type EmailConfigInput = {
  /** Attach the file, link it, or decide by size (AUTO, the default). */
  attachment?: AttachmentPolicy | null | undefined;
  /** Message shown above the summary; same placeholders. */
  message?: string | null | undefined;
  /** Subject template: {report} {period} {schedule} {rows}. */
  subject?: string | null | undefined;
};

/** Where one run of a schedule stands. */
export type ExecutionStatus =
  /** Every delivery was sent. */
  | 'DELIVERED'
  /** The export failed, or every delivery failed. */
  | 'FAILED'
  /** The scheduler was down at the slot and it was older than the grace period. */
  | 'MISSED'
  /** Some deliveries were sent, others failed. */
  | 'PARTIALLY_DELIVERED'
  /** Recorded, not started. */
  | 'PENDING'
  /** Its export or deliveries are in progress. */
  | 'RUNNING'
  /** Not a business day in the schedule's zone (businessDaysOnly): a weekend, or a public holiday of holidayCountry (its name in `error`). */
  | 'SKIPPED'
  /** The schedule's alertCondition did not hold on the run's results, or still held after a notified run (notifyOnce); nothing was sent. `condition` has the values compared. */
  | 'SKIPPED_CONDITION'
  /** The result had no rows (skipIfEmpty). */
  | 'SKIPPED_EMPTY'
  /** A tenant quota (exports waiting or running, bytes stored) refused the run; `error` says which, with the limit and the use. The schedule's owner is emailed. */
  | 'SKIPPED_QUOTA'
  /** The rows and parameters were the same as the last delivered run's (onlyIfChanged); nothing was sent. */
  | 'SKIPPED_UNCHANGED';

/** What started a run. */
export type ExecutionTrigger =
  /** backfillSchedule. */
  | 'BACKFILL'
  /** runScheduleNow. */
  | 'MANUAL'
  /** A retry of a failed run. */
  | 'RETRY'
  /** Its timetable. */
  | 'SCHEDULE';

/** Why an export, or a schedule's execution, did not produce what it should (`ExportError.errorCode`). New values may be added: treat one you do not know as a failure. */
export type ExportErrorCode =
  /** A scheduled run's owner may no longer view its report or dashboard (a grant was revoked, the report made private): nothing was made or delivered. */
  | 'ACCESS_REVOKED'
  /** An execution's file was made, but some or all of its deliveries failed (see `deliveries`). */
  | 'DELIVERY_FAILED'
  /** An execution's export was cancelled. */
  | 'EXPORT_CANCELLED'
  /** Writing the file failed (a query, storage or other error) after its attempts; the message says which. */
  | 'EXPORT_FAILED'
  /** The report's stored definition no longer validates (e.g. a column left the catalog). */
  | 'INVALID_DEFINITION'
  /** An execution's slot passed while no scheduler ran, beyond the grace period. */
  | 'MISSED'
  /** An execution's slot fell on a weekend of a business-days-only schedule. */
  | 'NOT_A_BUSINESS_DAY'
  /** The file was to be password-protected but its password could not be read: set it again. */
  | 'PASSWORD_UNAVAILABLE'
  /** The report was deleted before the run. */
  | 'REPORT_DELETED'
  /** The worker writing it stopped and did not come back. */
  | 'WORKER_LOST';

/** Narrows the exports list; every field given must match. */
export type ExportFilter = {
  /** Only exports in this format. */
  format?: ExportFormat | null | undefined;
  /** Only exports of this report. */
  reportId?: string | number | null | undefined;
  /** Only exports in this status. */
  status?: ExportStatus | null | undefined;
};

/** File format of an export. */
export type ExportFormat =
  /** RFC 4180, CRLF, header of column keys. */
  | 'CSV'
  /** An array of objects, or NDJSON with the ndjson option. */
  | 'JSON'
  /** Printable table (and chart for time series), capped at PDF_ROW_CAP rows. */
  | 'PDF'
  /** Excel workbook with typed cells and an About sheet. */
  | 'XLSX';

/** Format options for an export; each applies to the formats it names. */
export type ExportOptionsInput = {
  /** CSV: start with a UTF-8 BOM for Excel. */
  bom?: boolean | null | undefined;
  /** Compress the file: GZIP (`name.csv.gz`) or ZIP (`name.zip` holding `name.csv`). */
  compression?: Compression | null | undefined;
  /** CSV: how date-times are written (default LOCAL, which spreadsheets type as date/time). */
  csvTimestamps?: CsvTimestampFormat | null | undefined;
  /** BCP 47 locale this export is written in for people, overriding the schedule's and the report's `locale`: numbers, dates and month names in PDF, XLSX date formats. CSV and JSON are locale-neutral and ignore it. */
  locale?: string | null | undefined;
  /** JSON: newline-delimited objects instead of an array. */
  ndjson?: boolean | null | undefined;
  /** PDF: page orientation (default: LANDSCAPE when the report has more than 6 columns, else PORTRAIT). */
  orientation?: PageOrientation | null | undefined;
  /** PDF: paper size (default A4). A table wider than the page shrinks (down to 75 %), then wraps its columns onto continuation pages that repeat the first column. */
  paperSize?: PaperSize | null | undefined;
  /** Values of the report's parameters by name, over their defaults; checked with paths `input.options.parameterValues.<name>` before anything is enqueued, and kept in the export's definition snapshot. */
  parameterValues?: unknown;
  /** Protect the file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters): a PDF is AES-256 encrypted, CSV, XLSX and JSON go inside an AES-256 ZIP (with GZIP: BAD_USER_INPUT). Never stored in clear nor returned; a protected export cannot be retried (export again). */
  password?: string | null | undefined;
  /** IANA zone this export reads time in, overriding the report's `timeZone`: buckets, calendar ranges and every time in the file. */
  timeZone?: string | null | undefined;
};

/** PENDING → PROCESSING → COMPLETED | FAILED | CANCELLED */
export type ExportStatus =
  /** Stopped by cancelExport. */
  | 'CANCELLED'
  /** The file is ready to download. */
  | 'COMPLETED'
  /** Gave up; see `error`. */
  | 'FAILED'
  /** Queued for a worker. */
  | 'PENDING'
  /** A worker is writing the file. */
  | 'PROCESSING';

/** What started the export. */
export type ExportTrigger =
  /** An API client (the SDK, scripts). */
  | 'API'
  /** A backfilled schedule run. */
  | 'BACKFILL'
  /** A person in the web app. */
  | 'MANUAL'
  /** retryExport. */
  | 'RETRY'
  /** A schedule's run. */
  | 'SCHEDULE';

/** A typed condition on a column; rows must match every filter. */
export type FilterInput = {
  /** A column of the source table that may be filtered on. */
  field: string;
  /** The comparison. */
  op: FilterOp;
  /** Instead of value/values: the name of a declared parameter; its value for the run is compared (bound as data). A filter on an unset optional parameter is left out. */
  param?: string | null | undefined;
  /** Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS. */
  value?: string | number | boolean | null | undefined;
  /** Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive). */
  values?: Array<string | number | boolean> | null | undefined;
};

/** Comparison a filter applies; which ones a column allows depends on its kind. */
export type FilterOp =
  /** Between values[0] and values[1], both inclusive. */
  | 'BETWEEN'
  /** Text contains value, ignoring case. */
  | 'CONTAINS'
  /** Equal to value. */
  | 'EQ'
  /** Greater than value. */
  | 'GT'
  /** Greater than or equal to value. */
  | 'GTE'
  /** One of values. */
  | 'IN'
  /** Has a value. */
  | 'IS_NOT_NULL'
  /** Has no value. */
  | 'IS_NULL'
  /** Less than value. */
  | 'LT'
  /** Less than or equal to value. */
  | 'LTE'
  /** Not equal to value. */
  | 'NEQ'
  /** None of values. */
  | 'NOT_IN';

/** What a role sees of a class of columns. */
export type MaskMode =
  /** The values as stored. */
  | 'CLEAR'
  /** HMAC-SHA256 of the value under the tenant's key, 64 upper-case hex digits: the same value gives the same hash in every preview, export and run of the tenant, another in another tenant. Counts and distinct counts are unchanged; filters may compare it only with such hashes (EQ, NEQ, IN, NOT_IN). */
  | 'HASHED'
  /** Not shown and not comparable with a value: BAD_USER_INPUT naming the field. COUNT, UNIQ and IS_NULL/IS_NOT_NULL still work. */
  | 'HIDDEN';

/** One entry of the masking policy to set. */
export type MaskingRuleInput = {
  /** The class of columns. */
  classification: Classification;
  /** What the role is to see of it. */
  mode: MaskMode;
  /** The role. */
  role: Role;
};

/** Aggregate functions a measure may use. */
export type MeasureFn =
  /** Mean of a measure column. */
  | 'AVG'
  /** Number of rows (field optional). */
  | 'COUNT'
  /** Number of rows where a BOOLEAN field is true (errors among events, bounced sessions). */
  | 'COUNT_TRUE'
  /** Largest value of a measure column. */
  | 'MAX'
  /** Smallest value of a measure column. */
  | 'MIN'
  /** Sum of a measure column. */
  | 'SUM'
  /** Exact number of distinct values of field. */
  | 'UNIQ';

/** An aggregate to compute for each group. */
export type MeasureInput = {
  /** Output column name; derived from fn and field when absent. */
  alias?: string | null | undefined;
  /** Column to aggregate; COUNT may omit it. */
  field?: string | null | undefined;
  /** The aggregate function. */
  fn: MeasureFn;
};

/** A calendar period in the run's effective zone, as of the run's as-of instant. THIS_X is the whole current X, PREVIOUS_X the one before, X_TO_DATE the current X up to the as-of instant. */
export type NamedPeriod =
  /** The current month up to the as-of instant. */
  | 'MONTH_TO_DATE'
  /** The month before the current one. */
  | 'PREVIOUS_MONTH'
  /** The quarter before the current one. */
  | 'PREVIOUS_QUARTER'
  /** The week before the current one. */
  | 'PREVIOUS_WEEK'
  /** The year before the current one. */
  | 'PREVIOUS_YEAR'
  /** The current quarter up to the as-of instant. */
  | 'QUARTER_TO_DATE'
  /** The current month. */
  | 'THIS_MONTH'
  /** The current quarter. */
  | 'THIS_QUARTER'
  /** The current week. */
  | 'THIS_WEEK'
  /** The current year. */
  | 'THIS_YEAR'
  /** The current day, midnight to midnight. */
  | 'TODAY'
  /** The current week up to the as-of instant. */
  | 'WEEK_TO_DATE'
  /** The current year up to the as-of instant. */
  | 'YEAR_TO_DATE'
  /** The day before the current one. */
  | 'YESTERDAY';

/** Sort key of the result; ties are broken by every group key so pages are stable. */
export type OrderByInput = {
  /** ASC (default) or DESC. */
  direction?: SortDirection | null | undefined;
  /** An output column key (alias or derived name). */
  key: string;
};

/** How a PDF page is turned. Not given: LANDSCAPE when the report has more than 6 columns, else PORTRAIT. */
export type PageOrientation =
  /** Wider than tall. */
  | 'LANDSCAPE'
  /** Taller than wide. */
  | 'PORTRAIT';

/** Paper a PDF is printed on. */
export type PaperSize =
  /** ISO A3, 297 × 420 mm (841.89 × 1190.55 pt). */
  | 'A3'
  /** ISO A4, 210 × 297 mm (595.28 × 841.89 pt). The default. */
  | 'A4'
  /** US Letter, 8.5 × 11 in (612 × 792 pt). */
  | 'LETTER';

/** The type of a report parameter, and so of the values it takes. */
export type ParameterType =
  /** A calendar day `YYYY-MM-DD` (compared with DATE columns, and with DATETIME columns as its midnight in the run zone). */
  | 'DATE'
  /** `{ from, to }`, two calendar days, both included: drives the time range (`timeRange: { param }`). */
  | 'DATE_RANGE'
  /** One of `options`, or a value of the column `optionsColumn` offers (a STRING column). */
  | 'ENUM'
  /** A finite number within ±(2^53 - 1) (compared with NUMBER columns). */
  | 'NUMBER'
  /** A string (compared with STRING columns: EQ, NEQ, CONTAINS; IN, NOT_IN when multiple). */
  | 'TEXT';

/** Preview a saved report (reportId) or an unsaved definition, one page at a time. */
export type PreviewReportInput = {
  /** endCursor of the previous page. */
  after?: string | null | undefined;
  /** An unsaved definition to preview. */
  definition?: ReportDefinitionInput | null | undefined;
  /** Rows per page, 1..500 (default 100). */
  first?: number | null | undefined;
  /** Values of the report's parameters by name (`{ platform: ["ios"], period: { from: "2026-12-01", to: "2026-12-07" } }`), over their defaults; checked with paths `input.parameterValues.<name>`. */
  parameterValues?: unknown;
  /** A saved report to preview. */
  reportId?: string | number | null | undefined;
};

/** Whom a grant is for: exactly one of `userId` and `role`. */
export type PrincipalInput = {
  /** Everyone in your tenant with this role or a higher one (VIEWER or EDITOR; admins see everything already). */
  role?: RoleName | null | undefined;
  /** A user of your tenant (token `sub`) who has signed in at least once (see `shareableUsers`). */
  userId?: string | null | undefined;
};

/** What the email provider reported after accepting a message (SendGrid Event Webhook). */
export type ProviderStatus =
  /** The receiving server refused it; the address is now suppressed. */
  | 'BOUNCED'
  /** The receiving server accepted it. */
  | 'DELIVERED'
  /** The provider did not send it (e.g. an address that bounced before); suppressed. */
  | 'DROPPED'
  /** The recipient marked it as spam; the address is now suppressed. */
  | 'SPAM_REPORT';

/** One recipient's own parameter values, merged over the schedule's `parameterValues`. */
export type RecipientParametersInput = {
  /** Values of the report's parameters by name, over the schedule's; checked with paths `input.recipientParameters.<i>.parameterValues.<name>`. */
  parameterValues: unknown;
  /** One of the schedule's `recipients`. */
  recipient: string;
};

/** The last `n` complete calendar units before the current one, in the run's effective zone (with `includeCurrent`, also the current unit up to the as-of instant). */
export type RelativeRangeInput = {
  /** Also the current unit up to the as-of instant (default false: complete units only). */
  includeCurrent?: boolean | null | undefined;
  /** How many units, at least 1. */
  n: number;
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** What a report computes, validated against the catalog; every problem is reported with its path. */
export type ReportDefinitionInput = {
  /** Columns to group by. */
  dimensions?: Array<DimensionInput> | null | undefined;
  /** Conditions rows must all match. */
  filters?: Array<FilterInput> | null | undefined;
  /** BCP 47 locale people read the report in (default en-US): how the PDF, XLSX date formats, the email and the web app write numbers, dates, percentages and month names. A schedule or an export may override it; CSV and JSON stay locale-neutral. */
  locale?: string | null | undefined;
  /** Aggregates per group. */
  measures?: Array<MeasureInput> | null | undefined;
  /** Sort order of the result. */
  orderBy?: Array<OrderByInput> | null | undefined;
  /** Typed parameters filters and the time range may refer to; values are given per preview, export, schedule or run. */
  parameters?: Array<ReportParameterInput> | null | undefined;
  /** List source rows as they are (one row per event) instead of one row per distinct combination of the dimensions; only without measures. Default false. */
  raw?: boolean | null | undefined;
  /** Most rows the report yields; 10,000 when absent. */
  rowLimit?: number | null | undefined;
  /** A catalog table name. */
  source: string;
  /** Which rows by time; the table's default time column unless `field` says otherwise. */
  timeRange?: TimeRangeInput | null | undefined;
  /** IANA zone the report reads time in (default UTC): time buckets, calendar ranges, fixed dates and every time shown. A schedule runs it in the schedule's zone; an export may override it. */
  timeZone?: string | null | undefined;
  /** First day of a week for WEEK buckets and week periods (default MONDAY). */
  weekStart?: WeekStart | null | undefined;
};

/** A typed placeholder whose value is given when the report is previewed, exported or scheduled; filters and the time range refer to it by name. */
export type ReportParameterInput = {
  /** The value when none is given: a string, number, list, or `{ from, to }` for a DATE_RANGE. */
  default?: unknown;
  /** What a person sees; derived from the name when absent. */
  label?: string | null | undefined;
  /** Takes a list of values (filters IN / NOT_IN). Default false. */
  multiple?: boolean | null | undefined;
  /** Name filters refer to (`param`) and values are given under: 1-40 lower-case letters, digits, underscores. */
  name: string;
  /** ENUM: the allowed values. */
  options?: Array<string> | null | undefined;
  /** ENUM: a STRING column of the source whose values are offered (see `columnValues`). */
  optionsColumn?: string | null | undefined;
  /** A run without a value (and without a default) is refused. Default false: an unset parameter leaves its filters out. */
  required?: boolean | null | undefined;
  /** TEXT, NUMBER, DATE, DATE_RANGE or ENUM. */
  type: ParameterType;
};

/** viewer reads and exports; editor also writes; admin everything. */
export type Role =
  /** Everything, including the audit log. */
  | 'admin'
  /** Also creates and changes reports and schedules. */
  | 'editor'
  /** Reads reports, previews and exports. */
  | 'viewer';

/** VIEWER reads and exports; EDITOR also writes; ADMIN everything. Ordered VIEWER < EDITOR < ADMIN. */
export type RoleName =
  /** Everything, including the audit log. */
  | 'ADMIN'
  /** Also creates and changes reports and schedules. */
  | 'EDITOR'
  /** Reads reports, previews and exports. */
  | 'VIEWER';

/** Elapsed time ending at the as-of instant (`24 HOUR`: the last 24 hours to the minute); the first and last buckets are usually partial. */
export type RollingRangeInput = {
  /** How many units, at least 1. */
  n: number;
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** A bucket and key template a scheduled export is uploaded to. */
export type S3TargetInput = {
  /** Bucket name. */
  bucket: string;
  /** Key template: {tenant} {report} {schedule} {date} {format}. */
  keyTemplate: string;
};

/** Common timetables, stored as the equivalent cron. */
export type SchedulePreset =
  /** Every day at `hour`:`minute`. */
  | 'DAILY'
  /** Every hour at `minute`. */
  | 'HOURLY'
  /** Every month on `dayOfMonth` (1..28) at `hour`:`minute`. */
  | 'MONTHLY'
  /** Monday to Friday at `hour`:`minute`. */
  | 'WEEKDAYS'
  /** Every `dayOfWeek` at `hour`:`minute`. */
  | 'WEEKLY';

/** A common timetable instead of a cron; stored as the equivalent cron. Times are wall-clock times in the schedule's zone. */
export type SchedulePresetInput = {
  /** 1..28 (MONTHLY). */
  dayOfMonth?: number | null | undefined;
  /** 0 = Sunday … 6 = Saturday (WEEKLY). */
  dayOfWeek?: number | null | undefined;
  /** Hour of the day, 0..23 (required except for HOURLY). */
  hour?: number | null | undefined;
  /** Minute of the hour, 0..59 (default 0). */
  minute?: number | null | undefined;
  /** Which timetable. */
  preset: SchedulePreset;
};

/** Whether a schedule fires. */
export type ScheduleStatus =
  /** Fires on its timetable. */
  | 'ACTIVE'
  /** Does not fire until resumed. */
  | 'PAUSED';

/** An SFTP server to upload each run's file to. Problems are BAD_USER_INPUT at `input.sftpTargets.<i>.<field>`. */
export type SftpTargetInput = {
  /** Host name or IP address. In production it must resolve only to public addresses. */
  host: string;
  /** The server's host key fingerprint, `SHA256:…` as `ssh-keyscan HOST | ssh-keygen -lf -` prints it. */
  hostKeyFingerprint: string;
  /** A stored target's id (from Schedule.sftpTargets): its private key is kept when `privateKey` is left out. */
  id?: string | number | null | undefined;
  /** Remote path template, relative to the login directory, e.g. `outbox/{report}/{date}.{format}`: letters, digits, . _ - / and {tenant} {report} {schedule} {date} {format}. */
  pathTemplate: string;
  /** SSH port (default 22). */
  port?: number | null | undefined;
  /** Unencrypted private key (OpenSSH or PEM); required for a new target. Stored sealed with SECRETS_KEY and never returned. */
  privateKey?: string | null | undefined;
  /** User name to log in as. */
  username: string;
};

/** What can be shared. */
export type SharedObjectType =
  /** A dashboard. */
  | 'DASHBOARD'
  /** A saved report. */
  | 'REPORT';

/** Sort order. */
export type SortDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** Why an address gets no mail. */
export type SuppressionReason =
  /** The provider reported a bounce: the address does not accept mail. Tenant-wide. */
  | 'BOUNCED'
  /** The provider dropped a message to it (an earlier bounce, invalid address). Tenant-wide. */
  | 'DROPPED'
  /** The recipient reported a message as spam. Tenant-wide. */
  | 'SPAM_REPORT'
  /** The recipient unsubscribed from one schedule (one-click or the unsubscribe page). */
  | 'UNSUBSCRIBED';

/** Bucket size for a time dimension, on the calendar of the run's effective zone (a 23- or 25-hour DST day is one day). */
export type TimeGrain =
  /** The local calendar date (a Date). */
  | 'DAY'
  /** The instant the local hour began (a DateTime; xx:15 UTC in Kathmandu; 01:00 EDT and 01:00 EST are two hours). */
  | 'HOUR'
  /** The first day of the month. */
  | 'MONTH'
  /** The first day of the quarter (January, April, July, October). */
  | 'QUARTER'
  /** The date of the first day of the week: Monday, or Sunday with `weekStart: SUNDAY`. */
  | 'WEEK'
  /** January 1. */
  | 'YEAR';

/** Which rows by time, in the run's effective zone: exactly one of `last`, `rolling`, `period` or `from`/`to`. */
export type TimeRangeInput = {
  /** PREVIOUS_PERIOD: every measure also over the period just before (`<key>_previous`) and its change in % (`<key>_change_pct`, null when the previous value is 0 or missing). Whole months compare with as many months before, whole days and weeks with as many days before on the zone's calendar, anything else with the same elapsed time before. Not with a time bucket of the range's column. */
  compare?: CompareMode | null | undefined;
  /** Time column; the table's default when absent. */
  field?: string | null | undefined;
  /** Start, inclusive. ISO 8601: a date (`2026-12-01`, midnight) or a date-time without an offset is read in the effective zone; with `Z` or an offset it is that instant. */
  from?: string | null | undefined;
  /** The last n complete calendar units before the current one. */
  last?: RelativeRangeInput | null | undefined;
  /** Instead of last/rolling/period/from-to: the name of a DATE_RANGE parameter; the range covers its days, both included, in the run zone. */
  param?: string | null | undefined;
  /** A named calendar period (this week, previous month, quarter to date, ...). */
  period?: NamedPeriod | null | undefined;
  /** Elapsed time ending at the as-of instant. */
  rolling?: RollingRangeInput | null | undefined;
  /** End, exclusive (a whole day Dec 1 is `from: "2026-12-01", to: "2026-12-02"`). Same forms as `from`. */
  to?: string | null | undefined;
};

/** Unit of a relative time range. */
export type TimeUnit =
  /** Days. */
  | 'DAY'
  /** Hours. */
  | 'HOUR'
  /** Calendar months. */
  | 'MONTH'
  /** Calendar quarters (3 months). */
  | 'QUARTER'
  /** Weeks. */
  | 'WEEK'
  /** Calendar years. */
  | 'YEAR';

/** Fields left out stay as they are; `tiles`, when given, replace every tile; `timeRange: null` goes back to each report's own. */
export type UpdateDashboardInput = {
  /** At most 2000 characters. */
  description?: string | null | undefined;
  /** 1 to 200 characters. */
  name?: string | null | undefined;
  /** Parameter values by name; null: none. */
  parameterValues?: unknown;
  /** Every tile of the dashboard, replacing the current ones. */
  tiles?: Array<DashboardTileInput> | null | undefined;
  /** The period every report tile shows; null: each report's own. */
  timeRange?: DashboardTimeRangeInput | null | undefined;
  /** PRIVATE or TENANT. */
  visibility?: DashboardVisibility | null | undefined;
};

/** Fields left out stay as they are. */
export type UpdateReportInput = {
  /** New definition; validated before saving. */
  definition?: ReportDefinitionInput | null | undefined;
  /** New description. */
  description?: string | null | undefined;
  /** Visible to the whole tenant or not. */
  isPublic?: boolean | null | undefined;
  /** New name, unique within the tenant. */
  name?: string | null | undefined;
  /** New tags (replace the old ones). */
  tags?: Array<string> | null | undefined;
  /** New chart; null: back to the default chart. */
  visualization?: VisualizationInput | null | undefined;
};

/** Fields left out stay as they are. */
export type UpdateScheduleInput = {
  /** Another built-in admin report for an admin-report schedule (admins only); a report or dashboard schedule cannot become one (BAD_USER_INPUT). */
  adminReport?: AdminReport | null | undefined;
  /** Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it. */
  alertCondition?: AlertConditionInput | null | undefined;
  /** Skip runs on weekends in the schedule's zone. */
  businessDaysOnly?: boolean | null | undefined;
  /** GZIP or ZIP; null: no compression. */
  compression?: Compression | null | undefined;
  /** New 5-field cron (replaces the timetable). */
  cron?: string | null | undefined;
  /** The dashboard to export (the schedule then no longer exports its report); format PDF or XLSX. */
  dashboardId?: string | number | null | undefined;
  /** EMAIL, S3 or BOTH. */
  delivery?: DeliveryMethod | null | undefined;
  /** Free text shown with the schedule. */
  description?: string | null | undefined;
  /** Subject, message and attachment policy of the emails. */
  emailConfig?: EmailConfigInput | null | undefined;
  /** New file-name template; null: back to the default name. */
  fileNameTemplate?: string | null | undefined;
  /** New file format. */
  format?: ExportFormat | null | undefined;
  /** With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only (a null here removes the calendar). */
  holidayCountry?: string | null | undefined;
  /** A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country's national holidays. */
  holidayRegion?: string | null | undefined;
  /** New BCP 47 locale for the runs; null goes back to the report's `locale`. */
  locale?: string | null | undefined;
  /** Name, unique within the tenant. */
  name?: string | null | undefined;
  /** Deliver a run only when its rows and parameters differ from the last delivered run's (otherwise SKIPPED_UNCHANGED). */
  onlyIfChanged?: boolean | null | undefined;
  /** PDF only: new orientation; null: back to the default (landscape for more than 6 columns). Changing the format away from PDF clears it. */
  orientation?: PageOrientation | null | undefined;
  /** Address told about failed runs and automatic pauses. */
  ownerEmail?: string | null | undefined;
  /** PDF only: new paper size; null: back to A4. Changing the format away from PDF clears it. */
  paperSize?: PaperSize | null | undefined;
  /** New values of the report's parameters for every run; null: back to the report's defaults; left out: unchanged (checked again when the report changes). */
  parameterValues?: unknown;
  /** A new password for the runs' files (see CreateScheduleInput.password); left out: unchanged. */
  password?: string | null | undefined;
  /** A common timetable instead of `cron`. */
  preset?: SchedulePresetInput | null | undefined;
  /** Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped. */
  recipientParameters?: Array<RecipientParametersInput> | null | undefined;
  /** Email addresses (required for EMAIL and BOTH). */
  recipients?: Array<string> | null | undefined;
  /** True: the runs' files are no longer password-protected (the stored password is deleted). */
  removePassword?: boolean | null | undefined;
  /** The report to export (the schedule then no longer exports its dashboard). */
  reportId?: string | number | null | undefined;
  /** Bucket and key template (required for S3 and BOTH). */
  s3Config?: S3TargetInput | null | undefined;
  /** SFTP servers to upload each run's file to; the list replaces the stored one (name a stored target by its `id` to keep its key). */
  sftpTargets?: Array<SftpTargetInput> | null | undefined;
  /** Send nothing when a run has no rows. */
  skipIfEmpty?: boolean | null | undefined;
  /** Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant's Slack connection (connectSlack). The bot must be in the channel. */
  slackChannels?: Array<string> | null | undefined;
  /** Microsoft Teams incoming-webhook or Workflows URLs to post each run's card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`. */
  teamsWebhookUrls?: Array<string> | null | undefined;
  /** New IANA time zone. */
  timezone?: string | null | undefined;
  /** URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`. */
  webhookUrls?: Array<string> | null | undefined;
};

/** A report's chart; checked against the report's measures. Send null to go back to the default. */
export type VisualizationInput = {
  /** PIE: draw a ring (other types ignore it). */
  donut?: boolean | null | undefined;
  /** Most rows the chart covers, 1..5000 (the first rows in the report's order; the chart says when it covers fewer than the report has). Null: LINE 1000, AREA 1000, BAR 50, PIE 12, NUMBER 1. */
  maxPoints?: number | null | undefined;
  /** Measures to draw, by output key (alias or derived name), at most 20; null or empty: all of them. */
  series?: Array<string> | null | undefined;
  /** BAR and AREA: stack the series (other types ignore it). */
  stacked?: boolean | null | undefined;
  /** The kind of chart. */
  type: ChartType;
  /** Name of the x axis, at most 100 characters; null: the dimension's label. */
  xAxisLabel?: string | null | undefined;
  /** Name of the y axis, at most 100 characters; null: the measure's label. */
  yAxisLabel?: string | null | undefined;
};

/** The first day of a week, for WEEK buckets and week periods. */
export type WeekStart =
  /** ISO weeks (the default). */
  | 'MONDAY'
  /** Weeks from Sunday to Saturday. */
  | 'SUNDAY';

export type AuditLogQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, actor: string, action: string, targetType: string, targetId: string | null, outcome: AuditOutcome, details: unknown, ip: string | null, createdAt: string } }> } };

export type AuditUserActivityQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditUserActivityQuery = { auditUserActivity: { totalCount: number, hasNextPage: boolean, endCursor: string | null, users: Array<{ userId: string, tokenUses: number, previews: number, reportReads: number, exportsCsv: number, exportsXlsx: number, exportsPdf: number, exportsJson: number, downloads: number, scheduleChanges: number, lastSeen: string }> } };

export type AuditComplianceQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditComplianceQuery = { auditCompliance: { totalCount: number, hasNextPage: boolean, endCursor: string | null, events: Array<{ id: string, createdAt: string, actor: string, event: string, action: string, target: string, detail: string }> } };

export type CreateAuditExportMutationVariables = Exact<{
  input: CreateAuditExportInput;
}>;


export type CreateAuditExportMutation = { createAuditExport: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, timeZone: string, locale: string, compression: Compression | null, passwordProtected: boolean, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null }, error: { code: string, message: string } | null } };

export type AdminReportSchedulesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminReportSchedulesQuery = { schedules: { edges: Array<{ node: { id: string, name: string, adminReport: AdminReport | null, cron: string, cronDescription: string, timezone: string, format: ExportFormat, recipients: Array<string>, status: ScheduleStatus, nextRunAt: string | null, lastRunAt: string | null } }> } };

export type CreateAdminReportScheduleMutationVariables = Exact<{
  input: CreateScheduleInput;
}>;


export type CreateAdminReportScheduleMutation = { createSchedule: { id: string, name: string, adminReport: AdminReport | null, nextRunAt: string | null } };

export type RunAdminReportNowMutationVariables = Exact<{
  id: string | number;
}>;


export type RunAdminReportNowMutation = { runScheduleNow: { id: string, status: ExecutionStatus } };

export type DeleteAdminReportScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteAdminReportScheduleMutation = { deleteSchedule: string };

export type DataProtectionQueryVariables = Exact<{ [key: string]: never; }>;


export type DataProtectionQuery = { maskingPolicy: { isDefault: boolean, updatedAt: string | null, updatedBy: string | null, rules: Array<{ role: Role, classification: Classification, mode: MaskMode }> }, tables: Array<{ name: string, label: string, columns: Array<{ name: string, label: string, classification: Classification, catalogClassification: Classification, masking: MaskMode }> }> };

export type UpdateMaskingPolicyMutationVariables = Exact<{
  rules: Array<MaskingRuleInput> | MaskingRuleInput;
}>;


export type UpdateMaskingPolicyMutation = { updateMaskingPolicy: { isDefault: boolean, updatedAt: string | null, updatedBy: string | null, rules: Array<{ role: Role, classification: Classification, mode: MaskMode }> } };

export type ClassifyColumnsMutationVariables = Exact<{
  columns: Array<ColumnClassificationInput> | ColumnClassificationInput;
}>;


export type ClassifyColumnsMutation = { classifyColumns: Array<{ name: string, label: string, columns: Array<{ name: string, label: string, classification: Classification, catalogClassification: Classification, masking: MaskMode }> }> };

export type DashboardsListQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardsListQuery = { dashboards: Array<{ id: string, name: string, description: string, visibility: DashboardVisibility, favorite: boolean, canEdit: boolean, createdBy: string, updatedAt: string, tiles: Array<{ id: string }> }> };

export type DashboardViewQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardViewQuery = { dashboard: { id: string, name: string, description: string, visibility: DashboardVisibility, favorite: boolean, canEdit: boolean, createdBy: string, parameterValues: unknown, timeRange: { period: NamedPeriod | null, from: string | null, to: string | null, last: { n: number, unit: TimeUnit, includeCurrent: boolean | null } | null, rolling: { n: number, unit: TimeUnit } | null } | null, tiles: Array<{ id: string, kind: DashboardTileKind, reportId: string | null, accessible: boolean, title: string | null, text: string | null, x: number, y: number, w: number, h: number, visualization: { type: ChartType, series: Array<string> | null, stacked: boolean | null, donut: boolean | null, xAxisLabel: string | null, yAxisLabel: string | null, maxPoints: number | null } | null, report: { id: string, name: string, visualization: { type: ChartType, series: Array<string> | null, stacked: boolean | null, donut: boolean | null, xAxisLabel: string | null, yAxisLabel: string | null, maxPoints: number | null } | null, definition: { raw: boolean | null, locale: string | null, dimensions: Array<{ field: string, grain: TimeGrain | null, alias: string | null }> | null, measures: Array<{ fn: MeasureFn, field: string | null, alias: string | null }> | null } } | null }> } };

export type DashboardTileRowsQueryVariables = Exact<{
  dashboardId: string | number;
  tileId: string | number;
  timeRange?: DashboardTimeRangeInput | null | undefined;
  first?: number | null | undefined;
}>;


export type DashboardTileRowsQuery = { dashboardTileRows: { rows: Array<unknown>, totalCount: number, timeZone: string, window: { fromLocal: string, toLocal: string } | null, columns: Array<{ name: string, label: string, type: ColumnKind }> } };

export type UpdateDashboardMutationVariables = Exact<{
  id: string | number;
  input: UpdateDashboardInput;
}>;


export type UpdateDashboardMutation = { updateDashboard: { id: string, name: string, timeRange: { period: NamedPeriod | null, from: string | null, to: string | null, last: { n: number, unit: TimeUnit, includeCurrent: boolean | null } | null, rolling: { n: number, unit: TimeUnit } | null } | null, tiles: Array<{ id: string, x: number, y: number, w: number, h: number }> } };

export type CreateDashboardMutationVariables = Exact<{
  input: CreateDashboardInput;
}>;


export type CreateDashboardMutation = { createDashboard: { id: string } };

export type CreateDashboardFromTemplateMutationVariables = Exact<{
  template: string;
  name: string;
}>;


export type CreateDashboardFromTemplateMutation = { createDashboardFromTemplate: { id: string } };

export type DeleteDashboardMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteDashboardMutation = { deleteDashboard: string };

export type FavoriteDashboardMutationVariables = Exact<{
  id: string | number;
}>;


export type FavoriteDashboardMutation = { favoriteDashboard: { id: string, favorite: boolean } };

export type UnfavoriteDashboardMutationVariables = Exact<{
  id: string | number;
}>;


export type UnfavoriteDashboardMutation = { unfavoriteDashboard: { id: string, favorite: boolean } };

export type DashboardPdfQueryVariables = Exact<{
  dashboardId: string | number;
  timeRange?: DashboardTimeRangeInput | null | undefined;
}>;


export type DashboardPdfQuery = { dashboardPdf: { fileName: string, contentType: string, byteSize: number, base64: string } };

export type CreateDashboardExportMutationVariables = Exact<{
  input: CreateDashboardExportInput;
}>;


export type CreateDashboardExportMutation = { createDashboardExport: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, timeZone: string, locale: string, compression: Compression | null, passwordProtected: boolean, error: { errorCode: ExportErrorCode, message: string } | null, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null, bytesWritten: number } } };

export type ExportByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type ExportByIdQuery = { export: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, executionTimeMs: number | null, error: { errorCode: ExportErrorCode, message: string } | null, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null, bytesWritten: number } } };

export type CreateExportMutationVariables = Exact<{
  input: CreateExportInput;
}>;


export type CreateExportMutation = { createExport: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, timeZone: string, locale: string, compression: Compression | null, passwordProtected: boolean, error: { errorCode: ExportErrorCode, message: string } | null, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null, bytesWritten: number } } };

export type ExportUpdatedSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type ExportUpdatedSubscription = { exportUpdated: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, timeZone: string, locale: string, compression: Compression | null, passwordProtected: boolean, error: { errorCode: ExportErrorCode, message: string } | null, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null, bytesWritten: number } } };

export type CancelExportMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelExportMutation = { cancelExport: { id: string, revision: number, status: ExportStatus } };

export type RetryExportMutationVariables = Exact<{
  id: string | number;
}>;


export type RetryExportMutation = { retryExport: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, timeZone: string, locale: string, compression: Compression | null, passwordProtected: boolean, error: { errorCode: ExportErrorCode, message: string } | null, progress: { rowsWritten: number, rowsTotal: number | null, percent: number | null, etaSeconds: number | null, bytesWritten: number } } };

export type DeleteExportMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteExportMutation = { deleteExport: string };

export type ExportsListQueryVariables = Exact<{
  filter?: ExportFilter | null | undefined;
}>;


export type ExportsListQuery = { exports: { totalCount: number, edges: Array<{ node: { id: string, revision: number, status: ExportStatus, format: ExportFormat, reportName: string, reportId: string | null, reportReadable: boolean, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, executionTimeMs: number | null, triggeredBy: ExportTrigger, initiatedBy: string, createdAt: string, completedAt: string | null, expiresAt: string | null, fileExpiredAt: string | null, truncated: boolean | null, schedule: { id: string, name: string } | null, error: { errorCode: ExportErrorCode, message: string } | null, progress: { percent: number | null, rowsWritten: number, rowsTotal: number | null } } }> } };

export type ExportsChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ExportsChangedSubscription = { exportsChanged: { id: string, revision: number, status: ExportStatus, rowCount: number | null, fileSize: number | null, downloadUrl: string | null, fileName: string | null, executionTimeMs: number | null, completedAt: string | null, expiresAt: string | null, error: { errorCode: ExportErrorCode, message: string } | null, progress: { percent: number | null, rowsWritten: number, rowsTotal: number | null } } };

export type ReportsLastExportsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportsLastExportsQuery = { exports: { edges: Array<{ node: { id: string, revision: number, reportId: string | null, status: ExportStatus, format: ExportFormat, createdAt: string } }> } };

export type FilterColumnValuesQueryVariables = Exact<{
  source: string;
  field: string;
  search?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type FilterColumnValuesQuery = { columnValues: Array<{ value: string, count: number }> };

export type ReportsListQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportsListQuery = { reports: { totalCount: number, edges: Array<{ node: { id: string, name: string, description: string | null, tags: Array<string>, updatedAt: string, createdBy: string, definition: { source: string } } }> } };

export type BuilderTablesQueryVariables = Exact<{ [key: string]: never; }>;


export type BuilderTablesQuery = { tables: Array<{ name: string, label: string, description: string, defaultTimeColumn: string, columns: Array<{ name: string, label: string, kind: ColumnKind, type: string, dimension: boolean, measure: boolean, filter: boolean, time: boolean, nullable: boolean, description: string, freeText: boolean, classification: Classification, masking: MaskMode }> }> };

export type BuilderReportQueryVariables = Exact<{
  id: string | number;
}>;


export type BuilderReportQuery = { report: { id: string, name: string, description: string | null, tags: Array<string>, isPublic: boolean, updatedAt: string, rowLimit: number, canEdit: boolean, visualization: { type: ChartType, series: Array<string> | null, stacked: boolean | null, donut: boolean | null, xAxisLabel: string | null, yAxisLabel: string | null, maxPoints: number | null } | null, definition: { source: string, rowLimit: number | null, timeZone: string | null, locale: string | null, weekStart: WeekStart | null, raw: boolean | null, dimensions: Array<{ field: string, grain: TimeGrain | null, alias: string | null }> | null, measures: Array<{ fn: MeasureFn, field: string | null, alias: string | null }> | null, filters: Array<{ field: string, op: FilterOp, value: string | number | boolean | null, values: Array<string | number | boolean> | null, param: string | null }> | null, orderBy: Array<{ key: string, direction: SortDirection | null }> | null, timeRange: { field: string | null, from: string | null, to: string | null, period: NamedPeriod | null, param: string | null, compare: CompareMode | null, last: { n: number, unit: TimeUnit, includeCurrent: boolean | null } | null, rolling: { n: number, unit: TimeUnit } | null } | null, parameters: Array<{ name: string, label: string | null, type: ParameterType, multiple: boolean | null, required: boolean | null, default: unknown, options: Array<string> | null, optionsColumn: string | null }> | null } } };

export type BuilderValidateQueryVariables = Exact<{
  definition: ReportDefinitionInput;
}>;


export type BuilderValidateQuery = { validateReport: { valid: boolean, errors: Array<{ path: string, message: string }> } };

export type BuilderPreviewQueryVariables = Exact<{
  input: PreviewReportInput;
}>;


export type BuilderPreviewQuery = { previewReport: { asOf: string, elapsedMs: number, totalCount: number, truncated: boolean, rows: Array<unknown>, timeZone: string, parameterValues: unknown, window: { from: string, to: string, fromLocal: string, toLocal: string } | null, columns: Array<{ name: string, label: string, type: ColumnKind }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type BuilderCreateReportMutationVariables = Exact<{
  input: CreateReportInput;
}>;


export type BuilderCreateReportMutation = { createReport: { id: string, name: string, updatedAt: string } };

export type BuilderUpdateReportMutationVariables = Exact<{
  id: string | number;
  input: UpdateReportInput;
}>;


export type BuilderUpdateReportMutation = { updateReport: { id: string, name: string, description: string | null, updatedAt: string, visualization: { type: ChartType, series: Array<string> | null, stacked: boolean | null, donut: boolean | null, xAxisLabel: string | null, yAxisLabel: string | null, maxPoints: number | null } | null } };

export type BuilderDeleteReportMutationVariables = Exact<{
  id: string | number;
  force: boolean;
}>;


export type BuilderDeleteReportMutation = { deleteReport: string };

export type SchedulesListQueryVariables = Exact<{ [key: string]: never; }>;


export type SchedulesListQuery = { schedules: { totalCount: number, edges: Array<{ node: { id: string, name: string, reportId: string | null, dashboardId: string | null, adminReport: AdminReport | null, cron: string, cronDescription: string, timezone: string, status: ScheduleStatus, pausedReason: string | null, nextRunAt: string | null, lastRunAt: string | null, upcomingRuns: Array<{ local: string, utc: string }>, executions: { edges: Array<{ node: { id: string, status: ExecutionStatus, scheduledFor: string } }> } } }> }, reports: { edges: Array<{ node: { id: string, name: string } }> } };

export type ScheduleReportOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduleReportOptionsQuery = { reports: { edges: Array<{ node: { id: string, name: string, definition: { timeZone: string | null, locale: string | null, timeRange: { from: string | null, to: string | null, period: NamedPeriod | null, last: { n: number, unit: TimeUnit, includeCurrent: boolean | null } | null, rolling: { n: number, unit: TimeUnit } | null } | null, parameters: Array<{ name: string, label: string | null, type: ParameterType, multiple: boolean | null, required: boolean | null, default: unknown, options: Array<string> | null, optionsColumn: string | null }> | null, measures: Array<{ alias: string | null }> | null } } }> } };

export type ScheduleDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ScheduleDetailQuery = { schedule: { id: string, name: string, description: string | null, reportId: string | null, dashboardId: string | null, cron: string, cronDescription: string, timezone: string, locale: string | null, status: ScheduleStatus, pausedReason: string | null, format: ExportFormat, delivery: DeliveryMethod, recipients: Array<string>, ownerEmail: string | null, skipIfEmpty: boolean, businessDaysOnly: boolean, holidayCountry: string | null, holidayRegion: string | null, onlyIfChanged: boolean, nextRunAt: string | null, lastRunAt: string | null, runCount: number, failureCount: number, compression: Compression | null, passwordProtected: boolean, fileNameTemplate: string | null, paperSize: PaperSize | null, orientation: PageOrientation | null, parameterValues: unknown, slackChannels: Array<string>, webhookUrls: Array<string>, hasWebhookSecret: boolean, teamsWebhooks: Array<string>, recipientParameters: Array<{ recipient: string, parameterValues: unknown }>, sftpTargets: Array<{ id: string, host: string, port: number, username: string, pathTemplate: string, hostKeyFingerprint: string, hasPrivateKey: boolean }>, alertCondition: { kind: AlertConditionKind, column: string | null, comparison: AlertComparison | null, threshold: number | null, changePercent: number | null, notifyOnce: boolean | null } | null, emailConfig: { attachment: AttachmentPolicy | null, subject: string | null, message: string | null }, s3Config: { bucket: string, keyTemplate: string } | null } };

export type ScheduleExecutionsQueryVariables = Exact<{
  id: string | number;
}>;


export type ScheduleExecutionsQuery = { schedule: { id: string, executions: { totalCount: number, edges: Array<{ node: { id: string, status: ExecutionStatus, scheduledFor: string, triggeredBy: ExecutionTrigger, createdAt: string, startedAt: string | null, completedAt: string | null, recipients: Array<string> | null, failure: { errorCode: ExportErrorCode, message: string } | null, export: { id: string, revision: number, rowCount: number | null, status: ExportStatus } | null, deliveries: Array<{ id: string, channel: DeliveryChannel, target: string, status: DeliveryStatus, lastError: string | null, attempts: number, sentAt: string | null, providerStatus: ProviderStatus | null, providerDetail: string | null }>, condition: { kind: AlertConditionKind, met: boolean, armed: boolean, notified: boolean, observed: number | null, threshold: number | null, previous: number | null, changePercent: number | null, summary: string } | null } }> } } };

export type UpcomingRunsPreviewQueryVariables = Exact<{
  cron: string;
  timezone: string;
  businessDaysOnly?: boolean | null | undefined;
  holidayCountry?: string | null | undefined;
  holidayRegion?: string | null | undefined;
}>;


export type UpcomingRunsPreviewQuery = { upcomingRuns: Array<{ local: string, utc: string, skipReason: string | null }> };

export type CreateScheduleMutationVariables = Exact<{
  input: CreateScheduleInput;
}>;


export type CreateScheduleMutation = { createSchedule: { id: string, name: string, status: ScheduleStatus, webhookSecret: string | null } };

export type UpdateScheduleMutationVariables = Exact<{
  id: string | number;
  input: UpdateScheduleInput;
}>;


export type UpdateScheduleMutation = { updateSchedule: { id: string, name: string, description: string | null, reportId: string | null, dashboardId: string | null, cron: string, cronDescription: string, timezone: string, locale: string | null, status: ScheduleStatus, pausedReason: string | null, format: ExportFormat, delivery: DeliveryMethod, recipients: Array<string>, ownerEmail: string | null, skipIfEmpty: boolean, businessDaysOnly: boolean, nextRunAt: string | null, compression: Compression | null, passwordProtected: boolean, fileNameTemplate: string | null, paperSize: PaperSize | null, orientation: PageOrientation | null, slackChannels: Array<string>, webhookUrls: Array<string>, hasWebhookSecret: boolean, webhookSecret: string | null, teamsWebhooks: Array<string>, recipientParameters: Array<{ recipient: string, parameterValues: unknown }>, sftpTargets: Array<{ id: string, host: string, port: number, username: string, pathTemplate: string, hostKeyFingerprint: string, hasPrivateKey: boolean }>, emailConfig: { attachment: AttachmentPolicy | null, subject: string | null, message: string | null }, s3Config: { bucket: string, keyTemplate: string } | null } };

export type DeleteScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteScheduleMutation = { deleteSchedule: string };

export type PauseScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type PauseScheduleMutation = { pauseSchedule: { id: string, status: ScheduleStatus, pausedReason: string | null, nextRunAt: string | null } };

export type ResumeScheduleMutationVariables = Exact<{
  id: string | number;
}>;


export type ResumeScheduleMutation = { resumeSchedule: { id: string, status: ScheduleStatus, pausedReason: string | null, nextRunAt: string | null } };

export type RunScheduleNowMutationVariables = Exact<{
  id: string | number;
  parameterValues?: unknown;
}>;


export type RunScheduleNowMutation = { runScheduleNow: { id: string, status: ExecutionStatus, scheduledFor: string } };

export type ResendFailedDeliveriesMutationVariables = Exact<{
  executionId: string | number;
}>;


export type ResendFailedDeliveriesMutation = { resendFailedDeliveries: { id: string, status: ExecutionStatus, deliveries: Array<{ id: string, status: DeliveryStatus, lastError: string | null, attempts: number, sentAt: string | null }> } };

export type RotateWebhookSecretMutationVariables = Exact<{
  scheduleId: string | number;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret: string };

export type SlackConnectionStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type SlackConnectionStatusQuery = { slackConnection: { slackConnected: boolean, teamName: string | null, connectedAt: string | null } };

export type ConnectSlackMutationVariables = Exact<{
  token: string;
}>;


export type ConnectSlackMutation = { connectSlack: { slackConnected: boolean, teamName: string | null, connectedAt: string | null } };

export type DisconnectSlackMutationVariables = Exact<{ [key: string]: never; }>;


export type DisconnectSlackMutation = { disconnectSlack: { slackConnected: boolean, teamName: string | null, connectedAt: string | null } };

export type ScheduleDashboardOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduleDashboardOptionsQuery = { dashboards: Array<{ id: string, name: string }> };

export type ReportGrantsQueryVariables = Exact<{
  id: string | number;
}>;


export type ReportGrantsQuery = { report: { id: string, name: string, canEdit: boolean, grants: Array<{ id: string, userId: string | null, role: RoleName | null, level: AccessLevel, grantedBy: string }> | null } };

export type DashboardGrantsQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardGrantsQuery = { dashboard: { id: string, name: string, canEdit: boolean, grants: Array<{ id: string, userId: string | null, role: RoleName | null, level: AccessLevel, grantedBy: string }> | null } };

export type ShareableUsersQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type ShareableUsersQuery = { shareableUsers: Array<{ userId: string, roleName: RoleName | null }> };

export type GrantAccessMutationVariables = Exact<{
  objectType: SharedObjectType;
  objectId: string | number;
  principal: PrincipalInput;
  level: AccessLevel;
}>;


export type GrantAccessMutation = { grantAccess: { id: string, userId: string | null, role: RoleName | null, level: AccessLevel, grantedBy: string } };

export type RevokeAccessMutationVariables = Exact<{
  objectType: SharedObjectType;
  objectId: string | number;
  principal: PrincipalInput;
}>;


export type RevokeAccessMutation = { revokeAccess: boolean };

export type SuppressionsQueryVariables = Exact<{
  email?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type SuppressionsQuery = { suppressions: Array<{ id: string, email: string, reason: SuppressionReason, scheduleId: string | null, detail: string | null, deliveryId: string | null, createdAt: string }>, schedules: { edges: Array<{ node: { id: string, name: string } }> } };

export type RemoveSuppressionMutationVariables = Exact<{
  id: string | number;
}>;


export type RemoveSuppressionMutation = { removeSuppression: { id: string, email: string } };

export type ReportTemplatesGalleryQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportTemplatesGalleryQuery = { reportTemplates: Array<{ id: string, name: string, description: string, builtIn: boolean, kind: string | null, source: string, parameters: Array<{ name: string, label: string | null, type: ParameterType, multiple: boolean | null, required: boolean | null, default: unknown, options: Array<string> | null, optionsColumn: string | null }> }> };

export type CreateReportFromTemplateGalleryMutationVariables = Exact<{
  templateId: string | number;
  name: string;
  parameterValues?: unknown;
  timeZone?: string | null | undefined;
}>;


export type CreateReportFromTemplateGalleryMutation = { createReportFromTemplate: { id: string, name: string } };

export type CachedExportRevisionFragment = { revision: number };

export const CachedExportRevisionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CachedExportRevision"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Export"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}}]}}]} as unknown as DocumentNode<CachedExportRevisionFragment, unknown>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetType"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"details"}},{"kind":"Field","name":{"kind":"Name","value":"ip"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const AuditUserActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditUserActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditUserActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUses"}},{"kind":"Field","name":{"kind":"Name","value":"previews"}},{"kind":"Field","name":{"kind":"Name","value":"reportReads"}},{"kind":"Field","name":{"kind":"Name","value":"exportsCsv"}},{"kind":"Field","name":{"kind":"Name","value":"exportsXlsx"}},{"kind":"Field","name":{"kind":"Name","value":"exportsPdf"}},{"kind":"Field","name":{"kind":"Name","value":"exportsJson"}},{"kind":"Field","name":{"kind":"Name","value":"downloads"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleChanges"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}}]}}]}}]}}]} as unknown as DocumentNode<AuditUserActivityQuery, AuditUserActivityQueryVariables>;
export const AuditComplianceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditCompliance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditCompliance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}}]}}]}}]} as unknown as DocumentNode<AuditComplianceQuery, AuditComplianceQueryVariables>;
export const CreateAuditExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAuditExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAuditExportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAuditExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateAuditExportMutation, CreateAuditExportMutationVariables>;
export const AdminReportSchedulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminReportSchedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"adminReport"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"cronDescription"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdminReportSchedulesQuery, AdminReportSchedulesQueryVariables>;
export const CreateAdminReportScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateAdminReportSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"adminReport"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<CreateAdminReportScheduleMutation, CreateAdminReportScheduleMutationVariables>;
export const RunAdminReportNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunAdminReportNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScheduleNow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RunAdminReportNowMutation, RunAdminReportNowMutationVariables>;
export const DeleteAdminReportScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAdminReportSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteAdminReportScheduleMutation, DeleteAdminReportScheduleMutationVariables>;
export const DataProtectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DataProtection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maskingPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"catalogClassification"}},{"kind":"Field","name":{"kind":"Name","value":"masking"}}]}}]}}]}}]} as unknown as DocumentNode<DataProtectionQuery, DataProtectionQueryVariables>;
export const UpdateMaskingPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMaskingPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rules"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MaskingRuleInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMaskingPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rules"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"mode"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateMaskingPolicyMutation, UpdateMaskingPolicyMutationVariables>;
export const ClassifyColumnsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClassifyColumns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"columns"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ColumnClassificationInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"classifyColumns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"columns"},"value":{"kind":"Variable","name":{"kind":"Name","value":"columns"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"catalogClassification"}},{"kind":"Field","name":{"kind":"Name","value":"masking"}}]}}]}}]}}]} as unknown as DocumentNode<ClassifyColumnsMutation, ClassifyColumnsMutationVariables>;
export const DashboardsListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardsList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"favorite"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardsListQuery, DashboardsListQueryVariables>;
export const DashboardViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"favorite"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"timeRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"last"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"includeCurrent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rolling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterValues"}},{"kind":"Field","name":{"kind":"Name","value":"tiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"accessible"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"w"}},{"kind":"Field","name":{"kind":"Name","value":"h"}},{"kind":"Field","name":{"kind":"Name","value":"visualization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"series"}},{"kind":"Field","name":{"kind":"Name","value":"stacked"}},{"kind":"Field","name":{"kind":"Name","value":"donut"}},{"kind":"Field","name":{"kind":"Name","value":"xAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"yAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}}]}},{"kind":"Field","name":{"kind":"Name","value":"report"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"visualization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"series"}},{"kind":"Field","name":{"kind":"Name","value":"stacked"}},{"kind":"Field","name":{"kind":"Name","value":"donut"}},{"kind":"Field","name":{"kind":"Name","value":"xAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"yAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}}]}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"raw"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"dimensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fn"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardViewQuery, DashboardViewQueryVariables>;
export const DashboardTileRowsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardTileRows"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dashboardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tileId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeRange"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DashboardTimeRangeInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboardTileRows"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dashboardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dashboardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"tileId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tileId"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeRange"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeRange"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"window"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fromLocal"}},{"kind":"Field","name":{"kind":"Name","value":"toLocal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardTileRowsQuery, DashboardTileRowsQueryVariables>;
export const UpdateDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDashboardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"timeRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"last"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"includeCurrent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rolling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"x"}},{"kind":"Field","name":{"kind":"Name","value":"y"}},{"kind":"Field","name":{"kind":"Name","value":"w"}},{"kind":"Field","name":{"kind":"Name","value":"h"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateDashboardMutation, UpdateDashboardMutationVariables>;
export const CreateDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDashboardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateDashboardMutation, CreateDashboardMutationVariables>;
export const CreateDashboardFromTemplateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDashboardFromTemplate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"template"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDashboardFromTemplate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"template"},"value":{"kind":"Variable","name":{"kind":"Name","value":"template"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateDashboardFromTemplateMutation, CreateDashboardFromTemplateMutationVariables>;
export const DeleteDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteDashboardMutation, DeleteDashboardMutationVariables>;
export const FavoriteDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FavoriteDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"favoriteDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"favorite"}}]}}]}}]} as unknown as DocumentNode<FavoriteDashboardMutation, FavoriteDashboardMutationVariables>;
export const UnfavoriteDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnfavoriteDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unfavoriteDashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"favorite"}}]}}]}}]} as unknown as DocumentNode<UnfavoriteDashboardMutation, UnfavoriteDashboardMutationVariables>;
export const DashboardPdfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardPdf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dashboardId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeRange"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DashboardTimeRangeInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboardPdf"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dashboardId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dashboardId"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeRange"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeRange"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"contentType"}},{"kind":"Field","name":{"kind":"Name","value":"byteSize"}},{"kind":"Field","name":{"kind":"Name","value":"base64"}}]}}]}}]} as unknown as DocumentNode<DashboardPdfQuery, DashboardPdfQueryVariables>;
export const CreateDashboardExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDashboardExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDashboardExportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDashboardExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bytesWritten"}}]}}]}}]}}]} as unknown as DocumentNode<CreateDashboardExportMutation, CreateDashboardExportMutationVariables>;
export const ExportByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"export"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"executionTimeMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bytesWritten"}}]}}]}}]}}]} as unknown as DocumentNode<ExportByIdQuery, ExportByIdQueryVariables>;
export const CreateExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateExportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bytesWritten"}}]}}]}}]}}]} as unknown as DocumentNode<CreateExportMutation, CreateExportMutationVariables>;
export const ExportUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExportUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bytesWritten"}}]}}]}}]}}]} as unknown as DocumentNode<ExportUpdatedSubscription, ExportUpdatedSubscriptionVariables>;
export const CancelExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CancelExportMutation, CancelExportMutationVariables>;
export const RetryExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"etaSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bytesWritten"}}]}}]}}]}}]} as unknown as DocumentNode<RetryExportMutation, RetryExportMutationVariables>;
export const DeleteExportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteExport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteExport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteExportMutation, DeleteExportMutationVariables>;
export const ExportsListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportsList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExportFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"reportName"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"reportReadable"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"executionTimeMs"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"initiatedBy"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"fileExpiredAt"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExportsListQuery, ExportsListQueryVariables>;
export const ExportsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ExportsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportsChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"fileSize"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"executionTimeMs"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rowsWritten"}},{"kind":"Field","name":{"kind":"Name","value":"rowsTotal"}}]}}]}}]}}]} as unknown as DocumentNode<ExportsChangedSubscription, ExportsChangedSubscriptionVariables>;
export const ReportsLastExportsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportsLastExports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReportsLastExportsQuery, ReportsLastExportsQueryVariables>;
export const FilterColumnValuesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FilterColumnValues"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"field"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"columnValues"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}},{"kind":"Argument","name":{"kind":"Name","value":"field"},"value":{"kind":"Variable","name":{"kind":"Name","value":"field"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<FilterColumnValuesQuery, FilterColumnValuesQueryVariables>;
export const ReportsListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportsList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReportsListQuery, ReportsListQueryVariables>;
export const BuilderTablesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuilderTables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tables"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"defaultTimeColumn"}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"filter"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"nullable"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"freeText"}},{"kind":"Field","name":{"kind":"Name","value":"classification"}},{"kind":"Field","name":{"kind":"Name","value":"masking"}}]}}]}}]}}]} as unknown as DocumentNode<BuilderTablesQuery, BuilderTablesQueryVariables>;
export const BuilderReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuilderReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"isPublic"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"rowLimit"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"visualization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"series"}},{"kind":"Field","name":{"kind":"Name","value":"stacked"}},{"kind":"Field","name":{"kind":"Name","value":"donut"}},{"kind":"Field","name":{"kind":"Name","value":"xAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"yAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}}]}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"rowLimit"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"weekStart"}},{"kind":"Field","name":{"kind":"Name","value":"raw"}},{"kind":"Field","name":{"kind":"Name","value":"dimensions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"grain"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fn"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"alias"}}]}},{"kind":"Field","name":{"kind":"Name","value":"filters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"op"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"values"}},{"kind":"Field","name":{"kind":"Name","value":"param"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orderBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"param"}},{"kind":"Field","name":{"kind":"Name","value":"compare"}},{"kind":"Field","name":{"kind":"Name","value":"last"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"includeCurrent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rolling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiple"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"default"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"optionsColumn"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BuilderReportQuery, BuilderReportQueryVariables>;
export const BuilderValidateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuilderValidate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"definition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportDefinitionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"definition"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BuilderValidateQuery, BuilderValidateQueryVariables>;
export const BuilderPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuilderPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PreviewReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedMs"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"window"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"fromLocal"}},{"kind":"Field","name":{"kind":"Name","value":"toLocal"}}]}},{"kind":"Field","name":{"kind":"Name","value":"columns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameterValues"}}]}}]}}]} as unknown as DocumentNode<BuilderPreviewQuery, BuilderPreviewQueryVariables>;
export const BuilderCreateReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BuilderCreateReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<BuilderCreateReportMutation, BuilderCreateReportMutationVariables>;
export const BuilderUpdateReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BuilderUpdateReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateReportInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"visualization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"series"}},{"kind":"Field","name":{"kind":"Name","value":"stacked"}},{"kind":"Field","name":{"kind":"Name","value":"donut"}},{"kind":"Field","name":{"kind":"Name","value":"xAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"yAxisLabel"}},{"kind":"Field","name":{"kind":"Name","value":"maxPoints"}}]}}]}}]}}]} as unknown as DocumentNode<BuilderUpdateReportMutation, BuilderUpdateReportMutationVariables>;
export const BuilderDeleteReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BuilderDeleteReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"force"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"force"},"value":{"kind":"Variable","name":{"kind":"Name","value":"force"}}}]}]}}]} as unknown as DocumentNode<BuilderDeleteReportMutation, BuilderDeleteReportMutationVariables>;
export const SchedulesListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SchedulesList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"dashboardId"}},{"kind":"Field","name":{"kind":"Name","value":"adminReport"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"cronDescription"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"upcomingRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"local"}},{"kind":"Field","name":{"kind":"Name","value":"utc"}}]}},{"kind":"Field","name":{"kind":"Name","value":"executions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"reports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SchedulesListQuery, SchedulesListQueryVariables>;
export const ScheduleReportOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleReportOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reports"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"definition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"timeRange"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"last"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"includeCurrent"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rolling"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"n"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiple"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"default"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"optionsColumn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alias"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScheduleReportOptionsQuery, ScheduleReportOptionsQueryVariables>;
export const ScheduleDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"dashboardId"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"cronDescription"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"ownerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"skipIfEmpty"}},{"kind":"Field","name":{"kind":"Name","value":"businessDaysOnly"}},{"kind":"Field","name":{"kind":"Name","value":"holidayCountry"}},{"kind":"Field","name":{"kind":"Name","value":"holidayRegion"}},{"kind":"Field","name":{"kind":"Name","value":"onlyIfChanged"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"runCount"}},{"kind":"Field","name":{"kind":"Name","value":"failureCount"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"fileNameTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"paperSize"}},{"kind":"Field","name":{"kind":"Name","value":"orientation"}},{"kind":"Field","name":{"kind":"Name","value":"parameterValues"}},{"kind":"Field","name":{"kind":"Name","value":"recipientParameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"parameterValues"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slackChannels"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrls"}},{"kind":"Field","name":{"kind":"Name","value":"hasWebhookSecret"}},{"kind":"Field","name":{"kind":"Name","value":"teamsWebhooks"}},{"kind":"Field","name":{"kind":"Name","value":"sftpTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"pathTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"hostKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"hasPrivateKey"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alertCondition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"column"}},{"kind":"Field","name":{"kind":"Name","value":"comparison"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"changePercent"}},{"kind":"Field","name":{"kind":"Name","value":"notifyOnce"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emailConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachment"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"s3Config"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"keyTemplate"}}]}}]}}]}}]} as unknown as DocumentNode<ScheduleDetailQuery, ScheduleDetailQueryVariables>;
export const ScheduleExecutionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleExecutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"executions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}},{"kind":"Field","name":{"kind":"Name","value":"triggeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"failure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"export"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"rowCount"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"channel"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"providerDetail"}}]}},{"kind":"Field","name":{"kind":"Name","value":"condition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"armed"}},{"kind":"Field","name":{"kind":"Name","value":"notified"}},{"kind":"Field","name":{"kind":"Name","value":"observed"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"previous"}},{"kind":"Field","name":{"kind":"Name","value":"changePercent"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScheduleExecutionsQuery, ScheduleExecutionsQueryVariables>;
export const UpcomingRunsPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UpcomingRunsPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cron"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"businessDaysOnly"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"holidayCountry"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"holidayRegion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upcomingRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"cron"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cron"}}},{"kind":"Argument","name":{"kind":"Name","value":"timezone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}}},{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"5"}},{"kind":"Argument","name":{"kind":"Name","value":"businessDaysOnly"},"value":{"kind":"Variable","name":{"kind":"Name","value":"businessDaysOnly"}}},{"kind":"Argument","name":{"kind":"Name","value":"holidayCountry"},"value":{"kind":"Variable","name":{"kind":"Name","value":"holidayCountry"}}},{"kind":"Argument","name":{"kind":"Name","value":"holidayRegion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"holidayRegion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"local"}},{"kind":"Field","name":{"kind":"Name","value":"utc"}},{"kind":"Field","name":{"kind":"Name","value":"skipReason"}}]}}]}}]} as unknown as DocumentNode<UpcomingRunsPreviewQuery, UpcomingRunsPreviewQueryVariables>;
export const CreateScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"webhookSecret"}}]}}]}}]} as unknown as DocumentNode<CreateScheduleMutation, CreateScheduleMutationVariables>;
export const UpdateScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reportId"}},{"kind":"Field","name":{"kind":"Name","value":"dashboardId"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"cronDescription"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"delivery"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"ownerEmail"}},{"kind":"Field","name":{"kind":"Name","value":"skipIfEmpty"}},{"kind":"Field","name":{"kind":"Name","value":"businessDaysOnly"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"compression"}},{"kind":"Field","name":{"kind":"Name","value":"passwordProtected"}},{"kind":"Field","name":{"kind":"Name","value":"fileNameTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"paperSize"}},{"kind":"Field","name":{"kind":"Name","value":"orientation"}},{"kind":"Field","name":{"kind":"Name","value":"recipientParameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"parameterValues"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slackChannels"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrls"}},{"kind":"Field","name":{"kind":"Name","value":"hasWebhookSecret"}},{"kind":"Field","name":{"kind":"Name","value":"webhookSecret"}},{"kind":"Field","name":{"kind":"Name","value":"teamsWebhooks"}},{"kind":"Field","name":{"kind":"Name","value":"sftpTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"port"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"pathTemplate"}},{"kind":"Field","name":{"kind":"Name","value":"hostKeyFingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"hasPrivateKey"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emailConfig"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachment"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"s3Config"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucket"}},{"kind":"Field","name":{"kind":"Name","value":"keyTemplate"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateScheduleMutation, UpdateScheduleMutationVariables>;
export const DeleteScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteScheduleMutation, DeleteScheduleMutationVariables>;
export const PauseScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PauseSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pauseSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<PauseScheduleMutation, PauseScheduleMutationVariables>;
export const ResumeScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResumeSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resumeSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pausedReason"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ResumeScheduleMutation, ResumeScheduleMutationVariables>;
export const RunScheduleNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunScheduleNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameterValues"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScheduleNow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"parameterValues"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameterValues"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledFor"}}]}}]}}]} as unknown as DocumentNode<RunScheduleNowMutation, RunScheduleNowMutationVariables>;
export const ResendFailedDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResendFailedDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"executionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendFailedDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"executionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"executionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}}]}}]}}]}}]} as unknown as DocumentNode<ResendFailedDeliveriesMutation, ResendFailedDeliveriesMutationVariables>;
export const RotateWebhookSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateWebhookSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scheduleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}}}]}]}}]} as unknown as DocumentNode<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const SlackConnectionStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SlackConnectionStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slackConnection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slackConnected"}},{"kind":"Field","name":{"kind":"Name","value":"teamName"}},{"kind":"Field","name":{"kind":"Name","value":"connectedAt"}}]}}]}}]} as unknown as DocumentNode<SlackConnectionStatusQuery, SlackConnectionStatusQueryVariables>;
export const ConnectSlackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConnectSlack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectSlack"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slackConnected"}},{"kind":"Field","name":{"kind":"Name","value":"teamName"}},{"kind":"Field","name":{"kind":"Name","value":"connectedAt"}}]}}]}}]} as unknown as DocumentNode<ConnectSlackMutation, ConnectSlackMutationVariables>;
export const DisconnectSlackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisconnectSlack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disconnectSlack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slackConnected"}},{"kind":"Field","name":{"kind":"Name","value":"teamName"}},{"kind":"Field","name":{"kind":"Name","value":"connectedAt"}}]}}]}}]} as unknown as DocumentNode<DisconnectSlackMutation, DisconnectSlackMutationVariables>;
export const ScheduleDashboardOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleDashboardOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ScheduleDashboardOptionsQuery, ScheduleDashboardOptionsQueryVariables>;
export const ReportGrantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportGrants"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"report"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"}}]}}]}}]}}]} as unknown as DocumentNode<ReportGrantsQuery, ReportGrantsQueryVariables>;
export const DashboardGrantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardGrants"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dashboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"canEdit"}},{"kind":"Field","name":{"kind":"Name","value":"grants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardGrantsQuery, DashboardGrantsQueryVariables>;
export const ShareableUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShareableUsers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shareableUsers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"roleName"}}]}}]}}]} as unknown as DocumentNode<ShareableUsersQuery, ShareableUsersQueryVariables>;
export const GrantAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objectType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SharedObjectType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"principal"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PrincipalInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"level"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AccessLevel"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"objectType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objectType"}}},{"kind":"Argument","name":{"kind":"Name","value":"objectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"principal"},"value":{"kind":"Variable","name":{"kind":"Name","value":"principal"}}},{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"Variable","name":{"kind":"Name","value":"level"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"}}]}}]}}]} as unknown as DocumentNode<GrantAccessMutation, GrantAccessMutationVariables>;
export const RevokeAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objectType"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SharedObjectType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"principal"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PrincipalInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"objectType"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objectType"}}},{"kind":"Argument","name":{"kind":"Name","value":"objectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"objectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"principal"},"value":{"kind":"Variable","name":{"kind":"Name","value":"principal"}}}]}]}}]} as unknown as DocumentNode<RevokeAccessMutation, RevokeAccessMutationVariables>;
export const SuppressionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Suppressions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"deliveryId"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SuppressionsQuery, SuppressionsQueryVariables>;
export const RemoveSuppressionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveSuppression"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeSuppression"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<RemoveSuppressionMutation, RemoveSuppressionMutationVariables>;
export const ReportTemplatesGalleryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReportTemplatesGallery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportTemplates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"multiple"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","name":{"kind":"Name","value":"default"}},{"kind":"Field","name":{"kind":"Name","value":"options"}},{"kind":"Field","name":{"kind":"Name","value":"optionsColumn"}}]}}]}}]}}]} as unknown as DocumentNode<ReportTemplatesGalleryQuery, ReportTemplatesGalleryQueryVariables>;
export const CreateReportFromTemplateGalleryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateReportFromTemplateGallery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"templateId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameterValues"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSON"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timeZone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createReportFromTemplate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"templateId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"templateId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"parameterValues"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameterValues"}}},{"kind":"Argument","name":{"kind":"Name","value":"timeZone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timeZone"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateReportFromTemplateGalleryMutation, CreateReportFromTemplateGalleryMutationVariables>;