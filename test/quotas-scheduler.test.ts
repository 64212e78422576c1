import 'reflect-metadata';
/**
 * Issue 21, quotas through the scheduler: a scheduled run that a tenant's export quota refuses is
 * recorded as SKIPPED_QUOTA with the quota's words (never silently dropped), makes no export, does
 * not count as a failure, and its owner gets the failure notice by email; under the quota the
 * next slot runs as usual.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { runTick } from '../server/src/app.js';
import { exportAndFollow } from './support/exports.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const TENANT = 'q-tick';
let app: TestApp;
let db: pg.Client;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 500, worker: true });
  db = new pg.Client({ connectionString: app.runtime.databaseUrl });
  await db.connect();
}, 120_000);
afterAll(async () => {
  await db?.end();
  await app?.close();
});

describe('a scheduled run over quota', () => {
  it('is SKIPPED_QUOTA, makes no export, and its owner is told; under quota the next slot runs', async () => {
    const editor = await app.token(TENANT, 'editor', 'ed@q-tick');
    const report = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Counts', definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } }, editor);
    const reportId = report.data!.createReport.id as string;
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Hourly counts', cron: '0 * * * *', timezone: 'UTC', format: 'CSV', recipients: ['team@example.com'], ownerEmail: 'owner@example.com' } }, editor);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createSchedule.id as string;
    // One stored file fills a 1-byte storage quota.
    const { final } = await exportAndFollow(app, editor, { reportId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    await db.query('INSERT INTO tenant_quotas (tenant_id, bytes_stored) VALUES ($1, 1)', [TENANT]);

    const due = new Date(Date.UTC(2026, 0, 5, 10, 0, 0));
    await db.query('UPDATE schedules SET next_run_at = $2 WHERE id = $1', [id, due]);
    await runTick(app.runtime, new Date(due.getTime() + 60_000));
    const [skipped] = (await db.query('SELECT status, error, export_id, completed_at FROM schedule_executions WHERE schedule_id = $1', [id])).rows;
    expect(skipped.status).toBe('SKIPPED_QUOTA');
    expect(skipped.error).toMatch(/^Quota exceeded: bytes of export files stored: \d+ in use, the tenant's limit is 1$/);
    expect(skipped.export_id).toBeNull();
    expect(skipped.completed_at).not.toBeNull();
    expect(Number((await db.query('SELECT count(*) AS n FROM exports WHERE schedule_id = $1', [id])).rows[0].n)).toBe(0);
    const after = (await db.query('SELECT status, failure_count, consecutive_failures, next_run_at FROM schedules WHERE id = $1', [id])).rows[0];
    expect(after).toMatchObject({ status: 'ACTIVE', failure_count: 0, consecutive_failures: 0 });
    expect(new Date(after.next_run_at).getTime()).toBeGreaterThan(due.getTime());
    // The API shows it, with the reason.
    const seen = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { status error } } } } }', { id }, editor);
    expect(seen.data!.schedule.executions.edges.map((e: any) => e.node.status)).toEqual(['SKIPPED_QUOTA']);

    // The owner's notice, through the failure-notice path (a job, so it survives a restart).
    const outbox = app.config.mail.outboxDir;
    const notice = await waitFor(async () => {
      const files = (() => { try { return readdirSync(outbox); } catch { return []; } })().filter((f) => f.endsWith('.eml'));
      const texts = files.map((f) => readFileSync(`${outbox}/${f}`, 'utf8')).filter((t) => /^To: owner@example\.com/m.test(t));
      return texts[0];
    }, 30_000);
    expect(notice.replace(/=\r?\n/g, '')).toMatch(/Not run: Quota exceeded: bytes of export files stored/);

    // Room again: the next slot starts an export.
    await db.query('UPDATE tenant_quotas SET bytes_stored = NULL WHERE tenant_id = $1', [TENANT]);
    const next = new Date((await db.query('SELECT next_run_at FROM schedules WHERE id = $1', [id])).rows[0].next_run_at);
    await runTick(app.runtime, new Date(next.getTime() + 60_000));
    const statuses = (await db.query('SELECT status FROM schedule_executions WHERE schedule_id = $1 ORDER BY scheduled_for', [id])).rows.map((r) => r.status);
    expect(statuses[0]).toBe('SKIPPED_QUOTA');
    expect(['RUNNING', 'DELIVERED']).toContain(statuses[1]);
  }, 120_000);
});
