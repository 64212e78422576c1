/**
 * Value conversions shared by the text writers (CSV, JSON) and the XLSX writer.
 *
 * Rows arrive as ClickHouse's JSONCompactEachRow gives them (see the glossary in writer.ts). Two
 * quirks matter here: DATETIME is `YYYY-MM-DD HH:MM:SS[.fff…]` in UTC without a zone marker, and
 * 64-bit integers (count(), uniq(), sums of integers) arrive as *strings* because ClickHouse quotes
 * them by default to keep their precision. Every function here is lenient: a value of an unexpected
 * shape is passed on as text rather than failing a long export on its millionth row.
 */

const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z?$/;
/** The same shape without captures: testing it allocates nothing (the text writers' hot path). */
const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** JSON's number grammar: also what a CSV/spreadsheet reader accepts as a plain number. */
const NUMBER_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** ClickHouse's spelling of non-finite floats when it quotes them. */
const NON_FINITE_LITERAL = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * `2026-11-28 10:00:00` → `2026-11-28T10:00:00.000Z` (always milliseconds, like
 * Date#toISOString, so every value in a column has the same width and sorts as text).
 * Sub-millisecond digits (DateTime64(6)) are truncated. Returns null when `value` is not a datetime.
 */
export function isoDateTime(value: unknown): string | null {
  if (typeof value === 'string') {
    if (!DATETIME_SHAPE.test(value)) return null;
    // Positions are fixed by the shape: date 0-9, time 11-18, then optional `.digits` and `Z`.
    const end = value.charCodeAt(value.length - 1) === 90 /* Z */ ? value.length - 1 : value.length;
    const ms = end > 20 ? value.slice(20, Math.min(end, 23)).padEnd(3, '0') : '000';
    return `${value.slice(0, 10)}T${value.slice(11, 19)}.${ms}Z`;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return null;
}

/** The UTC instant of a DATETIME value, or null. */
export function parseDateTime(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  const m = DATETIME_PATTERN.exec(value);
  if (!m) return null;
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` for a DATE value (a Date object gives its UTC day), or null. */
export function isoDate(value: unknown): string | null {
  if (typeof value === 'string') return DATE_PATTERN.test(value) ? value : null;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return null;
}

/** Midnight UTC of a DATE value, or null. */
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

/** Prefixes `'` to text a spreadsheet would run as a formula; other text is returned unchanged. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}
