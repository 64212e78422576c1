import { describe, expect, it } from 'vitest';
import {
  RANGE_CHOICES, applyChoice, choiceOf, defaultRange, describeRange, fromTimeRange, rangeProblem, toTimeRange, toggleTimes, usesWeeks,
} from './time-range';

describe('range choices', () => {
  it('offers whole days, every named period, rolling 24 hours, custom ranges and between dates', () => {
    const labels = RANGE_CHOICES.map((c) => c.label);
    for (const l of ['Last 7 days', 'Last 14 days', 'Last 30 days', 'Last 90 days', 'Today', 'Yesterday', 'This week', 'Previous week',
      'Week to date', 'This month', 'Previous month', 'Month to date', 'This quarter', 'Previous quarter', 'Quarter to date',
      'This year', 'Previous year', 'Year to date', 'Last 24 hours (rolling)', 'Between dates', 'All time']) expect(labels).toContain(l);
  });

  it('sends each list entry as the API range it names, and reads it back as the same entry', () => {
    const cases: [string, unknown][] = [
      ['last-7-DAY', { last: { n: 7, unit: 'DAY' } }],
      ['last-90-DAY', { last: { n: 90, unit: 'DAY' } }],
      ['period-QUARTER_TO_DATE', { period: 'QUARTER_TO_DATE' }],
      ['period-YESTERDAY', { period: 'YESTERDAY' }],
      ['rolling-24-HOUR', { rolling: { n: 24, unit: 'HOUR' } }],
      ['all', undefined],
    ];
    for (const [id, api] of cases) {
      const r = applyChoice(defaultRange(), id, 'UTC');
      expect(toTimeRange(r)).toEqual(api);
      expect(choiceOf(fromTimeRange(api as never, 'UTC'))).toBe(id);
    }
  });

  it('keeps custom counts and units, with the current unit on request', () => {
    const r = { ...applyChoice(defaultRange(), 'custom-last', 'UTC'), n: '3', unit: 'MONTH' as const, includeCurrent: true };
    expect(choiceOf(r)).toBe('custom-last');
    expect(toTimeRange(r)).toEqual({ last: { n: 3, unit: 'MONTH', includeCurrent: true } });
    expect(describeRange(r, 'MONDAY')).toBe('The 3 whole months before the current month, plus the current month up to now.');
    const rolling = { ...applyChoice(r, 'custom-rolling', 'UTC'), n: '36', unit: 'HOUR' as const };
    expect(toTimeRange(rolling)).toEqual({ rolling: { n: 36, unit: 'HOUR' } });
    expect(choiceOf(fromTimeRange({ last: { n: 7, unit: 'DAY', includeCurrent: true } }, 'UTC'))).toBe('custom-last');
  });

  it('stays on the custom entry while its count and unit match a list entry', () => {
    const r = applyChoice(applyChoice(defaultRange(), 'last-7-DAY', 'UTC'), 'custom-last', 'UTC');
    expect(choiceOf(r)).toBe('custom-last');
    expect(toTimeRange(r)).toEqual({ last: { n: 7, unit: 'DAY' } });
    expect(choiceOf(applyChoice(r, 'last-7-DAY', 'UTC'))).toBe('last-7-DAY');
    expect(choiceOf(applyChoice(applyChoice(defaultRange(), 'rolling-24-HOUR', 'UTC'), 'custom-rolling', 'UTC'))).toBe('custom-rolling');
  });

  it('lets the server name a count that is not a whole number, and says so first', () => {
    const r = { ...defaultRange(), n: '2.5' };
    expect(toTimeRange(r)).toEqual({ last: { n: 0, unit: 'DAY' } });
    expect(rangeProblem(r)).toMatch(/whole number/);
  });
});

describe('between dates', () => {
  it('starts on the last 7 whole days of the report zone, not of UTC', () => {
    // 2026-12-08T05:00Z is still Dec 7 in Los Angeles.
    const r = applyChoice(defaultRange(), 'between', 'America/Los_Angeles', new Date('2026-12-08T05:00:00Z'));
    expect(r).toMatchObject({ kind: 'between', from: '2026-11-30', to: '2026-12-06' });
  });

  it('sends an inclusive last day as an exclusive end, plain dates read in the report zone', () => {
    const r = { ...defaultRange(), kind: 'between' as const, from: '2026-12-01', to: '2026-12-01' };
    expect(toTimeRange(r)).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(toTimeRange({ ...r, to: '2026-12-31' })).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(fromTimeRange({ from: '2026-12-01', to: '2026-12-02' }, 'America/Los_Angeles')).toMatchObject({ from: '2026-12-01', to: '2026-12-01', withTimes: false });
  });

  it('shows saved instants as wall times of the report zone', () => {
    expect(fromTimeRange({ from: '2026-12-01T08:00:00.000Z', to: '2026-12-02T08:00:00.000Z' }, 'America/Los_Angeles'))
      .toMatchObject({ withTimes: false, from: '2026-12-01', to: '2026-12-01' });
    expect(fromTimeRange({ from: '2026-12-01T17:30:00.000Z', to: '2026-12-02T08:00:00.000Z' }, 'America/Los_Angeles'))
      .toMatchObject({ withTimes: true, from: '2026-12-01T09:30', to: '2026-12-02T00:00' });
    expect(fromTimeRange({ from: '2026-12-01T09:30:00.000', to: '2026-12-01T18:00:00.000' }, 'Asia/Tokyo'))
      .toMatchObject({ withTimes: true, from: '2026-12-01T09:30', to: '2026-12-01T18:00' });
  });

  it('switches between whole days and times without moving the window', () => {
    const days = { ...defaultRange(), kind: 'between' as const, from: '2026-12-01', to: '2026-12-07' };
    const times = toggleTimes(days, true);
    expect(times).toMatchObject({ from: '2026-12-01T00:00', to: '2026-12-08T00:00' });
    expect(toTimeRange(times)).toEqual({ from: '2026-12-01T00:00', to: '2026-12-08T00:00' });
    expect(toggleTimes(times, false)).toMatchObject({ from: '2026-12-01', to: '2026-12-07' });
  });

  it('names an end before the start', () => {
    expect(rangeProblem({ ...defaultRange(), kind: 'between', from: '2026-12-02', to: '2026-12-01' })).toMatch(/before/);
    expect(rangeProblem({ ...defaultRange(), kind: 'between', from: '2026-12-01', to: '2026-12-01' })).toBeNull();
    expect(rangeProblem({ ...defaultRange(), kind: 'between', withTimes: true, from: '2026-12-01T09:00', to: '2026-12-01T09:00' })).toMatch(/after/);
  });
});

describe('weeks', () => {
  it('matter for WEEK buckets and week-counted ranges only', () => {
    expect(usesWeeks(defaultRange(), ['DAY'])).toBe(false);
    expect(usesWeeks(defaultRange(), ['WEEK'])).toBe(true);
    expect(usesWeeks({ ...defaultRange(), kind: 'period', period: 'WEEK_TO_DATE' }, [])).toBe(true);
    expect(usesWeeks({ ...defaultRange(), kind: 'last', unit: 'WEEK' }, [])).toBe(true);
    expect(usesWeeks({ ...defaultRange(), kind: 'rolling', unit: 'WEEK' }, [])).toBe(false);
    expect(describeRange({ ...defaultRange(), kind: 'period', period: 'PREVIOUS_WEEK' }, 'SUNDAY')).toBe('The whole week (from Sunday) before the current one.');
  });
});
