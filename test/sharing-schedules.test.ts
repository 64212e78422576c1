import 'reflect-metadata';
/**
 * Issue 19, sharing, for schedules and `node(id)` of dashboards, end to end over GraphQL with real
 * PostgreSQL and chDB: a schedule, its executions (whose parameters snapshot the report's
 * definition) and every change to it follow its report's or dashboard's access. Without VIEW on
 * the target: NOT_FOUND by id, null from node(id), absent from `schedules`, NOT_FOUND for every
 * mutation. With VIEW: visible, but only its owner, an admin or an EDIT grantee changes it
 * (FORBIDDEN otherwise). `node(id)` answers a dashboard exactly when `dashboard(id)` does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { createReport } from './support/exports.js';

let app: TestApp;
let olga: string; // editor, owner of the private report, the private dashboard and their schedules
let ed: string; // editor
let vic: string; // viewer
let ada: string; // admin
let gus: string; // admin of globex
let report: string;
let dashboard: string;
let reportSchedule: string;
let dashboardSchedule: string;
let publicSchedule: string;
let execution: string;

const GRANT = `mutation($t: SharedObjectType!, $id: ID!, $p: PrincipalInput!, $l: AccessLevel!) {
  grantAccess(objectType: $t, objectId: $id, principal: $p, level: $l, includeTileReports: false) { id } }`;
const REVOKE = 'mutation($t: SharedObjectType!, $id: ID!, $p: PrincipalInput!) { revokeAccess(objectType: $t, objectId: $id, principal: $p) }';
const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }';
const SCHEDULE = 'query($id: ID!) { schedule(id: $id) { id name executions(first: 10) { edges { node { id parameters } } } } }';
const SCHEDULES = '{ schedules(first: 500) { edges { node { id } } } }';
const NODE = `query($id: ID!) { node(id: $id) { id __typename
  ... on Dashboard { name canEdit tiles { title accessible } }
  ... on Execution { scheduleId parameters } } }`;
const UPDATE = 'mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id description } }';
const MUTATIONS: [string, string, Record<string, unknown>][] = [
  ['updateSchedule', UPDATE, { i: { description: 'changed' } }],
  ['pauseSchedule', 'mutation($id: ID!) { pauseSchedule(id: $id) { id } }', {}],
  ['resumeSchedule', 'mutation($id: ID!) { resumeSchedule(id: $id) { id } }', {}],
  ['runScheduleNow', 'mutation($id: ID!) { runScheduleNow(id: $id) { id } }', {}],
  ['backfillSchedule', 'mutation($id: ID!, $from: DateTime!, $to: DateTime!) { backfillSchedule(id: $id, from: $from, to: $to) { id } }',
    { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' }],
  ['rotateWebhookSecret', 'mutation($id: ID!) { rotateWebhookSecret(scheduleId: $id) }', {}],
  ['deleteSchedule', 'mutation($id: ID!) { deleteSchedule(id: $id) }', {}],
];

const listed = async (token: string) => {
  const res = await app.gql(SCHEDULES, {}, token);
  expect(res.errors).toBeUndefined();
  return res.data!.schedules.edges.map((e: any) => e.node.id) as string[];
};
const scheduleCount = async (id: string) => Number((await app.runtime.orm.em.fork().getConnection()
  .execute<{ n: string }[]>('SELECT count(*) AS n FROM schedules WHERE id = ?', [id]))[0]!.n);
const executionCount = async (id: string) => Number((await app.runtime.orm.em.fork().getConnection()
  .execute<{ n: string }[]>('SELECT count(*) AS n FROM schedule_executions WHERE schedule_id = ?', [id]))[0]!.n);

/** What `token` sees of a schedule: by id, through node(id), in the list, and its execution through node(id). */
async function seen(token: string, id: string, executionId?: string) {
  const byId = await app.gql(SCHEDULE, { id }, token);
  if (byId.errors) expect(errorCode(byId)).toBe('NOT_FOUND');
  const node = await app.gql(NODE, { id }, token);
  expect(node.errors).toBeUndefined();
  const run = executionId ? (await app.gql(NODE, { id: executionId }, token)).data!.node : undefined;
  return {
    byId: !byId.errors, node: node.data!.node !== null, listed: (await listed(token)).includes(id),
    ...(executionId ? { execution: run !== null } : {}),
  };
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000 });
  [olga, ed, vic, ada, gus] = await Promise.all([
    app.token('acme', 'editor', 'olga@acme'), app.token('acme', 'editor', 'ed@acme'), app.token('acme', 'viewer', 'vic@acme'),
    app.token('acme', 'admin', 'ada@acme'), app.token('globex', 'admin', 'gus@globex'),
  ]);
  // A grant may only name a user the tenant has seen.
  for (const t of [olga, ed, vic, ada, gus]) expect((await app.gql('{ me { userId } }', {}, t)).errors).toBeUndefined();
  const definition = { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }] };
  report = await createReport(app, olga, 'Olga private plan', definition);
  const open = await createReport(app, olga, 'Olga public plan', definition);
  const visibility = 'mutation($id: ID!, $p: Boolean!) { updateReport(id: $id, input: { isPublic: $p }) { isPublic } }';
  expect((await app.gql(visibility, { id: report, p: false }, olga)).data!.updateReport.isPublic).toBe(false);
  expect((await app.gql(visibility, { id: open, p: true }, olga)).data!.updateReport.isPublic).toBe(true);
  const board = await app.gql('mutation($i: CreateDashboardInput!) { createDashboard(input: $i) { id } }', { i: {
    name: 'Olga private board', visibility: 'PRIVATE',
    tiles: [{ kind: 'REPORT', reportId: report, title: 'Events by platform', x: 0, y: 0, w: 6, h: 4 }] } }, olga);
  expect(board.errors).toBeUndefined();
  dashboard = board.data!.createDashboard.id;
  const make = async (i: Record<string, unknown>) => {
    const res = await app.gql(CREATE_SCHEDULE, { i: { cron: '0 9 * * 1', recipients: ['boss@example.com'], ...i } }, olga);
    expect(res.errors).toBeUndefined();
    return res.data!.createSchedule.id as string;
  };
  reportSchedule = await make({ reportId: report, name: 'Private weekly', format: 'CSV' });
  dashboardSchedule = await make({ dashboardId: dashboard, name: 'Board weekly', format: 'PDF' });
  publicSchedule = await make({ reportId: open, name: 'Public weekly', format: 'CSV' });
  // One run (no worker here: it stays as started, with its parameter snapshot).
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: reportSchedule }, olga);
  expect(run.errors).toBeUndefined();
  execution = run.data!.runScheduleNow.id;
}, 120_000);

