/**
 * Issue 21, the audit explorer: every filter of `auditLog` on real PostgreSQL, tenant isolation,
 * keyset pages that stay put while entries are added, and the audit export (through the export
 * pipeline) holding exactly the rows the filtered query returns, read back from the downloaded file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { createReport, downloadOk, reportIdByName, TERMINAL } from './support/exports.js';
import { parseCsv } from './support/csv.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let admin: string;
let editor: string;
let globexAdmin: string;
let reportId: string;

const ENTRY = 'id actor action targetType targetId outcome details createdAt';
const AUDIT_LOG = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) { totalCount edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } } }`;

const ok = (res: GraphQLResponse) => {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
};
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);

/** Every entry the filter matches, all pages (50 at a time). */
async function allEntries(token: string, filter: Record<string, unknown> = {}): Promise<any[]> {
  const out: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = ok(await app.gql(AUDIT_LOG, { f: filter, first: 50, after }, token)).auditLog;
    out.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

async function finished(id: string, token: string): Promise<any> {
  let last: any = null;
  await waitFor(async () => {
    last = ok(await app.gql('query($id: ID!) { export(id: $id) { id status reportName rowCount downloadUrl error { code message } progress { rowsWritten rowsTotal } } }', { id }, token)).export;
    return TERMINAL.has(last.status) ? true : undefined;
  }, 60_000);
  return last;
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000, worker: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  admin = await app.token('acme', 'admin');
  editor = await app.token('acme', 'editor');
  globexAdmin = await app.token('globex', 'admin');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
  // A small scripted history: previews (reads), a report write, a denied read, a schedule change.
  for (let i = 0; i < 3; i++) ok(await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }', { i: { reportId, first: 5 } }, editor));
  await createReport(app, editor, 'Audit probe', { source: 'usage_events', measures: [{ fn: 'COUNT' }] });
  expect(errorCode(await app.gql(AUDIT_LOG, {}, editor))).toBe('FORBIDDEN');
  ok(await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, admin));
  // A read that fails: another tenant's report is NOT_FOUND, recorded as a FAILURE.
  expect(errorCode(await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, globexAdmin))).toBe('NOT_FOUND');
  // globex has a history of its own.
  ok(await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }',
    { i: { definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } }, globexAdmin));
}, 120_000);
afterAll(async () => app?.close());

