/**
 * Paginated preview against real chDB data: walking every page equals one unpaged query, the last
 * page ends exactly at the row limit, the as-of instant is fixed across pages, and a tenant only
 * ever sees its own rows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compileReport } from '../server/src/features/reports/compile-query.js';
import { validateDefinition } from '../server/src/features/reports/validate-definition.js';
import type { ReportDefinition } from '../server/src/features/reports/definition.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let acme: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 60_000 });
  acme = await app.token('acme', 'viewer', 'v@acme');
});
afterAll(async () => app?.close());

const PREVIEW = `query($input: PreviewReportInput!) { previewReport(input: $input) {
  columns { name label type } rows totalCount truncated asOf elapsedMs pageInfo { hasNextPage endCursor } } }`;

/**
 * The report's rows from one unpaged query, as a preview shows them: a DATETIME (UTC from the
 * engine, `2026-11-06 21:15:30.162`) as ISO 8601 with the report zone's offset. These reports read
 * time in UTC, so the offset is +00:00.
 */
async function unpaged(tenantId: string, definition: ReportDefinition, asOf: Date): Promise<unknown[][]> {
  const checked = validateDefinition(definition, app.runtime.limits);
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors));
  if (checked.definition.timeZone !== 'UTC') throw new Error('unpaged() shows instants in UTC only');
  const q = compileReport(checked.definition, { tenantId, asOf, database: app.runtime.analytics.database, maxRangeDays: app.runtime.limits.maxRangeDays, timeZone: checked.definition.timeZone });
  const instants = q.columns.flatMap((c, i) => (c.kind === 'DATETIME' ? [i] : []));
  return (await app.runtime.analytics.query(q.sql, q.params)).rows.map((row) =>
    row.map((v, i) => (instants.includes(i) && typeof v === 'string' ? `${v.replace(' ', 'T')}+00:00` : v)));
}

