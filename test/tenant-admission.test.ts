/**
 * Issue 22, fairness at admission (graphql/tenant-gate.ts): against the real app, with
 * API_TENANT_CONCURRENCY 2 and API_TENANT_QUEUE 2. acme's previews are held deterministically:
 * another holder takes acme's only analytics slot (CLICKHOUSE_TENANT_CONCURRENCY 1, as another
 * process would), so acme's admitted previews stay executing until it lets go. Meanwhile globex is
 * admitted and answered, acme's extra previews wait in acme's queue (visible in /metrics), one past
 * the queue is RATE_LIMITED, a waiting request whose client leaves drops out of the queue, and
 * once the slot is free every waiting preview completes.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgTenantSlots } from '../server/src/platform/pg-tenant-slots.js';
import { createLogger } from '../server/src/platform/logger.js';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

const PREVIEW = 'query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d }) { totalCount } }';
const COUNT = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

describe('per-tenant admission of GraphQL operations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      seedRows: 2_000,
      env: { API_TENANT_CONCURRENCY: '2', API_TENANT_QUEUE: '2', CLICKHOUSE_TENANT_CONCURRENCY: '1', RATE_LIMIT_PER_MINUTE: '100000' },
    });
  }, 120_000);
  afterAll(async () => { await app?.close(); });

  /** The gate's figures from /metrics. */
  const gate = async () => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    const value = (re: RegExp) => Number(text.match(re)?.[1] ?? NaN);
    return {
      running: value(/^reportcast_graphql_tenant_operations\{state="running"\} (\d+)$/m),
      waiting: value(/^reportcast_graphql_tenant_operations\{state="waiting"\} (\d+)$/m),
      tenantsWaiting: value(/^reportcast_graphql_tenants_waiting (\d+)$/m),
    };
  };
  /** Waits for the gate to reach a state (a condition, not a duration: fails after 20 s). */
  const until = async (want: Partial<Awaited<ReturnType<typeof gate>>>) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const now = await gate();
      if (Object.entries(want).every(([k, v]) => now[k as keyof typeof now] === v)) return;
      if (Date.now() > deadline) throw new Error(`gate is ${JSON.stringify(now)}, expected ${JSON.stringify(want)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('while acme has its operations held, globex is answered at once; acme\'s extra ones wait, the one past the queue is RATE_LIMITED, a client that leaves drops out, and the rest complete', async () => {
    const acme = await app.token('acme', 'editor');
    const globex = await app.token('globex', 'editor');
    const pool = new pg.Pool({ connectionString: app.runtime.databaseUrl, max: 1 });
    const holder = new PgTenantSlots({ databaseUrl: app.runtime.databaseUrl, pool, perTenant: 1, log: createLogger('error', false, () => undefined) });
    await holder.start();
    try {
      const release = await holder.acquire('acme');
      const settled: string[] = [];
      const send = (name: string, token: string, signal?: AbortSignal): Promise<GraphQLResponse> =>
        fetch(`${app.url}/graphql`, {
          method: 'POST', signal,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: PREVIEW, variables: { d: COUNT } }),
        }).then(async (res) => {
          settled.push(name);
          return { ...((await res.json()) as object), status: res.status, headers: res.headers } as GraphQLResponse;
        });

      // Two admitted (executing, held at acme's analytics slot), then two waiting at the gate.
      const running = [send('a1', acme), send('a2', acme)];
      await until({ running: 2, waiting: 0 });
      const waiting = [send('a3', acme), send('a4', acme)];
      await until({ running: 2, waiting: 2, tenantsWaiting: 1 });

      // One more: the queue is full.
      const refused = await send('a5', acme);
      expect(refused.status).toBe(429);
      expect(errorCode(refused)).toBe('RATE_LIMITED');
      expect(refused.headers.get('retry-after')).toBe('1');

      // globex has its own slots: admitted and answered while acme's four are still held.
      const other = await send('g1', globex);
      expect(other.errors, JSON.stringify(other.errors)).toBeUndefined();
      expect(other.data!.previewReport.totalCount).toBeGreaterThan(0);
      expect(settled.filter((n) => n.startsWith('a') && n !== 'a5')).toEqual([]);
      await until({ running: 2, waiting: 2 });

      // acme's slot comes free: the two running finish, the two waiting are admitted and finish.
      release();
      const answers = await Promise.all([...running, ...waiting]);
      for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
      expect(answers.map((a) => a.data!.previewReport.totalCount)).toEqual(Array(4).fill(answers[0]!.data!.previewReport.totalCount));
      await until({ running: 0, waiting: 0, tenantsWaiting: 0 });
    } finally {
      await holder.close();
      await pool.end();
    }
  }, 60_000);

  it('a waiting request whose client disconnects leaves the queue; the others are unaffected', async () => {
    const acme = await app.token('acme', 'editor');
    const pool = new pg.Pool({ connectionString: app.runtime.databaseUrl, max: 1 });
    const holder = new PgTenantSlots({ databaseUrl: app.runtime.databaseUrl, pool, perTenant: 1, log: createLogger('error', false, () => undefined) });
    await holder.start();
    try {
      const release = await holder.acquire('acme');
      const send = (signal?: AbortSignal) => fetch(`${app.url}/graphql`, {
        method: 'POST', signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${acme}` },
        // A different page size from the first test's: not answered from its cached result.
        body: JSON.stringify({ query: PREVIEW, variables: { d: { ...COUNT, rowLimit: 7 } } }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as GraphQLResponse }));
      const running = [send(), send()];
      await until({ running: 2, waiting: 0 });
      const controller = new AbortController();
      const leaving = send(controller.signal).catch((error: Error) => error);
      const staying = send();
      await until({ running: 2, waiting: 2 });
      controller.abort();
      expect(await leaving).toMatchObject({ name: 'AbortError' });
      // The server sees the socket close and takes the request out of acme's queue.
      await until({ running: 2, waiting: 1 });
      release();
      const answers = await Promise.all([...running, staying]);
      for (const a of answers) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
      await until({ running: 0, waiting: 0 });
    } finally {
      await holder.close();
      await pool.end();
    }
  }, 60_000);
});
