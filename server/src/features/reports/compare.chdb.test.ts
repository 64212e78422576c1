/**
 * Period-over-period comparison against chDB: each measure over the window and the period before,
 * and the change in %, equal to what ClickHouse computes for the two windows separately with
 * plain aggregates (the windows worked out here by hand, in UTC and in Asia/Tokyo); a group with
 * rows in one period only reads 0 / NULL, never nan. Plus the pure previous-window rule.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../../platform/chdb-store.js';
import { analyticsSchemaSql } from '../demo/analytics-schema.js';
import { compileReport } from './compile-query.js';
import { previousWindow } from './compare.js';
import { validateDefinition, type NormalizedDefinition } from './validate-definition.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-compare-'));
const DB = 'compare_test';
const store = new ChdbStore(dir, DB);
const LIMITS = { maxRowLimit: 100_000, maxRangeDays: 366 };
const AS_OF = new Date('2026-12-09T03:00:00.000Z'); // a Wednesday (UTC and Tokyo)

const normalize = (def: unknown): NormalizedDefinition => {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
};

beforeAll(async () => {
  for (const sql of analyticsSchemaSql(DB)) await store.exec(sql);
  // Every 37 minutes from Nov 1 to Dec 9: platforms by turn, every 5th an error, durations varying;
  // 'tv' only in the previous week (Nov 23-29 UTC), so it has no current rows.
  const rows: string[] = [];
  let i = 0;
  for (let t = Date.parse('2026-11-01T00:00:00Z'); t < AS_OF.getTime(); t += 37 * 60_000, i++) {
    const platform = ['ios', 'android', 'web'][i % 3]!;
    rows.push(JSON.stringify({ tenant_id: 'acme', timestamp: new Date(t).toISOString().slice(0, 23).replace('T', ' '), event_date: new Date(t).toISOString().slice(0, 10), user_id: `u${i % 17}`, platform, is_error: i % 5 === 0, duration_ms: (i * 7919) % 5000 }));
    if (t >= Date.parse('2026-11-23T00:00:00Z') && t < Date.parse('2026-11-30T00:00:00Z') && i % 4 === 0) {
      rows.push(JSON.stringify({ tenant_id: 'acme', timestamp: new Date(t).toISOString().slice(0, 23).replace('T', ' '), event_date: new Date(t).toISOString().slice(0, 10), user_id: 'tv-user', platform: 'tv', is_error: false, duration_ms: 100 }));
    }
  }
  await store.exec(`INSERT INTO ${DB}.usage_events (tenant_id, timestamp, event_date, user_id, platform, is_error, duration_ms) SELECT * FROM format(JSONEachRow, 'tenant_id String, timestamp DateTime64(3, \\'UTC\\'), event_date Date, user_id String, platform String, is_error Bool, duration_ms UInt32', {rows:String})`, { rows: rows.join('\n') });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const WEEKLY = {
  source: 'usage_events',
  dimensions: [{ field: 'platform' }],
  measures: [{ fn: 'COUNT', alias: 'events' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }, { fn: 'AVG', field: 'duration_ms', alias: 'avg_ms' }, { fn: 'COUNT_TRUE', field: 'is_error', alias: 'errors' }],
  timeRange: { period: 'PREVIOUS_WEEK', compare: 'PREVIOUS_PERIOD' },
  orderBy: [{ key: 'platform', direction: 'ASC' }],
};

/** Per platform: [events, users, avg_ms, errors] over [from, to) by plain aggregates. */
async function plain(from: string, to: string): Promise<Map<string, number[]>> {
  const res = await store.query(
    `SELECT platform, count(), uniqExact(user_id), avg(duration_ms), countIf(is_error) FROM ${DB}.usage_events
     WHERE tenant_id = 'acme' AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {to:DateTime64(3, 'UTC')} GROUP BY platform`, { from, to });
  return new Map(res.rows.map((r) => [String(r[0]), r.slice(1).map(Number)]));
}

