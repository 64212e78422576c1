import 'reflect-metadata';
/**
 * Issue 19, sharing, end to end over GraphQL with real PostgreSQL, chDB and the export worker:
 * per-user and per-role VIEW/EDIT grants on a private report and a private dashboard, checked on
 * every read path (lists, by id, node, previews, exports and their links, the dashboard, its tiles
 * and its PDF, a scheduled run), EDIT vs VIEW on update, revocation taking effect at once, every
 * grant change audited, and tenant isolation (a grant cannot name another tenant's user).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, GET_EXPORT, createReport, downloadOk } from './support/exports.js';
import { pdfText } from './support/pdf-text.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let olga: string; // editor, owner of the private report and dashboard
let ed: string; // editor
let vic: string; // viewer
let vera: string; // viewer, reached only by role grants
let ada: string; // admin
let gus: string; // admin of globex
let report: string; // olga's private report
let other: string; // olga's second private report (role grants)
let dashboard: string; // olga's private dashboard over `report`
let tile: string;

const GRANT = `mutation($t: SharedObjectType!, $id: ID!, $p: PrincipalInput!, $l: AccessLevel!, $tiles: Boolean) {
  grantAccess(objectType: $t, objectId: $id, principal: $p, level: $l, includeTileReports: $tiles) { id objectType objectId userId role level grantedBy createdAt } }`;
const REVOKE = 'mutation($t: SharedObjectType!, $id: ID!, $p: PrincipalInput!) { revokeAccess(objectType: $t, objectId: $id, principal: $p) }';
const REPORT = 'query($id: ID!) { report(id: $id) { id name canEdit grants { userId role level } } }';
const REPORTS = '{ reports(first: 100) { edges { node { id } } } }';
const NODE = 'query($id: ID!) { node(id: $id) { id } }';
const PREVIEW = 'query($id: ID!) { previewReport(input: { reportId: $id, first: 5 }) { rows totalCount } }';
const UPDATE_REPORT = 'mutation($id: ID!, $i: UpdateReportInput!) { updateReport(id: $id, input: $i) { id description } }';
const DASHBOARD = 'query($id: ID!) { dashboard(id: $id) { id name canEdit grants { userId role level } tiles { id accessible title } } }';
const DASHBOARDS = '{ dashboards { id } }';
const TILE_ROWS = 'query($d: ID!, $t: ID!) { dashboardTileRows(dashboardId: $d, tileId: $t) { rows totalCount } }';
const PDF = 'query($d: ID!) { dashboardPdf(dashboardId: $d) { fileName base64 } }';
const UPDATE_DASHBOARD = 'mutation($id: ID!, $i: UpdateDashboardInput!) { updateDashboard(id: $id, input: $i) { id name } }';
const EXPORTS = '{ exports(first: 100) { edges { node { id } } } }';

const ids = (res: any, path: (d: any) => { id: string }[]) => path(res.data).map((x) => x.id);
const reportIds = async (token: string) => ids(await app.gql(REPORTS, {}, token), (d) => d.reports.edges.map((e: any) => e.node));
const dashboardIds = async (token: string) => ids(await app.gql(DASHBOARDS, {}, token), (d) => d.dashboards);
const exportIds = async (token: string) => ids(await app.gql(EXPORTS, {}, token), (d) => d.exports.edges.map((e: any) => e.node));

async function auditActions(targetId: string): Promise<{ action: string; actor: string; details: any }[]> {
  return app.runtime.orm.em.fork().getConnection().execute(
    `SELECT action, actor, details FROM audit_log WHERE tenant_id = 'acme' AND target_id = ? AND action LIKE 'grant.%' ORDER BY id`, [targetId]);
}

/** Every read path of the report as `token` sees it: true where it answers, false where it is NOT_FOUND / absent. */
async function reportPaths(token: string) {
  const byId = await app.gql(REPORT, { id: report }, token);
  const preview = await app.gql(PREVIEW, { id: report }, token);
  const node = await app.gql(NODE, { id: report }, token);
  for (const res of [byId, preview]) if (res.errors) expect(errorCode(res)).toBe('NOT_FOUND');
  return {
    byId: !byId.errors, preview: !preview.errors, node: node.data!.node !== null,
    listed: (await reportIds(token)).includes(report),
  };
}

