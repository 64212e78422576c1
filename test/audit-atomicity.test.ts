/**
 * Issue 15, class 2: a write and its audit entry commit together or not at all. For each audited
 * action, the audit insert is made to fail (a CHECK constraint refusing that action, added for the
 * test only): the action must then change nothing at all (rows, jobs, the object's state). Without
 * the constraint the same request succeeds with exactly one entry, so the failure was the audit's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { reportIdByName } from './support/exports.js';
import { signUnsubscribeToken } from '../server/src/features/delivery/unsubscribe.js';

let app: TestApp;
let editor: string;
let reportId: string;

// No worker: exports stay PENDING, so cancel and delete have something to act on.
beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  editor = await app.token('acme', 'editor');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
});
afterAll(async () => app?.close());

const sql = async <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
  app.runtime.orm.em.getConnection().execute<T[]>(query, params);

/** Every table an audited action writes, the job queue included, and each row's content. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = ['reports', 'schedules', 'schedule_executions', 'exports', 'deliveries', 'email_suppressions', 'audit_log', 'graphile_worker._private_jobs'];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = await sql<{ r: string }>(`SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') || ':' || count(*) AS r FROM ${t} t`);
    out[t] = rows[0]!.r;
  }
  return out;
}

const gql = (query: string, variables: Record<string, unknown> = {}) => app.gql(query, variables, editor);
const ok = (res: GraphQLResponse) => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};

async function newSchedule(name: string): Promise<string> {
  return ok(await gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
    { i: { reportId, name, cron: '0 9 * * 1', recipients: ['ops@example.com'] } })).createSchedule.id;
}
async function newReport(name: string): Promise<string> {
  return ok(await gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
    { i: { name, definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } })).createReport.id;
}
async function pendingExport(): Promise<string> {
  return ok(await gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } })).createExport.id;
}

/** [audited action, prepare (outside the failing window), the request that must be all or nothing] */
const cases: [string, () => Promise<string>, (id: string, attempt: number) => Promise<GraphQLResponse | Response>][] = [
  ['report.create', async () => '', (_id, n) => gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
    { i: { name: `Atomic ${n}`, definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } })],
  ['report.update', () => newReport('Atomic update'), (id) => gql('mutation($id: ID!) { updateReport(id: $id, input: { name: "Renamed", tags: ["t"] }) { id } }', { id })],
  ['report.delete', () => newReport('Atomic delete'), (id) => gql('mutation($id: ID!) { deleteReport(id: $id) }', { id })],
  ['schedule.create', async () => '', (_id, n) => gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
    { i: { reportId, name: `Atomic schedule ${n}`, cron: '0 9 * * 1', recipients: ['ops@example.com'] } })],
  ['schedule.update', () => newSchedule('Atomic s-update'), (id) => gql('mutation($id: ID!) { updateSchedule(id: $id, input: { cron: "0 10 * * 2" }) { id } }', { id })],
  ['schedule.pause', () => newSchedule('Atomic pause'), (id) => gql('mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id })],
  ['schedule.run', () => newSchedule('Atomic run'), (id) => gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id })],
  ['schedule.backfill', () => newSchedule('Atomic backfill'), (id) => gql('mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }',
    { id, f: new Date(Date.now() - 21 * 86_400_000).toISOString(), t: new Date(Date.now() - 86_400_000).toISOString() })],
  ['schedule.delete', () => newSchedule('Atomic s-delete'), (id) => gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id })],
  ['export.create', async () => '', () => gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'JSON' } })],
  ['export.cancel', pendingExport, (id) => gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id })],
  ['export.delete', pendingExport, (id) => gql('mutation($id: ID!) { deleteExport(id: $id) }', { id })],
  ['schedule.unsubscribe', () => newSchedule('Atomic unsubscribe'),
    (id) => fetch(`${app.url}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(app.runtime.downloadSecret, id, 'ops@example.com'))}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })],
];

describe('a write and its audit entry commit together or not at all', () => {
  it.each(cases)('%s', async (action, prepare, run) => {
    const id = await prepare();
    const before = await snapshot();
    await sql(`ALTER TABLE audit_log ADD CONSTRAINT test_refuse_action CHECK (action <> '${action}') NOT VALID`);
    let failed: GraphQLResponse | Response;
    try {
      failed = await run(id, 1);
    } finally {
      await sql('ALTER TABLE audit_log DROP CONSTRAINT test_refuse_action');
    }
    if (failed instanceof Response) expect(failed.status).toBe(500);
    else expect(errorCode(failed)).toBe('INTERNAL_SERVER_ERROR');
    expect(await snapshot()).toEqual(before);

    // The same request, the audit able to write: it succeeds, with exactly one entry of its action.
    const entries = async () => Number((await sql<{ n: string }>('SELECT count(*) AS n FROM audit_log WHERE action = ?', [action]))[0]!.n);
    const n = await entries();
    const done = await run(id, 2);
    if (done instanceof Response) expect(done.status).toBe(200);
    else ok(done);
    expect(await entries()).toBe(n + 1);
  });
});
