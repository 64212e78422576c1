/**
 * PDF export writer (pdfkit): a presentation-ready document for people, not for machines.
 *
 * Page 1: title, tenant, generated-at in the export's time zone and the locale it is written in
 * (numbers, dates and month names: pdf-cells.ts), the parameters, a statement of how
 * many rows the file holds (and the PDF cap / report row-limit notes), the zone times and dates are
 * in (whenever the report has a time column or a time range), the report's chart (pdf-chart.ts: the
 * same ECharts option the builder and the email draw, as vectors; none for TABLE),
 * then the table.
 *
 * Times: every DATETIME (table cells, chart points and axis labels) is shown as the wall time of
 * the effective zone, meta.timeZone (calendar/zone-clock.ts). The chart covers the first rows (its
 * subtitle says so when the file has more); it used to sum rows per distinct
 * time value as the compiler bucketed it, and does not re-bucket: an HOUR bucket is the instant
 * its local hour began (shown as that local hour; on a fall-back night the two 01:00 hours are two
 * points), and a DATE bucket is a calendar day, labelled from its text without any zone
 * conversion, so no day can move. Every page: the table header repeated, zebra rows, numbers right-aligned
 * with thousands separators, and a "Page X of Y" footer.
 *
 * Paper and table (pdf-layout.ts, pdf-table.ts): A4, Letter or A3, portrait or landscape (default A4,
 * landscape when the table has more than 6 columns). A table wider than the page first shrinks (down
 * to 75 %), then wraps its columns onto continuation pages that repeat the key column and say
 * "columns 7–12 of 20 (continued)"; long text wraps within its cell. Nothing is clipped.
 *
 * How the streaming works (and what it costs)
 * - Rows are drawn as they arrive (after a short sample of the first rows sizes the columns), but the
 *   chart sits on page 1 above the table and needs every row, and "Page X of Y" needs the page
 *   count. The document is therefore created with `bufferPages: true`: space for the chart and the
 *   row statement is reserved on page 1, and finish() goes back with `switchToPage()` to draw the
 *   chart, the row statement (with the real counts) and every page's footer before `doc.end()`.
 * - Memory: buffered pages stay in memory until finish(). Only the table rows up to the PDF cap
 *   (default 10,000 ≈ 200–320 pages) are drawn; rows past the cap are consumed and dropped (they
 *   are still counted; the chart keeps only the first rows it covers, chartRowLimit()). pdfkit keeps every content-stream operator of an open page as its
 *   own small Uint8Array (~2 KB of heap per table cell); compactPageContent() joins a full page's
 *   chunks into one array, so 10,000 rows × 8 columns hold ~10 MB instead of ~170 MB.
 * - Back-pressure: the document is piped to `output`; write() resolves once `output` is below its
 *   highWaterMark. With buffered pages little flows before finish(); finish() resolves when `output`
 *   has emitted 'finish'.
 *
 * Fonts and characters: embedded, subsetted Noto fonts chosen per text run by script (pdf-fonts.ts:
 * Latin/Greek/Cyrillic, Japanese/Chinese, Korean, Arabic, Hebrew, emoji), so every string keeps its
 * characters; one no font covers is drawn as a visible U+FFFD, never '?'. Arabic and Hebrew runs are
 * shaped and ordered right to left within the run; lines are not bidi-reordered as a whole.
 */
import PDFDocument from 'pdfkit';
import { PdfCellFormatter } from './pdf-cells.js';
import { DEFAULT_LOCALE } from '../run-locale.js';
import type { ExportColumn, FormatWriter, WriterFactoryInput } from './writer.js';
import { OutputGuard } from './output-flow.js';
import { PdfChart, chartFromColumns } from './pdf-chart.js';
import { PdfText } from './pdf-fonts.js';
import { pdfEncryption } from './packaging.js';
import { effectivePdfRowCap } from './rows-in-file.js';
import { pageOrientation, pageSize } from './pdf-layout.js';
import { PdfTable } from './pdf-table.js';

type Doc = PDFKit.PDFDocument;

// The cap lives with the count of rows a file holds, which the export's rowCount is (rows-in-file.ts).
export { DEFAULT_PDF_ROW_CAP } from './rows-in-file.js';
/** Rows used to size the columns before the first is drawn. */
const SAMPLE_ROWS = 200;

const MARGIN = 40;

const COLORS = {
  title: '#111827',
  text: '#1f2937',
  muted: '#6b7280',
  faint: '#9ca3af',
  rule: '#d1d5db',
  headerFill: '#e8edf3',
  headerRule: '#9aa7b8',
  warn: '#9a3412',
};

