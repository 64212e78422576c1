/**
 * SQL that turns one result value into the SpreadsheetML cell the JS sheet writer
 * (exports/writers/xlsx-sheet-xml.ts SheetRowsXml, the reference) writes for it, so that the
 * engine can produce an XLSX export's data rows itself (compileXlsxReport): each row comes as a whole
 * `<row r="N">…</row>` element, numbered by the engine too (xlsxRowSql), so the JS side only splits
 * the sheets where the numbering starts again and hands the bytes on (EngineRowsXml). Pure: no I/O.
 *
 * "The same cell" means the same value, type and style read back (xlsx-engine.chdb.test.ts reads
 * both files cell by cell): the rows the JS writer gets are ClickHouse JSONCompactEachRow parsed
 * by JSON.parse, so each rule reproduces what that value becomes there:
 *
 * - NULL → no cell (the writer skips `v == null`).
 * - STRING (String): `t="str"` with the text XML-escaped (`& < > " '`), the characters XML 1.0
 *   cannot hold removed (C0 controls but tab, LF and CR; DEL; U+FFFE, U+FFFF), as xmlText does.
 *   CR, LF and CRLF are written `&#10;`: the JS writer leaves them raw, and an XML reader turns raw
 *   CRLF and lone CR into LF (XML 1.0 §2.11), so both read back as LF. Two kinds of text are handed to JS instead, as hex
 *   between the markers JS_TEXT_OPEN/CLOSE, and decoded, cut and escaped there by the writer's own
 *   code: text longer than 32,767 bytes (only then can it pass Excel's 32,767-character cell limit,
 *   counted in UTF-16 units), and invalid UTF-8 (the JS path decodes it with U+FFFD replacement
 *   before it removes control characters, and a removal can join the bytes around it into a valid
 *   character: `ED 01 80 80` is three U+FFFD there, U+D000 if removed first; ClickHouse's
 *   toValidUTF8 collapses runs, TextDecoder does not). Formula-like text stays as it is (a typed
 *   string cell is never a formula, as in the JS writer).
 * - UUID: its text, a `t="str"` cell.
 * - NUMBER: integers up to 32 bits their digits; 64-bit integers their digits up to 2^53 and
 *   beyond that the double JSON.parse makes of them (csv-sql.ts's rule); Float64 the shortest
 *   round-trip digits as JS prints them (floatField), non-finite → no cell (JSON null). Style: the
 *   column's whole-number style for an integral value, the decimal style otherwise (what
 *   Number.isInteger decides in the writer).
 * - DATETIME (DateTime64(3, 'UTC'), DateTime('UTC'), DateTime64(0, 'UTC')): the Excel serial of the
 *   wall time in the run's zone, `25569 + wallMs / 86400000` in Float64 as JS computes it
 *   (floatingAt: the instant plus the zone's offset); the wall time is built from the engine's
 *   local calendar fields (its tz database; csv-sql.ts on where it and Node's ICU can differ).
 * - DATE (Date): `25569 + days since 1970`. BOOLEAN (Bool): `t="b"` 1/0.
 *
 * Any other type (Float32, Decimal, Date32, DateTime of another zone or scale, arrays, …) returns
 * null: the caller then leaves the whole export to the JS writer.
 */
import type { ColumnKind } from '../catalog/catalog.js';
import { ROW_MARK, JS_TEXT_OPEN, JS_TEXT_CLOSE, type EngineCellStyles } from '../exports/writers/xlsx-sheet-xml.js';
import { baseType, floatField, MAX_EXACT_INTEGER, stringLiteral } from './csv-sql.js';

/**
 * Output of the engine-XLSX query: each row's `<row>` element verbatim, one after the other with
 * nothing between them (the sheet XML as it goes into the zip; a row ends at its `</row>`, which
 * text cannot contain: `<` is escaped). All settings pinned, so a server profile cannot change the bytes.
 */
export const XLSX_QUERY_FORMAT = 'CustomSeparated';
export const XLSX_QUERY_SETTINGS: Readonly<Record<string, string | number>> = {
  format_custom_escaping_rule: 'Raw',
  format_custom_field_delimiter: '',
  format_custom_row_before_delimiter: '',
  format_custom_row_after_delimiter: '',
  format_custom_row_between_delimiter: '',
  format_custom_result_before_delimiter: '',
  format_custom_result_after_delimiter: '',
};

/** Excel's longest cell text (UTF-16 units); a String of at most this many bytes never exceeds it. */
const MAX_CELL_TEXT = 32_767;

