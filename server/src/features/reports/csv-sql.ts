/**
 * SQL that turns one result value into the exact CSV field text the JS CSV writer
 * (exports/writers/csv-writer.ts, the reference) writes for it, so that the engine can produce the
 * CSV bytes of an export itself (see compileCsvReport). Pure: no I/O.
 *
 * "Exact" means byte for byte the same as the old path: ClickHouse JSONCompactEachRow (64-bit
 * integers unquoted) → JSON.parse → the writer's cell formatters (cell-values.ts) → csv-stringify
 * with the writer's options. What each rule reproduces, found by reading those and checked against
 * them in chDB (csv-engine.chdb.test.ts):
 *
 * - NULL → empty field (the writer's `v == null`), whatever the kind.
 * - STRING: `'` is prefixed when the text starts with `=`, `+`, `-`, `@`, tab or CR or with one of
 *   the full-width forms U+FF1D, U+FF0B, U+FF0D, U+FF20, unless it is a signed number or ISO date
 *   (neutraliseFormula; the same SIGNED_DATA_PATTERN through `match`, whose RE2 reads `\d` as
 *   ASCII like JS, and ASCII-only patterns match UTF-16 text and its UTF-8 bytes alike); then the field is
 *   quoted when it holds `"`, `,`, CR or LF (csv-stringify: delimiter, quote, the record delimiter
 *   CRLF, and with quote_record_delimiter lone CR and LF too), quotes doubled. Empty stays empty.
 *   Invalid UTF-8 is NOT handled here: the old path decodes it with U+FFFD replacement, which the
 *   byte path repairs in JS (writers/csv-bytes.ts); the checks here only look at ASCII bytes and at
 *   whole valid 3-byte sequences, which that repair leaves as they are.
 * - UUID (a STRING column): its text form (hex and dashes: never prefixed nor quoted).
 * - NUMBER, integers up to 32 bits: decimal digits, as JS prints an exact integer.
 * - NUMBER, 64-bit integers: JSON.parse rounds beyond 2^53 to the nearest double, and JS prints
 *   that double's shortest digits padded with zeros (2^60 → `1152921504606847000`); so beyond 2^53
 *   the value goes through toFloat64 (same round-to-nearest) and the float rule below.
 * - NUMBER, Float64: ClickHouse prints the shortest round-trip digits in the same notation as JS's
 *   Number#toString (`0.1`, `1e-7`, `0.000001`, `123456789.123`, `18446744073709552000`) except
 *   for two spellings: an exponent >= 21 has no sign (`1e21`, JS `1e+21`), and -0 prints `-0`
 *   (JSON.parse gives -0, which JS prints `0`; adding +0 turns -0 into +0). NaN and ±Infinity are
 *   written as JSON `null` by ClickHouse (output_format_json_quote_denormals=0), so they are empty.
 * - DATETIME, DateTime64(3, 'UTC'): the wall time in the effective zone, formatDateTime(x, fmt,
 *   zone) with the zone as a string literal: LOCAL `YYYY-MM-DDTHH:MM:SS.mmm`, ISO_OFFSET the same
 *   plus `±HH:MM` (calendar/zone-clock.ts's localDateTimeText / offsetDateTimeText). `%f` prints
 *   six digits by default (and exactly the scale's three with
 *   formatdatetime_f_prints_scale_number_of_digits), so the first 23 characters are kept either way;
 *   CSV_QUERY_SETTINGS pins the single-zero setting. The offset is the difference of the local
 *   and UTC clock fields, rounded to the minute as formatOffset does (see offsetSql for why not
 *   timeZoneOffset or `%z`).
 * - DATETIME, DateTime('UTC') and DateTime64(0, 'UTC') (hour buckets: the instant the local hour
 *   began; DateTime64(0) reaches past 2106): the same with `.000`.
 * - Zone data: the engine reads its own tz database, the JS writer Node's ICU one. They agree
 *   wherever both have the same rules (checked from 1970 to 2299 for the zones in
 *   csv-engine.chdb.test.ts); they can differ before 1970 (local mean time, zones merged by later
 *   tz releases) and for a zone whose rules changed in a tz release only one of them has.
 * - DATE: `YYYY-MM-DD`. BOOLEAN: `true` / `false`.
 *
 * Any other type (Float32, Decimal, DateTime64 of another scale or zone, arrays, …) returns null:
 * the caller then leaves the whole export to the JS writer, which stays correct for anything.
 */
