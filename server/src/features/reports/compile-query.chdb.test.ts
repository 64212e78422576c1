/**
 * The compiler against real chDB: a small hand-made fixture for two tenants, every operator on every
 * column checked against a reference filter written in JS, measures and grains against JS
 * aggregates, result types against the compiler's, injection, and page-by-page walks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../../platform/chdb-store.js';
import { analyticsSchemaSql } from '../demo/analytics-schema.js';
import { CATALOG, findTable, type CatalogColumn } from '../catalog/catalog.js';
import { FILTER_OPS, GRAINS, type FilterOp } from './definition.js';
import { compileCount, compilePage, compileReport, type CompiledQuery } from './compile-query.js';
import { validateDefinition, type NormalizedDefinition } from './validate-definition.js';
import { fixedBoundInstant, unitStart } from '../calendar/periods.js';
import { wallParts } from '../calendar/zone-clock.js';

// chDB allows one data directory per process; vitest runs this file in its own fork.
const dir = mkdtempSync(join(tmpdir(), 'reportcast-compile-'));
const DB = 'compile_test';
const store = new ChdbStore(dir, DB);
const AS_OF = new Date('2024-03-08T12:00:00.000Z');
const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };

type Row = Record<string, string | number | boolean | null>;
const PAYLOADS = ["'; DROP TABLE x; --", '1) OR (1=1', 'ü€😀', "back\\slash'", '{p0:String}', '`tenant_id`'];
const ACME_USERS = ['u1', 'u2', 'U3', ...PAYLOADS];
const GLOBEX_USERS = ["' OR tenant_id != '", 'g1', '{tenant:String}'];

// Deterministic fixture: text forms as ClickHouse prints them, so rows compare as they come back.
let seed = 42;
// An LCG's low bits cycle quickly, so use the high ones (else columns come out correlated).
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65536) % n);
const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
const dt = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function fixture(tenant: string, n: number, users: string[], offset: number): Record<string, Row[]> {
  const usage: Row[] = [];
  const sessions: Row[] = [];
  const metrics: Row[] = [];
  for (let i = 0; i < n; i++) {
    // i = 0 lies exactly at AS_OF (outside "last" windows), i = 23 exactly 7 days before it.
    const t = AS_OF.getTime() - (i === 23 ? 7 * 86_400_000 : i * 26_123_457);
    usage.push({
      tenant_id: tenant, timestamp: dt(t), event_date: dt(t).slice(0, 10), event_id: uuid(offset + i), user_id: pick(users),
      device_id: `d${rnd(5)}`, session_id: `s${rnd(9)}`, event_type: pick(['page_view', 'page_view', 'click', 'api_call', 'error']),
      feature: pick(['reports', 'exports']), platform: pick(['web', 'ios', 'android', 'api']), country: pick(['DE', 'US', 'FR', 'de']),
      referrer: i % 3 === 0 ? null : pick(['google.com', 'News.ycombinator.com', '100%_sure']), duration_ms: rnd(5000),
      value: rnd(400) / 4, is_error: i % 5 === 0,
    });
    sessions.push({
      tenant_id: tenant, started_at: dt(t), ended_at: dt(t + rnd(7200) * 1000 + 1), session_id: `${tenant}-s${i}`, user_id: pick(users),
      device_id: `d${rnd(5)}`, platform: pick(['web', 'ios']), country: pick(['DE', 'US']), duration_seconds: rnd(7200),
      page_views: rnd(30), events: rnd(100), is_bounce: rnd(4) === 0,
    });
    const type = pick(['desktop', 'mobile', 'server']);
    metrics.push({
      tenant_id: tenant, timestamp: dt(t), device_id: `d${i % 6}`, device_type: type, os: pick(['Linux', 'macOS', 'iOS']),
      app_version: pick(['1.0.0', '1.2.0']), cpu_percent: rnd(400) / 4, memory_mb: rnd(8000) / 2,
      battery_percent: type === 'server' ? null : rnd(400) / 4, network_latency_ms: rnd(1000) / 8, is_online: rnd(5) !== 0,
    });
  }
  return { usage_events: usage, user_sessions: sessions, device_metrics: metrics };
}
const ACME = fixture('acme', 60, ACME_USERS, 0);
const GLOBEX = fixture('globex', 20, GLOBEX_USERS, 1000);

beforeAll(async () => {
  for (const sql of analyticsSchemaSql(DB)) await store.exec(sql);
  for (const table of CATALOG) {
    const cols = ['tenant_id', ...table.columns.map((c) => c.name)];
    const structure = ['tenant_id String', ...table.columns.map((c) => `${c.name} ${c.chType}`)].join(', ');
    const rows = [...ACME[table.name]!, ...GLOBEX[table.name]!].map((r) => JSON.stringify(r)).join('\n');
    // The rows travel as one String parameter, parsed by format(): no value is spliced into SQL.
    await store.exec(`INSERT INTO ${DB}.${table.name} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM format(JSONEachRow, {structure:String}, {rows:String})`, { structure, rows });
  }
  // Tenant `dst`: one event every 10 minutes for two days either side of each 2026 DST change the
  // golden table below looks at (New York, London, Lord Howe), and around a plain December day.
  const around = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-04-05', '2026-10-04', '2026-12-01'];
  const times = new Set<number>();
  for (const day of around) for (let t = Date.parse(`${day}T00:00:00Z`) - 2 * 86_400_000; t < Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000; t += 600_000) times.add(t);
  const rows = [...times].map((t, i) => JSON.stringify({ tenant_id: 'dst', timestamp: dt(t), event_date: dt(t).slice(0, 10), event_id: uuid(5000 + i), event_type: 'tick' })).join('\n');
  await store.exec(`INSERT INTO ${DB}.usage_events (tenant_id, timestamp, event_date, event_id, event_type) SELECT * FROM format(JSONEachRow, 'tenant_id String, timestamp DateTime64(3, \\'UTC\\'), event_date Date, event_id UUID, event_type String', {rows:String})`, { rows });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function normalize(def: unknown): NormalizedDefinition {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}
const compile = (def: unknown, tenantId = 'acme', timeZone = 'UTC') =>
  compileReport(normalize(def), { tenantId, asOf: AS_OF, database: DB, maxRangeDays: LIMITS.maxRangeDays, timeZone });
/** Runs a query and checks the result's names and types are the ones the compiler announced. */
async function run(q: CompiledQuery): Promise<unknown[][]> {
  const result = await store.query(q.sql, q.params);
  expect(result.columns.map((c) => c.name)).toEqual(q.columns.map((c) => c.key));
  expect(result.columns.map((c) => c.type)).toEqual(q.columns.map((c) => c.chType));
  return result.rows;
}

