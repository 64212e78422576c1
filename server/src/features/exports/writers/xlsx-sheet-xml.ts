/**
 * The data sheet's rows as SpreadsheetML text, written straight into the sheet's zip entry: no
 * cell objects, no per-cell XML builder. This is what makes a 1M-row XLSX export cost a few times
 * a CSV export instead of ~17× (measured by `pnpm bench`). Pure: rows in, XML text out.
 *
 * The cells are the ones the exceljs per-cell writer made (xlsx-cells.ts fillCell, which the
 * chart's pivot block still uses), checked cell by cell against its files (xlsx-parity.test.ts):
 * - NUMBER → `<c r="B2" s="…"><v>42</v></c>` with the column's number style (`#,##0`, or
 *   `#,##0.00` for a fractional value in an integer column, or the column's `#,##0.00`);
 * - DATETIME → the serial of the wall time in the run's zone, with the locale's date-time style;
 *   DATE → the serial of its calendar day, with the date style;
 * - BOOLEAN → `t="b"` 1/0;
 * - everything else (STRING, and values of an unexpected shape) → a string cell `t="str"` (what
 *   exceljs writes without a shared-strings table: a typed string, never a formula, so
 *   `=HYPERLINK(…)` stays text), cut to Excel's 32,767-character limit;
 * - null → no cell (an empty cell).
 * Text is XML-escaped, and the characters XML 1.0 cannot hold (C0 controls other than tab, LF and
 * CR; DEL, which exceljs also drops; U+FFFE and U+FFFF) are removed.
 */
import { floatingAt } from '../../calendar/zone-clock.js';
import { dateTimeMs, parseDate, toBoolean, toNumber } from './cell-values.js';
import { TextDecoder } from 'node:util';
import { columnLetters, INTEGER, text, type ColumnPlan } from './xlsx-cells.js';

/** Excel's serial of 1970-01-01 (the 1900 date system). */
const UNIX_EPOCH_SERIAL = 25569;
const MS_PER_DAY = 86_400_000;

/** Characters that need escaping or removal in XML text. */
const XML_SPECIAL = /[<>&'"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

/** XML text for a cell's value: escaped, with the characters XML cannot hold removed. */
export function xmlText(value: string): string {
  const first = value.search(XML_SPECIAL);
  if (first < 0) return value;
  let out = value.slice(0, first);
  let from = first;
  for (let i = first; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let replacement: string;
    switch (code) {
      case 34: replacement = '&quot;'; break;
      case 38: replacement = '&amp;'; break;
      case 39: replacement = '&apos;'; break;
      case 60: replacement = '&lt;'; break;
      case 62: replacement = '&gt;'; break;
      default:
        if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127 || code === 0xfffe || code === 0xffff) {
          replacement = '';
          break;
        }
        continue;
    }
    out += value.slice(from, i) + replacement;
    from = i + 1;
  }
  return out + value.slice(from);
}

/** The style ids (cellXfs indices in styles.xml) the data cells use. */
export interface SheetStyleIds {
  integer: number;
  decimal: number;
  date: number;
  dateTime: number;
  /** Strings and booleans (0: the default style, written as no `s` attribute). */
  plain: number;
}

/** ` s="3"`, or nothing for the default style 0. */
function styleAttribute(id: number): string {
  return id ? ` s="${id}"` : '';
}

/** Turns rows into `<row>` elements for one column layout, zone and set of styles. */
export class SheetRowsXml {
  /** Per column: its letters, kind and the number style attribute of its whole numbers. */
  private readonly letters: string[];
  private readonly kinds: ColumnPlan['kind'][];
  private readonly wholeStyle: string[];
  private readonly fractionStyle: string;
  private readonly dateStyle: string;
  private readonly dateTimeStyle: string;
  private readonly plainStyle: string;
  /** The last DATE text seen and its serial (a day column repeats the same day for many rows). */
  private lastDay: unknown = undefined;
  private lastDaySerial = 0;

  constructor(plans: ColumnPlan[], styles: SheetStyleIds, private readonly timeZone: string) {
    this.letters = plans.map((_, i) => columnLetters(i + 1));
    this.kinds = plans.map((p) => p.kind);
    this.wholeStyle = plans.map((p) => styleAttribute(p.numberStyle === INTEGER ? styles.integer : styles.decimal));
    this.fractionStyle = styleAttribute(styles.decimal);
    this.dateStyle = styleAttribute(styles.date);
    this.dateTimeStyle = styleAttribute(styles.dateTime);
    this.plainStyle = styleAttribute(styles.plain);
  }

  /** Where the XML is built: reused (grown when a row would not fit), so no string is built per cell. */
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  /**
   * `<row>` elements for `rows[from..to)`, the first numbered `rowNumber`, as UTF-8. The bytes are
   * a view of a reused buffer: valid until the next call (the sheet's stream copies them at once).
   */
  rows(rows: unknown[][], from: number, to: number, rowNumber: number): Buffer {
    this.at = 0;
    for (let r = from; r < to; r++, rowNumber++) this.row(rows[r]!, rowNumber);
    return this.buffer.subarray(0, this.at);
  }

