/**
 * Excel number format codes for dates and date-times in a locale. Pure.
 *
 * A workbook's number format codes are locale-independent: `#,##0.00` shows `1,234.50` to an
 * English reader and `1.234,50` to a German one, because Excel and LibreOffice substitute the
 * reader's own separators. So numbers keep their codes; what a locale changes is the order and
 * punctuation of dates, which the code spells out: de-DE `dd.mm.yyyy hh:mm:ss`, ja-JP
 * `yyyy\/mm\/dd hh:mm:ss`, ko-KR `yyyy. mm. dd. AM/PM hh:mm:ss`.
 *
 * The codes are derived from Intl's formatToParts order and literals for the locale (Gregorian
 * calendar, Latin digits: a spreadsheet date code has no other), the date part and the time part
 * separately, joined by a space. A `/` is escaped (`\/`): unescaped, Excel replaces it with the
 * reader's date separator. Other ASCII literals but space, `.`, `-` and `:` are escaped, and
 * non-ASCII ones quoted, so no literal is read as a code. en-US keeps the ISO codes workbooks
 * always had (`yyyy-mm-dd hh:mm:ss`), as its PDFs keep ISO dates (see locale-format.ts).
 */

export interface DateFormatCodes {
  /** A calendar day: `dd.mm.yyyy`. */
  date: string;
  /** A wall time with seconds: `dd.mm.yyyy hh:mm:ss`. */
  dateTime: string;
}

export const ISO_DATE_CODES: DateFormatCodes = { date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm:ss' };

const CODES: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {
  year: 'yyyy', month: 'mm', day: 'dd', hour: 'hh', minute: 'mm', second: 'ss', dayPeriod: 'AM/PM',
};
const SAMPLE = Date.UTC(2026, 11, 6, 19, 59, 53);
const cache = new Map<string, DateFormatCodes>();

/** The date and date-time codes of `locale` (a tag normalizeLocale accepted). */
export function dateFormatCodes(locale: string): DateFormatCodes {
  if (locale === 'en-US') return ISO_DATE_CODES;
  let codes = cache.get(locale);
  if (!codes) {
    const base = { timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn' } as const;
    const date = codeOf(new Intl.DateTimeFormat(locale, { ...base, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(SAMPLE));
    const time = codeOf(new Intl.DateTimeFormat(locale, { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(SAMPLE));
    cache.set(locale, (codes = { date, dateTime: `${date} ${time}` }));
  }
  return codes;
}

function codeOf(parts: Intl.DateTimeFormatPart[]): string {
  return parts.map((p) => (p.type === 'literal' ? literal(p.value) : CODES[p.type] ?? '')).join('').trim();
}

/** A literal as a format code shows it verbatim. */
function literal(text: string): string {
  let out = '';
  // Bidi marks (ar: U+200F) steer nothing in a spreadsheet cell: left out.
  for (const run of text.replace(/[\u200e\u200f\u061c]/g, '').match(/[\x20-\x7e]|[^\x20-\x7e]+/g) ?? []) {
    if (/^[ .\-:]$/.test(run)) out += run;
    else if (/^[\x21-\x7e]$/.test(run)) out += `\\${run}`;
    else out += `"${run.replace(/"/g, '')}"`;
  }
  return out;
}