async function dashboardPaths(token: string) {
  const byId = await app.gql(DASHBOARD, { id: dashboard }, token);
  const rows = await app.gql(TILE_ROWS, { d: dashboard, t: tile }, token);
  const pdf = await app.gql(PDF, { d: dashboard }, token);
  for (const res of [byId, rows, pdf]) if (res.errors) expect(errorCode(res)).toBe('NOT_FOUND');
  return { byId: !byId.errors, tiles: !rows.errors, pdf: !pdf.errors, listed: (await dashboardIds(token)).includes(dashboard) };
}

const NONE = { byId: false, preview: false, node: false, listed: false };
const ALL = { byId: true, preview: true, node: true, listed: true };

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000, worker: true, env: { EXPORT_MAX_ATTEMPTS: '1' } });
  [olga, ed, vic, vera, ada, gus] = await Promise.all([
    app.token('acme', 'editor', 'olga@acme'), app.token('acme', 'editor', 'ed@acme'), app.token('acme', 'viewer', 'vic@acme'),
    app.token('acme', 'viewer', 'vera@acme'), app.token('acme', 'admin', 'ada@acme'), app.token('globex', 'admin', 'gus@globex'),
  ]);
  // Everyone signs in once: a grant may only name a user the tenant has seen.
  for (const t of [olga, ed, vic, vera, ada, gus, await app.token('globex', 'editor', 'sam@globex')]) expect((await app.gql('{ me { userId } }', {}, t)).errors).toBeUndefined();
  const definition = {
    source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }],
    timeRange: { field: 'timestamp', last: { n: 30, unit: 'DAY' } },
  };
  report = await createReport(app, olga, 'Olga private 東京', definition);
  other = await createReport(app, olga, 'Olga second', { ...definition, dimensions: [{ field: 'country' }] });
  for (const id of [report, other]) expect((await app.gql(UPDATE_REPORT, { id, i: { isPublic: false } }, olga)).errors).toBeUndefined();
  const made = await app.gql('mutation($i: CreateDashboardInput!) { createDashboard(input: $i) { id tiles { id kind } } }', { i: {
    name: 'Olga board', visibility: 'PRIVATE', tiles: [
      { kind: 'REPORT', reportId: report, title: 'Events by platform', x: 0, y: 0, w: 6, h: 4 },
      { kind: 'TEXT', text: 'Notes', x: 6, y: 0, w: 6, h: 2 },
    ] } }, olga);
  expect(made.errors).toBeUndefined();
  dashboard = made.data!.createDashboard.id;
  tile = made.data!.createDashboard.tiles.find((t: any) => t.kind === 'REPORT').id;
}, 120_000);

afterAll(async () => { await app?.close(); });

describe('without a grant', () => {
  it('a private report and dashboard are NOT_FOUND on every read path, for viewers and editors alike', async () => {
    for (const token of [vic, ed]) {
      expect(await reportPaths(token)).toEqual(NONE);
      expect(await dashboardPaths(token)).toEqual({ byId: false, tiles: false, pdf: false, listed: false });
      expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: report, format: 'CSV' } }, token))).toBe('NOT_FOUND');
    }
    // Its owner and an admin see everything.
    expect(await reportPaths(olga)).toEqual(ALL);
    expect(await reportPaths(ada)).toEqual(ALL);
    expect(await dashboardPaths(ada)).toEqual({ byId: true, tiles: true, pdf: true, listed: true });
    // Changing or sharing something you cannot read is NOT_FOUND, not FORBIDDEN.
    expect(errorCode(await app.gql(UPDATE_REPORT, { id: report, i: { description: 'x' } }, ed))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'ed@acme' }, l: 'EDIT' }, ed))).toBe('NOT_FOUND');
  });
});

