import { describe, expect, it } from 'vitest';
import { CATALOG, type CatalogColumn, type ColumnKind } from '../catalog/catalog.js';
import { FILTER_OPS, GRAINS, MEASURE_FNS, type FilterOp } from './definition.js';
import {
  compileCount, compileCsvReport, compilePage, compileReport, DefinitionRejected, resolveTimeWindow, type CompileContext, type CompiledQuery,
} from './compile-query.js';
import { validateDefinition, type NormalizedDefinition } from './validate-definition.js';

const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
const CTX: CompileContext = { tenantId: 'acme', asOf: new Date('2024-03-08T10:30:00.250Z'), database: 'analytics', maxRangeDays: 366, timeZone: 'UTC' };
const TENANT = '`tenant_id` = {tenant:String}';

function normalize(def: unknown): NormalizedDefinition {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}
const compile = (def: unknown, ctx: Partial<CompileContext> = {}) => compileReport(normalize(def), { ...CTX, ...ctx });
const count = { fn: 'COUNT' };
const where = (q: CompiledQuery) => /\nWHERE (.*)\n/.exec(q.sql)![1]!;

/** Every `{name:Type}` in the SQL has a param, and every param a placeholder. */
function expectBound(q: CompiledQuery) {
  const names = [...q.sql.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*):[^}]+\}/g)].map((m) => m[1]);
  expect(new Set(names)).toEqual(new Set(Object.keys(q.params)));
}
function expectSafe(q: CompiledQuery) {
  expect(q.sql).toContain(TENANT);
  expectBound(q);
}

const SAMPLE: Record<ColumnKind, [unknown, unknown]> = {
  STRING: ['zq_alpha', 'zq_beta'],
  NUMBER: [987654.321, 987655],
  BOOLEAN: [true, false],
  DATETIME: ['2024-03-05T01:02:03.004Z', '2024-03-06T05:06:07.008Z'],
  DATE: ['2024-03-05', '2024-03-06'],
};
function filterFor(col: CatalogColumn, op: FilterOp) {
  const [a, b] = SAMPLE[col.kind];
  if (op === 'IN' || op === 'NOT_IN' || op === 'BETWEEN') return { field: col.name, op, values: [a, b] };
  if (op === 'IS_NULL' || op === 'IS_NOT_NULL') return { field: col.name, op };
  return { field: col.name, op, value: a };
}
const allowed = (op: FilterOp, kind: ColumnKind) =>
  !(['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'].includes(op) && kind === 'BOOLEAN') && !(op === 'CONTAINS' && kind !== 'STRING');

