/**
 * `pnpm bench limits`: what sharing the limits through PostgreSQL (issue 15, class 8) costs, side by
 * side with the per-process versions they replaced, in one run:
 *  - a rate check: RateLimiter.take (memory) vs PgRateLimiter.take (one upsert on the limits pool),
 *    sequential, then 64 tenants checking at once;
 *  - an analytics slot: TenantSlots vs PgTenantSlots acquire + release, uncontended;
 *  - a whole HTTP operation (`{ me { tenantId } }`, sequential, keep-alive) through the real app,
 *    with the shared limiter and with an in-memory one swapped in, rounds interleaved.
 * Prints to stdout only (loopback; a temporary database on the DATABASE_URL server, else embedded).
 */
import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../server/src/config.js';
import { createHttpApp, openRuntime } from '../server/src/app.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { RateLimiter } from '../server/src/graphql/rate-limiter.js';
import { PgRateLimiter } from '../server/src/graphql/shared-rate-limiter.js';
import { openLimitsPool } from '../server/src/platform/limits-pool.js';
import { createLogger } from '../server/src/platform/logger.js';
import { PgTenantSlots } from '../server/src/platform/pg-tenant-slots.js';
import { TenantSlots } from '../server/src/platform/tenant-limited-store.js';
import { temporaryDatabase } from './load.js';

const log = (s: string) => process.stdout.write(`${s}\n`);
// Warnings (a fall-back to per-process limits would make the figures meaningless) are shown.
const quiet = createLogger('warn', 'json', (_l, line) => process.stderr.write(line));

function stats(us: number[]): string {
  const sorted = [...us].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  return `mean ${mean.toFixed(1)} µs, p50 ${at(50).toFixed(1)} µs, p95 ${at(95).toFixed(1)} µs, p99 ${at(99).toFixed(1)} µs (n=${us.length})`;
}

async function timed(n: number, op: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await op(i);
    out.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return out;
}

export async function runLimits(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reportcast-limits-'));
  chmodSync(dir, 0o755);
  const db = await temporaryDatabase();
  const config = loadConfig({
    NODE_ENV: 'test', DATA_DIR: dir, ...(db.url ? { DATABASE_URL: db.url } : {}),
    JWT_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'error', DEMO_SEED_ROWS: '0',
  });
  const runtime = await openRuntime(config, quiet, 'api');
  const pool = openLimitsPool(runtime.databaseUrl, quiet);
  try {
    log(`Limits bench (PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}, loopback)`);
    // The default budget (RATE_LIMIT_PER_MINUTE 600: leases of 10 tokens), spread over enough
    // tenants that none runs out: refusals are answered from memory and would flatter the figures.
    const perMinute = config.rateLimit.requestsPerMinute;
    const memory = new RateLimiter(perMinute);
    const shared = new PgRateLimiter(pool, perMinute, { log: quiet });
    await timed(500, (i) => shared.take(`tenant:warm${i % 20}`)); // connections and prepared statements
    log(`RATE_LIMIT_PER_MINUTE ${perMinute}; keys rotate over enough tenants that none is refused`);
    log(`rate check, sequential, in memory:  ${stats(await timed(5_000, (i) => memory.take(`tenant:m${i % 20}`)))}`);
    log(`rate check, sequential, PostgreSQL: ${stats(await timed(5_000, (i) => shared.take(`tenant:s${i % 20}`)))}`);
    const started = performance.now();
    const all: number[] = [];
    await Promise.all(Array.from({ length: 64 }, async (_, tenant) => { all.push(...await timed(200, () => shared.take(`tenant:c${tenant}`))); }));
    log(`rate check, 64 tenants at once, PostgreSQL: ${Math.round(all.length / ((performance.now() - started) / 1000))} checks/s; ${stats(all)}`);
    await shared.close();

    const localSlots = new TenantSlots(4);
    const pgSlots = new PgTenantSlots({ databaseUrl: runtime.databaseUrl, pool, perTenant: 4, log: quiet });
    await pgSlots.start();
    await timed(200, async () => (await pgSlots.acquire('acme'))());
    log(`analytics slot acquire+release, in memory:  ${stats(await timed(20_000, async () => (await localSlots.acquire('acme'))()))}`);
    // The release is not awaited by callers (it runs after the query's answer): time the acquire,
    // then let the release finish before the next one, as a sequence of queries would.
    const acquire: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const t = process.hrtime.bigint();
      const release = await pgSlots.acquire('acme');
      acquire.push(Number(process.hrtime.bigint() - t) / 1000);
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    log(`analytics slot acquire, PostgreSQL (release: one more statement, after the query): ${stats(acquire)}`);
    await pgSlots.close();

    const app = await createHttpApp(runtime);
    const url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}/graphql`;
    // 40 tenants × 600 a minute: room for the 6,000 requests below without a refusal.
    const tokens = await Promise.all(Array.from({ length: 40 }, (_, i) => issueToken(runtime.jwtSecret, { tenantId: `bench${i}`, role: 'viewer', userId: `bench@t${i}`, ttlSeconds: 3600 })));
    const request = (i: number) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}` }, body: '{"query":"{ me { tenantId } }"}' })
      .then((r) => r.json() as Promise<{ errors?: unknown }>).then((body) => { if (body.errors) throw new Error(JSON.stringify(body.errors)); });
    const take = PgRateLimiter.prototype.take;
    const inMemory = new RateLimiter(perMinute);
    const results: Record<string, number[]> = { 'PostgreSQL': [], 'in memory': [] };
    const use = (which: string) => {
      PgRateLimiter.prototype.take = which === 'PostgreSQL' ? take : async (key: string) => inMemory.take(key);
    };
    try {
      // Warm both paths up (JIT, connections), then ABBA rounds so drift in the machine's load
      // falls on both alike.
      for (const which of ['PostgreSQL', 'in memory']) {
        use(which);
        await timed(1_000, request);
      }
      for (const which of ['in memory', 'PostgreSQL', 'PostgreSQL', 'in memory', 'in memory', 'PostgreSQL', 'PostgreSQL', 'in memory']) {
        use(which);
        results[which]!.push(...await timed(500, request));
      }
    } finally {
      PgRateLimiter.prototype.take = take;
      await app.close();
    }
    for (const [which, us] of Object.entries(results)) log(`HTTP { me } with the rate check ${which}: ${stats(us)}`);
  } finally {
    await pool.end();
    await runtime.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