describe('user grants', () => {
  it('VIEW on a dashboard opens it, its tiles (and their private report) and its PDF; a viewer exports and downloads; revoking closes every path', async () => {
    const granted = await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'vic@acme' }, l: 'VIEW' }, olga);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.grantAccess).toMatchObject({ objectType: 'DASHBOARD', objectId: dashboard, userId: 'vic@acme', role: null, level: 'VIEW', grantedBy: 'olga@acme' });
    expect(await dashboardPaths(vic)).toEqual({ byId: true, tiles: true, pdf: true, listed: true });
    const seen = (await app.gql(DASHBOARD, { id: dashboard }, vic)).data!.dashboard;
    expect(seen.canEdit).toBe(false);
    expect(seen.grants).toBeNull(); // only those who may share see who it is shared with
    expect(seen.tiles.map((t: any) => t.accessible)).toEqual([true, true]);
    const rows = (await app.gql(TILE_ROWS, { d: dashboard, t: tile }, vic)).data!.dashboardTileRows;
    expect(rows.rows.length).toBeGreaterThan(0);
    const pdf = (await app.gql(PDF, { d: dashboard }, vic)).data!.dashboardPdf;
    expect(await pdfText(new Uint8Array(Buffer.from(pdf.base64, 'base64')))).toContain('Events by platform');
    // The tile's private report came with the dashboard (VIEW): every report path answers.
    expect(await reportPaths(vic)).toEqual(ALL);
    const owner = (await app.gql(DASHBOARD, { id: dashboard }, olga)).data!.dashboard;
    expect(owner.grants).toEqual([{ userId: 'vic@acme', role: null, level: 'VIEW' }]);
    expect((await app.gql(REPORT, { id: report }, olga)).data!.report.grants).toEqual([{ userId: 'vic@acme', role: null, level: 'VIEW' }]);

    // A viewer with VIEW exports the report and downloads the file.
    const created = await app.gql(CREATE_EXPORT, { input: { reportId: report, format: 'CSV' } }, vic);
    expect(created.errors).toBeUndefined();
    const exportId = created.data!.createExport.id;
    const done = await waitFor(async () => {
      const e = (await app.gql(GET_EXPORT, { id: exportId }, vic)).data!.export;
      return e.status === 'COMPLETED' || e.status === 'FAILED' ? e : undefined;
    });
    expect(done.status).toBe('COMPLETED');
    expect((await downloadOk(done.downloadUrl)).body.toString()).toContain('events');
    expect(await exportIds(vic)).toContain(exportId);
    // A viewer cannot change it, whatever they hold.
    expect(errorCode(await app.gql(UPDATE_DASHBOARD, { id: dashboard, i: { name: 'Mine now' } }, vic))).toBe('FORBIDDEN');

    // Revoked: the dashboard, its tiles and its PDF are NOT_FOUND at once; the report grant stays.
    expect((await app.gql(REVOKE, { t: 'DASHBOARD', id: dashboard, p: { userId: 'vic@acme' } }, olga)).data!.revokeAccess).toBe(true);
    expect(await dashboardPaths(vic)).toEqual({ byId: false, tiles: false, pdf: false, listed: false });
    expect(await reportPaths(vic)).toEqual(ALL);
    // Revoking the report too: the report and its export (and so its link) are gone for vic.
    expect((await app.gql(REVOKE, { t: 'REPORT', id: report, p: { userId: 'vic@acme' } }, olga)).data!.revokeAccess).toBe(true);
    expect(await reportPaths(vic)).toEqual(NONE);
    expect(errorCode(await app.gql(GET_EXPORT, { id: exportId }, vic))).toBe('NOT_FOUND');
    expect(await exportIds(vic)).not.toContain(exportId);
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: report, format: 'CSV' } }, vic))).toBe('NOT_FOUND');
    // Its owner still sees the export; a second revoke finds nothing and writes nothing.
    expect(await exportIds(olga)).toContain(exportId);
    expect((await app.gql(REVOKE, { t: 'REPORT', id: report, p: { userId: 'vic@acme' } }, olga)).data!.revokeAccess).toBe(false);

    // Every change audited, with who, whom and what.
    expect((await auditActions(dashboard)).map((a) => [a.action, a.actor, a.details.principal, a.details.level])).toEqual([
      ['grant.add', 'olga@acme', 'vic@acme', 'VIEW'],
      ['grant.revoke', 'olga@acme', 'vic@acme', 'VIEW'],
    ]);
    expect((await auditActions(dashboard))[0]!.details.tileReports).toEqual([report]);
    expect((await auditActions(report)).map((a) => a.action)).toEqual(['grant.revoke']);
    // The admins' compliance summary lists them as access changes.
    const compliance = (await app.gql('{ auditCompliance(first: 100) { events { actor event action target } } }', {}, ada)).data!.auditCompliance.events;
    expect(compliance).toEqual(expect.arrayContaining([
      { actor: 'olga@acme', event: 'Access granted or changed', action: 'grant.add', target: `dashboard:${dashboard}` },
      { actor: 'olga@acme', event: 'Access granted or changed', action: 'grant.revoke', target: `report:${report}` },
    ]));
  }, 120_000);

  it('VIEW lets an editor read but not change (FORBIDDEN); EDIT lets them change and share; the level is upgraded in place', async () => {
    expect((await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'ed@acme' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    expect(await reportPaths(ed)).toEqual(ALL);
    const viewOnly = await app.gql(REPORT, { id: report }, ed);
    expect(viewOnly.data!.report).toMatchObject({ canEdit: false, grants: null });
    expect(errorCode(await app.gql(UPDATE_REPORT, { id: report, i: { description: 'by ed' } }, ed))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: report }, ed))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'vic@acme' }, l: 'VIEW' }, ed))).toBe('FORBIDDEN');
    expect((await app.gql('query($id: ID!) { report(id: $id) { description } }', { id: report }, olga)).data!.report.description).toBeNull();

    const upgraded = await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'ed@acme' }, l: 'EDIT' }, olga);
    expect(upgraded.data!.grantAccess.level).toBe('EDIT');
    const changed = await app.gql(UPDATE_REPORT, { id: report, i: { description: 'by ed' } }, ed);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateReport.description).toBe('by ed');
    const asEditor = (await app.gql(REPORT, { id: report }, ed)).data!.report;
    expect(asEditor.canEdit).toBe(true);
    expect(asEditor.grants).toEqual([{ userId: 'ed@acme', role: null, level: 'EDIT' }]); // one grant, its level changed
    // An EDIT grantee may share on; deleting stays the owner's for dashboards.
    expect((await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'ed@acme' }, l: 'EDIT' }, olga)).errors).toBeUndefined();
    expect((await app.gql(UPDATE_DASHBOARD, { id: dashboard, i: { description: 'ed was here' } }, ed)).errors).toBeUndefined();
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteDashboard(id: $id) }', { id: dashboard }, ed))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(UPDATE_DASHBOARD, { id: dashboard, i: { name: 'x' } }, vic))).toBe('FORBIDDEN');
    expect((await auditActions(report)).map((a) => [a.action, a.details.level, a.details.before])).toContainEqual(['grant.add', 'EDIT', 'VIEW']);
  });
});

