/**
 * Issue 8, scenarios 15, 16 and 22 against a real server with a worker:
 * - tenant isolation: every query, mutation, subscription and link taking an id answers another
 *   tenant's id exactly as it answers a random one (NOT_FOUND, same message shape), and changes
 *   nothing of the other tenant;
 * - roles: viewer, editor and admin against every mutation; the forbidden ones are FORBIDDEN and
 *   write nothing;
 * - audit: every create, update, delete, export, download and unsubscribe is in the log with its
 *   actor and tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { signUnsubscribeToken } from '../server/src/features/delivery/unsubscribe.js';
import { signDownloadToken } from '../server/src/features/exports/download-token.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';
import { collect, wsClient } from './support/ws-client.js';

let app: TestApp;
const RANDOM_ID = '3f0c5a52-9d7e-4f1e-8c1b-2a6d4e9b7c10';
const CREATE_REPORT = 'mutation($input: CreateReportInput!) { createReport(input: $input) { id } }';
const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }';
const COUNT_ONLY = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

/** globex's objects, which acme must not reach. */
const theirs = { report: '', schedule: '', execution: '', export: '', failedExport: '' };

beforeAll(async () => {
  app = await startTestApp({ seedRows: 3_000, worker: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  const g = await app.token('globex', 'admin');
  theirs.report = (await app.gql(CREATE_REPORT, { input: { name: 'Globex private', isPublic: false, definition: COUNT_ONLY } }, g)).data!.createReport.id;
  theirs.schedule = (await app.gql(CREATE_SCHEDULE, { i: { reportId: theirs.report, name: 'Globex schedule', cron: '0 9 * * 1', recipients: ['g@example.com'] } }, g)).data!.createSchedule.id;
  theirs.execution = (await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: theirs.schedule }, g)).data!.runScheduleNow.id;
  theirs.export = (await exportAndFollow(app, g, { reportId: theirs.report, format: 'CSV' })).id;
  // A cancelled export, so retryExport has something retryable.
  const pending = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: theirs.report, format: 'PDF' } }, g);
  theirs.failedExport = pending.data!.createExport.id;
  await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id: theirs.failedExport }, g);
  await quiet();
});
afterAll(async () => app?.close());

