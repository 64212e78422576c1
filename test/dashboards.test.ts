import 'reflect-metadata';
/**
 * Issue 19, dashboards, end to end over GraphQL with real PostgreSQL and chDB demo data: CRUD with
 * the grid checked, favourites first, tenant isolation (another tenant's dashboard is NOT_FOUND), a
 * tile over another user's private report shown as inaccessible with no rows, the dashboard time
 * range changing every tile's rows (checked against ClickHouse directly), a dashboard from the
 * Weekly performance template, and the audit entries of every write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { pdfText } from './support/pdf-text.js';

let app: TestApp;
let eve: string; // editor, acme
let ed: string; // another editor, acme
let vic: string; // viewer, acme
let globex: string;

const DASHBOARD_FIELDS = `id name description visibility favorite canEdit createdBy
  timeRange { last { n unit } period from to }
  tiles { id kind reportId accessible title text x y w h report { id name } visualization { type } }`;
const CREATE = `mutation($i: CreateDashboardInput!) { createDashboard(input: $i) { ${DASHBOARD_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateDashboardInput!) { updateDashboard(id: $id, input: $i) { ${DASHBOARD_FIELDS} } }`;
const GET = `query($id: ID!) { dashboard(id: $id) { ${DASHBOARD_FIELDS} } }`;
const LIST = '{ dashboards { id name favorite } }';
const ROWS = `query($d: ID!, $t: ID!, $r: DashboardTimeRangeInput, $first: Int) {
  dashboardTileRows(dashboardId: $d, tileId: $t, timeRange: $r, first: $first) { columns { name } rows totalCount window { from to } } }`;
const CREATE_REPORT = 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }';

async function report(token: string, name: string, definition: Record<string, unknown>, isPublic = true): Promise<string> {
  const res = await app.gql(CREATE_REPORT, { input: { name, isPublic, definition } }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.createReport.id;
}

const byDay = (source: string, time: string) => ({
  source, dimensions: [{ field: time, grain: 'DAY', alias: 'day' }], measures: [{ fn: 'COUNT', alias: 'n' }],
  timeRange: { field: time, last: { n: 7, unit: 'DAY' } }, orderBy: [{ key: 'day', direction: 'ASC' }],
});

let events: string;
let sessions: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 20_000 });
  eve = await app.token('acme', 'editor', 'eve@acme');
  ed = await app.token('acme', 'editor', 'ed@acme');
  vic = await app.token('acme', 'viewer', 'vic@acme');
  globex = await app.token('globex', 'admin', 'gus@globex');
  events = await report(eve, 'Events by day', byDay('usage_events', 'timestamp'));
  sessions = await report(eve, 'Sessions by day', byDay('user_sessions', 'started_at'));
}, 120_000);

afterAll(async () => { await app?.close(); });

describe('dashboards CRUD', () => {
  it('creates, reads, replaces tiles, favourites first, deletes; every write audited', async () => {
    const made = await app.gql(CREATE, { i: { name: 'Ops 東京', description: 'Daily look', visibility: 'TENANT', tiles: [
      { kind: 'TEXT', text: 'Κείμενο · مرحبا · 🚀', x: 0, y: 0, w: 12, h: 1 },
      { kind: 'REPORT', reportId: events, x: 0, y: 1, w: 6, h: 4 },
      { kind: 'REPORT', reportId: sessions, x: 6, y: 1, w: 6, h: 4, title: 'Sessions', visualization: { type: 'BAR' } },
    ] } }, eve);
    expect(made.errors).toBeUndefined();
    const d = made.data!.createDashboard;
    expect(d).toMatchObject({ name: 'Ops 東京', visibility: 'TENANT', favorite: false, canEdit: true, createdBy: 'eve@acme' });
    expect(d.tiles.map((t: any) => [t.kind, t.x, t.y, t.w, t.h, t.accessible])).toEqual([
      ['TEXT', 0, 0, 12, 1, true], ['REPORT', 0, 1, 6, 4, true], ['REPORT', 6, 1, 6, 4, true]]);
    expect(d.tiles[0].text).toBe('Κείμενο · مرحبا · 🚀');
    expect(d.tiles[1].report).toEqual({ id: events, name: 'Events by day' });
    expect(d.tiles[2].visualization).toEqual({ type: 'BAR' });

    // Tiles are replaced as a whole; a kept id stays.
    const kept = d.tiles[1].id;
    const moved = await app.gql(UPDATE, { id: d.id, i: { tiles: [{ id: kept, kind: 'REPORT', reportId: events, x: 4, y: 0, w: 8, h: 3 }] } }, eve);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateDashboard.tiles).toMatchObject([{ id: kept, x: 4, y: 0, w: 8, h: 3 }]);
    expect(moved.data!.updateDashboard.name).toBe('Ops 東京');

    // A second dashboard, newer: without favourites it lists first; favourited, the older one does.
    const other = (await app.gql(CREATE, { i: { name: 'Newer' } }, eve)).data!.createDashboard.id;
    const before = (await app.gql(LIST, {}, eve)).data!.dashboards.map((x: any) => x.id);
    expect(before.indexOf(other)).toBeLessThan(before.indexOf(d.id));
    const fav = await app.gql('mutation($id: ID!) { favoriteDashboard(id: $id) { favorite } }', { id: d.id }, eve);
    expect(fav.data!.favoriteDashboard.favorite).toBe(true);
    const after = (await app.gql(LIST, {}, eve)).data!.dashboards;
    expect(after[0]).toMatchObject({ id: d.id, favorite: true });
    expect(after.indexOf(after.find((x: any) => x.id === other))).toBeGreaterThan(0);
    // Favourites are per user: the viewer sees the shared dashboard, not eve's star.
    const vicList = (await app.gql(LIST, {}, vic)).data!.dashboards;
    expect(vicList.find((x: any) => x.id === d.id)).toMatchObject({ favorite: false });
    expect(vicList.find((x: any) => x.id === other)).toBeUndefined(); // private to eve
    const unfav = await app.gql('mutation($id: ID!) { unfavoriteDashboard(id: $id) { favorite } }', { id: d.id }, eve);
    expect(unfav.data!.unfavoriteDashboard.favorite).toBe(false);

    // Someone else's dashboard is not theirs to change; a viewer writes nothing.
    expect(errorCode(await app.gql(UPDATE, { id: d.id, i: { name: 'Mine now' } }, ed))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(CREATE, { i: { name: 'Viewer' } }, vic))).toBe('FORBIDDEN');

    const deleted = await app.gql('mutation($id: ID!) { deleteDashboard(id: $id) }', { id: d.id }, eve);
    expect(deleted.data!.deleteDashboard).toBe(d.id);
    expect(errorCode(await app.gql(GET, { id: d.id }, eve))).toBe('NOT_FOUND');

    const audit = await app.runtime.orm.em.fork().getConnection().execute<{ action: string }[]>(
      "SELECT action FROM audit_log WHERE tenant_id = 'acme' AND target_id = ? ORDER BY id", [d.id]);
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('dashboard.') && a !== 'dashboard.tile')).toEqual(['dashboard.create', 'dashboard.update', 'dashboard.delete']);
  });

  it('refuses a bad grid with the field paths and writes nothing', async () => {
    const bad = await app.gql(CREATE, { i: { name: 'Bad grid', tiles: [
      { kind: 'REPORT', reportId: events, x: 0, y: 0, w: 6, h: 4 },
      { kind: 'REPORT', reportId: sessions, x: 4, y: 2, w: 6, h: 4 },
    ] } }, eve);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.tiles.1');
    const wide = await app.gql(CREATE, { i: { name: 'Too wide', tiles: [{ kind: 'REPORT', reportId: events, x: 7, y: 0, w: 6, h: 4 }] } }, eve);
    expect(wide.errors![0]!.extensions!.field).toBe('input.tiles.0.x');
    const missing = await app.gql(CREATE, { i: { name: 'No report', tiles: [{ kind: 'REPORT', reportId: '00000000-0000-4000-8000-000000000000', x: 0, y: 0, w: 6, h: 4 }] } }, eve);
    expect(missing.errors![0]!.extensions!.field).toBe('input.tiles.0.reportId');
    const badRange = await app.gql(CREATE, { i: { name: 'Bad range', timeRange: { last: { n: 0, unit: 'DAY' } }, tiles: [{ kind: 'REPORT', reportId: events, x: 0, y: 0, w: 6, h: 4 }] } }, eve);
    expect(errorCode(badRange)).toBe('BAD_USER_INPUT');
    expect(String(badRange.errors![0]!.extensions!.field)).toMatch(/^input\.timeRange/);
    const names = (await app.gql(LIST, {}, eve)).data!.dashboards.map((x: any) => x.name);
    expect(names).not.toContain('Bad grid');
    expect(names).not.toContain('Bad range');
  });
});

describe('access', () => {
  it("another tenant's dashboard is NOT_FOUND, for reading, its tiles, changing and deleting", async () => {
    const mine = (await app.gql(CREATE, { i: { name: 'Acme shared', visibility: 'TENANT', tiles: [{ kind: 'REPORT', reportId: events, x: 0, y: 0, w: 6, h: 4 }] } }, eve)).data!.createDashboard;
    expect(errorCode(await app.gql(GET, { id: mine.id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(ROWS, { d: mine.id, t: mine.tiles[0].id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(UPDATE, { id: mine.id, i: { name: 'x' } }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteDashboard(id: $id) }', { id: mine.id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { favoriteDashboard(id: $id) { id } }', { id: mine.id }, globex))).toBe('NOT_FOUND');
    expect((await app.gql(LIST, {}, globex)).data!.dashboards.map((x: any) => x.id)).not.toContain(mine.id);
    // Nor can a globex dashboard put an acme report on a tile.
    const borrowed = await app.gql(CREATE, { i: { name: 'Borrowed', tiles: [{ kind: 'REPORT', reportId: events, x: 0, y: 0, w: 6, h: 4 }] } }, globex);
    expect(borrowed.errors![0]!.extensions!.field).toBe('input.tiles.0.reportId');
  });

  it('a tile over a report the viewer may not open shows as inaccessible and gives no rows', async () => {
    // ed's private report on ed's shared dashboard: eve sees the dashboard, not the report.
    const secret = await report(ed, 'Ed private', byDay('usage_events', 'timestamp'), false);
    const shared = (await app.gql(CREATE, { i: { name: 'Ed shared', visibility: 'TENANT', tiles: [
      { kind: 'REPORT', reportId: secret, x: 0, y: 0, w: 6, h: 4 },
      { kind: 'REPORT', reportId: events, x: 6, y: 0, w: 6, h: 4 },
    ] } }, ed)).data!.createDashboard;
    const seen = await app.gql(GET, { id: shared.id }, vic);
    expect(seen.errors).toBeUndefined();
    const [hidden, open] = seen.data!.dashboard.tiles;
    expect(hidden).toMatchObject({ accessible: false, report: null });
    expect(open).toMatchObject({ accessible: true, report: { id: events } });
    const rows = await app.gql(ROWS, { d: shared.id, t: hidden.id }, vic);
    expect(errorCode(rows)).toBe('NOT_FOUND');
    expect(rows.data).toBeNull();
    const ownerRows = await app.gql(ROWS, { d: shared.id, t: hidden.id }, ed);
    expect(ownerRows.errors).toBeUndefined();
    expect(ownerRows.data!.dashboardTileRows.rows.length).toBeGreaterThan(0);
    // A private dashboard of another user is NOT_FOUND, as a private report is.
    const priv = (await app.gql(CREATE, { i: { name: 'Ed only' } }, ed)).data!.createDashboard.id;
    expect(errorCode(await app.gql(GET, { id: priv }, vic))).toBe('NOT_FOUND');
  });
});

describe('dashboard time range', () => {
  it('changes every tile\'s rows, each equal to a direct ClickHouse count over that range', async () => {
    const d = (await app.gql(CREATE, { i: { name: 'Range', tiles: [
      { kind: 'REPORT', reportId: events, x: 0, y: 0, w: 6, h: 4 },
      { kind: 'REPORT', reportId: sessions, x: 6, y: 0, w: 6, h: 4 },
    ] } }, eve)).data!.createDashboard;
    const db = app.runtime.analytics.database;
    const seeded = app.seededAt.getTime();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const from = day(seeded - 20 * 86_400_000);
    const to = day(seeded - 17 * 86_400_000); // 3 whole days, exclusive end
    const direct = async (table: string, time: string) => (await app.runtime.analytics.query(
      `SELECT toString(toDate(${time}, 'UTC')) AS d, count() FROM ${db}.${table}
       WHERE tenant_id = 'acme' AND ${time} >= toDateTime64({from:String}, 3, 'UTC') AND ${time} < toDateTime64({to:String}, 3, 'UTC')
       GROUP BY d ORDER BY d`, { from: `${from} 00:00:00`, to: `${to} 00:00:00` })).rows.map((r) => [String(r[0]), Number(r[1])]);

    const reportOwn = await Promise.all(d.tiles.map((t: any) => app.gql(ROWS, { d: d.id, t: t.id, first: 100 }, eve)));
    // Set on the dashboard: every tile reads the dashboard's 3 days instead of its report's last 7.
    const set = await app.gql(UPDATE, { id: d.id, i: { timeRange: { from, to } } }, eve);
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateDashboard.timeRange).toMatchObject({ from, to });
    for (const [i, [table, time]] of [['usage_events', 'timestamp'], ['user_sessions', 'started_at']].entries()) {
      const res = await app.gql(ROWS, { d: d.id, t: d.tiles[i].id, first: 100 }, eve);
      expect(res.errors).toBeUndefined();
      const rows = res.data!.dashboardTileRows.rows.map((r: any[]) => [String(r[0]).slice(0, 10), Number(r[1])]);
      const truth = await direct(table!, time!);
      expect(truth.length).toBe(3);
      expect(rows).toEqual(truth);
      expect(rows).not.toEqual(reportOwn[i]!.data!.dashboardTileRows.rows.map((r: any[]) => [String(r[0]).slice(0, 10), Number(r[1])]));
    }
    // The page's control: a range given with the read replaces the stored one for that read only.
    const oneDay = await app.gql(ROWS, { d: d.id, t: d.tiles[0].id, r: { from, to: day(Date.parse(from) + 86_400_000) } }, eve);
    expect(oneDay.data!.dashboardTileRows.rows).toHaveLength(1);
    // Cleared: back to each report's own range.
    const cleared = await app.gql(UPDATE, { id: d.id, i: { timeRange: null } }, eve);
    expect(cleared.data!.updateDashboard.timeRange).toBeNull();
    const own = await app.gql(ROWS, { d: d.id, t: d.tiles[0].id, first: 100 }, eve);
    expect(own.data!.dashboardTileRows.rows).toEqual(reportOwn[0]!.data!.dashboardTileRows.rows);
  });
});

describe('createDashboardFromTemplate', () => {
  it('makes one report tile per section of the Weekly performance template, each readable', async () => {
    const res = await app.gql(`mutation { createDashboardFromTemplate(template: "WEEKLY_PERFORMANCE", name: "Weekly") { ${DASHBOARD_FIELDS} } }`, {}, eve);
    expect(res.errors).toBeUndefined();
    const d = res.data!.createDashboardFromTemplate;
    expect(d.tiles).toHaveLength(3);
    expect(d.tiles.map((t: any) => t.report.name).sort()).toEqual([
      'Weekly · Weekly performance of device metrics', 'Weekly · Weekly performance of usage events', 'Weekly · Weekly performance of user sessions']);
    expect(d.tiles.map((t: any) => [t.x, t.y, t.w])).toEqual([[0, 0, 6], [6, 0, 6], [0, 6, 6]]);
    for (const tile of d.tiles) {
      const rows = await app.gql(ROWS, { d: d.id, t: tile.id, r: { last: { n: 14, unit: 'DAY' } } }, eve);
      expect(rows.errors).toBeUndefined();
      expect(rows.data!.dashboardTileRows.rows.length).toBeGreaterThan(0);
    }
    // Dashboard parameter values: the template reports declare `platform` (device_type for device
    // metrics), so `platform: ['web']` narrows the tiles that declare it and leaves the other alone.
    const narrowed = await app.gql(UPDATE, { id: d.id, i: { parameterValues: { platform: ['web'] }, timeRange: { last: { n: 14, unit: 'DAY' } } } }, eve);
    expect(narrowed.errors).toBeUndefined();
    for (const tile of d.tiles) {
      const rows = (await app.gql(ROWS, { d: d.id, t: tile.id }, eve)).data!.dashboardTileRows.rows.map((r: any[]) => r[0]);
      if (tile.report.name.endsWith('device metrics')) expect(rows.length).toBeGreaterThan(1);
      else expect(rows).toEqual(['web']);
    }
    // A value of the wrong type is refused at its path when saved, for the tiles that declare it.
    const badValue = await app.gql(UPDATE, { id: d.id, i: { parameterValues: { platform: [42] } } }, eve);
    expect(errorCode(badValue)).toBe('BAD_USER_INPUT');
    expect(String(badValue.errors![0]!.extensions!.field)).toMatch(/^input\.parameterValues\.platform/);
    // Again with the same name: the reports' names are taken; refused before anything is made.
    const countReports = async () => Number((await app.runtime.orm.em.fork().getConnection().execute<{ n: string }[]>("SELECT count(*) AS n FROM reports WHERE tenant_id = 'acme'"))[0]!.n);
    const reportsBefore = await countReports();
    const again = await app.gql('mutation { createDashboardFromTemplate(template: "WEEKLY_PERFORMANCE", name: "Weekly") { id } }', {}, eve);
    expect(again.errors![0]!.extensions!.field).toBe('name');
    expect(await countReports()).toBe(reportsBefore);
    const unknown = await app.gql('mutation { createDashboardFromTemplate(template: "NOPE", name: "x") { id } }', {}, eve);
    expect(unknown.errors![0]!.extensions!.field).toBe('template');
  });
});

describe('dashboardPdf', () => {
  it('holds every tile: titles in every script, a chart, first rows; an inaccessible tile shows none of its report', async () => {
    const secret = await report(ed, 'Ed secret Σ report', byDay('usage_events', 'timestamp'), false);
    const d = (await app.gql(CREATE, { i: { name: 'PDF 東京 dashboard', visibility: 'TENANT', tiles: [
      { kind: 'TEXT', title: 'Notes', text: 'Κείμενο · مرحبا · Привет', x: 0, y: 0, w: 12, h: 1 },
      { kind: 'REPORT', reportId: events, title: 'Events 東京', x: 0, y: 1, w: 6, h: 4 },
      { kind: 'REPORT', reportId: sessions, x: 6, y: 1, w: 6, h: 4 },
      { kind: 'REPORT', reportId: secret, title: 'Hidden tile', x: 0, y: 5, w: 6, h: 4 },
    ] } }, ed)).data!.createDashboard;
    const res = await app.gql('query($d: ID!, $r: DashboardTimeRangeInput) { dashboardPdf(dashboardId: $d, timeRange: $r) { fileName contentType byteSize base64 } }',
      { d: d.id, r: { last: { n: 14, unit: 'DAY' } } }, vic);
    expect(res.errors).toBeUndefined();
    const file = res.data!.dashboardPdf;
    expect(file).toMatchObject({ fileName: 'PDF 東京 dashboard.pdf', contentType: 'application/pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.length).toBe(file.byteSize);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.DASHBOARD_PDF_OUT) writeFileSync(process.env.DASHBOARD_PDF_OUT, bytes);
    const text = await pdfText(new Uint8Array(bytes));
    // Arabic is drawn as shaped glyphs, which text extraction does not give back as letters (as in
    // every PDF export: pdf-unicode.test.ts checks its runs); the Greek and Cyrillic around it must be there.
    for (const title of ['PDF 東京 dashboard', 'Notes', 'Κείμενο ·', '· Привет', 'Events 東京', 'Sessions by day', 'Hidden tile', 'last 14 days, whole']) {
      expect(text).toContain(title);
    }
    expect(text).toContain("You cannot open this tile's report.");
    expect(text).not.toContain('Ed secret');
    expect(text).toMatch(/First \d+ of \d+ rows/);
    // Another tenant: NOT_FOUND, no file.
    const other = await app.gql('query($d: ID!) { dashboardPdf(dashboardId: $d) { byteSize } }', { d: d.id }, globex);
    expect(errorCode(other)).toBe('NOT_FOUND');
  });
});
