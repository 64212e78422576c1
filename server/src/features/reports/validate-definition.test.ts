import { describe, expect, it } from 'vitest';
import { CATALOG, type CatalogColumn, type ColumnKind } from '../catalog/catalog.js';
import { DEFAULT_ROW_LIMIT, FILTER_OPS, GRAINS, MEASURE_FNS, type FilterOp } from './definition.js';
import { canonicalBound, validateDefinition, type NormalizedDefinition } from './validate-definition.js';

const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
const base = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

function check(def: unknown, limits = LIMITS) {
  return validateDefinition(def, limits);
}
function errors(def: unknown, limits = LIMITS) {
  const r = check(def, limits);
  return r.valid ? [] : r.errors;
}
function paths(def: unknown, limits = LIMITS): string[] {
  return errors(def, limits).map((e) => e.path);
}
function ok(def: unknown, limits = LIMITS): NormalizedDefinition {
  const r = check(def, limits);
  if (!r.valid) throw new Error(`expected valid, got ${JSON.stringify(r.errors)}`);
  return r.definition;
}
const withFilter = (f: unknown, source = 'usage_events') => ({ source, measures: [{ fn: 'COUNT' }], filters: [f] });

/** A valid operand for a column kind, and one of the wrong type. */
const SAMPLE: Record<ColumnKind, { good: unknown[]; bad: unknown[] }> = {
  STRING: { good: ['a', 'b'], bad: [1, true] },
  NUMBER: { good: [1, 2.5], bad: ['abc', false] },
  BOOLEAN: { good: [false, true], bad: ['true', 1] },
  DATETIME: { good: ['2024-03-01T00:00:00Z', '2024-03-02T12:30:00.250+02:00'], bad: ['yesterday', 5] },
  DATE: { good: ['2024-03-01', '2024-03-02'], bad: ['2024-13-01', 5] },
};
const ORDERED: FilterOp[] = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'];
function operandsFor(op: FilterOp, col: CatalogColumn, which: 'good' | 'bad') {
  const [a, b] = SAMPLE[col.kind][which];
  if (op === 'IN' || op === 'NOT_IN' || op === 'BETWEEN') return { values: [a, b] };
  if (op === 'IS_NULL' || op === 'IS_NOT_NULL') return {};
  return { value: a };
}
const allowed = (op: FilterOp, kind: ColumnKind) =>
  !(ORDERED.includes(op) && kind === 'BOOLEAN') && !(op === 'CONTAINS' && kind !== 'STRING');

