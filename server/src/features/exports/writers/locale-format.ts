/**
 * How numbers, percentages, dates and times read in a locale, for the files and messages people
 * read (PDF, the XLSX About sheet and date formats, the email). Pure; every Intl formatter is made
 * once per locale and kept (making one costs ~50 µs, formatting with it ~1 µs).
 *
 * - Numbers and percentages: Intl.NumberFormat of the locale (de-DE `1.234,5`, fr-FR `1 234,5`
 *   with U+202F narrow no-break spaces, hi-IN `12,34,567`, ar-EG Arabic-Indic digits).
 * - Instants: turned into the wall time of the run's zone by calendar/zone-clock.ts (the one zone
 *   converter), then formatted by an Intl formatter fixed to UTC, so the locale decides only how
 *   the wall time reads, never which wall time it is.
 * - Calendar days (`2026-12-06`) are formatted as the day they name, never shifted by a zone.
 * - Numeric dates follow the locale's order and separators (`06.12.2026 19:59`, `2026/12/06 19:59`),
 *   except en-US, the default for every report that names no locale: it keeps the ISO 8601 forms
 *   (`2026-12-06 19:59`, 24-hour) these files have always had, which no reader anywhere misreads,
 *   where month-first `12/06/2026` is read as 12 June outside the US. Its month names (`Dec 6`) and
 *   numbers (`1,234.5`) are Intl's like every other locale's.
 * - Month names are spelled where a date is spelled (chart axes, long dates): `6. Dez.`, `12月6日`.
 */
import { floatingAt, localDateTimeText } from '../../calendar/zone-clock.js';

export interface LocaleFormat {
  readonly locale: string;
  /** Whole and fractional numbers with 0..2 fraction digits (at least `minFraction`). Bigints keep their precision. */
  number(n: number | bigint, minFraction?: number): string;
  /** A ratio as a percentage: 0.125 → `12.5%` (en-US), `12,5 %` (de-DE). */
  percent(ratio: number, maxFraction?: number): string;
  /** A byte count in binary units, one decimal from KB up: `1.5 MB`, `1,5 MB`. */
  bytes(n: number): string;
  /** A calendar day `YYYY-MM-DD` as the locale writes it in figures: `06.12.2026`; other text unchanged. */
  date(isoDay: string): string;
  /** An instant as the wall date and time (to the minute) in `timeZone`: `06.12.2026, 19:59`. */
  dateTime(ms: number, timeZone: string): string;
  /** An instant's wall time of day in `timeZone`: `19:59`. */
  time(ms: number, timeZone: string): string;
  /** A calendar day `YYYY-MM-DD` with the month spelled short: `Dec 6`, `6. Dez.`, `12月6日` (with the year: `Dec 6, 2026`). */
  monthDay(isoDay: string, withYear?: boolean): string;
  /** An instant's wall day in `timeZone` with the month spelled in full: `December 6, 2026`, `2026年12月6日`. */
  longDate(ms: number, timeZone: string): string;
}

const ISO_FORMS = new Set(['en-US']);
const cache = new Map<string, LocaleFormat>();

/** The formatters of `locale` (a tag normalizeLocale accepted); made once and kept. */
export function localeFormat(locale: string): LocaleFormat {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = makeFormat(locale)));
  return f;
}

/** Epoch ms of midnight UTC of a `YYYY-MM-DD` day, or NaN. */
function dayMs(isoDay: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay.slice(0, 10));
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : Number.NaN;
}

function makeFormat(locale: string): LocaleFormat {
  const iso = ISO_FORMS.has(locale);
  const numbers: Intl.NumberFormat[] = [0, 1, 2].map((min) => new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: 2 }));
  const percents = new Map<number, Intl.NumberFormat>();
  const bytes = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  const wholeBytes = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: false });
  // All fixed to UTC: they are given wall times (floating ms), never instants.
  const utc = { timeZone: 'UTC' } as const;
  const numericDate = new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: '2-digit', day: '2-digit' });
  const numericDateTime = new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const timeOfDay = new Intl.DateTimeFormat(locale, iso ? { ...utc, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { ...utc, hour: '2-digit', minute: '2-digit' });
  const shortMonthDay = new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric' });
  const shortMonthDayYear = new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: 'short', day: 'numeric' });
  const long = new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'long' });

  return {
    locale,
    number(n, minFraction = 0) {
      return numbers[Math.max(0, Math.min(2, Math.trunc(minFraction)))]!.format(n);
    },
    percent(ratio, maxFraction = 1) {
      let pf = percents.get(maxFraction);
      if (!pf) percents.set(maxFraction, (pf = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: maxFraction })));
      return pf.format(ratio);
    },
    bytes(n) {
      if (!Number.isFinite(n) || n < 1024) return `${wholeBytes.format(Math.max(0, Math.trunc(n || 0)))} B`;
      const units = ['KB', 'MB', 'GB', 'TB'];
      let value = n / 1024;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return `${bytes.format(value)} ${units[unit]}`;
    },
    date(isoDay) {
      const ms = dayMs(isoDay);
      if (ms !== ms) return isoDay;
      return iso ? isoDay.slice(0, 10) : numericDate.format(ms);
    },
    dateTime(ms, timeZone) {
      if (iso) return localDateTimeText(ms, timeZone).slice(0, 16).replace('T', ' ');
      return numericDateTime.format(floatingAt(ms, timeZone));
    },
    time(ms, timeZone) {
      return timeOfDay.format(floatingAt(ms, timeZone));
    },
    monthDay(isoDay, withYear = false) {
      const ms = dayMs(isoDay);
      if (ms !== ms) return isoDay;
      return (withYear ? shortMonthDayYear : shortMonthDay).format(ms);
    },
    longDate(ms, timeZone) {
      return long.format(floatingAt(ms, timeZone));
    },
  };
}