  /** Appends a row's markup as UTF-8, growing the buffer as needed (one write per row: fewer, larger writes are faster). */
  private append(xml: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.at + xml.length * 3 > this.buffer.length) this.grow(xml.length * 3);
    this.at += this.buffer.write(xml, this.at, 'utf8');
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + needed + 1024));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }

  private row(values: unknown[], rowNumber: number): void {
    const n = String(rowNumber);
    let xml = `<row r="${n}">`;
    const kinds = this.kinds;
    for (let i = 0; i < kinds.length; i++) {
      const value = values[i];
      if (value == null) continue; // an absent cell is an empty cell
      switch (kinds[i]) {
        case 'NUMBER': {
          const number = toNumber(value);
          if (number !== null && Number.isFinite(number)) {
            xml += `<c r="${this.letters[i]}${n}"${Number.isInteger(number) ? this.wholeStyle[i] : this.fractionStyle}><v>${number}</v></c>`;
            continue;
          }
          break; // NaN/Infinity have no cell representation: show their name
        }
        case 'DATETIME': {
          const ms = dateTimeMs(value);
          if (ms === ms) {
            xml += `<c r="${this.letters[i]}${n}"${this.dateTimeStyle}><v>${UNIX_EPOCH_SERIAL + floatingAt(ms, this.timeZone) / MS_PER_DAY}</v></c>`;
            continue;
          }
          break;
        }
        case 'DATE': {
          if (value !== this.lastDay || typeof value !== 'string') {
            const day = parseDate(value);
            if (!day) break;
            this.lastDay = value;
            this.lastDaySerial = UNIX_EPOCH_SERIAL + day.getTime() / MS_PER_DAY;
          }
          xml += `<c r="${this.letters[i]}${n}"${this.dateStyle}><v>${this.lastDaySerial}</v></c>`;
          continue;
        }
        case 'BOOLEAN': {
          const b = toBoolean(value);
          if (b !== null) {
            xml += `<c r="${this.letters[i]}${n}"${this.plainStyle} t="b"><v>${b ? 1 : 0}</v></c>`;
            continue;
          }
          break;
        }
        case 'STRING':
          break;
      }
      const cellText = typeof value === 'string' && value.length <= 32_767 ? value : text(value);
      xml += `<c r="${this.letters[i]}${n}"${this.plainStyle} t="str"><v>${XML_SPECIAL.test(cellText) ? xmlText(cellText) : cellText}</v></c>`;
    }
    this.append(`${xml}</row>`);
  }
}

/**
 * Engine-formatted rows (reports/xlsx-sql.ts): the engine writes each row as its whole numbered
 * `<row r="N">…</row>` element, rows one after the other, and text too long for the engine to cut
 * exactly as hex between JS_TEXT_OPEN and JS_TEXT_CLOSE. No other control character can occur in a
 * row (the engine removes them from text, as xmlText does); ROW_MARK is only in the engine's SQL,
 * where it stands for the row number until the engine puts the number in.
 */
export const ROW_MARK = '\u0001';
export const JS_TEXT_OPEN = '\u0002';
export const JS_TEXT_CLOSE = '\u0003';
const JS_TEXT_OPEN_BYTE = 2;
const JS_TEXT_CLOSE_BYTE = 3;
const QUOTE = 0x22;

/** The style attributes of the engine's cells (` s="3"`, or '' for style 0): per column for whole numbers. */
export interface EngineCellStyles {
  whole: string[];
  fraction: string;
  date: string;
  dateTime: string;
  plain: string;
}

/** What the engine's SQL needs from the writer: the cells' style attributes and where the sheets split. */
export interface EngineSheetLayout {
  styles: EngineCellStyles;
  /** Data rows per sheet: the engine numbers rows 2 … rowsPerSheet + 1, then 2 again. */
  rowsPerSheet: number;
}

/** The attributes SheetRowsXml uses for the same plans and style ids, for the engine's SQL. */
export function engineCellStyles(plans: ColumnPlan[], styles: SheetStyleIds): EngineCellStyles {
  return {
    whole: plans.map((p) => styleAttribute(p.numberStyle === INTEGER ? styles.integer : styles.decimal)),
    fraction: styleAttribute(styles.decimal),
    date: styleAttribute(styles.date),
    dateTime: styleAttribute(styles.dateTime),
    plain: styleAttribute(styles.plain),
  };
}

const ROW_OPEN = Buffer.from('<row r="', 'latin1');
const ROW_CLOSE = Buffer.from('</row>', 'latin1');
/** Where a sheet starts: the engine numbers each sheet's first data row 2. */
const SHEET_FIRST_ROW = Buffer.from('<row r="2">', 'latin1');
/** The shortest row the engine can write: `<row r="2"></row>` (every cell NULL). */
const MIN_ROW_BYTES = '<row r="2"></row>'.length;