describe('shape', () => {
  it.each([null, undefined, 1, 'x', [], true])('rejects a non-object definition %j at the root', (def) => {
    expect(paths(def)).toEqual(['']);
  });
  it('rejects unknown properties at every level', () => {
    expect(paths({ ...base, extra: 1 })).toEqual(['extra']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country', alais: 'x' }] })).toEqual(['dimensions.0.alais']);
    expect(paths({ ...base, measures: [{ fn: 'COUNT', x: 1 }] })).toEqual(['measures.0.x']);
    expect(paths(withFilter({ field: 'country', op: 'EQ', value: 'x', y: 1 }))).toEqual(['filters.0.y']);
    expect(paths({ ...base, timeRange: { last: { n: 1, unit: 'DAY', z: 1 } } })).toEqual(['timeRange.last.z']);
    expect(paths({ ...base, timeRange: { last: { n: 1, unit: 'DAY' }, q: 1 } })).toEqual(['timeRange.q']);
    expect(paths({ ...base, orderBy: [{ key: 'count', dir: 'ASC' }] })).toEqual(['orderBy.0.dir']);
  });
  it('rejects wrong container types', () => {
    expect(paths({ ...base, dimensions: 'country' })).toEqual(['dimensions']);
    expect(paths({ ...base, filters: {} })).toEqual(['filters']);
    expect(paths({ ...base, orderBy: 3 })).toEqual(['orderBy']);
    expect(paths({ source: 'usage_events', measures: [null] })).toEqual(['measures.0']);
    expect(paths({ ...base, dimensions: [1, 'x'] })).toEqual(['dimensions.0', 'dimensions.1']);
    expect(paths({ ...base, timeRange: 'last week' })).toEqual(['timeRange']);
    expect(paths({ ...base, timeRange: { last: 7 } })).toEqual(['timeRange.last']);
  });
  it('treats null like absent for optional parts', () => {
    const d = ok({ ...base, dimensions: null, filters: null, timeRange: null, orderBy: null, rowLimit: null });
    expect(d).toMatchObject({ dimensions: [], filters: [], timeRange: null, orderBy: [], rowLimit: DEFAULT_ROW_LIMIT });
  });
  it('never throws on junk, whatever the nesting', () => {
    const junk: unknown[] = [null, 0, -1, 1.5, NaN, '', 'x', true, [], {}, [null], [{}], { a: 1 }, [[]], () => 1, Symbol('s')];
    const keys = ['source', 'dimensions', 'measures', 'filters', 'timeRange', 'orderBy', 'rowLimit'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
    const item = (): unknown => {
      const r = rnd(4);
      if (r === 0) return junk[rnd(junk.length)];
      if (r === 1) return { field: junk[rnd(junk.length)], op: FILTER_OPS[rnd(12)], value: junk[rnd(junk.length)], values: junk[rnd(junk.length)] };
      if (r === 2) return { fn: MEASURE_FNS[rnd(6)], field: 'user_id', alias: junk[rnd(junk.length)], grain: GRAINS[rnd(4)] };
      return { last: junk[rnd(junk.length)], from: junk[rnd(junk.length)], to: '2024-01-01', key: 'count' };
    };
    for (let i = 0; i < 2000; i++) {
      const def: Record<string, unknown> = {};
      for (const k of keys) if (rnd(2)) def[k] = rnd(2) ? junk[rnd(junk.length)] : [item(), item()];
      if (rnd(2)) def.source = 'usage_events';
      const r = check(def);
      if (!r.valid) for (const e of r.errors) expect(typeof e.path).toBe('string');
    }
  });
});

describe('source', () => {
  it('must be a catalog table', () => {
    expect(paths({ measures: [{ fn: 'COUNT' }] })).toEqual(['source']);
    expect(paths({ ...base, source: 'system.users' })).toEqual(['source']);
    expect(paths({ ...base, source: 'usage_events; DROP TABLE x' })).toEqual(['source']);
    expect(paths({ ...base, source: 42 })).toEqual(['source']);
  });
  it('still reports the other errors when the source is unknown', () => {
    expect(paths({ source: 'nope', measures: [{ fn: 'NOPE' }], rowLimit: 0 })).toEqual(['source', 'measures.0.fn', 'rowLimit']);
  });
});

describe('dimensions', () => {
  it('need a catalog column of the source', () => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country' }, { field: 'cpu_percent' }] })).toEqual(['dimensions.1.field']);
    expect(paths({ source: 'usage_events', dimensions: [{}] })).toEqual(['dimensions.0.field']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 7 }] })).toEqual(['dimensions.0.field']);
  });
  it('never accept the tenant column anywhere', () => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'tenant_id' }] })).toEqual(['dimensions.0.field']);
    expect(paths({ ...base, measures: [{ fn: 'UNIQ', field: 'tenant_id' }] })).toEqual(['measures.0.field']);
    expect(paths(withFilter({ field: 'tenant_id', op: 'EQ', value: 'globex' }))).toEqual(['filters.0.field']);
    expect(paths({ ...base, timeRange: { field: 'tenant_id', last: { n: 1, unit: 'DAY' } } })).toEqual(['timeRange.field']);
  });
  it('derive output keys from field and grain', () => {
    const d = ok({ source: 'usage_events', dimensions: GRAINS.map((grain) => ({ field: 'timestamp', grain })).concat([{ field: 'country' } as never]) });
    expect(d.dimensions.map((x) => x.alias)).toEqual(['timestamp_hour', 'timestamp_day', 'timestamp_week', 'timestamp_month', 'timestamp_quarter', 'timestamp_year', 'country']);
  });
  it('take a grain only on temporal columns, and no HOUR on a DATE', () => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country', grain: 'DAY' }] })).toEqual(['dimensions.0.grain']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'value', grain: 'MONTH' }] })).toEqual(['dimensions.0.grain']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'event_date', grain: 'HOUR' }] })).toEqual(['dimensions.0.grain']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DECADE' }] })).toEqual(['dimensions.0.grain']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'day' }] })).toEqual(['dimensions.0.grain']);
    for (const table of CATALOG) {
      for (const col of table.columns) {
        for (const grain of GRAINS) {
          const valid = (col.kind === 'DATETIME') || (col.kind === 'DATE' && grain !== 'HOUR');
          expect(check({ source: table.name, dimensions: [{ field: col.name, grain }] }).valid, `${table.name}.${col.name} ${grain}`).toBe(valid);
        }
      }
    }
  });
});

