/**
 * The pivot a native chart needs when the report has a second dimension: the builder's chart (the
 * ECharts option) splits the first measure into one series per value of that dimension, but a
 * native chart reads ranges of cells as they are, and sheet Data holds one row per (x, split) pair.
 * So the Chart sheet gets a small block of formulas, one row per x value and one column per split
 * value, each summing the measure's cells of sheet Data that match:
 *
 *   =IF(SUMPRODUCT(('Data'!$A$2:$A$1001=$A33)*('Data'!$B$2:$B$1001=B$32))=0, NA(),
 *       SUMPRODUCT(('Data'!$A$2:$A$1001=$A33)*('Data'!$B$2:$B$1001=B$32),'Data'!$C$2:$C$1001))
 *
 * and the chart draws that block: edit a number on Data and the block, then the chart, follow.
 * A pair with no row is #N/A, which charts draw as a gap (the builder's chart leaves it out too),
 * not as a zero; it is written as the value #N/A, not a formula, so the formulas are at most one
 * per covered row (each reads the covered rows: ≤ 5,000 × 5,000 comparisons when Excel
 * recalculates after an edit, instead of 12 per x value).
 * SUMPRODUCT with `=` rather than SUMIFS: SUMIFS reads criteria text as patterns and operators
 * (`*`, `?`, `>5`, `=x`), so category values like those would match the wrong rows.
 *
 * As the ECharts option does: the x values in time order when x is a time, else in row order;
 * at most MAX_SPLIT_SERIES series, the largest by their total, the rest summed as `Other`; a pie
 * sums the split away (one column). Rows whose x is empty are left out. Cached results are
 * computed here with Excel's `=` semantics (text compared case-insensitively), so viewers that do
 * not recalculate show what Excel would. Pure: no I/O.
 */
import type ExcelJS from 'exceljs';
import { MAX_SPLIT_SERIES, isTemporal, type ChartField } from '@reportcast/charts';
import { toNumber } from './cell-values.js';
import { HEADER, INTEGER, fillCell, type CellStyle, type DateStyles } from './xlsx-cells.js';
import { rangeFormula, type CachedPoint, type CellRange, type NativeCategories, type NativeSeries } from './xlsx-chart-xml.js';

/** Excel's serial of 1970-01-01 (its day 0 is 1899-12-30). */
export const UNIX_EPOCH_SERIAL = 25569;
export const MS_PER_DAY = 86_400_000;

export interface FieldColumn {
  field: ChartField;
  /** 0-based, in the rows (and on sheet Data). */
  column: number;
}

export interface PivotInput {
  /** The rows the chart covers: rows 2.. of sheet Data. */
  rows: unknown[][];
  x: FieldColumn;
  /** The dimension split into series; null: summed away (a pie). */
  split: FieldColumn | null;
  measure: FieldColumn;
  dataSheet: string;
  /** The sheet the block goes on, and the row of its header (the values start one below). */
  sheet: string;
  headerRow: number;
  timeZone: string;
  dates: DateStyles;
}

export interface PivotCell {
  value: ExcelJS.CellValue;
  style: CellStyle;
}

export interface Pivot {
  /** Row `headerRow`: the x label, then one series name per column. */
  header: PivotCell[];
  /** One row per x value: the value, then one formula per series. */
  body: PivotCell[][];
  categories: NativeCategories;
  series: NativeSeries[];
}

/** A value as sheet Data's cell holds it (xlsx-cells.ts fillCell), and its style. */
export function cellOf(field: ChartField, value: unknown, timeZone: string, dates: DateStyles): PivotCell {
  const probe: { value?: ExcelJS.CellValue; style?: CellStyle } = {};
  fillCell(probe as unknown as ExcelJS.Cell, field.kind, INTEGER, value, timeZone, dates);
  return { value: probe.value ?? null, style: probe.style ?? {} };
}

/** What Excel's `=` compares: dates by serial, text case-insensitively. */
function keyOf(value: ExcelJS.CellValue): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (typeof value === 'string') return `s${value.toLowerCase()}`;
  return `${typeof value}${String(value)}`;
}

function letters(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  return out;
}