async function walk(token: string, input: Record<string, unknown>, first: number) {
  const rows: unknown[][] = [];
  const pages: any[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const res: any = await app.gql(PREVIEW, { input: { ...input, first, after } }, token);
    expect(res.errors).toBeUndefined();
    const page = res.data.previewReport;
    pages.push(page);
    rows.push(...page.rows);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { rows, pages };
}

describe('previewReport by saved report', () => {
  it('pages the seeded Usage Summary exactly like one unpaged query', async () => {
    const list = await app.gql(`{ reports(first: 10) { edges { node { id name definition {
      source rowLimit dimensions { field grain alias } measures { fn field alias } timeRange { last { n unit } } orderBy { key direction } } } } } }`, {}, acme);
    const usage = list.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node;
    const { rows, pages } = await walk(acme, { reportId: usage.id }, 7);
    const asOf = new Date(pages[0].asOf);
    expect(pages.every((p) => p.asOf === pages[0].asOf)).toBe(true);
    expect(pages[0].columns.map((c: any) => [c.name, c.type])).toEqual([
      ['date', 'DATE'], ['event_type', 'STRING'], ['total_events', 'NUMBER'], ['unique_users', 'NUMBER'], ['unique_devices', 'NUMBER'],
    ]);
    const expected = await unpaged('acme', usage.definition, asOf);
    expect(rows).toEqual(expected);
    expect(rows.length).toBe(pages[0].totalCount);
    expect(rows.length).toBeGreaterThan(40); // 7 whole days × ~9 event types
    expect(pages.length).toBe(Math.ceil(rows.length / 7));
    // Newest day first, then event type: the total order.
    const keys = rows.map((r) => `${r[0]}|${r[1]}`);
    expect(new Set(keys).size).toBe(keys.length);
    const dates = rows.map((r) => r[0] as string);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('previewReport by definition', () => {
  const raw: ReportDefinition = {
    source: 'usage_events',
    dimensions: [{ field: 'timestamp' }, { field: 'event_id' }, { field: 'platform' }],
    raw: true,
    filters: [{ field: 'event_type', op: 'EQ', value: 'purchase' }],
    timeRange: { last: { n: 30, unit: 'DAY' } },
    rowLimit: 45,
  };

  it('ends the last page exactly at the row limit and reports truncation', async () => {
    const { rows, pages } = await walk(acme, { definition: raw }, 10);
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 10, 10, 5]);
    expect(pages.every((p) => p.totalCount === 45 && p.truncated === true)).toBe(true);
    expect(pages.at(-1).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    expect(rows).toEqual(await unpaged('acme', raw, new Date(pages[0].asOf)));
  });

  it('counts once: later pages carry the first page\'s count and run only their page query', async () => {
    const query = vi.spyOn(app.runtime.analytics, 'query');
    try {
      const { pages } = await walk(acme, { definition: raw }, 10);
      expect(pages).toHaveLength(5);
      const counts = query.mock.calls.filter(([sql]) => /SELECT count\(\) AS/.test(sql)).length;
      expect(counts).toBe(1);
      expect(query.mock.calls.length).toBe(1 + pages.length);
      expect(pages.every((p) => p.totalCount === 45 && p.truncated === true)).toBe(true);
    } finally {
      query.mockRestore();
    }
    // A cursor made before cursors carried the count still pages (it counts again).
    const first = (await app.gql(PREVIEW, { input: { definition: raw, first: 10 } }, acme)).data!.previewReport;
    const cursor = JSON.parse(Buffer.from(first.pageInfo.endCursor, 'base64url').toString('utf8'));
    delete cursor.c;
    const old = await app.gql(PREVIEW, { input: { definition: raw, first: 10, after: Buffer.from(JSON.stringify(cursor)).toString('base64url') } }, acme);
    expect(old.errors).toBeUndefined();
    expect(old.data!.previewReport).toMatchObject({ totalCount: 45, truncated: true });
    // A tampered count is refused like any malformed cursor.
    const forged = Buffer.from(JSON.stringify({ ...cursor, c: -1 })).toString('base64url');
    expect(errorCode(await app.gql(PREVIEW, { input: { definition: raw, first: 10, after: forged } }, acme))).toBe('BAD_USER_INPUT');
  });

  it('is not truncated when the result fits', async () => {
    const def: ReportDefinition = { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }], rowLimit: 100 };
    const res = await app.gql(PREVIEW, { input: { definition: def } }, acme);
    const page = res.data!.previewReport;
    expect(page.truncated).toBe(false);
    expect(page.totalCount).toBe(page.rows.length);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('shows each tenant only its own rows', async () => {
    const def: ReportDefinition = { source: 'usage_events', measures: [{ fn: 'COUNT', alias: 'n' }] };
    const counts: Record<string, number> = {};
    for (const tenant of ['acme', 'globex', 'initech']) {
      const res = await app.gql(PREVIEW, { input: { definition: def } }, await app.token(tenant, 'viewer'));
      counts[tenant] = res.data!.previewReport.rows[0][0];
      const direct = await app.runtime.analytics.query(
        `SELECT count() FROM ${app.runtime.analytics.database}.usage_events WHERE tenant_id = {t:String}`, { t: tenant });
      expect(counts[tenant]).toBe(direct.rows[0]![0]);
    }
    expect(counts.acme! + counts.globex! + counts.initech!).toBe(60_000);
    expect(new Set(Object.values(counts)).size).toBe(3);
  });

  it('returns no other tenant rows when filter values try to inject SQL', async () => {
    const def: ReportDefinition = {
      source: 'usage_events', dimensions: [{ field: 'user_id' }], measures: [{ fn: 'COUNT' }],
      filters: [{ field: 'user_id', op: 'IN', values: ["x' OR tenant_id = 'globex' --", 'globex-u00001', "') OR 1=1 --"] }],
    };
    // An admin: user_id is PII, which the default masking policy shows other roles hashed only
    // (and a clear value in their filter is refused before any query).
    const res = await app.gql(PREVIEW, { input: { definition: def } }, await app.token('acme', 'admin'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewReport.rows).toEqual([]);
  });

  it('refuses a cursor from another definition, and invalid definitions with their paths', async () => {
    const first = await app.gql(PREVIEW, { input: { definition: raw, first: 5 } }, acme);
    const cursor = first.data!.previewReport.pageInfo.endCursor;
    const other = await app.gql(PREVIEW, { input: { definition: { ...raw, rowLimit: 44 }, after: cursor } }, acme);
    expect(errorCode(other)).toBe('BAD_USER_INPUT');
    const bad = await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', dimensions: [{ field: 'password' }] } } }, acme);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.definition.dimensions.0.field');
    const both = await app.gql(PREVIEW, { input: {} }, acme);
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
  });

  it('requires a token', async () => {
    expect(errorCode(await app.gql(PREVIEW, { input: { definition: raw } }))).toBe('UNAUTHENTICATED');
  });
});
