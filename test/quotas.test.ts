/**
 * Issue 21, quotas over HTTP: each per-tenant limit reached, refused with QUOTA_EXCEEDED
 * (`extensions.quota`, `.limit`, `.current`), and nothing half-created (no row, no audit entry, no
 * job). Defaults come from QUOTA_* settings; tenant_quotas overrides one tenant's.
 * No worker runs here, so exports stay waiting and the concurrency count is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

let app: TestApp;
let db: pg.Client;

const CREATE_REPORT = 'mutation($i: CreateReportInput!) { createReport(input: $i) { id } }';
const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id status recipients } }';
const CREATE_EXPORT = 'mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }';

async function setup(tenant: string): Promise<{ editor: string; reportId: string }> {
  const editor = await app.token(tenant, 'editor', `ed@${tenant}`);
  const res = await app.gql(CREATE_REPORT, { i: { name: 'Counts', isPublic: true, definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } }, editor);
  expect(res.errors).toBeUndefined();
  return { editor, reportId: res.data!.createReport.id };
}

function expectQuota(res: GraphQLResponse, quota: string, limit: number, current: number): void {
  expect(errorCode(res), JSON.stringify(res.errors)).toBe('QUOTA_EXCEEDED');
  expect(res.errors![0]!.extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', quota, limit, current });
}

const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);
const audits = (tenant: string, action: string) => count('SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND action = $2', [tenant, action]);
const schedule = (reportId: string, name: string, recipients = ['a@example.com']) => ({ reportId, name, cron: '0 8 * * 1', timezone: 'UTC', format: 'CSV', recipients });

beforeAll(async () => {
  app = await startTestApp({
    seedRows: 500,
    env: { QUOTA_ACTIVE_SCHEDULES: '2', QUOTA_RECIPIENTS_PER_SCHEDULE: '3', QUOTA_MANUAL_RUNS_PER_HOUR: '3', QUOTA_CONCURRENT_EXPORTS: '2', QUOTA_STORAGE_MB: '1' },
  });
  db = new pg.Client({ connectionString: app.runtime.databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  await app?.close();
});

describe('active schedules', () => {
  it('refuses a third active schedule, on create and on resume, and a tenant override raises the limit', async () => {
    const { editor, reportId } = await setup('q-sched');
    const first = await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'One') }, editor);
    expect(first.errors).toBeUndefined();
    expect((await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Two') }, editor)).errors).toBeUndefined();
    expectQuota(await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Three') }, editor), 'activeSchedules', 2, 2);
    expect(await count('SELECT count(*) AS n FROM schedules WHERE tenant_id = $1', ['q-sched'])).toBe(2);
    expect(await audits('q-sched', 'schedule.create')).toBe(2);
    // Paused ones do not count; resuming one past the limit is refused and it stays paused.
    const id = first.data!.createSchedule.id;
    expect((await app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { status } }', { id }, editor)).errors).toBeUndefined();
    expect((await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Three') }, editor)).errors).toBeUndefined();
    expectQuota(await app.gql('mutation($id: ID!) { resumeSchedule(id: $id) { status } }', { id }, editor), 'activeSchedules', 2, 2);
    expect((await db.query('SELECT status FROM schedules WHERE id = $1', [id])).rows[0].status).toBe('PAUSED');
    expect(await audits('q-sched', 'schedule.resume')).toBe(0);
    await db.query('INSERT INTO tenant_quotas (tenant_id, active_schedules) VALUES ($1, 3)', ['q-sched']);
    expect((await app.gql('mutation($id: ID!) { resumeSchedule(id: $id) { status } }', { id }, editor)).data!.resumeSchedule.status).toBe('ACTIVE');
  });
});

describe('recipients per schedule', () => {
  it('refuses more recipients than the quota on create and update, the schedule unchanged', async () => {
    const { editor, reportId } = await setup('q-recip');
    const four = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'];
    expectQuota(await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Four', four) }, editor), 'recipientsPerSchedule', 3, 4);
    expect(await count('SELECT count(*) AS n FROM schedules WHERE tenant_id = $1', ['q-recip'])).toBe(0);
    const ok = await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Three', four.slice(0, 3)) }, editor);
    expect(ok.errors).toBeUndefined();
    const id = ok.data!.createSchedule.id;
    expectQuota(await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', { id, i: { recipients: four } }, editor), 'recipientsPerSchedule', 3, 4);
    expect((await db.query('SELECT recipients FROM schedules WHERE id = $1', [id])).rows[0].recipients).toEqual(four.slice(0, 3));
    await db.query('INSERT INTO tenant_quotas (tenant_id, recipients_per_schedule) VALUES ($1, 4)', ['q-recip']);
    expect((await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { recipients } }', { id, i: { recipients: four } }, editor)).data!.updateSchedule.recipients).toEqual(four);
  });
});

describe('run-now and backfill per hour', () => {
  it('counts runs started in the last hour, refusing the run (or whole backfill) that would pass it', async () => {
    const { editor, reportId } = await setup('q-runs');
    await db.query('INSERT INTO tenant_quotas (tenant_id, concurrent_exports) VALUES ($1, 100)', ['q-runs']);
    const id = (await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Runs') }, editor)).data!.createSchedule.id;
    const RUN = 'mutation($id: ID!) { runScheduleNow(id: $id) { id } }';
    for (let i = 0; i < 2; i++) expect((await app.gql(RUN, { id }, editor)).errors).toBeUndefined();
    // Two Mondays: 2 + 2 > 3, refused whole.
    const BACKFILL = 'mutation($id: ID!, $from: DateTime!, $to: DateTime!) { backfillSchedule(id: $id, from: $from, to: $to) { id } }';
    expectQuota(await app.gql(BACKFILL, { id, from: '2026-11-01T00:00:00Z', to: '2026-11-12T00:00:00Z' }, editor), 'manualRunsPerHour', 3, 2);
    expect((await app.gql(RUN, { id }, editor)).errors).toBeUndefined();
    expectQuota(await app.gql(RUN, { id }, editor), 'manualRunsPerHour', 3, 3);
    expect(await count(`SELECT count(*) AS n FROM schedule_executions WHERE tenant_id = $1`, ['q-runs'])).toBe(3);
    expect(await count(`SELECT count(*) AS n FROM exports WHERE tenant_id = $1`, ['q-runs'])).toBe(3);
    expect(await audits('q-runs', 'schedule.run')).toBe(3);
    expect(await audits('q-runs', 'schedule.backfill')).toBe(0);
  });
});

describe('exports waiting or running, every source together', () => {
  it('refuses the export past the limit, on demand and run-now alike, with no row and no job', async () => {
    const { editor, reportId } = await setup('q-exp');
    const sid = (await app.gql(CREATE_SCHEDULE, { i: schedule(reportId, 'Exp') }, editor)).data!.createSchedule.id;
    expect((await app.gql(CREATE_EXPORT, { r: reportId }, editor)).errors).toBeUndefined();
    // A scheduled source counts as much as an on-demand one.
    expect((await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: sid }, editor)).errors).toBeUndefined();
    const jobs = await count(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key LIKE 'export:%'`, []);
    expectQuota(await app.gql(CREATE_EXPORT, { r: reportId }, editor), 'concurrentExports', 2, 2);
    expectQuota(await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: sid }, editor), 'concurrentExports', 2, 2);
    expect(await count('SELECT count(*) AS n FROM exports WHERE tenant_id = $1', ['q-exp'])).toBe(2);
    expect(await count('SELECT count(*) AS n FROM schedule_executions WHERE tenant_id = $1', ['q-exp'])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key LIKE 'export:%'`, [])).toBe(jobs);
    expect(await audits('q-exp', 'export.create')).toBe(1);
    // One finishes: room for one more.
    await db.query(`UPDATE exports SET status = 'FAILED' WHERE id = (SELECT id FROM exports WHERE tenant_id = $1 AND schedule_id IS NULL)`, ['q-exp']);
    expect((await app.gql(CREATE_EXPORT, { r: reportId }, editor)).errors).toBeUndefined();
  });
});

describe('bytes stored', () => {
  it('refuses new exports once the files kept reach the quota; expired files do not count', async () => {
    const { editor, reportId } = await setup('q-bytes');
    const made = await app.gql(CREATE_EXPORT, { r: reportId }, editor);
    expect(made.errors).toBeUndefined();
    await db.query(`UPDATE exports SET status = 'COMPLETED', file_size = 2000000, storage_key = 'exports/q-bytes/x.csv' WHERE id = $1`, [made.data!.createExport.id]);
    expectQuota(await app.gql(CREATE_EXPORT, { r: reportId }, editor), 'bytesStored', 1024 * 1024, 2_000_000);
    expect(await count('SELECT count(*) AS n FROM exports WHERE tenant_id = $1', ['q-bytes'])).toBe(1);
    await db.query(`UPDATE exports SET file_expired_at = now() WHERE id = $1`, [made.data!.createExport.id]);
    expect((await app.gql(CREATE_EXPORT, { r: reportId }, editor)).errors).toBeUndefined();
  });
});
