/**
 * How many of the rows an export streamed its file holds. CSV, XLSX and JSON hold every row; a PDF
 * holds at most its row cap (PDF_ROW_CAP) in its table and says so on its first page
 * (pdf-writer.ts). The export's `rowCount` and `truncated` are computed here, so the API, the
 * export events (which read the row) and the emails tell what the file holds.
 */
import type { ExportFormat } from './writer.js';

export const DEFAULT_PDF_ROW_CAP = 10_000;

/** The cap a PDF writer applies for an option value (a whole number, at least 0). */
export function effectivePdfRowCap(option: number | undefined): number {
  return Math.max(0, Math.floor(option ?? DEFAULT_PDF_ROW_CAP));
}

export interface RowsInFile {
  /** Rows in the file. */
  rowCount: number;
  /** The file holds fewer rows than the result it was made from (the format's cap cut it). */
  cutByFormat: boolean;
}

export function rowsInFile(format: ExportFormat, rowsStreamed: number, pdfRowCap: number | undefined): RowsInFile {
  const rows = Math.max(0, rowsStreamed);
  if (format !== 'PDF') return { rowCount: rows, cutByFormat: false };
  const cap = effectivePdfRowCap(pdfRowCap);
  return { rowCount: Math.min(rows, cap), cutByFormat: rows > cap };
}
