/**
 * XLSX export writer. exceljs's streaming WorkbookWriter makes the workbook's parts it does well
 * (styles, the sheets' headers, columns, frozen panes and autofilters, the About sheet, the chart's
 * sheet, workbook.xml, the zip); the data rows do not go through it: they are written as
 * SpreadsheetML text straight into the data sheet's zip entry (xlsx-sheet-xml.ts), with no cell
 * objects, at a few times the cost of a CSV export instead of ~17× (`pnpm bench`). The cells are
 * the ones the per-cell exceljs writer made, read back cell by cell (xlsx-parity.test.ts). Memory
 * stays flat whatever the row count (no shared-string table: it would grow with every distinct string).
 *
 * Layout: sheet "Data" with a bold, frozen, auto-filtered header of column labels; past
 * `options.xlsxRowsPerSheet` rows (default 1,048,575, Excel's limit less the header) the rows
 * continue on "Data (2)", "Data (3)"…, each with its own header; then, when the report's
 * visualization is a chart, sheet "Chart" with a native Excel chart over the first rows of "Data"
 * (xlsx-chart.ts); a last sheet "About" states the
 * report, tenant, generation time, the time zone, parameters, row limit, rows written, and — when the row limit cut
 * the result — a visible truncation line. Each data sheet's filter range is also the sheet-local
 * name `_xlnm._FilterDatabase` in workbook.xml (LibreOffice shows the filter buttons only with it).
 *
 * Decisions:
 * - Typed cells: NUMBER → number, DATETIME → a date/time cell shown `yyyy-mm-dd hh:mm:ss` (in the
 *   run's locale's date order: `dd.mm.yyyy hh:mm:ss` for de-DE, xlsx-date-formats.ts) holding
 *   the wall time of the effective zone (meta.timeZone; the About sheet names it): spreadsheet
 *   cells have no zone, so they hold what a clock there showed, and the times of a fall-back hour
 *   repeat as they did on the clocks. DATE → its calendar day shown `yyyy-mm-dd` (never shifted),
 *   BOOLEAN → boolean, STRING → string. Values of an unexpected shape are kept as text.
 * - Number format per column, decided from the sampled first rows: `#,##0.00` if any sampled value
 *   has a fraction, else `#,##0`; a later fractional value in an "integer" column gets `#,##0.00`
 *   on its own cell, so decimals are never hidden.
 * - Column widths from the labels and the first 200 rows (a sheet's column widths precede its rows
 *   in the file, so those rows are held back until the sample is complete), clamped to 10..60.
 * - No formula neutralisation: strings are typed string cells (`t="str"`), never formulas,
 *   so `=HYPERLINK(…)` is shown as text, not run. Strings are cut to Excel's 32,767-character cell
 *   limit (a longer one makes Excel "repair" the file).
 * - The autofilter covers the header and the data rows of its sheet (what Excel itself writes).
 * - Spreadsheet limits, accepted: cells hold doubles, so integers past 2^53 (UInt64 sums) lose
 *   their last digits (CSV/JSON keep them); XML parsing turns CRLF inside text into LF.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { offsetAt } from '../../calendar/zone-clock.js';
import { OutputGuard } from './output-flow.js';
import type { ExportMeta, FormatWriter, WriterFactoryInput } from './writer.js';
import {
  DECIMAL,
  HEADER,
  INTEGER,
  LABEL,
  PLAIN,
  WARNING,
  columnLetters,
  dateStylesFor,
  planColumns,
  text,
  type CellStyle,
  type ColumnPlan,
  type DateStyles,
} from './xlsx-cells.js';
import { EngineRowsXml, engineCellStyles, SheetRowsXml, xmlText, type EngineSheetLayout, type SheetStyleIds } from './xlsx-sheet-xml.js';
import { localeFormat } from './locale-format.js';
import { chartFromColumns } from './pdf-chart.js';
import { XlsxChart } from './xlsx-chart.js';
import { DEFAULT_LOCALE } from '../run-locale.js';

export const DEFAULT_XLSX_ROWS_PER_SHEET = 1_048_575;
const DEFLATE_LEVEL = 1;
const SAMPLE_ROWS = 200;
/** Rows turned into one piece of sheet XML (~250 KB for the bench's 6 columns) between back-pressure checks. */
const ROWS_PER_WRITE = 1024;

