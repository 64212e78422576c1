/**
 * Issue 21, activity reports: a scripted session (sign-ins, previews, report reads, exports in each
 * format, a download, schedule changes, a masking-policy change, an admin's export of PII in
 * clear), then the user-activity and compliance reports checked twice: against the script, and
 * against a direct count over audit_log; and their exported files against the API's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { downloadOk, reportIdByName, TERMINAL } from './support/exports.js';
import { parseCsv } from './support/csv.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let admin: string;
let ann: string;
let bob: string;
let reportId: string;
let piiReportId: string;

const ok = (res: GraphQLResponse) => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);

async function finished(id: string, token: string): Promise<any> {
  let last: any = null;
  await waitFor(async () => {
    last = ok(await app.gql('query($id: ID!) { export(id: $id) { id status rowCount downloadUrl error { code message } } }', { id }, token)).export;
    return TERMINAL.has(last.status) ? true : undefined;
  }, 60_000);
  expect(last.status, JSON.stringify(last.error)).toBe('COMPLETED');
  return last;
}
const preview = (token: string, id: string) => app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }', { i: { reportId: id, first: 3 } }, token);
const exportOf = async (token: string, id: string, format: string) =>
  ok(await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: id, format } }, token)).createExport.id as string;

const ACTIVITY = `query($f: AuditLogFilter, $after: String) { auditUserActivity(filter: $f, first: 2, after: $after) {
  totalCount hasNextPage endCursor users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen } } }`;

/** Every user's row, 2 per page (so paging is exercised). */
async function activity(filter: Record<string, unknown> = {}): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok(await app.gql(ACTIVITY, { f: filter, after }, admin)).auditUserActivity;
    out.push(...page.users);
    if (!page.hasNextPage) return out;
    after = page.endCursor;
  }
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000, worker: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  admin = await app.token('acme', 'admin', 'admin@acme');
  ann = await app.token('acme', 'editor', 'ann@acme');
  bob = await app.token('acme', 'viewer', 'bob@acme');
  reportId = await reportIdByName(app, ann, 'Usage Summary');
  // Shared, so the editor can export it too.
  piiReportId = ok(await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Users by platform', isPublic: true,
    definition: { source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'platform' }], measures: [{ fn: 'COUNT' }] } } }, admin)).createReport.id;

  // The script. ann: 2 previews, 1 report read, CSV ×2 + XLSX exports, 1 download, 2 schedule changes.
  ok(await preview(ann, reportId));
  ok(await preview(ann, reportId));
  ok(await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, ann));
  const annCsv = await exportOf(ann, reportId, 'CSV');
  await exportOf(ann, reportId, 'CSV');
  await exportOf(ann, piiReportId, 'XLSX'); // PII hashed for editors: not a compliance event
  const done = await finished(annCsv, ann);
  await downloadOk(done.downloadUrl);
  const schedule = ok(await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
    { i: { reportId, name: 'Audit activity', cron: '0 9 * * 1', recipients: ['ops@example.com'] } }, ann)).createSchedule.id;
  ok(await app.gql('mutation($id: ID!) { pauseSchedule(id: $id) { id } }', { id: schedule }, ann));
  // bob (viewer): 1 preview, 1 JSON export, 1 preview refused by validation (a FAILURE read).
  ok(await preview(bob, reportId));
  await exportOf(bob, reportId, 'JSON');
  expect(errorCode(await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }', { i: { definition: { source: 'nope', measures: [{ fn: 'COUNT' }] } } }, bob))).toBe('BAD_USER_INPUT');
  // admin: PII in clear in a PDF, then a masking-policy change.
  await finished(await exportOf(admin, piiReportId, 'PDF'), admin);
  ok(await app.gql('mutation($r: [MaskingRuleInput!]!) { updateMaskingPolicy(rules: $r) { updatedBy } }', { r: [{ role: 'editor', classification: 'PII', mode: 'CLEAR' }] }, admin));
}, 180_000);
afterAll(async () => app?.close());