/** Code point order, which is ClickHouse's byte order on UTF-8. */
const cmp = (a: unknown, b: unknown): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [Array.from(String(a)), Array.from(String(b))];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
};
/** The meaning of each operator, in JS, over fixture text forms (NULL matches only IS_NULL). */
function matches(v: Row[string], op: FilterOp, a: unknown, b: unknown): boolean {
  if (op === 'IS_NULL') return v === null;
  if (op === 'IS_NOT_NULL' || v === null) return op === 'IS_NOT_NULL' && v !== null;
  const c = cmp(v, a);
  switch (op) {
    case 'EQ': return c === 0;
    case 'NEQ': return c !== 0;
    case 'GT': return c > 0;
    case 'GTE': return c >= 0;
    case 'LT': return c < 0;
    case 'LTE': return c <= 0;
    case 'IN': return c === 0 || cmp(v, b) === 0;
    case 'NOT_IN': return c !== 0 && cmp(v, b) !== 0;
    case 'BETWEEN': return c >= 0 && cmp(v, b) <= 0;
    case 'CONTAINS': return String(v).toLowerCase().includes(String(a).toLowerCase());
  }
}
/** A fixture value as a definition operand (DATETIME text → ISO instant). */
const operand = (col: CatalogColumn, v: Row[string]) => (col.kind === 'DATETIME' ? `${String(v).replace(' ', 'T')}Z` : v);
const KEYS: Record<string, string[]> = { usage_events: ['event_id'], user_sessions: ['session_id'], device_metrics: ['device_id', 'timestamp'] };
const idOf = (table: string, r: Row) => KEYS[table]!.map((k) => r[k]).join('|');