describe('measures', () => {
  it('use an allowlisted fn', () => {
    expect(paths({ source: 'usage_events', measures: [{ fn: 'MEDIAN', field: 'value' }] })).toEqual(['measures.0.fn']);
    expect(paths({ source: 'usage_events', measures: [{ fn: 'count' }] })).toEqual(['measures.0.fn']);
    expect(paths({ source: 'usage_events', measures: [{}] })).toEqual(['measures.0.fn']);
  });
  it('COUNT takes no field, or counts non-null values of one', () => {
    expect(ok(base).measures).toEqual([{ fn: 'COUNT', field: null, alias: 'count' }]);
    expect(ok({ ...base, measures: [{ fn: 'COUNT', field: 'referrer' }] }).measures).toEqual([{ fn: 'COUNT', field: 'referrer', alias: 'count_referrer' }]);
    expect(paths({ ...base, measures: [{ fn: 'COUNT', field: 'nope' }] })).toEqual(['measures.0.field']);
  });
  it('follow the column rules for every fn × every column', () => {
    for (const table of CATALOG) {
      for (const col of table.columns) {
        for (const fn of MEASURE_FNS) {
          const temporal = col.kind === 'DATETIME' || col.kind === 'DATE';
          const valid = fn === 'COUNT_TRUE' ? col.kind === 'BOOLEAN'
            : fn === 'COUNT' || fn === 'UNIQ' || col.measure || ((fn === 'MIN' || fn === 'MAX') && temporal);
          const r = check({ source: table.name, measures: [{ fn, field: col.name }] });
          expect(r.valid, `${fn}(${table.name}.${col.name})`).toBe(valid);
          if (r.valid) expect(r.definition.measures[0]!.alias).toBe(`${fn.toLowerCase()}_${col.name}`);
          else expect(r.errors.map((e) => e.path)).toEqual(['measures.0.field']);
        }
      }
    }
  });
  it('need a field for everything but COUNT', () => {
    for (const fn of ['UNIQ', 'SUM', 'AVG', 'MIN', 'MAX', 'COUNT_TRUE']) {
      expect(paths({ source: 'usage_events', measures: [{ fn }] })).toEqual(['measures.0.field']);
      expect(paths({ source: 'usage_events', measures: [{ fn, field: null }] })).toEqual(['measures.0.field']);
    }
  });
  it('without dimensions are allowed (one total row); raw reports too; neither is not', () => {
    expect(ok({ source: 'device_metrics', measures: [{ fn: 'AVG', field: 'cpu_percent' }] }).dimensions).toEqual([]);
    expect(ok({ source: 'device_metrics', dimensions: [{ field: 'device_id' }] }).measures).toEqual([]);
    expect(paths({ source: 'device_metrics' })).toEqual(['dimensions']);
    expect(paths({ source: 'device_metrics', dimensions: [], measures: [] })).toEqual(['dimensions']);
  });
});

describe('aliases and output keys', () => {
  it.each(['1abc', 'a-b', 'a b', '', 'x`y', 'ä', 'a'.repeat(64), 'drop;', 5])('reject alias %j', (alias) => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country', alias }] })).toEqual(['dimensions.0.alias']);
    expect(paths({ source: 'usage_events', measures: [{ fn: 'COUNT', alias }] })).toEqual(['measures.0.alias']);
  });
  it.each(['a', '_x', 'Total_Events', 'a'.repeat(63), 'select'])('accept alias %j', (alias) => {
    expect(ok({ source: 'usage_events', measures: [{ fn: 'COUNT', alias }] }).measures[0]!.alias).toBe(alias);
  });
  it('must be unique, the duplicate reported where an alias would fix it', () => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country' }, { field: 'country' }] })).toEqual(['dimensions.1.alias']);
    expect(paths({ source: 'usage_events', measures: [{ fn: 'COUNT' }, { fn: 'COUNT' }] })).toEqual(['measures.1.alias']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'country', alias: 'x' }], measures: [{ fn: 'COUNT', alias: 'x' }] })).toEqual(['measures.0.alias']);
    expect(check({ source: 'usage_events', dimensions: [{ field: 'country' }, { field: 'country', alias: 'c2' }] }).valid).toBe(true);
  });
  it('may not name a column (SELECT aliases shadow columns in WHERE), unless it is that plain column', () => {
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'user_id', alias: 'tenant_id' }] })).toEqual(['dimensions.0.alias']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'user_id', alias: 'country' }] })).toEqual(['dimensions.0.alias']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'timestamp' }] })).toEqual(['dimensions.0.alias']);
    expect(paths({ source: 'usage_events', measures: [{ fn: 'COUNT', alias: 'tenant_id' }] })).toEqual(['measures.0.alias']);
    expect(paths({ source: 'usage_events', measures: [{ fn: 'UNIQ', field: 'user_id', alias: 'user_id' }] })).toEqual(['measures.0.alias']);
    expect(ok({ source: 'usage_events', dimensions: [{ field: 'user_id', alias: 'user_id' }] }).dimensions[0]!.alias).toBe('user_id');
    // A column of another table is fine.
    expect(check({ source: 'usage_events', dimensions: [{ field: 'user_id', alias: 'cpu_percent' }] }).valid).toBe(true);
  });
});

