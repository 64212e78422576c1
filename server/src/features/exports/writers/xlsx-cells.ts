/**
 * Cell typing and column layout for the XLSX writer: which value and number format each kind of
 * value becomes, and how wide each column is. Pure; no exceljs streaming concerns.
 */
import type ExcelJS from 'exceljs';
import type { ColumnKind } from '../../catalog/catalog.js';
import { floatingAt } from '../../calendar/zone-clock.js';
import { dateTimeMs, parseDate, toBoolean, toNumber } from './cell-values.js';
import type { ExportColumn } from './writer.js';
import { dateFormatCodes, ISO_DATE_CODES } from './xlsx-date-formats.js';

const MIN_WIDTH = 10;
const MAX_WIDTH = 60;
const MAX_CELL_TEXT = 32_767;

// Shared, never-mutated style objects: exceljs caches style ids per style object (a WeakMap), so
// sharing them saves a style lookup per cell.
export type CellStyle = Partial<ExcelJS.Style>;
export const PLAIN: CellStyle = {};
export const HEADER: CellStyle = { font: { bold: true } };
export const INTEGER: CellStyle = { numFmt: '#,##0' };
export const DECIMAL: CellStyle = { numFmt: '#,##0.00' };
export const DATETIME: CellStyle = { numFmt: ISO_DATE_CODES.dateTime };
export const DATE: CellStyle = { numFmt: ISO_DATE_CODES.date };

/** The styles of DATE and DATETIME cells in a locale (xlsx-date-formats.ts). */
export interface DateStyles {
  date: CellStyle;
  dateTime: CellStyle;
}
export const ISO_DATE_STYLES: DateStyles = { date: DATE, dateTime: DATETIME };
const dateStyles = new Map<string, DateStyles>([['en-US', ISO_DATE_STYLES]]);

/** One shared pair of style objects per locale (exceljs caches style ids per object). */
export function dateStylesFor(locale: string): DateStyles {
  let styles = dateStyles.get(locale);
  if (!styles) {
    const codes = dateFormatCodes(locale);
    dateStyles.set(locale, (styles = { date: { numFmt: codes.date }, dateTime: { numFmt: codes.dateTime } }));
  }
  return styles;
}
export const LABEL: CellStyle = { font: { bold: true } };
export const WARNING: CellStyle = { font: { bold: true, color: { argb: 'FFC00000' } } };

/** Text for a string cell, cut to Excel's 32,767-character limit. */
export function text(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
}

/**
 * Sets a non-null value on its cell with its style; unexpected shapes fall back to text. A DATETIME
 * becomes a date/time cell holding the wall time of `timeZone` (a spreadsheet cell has no zone: it
 * shows what a clock there showed); a DATE is its calendar day as is. Both are shown in the
 * locale's date order (`dates`).
 */
export function fillCell(cell: ExcelJS.Cell, kind: ColumnKind, numberStyle: CellStyle, value: unknown, timeZone: string, dates: DateStyles = ISO_DATE_STYLES): void {
  switch (kind) {
    case 'NUMBER': {
      const n = toNumber(value);
      if (n !== null && Number.isFinite(n)) {
        cell.value = n;
        cell.style = numberStyle === INTEGER && !Number.isInteger(n) ? DECIMAL : numberStyle;
        return;
      }
      break; // NaN/Infinity have no cell representation: show their name
    }
    case 'DATETIME': {
      const ms = dateTimeMs(value);
      if (ms === ms) {
        // exceljs writes a Date as the serial of its UTC fields, so the wall time goes in as if it were UTC.
        cell.value = new Date(floatingAt(ms, timeZone));
        cell.style = dates.dateTime;
        return;
      }
      break; // NaN: not a datetime
    }
    case 'DATE': {
      const d = parseDate(value);
      if (d) {
        cell.value = d;
        cell.style = dates.date;
        return;
      }
      break;
    }
    case 'BOOLEAN': {
      const b = toBoolean(value);
      if (b !== null) {
        cell.value = b;
        cell.style = PLAIN;
        return;
      }
      break;
    }
    case 'STRING':
      break;
  }
  cell.value = text(value);
  cell.style = PLAIN;
}

/** Roughly how many characters a value takes on screen in its format. */
function displayLength(kind: ColumnKind, numberStyle: CellStyle, value: unknown): number {
  if (value == null) return 0;
  switch (kind) {
    case 'NUMBER': {
      const n = toNumber(value);
      if (n === null || !Number.isFinite(n)) break;
      const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(n)))) + 1);
      const decimals = numberStyle === DECIMAL || !Number.isInteger(n) ? 3 : 0;
      return digits + Math.floor((digits - 1) / 3) + decimals + (n < 0 ? 1 : 0);
    }
    case 'DATETIME':
      if (!Number.isNaN(dateTimeMs(value))) return 19;
      break;
    case 'DATE':
      if (parseDate(value)) return 10;
      break;
    case 'BOOLEAN':
      if (toBoolean(value) !== null) return 5;
      break;
    case 'STRING':
      break;
  }
  const s = typeof value === 'string' ? value : String(value);
  let longest = 0;
  for (const line of s.split(/\r\n|\r|\n/)) longest = Math.max(longest, line.length);
  return longest;
}

export interface ColumnPlan {
  kind: ColumnKind;
  numberStyle: CellStyle;
  width: number;
}

export function planColumns(columns: ExportColumn[], sample: unknown[][]): ColumnPlan[] {
  return columns.map((column, i) => {
    let numberStyle = INTEGER;
    if (column.kind === 'NUMBER') {
      for (const row of sample) {
        const n = toNumber(row[i]);
        if (n !== null && Number.isFinite(n) && !Number.isInteger(n)) {
          numberStyle = DECIMAL;
          break;
        }
      }
    }
    // Bold text is wider, and the autofilter button covers the header's last ~2 characters.
    let longest = column.label.length + 3;
    for (const row of sample) longest = Math.max(longest, displayLength(column.kind, numberStyle, row[i]) + 2);
    return { kind: column.kind, numberStyle, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest)) };
  });
}

/** Column number → letters: 1 → A, 28 → AB. */
export function columnLetters(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