/** A SQL string literal for fixed markup (control characters as `\xNN` escapes). */
function lit(text: string): string {
  return stringLiteral(text).replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Characters that need escaping or removal (SheetRowsXml's XML_SPECIAL, plus CR and LF: see the header). */
const SPECIAL = lit("[\\x00-\\x1F\\x7F<>&'\"]|\\x{FFFE}|\\x{FFFF}");
/** C0 controls XML cannot hold, and DEL (translate deletes characters it has no replacement for). */
const REMOVED = lit(Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13).map((c) => String.fromCharCode(c)).join('') + '\u007f');

/** xmlText of a String value, with CR/LF as `&#10;` (see the header). Most text has nothing to escape: one test passes it through. */
function escapedText(x: string): string {
  let e = `translate(${x}, ${REMOVED}, '')`;
  e = `replaceAll(replaceAll(${e}, ${lit('\uFFFE')}, ''), ${lit('\uFFFF')}, '')`;
  for (const [from, to] of [['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;'], ["'", '&apos;'], ['\r\n', '&#10;'], ['\r', '&#10;'], ['\n', '&#10;']]) {
    e = `replaceAll(${e}, ${lit(from!)}, ${lit(to!)})`;
  }
  const long = `concat(${lit(JS_TEXT_OPEN)}, hex(${x}), ${lit(JS_TEXT_CLOSE)})`;
  return `if(length(${x}) > ${MAX_CELL_TEXT} OR NOT isValidUTF8(${x}), ${long}, if(match(${x}, ${SPECIAL}), ${e}, ${x}))`;
}

/** The wall time of a UTC DateTime/DateTime64 in the zone, as floating epoch ms (floatingAt). */
function wallMs(x: string, base: string, timeZone: string): string | null {
  let utcMs: string;
  if (base === "DateTime64(3, 'UTC')" || base === "DateTime64(0, 'UTC')") utcMs = `toUnixTimestamp64Milli(${x})`;
  else if (base === "DateTime('UTC')") utcMs = `(toInt64(toUnixTimestamp(${x})) * 1000)`;
  else return null;
  if (timeZone === 'UTC') return utcMs;
  const zone = stringLiteral(timeZone);
  const seconds = `toInt64(toDate32(${x}, ${zone})) * 86400 + toHour(${x}, ${zone}) * 3600 + toMinute(${x}, ${zone}) * 60 + toSecond(${x}, ${zone})`;
  return `((${seconds}) * 1000 + ((${utcMs} % 1000) + 1000) % 1000)`;
}

function nonNullCell(x: string, kind: ColumnKind, base: string, open: string, styles: EngineCellStyles, whole: string, timeZone: string): string | null {
  const cell = (attributes: string, value: string) => `concat(${lit(`${open}${attributes}><v>`)}, ${value}, '</v></c>')`;
  switch (kind) {
    case 'STRING':
      if (base === 'String') return cell(`${styles.plain} t="str"`, escapedText(x));
      if (base === 'UUID') return cell(`${styles.plain} t="str"`, `toString(${x})`);
      return null;
    case 'NUMBER':
      if (/^U?Int(8|16|32)$/.test(base)) return cell(whole, `toString(${x})`);
      if (base === 'UInt64') return cell(whole, `if(${x} > ${MAX_EXACT_INTEGER}, ${floatField(`toFloat64(${x})`)}, toString(${x}))`);
      if (base === 'Int64') return cell(whole, `if(abs(${x}) > ${MAX_EXACT_INTEGER}, ${floatField(`toFloat64(${x})`)}, toString(${x}))`);
      if (base === 'Float64') {
        return `if(isFinite(${x}), concat(${lit(open)}, if(${x} = floor(${x}), ${lit(whole)}, ${lit(styles.fraction)}), '><v>', ${floatField(x)}, '</v></c>'), '')`;
      }
      return null;
    case 'DATETIME': {
      const ms = wallMs(x, base, timeZone);
      return ms === null ? null : cell(styles.dateTime, floatField(`(25569 + toFloat64(${ms}) / 86400000)`));
    }
    case 'DATE':
      return base === 'Date' ? cell(styles.date, `toString(25569 + toInt32(${x}))`) : null;
    case 'BOOLEAN':
      return base === 'Bool' ? cell(`${styles.plain} t="b"`, `if(${x}, '1', '0')`) : null;
    default:
      return null;
  }
}

/**
 * SQL for the `<c>` element of `expr` (ClickHouse type `chType`, holding a value of `kind`) in the
 * column with letters `letters`, its reference's row left as ROW_MARK; '' for NULL (no cell). Null
 * when this type has no exact engine form. `whole` is the column's whole-number style attribute.
 */
export function xlsxCellSql(expr: string, kind: ColumnKind, chType: string, letters: string, styles: EngineCellStyles, whole: string, timeZone: string): string | null {
  const { base, nullable } = baseType(chType);
  const open = `<c r="${letters}${ROW_MARK}"`;
  if (!nullable) return nonNullCell(expr, kind, base, open, styles, whole, timeZone);
  const cell = nonNullCell(`assumeNotNull(${expr})`, kind, base, open, styles, whole, timeZone);
  return cell === null ? null : `if(isNull(${expr}), '', ${cell})`;
}

/**
 * Wraps `rowsSql` (each row's `<c>` cells as one value named `column`, in their total order, each
 * reference's row left as ROW_MARK) into numbered `<row>` elements: row k (0-based, in output order)
 * is row `k % rowsPerSheet + 2` of its sheet (row 1 is the header), written into the row and every
 * cell reference. ROW_MARK can occur nowhere else in a row (text loses its C0 controls; long text
 * is hex). rowNumberInAllBlocks() is taken in a query over `rowsSql`, which ends in ORDER BY and
 * LIMIT: its rows reach it as one ordered stream, so the numbers follow the order.
 */
export function xlsxRowSql(rowsSql: string, column: string, rowsPerSheetSql: string): string {
  return [
    `SELECT concat('<row r="', n, '">', replaceAll(${column}, ${lit(ROW_MARK)}, n), '</row>') AS ${column}`,
    `FROM (SELECT toString(rowNumberInAllBlocks() % ${rowsPerSheetSql} + 2) AS n, ${column} FROM (\n${rowsSql}\n))`,
  ].join('\n');
}
