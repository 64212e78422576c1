import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node.js';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { CSV_TIMESTAMP_FORMATS, EXPORT_STATUSES, TRIGGERS, type CsvTimestampFormat, type ExportStatus, type ExportTrigger } from './export.entity.js';
import type { ExportFormat } from './writers/writer.js';
import { enumOf } from '../../graphql/enums.js';
import { COMPRESSIONS, type Compression } from './writers/packaging.js';
import { EXPORT_ERROR_CODES, type ExportErrorCode } from './failure-code.js';
import { ORIENTATIONS, PAPER_SIZES, type Orientation, type PaperSize } from './writers/pdf-layout.js';

export const ExportFormatEnum = enumOf(['CSV', 'XLSX', 'PDF', 'JSON'] as const);
export const ExportStatusEnum = enumOf(EXPORT_STATUSES);
export const ExportTriggerEnum = enumOf(TRIGGERS);
export const CsvTimestampFormatEnum = enumOf(CSV_TIMESTAMP_FORMATS);
export const CompressionEnum = enumOf(COMPRESSIONS);
export const PaperSizeEnum = enumOf(PAPER_SIZES);
export const PageOrientationEnum = enumOf(ORIENTATIONS);
registerEnumType(PaperSizeEnum, {
  name: 'PaperSize',
  description: 'Paper a PDF is printed on.',
  valuesConfig: {
    A4: { description: 'ISO A4, 210 × 297 mm (595.28 × 841.89 pt). The default.' },
    LETTER: { description: 'US Letter, 8.5 × 11 in (612 × 792 pt).' },
    A3: { description: 'ISO A3, 297 × 420 mm (841.89 × 1190.55 pt).' },
  },
});
registerEnumType(PageOrientationEnum, {
  name: 'PageOrientation',
  description: 'How a PDF page is turned. Not given: LANDSCAPE when the report has more than 6 columns, else PORTRAIT.',
  valuesConfig: { PORTRAIT: { description: 'Taller than wide.' }, LANDSCAPE: { description: 'Wider than tall.' } },
});
registerEnumType(CompressionEnum, {
  name: 'Compression',
  description: 'How an export file is compressed; streamed, so any size takes the same memory.',
  valuesConfig: {
    GZIP: { description: 'gzip: `name.csv.gz`, Content-Type application/gzip.' },
    ZIP: { description: 'ZIP holding the file under its own name: `name.zip` containing `name.csv`, Content-Type application/zip.' },
  },
});
registerEnumType(CsvTimestampFormatEnum, {
  name: 'CsvTimestampFormat',
  description: 'How a CSV export writes date-times, always in the export\'s `timeZone`.',
  valuesConfig: {
    LOCAL: { description: 'ISO 8601 local date-time without a zone suffix (`2026-12-06T19:59:53.912`): LibreOffice Calc and Excel type it as a date/time on open. The zone is the export\'s `timeZone`.' },
    ISO_OFFSET: { description: 'ISO 8601 with the offset (`2026-12-07T04:59:53.912+09:00`): unambiguous for programs; spreadsheets keep it as text.' },
  },
});
registerEnumType(ExportFormatEnum, {
  name: 'ExportFormat',
  description: 'File format of an export.',
  valuesConfig: { CSV: { description: 'RFC 4180, CRLF, header of column keys.' }, XLSX: { description: 'Excel workbook with typed cells and an About sheet.' }, PDF: { description: 'Printable table (and chart for time series), capped at PDF_ROW_CAP rows.' }, JSON: { description: 'An array of objects, or NDJSON with the ndjson option.' } },
});
registerEnumType(ExportStatusEnum, {
  name: 'ExportStatus',
  description: 'PENDING → PROCESSING → COMPLETED | FAILED | CANCELLED',
  valuesConfig: { PENDING: { description: 'Queued for a worker.' }, PROCESSING: { description: 'A worker is writing the file.' }, COMPLETED: { description: 'The file is ready to download.' }, FAILED: { description: 'Gave up; see `error`.' }, CANCELLED: { description: 'Stopped by cancelExport.' } },
});
registerEnumType(ExportTriggerEnum, {
  name: 'ExportTrigger',
  description: 'What started the export.',
  valuesConfig: { MANUAL: { description: 'A person in the web app.' }, API: { description: 'An API client (the SDK, scripts).' }, SCHEDULE: { description: 'A schedule\'s run.' }, BACKFILL: { description: 'A backfilled schedule run.' }, RETRY: { description: 'retryExport.' } },
});