describe('role grants', () => {
  it('a VIEWER grant reaches every viewer and every higher role; an EDITOR grant does not reach viewers', async () => {
    expect((await app.gql(REPORT, { id: other }, vera)).errors).toBeDefined();
    expect((await app.gql(GRANT, { t: 'REPORT', id: other, p: { role: 'EDITOR' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    expect(errorCode(await app.gql(REPORT, { id: other }, vera))).toBe('NOT_FOUND');
    expect((await app.gql(PREVIEW, { id: other }, ed)).data!.previewReport.rows.length).toBeGreaterThan(0);
    const everyone = await app.gql(GRANT, { t: 'REPORT', id: other, p: { role: 'VIEWER' }, l: 'VIEW' }, olga);
    expect(everyone.data!.grantAccess).toMatchObject({ userId: null, role: 'VIEWER', level: 'VIEW' });
    expect((await app.gql(PREVIEW, { id: other }, vera)).data!.previewReport.rows.length).toBeGreaterThan(0);
    expect(await reportIds(vera)).toContain(other);
    expect((await app.gql(REVOKE, { t: 'REPORT', id: other, p: { role: 'VIEWER' } }, olga)).data!.revokeAccess).toBe(true);
    expect(errorCode(await app.gql(PREVIEW, { id: other }, vera))).toBe('NOT_FOUND');
    expect(await reportIds(vera)).not.toContain(other);
    // EDIT by role: editors change it; a role grant never lets a viewer write.
    expect((await app.gql(GRANT, { t: 'REPORT', id: other, p: { role: 'EDITOR' }, l: 'EDIT' }, olga)).errors).toBeUndefined();
    expect((await app.gql(UPDATE_REPORT, { id: other, i: { description: 'team' } }, ed)).errors).toBeUndefined();
    const refused = await app.gql(GRANT, { t: 'REPORT', id: other, p: { role: 'VIEWER' }, l: 'EDIT' }, olga);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });
});

describe('bad grants and tenant isolation', () => {
  it('refuses another tenant\'s user, an unknown user, both or neither principal, ADMIN and the owner, at their paths; another tenant cannot share', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ userId: 'sam@globex' }, 'VIEW', 'principal.userId'], // known only to globex
      [{ userId: 'nobody@acme' }, 'VIEW', 'principal.userId'], // never signed in
      [{ userId: 'vic@acme', role: 'VIEWER' }, 'VIEW', 'principal'],
      [{}, 'VIEW', 'principal'],
      [{ role: 'ADMIN' }, 'VIEW', 'principal.role'],
      [{ userId: 'olga@acme' }, 'EDIT', 'principal.userId'],
    ];
    for (const [p, l, field] of cases) {
      const res = await app.gql(GRANT, { t: 'REPORT', id: report, p, l }, olga);
      expect(res.errors![0]!.extensions, JSON.stringify(p)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const count = async () => Number((await app.runtime.orm.em.fork().getConnection().execute<{ n: string }[]>(`SELECT count(*) AS n FROM access_grants WHERE principal IN ('sam@globex', 'nobody@acme', 'olga@acme', 'ADMIN')`))[0]!.n);
    expect(await count()).toBe(0);
    // globex cannot see, share or revoke on acme's objects: NOT_FOUND, as if they did not exist.
    expect(errorCode(await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'gus@globex' }, l: 'VIEW' }, gus))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { role: 'VIEWER' }, l: 'VIEW' }, gus))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(REVOKE, { t: 'REPORT', id: report, p: { userId: 'ed@acme' } }, gus))).toBe('NOT_FOUND');
    // A grant to a user id that globex also uses means acme's user only.
    expect(errorCode(await app.gql(REPORT, { id: report }, await app.token('globex', 'editor', 'ed@acme')))).toBe('NOT_FOUND');
    // The share dialog's user list is the tenant's own.
    const users = (await app.gql('{ shareableUsers { userId roleName } }', {}, olga)).data!.shareableUsers.map((u: any) => u.userId);
    expect(users).toEqual(expect.arrayContaining(['vic@acme', 'vera@acme', 'ed@acme']));
    expect(users.some((u: string) => u.endsWith('@globex'))).toBe(false);
  });
});

