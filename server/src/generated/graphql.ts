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

/** A grant of VIEW or EDIT on one report or dashboard to a user or to a role of the tenant. */
export type AccessGrant = {
  __typename?: 'AccessGrant';
  /** When it was first granted (UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** Who granted it (or last changed its level). */
  grantedBy: Scalars['String']['output'];
  /** The grant's id. */
  id: Scalars['ID']['output'];
  /** VIEW or EDIT. */
  level: AccessLevel;
  /** The report's or dashboard's id. */
  objectId: Scalars['ID']['output'];
  /** What is shared. */
  objectType: SharedObjectType;
  /** The role it is for (and every higher one); null for a user grant. */
  role: Maybe<RoleName>;
  /** When its level last changed (UTC). */
  updatedAt: Scalars['DateTime']['output'];
  /** The user it is for; null for a role grant. */
  userId: Maybe<Scalars['String']['output']>;
};

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

/** Send a run only when this holds on its results; otherwise the run is SKIPPED_CONDITION. */
export type AlertCondition = {
  __typename?: 'AlertCondition';
  /** CHANGE: the change, in percent of the previous value, that must be exceeded. */
  changePercent: Maybe<Scalars['Float']['output']>;
  /** FIRST_ROW, ANY_ROW, CHANGE: the numeric output column measured (a measure alias such as `events`, or a numeric dimension). */
  column: Maybe<Scalars['String']['output']>;
  /** FIRST_ROW, ANY_ROW (required): ABOVE or BELOW the threshold. CHANGE (optional): only a rise or only a fall. */
  comparison: Maybe<AlertComparison>;
  /** What is checked. */
  kind: AlertConditionKind;
  /** Notify only the first time it holds: later runs where it still holds are SKIPPED_CONDITION until a run where it does not re-arms it. */
  notifyOnce: Maybe<Scalars['Boolean']['output']>;
  /** FIRST_ROW, ANY_ROW: the threshold (strict comparison). */
  threshold: Maybe<Scalars['Float']['output']>;
};

