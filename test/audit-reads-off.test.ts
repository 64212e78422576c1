/**
 * AUDIT_READS=false: previews and report reads leave no entry; writes are audited as always.
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
