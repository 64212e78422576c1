/**
 * Saved reports through the GraphQL API: CRUD, validation with field paths, visibility, paging of
 * the list, and tenant isolation (another tenant's id is NOT_FOUND everywhere).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let acmeEditor: string;
let acmeAdmin: string;
let globexEditor: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000 });
  acmeEditor = await app.token('acme', 'editor', 'ed@acme');
  acmeAdmin = await app.token('acme', 'admin', 'ad@acme');
  globexEditor = await app.token('globex', 'editor', 'ed@globex');
});
afterAll(async () => app?.close());

const REPORT_FIELDS = `id name description rowLimit isPublic tags createdBy createdAt updatedAt
  visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }
  definition { source rowLimit dimensions { field grain alias } measures { fn field alias }
    filters { field op value values } timeRange { field from to last { n unit } } orderBy { key direction } }`;
const CREATE = `mutation($input: CreateReportInput!) { createReport(input: $input) { ${REPORT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateReportInput!) { updateReport(id: $id, input: $input) { ${REPORT_FIELDS} } }`;
const DELETE = `mutation($id: ID!) { deleteReport(id: $id) }`;
const GET = `query($id: ID!) { report(id: $id) { ${REPORT_FIELDS} } }`;
const LIST = `query($first: Int, $after: String) { reports(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`;

const definition = {
  source: 'usage_events',
  dimensions: [{ field: 'platform' }],
  measures: [{ fn: 'COUNT', alias: 'events' }, { fn: 'AVG', field: 'duration_ms' }],
  filters: [{ field: 'event_type', op: 'IN', values: ['click', 'page_view'] }, { field: 'duration_ms', op: 'GT', value: 10 }],
  timeRange: { last: { n: 14, unit: 'DAY' } },
  orderBy: [{ key: 'events', direction: 'DESC' }],
  rowLimit: 50,
};

async function create(token: string, input: Record<string, unknown>) {
  const res = await app.gql(CREATE, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.createReport;
}

describe('create, read, update, delete', () => {
  it('creates a report with its definition normalised and reads it back', async () => {
    const created = await create(acmeEditor, {
      name: '  Platforms  ', description: 'By platform', definition, isPublic: true, tags: ['ops', 'ops', ' web '],
      visualization: { type: 'BAR', series: ['events'], stacked: true, xAxisLabel: '  Platform  ', maxPoints: 20 },
    });
    expect(created).toMatchObject({
      name: 'Platforms', description: 'By platform', rowLimit: 50, isPublic: true, tags: ['ops', 'web'],
      createdBy: 'ed@acme',
      visualization: { type: 'BAR', series: ['events'], stacked: true, donut: null, xAxisLabel: 'Platform', yAxisLabel: null, maxPoints: 20 },
    });
    expect(created.definition.dimensions).toEqual([{ field: 'platform', grain: null, alias: 'platform' }]);
    expect(created.definition.measures.map((m: any) => m.alias)).toEqual(['events', 'avg_duration_ms']);
    expect(created.definition.filters[0]).toEqual({ field: 'event_type', op: 'IN', value: null, values: ['click', 'page_view'] });
    expect(created.definition.timeRange).toMatchObject({ field: 'timestamp', last: { n: 14, unit: 'DAY' } });
    const read = await app.gql(GET, { id: created.id }, acmeEditor);
    expect(read.data!.report).toEqual(created);
  });

  it('updates only the fields given and bumps updatedAt', async () => {
    const created = await create(acmeEditor, { name: 'To update', definition });
    const res = await app.gql(UPDATE, { id: created.id, input: { description: 'now described', definition: { ...definition, rowLimit: 7 } } }, acmeEditor);
    expect(res.errors).toBeUndefined();
    const updated = res.data!.updateReport;
    expect(updated).toMatchObject({ name: 'To update', description: 'now described', rowLimit: 7 });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect(updated.createdAt).toBe(created.createdAt);
  });

  it('deletes a report, after which it is NOT_FOUND', async () => {
    const created = await create(acmeEditor, { name: 'To delete', definition });
    expect((await app.gql(DELETE, { id: created.id }, acmeEditor)).data?.deleteReport).toBe(created.id);
    expect(errorCode(await app.gql(GET, { id: created.id }, acmeEditor))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(DELETE, { id: created.id }, acmeEditor))).toBe('NOT_FOUND');
  });

  it('refuses to delete a report that schedules export, naming them, and deletes them with it only when forced (audited)', async () => {
    const created = await create(acmeEditor, { name: 'Scheduled, to delete', definition });
    const SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id name } }';
    const weekly = (await app.gql(SCHEDULE, { i: { reportId: created.id, name: 'Weekly digest', cron: '0 9 * * 1', recipients: ['w@example.com'] } }, acmeEditor)).data!.createSchedule;
    const daily = (await app.gql(SCHEDULE, { i: { reportId: created.id, name: 'Daily digest', cron: '0 9 * * *', recipients: ['d@example.com'] } }, acmeEditor)).data!.createSchedule;
    const refused = await app.gql(DELETE, { id: created.id }, acmeEditor);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('force');
    expect(refused.errors![0]!.extensions!.schedules).toEqual([daily, weekly]);
    expect(refused.errors![0]!.message).toContain('"Weekly digest"');
    // Nothing went: the report and both schedules are still there.
    expect((await app.gql(GET, { id: created.id }, acmeEditor)).errors).toBeUndefined();
    expect((await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: weekly.id }, acmeEditor)).errors).toBeUndefined();

    const forced = await app.gql('mutation($id: ID!) { deleteReport(id: $id, force: true) }', { id: created.id }, acmeEditor);
    expect(forced.data?.deleteReport).toBe(created.id);
    for (const s of [daily, weekly]) expect(errorCode(await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: s.id }, acmeEditor))).toBe('NOT_FOUND');
    const audit = await app.gql('{ auditLog(first: 20) { edges { node { action targetId details } } } }', {}, acmeAdmin);
    const entry = audit.data!.auditLog.edges.map((e: any) => e.node).find((n: any) => n.action === 'report.delete' && n.targetId === created.id);
    expect(entry.details).toEqual({ name: 'Scheduled, to delete', deletedSchedules: [daily, weekly] });
  });

  it('refuses a second report with the same name in a tenant, case-insensitively', async () => {
    await create(acmeEditor, { name: 'Unique name', definition });
    const res = await app.gql(CREATE, { input: { name: 'unique NAME', definition } }, acmeEditor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('input.name');
    // Another tenant may use the name.
    expect((await app.gql(CREATE, { input: { name: 'Unique name', definition } }, globexEditor)).errors).toBeUndefined();
  });

  it('answers NOT_FOUND for ids that are not uuids', async () => {
    expect(errorCode(await app.gql(GET, { id: 'not-a-uuid' }, acmeEditor))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(GET, { id: "1' OR '1'='1" }, acmeEditor))).toBe('NOT_FOUND');
  });
});

describe('validation', () => {
  it('answers BAD_USER_INPUT with the path of every problem and writes nothing', async () => {
    const before = (await app.gql(LIST, { first: 1 }, acmeAdmin)).data!.reports.totalCount;
    const res = await app.gql(CREATE, {
      input: {
        name: 'Broken',
        definition: {
          source: 'usage_events',
          dimensions: [{ field: 'tenant_id' }, { field: 'platform', grain: 'DAY' }],
          measures: [{ fn: 'SUM', field: 'platform' }],
          filters: [{ field: 'duration_ms', op: 'GT', value: 'fast' }, { field: 'event_type', op: 'IN' }],
          orderBy: [{ key: 'nope' }],
          rowLimit: 5_000_000,
        },
      },
    }, acmeEditor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const paths = res.errors![0]!.extensions!.errors.map((e: { path: string }) => e.path);
    for (const path of ['input.definition.dimensions.0.field', 'input.definition.dimensions.1.grain', 'input.definition.measures.0.field',
      'input.definition.filters.0.value', 'input.definition.filters.1.values', 'input.definition.orderBy.0.key', 'input.definition.rowLimit']) {
      expect(paths).toContain(path);
    }
    expect((await app.gql(LIST, { first: 1 }, acmeAdmin)).data!.reports.totalCount).toBe(before);
  });

  it('leaves a report untouched when an update is invalid', async () => {
    const created = await create(acmeEditor, { name: 'Stable', definition });
    const res = await app.gql(UPDATE, { id: created.id, input: { name: 'Renamed', definition: { ...definition, source: 'secrets' } } }, acmeEditor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('input.definition.source');
    const read = (await app.gql(GET, { id: created.id }, acmeEditor)).data!.report;
    expect(read.name).toBe('Stable');
    expect(read.definition.source).toBe('usage_events');
  });

  it('validateReport reports problems without saving or running anything', async () => {
    const q = `query($d: ReportDefinitionInput!) { validateReport(definition: $d) { valid errors { path message } } }`;
    const ok = await app.gql(q, { d: definition }, acmeEditor);
    expect(ok.data!.validateReport).toEqual({ valid: true, errors: [] });
    const bad = await app.gql(q, { d: { source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { from: '2020-01-01', to: '2024-01-01' } } }, acmeEditor);
    expect(bad.data!.validateReport.valid).toBe(false);
    expect(bad.data!.validateReport.errors[0].path).toMatch(/^timeRange/);
  });

  it('checks the visualization against the report: BAD_USER_INPUT naming each bad field, nothing written', async () => {
    const created = await create(acmeEditor, { name: 'Charted', definition, visualization: { type: 'LINE' } });
    const res = await app.gql(UPDATE, { id: created.id, input: { name: 'Renamed', visualization: { type: 'PIE', series: ['events', 'nope'], yAxisLabel: 'y'.repeat(101), maxPoints: 0 } } }, acmeEditor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.errors).toEqual([
      { path: 'input.visualization.series.1', message: "'nope' is not a measure of the report (events, avg_duration_ms)" },
      { path: 'input.visualization.yAxisLabel', message: 'must be at most 100 characters' },
      { path: 'input.visualization.maxPoints', message: 'must be a whole number from 1 to 5000' },
    ]);
    const read = (await app.gql(GET, { id: created.id }, acmeEditor)).data!.report;
    expect(read).toMatchObject({ name: 'Charted', visualization: { type: 'LINE', series: null } });
    // A series is checked against the definition saved with it.
    const renamed = { ...definition, measures: [{ fn: 'COUNT', alias: 'hits' }], orderBy: [] };
    const moved = await app.gql(UPDATE, { id: created.id, input: { definition: renamed, visualization: { type: 'BAR', series: ['hits'] } } }, acmeEditor);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateReport.visualization).toMatchObject({ type: 'BAR', series: ['hits'] });
    // An unknown chart type is refused by the schema; null goes back to the default chart.
    const unknown = await app.gql(UPDATE, { id: created.id, input: { visualization: { type: 'SANKEY' } } }, acmeEditor);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    const reset = await app.gql(UPDATE, { id: created.id, input: { visualization: null } }, acmeEditor);
    expect(reset.data!.updateReport.visualization).toBeNull();
  });

  it('drops series a new definition no longer has, so the stored chart can be sent back as it is', async () => {
    const created = await create(acmeEditor, { name: 'Series kept', definition, visualization: { type: 'BAR', series: ['avg_duration_ms', 'events'], stacked: true } });
    const onlyEvents = { ...definition, measures: [{ fn: 'COUNT', alias: 'events' }] };
    const res = await app.gql(UPDATE, { id: created.id, input: { definition: onlyEvents } }, acmeEditor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateReport.visualization).toMatchObject({ type: 'BAR', series: ['events'], stacked: true });
    const resent = await app.gql(UPDATE, { id: created.id, input: { visualization: res.data!.updateReport.visualization } }, acmeEditor);
    expect(resent.errors).toBeUndefined();
  });

  it('rejects GraphQL-level type errors as BAD_USER_INPUT', async () => {
    const res = await app.gql(CREATE, { input: { name: 'x', definition: { source: 'usage_events', measures: [{ fn: 'MEDIAN' }] } } }, acmeEditor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});

describe('visibility and listing', () => {
  it('hides a private report from other users but shows it to its creator and admins', async () => {
    const other = await app.token('acme', 'editor', 'someone-else');
    const created = await create(acmeEditor, { name: 'Private one', definition, isPublic: false });
    expect((await app.gql(GET, { id: created.id }, acmeEditor)).data!.report.id).toBe(created.id);
    expect((await app.gql(GET, { id: created.id }, acmeAdmin)).data!.report.id).toBe(created.id);
    expect(errorCode(await app.gql(GET, { id: created.id }, other))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(UPDATE, { id: created.id, input: { name: 'hijack' } }, other))).toBe('NOT_FOUND');
  });

  it('pages through reports newest first without overlap or gaps', async () => {
    const tenantAdmin = await app.token('initech', 'admin', 'pager');
    for (let i = 0; i < 7; i++) await create(tenantAdmin, { name: `Paged ${i}`, definition });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await app.gql(LIST, { first: 3, after }, tenantAdmin);
      const conn = res.data.reports;
      expect(conn.totalCount).toBe(8); // 7 + the seeded Usage Summary
      seen.push(...conn.edges.map((e: any) => e.node.name));
      pages++;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Paged 6', 'Paged 5', 'Paged 4', 'Paged 3', 'Paged 2', 'Paged 1', 'Paged 0', 'Usage Summary']);
  });

  it('raises first below 1 to 1, refuses first above 500 (issue 8) and a forged cursor', async () => {
    const zero = await app.gql(LIST, { first: 0 }, acmeAdmin);
    expect(zero.data!.reports.edges).toHaveLength(1);
    const huge = await app.gql(LIST, { first: 100_000 }, acmeAdmin);
    expect(errorCode(huge)).toBe('BAD_USER_INPUT');
    const forged = await app.gql(LIST, { first: 2, after: 'bm90LWEtY3Vyc29y' }, acmeAdmin);
    expect(errorCode(forged)).toBe('BAD_USER_INPUT');
  });
});

describe('tenant isolation', () => {
  it("treats another tenant's report as NOT_FOUND for read, update, delete and preview", async () => {
    const acmeReport = await create(acmeEditor, { name: 'Acme only', definition, isPublic: true });
    const globexAdmin = await app.token('globex', 'admin');
    expect(errorCode(await app.gql(GET, { id: acmeReport.id }, globexAdmin))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(UPDATE, { id: acmeReport.id, input: { name: 'pwned' } }, globexAdmin))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(DELETE, { id: acmeReport.id }, globexAdmin))).toBe('NOT_FOUND');
    const preview = await app.gql(`query($id: ID!) { previewReport(input: { reportId: $id }) { totalCount } }`, { id: acmeReport.id }, globexAdmin);
    expect(errorCode(preview)).toBe('NOT_FOUND');
    const names = (await app.gql(LIST, { first: 500 }, globexAdmin)).data!.reports.edges.map((e: any) => e.node.name);
    expect(names).not.toContain('Acme only');
    // Still intact for its owner.
    expect((await app.gql(GET, { id: acmeReport.id }, acmeEditor)).data!.report.name).toBe('Acme only');
  });
});
