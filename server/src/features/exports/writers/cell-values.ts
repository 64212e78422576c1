/**
 * Value conversions shared by the text writers (CSV, JSON) and the XLSX and PDF writers.
 *
 * Rows arrive as ClickHouse's JSONCompactEachRow gives them (see the glossary in writer.ts). Two
 * quirks matter here: DATETIME is `YYYY-MM-DD HH:MM:SS[.fff…]` in UTC without a zone marker, and
 * 64-bit integers (count(), uniq(), sums of integers) arrive as *strings* because ClickHouse quotes
 * them by default to keep their precision. Every function here is lenient: a value of an unexpected
 * shape is passed on as text rather than failing a long export on its millionth row.
 *
 * Times: a DATETIME value is read as its UTC instant (dateTimeMs) and shown as the wall time of the
 * export's effective zone by calendar/zone-clock.ts (zonedDateTimeText); a DATE value is a calendar
 * day and is never converted.
 */
import { localDateTimeText, offsetDateTimeText } from '../../calendar/zone-clock.js';
import type { CsvTimestampFormat } from './writer.js';

/** A DATETIME text; allocation-free to test (the hot path of every writer). */
const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** JSON's number grammar: also what a CSV/spreadsheet reader accepts as a plain number. */
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** ClickHouse's spelling of non-finite floats when it quotes them. */
const NON_FINITE_LITERAL = /^[+-]?(?:nan|inf|infinity)$/i;

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number (NaN-free: the shape test ran first). */
function two(text: string, i: number): number {
  return (text.charCodeAt(i) - 48) * 10 + text.charCodeAt(i + 1) - 48;
}

/**
 * The UTC instant (epoch ms) of a DATETIME value: ClickHouse's `YYYY-MM-DD HH:MM:SS[.fff…]` (a `T`
 * and a trailing `Z` are tolerated) or a valid Date; NaN for anything else, including impossible
 * fields (month 13, Feb 30), which are then written as text. Sub-millisecond digits (DateTime64(6))
 * are truncated. Reads the fixed positions the shape guarantees: no match array, no Date.
 */
export function dateTimeMs(value: unknown): number {
  if (typeof value === 'string') {
    if (!DATETIME_SHAPE.test(value)) return Number.NaN;
    const year = two(value, 0) * 100 + two(value, 2);
    const month = two(value, 5);
    const day = two(value, 8);
    const hour = two(value, 11);
    const minute = two(value, 14);
    const second = two(value, 17);
    if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]! || hour > 23 || minute > 59 || second > 59) return Number.NaN;
    if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
    let ms = 0;
    // After `SS`: nothing, `Z`, or `.digits` then maybe `Z`; the first three digits are the ms.
    if (value.length > 20 && value.charCodeAt(19) === 46 /* . */) {
      for (let i = 20, scale = 100; i < 23 && i < value.length; i++, scale /= 10) {
        const d = value.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        ms += d * scale;
      }
    }
    const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    // Date.UTC reads years 0-99 as 1900-1999.
    return year >= 100 ? t : new Date(t).setUTCFullYear(year);
  }
  if (value instanceof Date) return value.getTime();
  return Number.NaN;
}

/**
 * A DATETIME value as the wall time of `timeZone`: `2026-12-06T19:59:53.912` (LOCAL) or
 * `2026-12-07T04:59:53.912+09:00` (ISO_OFFSET); null when `value` is not a datetime.
 */
export function zonedDateTimeText(value: unknown, timeZone: string, form: CsvTimestampFormat): string | null {
  const ms = dateTimeMs(value);
  if (ms !== ms) return null; // NaN
  return form === 'ISO_OFFSET' ? offsetDateTimeText(ms, timeZone) : localDateTimeText(ms, timeZone);
}

/** `YYYY-MM-DD` for a DATE value (a Date object gives its UTC day), or null. */
export function isoDate(value: unknown): string | null {
  if (typeof value === 'string') return DATE_PATTERN.test(value) ? value : null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return null;
}

/** Midnight UTC of a DATE value (the day as a floating date: no zone applies), or null. */
export function parseDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const m = DATE_PATTERN.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** true/false for a BOOLEAN value (ClickHouse Bool is a JSON boolean; 0/1 and their text tolerated), or null. */
export function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true') return true;
  if (value === 0 || value === '0' || value === 'false') return false;
  return null;
}

/**
 * The text of a NUMBER value exactly as it should appear in a text file, or null when the value is
 * not a number. Numeric strings (quoted 64-bit integers, decimals) are kept verbatim so no digit is
 * lost to float conversion; non-finite floats keep their name.
 */
export function numberText(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && (NUMBER_LITERAL.test(value) || NON_FINITE_LITERAL.test(value))) return value;
  return null;
}

/** The text of a NUMBER value as a JSON number literal (non-finite → null), or null when not a number. */
export function jsonNumber(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    if (NUMBER_LITERAL.test(value)) return value;
    if (NON_FINITE_LITERAL.test(value)) return 'null';
  }
  return null;
}

/** A NUMBER value as a JS number (spreadsheets hold doubles: digits past ~15 are lost), or null. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMBER_LITERAL.test(value)) return Number(value);
  return null;
}

/**
 * Spreadsheet formula injection (CWE-1236, OWASP "CSV Injection"): a cell whose text begins with
 * one of these is evaluated by Excel, LibreOffice or Google Sheets when the file is opened. The
 * full-width forms are included because Apple Numbers normalises them to their ASCII twins.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/**
 * Text that starts with `+` or `-` and is data all the same, as a pattern both paths use (the JS
 * writer here, the engine through ClickHouse's `match`, reports/csv-sql.ts): a signed plain number
 * (`-5`, `-12.5`, `+3`, `-.5`, `-5.`, `-1.5E+10`) or a signed ISO date (`-2026-12-06`), optionally
 * with an ISO time and offset (`-2026-12-06T10:00:00Z`, `+2026-12-06T10:00:00.5+09:00`). ASCII
 * only (`\d` is ASCII in JS and RE2 alike), so it reads the same on UTF-16 and on bytes. A
 * spreadsheet reads these as a number, a date or at worst arithmetic on numbers: no function, no
 * reference, nothing that reaches outside the cell.
 */
export const SIGNED_DATA_PATTERN =
  '^[+-](?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?)$';
const SIGNED_DATA = new RegExp(SIGNED_DATA_PATTERN);

/**
 * Prefixes `'` to text a spreadsheet would run as a formula: text starting with `=`, `+`, `-`,
 * `@`, tab or CR (or full-width ＝ ＋ － ＠), unless it is a signed number or ISO date
 * (SIGNED_DATA_PATTERN). Other text is returned unchanged.
 */
export function neutraliseFormula(text: string): string {
  if (text.length === 0 || !FORMULA_TRIGGERS.has(text[0]!)) return text;
  const first = text.charCodeAt(0);
  if ((first === 43 /* + */ || first === 45 /* - */) && SIGNED_DATA.test(text)) return text;
  return `'${text}`;
}
