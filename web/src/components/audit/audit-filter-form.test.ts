import { describe, expect, it } from 'vitest';
import { activeFilterCount, EMPTY_AUDIT_FILTER, localInputToInstant, toApiFilter } from './audit-filter-form';

describe('audit filter form', () => {
  it('sends only the fields filled in, trimmed; the wall times as instants of the browser zone', () => {
    const form = { ...EMPTY_AUDIT_FILTER, actor: ' ann ', action: 'export.*', from: '2026-12-05T09:30', outcome: 'DENIED' as const };
    const { filter, problem } = toApiFilter(form);
    expect(problem).toBeNull();
    expect(filter).toEqual({ actor: 'ann', action: 'export.*', from: new Date(2026, 11, 5, 9, 30).toISOString(), outcome: 'DENIED' });
    expect(activeFilterCount(form)).toBe(4);
    expect(toApiFilter(EMPTY_AUDIT_FILTER)).toEqual({ filter: {}, problem: null });
  });

  it('refuses To not after From, and ignores an unreadable time', () => {
    expect(toApiFilter({ ...EMPTY_AUDIT_FILTER, from: '2026-12-05T10:00', to: '2026-12-05T10:00' }).problem).toBe('To must be after From');
    expect(localInputToInstant('yesterday')).toBeNull();
    expect(localInputToInstant('')).toBeNull();
  });
});