describe('filters', () => {
  it('every operator on every column of every table selects exactly the rows the JS reference does', async () => {
    let nonTrivial = 0;
    for (const table of CATALOG) {
      const rows = ACME[table.name]!;
      for (const col of table.columns) {
        const present = rows.map((r) => r[col.name]).filter((v) => v !== null);
        let [a, b] = [present[5]!, present[17]!];
        if (cmp(a, b) > 0) [a, b] = [b, a];
        for (const op of FILTER_OPS) {
          const ordered = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'].includes(op);
          if ((ordered && col.kind === 'BOOLEAN') || (op === 'CONTAINS' && col.kind !== 'STRING')) continue;
          const needle = op === 'CONTAINS' ? Array.from(String(a)).slice(1, 3).join('').replace(/[a-z]/gi, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())) : a;
          const filter = op === 'IN' || op === 'NOT_IN' || op === 'BETWEEN' ? { values: [operand(col, a), operand(col, b)] }
            : op === 'IS_NULL' || op === 'IS_NOT_NULL' ? {} : { value: operand(col, needle) };
          const q = compile({ source: table.name, dimensions: KEYS[table.name]!.map((field) => ({ field })), filters: [{ field: col.name, op, ...filter }] });
          const got = (await run(q)).map((r) => r.join('|')).sort();
          const want = rows.filter((r) => matches(r[col.name]!, op, needle, b)).map((r) => idOf(table.name, r)).sort();
          expect(got, `${table.name}.${col.name} ${op} ${JSON.stringify(filter)}`).toEqual(want);
          if (want.length > 0 && want.length < rows.length) nonTrivial++;
        }
      }
    }
    expect(nonTrivial).toBeGreaterThan(200); // the loop is not passing on empty or full results
  });

  it('binds every hostile string verbatim: it matches its own row, and nothing of another tenant', async () => {
    for (const p of [...PAYLOADS, ...GLOBEX_USERS]) {
      const q = compile({ source: 'usage_events', dimensions: [{ field: 'event_id' }], filters: [{ field: 'user_id', op: 'EQ', value: p }] });
      const want = ACME.usage_events!.filter((r) => r.user_id === p).map((r) => [r.event_id]);
      expect(await run(q), p).toEqual(want.sort((x, y) => cmp(x[0], y[0])));
      for (const op of ['CONTAINS', 'GTE']) {
        const loose = compile({ source: 'usage_events', dimensions: [{ field: 'user_id' }], filters: [{ field: 'user_id', op, value: p }] });
        for (const [user] of await run(loose)) expect(ACME_USERS).toContain(user);
      }
    }
    const tenants = ["acme' OR '1'='1", 'acme\\', '{tenant:String}', "acme'; DROP TABLE usage_events; --", 'ACME', ''];
    for (const tenantId of tenants) {
      expect(await run(compile({ source: 'usage_events', measures: [{ fn: 'COUNT' }] }, tenantId))).toEqual([[0]]);
    }
    for (const table of CATALOG) {
      const q = compile({ source: table.name, measures: [{ fn: 'COUNT' }] });
      expect(await run(q)).toEqual([[ACME[table.name]!.length]]);
      expect(await run(compile({ source: table.name, measures: [{ fn: 'COUNT' }] }, 'globex'))).toEqual([[GLOBEX[table.name]!.length]]);
    }
  });
});