@ObjectType({ description: 'How far a running export has got.' })
export class ExportProgress {
  @Field(() => Float, { description: 'Rows written to the file so far. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number.' })
  rowsWritten!: number;

  @Field(() => Float, { nullable: true, description: 'Rows the export will write; known once counting is done. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number.' })
  rowsTotal!: number | null;

  @Field(() => Float, { description: 'Bytes written to the file so far. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number.' })
  bytesWritten!: number;

  @Field(() => Float, { nullable: true, description: '0..100' })
  percent!: number | null;

  @Field(() => Int, { nullable: true, description: 'Estimated seconds left at the current rate.' })
  etaSeconds!: number | null;
}

export const ExportErrorCodeEnum = enumOf(EXPORT_ERROR_CODES);
registerEnumType(ExportErrorCodeEnum, {
  name: 'ExportErrorCode',
  description: 'Why an export, or a schedule\'s execution, did not produce what it should (`ExportError.errorCode`). New values may be added: treat one you do not know as a failure.',
  valuesConfig: {
    EXPORT_FAILED: { description: 'Writing the file failed (a query, storage or other error) after its attempts; the message says which.' },
    REPORT_DELETED: { description: 'The report was deleted before the run.' },
    INVALID_DEFINITION: { description: 'The report\'s stored definition no longer validates (e.g. a column left the catalog).' },
    PASSWORD_UNAVAILABLE: { description: 'The file was to be password-protected but its password could not be read: set it again.' },
    WORKER_LOST: { description: 'The worker writing it stopped and did not come back.' },
    EXPORT_CANCELLED: { description: 'An execution\'s export was cancelled.' },
    DELIVERY_FAILED: { description: 'An execution\'s file was made, but some or all of its deliveries failed (see `deliveries`).' },
    MISSED: { description: 'An execution\'s slot passed while no scheduler ran, beyond the grace period.' },
    NOT_A_BUSINESS_DAY: { description: 'An execution\'s slot fell on a weekend of a business-days-only schedule.' },
    ACCESS_REVOKED: { description: 'A scheduled run\'s owner may no longer view its report or dashboard (a grant was revoked, the report made private): nothing was made or delivered.' },
  },
});

@ObjectType({ description: 'Why an export (or a schedule\'s execution) failed: a stable code and a message without internals.' })
export class ExportError {
  @Field(() => String, { description: 'The code as text: EXPORT_FAILED, REPORT_DELETED, INVALID_DEFINITION, ...', deprecationReason: 'Use `errorCode`, the same code as an enum.' })
  code!: string;

  @Field(() => ExportErrorCodeEnum, { description: 'Why, as an enum.' })
  errorCode!: ExportErrorCode;

  @Field(() => String, { description: 'What went wrong, without internals.' })
  message!: string;
}

@ObjectType({ description: 'One file produced from a report.', implements: Node })
export class Export {
  @Field(() => ID, { description: 'Export id.' })
  id!: string;

  @Field(() => ExportStatusEnum, { description: 'Where the export stands.' })
  status!: ExportStatus;

  @Field(() => ExportFormatEnum, { description: 'File format.' })
  format!: ExportFormat;

  @Field(() => ExportTriggerEnum, { description: 'What started it.' })
  triggeredBy!: ExportTrigger;

  @Field(() => String, { description: 'The user (or schedule) that started it.' })
  initiatedBy!: string;