export function createPdfWriter(input: WriterFactoryInput): FormatWriter {
  const { output, columns, meta, options } = input;
  const cap = effectivePdfRowCap(options.pdfRowCap);
  // Paper and orientation (pdf-layout.ts): as asked, else A4, landscape for a wide table.
  const orientation = pageOrientation(options.pdfOrientation, columns.length);
  const landscape = orientation === 'LANDSCAPE';
  const size = pageSize(options.pdfPaperSize, orientation);
  const timeZone = validTimeZone(meta.timeZone);
  // Numbers, dates and month names the run's locale's way (pdf-cells.ts, locale-format.ts).
  const format = new PdfCellFormatter(timeZone, meta.locale ?? DEFAULT_LOCALE);

  const doc: Doc = new PDFDocument({
    size: [size.width, size.height],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      // Document info strings are UTF-16 in the PDF, so they keep every character.
      Title: meta.reportName,
      Author: 'Reportcast',
      Subject: `${meta.reportName} (${meta.tenantId})`,
      Creator: 'Reportcast',
      CreationDate: meta.generatedAt,
    },
    displayTitle: true,
    // A password: pdfkit encrypts the whole file with AES-256 (packaging.ts).
    ...(options.pdfPassword ? pdfEncryption(options.pdfPassword) : {}),
  });

  const txt = new PdfText(doc);
  const guard = new OutputGuard();
  guard.watch(output, doc);
  doc.pipe(output);

  const pageWidth = doc.page.width;
  const pageHeight = doc.page.height;
  const contentWidth = pageWidth - 2 * MARGIN;
  const tableBottom = pageHeight - MARGIN - 6;

  // ---- chart: the rows it covers are kept as they stream, drawn at finish() -----------------------
  const chart = new PdfChart(input.chart ?? chartFromColumns(columns), { timeZone, locale: meta.locale });
  const chartable = chart.enabled;

  // ---- page 1 header block -----------------------------------------------------------------------
  let y = MARGIN;
  doc.fontSize(20).fillColor(COLORS.title);
  txt.draw(pdfText(meta.reportName), MARGIN, y, true, { width: contentWidth, height: 52, ellipsis: true });
  y = doc.y + 2;
  doc.fontSize(9.5).fillColor(COLORS.muted);
  txt.draw(`Tenant: ${pdfText(meta.tenantId)}`, MARGIN, y);
  y += 13;
  txt.draw(`Generated ${format.dateTime(meta.generatedAt)} (${timeZone})  ·  Locale: ${format.locale}`, MARGIN, y);
  y += 17;
  rule(y);
  y += 8;

  if (meta.parameters.length > 0) {
    doc.fontSize(9);
    const labels = meta.parameters.map((p) => `${pdfText(p.label)}:`);
    const labelWidth = Math.min(contentWidth / 3, Math.max(...labels.map((l) => txt.width(l, true))) + 8);
    for (let i = 0; i < meta.parameters.length; i++) {
      const p = meta.parameters[i]!;
      // Guard against a parameter list so long it would crowd the table off the first page.
      if (y > pageHeight * 0.55 && i < meta.parameters.length - 1) {
        doc.fillColor(COLORS.muted);
        txt.draw(`… and ${meta.parameters.length - i} more`, MARGIN + labelWidth, y);
        y += 12.5;
        break;
      }
      doc.fillColor(COLORS.muted);
      txt.draw(txt.truncate(labels[i]!, labelWidth - 4, true), MARGIN, y, true);
      doc.fillColor(COLORS.text);
      txt.draw(pdfText(p.value), MARGIN + labelWidth, y, false, { width: contentWidth - labelWidth, height: 36, ellipsis: true });
      y = Math.max(y + 12.5, doc.y + 1.5);
    }
    y += 6;
  }

  // Row statement: reserved now, drawn at finish() with the real counts.
  const statementY = y;
  y += 14;
  const notes: string[] = [];
  if (meta.truncated) notes.push(`The report's row limit of ${format.integer(meta.rowLimit)} rows cut the result.`);
  const zoneNote = zoneStatement(columns, meta.parameters.some((p) => p.label === 'Time range'), timeZone);
  if (zoneNote) notes.push(zoneNote);
  const notesY = y;
  y += notes.length * 12;
  doc.fontSize(9);
  notes.forEach((note, i) => {
    doc.fillColor(note.startsWith('The report') ? COLORS.warn : COLORS.muted);
    txt.draw(note, MARGIN, notesY + i * 12);
  });
  y += 8;

  // Chart: reserved now, drawn at finish().
  const chartHeight = landscape ? 150 : 190;
  let chartBox: { x: number; y: number; width: number; height: number } | undefined;
  if (chartable && y + chartHeight + 18 + 60 < tableBottom) {
    chartBox = { x: MARGIN, y, width: contentWidth, height: chartHeight };
    y += chartHeight + 18;
  }
  const tableTop = y;

  // ---- table (pdf-table.ts: widths, page groups, shrink, wrapped cells) ------------------------------
  const table = new PdfTable(doc, txt, columns.map((c) => ({ label: pdfText(c.label), numeric: c.kind === 'NUMBER' })), {
    left: MARGIN, width: contentWidth, firstTop: tableTop, pageTop: MARGIN, bottom: tableBottom,
  }, () => {
    compactPageContent(doc.page);
    doc.addPage();
  });
  const sample: unknown[][] = [];
  let seen = 0;

  function rule(at: number): void {
    doc.moveTo(MARGIN, at).lineTo(pageWidth - MARGIN, at).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
  }

  /** Sizes the columns from the sample and draws its rows. */
  function flushSample(): void {
    if (table.laidOut) return;
    // Numbers in a column share their decimals (up to 2) as seen in the sample, so they align.
    columns.forEach((c, i) => {
      if (c.kind === 'NUMBER') format.setDecimals(i, Math.max(0, ...sample.map((r) => fractionDigits(r[i]))));
    });
    const cells = sample.map(formatRow);
    table.layOut(cells);
    for (const row of cells) table.add(row);
    sample.length = 0;
  }

  function formatRow(row: unknown[]): string[] {
    return columns.map((c, i) => pdfText(format.cell(c, i, row[i])));
  }

  function drawStatement(): void {
    doc.fontSize(9.5).fillColor(COLORS.text);
    const shown = Math.min(seen, cap);
    const text =
      seen > cap
        ? `Showing the first ${format.integer(shown)} of ${format.integer(seen)} rows (PDF limit; download CSV or XLSX for all rows)`
        : `${format.integer(seen)} ${seen === 1 ? 'row' : 'rows'}`;
    txt.draw(text, MARGIN, statementY, true);
  }

  function drawFooters(): void {
    const { start, count } = doc.bufferedPageRange();
    for (let p = start; p < start + count; p++) {
      doc.switchToPage(p);
      const fy = pageHeight - MARGIN + 14;
      doc.moveTo(MARGIN, fy - 6).lineTo(pageWidth - MARGIN, fy - 6).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      doc.fontSize(7.5).fillColor(COLORS.faint);
      const pageLabel = `Page ${p + 1} of ${count}`;
      const pageLabelWidth = txt.width(pageLabel);
      const left = txt.truncate(`${pdfText(meta.reportName)} · ${pdfText(meta.tenantId)}`, contentWidth - pageLabelWidth - 20);
      txt.draw(left, MARGIN, fy);
      txt.draw(pageLabel, pageWidth - MARGIN - pageLabelWidth, fy);
    }
  }

  return {
    async write(rows) {
      guard.check();
      for (const row of rows) {
        chart.add(row);
        seen++;
        if (seen > cap) continue; // consumed, counted, not drawn
        if (table.laidOut) table.add(formatRow(row));
        else {
          sample.push(row);
          if (sample.length >= SAMPLE_ROWS) flushSample();
        }
      }
      await guard.drained(output);
    },

    async finish() {
      guard.check();
      flushSample();
      table.finish(seen === 0 ? 'The report returned no rows.' : 'No rows shown (the PDF row cap is 0).');
      doc.switchToPage(0);
      drawStatement();
      if (chartBox) await chart.draw(doc, chartBox, txt, seen);
      drawFooters();
      const finished = guard.finished(output);
      doc.end();
      await finished;
    },

    abort() {
      if (guard.aborted) return;
      guard.abort();
      doc.unpipe(output);
      doc.destroy();
    },
  };
}

