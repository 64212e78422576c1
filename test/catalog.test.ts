/**
 * The catalog over the API: the allowlisted tables and columns, with what each column may do, and
 * never the tenant column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000 });
  token = await app.token('acme', 'viewer');
});
afterAll(async () => app?.close());

const TABLES = `{ tables { name label description defaultTimeColumn
  columns { name type kind label description nullable dimension measure filter time } } }`;

describe('tables', () => {
  it('lists the three analytics tables with typed columns', async () => {
    const res = await app.gql(TABLES, {}, token);
    expect(res.errors).toBeUndefined();
    const tables = res.data!.tables;
    expect(tables.map((t: any) => t.name)).toEqual(['usage_events', 'user_sessions', 'device_metrics']);
    const usage = tables[0];
    expect(usage.defaultTimeColumn).toBe('timestamp');
    const byName = Object.fromEntries(usage.columns.map((c: any) => [c.name, c]));
    expect(byName.timestamp).toMatchObject({ kind: 'DATETIME', time: true, measure: false, type: "DateTime64(3, 'UTC')" });
    expect(byName.event_date).toMatchObject({ kind: 'DATE', time: true });
    expect(byName.duration_ms).toMatchObject({ kind: 'NUMBER', measure: true, dimension: true, filter: true });
    expect(byName.event_type).toMatchObject({ kind: 'STRING', measure: false, dimension: true, label: 'Event type' });
    expect(byName.is_error).toMatchObject({ kind: 'BOOLEAN' });
    expect(byName.referrer).toMatchObject({ nullable: true });
  });

  it('never exposes the tenant column', async () => {
    const res = await app.gql(TABLES, {}, token);
    for (const t of res.data!.tables) expect(t.columns.map((c: any) => c.name)).not.toContain('tenant_id');
  });

  it('lists exactly the columns that exist in ClickHouse, minus the tenant column', async () => {
    const res = await app.gql(TABLES, {}, token);
    for (const t of res.data!.tables) {
      const real = await app.runtime.analytics.query(
        'SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position',
        { db: app.runtime.analytics.database, t: t.name });
      expect(real.rows.map((r) => r[0]).filter((n) => n !== 'tenant_id')).toEqual(t.columns.map((c: any) => c.name));
    }
  });

  it('answers table(name) for a known table and null for anything else', async () => {
    const q = 'query($n: String!) { table(name: $n) { name columns { name } } }';
    expect((await app.gql(q, { n: 'device_metrics' }, token)).data!.table.name).toBe('device_metrics');
    expect((await app.gql(q, { n: 'system.users' }, token)).data!.table).toBeNull();
    expect((await app.gql(q, { n: 'tenants' }, token)).data!.table).toBeNull();
  });

  it('requires a token', async () => {
    expect(errorCode(await app.gql(TABLES))).toBe('UNAUTHENTICATED');
  });
});
