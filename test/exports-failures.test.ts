import 'reflect-metadata';
/**
 * How exports fail: errors retrying cannot fix fail at once; others are retried with backoff up
 * to EXPORT_MAX_ATTEMPTS and then fail with the reason; a failed export can be retried once the
 * cause is gone. Retention removes old files but keeps the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntimeWorker } from '../server/src/app.js';
import { analyticsSchemaSql } from '../server/src/features/demo/analytics-schema.js';
import { enqueueExport, PRIORITY } from '../server/src/features/exports/export.service.js';
import { cleanupExpiredExports } from '../server/src/features/exports/export-cleanup.js';
import { validateDefinition } from '../server/src/features/reports/validate-definition.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, GET_EXPORT, exportAndFollow, reportIdByName } from './support/exports.js';

let app: TestApp;
let admin: string;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000, env: { EXPORT_MAX_ATTEMPTS: '2' } });
  admin = await app.token('initech', 'admin');
});
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

async function waitFor(id: string, done: (e: any) => boolean, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const e = (await app.gql(GET_EXPORT, { id }, admin)).data!.export;
    if (done(e)) return e;
    if (Date.now() > deadline) throw new Error(`timed out at ${JSON.stringify(e.status)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('errors retrying cannot fix', () => {
  it('fails an export whose report was deleted before it ran, on the first attempt', async () => {
    // No worker yet: the export waits in the queue while its report goes away.
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Short-lived', definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } }, admin);
    const reportId = created.data!.createReport.id;
    const queued = await app.gql(CREATE_EXPORT, { input: { reportId, format: 'CSV' } }, admin);
    const id = queued.data!.createExport.id;
    await app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: reportId }, admin);
    worker = await startRuntimeWorker(app.runtime);
    const failed = await waitFor(id, (e) => e.status === 'FAILED');
    expect(failed.error.code).toBe('REPORT_DELETED');
    expect(failed.attempts).toBe(1);
    expect(failed.reportId).toBeNull();
    expect(failed.reportName).toBe('Short-lived');
    const jobs = await app.runtime.orm.em.getConnection().execute('SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ?', [`export:${id}`]);
    expect(jobs[0]?.n).toBe(0);
  });

  it('fails an export whose stored definition no longer validates, at once', async () => {
    const bad = validateDefinition({ source: 'usage_events', measures: [{ fn: 'COUNT' }] }, app.runtime.limits);
    if (!bad.valid) throw new Error('fixture');
    const definition = { ...bad.definition, dimensions: [{ field: 'dropped_column', grain: null, alias: 'dropped_column' }] };
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const record = await enqueueExport(app.runtime.orm.em.fork(), {
      tenantId: 'initech', initiatedBy: 'test', reportId, reportName: 'Usage Summary', definition, format: 'JSON', options: {},
      triggeredBy: 'API', asOf: new Date(), timeZone: 'UTC', locale: 'en-US', priority: PRIORITY.ON_DEMAND, maskRole: 'admin',
    }, 2);
    const failed = await waitFor(record.id, (e) => e.status === 'FAILED');
    expect(failed.error.code).toBe('INVALID_DEFINITION');
    expect(failed.attempts).toBe(1);
  });
});

describe('errors worth retrying', () => {
  it('retries with backoff up to the max attempts, then fails; a retry after the fix completes', async () => {
    const db = app.runtime.analytics.database;
    await app.runtime.analytics.exec(`DROP TABLE ${db}.user_sessions`);
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Sessions', definition: { source: 'user_sessions', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }] } } }, admin);
    const reportId = created.data!.createReport.id;
    const queued = await app.gql(CREATE_EXPORT, { input: { reportId, format: 'CSV' } }, admin);
    const id = queued.data!.createExport.id;
    const between = await waitFor(id, (e) => e.attempts === 1 && e.status === 'PENDING' && e.error !== null);
    expect(between.error.code).toBe('EXPORT_FAILED');
    const failed = await waitFor(id, (e) => e.status === 'FAILED');
    expect(failed.attempts).toBe(2);
    expect(failed.error.code).toBe('EXPORT_FAILED');
    expect(failed.downloadUrl).toBeNull();

    // The table comes back: a retry (a new export, the history kept) completes.
    for (const sql of analyticsSchemaSql(db)) await app.runtime.analytics.exec(sql);
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    const retried = await app.gql('mutation($id: ID!) { retryExport(id: $id) { id retryOf triggeredBy } }', { id }, admin);
    const done = await waitFor(retried.data!.retryExport.id, (e) => e.status === 'COMPLETED');
    expect(done.retryOf).toBe(id);
    expect(done.triggeredBy).toBe('RETRY');
    expect((await app.gql(GET_EXPORT, { id }, admin)).data!.export.status).toBe('FAILED');
  }, 60_000);
});

describe('retention', () => {
  it('deletes files past the retention and keeps the records', async () => {
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const { id, final } = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    const file = join(app.config.exports.dir, final.storageKey);
    expect(existsSync(file)).toBe(true);
    const em = app.runtime.orm.em.fork();
    expect(await cleanupExpiredExports(em, app.runtime.storage, 7, new Date(Date.now() + 6 * 86_400_000))).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(await cleanupExpiredExports(em, app.runtime.storage, 7, new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
    const after = (await app.gql(GET_EXPORT + '', { id }, admin)).data!.export;
    expect(after.status).toBe('COMPLETED');
    expect(after.downloadUrl).toBeNull();
    expect((await app.gql(`query($id: ID!) { export(id: $id) { fileExpiredAt } }`, { id }, admin)).data!.export.fileExpiredAt).not.toBeNull();
    expect((await fetch(final.downloadUrl)).status).toBe(404);
  });
});

describe('failure messages', () => {
  it('never carry the SQL of the failed query', async () => {
    const list = await app.gql('{ exports(first: 100, filter: { status: FAILED }) { edges { node { error { code message } } } } }', {}, admin);
    const messages = list.data!.exports.edges.map((e: any) => e.node.error.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toMatch(/SELECT|tenant_id|FROM /);
    expect(messages).toContain('The analytics query failed (ClickHouse error 60 UNKNOWN_TABLE)');
  });
});