describe('time ranges', () => {
  const counted = async (timeRange: object, source = 'usage_events') => (await run(compile({ source, measures: [{ fn: 'COUNT' }], timeRange })))[0]![0];
  const inWindow = (from: number, to: number) => ACME.usage_events!.filter((r) => {
    const t = Date.parse(`${String(r.timestamp).replace(' ', 'T')}Z`);
    return t >= from && t < to;
  }).length;
  it('rolling ranges cover [asOf - n units, asOf)', async () => {
    const to = AS_OF.getTime();
    expect(await counted({ rolling: { n: 7, unit: 'DAY' } })).toBe(inWindow(to - 7 * 86_400_000, to));
    expect(await counted({ rolling: { n: 30, unit: 'HOUR' } })).toBe(inWindow(to - 30 * 3_600_000, to));
    expect(await counted({ rolling: { n: 1, unit: 'WEEK' } })).toBe(inWindow(to - 7 * 86_400_000, to));
    expect(await counted({ rolling: { n: 1, unit: 'MONTH' } })).toBe(inWindow(Date.parse('2024-02-08T12:00:00Z'), to));
    expect(await counted({ rolling: { n: 7, unit: 'DAY' } })).toBeLessThan(ACME.usage_events!.length - 1); // the window cuts
  });
  it('calendar ranges cover whole units before the current one, in the effective zone', async () => {
    // as-of Friday 2024-03-08 12:00 UTC = 21:00 in Tokyo, 04:00 in Los Angeles.
    const tokyo = async (timeRange: object) => (await run(compile({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange }, 'acme', 'Asia/Tokyo')))[0]![0];
    const la = async (timeRange: object) => (await run(compile({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange }, 'acme', 'America/Los_Angeles')))[0]![0];
    expect(await counted({ last: { n: 7, unit: 'DAY' } })).toBe(inWindow(Date.parse('2024-03-01T00:00:00Z'), Date.parse('2024-03-08T00:00:00Z')));
    expect(await tokyo({ last: { n: 7, unit: 'DAY' } })).toBe(inWindow(Date.parse('2024-02-29T15:00:00Z'), Date.parse('2024-03-07T15:00:00Z')));
    expect(await la({ last: { n: 7, unit: 'DAY' } })).toBe(inWindow(Date.parse('2024-03-01T08:00:00Z'), Date.parse('2024-03-08T08:00:00Z')));
    expect(await tokyo({ last: { n: 1, unit: 'DAY', includeCurrent: true } })).toBe(inWindow(Date.parse('2024-03-06T15:00:00Z'), AS_OF.getTime()));
    expect(await tokyo({ period: 'PREVIOUS_WEEK' })).toBe(inWindow(Date.parse('2024-02-25T15:00:00Z'), Date.parse('2024-03-03T15:00:00Z')));
    expect(await la({ from: '2024-03-02', to: '2024-03-03' })).toBe(inWindow(Date.parse('2024-03-02T08:00:00Z'), Date.parse('2024-03-03T08:00:00Z')));
    // The fixture spreads events across the days, so the zone matters: the same range differs in the two zones.
    expect(await tokyo({ last: { n: 7, unit: 'DAY' } })).not.toBe(await la({ last: { n: 7, unit: 'DAY' } }));
  });
  it('absolute ranges and DATE columns', async () => {
    const days = (from: string, to: string) => ACME.usage_events!.filter((r) => String(r.event_date) >= from && String(r.event_date) < to).length;
    expect(await counted({ field: 'event_date', from: '2024-03-01', to: '2024-03-05' })).toBe(days('2024-03-01', '2024-03-05'));
    // A day counts when its start lies in the window: 2024-03-01 12:00 → 2024-03-05 00:00 covers 03-02..03-04.
    expect(await counted({ field: 'event_date', from: '2024-03-01T12:00:00Z', to: '2024-03-05' })).toBe(days('2024-03-02', '2024-03-05'));
    const sessions = ACME.user_sessions!.filter((r) => String(r.ended_at) >= '2024-03-01 00:00:00.000' && String(r.ended_at) < '2024-03-04 06:00:00.000').length;
    expect(await counted({ field: 'ended_at', from: '2024-03-01', to: '2024-03-04T06:00:00Z' }, 'user_sessions')).toBe(sessions);
  });
});