import type { ColumnKind } from '../catalog/catalog.js';
import { SIGNED_DATA_PATTERN } from '../exports/writers/cell-values.js';
import type { CsvTimestampFormat } from '../exports/writers/writer.js';

/** What a CSV field's text depends on besides its value: the export's zone and timestamp form. */
export interface CsvFieldOptions {
  /** The run's effective IANA zone (validated): DATETIME values are written as its wall time. */
  timeZone: string;
  /** WriterOptions.csvTimestamps, passed through as is (undefined: LOCAL, the writer's default). */
  csvTimestamps: CsvTimestampFormat | undefined;
}

/** Beyond this, an integer is not exactly a double and JSON.parse rounds it. */
export const MAX_EXACT_INTEGER = '9007199254740992';

/** A ClickHouse string literal (backslash escapes, as ClickHouse reads them). */
export function stringLiteral(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Output settings of the engine-CSV query (its FORMAT is CSV_QUERY_FORMAT). All are pinned, so a server profile cannot change the bytes. */
export const CSV_QUERY_FORMAT = 'CustomSeparated';
export const CSV_QUERY_SETTINGS: Readonly<Record<string, string | number>> = {
  // Every column is already its final CSV field text: write it verbatim.
  format_custom_escaping_rule: 'Raw',
  format_custom_field_delimiter: ',',
  format_custom_row_before_delimiter: '',
  format_custom_row_after_delimiter: '\r\n',
  format_custom_row_between_delimiter: '',
  format_custom_result_before_delimiter: '',
  format_custom_result_after_delimiter: '',
  // `%f` of a whole second must stay `000…`, not a single `0`.
  formatdatetime_f_prints_single_zero: 0,
};

/** `Nullable(T)`, `LowCardinality(T)` and `LowCardinality(Nullable(T))` → T, and whether NULL can occur. */
export function baseType(chType: string): { base: string; nullable: boolean } {
  let t = chType.trim();
  let nullable = false;
  for (;;) {
    const m = /^(Nullable|LowCardinality)\((.*)\)$/.exec(t);
    if (!m) break;
    if (m[1] === 'Nullable') nullable = true;
    t = m[2]!.trim();
  }
  return { base: t, nullable };
}

/**
 * The formula triggers by the first bytes of the text, read as a little-endian integer (shorter
 * text reads as zero-padded): `\t` `\r` `+` `-` `=` `@` as the first byte, and the UTF-8 of the
 * full-width ＝ ＋ － ＠ (EF BC 9D, EF BC 8B, EF BC 8D, EF BC A0) as the first three.
 * Integer tests: measured ~2x cheaper than comparing substrings.
 */
function formulaTrigger(x: string): string {
  return `bitOr(bitAnd(reinterpretAsUInt32(${x}), 0xFF) IN (0x09, 0x0D, 0x2B, 0x2D, 0x3D, 0x40), ` +
    `bitAnd(reinterpretAsUInt32(${x}), 0xFFFFFF) IN (0x9DBCEF, 0x8BBCEF, 0x8DBCEF, 0xA0BCEF))`;
}

/** The field must be quoted: it holds `"`, `,`, CR or LF (four byte searches: cheaper than one multi-needle search). */
function needsQuotes(x: string): string {
  return `(position(${x}, '"') + position(${x}, ',') + position(${x}, '\\r') + position(${x}, '\\n') > 0)`;
}

/** `+`/`-` text that is data, not a formula (neutraliseFormula's exception). */
const SIGNED_DATA_SQL = stringLiteral(SIGNED_DATA_PATTERN);

/**
 * neutraliseFormula + csv-stringify quoting of a (non-null) String value. Most text needs neither,
 * so one cheap test passes it on as it is and only the rest is rebuilt (a short-circuit `if`); the
 * pattern runs only on text that starts with a trigger.
 */
function stringField(x: string): string {
  const neutral = `if(${formulaTrigger(x)} AND NOT match(${x}, ${SIGNED_DATA_SQL}), concat('\\'', ${x}), ${x})`;
  const rebuilt = `if(${needsQuotes(x)}, concat('"', replaceAll(${neutral}, '"', '""'), '"'), ${neutral})`;
  return `if(bitOr(${needsQuotes(x)}, ${formulaTrigger(x)}), ${rebuilt}, ${x})`;
}

/** JS Number#toString of a Float64 (see the header); non-finite → empty. NaN fails the first test too. */
export function floatField(x: string): string {
  return `if(abs(${x}) < 1e21, toString(${x} + 0), if(isFinite(${x}), replaceOne(toString(${x}), 'e', 'e+'), ''))`;
}

/**
 * `±HH:MM` of the zone's offset at instant `x` (formatOffset: the sign of the offset in seconds,
 * then whole minutes rounded half up). The offset is the zone's wall clock minus UTC's, field by
 * field, the fields formatDateTime prints: timeZoneOffset and `%z` both give -10:00 instead of
 * +14:00 in Pacific/Kiritimati and Pacific/Apia (zones that skipped a day; chDB 26.7), and `%z`
 * truncates sub-minute offsets (Africa/Monrovia's -00:44:30 until 1972). UTC is a constant.
 */
function offsetSql(x: string, timeZone: string): string {
  if (timeZone === 'UTC') return "'+00:00'";
  const zone = stringLiteral(timeZone);
  const diff = (fn: string, scale: string) => `(toInt64(${fn}(${x}, ${zone})) - toInt64(${fn}(${x}, 'UTC')))${scale}`;
  // The local date is the UTC date or the day before or after (|offset| < 24 h): its sign is the day.
  const days = `sign(${diff('toYYYYMMDD', '')}) * 86400`;
  const seconds = `(${days} + ${diff('toHour', ' * 3600')} + ${diff('toMinute', ' * 60')} + ${diff('toSecond', '')})`;
  const minutes = `intDiv(abs(${seconds}) + 30, 60)`;
  return `concat(if(${seconds} < 0, '-', '+'), leftPad(toString(intDiv(${minutes}, 60)), 2, '0'), ':', leftPad(toString(${minutes} % 60), 2, '0'))`;
}

function dateTimeField(x: string, base: string, options: CsvFieldOptions): string | null {
  const zone = stringLiteral(options.timeZone);
  let local: string;
  if (base === "DateTime64(3, 'UTC')") local = `substring(formatDateTime(${x}, '%Y-%m-%dT%H:%i:%S.%f', ${zone}), 1, 23)`;
  else if (base === "DateTime('UTC')" || base === "DateTime64(0, 'UTC')") local = `formatDateTime(${x}, '%Y-%m-%dT%H:%i:%S.000', ${zone})`;
  else return null;
  return (options.csvTimestamps ?? 'LOCAL') === 'ISO_OFFSET' ? `concat(${local}, ${offsetSql(x, options.timeZone)})` : local;
}

function nonNullField(x: string, kind: ColumnKind, base: string, options: CsvFieldOptions): string | null {
  switch (kind) {
    case 'STRING':
      if (base === 'String') return stringField(x);
      if (base === 'UUID') return `toString(${x})`;
      return null;
    case 'NUMBER':
      if (/^U?Int(8|16|32)$/.test(base)) return `toString(${x})`;
      if (base === 'UInt64') return `if(${x} > ${MAX_EXACT_INTEGER}, ${floatField(`toFloat64(${x})`)}, toString(${x}))`;
      if (base === 'Int64') return `if(abs(${x}) > ${MAX_EXACT_INTEGER}, ${floatField(`toFloat64(${x})`)}, toString(${x}))`;
      if (base === 'Float64') return floatField(x);
      return null;
    case 'DATETIME':
      return dateTimeField(x, base, options);
    case 'DATE':
      return base === 'Date' ? `toString(${x})` : null;
    case 'BOOLEAN':
      return base === 'Bool' ? `if(${x}, 'true', 'false')` : null;
    default:
      return null;
  }
}

/**
 * SQL for the CSV field text of `expr` (a SQL expression of ClickHouse type `chType`, holding a
 * value of `kind`), always a non-null String; or null when this type cannot be matched exactly.
 * `options` must be what the JS writer is given (meta.timeZone, WriterOptions.csvTimestamps).
 */
export function csvFieldSql(expr: string, kind: ColumnKind, chType: string, options: CsvFieldOptions): string | null {
  const { base, nullable } = baseType(chType);
  if (!nullable) return nonNullField(expr, kind, base, options);
  const field = nonNullField(`assumeNotNull(${expr})`, kind, base, options);
  // Explicit: `if`/`multiIf` read a NULL condition as false, so NULL must not reach the rules.
  return field === null ? null : `if(isNull(${expr}), '', ${field})`;
}
