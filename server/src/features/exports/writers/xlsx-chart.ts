/**
 * The XLSX export's native Excel chart: a sheet "Chart" after the data sheets whose drawing holds
 * a DrawingML chart over the cells of sheet "Data", so the chart follows when the user edits a
 * number there. "Data" stays the first sheet: programs read a workbook's first sheet as its data
 * (pandas.read_excel, LibreOffice's CSV conversion). exceljs writes no charts; this adds the parts
 * to exceljs's own zip as it streams (no second pass over the file, nothing re-read). At finish:
 *
 * - the Chart sheet, with a relationship to `../drawings/drawing1.xml` and a `<drawing>` element
 *   written just before `</worksheet>` (the schema's place for it: after headerFooter);
 * - `xl/drawings/drawing1.xml` (+ rels) and `xl/charts/chart1.xml`, built by the pure
 *   xlsx-chart-xml.ts from the first rows, kept as they streamed by;
 * - `[Content_Types].xml`, which exceljs appends at commit: overrides for both parts inserted.
 *
 * What is drawn (the same visualization as the builder and the PDF, @reportcast/charts):
 * LINE, AREA, BAR (grouped or stacked), PIE (or a doughnut). Categories are the cells of the
 * x dimension (LINE and AREA: the time dimension when there is one, else the first dimension), in
 * the report's row order; each chosen measure is a series over its column. With a second
 * dimension, the first measure is split into one series per value of it, as the builder draws it,
 * through a block of SUMPRODUCT formulas on the Chart sheet that the chart draws
 * (xlsx-chart-pivot.ts); a pie sums it away. Without a dimension the measures of the first row are
 * the categories. NUMBER and TABLE draw no chart (no Chart sheet).
 *
 * Rows: the chart covers the first rows of sheet Data (chartRowLimit: the visualization's
 * maxPoints or the type's default, and never past the first data sheet). Only those are kept, so
 * memory stays bounded however many rows the export has; the title says when the chart covers
 * fewer rows than the file (`First 1,000 of 250,000 rows`).
 *
 * exceljs internals used (4.4): WorksheetWriter's `_sheetRelsWriter.addRelationship` and
 * `_writeCloseWorksheet`, and WorkbookWriter's archiver `zip.append`. If they change, the tests that
 * open the workbook and look for the chart parts fail.
 */
import type ExcelJS from 'exceljs';
import { chartRowLimit, effectiveVisualization, isTemporal, type ChartField, type Visualization } from '@reportcast/charts';
import { floatingAt } from '../../calendar/zone-clock.js';
import { dateTimeMs, parseDate, toBoolean, toNumber } from './cell-values.js';
import { MS_PER_DAY, UNIX_EPOCH_SERIAL, pivot, type FieldColumn, type Pivot } from './xlsx-chart-pivot.js';
import { localeFormat } from './locale-format.js';
import type { ExportChart, ExportColumn } from './writer.js';
import { LABEL, PLAIN, text, type DateStyles } from './xlsx-cells.js';
import {
  CHART_CONTENT_TYPE,
  CHART_REL_TYPE,
  DRAWING_CONTENT_TYPE,
  DRAWING_REL_TYPE,
  chartXml,
  drawingXml,
  relationshipsXml,
  type CachedPoint,
  type NativeCategories,
  type NativeChartKind,
  type NativeChartSpec,
  type NativeSeries,
  withContentTypeOverrides,
} from './xlsx-chart-xml.js';

export const CHART_SHEET = 'Chart';
const DRAWING_PART = 'xl/drawings/drawing1.xml';
const CHART_PART = 'xl/charts/chart1.xml';
/** Where the chart sits on its sheet: columns A..J, rows 4..28 (0-based anchors; ~850×500 px). */
const ANCHOR = { fromColumn: 0, fromRow: 3, toColumn: 10, toRow: 28 };
/** The pivot block (xlsx-chart-pivot.ts) below the chart: a caption row, then its header row. */
const PIVOT_CAPTION_ROW = ANCHOR.toRow + 3;
const PIVOT_HEADER_ROW = PIVOT_CAPTION_ROW + 1;

/** What exceljs's stream writers have but their typings omit. */
interface WorksheetWriterInternals {
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeCloseWorksheet(): void;
  _write(text: string): void;
}
interface ZipInternals {
  append(source: unknown, data: { name: string }): unknown;
}

export interface XlsxChartOptions {
  timeZone: string;
  locale: string;
  /** The data sheet's date and date-time cell formats (category labels read as the cells do). */
  dates: DateStyles;
  /** The sheet the rows go to first, and how many rows it holds at most. */
  dataSheet: string;
  rowsPerSheet: number;
  reportName: string;
}