describe('user activity', () => {
  it('equals the script', async () => {
    const rows = await activity();
    const byUser = Object.fromEntries(rows.map((r) => [r.userId, r]));
    // The download link names who it was issued to, so even the download is ann's.
    expect(Object.keys(byUser).sort()).toEqual(['admin@acme', 'ann@acme', 'bob@acme']);
    expect(byUser['ann@acme']).toMatchObject({ tokenUses: 1, previews: 2, reportReads: 1, exportsCsv: 2, exportsXlsx: 1, exportsPdf: 0, exportsJson: 0, scheduleChanges: 2 });
    expect(byUser['bob@acme']).toMatchObject({ tokenUses: 1, previews: 2, reportReads: 0, exportsCsv: 0, exportsJson: 1, downloads: 0, scheduleChanges: 0 });
    expect(byUser['admin@acme']).toMatchObject({ tokenUses: 1, exportsPdf: 1, scheduleChanges: 0 });
    expect(byUser['ann@acme'].downloads).toBe(1);
    // bob's refused preview counts as a preview (an attempt), recorded with outcome FAILURE.
  });

  it('equals a direct count over audit_log, per user and column', async () => {
    const direct = await sql<Record<string, string>>(`SELECT actor,
        count(*) FILTER (WHERE action IN ('auth.login', 'auth.token_use')) AS token_uses,
        count(*) FILTER (WHERE action = 'report.preview') AS previews,
        count(*) FILTER (WHERE action = 'report.read') AS report_reads,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'CSV') AS csv,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'XLSX') AS xlsx,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'PDF') AS pdf,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'JSON') AS json,
        count(*) FILTER (WHERE action = 'export.download') AS downloads,
        count(*) FILTER (WHERE action LIKE 'schedule.%') AS schedule_changes,
        max(created_at) AS last_seen
      FROM audit_log WHERE tenant_id = 'acme' GROUP BY actor ORDER BY actor`);
    const rows = await activity();
    expect(rows.map((r) => r.userId).sort()).toEqual(direct.map((d) => d.actor).sort());
    for (const d of direct) {
      const r = rows.find((x) => x.userId === d.actor);
      expect([r.tokenUses, r.previews, r.reportReads, r.exportsCsv, r.exportsXlsx, r.exportsPdf, r.exportsJson, r.downloads, r.scheduleChanges, r.lastSeen])
        .toEqual([...[d.token_uses, d.previews, d.report_reads, d.csv, d.xlsx, d.pdf, d.json, d.downloads, d.schedule_changes].map(Number), new Date(d.last_seen!).toISOString()]);
    }
  });

  it('a time range counts only what happened in it', async () => {
    const [paused] = await sql<{ t: Date }>(`SELECT created_at AS t FROM audit_log WHERE tenant_id = 'acme' AND action = 'schedule.pause'`);
    const after = await activity({ from: new Date(paused!.t).toISOString() });
    const ann = after.find((r) => r.userId === 'ann@acme');
    expect(ann).toMatchObject({ previews: 0, scheduleChanges: 1, tokenUses: 0 });
  });
});

describe('compliance summary', () => {
  it("lists the admin's PII export in clear and the policy change, not the editor's hashed export", async () => {
    const page = ok(await app.gql('{ auditCompliance(first: 50) { totalCount events { actor event action target detail } } }', {}, admin)).auditCompliance;
    expect(page.totalCount).toBe(2);
    expect(page.events.map((e: any) => [e.actor, e.event, e.action])).toEqual([
      ['admin@acme', 'Masking policy changed', 'masking_policy.update'],
      ['admin@acme', 'PII exported in clear', 'export.create'],
    ]);
    expect(page.events[1].detail).toBe('PDF with user_id');
    expect(JSON.parse(page.events[0].detail)).toEqual([{ role: 'editor', classification: 'PII', mode: 'CLEAR', was: 'HASHED' }]);
    const [counted] = await sql<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'acme' AND (action = 'masking_policy.update'
      OR (action = 'export.create' AND jsonb_array_length(coalesce(details->'clearPiiColumns', '[]')) > 0))`);
    expect(Number(counted!.n)).toBe(2);
  });

  it('is for admins only', async () => {
    expect(errorCode(await app.gql('{ auditCompliance { totalCount } }', {}, ann))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql('{ auditUserActivity { totalCount } }', {}, bob))).toBe('FORBIDDEN');
  });
});

describe('exported like any report', () => {
  it("the USER_ACTIVITY and COMPLIANCE CSVs hold the API's rows", async () => {
    const expected = await activity();
    const created = ok(await app.gql('mutation($i: CreateAuditExportInput!) { createAuditExport(input: $i) { id } }', { i: { view: 'USER_ACTIVITY', format: 'CSV' } }, admin)).createAuditExport;
    const done = await finished(created.id, admin);
    const rows = parseCsv((await downloadOk(done.downloadUrl)).body.toString('utf8')).filter((r) => r.length > 1);
    expect(rows[0]).toEqual(['user_id', 'token_uses', 'previews', 'report_reads', 'exports_csv', 'exports_xlsx', 'exports_pdf', 'exports_json', 'downloads', 'schedule_changes', 'last_seen']);
    // The export's own audit.export entry came after its snapshot: the file is the activity before it.
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(1, 10).map(Number), `${r[10]}Z`])).toEqual(expected
      .sort((a, b) => (a.userId < b.userId ? -1 : 1))
      .map((u) => [u.userId, u.tokenUses, u.previews, u.reportReads, u.exportsCsv, u.exportsXlsx, u.exportsPdf, u.exportsJson, u.downloads, u.scheduleChanges, u.lastSeen]));

    const compliance = ok(await app.gql('mutation($i: CreateAuditExportInput!) { createAuditExport(input: $i) { id } }', { i: { view: 'COMPLIANCE', format: 'CSV' } }, admin)).createAuditExport;
    const cdone = await finished(compliance.id, admin);
    expect(cdone.rowCount).toBe(2);
    const crows = parseCsv((await downloadOk(cdone.downloadUrl)).body.toString('utf8')).filter((r) => r.length > 1);
    expect(crows.slice(1).map((r) => r[3])).toEqual(['Masking policy changed', 'PII exported in clear']);
  });
});