describe('auditLog filters (each against a direct count on audit_log)', () => {
  const direct = async (where: string, params: unknown[]) =>
    (await sql<{ id: string }>(`SELECT id::text FROM audit_log WHERE tenant_id = 'acme' AND ${where} ORDER BY id DESC`, params)).map((r) => r.id);

  it('actor', async () => {
    const got = await allEntries(admin, { actor: 'editor@acme' });
    expect(got.length).toBeGreaterThanOrEqual(5); // token use, 3 previews, report.create
    expect(got.every((e) => e.actor === 'editor@acme')).toBe(true);
    expect(got.map((e) => e.id)).toEqual(await direct('actor = ?', ['editor@acme']));
  });

  it('action, exact and as a family (report.*)', async () => {
    const previews = await allEntries(admin, { action: 'report.preview' });
    expect(previews).toHaveLength(3);
    expect(previews.every((e) => e.details.rowCount === 5 && typeof e.details.durationMs === 'number' && e.details.totalCount > 0)).toBe(true);
    // No row data in an audited read: only counts and the duration.
    expect(Object.keys(previews[0].details).sort()).toEqual(['durationMs', 'rowCount', 'totalCount']);
    const family = await allEntries(admin, { action: 'report.*' });
    expect(new Set(family.map((e) => e.action))).toEqual(new Set(['report.preview', 'report.create', 'report.read']));
    expect(family.map((e) => e.id)).toEqual(await direct(`action LIKE 'report.%'`, []));
    // A family prefix's LIKE wildcards are literal: 'report_*' is refused, '%.*' matches nothing.
    expect(await allEntries(admin, { action: '%.*' })).toEqual([]);
  });

  it('object type and id', async () => {
    const onReport = await allEntries(admin, { targetType: 'report', targetId: reportId });
    expect(onReport.map((e) => e.action).sort()).toEqual(['report.preview', 'report.preview', 'report.preview', 'report.read']);
    const tokens = await allEntries(admin, { targetType: 'token' });
    expect(tokens.length).toBe(2); // editor's and admin's token, each once however often used
    expect(tokens.every((e) => e.action === 'auth.token_use' && /^[0-9a-f]{32}$/.test(e.targetId))).toBe(true);
  });

  it('time range: from inclusive, to exclusive', async () => {
    const all = await allEntries(admin);
    const sorted = [...all].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
    const pivot = sorted[Math.floor(sorted.length / 2)];
    const from = await allEntries(admin, { from: pivot.createdAt });
    const to = await allEntries(admin, { to: pivot.createdAt });
    expect(from.map((e) => e.id)).toEqual(await direct('created_at >= ?::timestamptz', [pivot.createdAt]));
    expect(to.map((e) => e.id)).toEqual(await direct('created_at < ?::timestamptz', [pivot.createdAt]));
    expect(from.length + to.length).toBe(all.length);
    expect(from.some((e) => e.id === pivot.id)).toBe(true);
    expect(errorCode(await app.gql(AUDIT_LOG, { f: { from: pivot.createdAt, to: pivot.createdAt } }, admin))).toBe('BAD_USER_INPUT');
  });

  it('outcome DENIED: a request refused for the role, naming the field', async () => {
    const denied = await allEntries(admin, { outcome: 'DENIED' });
    expect(denied.map((e) => [e.actor, e.action, e.targetType, e.targetId, e.details.required])).toEqual([['editor@acme', 'access.denied', 'field', 'Query.auditLog', 'admin']]);
  });

  it('outcome', async () => {
    const denied = await allEntries(globexAdmin, { outcome: 'FAILURE' });
    expect(denied.map((e) => [e.action, e.details.errorCode])).toEqual([['report.read', 'NOT_FOUND']]);
    expect(await allEntries(admin, { outcome: 'FAILURE' })).toEqual([]);
    const success = await allEntries(admin, { outcome: 'SUCCESS' });
    expect(success.map((e) => e.id)).toEqual(await direct(`outcome = 'SUCCESS'`, []));
  });

  it('filters combine (AND) and bad input is a typed error', async () => {
    const both = await allEntries(admin, { actor: 'editor@acme', action: 'report.preview', targetId: reportId });
    expect(both).toHaveLength(3);
    const res = await app.gql(AUDIT_LOG, { f: { action: 'report*x' } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe('filter.action');
    expect(errorCode(await app.gql(AUDIT_LOG, { f: { outcome: 'MAYBE' } }, admin))).toBe('BAD_USER_INPUT');
  });
});

describe('tenant isolation', () => {
  it("another tenant's admin sees none of acme's entries, even by naming them", async () => {
    const globex = await allEntries(globexAdmin);
    expect(globex.length).toBeGreaterThan(0);
    const acmeIds = new Set((await sql<{ id: string }>(`SELECT id::text FROM audit_log WHERE tenant_id = 'acme'`)).map((r) => r.id));
    expect(globex.some((e) => acmeIds.has(e.id))).toBe(false);
    expect(await allEntries(globexAdmin, { actor: 'editor@acme' })).toEqual([]);
    // globex's failed attempt to read acme's report is in globex's log without the id it asked for.
    expect(await allEntries(globexAdmin, { targetId: reportId })).toEqual([]);
    const failed = await allEntries(globexAdmin, { action: 'report.read', outcome: 'FAILURE' });
    expect(failed.map((e) => [e.targetId, e.details.errorCode])).toEqual([[null, 'NOT_FOUND']]);
  });
});

describe('keyset pagination', () => {
  it('is stable while entries are added: no row repeats, none is skipped', async () => {
    const before = (await allEntries(admin)).map((e) => e.id);
    const first: any = ok(await app.gql(AUDIT_LOG, { first: 4 }, admin)).auditLog;
    // New entries arrive between pages (newer than everything listed).
    for (let i = 0; i < 3; i++) ok(await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, admin));
    const seen = first.edges.map((e: any) => e.node.id);
    let after = first.pageInfo.endCursor;
    for (;;) {
      const page: any = ok(await app.gql(AUDIT_LOG, { first: 4, after }, admin)).auditLog;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(before);
    expect(errorCode(await app.gql(AUDIT_LOG, { first: 4, after: 'bm90IGEgY3Vyc29y' }, admin))).toBe('BAD_USER_INPUT');
  });
});

describe('audit export through the export pipeline', () => {
  const CREATE = 'mutation($i: CreateAuditExportInput!) { createAuditExport(input: $i) { id status reportName reportId } }';

  it("holds exactly the filtered query's rows (CSV read back), and is itself audited", async () => {
    const filter = { action: 'report.*' };
    const expected = await allEntries(admin, filter);
    const created = ok(await app.gql(CREATE, { i: { view: 'LOG', filter, format: 'CSV' } }, admin)).createAuditExport;
    expect(created).toMatchObject({ status: 'PENDING', reportName: 'Audit log', reportId: null });
    // Entries added after it was asked for are not in the file (a snapshot).
    ok(await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: reportId }, admin));
    const done = await finished(created.id, admin);
    expect(done.status, JSON.stringify(done.error)).toBe('COMPLETED');
    expect(done.rowCount).toBe(expected.length);
    expect(done.progress).toEqual({ rowsWritten: expected.length, rowsTotal: expected.length });
    const rows = parseCsv((await downloadOk(done.downloadUrl)).body.toString('utf8'));
    expect(rows[0]).toEqual(['id', 'created_at', 'actor', 'action', 'target_type', 'target_id', 'outcome', 'ip', 'user_agent', 'details']);
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body.map((r) => r[0])).toEqual(expected.map((e) => e.id));
    expect(body.map((r) => [r[2], r[3], r[4], r[5], r[6]])).toEqual(expected.map((e) => [e.actor, e.action, e.targetType, e.targetId ?? '', e.outcome]));
    // Times in the file are the entries' instants (UTC by default, written as local wall time).
    expect(body.map((r) => r[1])).toEqual(expected.map((e) => (e.createdAt as string).replace(/Z$/, '')));
    // The export is in the history like any other, and audited as audit.export, then its download.
    const own = await allEntries(admin, { targetId: created.id });
    expect(own.map((e) => e.action).sort()).toEqual(['audit.export', 'export.download']);
    expect(own.find((e) => e.action === 'audit.export').details).toMatchObject({ view: 'LOG', format: 'CSV', filter: { action: 'report.*' } });
    const listed = ok(await app.gql('{ exports(first: 50) { edges { node { id reportName } } } }', {}, admin)).exports.edges.map((e: any) => e.node.id);
    expect(listed).toContain(created.id);
  });

  it('JSON and XLSX files hold the same rows', async () => {
    const filter = { actor: 'editor@acme' };
    const expected = await allEntries(admin, filter);
    const json = ok(await app.gql(CREATE, { i: { view: 'LOG', filter, format: 'JSON' } }, admin)).createAuditExport;
    const done = await finished(json.id, admin);
    expect(done.status).toBe('COMPLETED');
    const parsed = JSON.parse((await downloadOk(done.downloadUrl)).body.toString('utf8'));
    const rows = Array.isArray(parsed) ? parsed : parsed.rows;
    expect(rows.map((r: any) => r.id)).toEqual(expected.map((e) => e.id));
    expect(rows.map((r: any) => r.created_at)).toEqual(expected.map((e) => (e.createdAt as string).replace('Z', '+00:00')));
    const xlsx = ok(await app.gql(CREATE, { i: { view: 'LOG', filter, format: 'XLSX' } }, admin)).createAuditExport;
    const xdone = await finished(xlsx.id, admin);
    expect(xdone.status, JSON.stringify(xdone.error)).toBe('COMPLETED');
    expect(xdone.rowCount).toBe(expected.length);
  });

  it("is an admin's: refused to editors, invisible to them in the history, another tenant's export NOT_FOUND", async () => {
    expect(errorCode(await app.gql(CREATE, { i: { view: 'LOG', format: 'CSV' } }, editor))).toBe('FORBIDDEN');
    const created = ok(await app.gql(CREATE, { i: { view: 'LOG', format: 'CSV' } }, admin)).createAuditExport;
    expect(errorCode(await app.gql('query($id: ID!) { export(id: $id) { id } }', { id: created.id }, editor))).toBe('NOT_FOUND');
    const editorList = ok(await app.gql('{ exports(first: 200) { edges { node { id } } } }', {}, editor)).exports.edges.map((e: any) => e.node.id);
    expect(editorList).not.toContain(created.id);
    expect(errorCode(await app.gql('query($id: ID!) { export(id: $id) { id } }', { id: created.id }, globexAdmin))).toBe('NOT_FOUND');
    // globex's own audit export holds none of acme's entries.
    const g = ok(await app.gql(CREATE, { i: { view: 'LOG', format: 'CSV' } }, globexAdmin)).createAuditExport;
    const gdone = await finished(g.id, globexAdmin);
    const ids = parseCsv((await downloadOk(gdone.downloadUrl)).body.toString('utf8')).slice(1).filter((r) => r.length > 1).map((r) => r[0]);
    const acmeIds = new Set((await sql<{ id: string }>(`SELECT id::text FROM audit_log WHERE tenant_id = 'acme'`)).map((r) => r.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.some((id) => acmeIds.has(id!))).toBe(false);
    await finished(created.id, admin);
  });
});
