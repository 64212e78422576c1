import { describe, expect, it } from 'vitest';
import { findTable } from '../../catalog/catalog.js';
import type { DefinitionError } from '../definition.js';
import { dayMs, nextDay, normalizeParameterSpecs, resolveParameterValues, type NormalizedParameter } from './resolve.js';

const events = findTable('usage_events')!;
const specs = (list: unknown, maxRangeDays = 366) => {
  const errors: DefinitionError[] = [];
  const params = normalizeParameterSpecs(list, events, maxRangeDays, errors);
  return { params, errors };
};
const one = (spec: Record<string, unknown>) => {
  const { params, errors } = specs([spec]);
  expect(errors).toEqual([]);
  return params[0]!;
};
const resolve = (params: NormalizedParameter[], supplied: unknown, maxRangeDays = 366) =>
  resolveParameterValues(params, supplied, 'input.parameterValues', maxRangeDays);
const paths = (r: ReturnType<typeof resolve>) => (r.ok ? [] : r.errors.map((e) => e.path));

describe('calendar days', () => {
  it('accepts real days in ClickHouse Date range and refuses the rest', () => {
    expect(dayMs('2026-12-01')).toBe(Date.UTC(2026, 11, 1));
    expect(dayMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '1969-12-31', '2149-06-07', '2026-12-01T00:00', ' 2026-12-01']) expect(dayMs(bad), bad).toBeNull();
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
  });
});

describe('declaring parameters', () => {
  it('normalizes every type with its label, flags and default', () => {
    const { params, errors } = specs([
      { name: 'search', type: 'TEXT', default: 'checkout' },
      { name: 'min_duration', label: 'Minimum duration (ms)', type: 'NUMBER', default: '250' },
      { name: 'day', type: 'DATE', required: true },
      { name: 'period', type: 'DATE_RANGE', default: { from: '2026-11-01', to: '2026-11-30' } },
      { name: 'platform', type: 'ENUM', multiple: true, options: ['ios', 'android', 'web'], default: ['ios'] },
      { name: 'country', type: 'ENUM', optionsColumn: 'country' },
    ]);
    expect(errors).toEqual([]);
    expect(params).toEqual([
      { name: 'search', label: 'Search', type: 'TEXT', multiple: false, required: false, default: 'checkout', options: null, optionsColumn: null },
      { name: 'min_duration', label: 'Minimum duration (ms)', type: 'NUMBER', multiple: false, required: false, default: 250, options: null, optionsColumn: null },
      { name: 'day', label: 'Day', type: 'DATE', multiple: false, required: true, default: null, options: null, optionsColumn: null },
      { name: 'period', label: 'Period', type: 'DATE_RANGE', multiple: false, required: false, default: { from: '2026-11-01', to: '2026-11-30' }, options: null, optionsColumn: null },
      { name: 'platform', label: 'Platform', type: 'ENUM', multiple: true, required: false, default: ['ios'], options: ['ios', 'android', 'web'], optionsColumn: null },
      { name: 'country', label: 'Country', type: 'ENUM', multiple: false, required: false, default: null, options: null, optionsColumn: 'country' },
    ]);
  });

  it('names each problem by its path', () => {
    const cases: [unknown, string[]][] = [
      ['not a list', ['parameters']],
      [Array.from({ length: 21 }, (_, i) => ({ name: `p${i}`, type: 'TEXT' })), ['parameters']],
      [[{ name: 'Platform', type: 'TEXT' }], ['parameters.0.name']],
      [[{ name: '1st', type: 'TEXT' }], ['parameters.0.name']],
      [[{ name: 'p; DROP TABLE x', type: 'TEXT' }], ['parameters.0.name']],
      [[{ name: 'a', type: 'TEXT' }, { name: 'a', type: 'NUMBER' }], ['parameters.1.name']],
      [[{ name: 'a', type: 'STRING' }], ['parameters.0.type']],
      [[{ name: 'a', type: 'TEXT', label: '' }], ['parameters.0.label']],
      [[{ name: 'a', type: 'TEXT', label: 'x'.repeat(201) }], ['parameters.0.label']],
      [[{ name: 'a', type: 'TEXT', multiple: 'yes' }], ['parameters.0.multiple']],
      [[{ name: 'a', type: 'TEXT', required: 1 }], ['parameters.0.required']],
      [[{ name: 'a', type: 'TEXT', colour: 'red' }], ['parameters.0.colour']],
      [[{ name: 'a', type: 'DATE_RANGE', multiple: true }], ['parameters.0.multiple']],
      [[{ name: 'a', type: 'ENUM' }], ['parameters.0.options']],
      [[{ name: 'a', type: 'ENUM', options: ['x'], optionsColumn: 'platform' }], ['parameters.0.options']],
      [[{ name: 'a', type: 'ENUM', options: [] }], ['parameters.0.options']],
      [[{ name: 'a', type: 'ENUM', options: ['x', 'x'] }], ['parameters.0.options.1']],
      [[{ name: 'a', type: 'ENUM', options: ['x', 3] }], ['parameters.0.options.1']],
      [[{ name: 'a', type: 'ENUM', optionsColumn: 'nope' }], ['parameters.0.optionsColumn']],
      [[{ name: 'a', type: 'ENUM', optionsColumn: 'event_id' }], ['parameters.0.optionsColumn']],
      [[{ name: 'a', type: 'ENUM', optionsColumn: 'duration_ms' }], ['parameters.0.optionsColumn']],
      [[{ name: 'a', type: 'TEXT', options: ['x'] }], ['parameters.0.options']],
      [[{ name: 'a', type: 'NUMBER', optionsColumn: 'platform' }], ['parameters.0.optionsColumn']],
      [[{ name: 'a', type: 'NUMBER', default: 'many' }], ['parameters.0.default']],
      [[{ name: 'a', type: 'ENUM', options: ['x'], default: 'y' }], ['parameters.0.default']],
      [[{ name: 'a', type: 'DATE_RANGE', default: { from: '2026-01-01', to: '2027-06-01' } }], ['parameters.0.default.to']],
      [['x'], ['parameters.0']],
    ];
    for (const [list, expected] of cases) expect(specs(list).errors.map((e) => e.path), JSON.stringify(list).slice(0, 80)).toEqual(expected);
  });
});

