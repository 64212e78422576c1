import { describe, expect, it } from 'vitest';
import {
  addDays, describeWindow, formatDateBucket, formatIso, formatOffset, formatWallDateTime, parseWallTime, todayIn, wallTimeIn, wallTimeOfValue, zoneOffsetLabel,
} from './wall-time';

describe('parseWallTime', () => {
  it('reads the wall time the server wrote, offset kept apart', () => {
    expect(parseWallTime('2026-12-01T09:00:00.000-08:00')).toEqual({ year: 2026, month: 12, day: 1, hour: 9, minute: 0, second: 0, ms: 0, offset: -480 });
    expect(parseWallTime('2026-12-01T09:15:30.5+05:45')).toMatchObject({ hour: 9, minute: 15, second: 30, ms: 500, offset: 345 });
    expect(parseWallTime('2026-12-01')).toMatchObject({ year: 2026, month: 12, day: 1, hour: 0, offset: null });
    expect(parseWallTime('2026-12-01 09:00:00Z')).toMatchObject({ hour: 9, offset: 0 });
    expect(parseWallTime('yesterday')).toBeNull();
  });
});

describe('wallTimeOfValue', () => {
  it('never converts an offset value into another zone', () => {
    const w = wallTimeOfValue('2026-12-01T09:00:00.000-08:00', 'America/Los_Angeles')!;
    expect(formatWallDateTime(w)).toBe('Dec 1, 2026, 09:00');
  });
  it('places a UTC instant in the zone when the server did not', () => {
    expect(formatWallDateTime(wallTimeOfValue('2026-12-01T17:00:00Z', 'America/Los_Angeles')!)).toBe('Dec 1, 2026, 09:00');
    expect(formatWallDateTime(wallTimeOfValue('2026-12-01T17:00:00Z', 'UTC')!)).toBe('Dec 1, 2026, 17:00');
  });
});

describe('zones', () => {
  it('gives the wall time and offset of an instant in a zone, across DST', () => {
    // Spring forward in New York: 01:59 EST, then 03:00 EDT a minute later.
    expect(wallTimeIn(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toMatchObject({ hour: 1, minute: 59, offset: -300 });
    expect(wallTimeIn(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toMatchObject({ hour: 3, minute: 0, offset: -240 });
    expect(zoneOffsetLabel('Asia/Kathmandu')).toBe('UTC+05:45');
    expect(formatOffset(-480)).toBe('UTC−08:00');
    expect(formatOffset(0)).toBe('UTC');
  });
  it('knows today in a zone', () => {
    const at = new Date('2026-12-02T06:00:00Z');
    expect(todayIn('America/Los_Angeles', at)).toBe('2026-12-01');
    expect(todayIn('Asia/Tokyo', at)).toBe('2026-12-02');
  });
  it('writes ISO text local or with the offset', () => {
    const w = wallTimeIn(new Date('2026-12-07T03:59:53Z'), 'America/Los_Angeles');
    expect(formatIso(w, false)).toBe('2026-12-06T19:59:53');
    expect(formatIso(w, true)).toBe('2026-12-06T19:59:53-08:00');
  });
});

describe('dates', () => {
  it('does calendar arithmetic without zones', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
  });
  it('reads buckets by their grain', () => {
    expect(formatDateBucket('2026-12-01', 'DAY')).toBe('Tue, Dec 1, 2026');
    expect(formatDateBucket('2026-11-30', 'WEEK')).toBe('Week of Mon, Nov 30, 2026');
    expect(formatDateBucket('2026-12-01', 'MONTH')).toBe('Dec 2026');
    expect(formatDateBucket('2026-10-01', 'QUARTER')).toBe('Q4 2026');
    expect(formatDateBucket('2026-01-01', 'YEAR')).toBe('2026');
    expect(formatDateBucket('2026-12-01')).toBe('Dec 1, 2026');
  });
});

describe('describeWindow', () => {
  it('reads whole days with the last day included', () => {
    expect(describeWindow('2026-12-01T00:00:00.000-08:00', '2026-12-02T00:00:00.000-08:00')).toMatchObject({ text: 'Dec 1, 2026', days: '1 whole day' });
    expect(describeWindow('2026-12-01T00:00:00.000-08:00', '2026-12-08T00:00:00.000-08:00')).toMatchObject({ text: 'Dec 1 – Dec 7, 2026', days: '7 whole days' });
    expect(describeWindow('2026-12-29T00:00:00.000-08:00', '2027-01-02T00:00:00.000-08:00')!.text).toBe('Dec 29, 2026 – Jan 1, 2027');
  });
  it('counts calendar days across a DST change (a 25-hour day is one day)', () => {
    expect(describeWindow('2026-10-31T00:00:00.000-04:00', '2026-11-02T00:00:00.000-05:00')).toMatchObject({ days: '2 whole days' });
  });
  it('shows times when the window is not whole days, and the exact bounds', () => {
    const w = describeWindow('2026-12-06T14:23:00.000-08:00', '2026-12-07T14:23:00.000-08:00')!;
    expect(w.text).toBe('Dec 6, 2026 14:23 – Dec 7, 2026 14:23');
    expect(w.days).toBe('');
    expect(w.exact).toBe('from Dec 6, 2026 14:23 (UTC−08:00) up to Dec 7, 2026 14:23 (UTC−08:00), end not included');
  });
  it('says when a to-date window is still empty', () => {
    expect(describeWindow('2026-12-01T00:00:00.000-08:00', '2026-12-01T00:00:00.000-08:00')!.text).toBe('nothing yet (starts Dec 1, 2026)');
  });
});