describe('filters', () => {
  it('every op × every column of every table follows the kind rules', () => {
    for (const table of CATALOG) {
      for (const col of table.columns) {
        for (const op of FILTER_OPS) {
          const good = check(withFilter({ field: col.name, op, ...operandsFor(op, col, 'good') }, table.name));
          expect(good.valid, `${table.name}.${col.name} ${op} good`).toBe(allowed(op, col.kind));
          if (!good.valid) expect(good.errors.map((e) => e.path)).toEqual(['filters.0.op']);
          if (!allowed(op, col.kind) || op === 'IS_NULL' || op === 'IS_NOT_NULL') continue;
          const bad = errors(withFilter({ field: col.name, op, ...operandsFor(op, col, 'bad') }, table.name)).map((e) => e.path);
          expect(bad, `${table.name}.${col.name} ${op} bad`).toEqual(
            op === 'IN' || op === 'NOT_IN' || op === 'BETWEEN' ? ['filters.0.values.0', 'filters.0.values.1'] : ['filters.0.value']);
        }
      }
    }
  });
  it('need a filter column and a known op', () => {
    expect(paths(withFilter({ field: 'nope', op: 'EQ', value: 'x' }))).toEqual(['filters.0.field']);
    expect(paths(withFilter({ field: 'country', op: 'LIKE', value: 'x' }))).toEqual(['filters.0.op']);
    expect(paths(withFilter({ field: 'country', value: 'x' }))).toEqual(['filters.0.op']);
  });
  it('single-value ops need value and refuse values', () => {
    expect(paths(withFilter({ field: 'country', op: 'EQ' }))).toEqual(['filters.0.value']);
    expect(paths(withFilter({ field: 'country', op: 'EQ', value: null }))).toEqual(['filters.0.value']);
    expect(paths(withFilter({ field: 'country', op: 'EQ', values: ['x'] }))).toEqual(['filters.0.values', 'filters.0.value']);
    expect(paths(withFilter({ field: 'country', op: 'EQ', value: ['x'] }))).toEqual(['filters.0.value']);
  });
  it('IN and NOT_IN need 1..1000 values', () => {
    for (const op of ['IN', 'NOT_IN']) {
      expect(paths(withFilter({ field: 'country', op }))).toEqual(['filters.0.values']);
      expect(paths(withFilter({ field: 'country', op, values: [] }))).toEqual(['filters.0.values']);
      expect(paths(withFilter({ field: 'country', op, values: 'x' }))).toEqual(['filters.0.values']);
      expect(paths(withFilter({ field: 'country', op, value: 'x', values: ['x'] }))).toEqual(['filters.0.value']);
      expect(paths(withFilter({ field: 'country', op, values: Array(1001).fill('x') }))).toEqual(['filters.0.values']);
      expect(check(withFilter({ field: 'country', op, values: Array(1000).fill('x') })).valid).toBe(true);
      expect(paths(withFilter({ field: 'duration_ms', op, values: [1, 2, 'x', 4] }))).toEqual(['filters.0.values.2']);
    }
  });
  it('BETWEEN needs exactly two ordered bounds', () => {
    expect(paths(withFilter({ field: 'value', op: 'BETWEEN', values: [1] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'value', op: 'BETWEEN', values: [1, 2, 3] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'value', op: 'BETWEEN', value: 1 }))).toEqual(['filters.0.value', 'filters.0.values']);
    expect(paths(withFilter({ field: 'value', op: 'BETWEEN', values: [2, 1] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'value', op: 'BETWEEN', values: ['10', 9] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'country', op: 'BETWEEN', values: ['b', 'a'] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'timestamp', op: 'BETWEEN', values: ['2024-03-02', '2024-03-01T23:00:00Z'] }))).toEqual(['filters.0.values']);
    expect(paths(withFilter({ field: 'event_date', op: 'BETWEEN', values: ['2024-03-02', '2024-03-01'] }))).toEqual(['filters.0.values']);
    expect(check(withFilter({ field: 'value', op: 'BETWEEN', values: [1, 1] })).valid).toBe(true);
    // Bytewise (code point) order, as ClickHouse compares strings: U+FF5E sorts before U+1F600.
    expect(check(withFilter({ field: 'country', op: 'BETWEEN', values: ['\uff5e', '😀'] })).valid).toBe(true);
  });
  it('IS_NULL and IS_NOT_NULL take no operand', () => {
    for (const op of ['IS_NULL', 'IS_NOT_NULL']) {
      expect(ok(withFilter({ field: 'referrer', op })).filters[0]).toEqual({ field: 'referrer', op, value: null, values: null });
      expect(paths(withFilter({ field: 'referrer', op, value: 'x' }))).toEqual(['filters.0.value']);
      expect(paths(withFilter({ field: 'referrer', op, values: ['x'] }))).toEqual(['filters.0.values']);
    }
  });
  it('CONTAINS only on STRING, never empty', () => {
    expect(paths(withFilter({ field: 'duration_ms', op: 'CONTAINS', value: '1' }))).toEqual(['filters.0.op']);
    expect(paths(withFilter({ field: 'country', op: 'CONTAINS', value: '' }))).toEqual(['filters.0.value']);
    expect(ok(withFilter({ field: 'country', op: 'CONTAINS', value: '%_' })).filters[0]!.value).toBe('%_');
  });
  it('limit strings to 1000 characters', () => {
    expect(check(withFilter({ field: 'country', op: 'EQ', value: 'x'.repeat(1000) })).valid).toBe(true);
    expect(paths(withFilter({ field: 'country', op: 'EQ', value: 'x'.repeat(1001) }))).toEqual(['filters.0.value']);
    expect(paths(withFilter({ field: 'country', op: 'IN', values: ['a', 'x'.repeat(1001)] }))).toEqual(['filters.0.values.1']);
  });
  it('NUMBER takes finite numbers and numeric strings, normalized to numbers', () => {
    const values = ok(withFilter({ field: 'value', op: 'IN', values: [1, '2.5', '-3e2', ' 4 ', '.5', 0] })).filters[0]!.values;
    expect(values).toEqual([1, 2.5, -300, 4, 0.5, 0]);
    for (const bad of [NaN, Infinity, -Infinity, '1e400', 'abc', '', '0x10', '1,5', true, null, 2 ** 53, -(2 ** 60)]) {
      expect(paths(withFilter({ field: 'value', op: 'IN', values: [bad] })), String(bad)).toEqual(['filters.0.values.0']);
    }
  });
  it('BOOLEAN takes booleans only', () => {
    expect(ok(withFilter({ field: 'is_error', op: 'EQ', value: false })).filters[0]!.value).toBe(false);
    for (const bad of ['true', 1, 0, 'false']) expect(paths(withFilter({ field: 'is_error', op: 'EQ', value: bad }))).toEqual(['filters.0.value']);
  });
  it('DATETIME takes ISO-8601 dates and date-times: wall times kept for the run\'s zone, instants normalized to UTC', () => {
    const norm = (value: string) => ok(withFilter({ field: 'timestamp', op: 'GT', value })).filters[0]!.value;
    expect(norm('2024-03-01')).toBe('2024-03-01');
    expect(norm('2024-03-01T10:20')).toBe('2024-03-01T10:20:00.000');
    expect(norm('2024-03-01 10:20:30.123456')).toBe('2024-03-01T10:20:30.123');
    expect(norm('2024-03-01T10:20:30+02:00')).toBe('2024-03-01T08:20:30.000Z');
    expect(norm('2024-03-01T10:20:30-0530')).toBe('2024-03-01T15:50:30.000Z');
    expect(norm('2024-02-29t00:00:00z')).toBe('2024-02-29T00:00:00.000Z');
    for (const bad of ['2023-02-29', '2024-03-01T24:00', '2024-3-1', '01/03/2024', 'now', '2024-03-01T10:20:30+25:00',
      '1969-12-31T23:59:59Z', '2149-06-07', '0099-01-01', '2024-03-01T10:20:61', 1709251200000]) {
      expect(paths(withFilter({ field: 'timestamp', op: 'GT', value: bad })), String(bad)).toEqual(['filters.0.value']);
    }
  });
  it('DATE takes calendar days only', () => {
    expect(ok(withFilter({ field: 'event_date', op: 'EQ', value: '2024-03-01' })).filters[0]!.value).toBe('2024-03-01');
    expect(ok(withFilter({ field: 'event_date', op: 'EQ', value: '2024-03-01T00:00:00Z' })).filters[0]!.value).toBe('2024-03-01');
    expect(ok(withFilter({ field: 'event_date', op: 'EQ', value: '2024-03-02T01:00:00+01:00' })).filters[0]!.value).toBe('2024-03-02');
    expect(paths(withFilter({ field: 'event_date', op: 'EQ', value: '2024-03-01T10:00:00Z' }))).toEqual(['filters.0.value']);
  });
});