describe('resolving values', () => {
  const text = one({ name: 'search', type: 'TEXT' });
  const number = one({ name: 'n', type: 'NUMBER', required: true });
  const numbers = one({ name: 'ns', type: 'NUMBER', multiple: true });
  const date = one({ name: 'day', type: 'DATE' });
  const range = one({ name: 'period', type: 'DATE_RANGE', required: true });
  const choice = one({ name: 'platform', type: 'ENUM', options: ['ios', 'android'] });
  const choices = one({ name: 'platforms', type: 'ENUM', multiple: true, options: ['ios', 'android'], default: ['ios'] });
  const column = one({ name: 'country', type: 'ENUM', optionsColumn: 'country' });

  it('accepts valid values of every type in canonical form', () => {
    const r = resolve([text, number, numbers, date, range, choice, choices, column], {
      search: 'O\'Brien "quoted" \\ %_ 東京', n: '42.5', ns: [1, '2', -3e2], day: '2026-02-28',
      period: { from: '2026-11-01', to: '2026-11-01' }, platform: 'android', platforms: ['android', 'ios'], country: 'Ελλάδα',
    });
    expect(r).toEqual({ ok: true, values: {
      search: 'O\'Brien "quoted" \\ %_ 東京', n: 42.5, ns: [1, 2, -300], day: '2026-02-28',
      period: { from: '2026-11-01', to: '2026-11-01' }, platform: 'android', platforms: ['android', 'ios'], country: 'Ελλάδα',
    } });
  });

  it('fills defaults, leaves unset optional ones null and requires required ones', () => {
    expect(resolve([text, choices, range], { period: { from: '2026-01-01', to: '2026-01-07' } }))
      .toEqual({ ok: true, values: { search: null, platforms: ['ios'], period: { from: '2026-01-01', to: '2026-01-07' } } });
    const missing = resolve([number, range], {});
    expect(missing).toEqual({ ok: false, errors: [
      { path: 'input.parameterValues.n', message: 'N is required' },
      { path: 'input.parameterValues.period', message: 'Period is required' },
    ] });
    expect(resolve([number], { n: null })).toMatchObject({ ok: false });
    expect(resolve([], undefined)).toEqual({ ok: true, values: {} });
  });

  it('refuses invalid values of every type at their paths', () => {
    const cases: [NormalizedParameter, unknown, string[]][] = [
      [text, 5, ['input.parameterValues.search']],
      [text, 'x'.repeat(1001), ['input.parameterValues.search']],
      [text, ['a'], ['input.parameterValues.search']],
      [number, 'NaN', ['input.parameterValues.n']],
      [number, Infinity, ['input.parameterValues.n']],
      [number, '1; DROP TABLE usage_events', ['input.parameterValues.n']],
      [number, 2 ** 53, ['input.parameterValues.n']],
      [number, true, ['input.parameterValues.n']],
      [numbers, 3, ['input.parameterValues.ns']],
      [numbers, [], ['input.parameterValues.ns']],
      [numbers, [1, 'two', 3], ['input.parameterValues.ns.1']],
      [numbers, Array.from({ length: 1001 }, (_, i) => i), ['input.parameterValues.ns']],
      [date, '2026-02-30', ['input.parameterValues.day']],
      [date, '2026-12-01T10:00:00Z', ['input.parameterValues.day']],
      [date, 20261201, ['input.parameterValues.day']],
      [range, '2026-01-01/2026-01-07', ['input.parameterValues.period']],
      [range, { from: '2026-01-01' }, ['input.parameterValues.period.to']],
      [range, { from: 'yesterday', to: '2026-01-07' }, ['input.parameterValues.period.from']],
      [range, { from: '2026-01-07', to: '2026-01-01' }, ['input.parameterValues.period.to']],
      [range, { from: '2026-01-01', to: '2026-01-07', tz: 'UTC' }, ['input.parameterValues.period.tz']],
      [range, { from: '2025-01-01', to: '2026-01-02' }, ['input.parameterValues.period.to']],
      [choice, 'windows', ['input.parameterValues.platform']],
      [choice, ['ios'], ['input.parameterValues.platform']],
      [choices, ['ios', 'web'], ['input.parameterValues.platforms.1']],
      [column, 7, ['input.parameterValues.country']],
    ];
    for (const [p, v, expected] of cases) expect(paths(resolve([p], { [p.name]: v })), `${p.name}=${JSON.stringify(v)?.slice(0, 60)}`).toEqual(expected);
  });

  it('a DATE_RANGE of exactly maxRangeDays days passes, one more does not', () => {
    expect(resolve([range], { period: { from: '2026-01-01', to: '2026-01-07' } }, 7).ok).toBe(true);
    expect(paths(resolve([range], { period: { from: '2026-01-01', to: '2026-01-08' } }, 7))).toEqual(['input.parameterValues.period.to']);
  });

  it('refuses unknown names and values that are not an object', () => {
    expect(paths(resolve([text], { serch: 'x' }))).toEqual(['input.parameterValues.serch']);
    expect(resolve([], { a: 1 })).toEqual({ ok: false, errors: [{ path: 'input.parameterValues.a', message: 'unknown parameter; this report has none' }] });
    expect(paths(resolve([text], ['x']))).toEqual(['input.parameterValues']);
    expect(paths(resolve([text], 'search=x'))).toEqual(['input.parameterValues']);
  });
});
