import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../reports/validate-definition.js';
import { clearPiiColumns } from './pii-exposure.js';

const LIMITS = { maxRowLimit: 100_000, maxRangeDays: 400 };
const def = (d: unknown) => {
  const checked = validateDefinition(d as never, LIMITS);
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors));
  return checked.definition;
};
const CLEAR = { modes: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'CLEAR' } } as const;
const HASHED = { modes: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' } } as const;

describe('clearPiiColumns', () => {
  it('lists the PII dimensions shown in clear, sorted, and no other class', () => {
    const d = def({ source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'platform' }, { field: 'device_id' }], measures: [{ fn: 'COUNT' }] });
    expect(clearPiiColumns(d, CLEAR)).toEqual(['device_id', 'user_id']);
  });

  it('counts and distinct counts reveal no value; a role that sees PII hashed exports none in clear', () => {
    const d = def({ source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'UNIQ', field: 'user_id' }, { fn: 'COUNT' }] });
    expect(clearPiiColumns(d, CLEAR)).toEqual([]);
    const withUser = def({ source: 'usage_events', dimensions: [{ field: 'user_id' }], measures: [{ fn: 'COUNT' }] });
    expect(clearPiiColumns(withUser, HASHED)).toEqual([]);
  });
});
