import { describe, expect, it } from 'vitest';
import { fixedBoundInstant, longestDays, resolveRange, unitStart, type CalendarRules, type PeriodName, type RangeSpec } from './periods.js';
import { offsetDateTimeText } from './zone-clock.js';

/**
 * Golden table: [zone, as-of as a wall time in that zone (or an instant with Z), range, expected
 * from, expected to], the expected bounds as wall times with their offsets, so a wrong day, a
 * wrong offset or a partial bucket all show.
 */
type Case = [zone: string, asOf: string, range: RangeSpec, from: string, to: string, weekStart?: CalendarRules['weekStart']];
type Unit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
const last = (n: number, unit: Unit, includeCurrent = false): Extract<RangeSpec, { kind: 'last' }> => ({ kind: 'last', n, unit, includeCurrent });
const rolling = (n: number, unit: Unit): Extract<RangeSpec, { kind: 'rolling' }> => ({ kind: 'rolling', n, unit });
const period = (p: PeriodName): Extract<RangeSpec, { kind: 'period' }> => ({ kind: 'period', period: p });

const NY = 'America/New_York';
const LONDON = 'Europe/London';
const LORD_HOWE = 'Australia/Lord_Howe';
const KATHMANDU = 'Asia/Kathmandu';
const TOKYO = 'Asia/Tokyo';