/** Uncompressed sheet XML allowed to wait for the zip before write() holds back. */
const MAX_ZIP_BACKLOG = 4 * 1024 * 1024;

/** What exceljs's stream writer has but its typings omit: the zip archive piped to the output. */
interface ArchiveInternals {
  zip?: NodeJS.EventEmitter & { unpipe(destination: Writable): unknown; abort(): unknown };
}

/**
 * A sheet's XML goes into an exceljs StreamBuf that writes to the zip entry's pass-through stream
 * *ignoring its back-pressure*, so with a slower zip or output the XML piles up there without
 * bound (it grew with the row count: ~190 MB by 400k rows when measured). So we read those
 * buffers' sizes and hold back writes ourselves. These are internals of exceljs 4.4 (StreamBuf)
 * and of archiver's readable-stream 2 PassThrough; if they change, the sizes read as 0 and only
 * the output's own back-pressure remains (the xlsx tests' memory bound would then fail).
 */
interface BufferedStream extends NodeJS.EventEmitter {
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}
interface SheetStreamInternals {
  _stream?: { buffers?: Array<{ length: number }>; pipes?: BufferedStream[] };
}

function sheetBacklog(sheet: ExcelJS.Worksheet): { bytes: number; entry: BufferedStream | undefined } {
  const stream = (sheet as unknown as SheetStreamInternals)._stream;
  let bytes = 0;
  for (const buffer of stream?.buffers ?? []) bytes += buffer.length;
  for (const pipe of stream?.pipes ?? []) bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  return { bytes, entry: stream?.pipes?.[0] };
}

/** The same internals, for writing past the StreamBuf (writeToEntry). */
interface SheetEntryInternals {
  _stream?: { buffers?: Array<{ length: number; toBuffer(): Buffer }>; pipes?: Array<{ write(data: Buffer): unknown }>; corked?: boolean };
}

/**
 * Writes `bytes` (not reused afterwards) straight into the sheet's zip entry, after whatever the
 * sheet's StreamBuf still holds (the header's XML): in batch mode StreamBuf copies every byte into
 * 64 KB buffers of its own first, which for the engine's rows was the export's largest allocation
 * (the whole sheet XML once more) and one more copy of it. Later XML through exceljs (the sheet's
 * end) goes through the StreamBuf after these bytes, in order. Without those internals (another
 * exceljs), the StreamBuf takes the bytes as before.
 */
function writeToEntry(sheet: ExcelJS.Worksheet, bytes: Buffer): void {
  const stream = sheetStream(sheet);
  const internals = (sheet as unknown as SheetEntryInternals)._stream;
  const entry = internals?.pipes?.length === 1 ? internals.pipes[0] : undefined;
  if (!entry || !Array.isArray(internals?.buffers) || internals.corked) {
    stream.write(bytes);
    return;
  }
  while (internals.buffers.length > 0) {
    const held = internals.buffers.shift()!;
    if (held.length > 0) entry.write(held.toBuffer());
  }
  entry.write(bytes);
}

/** What exceljs's stream writers have but their typings omit (exceljs 4.4). */
interface StylesInternals {
  styles: { addStyleModel(style: CellStyle, cellType: ExcelJS.ValueType): number };
}
interface ZipAppendInternals {
  append(source: unknown, data: { name: string }): unknown;
}

/** The sheet's XML stream (its zip entry); the header row committed through exceljs opened its `<sheetData>`. */
function sheetStream(sheet: ExcelJS.Worksheet): { write(data: Buffer): unknown } {
  return (sheet as unknown as { stream: { write(data: Buffer): unknown } }).stream;
}

/** Registers the data cells' styles in the workbook's styles.xml (the same shared style objects the About sheet and chart use). */
function styleIds(workbook: ExcelJS.stream.xlsx.WorkbookWriter, dates: DateStyles): SheetStyleIds {
  const { styles } = workbook as unknown as StylesInternals;
  return {
    integer: styles.addStyleModel(INTEGER, ExcelJS.ValueType.Number),
    decimal: styles.addStyleModel(DECIMAL, ExcelJS.ValueType.Number),
    date: styles.addStyleModel(dates.date, ExcelJS.ValueType.Date),
    dateTime: styles.addStyleModel(dates.dateTime, ExcelJS.ValueType.Date),
    plain: styles.addStyleModel(PLAIN, ExcelJS.ValueType.String),
  };
}

