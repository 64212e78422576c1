import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../reports/validate-definition.js';
import { resolveTimeWindow } from '../reports/compile-query.js';
import { describeParameters, describeRange } from './parameters.js';
import { formatInZone } from './writers/zoned-time.js';

const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
function describeAt(definition: unknown, asOf: string, timeZone: string, locale?: string) {
  const checked = validateDefinition(definition, LIMITS);
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors));
  const window = resolveTimeWindow(checked.definition, new Date(asOf), timeZone);
  return describeParameters(checked.definition, window, timeZone, locale);
}

describe('describeParameters', () => {
  it('states the window in the effective zone with the zone and the kind of range', () => {
    const params = describeAt({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { last: { n: 7, unit: 'DAY' } } }, '2026-12-07T14:00:00Z', 'America/New_York');
    expect(params).toContainEqual({ label: 'Time range', value: '2026-11-30 00:00 → 2026-12-07 00:00 America/New_York (last 7 days, whole)' });
    // The zone is named in the range itself; each writer states it once more in its own words
    // (PDF: "Dates are calendar days in …", XLSX About: "Time zone"), so no separate parameter.
    expect(params.filter((p) => p.label === 'Time zone')).toEqual([]);
  });
  it('names rolling ranges, named periods and the current unit', () => {
    const at = '2026-12-06T19:59:53.912Z';
    const range = (timeRange: unknown) => describeAt({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange }, at, 'Asia/Tokyo').find((p) => p.label === 'Time range')!.value;
    expect(range({ rolling: { n: 24, unit: 'HOUR' } })).toBe('2026-12-06 04:59 → 2026-12-07 04:59 Asia/Tokyo (rolling 24 hours)');
    expect(range({ period: 'PREVIOUS_MONTH' })).toBe('2026-11-01 00:00 → 2026-12-01 00:00 Asia/Tokyo (previous month)');
    expect(range({ last: { n: 1, unit: 'WEEK', includeCurrent: true } })).toBe('2026-11-30 00:00 → 2026-12-07 04:59 Asia/Tokyo (last 1 week and the current week so far)');
    expect(range({ from: '2026-12-01', to: '2026-12-02' })).toBe('2026-12-01 00:00 → 2026-12-02 00:00 Asia/Tokyo');
  });
  it('writes the window and the row limit for the run\'s locale', () => {
    const def = { source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { last: { n: 7, unit: 'DAY' } }, rowLimit: 25000 };
    const de = describeAt(def, '2026-12-07T14:00:00Z', 'Europe/Berlin', 'de-DE');
    expect(de).toContainEqual({ label: 'Time range', value: '30.11.2026, 00:00 → 07.12.2026, 00:00 Europe/Berlin (last 7 days, whole)' });
    expect(de).toContainEqual({ label: 'Row limit', value: '25.000' });
    const ja = describeAt(def, '2026-12-07T14:00:00Z', 'Asia/Tokyo', 'ja-JP');
    expect(ja).toContainEqual({ label: 'Time range', value: '2026/11/30 00:00 → 2026/12/07 00:00 Asia/Tokyo (last 7 days, whole)' });
    expect(describeAt(def, '2026-12-07T14:00:00Z', 'UTC')).toContainEqual({ label: 'Row limit', value: '25,000' });
  });
  it('formatInZone is the wall time to the minute', () => {
    expect(formatInZone(new Date('2026-12-01T06:10:00Z'), 'Asia/Kathmandu')).toBe('2026-12-01 11:55');
  });
});

describe('describeRange with a comparison (issue 19)', () => {
  it('says the previous period is compared too', () => {
    const r = validateDefinition({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { period: 'PREVIOUS_WEEK', compare: 'PREVIOUS_PERIOD' } }, { maxRowLimit: 1000, maxRangeDays: 366 });
    if (!r.valid) throw new Error(JSON.stringify(r.errors));
    expect(describeRange(r.definition)).toBe('previous week, compared with the previous period');
  });
});
