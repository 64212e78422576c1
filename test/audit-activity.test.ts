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
import { tick } from '../server/src/features/schedules/tick.service.js';

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

describe('scheduled like any report', () => {
  const CREATE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id reportId adminReport nextRunAt } }';
  // Yearly, in Paris: the next slot is New Year 2027 there, the period the one from New Year 2026.
  const yearly = { name: 'Yearly activity', adminReport: 'USER_ACTIVITY', cron: '0 0 1 1 *', timezone: 'Europe/Paris', format: 'CSV', recipients: ['audit@example.com'] };

  const delivered = async (executionId: string) => {
    let row: any;
    await waitFor(async () => {
      [row] = await sql<any>('SELECT status, export_id, parameters, error FROM schedule_executions WHERE id = ?', [executionId]);
      return ['DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED'].includes(row.status) ? true : undefined;
    }, 60_000);
    expect(row.status, row.error).toBe('DELIVERED');
    return row;
  };

  it('only admins create, see and run them; a report-only field is refused at its path', async () => {
    expect(errorCode(await app.gql(CREATE, { i: { ...yearly, name: 'By an editor' } }, ann))).toBe('FORBIDDEN');
    const both = await app.gql(CREATE, { i: { ...yearly, name: 'Both', reportId } }, admin);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reportId' });
    const params = await app.gql(CREATE, { i: { ...yearly, name: 'Params', parameterValues: { platform: 'web' } } }, admin);
    expect(params.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parameterValues' });
    const created = ok(await app.gql(CREATE, { i: { ...yearly, name: 'Hidden from editors', adminReport: 'COMPLIANCE_SUMMARY' } }, admin)).createSchedule;
    expect(created).toMatchObject({ reportId: null, adminReport: 'COMPLIANCE_SUMMARY' });
    // Nothing of it shows to an editor: not in the list, NOT_FOUND by id, not runnable.
    const listed = ok(await app.gql('{ schedules(first: 100) { edges { node { id } } } }', {}, ann)).schedules.edges.map((e: any) => e.node.id);
    expect(listed).not.toContain(created.id);
    expect(errorCode(await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: created.id }, ann))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: created.id }, ann))).toBe('NOT_FOUND');
    ok(await app.gql('mutation($id: ID!) { deleteSchedule(id: $id) }', { id: created.id }, admin));
    expect(await sql("SELECT 1 FROM schedules WHERE name IN ('By an editor', 'Both', 'Params')")).toEqual([]);
  });

  it("a scheduled run's file equals a direct count over audit_log for its period, delivered once", async () => {
    const created = ok(await app.gql(CREATE, { i: yearly }, admin)).createSchedule;
    expect(created.nextRunAt).toBe('2026-12-31T23:00:00.000Z');
    const slot = new Date(created.nextRunAt);
    const options = { graceMs: app.config.schedules.graceMs, maxAttempts: app.config.worker.maxAttempts, log: app.runtime.log };
    const at = new Date(slot.getTime() + 30_000);
    expect((await tick(app.runtime.orm.em.fork(), at, options)).started).toBe(1);
    // Exactly once: a second tick (another scheduler) at the same instant starts nothing.
    expect((await tick(app.runtime.orm.em.fork(), at, options)).started).toBe(0);
    const executions = await sql<{ id: string }>('SELECT id FROM schedule_executions WHERE schedule_id = ?', [created.id]);
    expect(executions).toHaveLength(1);
    const run = await delivered(executions[0]!.id);
    expect(run.parameters).toMatchObject({ adminReport: 'USER_ACTIVITY', reportName: 'User activity', from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
    // The direct count, over the run's period, before anything else (a download) is recorded.
    const direct = await sql<Record<string, string>>(`SELECT actor,
        count(*) FILTER (WHERE action IN ('auth.login', 'auth.token_use')) AS token_uses,
        count(*) FILTER (WHERE action = 'report.preview') AS previews,
        count(*) FILTER (WHERE action = 'report.read') AS report_reads,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'CSV') AS csv,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'XLSX') AS xlsx,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'PDF') AS pdf,
        count(*) FILTER (WHERE action IN ('export.create', 'audit.export') AND details->>'format' = 'JSON') AS json,
        count(*) FILTER (WHERE action = 'export.download') AS downloads,
        count(*) FILTER (WHERE action LIKE 'schedule.%') AS schedule_changes
      FROM audit_log WHERE tenant_id = 'acme' AND created_at >= ? AND created_at < ? GROUP BY actor ORDER BY actor COLLATE "C"`, [run.parameters.from, run.parameters.to]);
    const done = await finished(run.export_id, admin);
    const rows = parseCsv((await downloadOk(done.downloadUrl)).body.toString('utf8')).filter((r) => r.length > 1);
    expect(rows[0]![0]).toBe('user_id');
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(1, 10).map(Number)]))
      .toEqual(direct.map((d) => [d.actor, ...[d.token_uses, d.previews, d.report_reads, d.csv, d.xlsx, d.pdf, d.json, d.downloads, d.schedule_changes].map(Number)]));
    // The scripted session is in it: ann's two previews and her CSV exports.
    expect(rows.find((r) => r[0] === 'ann@acme')!.slice(2, 5).map(Number)).toEqual([2, 1, 2]);
    // One delivery per recipient in the ledger, sent once, the file attached or linked.
    const deliveries = await sql<any>('SELECT channel, target, status, attempts FROM deliveries WHERE execution_id = ?', [executions[0]!.id]);
    expect(deliveries).toEqual([{ channel: 'EMAIL', target: 'audit@example.com', status: 'SENT', attempts: 1 }]);
    const [exported] = await sql<any>('SELECT report_id, schedule_id, report_name, audit_query, triggered_by FROM exports WHERE id = ?', [run.export_id]);
    expect(exported).toMatchObject({ report_id: null, schedule_id: created.id, report_name: 'User activity', triggered_by: 'SCHEDULE',
      audit_query: { view: 'USER_ACTIVITY', filter: { from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' } } });
    // Not left for the real-time scheduler: the slot is taken, the schedule advanced to 2028.
    expect(ok(await app.gql('query($id: ID!) { schedule(id: $id) { nextRunAt runCount } }', { id: created.id }, admin)).schedule).toEqual({ nextRunAt: '2027-12-31T23:00:00.000Z', runCount: 1 });
  });

  it('run now: the compliance summary from the previous slot until now, through the export pipeline', async () => {
    const created = ok(await app.gql(CREATE, { i: { ...yearly, name: 'Compliance now', adminReport: 'COMPLIANCE_SUMMARY', format: 'JSON' } }, admin)).createSchedule;
    const execution = ok(await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id exportId parameters } }', { id: created.id }, admin)).runScheduleNow;
    expect(execution.parameters).toMatchObject({ adminReport: 'COMPLIANCE_SUMMARY', from: '2025-12-31T23:00:00.000Z' });
    const run = await delivered(execution.id);
    const [counted] = await sql<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = 'acme' AND created_at >= ? AND created_at < ? AND (action = 'masking_policy.update'
      OR (action IN ('export.create', 'audit.export', 'export.retry') AND jsonb_array_length(coalesce(details->'clearPiiColumns', '[]')) > 0) OR action LIKE 'grant.%' OR action LIKE 'role.%')`, [run.parameters.from, run.parameters.to]);
    const done = await finished(execution.exportId, admin);
    expect(done.rowCount).toBe(Number(counted!.n));
    expect(done.rowCount).toBeGreaterThanOrEqual(2);
  });
});
