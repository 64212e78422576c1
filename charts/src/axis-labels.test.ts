import { describe, expect, it } from 'vitest';
import { categoryLabel, instantOf, measureValue, timeKey, timeLabels } from './axis-labels.js';
import type { ChartField } from './visualization.js';

const ctx = (timeZone: string) => ({ timeZone, locale: 'en-US' });
const date = (grain: ChartField['grain']): ChartField => ({ key: 'd', label: 'D', kind: 'DATE', grain });
const instant: ChartField = { key: 't', label: 'T', kind: 'DATETIME', grain: 'HOUR' };

describe('timeLabels', () => {
  it('labels DATE buckets by grain from their text, never shifted by a zone', () => {
    expect(timeLabels(date('DAY'), ['2026-12-01', '2026-12-02'], ctx('Pacific/Kiritimati'))).toEqual(['Dec 1', 'Dec 2']);
    expect(timeLabels(date('DAY'), ['2025-12-31', '2026-01-01'], ctx('America/Los_Angeles'))).toEqual(['Dec 31, 2025', 'Jan 1, 2026']);
    expect(timeLabels(date('MONTH'), ['2026-11-01', '2026-12-01'], ctx('UTC'))).toEqual(['Nov 2026', 'Dec 2026']);
    expect(timeLabels(date('QUARTER'), ['2026-07-01', '2026-10-01'], ctx('UTC'))).toEqual(['Q3 2026', 'Q4 2026']);
    expect(timeLabels(date('YEAR'), ['2025-01-01', '2026-01-01'], ctx('UTC'))).toEqual(['2025', '2026']);
  });

  it('labels a fall-back night\'s two 01:00 hours with their offsets', () => {
    // 2026-11-01 in New York: 01:00 EDT (05:00Z) and 01:00 EST (06:00Z).
    const keys = [Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 1, 5), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 10, 1, 7)];
    expect(timeLabels(instant, keys, ctx('America/New_York'))).toEqual(['00:00', '01:00 -04:00', '01:00 -05:00', '02:00']);
  });
});

describe('values', () => {
  it('reads instants in every form rows carry them, text without an offset as UTC', () => {
    const at = Date.UTC(2026, 11, 6, 14);
    expect(instantOf('2026-12-06 14:00:00')).toBe(at);
    expect(instantOf('2026-12-06 14:00:00.000')).toBe(at);
    expect(instantOf('2026-12-06T23:00:00.000+09:00')).toBe(at);
    expect(instantOf('2026-12-06T14:00:00Z')).toBe(at);
    expect(instantOf(new Date(at))).toBe(at);
    expect(instantOf('soon')).toBeNaN();
    expect(timeKey(instant, null)).toBeNull();
    expect(timeKey(date('DAY'), '2026-12-06')).toBe('2026-12-06');
  });

  it('reads measures from numbers, quoted 64-bit integers and bigints; anything else is null', () => {
    expect([measureValue(3), measureValue('18446744073709551615'), measureValue(5n), measureValue(''), measureValue('x'), measureValue(null), measureValue(Number.NaN)])
      .toEqual([3, 18446744073709551615, 5, null, null, null, null]);
  });

  it('labels categories: text as is, booleans Yes/No, empty as (empty)', () => {
    const s: ChartField = { key: 's', label: 'S', kind: 'STRING' };
    const b: ChartField = { key: 'b', label: 'B', kind: 'BOOLEAN' };
    expect([categoryLabel(s, '東京 🗼'), categoryLabel(s, ''), categoryLabel(s, null), categoryLabel(b, true), categoryLabel(b, 0), categoryLabel(s, 42)])
      .toEqual(['東京 🗼', '(empty)', '(empty)', 'Yes', 'No', '42']);
  });
});