describe('comparison with the previous period (chDB)', () => {
  for (const [zone, offset] of [['UTC', 0], ['Asia/Tokyo', 9]] as const) {
    it(`last week against the week before, per platform, in ${zone}`, async () => {
      const q = compileReport(normalize({ ...WEEKLY, timeZone: zone }), { tenantId: 'acme', asOf: AS_OF, database: DB, maxRangeDays: 366, timeZone: zone });
      expect(q.columns.map((c) => c.key)).toEqual([
        'platform', 'events', 'events_previous', 'events_change_pct', 'users', 'users_previous', 'users_change_pct',
        'avg_ms', 'avg_ms_previous', 'avg_ms_change_pct', 'errors', 'errors_previous', 'errors_change_pct',
      ]);
      const res = await store.query(q.sql, q.params);
      // Weeks start Monday 00:00 in the zone: Nov 30 - Dec 7 is last week, Nov 23 - 30 the one before.
      const at = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - offset * 3_600_000).toISOString().slice(0, 23).replace('T', ' ');
      const current = await plain(at('2026-11-30'), at('2026-12-07'));
      const previous = await plain(at('2026-11-23'), at('2026-11-30'));
      const platforms = [...new Set([...current.keys(), ...previous.keys()])].sort();
      expect(res.rows.map((r) => r[0])).toEqual(platforms);
      expect(platforms).toContain('tv');
      for (const row of res.rows) {
        const cur = current.get(String(row[0]));
        const prev = previous.get(String(row[0]));
        for (let m = 0; m < 4; m++) {
          const [c, p, change] = [row[1 + m * 3], row[2 + m * 3], row[3 + m * 3]];
          const want = (v: number[] | undefined) => (v ? v[m]! : m === 2 ? null : 0);
          const wc = want(cur);
          const wp = want(prev);
          if (wc === null) expect(c, `${row[0]} ${m} current`).toBeNull(); else expect(Number(c)).toBeCloseTo(wc, 6);
          if (wp === null) expect(p).toBeNull(); else expect(Number(p)).toBeCloseTo(wp, 6);
          if (wp === null || wp === 0 || wc === null) expect(change, `${row[0]} ${m} change`).toBeNull();
          else expect(Number(change)).toBeCloseTo(Math.round(((wc - wp) / wp) * 100 * 100) / 100, 2);
        }
      }
      if (zone === 'UTC') {
        // tv had rows only the week before: its current count is 0, its change -100 %, its average NULL.
        const tv = res.rows.find((r) => r[0] === 'tv')!;
        expect([Number(tv[1]), Number(tv[3])]).toEqual([0, -100]);
        expect(tv[7]).toBeNull();
      }
    });
  }

  it('refuses a comparison without measures or with a time bucket of its column', () => {
    const paths = (def: unknown) => { const r = validateDefinition(def, LIMITS); return r.valid ? [] : r.errors.map((e) => e.path); };
    expect(paths({ source: 'usage_events', dimensions: [{ field: 'platform' }], timeRange: { period: 'PREVIOUS_WEEK', compare: 'PREVIOUS_PERIOD' } })).toEqual(['timeRange.compare']);
    expect(paths({ ...WEEKLY, dimensions: [{ field: 'timestamp', grain: 'DAY' }], orderBy: [] })).toEqual(['timeRange.compare']);
    expect(paths({ ...WEEKLY, timeRange: { period: 'PREVIOUS_WEEK', compare: 'LAST_YEAR' } })).toEqual(['timeRange.compare']);
    // Without compare, the same report has no previous columns.
    const q = compileReport(normalize({ ...WEEKLY, timeRange: { period: 'PREVIOUS_WEEK' } }), { tenantId: 'acme', asOf: AS_OF, database: DB, maxRangeDays: 366, timeZone: 'UTC' });
    expect(q.columns.map((c) => c.key)).toEqual(['platform', 'events', 'users', 'avg_ms', 'errors']);
    expect(q.sql).not.toContain('cmp_from');
  });
});

describe('previousWindow', () => {
  const w = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
  it('whole months go back as many months (October before November), in the zone', () => {
    expect(previousWindow(w('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), 'UTC')).toEqual(w('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'));
    expect(previousWindow(w('2026-02-28T15:00:00Z', '2026-03-31T15:00:00Z'), 'Asia/Tokyo')).toEqual(w('2026-01-31T15:00:00Z', '2026-02-28T15:00:00Z'));
    expect(previousWindow(w('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z'), 'UTC')).toEqual(w('2025-10-01T00:00:00Z', '2026-01-01T00:00:00Z'));
  });
  it('whole days and weeks go back as many days on the zone calendar, across DST', () => {
    // New York, the week of the fall-back (Nov 1 2026) is 169 hours; the week before starts at midnight too.
    expect(previousWindow(w('2026-11-02T05:00:00Z', '2026-11-09T05:00:00Z'), 'America/New_York')).toEqual(w('2026-10-26T04:00:00Z', '2026-11-02T05:00:00Z'));
    expect(previousWindow(w('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z'), 'UTC')).toEqual(w('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z'));
  });
  it('any other window is preceded by the same elapsed time', () => {
    expect(previousWindow(w('2026-12-09T01:30:00Z', '2026-12-09T03:00:00Z'), 'UTC')).toEqual(w('2026-12-09T00:00:00Z', '2026-12-09T01:30:00Z'));
  });
});
