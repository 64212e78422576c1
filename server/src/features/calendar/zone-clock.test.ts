import { describe, expect, it } from 'vitest';
import {
  floatingAt,
  floatingOf,
  formatOffset,
  instantOfFloating,
  instantOfWall,
  localDateTimeText,
  offsetAt,
  offsetDateTimeText,
  wallParts,
  wallTimeRepeats,
} from './zone-clock.js';

const at = (iso: string) => Date.parse(iso);
const H = 3_600_000;
const M = 60_000;

/** [zone, instant (UTC), wall time with offset as offsetDateTimeText writes it]. */
const GOLDEN: [string, string, string][] = [
  // New York, spring forward 2026-03-08 02:00 EST → 03:00 EDT (07:00 UTC).
  ['America/New_York', '2026-03-08T06:59:59.999Z', '2026-03-08T01:59:59.999-05:00'],
  ['America/New_York', '2026-03-08T07:00:00.000Z', '2026-03-08T03:00:00.000-04:00'],
  ['America/New_York', '2026-03-08T05:00:00.000Z', '2026-03-08T00:00:00.000-05:00'],
  ['America/New_York', '2026-03-09T04:00:00.000Z', '2026-03-09T00:00:00.000-04:00'],
  // New York, fall back 2026-11-01 02:00 EDT → 01:00 EST (06:00 UTC): 01:30 happens twice.
  ['America/New_York', '2026-11-01T05:30:00.000Z', '2026-11-01T01:30:00.000-04:00'],
  ['America/New_York', '2026-11-01T05:59:59.999Z', '2026-11-01T01:59:59.999-04:00'],
  ['America/New_York', '2026-11-01T06:00:00.000Z', '2026-11-01T01:00:00.000-05:00'],
  ['America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-01T01:30:00.000-05:00'],
  // London: BST from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC.
  ['Europe/London', '2026-03-29T00:59:59.000Z', '2026-03-29T00:59:59.000+00:00'],
  ['Europe/London', '2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000+01:00'],
  ['Europe/London', '2026-10-25T00:59:59.000Z', '2026-10-25T01:59:59.000+01:00'],
  ['Europe/London', '2026-10-25T01:00:00.000Z', '2026-10-25T01:00:00.000+00:00'],
  // Lord Howe: +11:00 in summer, +10:30 in winter; the clocks move 30 minutes, mid UTC hour.
  ['Australia/Lord_Howe', '2026-04-04T14:59:59.999Z', '2026-04-05T01:59:59.999+11:00'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00.000Z', '2026-04-05T01:30:00.000+10:30'],
  ['Australia/Lord_Howe', '2026-04-04T15:29:00.000Z', '2026-04-05T01:59:00.000+10:30'],
  ['Australia/Lord_Howe', '2026-10-03T15:29:59.999Z', '2026-10-04T01:59:59.999+10:30'],
  ['Australia/Lord_Howe', '2026-10-03T15:30:00.000Z', '2026-10-04T02:30:00.000+11:00'],
  ['Australia/Lord_Howe', '2026-10-03T15:00:00.000Z', '2026-10-04T01:30:00.000+10:30'],
  // Kathmandu +05:45, Tokyo +09:00 (no DST), UTC.
  ['Asia/Kathmandu', '2026-12-06T19:59:53.912Z', '2026-12-07T01:44:53.912+05:45'],
  ['Asia/Kathmandu', '2026-12-06T18:15:00.000Z', '2026-12-07T00:00:00.000+05:45'],
  ['Asia/Tokyo', '2026-12-06T19:59:53.912Z', '2026-12-07T04:59:53.912+09:00'],
  ['Asia/Tokyo', '2026-11-29T16:30:00.000Z', '2026-11-30T01:30:00.000+09:00'],
  ['Asia/Tokyo', '2026-12-31T15:00:00.000Z', '2027-01-01T00:00:00.000+09:00'],
  ['UTC', '2026-12-06T19:59:53.912Z', '2026-12-06T19:59:53.912+00:00'],
  ['UTC', '2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999+00:00'],
  ['UTC', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000+00:00'],
  ['UTC', '1969-12-31T23:59:59.999Z', '1969-12-31T23:59:59.999+00:00'],
  ['UTC', '1900-03-01T00:00:00.000Z', '1900-03-01T00:00:00.000+00:00'],
];

describe('zone clock: instant → wall time', () => {
  it.each(GOLDEN)('%s %s → %s', (zone, instant, want) => {
    const ms = at(instant);
    expect(offsetDateTimeText(ms, zone)).toBe(want);
    expect(localDateTimeText(ms, zone)).toBe(want.slice(0, 23));
    expect(formatOffset(offsetAt(zone, ms))).toBe(want.slice(23));
    const w = wallParts(ms, zone);
    expect([w.year, w.month, w.day, w.hour, w.minute, w.second, w.millisecond]).toEqual(want.slice(0, 23).split(/[-T:.]/).map(Number));
    expect(floatingAt(ms, zone)).toBe(Date.parse(`${want.slice(0, 23)}Z`));
  });

  it('gives the same answers in any order of zones and instants (the caches are keyed right)', () => {
    const shuffled = [...GOLDEN, ...GOLDEN.slice().reverse(), ...GOLDEN];
    for (const [zone, instant, want] of shuffled) expect(offsetDateTimeText(at(instant), zone)).toBe(want);
  });

  it('agrees with Intl minute by minute through every 2026 transition hour of the golden zones', () => {
    const intl = (zone: string) => new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    const hours: [string, string][] = [
      ['America/New_York', '2026-03-08T06:00:00Z'], ['America/New_York', '2026-11-01T05:00:00Z'],
      ['Europe/London', '2026-03-29T00:00:00Z'], ['Europe/London', '2026-10-25T00:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'], ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
    ];
    for (const [zone, start] of hours) {
      const f = intl(zone);
      for (let ms = at(start) - H; ms < at(start) + 2 * H; ms += M) {
        expect(localDateTimeText(ms, zone).slice(0, 19).replace('T', ' '), `${zone} ${new Date(ms).toISOString()}`).toBe(f.format(ms));
      }
    }
  });

  it('writes years outside 0000-9999 in ISO 8601 expanded form, and refuses an invalid instant', () => {
    expect(localDateTimeText(Date.UTC(10_000, 0, 1), 'UTC')).toBe('+010000-01-01T00:00:00.000');
    const yearZero = floatingOf({ year: 0, month: 3, day: 1, hour: 0, minute: 0, second: 0 });
    expect(localDateTimeText(yearZero, 'UTC')).toBe('0000-03-01T00:00:00.000');
    expect(localDateTimeText(floatingOf({ year: -1, month: 12, day: 31, hour: 23, minute: 59, second: 59 }), 'UTC')).toBe('-000001-12-31T23:59:59.000');
    expect(localDateTimeText(floatingOf({ year: 99, month: 1, day: 2, hour: 3, minute: 4, second: 5, millisecond: 6 }), 'UTC')).toBe('0099-01-02T03:04:05.006');
    expect(() => localDateTimeText(Number.NaN, 'Asia/Tokyo')).toThrow(RangeError);
    expect(() => offsetDateTimeText(9e15, 'UTC')).toThrow(RangeError);
  });

  it('throws for an unknown zone', () => {
    expect(() => localDateTimeText(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zone clock: wall time → instant', () => {
  const wall = (text: string) => Date.parse(`${text}Z`);
  it('reads a wall time that does not exist (spring-forward gap) forward by the gap', () => {
    // 02:30 on the New York spring day is read with EST: 07:30 UTC, which is 03:30 EDT.
    expect(new Date(instantOfFloating(wall('2026-03-08T02:30:00'), 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(offsetDateTimeText(instantOfFloating(wall('2026-03-08T02:30:00'), 'America/New_York'), 'America/New_York')).toBe('2026-03-08T03:30:00.000-04:00');
    // Lord Howe's gap is half an hour: 02:15 (+10:30) → 15:45 UTC = 02:45 (+11:00).
    expect(offsetDateTimeText(instantOfFloating(wall('2026-10-04T02:15:00'), 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:45:00.000+11:00');
    expect(offsetDateTimeText(instantOfWall({ year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 }, 'Europe/London'), 'Europe/London'))
      .toBe('2026-03-29T02:30:00.000+01:00');
  });

  it('reads a wall time that exists twice (fall-back overlap) as its first occurrence', () => {
    expect(new Date(instantOfFloating(wall('2026-11-01T01:30:00'), 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(new Date(instantOfFloating(wall('2026-04-05T01:45:00'), 'Australia/Lord_Howe')).toISOString()).toBe('2026-04-04T14:45:00.000Z');
    expect(new Date(instantOfFloating(wall('2026-10-25T01:30:00'), 'Europe/London')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every other wall time', () => {
    for (const [zone, instant, want] of GOLDEN) {
      const ms = at(instant);
      const back = instantOfFloating(wall(want.slice(0, 23)), zone);
      // Only the second 01:xx of an overlap comes back as the first one.
      const shift = zone === 'America/New_York' && want.startsWith('2026-11-01T01') && want.endsWith('-05:00') ? H
        : zone === 'Europe/London' && want.startsWith('2026-10-25T01') && want.endsWith('+00:00') ? H
          : zone === 'Australia/Lord_Howe' && want.startsWith('2026-04-05T01') && want.endsWith('+10:30') ? 30 * M
            : 0;
      expect(back, `${zone} ${want}`).toBe(ms - shift);
    }
    expect(instantOfWall({ year: 2026, month: 12, day: 7, hour: 1, minute: 44, second: 53, millisecond: 912 }, 'Asia/Kathmandu')).toBe(at('2026-12-06T19:59:53.912Z'));
  });
});

describe('wallTimeRepeats', () => {
  it('is true exactly for the instants of a fall-back overlap', () => {
    const repeats = (iso: string, zone: string) => wallTimeRepeats(at(iso), zone);
    expect(repeats('2026-11-01T04:59:59.999Z', 'America/New_York')).toBe(false); // 00:59 EDT
    expect(repeats('2026-11-01T05:00:00.000Z', 'America/New_York')).toBe(true); // 01:00 EDT
    expect(repeats('2026-11-01T06:59:59.999Z', 'America/New_York')).toBe(true); // 01:59 EST
    expect(repeats('2026-11-01T07:00:00.000Z', 'America/New_York')).toBe(false); // 02:00 EST
    expect(repeats('2026-03-08T07:30:00.000Z', 'America/New_York')).toBe(false); // spring: nothing repeats
    expect(repeats('2026-04-04T14:30:00.000Z', 'Australia/Lord_Howe')).toBe(true); // 01:30 +11:00
    expect(repeats('2026-04-04T14:29:59.000Z', 'Australia/Lord_Howe')).toBe(false); // 01:29 +11:00
    expect(repeats('2026-04-04T15:29:00.000Z', 'Australia/Lord_Howe')).toBe(true); // 01:59 +10:30
    expect(repeats('2026-04-04T15:30:00.000Z', 'Australia/Lord_Howe')).toBe(false); // 02:00 +10:30
    expect(repeats('2026-10-25T00:30:00.000Z', 'Europe/London')).toBe(true);
    expect(repeats('2026-12-06T19:59:53.912Z', 'Asia/Tokyo')).toBe(false);
    expect(repeats('2026-12-06T19:59:53.912Z', 'UTC')).toBe(false);
  });
});

describe('formatOffset', () => {
  it('always states the offset as ±HH:MM, never Z', () => {
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(9 * H)).toBe('+09:00');
    expect(formatOffset(-4 * H)).toBe('-04:00');
    expect(formatOffset(5 * H + 45 * M)).toBe('+05:45');
    expect(formatOffset(-(9 * H + 30 * M))).toBe('-09:30');
    expect(formatOffset(10 * H + 30 * M)).toBe('+10:30');
    expect(formatOffset(14 * H)).toBe('+14:00');
    expect(formatOffset(-0)).toBe('+00:00');
  });
});
