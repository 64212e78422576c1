/**
 * PgRateLimiter against a real PostgreSQL: the in-memory bucket's behaviour (rate-limiter.test.ts),
 * with the budget shared by two limiters that stand for two processes, and the fall-back when
 * PostgreSQL does not answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { createLogger, type LogLevel } from '../platform/logger.js';
import { applyMigrations } from '../platform/migrations.js';
import { PgRateLimiter } from './shared-rate-limiter.js';

let db: TestDatabase;
let pool: pg.Pool;
let statements = 0;
const lines: { level: LogLevel; line: string }[] = [];
const log = createLogger('info', 'json', (level, line) => lines.push({ level, line }));

beforeAll(async () => {
  db = await createTestDatabase();
  await applyMigrations(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => { statements++; return query(...args); };
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

/** Two "processes" on one database and one manual clock (ms); takes alternate between them. */
function limiters(perMinute: number) {
  let t = 1_700_000_000_000;
  let turn = 0;
  const key = `tenant:${randomUUID()}`;
  const both = [0, 1].map(() => new PgRateLimiter(pool, perMinute, { log, now: () => t }));
  return {
    a: both[0]!,
    b: both[1]!,
    take: (k = key) => both[turn++ % 2]!.take(k),
    advance: (ms: number) => { t += ms; },
    key,
  };
}

async function drain(l: ReturnType<typeof limiters>, n: number, key = l.key) {
  for (let i = 0; i < n; i++) expect(await l.take(key)).toBe(0);
}

/** Operations one limiter is allowed before its first refusal. */
async function allowed(limiter: PgRateLimiter, key: string): Promise<number> {
  let n = 0;
  while ((await limiter.take(key)) === 0) n++;
  return n;
}

