/**
 * PgTenantSlots against a real PostgreSQL (migrated database of its own). Two instances on one
 * database stand for two processes; a child process stands for one that crashes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { createLogger, type LogLevel } from './logger.js';
import { applyMigrations } from './migrations.js';
import { PgTenantSlots } from './pg-tenant-slots.js';
import { TenantLimitedStore } from './tenant-limited-store.js';
import type { AnalyticsStore } from './analytics-store.js';

let db: TestDatabase;
let pool: pg.Pool;
const opened: PgTenantSlots[] = [];
const lines: { level: LogLevel; line: string }[] = [];
const log = createLogger('info', 'json', (level, line) => lines.push({ level, line }));

beforeAll(async () => {
  db = await createTestDatabase();
  await applyMigrations(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => undefined); // an idle connection dropped by a test is not the test's failure
});

afterAll(async () => {
  for (const s of opened) await s.close();
  await pool?.end();
  await db?.drop();
});

/** One "process": its own slot connection, the shared pool for statements. */
async function processSlots(perTenant: number, extra: { pool?: pg.Pool; pollMs?: number; orphanMs?: number; onFallback?: () => void } = {}): Promise<PgTenantSlots> {
  const slots = new PgTenantSlots({ databaseUrl: db.url, pool: extra.pool ?? pool, perTenant, log, pollMs: extra.pollMs, orphanMs: extra.orphanMs, onFallback: extra.onFallback });
  await slots.start();
  opened.push(slots);
  return slots;
}

async function rows(tenant: string): Promise<{ granted: number; waiting: number }> {
  const { rows: [r] } = await pool.query<{ granted: string; waiting: string }>(
    `SELECT count(*) FILTER (WHERE granted_at IS NOT NULL) AS granted, count(*) FILTER (WHERE granted_at IS NULL) AS waiting FROM analytics_slots WHERE tenant = $1`, [tenant]);
  return { granted: Number(r!.granted), waiting: Number(r!.waiting) };
}

const tick = (ms = 50) => new Promise((r) => setTimeout(r, ms));

/**
 * A TCP hop in front of PostgreSQL that can hold new connections at the door (`hold`), so a
 * reconnection can be caught half-way. `upstreamPorts` are the local ports of its connections to
 * PostgreSQL: pg_stat_activity.client_port names the backends behind it.
 */