describe('timeRange', () => {
  const tr = (timeRange: unknown, limits = LIMITS) => paths({ ...base, timeRange }, limits);
  it('is exactly one of last, rolling, period or from/to', () => {
    expect(tr({ last: { n: 1, unit: 'DAY' }, from: '2024-01-01' })).toEqual(['timeRange']);
    expect(tr({ last: { n: 1, unit: 'DAY' }, rolling: { n: 1, unit: 'DAY' } })).toEqual(['timeRange']);
    expect(tr({ period: 'TODAY', rolling: { n: 1, unit: 'DAY' } })).toEqual(['timeRange']);
    expect(tr({ period: 'NEXT_WEEK' })).toEqual(['timeRange.period']);
    expect(tr({ period: 'PREVIOUS_QUARTER' })).toEqual([]);
    expect(tr({ rolling: { n: 24, unit: 'HOUR' } })).toEqual([]);
    expect(tr({ rolling: { n: 24, unit: 'HOUR', includeCurrent: true } })).toEqual(['timeRange.rolling.includeCurrent']);
    expect(tr({ last: { n: 1, unit: 'DAY', includeCurrent: 'yes' } })).toEqual(['timeRange.last.includeCurrent']);
    expect(tr({}).length).toBe(1);
    expect(tr({ field: 'timestamp' })).toEqual(['timeRange']);
  });
  it('checks last.n and last.unit', () => {
    for (const n of [0, -1, 1.5, '7', 10_001, null]) expect(tr({ last: { n, unit: 'HOUR' } }), String(n)).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 1, unit: 'DECADE' } })).toEqual(['timeRange.last.unit']);
    expect(tr({ last: { n: 1 } })).toEqual(['timeRange.last.unit']);
    expect(tr({ last: { n: 10_000, unit: 'HOUR' } }, { ...LIMITS, maxRangeDays: 417 })).toEqual([]);
  });
  it('bounds relative ranges by maxRangeDays in their worst case', () => {
    expect(tr({ last: { n: 366, unit: 'DAY' } })).toEqual([]);
    expect(tr({ last: { n: 367, unit: 'DAY' } })).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 8784, unit: 'HOUR' } })).toEqual([]);
    expect(tr({ last: { n: 8785, unit: 'HOUR' } })).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 52, unit: 'WEEK' } })).toEqual([]);
    expect(tr({ last: { n: 53, unit: 'WEEK' } })).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 12, unit: 'MONTH' } })).toEqual([]);
    expect(tr({ last: { n: 13, unit: 'MONTH' } })).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 1, unit: 'MONTH' } }, { ...LIMITS, maxRangeDays: 30 })).toEqual(['timeRange.last.n']);
    expect(tr({ last: { n: 1, unit: 'MONTH' } }, { ...LIMITS, maxRangeDays: 31 })).toEqual([]);
  });
  it('needs both from and to, as ISO instants, from before to', () => {
    expect(tr({ from: '2024-01-01' })).toEqual(['timeRange.to']);
    expect(tr({ to: '2024-01-01' })).toEqual(['timeRange.from']);
    expect(tr({ from: 'last monday', to: '2024-01-01' })).toEqual(['timeRange.from']);
    expect(tr({ from: '2024-01-01', to: 20240102 })).toEqual(['timeRange.to']);
    expect(tr({ from: '2024-01-02', to: '2024-01-01' })).toEqual(['timeRange.to']);
    expect(tr({ from: '2024-01-01', to: '2024-01-01T00:00:00Z' })).toEqual(['timeRange.to']);
    expect(tr({ from: '2024-01-01T00:00:00+01:00', to: '2024-01-01T00:00:00Z' })).toEqual([]);
  });
  it('bounds absolute ranges by maxRangeDays', () => {
    expect(tr({ from: '2024-01-01', to: '2025-01-01' })).toEqual([]); // 366 days (leap year)
    expect(tr({ from: '2024-01-01', to: '2025-01-01T01:00:00.001Z' })).toEqual(['timeRange.to']);
    expect(tr({ from: '2024-01-01', to: '2024-01-08' }, { ...LIMITS, maxRangeDays: 7 })).toEqual([]);
    expect(tr({ from: '2024-01-01', to: '2024-01-09' }, { ...LIMITS, maxRangeDays: 7 })).toEqual(['timeRange.to']);
  });
  it('applies to a time column, the table default when absent', () => {
    expect(tr({ field: 'country', last: { n: 1, unit: 'DAY' } })).toEqual(['timeRange.field']);
    expect(tr({ field: 'nope', last: { n: 1, unit: 'DAY' } })).toEqual(['timeRange.field']);
    for (const table of CATALOG) {
      const d = ok({ source: table.name, measures: [{ fn: 'COUNT' }], timeRange: { last: { n: 1, unit: 'DAY' } } });
      expect(d.timeRange).toEqual({ field: table.defaultTimeColumn, last: { n: 1, unit: 'DAY', includeCurrent: false }, rolling: null, period: null, from: null, to: null });
      for (const col of table.columns) {
        expect(check({ source: table.name, measures: [{ fn: 'COUNT' }], timeRange: { field: col.name, last: { n: 1, unit: 'DAY' } } }).valid).toBe(col.time);
      }
    }
  });
  it('keeps dates and wall times for the run\'s zone, normalizes instants with an offset to UTC', () => {
    expect(ok({ ...base, timeRange: { field: 'event_date', from: '2024-03-01', to: '2024-03-08T12:00:00+02:00' } }).timeRange)
      .toEqual({ field: 'event_date', last: null, rolling: null, period: null, from: '2024-03-01', to: '2024-03-08T10:00:00.000Z' });
    expect(ok({ ...base, timeRange: { from: '2024-03-01 09:30', to: '2024-03-02' } }).timeRange)
      .toMatchObject({ from: '2024-03-01T09:30:00.000', to: '2024-03-02' });
  });
  it('checks from before to in the report\'s zone', () => {
    // March 1 starts at 2024-02-29T15:00Z in Tokyo, at 2024-03-01T00:00Z in UTC (the default).
    expect(paths({ ...base, timeZone: 'Asia/Tokyo', timeRange: { from: '2024-03-01', to: '2024-02-29T16:00:00Z' } })).toEqual([]);
    expect(paths({ ...base, timeRange: { from: '2024-03-01', to: '2024-02-29T16:00:00Z' } })).toEqual(['timeRange.to']);
  });
});

