import { describe, expect, it } from 'vitest';
import { ReportcastError } from './errors.js';
import { rowObjects, toPreviewPage } from './reports.js';

const page = (rows: unknown[]) => ({
  asOf: '2026-12-01T00:00:00.000Z', timeZone: 'UTC', totalCount: rows.length, truncated: false, window: null,
  pageInfo: { hasNextPage: false, endCursor: null },
  columns: [
    { name: 'day', label: 'Day', type: 'DATE' as const },
    { name: 'events', label: 'Events', type: 'NUMBER' as const },
    { name: 'mobile', label: 'Mobile', type: 'BOOLEAN' as const },
  ],
  rows,
});

describe('typed preview rows', () => {
  it('passes rows whose cells fit their columns (64-bit numbers as strings, nulls anywhere) and keys them by column', () => {
    const checked = toPreviewPage(page([['2026-12-01', 42, true], ['2026-12-02', '9007199254740993', null]]) as never);
    expect(rowObjects(checked)).toEqual([
      { day: '2026-12-01', events: 42, mobile: true },
      { day: '2026-12-02', events: '9007199254740993', mobile: null },
    ]);
  });

  it('refuses a row of the wrong length or a cell of the wrong type, naming the row and column', () => {
    expect(() => toPreviewPage(page([['2026-12-01', 42]]) as never)).toThrow(new ReportcastError('INTERNAL_SERVER_ERROR', 'Preview row 0 is not an array of one cell per column'));
    expect(() => toPreviewPage(page([['2026-12-01', 42, false], ['2026-12-02', 1, 'yes']]) as never)).toThrow('Preview row 1 cell mobile is not BOOLEAN');
    expect(() => toPreviewPage(page([{ day: '2026-12-01' }]) as never)).toThrow(ReportcastError);
  });
});
