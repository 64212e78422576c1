import { describe, expect, it } from 'vitest';
import { emptyDraft, type Draft } from './model';
import { followRenamedKeys, hasTableSpecificWork, sortByColumn } from './draft-edits';

function draft(patch: Partial<Draft>): Draft {
  return { ...emptyDraft('usage_events'), ...patch };
}

describe('followRenamedKeys', () => {
  const base = draft({
    dimensions: [{ field: 'platform', grain: '', alias: '' }],
    measures: [{ fn: 'COUNT', field: '', alias: 'events' }],
    orderBy: [{ key: 'events', direction: 'DESC' }, { key: 'platform', direction: 'ASC' }],
  });

  it('moves the sort to a measure’s new alias as it is typed', () => {
    const next = followRenamedKeys(base, { ...base, measures: [{ fn: 'COUNT', field: '', alias: 'event' }] });
    expect(next.orderBy).toEqual([{ key: 'event', direction: 'DESC' }, { key: 'platform', direction: 'ASC' }]);
  });

  it('follows a cleared alias to the derived key, and a dimension alias', () => {
    expect(followRenamedKeys(base, { ...base, measures: [{ fn: 'COUNT', field: '', alias: '' }] }).orderBy[0]).toEqual({ key: 'count', direction: 'DESC' });
    const renamedDim = followRenamedKeys(base, { ...base, dimensions: [{ field: 'platform', grain: '', alias: 'os' }] });
    expect(renamedDim.orderBy[1]).toEqual({ key: 'os', direction: 'ASC' });
  });

  it('follows a key derived from a time grain', () => {
    const d = draft({ dimensions: [{ field: 'timestamp', grain: 'DAY', alias: '' }], orderBy: [{ key: 'timestamp_day', direction: 'ASC' }] });
    expect(followRenamedKeys(d, { ...d, dimensions: [{ field: 'timestamp', grain: 'WEEK', alias: '' }] }).orderBy).toEqual([{ key: 'timestamp_week', direction: 'ASC' }]);
  });

  it('leaves the sort alone when rows are added or removed, or nothing was renamed', () => {
    const added = { ...base, measures: [...base.measures, { fn: 'SUM' as const, field: 'value', alias: '' }] };
    expect(followRenamedKeys(base, added)).toBe(added);
    const removed = { ...base, measures: [] };
    expect(followRenamedKeys(base, removed)).toBe(removed);
    const same = { ...base, rowLimit: '5' };
    expect(followRenamedKeys(base, same)).toBe(same);
  });

  it('does not move a sort whose key still exists after the edit', () => {
    const d = draft({
      measures: [{ fn: 'COUNT', field: '', alias: 'a' }, { fn: 'COUNT', field: '', alias: 'b' }],
      orderBy: [{ key: 'a', direction: 'ASC' }],
    });
    // Swapping names: 'a' still names a column, so the sort keeps it.
    const swapped = { ...d, measures: [{ fn: 'COUNT' as const, field: '', alias: 'b' }, { fn: 'COUNT' as const, field: '', alias: 'a' }] };
    expect(followRenamedKeys(d, swapped).orderBy).toEqual([{ key: 'a', direction: 'ASC' }]);
  });
});

describe('hasTableSpecificWork', () => {
  it('is false for a fresh draft and true once anything column-bound exists', () => {
    expect(hasTableSpecificWork(draft({}))).toBe(false);
    expect(hasTableSpecificWork(draft({ filters: [{ field: '', op: 'EQ', value: '', values: [] }] }))).toBe(true);
    expect(hasTableSpecificWork(draft({ measures: [{ fn: 'COUNT', field: '', alias: '' }] }))).toBe(true);
  });
});

describe('sortByColumn', () => {
  it('sorts by a clicked column, numbers descending first, then flips on the next click', () => {
    expect(sortByColumn([], 'events', true)).toEqual([{ key: 'events', direction: 'DESC' }]);
    expect(sortByColumn([], 'platform', false)).toEqual([{ key: 'platform', direction: 'ASC' }]);
    expect(sortByColumn([{ key: 'events', direction: 'DESC' }], 'events', true)).toEqual([{ key: 'events', direction: 'ASC' }]);
    expect(sortByColumn([{ key: 'events', direction: 'ASC' }], 'events', true)).toEqual([{ key: 'events', direction: 'DESC' }]);
  });
  it('puts the clicked column first and keeps the other sorts after it, once', () => {
    expect(sortByColumn([{ key: 'a', direction: 'ASC' }, { key: 'b', direction: 'DESC' }], 'b', true))
      .toEqual([{ key: 'b', direction: 'DESC' }, { key: 'a', direction: 'ASC' }]);
  });
});