  @Field(() => ID, { nullable: true, description: 'Null once the report is deleted.' })
  reportId!: string | null;

  @Field(() => String, { description: 'The report name when the export was made.' })
  reportName!: string;

  @Field(() => ID, { description: 'The schedule whose run made it, if any.', nullable: true })
  scheduleId!: string | null;

  @Field(() => ID, { description: 'The dashboard it is a file of (createDashboardExport, or a schedule of a dashboard); `reportName` then holds the dashboard\'s name. Null for a report\'s export.', nullable: true })
  dashboardId!: string | null;

  @Field(() => ExportProgress, { description: 'Rows and bytes written so far.' })
  progress!: ExportProgress;

  @Field(() => Float, { description: 'Rows in the file, once COMPLETED (a PDF holds at most PDF_ROW_CAP rows; see `sourceRowCount`). A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number.', nullable: true })
  rowCount!: number | null;

  @Field(() => Float, { description: "Rows of the report's result after its row limit, once counted (before the first row is written): what a CSV, XLSX or JSON file of it holds. More than `rowCount` when PDF_ROW_CAP cut a PDF. A Float for the reason `rowCount` is.", nullable: true })
  sourceRowCount!: number | null;

  @Field(() => Boolean, { nullable: true, description: "True when the file holds fewer rows than the report yields: the report's row limit cut the result, or (a PDF) PDF_ROW_CAP cut the file (then `rowCount` < `sourceRowCount`). Null until counted." })
  truncated!: boolean | null;

  @Field(() => String, { description: 'Name the file downloads as.', nullable: true })
  fileName!: string | null;

  @Field(() => CompressionEnum, { nullable: true, description: 'GZIP or ZIP when the file is compressed (a password-protected CSV, XLSX or JSON file is always a ZIP); null: the file as it is.' })
  compression!: Compression | null;

  @Field(() => Boolean, { description: 'The file opens only with the password given when it was requested (PDF: AES-256 encrypted PDF; CSV, XLSX, JSON: inside an AES-256 ZIP). The password itself is never returned.' })
  passwordProtected!: boolean;

  @Field(() => Float, { description: 'File size in bytes. A Float because it can pass 2^31 − 1, the most a 32-bit GraphQL Int holds; always a whole number.', nullable: true })
  fileSize!: number | null;

  @Field(() => String, { nullable: true, description: 'sha256 of the file, hex.' })
  checksum!: string | null;

  @Field(() => String, { description: 'MIME type of the file.', nullable: true })
  contentType!: string | null;

  @Field(() => String, { description: 'Where the file is kept in storage (a path or S3 key).', nullable: true })
  storageKey!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When retention removed the file; the record stays.' })
  fileExpiredAt!: Date | null;

  @Field(() => ExportError, { description: 'Why it failed, when FAILED.', nullable: true })
  error!: ExportError | null;

  @Field(() => Int, { description: 'Attempts made (retries after transient failures count).' })
  attempts!: number;

  @Field(() => Int, { description: 'Grows with every change to this export: of two copies of it (a list read and a subscription event, say), the one with the higher revision is the newer.' })
  revision!: number;

  @Field(() => Int, { description: 'Time the last attempt took, once finished.', nullable: true })
  executionTimeMs!: number | null;

  @Field(() => ID, { nullable: true, description: 'The export this one retries.' })
  retryOf!: string | null;

  @Field(() => DateTimeScalar, { description: 'The instant relative time ranges resolved against.' })
  asOf!: Date;

  @Field(() => String, { description: "The run's effective IANA zone: buckets, calendar ranges and every time in the file (CSV, JSON, XLSX, PDF) are in it. The export's `timeZone` option, else the schedule's zone for a scheduled run, else the report's." })
  timeZone!: string;

  @Field(() => String, { description: "The run's effective BCP 47 locale: how the PDF, the XLSX date formats and the email write numbers, dates and month names (CSV and JSON are locale-neutral). The export's `locale` option, else the schedule's locale for a scheduled run, else the report's, else en-US." })
  locale!: string;