/** Send a run only when this holds on its results. Checked against the report: `column` must be one of its numeric output columns (BAD_USER_INPUT at input.alertCondition.<field>). */
export type AlertConditionInput = {
  /** CHANGE: the change, in percent of the previous value, that must be exceeded. */
  changePercent?: InputMaybe<Scalars['Float']['input']>;
  /** FIRST_ROW, ANY_ROW, CHANGE: the numeric output column measured (a measure alias such as `events`, or a numeric dimension). */
  column?: InputMaybe<Scalars['String']['input']>;
  /** FIRST_ROW, ANY_ROW (required): ABOVE or BELOW the threshold. CHANGE (optional): only a rise or only a fall. */
  comparison?: InputMaybe<AlertComparison>;
  /** What is checked. */
  kind: AlertConditionKind;
  /** Notify only the first time it holds: later runs where it still holds are SKIPPED_CONDITION until a run where it does not re-arms it. */
  notifyOnce?: InputMaybe<Scalars['Boolean']['input']>;
  /** FIRST_ROW, ANY_ROW: the threshold (strict comparison). */
  threshold?: InputMaybe<Scalars['Float']['input']>;
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

/** A page of AuditLog items, newest first. */
export type AuditLogConnection = {
  __typename?: 'AuditLogConnection';
  /** The items of this page, in order. */
  edges: Array<AuditLogEdge>;
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** One AuditLog in a page, with its cursor. */
export type AuditLogEdge = {
  __typename?: 'AuditLogEdge';
  /** Opaque position of this item; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The AuditLog. */
  node: AuditLogEntry;
};

/** Who did what, when, from where, and whether it went through. */
export type AuditLogEntry = {
  __typename?: 'AuditLogEntry';
  /** e.g. export.create, export.download, report.update, report.preview, audit.export */
  action: Scalars['String']['output'];
  /** User id that acted (or `download-link` for a link download). */
  actor: Scalars['String']['output'];
  /** When it happened (UTC instant). */
  createdAt: Scalars['DateTime']['output'];
  /** Action-specific details, e.g. changed field names; a read's row count and duration (never its rows). */
  details: Scalars['JSON']['output'];
  /** Entry id. */
  id: Scalars['ID']['output'];
  /** Client address, when known. */
  ip: Maybe<Scalars['String']['output']>;
  /** SUCCESS, DENIED or FAILURE. */
  outcome: AuditOutcome;
  /** Id of the object acted on, when there is one. */
  targetId: Maybe<Scalars['String']['output']>;
  /** Kind of object acted on: report, export, schedule, masking_policy, token. */
  targetType: Scalars['String']['output'];
  /** Client user agent, when known. */
  userAgent: Maybe<Scalars['String']['output']>;
};

/** Narrows the audit log; every field given must match (AND). Empty strings filter nothing. */
export type AuditLogFilter = {
  /** An action exactly (`export.create`) or a family ending in `.*` (`export.*`). */
  action?: InputMaybe<Scalars['String']['input']>;
  /** The acting user id, exactly. */
  actor?: InputMaybe<Scalars['String']['input']>;
  /** Entries at or after this instant. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only entries with this outcome. */
  outcome?: InputMaybe<AuditOutcome>;
  /** The object's id, exactly. */
  targetId?: InputMaybe<Scalars['String']['input']>;
  /** Kind of object: report, export, schedule, masking_policy, token. */
  targetType?: InputMaybe<Scalars['String']['input']>;
  /** Entries before this instant (exclusive); must be after `from`. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
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
  classification?: InputMaybe<Classification>;
  /** Column name, e.g. `referrer`. */
  column: Scalars['String']['input'];
  /** Table name, e.g. `usage_events`. */
  table: Scalars['String']['input'];
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

/** One value of a column and how many rows hold it (see `columnValues`). */
export type ColumnValue = {
  __typename?: 'ColumnValue';
  /** Rows of the viewer's tenant holding it. */
  count: Scalars['Int']['output'];
  /** The value, as a filter takes it. */
  value: Scalars['String']['output'];
};

/** Which period a time range is compared with. */
export type CompareMode =
  /** The period just before the range (the previous week for last week, October for November). */
  | 'PREVIOUS_PERIOD';

/** A compliance-relevant entry: PII exported in clear, a masking-policy or grant change. */
export type ComplianceEvent = {
  __typename?: 'ComplianceEvent';
  /** The audit action. */
  action: Scalars['String']['output'];
  /** Who. */
  actor: Scalars['String']['output'];
  /** When (UTC instant). */
  createdAt: Scalars['DateTime']['output'];
  /** The format and PII columns exported, or the rules changed. */
  detail: Scalars['String']['output'];
  /** `PII exported in clear`, `Masking policy changed` or `Access granted or changed`. */
  event: Scalars['String']['output'];
  /** The audit entry's id. */
  id: Scalars['ID']['output'];
  /** The object, `type:id`. */
  target: Scalars['String']['output'];
};

/** A page of compliance events, newest first. */
export type ComplianceEventPage = {
  __typename?: 'ComplianceEventPage';
  /** Pass as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** The events of this page, newest first. */
  events: Array<ComplianceEvent>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Events the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** How an export file is compressed; streamed, so any size takes the same memory. */
export type Compression =
  /** gzip: `name.csv.gz`, Content-Type application/gzip. */
  | 'GZIP'
  /** ZIP holding the file under its own name: `name.zip` containing `name.csv`, Content-Type application/zip. */
  | 'ZIP';

/** A schedule's alert condition as judged in one run. */
export type ConditionResult = {
  __typename?: 'ConditionResult';
  /** It was armed: not notifyOnce, or no earlier run met it without a run that cleared it since. */
  armed: Scalars['Boolean']['output'];
  /** CHANGE: the change in percent against `previous`; null: none (no previous value, or from zero). */
  changePercent: Maybe<Scalars['Float']['output']>;
  /** The column measured. */
  column: Maybe<Scalars['String']['output']>;
  /** The direction compared in. */
  comparison: Maybe<AlertComparison>;
  /** When it was judged (UTC). */
  evaluatedAt: Scalars['DateTime']['output'];
  /** The kind of condition judged. */
  kind: AlertConditionKind;
  /** The condition held on this run's results. */
  met: Scalars['Boolean']['output'];
  /** The run was delivered because of it (met and armed); otherwise it is SKIPPED_CONDITION. */
  notified: Scalars['Boolean']['output'];
  /** The value compared: the first row's (FIRST_ROW, CHANGE), the max (ANY_ROW ABOVE) or min (ANY_ROW BELOW), the row count (NO_ROWS, SOME_ROWS); null: no value. */
  observed: Maybe<Scalars['Float']['output']>;
  /** CHANGE: the previous evaluated run's value; null: none. */
  previous: Maybe<Scalars['Float']['output']>;
  /** The result's rows (before a PDF's row cap). */
  rowCount: Scalars['Int']['output'];
  /** What was compared and the outcome, as a sentence. */
  summary: Scalars['String']['output'];
  /** FIRST_ROW, ANY_ROW: the threshold. */
  threshold: Maybe<Scalars['Float']['output']>;
};

/** Exports audit data as a file through the export pipeline (progress, history, links). */
export type CreateAuditExportInput = {
  /** CSV: start with a UTF-8 BOM for Excel. */
  bom?: InputMaybe<Scalars['Boolean']['input']>;
  /** The same filter as `auditLog`; the file holds the entries that matched when it was asked for. */
  filter?: InputMaybe<AuditLogFilter>;
  /** CSV, XLSX, PDF or JSON. */
  format: ExportFormat;
  /** JSON: newline-delimited objects instead of an array. */
  ndjson?: InputMaybe<Scalars['Boolean']['input']>;
  /** IANA zone the file shows times in (default UTC). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** LOG (entries), USER_ACTIVITY or COMPLIANCE. */
  view: AuditView;
};

/** A file of a whole dashboard through the export pipeline (progress, history, download links and retention as for a report's export). */
export type CreateDashboardExportInput = {
  /** The dashboard. */
  dashboardId: Scalars['ID']['input'];
  /** PDF (every tile: title, period, chart, first rows; text tiles as text) or XLSX (a sheet per tile with its rows, then About). Other formats are BAD_USER_INPUT at `input.format`. */
  format: ExportFormat;
  /** Over the dashboard's parameter values, for this file; given to each tile whose report declares the name, checked as `updateDashboard` checks them (`input.parameterValues.<name>`). */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** Instead of the dashboard's time range, for this file (as the page's time-range control). */
  timeRange?: InputMaybe<DashboardTimeRangeInput>;
};

/** A new dashboard. */
export type CreateDashboardInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** Parameter values by name, for the tiles that declare them. */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** The tiles (default none). */
  tiles?: InputMaybe<Array<DashboardTileInput>>;
  /** The period every report tile shows; absent: each report's own. */
  timeRange?: InputMaybe<DashboardTimeRangeInput>;
  /** Default PRIVATE. */
  visibility?: InputMaybe<DashboardVisibility>;
};

/** What to export: a saved report and a file format. */
export type CreateExportInput = {
  /** CSV, XLSX, PDF or JSON. */
  format: ExportFormat;
  /** Email the creator when the export completes (a download link) or fails (the reason), once. Needs an address in the sign-in (the token's `email` claim, or a subject that is an address): otherwise BAD_USER_INPUT at input.notifyWhenReady. */
  notifyWhenReady?: InputMaybe<Scalars['Boolean']['input']>;
  /** Format options. */
  options?: InputMaybe<ExportOptionsInput>;
  /** The saved report to export. */
  reportId: Scalars['ID']['input'];
};

/** A new report. Names are unique within a tenant. */
export type CreateReportInput = {
  /** What the report computes; validated before saving. */
  definition: ReportDefinitionInput;
  /** Up to 5,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Visible to the whole tenant (default false). */
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1 to 200 characters, unique within the tenant. */
  name: Scalars['String']['input'];
  /** At most 20 tags of at most 50 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** How the report is drawn; null or absent: the default chart for its definition. */
  visualization?: InputMaybe<VisualizationInput>;
};

/** A new schedule. Give `cron` or `preset` (not both). */
export type CreateScheduleInput = {
  /** A built-in admin report to run instead of a report (admins only, else FORBIDDEN): the user activity or compliance summary of the period from the previous slot to each run's own, through every destination. Not with reportId, dashboardId, parameterValues, recipientParameters, fileNameTemplate or alertCondition (BAD_USER_INPUT at that field). */
  adminReport?: InputMaybe<AdminReport>;
  /** Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it. */
  alertCondition?: InputMaybe<AlertConditionInput>;
  /** Skip runs on weekends in the schedule's zone. */
  businessDaysOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** Compress every run's file: GZIP or ZIP. */
  compression?: InputMaybe<Compression>;
  /** 5-field cron; or give preset. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** The dashboard to export instead of a report: each run makes one PDF with every tile (title, chart, table) or an XLSX with a sheet per tile (format PDF or XLSX). Give exactly one of reportId and dashboardId. */
  dashboardId?: InputMaybe<Scalars['ID']['input']>;
  /** EMAIL (default), S3 or BOTH. */
  delivery?: InputMaybe<DeliveryMethod>;
  /** Free text shown with the schedule. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Subject, message and attachment policy of the emails. */
  emailConfig?: InputMaybe<EmailConfigInput>;
  /** File-name template: {report} {schedule} {period_start:yyyy-MM-dd} {period_end:…} {run_at:yyyy-MM-dd_HH'h'mm} {param:FIELD}, in the schedule's zone; the extension is added. An unknown token is BAD_USER_INPUT naming it. */
  fileNameTemplate?: InputMaybe<Scalars['String']['input']>;
  /** File format of each run (default PDF). */
  format?: InputMaybe<ExportFormat>;
  /** With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only. */
  holidayCountry?: InputMaybe<Scalars['String']['input']>;
  /** A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country's national holidays. */
  holidayRegion?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47 locale the runs' files and emails are written in (numbers, dates, month names); null or absent uses the report's `locale`. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique within the tenant. */
  name: Scalars['String']['input'];
  /** Deliver a run only when its rows and parameters differ from the last delivered run's (otherwise SKIPPED_UNCHANGED). */
  onlyIfChanged?: InputMaybe<Scalars['Boolean']['input']>;
  /** PDF only: page orientation of every run (default: LANDSCAPE when the report has more than 6 columns). */
  orientation?: InputMaybe<PageOrientation>;
  /** Address told about failed runs and automatic pauses. */
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  /** PDF only: paper size of every run (default A4). */
  paperSize?: InputMaybe<PaperSize>;
  /** Values of the report's parameters for every run, by name, over the report's defaults; checked with paths `input.parameterValues.<name>`. */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** Protect every run's file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters). Stored encrypted, never returned, never put in an email: agree on it with the recipients another way. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** A common timetable instead of `cron`. */
  preset?: InputMaybe<SchedulePresetInput>;
  /** Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped. */
  recipientParameters?: InputMaybe<Array<RecipientParametersInput>>;
  /** Email addresses (required for EMAIL and BOTH). */
  recipients?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The report to export. Give exactly one of reportId and dashboardId. */
  reportId?: InputMaybe<Scalars['ID']['input']>;
  /** Bucket and key template (required for S3 and BOTH). */
  s3Config?: InputMaybe<S3TargetInput>;
  /** SFTP servers to upload each run's file to; the list replaces the stored one (name a stored target by its `id` to keep its key). */
  sftpTargets?: InputMaybe<Array<SftpTargetInput>>;
  /** Send nothing when a run has no rows. */
  skipIfEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant's Slack connection (connectSlack). The bot must be in the channel. */
  slackChannels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Microsoft Teams incoming-webhook or Workflows URLs to post each run's card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`. */
  teamsWebhookUrls?: InputMaybe<Array<Scalars['String']['input']>>;
  /** IANA time zone the timetable is read in (default UTC). */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`. */
  webhookUrls?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** How a CSV export writes date-times, always in the export's `timeZone`. */
export type CsvTimestampFormat =
  /** ISO 8601 with the offset (`2026-12-07T04:59:53.912+09:00`): unambiguous for programs; spreadsheets keep it as text. */
  | 'ISO_OFFSET'
  /** ISO 8601 local date-time without a zone suffix (`2026-12-06T19:59:53.912`): LibreOffice Calc and Excel type it as a date/time on open. The zone is the export's `timeZone`. */
  | 'LOCAL';

/** Several reports (and text) on one page, with one time range for all of them. */
export type Dashboard = Node & {
  __typename?: 'Dashboard';
  /** Whether the viewer may change or delete it (its owner with the editor role, or an admin). */
  canEdit: Scalars['Boolean']['output'];
  /** When it was created (UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** The owner's user id. */
  createdBy: Scalars['String']['output'];
  /** Description (may be empty). */
  description: Scalars['String']['output'];
  /** Whether the viewer marked it as a favourite. */
  favorite: Scalars['Boolean']['output'];
  /** Who the dashboard is shared with (users and roles, with their level); null unless you may share it (its owner, an admin, an EDIT grantee who is an editor). */
  grants: Maybe<Array<AccessGrant>>;
  /** Dashboard id. */
  id: Scalars['ID']['output'];
  /** Name, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /** Parameter values by name, given to every tile whose report declares that parameter (other names are ignored for that tile). */
  parameterValues: Maybe<Scalars['JSON']['output']>;
  /** Tiles in reading order (by row, then column). */
  tiles: Array<DashboardTile>;
  /** The period every report tile shows instead of its report's own; null: each report's own. */
  timeRange: Maybe<DashboardTimeRange>;
  /** When it was last changed (UTC). */
  updatedAt: Scalars['DateTime']['output'];
  /** PRIVATE or TENANT. */
  visibility: DashboardVisibility;
};

/** A PDF of a whole dashboard, inline: every tile in reading order with its title, period, chart and first rows. */
export type DashboardPdf = {
  __typename?: 'DashboardPdf';
  /** The file, base64. */
  base64: Scalars['String']['output'];
  /** Size in bytes. */
  byteSize: Scalars['Int']['output'];
  /** application/pdf */
  contentType: Scalars['String']['output'];
  /** A file name for it (the dashboard's name). */
  fileName: Scalars['String']['output'];
};

/** A tile on the 12-column grid. */
export type DashboardTile = {
  __typename?: 'DashboardTile';
  /** REPORT: whether the viewer may open the report. When false, `report` is null and the tile's rows are NOT_FOUND: a dashboard never shows a report to someone who cannot open it. TEXT: true. */
  accessible: Scalars['Boolean']['output'];
  /** Height in rows, 1..24. */
  h: Scalars['Int']['output'];
  /** Tile id (stable across updates that keep it). */
  id: Scalars['ID']['output'];
  /** REPORT or TEXT. */
  kind: DashboardTileKind;
  /** REPORT: the report, when the viewer may open it. */
  report: Maybe<Report>;
  /** REPORT: the report drawn. */
  reportId: Maybe<Scalars['ID']['output']>;
  /** TEXT: the text, plain (no markup is interpreted). */
  text: Maybe<Scalars['String']['output']>;
  /** Title shown above the tile; null: the report's name. */
  title: Maybe<Scalars['String']['output']>;
  /** REPORT: the chart drawn instead of the report's own; null: the report's. */
  visualization: Maybe<Visualization>;
  /** Width in columns, 1..12; x + w ≤ 12. */
  w: Scalars['Int']['output'];
  /** Left column, 0..11. */
  x: Scalars['Int']['output'];
  /** Top row, from 0. */
  y: Scalars['Int']['output'];
};

/** A tile on the 12-column grid; tiles may not overlap. */
export type DashboardTileInput = {
  /** Height in rows, 1..24. */
  h: Scalars['Int']['input'];
  /** Keep an existing tile's id; absent: a new tile. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** REPORT or TEXT. */
  kind: DashboardTileKind;
  /** REPORT: a report you can open. */
  reportId?: InputMaybe<Scalars['ID']['input']>;
  /** TEXT: plain text, 1 to 5000 characters. */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Title above the tile, at most 200 characters; absent: the report's name. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** REPORT: a chart instead of the report's own, checked against its measures. */
  visualization?: InputMaybe<VisualizationInput>;
  /** Width in columns, 1..12. */
  w: Scalars['Int']['input'];
  /** Left column, 0..11. */
  x: Scalars['Int']['input'];
  /** Top row, from 0. */
  y: Scalars['Int']['input'];
};

/** What a tile shows. */
export type DashboardTileKind =
  /** A saved report: its chart and its first rows. */
  | 'REPORT'
  /** Plain text, shown as written. */
  | 'TEXT';

/** The period a dashboard shows: exactly one of `last`, `rolling`, `period` or `from`/`to`, as in a report's time range. It replaces every report tile's own period; each report keeps its time column and its comparison. */
export type DashboardTimeRange = {
  __typename?: 'DashboardTimeRange';
  /** Start, inclusive (ISO 8601 date or date-time, read in each report's zone without an offset). */
  from: Maybe<Scalars['String']['output']>;
  /** The last n complete calendar units before the current one. */
  last: Maybe<RelativeRange>;
  /** A named calendar period. */
  period: Maybe<NamedPeriod>;
  /** Elapsed time ending now. */
  rolling: Maybe<RollingRange>;
  /** End, exclusive. */
  to: Maybe<Scalars['String']['output']>;
};

/** The period a dashboard shows: exactly one of `last`, `rolling`, `period` or `from`/`to` (same forms as `TimeRangeInput`). */
export type DashboardTimeRangeInput = {
  /** Start, inclusive (ISO 8601 date or date-time, read in each report's zone without an offset). */
  from?: InputMaybe<Scalars['String']['input']>;
  /** The last n complete calendar units before the current one. */
  last?: InputMaybe<RelativeRangeInput>;
  /** A named calendar period. */
  period?: InputMaybe<NamedPeriod>;
  /** Elapsed time ending now. */
  rolling?: InputMaybe<RollingRangeInput>;
  /** End, exclusive. */
  to?: InputMaybe<Scalars['String']['input']>;
};

/** Who sees a dashboard (its tiles still show only reports the viewer may open). */
export type DashboardVisibility =
  /** Its owner (and admins). */
  | 'PRIVATE'
  /** Everyone in the tenant. */
  | 'TENANT';

/** One problem with a report definition. */
export type DefinitionProblem = {
  __typename?: 'DefinitionProblem';
  /** What is wrong there. */
  message: Scalars['String']['output'];
  /** Dotted path into the definition, e.g. `filters.0.value`. */
  path: Scalars['String']['output'];
};

/** One recipient or bucket of one execution, with its own status and attempts. */
export type Delivery = {
  __typename?: 'Delivery';
  /** Send attempts so far. */
  attempts: Scalars['Int']['output'];
  /** EMAIL, S3, SLACK or WEBHOOK. */
  channel: DeliveryChannel;
  /** Delivery id. */
  id: Scalars['ID']['output'];
  /** The provider's answer to the last failed attempt. */
  lastError: Maybe<Scalars['String']['output']>;
  /** The provider's words with it, e.g. the bounce reason. */
  providerDetail: Maybe<Scalars['String']['output']>;
  /** When the provider reported it. */
  providerEventAt: Maybe<Scalars['DateTime']['output']>;
  /** Id the provider gave the message: SendGrid X-Message-Id or the outbox file; for Slack `channel:ts` of the summary message; for a webhook the receiver's status and the address it was reached at. */
  providerMessageId: Maybe<Scalars['String']['output']>;
  /** What the provider reported afterwards (delivered, bounced, dropped, spam report); null: nothing yet. */
  providerStatus: Maybe<ProviderStatus>;
  /** When it was sent. */
  sentAt: Maybe<Scalars['DateTime']['output']>;
  /** PENDING until sent; FAILED after its last attempt; UNSUBSCRIBED when the recipient opted out. */
  status: DeliveryStatus;
  /** Email address, s3://bucket/key, Slack channel, webhook URL, redacted Teams URL or sftp://user@host:port/path. */
  target: Scalars['String']['output'];
};

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

/** A column the rows are grouped by, optionally bucketed by time grain. */
export type Dimension = {
  __typename?: 'Dimension';
  /** Output column name; derived from field and grain when absent. */
  alias: Maybe<Scalars['String']['output']>;
  /** A column of the source table that may be grouped by. */
  field: Scalars['String']['output'];
  /** Time bucket for a time column. */
  grain: Maybe<TimeGrain>;
};

/** A column to group by; time columns may be bucketed by `grain`. */
export type DimensionInput = {
  /** Output column name; derived from field and grain when absent. */
  alias?: InputMaybe<Scalars['String']['input']>;
  /** A column of the source table that may be grouped by. */
  field: Scalars['String']['input'];
  /** Time bucket for a time column. */
  grain?: InputMaybe<TimeGrain>;
};

/** How a scheduled email reads and carries the file. */
export type EmailConfig = {
  __typename?: 'EmailConfig';
  /** Attach the file, link it, or decide by size (AUTO, the default). */
  attachment: Maybe<AttachmentPolicy>;
  /** Message shown above the summary; same placeholders. */
  message: Maybe<Scalars['String']['output']>;
  /** Subject template: {report} {period} {schedule} {rows}. */
  subject: Maybe<Scalars['String']['output']>;
};

/** How a scheduled email reads and carries the file; fields left out use the defaults. */
export type EmailConfigInput = {
  /** Attach the file, link it, or decide by size (AUTO, the default). */
  attachment?: InputMaybe<AttachmentPolicy>;
  /** Message shown above the summary; same placeholders. */
  message?: InputMaybe<Scalars['String']['input']>;
  /** Subject template: {report} {period} {schedule} {rows}. */
  subject?: InputMaybe<Scalars['String']['input']>;
};

/** One firing of a schedule for one slot (unique per schedule, slot and recipient variant), with its export and deliveries. */
export type Execution = Node & {
  __typename?: 'Execution';
  /** When the run reached a final status. */
  completedAt: Maybe<Scalars['DateTime']['output']>;
  /** The schedule's alert condition as judged in this run (met or not, the values compared, armed); null: no condition, or not judged yet. */
  condition: Maybe<ConditionResult>;
  /** When the execution was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** One record per recipient and S3 target. */
  deliveries: Array<Delivery>;
  /**
   * Why the run failed or was skipped, as a sentence.
   * @deprecated Use `failure`: the same reason with a code, as `Export.error` gives it.
   */
  error: Maybe<Scalars['String']['output']>;
  /** The export this run made, if any. */
  export: Maybe<Export>;
  /** The export made for this run, once there is one. */
  exportId: Maybe<Scalars['ID']['output']>;
  /** Why the run failed, was skipped or missed, or delivered only in part (`errorCode` MISSED, NOT_A_BUSINESS_DAY, REPORT_DELETED, DELIVERY_FAILED, or its export's own code); null when nothing went wrong. */
  failure: Maybe<ExportError>;
  /** Execution id. */
  id: Scalars['ID']['output'];
  /** Snapshot of what ran: cron, zone, window, definition. */
  parameters: Scalars['JSON']['output'];
  /** The email recipients this run served (per-recipient values); null: all of the schedule's recipients. */
  recipients: Maybe<Array<Scalars['String']['output']>>;
  /** The schedule that fired. */
  scheduleId: Scalars['ID']['output'];
  /** The slot; relative time ranges resolve against it. */
  scheduledFor: Scalars['DateTime']['output'];
  /** When its export started. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the run stands; DELIVERED, PARTIALLY_DELIVERED, FAILED, SKIPPED, SKIPPED_EMPTY and MISSED are final. */
  status: ExecutionStatus;
  /** SCHEDULE (its timetable), MANUAL (runScheduleNow), BACKFILL or RETRY. */
  triggeredBy: ExecutionTrigger;
  /** Which run of the slot: '' for the schedule-level run (the schedule's own values; also S3, Slack and webhooks), else a hash of the resolved values of the recipients it served. */
  variantKey: Scalars['String']['output'];
};

/** A page of Execution items, newest first. */
export type ExecutionConnection = {
  __typename?: 'ExecutionConnection';
  /** The items of this page, in order. */
  edges: Array<ExecutionEdge>;
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Execution in a page, with its cursor. */
export type ExecutionEdge = {
  __typename?: 'ExecutionEdge';
  /** Opaque position of this item; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The Execution. */
  node: Execution;
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

/** One file produced from a report. */
export type Export = Node & {
  __typename?: 'Export';
  /** The instant relative time ranges resolved against. */
  asOf: Scalars['DateTime']['output'];
  /** Attempts made (retries after transient failures count). */
  attempts: Scalars['Int']['output'];
  /** sha256 of the file, hex. */
  checksum: Maybe<Scalars['String']['output']>;
  /** When it reached a terminal status. */
  completedAt: Maybe<Scalars['DateTime']['output']>;
  /** GZIP or ZIP when the file is compressed (a password-protected CSV, XLSX or JSON file is always a ZIP); null: the file as it is. */
  compression: Maybe<Compression>;
  /** MIME type of the file. */
  contentType: Maybe<Scalars['String']['output']>;
  /** When it was requested. */
  createdAt: Scalars['DateTime']['output'];
  /** The dashboard it is a file of (createDashboardExport, or a schedule of a dashboard); `reportName` then holds the dashboard's name. Null for a report's export. */
  dashboardId: Maybe<Scalars['ID']['output']>;
  /** A fresh, expiring link to the file; null until COMPLETED. */
  downloadUrl: Maybe<Scalars['String']['output']>;
  /** Why it failed, when FAILED. */
  error: Maybe<ExportError>;
  /** Time the last attempt took, once finished. */
  executionTimeMs: Maybe<Scalars['Int']['output']>;
  /** When downloadUrl stops working. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** When retention removed the file; the record stays. */
  fileExpiredAt: Maybe<Scalars['DateTime']['output']>;
  /** Name the file downloads as. */
  fileName: Maybe<Scalars['String']['output']>;
  /** File size in bytes. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number. */
  fileSize: Maybe<Scalars['Float']['output']>;
  /** File format. */
  format: ExportFormat;
  /** Export id. */
  id: Scalars['ID']['output'];
  /** The user (or schedule) that started it. */
  initiatedBy: Scalars['String']['output'];
  /** The run's effective BCP 47 locale: how the PDF, the XLSX date formats and the email write numbers, dates and month names (CSV and JSON are locale-neutral). The export's `locale` option, else the schedule's locale for a scheduled run, else the report's, else en-US. */
  locale: Scalars['String']['output'];
  /** The file opens only with the password given when it was requested (PDF: AES-256 encrypted PDF; CSV, XLSX, JSON: inside an AES-256 ZIP). The password itself is never returned. */
  passwordProtected: Scalars['Boolean']['output'];
  /** Rows and bytes written so far. */
  progress: ExportProgress;
  /** Null once the report is deleted. */
  reportId: Maybe<Scalars['ID']['output']>;
  /** The report name when the export was made. */
  reportName: Scalars['String']['output'];
  /** Whether the viewer may open the report (`report(id)`): false once it is deleted, and for a private report of someone else. */
  reportReadable: Scalars['Boolean']['output'];
  /** The export this one retries. */
  retryOf: Maybe<Scalars['ID']['output']>;
  /** Grows with every change to this export: of two copies of it (a list read and a subscription event, say), the one with the higher revision is the newer. */
  revision: Scalars['Int']['output'];
  /** Rows in the file, once COMPLETED (a PDF holds at most PDF_ROW_CAP rows; see `sourceRowCount`). A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number. */
  rowCount: Maybe<Scalars['Float']['output']>;
  /** The schedule that produced this export, if any. */
  schedule: Maybe<Schedule>;
  /** The schedule whose run made it, if any. */
  scheduleId: Maybe<Scalars['ID']['output']>;
  /** Rows of the report's result after its row limit, once counted (before the first row is written): what a CSV, XLSX or JSON file of it holds. More than `rowCount` when PDF_ROW_CAP cut a PDF. A Float for the reason `rowCount` is. */
  sourceRowCount: Maybe<Scalars['Float']['output']>;
  /** When a worker started it. */
  startedAt: Maybe<Scalars['DateTime']['output']>;
  /** Where the export stands. */
  status: ExportStatus;
  /** Where the file is kept in storage (a path or S3 key). */
  storageKey: Maybe<Scalars['String']['output']>;
  /** The run's effective IANA zone: buckets, calendar ranges and every time in the file (CSV, JSON, XLSX, PDF) are in it. The export's `timeZone` option, else the schedule's zone for a scheduled run, else the report's. */
  timeZone: Scalars['String']['output'];
  /** What started it. */
  triggeredBy: ExportTrigger;
  /** True when the file holds fewer rows than the report yields: the report's row limit cut the result, or (a PDF) PDF_ROW_CAP cut the file (then `rowCount` < `sourceRowCount`). Null until counted. */
  truncated: Maybe<Scalars['Boolean']['output']>;
};

/** A page of Export items, newest first. */
export type ExportConnection = {
  __typename?: 'ExportConnection';
  /** The items of this page, in order. */
  edges: Array<ExportEdge>;
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Export in a page, with its cursor. */
export type ExportEdge = {
  __typename?: 'ExportEdge';
  /** Opaque position of this item; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The Export. */
  node: Export;
};

/** Why an export (or a schedule's execution) failed: a stable code and a message without internals. */
export type ExportError = {
  __typename?: 'ExportError';
  /**
   * The code as text: EXPORT_FAILED, REPORT_DELETED, INVALID_DEFINITION, ...
   * @deprecated Use `errorCode`, the same code as an enum.
   */
  code: Scalars['String']['output'];
  /** Why, as an enum. */
  errorCode: ExportErrorCode;
  /** What went wrong, without internals. */
  message: Scalars['String']['output'];
};

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
  format?: InputMaybe<ExportFormat>;
  /** Only exports of this report. */
  reportId?: InputMaybe<Scalars['ID']['input']>;
  /** Only exports in this status. */
  status?: InputMaybe<ExportStatus>;
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
  bom?: InputMaybe<Scalars['Boolean']['input']>;
  /** Compress the file: GZIP (`name.csv.gz`) or ZIP (`name.zip` holding `name.csv`). */
  compression?: InputMaybe<Compression>;
  /** CSV: how date-times are written (default LOCAL, which spreadsheets type as date/time). */
  csvTimestamps?: InputMaybe<CsvTimestampFormat>;
  /** BCP 47 locale this export is written in for people, overriding the schedule's and the report's `locale`: numbers, dates and month names in PDF, XLSX date formats. CSV and JSON are locale-neutral and ignore it. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** JSON: newline-delimited objects instead of an array. */
  ndjson?: InputMaybe<Scalars['Boolean']['input']>;
  /** PDF: page orientation (default: LANDSCAPE when the report has more than 6 columns, else PORTRAIT). */
  orientation?: InputMaybe<PageOrientation>;
  /** PDF: paper size (default A4). A table wider than the page shrinks (down to 75 %), then wraps its columns onto continuation pages that repeat the first column. */
  paperSize?: InputMaybe<PaperSize>;
  /** Values of the report's parameters by name, over their defaults; checked with paths `input.options.parameterValues.<name>` before anything is enqueued, and kept in the export's definition snapshot. */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** Protect the file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters): a PDF is AES-256 encrypted, CSV, XLSX and JSON go inside an AES-256 ZIP (with GZIP: BAD_USER_INPUT). Never stored in clear nor returned; a protected export cannot be retried (export again). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** IANA zone this export reads time in, overriding the report's `timeZone`: buckets, calendar ranges and every time in the file. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** How far a running export has got. */
export type ExportProgress = {
  __typename?: 'ExportProgress';
  /** Bytes written to the file so far. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number. */
  bytesWritten: Scalars['Float']['output'];
  /** Estimated seconds left at the current rate. */
  etaSeconds: Maybe<Scalars['Int']['output']>;
  /** 0..100 */
  percent: Maybe<Scalars['Float']['output']>;
  /** Rows the export will write; known once counting is done. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number. */
  rowsTotal: Maybe<Scalars['Float']['output']>;
  /** Rows written to the file so far. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number. */
  rowsWritten: Scalars['Float']['output'];
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
export type Filter = {
  __typename?: 'Filter';
  /** A column of the source table that may be filtered on. */
  field: Scalars['String']['output'];
  /** The comparison. */
  op: FilterOp;
  /** Instead of value/values: the name of a declared parameter; its value for the run is compared (bound as data). A filter on an unset optional parameter is left out. */
  param: Maybe<Scalars['String']['output']>;
  /** Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS. */
  value: Maybe<Scalars['FilterValue']['output']>;
  /** Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive). */
  values: Maybe<Array<Scalars['FilterValue']['output']>>;
};

/** A typed condition on a column; rows must match every filter. */
export type FilterInput = {
  /** A column of the source table that may be filtered on. */
  field: Scalars['String']['input'];
  /** The comparison. */
  op: FilterOp;
  /** Instead of value/values: the name of a declared parameter; its value for the run is compared (bound as data). A filter on an unset optional parameter is left out. */
  param?: InputMaybe<Scalars['String']['input']>;
  /** Operand of EQ, NEQ, GT, GTE, LT, LTE, CONTAINS. */
  value?: InputMaybe<Scalars['FilterValue']['input']>;
  /** Operands of IN, NOT_IN, and BETWEEN (exactly two, inclusive). */
  values?: InputMaybe<Array<Scalars['FilterValue']['input']>>;
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

/** The tenant's masking policy: for every role and every classification, a mode. Applied in the compiled query, so previews, every export format, scheduled runs (masked for the schedule owner's role) and the SDK see the same. */
export type MaskingPolicyView = {
  __typename?: 'MaskingPolicyView';
  /** True while the tenant uses the default policy (PII HASHED for viewer and editor, CLEAR for admin). */
  isDefault: Scalars['Boolean']['output'];
  /** One rule per role and classification (9). */
  rules: Array<MaskingRule>;
  /** When an admin last changed it (UTC); null for the default. */
  updatedAt: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed it; null for the default. */
  updatedBy: Maybe<Scalars['String']['output']>;
};

/** What one role sees of one class of columns. */
export type MaskingRule = {
  __typename?: 'MaskingRule';
  /** The class of columns. */
  classification: Classification;
  /** What the role sees of it. */
  mode: MaskMode;
  /** The role. */
  role: Role;
};

/** One entry of the masking policy to set. */
export type MaskingRuleInput = {
  /** The class of columns. */
  classification: Classification;
  /** What the role is to see of it. */
  mode: MaskMode;
  /** The role. */
  role: Role;
};

/** The caller, as its verified token says. */
export type Me = {
  __typename?: 'Me';
  /**
   * The role (token `role`), lower case.
   * @deprecated Use `roleName`: the same role, upper case like every other enum.
   */
  role: Role;
  /** The role (token `role`). */
  roleName: RoleName;
  /** The tenant all data is scoped to (token `tenant`). */
  tenantId: Scalars['String']['output'];
  /** The user id (token `sub`). */
  userId: Scalars['String']['output'];
};

/** An aggregate computed for each group. */
export type Measure = {
  __typename?: 'Measure';
  /** Output column name; derived from fn and field when absent. */
  alias: Maybe<Scalars['String']['output']>;
  /** Column to aggregate; COUNT may omit it. */
  field: Maybe<Scalars['String']['output']>;
  /** The aggregate function. */
  fn: MeasureFn;
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
  alias?: InputMaybe<Scalars['String']['input']>;
  /** Column to aggregate; COUNT may omit it. */
  field?: InputMaybe<Scalars['String']['input']>;
  /** The aggregate function. */
  fn: MeasureFn;
};

/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type Mutation = {
  __typename?: 'Mutation';
  /** One execution per slot in (from, to], at most 365 days, each over its own period. */
  backfillSchedule: Array<Execution>;
  /** Stops a PENDING or PROCESSING export within a second. */
  cancelExport: Export;
  /** Classifies catalog columns for the tenant (admins only): each column's class (PUBLIC, INTERNAL, PII) decides, with the masking policy, what each role sees of it. A class equal to the catalog's, or null, goes back to the catalog's. Audited as `catalog.classify` with each column's old and new class (listed in `auditCompliance`). Applies to every query compiled from then on, including queued and scheduled exports. BAD_USER_INPUT at `columns.<i>.table` / `.column` for an unknown one, or a column given twice. Returns the catalog as the admin now sees it. */
  classifyColumns: Array<Table>;
  /** Connects a Slack bot token (xoxb-…, scopes chat:write and files:write) for the tenant (admin). Checked with auth.test (BAD_USER_INPUT when Slack refuses it), stored encrypted, never returned. Replaces an earlier one. */
  connectSlack: SlackConnection;
  /** Exports audit data (the filtered log, user activity or the compliance summary) as a file, through the export pipeline: progress, `exports` history, download links. Itself audited as `audit.export`. */
  createAuditExport: Export;
  /** A new dashboard (editor or admin); audited as `dashboard.create`. Tiles are checked first: inside the 12 columns, not overlapping, over reports you can open. */
  createDashboard: Dashboard;
  /** A file of the whole dashboard through the export pipeline: PDF (every tile: title, period, chart via the same renderer as report PDFs, first rows; text tiles as text) or XLSX (one sheet per tile with its rows, then About). Follow it with `exportUpdated(id)`; it appears in `exports` with `dashboardId` set, and gets links, retention and retries as a report's export. Tiles are read when the file is made, as the requester may read them (a tile they cannot open is named and shows nothing). NOT_FOUND for a dashboard the viewer cannot see; audited as `export.create`. */
  createDashboardExport: Export;
  /** A dashboard generated from a template (editor or admin): for a built-in report type (`DAILY_SUMMARY`, `WEEKLY_PERFORMANCE`, `MONTHLY_SUMMARY`, `CUSTOM_RANGE`) one report per section (each of the three tables), for a template id one report, each made as `createReportFromTemplate` makes it and placed on a tile, two per row. Report names are "<dashboard name> · <template name>". */
  createDashboardFromTemplate: Dashboard;
  /** Starts an export of a report; follow it with exportUpdated. */
  createExport: Export;
  /** Saves a new report (editor or admin). */
  createReport: Report;
  /** Makes a new report from a template (editor or admin). The parameter values given become its parameters' defaults; checked with paths `parameterValues.<name>` before anything is saved. */
  createReportFromTemplate: Report;
  /** Creates a schedule (editor or admin); it fires from its next slot. */
  createSchedule: Schedule;
  /** Deletes a dashboard (its owner or an admin; its reports stay); returns its id. Audited as `dashboard.delete`. */
  deleteDashboard: Scalars['ID']['output'];
  /** Deletes the export and its file; returns the id. */
  deleteExport: Scalars['ID']['output'];
  /** Deletes a report; returns its id. A report that schedules export is refused with BAD_USER_INPUT at `force` (`extensions.schedules`: their ids and names) unless `force: true`, which deletes those schedules (and their executions) with it, named in the audit entry. */
  deleteReport: Scalars['ID']['output'];
  /** Deletes a schedule; its executions go with it. Returns the id. */
  deleteSchedule: Scalars['ID']['output'];
  /** Forgets the tenant's Slack token (admin). Deliveries to Slack then fail with a clear reason until it is connected again. */
  disconnectSlack: SlackConnection;
  /** Marks a dashboard as one of the viewer's favourites (listed first). Idempotent. */
  favoriteDashboard: Dashboard;
  /** Gives a user of your tenant, or everyone with a role (or a higher one), VIEW or EDIT on a report or dashboard; granting again changes the level. Needs EDIT on the object (FORBIDDEN otherwise; NOT_FOUND when you cannot read it). A user must have signed in to your tenant (else BAD_USER_INPUT at `principal.userId`). Sharing a dashboard also gives VIEW on its tiles' private reports you may share, unless `includeTileReports` is false. Audited as `grant.add` (target `report:<id>` or `dashboard:<id>`; listed by `auditCompliance`). */
  grantAccess: AccessGrant;
  /** Stops firing until resumed. */
  pauseSchedule: Schedule;
  /** Lets mail go to an address again (audited as suppression.remove). Returns the removed entry. */
  removeSuppression: Suppression;
  /** Sends the FAILED and UNCERTAIN deliveries of an execution again (an UNCERTAIN one may then arrive twice); sent ones are not repeated. */
  resendFailedDeliveries: Execution;
  /** Active again from now on: runs missed while paused are not made up. */
  resumeSchedule: Schedule;
  /** A new attempt of a FAILED or CANCELLED export over the same rows. */
  retryExport: Export;
  /** Removes a user's or role's grant on a report or dashboard: true when there was one (audited as `grant.revoke`), false when there was none. Takes effect at once on every read path, and on the next run of a schedule its owner can no longer read (ACCESS_REVOKED). */
  revokeAccess: Scalars['Boolean']['output'];
  /** Makes a new webhook signing secret (`whsec_…`) for the schedule and returns it this once; the old one stops signing at once. Receivers verify `webhook-signature` with it (Standard Webhooks). */
  rotateWebhookSecret: Scalars['String']['output'];
  /** Runs the schedule now (triggeredBy MANUAL, ahead of scheduled work). */
  runScheduleNow: Execution;
  /** Saves a report as a template of the tenant (editor or admin); audited as `template.create`. */
  saveReportAsTemplate: ReportTemplate;
  /** Takes a dashboard off the viewer's favourites. Idempotent. */
  unfavoriteDashboard: Dashboard;
  /** Changes a dashboard (its owner or an admin); `tiles`, when given, replace every tile. Audited as `dashboard.update`. */
  updateDashboard: Dashboard;
  /** Sets some rules of the tenant's masking policy (admins only; the others stay). Audited as `masking_policy.update` with each rule's old and new mode. Applies to every query compiled from then on, including queued and scheduled exports. BAD_USER_INPUT for an empty list or a role and classification given twice. */
  updateMaskingPolicy: MaskingPolicyView;
  /** Changes a report (editor or admin); fields left out stay as they are. */
  updateReport: Report;
  /** Changes a schedule (editor or admin); fields left out stay as they are. */
  updateSchedule: Schedule;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationBackfillScheduleArgs = {
  from: Scalars['DateTime']['input'];
  id: Scalars['ID']['input'];
  parameterValues: InputMaybe<Scalars['JSON']['input']>;
  to: Scalars['DateTime']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCancelExportArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationClassifyColumnsArgs = {
  columns: Array<ColumnClassificationInput>;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationConnectSlackArgs = {
  token: Scalars['String']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateAuditExportArgs = {
  input: CreateAuditExportInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateDashboardArgs = {
  input: CreateDashboardInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateDashboardExportArgs = {
  input: CreateDashboardExportInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateDashboardFromTemplateArgs = {
  name: Scalars['String']['input'];
  parameterValues: InputMaybe<Scalars['JSON']['input']>;
  template: Scalars['String']['input'];
  timeZone: InputMaybe<Scalars['String']['input']>;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateExportArgs = {
  input: CreateExportInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateReportArgs = {
  input: CreateReportInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateReportFromTemplateArgs = {
  name: Scalars['String']['input'];
  parameterValues: InputMaybe<Scalars['JSON']['input']>;
  templateId: Scalars['ID']['input'];
  timeZone: InputMaybe<Scalars['String']['input']>;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationCreateScheduleArgs = {
  input: CreateScheduleInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationDeleteDashboardArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationDeleteExportArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationDeleteReportArgs = {
  force?: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationDeleteScheduleArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationFavoriteDashboardArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationGrantAccessArgs = {
  includeTileReports?: InputMaybe<Scalars['Boolean']['input']>;
  level: AccessLevel;
  objectId: Scalars['ID']['input'];
  objectType: SharedObjectType;
  principal: PrincipalInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationPauseScheduleArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationRemoveSuppressionArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationResendFailedDeliveriesArgs = {
  executionId: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationResumeScheduleArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationRetryExportArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationRevokeAccessArgs = {
  objectId: Scalars['ID']['input'];
  objectType: SharedObjectType;
  principal: PrincipalInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationRotateWebhookSecretArgs = {
  scheduleId: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationRunScheduleNowArgs = {
  id: Scalars['ID']['input'];
  parameterValues: InputMaybe<Scalars['JSON']['input']>;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationSaveReportAsTemplateArgs = {
  description: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  reportId: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationUnfavoriteDashboardArgs = {
  id: Scalars['ID']['input'];
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationUpdateDashboardArgs = {
  id: Scalars['ID']['input'];
  input: UpdateDashboardInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationUpdateMaskingPolicyArgs = {
  rules: Array<MaskingRuleInput>;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationUpdateReportArgs = {
  id: Scalars['ID']['input'];
  input: UpdateReportInput;
};


/** Writes: reports, exports and schedules. Only an idempotent mutation is safe to repeat after an unknown outcome. */
export type MutationUpdateScheduleArgs = {
  id: Scalars['ID']['input'];
  input: UpdateScheduleInput;
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

/** An object with a globally unique id that `node(id)` fetches again: Report, Export, Schedule, Execution, Dashboard. */
export type Node = {
  /** Globally unique id (a UUID): no two objects of any types share one. */
  id: Scalars['ID']['output'];
};

/** Sort key of the result. */
export type OrderBy = {
  __typename?: 'OrderBy';
  /** ASC (default) or DESC. */
  direction: Maybe<SortDirection>;
  /** An output column key (alias or derived name). */
  key: Scalars['String']['output'];
};

/** Sort key of the result; ties are broken by every group key so pages are stable. */
export type OrderByInput = {
  /** ASC (default) or DESC. */
  direction?: InputMaybe<SortDirection>;
  /** An output column key (alias or derived name). */
  key: Scalars['String']['input'];
};

/** Where a page ends and whether more follow. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to get the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when items come before this page (it was asked for `after` a cursor). Lists page forward only (`first`/`after`). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first item's cursor; null on an empty page, and on a preview (its rows have no cursors). */
  startCursor: Maybe<Scalars['String']['output']>;
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

/** A column of a preview, in row order. */
export type PreviewColumn = {
  __typename?: 'PreviewColumn';
  /** Human label for the column header. */
  label: Scalars['String']['output'];
  /** Column key (the alias or derived name). */
  name: Scalars['String']['output'];
  /** Value family of the column. */
  type: ColumnKind;
};

/** Preview a saved report (reportId) or an unsaved definition, one page at a time. */
export type PreviewReportInput = {
  /** endCursor of the previous page. */
  after?: InputMaybe<Scalars['String']['input']>;
  /** An unsaved definition to preview. */
  definition?: InputMaybe<ReportDefinitionInput>;
  /** Rows per page, 1..500 (default 100). */
  first?: InputMaybe<Scalars['Int']['input']>;
  /** Values of the report's parameters by name (`{ platform: ["ios"], period: { from: "2026-12-01", to: "2026-12-07" } }`), over their defaults; checked with paths `input.parameterValues.<name>`. */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** A saved report to preview. */
  reportId?: InputMaybe<Scalars['ID']['input']>;
};

/** The window of instants a preview covers. */
export type PreviewWindow = {
  __typename?: 'PreviewWindow';
  /** Start, inclusive. */
  from: Scalars['DateTime']['output'];
  /** Start as the wall time in the preview's zone, with its offset (`2026-12-01T00:00:00.000-08:00`). */
  fromLocal: Scalars['String']['output'];
  /** End, exclusive. */
  to: Scalars['DateTime']['output'];
  /** End as the wall time in the preview's zone, with its offset. */
  toLocal: Scalars['String']['output'];
};

/** Whom a grant is for: exactly one of `userId` and `role`. */
export type PrincipalInput = {
  /** Everyone in your tenant with this role or a higher one (VIEWER or EDITOR; admins see everything already). */
  role?: InputMaybe<RoleName>;
  /** A user of your tenant (token `sub`) who has signed in at least once (see `shareableUsers`). */
  userId?: InputMaybe<Scalars['String']['input']>;
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

/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type Query = {
  __typename?: 'Query';
  /** PII-classified columns exported in clear, masking-policy and grant changes, newest first (admins). */
  auditCompliance: ComplianceEventPage;
  /** The tenant's audit log, newest first, filtered (admins). Keyset pages: stable while entries are added. */
  auditLog: AuditLogConnection;
  /** Per user: sign-ins, previews, report reads, exports by format, downloads, schedule changes, last seen (admins). Counts over the filtered audit entries. */
  auditUserActivity: UserActivityPage;
  /** The most frequent values of a text column in the viewer's tenant, most frequent first, for a filter's value picker. BAD_USER_INPUT for an unknown table or column, for a column that is not text and for one marked `freeText` (ids). Cached for 30 s. */
  columnValues: Array<ColumnValue>;
  /** NOT_FOUND for a missing id, another tenant's, and another user's private dashboard. */
  dashboard: Dashboard;
  /** The whole dashboard as one PDF (every tile: title, period, chart, first 8 rows), with its time range or the one given (as on the page). A tile whose report the viewer may not open is named and shows nothing of it. Audited as a read (`dashboard.pdf`). */
  dashboardPdf: DashboardPdf;
  /** The first rows of one report tile, with the dashboard's time range and parameter values applied (or the ones given here, for this read only: the page's time-range control). NOT_FOUND when the viewer may not open the tile's report. */
  dashboardTileRows: ReportPreview;
  /** Dashboards the viewer may see (their own and the tenant's shared ones; admins: all), the viewer's favourites first, then newest first; at most 500. */
  dashboards: Array<Dashboard>;
  /** One export; NOT_FOUND for a missing id and for another tenant's. */
  export: Export;
  /** The tenant's exports, newest first. */
  exports: ExportConnection;
  /** The tenant's masking policy (every role may read it; admins change it with updateMaskingPolicy). */
  maskingPolicy: MaskingPolicyView;
  /** Null without a token. */
  me: Maybe<Me>;
  /** Any Report, Export, Schedule, Execution or Dashboard by its id, as the viewer may read it; null for an id that is missing, malformed, another tenant's, or not the viewer's to see. */
  node: Maybe<Node>;
  /** One page of a report's rows, by saved id or ad-hoc definition. */
  previewReport: ReportPreview;
  /** NOT_FOUND for a missing id and for another tenant's. */
  report: Report;
  /** The template gallery: built-in report types (daily summary, weekly performance, monthly summary, custom range, over each table), then the tenant's own templates, newest first. */
  reportTemplates: Array<ReportTemplate>;
  /** Reports visible to the viewer, newest first. */
  reports: ReportConnection;
  /** One schedule; NOT_FOUND for a missing id and for another tenant's. */
  schedule: Schedule;
  /** The tenant's schedules, newest first. */
  schedules: ScheduleConnection;
  /** Users of your tenant who have signed in (most recent first), for choosing whom to share with; `search` matches part of the id. */
  shareableUsers: Array<ShareableUser>;
  /** Whether the tenant's Slack is connected, and to which workspace. */
  slackConnection: SlackConnection;
  /** The tenant's suppression list, newest first (admins). */
  suppressions: Array<Suppression>;
  /** One table by name; null when it is not in the catalog. */
  table: Maybe<Table>;
  /** The tables reports can be built on. */
  tables: Array<Table>;
  /** The next runs of a cron in a zone, for previewing a schedule before saving it. */
  upcomingRuns: Array<UpcomingRun>;
  /** Checks a definition without running it. */
  validateReport: ReportValidation;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryAuditComplianceArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<AuditLogFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryAuditLogArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<AuditLogFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryAuditUserActivityArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<AuditLogFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryColumnValuesArgs = {
  field: Scalars['String']['input'];
  first: InputMaybe<Scalars['Int']['input']>;
  search: InputMaybe<Scalars['String']['input']>;
  source: Scalars['String']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryDashboardArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryDashboardPdfArgs = {
  dashboardId: Scalars['ID']['input'];
  timeRange: InputMaybe<DashboardTimeRangeInput>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryDashboardTileRowsArgs = {
  dashboardId: Scalars['ID']['input'];
  first: InputMaybe<Scalars['Int']['input']>;
  parameterValues: InputMaybe<Scalars['JSON']['input']>;
  tileId: Scalars['ID']['input'];
  timeRange: InputMaybe<DashboardTimeRangeInput>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryExportArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryExportsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<ExportFilter>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryPreviewReportArgs = {
  input: PreviewReportInput;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryReportArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryReportsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryScheduleArgs = {
  id: Scalars['ID']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QuerySchedulesArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryShareableUsersArgs = {
  first: InputMaybe<Scalars['Int']['input']>;
  search: InputMaybe<Scalars['String']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QuerySuppressionsArgs = {
  email: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryTableArgs = {
  name: Scalars['String']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryUpcomingRunsArgs = {
  businessDaysOnly: InputMaybe<Scalars['Boolean']['input']>;
  count?: Scalars['Int']['input'];
  cron: Scalars['String']['input'];
  holidayCountry: InputMaybe<Scalars['String']['input']>;
  holidayRegion: InputMaybe<Scalars['String']['input']>;
  timezone?: Scalars['String']['input'];
};


/** Reads: the caller, the catalog, reports and previews, exports, schedules, the audit log. */
export type QueryValidateReportArgs = {
  definition: ReportDefinitionInput;
};

/** One recipient's own parameter values, merged over the schedule's `parameterValues`: each slot runs once per distinct resolved set, delivered only to the recipients with that set. */
export type RecipientParameters = {
  __typename?: 'RecipientParameters';
  /** Values of the report's parameters by name, over the schedule's; checked with paths `input.recipientParameters.<i>.parameterValues.<name>`. */
  parameterValues: Scalars['JSON']['output'];
  /** One of the schedule's `recipients`. */
  recipient: Scalars['String']['output'];
};

/** One recipient's own parameter values, merged over the schedule's `parameterValues`. */
export type RecipientParametersInput = {
  /** Values of the report's parameters by name, over the schedule's; checked with paths `input.recipientParameters.<i>.parameterValues.<name>`. */
  parameterValues: Scalars['JSON']['input'];
  /** One of the schedule's `recipients`. */
  recipient: Scalars['String']['input'];
};

/** The last `n` complete calendar units before the current one, in the run's effective zone: `7 DAY` run on a Monday at 09:00 covers the previous Monday 00:00 to Sunday 24:00, exactly 7 whole days. */
export type RelativeRange = {
  __typename?: 'RelativeRange';
  /** Also the current unit up to the as-of instant (default false: complete units only). */
  includeCurrent: Maybe<Scalars['Boolean']['output']>;
  /** How many units, at least 1. */
  n: Scalars['Int']['output'];
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** The last `n` complete calendar units before the current one, in the run's effective zone (with `includeCurrent`, also the current unit up to the as-of instant). */
export type RelativeRangeInput = {
  /** Also the current unit up to the as-of instant (default false: complete units only). */
  includeCurrent?: InputMaybe<Scalars['Boolean']['input']>;
  /** How many units, at least 1. */
  n: Scalars['Int']['input'];
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** A saved report definition, owned by a tenant. */
export type Report = Node & {
  __typename?: 'Report';
  /** Whether you may change, delete and share it (its owner, an admin, an EDIT grant, or any editor for a public report). */
  canEdit: Scalars['Boolean']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** User id that created it. */
  createdBy: Scalars['String']['output'];
  /** What the report computes. */
  definition: ReportDefinition;
  /** Free text shown with the report. */
  description: Maybe<Scalars['String']['output']>;
  /** Who the report is shared with (users and roles, with their level); null unless you may share it (its owner, an admin, an EDIT grantee who is an editor). */
  grants: Maybe<Array<AccessGrant>>;
  /** Report id. */
  id: Scalars['ID']['output'];
  /** Visible to everyone in the tenant, not only its creator. */
  isPublic: Scalars['Boolean']['output'];
  /** Name, unique within the tenant. */
  name: Scalars['String']['output'];
  /** Most rows the report yields (definition.rowLimit). */
  rowLimit: Scalars['Int']['output'];
  /** Labels for finding the report. */
  tags: Array<Scalars['String']['output']>;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** How the report is drawn (builder, PDF, email); null: the default chart for its definition. */
  visualization: Maybe<Visualization>;
};

/** A page of Report items, newest first. */
export type ReportConnection = {
  __typename?: 'ReportConnection';
  /** The items of this page, in order. */
  edges: Array<ReportEdge>;
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** What a report computes: a catalog table, its groups, aggregates, filters, time range, order and row limit. */
export type ReportDefinition = {
  __typename?: 'ReportDefinition';
  /** Columns to group by. */
  dimensions: Maybe<Array<Dimension>>;
  /** Conditions rows must all match. */
  filters: Maybe<Array<Filter>>;
  /** BCP 47 locale people read the report in (default en-US): how the PDF, XLSX date formats, the email and the web app write numbers, dates, percentages and month names. A schedule or an export may override it; CSV and JSON stay locale-neutral. */
  locale: Maybe<Scalars['String']['output']>;
  /** Aggregates per group. */
  measures: Maybe<Array<Measure>>;
  /** Sort order of the result. */
  orderBy: Maybe<Array<OrderBy>>;
  /** Typed parameters filters and the time range may refer to; values are given per preview, export, schedule or run. */
  parameters: Maybe<Array<ReportParameter>>;
  /** List source rows as they are (one row per event) instead of one row per distinct combination of the dimensions; only without measures. Default false. */
  raw: Maybe<Scalars['Boolean']['output']>;
  /** Most rows the report yields; 10,000 when absent. */
  rowLimit: Maybe<Scalars['Int']['output']>;
  /** A catalog table name. */
  source: Scalars['String']['output'];
  /** Which rows by time; the table's default time column unless `field` says otherwise. */
  timeRange: Maybe<TimeRange>;
  /** IANA zone the report reads time in (default UTC): time buckets, calendar ranges, fixed dates and every time shown. A schedule runs it in the schedule's zone; an export may override it. */
  timeZone: Maybe<Scalars['String']['output']>;
  /** First day of a week for WEEK buckets and week periods (default MONDAY). */
  weekStart: Maybe<WeekStart>;
};

/** What a report computes, validated against the catalog; every problem is reported with its path. */
export type ReportDefinitionInput = {
  /** Columns to group by. */
  dimensions?: InputMaybe<Array<DimensionInput>>;
  /** Conditions rows must all match. */
  filters?: InputMaybe<Array<FilterInput>>;
  /** BCP 47 locale people read the report in (default en-US): how the PDF, XLSX date formats, the email and the web app write numbers, dates, percentages and month names. A schedule or an export may override it; CSV and JSON stay locale-neutral. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Aggregates per group. */
  measures?: InputMaybe<Array<MeasureInput>>;
  /** Sort order of the result. */
  orderBy?: InputMaybe<Array<OrderByInput>>;
  /** Typed parameters filters and the time range may refer to; values are given per preview, export, schedule or run. */
  parameters?: InputMaybe<Array<ReportParameterInput>>;
  /** List source rows as they are (one row per event) instead of one row per distinct combination of the dimensions; only without measures. Default false. */
  raw?: InputMaybe<Scalars['Boolean']['input']>;
  /** Most rows the report yields; 10,000 when absent. */
  rowLimit?: InputMaybe<Scalars['Int']['input']>;
  /** A catalog table name. */
  source: Scalars['String']['input'];
  /** Which rows by time; the table's default time column unless `field` says otherwise. */
  timeRange?: InputMaybe<TimeRangeInput>;
  /** IANA zone the report reads time in (default UTC): time buckets, calendar ranges, fixed dates and every time shown. A schedule runs it in the schedule's zone; an export may override it. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /** First day of a week for WEEK buckets and week periods (default MONDAY). */
  weekStart?: InputMaybe<WeekStart>;
};

/** One Report in a page, with its cursor. */
export type ReportEdge = {
  __typename?: 'ReportEdge';
  /** Opaque position of this item; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The Report. */
  node: Report;
};

/** A typed placeholder whose value is given when the report is previewed, exported or scheduled; filters and the time range refer to it by name. */
export type ReportParameter = {
  __typename?: 'ReportParameter';
  /** The value when none is given: a string, number, list, or `{ from, to }` for a DATE_RANGE. */
  default: Maybe<Scalars['JSON']['output']>;
  /** What a person sees; derived from the name when absent. */
  label: Maybe<Scalars['String']['output']>;
  /** Takes a list of values (filters IN / NOT_IN). Default false. */
  multiple: Maybe<Scalars['Boolean']['output']>;
  /** Name filters refer to (`param`) and values are given under: 1-40 lower-case letters, digits, underscores. */
  name: Scalars['String']['output'];
  /** ENUM: the allowed values. */
  options: Maybe<Array<Scalars['String']['output']>>;
  /** ENUM: a STRING column of the source whose values are offered (see `columnValues`). */
  optionsColumn: Maybe<Scalars['String']['output']>;
  /** A run without a value (and without a default) is refused. Default false: an unset parameter leaves its filters out. */
  required: Maybe<Scalars['Boolean']['output']>;
  /** TEXT, NUMBER, DATE, DATE_RANGE or ENUM. */
  type: ParameterType;
};

/** A typed placeholder whose value is given when the report is previewed, exported or scheduled; filters and the time range refer to it by name. */
export type ReportParameterInput = {
  /** The value when none is given: a string, number, list, or `{ from, to }` for a DATE_RANGE. */
  default?: InputMaybe<Scalars['JSON']['input']>;
  /** What a person sees; derived from the name when absent. */
  label?: InputMaybe<Scalars['String']['input']>;
  /** Takes a list of values (filters IN / NOT_IN). Default false. */
  multiple?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name filters refer to (`param`) and values are given under: 1-40 lower-case letters, digits, underscores. */
  name: Scalars['String']['input'];
  /** ENUM: the allowed values. */
  options?: InputMaybe<Array<Scalars['String']['input']>>;
  /** ENUM: a STRING column of the source whose values are offered (see `columnValues`). */
  optionsColumn?: InputMaybe<Scalars['String']['input']>;
  /** A run without a value (and without a default) is refused. Default false: an unset parameter leaves its filters out. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** TEXT, NUMBER, DATE, DATE_RANGE or ENUM. */
  type: ParameterType;
};

/** One page of a report's rows with the column metadata and paging information. */
export type ReportPreview = {
  __typename?: 'ReportPreview';
  /** The instant relative time ranges resolved against; fixed across pages. */
  asOf: Scalars['DateTime']['output'];
  /** The columns, in row order. */
  columns: Array<PreviewColumn>;
  /** Time the query took on the server. */
  elapsedMs: Scalars['Int']['output'];
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** The parameter values the preview ran with (given over defaults; null for an unset optional one), or null when the report has no parameters. */
  parameterValues: Maybe<Scalars['JSON']['output']>;
  /** Each row an array of values in column order. DATETIME values are ISO 8601 with the offset of `timeZone` (`2026-12-01T09:00:00.000-08:00`), DATE values calendar dates (`2026-12-01`), 64-bit integers strings. */
  rows: Array<Scalars['JSON']['output']>;
  /** The IANA zone the preview read time in (the report's `timeZone`): buckets, the time range and every DATETIME value. */
  timeZone: Scalars['String']['output'];
  /** Rows the report yields after its row limit. */
  totalCount: Scalars['Int']['output'];
  /** True when the row limit cut the result. */
  truncated: Scalars['Boolean']['output'];
  /** The time range resolved at `asOf`, or null when the report has none. */
  window: Maybe<PreviewWindow>;
};

/** A starting point for a new report: a built-in report type or one of the tenant's own, saved from a report. */
export type ReportTemplate = {
  __typename?: 'ReportTemplate';
  /** True for the built-in gallery; false for the tenant's own. */
  builtIn: Scalars['Boolean']['output'];
  /** When it was saved (tenant templates). */
  createdAt: Maybe<Scalars['DateTime']['output']>;
  /** Who saved it (tenant templates). */
  createdBy: Maybe<Scalars['String']['output']>;
  /** The definition a report made from it starts with. */
  definition: ReportDefinition;
  /** What the report shows, in a sentence or two. */
  description: Scalars['String']['output'];
  /** Template id: `builtin:<kind>:<table>` for a built-in, a UUID for a tenant template. */
  id: Scalars['ID']['output'];
  /** Built-ins: DAILY_SUMMARY, WEEKLY_PERFORMANCE, MONTHLY_SUMMARY or CUSTOM_RANGE; null for tenant templates. */
  kind: Maybe<Scalars['String']['output']>;
  /** Name shown in the gallery. */
  name: Scalars['String']['output'];
  /** The parameters a report made from it takes (values given to createReportFromTemplate become their defaults). */
  parameters: Array<ReportParameter>;
  /** The catalog table it reports on. */
  source: Scalars['String']['output'];
};

/** The outcome of checking a definition without running it. */
export type ReportValidation = {
  __typename?: 'ReportValidation';
  /** Every problem found; empty when valid. */
  errors: Array<DefinitionProblem>;
  /** True when the definition has no problems. */
  valid: Scalars['Boolean']['output'];
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

/** Elapsed time ending at the as-of instant: `24 HOUR` is the last 24 hours to the minute. HOUR, DAY and WEEK are 1, 24 and 168 hours; MONTH, QUARTER and YEAR step the local calendar back, keeping the time of day. */
export type RollingRange = {
  __typename?: 'RollingRange';
  /** How many units, at least 1. */
  n: Scalars['Int']['output'];
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** Elapsed time ending at the as-of instant (`24 HOUR`: the last 24 hours to the minute); the first and last buckets are usually partial. */
export type RollingRangeInput = {
  /** How many units, at least 1. */
  n: Scalars['Int']['input'];
  /** HOUR, DAY, WEEK, MONTH, QUARTER or YEAR. */
  unit: TimeUnit;
};

/** A bucket and key template a scheduled export is uploaded to. */
export type S3Target = {
  __typename?: 'S3Target';
  /** Bucket name. */
  bucket: Scalars['String']['output'];
  /** Key template: {tenant} {report} {schedule} {date} {format}. */
  keyTemplate: Scalars['String']['output'];
};

/** A bucket and key template a scheduled export is uploaded to. */
export type S3TargetInput = {
  /** Bucket name. */
  bucket: Scalars['String']['input'];
  /** Key template: {tenant} {report} {schedule} {date} {format}. */
  keyTemplate: Scalars['String']['input'];
};

/** A report exported on a timetable (cron in an IANA time zone) and delivered by email and/or to S3. */
export type Schedule = Node & {
  __typename?: 'Schedule';
  /** The built-in admin report it runs instead of a report (admins only; each run covers the period from the previous slot to its own); null: it exports a report or dashboard. */
  adminReport: Maybe<AdminReport>;
  /** Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); null: every run is sent. */
  alertCondition: Maybe<AlertCondition>;
  /** Skip runs that fall on a weekend in the schedule's zone (execution SKIPPED). */
  businessDaysOnly: Scalars['Boolean']['output'];
  /** GZIP or ZIP for every run's file (a protected CSV, XLSX or JSON file is always a ZIP); null: uncompressed. */
  compression: Maybe<Compression>;
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** User id that created it. */
  createdBy: Scalars['String']['output'];
  /** 5-field cron, in `timezone`. */
  cron: Scalars['String']['output'];
  /** Human reading of the cron. */
  cronDescription: Scalars['String']['output'];
  /** The dashboard it exports (each run: one PDF with every tile, or an XLSX with a sheet per tile); null when it exports a report. */
  dashboardId: Maybe<Scalars['ID']['output']>;
  /** Where runs go: EMAIL, S3 or BOTH. */
  delivery: DeliveryMethod;
  /** Free text shown with the schedule. */
  description: Maybe<Scalars['String']['output']>;
  /** Subject, message and attachment policy of the emails. */
  emailConfig: EmailConfig;
  /** Past runs, newest slot first. */
  executions: ExecutionConnection;
  /** Consecutive failed runs; reaching SCHEDULE_AUTO_PAUSE_AFTER pauses the schedule. */
  failureCount: Scalars['Int']['output'];
  /** File-name template of the runs, e.g. `{report}_{period_start:yyyy-MM-dd}`; null: the default name. The extension is always added. */
  fileNameTemplate: Maybe<Scalars['String']['output']>;
  /** File format of each run. */
  format: ExportFormat;
  /** A webhook signing secret exists (it is never returned after it is first shown). */
  hasWebhookSecret: Scalars['Boolean']['output'];
  /** With businessDaysOnly: the public holidays of this country are skipped too (execution SKIPPED, the holiday named). */
  holidayCountry: Maybe<Scalars['String']['output']>;
  /** Region of holidayCountry whose holidays count too. */
  holidayRegion: Maybe<Scalars['String']['output']>;
  /** Schedule id. */
  id: Scalars['ID']['output'];
  /** Latest slot that ran, whatever triggered it (its timetable, runScheduleNow, whose slot is the instant it was asked, or a backfill); MISSED and SKIPPED slots do not count. */
  lastRunAt: Maybe<Scalars['DateTime']['output']>;
  /** BCP 47 locale its runs' files and emails are written in; null uses the report's `locale`. */
  locale: Maybe<Scalars['String']['output']>;
  /** Name, unique within the tenant. */
  name: Scalars['String']['output'];
  /** Next slot it will fire at; null while paused. */
  nextRunAt: Maybe<Scalars['DateTime']['output']>;
  /** Deliver a run only when its rows and parameters differ from the last delivered run's (otherwise SKIPPED_UNCHANGED). */
  onlyIfChanged: Scalars['Boolean']['output'];
  /** PDF runs: page orientation; null: LANDSCAPE when the report has more than 6 columns, else PORTRAIT. */
  orientation: Maybe<PageOrientation>;
  /** Gets failure notices. */
  ownerEmail: Maybe<Scalars['String']['output']>;
  /** PDF runs: paper size; null: A4. */
  paperSize: Maybe<PaperSize>;
  /** Values of the report's parameters for every run, by name; null: the report's defaults. Each run's resolved values are in its execution's `parameters.definition.parameterValues`. */
  parameterValues: Maybe<Scalars['JSON']['output']>;
  /** Every run's file is password-protected. The password is stored encrypted and never returned; emails never carry it. */
  passwordProtected: Scalars['Boolean']['output'];
  /** Why it was paused (by a user, or automatically after repeated failures). */
  pausedReason: Maybe<Scalars['String']['output']>;
  /** Recipients with their own parameter values (over `parameterValues`). Each slot runs once per distinct resolved set, delivered only to its recipients; S3, Slack and webhook destinations get the schedule-level run (the schedule's own values). */
  recipientParameters: Array<RecipientParameters>;
  /** Email addresses each run is sent to. */
  recipients: Array<Scalars['String']['output']>;
  /** The report it exports; null when it exports a dashboard (`dashboardId`) or another target. */
  reportId: Maybe<Scalars['ID']['output']>;
  /** Executions that ran (started, or failed at once for a deleted or invalid report), whatever triggered them: its timetable, runScheduleNow and backfills. MISSED and SKIPPED slots do not count. */
  runCount: Scalars['Int']['output'];
  /** Bucket and key template for S3 delivery. */
  s3Config: Maybe<S3Target>;
  /** SFTP servers each run's file is uploaded to. */
  sftpTargets: Array<SftpTarget>;
  /** Send nothing when a run has no rows (execution SKIPPED_EMPTY). */
  skipIfEmpty: Scalars['Boolean']['output'];
  /** Slack channels (ids or #names) each run is posted to, with the tenant's Slack connection. */
  slackChannels: Array<Scalars['String']['output']>;
  /** ACTIVE runs on its timetable; PAUSED does not. */
  status: ScheduleStatus;
  /** Microsoft Teams URLs each run's card is posted to, redacted (`https://host/…(digest)`): the whole URL is a credential and is never returned. */
  teamsWebhooks: Array<Scalars['String']['output']>;
  /** IANA time zone. */
  timezone: Scalars['String']['output'];
  /** The next runs of this schedule. */
  upcomingRuns: Array<UpcomingRun>;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** The webhook signing secret (`whsec_…`), only in the answer to the createSchedule or updateSchedule that made it (the first webhook URL); null everywhere else. Keep it: it is not shown again (rotateWebhookSecret makes a new one). */
  webhookSecret: Maybe<Scalars['String']['output']>;
  /** URLs each run is POSTed to as signed JSON (Standard Webhooks). */
  webhookUrls: Array<Scalars['String']['output']>;
};


/** A report exported on a timetable (cron in an IANA time zone) and delivered by email and/or to S3. */
export type ScheduleExecutionsArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  first: InputMaybe<Scalars['Int']['input']>;
};


/** A report exported on a timetable (cron in an IANA time zone) and delivered by email and/or to S3. */
export type ScheduleUpcomingRunsArgs = {
  count?: Scalars['Int']['input'];
};

/** A page of Schedule items, newest first. */
export type ScheduleConnection = {
  __typename?: 'ScheduleConnection';
  /** The items of this page, in order. */
  edges: Array<ScheduleEdge>;
  /** Cursor for the next page. */
  pageInfo: PageInfo;
  /** All items the filter matches, across pages. */
  totalCount: Scalars['Int']['output'];
};

/** One Schedule in a page, with its cursor. */
export type ScheduleEdge = {
  __typename?: 'ScheduleEdge';
  /** Opaque position of this item; pass as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The Schedule. */
  node: Schedule;
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
  dayOfMonth?: InputMaybe<Scalars['Int']['input']>;
  /** 0 = Sunday … 6 = Saturday (WEEKLY). */
  dayOfWeek?: InputMaybe<Scalars['Int']['input']>;
  /** Hour of the day, 0..23 (required except for HOURLY). */
  hour?: InputMaybe<Scalars['Int']['input']>;
  /** Minute of the hour, 0..59 (default 0). */
  minute?: InputMaybe<Scalars['Int']['input']>;
  /** Which timetable. */
  preset: SchedulePreset;
};

/** Whether a schedule fires. */
export type ScheduleStatus =
  /** Fires on its timetable. */
  | 'ACTIVE'
  /** Does not fire until resumed. */
  | 'PAUSED';

/** An SFTP server each run's file is uploaded to (atomically: a temporary name, then a rename). The private key is never returned. */
export type SftpTarget = {
  __typename?: 'SftpTarget';
  /** A private key is stored (sealed; never returned). */
  hasPrivateKey: Scalars['Boolean']['output'];
  /** Host name or IP address. */
  host: Scalars['String']['output'];
  /** SHA256 fingerprint the server's host key must have (`SHA256:…`); any other key is refused. */
  hostKeyFingerprint: Scalars['String']['output'];
  /** Stable id: give it back in SftpTargetInput.id to keep the stored private key. */
  id: Scalars['ID']['output'];
  /** Remote path template, relative to the login directory: {tenant} {report} {schedule} {date} {format}, as S3 key templates. */
  pathTemplate: Scalars['String']['output'];
  /** SSH port. */
  port: Scalars['Int']['output'];
  /** User name it logs in as (key authentication). */
  username: Scalars['String']['output'];
};

/** An SFTP server to upload each run's file to. Problems are BAD_USER_INPUT at `input.sftpTargets.<i>.<field>`. */
export type SftpTargetInput = {
  /** Host name or IP address. In production it must resolve only to public addresses. */
  host: Scalars['String']['input'];
  /** The server's host key fingerprint, `SHA256:…` as `ssh-keyscan HOST | ssh-keygen -lf -` prints it. */
  hostKeyFingerprint: Scalars['String']['input'];
  /** A stored target's id (from Schedule.sftpTargets): its private key is kept when `privateKey` is left out. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Remote path template, relative to the login directory, e.g. `outbox/{report}/{date}.{format}`: letters, digits, . _ - / and {tenant} {report} {schedule} {date} {format}. */
  pathTemplate: Scalars['String']['input'];
  /** SSH port (default 22). */
  port?: InputMaybe<Scalars['Int']['input']>;
  /** Unencrypted private key (OpenSSH or PEM); required for a new target. Stored sealed with SECRETS_KEY and never returned. */
  privateKey?: InputMaybe<Scalars['String']['input']>;
  /** User name to log in as. */
  username: Scalars['String']['input'];
};

/** A user of the viewer's tenant who has signed in (first use of a token), as a share dialog offers them. */
export type ShareableUser = {
  __typename?: 'ShareableUser';
  /** Their latest sign-in (UTC). */
  lastSeenAt: Scalars['DateTime']['output'];
  /** The role of their latest sign-in. */
  roleName: Maybe<RoleName>;
  /** The user id (token `sub`). */
  userId: Scalars['String']['output'];
};

/** What can be shared. */
export type SharedObjectType =
  /** A dashboard. */
  | 'DASHBOARD'
  /** A saved report. */
  | 'REPORT';

/** The tenant's Slack connection. The bot token is stored encrypted and never returned. */
export type SlackConnection = {
  __typename?: 'SlackConnection';
  /** When it was connected. */
  connectedAt: Maybe<Scalars['DateTime']['output']>;
  /** User id of the admin who connected it. */
  connectedBy: Maybe<Scalars['String']['output']>;
  /** A bot token is connected: schedules may post to `slackChannels`. */
  slackConnected: Scalars['Boolean']['output'];
  /** The Slack workspace's id (auth.test). */
  teamId: Maybe<Scalars['String']['output']>;
  /** The Slack workspace's name (auth.test). */
  teamName: Maybe<Scalars['String']['output']>;
};

/** Sort order. */
export type SortDirection =
  /** Smallest first. */
  | 'ASC'
  /** Largest first. */
  | 'DESC';

/** Live updates over graphql-ws on /graphql (token in connectionParams.authorization). */
export type Subscription = {
  __typename?: 'Subscription';
  /** The export now, then on every status change and on progress (at most ~4 a second). */
  exportUpdated: Export;
  /** Every change to any of the viewer's tenant's exports. */
  exportsChanged: Export;
};


/** Live updates over graphql-ws on /graphql (token in connectionParams.authorization). */
export type SubscriptionExportUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** An address on the tenant's suppression list: consulted before every send. */
export type Suppression = {
  __typename?: 'Suppression';
  /** When it was added (UTC). */
  createdAt: Scalars['DateTime']['output'];
  /** The delivery whose event put it here, when one did. */
  deliveryId: Maybe<Scalars['ID']['output']>;
  /** The provider's words (bounce reason), when it gave some. */
  detail: Maybe<Scalars['String']['output']>;
  /** The address, lower-cased. */
  email: Scalars['String']['output'];
  /** Entry id (for removeSuppression). */
  id: Scalars['ID']['output'];
  /** Why it is suppressed. */
  reason: SuppressionReason;
  /** The schedule an unsubscribe applies to; null: every schedule of the tenant. */
  scheduleId: Maybe<Scalars['ID']['output']>;
};

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

/** An analytics table reports can be built on. */
export type Table = {
  __typename?: 'Table';
  /** The columns reports may use, in catalog order. */
  columns: Array<TableColumn>;
  /** The time column a time range applies to by default. */
  defaultTimeColumn: Scalars['String']['output'];
  /** What one row of the table is. */
  description: Scalars['String']['output'];
  /** Human name for the table. */
  label: Scalars['String']['output'];
  /** Table name to use as a definition's `source`. */
  name: Scalars['String']['output'];
};

/** A column a report may use. The tenant column is never listed: it is applied automatically. */
export type TableColumn = {
  __typename?: 'TableColumn';
  /** The catalog's default class of the column, whatever the tenant set. */
  catalogClassification: Classification;
  /** How sensitive its values are in this tenant: PUBLIC, INTERNAL or PII (the tenant's own class if an admin set one with classifyColumns, else `catalogClassification`). */
  classification: Classification;
  /** What the column holds. */
  description: Scalars['String']['output'];
  /** May be grouped by. */
  dimension: Scalars['Boolean']['output'];
  /** May be filtered on. */
  filter: Scalars['Boolean']['output'];
  /** Values nearly unique per row (ids): `columnValues` offers no list for it. */
  freeText: Scalars['Boolean']['output'];
  /** Value family, which decides the filter operators and measures allowed. */
  kind: ColumnKind;
  /** Human name for the column. */
  label: Scalars['String']['output'];
  /** What the caller sees of it under the tenant's masking policy: CLEAR, HASHED or HIDDEN. */
  masking: MaskMode;
  /** May be summed, averaged, min/maxed. */
  measure: Scalars['Boolean']['output'];
  /** Column name to use in a definition. */
  name: Scalars['String']['output'];
  /** True when the column may hold null. */
  nullable: Scalars['Boolean']['output'];
  /** May bound the time range and be bucketed by grain. */
  time: Scalars['Boolean']['output'];
  /** ClickHouse type, e.g. `LowCardinality(String)`. */
  type: Scalars['String']['output'];
};

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

/** Which rows by time, in the run's effective zone: exactly one of `last` (calendar units), `rolling` (elapsed time), `period` (a named calendar period) or `from`/`to` (fixed). */
export type TimeRange = {
  __typename?: 'TimeRange';
  /** PREVIOUS_PERIOD: every measure also over the period just before (`<key>_previous`) and its change in % (`<key>_change_pct`, null when the previous value is 0 or missing). Whole months compare with as many months before, whole days and weeks with as many days before on the zone's calendar, anything else with the same elapsed time before. Not with a time bucket of the range's column. */
  compare: Maybe<CompareMode>;
  /** Time column; the table's default when absent. */
  field: Maybe<Scalars['String']['output']>;
  /** Start, inclusive. ISO 8601: a date (`2026-12-01`, midnight) or a date-time without an offset is read in the effective zone; with `Z` or an offset it is that instant. */
  from: Maybe<Scalars['String']['output']>;
  /** The last n complete calendar units before the current one. */
  last: Maybe<RelativeRange>;
  /** Instead of last/rolling/period/from-to: the name of a DATE_RANGE parameter; the range covers its days, both included, in the run zone. */
  param: Maybe<Scalars['String']['output']>;
  /** A named calendar period (this week, previous month, quarter to date, ...). */
  period: Maybe<NamedPeriod>;
  /** Elapsed time ending at the as-of instant. */
  rolling: Maybe<RollingRange>;
  /** End, exclusive (a whole day Dec 1 is `from: "2026-12-01", to: "2026-12-02"`). Same forms as `from`. */
  to: Maybe<Scalars['String']['output']>;
};

/** Which rows by time, in the run's effective zone: exactly one of `last`, `rolling`, `period` or `from`/`to`. */
export type TimeRangeInput = {
  /** PREVIOUS_PERIOD: every measure also over the period just before (`<key>_previous`) and its change in % (`<key>_change_pct`, null when the previous value is 0 or missing). Whole months compare with as many months before, whole days and weeks with as many days before on the zone's calendar, anything else with the same elapsed time before. Not with a time bucket of the range's column. */
  compare?: InputMaybe<CompareMode>;
  /** Time column; the table's default when absent. */
  field?: InputMaybe<Scalars['String']['input']>;
  /** Start, inclusive. ISO 8601: a date (`2026-12-01`, midnight) or a date-time without an offset is read in the effective zone; with `Z` or an offset it is that instant. */
  from?: InputMaybe<Scalars['String']['input']>;
  /** The last n complete calendar units before the current one. */
  last?: InputMaybe<RelativeRangeInput>;
  /** Instead of last/rolling/period/from-to: the name of a DATE_RANGE parameter; the range covers its days, both included, in the run zone. */
  param?: InputMaybe<Scalars['String']['input']>;
  /** A named calendar period (this week, previous month, quarter to date, ...). */
  period?: InputMaybe<NamedPeriod>;
  /** Elapsed time ending at the as-of instant. */
  rolling?: InputMaybe<RollingRangeInput>;
  /** End, exclusive (a whole day Dec 1 is `from: "2026-12-01", to: "2026-12-02"`). Same forms as `from`. */
  to?: InputMaybe<Scalars['String']['input']>;
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

/** One future run of a schedule: the instant and the wall time in its zone. */
export type UpcomingRun = {
  __typename?: 'UpcomingRun';
  /** Wall time with its offset in the schedule's zone, e.g. 2026-03-09T09:00:00-04:00. */
  local: Scalars['String']['output'];
  /** Why this slot will be SKIPPED (businessDaysOnly): 'Weekend', or the public holiday's name, e.g. 'Thanksgiving Day (US)'; null: it runs. */
  skipReason: Maybe<Scalars['String']['output']>;
  /** The instant, in UTC. */
  utc: Scalars['DateTime']['output'];
};

/** Fields left out stay as they are; `tiles`, when given, replace every tile; `timeRange: null` goes back to each report's own. */
export type UpdateDashboardInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Parameter values by name; null: none. */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** Every tile of the dashboard, replacing the current ones. */
  tiles?: InputMaybe<Array<DashboardTileInput>>;
  /** The period every report tile shows; null: each report's own. */
  timeRange?: InputMaybe<DashboardTimeRangeInput>;
  /** PRIVATE or TENANT. */
  visibility?: InputMaybe<DashboardVisibility>;
};

/** Fields left out stay as they are. */
export type UpdateReportInput = {
  /** New definition; validated before saving. */
  definition?: InputMaybe<ReportDefinitionInput>;
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Visible to the whole tenant or not. */
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  /** New name, unique within the tenant. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New tags (replace the old ones). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New chart; null: back to the default chart. */
  visualization?: InputMaybe<VisualizationInput>;
};

/** Fields left out stay as they are. */
export type UpdateScheduleInput = {
  /** Another built-in admin report for an admin-report schedule (admins only); a report or dashboard schedule cannot become one (BAD_USER_INPUT). */
  adminReport?: InputMaybe<AdminReport>;
  /** Send a run only when this condition on its results holds (otherwise SKIPPED_CONDITION); on update null removes it, left out keeps it. */
  alertCondition?: InputMaybe<AlertConditionInput>;
  /** Skip runs on weekends in the schedule's zone. */
  businessDaysOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** GZIP or ZIP; null: no compression. */
  compression?: InputMaybe<Compression>;
  /** New 5-field cron (replaces the timetable). */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** The dashboard to export (the schedule then no longer exports its report); format PDF or XLSX. */
  dashboardId?: InputMaybe<Scalars['ID']['input']>;
  /** EMAIL, S3 or BOTH. */
  delivery?: InputMaybe<DeliveryMethod>;
  /** Free text shown with the schedule. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Subject, message and attachment policy of the emails. */
  emailConfig?: InputMaybe<EmailConfigInput>;
  /** New file-name template; null: back to the default name. */
  fileNameTemplate?: InputMaybe<Scalars['String']['input']>;
  /** New file format. */
  format?: InputMaybe<ExportFormat>;
  /** With businessDaysOnly: also skip the public holidays of this country (ISO 3166 code as date-holidays knows it, e.g. US, GB, DE); null: weekends only (a null here removes the calendar). */
  holidayCountry?: InputMaybe<Scalars['String']['input']>;
  /** A region of holidayCountry whose own holidays count too (e.g. CA for California, BY for Bavaria); null: the country's national holidays. */
  holidayRegion?: InputMaybe<Scalars['String']['input']>;
  /** New BCP 47 locale for the runs; null goes back to the report's `locale`. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique within the tenant. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Deliver a run only when its rows and parameters differ from the last delivered run's (otherwise SKIPPED_UNCHANGED). */
  onlyIfChanged?: InputMaybe<Scalars['Boolean']['input']>;
  /** PDF only: new orientation; null: back to the default (landscape for more than 6 columns). Changing the format away from PDF clears it. */
  orientation?: InputMaybe<PageOrientation>;
  /** Address told about failed runs and automatic pauses. */
  ownerEmail?: InputMaybe<Scalars['String']['input']>;
  /** PDF only: new paper size; null: back to A4. Changing the format away from PDF clears it. */
  paperSize?: InputMaybe<PaperSize>;
  /** New values of the report's parameters for every run; null: back to the report's defaults; left out: unchanged (checked again when the report changes). */
  parameterValues?: InputMaybe<Scalars['JSON']['input']>;
  /** A new password for the runs' files (see CreateScheduleInput.password); left out: unchanged. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** A common timetable instead of `cron`. */
  preset?: InputMaybe<SchedulePresetInput>;
  /** Recipients' own parameter values, each over `parameterValues`; every `recipient` must be in `recipients`. Null or []: none; left out (update): unchanged, entries of removed recipients dropped. */
  recipientParameters?: InputMaybe<Array<RecipientParametersInput>>;
  /** Email addresses (required for EMAIL and BOTH). */
  recipients?: InputMaybe<Array<Scalars['String']['input']>>;
  /** True: the runs' files are no longer password-protected (the stored password is deleted). */
  removePassword?: InputMaybe<Scalars['Boolean']['input']>;
  /** The report to export (the schedule then no longer exports its dashboard). */
  reportId?: InputMaybe<Scalars['ID']['input']>;
  /** Bucket and key template (required for S3 and BOTH). */
  s3Config?: InputMaybe<S3TargetInput>;
  /** SFTP servers to upload each run's file to; the list replaces the stored one (name a stored target by its `id` to keep its key). */
  sftpTargets?: InputMaybe<Array<SftpTargetInput>>;
  /** Send nothing when a run has no rows. */
  skipIfEmpty?: InputMaybe<Scalars['Boolean']['input']>;
  /** Slack channels (ids like C0123ABCD or #names) to post each run to; needs the tenant's Slack connection (connectSlack). The bot must be in the channel. */
  slackChannels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Microsoft Teams incoming-webhook or Workflows URLs to post each run's card to (https://; http:// outside production only; in production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT). Stored sealed (the URL is a credential) and shown only redacted: to keep a stored URL, give its redacted form from `teamsWebhooks`. */
  teamsWebhookUrls?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New IANA time zone. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** URLs to POST each run to as signed JSON (https://; http:// outside production only). In production a URL resolving to a loopback, private or link-local address is BAD_USER_INPUT. The first URL makes the signing secret, returned once as `webhookSecret`. */
  webhookUrls?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** One user's activity over the filtered entries: counts of audit entries by kind. */
export type UserActivity = {
  __typename?: 'UserActivity';
  /** Files downloaded (`export.download`). */
  downloads: Scalars['Int']['output'];
  /** CSV exports asked for (`export.create`, `audit.export`). */
  exportsCsv: Scalars['Int']['output'];
  /** JSON exports asked for. */
  exportsJson: Scalars['Int']['output'];
  /** PDF exports asked for. */
  exportsPdf: Scalars['Int']['output'];
  /** XLSX exports asked for. */
  exportsXlsx: Scalars['Int']['output'];
  /** Their newest entry. */
  lastSeen: Scalars['DateTime']['output'];
  /** Previews run (`report.preview`). */
  previews: Scalars['Int']['output'];
  /** Reports opened (`report.read`). */
  reportReads: Scalars['Int']['output'];
  /** Schedule changes (every `schedule.*` action). */
  scheduleChanges: Scalars['Int']['output'];
  /** Sign-ins: distinct bearer tokens first used (`auth.token_use`, `auth.login`). */
  tokenUses: Scalars['Int']['output'];
  /** The user id. */
  userId: Scalars['String']['output'];
};

/** A page of users' activity, by user id. */
export type UserActivityPage = {
  __typename?: 'UserActivityPage';
  /** Pass as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when another page follows. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Users with entries under the filter. */
  totalCount: Scalars['Int']['output'];
  /** The users of this page, by user id. */
  users: Array<UserActivity>;
};

/** A report's chart. Null on a report means the default for its definition (a time dimension → LINE, one category → BAR, one value → NUMBER). */
export type Visualization = {
  __typename?: 'Visualization';
  /** PIE: draw a ring (other types ignore it). */
  donut: Maybe<Scalars['Boolean']['output']>;
  /** Most rows the chart covers, 1..5000 (the first rows in the report's order; the chart says when it covers fewer than the report has). Null: LINE 1000, AREA 1000, BAR 50, PIE 12, NUMBER 1. */
  maxPoints: Maybe<Scalars['Int']['output']>;
  /** Measures to draw, by output key (alias or derived name), at most 20; null or empty: all of them. */
  series: Maybe<Array<Scalars['String']['output']>>;
  /** BAR and AREA: stack the series (other types ignore it). */
  stacked: Maybe<Scalars['Boolean']['output']>;
  /** The kind of chart. */
  type: ChartType;
  /** Name of the x axis, at most 100 characters; null: the dimension's label. */
  xAxisLabel: Maybe<Scalars['String']['output']>;
  /** Name of the y axis, at most 100 characters; null: the measure's label. */
  yAxisLabel: Maybe<Scalars['String']['output']>;
};

/** A report's chart; checked against the report's measures. Send null to go back to the default. */
export type VisualizationInput = {
  /** PIE: draw a ring (other types ignore it). */
  donut?: InputMaybe<Scalars['Boolean']['input']>;
  /** Most rows the chart covers, 1..5000 (the first rows in the report's order; the chart says when it covers fewer than the report has). Null: LINE 1000, AREA 1000, BAR 50, PIE 12, NUMBER 1. */
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
  /** Measures to draw, by output key (alias or derived name), at most 20; null or empty: all of them. */
  series?: InputMaybe<Array<Scalars['String']['input']>>;
  /** BAR and AREA: stack the series (other types ignore it). */
  stacked?: InputMaybe<Scalars['Boolean']['input']>;
  /** The kind of chart. */
  type: ChartType;
  /** Name of the x axis, at most 100 characters; null: the dimension's label. */
  xAxisLabel?: InputMaybe<Scalars['String']['input']>;
  /** Name of the y axis, at most 100 characters; null: the measure's label. */
  yAxisLabel?: InputMaybe<Scalars['String']['input']>;
};

/** The first day of a week, for WEEK buckets and week periods. */
export type WeekStart =
  /** ISO weeks (the default). */
  | 'MONDAY'
  /** Weeks from Sunday to Saturday. */
  | 'SUNDAY';