/**
 * `xl/workbook.xml` with each data sheet's autofilter range as the sheet-local hidden name
 * `_xlnm._FilterDatabase`, as Excel writes it: LibreOffice shows the filter buttons only with it.
 * exceljs's stream writer writes no such name, so it goes in after `</sheets>` (the schema's order).
 */
export function withFilterNames(workbookXml: string, filters: Array<{ sheetIndex: number; sheetName: string; ref: string }>): string {
  if (filters.length === 0) return workbookXml;
  const names = filters
    .map(({ sheetIndex, sheetName, ref }) => {
      const [from, to] = ref.split(':').map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
      const sheetRef = `'${sheetName.replace(/'/g, "''")}'`;
      return `<definedName name="_xlnm._FilterDatabase" localSheetId="${sheetIndex}" hidden="1">${xmlText(`${sheetRef}!${from}:${to}`)}</definedName>`;
    })
    .join('');
  if (workbookXml.includes('<definedNames>')) return workbookXml.replace('<definedNames>', `<definedNames>${names}`);
  return workbookXml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
}

function dataSheetName(index: number): string {
  return index === 1 ? 'Data' : `Data (${index})`;
}

function writeAbout(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  meta: ExportMeta,
  rowsWritten: number,
  sheetNames: string[],
): void {
  const sheet = workbook.addWorksheet('About');
  sheet.columns = [{ width: 18 }, { width: 80 }];
  const add = (label: string, value: string | number, style: CellStyle = PLAIN): void => {
    const row = sheet.addRow([label, value]);
    row.getCell(1).style = LABEL;
    // Assign whole shared styles only: exceljs's cell.font/alignment setters mutate the style object.
    row.getCell(2).style = typeof value === 'number' ? INTEGER : style;
    row.commit();
  };
  add('Report', text(meta.reportName));
  add('Tenant', text(meta.tenantId));
  const locale = meta.locale ?? DEFAULT_LOCALE;
  const fmt = localeFormat(locale);
  add('Generated at', `${fmt.dateTime(meta.generatedAt.getTime(), meta.timeZone)} (${meta.timeZone})`);
  add('Time zone', `Times are in ${meta.timeZone}: every date and time in this workbook is a wall-clock time or calendar day there`);
  add('Locale', `${locale}: dates are shown ${dateStylesFor(locale).dateTime.numFmt!.replace(/\\|"/g, '')}; numbers are plain numbers your spreadsheet shows with its own separators`);
  for (const parameter of meta.parameters) add(text(parameter.label), text(parameter.value));
  add('Row limit', meta.rowLimit);
  add('Rows written', rowsWritten);
  if (sheetNames.length > 1) add('Data sheets', sheetNames.join(', '));
  if (meta.truncated) {
    sheet.addRow([]).commit();
    const row = sheet.addRow([
      `Truncated: the report's row limit of ${fmt.number(meta.rowLimit)} rows cut the result`,
    ]);
    row.getCell(1).style = WARNING;
    row.commit();
  }
  sheet.commit();
}

/**
 * The XLSX writer. Besides rows as values (write), it takes rows the engine formatted as
 * SpreadsheetML (reports/xlsx-sql.ts; export-body.ts runs that path): startEngine() with the
 * report's first `sampleRows` rows as values (column widths and number styles, the chart), which
 * returns the style attributes and sheet size the engine's SQL must use, then writeEngine() with
 * the engine's output (rows it numbered itself; the sheets split where its numbering starts again),
 * never write().
 */
export interface XlsxWriter extends FormatWriter {
  /** Rows startEngine() needs (the width sample, or the chart's rows when more). */
  readonly sampleRows: number;
  startEngine(sample: unknown[][]): EngineSheetLayout;
  /** Writes the complete rows of a chunk of engine output (a partial last line waits for the next); resolves to how many, once the zip and the output have room. */
  writeEngine(chunk: Uint8Array): Promise<number>;
}

