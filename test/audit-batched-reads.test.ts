/**
 * Audit entries of reads are written together (features/audit/audit-writer.ts): a burst of
 * previews leaves one entry each, complete, committed before each answer, in fewer statements than
 * entries (rows written by one statement share its transaction's created_at).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { reportIdByName } from './support/exports.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000 });
}, 120_000);
afterAll(async () => app?.close());

it('80 concurrent previews: 80 entries with their details, every one committed before its answer, in fewer statements', async () => {
  const viewer = await app.token('acme', 'viewer', 'burst-user');
  const reportId = await reportIdByName(app, viewer, 'Usage Summary');
  const sql = app.runtime.orm.em.getConnection();
  const before = Number((await sql.execute<{ n: string }[]>(`SELECT count(*) AS n FROM audit_log WHERE action = 'report.preview' AND actor = 'burst-user'`))[0]!.n);
  expect(before).toBe(0);
  const answers = await Promise.all(Array.from({ length: 80 }, async (_, i) => {
    const r = await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount rows } }', { i: { reportId, first: 1 + (i % 5) } }, viewer);
    // Committed before the answer left: this request's entry is already there.
    const seen = Number((await sql.execute<{ n: string }[]>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'report.preview' AND actor = 'burst-user' AND (details->>'rowCount')::int = ?`, [r.data?.previewReport.rows.length ?? -1]))[0]!.n);
    return { r, seen };
  }));
  for (const { r, seen } of answers) {
    expect(r.errors).toBeUndefined();
    expect(seen).toBeGreaterThan(0);
  }
  const rows = await sql.execute<{ tenant_id: string; target_type: string; target_id: string; outcome: string; row_count: number; total: number; duration: number | null; created_at: Date }[]>(
    `SELECT tenant_id, target_type, target_id, outcome, (details->>'rowCount')::int AS row_count, (details->>'totalCount')::int AS total,
            (details->>'durationMs')::int AS duration, created_at
     FROM audit_log WHERE action = 'report.preview' AND actor = 'burst-user' ORDER BY id`);
  expect(rows).toHaveLength(80);
  const total = answers[0]!.r.data!.previewReport.totalCount;
  for (const row of rows) {
    expect(row).toMatchObject({ tenant_id: 'acme', target_type: 'report', target_id: reportId, outcome: 'SUCCESS', total });
    expect(row.row_count).toBeGreaterThanOrEqual(1);
    expect(row.duration).toBeGreaterThanOrEqual(0);
  }
  // Each page size 1..5 was asked 16 times and recorded 16 times.
  for (let n = 1; n <= 5; n++) expect(rows.filter((r) => r.row_count === Math.min(n, total)).length).toBeGreaterThanOrEqual(16);
  const statements = new Set(rows.map((r) => String(r.created_at))).size;
  expect(statements).toBeLessThan(80);
});

it('a refused read is still recorded (DENIED) through the same writer', async () => {
  const viewer = await app.token('acme', 'viewer', 'denied-user');
  const r = await app.gql('{ auditLog(first: 1) { totalCount } }', {}, viewer);
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const rows = await app.runtime.orm.em.getConnection().execute<{ action: string; outcome: string; target_id: string }[]>(
    `SELECT action, outcome, target_id FROM audit_log WHERE actor = 'denied-user' AND action <> 'auth.token_use'`);
  expect(rows).toEqual([{ action: 'access.denied', outcome: 'DENIED', target_id: 'Query.auditLog' }]);
});