describe('orderBy', () => {
  const def = { source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY' }], measures: [{ fn: 'COUNT', alias: 'n' }] };
  it('refers to output keys, defaulting to ASC', () => {
    expect(ok({ ...def, orderBy: [{ key: 'n', direction: 'DESC' }, { key: 'timestamp_day' }] }).orderBy)
      .toEqual([{ key: 'n', direction: 'DESC' }, { key: 'timestamp_day', direction: 'ASC' }]);
    expect(paths({ ...def, orderBy: [{ key: 'timestamp' }] })).toEqual(['orderBy.0.key']);
    expect(paths({ ...def, orderBy: [{ key: 'count' }] })).toEqual(['orderBy.0.key']);
    expect(paths({ ...def, orderBy: [{}] })).toEqual(['orderBy.0.key']);
    expect(paths({ ...def, orderBy: [{ key: 'n' }, { key: 'n', direction: 'DESC' }] })).toEqual(['orderBy.1.key']);
    expect(paths({ ...def, orderBy: [{ key: 'n', direction: 'desc' }] })).toEqual(['orderBy.0.direction']);
  });
});

describe('rowLimit', () => {
  it('defaults to DEFAULT_ROW_LIMIT, capped by maxRowLimit', () => {
    expect(ok(base).rowLimit).toBe(DEFAULT_ROW_LIMIT);
    expect(ok(base, { maxRowLimit: 500, maxRangeDays: 366 }).rowLimit).toBe(500);
  });
  it('is an integer within 1..maxRowLimit', () => {
    expect(ok({ ...base, rowLimit: 1 }).rowLimit).toBe(1);
    expect(ok({ ...base, rowLimit: 1_000_000 }).rowLimit).toBe(1_000_000);
    for (const r of [0, -1, 1.5, '10', 1_000_001, NaN, true]) expect(paths({ ...base, rowLimit: r }), String(r)).toEqual(['rowLimit']);
  });
});

describe('caps', () => {
  it('limit the sizes of lists', () => {
    const dims = (n: number) => Array.from({ length: n }, (_, i) => ({ field: 'country', alias: `c${i}` }));
    expect(check({ source: 'usage_events', dimensions: dims(20) }).valid).toBe(true);
    expect(paths({ source: 'usage_events', dimensions: dims(21) })).toEqual(['dimensions']);
    const meas = (n: number) => Array.from({ length: n }, (_, i) => ({ fn: 'COUNT', alias: `m${i}` }));
    expect(check({ source: 'usage_events', measures: meas(20) }).valid).toBe(true);
    expect(paths({ source: 'usage_events', measures: meas(21) })).toEqual(['measures']);
    const filters = (n: number) => Array(n).fill({ field: 'country', op: 'IS_NOT_NULL' });
    expect(check({ ...base, filters: filters(50) }).valid).toBe(true);
    expect(paths({ ...base, filters: filters(51) })).toEqual(['filters']);
    const orderBy = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `m${i}` }));
    expect(check({ source: 'usage_events', measures: meas(20), orderBy: orderBy(20) }).valid).toBe(true);
    expect(paths({ source: 'usage_events', measures: meas(20), orderBy: [...orderBy(20), { key: 'm0' }] })).toEqual(['orderBy']);
  });
});