describe('grains and measures', () => {
  it('bucket every grain on the calendar of the effective zone, as the range resolver does', async () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    for (const timeZone of ['UTC', 'Asia/Kathmandu', 'America/New_York', 'Australia/Lord_Howe']) {
      for (const weekStart of ['MONDAY', 'SUNDAY'] as const) {
        const rules = { timeZone, weekStart };
        /** The JS reference: the unit start from calendar/periods.ts, as a calendar date (or the hour's UTC instant). */
        const bucket = (grain: string, value: string): string => {
          if (grain === 'HOUR') return new Date(unitStart(Date.parse(`${value.replace(' ', 'T')}Z`), 'HOUR', rules)).toISOString().slice(0, 19).replace('T', ' ');
          const start = unitStart(value.length === 10 ? fixedBoundInstant(value, timeZone)! : Date.parse(`${value.replace(' ', 'T')}Z`), grain as 'DAY', rules);
          const w = wallParts(start, timeZone);
          return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
        };
        for (const [field, grains] of [['timestamp', GRAINS], ['event_date', GRAINS.filter((g) => g !== 'HOUR')]] as const) {
          for (const grain of grains) {
            const want = new Map<string, number>();
            for (const r of ACME.usage_events!) {
              const key = bucket(grain, String(r[field]));
              want.set(key, (want.get(key) ?? 0) + 1);
            }
            const got = await run(compile({ source: 'usage_events', dimensions: [{ field, grain }], measures: [{ fn: 'COUNT' }], weekStart }, 'acme', timeZone));
            expect(got, `${timeZone} ${weekStart} ${field} ${grain}`).toEqual([...want].sort((x, y) => cmp(x[0], y[0])));
          }
        }
      }
    }
  });

  it('compute every measure per group', async () => {
    const q = compile({
      source: 'usage_events', dimensions: [{ field: 'event_type' }],
      measures: [{ fn: 'COUNT' }, { fn: 'COUNT', field: 'referrer' }, { fn: 'UNIQ', field: 'user_id' }, { fn: 'SUM', field: 'duration_ms' },
        { fn: 'SUM', field: 'value' }, { fn: 'AVG', field: 'duration_ms' }, { fn: 'MIN', field: 'timestamp' }, { fn: 'MAX', field: 'event_date' }, { fn: 'MAX', field: 'value' }],
    });
    const groups = new Map<string, Row[]>();
    for (const r of ACME.usage_events!) groups.set(String(r.event_type), [...(groups.get(String(r.event_type)) ?? []), r]);
    const want = [...groups].sort((x, y) => cmp(x[0], y[0])).map(([type, rs]) => {
      const sum = (k: string) => rs.reduce((s, r) => s + Number(r[k]), 0);
      const col = (k: string) => rs.map((r) => r[k]).sort(cmp);
      return [type, rs.length, rs.filter((r) => r.referrer !== null).length, new Set(col('user_id')).size, sum('duration_ms'),
        sum('value'), sum('duration_ms') / rs.length, col('timestamp')[0], col('event_date').at(-1), col('value').at(-1)];
    });
    const got = await run(q);
    expect(got.map((r) => r.filter((_, i) => i !== 6))).toEqual(want.map((r) => r.filter((_, i) => i !== 6)));
    got.forEach((r, i) => expect(r[6]).toBeCloseTo(want[i]![6] as number, 9));
  });

  it('handles nullable measures and measures without dimensions', async () => {
    const q = compile({ source: 'device_metrics', dimensions: [{ field: 'device_type' }], measures: [{ fn: 'AVG', field: 'battery_percent' }, { fn: 'MIN', field: 'battery_percent' }, { fn: 'COUNT', field: 'battery_percent' }] });
    const rows = await run(q);
    expect(rows.find((r) => r[0] === 'server')).toEqual(['server', null, null, 0]);
    const total = await run(compile({ source: 'device_metrics', measures: [{ fn: 'SUM', field: 'cpu_percent' }, { fn: 'UNIQ', field: 'device_id' }] }));
    expect(total).toEqual([[ACME.device_metrics!.reduce((s, r) => s + Number(r.cpu_percent), 0), 6]]);
    const none = await run(compile({ source: 'device_metrics', measures: [{ fn: 'COUNT' }, { fn: 'SUM', field: 'memory_mb' }], filters: [{ field: 'os', op: 'EQ', value: 'Plan9' }] }));
    expect(none).toEqual([[0, 0]]);
  });
});

describe('golden buckets across DST changes (one event every 10 minutes)', () => {
  /** HOUR buckets of one local day: [bucket start (UTC), events]. */
  const hours = async (timeZone: string, day: string, next: string) => run(compile({
    source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'HOUR' }], measures: [{ fn: 'COUNT' }], timeRange: { from: day, to: next },
  }, 'dst', timeZone));
  const days = async (timeZone: string, day: string, next: string) => run(compile({
    source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY' }], measures: [{ fn: 'COUNT' }], timeRange: { from: day, to: next },
  }, 'dst', timeZone));
  // [zone, local day, next day, events that day (6 an hour), hour buckets, buckets holding half an hour]
  const GOLDEN: [string, string, string, number, number, number][] = [
    ['America/New_York', '2026-03-08', '2026-03-09', 138, 23, 0], // spring forward: a 23-hour day
    ['America/New_York', '2026-11-01', '2026-11-02', 150, 25, 0], // fall back: 25 hours, 01:00 EDT and 01:00 EST
    ['Europe/London', '2026-03-29', '2026-03-30', 138, 23, 0],
    ['Europe/London', '2026-10-25', '2026-10-26', 150, 25, 0],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-06', 147, 25, 1], // 30 minutes back: 24.5 hours
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-05', 141, 24, 1], // 30 minutes forward: 23.5 hours
    ['Asia/Kathmandu', '2026-12-01', '2026-12-02', 144, 24, 0],
    ['Asia/Tokyo', '2026-12-01', '2026-12-02', 144, 24, 0],
    ['UTC', '2026-12-01', '2026-12-02', 144, 24, 0],
  ];
  it.each(GOLDEN)('%s %s: one DAY bucket of %i events, %i HOUR buckets', async (zone, day, next, events, hourBuckets, halfHours) => {
    expect(await days(zone, day, next)).toEqual([[day, events]]);
    const got = await hours(zone, day, next);
    expect(got).toHaveLength(hourBuckets);
    expect(got.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(events);
    expect(got.filter((r) => Number(r[1]) === 3)).toHaveLength(halfHours);
    expect(got.filter((r) => Number(r[1]) !== 3 && Number(r[1]) !== 6)).toEqual([]);
  });
  it('names each hour by the instant it began: twice 01:00 in New York on fall-back day, xx:15 UTC in Kathmandu', async () => {
    const ny = (await hours('America/New_York', '2026-11-01', '2026-11-02')).map((r) => String(r[0]));
    expect(ny.slice(0, 4)).toEqual(['2026-11-01 04:00:00', '2026-11-01 05:00:00', '2026-11-01 06:00:00', '2026-11-01 07:00:00']);
    expect(ny.map((t) => new Date(`${t.replace(' ', 'T')}Z`).toLocaleTimeString('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' })).slice(0, 4))
      .toEqual(['00:00', '01:00', '01:00', '02:00']);
    const kathmandu = (await hours('Asia/Kathmandu', '2026-12-01', '2026-12-02')).map((r) => String(r[0]));
    expect(kathmandu[0]).toBe('2026-11-30 18:15:00');
    expect(kathmandu.every((t) => t.endsWith(':15:00'))).toBe(true);
  });
});