const GOLDEN: Case[] = [
  // New York: the weekly email (Monday 09:00) covers Monday to Sunday of the week before, whole days.
  [NY, '2026-12-07T09:00', last(7, 'DAY'), '2026-11-30T00:00:00.000-05:00', '2026-12-07T00:00:00.000-05:00'],
  [NY, '2026-12-07T09:00', period('PREVIOUS_WEEK'), '2026-11-30T00:00:00.000-05:00', '2026-12-07T00:00:00.000-05:00'],
  [NY, '2026-12-07T09:00', last(1, 'WEEK'), '2026-11-30T00:00:00.000-05:00', '2026-12-07T00:00:00.000-05:00'],
  // ... across spring forward (a 23-hour Sunday) and fall back (a 25-hour Sunday).
  // docs/api.md's worked example: three Monday runs around the 2026 fall-back and the 2027 spring-forward.
  [NY, '2026-10-26T09:00', last(7, 'DAY'), '2026-10-19T00:00:00.000-04:00', '2026-10-26T00:00:00.000-04:00'],
  [NY, '2027-03-15T09:00', last(7, 'DAY'), '2027-03-08T00:00:00.000-05:00', '2027-03-15T00:00:00.000-04:00'],
  [NY, '2026-03-09T09:00', last(7, 'DAY'), '2026-03-02T00:00:00.000-05:00', '2026-03-09T00:00:00.000-04:00'],
  [NY, '2026-11-02T09:00', last(7, 'DAY'), '2026-10-26T00:00:00.000-04:00', '2026-11-02T00:00:00.000-05:00'],
  [NY, '2026-03-08T12:00', period('TODAY'), '2026-03-08T00:00:00.000-05:00', '2026-03-09T00:00:00.000-04:00'],
  [NY, '2026-11-01T12:00', period('TODAY'), '2026-11-01T00:00:00.000-04:00', '2026-11-02T00:00:00.000-05:00'],
  [NY, '2026-11-02T00:30', period('YESTERDAY'), '2026-11-01T00:00:00.000-04:00', '2026-11-02T00:00:00.000-05:00'],
  // Hours are real hours: 01:30 EST is in the second 01:00 hour of the fall-back day.
  [NY, '2026-11-01T06:30:00Z', last(2, 'HOUR'), '2026-11-01T00:00:00.000-04:00', '2026-11-01T01:00:00.000-05:00'],
  [NY, '2026-11-01T06:30:00Z', last(1, 'HOUR', true), '2026-11-01T01:00:00.000-04:00', '2026-11-01T01:30:00.000-05:00'],
  [NY, '2026-03-08T03:30', last(1, 'HOUR'), '2026-03-08T01:00:00.000-05:00', '2026-03-08T03:00:00.000-04:00'],
  [NY, '2026-11-01T12:00', rolling(24, 'HOUR'), '2026-10-31T13:00:00.000-04:00', '2026-11-01T12:00:00.000-05:00'],
  [NY, '2026-11-01T12:00', rolling(1, 'DAY'), '2026-10-31T13:00:00.000-04:00', '2026-11-01T12:00:00.000-05:00'],
  [NY, '2026-03-31T10:00', rolling(1, 'MONTH'), '2026-02-28T10:00:00.000-05:00', '2026-03-31T10:00:00.000-04:00'],
  // First and last minute of a month.
  [NY, '2026-03-01T00:00', period('MONTH_TO_DATE'), '2026-03-01T00:00:00.000-05:00', '2026-03-01T00:00:00.000-05:00'],
  [NY, '2026-03-01T00:00', period('PREVIOUS_MONTH'), '2026-02-01T00:00:00.000-05:00', '2026-03-01T00:00:00.000-05:00'],
  [NY, '2026-03-31T23:59', period('THIS_MONTH'), '2026-03-01T00:00:00.000-05:00', '2026-04-01T00:00:00.000-04:00'],
  [NY, '2026-03-31T23:59', period('MONTH_TO_DATE'), '2026-03-01T00:00:00.000-05:00', '2026-03-31T23:59:00.000-04:00'],
  [NY, '2026-03-31T23:59', last(1, 'MONTH'), '2026-02-01T00:00:00.000-05:00', '2026-03-01T00:00:00.000-05:00'],

  // London: spring forward on Sunday 2026-03-29, fall back on Sunday 2026-10-25.
  [LONDON, '2026-03-30T09:00', last(1, 'WEEK'), '2026-03-23T00:00:00.000+00:00', '2026-03-30T00:00:00.000+01:00'],
  [LONDON, '2026-10-26T00:30', period('YESTERDAY'), '2026-10-25T00:00:00.000+01:00', '2026-10-26T00:00:00.000+00:00'],
  [LONDON, '2026-10-26T00:30', period('PREVIOUS_QUARTER'), '2026-07-01T00:00:00.000+01:00', '2026-10-01T00:00:00.000+01:00'],
  [LONDON, '2026-10-01T00:00', period('QUARTER_TO_DATE'), '2026-10-01T00:00:00.000+01:00', '2026-10-01T00:00:00.000+01:00'],

  // Lord Howe: a 30-minute shift (+11:00 → +10:30 on 2026-04-05, back on 2026-10-04).
  [LORD_HOWE, '2026-04-05T12:00', period('TODAY'), '2026-04-05T00:00:00.000+11:00', '2026-04-06T00:00:00.000+10:30'],
  [LORD_HOWE, '2026-10-04T12:00', period('TODAY'), '2026-10-04T00:00:00.000+10:30', '2026-10-05T00:00:00.000+11:00'],
  [LORD_HOWE, '2026-04-06T08:00', last(2, 'DAY'), '2026-04-04T00:00:00.000+11:00', '2026-04-06T00:00:00.000+10:30'],
  // Hours are real: the hour before 03:00 +11:00 began at 01:30 +10:30 (02:00-02:30 never happened).
  [LORD_HOWE, '2026-10-04T03:15', last(1, 'HOUR'), '2026-10-04T01:30:00.000+10:30', '2026-10-04T03:00:00.000+11:00'],

  // Kathmandu, +05:45: hours start at xx:15 UTC.
  [KATHMANDU, '2026-12-07T09:20', last(3, 'HOUR'), '2026-12-07T06:00:00.000+05:45', '2026-12-07T09:00:00.000+05:45'],
  [KATHMANDU, '2026-12-07T09:20', period('THIS_QUARTER'), '2026-10-01T00:00:00.000+05:45', '2027-01-01T00:00:00.000+05:45'],
  [KATHMANDU, '2026-12-07T09:20', last(7, 'DAY'), '2026-11-30T00:00:00.000+05:45', '2026-12-07T00:00:00.000+05:45'],

  // Tokyo: the issue's example instant is Monday 04:59 in Tokyo.
  [TOKYO, '2026-12-06T19:59:53.912Z', last(7, 'DAY'), '2026-11-30T00:00:00.000+09:00', '2026-12-07T00:00:00.000+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', period('THIS_WEEK'), '2026-12-07T00:00:00.000+09:00', '2026-12-14T00:00:00.000+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', period('THIS_WEEK'), '2026-12-06T00:00:00.000+09:00', '2026-12-13T00:00:00.000+09:00', 'SUNDAY'],
  [TOKYO, '2026-12-06T19:59:53.912Z', period('WEEK_TO_DATE'), '2026-12-06T00:00:00.000+09:00', '2026-12-07T04:59:53.912+09:00', 'SUNDAY'],
  [TOKYO, '2026-12-06T19:59:53.912Z', period('YEAR_TO_DATE'), '2026-01-01T00:00:00.000+09:00', '2026-12-07T04:59:53.912+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', period('PREVIOUS_YEAR'), '2025-01-01T00:00:00.000+09:00', '2026-01-01T00:00:00.000+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', last(2, 'QUARTER', true), '2026-04-01T00:00:00.000+09:00', '2026-12-07T04:59:53.912+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', last(1, 'YEAR'), '2025-01-01T00:00:00.000+09:00', '2026-01-01T00:00:00.000+09:00'],
  [TOKYO, '2026-12-06T19:59:53.912Z', rolling(1, 'QUARTER'), '2026-09-07T04:59:53.912+09:00', '2026-12-07T04:59:53.912+09:00'],

  // UTC: the first and the last minute of a year.
  ['UTC', '2027-01-01T00:00', period('PREVIOUS_YEAR'), '2026-01-01T00:00:00.000+00:00', '2027-01-01T00:00:00.000+00:00'],
  ['UTC', '2027-01-01T00:00', period('YEAR_TO_DATE'), '2027-01-01T00:00:00.000+00:00', '2027-01-01T00:00:00.000+00:00'],
  ['UTC', '2026-12-31T23:59', period('THIS_YEAR'), '2026-01-01T00:00:00.000+00:00', '2027-01-01T00:00:00.000+00:00'],
  ['UTC', '2026-12-31T23:59', last(1, 'MONTH'), '2026-11-01T00:00:00.000+00:00', '2026-12-01T00:00:00.000+00:00'],
  ['UTC', '2026-12-31T23:59', last(1, 'DAY', true), '2026-12-30T00:00:00.000+00:00', '2026-12-31T23:59:00.000+00:00'],
  ['UTC', '2024-03-31T10:15', rolling(1, 'MONTH'), '2024-02-29T10:15:00.000+00:00', '2024-03-31T10:15:00.000+00:00'],
  ['UTC', '2024-03-10T12:00', rolling(2, 'WEEK'), '2024-02-25T12:00:00.000+00:00', '2024-03-10T12:00:00.000+00:00'],

  // Fixed dates are midnights in the zone; wall times in a gap are shifted forward.
  ['America/Los_Angeles', '2026-12-06T12:00', { kind: 'fixed', from: '2026-12-01', to: '2026-12-02' }, '2026-12-01T00:00:00.000-08:00', '2026-12-02T00:00:00.000-08:00'],
  [NY, '2026-12-06T12:00', { kind: 'fixed', from: '2026-03-08T02:30:00.000', to: '2026-03-08T12:00:00Z' }, '2026-03-08T03:30:00.000-04:00', '2026-03-08T08:00:00.000-04:00'],
];