/** A run of whole rows of one sheet (EngineRowsXml.sheetPart). */
export interface EngineSheetPart {
  /** Their XML: a view of the engine's bytes, or, with long text written out, of a buffer reused by the next call. */
  xml: Buffer;
  /** True when `xml` is a view of the engine's own bytes (the caller may keep it); false for the reused buffer. */
  engineBytes: boolean;
  /** Where the rest of the data starts (its first row begins the next sheet). */
  next: number;
  /** Their first and last row numbers. */
  first: number;
  last: number;
}

/**
 * Cuts the engine's output into whole rows and runs of one sheet. The bytes pass through as the
 * engine wrote them: only rows that hold long text (rare) are copied, to write it out.
 */
export class EngineRowsXml {
  private carry: Buffer | null = null;
  private buffer = Buffer.allocUnsafe(1 << 16);
  private at = 0;
  private decoder: TextDecoder | null = null;

  /**
   * Appends a chunk of engine output; returns its whole rows (views, valid until the next call):
   * the row a previous chunk left unfinished, completed, then the chunk's own whole rows. Any
   * partial last row is kept back. The chunk itself is not copied.
   */
  rows(chunk: Uint8Array): Buffer[] {
    let data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const whole: Buffer[] = [];
    if (this.carry) {
      const close = data.indexOf(ROW_CLOSE);
      if (close < 0) {
        this.carry = Buffer.concat([this.carry, data]);
        return whole;
      }
      whole.push(Buffer.concat([this.carry, data.subarray(0, close + ROW_CLOSE.length)]));
      data = data.subarray(close + ROW_CLOSE.length);
      this.carry = null;
    }
    const close = data.lastIndexOf(ROW_CLOSE);
    const end = close < 0 ? 0 : close + ROW_CLOSE.length;
    if (end > 0) whole.push(data.subarray(0, end));
    if (end < data.length) this.carry = Buffer.from(data.subarray(end));
    return whole;
  }

  /** Bytes of an unfinished last row (none when the engine's output ended with a whole row). */
  get pending(): number {
    return this.carry?.length ?? 0;
  }

  /**
   * The rows of `data` (whole rows) from byte `from` (a row's start) up to the next sheet's first
   * row, when the sheet has room for `rowsLeft` more rows after the one at `from`.
   */
  sheetPart(data: Buffer, from: number, rowsLeft: number): EngineSheetPart {
    // A row is at least MIN_ROW_BYTES long: when the bytes cannot hold more rows than the sheet has
    // room for, no next sheet can start in them and there is nothing to search for.
    const mayReachNextSheet = (data.length - from) / MIN_ROW_BYTES > rowsLeft;
    const nextSheet = mayReachNextSheet ? data.indexOf(SHEET_FIRST_ROW, from + 1) : -1;
    const end = nextSheet < 0 ? data.length : nextSheet;
    const part = data.subarray(from, end);
    const first = rowNumberAt(data, from);
    const last = rowNumberAt(data, data.lastIndexOf(ROW_OPEN, end - 1));
    const plain = part.indexOf(JS_TEXT_OPEN_BYTE) < 0;
    return { xml: plain ? part : this.withLongText(part), engineBytes: plain, next: end, first, last };
  }

  /** A copy of `part` with each hex-encoded text decoded, cut and escaped by the JS writer's rules. */
  private withLongText(part: Buffer): Buffer {
    this.at = 0;
    let pos = 0;
    for (let open = part.indexOf(JS_TEXT_OPEN_BYTE); open >= 0; open = part.indexOf(JS_TEXT_OPEN_BYTE, pos)) {
      const close = part.indexOf(JS_TEXT_CLOSE_BYTE, open);
      this.append(part.subarray(pos, open));
      this.appendLongText(part.subarray(open + 1, close));
      pos = close + 1;
    }
    this.append(part.subarray(pos));
    return this.buffer.subarray(0, this.at);
  }

  private append(bytes: Buffer): void {
    this.ensure(bytes.length);
    this.at += bytes.copy(this.buffer, this.at);
  }

  /** Text the engine left to JS (hex of its UTF-8 bytes): decoded as the JS path decodes the engine's output, then cut and escaped by the JS writer's rules. */
  private appendLongText(hex: Buffer): void {
    // ignoreBOM: a U+FEFF that starts the text is data.
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
    const value = this.decoder.decode(Buffer.from(hex.toString('latin1'), 'hex'));
    const cellText = value.length <= 32_767 ? value : text(value);
    const xml = XML_SPECIAL.test(cellText) ? xmlText(cellText) : cellText;
    this.ensure(xml.length * 3);
    this.at += this.buffer.write(xml, this.at, 'utf8');
  }

  private ensure(extra: number): void {
    if (this.at + extra <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + extra + 1024));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
}

/** The number of the `<row r="N">` that starts at `at`. */
function rowNumberAt(data: Buffer, at: number): number {
  let n = 0;
  let i = at + ROW_OPEN.length;
  for (; i < data.length && data[i] !== QUOTE; i++) n = n * 10 + data[i]! - 48;
  if (at < 0 || i === data.length) throw new Error('XLSX engine output: a row without its number');
  return n;
}