describe('compileReport', () => {
  it('compiles the seeded Usage Summary report', () => {
    const q = compile({
      source: 'usage_events',
      dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }, { field: 'event_type' }],
      measures: [{ fn: 'COUNT', alias: 'total_events' }, { fn: 'UNIQ', field: 'user_id', alias: 'unique_users' }],
      timeRange: { last: { n: 7, unit: 'DAY' } },
      orderBy: [{ key: 'date', direction: 'DESC' }],
      rowLimit: 1000,
    });
    expect(q.sql).toBe([
      'SELECT toDate(`timestamp`, {tz:String}) AS `date`, `event_type`, count() AS `total_events`, uniqExact(`user_id`) AS `unique_users`',
      'FROM `analytics`.`usage_events`',
      "WHERE `tenant_id` = {tenant:String} AND `timestamp` >= {from:DateTime64(3, 'UTC')} AND `timestamp` < {to:DateTime64(3, 'UTC')}",
      'GROUP BY `date`, `event_type`',
      'ORDER BY `date` DESC, `event_type` ASC',
      'LIMIT {limit:UInt64}',
    ].join('\n'));
    // The 7 whole days before the as-of day (Friday 2024-03-08 10:30 UTC): March 1 to March 7.
    expect(q.params).toEqual({ tenant: 'acme', tz: 'UTC', from: '2024-03-01 00:00:00.000', to: '2024-03-08 00:00:00.000', limit: 1000 });
    expect(q.columns).toEqual([
      { key: 'date', label: 'Date', kind: 'DATE', chType: 'Date' },
      { key: 'event_type', label: 'Event type', kind: 'STRING', chType: 'LowCardinality(String)' },
      { key: 'total_events', label: 'Total events', kind: 'NUMBER', chType: 'UInt64' },
      { key: 'unique_users', label: 'Unique users', kind: 'NUMBER', chType: 'UInt64' },
    ]);
    expect(q.orderBy).toBe('`date` DESC, `event_type` ASC');
  });

  it('compiles every operator on every column of every table to bound parameters', () => {
    const TYPES: Record<ColumnKind, string> = { STRING: 'String', NUMBER: 'Float64', BOOLEAN: 'Bool', DATETIME: "DateTime64(3, 'UTC')", DATE: 'Date' };
    for (const table of CATALOG) {
      for (const col of table.columns) {
        for (const op of FILTER_OPS.filter((o) => allowed(o, col.kind))) {
          const q = compile({ source: table.name, measures: [count], filters: [filterFor(col, op)] });
          expectSafe(q);
          const lhs = col.chType === 'UUID' ? `toString(\`${col.name}\`)` : `\`${col.name}\``;
          const t = TYPES[col.kind];
          const expected: Record<FilterOp, string> = {
            EQ: `${lhs} = {p0:${t}}`, NEQ: `${lhs} != {p0:${t}}`, GT: `${lhs} > {p0:${t}}`, GTE: `${lhs} >= {p0:${t}}`,
            LT: `${lhs} < {p0:${t}}`, LTE: `${lhs} <= {p0:${t}}`, IN: `${lhs} IN {p0:Array(${t})}`, NOT_IN: `${lhs} NOT IN {p0:Array(${t})}`,
            BETWEEN: `${lhs} BETWEEN {p0:${t}} AND {p1:${t}}`, CONTAINS: `positionCaseInsensitiveUTF8(${lhs}, {p0:String}) > 0`,
            IS_NULL: `isNull(${lhs})`, IS_NOT_NULL: `isNotNull(${lhs})`,
          };
          expect(where(q), `${table.name}.${col.name} ${op}`).toBe(`${TENANT} AND ${expected[op]}`);
          for (const v of SAMPLE[col.kind]) expect(q.sql).not.toContain(String(v).slice(0, 10));
        }
      }
    }
  });

  it('passes each kind in the form the adapters bind', () => {
    const f = (field: string, op: string, operand: object) => compile({ source: 'usage_events', measures: [count], filters: [{ field, op, ...operand }] }).params;
    expect(f('country', 'EQ', { value: 'DE' })).toMatchObject({ p0: 'DE' });
    expect(f('duration_ms', 'IN', { values: [1, '2.5'] })).toMatchObject({ p0: [1, 2.5] });
    expect(f('is_error', 'NEQ', { value: true })).toMatchObject({ p0: true });
    expect(f('timestamp', 'BETWEEN', { values: ['2024-03-01T10:00:00+01:00', '2024-03-02'] })).toMatchObject({ p0: '2024-03-01 09:00:00.000', p1: '2024-03-02 00:00:00.000' });
    expect(f('timestamp', 'IN', { values: ['2024-03-01T10:00:00.5Z'] })).toMatchObject({ p0: ['2024-03-01 10:00:00.500'] });
    expect(f('event_date', 'GTE', { value: '2024-03-01T00:00:00Z' })).toMatchObject({ p0: '2024-03-01' });
  });

  it('buckets every grain in the effective zone (a bound parameter) with the right result types', () => {
    const hour = "toDateTime64(`timestamp` - toIntervalSecond(toMinute(`timestamp`, {tz:String}) * 60 + toSecond(`timestamp`, {tz:String})), 0, 'UTC')";
    const expected = {
      HOUR: [hour, 'DATETIME', "DateTime64(0, 'UTC')"],
      DAY: ['toDate(`timestamp`, {tz:String})', 'DATE', 'Date'],
      WEEK: ['toMonday(`timestamp`, {tz:String})', 'DATE', 'Date'],
      MONTH: ['toStartOfMonth(`timestamp`, {tz:String})', 'DATE', 'Date'],
      QUARTER: ['toStartOfQuarter(`timestamp`, {tz:String})', 'DATE', 'Date'],
      YEAR: ['toStartOfYear(`timestamp`, {tz:String})', 'DATE', 'Date'],
    };
    for (const grain of GRAINS) {
      const q = compile({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain }], measures: [count], timeZone: 'Asia/Kathmandu' });
      const [expr, kind, chType] = expected[grain];
      expect(q.sql).toContain(`SELECT ${expr} AS \`timestamp_${grain.toLowerCase()}\`, count() AS \`count\``);
      expect(q.columns[0]).toEqual({ key: `timestamp_${grain.toLowerCase()}`, label: `Timestamp (${grain.toLowerCase()})`, kind, chType });
      expect(q.params.tz).toBe('UTC'); // the context's zone, not the definition's: a schedule or export decides it
      expectSafe(q);
    }
    expect(compile({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY' }] }, { timeZone: 'Asia/Tokyo' }).params.tz).toBe('Asia/Tokyo');
    expect(compile({ source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'WEEK' }], weekStart: 'SUNDAY' }).sql)
      .toContain('SELECT toStartOfWeek(`timestamp`, 0, {tz:String}) AS `timestamp_week`');
    const onDate = (grain: string, weekStart = 'MONDAY') => compile({ source: 'usage_events', dimensions: [{ field: 'event_date', grain }], weekStart }).sql.split('\n')[0];
    expect(onDate('DAY')).toBe('SELECT toDate(`event_date`) AS `event_date_day`');
    expect(onDate('WEEK')).toBe('SELECT toMonday(`event_date`) AS `event_date_week`');
    expect(onDate('WEEK', 'SUNDAY')).toBe('SELECT toStartOfWeek(`event_date`, 0) AS `event_date_week`');
    expect(onDate('MONTH')).toBe('SELECT toStartOfMonth(`event_date`) AS `event_date_month`');
    expect(onDate('QUARTER')).toBe('SELECT toStartOfQuarter(`event_date`) AS `event_date_quarter`');
    expect(onDate('YEAR')).toBe('SELECT toStartOfYear(`event_date`) AS `event_date_year`');
    // No zone parameter when nothing reads it (an unused parameter is harmless, but say what is used).
    expect(compile({ source: 'usage_events', dimensions: [{ field: 'event_date', grain: 'DAY' }] }).params).not.toHaveProperty('tz');
  });

  it('groups dimensions without measures (distinct combinations) unless raw rows are asked for', () => {
    const grouped = compile({ source: 'usage_events', dimensions: [{ field: 'platform' }, { field: 'country' }] });
    expect(grouped.sql).toContain('GROUP BY `platform`, `country`');
    const raw = compile({ source: 'usage_events', dimensions: [{ field: 'platform' }, { field: 'country' }], raw: true });
    expect(raw.sql).not.toContain('GROUP BY');
    expect(raw.orderBy).toBe('`platform` ASC, `country` ASC');
  });

  it('reads fixed dates, wall-time filters and the window in the effective zone', () => {
    const def = { source: 'usage_events', measures: [count], timeRange: { from: '2026-12-01', to: '2026-12-02' }, filters: [{ field: 'timestamp', op: 'GTE', value: '2026-12-01T09:00' }] };
    expect(compile(def, { timeZone: 'America/Los_Angeles' }).params).toMatchObject({ from: '2026-12-01 08:00:00.000', to: '2026-12-02 08:00:00.000', p0: '2026-12-01 17:00:00.000' });
    expect(compile(def, { timeZone: 'UTC' }).params).toMatchObject({ from: '2026-12-01 00:00:00.000', to: '2026-12-02 00:00:00.000', p0: '2026-12-01 09:00:00.000' });
    // A DATE time column takes the days of the zone's calendar.
    const onDate = { source: 'usage_events', measures: [count], timeRange: { field: 'event_date', last: { n: 7, unit: 'DAY' } } };
    expect(compile(onDate, { timeZone: 'Asia/Tokyo', asOf: new Date('2026-12-06T19:59:53.912Z') }).params).toMatchObject({ from: '2026-11-30', to: '2026-12-07' });
    expect(compile(onDate, { timeZone: 'UTC', asOf: new Date('2026-12-06T19:59:53.912Z') }).params).toMatchObject({ from: '2026-11-29', to: '2026-12-06' });
    // The seeded weekly email: 7 whole New York days before Monday 09:00.
    const weekly = compile({ source: 'usage_events', measures: [count], timeRange: { last: { n: 7, unit: 'DAY' } } }, { timeZone: 'America/New_York', asOf: new Date('2026-12-07T14:00:00Z') });
    expect(weekly.params).toMatchObject({ from: '2026-11-30 05:00:00.000', to: '2026-12-07 05:00:00.000' });
  });

  it('accepts an empty to-date window at the first instant of a period', () => {
    const q = compile({ source: 'usage_events', measures: [count], timeRange: { period: 'MONTH_TO_DATE' } }, { asOf: new Date('2026-12-01T00:00:00Z') });
    expect(q.params).toMatchObject({ from: '2026-12-01 00:00:00.000', to: '2026-12-01 00:00:00.000' });
  });

  it('compiles every measure fn with its result type', () => {
    const m = (fn: string, field?: string, source = 'usage_events') =>
      compile({ source, measures: [field ? { fn, field } : { fn }] });
    const cases: [string, string | undefined, string, string, string, ColumnKind][] = [
      ['COUNT', undefined, 'count() AS `count`', 'count', 'UInt64', 'NUMBER'],
      ['COUNT', 'referrer', 'count(`referrer`) AS `count_referrer`', 'count_referrer', 'UInt64', 'NUMBER'],
      ['UNIQ', 'user_id', 'uniqExact(`user_id`) AS `uniq_user_id`', 'uniq_user_id', 'UInt64', 'NUMBER'],
      ['SUM', 'duration_ms', 'sum(`duration_ms`) AS `sum_duration_ms`', 'sum_duration_ms', 'UInt64', 'NUMBER'],
      ['SUM', 'value', 'sum(`value`) AS `sum_value`', 'sum_value', 'Float64', 'NUMBER'],
      ['AVG', 'duration_ms', 'avg(`duration_ms`) AS `avg_duration_ms`', 'avg_duration_ms', 'Float64', 'NUMBER'],
      ['MIN', 'timestamp', 'min(`timestamp`) AS `min_timestamp`', 'min_timestamp', "DateTime64(3, 'UTC')", 'DATETIME'],
      ['MAX', 'event_date', 'max(`event_date`) AS `max_event_date`', 'max_event_date', 'Date', 'DATE'],
      ['MAX', 'value', 'max(`value`) AS `max_value`', 'max_value', 'Float64', 'NUMBER'],
      ['COUNT_TRUE', 'is_error', 'countIf(`is_error`) AS `count_true_is_error`', 'count_true_is_error', 'UInt64', 'NUMBER'],
    ];
    for (const [fn, field, expr, key, chType, kind] of cases) {
      const q = m(fn, field);
      expect(q.sql.split('\n')[0]).toBe(`SELECT ${expr}`);
      expect(q.columns).toEqual([expect.objectContaining({ key, chType, kind })]);
      expect(q.sql).not.toContain('GROUP BY');
      expect(q.sql).not.toContain('ORDER BY');
    }
    expect(m('SUM', 'battery_percent', 'device_metrics').columns[0]!.chType).toBe('Nullable(Float64)');
    expect(m('AVG', 'battery_percent', 'device_metrics').columns[0]!.chType).toBe('Nullable(Float64)');
    expect(m('MIN', 'battery_percent', 'device_metrics').columns[0]!.chType).toBe('Nullable(Float64)');
    expect(MEASURE_FNS.every((fn) => cases.some((c) => c[0] === fn))).toBe(true);
    expect(m('UNIQ', 'user_id').columns[0]!.label).toBe('Unique User');
    expect(m('COUNT').columns[0]!.label).toBe('Count');
  });

  it('makes the ordering total: user keys, then every group key', () => {
    const dims = [{ field: 'country' }, { field: 'platform' }, { field: 'timestamp', grain: 'DAY' }];
    expect(compile({ source: 'usage_events', dimensions: dims, measures: [count], orderBy: [{ key: 'count', direction: 'DESC' }, { key: 'platform' }] }).orderBy)
      .toBe('`count` DESC, `platform` ASC, `country` ASC, `timestamp_day` ASC');
    // Raw report: every selected column, no GROUP BY.
    const raw = compile({ source: 'usage_events', dimensions: dims, orderBy: [{ key: 'timestamp_day', direction: 'DESC' }], raw: true });
    expect(raw.orderBy).toBe('`timestamp_day` DESC, `country` ASC, `platform` ASC');
    expect(raw.sql).not.toContain('GROUP BY');
    expect(compile({ source: 'usage_events', measures: [count] }).orderBy).toBe('');
  });

  it('resolves calendar and rolling ranges against asOf for every unit, absolute ones as given', () => {
    const range = (timeRange: object) => compile({ source: 'usage_events', measures: [count], timeRange }).params;
    // as-of: Friday 2024-03-08 10:30:00.250 UTC
    expect(range({ last: { n: 3, unit: 'HOUR' } })).toMatchObject({ from: '2024-03-08 07:00:00.000', to: '2024-03-08 10:00:00.000' });
    expect(range({ last: { n: 3, unit: 'HOUR', includeCurrent: true } })).toMatchObject({ from: '2024-03-08 07:00:00.000', to: '2024-03-08 10:30:00.250' });
    expect(range({ last: { n: 2, unit: 'WEEK' } })).toMatchObject({ from: '2024-02-19 00:00:00.000', to: '2024-03-04 00:00:00.000' });
    expect(range({ last: { n: 1, unit: 'MONTH' } })).toMatchObject({ from: '2024-02-01 00:00:00.000', to: '2024-03-01 00:00:00.000' });
    expect(range({ last: { n: 1, unit: 'QUARTER' } })).toMatchObject({ from: '2023-10-01 00:00:00.000', to: '2024-01-01 00:00:00.000' });
    expect(range({ period: 'YEAR_TO_DATE' })).toMatchObject({ from: '2024-01-01 00:00:00.000', to: '2024-03-08 10:30:00.250' });
    expect(range({ rolling: { n: 3, unit: 'HOUR' } })).toMatchObject({ from: '2024-03-08 07:30:00.250', to: '2024-03-08 10:30:00.250' });
    expect(range({ rolling: { n: 2, unit: 'WEEK' } })).toMatchObject({ from: '2024-02-23 10:30:00.250' });
    expect(range({ rolling: { n: 1, unit: 'MONTH' } })).toMatchObject({ from: '2024-02-08 10:30:00.250' });
    expect(compile({ source: 'usage_events', measures: [count], timeRange: { rolling: { n: 1, unit: 'MONTH' } } }, { asOf: new Date('2024-03-31T00:00:00Z') }).params)
      .toMatchObject({ from: '2024-02-29 00:00:00.000', to: '2024-03-31 00:00:00.000' });
    expect(range({ from: '2024-01-01T12:00:00+02:00', to: '2024-01-02' })).toMatchObject({ from: '2024-01-01 10:00:00.000', to: '2024-01-02 00:00:00.000' });
  });

  it('bounds a DATE time column by the days whose start lies in the window', () => {
    const q = compile({ source: 'usage_events', measures: [count], timeRange: { field: 'event_date', last: { n: 7, unit: 'DAY' } } });
    expect(where(q)).toBe(`${TENANT} AND \`event_date\` >= {from:Date} AND \`event_date\` < {to:Date}`);
    expect(q.params).toMatchObject({ from: '2024-03-01', to: '2024-03-08' });
    const rolling = compile({ source: 'usage_events', measures: [count], timeRange: { field: 'event_date', rolling: { n: 7, unit: 'DAY' } } });
    expect(rolling.params).toMatchObject({ from: '2024-03-02', to: '2024-03-09' });
    const abs = compile({ source: 'usage_events', measures: [count], timeRange: { field: 'event_date', from: '2024-03-01', to: '2024-03-08' } });
    expect(abs.params).toMatchObject({ from: '2024-03-01', to: '2024-03-08' });
  });

  it('has no time predicate without a time range, but always the tenant', () => {
    const q = compile({ source: 'device_metrics', dimensions: [{ field: 'os' }] });
    expect(where(q)).toBe(TENANT);
    expect(q.params).toEqual({ tenant: 'acme', limit: 10_000 });
  });

  it('throws DefinitionRejected when the window exceeds maxRangeDays', () => {
    const def = normalize({ source: 'usage_events', measures: [count], timeRange: { last: { n: 31, unit: 'DAY' } } });
    expect(() => compileReport(def, { ...CTX, maxRangeDays: 30 })).toThrow(DefinitionRejected);
    try {
      compileReport(def, { ...CTX, maxRangeDays: 30 });
    } catch (e) {
      expect((e as DefinitionRejected).errors).toEqual([{ path: 'timeRange', message: 'the range covers more than 30 days' }]);
    }
    expect(() => compileReport(def, { ...CTX, maxRangeDays: 31 })).not.toThrow();
  });

  it('refuses forged definitions instead of emitting SQL', () => {
    const good = normalize({ source: 'usage_events', dimensions: [{ field: 'country' }], measures: [count] });
    const forged: NormalizedDefinition[] = [
      { ...good, source: 'system.tables' },
      { ...good, dimensions: [{ field: 'tenant_id', grain: null, alias: 'tenant_id' }] },
      { ...good, dimensions: [{ field: 'user_id', grain: null, alias: 'tenant_id' }] },
      { ...good, dimensions: [{ field: 'user_id', grain: null, alias: 'country' }] },
      { ...good, dimensions: [{ field: 'country', grain: null, alias: 'x` FROM system.users --' }] },
      { ...good, measures: [{ fn: 'SUM', field: null, alias: 'x' }] },
      { ...good, measures: [{ fn: 'COUNT', field: null, alias: 'country' }] },
      { ...good, filters: [{ field: 'tenant_id', op: 'EQ', value: 'globex', values: null }] },
      { ...good, orderBy: [{ key: 'nope', direction: 'ASC' }] },
      { ...good, timeRange: { field: 'country', last: { n: 1, unit: 'DAY', includeCurrent: false }, rolling: null, period: null, from: null, to: null } },
      { ...good, timeRange: { field: 'timestamp', last: null, rolling: null, period: null, from: "2024-01-01' OR 1=1", to: '2024-01-02' } },
      { ...good, dimensions: [], measures: [] },
    ];
    for (const def of forged) expect(() => compileReport(def, CTX), JSON.stringify(def)).toThrow(DefinitionRejected);
  });
});

