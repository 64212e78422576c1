/**
 * The PDF of a whole dashboard: its name, then every tile in reading order (row by row), each with
 * its title, the period it shows, its chart (the PDF export's PdfChart: the shared chartOption
 * rendered to vector SVG, text in the embedded Noto faces) and its first rows. Text is set through
 * the export writers' PdfText, so every script comes out as it went in; a tile the reader may not
 * open says so and shows nothing of its report.
 */
import PDFDocument from 'pdfkit';
import { PdfChart } from '../exports/writers/pdf-chart.js';
import { PdfText } from '../exports/writers/pdf-fonts.js';
import { PdfCellFormatter } from '../exports/writers/pdf-cells.js';
import { pdfText } from '../exports/writers/pdf-writer.js';
import type { ExportChart, ExportColumn } from '../exports/writers/writer.js';

type Doc = PDFKit.PDFDocument;

export interface PdfTile {
  title: string;
  kind: 'REPORT' | 'TEXT' | 'INACCESSIBLE';
  text?: string;
  chart?: ExportChart;
  columns?: ExportColumn[];
  rows?: unknown[][];
  totalCount?: number;
  timeZone?: string;
  locale?: string;
  /** The period the rows cover, as people read it ("2026-11-30 00:00 → 2026-12-07 00:00 (UTC)"). */
  period?: string | null;
}

export interface DashboardPdfInput {
  name: string;
  tenantId: string;
  generatedAt: Date;
  /** The range every tile was read with, as words ("Last 7 days", "Each report's own"). */
  rangeText: string;
  tiles: PdfTile[];
}

const MARGIN = 40;
const CHART_HEIGHT = 210;
export const PDF_TABLE_ROWS = 8;
const ROW_HEIGHT = 13;

export async function dashboardPdf(input: DashboardPdfInput): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4', margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true,
    info: { Title: input.name, Author: 'Reportcast', Subject: `${input.name} (${input.tenantId})`, Creator: 'Reportcast', CreationDate: input.generatedAt },
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const txt = new PdfText(doc);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN;

  let y = MARGIN;
  doc.fontSize(20).fillColor('#111827');
  txt.draw(pdfText(input.name), MARGIN, y, true, { width, height: 52, ellipsis: true });
  y = doc.y + 2;
  doc.fontSize(9.5).fillColor('#6b7280');
  txt.draw(`Dashboard · ${pdfText(input.tenantId)} · generated ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} (UTC) · time range: ${pdfText(input.rangeText)}`, MARGIN, y, false, { width });
  y = doc.y + 10;

  for (const tile of input.tiles) {
    const needed = tile.kind === 'REPORT' ? 40 + (tile.chart ? CHART_HEIGHT + 8 : 0) + ROW_HEIGHT * (Math.min(PDF_TABLE_ROWS, tile.rows?.length ?? 0) + 2) : 70;
    if (y + Math.min(needed, bottom - MARGIN) > bottom) { doc.addPage(); y = MARGIN; }
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.5).strokeColor('#d1d5db').stroke();
    y += 8;
    doc.fontSize(13).fillColor('#111827');
    txt.draw(pdfText(tile.title), MARGIN, y, true, { width, height: 34, ellipsis: true });
    y = doc.y + 4;
    if (tile.kind === 'TEXT') {
      doc.fontSize(10).fillColor('#1f2937');
      txt.draw(pdfText(tile.text ?? ''), MARGIN, y, false, { width, height: 200, ellipsis: true });
      y = doc.y + 14;
      continue;
    }
    if (tile.kind === 'INACCESSIBLE') {
      doc.fontSize(10).fillColor('#6b7280');
      txt.draw('You cannot open this tile\'s report.', MARGIN, y);
      y += 26;
      continue;
    }
    const rows = tile.rows ?? [];
    const columns = tile.columns ?? [];
    const timeZone = tile.timeZone ?? 'UTC';
    if (tile.period) {
      doc.fontSize(9).fillColor('#6b7280');
      txt.draw(pdfText(tile.period), MARGIN, y, false, { width });
      y = doc.y + 4;
    }
    if (tile.chart && rows.length > 0) {
      const chart = new PdfChart(tile.chart, { timeZone, ...(tile.locale ? { locale: tile.locale } : {}) });
      if (chart.enabled) {
        for (const row of rows) chart.add(row);
        await chart.draw(doc, { x: MARGIN, y, width, height: CHART_HEIGHT }, txt, tile.totalCount ?? rows.length);
        y += CHART_HEIGHT + 8;
      }
    }
    y = table(doc, txt, columns, rows.slice(0, PDF_TABLE_ROWS), new PdfCellFormatter(timeZone, tile.locale ?? 'en-US'), y, width);
    doc.fontSize(8.5).fillColor('#6b7280');
    txt.draw(rows.length === 0 ? 'No rows in this period.' : `First ${Math.min(PDF_TABLE_ROWS, rows.length)} of ${tile.totalCount ?? rows.length} rows`, MARGIN, y);
    y += 22;
  }
  doc.end();
  return done;
}

/** The first rows as a plain table: equal columns, each cell cut to its width. */
function table(doc: Doc, txt: PdfText, columns: ExportColumn[], rows: unknown[][], format: PdfCellFormatter, y: number, width: number): number {
  if (columns.length === 0) return y;
  const col = width / columns.length;
  doc.fontSize(8.5).fillColor('#111827');
  columns.forEach((c, i) => txt.draw(txt.truncate(pdfText(c.label), col - 6, true), MARGIN + i * col, y, true));
  y += ROW_HEIGHT;
  doc.moveTo(MARGIN, y - 2).lineTo(MARGIN + width, y - 2).lineWidth(0.5).strokeColor('#9aa7b8').stroke();
  doc.fillColor('#1f2937');
  for (const row of rows) {
    columns.forEach((c, i) => txt.draw(txt.truncate(pdfText(format.cell(c, i, row[i])), col - 6), MARGIN + i * col, y));
    y += ROW_HEIGHT;
  }
  return y + 2;
}
