import { describe, expect, it } from 'vitest';
import { localeFormat } from './locale-format.js';

const NNBSP = '\u202f';
/** 2026-12-06 19:59:53 UTC: 20:59 in Berlin, 04:59 on the 7th in Tokyo. */
const AT = Date.UTC(2026, 11, 6, 19, 59, 53);

describe('localeFormat: numbers', () => {
  it('uses the locale decimal and grouping separators', () => {
    expect(localeFormat('de-DE').number(1234.5)).toBe('1.234,5');
    expect(localeFormat('de-DE').number(1234567.25)).toBe('1.234.567,25');
    expect(localeFormat('en-US').number(1234.5)).toBe('1,234.5');
    expect(localeFormat('ja-JP').number(1234.5)).toBe('1,234.5');
    expect(localeFormat('hi-IN').number(1234567)).toBe('12,34,567');
  });

  it('groups fr-FR with U+202F narrow no-break spaces', () => {
    const text = localeFormat('fr-FR').number(1234567.5);
    expect(text).toBe(`1${NNBSP}234${NNBSP}567,5`);
    expect(text).not.toContain(' ');
  });

  it('keeps bigint precision and pads to the minimum fraction digits (capped at 2)', () => {
    expect(localeFormat('de-DE').number(12345678901234567890n)).toBe('12.345.678.901.234.567.890');
    expect(localeFormat('de-DE').number(2, 2)).toBe('2,00');
    expect(localeFormat('en-US').number(2.5, 1)).toBe('2.5');
    expect(localeFormat('en-US').number(2.005, 9)).toBe('2.01');
    expect(localeFormat('en-US').number(1 / 3)).toBe('0.33');
  });

  it('writes Arabic-Indic digits for ar-EG', () => {
    expect(localeFormat('ar-EG').number(1234.5)).toBe('١٬٢٣٤٫٥');
  });

  it('formats percentages for the locale', () => {
    expect(localeFormat('en-US').percent(0.125)).toBe('12.5%');
    expect(localeFormat('de-DE').percent(0.125)).toBe(`12,5${'\u00a0'}%`);
    expect(localeFormat('fr-FR').percent(0.125)).toBe(`12,5${'\u00a0'}%`); // ICU: a no-break space before %, U+202F in groups
    expect(localeFormat('de-DE').percent(0.12345, 2)).toBe(`12,35${'\u00a0'}%`);
  });

  it('formats byte counts in binary units', () => {
    const en = localeFormat('en-US');
    expect([en.bytes(0), en.bytes(1023), en.bytes(1536), en.bytes(1024 * 1024 * 1023.95), en.bytes(5 * 1024 ** 4)]).toEqual(['0 B', '1023 B', '1.5 KB', '1024.0 MB', '5.0 TB']);
    expect(localeFormat('de-DE').bytes(1536)).toBe('1,5 KB');
    expect(localeFormat('de-DE').bytes(Number.NaN)).toBe('0 B');
  });
});

describe('localeFormat: dates and times', () => {
  it('writes calendar days in the locale order, never shifting them', () => {
    expect(localeFormat('de-DE').date('2026-12-06')).toBe('06.12.2026');
    expect(localeFormat('fr-FR').date('2026-12-06')).toBe('06/12/2026');
    expect(localeFormat('ja-JP').date('2026-12-06')).toBe('2026/12/06');
    expect(localeFormat('en-GB').date('2026-01-02')).toBe('02/01/2026');
    expect(localeFormat('de-DE').date('not a day')).toBe('not a day');
  });

  it('keeps the ISO forms for en-US (unchanged output of every file before locales)', () => {
    const en = localeFormat('en-US');
    expect(en.date('2026-12-06')).toBe('2026-12-06');
    expect(en.dateTime(AT, 'Europe/Berlin')).toBe('2026-12-06 20:59');
    expect(en.time(AT, 'Asia/Tokyo')).toBe('04:59');
    expect(en.monthDay('2026-11-21')).toBe('Nov 21');
    expect(en.monthDay('2026-11-21', true)).toBe('Nov 21, 2026');
  });

  it('shows an instant as the wall time of the zone, in the locale', () => {
    expect(localeFormat('de-DE').dateTime(AT, 'Europe/Berlin')).toBe('06.12.2026, 20:59');
    expect(localeFormat('de-DE').dateTime(AT, 'Asia/Tokyo')).toBe('07.12.2026, 04:59');
    expect(localeFormat('ja-JP').dateTime(AT, 'Asia/Tokyo')).toBe('2026/12/07 04:59');
    expect(localeFormat('fr-FR').dateTime(AT, 'UTC')).toBe('06/12/2026 19:59');
    expect(localeFormat('de-DE').time(AT, 'America/New_York')).toBe('14:59');
  });

  it('follows the zone across a DST change, not the locale', () => {
    // 2026-03-29 01:30 UTC is 03:30 CEST (after the spring-forward gap) in Berlin.
    expect(localeFormat('de-DE').dateTime(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin')).toBe('29.03.2026, 03:30');
    expect(localeFormat('de-DE').dateTime(Date.UTC(2026, 2, 29, 0, 30), 'Europe/Berlin')).toBe('29.03.2026, 01:30');
  });

  it('spells month names of the locale', () => {
    expect(localeFormat('de-DE').monthDay('2026-12-06')).toBe('6. Dez.');
    expect(localeFormat('fr-FR').monthDay('2026-12-06')).toBe('6 déc.');
    expect(localeFormat('ja-JP').monthDay('2026-12-06')).toBe('12月6日');
    expect(localeFormat('ja-JP').monthDay('2026-12-06', true)).toBe('2026年12月6日');
    expect(localeFormat('de-DE').longDate(AT, 'Europe/Berlin')).toBe('6. Dezember 2026');
    expect(localeFormat('ja-JP').longDate(AT, 'Asia/Tokyo')).toBe('2026年12月7日');
    expect(localeFormat('en-US').longDate(AT, 'UTC')).toBe('December 6, 2026');
  });

  it('uses the hour cycle of the locale outside en-US', () => {
    expect(localeFormat('hi-IN').time(AT, 'UTC')).toBe('07:59 pm');
    expect(localeFormat('ko-KR').date('2026-12-06')).toBe('2026. 12. 06.');
  });

  it('makes each locale once', () => {
    expect(localeFormat('de-DE')).toBe(localeFormat('de-DE'));
    expect(localeFormat('de-DE').locale).toBe('de-DE');
  });
});