async function gatedProxy(target: string) {
  const { hostname, port } = new URL(target);
  const held: (() => void)[] = [];
  const upstream = new Set<Socket>();
  const state = { hold: false };
  const server = createServer((incoming) => {
    const open = () => {
      const out = connect(Number(port), hostname, () => upstream.add(out));
      out.on('close', () => upstream.delete(out));
      out.on('error', () => incoming.destroy());
      incoming.on('error', () => out.destroy());
      incoming.pipe(out).pipe(incoming);
    };
    if (state.hold) held.push(open);
    else open();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: url.toString(),
    state,
    held: () => held.length,
    release: () => held.splice(0).forEach((open) => open()),
    upstreamPorts: () => [...upstream].map((s) => s.localPort!),
    close: () => new Promise<void>((resolve) => { for (const s of upstream) s.destroy(); server.close(() => resolve()); }),
  };
}

describe('PgTenantSlots', () => {
  it('grants a tenant at most `perTenant` slots across processes, then serves waiters in arrival order; other tenants go on', async () => {
    const [p1, p2] = [await processSlots(2), await processSlots(2)];
    const held = [await p1.acquire('t1'), await p2.acquire('t1')];
    expect(await rows('t1')).toEqual({ granted: 2, waiting: 0 });
    const order: string[] = [];
    const queue = (p: PgTenantSlots, name: string) => p.acquire('t1').then((release) => { order.push(name); return release; });
    const a = queue(p2, 'a');
    await expect.poll(() => rows('t1')).toEqual({ granted: 2, waiting: 1 });
    const b = queue(p1, 'b');
    await expect.poll(() => rows('t1')).toEqual({ granted: 2, waiting: 2 });
    const c = queue(p2, 'c');
    await expect.poll(() => p2.queued('t1')).toBe(1); // c waits in p2's own queue, behind a (its backlog: chdb-store.ts)
    const other = await p2.acquire('t2'); // another tenant is not held up
    held[0]!(); // p1 releases: p2's a, queued first, gets it although p1 has b waiting
    const releaseA = await a;
    expect(order).toEqual(['a']);
    held[1]!();
    const releaseB = await b;
    releaseA();
    const releaseC = await c;
    expect(order).toEqual(['a', 'b', 'c']);
    expect(await rows('t1')).toEqual({ granted: 2, waiting: 0 });
    releaseB();
    releaseC();
    releaseC(); // twice frees once
    other();
    await expect.poll(() => rows('t1')).toEqual({ granted: 0, waiting: 0 });
  });

  it('gives up waiting when the signal aborts, without taking a slot, in either tier', async () => {
    const [p1, p2] = [await processSlots(1), await processSlots(1)];
    const held = await p1.acquire('t3');
    const shared = new AbortController();
    const waitingShared = p2.acquire('t3', shared.signal); // waits for p1, as a ticket
    const local = new AbortController();
    const waitingLocal = p2.acquire('t3', local.signal); // waits behind it, in p2's memory
    await expect.poll(() => rows('t3')).toEqual({ granted: 1, waiting: 1 });
    await expect.poll(() => p2.local.queued('t3')).toBe(1);
    local.abort(new Error('cancelled'));
    shared.abort(new Error('cancelled'));
    await expect(waitingShared).rejects.toMatchObject({ name: 'AbortError' });
    await expect(waitingLocal).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => rows('t3')).toEqual({ granted: 1, waiting: 0 });
    held();
    const next = await p2.acquire('t3'); // nothing left behind: the slot is free
    next();
    await expect.poll(() => rows('t3')).toEqual({ granted: 0, waiting: 0 });
  });

  it('frees the slot when the query fails or its stream is left early', async () => {
    const slots = await processSlots(1);
    const inner = {
      kind: 'server', database: 'x',
      query: async () => { throw new Error('boom'); },
      async *stream() { yield [[1]]; yield [[2]]; },
    } as unknown as AnalyticsStore;
    const store = new TenantLimitedStore(inner, slots);
    await expect(store.query('SELECT 1', { tenant: 't4' })).rejects.toThrow('boom');
    for await (const _batch of store.stream('SELECT 1', { tenant: 't4' })) break;
    await expect.poll(() => rows('t4')).toEqual({ granted: 0, waiting: 0 });
    (await slots.acquire('t4'))();
  });

  it('frees the slots of a process that dies: a waiter gets it without any release', async () => {
    const fixture = fileURLToPath(new URL('./pg-tenant-slots.fixture.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, db.url, 't5'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => { output += c; if (output.includes('held')) resolve(); });
      child.stderr!.on('data', (c: Buffer) => { output += c; });
      child.once('exit', (code) => reject(new Error(`fixture exited ${code}: ${output}`)));
    });
    const slots = await processSlots(1, { pollMs: 100 });
    let granted = false;
    const waiting = slots.acquire('t5').then((release) => { granted = true; return release; });
    await expect.poll(() => rows('t5')).toEqual({ granted: 1, waiting: 1 });
    await tick(300); // several polls: the child's ticket is alive
    expect(granted).toBe(false);
    child.kill('SIGKILL');
    const release = await waiting;
    expect(await rows('t5')).toEqual({ granted: 1, waiting: 0 }); // the dead process's ticket is gone
    release();
  }, 30_000);

  it('a take the client gave up on (query_timeout) but PostgreSQL carried out does not keep the slot: the next taker gets it', async () => {
    // Scenario 26 stalled this way under load: the take's statement waited longer than the limits
    // pool's query_timeout, the caller fell back to the per-process limit, and PostgreSQL then
    // inserted and granted a ticket nobody knew of, under this live process's owner key (so never
    // reaped as a dead process's). With perTenant such tickets the tenant waited forever.
    const impatient = new pg.Pool({ connectionString: db.url, max: 2, query_timeout: 300 });
    impatient.on('error', () => undefined);
    let fallbacks = 0;
    const slots = await processSlots(1, { pool: impatient, pollMs: 100, orphanMs: 500, onFallback: () => fallbacks++ });
    // Another session holds the tenant's take lock (as a slow PostgreSQL would keep the take waiting).
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT pg_advisory_xact_lock(1380143956, hashtext('t7'))`);
    const failedOpen = await slots.acquire('t7'); // the take times out: fail open
    expect(fallbacks).toBe(1);
    failedOpen();
    await blocker.query('COMMIT'); // the abandoned take now runs: a granted ticket nobody holds
    await blocker.end();
    await expect.poll(() => rows('t7')).toEqual({ granted: 1, waiting: 0 });
    const started = Date.now();
    const release = await Promise.race([
      slots.acquire('t7'),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still waiting for the orphaned ticket after 5 s')), 5_000)),
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rows('t7')).toEqual({ granted: 1, waiting: 0 }); // ours; the orphan is gone
    release();
    await expect.poll(() => rows('t7')).toEqual({ granted: 0, waiting: 0 });
    await impatient.end();
  }, 30_000);

  it('close() during a reconnection leaves no connection behind: the one on its way is ended when it arrives', async () => {
    const proxy = await gatedProxy(db.url);
    const slots = new PgTenantSlots({ databaseUrl: proxy.url, pool, perTenant: 1, log });
    await slots.start();
    const backends = async () => (await pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND client_port = ANY($1::int[])`, [proxy.upstreamPorts()])).rows;
    expect(await backends()).toHaveLength(1); // the slot connection, through the proxy
    proxy.state.hold = true;
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1::int[])`, [proxy.upstreamPorts()]);
    await expect.poll(() => proxy.held(), { timeout: 10_000 }).toBe(1); // the reconnection, a second later, waits at the door
    await slots.close();
    proxy.release();
    // Before the fix it connected, took its owner lock and LISTENed for an instance that was gone.
    await expect.poll(async () => (await backends()).length + proxy.upstreamPorts().length, { timeout: 10_000 }).toBe(0);
    await tick(300);
    expect(await backends()).toHaveLength(0);
    await proxy.close();
  }, 30_000);

  it('falls back to the per-process limit when PostgreSQL does not answer, with a warning and a metric', async () => {
    const slots = await processSlots(1, { pollMs: 100 });
    const deadPool = new pg.Pool({ connectionString: db.url.replace(/:\d+\//, ':1/'), max: 1, connectionTimeoutMillis: 500 });
    deadPool.on('error', () => undefined);
    let fallbacks = 0;
    const broken = new PgTenantSlots({ databaseUrl: db.url, pool: deadPool, perTenant: 1, log, onFallback: () => fallbacks++ });
    await broken.start();
    opened.push(broken);
    const first = await broken.acquire('t6');
    expect(fallbacks).toBe(1);
    expect(lines.some((l) => l.level === 'warn' && /analytics slots: PostgreSQL unavailable/.test(l.line))).toBe(true);
    // Still one at a time in this process.
    let second = false;
    const next = broken.acquire('t6').then((r) => { second = true; return r; });
    await tick(100);
    expect(second).toBe(false);
    first();
    (await next)();
    await deadPool.end();
    // The slot connection dropping (terminated here) means the same: fall back, then reconnect.
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN reportcast_slots%' AND pid <> pg_backend_pid()`);
    await tick(100);
    const during = await slots.acquire('t6');
    during();
    await expect.poll(async () => {
      const release = await slots.acquire('t6');
      const shared = (await rows('t6')).granted;
      release();
      return shared;
    }, { timeout: 10_000, interval: 200 }).toBe(1);
  }, 30_000);
});