async function rowCounts(): Promise<Record<string, number>> {
  const conn = app.runtime.orm.em.getConnection();
  const rows = await conn.execute<{ t: string; n: string }[]>(
    `SELECT 'reports' AS t, count(*) AS n FROM reports UNION ALL SELECT 'schedules', count(*) FROM schedules
     UNION ALL SELECT 'schedules.updated', count(*) FILTER (WHERE status = 'ACTIVE') FROM schedules
     UNION ALL SELECT 'executions', count(*) FROM schedule_executions UNION ALL SELECT 'deliveries', count(*) FROM deliveries
     UNION ALL SELECT 'exports', count(*) FROM exports
     -- Audit entries of changes. A refused or foreign request is itself recorded (access.denied,
     -- a FAILURE read, a token's first use, reads with AUDIT_READS): a record, not a change.
     UNION ALL SELECT 'audit_log', count(*) FROM audit_log WHERE outcome = 'SUCCESS' AND action NOT IN ('report.read', 'report.preview', 'auth.token_use')
     UNION ALL SELECT 'unsubscribes', count(*) FROM email_suppressions
     UNION ALL SELECT 'fingerprint', sum(hashtext(name || coalesce(description, '') || updated_at::text)) FROM reports
     UNION ALL SELECT 'schedule fingerprint', sum(hashtext(name || cron || status || coalesce(next_run_at::text, ''))) FROM schedules`);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** Waits until the worker has nothing left to do, so row counts compare like with like. */
async function quiet(): Promise<void> {
  await waitFor(async () => {
    const rows = await app.runtime.orm.em.getConnection().execute<{ n: string }[]>(
      `SELECT (SELECT count(*) FROM graphile_worker._private_jobs) + (SELECT count(*) FROM exports WHERE status IN ('PENDING', 'PROCESSING')) AS n`);
    return Number(rows[0]!.n) === 0 ? true : undefined;
  });
}

/** The answer with the asked-for id replaced, so another tenant's and a random id compare equal. */
function shape(res: GraphQLResponse, id: string) {
  return JSON.parse(JSON.stringify({ status: res.status, data: res.data ?? null, errors: res.errors }).split(id).join('<id>'));
}

describe('15. tenant isolation: another tenant\'s id answers exactly like a random id', () => {
  const byId: [string, string, (id: string) => Record<string, unknown>, keyof typeof theirs][] = [
    ['report', 'query($id: ID!) { report(id: $id) { id name } }', (id) => ({ id }), 'report'],
    ['previewReport', 'query($id: ID!) { previewReport(input: { reportId: $id }) { totalCount } }', (id) => ({ id }), 'report'],
    ['exports filtered by report', 'query($id: ID!) { exports(filter: { reportId: $id }) { totalCount edges { node { id } } } }', (id) => ({ id }), 'report'],
    ['updateReport', 'mutation($id: ID!) { updateReport(id: $id, input: { name: "Taken over" }) { id } }', (id) => ({ id }), 'report'],
    ['deleteReport', 'mutation($id: ID!) { deleteReport(id: $id) }', (id) => ({ id }), 'report'],
    ['createExport of their report', 'mutation($id: ID!) { createExport(input: { reportId: $id, format: CSV }) { id } }', (id) => ({ id }), 'report'],
    ['createSchedule on their report', 'mutation($id: ID!) { createSchedule(input: { reportId: $id, name: "Stolen", cron: "0 9 * * 1", recipients: ["x@example.com"] }) { id } }', (id) => ({ id }), 'report'],
    ['schedule', 'query($id: ID!) { schedule(id: $id) { id name executions { totalCount } } }', (id) => ({ id }), 'schedule'],
    ['updateSchedule', 'mutation($id: ID!) { updateSchedule(id: $id, input: { name: "Taken over" }) { id } }', (id) => ({ id }), 'schedule'],
    ['deleteSchedule', 'mutation($id: ID!) { deleteSchedule(id: $id) }', (id) => ({ id }), 'schedule'],
    ['pauseSchedule', 'mutation($id: ID!) { pauseSchedule(id: $id) { id } }', (id) => ({ id }), 'schedule'],
    ['resumeSchedule', 'mutation($id: ID!) { resumeSchedule(id: $id) { id } }', (id) => ({ id }), 'schedule'],
    ['runScheduleNow', 'mutation($id: ID!) { runScheduleNow(id: $id) { id } }', (id) => ({ id }), 'schedule'],
    ['backfillSchedule', 'mutation($id: ID!) { backfillSchedule(id: $id, from: "2024-01-01T00:00:00Z", to: "2024-01-15T00:00:00Z") { id } }', (id) => ({ id }), 'schedule'],
    ['resendFailedDeliveries (execution, deliveries)', 'mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id deliveries { id target } } }', (id) => ({ id }), 'execution'],
    ['export', 'query($id: ID!) { export(id: $id) { id downloadUrl } }', (id) => ({ id }), 'export'],
    ['cancelExport', 'mutation($id: ID!) { cancelExport(id: $id) { id } }', (id) => ({ id }), 'export'],
    ['retryExport', 'mutation($id: ID!) { retryExport(id: $id) { id } }', (id) => ({ id }), 'failedExport'],
    ['deleteExport', 'mutation($id: ID!) { deleteExport(id: $id) }', (id) => ({ id }), 'export'],
  ];

  for (const role of ['viewer', 'admin'] as const) {
    it(`every query and mutation, as an acme ${role}`, async () => {
      const acme = await app.token('acme', role);
      const before = await rowCounts();
      for (const [name, query, vars, kind] of byId) {
        const foreign = await app.gql(query, vars(theirs[kind]), acme);
        const random = await app.gql(query, vars(RANDOM_ID), acme);
        expect(shape(foreign, theirs[kind]), name).toEqual(shape(random, RANDOM_ID));
        // A viewer is refused editor-only mutations for any id alike (the role is checked first).
        const editorOnly = /^(updateReport|deleteReport|createSchedule|updateSchedule|deleteSchedule|pauseSchedule|resumeSchedule|runScheduleNow|backfillSchedule|resendFailedDeliveries)/.test(name);
        if (name !== 'exports filtered by report') expect(errorCode(foreign), name).toBe(role === 'viewer' && editorOnly ? 'FORBIDDEN' : 'NOT_FOUND');
        else expect(foreign.data!.exports.totalCount).toBe(0);
      }
      expect(await rowCounts()).toEqual(before);
      // And globex still has everything, untouched.
      const g = await app.token('globex', 'admin');
      expect((await app.gql('query($id: ID!) { report(id: $id) { name } }', { id: theirs.report }, g)).data!.report.name).toBe('Globex private');
      expect((await app.gql('query($id: ID!) { schedule(id: $id) { status } }', { id: theirs.schedule }, g)).data!.schedule.status).toBe('ACTIVE');
      expect((await app.gql('query($id: ID!) { export(id: $id) { status } }', { id: theirs.export }, g)).data!.export.status).toBe('COMPLETED');
    });
  }

  it('the exportUpdated subscription', async () => {
    const client = wsClient(app.url, await app.token('acme', 'admin'));
    const errorOf = async (id: string) => {
      const sub = collect(client, 'subscription($id: ID!) { exportUpdated(id: $id) { id status } }', { id }, (d) => d.exportUpdated);
      await waitFor(async () => (sub.errors.length ? true : undefined), 15_000);
      return JSON.stringify(sub.errors).split(id).join('<id>');
    };
    const foreign = await errorOf(theirs.export);
    expect(foreign).toMatch(/NOT_FOUND/);
    expect(foreign).toBe(await errorOf(RANDOM_ID));
    await client.dispose();
  });

  it('lists and the audit log never show the other tenant (exportsChanged: exports.test.ts)', async () => {
    const acme = await app.token('acme', 'admin');
    const lists = await app.gql(`{ reports(first: 500) { edges { node { id } } } schedules(first: 500) { edges { node { id } } }
      exports(first: 500) { edges { node { id } } } auditLog(first: 500) { edges { node { targetId details } } } }`, {}, acme);
    const text = JSON.stringify(lists.data);
    for (const id of Object.values(theirs)) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Globex/);
  });

  it('download links: a token minted for acme cannot reach globex\'s export', async () => {
    const secret = app.runtime.downloadSecret;
    const expiresAt = new Date(Date.now() + 60_000);
    const status = async (id: string) => (await fetch(`${app.url}/exports/${id}/download?token=${encodeURIComponent(signDownloadToken(secret, { exportId: id, tenantId: 'acme', expiresAt }))}`)).status;
    expect(await status(theirs.export)).toBe(404);
    expect(await status(RANDOM_ID)).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------

describe('16. roles × every mutation', () => {
  /** Mutations with what they need; `setup` makes fresh objects (as an admin) for each attempt. */
  interface Case { name: string; needs: 'viewer' | 'editor' | 'admin' | 'initiator'; run: (token: string, ids: Ids) => Promise<GraphQLResponse> }
  interface Ids { report: string; schedule: string; execution: string; export: string; cancelled: string }

  async function fresh(): Promise<Ids> {
    const a = await app.token('acme', 'admin', 'owner-admin');
    const n = Math.random().toString(36).slice(2, 8);
    const report = (await app.gql(CREATE_REPORT, { input: { name: `Role ${n}`, isPublic: true, definition: COUNT_ONLY } }, a)).data!.createReport.id;
    const schedule = (await app.gql(CREATE_SCHEDULE, { i: { reportId: report, name: `Role ${n}`, cron: '0 9 * * 1', recipients: ['r@example.com'] } }, a)).data!.createSchedule.id;
    const exec = (await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: schedule }, a)).data!.runScheduleNow.id;
    const exp = (await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: report, format: 'JSON' } }, a)).data!.createExport.id;
    const cancelled = (await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: report, format: 'PDF' } }, a)).data!.createExport.id;
    await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id: cancelled }, a);
    // Let the worker settle what it picked up, so counts compare like with like.
    await quiet();
    return { report, schedule, execution: exec, export: exp, cancelled };
  }

  const cases: Case[] = [
    { name: 'createReport', needs: 'editor', run: (t) => app.gql(CREATE_REPORT, { input: { name: `By role ${Math.random()}`, definition: COUNT_ONLY } }, t) },
    { name: 'updateReport', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { updateReport(id: $id, input: { description: "changed" }) { id } }', { id: i.report }, t) },
    { name: 'deleteReport', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: i.report }, t) },
    { name: 'createSchedule', needs: 'editor', run: (t, i) => app.gql(CREATE_SCHEDULE, { i: { reportId: i.report, name: `By role ${Math.random()}`, cron: '0 9 * * 1', recipients: ['x@example.com'] } }, t) },
    { name: 'updateSchedule', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { updateSchedule(id: $id, input: { description: "changed" }) { id } }', { id: i.schedule }, t) },
    { name: 'deleteSchedule', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id: i.schedule }, t) },
    { name: 'pauseSchedule', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id: i.schedule }, t) },
    { name: 'resumeSchedule', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { resumeSchedule(id: $id) { id } }', { id: i.schedule }, t) },
    { name: 'runScheduleNow', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: i.schedule }, t) },
    { name: 'backfillSchedule', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { backfillSchedule(id: $id, from: "2024-01-01T00:00:00Z", to: "2024-01-03T00:00:00Z") { id } }', { id: i.schedule }, t) },
    { name: 'resendFailedDeliveries', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id } }', { id: i.execution }, t) },
    { name: 'createExport', needs: 'viewer', run: (t, i) => app.gql('mutation($id: ID!) { createExport(input: { reportId: $id, format: CSV }) { id } }', { id: i.report }, t) },
    { name: 'cancelExport (someone else\'s)', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id: i.export }, t) },
    { name: 'retryExport (someone else\'s)', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { retryExport(id: $id) { id } }', { id: i.cancelled }, t) },
    { name: 'deleteExport (someone else\'s)', needs: 'editor', run: (t, i) => app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id: i.export }, t) },
    { name: 'auditLog (query)', needs: 'admin', run: (t) => app.gql('{ auditLog { totalCount } }', {}, t) },
  ];
  const RANK = { viewer: 1, editor: 2, admin: 3 } as const;

  for (const role of ['viewer', 'editor', 'admin'] as const) {
    it(`${role}`, async () => {
      const ids = await fresh();
      const token = await app.token('acme', role, `${role}-actor`);
      for (const c of cases) {
        const before = await rowCounts();
        const res = await c.run(token, ids);
        const allowed = c.needs === 'initiator' || RANK[role] >= RANK[c.needs];
        if (allowed) {
          expect(errorCode(res), `${role} ${c.name}: ${JSON.stringify(res.errors)}`).not.toBe('FORBIDDEN');
          // The allowed ones may still be refused for their state (e.g. nothing to resend), never for the role.
        } else {
          expect(errorCode(res), `${role} ${c.name}`).toBe('FORBIDDEN');
          expect(res.data ?? null, c.name).toBeNull();
          expect(await rowCounts(), `${role} ${c.name} wrote something`).toEqual(before);
        }
      }
    });
  }

  it('a viewer may cancel, retry and delete the exports they started themselves', async () => {
    const ids = await fresh();
    const viewer = await app.token('acme', 'viewer', 'vera');
    const mine = (await app.gql('mutation($id: ID!) { createExport(input: { reportId: $id, format: PDF }) { id } }', { id: ids.report }, viewer)).data!.createExport.id;
    const cancel = await app.gql('mutation($id: ID!) { cancelExport(id: $id) { status } }', { id: mine }, viewer);
    expect(cancel.errors === undefined || errorCode(cancel) === 'BAD_USER_INPUT').toBe(true); // it may have finished already
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id: mine }, viewer))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------

