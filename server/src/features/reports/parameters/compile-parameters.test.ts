/**
 * Parameters through validation, binding and the compiler (pure): references checked with paths,
 * values bound as `{p_<name>:Type}` and never in the SQL text, a parameter driving a filter and the
 * time range, and a report without parameters compiled exactly as before.
 */
import { describe, expect, it } from 'vitest';
import { compileReport, DefinitionRejected, maskingViolations, resolveTimeWindow, type CompileContext, type CompiledQuery } from '../compile-query.js';
import { validateDefinition, type NormalizedDefinition } from '../validate-definition.js';
import { applyParameterValues, bindParameterValues, describeParameterValues } from './bind.js';
import type { ColumnMasking } from '../../catalog/masking.js';

const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
const CTX: CompileContext = { tenantId: 'acme', asOf: new Date('2026-12-07T10:30:00Z'), database: 'analytics', maxRangeDays: 366, timeZone: 'UTC' };

const PARAMETERIZED = {
  source: 'usage_events',
  dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  parameters: [
    { name: 'platform', label: 'Platform', type: 'ENUM', multiple: true, optionsColumn: 'platform' },
    { name: 'period', type: 'DATE_RANGE', default: { from: '2026-11-01', to: '2026-11-30' } },
    { name: 'min_ms', type: 'NUMBER' },
    { name: 'search', type: 'TEXT' },
  ],
  filters: [
    { field: 'platform', op: 'IN', param: 'platform' },
    { field: 'duration_ms', op: 'GTE', param: 'min_ms' },
    { field: 'feature', op: 'CONTAINS', param: 'search' },
  ],
  timeRange: { param: 'period' },
};

function normalize(def: unknown): NormalizedDefinition {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}
function bound(def: unknown, values: unknown, ctx: Partial<CompileContext> = {}): CompiledQuery {
  const b = bindParameterValues(normalize(def), values, 'input.parameterValues', LIMITS.maxRangeDays);
  if (!b.ok) throw new Error(JSON.stringify(b.errors));
  return compileReport(b.definition, { ...CTX, ...ctx });
}
const errorPaths = (def: unknown) => {
  const r = validateDefinition(def, LIMITS);
  return r.valid ? [] : r.errors.map((e) => e.path);
};

describe('parameter references in a definition', () => {
  it('validates, and the normalized form validates again to itself', () => {
    const def = normalize(PARAMETERIZED);
    expect(def.filters[0]).toEqual({ field: 'platform', op: 'IN', value: null, values: null, param: 'platform' });
    expect(def.timeRange).toMatchObject({ field: 'timestamp', param: 'period', from: null, to: null });
    expect(normalize(def)).toEqual(def);
  });

  it('refuses bad references with paths', () => {
    const base = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };
    const cases: [unknown, string[]][] = [
      [{ ...base, filters: [{ field: 'platform', op: 'EQ', param: 'nope' }] }, ['filters.0.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT' }], filters: [{ field: 'platform', op: 'EQ', param: 'p', value: 'x' }] }, ['filters.0.value']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT', multiple: true }], filters: [{ field: 'platform', op: 'EQ', param: 'p' }] }, ['filters.0.op']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT' }], filters: [{ field: 'platform', op: 'IN', param: 'p' }] }, ['filters.0.op']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT' }], filters: [{ field: 'platform', op: 'BETWEEN', param: 'p' }] }, ['filters.0.op']],
      [{ ...base, parameters: [{ name: 'p', type: 'NUMBER' }], filters: [{ field: 'platform', op: 'EQ', param: 'p' }] }, ['filters.0.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT' }], filters: [{ field: 'duration_ms', op: 'EQ', param: 'p' }] }, ['filters.0.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'NUMBER' }], filters: [{ field: 'duration_ms', op: 'CONTAINS', param: 'p' }] }, ['filters.0.op']],
      [{ ...base, parameters: [{ name: 'p', type: 'DATE_RANGE' }], filters: [{ field: 'event_date', op: 'EQ', param: 'p' }] }, ['filters.0.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'DATE' }], timeRange: { param: 'p' } }, ['timeRange.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'DATE_RANGE' }], timeRange: { param: 'p' } }, ['timeRange.param']],
      [{ ...base, parameters: [{ name: 'p', type: 'DATE_RANGE', required: true }], timeRange: { param: 'p', last: { n: 7, unit: 'DAY' } } }, ['timeRange']],
      [{ ...base, parameters: [{ name: 'p', type: 'TEXT' }], parameterValues: { p: 5 } }, ['parameterValues.p']],
    ];
    for (const [def, expected] of cases) expect(errorPaths(def), JSON.stringify(def)).toEqual(expected);
  });
});