describe('PgRateLimiter: one bucket per key for every process', () => {
  it('allows perMinute requests in a burst across both processes, then refuses with a retry-after of at least 1 s', async () => {
    const l = limiters(5);
    await drain(l, 5);
    const retry = await l.take();
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(retry)).toBe(true);
  });

  it('does not let refused requests consume tokens, and answers them without asking PostgreSQL', async () => {
    const l = limiters(6); // one token every 10 s
    await drain(l, 6);
    expect(await l.take()).toBe(10); // each process learns it once
    expect(await l.take()).toBe(10);
    const before = statements;
    for (let i = 0; i < 10; i++) expect(await l.take()).toBe(10);
    expect(statements).toBe(before);
    l.advance(10_000);
    expect(await l.take()).toBe(0);
    expect(await l.take()).toBeGreaterThan(0); // the other process sees the token gone
  });

  it('refills one token after 60/perMinute seconds, not a whole one before', async () => {
    const l = limiters(3); // one token every 20 s
    await drain(l, 3);
    l.advance(19_000);
    expect(await l.take()).toBe(1);
    l.advance(1_000);
    expect(await l.take()).toBe(0);
    expect(await l.take()).toBeGreaterThan(0);
  });

  it('refills proportionally to elapsed time, never beyond the burst', async () => {
    const l = limiters(60);
    await drain(l, 60);
    l.advance(5_000);
    await drain(l, 5);
    expect(await l.take()).toBe(1);
    l.advance(60 * 60_000);
    await drain(l, 60);
    expect(await l.take()).toBeGreaterThan(0);
  });

  it('keeps keys independent', async () => {
    const l = limiters(2);
    await drain(l, 2, 'tenant:a-' + l.key);
    expect(await l.take('tenant:a-' + l.key)).toBeGreaterThan(0);
    await drain(l, 2, 'tenant:b-' + l.key);
    expect(await l.take('tenant:c-' + l.key)).toBe(0);
  });

  it.each([
    [1, 60], [2, 30], [3, 20], [6, 10], [60, 1], [600, 1], [6000, 1],
  ])('at %i per minute, an exhausted bucket says retry after %i s', async (perMinute, seconds) => {
    const l = limiters(perMinute);
    await drain(l, perMinute);
    expect(await l.take()).toBe(seconds);
  });

  it('shortens retry-after as the bucket refills, rounding up to whole seconds', async () => {
    const l = limiters(1);
    await drain(l, 1);
    l.advance(700);
    expect(await l.take()).toBe(60); // 59.3 s
    l.advance(29_300);
    expect(await l.take()).toBe(30);
    l.advance(29_500);
    expect(await l.take()).toBe(1);
    l.advance(500);
    expect(await l.take()).toBe(0);
  });

  it('is exact under a concurrent burst from both processes', async () => {
    const l = limiters(50);
    const results = await Promise.all(Array.from({ length: 120 }, () => l.take()));
    expect(results.filter((r) => r === 0)).toHaveLength(50);
  });

  it('spends a lease of up to a second\'s tokens in memory: one statement per lease', async () => {
    const l = limiters(600); // 10 a second: leases of 10
    const before = statements;
    for (let i = 0; i < 100; i++) expect(await l.a.take(l.key)).toBe(0);
    expect(statements - before).toBe(10);
  });

  it('answers a concurrent burst on one key with two statements: a lease, then one as large as the callers waiting for it', async () => {
    const l = limiters(600); // leases of 10
    const before = statements;
    const results = await Promise.all(Array.from({ length: 200 }, () => l.a.take(l.key)));
    expect(results.every((r) => r === 0)).toBe(true);
    expect(statements - before).toBe(2);
    // Past the budget the burst is still exact: 600 in all, the rest refused.
    const rest = await Promise.all(Array.from({ length: 500 }, () => l.a.take(l.key)));
    expect(rest.filter((r) => r === 0)).toHaveLength(400);
  });

  it('never lets processes holding leases exceed the budget together; unspent tokens go back when a lease ends', async () => {
    const l = limiters(600);
    expect(await l.a.take(l.key)).toBe(0); // a holds a lease: 9 left
    expect(await allowed(l.b, l.key)).toBe(590);
    expect(await allowed(l.a, l.key)).toBe(9);
    expect(await l.b.take(l.key)).toBeGreaterThan(0);
    // A lease taken and left: its rest goes back when it ends (here: 9 of 10).
    const m = limiters(600);
    expect(await m.a.take(m.key)).toBe(0);
    expect(await allowed(m.b, m.key)).toBe(590);
    m.advance(1_000); // 10 more refilled
    await m.a.giveBackExpired();
    expect(await allowed(m.b, m.key)).toBe(19);
  });

  it('uses PostgreSQL\'s clock by default', async () => {
    const limiter = new PgRateLimiter(pool, 2, { log });
    const key = `tenant:${randomUUID()}`;
    expect([await limiter.take(key), await limiter.take(key)]).toEqual([0, 0]);
    expect(await limiter.take(key)).toBe(30);
    await limiter.close();
  });
});

describe('PgRateLimiter when PostgreSQL does not answer', () => {
  it('falls back to this process\'s own bucket, warns once, counts each fallback, and asks again later', async () => {
    const dead = new pg.Pool({ connectionString: db.url.replace(/:\d+\//, ':1/'), max: 1, connectionTimeoutMillis: 500 });
    dead.on('error', () => undefined);
    let t = 1_700_000_000_000;
    let fallbacks = 0;
    const limiter = new PgRateLimiter(dead, 3, { log, now: () => t, retryAfterFailureMs: 5_000, onFallback: () => fallbacks++ });
    const key = `tenant:${randomUUID()}`;
    expect([await limiter.take(key), await limiter.take(key), await limiter.take(key)]).toEqual([0, 0, 0]);
    expect(await limiter.take(key)).toBe(20); // still limited: per process
    expect(fallbacks).toBe(4);
    expect(lines.filter((l) => l.level === 'warn' && /rate limits: PostgreSQL unavailable/.test(l.line))).toHaveLength(1);
    // Swap in a working pool: after retryAfterFailureMs it is asked again, and says so.
    (limiter as unknown as { pool: pg.Pool }).pool = pool;
    t += 1_000;
    expect(await limiter.take(`tenant:${randomUUID()}`)).toBe(0);
    expect(fallbacks).toBe(5);
    t += 5_000;
    expect(await limiter.take(`tenant:${randomUUID()}`)).toBe(0);
    expect(fallbacks).toBe(5);
    expect(lines.some((l) => l.level === 'info' && /shared through PostgreSQL again/.test(l.line))).toBe(true);
    await limiter.close();
    await dead.end();
  });
});
