/**
 * AUDIT_READS=false: previews and report reads leave no entry; writes are audited as always. And
 * (no worker in this app) an audit export retried after a cancel keeps its snapshot.
 * (On by default: test/audit-explorer.test.ts counts the read entries.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createReport, reportIdByName } from './support/exports.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 500, env: { AUDIT_READS: 'false' } });
}, 120_000);
afterAll(async () => app?.close());

it('records no report.preview or report.read, but still the write', async () => {
  expect(app.config.audit.reads).toBe(false);
  const editor = await app.token('acme', 'editor');
  const reportId = await reportIdByName(app, editor, 'Usage Summary');
  const preview = await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }', { i: { reportId, first: 5 } }, editor);
  expect(preview.errors).toBeUndefined();
  expect((await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, editor)).errors).toBeUndefined();
  const created = await createReport(app, editor, 'Written', { source: 'usage_events', measures: [{ fn: 'COUNT' }] });
  const rows = await app.runtime.orm.em.getConnection().execute<{ action: string; target_id: string }[]>(
    `SELECT action, target_id FROM audit_log WHERE tenant_id = 'acme' AND action LIKE 'report.%' ORDER BY id`);
  expect(rows).toEqual([{ action: 'report.create', target_id: created }]);
});

it('an audit export cancelled before it ran is retried over the same snapshot (no worker here: it stays PENDING)', async () => {
  const admin = await app.token('acme', 'admin');
  const created = await app.gql('mutation($i: CreateAuditExportInput!) { createAuditExport(input: $i) { id status } }', { i: { view: 'LOG', filter: { action: 'report.*' }, format: 'JSON' } }, admin);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createAuditExport.id;
  expect((await app.gql('mutation($id: ID!) { cancelExport(id: $id) { status } }', { id }, admin)).data!.cancelExport.status).toBe('CANCELLED');
  const retried = await app.gql('mutation($id: ID!) { retryExport(id: $id) { id status reportName retryOf } }', { id }, admin);
  expect(retried.errors).toBeUndefined();
  expect(retried.data!.retryExport).toMatchObject({ status: 'PENDING', reportName: 'Audit log', retryOf: id });
  const rows = await app.runtime.orm.em.getConnection().execute<{ audit_query: unknown }[]>(
    'SELECT audit_query FROM exports WHERE id IN (?, ?) ORDER BY created_at', [id, retried.data!.retryExport.id]);
  expect(rows).toHaveLength(2);
  expect(rows[1]!.audit_query).toEqual(rows[0]!.audit_query);
  expect((rows[0]!.audit_query as { filter: { untilId?: string } }).filter.untilId).toMatch(/^\d+$/);
});