afterAll(async () => { await app?.close(); });

describe('a schedule follows its target\'s access', () => {
  it('without VIEW on its report or dashboard: NOT_FOUND by id, null from node(id) (its execution too), absent from schedules; every change NOT_FOUND, nothing written', async () => {
    // Its owner and an admin see everything, the execution's snapshot holds the report's definition.
    for (const token of [olga, ada]) {
      expect(await seen(token, reportSchedule, execution)).toEqual({ byId: true, node: true, listed: true, execution: true });
      expect(await seen(token, dashboardSchedule)).toEqual({ byId: true, node: true, listed: true });
    }
    const snapshot = (await app.gql(NODE, { id: execution }, olga)).data!.node;
    expect(snapshot).toMatchObject({ __typename: 'Execution', scheduleId: reportSchedule });
    expect(snapshot.parameters.definition.source).toBe('usage_events');

    for (const token of [vic, ed]) {
      expect(await seen(token, reportSchedule, execution)).toEqual({ byId: false, node: false, listed: false, execution: false });
      expect(await seen(token, dashboardSchedule)).toEqual({ byId: false, node: false, listed: false });
      // A schedule of a report they may read stays listed (the list is filtered, not emptied).
      expect(await seen(token, publicSchedule)).toEqual({ byId: true, node: true, listed: true });
    }
    const before = await executionCount(reportSchedule);
    for (const [name, doc, vars] of MUTATIONS) {
      for (const id of [reportSchedule, dashboardSchedule]) {
        expect(errorCode(await app.gql(doc, { id, ...vars }, ed)), `${name} ${id === reportSchedule ? 'report' : 'dashboard'}`).toBe('NOT_FOUND');
      }
    }
    const resend = await app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id } }', { id: execution }, ed);
    expect(errorCode(resend)).toBe('NOT_FOUND');
    expect(await scheduleCount(reportSchedule)).toBe(1);
    expect(await scheduleCount(dashboardSchedule)).toBe(1);
    expect(await executionCount(reportSchedule)).toBe(before);
    expect((await app.gql(SCHEDULE, { id: reportSchedule }, olga)).data!.schedule.name).toBe('Private weekly');
    // Another tenant's admin sees none of it.
    expect(await seen(gus, reportSchedule, execution)).toEqual({ byId: false, node: false, listed: false, execution: false });
  });

  it('VIEW on the report shows the schedule and its executions; changing it needs EDIT on the report (FORBIDDEN with VIEW); revoking hides it again', async () => {
    for (const user of ['vic@acme', 'ed@acme']) {
      expect((await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: user }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    }
    for (const token of [vic, ed]) {
      expect(await seen(token, reportSchedule, execution)).toEqual({ byId: true, node: true, listed: true, execution: true });
      const runs = (await app.gql(SCHEDULE, { id: reportSchedule }, token)).data!.schedule.executions.edges.map((e: any) => e.node);
      expect(runs.map((r: any) => r.id)).toContain(execution);
      expect(runs[0].parameters.definition.source).toBe('usage_events');
      // The dashboard's schedule stays hidden: a grant on the report is not one on the dashboard.
      expect(await seen(token, dashboardSchedule)).toEqual({ byId: false, node: false, listed: false });
    }
    // VIEW reads, it does not change: an editor who does not own the schedule is FORBIDDEN, a viewer too.
    const before = await executionCount(reportSchedule);
    for (const [name, doc, vars] of MUTATIONS) {
      expect(errorCode(await app.gql(doc, { id: reportSchedule, ...vars }, ed)), name).toBe('FORBIDDEN');
      expect(errorCode(await app.gql(doc, { id: reportSchedule, ...vars }, vic)), name).toBe('FORBIDDEN');
    }
    expect(await executionCount(reportSchedule)).toBe(before);
    expect(await scheduleCount(reportSchedule)).toBe(1);

    // EDIT on the report lets the editor change the schedule.
    expect((await app.gql(GRANT, { t: 'REPORT', id: report, p: { userId: 'ed@acme' }, l: 'EDIT' }, olga)).errors).toBeUndefined();
    const changed = await app.gql(UPDATE, { id: reportSchedule, i: { description: 'by ed' } }, ed);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateSchedule.description).toBe('by ed');

    // Revoked: hidden again at once, its execution too.
    expect((await app.gql(REVOKE, { t: 'REPORT', id: report, p: { userId: 'vic@acme' } }, olga)).data!.revokeAccess).toBe(true);
    expect(await seen(vic, reportSchedule, execution)).toEqual({ byId: false, node: false, listed: false, execution: false });
  });

  it('VIEW on the dashboard shows its schedule; EDIT lets an editor change it', async () => {
    expect((await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'vic@acme' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    expect(await seen(vic, dashboardSchedule)).toEqual({ byId: true, node: true, listed: true });
    expect(errorCode(await app.gql(UPDATE, { id: dashboardSchedule, i: { description: 'x' } }, ed))).toBe('NOT_FOUND');
    expect((await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'ed@acme' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    expect(errorCode(await app.gql(UPDATE, { id: dashboardSchedule, i: { description: 'x' } }, ed))).toBe('FORBIDDEN');
    expect((await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'ed@acme' }, l: 'EDIT' }, olga)).errors).toBeUndefined();
    const changed = await app.gql(UPDATE, { id: dashboardSchedule, i: { description: 'board by ed' } }, ed);
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.updateSchedule.description).toBe('board by ed');
    for (const user of ['vic@acme', 'ed@acme']) {
      expect((await app.gql(REVOKE, { t: 'DASHBOARD', id: dashboard, p: { userId: user } }, olga)).data!.revokeAccess).toBe(true);
    }
    expect(await seen(vic, dashboardSchedule)).toEqual({ byId: false, node: false, listed: false });
  });

  it('an admin report\'s schedule stays admin-only, whatever the grants', async () => {
    const made = await app.gql(CREATE_SCHEDULE, { i: { adminReport: 'USER_ACTIVITY', name: 'Admin activity', cron: '0 8 * * 1', recipients: ['ada@example.com'], format: 'CSV' } }, ada);
    expect(made.errors).toBeUndefined();
    const id = made.data!.createSchedule.id;
    expect(await seen(ada, id)).toEqual({ byId: true, node: true, listed: true });
    expect(await seen(ed, id)).toEqual({ byId: false, node: false, listed: false });
    expect(errorCode(await app.gql(UPDATE, { id, i: { description: 'x' } }, ed))).toBe('NOT_FOUND');
  });
});

