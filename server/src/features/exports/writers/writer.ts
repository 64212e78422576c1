/**
 * The contract every export file writer keeps. Writers are pure streaming modules: they turn rows
 * into bytes on a Node Writable they are given, honour its back-pressure, and do no other I/O.
 *
 * Glossary
 * - column: an output column of the compiled report (key, human label, kind).
 * - row: an array of values in column order, as ClickHouse's JSONCompactEachRow gives them:
 *   NUMBER → number (or null), STRING → string, BOOLEAN → boolean, DATE → 'YYYY-MM-DD',
 *   DATETIME → 'YYYY-MM-DD HH:MM:SS[.mmm]' in UTC; any nullable column may give null.
 * - effective zone: `meta.timeZone`, the run's IANA zone (validated before a writer is made).
 * - The time rule, the same in every format: a DATETIME value is an instant, and every writer shows
 *   it as the wall time of the effective zone (CSV `2026-12-06T19:59:53.912` or, with
 *   csvTimestamps ISO_OFFSET, `2026-12-07T04:59:53.912+09:00`; JSON always with the offset; XLSX a
 *   date/time cell holding the wall time; PDF `2026-12-06 19:59`). A DATE value is a calendar day
 *   (the compiler already bucketed it in the effective zone) and is never shifted by a zone. Hour
 *   buckets are DATETIME instants (the start of the local hour), so they follow the DATETIME rule.
 *   The conversions are calendar/zone-clock.ts's; writers do no zone arithmetic of their own.
 * - totalRows: how many rows the export will write (the report's result after its row limit),
 *   known before the first row because the exporter counts first.
 * - truncated: the report's row limit cut the result (the report yields more than totalRows).
 */
import type { Writable } from 'node:stream';
import type { ColumnKind } from '../../catalog/catalog.js';
import type { ChartDefinition, Visualization } from '@reportcast/charts';
import type { Orientation, PaperSize } from './pdf-layout.js';

export type ExportFormat = 'CSV' | 'XLSX' | 'PDF' | 'JSON';

export interface ExportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
}

export interface ExportParameter {
  /** e.g. 'Time range', 'Filter', 'Row limit'. */
  label: string;
  /** Human text, e.g. '2026-11-21 00:00 → 2026-11-28 00:00 (Europe/Paris)'. */
  value: string;
}

export interface ExportMeta {
  reportName: string;
  tenantId: string;
  /** When the export ran; shown in `timeZone`. */
  generatedAt: Date;
  /** The run's effective IANA zone: every DATETIME value and human-facing time in the file is shown in it. */
  timeZone: string;
  /**
   * The run's effective BCP 47 locale (exports/run-locale.ts; en-US when absent): how PDF and XLSX
   * write numbers, dates and month names for people. CSV and JSON ignore it: machine formats.
   */
  locale?: string;
  parameters: ExportParameter[];
  rowLimit: number;
  totalRows: number;
  truncated: boolean;
}

/**
 * How a CSV file writes DATETIME values, both in the effective zone:
 * - LOCAL (default): ISO 8601 local date-time without a zone suffix, `2026-12-06T19:59:53.912`:
 *   the form LibreOffice Calc and Excel type as a date/time when they open the file (with `Z`, an
 *   offset or a space instead of `T` they keep the text). The zone is stated in the export record.
 * - ISO_OFFSET: strict ISO 8601 / RFC 3339 with the offset, `2026-12-07T04:59:53.912+09:00`, for
 *   programs (never `Z`: `+00:00` in UTC).
 */
export type CsvTimestampFormat = 'LOCAL' | 'ISO_OFFSET';

export interface WriterOptions {
  /** CSV: prefix a UTF-8 BOM so Excel detects the encoding. */
  bom?: boolean;
  /** CSV: the DATETIME form (default LOCAL); the engine CSV path (reports/csv-sql.ts) must be given the same. */
  csvTimestamps?: CsvTimestampFormat;
  /** JSON: newline-delimited objects instead of one array. */
  ndjson?: boolean;
  /** PDF: most table rows a PDF holds (default 10,000); the first page says when it applies. */
  pdfRowCap?: number;
  /** PDF: encrypt the file (AES-256) so it opens only with this password (see packaging.ts). */
  pdfPassword?: string;
  /** PDF: paper size (default A4; pdf-layout.ts). */
  pdfPaperSize?: PaperSize;
  /** PDF: orientation (default: LANDSCAPE when the table has more than 6 columns, else PORTRAIT). */
  pdfOrientation?: Orientation;
  /** XLSX: rows per sheet before continuing on a new one (default 1,048,575: Excel's maximum less the header). */
  xlsxRowsPerSheet?: number;
}

export interface FormatWriter {
  /** Writes a batch of rows; resolves when the output can take more (back-pressure). */
  write(rows: unknown[][]): Promise<void>;
  /** Writes whatever closes the file (footers, sheets, xref) and ends the output stream. */
  finish(): Promise<void>;
  /** Stops early (cancel, failure): releases resources without finishing the file. */
  abort(): void;
}

export interface WriterFactoryInput {
  output: Writable;
  columns: ExportColumn[];
  meta: ExportMeta;
  options: WriterOptions;
  /** The report's chart (PDF); absent: inferred from the columns (pdf-chart.ts chartFromColumns). */
  chart?: ExportChart;
}

/** What an export draws: the report's chart definition (@reportcast/charts) and visualization (null: the default chart). */
export interface ExportChart {
  definition: ChartDefinition;
  visualization: Visualization | null;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PDF: 'application/pdf',
  JSON: 'application/json; charset=utf-8',
};

export const EXTENSIONS: Record<ExportFormat, string> = { CSV: 'csv', XLSX: 'xlsx', PDF: 'pdf', JSON: 'json' };