describe('compileCsvReport', () => {
  const USAGE = {
    source: 'usage_events',
    dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }, { field: 'event_type' }],
    measures: [{ fn: 'COUNT', alias: 'total_events' }, { fn: 'AVG', field: 'value' }],
    timeRange: { last: { n: 7, unit: 'DAY' } },
    orderBy: [{ key: 'total_events', direction: 'DESC' }],
    rowLimit: 1000,
  };

  it('formats every column in the SELECT list of the same query: no wrapper, GROUP BY and ORDER BY on the expressions', () => {
    const q = compile(USAGE);
    const r = compileCsvReport(normalize(USAGE), CTX);
    if (!r.ok) throw new Error(r.reason);
    const lines = r.query.sql.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^SELECT toString\(toDate\(`timestamp`, \{tz:String\}\)\) AS `csv_0`, if\(.*`event_type`.* AS `csv_1`, .*count\(\).* AS `csv_2`, if\(abs\(avg\(`value`\)\) < 1e21.* AS `csv_3`$/);
    expect(lines.slice(1, 3)).toEqual(q.sql.split('\n').slice(1, 3)); // FROM, WHERE
    expect(lines[3]).toBe('GROUP BY toDate(`timestamp`, {tz:String}), `event_type`');
    expect(lines[4]).toBe('ORDER BY count() DESC, toDate(`timestamp`, {tz:String}) ASC, `event_type` ASC');
    expect(lines[5]).toBe('LIMIT {limit:UInt64}');
    expect(r.query.sql.match(/\bFROM\b/g)).toHaveLength(1);
    expect(r.query.params).toEqual(q.params);
    expect(r.query.columns).toEqual(q.columns);
    expect(r.query.format).toBe('CustomSeparated');
    expect(r.query.settings).toMatchObject({ format_custom_escaping_rule: 'Raw', format_custom_field_delimiter: ',', format_custom_row_after_delimiter: '\r\n' });
    expectSafe(r.query);
  });

  it('orders raw reports by the columns, not by their formatted text', () => {
    const def = { source: 'device_metrics', dimensions: [{ field: 'timestamp' }, { field: 'cpu_percent' }, { field: 'is_online' }], orderBy: [{ key: 'cpu_percent', direction: 'DESC' }], raw: true };
    const r = compileCsvReport(normalize(def), CTX);
    if (!r.ok) throw new Error(r.reason);
    expect(r.query.sql).not.toContain('GROUP BY');
    expect(r.query.sql.split('\n')[3]).toBe('ORDER BY `cpu_percent` DESC, `timestamp` ASC, `is_online` ASC');
  });
});

