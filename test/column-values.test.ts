/**
 * columnValues over the API against chDB and the demo data: a filter's value picker. Top values
 * by frequency for the viewer's tenant only, narrowed by a search, bounded, cached while the data is unchanged, and
 * refused for ids (free text), non-text and unknown columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import type { SharedQueryStore } from '../server/src/platform/shared-query-store.js';

let app: TestApp;
let acme: string;
let globex: string;
const Q = `query($source: String!, $field: String!, $search: String, $first: Int) {
  columnValues(source: $source, field: $field, search: $search, first: $first) { value count } }`;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 3_000 });
  acme = await app.token('acme', 'viewer');
  globex = await app.token('globex', 'viewer');
  // A platform only globex has: it must never reach acme's picker.
  const db = app.runtime.analytics.database;
  await app.runtime.analytics.exec(`INSERT INTO ${db}.usage_events SELECT * REPLACE ('globex_only' AS platform) FROM ${db}.usage_events WHERE tenant_id = 'globex' LIMIT 3`);
}, 120_000);
afterAll(async () => app?.close());

async function values(token: string, vars: Record<string, unknown>) {
  const res = await app.gql(Q, { source: 'usage_events', ...vars }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.columnValues as { value: string; count: number }[];
}

describe('columnValues', () => {
  it("lists the tenant's platforms, most frequent first, with counts that match a report", async () => {
    const list = await values(acme, { field: 'platform' });
    expect(list.map((v) => v.value).sort()).toEqual(['android', 'api', 'ios', 'web']);
    const counts = list.map((v) => v.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const preview = await app.gql(`query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d, first: 10 }) { rows } }`, {
      d: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'n' }] },
    }, acme);
    expect(preview.errors).toBeUndefined();
    const byPlatform = Object.fromEntries((preview.data!.previewReport.rows as [string, number][]).map(([p, n]) => [p, Number(n)]));
    for (const v of list) expect(v.count).toBe(byPlatform[v.value]);
  });

  it("never shows another tenant's values", async () => {
    expect((await values(globex, { field: 'platform' })).map((v) => v.value)).toContain('globex_only');
    expect((await values(acme, { field: 'platform', first: 100 })).map((v) => v.value)).not.toContain('globex_only');
    expect(await values(acme, { field: 'platform', search: 'globex' })).toEqual([]);
  });

  it('narrows by a case-insensitive search and bounds the count by first', async () => {
    expect((await values(acme, { field: 'platform', search: 'ROI' })).map((v) => v.value)).toEqual(['android']);
    expect(await values(acme, { field: 'platform', first: 2 })).toHaveLength(2);
  });

  it('answers a repeated question from the shared cache, and sees new data at once', async () => {
    const shared = app.runtime.analytics as SharedQueryStore;
    const before = await values(acme, { field: 'country', search: 'zz' });
    const loads = shared.stats().loads;
    // The same question again, data unchanged: answered without a query.
    expect(await values(acme, { field: 'country', search: 'zz' })).toEqual(before);
    expect(shared.stats().loads).toBe(loads);
    const db = app.runtime.analytics.database;
    await app.runtime.analytics.exec(`INSERT INTO ${db}.usage_events SELECT * REPLACE ('ZZ' AS country) FROM ${db}.usage_events WHERE tenant_id = 'acme' LIMIT 2`);
    // New rows change the table's version: the same question reads the table again.
    expect(await values(acme, { field: 'country', search: 'zz' })).toContainEqual({ value: 'ZZ', count: 2 });
    expect(shared.stats().loads).toBe(loads + 1);
  });

  it.each([
    [{ field: 'user_id' }, 'field', /unique to each row/],
    [{ field: 'event_id' }, 'field', /unique to each row/],
    [{ field: 'duration_ms' }, 'field', /not a text column/],
    [{ field: 'tenant_id' }, 'field', /not a column/],
    [{ field: 'nope' }, 'field', /not a column/],
    [{ source: 'system.tables', field: 'name' }, 'source', /not a table/],
    [{ field: 'platform', first: 0 }, 'first', /1 to 100/],
    [{ field: 'platform', first: 101 }, 'first', /1 to 100/],
  ])('refuses %j with BAD_USER_INPUT', async (vars, path, message) => {
    const res = await app.gql(Q, { source: 'usage_events', ...vars }, acme);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.errors[0]).toMatchObject({ path });
    expect(res.errors![0]!.extensions!.errors[0].message).toMatch(message);
  });

  it('needs a signed-in viewer', async () => {
    const res = await app.gql(Q, { source: 'usage_events', field: 'platform' }, null);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
