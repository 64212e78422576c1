/**
 * The one place a format becomes a writer. Every writer keeps the FormatWriter contract
 * (writer.ts), so the export job is the same whatever the format.
 */
import { createCsvWriter } from './csv-writer.js';
import { createJsonWriter } from './json-writer.js';
import { createPdfWriter } from './pdf-writer.js';
import type { ExportFormat, FormatWriter, WriterFactoryInput } from './writer.js';
import { createXlsxWriter } from './xlsx-writer.js';

export function createWriter(format: ExportFormat, input: WriterFactoryInput): FormatWriter {
  switch (format) {
    case 'CSV':
      return createCsvWriter(input);
    case 'XLSX':
      return createXlsxWriter(input);
    case 'PDF':
      return createPdfWriter(input);
    case 'JSON':
      return createJsonWriter(input);
    default: {
      const unknown: never = format;
      throw new Error(`No writer for export format ${String(unknown)}`);
    }
  }
}