export function createXlsxWriter(input: WriterFactoryInput): XlsxWriter {
  const { output, columns, meta, options } = input;
  const timeZone = meta.timeZone;
  // An unknown zone throws RangeError here, before the first byte, not on the first datetime.
  offsetAt(timeZone, 0);
  // DATE and DATETIME cells in the run's locale's date order (xlsx-date-formats.ts).
  const dates = dateStylesFor(meta.locale ?? DEFAULT_LOCALE);
  const rowsPerSheet = Math.max(1, Math.floor(options.xlsxRowsPerSheet ?? DEFAULT_XLSX_ROWS_PER_SHEET));
  // Deflate level 1: the sheet XML is repetitive markup, so level 1 already shrinks it ~6x, at about
  // half level 6's CPU (archiver's default), which was the larger part of the writer's time.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false, zip: { zlib: { level: DEFLATE_LEVEL } } });
  const zip = (workbook as unknown as ArchiveInternals).zip;
  const guard = new OutputGuard();
  guard.watch(output);
  if (zip) {
    guard.watch(zip);
    const zipParts = zip as unknown as ZipAppendInternals;
    const append = zipParts.append.bind(zip);
    zipParts.append = (source, data) =>
      append(data.name === '/xl/workbook.xml' && typeof source === 'string' ? withFilterNames(source, filters) : source, data);
  }
  // A native chart over the first rows of sheet Data, on its own sheet before About (xlsx-chart.ts).
  const chart = new XlsxChart(input.chart ?? chartFromColumns(columns), columns, {
    timeZone, locale: meta.locale ?? DEFAULT_LOCALE, dates, dataSheet: dataSheetName(1), rowsPerSheet, reportName: meta.reportName,
  });

  const width = columns.length;
  const lastColumn = columnLetters(Math.max(1, width));
  let plans: ColumnPlan[] | undefined;
  let cells: SheetRowsXml | undefined;
  /** Rows held back until the width sample is complete. */
  let sample: unknown[][] = [];
  let sheet: ExcelJS.Worksheet | undefined;
  const sheetNames: string[] = [];
  /** Each data sheet's autofilter, for workbook.xml's `_xlnm._FilterDatabase` names. */
  const filters: Array<{ sheetIndex: number; sheetName: string; ref: string }> = [];
  /** Data sheets whose XML may still be waiting for the zip (the open one and maybe its predecessor). */
  let unzipped: ExcelJS.Worksheet[] = [];
  let rowsInSheet = 0;
  let rowsWritten = 0;
  let finishing = false;

  /** Resolves once the zip has taken all but MAX_ZIP_BACKLOG bytes of XML and the output has room. */
  async function relieve(): Promise<void> {
    for (;;) {
      await guard.drained(output);
      let bytes = 0;
      let waitOn: BufferedStream | undefined;
      unzipped = unzipped.filter((s) => {
        const backlog = sheetBacklog(s);
        bytes += backlog.bytes;
        if (backlog.bytes > 0) waitOn ??= backlog.entry;
        return backlog.bytes > 0 || s === sheet;
      });
      if (bytes <= MAX_ZIP_BACKLOG) return;
      // The pass-through emits 'drain' once emptied; a sheet not yet reached by the zip never does,
      // so poll as well.
      await guard.eventOrTimeout(waitOn ?? output, 'drain', 20);
    }
  }

  function openSheet(): ExcelJS.Worksheet {
    const name = dataSheetName(sheetNames.length + 1);
    sheetNames.push(name);
    // Views are written when the sheet opens; the autofilter when it closes.
    const opened = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    });
    unzipped.push(opened);
    opened.columns = plans!.map((p) => ({ width: p.width }));
    const header = opened.getRow(1);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = text(c.label);
      cell.style = HEADER;
    });
    header.commit();
    rowsInSheet = 0;
    return opened;
  }

  function closeSheet(): void {
    if (!sheet) return;
    if (width > 0) {
      const ref = `A1:${lastColumn}${rowsInSheet + 1}`;
      sheet.autoFilter = ref;
      filters.push({ sheetIndex: sheetNames.length - 1, sheetName: sheetNames[sheetNames.length - 1]!, ref });
    }
    sheet.commit();
    sheet = undefined;
  }

  /**
   * Writes rows[from..to) to the data sheets as XML text (xlsx-sheet-xml.ts), opening the next
   * sheet when one is full; resolves once the zip and the output have room again.
   */
  async function writeRows(rows: unknown[][], from: number, to: number): Promise<void> {
    let i = from;
    while (i < to) {
      if (!sheet || rowsInSheet === rowsPerSheet) {
        closeSheet();
        sheet = openSheet();
      }
      const end = Math.min(to, i + ROWS_PER_WRITE, i + (rowsPerSheet - rowsInSheet));
      // The stream copies the bytes into its own buffers at once (exceljs StreamBuf), so the view may be reused.
      sheetStream(sheet).write(cells!.rows(rows, i, end, rowsInSheet + 2));
      for (let r = i; r < end; r++) chart.add(rows[r]!);
      rowsInSheet += end - i;
      rowsWritten += end - i;
      i = end;
      await relieve();
    }
  }

  /** Decides widths and formats from the sample, then writes the held-back rows. */
  async function startData(): Promise<void> {
    plans = planColumns(columns, sample);
    cells = new SheetRowsXml(plans, styleIds(workbook, dates), timeZone);
    const held = sample;
    sample = [];
    sheet = openSheet();
    await writeRows(held, 0, held.length);
  }

  let engine: EngineRowsXml | undefined;

  return {
    sampleRows: Math.max(SAMPLE_ROWS, chart.rowsWanted),

    startEngine(rows) {
      guard.check();
      if (plans) throw new Error('XLSX writer: startEngine() after rows');
      plans = planColumns(columns, rows.slice(0, SAMPLE_ROWS));
      const styles = engineCellStyles(plans, styleIds(workbook, dates));
      // The chart's rows are the sheet's first rows: the engine writes the same rows, in the same (total) order.
      for (const row of rows) chart.add(row);
      engine = new EngineRowsXml();
      sheet = openSheet();
      return { styles, rowsPerSheet };
    },

    async writeEngine(chunk) {
      guard.check();
      if (finishing) throw new Error('XLSX writer: write() after finish()');
      if (!engine) throw new Error('XLSX writer: writeEngine() before startEngine()');
      let written = 0;
      for (const data of engine.rows(chunk)) {
        let pos = 0;
        while (pos < data.length) {
          // The engine starts each sheet at row 2 (a run starting there after rows of this sheet opens the next one).
          const continuing = sheet !== undefined && rowsInSheet < rowsPerSheet;
          const part = engine.sheetPart(data, pos, continuing ? rowsPerSheet - rowsInSheet - 1 : rowsPerSheet - 1);
          if (!sheet || (part.first === 2 && rowsInSheet > 0)) {
            closeSheet();
            sheet = openSheet();
          }
          // Rows must come whole and in sequence: anything else is a broken engine query, not a file to deliver.
          if (part.first !== rowsInSheet + 2 || part.last < part.first || part.last - 1 > rowsPerSheet) {
            throw new Error(`XLSX engine output: rows ${part.first}-${part.last} after ${rowsInSheet} rows of a sheet of ${rowsPerSheet}`);
          }
          // The engine's bytes are not reused; a part holding long text is a view of a reused buffer: copied.
          writeToEntry(sheet, part.engineBytes ? part.xml : Buffer.from(part.xml));
          const rows = part.last - part.first + 1;
          pos = part.next;
          rowsInSheet += rows;
          rowsWritten += rows;
          written += rows;
          await relieve();
        }
      }
      return written;
    },

    async write(rows) {
      guard.check();
      if (finishing) throw new Error('XLSX writer: write() after finish()');
      let i = 0;
      if (!plans) {
        while (i < rows.length && sample.length < SAMPLE_ROWS) sample.push(rows[i++]!);
        if (sample.length < SAMPLE_ROWS) return;
        await startData();
      }
      await writeRows(rows, i, rows.length);
    },

    async finish() {
      guard.check();
      if (finishing) throw new Error('XLSX writer: finish() called twice');
      finishing = true;
      if (engine?.pending) throw new Error('XLSX writer: the engine\'s output ended inside a row');
      if (!plans) await startData(); // fewer rows than the sample (or none): header and rows now
      closeSheet();
      chart.addTo(workbook, rowsWritten);
      writeAbout(workbook, meta, rowsWritten, sheetNames);
      // commit() appends styles, workbook and content types, finalises the zip and resolves on the
      // output's 'finish'; the guard rejects instead if the output fails or we are aborted meanwhile.
      await Promise.all([workbook.commit(), guard.finished(output)]);
    },

    abort() {
      if (guard.aborted) return;
      guard.abort();
      // Detach first: archiver's abort() ends its stream, which would end (and so "complete") the output.
      zip?.unpipe(output);
      zip?.abort();
    },
  };
}
