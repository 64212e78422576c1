/**
 * SharedQueryStore over a real chDB store, counted by CountingStore (what reaches the engine):
 * identical concurrent reads run once, nothing crosses tenants, an insert is seen by the next
 * read, and reads without a tenant, streams and a TTL of 0 behave as documented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChdbStore } from './chdb-store.js';
import { CountingStore } from './counting-store.js';
import { SETTLED_PROBE_MS, SharedQueryStore, SMALL_STREAM_BYTES, resultBytes } from './shared-query-store.js';
import { analyticsSchemaSql } from '../features/demo/analytics-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-shared-'));
const chdb = new ChdbStore(dir, 'reportcast');
const EVENTS = '`reportcast`.`usage_events`';
const COUNT = `SELECT count() FROM ${EVENTS} WHERE tenant_id = {tenant:String} AND platform = {platform:String}`;
const options = { ttlMs: 60_000, maxEntries: 100, maxBytes: 10_000_000 };

async function insert(tenant: string, platform: string, n: number): Promise<void> {
  await chdb.exec(`INSERT INTO ${EVENTS} (tenant_id, timestamp, event_type, user_id, platform, duration_ms, value)
    SELECT {tenant:String}, now64(3), 'view', 'u', {platform:String}, 1, 1 FROM numbers({n:UInt32})`, { tenant, platform, n });
}

beforeAll(async () => {
  for (const sql of analyticsSchemaSql('reportcast')) await chdb.exec(sql);
  await insert('acme', 'web', 10);
  await insert('globex', 'web', 3);
}, 60_000);
afterAll(async () => {
  await chdb.close();
  rmSync(dir, { recursive: true, force: true });
});

const countOf = (r: { rows: unknown[][] }) => Number(r.rows[0]![0]);

describe('SharedQueryStore on chDB', () => {
  it('runs 40 identical concurrent reads as one engine query, and keeps the answer', async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, options);
    const answers = await Promise.all(Array.from({ length: 40 }, () => shared.query(COUNT, { tenant: 'acme', platform: 'web' })));
    expect(answers.map(countOf)).toEqual(Array(40).fill(10));
    expect(counting.reads).toBe(1);
    // Coalesced version probes: far fewer than one per caller.
    expect(counting.probes).toBeLessThanOrEqual(2);
    expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'web' }))).toBe(10);
    expect(counting.reads).toBe(1);
    expect(shared.stats()).toMatchObject({ loads: 1, hits: 1, joined: 39, entries: 1 });
  });

  it("never answers one tenant with another's result", async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, options);
    const [acme, globex] = await Promise.all([
      shared.query(COUNT, { tenant: 'acme', platform: 'web' }),
      shared.query(COUNT, { tenant: 'globex', platform: 'web' }),
    ]);
    expect([countOf(acme), countOf(globex)]).toEqual([10, 3]);
    expect(countOf(await shared.query(COUNT, { tenant: 'globex', platform: 'web' }))).toBe(3);
    expect(counting.reads).toBe(2);
  });

  it('sees an insert on the very next read (the data version is part of the key)', async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, options);
    expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'ios' }))).toBe(0);
    expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'ios' }))).toBe(0);
    expect(counting.reads).toBe(1);
    await insert('acme', 'ios', 1);
    expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'ios' }))).toBe(1);
    expect(counting.reads).toBe(2);
  });

  it('probes the data version again only after a write, or SETTLED_PROBE_MS after the last probe', async () => {
    let now = 0;
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, { ...options, now: () => now });
    const read = (platform: string) => shared.query(COUNT, { tenant: 'acme', platform }).then(countOf);
    expect(await read('tablet')).toBe(0);
    expect(counting.probes).toBe(1);
    // Nothing written since: another query, and the first again (kept), without a probe.
    expect(await read('desktop')).toBe(0);
    expect(await read('tablet')).toBe(0);
    expect([counting.probes, counting.reads]).toEqual([1, 2]);
    // Written through the engine's store, not this one: still seen by the next read.
    await insert('acme', 'tablet', 2);
    expect(await read('tablet')).toBe(2);
    expect([counting.probes, counting.reads]).toEqual([2, 3]);
    // Time alone: probed again once the last probe is SETTLED_PROBE_MS old (the engine's own changes).
    now += SETTLED_PROBE_MS - 1;
    expect(await read('tablet')).toBe(2);
    expect(counting.probes).toBe(2);
    now += 1;
    expect(await read('tablet')).toBe(2);
    expect([counting.probes, counting.reads]).toEqual([3, 3]);
  });

  it('probes a store that cannot count its writes (a server) for every cached read', async () => {
    const counting = new CountingStore(chdb);
    const server = Object.assign(Object.create(counting) as CountingStore, { writeCount: () => null });
    const shared = new SharedQueryStore(server, options);
    for (let i = 0; i < 3; i++) expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'web' }))).toBe(10);
    // Counted on the wrapper (its counters are its own properties once incremented).
    expect([server.probes, server.reads]).toEqual([3, 1]);
  });

  it('with a TTL of 0 shares reads in flight but keeps nothing', async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, { ...options, ttlMs: 0 });
    await Promise.all(Array.from({ length: 10 }, () => shared.query(COUNT, { tenant: 'acme', platform: 'web' })));
    await shared.query(COUNT, { tenant: 'acme', platform: 'web' });
    expect(counting.reads).toBe(2);
    expect(counting.probes).toBe(0);
  });

  it('passes reads without a tenant, and a table the probe cannot see, straight through or uncached', async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, options);
    for (let i = 0; i < 2; i++) expect((await shared.query('SELECT 1')).rows).toEqual([[1]]);
    expect(shared.stats().loads).toBe(0);
    // system.one has no parts: the version is unknown, so the result is not kept.
    const unversioned = 'SELECT {tenant:String} AS t FROM system.one';
    for (let i = 0; i < 2; i++) await shared.query(unversioned, { tenant: 'acme' });
    expect(counting.reads).toBe(2);
  });

  it('keeps an aborted caller from stopping the others, and an engine error from being kept', async () => {
    const counting = new CountingStore(chdb);
    const shared = new SharedQueryStore(counting, options);
    const slow = `SELECT count() FROM numbers(20000000) WHERE {tenant:String} != '' AND sipHash64(number) % 7 = 0 AND ${Date.now()} > 0 AND 1 IN (SELECT 1 FROM ${EVENTS} LIMIT 1)`;
    const leaving = new AbortController();
    const a = shared.query(slow, { tenant: 'acme' }, { signal: leaving.signal });
    const b = shared.query(slow, { tenant: 'acme' });
    leaving.abort();
    await expect(a).rejects.toBeDefined();
    expect(Number((await b).rows[0]![0])).toBeGreaterThan(0);
    const broken = `SELECT no_such_column FROM ${EVENTS} WHERE tenant_id = {tenant:String}`;
    await expect(shared.query(broken, { tenant: 'acme' })).rejects.toThrow();
    await expect(shared.query(broken, { tenant: 'acme' })).rejects.toThrow();
    expect(counting.sqls.filter((s) => s === broken)).toHaveLength(2);
  });

  it("serves a small byte stream read again from the first one's output, per tenant and data version; a large one streams through", async () => {
    const counting = new CountingStore(chdb);
    const engine = { streams: 0 };
    // CountingStore passes streams through: count them here.
    const inner = Object.assign(Object.create(counting) as CountingStore, {
      streamBytes: (sql: string, params: Record<string, unknown>, opts: Parameters<CountingStore['streamBytes']>[2]) => { engine.streams++; return counting.streamBytes(sql, params as never, opts); },
    });
    const shared = new SharedQueryStore(inner, options);
    await insert('acme', 'tv', 10);
    await insert('globex', 'tv', 3);
    const read = async (tenant: string, sql = COUNT) => {
      let text = '';
      for await (const chunk of shared.streamBytes(sql, { tenant, platform: 'tv' }, { format: 'CSV' })) text += Buffer.from(chunk.bytes).toString();
      return text;
    };
    expect(await read('acme')).toBe('10\n');
    expect(await read('acme')).toBe('10\n');
    expect(await read('globex')).toBe('3\n');
    expect(engine.streams).toBe(2);
    expect(shared.streamHits).toBe(1);
    // A new row changes the data version: read again from the engine.
    await insert('acme', 'tv', 1);
    expect(await read('acme')).toBe('11\n');
    expect(engine.streams).toBe(3);
    // Larger than SMALL_STREAM_BYTES: never kept.
    const big = `SELECT number, {tenant:String}, {platform:String} FROM numbers(20000) WHERE 1 IN (SELECT 1 FROM ${EVENTS} LIMIT 1)`;
    const first = await read('acme', big);
    expect(first.length).toBeGreaterThan(SMALL_STREAM_BYTES);
    expect(await read('acme', big)).toBe(first);
    expect(engine.streams).toBe(5);
    // What a caller gets is a copy: changing it changes nothing for the next.
    for await (const chunk of shared.streamBytes(COUNT, { tenant: 'globex', platform: 'tv' }, { format: 'CSV' })) chunk.bytes.fill(0);
    expect(await read('globex')).toBe('3\n');
  });

  it('hands out a result no caller can change for the others', async () => {
    const shared = new SharedQueryStore(new CountingStore(chdb), options);
    const result = await shared.query(COUNT, { tenant: 'acme', platform: 'web' });
    expect(() => { (result.rows as unknown[][]).push([1]); }).toThrow(TypeError);
    expect(() => { result.rows[0]![0] = 99; }).toThrow(TypeError);
    expect(countOf(await shared.query(COUNT, { tenant: 'acme', platform: 'web' }))).toBe(10);
  });

  it('estimates the memory a result holds', () => {
    const small = resultBytes({ columns: [{ name: 'n', type: 'UInt64' }], rows: [[1]] });
    const big = resultBytes({ columns: [{ name: 'n', type: 'String' }], rows: Array.from({ length: 1000 }, () => ['x'.repeat(100)]) });
    expect(small).toBeLessThan(200);
    expect(big).toBeGreaterThan(200_000);
  });
});
