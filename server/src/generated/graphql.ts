export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** A filter operand: string, number or boolean (dates as ISO-8601 strings). */
  FilterValue: { input: string | number | boolean; output: string | number | boolean; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** AUTO attaches files up to the size limit and links larger ones. */
export type AttachmentPolicy =
  | 'ATTACH'
  | 'AUTO'
  | 'LINK';

export type AuditLogConnection = {
  __typename?: 'AuditLogConnection';
  edges: Array<AuditLogEdge>;
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

export type AuditLogEdge = {
  __typename?: 'AuditLogEdge';
  cursor: Scalars['String']['output'];
  node: AuditLogEntry;
};

/** Who did what, when, from where. */
export type AuditLogEntry = {
  __typename?: 'AuditLogEntry';
  /** e.g. export.create, export.download, report.update */
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  details: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  ip: Maybe<Scalars['String']['output']>;
  targetId: Maybe<Scalars['String']['output']>;
  targetType: Scalars['String']['output'];
  userAgent: Maybe<Scalars['String']['output']>;
};

/** GraphQL-friendly family of a ClickHouse type. */
export type ColumnKind =
  | 'BOOLEAN'
  | 'DATE'
  | 'DATETIME'
  | 'NUMBER'
  | 'STRING';

export type CreateExportInput = {
  format: ExportFormat;
  options?: InputMaybe<ExportOptionsInput>;
  reportId: Scalars['ID']['input'];
};

export type CreateReportInput = {
  definition: ReportDefinitionInput;
  description?: InputMaybe<Scalars['String']['input']>;
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  visualization?: InputMaybe<Scalars['JSON']['input']>;
};

export type CreateScheduleInput = {
  businessDaysOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** 5-field cron; or give preset. */
  cron?: InputMaybe<Scalars['String']['input']>;
  delivery?: InputMaybe<DeliveryMethod>;
  description?: InputMaybe<Scalars['String']['input']>;
  emailConfig?: InputMaybe<EmailConfigInput>;
  format?: InputMaybe<ExportFormat>;
  name: Scalars['String']['input'];
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  preset?: InputMaybe<SchedulePresetInput>;
  recipients?: InputMaybe<Array<Scalars['String']['input']>>;
  reportId: Scalars['ID']['input'];
  s3Config?: InputMaybe<S3TargetInput>;
  skipIfEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};

export type DefinitionProblem = {
  __typename?: 'DefinitionProblem';
  message: Scalars['String']['output'];
  /** Dotted path into the definition, e.g. `filters.0.value`. */
  path: Scalars['String']['output'];
};

export type Delivery = {
  __typename?: 'Delivery';
  attempts: Scalars['Int']['output'];
  channel: DeliveryChannel;
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  providerMessageId: Maybe<Scalars['String']['output']>;
  sentAt: Maybe<Scalars['DateTime']['output']>;
  status: DeliveryStatus;
  /** Email address or s3://bucket/key. */
  target: Scalars['String']['output'];
};

export type DeliveryChannel =
  | 'EMAIL'
  | 'S3';

export type DeliveryMethod =
  | 'BOTH'
  | 'EMAIL'
  | 'S3';

export type DeliveryStatus =
  | 'FAILED'
  | 'PENDING'
  /** An attempt is in flight (recorded before the request leaves). */
  | 'SENDING'
  | 'SENT'
  /** The request may have reached the provider but no answer came back; not resent automatically (resendFailedDeliveries resends it). */
  | 'UNCERTAIN'
  | 'UNSUBSCRIBED';

export type Dimension = {
  __typename?: 'Dimension';
  /** Output column name; derived from field and grain when absent. */
  alias: Maybe<Scalars['String']['output']>;
  field: Scalars['String']['output'];
  grain: Maybe<TimeGrain>;
};

export type DimensionInput = {
  /** Output column name; derived from field and grain when absent. */
  alias?: InputMaybe<Scalars['String']['input']>;
  field: Scalars['String']['input'];
  grain?: InputMaybe<TimeGrain>;
};

export type EmailConfig = {
  __typename?: 'EmailConfig';
  attachment: Maybe<AttachmentPolicy>;
  /** Message shown above the summary; same placeholders. */
  message: Maybe<Scalars['String']['output']>;
  /** Subject template: {report} {period} {schedule} {rows}. */
  subject: Maybe<Scalars['String']['output']>;
};

export type EmailConfigInput = {
  attachment?: InputMaybe<AttachmentPolicy>;
  /** Message shown above the summary; same placeholders. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** Subject template: {report} {period} {schedule} {rows}. */
  subject?: InputMaybe<Scalars['String']['input']>;
};

export type Execution = {
  __typename?: 'Execution';
  completedAt: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  deliveries: Array<Delivery>;
  error: Maybe<Scalars['String']['output']>;
  export: Maybe<Export>;
  exportId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  /** Snapshot of what ran: cron, zone, window, definition. */
  parameters: Scalars['JSON']['output'];
  scheduleId: Scalars['ID']['output'];
  /** The slot; relative time ranges resolve against it. */
  scheduledFor: Scalars['DateTime']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: ExecutionStatus;
  triggeredBy: ExecutionTrigger;
};

export type ExecutionConnection = {
  __typename?: 'ExecutionConnection';
  edges: Array<ExecutionEdge>;
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

export type ExecutionEdge = {
  __typename?: 'ExecutionEdge';
  cursor: Scalars['String']['output'];
  node: Execution;
};

export type ExecutionStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'MISSED'
  | 'PARTIALLY_DELIVERED'
  | 'PENDING'
  | 'RUNNING'
  | 'SKIPPED'
  | 'SKIPPED_EMPTY';

export type ExecutionTrigger =
  | 'BACKFILL'
  | 'MANUAL'
  | 'RETRY'
  | 'SCHEDULE';

/** One file produced from a report. */
export type Export = {
  __typename?: 'Export';
  /** The instant relative time ranges resolved against. */
  asOf: Scalars['DateTime']['output'];
  attempts: Scalars['Int']['output'];
  /** sha256 of the file, hex. */
  checksum: Maybe<Scalars['String']['output']>;
  completedAt: Maybe<Scalars['DateTime']['output']>;
  contentType: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** A fresh, expiring link to the file; null until COMPLETED. */
  downloadUrl: Maybe<Scalars['String']['output']>;
  error: Maybe<ExportError>;
  executionTimeMs: Maybe<Scalars['Int']['output']>;
  /** When downloadUrl stops working. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** When retention removed the file; the record stays. */
  fileExpiredAt: Maybe<Scalars['DateTime']['output']>;
  fileName: Maybe<Scalars['String']['output']>;
  fileSize: Maybe<Scalars['Float']['output']>;
  format: ExportFormat;
  id: Scalars['ID']['output'];
  /** The user (or schedule) that started it. */
  initiatedBy: Scalars['String']['output'];
  progress: ExportProgress;
  /** Null once the report is deleted. */
  reportId: Maybe<Scalars['ID']['output']>;
  /** The report name when the export was made. */
  reportName: Scalars['String']['output'];
  /** The export this one retries. */
  retryOf: Maybe<Scalars['ID']['output']>;
  rowCount: Maybe<Scalars['Float']['output']>;
  /** The schedule that produced this export, if any. */
  schedule: Maybe<Schedule>;
  scheduleId: Maybe<Scalars['ID']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: ExportStatus;
  storageKey: Maybe<Scalars['String']['output']>;
  timeZone: Scalars['String']['output'];
  triggeredBy: ExportTrigger;
  /** True when the report's row limit cut the result. */
  truncated: Maybe<Scalars['Boolean']['output']>;
};

export type ExportConnection = {
  __typename?: 'ExportConnection';
  edges: Array<ExportEdge>;
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

export type ExportEdge = {
  __typename?: 'ExportEdge';
  cursor: Scalars['String']['output'];
  node: Export;
};

export type ExportError = {
  __typename?: 'ExportError';
  /** EXPORT_FAILED, REPORT_DELETED, INVALID_DEFINITION, ... */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

export type ExportFilter = {
  format?: InputMaybe<ExportFormat>;
  reportId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ExportStatus>;
};

export type ExportFormat =
  | 'CSV'
  | 'JSON'
  | 'PDF'
  | 'XLSX';

export type ExportOptionsInput = {
  /** CSV: start with a UTF-8 BOM for Excel. */
  bom?: InputMaybe<Scalars['Boolean']['input']>;
  /** JSON: newline-delimited objects instead of an array. */
  ndjson?: InputMaybe<Scalars['Boolean']['input']>;
  /** IANA zone for times shown in PDF/XLSX (default UTC). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

export type ExportProgress = {
  __typename?: 'ExportProgress';
  bytesWritten: Scalars['Float']['output'];
  /** Estimated seconds left at the current rate. */
  etaSeconds: Maybe<Scalars['Int']['output']>;
  /** 0..100 */
  percent: Maybe<Scalars['Float']['output']>;
  /** Rows the export will write; known once counting is done. */
  rowsTotal: Maybe<Scalars['Float']['output']>;
  rowsWritten: Scalars['Float']['output'];
};

/** PENDING → PROCESSING → COMPLETED | FAILED | CANCELLED */
export type ExportStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'PROCESSING';

/** What started the export. */
export type ExportTrigger =
  | 'API'
  | 'BACKFILL'
  | 'MANUAL'
  | 'RETRY'
  | 'SCHEDULE';

export type Filter = {
  __typename?: 'Filter';
  field: Scalars['String']['output'];
  op: FilterOp;
  /** Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS. */
  value: Maybe<Scalars['FilterValue']['output']>;
  /** Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive). */
  values: Maybe<Array<Scalars['FilterValue']['output']>>;
};

export type FilterInput = {
  field: Scalars['String']['input'];
  op: FilterOp;
  /** Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS. */
  value?: InputMaybe<Scalars['FilterValue']['input']>;
  /** Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive). */
  values?: InputMaybe<Array<Scalars['FilterValue']['input']>>;
};

export type FilterOp =
  | 'BETWEEN'
  | 'CONTAINS'
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'IN'
  | 'IS_NOT_NULL'
  | 'IS_NULL'
  | 'LT'
  | 'LTE'
  | 'NEQ'
  | 'NOT_IN';

/** The caller, as its verified token says. */
export type Me = {
  __typename?: 'Me';
  role: Role;
  tenantId: Scalars['String']['output'];
  userId: Scalars['String']['output'];
};

export type Measure = {
  __typename?: 'Measure';
  alias: Maybe<Scalars['String']['output']>;
  /** Column to aggregate; COUNT may omit it. */
  field: Maybe<Scalars['String']['output']>;
  fn: MeasureFn;
};

/** Aggregate functions a measure may use. */
export type MeasureFn =
  | 'AVG'
  | 'COUNT'
  | 'MAX'
  | 'MIN'
  | 'SUM'
  | 'UNIQ';

export type MeasureInput = {
  alias?: InputMaybe<Scalars['String']['input']>;
  /** Column to aggregate; COUNT may omit it. */
  field?: InputMaybe<Scalars['String']['input']>;
  fn: MeasureFn;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** One execution per slot in (from, to], at most 365 days, each over its own period. */
  backfillSchedule: Array<Execution>;
  /** Stops a PENDING or PROCESSING export within a second. */
  cancelExport: Export;
  /** Starts an export of a report; follow it with exportUpdated. */
  createExport: Export;
  createReport: Report;
  createSchedule: Schedule;
  /** Deletes the export and its file; returns the id. */
  deleteExport: Scalars['ID']['output'];
  /** Returns the deleted id. */
  deleteReport: Scalars['ID']['output'];
  deleteSchedule: Scalars['ID']['output'];
  pauseSchedule: Schedule;
  /** Sends the FAILED and UNCERTAIN deliveries of an execution again (an UNCERTAIN one may then arrive twice); sent ones are not repeated. */
  resendFailedDeliveries: Execution;
  /** Active again from now on: runs missed while paused are not made up. */
  resumeSchedule: Schedule;
  /** A new attempt of a FAILED or CANCELLED export over the same rows. */
  retryExport: Export;
  /** Runs the schedule now (triggeredBy MANUAL, ahead of scheduled work). */
  runScheduleNow: Execution;
  updateReport: Report;
  updateSchedule: Schedule;
};


export type MutationBackfillScheduleArgs = {
  from: Scalars['DateTime']['input'];
  id: Scalars['ID']['input'];
  to: Scalars['DateTime']['input'];
};


export type MutationCancelExportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateExportArgs = {
  input: CreateExportInput;
};


export type MutationCreateReportArgs = {
  input: CreateReportInput;
};


export type MutationCreateScheduleArgs = {
  input: CreateScheduleInput;
};


export type MutationDeleteExportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteReportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPauseScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResendFailedDeliveriesArgs = {
  executionId: Scalars['ID']['input'];
};


export type MutationResumeScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetryExportArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunScheduleNowArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateReportArgs = {
  id: Scalars['ID']['input'];
  input: UpdateReportInput;
};


export type MutationUpdateScheduleArgs = {
  id: Scalars['ID']['input'];
  input: UpdateScheduleInput;
};

export type OrderBy = {
  __typename?: 'OrderBy';
  direction: Maybe<SortDirection>;
  /** An output column key (alias or derived name). */
  key: Scalars['String']['output'];
};

export type OrderByInput = {
  direction?: InputMaybe<SortDirection>;
  /** An output column key (alias or derived name). */
  key: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PreviewColumn = {
  __typename?: 'PreviewColumn';
  label: Scalars['String']['output'];
  name: Scalars['String']['output'];
  type: ColumnKind;
};

/** Preview a saved report (reportId) or an unsaved definition, one page at a time. */
export type PreviewReportInput = {
  /** endCursor of the previous page. */
  after?: InputMaybe<Scalars['String']['input']>;
  definition?: InputMaybe<ReportDefinitionInput>;
  /** Rows per page, 1..500 (default 100). */
  first?: InputMaybe<Scalars['Int']['input']>;
  reportId?: InputMaybe<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** The tenant's audit log, newest first (admins). */
  auditLog: AuditLogConnection;
  export: Export;
  /** The tenant's exports, newest first. */
  exports: ExportConnection;
  /** Null without a token. */
  me: Maybe<Me>;
  /** One page of a report's rows, by saved id or ad-hoc definition. */
  previewReport: ReportPreview;
  /** NOT_FOUND for a missing id and for another tenant's. */
  report: Report;
  /** Reports visible to the viewer, newest first. */
  reports: ReportConnection;
  schedule: Schedule;
  /** The tenant's schedules, newest first. */
  schedules: ScheduleConnection;
  /** One table by name; null when it is not in the catalog. */
  table: Maybe<Table>;
  /** The tables reports can be built on. */
  tables: Array<Table>;
  /** The next runs of a cron in a zone, for previewing a schedule before saving it. */
  upcomingRuns: Array<UpcomingRun>;
  /** Checks a definition without running it. */
  validateReport: ReportValidation;
};


export type QueryAuditLogArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExportsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<ExportFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPreviewReportArgs = {
  input: PreviewReportInput;
};


export type QueryReportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReportsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type QueryScheduleArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySchedulesArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type QueryTableArgs = {
  name: Scalars['String']['input'];
};


export type QueryUpcomingRunsArgs = {
  count?: Scalars['Int']['input'];
  cron: Scalars['String']['input'];
  timezone?: Scalars['String']['input'];
};


export type QueryValidateReportArgs = {
  definition: ReportDefinitionInput;
};

export type RelativeRange = {
  __typename?: 'RelativeRange';
  n: Scalars['Int']['output'];
  unit: TimeUnit;
};

export type RelativeRangeInput = {
  n: Scalars['Int']['input'];
  unit: TimeUnit;
};

/** A saved report definition, owned by a tenant. */
export type Report = {
  __typename?: 'Report';
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  definition: ReportDefinition;
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Visible to everyone in the tenant, not only its creator. */
  isPublic: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Most rows the report yields (definition.rowLimit). */
  rowLimit: Scalars['Int']['output'];
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Free-form chart settings for the builder. */
  visualization: Maybe<Scalars['JSON']['output']>;
};

export type ReportConnection = {
  __typename?: 'ReportConnection';
  edges: Array<ReportEdge>;
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

export type ReportDefinition = {
  __typename?: 'ReportDefinition';
  dimensions: Maybe<Array<Dimension>>;
  filters: Maybe<Array<Filter>>;
  measures: Maybe<Array<Measure>>;
  orderBy: Maybe<Array<OrderBy>>;
  /** Most rows the report yields; 10,000 when absent. */
  rowLimit: Maybe<Scalars['Int']['output']>;
  /** A catalog table name. */
  source: Scalars['String']['output'];
  timeRange: Maybe<TimeRange>;
};

export type ReportDefinitionInput = {
  dimensions?: InputMaybe<Array<DimensionInput>>;
  filters?: InputMaybe<Array<FilterInput>>;
  measures?: InputMaybe<Array<MeasureInput>>;
  orderBy?: InputMaybe<Array<OrderByInput>>;
  /** Most rows the report yields; 10,000 when absent. */
  rowLimit?: InputMaybe<Scalars['Int']['input']>;
  /** A catalog table name. */
  source: Scalars['String']['input'];
  timeRange?: InputMaybe<TimeRangeInput>;
};

export type ReportEdge = {
  __typename?: 'ReportEdge';
  cursor: Scalars['String']['output'];
  node: Report;
};

export type ReportPreview = {
  __typename?: 'ReportPreview';
  /** The instant relative time ranges resolved against; fixed across pages. */
  asOf: Scalars['DateTime']['output'];
  columns: Array<PreviewColumn>;
  elapsedMs: Scalars['Int']['output'];
  pageInfo: PageInfo;
  /** Each row an array of values in column order. */
  rows: Array<Scalars['JSON']['output']>;
  /** Rows the report yields after its row limit. */
  totalCount: Scalars['Int']['output'];
  /** True when the row limit cut the result. */
  truncated: Scalars['Boolean']['output'];
};

export type ReportValidation = {
  __typename?: 'ReportValidation';
  errors: Array<DefinitionProblem>;
  valid: Scalars['Boolean']['output'];
};

/** viewer reads and exports; editor also writes; admin everything. */
export type Role =
  | 'admin'
  | 'editor'
  | 'viewer';

export type S3Target = {
  __typename?: 'S3Target';
  bucket: Scalars['String']['output'];
  /** Key template: {tenant} {report} {schedule} {date} {format}. */
  keyTemplate: Scalars['String']['output'];
};

export type S3TargetInput = {
  bucket: Scalars['String']['input'];
  /** Key template: {tenant} {report} {schedule} {date} {format}. */
  keyTemplate: Scalars['String']['input'];
};

export type Schedule = {
  __typename?: 'Schedule';
  businessDaysOnly: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** 5-field cron, in `timezone`. */
  cron: Scalars['String']['output'];
  /** Human reading of the cron. */
  cronDescription: Scalars['String']['output'];
  delivery: DeliveryMethod;
  description: Maybe<Scalars['String']['output']>;
  emailConfig: EmailConfig;
  /** Past runs, newest slot first. */
  executions: ExecutionConnection;
  failureCount: Scalars['Int']['output'];
  format: ExportFormat;
  id: Scalars['ID']['output'];
  lastRunAt: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  nextRunAt: Maybe<Scalars['DateTime']['output']>;
  /** Gets failure notices. */
  ownerEmail: Maybe<Scalars['String']['output']>;
  pausedReason: Maybe<Scalars['String']['output']>;
  recipients: Array<Scalars['String']['output']>;
  reportId: Scalars['ID']['output'];
  runCount: Scalars['Int']['output'];
  s3Config: Maybe<S3Target>;
  skipIfEmpty: Scalars['Boolean']['output'];
  status: ScheduleStatus;
  /** IANA time zone. */
  timezone: Scalars['String']['output'];
  /** The next runs of this schedule. */
  upcomingRuns: Array<UpcomingRun>;
  updatedAt: Scalars['DateTime']['output'];
};


export type ScheduleExecutionsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


export type ScheduleUpcomingRunsArgs = {
  count?: Scalars['Int']['input'];
};

export type ScheduleConnection = {
  __typename?: 'ScheduleConnection';
  edges: Array<ScheduleEdge>;
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

export type ScheduleEdge = {
  __typename?: 'ScheduleEdge';
  cursor: Scalars['String']['output'];
  node: Schedule;
};

export type SchedulePreset =
  | 'DAILY'
  | 'HOURLY'
  | 'MONTHLY'
  | 'WEEKDAYS'
  | 'WEEKLY';

export type SchedulePresetInput = {
  /** 1..28 (MONTHLY). */
  dayOfMonth?: InputMaybe<Scalars['Int']['input']>;
  /** 0 = Sunday … 6 = Saturday (WEEKLY). */
  dayOfWeek?: InputMaybe<Scalars['Int']['input']>;
  hour?: InputMaybe<Scalars['Int']['input']>;
  minute?: InputMaybe<Scalars['Int']['input']>;
  preset: SchedulePreset;
};

export type ScheduleStatus =
  | 'ACTIVE'
  | 'PAUSED';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  /** The export now, then on every status change and on progress (at most ~4 a second). */
  exportUpdated: Export;
  /** Every change to any of the viewer's tenant's exports. */
  exportsChanged: Export;
};


export type SubscriptionExportUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** An analytics table reports can be built on. */
export type Table = {
  __typename?: 'Table';
  columns: Array<TableColumn>;
  /** The time column a time range applies to by default. */
  defaultTimeColumn: Scalars['String']['output'];
  description: Scalars['String']['output'];
  label: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** A column a report may use. The tenant column is never listed: it is applied automatically. */
export type TableColumn = {
  __typename?: 'TableColumn';
  description: Scalars['String']['output'];
  /** May be grouped by. */
  dimension: Scalars['Boolean']['output'];
  /** May be filtered on. */
  filter: Scalars['Boolean']['output'];
  kind: ColumnKind;
  label: Scalars['String']['output'];
  /** May be summed, averaged, min/maxed. */
  measure: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  nullable: Scalars['Boolean']['output'];
  /** May bound the time range and be bucketed by grain. */
  time: Scalars['Boolean']['output'];
  /** ClickHouse type, e.g. `LowCardinality(String)`. */
  type: Scalars['String']['output'];
};

/** Bucket size for a time dimension (UTC). */
export type TimeGrain =
  | 'DAY'
  | 'HOUR'
  | 'MONTH'
  | 'WEEK';

export type TimeRange = {
  __typename?: 'TimeRange';
  /** Time column; the table's default when absent. */
  field: Maybe<Scalars['String']['output']>;
  /** ISO-8601, inclusive. */
  from: Maybe<Scalars['String']['output']>;
  /** The last n units before the as-of time. */
  last: Maybe<RelativeRange>;
  /** ISO-8601, exclusive. */
  to: Maybe<Scalars['String']['output']>;
};

export type TimeRangeInput = {
  /** Time column; the table's default when absent. */
  field?: InputMaybe<Scalars['String']['input']>;
  /** ISO-8601, inclusive. */
  from?: InputMaybe<Scalars['String']['input']>;
  /** The last n units before the as-of time. */
  last?: InputMaybe<RelativeRangeInput>;
  /** ISO-8601, exclusive. */
  to?: InputMaybe<Scalars['String']['input']>;
};

export type TimeUnit =
  | 'DAY'
  | 'HOUR'
  | 'MONTH'
  | 'WEEK';

export type UpcomingRun = {
  __typename?: 'UpcomingRun';
  /** Wall time with its offset in the schedule's zone, e.g. 2026-03-09T09:00:00-04:00. */
  local: Scalars['String']['output'];
  /** The instant, in UTC. */
  utc: Scalars['DateTime']['output'];
};

/** Fields left out stay as they are. */
export type UpdateReportInput = {
  definition?: InputMaybe<ReportDefinitionInput>;
  description?: InputMaybe<Scalars['String']['input']>;
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  visualization?: InputMaybe<Scalars['JSON']['input']>;
};

/** Fields left out stay as they are. */
export type UpdateScheduleInput = {
  businessDaysOnly?: InputMaybe<Scalars['Boolean']['input']>;
  cron?: InputMaybe<Scalars['String']['input']>;
  delivery?: InputMaybe<DeliveryMethod>;
  description?: InputMaybe<Scalars['String']['input']>;
  emailConfig?: InputMaybe<EmailConfigInput>;
  format?: InputMaybe<ExportFormat>;
  name?: InputMaybe<Scalars['String']['input']>;
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  preset?: InputMaybe<SchedulePresetInput>;
  recipients?: InputMaybe<Array<Scalars['String']['input']>>;
  reportId?: InputMaybe<Scalars['ID']['input']>;
  s3Config?: InputMaybe<S3TargetInput>;
  skipIfEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};
