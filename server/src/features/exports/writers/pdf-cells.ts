/**
 * How the PDF writes each value for people: cells, chart axis labels, counts and the generated-at
 * time, in the run's zone and locale. Pure (pdf-writer.ts draws what this returns, through its
 * pdfText).
 *
 * - NUMBER: the locale's separators (`1,234.5`, `1.234,5`, `1 234,5`), up to 2 fraction digits;
 *   a column shares its decimals (setDecimals) so its figures align.
 * - DATETIME: the wall time of the effective zone to the minute, written the locale's way
 *   (locale-format.ts; en-US `2026-12-06 19:59`, de-DE `06.12.2026, 19:59`); a time a fall-back
 *   night shows twice gets its offset (`2026-11-01 01:30 -04:00`, then `… -05:00`).
 * - DATE: a calendar day, written the locale's way but never moved by a zone.
 * - Chart labels spell the month in the locale (`Nov 21`, `21. Nov.`, `11月21日`).
 */
import { formatOffset, localDateTimeText, offsetAt, wallTimeRepeats } from '../../calendar/zone-clock.js';
import { dateTimeMs, isoDate } from './cell-values.js';
import { localeFormat, type LocaleFormat } from './locale-format.js';
import type { ExportColumn } from './writer.js';

export class PdfCellFormatter {
  private readonly fmt: LocaleFormat;
  private readonly columnDecimals = new Map<number, number>();

  constructor(
    private readonly timeZone: string,
    readonly locale: string,
  ) {
    this.fmt = localeFormat(locale);
  }

  integer(n: number): string {
    return this.fmt.number(n);
  }

  /** The wall time of an instant in the zone, to the minute; a repeated wall time gets its offset. */
  dateTime(d: Date | number): string {
    const ms = typeof d === 'number' ? d : d.getTime();
    const wall = this.fmt.dateTime(ms, this.timeZone);
    return wallTimeRepeats(ms, this.timeZone) ? `${wall} ${formatOffset(offsetAt(this.timeZone, ms))}` : wall;
  }

  /** Numbers of column `index` show at least `decimals` (≤ 2) fraction digits. */
  setDecimals(index: number, decimals: number): void {
    const min = Math.min(2, decimals);
    if (min > 0) this.columnDecimals.set(index, min);
  }

  /** A cell's text ('' for null); strings come back as they are. */
  cell(column: ExportColumn, index: number, v: unknown): string {
    if (v === null || v === undefined) return '';
    switch (column.kind) {
      case 'NUMBER':
        return this.number(v, this.columnDecimals.get(index) ?? 0);
      case 'DATE': {
        // A calendar day: never converted to a zone (a Date object gives its UTC day).
        const day = isoDate(typeof v === 'string' ? v.slice(0, 10) : v);
        return day ? this.fmt.date(day) : String(v);
      }
      case 'DATETIME':
        return this.zoned(v);
      case 'BOOLEAN':
        return v === true || v === 1 || v === '1' || v === 'true' ? 'Yes' : 'No';
      default:
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }

  /**
   * Chart x labels of the sorted chart keys (a DATE's `YYYY-MM-DD`, a DATETIME's epoch ms): a DATE
   * as its month and day (with the year when the series spans years) straight from its text; a
   * DATETIME as its local time of day in the zone, with the month and day before it unless every
   * point falls on one local day.
   */
  axisLabel(kind: ExportColumn['kind'], key: string | number, all: (string | number)[]): string {
    if (kind === 'DATE') {
      const day = String(key);
      const multiYear = all.length > 0 && String(all[0]).slice(0, 4) !== String(all[all.length - 1]).slice(0, 4);
      return this.fmt.monthDay(day, multiYear);
    }
    const ms = typeof key === 'number' ? key : dateTimeMs(key);
    if (!Number.isFinite(ms)) return String(key);
    const time = this.fmt.time(ms, this.timeZone) + (wallTimeRepeats(ms, this.timeZone) ? ` ${formatOffset(offsetAt(this.timeZone, ms))}` : '');
    const dayOf = (k: string | number) => localDateTimeText(typeof k === 'number' ? k : dateTimeMs(k), this.timeZone).slice(0, 10);
    const sameDay = all.length > 0 && dayOf(all[0]!) === dayOf(all[all.length - 1]!);
    return sameDay ? time : `${this.fmt.monthDay(dayOf(ms))} ${time}`;
  }

  private number(v: unknown, minFraction: number): string {
    if (typeof v === 'number') return Number.isFinite(v) ? this.fmt.number(v, minFraction) : String(v);
    if (typeof v === 'bigint') return this.fmt.number(v, minFraction);
    if (typeof v === 'string') {
      // 64-bit integers arrive quoted from ClickHouse; keep their precision.
      if (/^-?\d+$/.test(v)) return this.fmt.number(BigInt(v), minFraction);
      const n = Number(v);
      return Number.isFinite(n) ? this.fmt.number(n, minFraction) : v;
    }
    return String(v);
  }

  /** A DATETIME value (ClickHouse text, a Date or epoch ms) in the zone; other values as text. */
  private zoned(v: unknown): string {
    const ms = typeof v === 'number' ? v : dateTimeMs(v);
    return Number.isFinite(ms) ? this.dateTime(ms) : String(v);
  }
}