describe('22. the audit log records every change, export, download and unsubscribe with actor and tenant', () => {
  it('has one entry per action, with actor and tenant', async () => {
    const editor = await app.token('initech', 'editor', 'ed@initech');
    const admin = await app.token('initech', 'admin', 'ada@initech');
    const report = (await app.gql(CREATE_REPORT, { input: { name: 'Audited', isPublic: true, definition: COUNT_ONLY } }, editor)).data!.createReport.id;
    await app.gql('mutation($id: ID!) { updateReport(id: $id, input: { description: "d" }) { id } }', { id: report }, editor);
    const schedule = (await app.gql(CREATE_SCHEDULE, { i: { reportId: report, name: 'Audited', cron: '0 9 * * 1', recipients: ['aud@example.com'] } }, editor)).data!.createSchedule.id;
    await app.gql('mutation($id: ID!) { updateSchedule(id: $id, input: { description: "d" }) { id } }', { id: schedule }, editor);
    await app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id: schedule }, editor);
    await app.gql('mutation($id: ID!) { resumeSchedule(id: $id) { id } }', { id: schedule }, editor);
    await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: schedule }, editor);
    const done = await exportAndFollow(app, editor, { reportId: report, format: 'CSV' });
    expect((await fetch(done.final.downloadUrl)).status).toBe(200);
    await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id: done.id }, editor);
    const unsubscribe = signUnsubscribeToken(app.runtime.downloadSecret, schedule, 'aud@example.com');
    expect((await fetch(`${app.url}/unsubscribe?token=${encodeURIComponent(unsubscribe)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status).toBe(200);
    await app.gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id: schedule }, editor);
    await app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: report }, editor);

    const expected: [string, string, string][] = [
      ['report.create', 'ed@initech', report], ['report.update', 'ed@initech', report],
      ['schedule.create', 'ed@initech', schedule], ['schedule.update', 'ed@initech', schedule],
      ['schedule.pause', 'ed@initech', schedule], ['schedule.resume', 'ed@initech', schedule], ['schedule.run', 'ed@initech', schedule],
      ['export.create', 'ed@initech', done.id], ['export.download', 'ed@initech', done.id], ['export.delete', 'ed@initech', done.id],
      ['schedule.unsubscribe', 'aud@example.com', schedule], ['schedule.delete', 'ed@initech', schedule], ['report.delete', 'ed@initech', report],
    ];
    const log = await app.gql('{ auditLog(first: 500) { edges { node { action actor targetId ip createdAt } } } }', {}, admin);
    const entries = log.data!.auditLog.edges.map((e: any) => e.node);
    for (const [action, actor, target] of expected) {
      const hit = entries.filter((e: any) => e.action === action && e.targetId === target);
      expect(hit, `${action} on ${target}`).toHaveLength(1);
      expect(hit[0].actor, action).toBe(actor);
      expect(hit[0].ip, action).toBeTruthy();
    }
    const tenants = await app.runtime.orm.em.getConnection().execute<{ tenant_id: string }[]>(
      `SELECT DISTINCT tenant_id FROM audit_log WHERE target_id IN (?, ?, ?)`, [report, schedule, done.id]);
    expect(tenants.map((t) => t.tenant_id)).toEqual(['initech']);
    // Another tenant's admin sees none of it.
    const other = await app.gql('{ auditLog(first: 500) { edges { node { targetId } } } }', {}, await app.token('acme', 'admin'));
    expect(JSON.stringify(other.data)).not.toContain(report);
  });
});
