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

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** JSON's number grammar: also what a CSV/spreadsheet reader accepts as a plain number. */
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** ClickHouse's spelling of non-finite floats when it quotes them. */
const NON_FINITE_LITERAL = /^[+-]?(?:nan|inf|infinity)$/i;

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

/** Two ASCII digits at `i` as a number, or -1 when either is not a digit. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil): any year, no Date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * The UTC instant (epoch ms) of a DATETIME value: ClickHouse's `YYYY-MM-DD HH:MM:SS[.fff…]` (a `T`
 * and a trailing `Z` are tolerated) or a valid Date; NaN for anything else, including impossible
 * fields (month 13, Feb 30), which are then written as text. Sub-millisecond digits (DateTime64(6))
 * are truncated. This runs once per DATETIME cell of an export, so it reads the fixed positions
 * with charCodeAt and computes the instant with integer arithmetic: no regex, no Date, no match array.
 */
export function dateTimeMs(value: unknown): number {
  if (typeof value !== 'string') return value instanceof Date ? value.getTime() : Number.NaN;
  const n = value.length;
  if (n < 19 || value.charCodeAt(4) !== 45 /* - */ || value.charCodeAt(7) !== 45 || value.charCodeAt(13) !== 58 /* : */ || value.charCodeAt(16) !== 58) {
    return Number.NaN;
  }
  const separator = value.charCodeAt(10);
  if (separator !== 32 /* space */ && separator !== 84 /* T */) return Number.NaN;
  const century = two(value, 0);
  const yy = two(value, 2);
  const month = two(value, 5);
  const day = two(value, 8);
  const hour = two(value, 11);
  const minute = two(value, 14);
  const second = two(value, 17);
  if (century < 0 || yy < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month]! || hour < 0 || hour > 23
    || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = century * 100 + yy;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return Number.NaN;
  // After `SS`: nothing, `Z`, or `.` and at least one digit, then maybe `Z`; the first three digits are the ms.
  let end = n;
  if (value.charCodeAt(n - 1) === 90 /* Z */) end--;
  let ms = 0;
  if (end > 19) {
    if (value.charCodeAt(19) !== 46 /* . */ || end === 20) return Number.NaN;
    for (let i = 20, scale = 100; i < end; i++, scale /= 10) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      if (i < 23) ms += d * scale;
    }
  }
  return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
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