describe('paging', () => {
  async function walk(q: CompiledQuery, pageSize: number, rowLimit: number) {
    const rows: unknown[][] = [];
    const sizes: number[] = [];
    for (let offset = 0; offset < rowLimit; offset += pageSize) {
      const page = await run(compilePage(q, offset, Math.min(pageSize, rowLimit - offset)));
      sizes.push(page.length);
      rows.push(...page);
      if (page.length < pageSize) break;
    }
    return { rows, sizes };
  }
  it('walks a truncated raw report page by page: same rows as one query, ending exactly at rowLimit', async () => {
    const q = compile({ source: 'usage_events', dimensions: [{ field: 'event_type' }, { field: 'country' }], rowLimit: 37, raw: true });
    const full = await run(q);
    expect(full).toHaveLength(37);
    const want = ACME.usage_events!.map((r) => [r.event_type, r.country]).sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1])).slice(0, 37);
    expect(full).toEqual(want);
    const { rows, sizes } = await walk(q, 5, 37);
    expect(sizes).toEqual([5, 5, 5, 5, 5, 5, 5, 2]);
    expect(rows).toEqual(full);
    expect(await run(compileCount(q, 37))).toEqual([[38]]);
    const all = compile({ source: 'usage_events', dimensions: [{ field: 'event_type' }, { field: 'country' }], rowLimit: 100, raw: true });
    expect(await run(compileCount(all, 100))).toEqual([[60]]);
    // Without raw the same dimensions are grouped: one row per distinct combination.
    const distinct = new Set(ACME.usage_events!.map((r) => `${r.event_type}|${r.country}`)).size;
    expect(distinct).toBeLessThan(60);
    expect(await run(compileCount(compile({ source: 'usage_events', dimensions: [{ field: 'event_type' }, { field: 'country' }], rowLimit: 100 }), 100))).toEqual([[distinct]]);
  });
  it('walks a grouped report ordered by a measure, ties broken by the group keys', async () => {
    const def = { source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'n' }], orderBy: [{ key: 'n', direction: 'DESC' }] };
    const groups = (await run(compile({ ...def, rowLimit: 1000 }))).length;
    expect(groups).toBeGreaterThan(12);
    const q = compile({ ...def, rowLimit: 12 });
    const full = await run(q);
    const { rows, sizes } = await walk(q, 5, 12);
    expect(sizes).toEqual([5, 5, 2]);
    expect(rows).toEqual(full);
    expect(new Set(rows.map((r) => `${r[0]}|${r[1]}`)).size).toBe(12);
    for (let i = 1; i < rows.length; i++) expect(Number(rows[i - 1]![2])).toBeGreaterThanOrEqual(Number(rows[i]![2]));
    expect(await run(compileCount(q, 12))).toEqual([[13]]);
    expect(await run(compilePage(q, 12, 5))).toEqual([]);
  });
  it('page and count wrappers keep the tenant predicate', async () => {
    const q = compile({ source: 'user_sessions', dimensions: [{ field: 'session_id' }] }, 'globex');
    const ids = (await run(compilePage(q, 0, 1000))).map((r) => String(r[0]));
    expect(ids).toHaveLength(20);
    expect(ids.every((id) => id.startsWith('globex-'))).toBe(true);
    expect(await run(compileCount(q, 5))).toEqual([[6]]);
    expect(findTable('user_sessions')).toBeDefined();
  });
});