type NativeType = { kind: NativeChartKind; stacked: boolean };

/** The native chart for a visualization, or null when it draws none (NUMBER, TABLE). */
export function nativeChartType(vis: Visualization): NativeType | null {
  switch (vis.type) {
    case 'BAR':
      return { kind: 'bar', stacked: !!vis.stacked };
    case 'AREA':
      return { kind: 'area', stacked: !!vis.stacked };
    case 'LINE':
      return { kind: 'line', stacked: false };
    case 'PIE':
      return { kind: vis.donut ? 'doughnut' : 'pie', stacked: false };
    case 'NUMBER':
    case 'TABLE':
      return null;
  }
}

/** Keeps the rows the chart covers while the export streams; adds the chart's parts to the workbook. */
export class XlsxChart {
  private readonly rows: unknown[][] = [];
  private readonly limit: number;
  private readonly vis: Visualization;
  private readonly type: NativeType | null;
  /** The x dimension's column and the chosen measures' columns (0-based), in the rows given. */
  private readonly x: FieldColumn | null;
  private readonly measures: FieldColumn[];
  /** With a second dimension: the one split into series (null for a pie, which sums it away). */
  private readonly split: FieldColumn | null = null;
  private readonly pivoted: boolean;
  /** False when nothing is drawn: no Chart sheet, no parts. */
  readonly enabled: boolean;

  constructor(
    chart: ExportChart,
    columns: ExportColumn[],
    private readonly options: XlsxChartOptions,
  ) {
    const { definition } = chart;
    this.vis = effectiveVisualization(definition, chart.visualization);
    this.type = nativeChartType(this.vis);
    const columnOf = (field: ChartField) => columns.findIndex((c) => c.key === field.key);
    const chosen = (this.vis.series ?? []).map((key) => definition.measures.find((m) => m.key === key)).filter((m): m is ChartField => !!m);
    this.measures = (chosen.length ? chosen : definition.measures)
      .map((field) => ({ field, column: columnOf(field) }))
      .filter((m) => m.column >= 0 && columns[m.column]!.kind === 'NUMBER');
    // A pie draws one measure.
    if (this.type && (this.type.kind === 'pie' || this.type.kind === 'doughnut')) this.measures = this.measures.slice(0, 1);
    const dims = definition.dimensions;
    const xField = dims.length === 0 ? null : ((this.vis.type === 'LINE' || this.vis.type === 'AREA' ? dims.find(isTemporal) : undefined) ?? dims[0]!);
    const xColumn = xField ? columnOf(xField) : -1;
    this.x = xField && xColumn >= 0 ? { field: xField, column: xColumn } : null;
    this.pivoted = this.x !== null && dims.length > 1;
    const pie = this.type?.kind === 'pie' || this.type?.kind === 'doughnut';
    if (this.pivoted && !pie) {
      const splitField = dims.find((d) => d !== xField)!;
      const splitColumn = columnOf(splitField);
      if (splitColumn >= 0) this.split = { field: splitField, column: splitColumn };
    }
    this.limit = Math.min(chartRowLimit(definition, chart.visualization), Math.max(1, options.rowsPerSheet));
    this.enabled = this.type !== null && this.limit > 0 && this.measures.length > 0 && (this.x !== null || dims.length === 0);
  }

  /** How many of the first rows the chart covers (0: no chart). */
  get rowsWanted(): number {
    return this.enabled ? this.limit : 0;
  }

  /** Called for each row in order, as it goes to the data sheet. */
  add(row: unknown[]): void {
    if (this.enabled && this.rows.length < this.limit) this.rows.push(row);
  }

