/**
 * The embedded ClickHouse adapter streams for real: rows arrive in many batches while the query is
 * still running, a slow consumer holds the engine back instead of buffering the result, abort stops
 * it, and concurrent streams each get a session.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsStalledError, ChdbStore } from './chdb-store.js';
import { TenantLimitedStore } from './tenant-limited-store.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-chdb-'));
const store = new ChdbStore(dir, 'reportcast');
const bounded: ChdbStore[] = [];
afterAll(async () => {
  for (const s of bounded) await s.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const BIG = 'SELECT number, toString(number) AS s FROM numbers({n:UInt64})';

describe('ChdbStore.stream', () => {
  it('delivers the first rows long before the last, in many batches', async () => {
    const started = performance.now();
    let firstAt = 0;
    let batches = 0;
    let rows = 0;
    for await (const batch of store.stream(BIG, { n: 3_000_000 })) {
      if (batches === 0) firstAt = performance.now() - started;
      batches++;
      rows += batch.length;
    }
    const total = performance.now() - started;
    expect(rows).toBe(3_000_000);
    expect(batches).toBeGreaterThan(10);
    expect(firstAt).toBeLessThan(total / 3);
  });

  it('holds the engine back for a slow consumer instead of buffering the result', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    let seen = 0;
    for await (const batch of store.stream(BIG, { n: 5_000_000 })) {
      seen += batch.length;
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((r) => setTimeout(r, 2));
      if (seen >= 1_500_000) break; // early break cancels the query
    }
    // 5M rows as JSON would be ~150 MB; a streaming read of part of it stays far below.
    expect(peak - before).toBeLessThan(120 * 1024 * 1024);
  });

  it('stops when the signal aborts, and the session serves the next stream', async () => {
    const abort = new AbortController();
    let rows = 0;
    await expect((async () => {
      for await (const batch of store.stream(BIG, { n: 50_000_000 }, { signal: abort.signal })) {
        rows += batch.length;
        if (rows > 100_000) abort.abort(new Error('stop'));
      }
    })()).rejects.toBeTruthy();
    expect(rows).toBeLessThan(5_000_000);
    let after = 0;
    for await (const batch of store.stream(BIG, { n: 1000 })) after += batch.length;
    expect(after).toBe(1000);
  });

  it('runs more concurrent streams than it has sessions, each to the end', async () => {
    const counts = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      let n = 0;
      for await (const batch of store.stream(BIG, { n: 200_000 + i })) n += batch.length;
      return n;
    }));
    expect(counts).toEqual(Array.from({ length: 6 }, (_, i) => 200_000 + i));
  });
});

/** Reads 10^11 rows and matches none: minutes of work without a bound. */
const ENDLESS = 'SELECT number FROM numbers(100000000000) WHERE sipHash64(number) = {x:UInt64}';

/** Every stream's outcome, as its error (or 'ok'). */
const outcomes = (s: ChdbStore, n: number) => Promise.all(Array.from({ length: n }, async () => {
  try {
    for await (const _batch of s.stream(ENDLESS, { x: 1 })) { /* none */ }
    return 'ok';
  } catch (error) {
    return error as Error;
  }
}));

describe('ChdbStore: nothing holds a session forever', () => {
  it('stops a stream past max_execution_time (TIMEOUT_EXCEEDED), more of them than it has sessions, and streams on', async () => {
    const limited = new ChdbStore(dir, 'reportcast', { maxExecutionSeconds: 1 });
    bounded.push(limited);
    const started = performance.now();
    const failed = await outcomes(limited, 6);
    expect(failed.map((e) => (e instanceof Error ? /TIMEOUT_EXCEEDED/.test(e.message) : e))).toEqual(Array(6).fill(true));
    expect(performance.now() - started).toBeLessThan(15_000);
    let rows = 0;
    for await (const batch of limited.stream(BIG, { n: 1000 })) rows += batch.length;
    expect(rows).toBe(1000);
    await expect(limited.query(ENDLESS, { x: 1 })).rejects.toThrow(/TIMEOUT_EXCEEDED/);
  }, 30_000);

  it('abandons a stream whose next chunk does not come within its bound (AnalyticsStalledError) and replaces its session', async () => {
    // The engine's own limit is longer here: this is the bound for a stream the engine never ends.
    const watched = new ChdbStore(dir, 'reportcast', { maxExecutionSeconds: 3, streamStallMs: 500 });
    bounded.push(watched);
    const started = performance.now();
    const failed = await outcomes(watched, 6); // 6 > the 4 stream sessions: the last 2 get fresh ones
    expect(failed.map((e) => e instanceof AnalyticsStalledError)).toEqual(Array(6).fill(true));
    expect(performance.now() - started).toBeLessThan(2_900); // before the engine's own limit
    // The abandoned queries still run in the engine until its limit: wait that out (2 cores),
    // then the pool has sessions to stream on.
    await new Promise((r) => setTimeout(r, 3_500));
    let rows = 0;
    for await (const batch of watched.stream(BIG, { n: 1000 })) rows += batch.length;
    expect(rows).toBe(1000);
  }, 30_000);

  it('gives up waiting for a stream session when the signal aborts', async () => {
    const watched = new ChdbStore(dir, 'reportcast', { maxExecutionSeconds: 3 });
    bounded.push(watched);
    const busy = outcomes(watched, 4); // every stream session busy for ~3 s
    await new Promise((r) => setTimeout(r, 200));
    const abort = new AbortController();
    const waiting = (async () => {
      for await (const _batch of watched.stream(BIG, { n: 10 }, { signal: abort.signal })) { /* none */ }
    })();
    const t0 = performance.now();
    abort.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(performance.now() - t0).toBeLessThan(1_000);
    await busy;
  }, 30_000);
});

