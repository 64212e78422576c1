import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../../platform/chdb-store.js';
import { analyticsRowCount, DEMO_TENANTS, seedAnalytics, seedWindow, type SeedSummary } from './analytics-seed.js';

// chDB allows one data directory per process; vitest runs this file in its own fork.
const dir = mkdtempSync(join(tmpdir(), 'reportcast-seed-'));
const store = new ChdbStore(dir, 'seed_test');
const EVENTS = 200_000;
const NOW = new Date('2026-03-04T10:37:12.345Z');
const SEED = 7;
const TABLES = ['usage_events', 'user_sessions', 'device_metrics'] as const;

async function rows(sql: string, params: Record<string, unknown> = {}): Promise<unknown[][]> {
  return (await store.query(sql.replaceAll('$db', 'seed_test'), params)).rows;
}
async function scalar(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  return Number((await rows(sql, params))[0]?.[0]);
}
/** Order-independent fingerprint of a table's contents (as a string: a UInt64 exceeds 2^53). */
async function checksum(table: string): Promise<string> {
  return String((await rows(`SELECT toString(sum(cityHash64(*))) FROM $db.${table}`))[0]?.[0]);
}

let summary: SeedSummary;
const progress: string[] = [];

beforeAll(async () => {
  expect(await analyticsRowCount(store)).toBe(0); // before any seed: no table, no error
  summary = await seedAnalytics(store, { usageEvents: EVENTS, now: NOW, seed: SEED, onProgress: (l) => progress.push(l) });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seedWindow', () => {
  it('is the 30 days before now truncated to the hour', () => {
    const { from, to } = seedWindow(NOW);
    expect(to.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    expect(from.toISOString()).toBe('2026-02-02T10:00:00.000Z');
  });
});

describe('seedAnalytics', () => {
  it('writes the requested events and proportional sessions and metrics', async () => {
    expect(summary.usageEvents).toBe(EVENTS);
    expect(await analyticsRowCount(store)).toBe(EVENTS);
    expect(summary.userSessions).toBeGreaterThan(EVENTS / 8 * 0.95);
    expect(summary.userSessions).toBeLessThanOrEqual(EVENTS / 8);
    expect(summary.deviceMetrics).toBe(EVENTS / 10);
    expect(await scalar('SELECT count() FROM $db.user_sessions')).toBe(summary.userSessions);
    expect(summary.from).toEqual(seedWindow(NOW).from);
    expect(progress[0]).toBe('seeding usage_events: 200,000 rows…');
    expect(progress.at(-1)).toMatch(/^seeded 200,000 usage_events, [\d,]+ user_sessions, 20,000 device_metrics/);
  });

  it('gives the three tenants skewed volume and stable populations', async () => {
    const byTenant = await rows(`SELECT tenant_id, count() AS c, uniqExact(user_id), uniqExact(device_id)
      FROM $db.usage_events GROUP BY tenant_id ORDER BY c DESC`);
    expect(byTenant.map((r) => r[0])).toEqual([...DEMO_TENANTS]);
    const acme = Number(byTenant[0]?.[1]) / EVENTS;
    expect(acme).toBeGreaterThan(0.45);
    expect(acme).toBeLessThan(0.55);
    for (const [tenant, , users, devices] of byTenant) {
      expect(Number(devices)).toBeGreaterThan(Number(users) * 1.3);
      expect(Number(users)).toBeLessThanOrEqual(tenant === 'acme' ? 2000 : tenant === 'globex' ? 1200 : 600);
    }
    const badIds = await scalar(`SELECT countIf(NOT match(user_id, concat('^', tenant_id, '-u\\\\d{5}$'))
      OR NOT match(device_id, concat('^', tenant_id, '-d\\\\d{5}$'))) FROM $db.usage_events`);
    expect(badIds).toBe(0);
  });

  it('keeps every timestamp in the window, with event_date its UTC day', async () => {
    const [min, max, badDate] = (await rows(`SELECT toUnixTimestamp64Milli(min(timestamp)),
      toUnixTimestamp64Milli(max(timestamp)), countIf(event_date != toDate(timestamp)) FROM $db.usage_events`))[0]!;
    expect(Number(min)).toBeGreaterThanOrEqual(summary.from.getTime());
    expect(Number(max)).toBeLessThanOrEqual(summary.to.getTime());
    expect(Number(max)).toBeGreaterThan(summary.to.getTime() - 6 * 3_600_000); // spans the whole window
    expect(Number(min)).toBeLessThan(summary.from.getTime() + 6 * 3_600_000);
    expect(Number(badDate)).toBe(0);
    for (const table of ['user_sessions', 'device_metrics']) {
      const col = table === 'user_sessions' ? 'started_at' : 'timestamp';
      const outside = await scalar(`SELECT countIf(${col} < {from:DateTime64(3, 'UTC')} OR ${col} > {to:DateTime64(3, 'UTC')})
        FROM $db.${table}`, { from: summary.from, to: summary.to });
      expect(outside).toBe(0);
    }
  });

  it('has a weekly rhythm (weekends quieter) and a daily one (business hours busier)', async () => {
    // Average per calendar day, whole days only, so the partial first and last days don't skew it.
    const [weekday, weekend] = (await rows(`SELECT avgIf(c, dow <= 5), avgIf(c, dow > 5) FROM (
        SELECT toDate(timestamp) AS d, toDayOfWeek(d) AS dow, count() AS c FROM $db.usage_events
        WHERE d > toDate({from:DateTime64(3, 'UTC')}) AND d < toDate({to:DateTime64(3, 'UTC')}) GROUP BY d)`,
      { from: summary.from, to: summary.to }))[0]!.map(Number);
    expect(weekend! / weekday!).toBeGreaterThan(0.25);
    expect(weekend! / weekday!).toBeLessThan(0.6);
    const [business, night] = (await rows(`SELECT countIf(toHour(timestamp) BETWEEN 9 AND 16) / 8,
      countIf(toHour(timestamp) BETWEEN 0 AND 5) / 6 FROM $db.usage_events`))[0]!.map(Number);
    expect(business!).toBeGreaterThan(night! * 4);
    const [metricsBusiness, metricsNight] = (await rows(`SELECT countIf(toHour(timestamp) BETWEEN 9 AND 16) / 8,
      countIf(toHour(timestamp) BETWEEN 0 AND 5) / 6 FROM $db.device_metrics`))[0]!.map(Number);
    expect(metricsBusiness!).toBeGreaterThan(metricsNight! * 4);
  });

  it('skews event types, prices only purchases and flags every error', async () => {
    const types = await rows('SELECT event_type, count() AS c FROM $db.usage_events GROUP BY event_type ORDER BY c DESC');
    const names = types.map((r) => r[0]);
    expect(names).toHaveLength(9);
    expect(names[0]).toBe('page_view');
    expect(names.slice(-3)).toContain('error');
    const [badValue, badError, nullReferrer] = (await rows(`SELECT
      countIf((event_type = 'purchase') != (value > 0)), countIf(event_type = 'error' AND NOT is_error),
      countIf(referrer IS NULL) / count() FROM $db.usage_events`))[0]!.map(Number);
    expect(badValue).toBe(0);
    expect(badError).toBe(0);
    expect(nullReferrer).toBeGreaterThan(0.2);
    expect(nullReferrer).toBeLessThan(0.8);
    const [p50, p99] = (await rows("SELECT quantiles(0.5, 0.99)(duration_ms) FROM $db.usage_events WHERE event_type = 'page_view'"))[0]![0] as number[];
    expect(p50).toBeGreaterThan(200);
    expect(p99!).toBeGreaterThan(p50! * 3); // long tail
  });

  it('builds sessions that agree with their events', async () => {
    const [backwards, badDuration, badBounce] = (await rows(`SELECT countIf(ended_at < started_at),
      countIf(duration_seconds != intDiv(toUnixTimestamp64Milli(ended_at) - toUnixTimestamp64Milli(started_at), 1000)),
      countIf(is_bounce != (page_views = 1)) FROM $db.user_sessions`))[0]!.map(Number);
    expect([backwards, badDuration, badBounce]).toEqual([0, 0, 0]);
    expect(await scalar('SELECT sum(events) FROM $db.user_sessions')).toBe(EVENTS);
    // Every event's session exists with the same tenant, user and device.
    const orphans = await scalar(`SELECT count() FROM $db.usage_events AS e
      LEFT ANTI JOIN $db.user_sessions AS s USING (tenant_id, session_id, user_id, device_id)`);
    expect(orphans).toBe(0);
  });

  it('reports battery only for devices that have one, with stable device types', async () => {
    const [batteryless, batteryNull, unstable] = (await rows(`SELECT
      countIf(device_type IN ('desktop', 'server') AND battery_percent IS NOT NULL),
      countIf(device_type NOT IN ('desktop', 'server') AND battery_percent IS NULL),
      (SELECT count() FROM (SELECT device_id FROM $db.device_metrics GROUP BY device_id HAVING uniqExact(device_type) > 1))
      FROM $db.device_metrics`))[0]!.map(Number);
    expect([batteryless, batteryNull, unstable]).toEqual([0, 0, 0]);
    expect(await scalar("SELECT countIf(battery_percent IS NULL) FROM $db.device_metrics")).toBeGreaterThan(0);
  });

  it('is deterministic: same inputs (within the hour) give the same data, another seed differs', async () => {
    const first = await Promise.all(TABLES.map(checksum));
    await seedAnalytics(store, { usageEvents: EVENTS, now: new Date(NOW.getTime() + 15 * 60_000), seed: SEED });
    expect(await Promise.all(TABLES.map(checksum))).toEqual(first);
    await seedAnalytics(store, { usageEvents: EVENTS, now: NOW, seed: SEED + 1 });
    const other = await Promise.all(TABLES.map(checksum));
    TABLES.forEach((_, i) => expect(other[i]).not.toBe(first[i]));
  });

  it('rejects invalid options before touching the store', async () => {
    await expect(seedAnalytics(store, { usageEvents: -1, now: NOW })).rejects.toThrow(RangeError);
    await expect(seedAnalytics(store, { usageEvents: 10, now: new Date('nope') })).rejects.toThrow(RangeError);
    await expect(seedAnalytics(store, { usageEvents: 10, now: NOW, seed: 1.5 })).rejects.toThrow(RangeError);
    expect(await analyticsRowCount(store)).toBe(EVENTS);
  });
});
