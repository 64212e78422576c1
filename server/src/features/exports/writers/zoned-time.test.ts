import { describe, it, expect } from 'vitest';
import { formatZonedDateTime, zonedParts } from './zoned-time.js';

describe('zoned time', () => {
  it('formats an instant as a wall clock in its zone', () => {
    const at = new Date('2026-11-29T08:00:00Z');
    expect(formatZonedDateTime(at, 'Europe/Paris')).toBe('2026-11-29 09:00 (Europe/Paris)');
    expect(formatZonedDateTime(at, 'UTC')).toBe('2026-11-29 08:00 (UTC)');
    expect(formatZonedDateTime(at, 'Asia/Kolkata')).toBe('2026-11-29 13:30 (Asia/Kolkata)');
  });

  it('follows daylight saving time', () => {
    expect(formatZonedDateTime(new Date('2026-07-01T08:00:00Z'), 'Europe/Paris')).toBe('2026-07-01 10:00 (Europe/Paris)');
    expect(zonedParts(new Date('2026-03-08T10:30:00Z'), 'America/New_York')).toEqual({
      year: '2026', month: '03', day: '08', hour: '06', minute: '30',
    });
  });

  it('writes midnight as 00', () => {
    expect(zonedParts(new Date('2026-11-28T23:00:00Z'), 'Europe/Paris').hour).toBe('00');
  });
});
