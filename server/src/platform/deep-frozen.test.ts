import { describe, expect, it } from 'vitest';
import { deepFrozen } from './deep-frozen.js';

describe('deepFrozen', () => {
  it('freezes objects and arrays all the way down and returns the same value', () => {
    const value = { source: 'usage_events', filters: [{ field: 'platform', values: ['web', 'ios'] }], rowLimit: 10, nothing: null };
    expect(deepFrozen(value)).toBe(value);
    expect(() => { (value as { rowLimit: number }).rowLimit = 11; }).toThrow(TypeError);
    expect(() => { value.filters.push({ field: 'country', values: [] }); }).toThrow(TypeError);
    expect(() => { value.filters[0]!.values[0] = 'android'; }).toThrow(TypeError);
    expect(value.filters[0]!.values).toEqual(['web', 'ios']);
  });

  it('leaves primitives as they are', () => {
    expect(deepFrozen(3)).toBe(3);
    expect(deepFrozen('text')).toBe('text');
    expect(deepFrozen(null)).toBeNull();
  });
});