// ---- helpers -------------------------------------------------------------------------------------

/**
 * Joins the content-stream chunks pdfkit has buffered for `page` into one Uint8Array (see the memory
 * note above). Relies on pdfkit 0.20's PDFReference keeping `buffer: Uint8Array[]` until it ends;
 * does nothing if that shape ever changes. More content may still be appended afterwards.
 */
function compactPageContent(page: unknown): void {
  const content = (page as { content?: { buffer?: unknown } } | undefined)?.content;
  const chunks = content?.buffer;
  if (!content || !Array.isArray(chunks) || chunks.length < 2) return;
  if (!chunks.every((c) => c instanceof Uint8Array)) return;
  content.buffer = [Buffer.concat(chunks as Uint8Array[])];
}

/**
 * Text as the PDF draws it: NFC-normalised, control characters as spaces. Every other character is
 * kept; the embedded fonts (pdf-fonts.ts) draw it, or a visible U+FFFD where no font has a glyph
 * (never '?'). Arrows (the time range's `a → b`) come from Noto Sans JP: Noto Sans has none.
 */
export function pdfText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return text
    .normalize('NFC')
    .replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, ' ');
}

/** Fraction digits (0–2) a number shows once rounded to 2 decimals. */
function fractionDigits(v: unknown): number {
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return 0;
  const n = toNumber(v);
  if (!Number.isFinite(n) || Number.isInteger(n) || Math.abs(n) >= 1e13) return 0;
  const cents = Math.round(Math.abs(n) * 100) % 100;
  return cents === 0 ? 0 : cents % 10 === 0 ? 1 : 2;
}

/**
 * The page-1 line stating the zone, when the file shows times or dates or covers a time range;
 * null when nothing in it depends on a zone (the generated-at line names it anyway).
 */
export function zoneStatement(columns: ExportColumn[], hasTimeRange: boolean, timeZone: string): string | null {
  const times = columns.some((c) => c.kind === 'DATETIME');
  const dates = columns.some((c) => c.kind === 'DATE');
  if (times && dates) return `Times are shown in ${timeZone}; dates are calendar days there.`;
  if (dates) return `Dates are calendar days in ${timeZone}.`;
  if (times || hasTimeRange) return `Times are shown in ${timeZone}.`;
  return null;
}

function validTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  if (typeof v === 'bigint') return Number(v);
  return Number.NaN;
}

