import { describe, expect, it } from 'vitest';
import { dateFormatCodes, ISO_DATE_CODES } from './xlsx-date-formats.js';

describe('dateFormatCodes', () => {
  it.each([
    ['de-DE', 'dd.mm.yyyy', 'dd.mm.yyyy hh:mm:ss'],
    ['fr-FR', 'dd\\/mm\\/yyyy', 'dd\\/mm\\/yyyy hh:mm:ss'],
    ['en-GB', 'dd\\/mm\\/yyyy', 'dd\\/mm\\/yyyy hh:mm:ss'],
    ['ja-JP', 'yyyy\\/mm\\/dd', 'yyyy\\/mm\\/dd hh:mm:ss'],
    ['nl-NL', 'dd-mm-yyyy', 'dd-mm-yyyy hh:mm:ss'],
    ['sv-SE', 'yyyy-mm-dd', 'yyyy-mm-dd hh:mm:ss'],
    ['fi-FI', 'dd.mm.yyyy', 'dd.mm.yyyy hh.mm.ss'],
    ['ko-KR', 'yyyy. mm. dd.', 'yyyy. mm. dd. AM/PM hh:mm:ss'],
    ['hi-IN', 'dd\\/mm\\/yyyy', 'dd\\/mm\\/yyyy hh:mm:ss AM/PM'],
    // Arabic: Latin digits in the code, the right-to-left marks Intl puts around "/" left out.
    ['ar-EG', 'dd\\/mm\\/yyyy', 'dd\\/mm\\/yyyy hh:mm:ss AM/PM'],
  ])('%s: %s and %s (from Intl\'s order and literals)', (locale, date, dateTime) => {
    expect(dateFormatCodes(locale)).toEqual({ date, dateTime });
  });

  it('keeps the ISO codes for en-US', () => {
    expect(dateFormatCodes('en-US')).toBe(ISO_DATE_CODES);
    expect(ISO_DATE_CODES).toEqual({ date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm:ss' });
  });

  it('quotes non-ASCII literals', () => {
    // zh-Hant-TW writes the day period (上午/下午) before the hour: AM/PM there, no literal left to quote.
    expect(dateFormatCodes('zh-Hant-TW').dateTime).toBe('yyyy\\/mm\\/dd AM/PMhh:mm:ss');
    // Bulgarian writes " г." (year) after the date, its space a U+202F: quoted with the letter.
    expect(dateFormatCodes('bg-BG').date).toBe('dd.mm.yyyy"\u202fг".');
  });
});
