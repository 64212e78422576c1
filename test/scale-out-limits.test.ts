/**
 * Limits that hold across processes (issue 15, class 8), with two real `api` processes on one
 * PostgreSQL (each with its own chDB directory, seeded with the same rows):
 * - RATE_LIMIT_PER_MINUTE is one budget per tenant for both processes together, HTTP and WebSocket
 *   alike (not twice the budget); another tenant's is untouched;
 * - CLICKHOUSE_TENANT_CONCURRENCY=1 holds for both together: while a third participant (this test,
 *   through the same PgTenantSlots) holds the tenant's one slot, neither process runs its previews,
 *   and another tenant's previews run at once; under a burst on both processes, the slot table never
 *   shows two of the tenant's queries granted at once, and both processes queue in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTempDir, createTestDatabase, type TestDatabase } from './support/databases.js';
import { runCli, spawnServer, type ServerProcess } from './support/processes.js';
import { wsClient } from './support/ws-client.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { createLogger } from '../server/src/platform/logger.js';
import { PgTenantSlots } from '../server/src/platform/pg-tenant-slots.js';

const JWT_SECRET = 'scale-out-limits-jwt-secret-0123456789-abcdef';
const SEED_NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
const PER_MINUTE = 30; // one token every 2 s
const PREVIEW = `query($input: PreviewReportInput!) { previewReport(input: $input) { totalCount rows } }`;

let db: TestDatabase;
let sql: pg.Pool;
const dirs = [createTempDir('reportcast-api1-'), createTempDir('reportcast-api2-')];
let apis: ServerProcess[] = [];
const token = (tenant: string) => issueToken(JWT_SECRET, { tenantId: tenant, role: 'admin', userId: `admin@${tenant}`, ttlSeconds: 3600 });

function env(dataDir: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: db.url, DATA_DIR: dataDir, JWT_SECRET,
    DOWNLOAD_LINK_SECRET: 'scale-out-limits-link-secret-9876543210-zyx',
    RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), CLICKHOUSE_TENANT_CONCURRENCY: '1',
  };
}

async function post(url: string, bearer: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { data?: any; errors?: { extensions?: Record<string, any> }[] } };
}

beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  // Seed migrates and creates the demo reports; the same rows in both chDB directories.
  await runCli(['seed', '--rows', '20000', '--now', SEED_NOW], env(dirs[0]!.path));
  await runCli(['seed', '--rows', '20000', '--now', SEED_NOW], env(dirs[1]!.path));
  apis = await Promise.all([spawnServer('api', env(dirs[0]!.path), 'api#1'), spawnServer('api', env(dirs[1]!.path), 'api#2')]);
}, 240_000);

afterAll(async () => {
  for (const p of apis) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(apis.map((p) => p.exited));
  await sql?.end();
  await db?.drop();
  for (const d of dirs) d.remove();
});

describe('two API processes share one budget per tenant', () => {
  it('cap a tenant\'s operations over both processes at RATE_LIMIT_PER_MINUTE, HTTP and WebSocket together; other tenants unaffected', async () => {
    const initech = await token('initech');
    const started = Date.now();
    // 2 × the budget + 10 at once, alternating between the processes: separate buckets would let 2 × 30 through.
    const results = await Promise.all(Array.from({ length: 2 * PER_MINUTE + 10 }, (_, i) => post(apis[i % 2]!.url, initech, '{ me { tenantId } }').then((r) => ({ ...r, api: i % 2 }))));
    const accepted = results.filter((r) => r.status === 200 && r.body.data?.me.tenantId === 'initech');
    const refused = results.filter((r) => r.status === 429);
    expect(accepted.length + refused.length).toBe(results.length);
    expect(accepted.length).toBeGreaterThanOrEqual(PER_MINUTE);
    expect(new Set(refused.map((r) => r.api))).toEqual(new Set([0, 1]));
    for (const r of refused) {
      expect(r.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // The same budget over WebSocket, on either process: refused at once, or after the one or two
    // tokens that refilled meanwhile (one every 2 s).
    let wsAccepted = 0;
    for (const api of apis) {
      const client = wsClient(api.url, initech);
      let limited = false;
      try {
        for (let i = 0; i < 4; i++) {
          const result = await new Promise<any>((resolve) => {
            client.subscribe({ query: '{ me { tenantId } }' }, { next: resolve, error: (e) => resolve({ errors: e }), complete: () => undefined });
          });
          if (!result.errors) {
            wsAccepted++;
            continue;
          }
          expect(result.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
          limited = true;
          break;
        }
      } finally {
        await client.dispose();
      }
      expect(limited).toBe(true);
    }
    // Decided through PostgreSQL, not by a process alone (a fall-back under load would show here).
    for (const api of apis) expect(api.lines.filter((l) => /limiting per process/.test(String(l.msg)))).toEqual([]);
    // All told, no more than the budget and what refilled while this test ran (separate buckets:
    // 2 × PER_MINUTE over HTTP alone).
    expect(accepted.length + wsAccepted).toBeLessThanOrEqual(PER_MINUTE + Math.floor((Date.now() - started) / 2000));
    // Another tenant has its own budget.
    const globex = await token('globex');
    for (const api of apis) expect((await post(api.url, globex, '{ me { tenantId } }')).body.data?.me.tenantId).toBe('globex');
  });
});

describe('two API processes share the analytics slots of a tenant', () => {
  async function reportId(url: string, bearer: string): Promise<string> {
    const { body } = await post(url, bearer, '{ reports(first: 50) { edges { node { id name } } } }');
    return body.data.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
  }
  const preview = (url: string, bearer: string, id: string, first = 20) => post(url, bearer, PREVIEW, { input: { reportId: id, first } });

  async function slotRows(tenant: string): Promise<{ owner: number; granted: boolean }[]> {
    return (await sql.query(`SELECT owner, granted_at IS NOT NULL AS granted FROM analytics_slots WHERE tenant = $1 ORDER BY id`, [tenant])).rows;
  }

  it('hold a tenant\'s previews on both processes while its one slot is taken elsewhere; another tenant\'s run meanwhile', async () => {
    const [acme, globex] = [await token('acme'), await token('globex')];
    const [acmeReport, globexReport] = [await reportId(apis[0]!.url, acme), await reportId(apis[0]!.url, globex)];
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const holder = new PgTenantSlots({ databaseUrl: db.url, pool, perTenant: 1, log: createLogger('error', 'json', () => undefined) });
    await holder.start();
    try {
      const release = await holder.acquire('acme');
      let done = 0;
      const held = apis.map((api) => preview(api.url, acme, acmeReport).then((r) => { done++; return r; }));
      // Both processes queue behind the holder: one waiting ticket each, from two owners.
      await expect.poll(async () => (await slotRows('acme')).filter((r) => !r.granted).length, { timeout: 10_000 }).toBe(2);
      const rows = await slotRows('acme');
      expect(new Set(rows.map((r) => r.owner)).size).toBe(3);
      // Another tenant's previews run at once on both processes.
      for (const api of apis) {
        const r = await preview(api.url, globex, globexReport);
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.previewReport.totalCount).toBeGreaterThan(0);
      }
      expect(done).toBe(0);
      release();
      for (const r of await Promise.all(held)) {
        expect(r.body.errors).toBeUndefined();
        expect(r.body.data.previewReport.totalCount).toBeGreaterThan(0);
      }
    } finally {
      await holder.close();
      await pool.end();
    }
    // Released after each answer went out: gone a moment later.
    await expect.poll(() => slotRows('acme')).toEqual([]);
  });

  it('never grant two of a tenant\'s queries at once under a burst on both processes', async () => {
    const acme = await token('acme');
    const id = await reportId(apis[1]!.url, acme);
    let maxGranted = 0;
    const waitingOwners = new Set<number>();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const rows = await slotRows('acme');
        maxGranted = Math.max(maxGranted, rows.filter((r) => r.granted).length);
        for (const r of rows) if (!r.granted) waitingOwners.add(r.owner);
      }
    })();
    // Each preview a different page size: identical reads would be shared (the query cache runs
    // them once), and this is about distinct queries queueing for the tenant's one slot.
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => preview(apis[i % 2]!.url, acme, id, 20 + i)));
    sampling = false;
    await sampler;
    for (const r of results) expect(r.body.errors).toBeUndefined();
    expect(maxGranted).toBe(1);
    expect(waitingOwners.size).toBe(2); // both processes waited their turn in the shared queue
  });
});