describe('ChdbStore.query', () => {
  it('binds parameters server-side and returns 64-bit counts as numbers', async () => {
    const r = await store.query("SELECT count() AS c, {s:String} AS s FROM numbers(10)", { s: "it's; DROP" });
    expect(r.columns).toEqual([{ name: 'c', type: 'UInt64' }, { name: 's', type: 'String' }]);
    expect(r.rows).toEqual([[10, "it's; DROP"]]);
  });
});

describe('ChdbStore.writeCount', () => {
  it('counts every statement that may write, at its start and at its end, and no read', async () => {
    const w0 = store.writeCount();
    await store.exec('CREATE TABLE IF NOT EXISTS default.counted (x UInt32) ENGINE = MergeTree ORDER BY x');
    expect(store.writeCount()).toBe(w0 + 2);
    // Running: odd; ended: even again.
    const insert = store.exec('INSERT INTO default.counted SELECT number FROM numbers(100000)');
    expect(store.writeCount()).toBe(w0 + 3);
    await insert;
    expect(store.writeCount()).toBe(w0 + 4);
    // Reads, with or without leading comments, and streams: not writes.
    await store.query('SELECT count() FROM default.counted');
    await store.query('  -- a comment\n/* and another */ WITH 1 AS one SELECT one');
    for await (const _ of store.streamBytes('SELECT x FROM default.counted LIMIT 10', {}, { format: 'CSV' })) void _;
    expect(store.writeCount()).toBe(w0 + 4);
    // A write sent through query() counts too; so does a statement that fails.
    await store.query('INSERT INTO default.counted VALUES (1)');
    expect(store.writeCount()).toBe(w0 + 6);
    await expect(store.exec('INSERT INTO default.no_such_table VALUES (1)')).rejects.toThrow();
    expect(store.writeCount()).toBe(w0 + 8);
  });
});

describe('ChdbStore.query after a failed query', () => {
  it('answers the next query cleanly (chDB would prepend the failed output to it)', async () => {
    await expect(store.query('SELECT throwIf(number = 5) FROM numbers(10)')).rejects.toThrow(/throwIf/);
    const next = await store.query('SELECT 1 AS x');
    expect(next).toEqual({ columns: [{ name: 'x', type: 'UInt8' }], rows: [[1]] });
  });
});

describe('ChdbStore queue order between tenants', () => {
  /** Holds the session with a slow query, queues acme's 5 then globex's 2, and returns the order they were answered in. */
  async function answered(order: ChdbStore['scheduling']): Promise<string[]> {
    const initial = store.scheduling;
    store.scheduling = order;
    try {
      const done: string[] = [];
      const blocker = store.query('SELECT sleep(0.3) AS s, {tenant:String} AS t', { tenant: 'other' });
      const ask = (tenant: string, i: number) => store.query('SELECT {tenant:String} AS t, {i:UInt8} AS i', { tenant, i }).then(() => { done.push(`${tenant[0]}${i}`); });
      const asked = [1, 2, 3, 4, 5].map((i) => ask('acme', i));
      asked.push(ask('globex', 1), ask('globex', 2));
      await Promise.all([blocker, ...asked]);
      return done;
    } finally {
      store.scheduling = initial;
    }
  }

  it('fair: takes turns between tenants; lightest: the tenant with fewer waiting first; fifo: arrival order', async () => {
    expect(await answered('fair')).toEqual(['a1', 'g1', 'a2', 'g2', 'a3', 'a4', 'a5']);
    expect(await answered('lightest')).toEqual(['g1', 'g2', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(await answered('fifo')).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'g1', 'g2']);
  });

  it("lightest counts a tenant's queries waiting for its slots (TenantLimitedStore.queued), as the runtime wires it", async () => {
    // Each tenant's slot pool lets 2 queries through at once: acme's other 6 wait for a slot,
    // unseen by the engine's queue but for the backlog.
    const limited = new TenantLimitedStore(store, 2);
    store.backlog = (tenant) => limited.queued(tenant);
    try {
      const done: string[] = [];
      const blocker = store.query('SELECT sleep(0.3) AS s, {tenant:String} AS t', { tenant: 'other' });
      const ask = (tenant: string, i: number) => limited.query('SELECT {tenant:String} AS t, {i:UInt8} AS i', { tenant, i }).then(() => { done.push(`${tenant[0]}${i}`); });
      const asked = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ask('acme', i));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(limited.queued('acme')).toBe(6);
      asked.push(ask('globex', 1), ask('globex', 2));
      await Promise.all([blocker, ...asked]);
      // globex's 2 against acme's 2 in the queue: lighter only with acme's 6 behind them counted.
      expect(done.slice(0, 2)).toEqual(['g1', 'g2']);
      expect(done).toHaveLength(10);
    } finally {
      store.backlog = null;
    }
  });
});