describe('binding and compiling', () => {
  it('binds each value as {p_<name>:Type}, drives the time range, and keeps values out of the SQL', () => {
    const q = bound(PARAMETERIZED, { platform: ['ios', "web' OR 1=1 --"], min_ms: 250, search: 'check}out{p0:String}', period: { from: '2026-12-01', to: '2026-12-03' } });
    expect(q.sql).toContain('`platform` IN {p_platform:Array(String)}');
    expect(q.sql).toContain('`duration_ms` >= {p_min_ms:Float64}');
    expect(q.sql).toContain('positionCaseInsensitiveUTF8(`feature`, {p_search:String}) > 0');
    expect(q.params).toMatchObject({
      p_platform: ['ios', "web' OR 1=1 --"], p_min_ms: 250, p_search: 'check}out{p0:String}',
      from: '2026-12-01 00:00:00.000', to: '2026-12-04 00:00:00.000',
    });
    for (const text of ['OR 1=1', 'check}out', '2026-12-01', '250']) expect(q.sql).not.toContain(text);
  });

  it('reads the DATE_RANGE in the run zone: Tokyo days start 9 hours before UTC ones', () => {
    const q = bound(PARAMETERIZED, { period: { from: '2026-12-01', to: '2026-12-01' } }, { timeZone: 'Asia/Tokyo' });
    expect(q.params).toMatchObject({ from: '2026-11-30 15:00:00.000', to: '2026-12-01 15:00:00.000' });
  });

  it('uses defaults, and leaves out filters on unset optional parameters', () => {
    const q = bound(PARAMETERIZED, {});
    expect(q.sql).not.toContain('p_platform');
    expect(q.sql).not.toContain('duration_ms');
    expect(q.params).toMatchObject({ from: '2026-11-01 00:00:00.000', to: '2026-12-01 00:00:00.000' });
    const window = resolveTimeWindow(bindParameterValues(normalize(PARAMETERIZED), {}, 'v', 366).ok ? (bindParameterValues(normalize(PARAMETERIZED), {}, 'v', 366) as { definition: NormalizedDefinition }).definition : normalize(PARAMETERIZED), CTX.asOf, 'UTC');
    expect(window).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
  });

  it('one parameter used by two filters gets two names when their types differ', () => {
    const q = bound({
      source: 'usage_events', measures: [{ fn: 'COUNT' }],
      parameters: [{ name: 'day', type: 'DATE', required: true }],
      filters: [{ field: 'event_date', op: 'GTE', param: 'day' }, { field: 'timestamp', op: 'GTE', param: 'day' }],
    }, { day: '2026-12-01' }, { timeZone: 'Asia/Tokyo' });
    expect(q.sql).toContain('`event_date` >= {p_day:Date}');
    expect(q.sql).toContain("`timestamp` >= {p_day_2:DateTime64(3, 'UTC')}");
    expect(q.params).toMatchObject({ p_day: '2026-12-01', p_day_2: '2026-11-30 15:00:00.000' });
  });

  it('refuses to compile a reference without a bound value (never widens silently)', () => {
    expect(() => compileReport(normalize(PARAMETERIZED), CTX)).toThrow(DefinitionRejected);
    expect(applyParameterValues(normalize(PARAMETERIZED))).toMatchObject({ ok: false, errors: [{ path: 'filters.0.param' }, { path: 'filters.1.param' }, { path: 'filters.2.param' }, { path: 'timeRange.param' }] });
  });

  it('reports binding errors at the caller path; a definition without parameters is left as it is', () => {
    expect(bindParameterValues(normalize(PARAMETERIZED), { platform: 'ios' }, 'input.parameterValues', 366))
      .toEqual({ ok: false, errors: [{ path: 'input.parameterValues.platform', message: 'must be a list' }] });
    const plain = normalize({ source: 'usage_events', measures: [{ fn: 'COUNT' }], filters: [{ field: 'platform', op: 'EQ', value: 'ios' }] });
    const same = bindParameterValues(plain, undefined, 'x', 366);
    expect(same).toEqual({ ok: true, definition: plain });
    expect(plain).not.toHaveProperty('parameters');
    expect(plain).not.toHaveProperty('parameterValues');
    expect(compileReport(plain, CTX).sql).toContain('`platform` = {p0:String}');
    expect(bindParameterValues(plain, { platform: 'ios' }, 'input.parameterValues', 366)).toMatchObject({ ok: false, errors: [{ path: 'input.parameterValues.platform' }] });
  });

  it('masking sees parameter values as it sees literals', () => {
    const masking: ColumnMasking = { role: 'viewer', modes: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' }, innerKeyHex: '00', outerKeyHex: '00' };
    const def = { source: 'usage_events', measures: [{ fn: 'COUNT' }], parameters: [{ name: 'who', type: 'TEXT' }], filters: [{ field: 'user_id', op: 'EQ', param: 'who' }] };
    const b = bindParameterValues(normalize(def), { who: 'user-1' }, 'p', 366);
    expect(b.ok).toBe(true);
    expect(maskingViolations((b as { definition: NormalizedDefinition }).definition, masking).map((e) => e.path)).toEqual(['filters.0.field']);
  });

  it('describes the values for the parameters block', () => {
    const b = bindParameterValues(normalize(PARAMETERIZED), { platform: ['ios', 'Ελλάδα 東京 🚀'], period: { from: '2026-12-01', to: '2026-12-07' } }, 'p', 366);
    expect(describeParameterValues((b as { definition: NormalizedDefinition }).definition)).toEqual([
      { label: 'Parameter: Platform', value: 'ios, Ελλάδα 東京 🚀' },
      { label: 'Parameter: Period', value: '2026-12-01 to 2026-12-07 (both days included)' },
      { label: 'Parameter: Min ms', value: '(any)' },
      { label: 'Parameter: Search', value: '(any)' },
    ]);
  });
});