describe('injection attempts end up as parameters', () => {
  const PAYLOADS = ["'; DROP TABLE x; --", '`tenant_id`', '1) OR (1=1', "' OR tenant_id != '", 'ü€😀\u202e', 'back\\slash\\\'',
    '{p0:String}', '{tenant:String}', 'x\ny\tz\0', '"; SELECT * FROM system.users; --', '%_', '\\N'];
  // A unique prefix, so "the value is not in the SQL" cannot pass by accident of a shorter match.
  const values = PAYLOADS.map((p, i) => `zq${i}${p}`);
  const asserts = (q: CompiledQuery, injected: string[], def: unknown, ctx: Partial<CompileContext> = {}) => {
    expectSafe(q);
    for (const v of injected) expect(q.sql).not.toContain(v);
    // The CSV form of the same report binds the same values the same way.
    const csv = compileCsvReport(normalize(def), { ...CTX, ...ctx });
    if (!csv.ok) throw new Error(csv.reason);
    expectSafe(csv.query);
    expect(csv.query.params).toEqual(q.params);
    for (const v of injected) expect(csv.query.sql).not.toContain(v);
    for (const wrapped of [compilePage(q, 20, 10), compileCount(q, 100)]) {
      expectSafe(wrapped);
      for (const v of injected) expect(wrapped.sql).not.toContain(v);
    }
  };
  it.each(values.map((v) => [v]))('in every place a user value can go: %j', (v) => {
    for (const op of ['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'CONTAINS']) {
      for (const field of ['country', 'referrer', 'event_id', 'user_id']) {
        const def = { source: 'usage_events', measures: [count], filters: [{ field, op, value: v }] };
        const q = compile(def);
        asserts(q, [v], def);
        expect(q.params.p0).toBe(v);
      }
    }
    for (const op of ['IN', 'NOT_IN']) {
      const def = { source: 'usage_events', measures: [count], filters: [{ field: 'event_type', op, values: ['a', v, 'b'] }] };
      const q = compile(def);
      asserts(q, [v], def);
      expect(q.params.p0).toEqual(['a', v, 'b']);
    }
    const betweenDef = { source: 'user_sessions', measures: [count], filters: [{ field: 'country', op: 'BETWEEN', values: ['', v] }] };
    asserts(compile(betweenDef), [v], betweenDef);
    // The tenant comes from a verified token, but is bound all the same.
    const tenantDef = { source: 'device_metrics', dimensions: [{ field: 'os' }] };
    const tenant = compile(tenantDef, { tenantId: v });
    asserts(tenant, [v], tenantDef, { tenantId: v });
    expect(tenant.params.tenant).toBe(v);
  });
  it('rejects injection in time bounds and aliases at validation', () => {
    for (const v of values) {
      for (const timeRange of [{ from: v, to: '2024-01-01' }, { from: '2024-01-01', to: v }, { field: v, last: { n: 1, unit: 'DAY' } }]) {
        expect(validateDefinition({ source: 'usage_events', measures: [count], timeRange }, LIMITS).valid).toBe(false);
      }
      expect(validateDefinition({ source: 'usage_events', measures: [{ fn: 'COUNT', alias: v }] }, LIMITS).valid).toBe(false);
      expect(validateDefinition({ source: 'usage_events', dimensions: [{ field: v }] }, LIMITS).valid).toBe(false);
      expect(validateDefinition({ source: 'usage_events', measures: [count], orderBy: [{ key: v }] }, LIMITS).valid).toBe(false);
    }
  });
  it('binds time bounds and numbers without putting them in the SQL', () => {
    const def = {
      source: 'usage_events', measures: [count],
      filters: [{ field: 'value', op: 'GT', value: 987654.321 }, { field: 'timestamp', op: 'LT', value: '2031-07-04T01:02:03Z' }],
      timeRange: { from: '2031-06-01T00:00:00Z', to: '2031-07-01T00:00:00Z' },
    };
    asserts(compile(def), ['987654', '2031'], def);
  });
});

describe('resolveTimeWindow', () => {
  it('returns null without a time range, the window otherwise', () => {
    expect(resolveTimeWindow(normalize({ source: 'usage_events', measures: [count] }), CTX.asOf, 'UTC')).toBeNull();
    expect(resolveTimeWindow(normalize({ source: 'usage_events', measures: [count], timeRange: { rolling: { n: 2, unit: 'DAY' } } }), CTX.asOf, 'UTC'))
      .toEqual({ from: new Date('2024-03-06T10:30:00.250Z'), to: CTX.asOf });
    expect(resolveTimeWindow(normalize({ source: 'usage_events', measures: [count], timeRange: { last: { n: 2, unit: 'DAY' } } }), CTX.asOf, 'UTC'))
      .toEqual({ from: new Date('2024-03-06T00:00:00Z'), to: new Date('2024-03-08T00:00:00Z') });
    expect(resolveTimeWindow(normalize({ source: 'usage_events', measures: [count], timeRange: { from: '2024-01-01', to: '2024-01-02' } }), CTX.asOf, 'Asia/Tokyo'))
      .toEqual({ from: new Date('2023-12-31T15:00:00Z'), to: new Date('2024-01-01T15:00:00Z') });
  });
});

describe('compilePage and compileCount', () => {
  const q = compile({ source: 'usage_events', dimensions: [{ field: 'country' }], measures: [count], rowLimit: 50 });
  it('pages over the report, re-applying its total order, with bound LIMIT/OFFSET', () => {
    const page = compilePage(q, 40, 10);
    expect(page.sql).toBe(`SELECT * FROM (\n${q.sql}\n)\nORDER BY \`country\` ASC\nLIMIT {page_limit:UInt64} OFFSET {page_offset:UInt64}`);
    expect(page.params).toEqual({ ...q.params, page_limit: 10, page_offset: 40 });
    expect(page.columns).toBe(q.columns);
    for (const [o, l] of [[-1, 10], [0, 1.5], [NaN, 1], [0, Infinity]] as const) expect(() => compilePage(q, o, l)).toThrow(RangeError);
  });
  it('counts up to rowLimit + 1 by raising the report\'s own LIMIT', () => {
    const c = compileCount(q, 50);
    expect(c.sql).toBe(`SELECT count() AS \`total\` FROM (\n${q.sql}\n)`);
    expect(c.params).toEqual({ ...q.params, limit: 51 });
    expect(c.columns).toEqual([{ key: 'total', label: 'Total', kind: 'NUMBER', chType: 'UInt64' }]);
    expect(() => compileCount({ ...q, params: {} }, 50)).toThrow();
  });
});