describe('resolveRange golden table', () => {
  it.each(GOLDEN.map((c) => [`${c[0]} ${c[1]} ${JSON.stringify(c[2])}${c[5] ? ` ${c[5]}` : ''}`, c] as const))('%s', (_, [zone, asOfText, range, from, to, weekStart]) => {
    const asOf = fixedBoundInstant(asOfText, zone)!;
    const window = resolveRange(range, asOf, { timeZone: zone, weekStart: weekStart ?? 'MONDAY' });
    expect([offsetDateTimeText(window.from, zone), offsetDateTimeText(window.to, zone)]).toEqual([from, to]);
  });
});

describe('calendar units', () => {
  const UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
  const ZONES = ['UTC', NY, LONDON, LORD_HOWE, KATHMANDU, TOKYO];
  it('every unit start is at or before the as-of instant, and the next unit starts after it', () => {
    for (const timeZone of ZONES) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
        for (const unit of UNITS) {
          const rules = { timeZone, weekStart: 'MONDAY' as const };
          const start = unitStart(t, unit, rules);
          expect(start, `${timeZone} ${unit} ${new Date(t).toISOString()}`).toBeLessThanOrEqual(t);
          expect(unitStart(t, unit, rules, 1)).toBeGreaterThan(t);
          // The start is the start of its own unit (idempotent).
          expect(unitStart(start, unit, rules)).toBe(start);
        }
      }
    }
  });
  it('last n DAY always covers exactly n local days, whatever DST does', () => {
    for (const timeZone of ZONES) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000 + 3_600_000) {
        const w = resolveRange(last(7, 'DAY'), t, { timeZone, weekStart: 'MONDAY' });
        const hours = (w.to - w.from) / 3_600_000;
        expect([167, 167.5, 168, 168.5, 169]).toContain(hours);
        expect(offsetDateTimeText(w.from, timeZone).slice(11, 16)).toBe('00:00');
        expect(offsetDateTimeText(w.to, timeZone).slice(11, 16)).toBe('00:00');
      }
    }
  });
  it('longestDays bounds every form by its worst case', () => {
    expect(longestDays(last(366, 'DAY'))).toBe(366);
    expect(longestDays(last(365, 'DAY', true))).toBe(366);
    expect(longestDays(last(12, 'MONTH'))).toBe(366);
    expect(longestDays(last(4, 'QUARTER'))).toBe(366);
    expect(longestDays(last(1, 'YEAR', true))).toBe(731);
    expect(longestDays(rolling(24, 'HOUR'))).toBe(1);
    expect(longestDays(period('PREVIOUS_YEAR'))).toBe(366);
    expect(longestDays(period('WEEK_TO_DATE'))).toBe(7);
  });
  it('fixed bounds: dates, wall times and instants', () => {
    expect(fixedBoundInstant('2026-12-01', TOKYO)).toBe(Date.UTC(2026, 10, 30, 15));
    expect(fixedBoundInstant('2026-12-01T09:30', 'UTC')).toBe(Date.UTC(2026, 11, 1, 9, 30));
    expect(fixedBoundInstant('2026-12-01T09:30+05:45', 'UTC')).toBe(Date.UTC(2026, 11, 1, 3, 45));
    expect(fixedBoundInstant('2026-11-01T01:30', NY)).toBe(Date.UTC(2026, 10, 1, 5, 30)); // the first 01:30 (EDT)
    expect(fixedBoundInstant('2026-02-30', 'UTC')).toBeNull();
    expect(fixedBoundInstant('yesterday', 'UTC')).toBeNull();
  });
});
