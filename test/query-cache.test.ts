/**
 * Shared and cached previews over the API (issue 22), against chDB and PostgreSQL. A second HTTP
 * app runs on the same runtime with its analytics store wrapped as the runtime wraps it
 * (SharedQueryStore), around a CountingStore over the real tenant-limited chDB store, so the test
 * counts the queries that reach ClickHouse.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from '../server/src/app.js';
import { CountingStore } from '../server/src/platform/counting-store.js';
import { SharedQueryStore } from '../server/src/platform/shared-query-store.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let counted: HttpApp;
let url: string;
let counting: CountingStore;
let acme: string;
let globex: string;

const PREVIEW = `query($input: PreviewReportInput!) { previewReport(input: $input) { rows totalCount } }`;
const BY_PLATFORM = { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'n' }] };

beforeAll(async () => {
  app = await startTestApp({ seedRows: 20_000 });
  acme = await app.token('acme', 'viewer');
  globex = await app.token('globex', 'viewer');
  const runtimeStore = app.runtime.analytics;
  if (!(runtimeStore instanceof SharedQueryStore)) throw new Error('the runtime should share its analytics reads');
  counting = new CountingStore(runtimeStore.inner);
  counted = await createHttpApp({ ...app.runtime, analytics: new SharedQueryStore(counting, app.config.queryCache) });
  url = `http://127.0.0.1:${await counted.listen(0, '127.0.0.1')}`;
}, 120_000);
afterAll(async () => {
  await counted?.close();
  await app?.close();
});

async function preview(token: string, input: Record<string, unknown>): Promise<{ rows: unknown[][]; totalCount: number }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PREVIEW, variables: { input } }),
  });
  const body = (await res.json()) as { data?: { previewReport: { rows: unknown[][]; totalCount: number } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!.previewReport;
}

async function reportId(token: string, name: string): Promise<string> {
  const list = await app.gql('{ reports(first: 20) { edges { node { id name } } } }', {}, token);
  return list.data!.reports.edges.find((e: any) => e.node.name === name).node.id;
}

describe('shared previews', () => {
  it('runs 30 identical concurrent previews of a saved report as one count and one page query', async () => {
    const id = await reportId(acme, 'Usage Summary');
    const before = counting.reads;
    const pages = await Promise.all(Array.from({ length: 30 }, () => preview(acme, { reportId: id, first: 50 })));
    expect(counting.reads - before).toBe(2);
    expect(pages[0]!.rows.length).toBeGreaterThan(0);
    for (const page of pages) expect(page).toEqual(pages[0]);
    // Within the TTL and with unchanged data: from the cache, no query at all.
    expect(await preview(acme, { reportId: id, first: 50 })).toEqual(pages[0]);
    expect(counting.reads - before).toBe(2);
  });

  it("never answers a tenant with another tenant's cached result", async () => {
    const mine = await preview(acme, { definition: BY_PLATFORM, first: 10 });
    const before = counting.reads;
    const theirs = await preview(globex, { definition: BY_PLATFORM, first: 10 });
    expect(counting.reads - before).toBe(2);
    // globex's own rows, read straight from the engine.
    const direct = await (app.runtime.analytics as SharedQueryStore).inner.query(
      `SELECT platform, count() FROM ${app.runtime.analytics.database}.usage_events WHERE tenant_id = {tenant:String} GROUP BY platform ORDER BY platform`, { tenant: 'globex' });
    const byPlatform = (rows: unknown[][]) => Object.fromEntries(rows.map(([p, n]) => [String(p), Number(n)]));
    expect(byPlatform(theirs.rows)).toEqual(byPlatform(direct.rows));
    expect(byPlatform(theirs.rows)).not.toEqual(byPlatform(mine.rows));
  });

  it("never answers a role with another role's differently masked result", async () => {
    // user_id is PII: clear for admins, hashed for viewers under the default policy.
    const admin = await app.token('acme', 'admin');
    const input = { definition: { source: 'usage_events', dimensions: [{ field: 'user_id' }], measures: [{ fn: 'COUNT', alias: 'n' }], orderBy: [{ key: 'n', direction: 'DESC' }, { key: 'user_id', direction: 'ASC' }] }, first: 5 };
    const before = counting.reads;
    const [clear, masked] = await Promise.all([preview(admin, input), preview(acme, input)]);
    expect(counting.reads - before).toBe(4);
    const clearIds = clear.rows.map((r) => String(r[0]));
    expect(clearIds).toHaveLength(5);
    for (const row of masked.rows) expect(clearIds).not.toContain(String(row[0]));
    // And again, from the cache: each role its own answer.
    expect(await preview(acme, input)).toEqual(masked);
    expect(await preview(admin, input)).toEqual(clear);
    expect(counting.reads - before).toBe(4);
  });

  it("counts the runtime's reads on /metrics by how they were answered", async () => {
    const metric = async (result: string) => {
      const text = await (await fetch(`${app.url}/metrics`)).text();
      return Number(new RegExp(`^reportcast_query_cache_reads_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    };
    const [ran, cached] = [await metric('ran'), await metric('cached')];
    const input = { definition: { ...BY_PLATFORM, measures: [{ fn: 'COUNT', alias: 'events' }] }, first: 5 };
    for (let i = 0; i < 2; i++) expect((await app.gql(PREVIEW, { input }, acme)).errors).toBeUndefined();
    // The first preview ran its count and page queries; the second was answered from the cache.
    expect(await metric('ran')).toBe(ran + 2);
    expect(await metric('cached')).toBe(cached + 2);
    expect((await (await fetch(`${app.url}/metrics`)).text())).toMatch(/^reportcast_query_cache_entries [1-9]/m);
  });

  it('shows a row inserted after the first preview on the next one', async () => {
    const first = await preview(acme, { definition: BY_PLATFORM, first: 10 });
    expect(first.rows.map((r) => r[0])).not.toContain('cache_probe');
    const db = app.runtime.analytics.database;
    await app.runtime.analytics.exec(`INSERT INTO ${db}.usage_events SELECT * REPLACE ('cache_probe' AS platform) FROM ${db}.usage_events WHERE tenant_id = 'acme' LIMIT 1`);
    const next = await preview(acme, { definition: BY_PLATFORM, first: 10 });
    expect(next.rows).toContainEqual(['cache_probe', 1]);
    expect(next.totalCount).toBe(first.totalCount + 1);
  });
});