  /**
   * Adds the Chart sheet and the chart's parts, and has `[Content_Types].xml` list them; call after
   * the data sheets and before the workbook's commit(). `totalRows`: the rows the file holds.
   */
  addTo(workbook: ExcelJS.stream.xlsx.WorkbookWriter, totalRows: number): void {
    if (!this.enabled) return;
    // Printed (and converted to PDF) landscape, one page wide: the chart sits whole on the first
    // page; a long split block continues on the next ones (fitToHeight 0: as many as it needs).
    const sheet = workbook.addWorksheet(CHART_SHEET, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    // Column A holds the pivot's x values (dates and times need ~20 characters); the chart spans A..J.
    sheet.columns = [{ width: 20 }, ...new Array(9).fill({ width: 12 })];
    const heading = sheet.getRow(1);
    heading.getCell(1).value = text(this.options.reportName);
    heading.getCell(1).style = LABEL;
    heading.commit();
    const note = sheet.getRow(2);
    note.getCell(1).value = `${this.coverage(totalRows)}: edit a number there and the chart follows.`;
    note.getCell(1).style = PLAIN;
    note.commit();
    const block = this.pivoted ? this.pivotBlock() : null;
    if (block) {
      const caption = sheet.getRow(PIVOT_CAPTION_ROW);
      const by = [this.x!.field.label, ...(this.split ? [this.split.field.label] : [])].join(' and ');
      caption.getCell(1).value = `What the chart draws: ${this.measures[0]!.field.label} summed by ${by} from sheet ${this.options.dataSheet} (formulas: they follow its cells)`;
      caption.getCell(1).style = LABEL;
      caption.commit();
      [block.header, ...block.body].forEach((cells, i) => {
        const row = sheet.getRow(PIVOT_HEADER_ROW + i);
        cells.forEach((c, j) => {
          if (c.value == null) return;
          const cell = row.getCell(j + 1);
          cell.value = c.value;
          cell.style = c.style;
        });
        row.commit();
      });
    }
    const internals = sheet as unknown as WorksheetWriterInternals;
    const relId = internals._sheetRelsWriter.addRelationship({ Type: DRAWING_REL_TYPE, Target: '../drawings/drawing1.xml' });
    const close = internals._writeCloseWorksheet.bind(sheet);
    internals._writeCloseWorksheet = () => {
      internals._write(`<drawing r:id="${relId}"/>`);
      close();
    };
    sheet.commit();

    const zip = (workbook as unknown as { zip: ZipInternals }).zip;
    const append = zip.append.bind(zip);
    zip.append = (source, data) =>
      append(
        data.name === '[Content_Types].xml' && typeof source === 'string'
          ? withChartContentTypes(source)
          : source,
        data,
      );
    zip.append(drawingXml(ANCHOR, 'rId1', 'Chart 1'), { name: DRAWING_PART });
    zip.append(relationshipsXml([{ id: 'rId1', type: CHART_REL_TYPE, target: '../charts/chart1.xml' }]), { name: 'xl/drawings/_rels/drawing1.xml.rels' });
    zip.append(chartXml(this.spec(totalRows, block)), { name: CHART_PART });
  }

  private pivotBlock(): Pivot {
    return pivot({
      rows: this.rows,
      x: this.x!,
      split: this.split,
      measure: this.measures[0]!,
      dataSheet: this.options.dataSheet,
      sheet: CHART_SHEET,
      headerRow: PIVOT_HEADER_ROW,
      timeZone: this.options.timeZone,
      dates: this.options.dates,
    });
  }

  /** The chart as xlsx-chart-xml.ts draws it, from the rows kept (and the pivot block drawn from them). */
  private spec(totalRows: number, block: Pivot | null): NativeChartSpec {
    const type = this.type!;
    const sheet = this.options.dataSheet;
    const rows = this.rows;
    const count = localeFormat(this.options.locale).number;
    const covered = rows.length;
    const subtitle = covered === 0 ? 'No rows to chart' : covered < totalRows ? `First ${count(covered)} of ${count(totalRows)} rows` : undefined;
    const pie = type.kind === 'pie' || type.kind === 'doughnut';
    const base = { kind: type.kind, stacked: type.stacked, title: this.caption(), ...(subtitle ? { subtitle } : {}) };
    // Ranges need at least one cell: with no rows they name the first data row, empty.
    const lastRow = Math.max(2, covered + 1);

    if (!this.x) {
      // No dimension: the first row's measures are the categories, their header cells the labels.
      // One series when they sit side by side (so they read as categories); else one series each.
      const columns = this.measures.map((m) => m.column + 1);
      const contiguous = columns.every((c, i) => i === 0 || c === columns[i - 1]! + 1);
      if (contiguous) {
        const first = columns[0]!;
        const last = columns[columns.length - 1]!;
        const values = this.measures.flatMap((m, i) => point(i, measureOf(rows[0]?.[m.column])));
        const series: NativeSeries = {
          nameCell: { sheet, firstColumn: first, firstRow: 1, lastColumn: first, lastRow: 1 },
          name: this.measures[0]!.field.label,
          values: { sheet, firstColumn: first, firstRow: 2, lastColumn: last, lastRow: 2 },
          cache: values,
        };
        const categories: NativeCategories = {
          kind: 'text',
          cells: { sheet, firstColumn: first, firstRow: 1, lastColumn: last, lastRow: 1 },
          cache: this.measures.map((m, i) => ({ index: i, value: m.field.label })),
        };
        return { ...base, ...this.axisTitles(pie, '', this.vis.yAxisLabel ?? ''), categories, series: [series] };
      }
      const series = this.measures.map((m) => this.seriesOf(m, 2, 2));
      return { ...base, ...this.axisTitles(pie, '', this.vis.yAxisLabel ?? ''), series };
    }

    const x = this.x;
    if (block) {
      const yName = this.vis.yAxisLabel ?? this.measures[0]!.field.label;
      return { ...base, ...this.axisTitles(pie, this.vis.xAxisLabel ?? x.field.label, yName), categories: block.categories, series: block.series };
    }
    const xCells = { sheet, firstColumn: x.column + 1, firstRow: 2, lastColumn: x.column + 1, lastRow };
    const categories = this.categoriesOf(x.field, xCells, rows.map((r) => r[x.column]));
    const series = this.measures.map((m) => this.seriesOf(m, 2, lastRow));
    const yName = this.vis.yAxisLabel ?? (series.length === 1 ? this.measures[0]!.field.label : '');
    return { ...base, ...this.axisTitles(pie, this.vis.xAxisLabel ?? x.field.label, yName), categories, series };
  }

  /** What the chart covers, e.g. `Chart of rows 2 to 1,001 (the first 1,000 of 250,000) of sheet Data`. */
  private coverage(totalRows: number): string {
    const count = localeFormat(this.options.locale).number;
    const covered = this.rows.length;
    const sheet = this.options.dataSheet;
    if (covered === 0) return `Chart of sheet ${sheet}, which has no rows`;
    const which = covered < totalRows ? ` (the first ${count(covered)} of ${count(totalRows)})` : '';
    return `Chart of rows 2 to ${count(covered + 1)}${which} of sheet ${sheet}`;
  }

  /** What is drawn, e.g. `Events by Date` or `Events by Date and Platform`. */
  private caption(): string {
    if (this.pivoted) return `${this.measures[0]!.field.label} by ${this.x!.field.label}${this.split ? ` and ${this.split.field.label}` : ''}`;
    const what = this.measures.map((m) => m.field.label).join(', ');
    return this.x ? `${what} by ${this.x.field.label}` : what;
  }

  private axisTitles(pie: boolean, x: string, y: string): { xTitle?: string; yTitle?: string } {
    if (pie) return {};
    return { ...(x ? { xTitle: x } : {}), ...(y ? { yTitle: y } : {}) };
  }

  private seriesOf(m: FieldColumn, firstRow: number, lastRow: number): NativeSeries {
    const sheet = this.options.dataSheet;
    const column = m.column + 1;
    const cache = this.rows.slice(0, lastRow - firstRow + 1).flatMap((row, i) => point(i, measureOf(row[m.column])));
    return {
      nameCell: { sheet, firstColumn: column, firstRow: 1, lastColumn: column, lastRow: 1 },
      name: m.field.label,
      values: { sheet, firstColumn: column, firstRow, lastColumn: column, lastRow },
      cache,
    };
  }

  /** Category cells as the data sheet holds them (xlsx-cells.ts fillCell): dates as serials, the rest as text. */
  private categoriesOf(field: ChartField, cells: NativeCategories['cells'], values: unknown[]): NativeCategories {
    const { timeZone, dates } = this.options;
    if (field.kind === 'DATE' || field.kind === 'DATETIME' || field.kind === 'NUMBER') {
      const serial = (v: unknown): number | null => {
        if (v == null) return null;
        if (field.kind === 'NUMBER') return measureOf(v);
        if (field.kind === 'DATE') {
          const d = parseDate(v);
          return d ? d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL : null;
        }
        const ms = dateTimeMs(v);
        return ms === ms ? floatingAt(ms, timeZone) / MS_PER_DAY + UNIX_EPOCH_SERIAL : null;
      };
      const formatCode = field.kind === 'DATE' ? dates.date.numFmt! : field.kind === 'DATETIME' ? dates.dateTime.numFmt! : 'General';
      return { kind: 'number', cells, formatCode, cache: values.flatMap((v, i) => point(i, serial(v))) };
    }
    const label = (v: unknown): string | null => {
      if (v == null) return null;
      if (field.kind === 'BOOLEAN') {
        const b = toBoolean(v);
        if (b !== null) return b ? 'TRUE' : 'FALSE';
      }
      return text(v);
    };
    return { kind: 'text', cells, cache: values.flatMap((v, i) => point(i, label(v))) };
  }
}

function measureOf(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && Number.isFinite(n) ? n : null;
}

function point<T>(index: number, value: T | null): CachedPoint<T>[] {
  return value === null ? [] : [{ index, value }];
}

/** exceljs's `[Content_Types].xml` with the drawing and the chart part listed. */
function withChartContentTypes(xml: string): string {
  return withContentTypeOverrides(xml, [
    { partName: `/${DRAWING_PART}`, contentType: DRAWING_CONTENT_TYPE },
    { partName: `/${CHART_PART}`, contentType: CHART_CONTENT_TYPE },
  ]);
}