describe('whole definitions', () => {
  it('collect every error at once', () => {
    expect(paths({
      source: 'usage_events',
      dimensions: [{ field: 'country' }, { field: 'nope' }],
      measures: [{ fn: 'SUM', field: 'country' }],
      filters: [{ field: 'value', op: 'EQ', value: 'x' }, { field: 'country', op: 'IN', values: [] }],
      timeRange: { from: 'x', to: '2024-01-01' },
      orderBy: [{ key: 'zzz' }],
      rowLimit: 0,
    })).toEqual(['dimensions.1.field', 'measures.0.field', 'filters.0.value', 'filters.1.values', 'timeRange.from', 'orderBy.0.key', 'rowLimit']);
  });
  const examples = [
    { // The seeded "Usage Summary".
      source: 'usage_events',
      dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }, { field: 'event_type' }],
      measures: [{ fn: 'COUNT', alias: 'total_events' }, { fn: 'UNIQ', field: 'user_id', alias: 'unique_users' }, { fn: 'UNIQ', field: 'device_id', alias: 'unique_devices' }],
      timeRange: { last: { n: 7, unit: 'DAY' } },
      orderBy: [{ key: 'date', direction: 'DESC' }],
      rowLimit: 1000,
    },
    {
      source: 'user_sessions',
      dimensions: [{ field: 'started_at', grain: 'WEEK' }, { field: 'platform' }],
      measures: [{ fn: 'AVG', field: 'duration_seconds' }, { fn: 'SUM', field: 'page_views' }, { fn: 'MAX', field: 'ended_at' }],
      filters: [{ field: 'is_bounce', op: 'EQ', value: false }, { field: 'country', op: 'NOT_IN', values: ['US', 'DE'] }],
      timeRange: { field: 'ended_at', from: '2024-01-01', to: '2024-04-01' },
      orderBy: [{ key: 'sum_page_views', direction: 'DESC' }],
    },
    {
      source: 'device_metrics',
      dimensions: [{ field: 'device_type' }, { field: 'timestamp', grain: 'HOUR', alias: 'hour' }],
      measures: [{ fn: 'MIN', field: 'battery_percent' }, { fn: 'COUNT', field: 'battery_percent' }],
      filters: [{ field: 'cpu_percent', op: 'BETWEEN', values: [10, '90.5'] }, { field: 'battery_percent', op: 'IS_NOT_NULL' }],
      timeRange: { last: { n: 48, unit: 'HOUR' } },
      rowLimit: 50,
    },
    { source: 'device_metrics', dimensions: [{ field: 'device_id' }, { field: 'os' }, { field: 'is_online' }], filters: [{ field: 'os', op: 'CONTAINS', value: 'LIN' }] },
  ];
  it.each(examples.map((e) => [e.source, e]))('accepts a valid %s report and normalizes it idempotently', (_, def) => {
    const once = ok(def);
    expect(once.source).toBe(def.source);
    expect(ok(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });
  it('fills defaults in the seeded report', () => {
    expect(ok(examples[0])).toEqual({
      source: 'usage_events',
      dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }, { field: 'event_type', grain: null, alias: 'event_type' }],
      measures: [
        { fn: 'COUNT', field: null, alias: 'total_events' },
        { fn: 'UNIQ', field: 'user_id', alias: 'unique_users' },
        { fn: 'UNIQ', field: 'device_id', alias: 'unique_devices' },
      ],
      filters: [],
      timeRange: { field: 'timestamp', last: { n: 7, unit: 'DAY', includeCurrent: false }, rolling: null, period: null, from: null, to: null },
      orderBy: [{ key: 'date', direction: 'DESC' }],
      rowLimit: 1000,
      timeZone: 'UTC',
      // No locale named: null (en-US applies at run time, exports/run-locale.ts).
      locale: null,
      weekStart: 'MONDAY',
      raw: false,
    });
  });
});