  @Field(() => DateTimeScalar, { description: 'When it was requested.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When a worker started it.', nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When it reached a terminal status.', nullable: true })
  completedAt!: Date | null;
}

export const ExportConnection = Connection(Export, 'Export');
export type ExportConnection = InstanceType<typeof ExportConnection>;

@InputType({ description: 'Format options for an export; each applies to the formats it names.' })
export class ExportOptionsInput {
  @Field(() => Boolean, { nullable: true, description: 'CSV: start with a UTF-8 BOM for Excel.' })
  bom?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'JSON: newline-delimited objects instead of an array.' })
  ndjson?: boolean | null;

  @Field(() => String, { nullable: true, description: "IANA zone this export reads time in, overriding the report's `timeZone`: buckets, calendar ranges and every time in the file." })
  timeZone?: string | null;

  @Field(() => String, { nullable: true, description: "BCP 47 locale this export is written in for people, overriding the schedule's and the report's `locale`: numbers, dates and month names in PDF, XLSX date formats. CSV and JSON are locale-neutral and ignore it." })
  locale?: string | null;

  @Field(() => CsvTimestampFormatEnum, { nullable: true, description: 'CSV: how date-times are written (default LOCAL, which spreadsheets type as date/time).' })
  csvTimestamps?: CsvTimestampFormat | null;

  @Field(() => PaperSizeEnum, { nullable: true, description: 'PDF: paper size (default A4). A table wider than the page shrinks (down to 75 %), then wraps its columns onto continuation pages that repeat the first column.' })
  paperSize?: PaperSize | null;

  @Field(() => PageOrientationEnum, { nullable: true, description: 'PDF: page orientation (default: LANDSCAPE when the report has more than 6 columns, else PORTRAIT).' })
  orientation?: Orientation | null;

  @Field(() => CompressionEnum, { nullable: true, description: 'Compress the file: GZIP (`name.csv.gz`) or ZIP (`name.zip` holding `name.csv`).' })
  compression?: Compression | null;

  @Field(() => String, { nullable: true, description: 'Protect the file with this password (at least 8 characters; for PDF 8 to 32 printable ASCII characters): a PDF is AES-256 encrypted, CSV, XLSX and JSON go inside an AES-256 ZIP (with GZIP: BAD_USER_INPUT). Never stored in clear nor returned; a protected export cannot be retried (export again).' })
  password?: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "Values of the report's parameters by name, over their defaults; checked with paths `input.options.parameterValues.<name>` before anything is enqueued, and kept in the export's definition snapshot." })
  parameterValues?: Record<string, unknown> | null;
}

@InputType({ description: 'What to export: a saved report and a file format.' })
export class CreateExportInput {
  @Field(() => ID, { description: 'The saved report to export.' })
  reportId!: string;

  @Field(() => ExportFormatEnum, { description: 'CSV, XLSX, PDF or JSON.' })
  format!: ExportFormat;

  @Field(() => ExportOptionsInput, { description: 'Format options.', nullable: true })
  options?: ExportOptionsInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Email the creator when the export completes (a download link) or fails (the reason), once. Needs an address in the sign-in (the token\'s `email` claim, or a subject that is an address): otherwise BAD_USER_INPUT at input.notifyWhenReady.' })
  notifyWhenReady?: boolean | null;
}

@InputType({ description: 'Narrows the exports list; every field given must match.' })
export class ExportFilter {
  @Field(() => ExportStatusEnum, { description: 'Only exports in this status.', nullable: true })
  status?: ExportStatus | null;

  @Field(() => ExportFormatEnum, { description: 'Only exports in this format.', nullable: true })
  format?: ExportFormat | null;

  @Field(() => ID, { description: 'Only exports of this report.', nullable: true })
  reportId?: string | null;
}

@ObjectType()
export class DownloadLink {
  @Field(() => String)
  url!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}