export function pivot(input: PivotInput): Pivot {
  const { rows, x, split, measure, timeZone, dates, sheet, headerRow } = input;
  const dataRange = (column: number): string =>
    rangeFormula({ sheet: input.dataSheet, firstColumn: column + 1, firstRow: 2, lastColumn: column + 1, lastRow: Math.max(2, rows.length + 1) });

  // x values, in time order for a time, else in row order.
  const xs = new Map<string, { cell: PivotCell; order: number }>();
  for (const row of rows) {
    if (row[x.column] == null) continue;
    const cell = cellOf(x.field, row[x.column], timeZone, dates);
    const key = keyOf(cell.value);
    if (!xs.has(key)) xs.set(key, { cell, order: cell.value instanceof Date ? cell.value.getTime() : xs.size });
  }
  let xKeys = [...xs.keys()];
  if (isTemporal(x.field)) xKeys = xKeys.sort((a, b) => xs.get(a)!.order - xs.get(b)!.order);
  const xIndex = new Map(xKeys.map((k, i) => [k, i]));

  // Split values with their sums per x and their totals (for choosing the largest).
  const groups = new Map<string, { cell: PivotCell; sums: number[]; rows: number[]; total: number }>();
  for (const row of rows) {
    if (row[x.column] == null) continue;
    const i = xIndex.get(keyOf(cellOf(x.field, row[x.column], timeZone, dates).value))!;
    const splitCell = split ? (row[split.column] == null ? { value: null, style: {} } : cellOf(split.field, row[split.column], timeZone, dates)) : { value: measure.field.label, style: HEADER };
    const key = split ? keyOf(splitCell.value) : 'all';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cell: splitCell, sums: new Array<number>(xKeys.length).fill(0), rows: new Array<number>(xKeys.length).fill(0), total: 0 }));
    group.rows[i]! += 1;
    const n = toNumber(row[measure.column]);
    if (n !== null && Number.isFinite(n)) {
      group.sums[i]! += n;
      group.total += Math.abs(n);
    }
  }
  let kept = [...groups.values()];
  let other: (number | null)[] | null = null;
  if (kept.length > MAX_SPLIT_SERIES) {
    const largest = new Set([...kept].sort((a, b) => b.total - a.total).slice(0, MAX_SPLIT_SERIES - 1));
    other = new Array<number | null>(xKeys.length).fill(null);
    for (const g of kept) if (!largest.has(g)) g.sums.forEach((v, i) => (other![i] = g.rows[i]! > 0 ? (other![i] ?? 0) + v : other![i]!));
    kept = kept.filter((g) => largest.has(g));
  }
  if (kept.length === 0) kept = [{ cell: { value: split ? null : measure.field.label, style: HEADER }, sums: [], rows: [], total: 0 }];

  const X = dataRange(x.column);
  const V = dataRange(measure.column);
  const S = split ? dataRange(split.column) : null;
  const header: PivotCell[] = [
    { value: x.field.label, style: HEADER },
    ...kept.map((g) => ({ value: g.cell.value, style: g.cell.value instanceof Date ? g.cell.style : HEADER })),
    ...(other ? [{ value: 'Other', style: HEADER }] : []),
  ];
  const lastKept = letters(kept.length + 1);
  const body = xKeys.map((key, i) => {
    const r = headerRow + 1 + i;
    const cells: PivotCell[] = [xs.get(key)!.cell];
    kept.forEach((g, j) => {
      const match = S ? `(${X}=$A${r})*(${S}=${letters(j + 2)}$${headerRow})` : `(${X}=$A${r})*1`;
      cells.push(sumCell(match, V, g.rows[i] ? g.sums[i]! : null));
    });
    // Other: the rows of this x whose split value heads none of the kept columns.
    if (other) cells.push(sumCell(`(${X}=$A${r})*ISNA(MATCH(${S},$B$${headerRow}:$${lastKept}$${headerRow},0))`, V, other[i]!));
    return cells;
  });

  const lastRow = headerRow + Math.max(1, xKeys.length);
  const columnRange = (column: number, firstRow: number, last: number): CellRange => ({ sheet, firstColumn: column, firstRow, lastColumn: column, lastRow: last });
  const xCells = columnRange(1, headerRow + 1, lastRow);
  const xValues = xKeys.map((k) => xs.get(k)!.cell.value);
  const categories: NativeCategories =
    x.field.kind === 'DATE' || x.field.kind === 'DATETIME' || x.field.kind === 'NUMBER'
      ? {
          kind: 'number',
          cells: xCells,
          formatCode: x.field.kind === 'DATE' ? dates.date.numFmt! : x.field.kind === 'DATETIME' ? dates.dateTime.numFmt! : 'General',
          cache: points(xValues.map((v) => (v instanceof Date ? v.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL : typeof v === 'number' ? v : null))),
        }
      : { kind: 'text', cells: xCells, cache: points(xValues.map((v) => (v == null ? null : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v)))) };
  const columnsOfSeries: { name: ExcelJS.CellValue; sums: (number | null)[] }[] = [
    ...kept.map((g) => ({ name: g.cell.value, sums: g.sums.map((v, i) => (g.rows[i] ? v : null)) })),
    ...(other ? [{ name: 'Other', sums: other }] : []),
  ];
  const series: NativeSeries[] = columnsOfSeries.map((s, j) => ({
    nameCell: columnRange(j + 2, headerRow, headerRow),
    name: s.name instanceof Date ? s.name.toISOString().slice(0, 10) : s.name == null ? '' : String(s.name),
    values: columnRange(j + 2, headerRow + 1, lastRow),
    cache: points(xKeys.map((_, i) => s.sums[i] ?? null)),
  }));
  return { header, body, categories, series };
}

/**
 * A formula cell summing `values` where `match` is 1 (#N/A should an edit leave no row matching);
 * `result`: its value now, null when no row matches: then the cell is the value #N/A.
 */
function sumCell(match: string, values: string, result: number | null): PivotCell {
  if (result === null) return { value: { error: '#N/A' } as ExcelJS.CellErrorValue, style: INTEGER };
  const formula = `IF(SUMPRODUCT(${match})=0,NA(),SUMPRODUCT(${match},${values}))`;
  return { value: { formula, result } as ExcelJS.CellFormulaValue, style: INTEGER };
}

function points<T>(values: (T | null)[]): CachedPoint<T>[] {
  return values.flatMap((value, index) => (value === null ? [] : [{ index, value }]));
}