describe('schedules', () => {
  it('a schedule whose owner lost VIEW fails its run with ACCESS_REVOKED and delivers nothing', async () => {
    const third = await createReport(app, olga, 'Olga third', { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }] });
    expect((await app.gql(UPDATE_REPORT, { id: third, i: { isPublic: false } }, olga)).errors).toBeUndefined();
    expect((await app.gql(GRANT, { t: 'REPORT', id: third, p: { userId: 'ed@acme' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    const made = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId: third, name: 'Ed weekly', cron: '0 9 * * 1', recipients: ['boss@example.com'], format: 'CSV' } }, ed);
    expect(made.errors).toBeUndefined();
    const scheduleId = made.data!.createSchedule.id;
    const run = async () => {
      const started = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, ada);
      expect(started.errors).toBeUndefined();
      return waitFor(async () => {
        const e = (await app.gql(`query($id: ID!) { node(id: $id) { ... on Execution { status failure { errorCode message } deliveries { status } } } }`,
          { id: started.data!.runScheduleNow.id }, ada)).data!.node;
        return e && !['RUNNING', 'PENDING'].includes(e.status) ? e : undefined;
      });
    };
    const first = await run();
    expect(first.status).toBe('DELIVERED');
    expect((await app.gql(REVOKE, { t: 'REPORT', id: third, p: { userId: 'ed@acme' } }, olga)).data!.revokeAccess).toBe(true);
    const second = await run();
    expect(second.status).toBe('FAILED');
    expect(second.failure.errorCode).toBe('ACCESS_REVOKED');
    expect(second.failure.message).toContain('ed@acme');
    expect(second.deliveries).toEqual([]);
  }, 120_000);
});