describe('time zone, week start and raw rows', () => {
  it('timeZone is an IANA zone in one spelling, UTC when absent', () => {
    expect(ok(base).timeZone).toBe('UTC');
    expect(ok({ ...base, timeZone: 'asia/tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(ok({ ...base, timeZone: 'Etc/UTC' }).timeZone).toBe('UTC');
    expect(ok({ ...base, timeZone: 'Asia/Kathmandu' }).timeZone).toBe('Asia/Kathmandu');
    for (const bad of ['EST', '+02:00', 'Mars/Olympus', '', 5, 'x'.repeat(100)]) {
      expect(paths({ ...base, timeZone: bad }), String(bad)).toEqual(['timeZone']);
    }
  });
  it('weekStart is MONDAY (default) or SUNDAY', () => {
    expect(ok(base).weekStart).toBe('MONDAY');
    expect(ok({ ...base, weekStart: 'SUNDAY' }).weekStart).toBe('SUNDAY');
    expect(paths({ ...base, weekStart: 'SATURDAY' })).toEqual(['weekStart']);
  });
  it('raw lists rows only without measures', () => {
    expect(ok({ source: 'usage_events', dimensions: [{ field: 'platform' }] }).raw).toBe(false);
    expect(ok({ source: 'usage_events', dimensions: [{ field: 'platform' }], raw: true }).raw).toBe(true);
    expect(paths({ ...base, raw: true })).toEqual(['raw']);
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'platform' }], raw: 'yes' })).toEqual(['raw']);
  });
  it('relative ranges of every unit, period and week start normalize idempotently', () => {
    for (const unit of ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']) {
      for (const form of [{ last: { n: 1, unit, includeCurrent: unit !== 'YEAR' } }, { rolling: { n: 1, unit } }]) {
        const once = ok({ ...base, timeRange: form, weekStart: 'SUNDAY', timeZone: 'Australia/Lord_Howe' });
        expect(ok(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }
    }
  });
});

describe('time helpers', () => {
  it('canonicalBound keeps dates and wall times, turns instants into UTC, handles years below 100 literally', () => {
    expect(canonicalBound('0099-01-01')).toBe('0099-01-01');
    expect(canonicalBound('2026-12-01')).toBe('2026-12-01');
    expect(canonicalBound('2026-12-01T9:00')).toBeNull();
    expect(canonicalBound('2026-12-01 09:00')).toBe('2026-12-01T09:00:00.000');
    expect(canonicalBound('2026-12-01T09:00:00+09:00')).toBe('2026-12-01T00:00:00.000Z');
    expect(canonicalBound('2026-02-29')).toBeNull();
    expect(canonicalBound('2024-02-29')).toBe('2024-02-29');
  });
});
