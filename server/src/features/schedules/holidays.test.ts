import { describe, expect, it } from 'vitest';
import { runsBetween, ScheduleInputError } from './planner.js';
import { publicHolidayOn, skipReason, validateHolidayCalendar } from './holidays.js';

const NY = 'America/New_York';
const US = { businessDaysOnly: true, holidayCountry: 'US', holidayRegion: null };
const d = (iso: string) => new Date(iso);

describe('holiday calendars (date-holidays)', () => {
  it('Thanksgiving (US) and Christmas are skipped with their names; the days around them run', () => {
    // Thursday 26 November 2026, 09:00 New York.
    expect(skipReason(d('2026-11-26T14:00:00Z'), NY, US)).toBe('Thanksgiving Day (US)');
    expect(skipReason(d('2026-12-25T14:00:00Z'), NY, US)).toBe('Christmas Day (US)');
    expect(skipReason(d('2026-11-25T14:00:00Z'), NY, US)).toBeNull();
    expect(skipReason(d('2026-11-27T14:00:00Z'), NY, US)).toBeNull(); // Black Friday is no public holiday
    expect(skipReason(d('2026-12-24T14:00:00Z'), NY, US)).toBeNull();
    expect(skipReason(d('2026-11-28T14:00:00Z'), NY, US)).toBe('Weekend');
  });

  it('the local date decides: Christmas 00:30 in Tokyo is still 24 December in New York', () => {
    expect(skipReason(d('2026-12-24T15:30:00Z'), 'Asia/Tokyo', { ...US, holidayCountry: 'JP' })).toBeNull(); // 25 Dec is no holiday in Japan
    expect(skipReason(d('2026-12-25T04:30:00Z'), NY, US)).toBeNull(); // 23:30 on the 24th in New York
    expect(skipReason(d('2026-12-25T05:30:00Z'), NY, US)).toBe('Christmas Day (US)'); // 00:30 on the 25th
  });

  it('observed days count (Independence Day on a Saturday is observed on Friday 3 July 2026)', () => {
    expect(skipReason(d('2026-07-03T14:00:00Z'), NY, US)).toBe('Independence Day (substitute day) (US)');
  });

  it('a region adds its own holidays: Epiphany in Bavaria, not in Berlin', () => {
    const at = d('2026-01-06T08:00:00Z'); // Tuesday
    expect(skipReason(at, 'Europe/Berlin', { businessDaysOnly: true, holidayCountry: 'DE', holidayRegion: 'BY' })).toBe('Epiphany (DE-BY)');
    expect(skipReason(at, 'Europe/Berlin', { businessDaysOnly: true, holidayCountry: 'DE', holidayRegion: 'BE' })).toBeNull();
    expect(publicHolidayOn(at, 'Europe/Berlin', { country: 'DE', region: null })).toBeNull();
  });

  it('off unless businessDaysOnly; without a country only weekends', () => {
    expect(skipReason(d('2026-11-26T14:00:00Z'), NY, { ...US, businessDaysOnly: false })).toBeNull();
    expect(skipReason(d('2026-11-26T14:00:00Z'), NY, { businessDaysOnly: true })).toBeNull();
  });

  it('a weekdays 09:00 schedule over November–December 2026 skips exactly Veterans Day, Thanksgiving and Christmas', () => {
    const runs = runsBetween('0 9 * * 1-5', NY, d('2026-11-01T00:00:00Z'), d('2026-12-31T23:59:59Z'), 100);
    expect(runs).toHaveLength(44);
    const skipped = runs.map((r) => skipReason(r, NY, US)).filter(Boolean);
    expect(skipped).toEqual(['Veterans Day (US)', 'Thanksgiving Day (US)', 'Christmas Day (US)']);
  });

  it('validates codes, case-insensitively, with errors at the field', () => {
    expect(validateHolidayCalendar('us', 'ca')).toEqual({ country: 'US', region: 'CA' });
    expect(validateHolidayCalendar(' GB ', null)).toEqual({ country: 'GB', region: null });
    expect(validateHolidayCalendar(null, null)).toBeNull();
    expect(validateHolidayCalendar('', '')).toBeNull();
    for (const [country, region, path] of [['XX', null, 'holidayCountry'], ['USA', null, 'holidayCountry'], ['US', 'ZZ', 'holidayRegion'], [null, 'CA', 'holidayRegion']] as const) {
      const error = (() => { try { validateHolidayCalendar(country, region); } catch (e) { return e; } return null; })();
      expect(error, `${country}/${region}`).toBeInstanceOf(ScheduleInputError);
      expect((error as ScheduleInputError).path).toBe(path);
    }
  });
});