describe('node(id) of a dashboard', () => {
  it('answers a dashboard as dashboard(id) does: null without access (or from another tenant), the Dashboard with a grant', async () => {
    const asOwner = (await app.gql(NODE, { id: dashboard }, olga)).data!.node;
    expect(asOwner).toMatchObject({ id: dashboard, __typename: 'Dashboard', name: 'Olga private board', canEdit: true, tiles: [{ title: 'Events by platform', accessible: true }] });
    expect((await app.gql(NODE, { id: dashboard }, ada)).data!.node).toMatchObject({ __typename: 'Dashboard', canEdit: true });
    for (const token of [vic, gus]) {
      const res = await app.gql(NODE, { id: dashboard }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toBeNull();
      expect(errorCode(await app.gql('query($id: ID!) { dashboard(id: $id) { id } }', { id: dashboard }, token))).toBe('NOT_FOUND');
    }
    expect((await app.gql(GRANT, { t: 'DASHBOARD', id: dashboard, p: { userId: 'vic@acme' }, l: 'VIEW' }, olga)).errors).toBeUndefined();
    const granted = (await app.gql(NODE, { id: dashboard }, vic)).data!.node;
    // The grant carried no tile report (includeTileReports: false): the tile shows as inaccessible, as in dashboard(id).
    expect(granted).toEqual({ id: dashboard, __typename: 'Dashboard', name: 'Olga private board', canEdit: false, tiles: [{ title: 'Events by platform', accessible: false }] });
    expect((await app.gql(NODE, { id: dashboard }, gus)).data!.node).toBeNull();
  });
});
