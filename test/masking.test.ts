/**
 * Issue 21, masking matrix, end to end (GraphQL over HTTP, the worker, chDB, files downloaded):
 * a tenant policy where every mode occurs (viewer: INTERNAL HASHED, PII HIDDEN; editor: the
 * default, PII HASHED; admin: all CLEAR), and for each role × class × output (preview, CSV through
 * the engine, XLSX, JSON, PDF) the value seen is the policy's: the clear value, its HMAC under the
 * tenant's key, or a refusal naming the field. Hashes are the same in every output and in a
 * scheduled run (masked for the schedule owner, stated in the file's parameters), differ in another
 * tenant, and distinct counts over them equal chDB's over the clear ids.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskedValue, tenantMaskKey } from '../server/src/features/catalog/masking.js';
import { createReportcastClient } from '../sdk/src/index.js';
import { parseCsv } from './support/csv.js';
import { downloadOk, exportAndFollow, GET_EXPORT } from './support/exports.js';
import { pdfText } from './support/pdf-text.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const TENANT = 'maskco';
const OTHER = 'maskco2';
/** Ids in every script, so masking is seen to keep (hash) text as it went in. */
const USERS = ['alice@example.com', 'ユーザー太郎', 'Ωμέγα', 'пользователь', 'مستخدم', '😀-emoji'];
const ROLES = ['viewer', 'editor', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Mode = 'CLEAR' | 'HASHED' | 'HIDDEN';
/** The columns under test, one per class. */
const COLUMNS = [
  { field: 'user_id', classification: 'PII' },
  { field: 'session_id', classification: 'INTERNAL' },
  { field: 'platform', classification: 'PUBLIC' },
] as const;
const POLICY: Record<Role, Record<string, Mode>> = {
  viewer: { PUBLIC: 'CLEAR', INTERNAL: 'HASHED', PII: 'HIDDEN' },
  editor: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' },
  admin: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'CLEAR' },
};
const PREVIEW = 'query($input: PreviewReportInput!) { previewReport(input: $input) { columns { name label } rows totalCount } }';

let app: TestApp;
const tokens = {} as Record<Role, string>;
let key: Buffer;
const hash = (value: string, tenant = TENANT) => maskedValue(tenantMaskKey(app.runtime.maskingSecret, tenant), value);

async function seed(tenant: string): Promise<void> {
  const db = app.runtime.analytics.database;
  await app.runtime.analytics.exec(
    `INSERT INTO ${db}.usage_events (tenant_id, timestamp, event_date, event_id, user_id, device_id, session_id, event_type, feature, platform, country, referrer, duration_ms, value, is_error)
     SELECT {t:String}, now64(3, 'UTC') - toIntervalMinute(number), today(), generateUUIDv4(), {u:Array(String)}[number % 6 + 1],
            concat('dev-', toString(number % 3)), concat('sess-', toString(number % 4)), 'click', 'reports', ['web', 'ios'][number % 2 + 1], 'FR', NULL, 1, 1.5, false
     FROM numbers(60)`,
    { t: tenant, u: USERS });
}

/** The grouped rows straight from chDB, in clear: [user, session, platform, count]. */
async function clearRows(tenant = TENANT): Promise<string[][]> {
  const db = app.runtime.analytics.database;
  const r = await app.runtime.analytics.query(
    `SELECT user_id, session_id, platform, count() FROM ${db}.usage_events WHERE tenant_id = {t:String} GROUP BY user_id, session_id, platform`, { t: tenant });
  return r.rows.map((row) => row.map(String));
}

/** A report every role of the tenant may open (made by its admin, public). */
async function createReport(_app: TestApp, token: string, name: string, definition: unknown): Promise<string> {
  const res = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name, definition, isPublic: true } }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createReport.id as string;
}

const visible = (role: Role) => COLUMNS.filter((c) => POLICY[role][c.classification] !== 'HIDDEN');
const definitionFor = (role: Role) => ({ source: 'usage_events', dimensions: visible(role).map((c) => ({ field: c.field })), measures: [{ fn: 'COUNT', alias: 'events' }], rowLimit: 1000 });

/** What `role` must see: each visible column clear or hashed per the policy, and the count. */
async function expectedRows(role: Role): Promise<string[]> {
  const rows = await clearRows();
  const idx = { user_id: 0, session_id: 1, platform: 2 } as const;
  const counts = new Map<string, number>();
  for (const row of rows) {
    const cells = visible(role).map((c) => (POLICY[role][c.classification] === 'HASHED' ? hash(row[idx[c.field]]!) : row[idx[c.field]]!));
    const k = JSON.stringify(cells);
    counts.set(k, (counts.get(k) ?? 0) + Number(row[3]));
  }
  return [...counts].map(([k, n]) => JSON.stringify([...JSON.parse(k), String(n)])).sort();
}
const asSet = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r.map(String))).sort();

async function exportFile(role: Role, reportId: string, format: string): Promise<Buffer> {
  const { final } = await exportAndFollow(app, tokens[role], { reportId, format });
  expect(final.status, JSON.stringify(final.error)).toBe('COMPLETED');
  return (await downloadOk(final.downloadUrl)).body;
}

async function xlsxSheet(body: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000, worker: true });
  await seed(TENANT);
  await seed(OTHER);
  for (const role of ROLES) tokens[role] = await app.token(TENANT, role, `${role}@maskco`);
  key = tenantMaskKey(app.runtime.maskingSecret, TENANT);
  const rules = [{ role: 'viewer', classification: 'INTERNAL', mode: 'HASHED' }, { role: 'viewer', classification: 'PII', mode: 'HIDDEN' }];
  const set = await app.gql('mutation($r: [MaskingRuleInput!]!) { updateMaskingPolicy(rules: $r) { isDefault rules { role classification mode } updatedBy } }', { r: rules }, tokens.admin);
  expect(set.errors).toBeUndefined();
  expect(set.data!.updateMaskingPolicy.isDefault).toBe(false);
  for (const role of ROLES) for (const c of ['PUBLIC', 'INTERNAL', 'PII']) {
    expect(set.data!.updateMaskingPolicy.rules).toContainEqual({ role, classification: c, mode: POLICY[role][c] });
  }
}, 180_000);
afterAll(async () => app?.close());

describe('the policy and the catalog', () => {
  it('shows each column\'s classification and what the caller sees of it, per role', async () => {
    for (const role of ROLES) {
      const res = await app.gql('{ table(name: "usage_events") { columns { name classification masking } } }', {}, tokens[role]);
      const cols = res.data!.table.columns as { name: string; classification: string; masking: string }[];
      for (const c of COLUMNS) expect(cols.find((x) => x.name === c.field)).toEqual({ name: c.field, classification: c.classification, masking: POLICY[role][c.classification] });
    }
  });

  it('is changed by admins only, audited with the old and new modes; another tenant keeps the default', async () => {
    const bad = await app.gql('mutation { updateMaskingPolicy(rules: [{ role: viewer, classification: PII, mode: CLEAR }]) { isDefault } }', {}, tokens.editor);
    expect(errorCode(bad)).toBe('FORBIDDEN');
    const empty = await app.gql('mutation { updateMaskingPolicy(rules: []) { isDefault } }', {}, tokens.admin);
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    const twice = await app.gql('mutation { updateMaskingPolicy(rules: [{ role: viewer, classification: PII, mode: CLEAR }, { role: viewer, classification: PII, mode: HASHED }]) { isDefault } }', {}, tokens.admin);
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    // Nothing of the refused changes was kept.
    const now = await app.gql('{ maskingPolicy { rules { role classification mode } } }', {}, tokens.viewer);
    expect(now.data!.maskingPolicy.rules).toContainEqual({ role: 'viewer', classification: 'PII', mode: 'HIDDEN' });
    const log = await app.gql('{ auditLog(first: 50) { edges { node { action actor targetType details } } } }', {}, tokens.admin);
    const entries = log.data!.auditLog.edges.map((e: any) => e.node).filter((n: any) => n.action === 'masking_policy.update');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'admin@maskco', targetType: 'masking_policy' });
    expect(entries[0].details.changes).toContainEqual({ role: 'viewer', classification: 'PII', mode: 'HIDDEN', was: 'HASHED' });
    const other = await app.gql('{ maskingPolicy { isDefault rules { role classification mode } } }', {}, await app.token(OTHER, 'admin'));
    expect(other.data!.maskingPolicy.isDefault).toBe(true);
    expect(other.data!.maskingPolicy.rules).toContainEqual({ role: 'viewer', classification: 'PII', mode: 'HASHED' });
  });
});

describe('role × class × output: the value seen is the policy\'s', () => {
  it.each(ROLES)('%s: preview, CSV, XLSX, JSON and PDF', async (role) => {
    const expected = await expectedRows(role);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    const definition = definitionFor(role);
    const reportId = await createReport(app, tokens.admin, `Masking matrix as ${role}`, definition);

    const preview = await app.gql(PREVIEW, { input: { reportId, first: 500 } }, tokens[role]);
    expect(preview.errors, JSON.stringify(preview.errors)).toBeUndefined();
    expect(asSet(preview.data!.previewReport.rows)).toEqual(expected);
    const labels = preview.data!.previewReport.columns.map((c: any) => c.label);
    for (const [i, c] of visible(role).entries()) expect(labels[i]!.endsWith('(hashed)')).toBe(POLICY[role][c.classification] === 'HASHED');

    const [csv, xlsx, json, pdf] = (await Promise.all(['CSV', 'XLSX', 'JSON', 'PDF'].map((f) => exportFile(role, reportId, f)))) as [Buffer, Buffer, Buffer, Buffer];
    const csvRows = parseCsv(csv.toString('utf8').replace(/^\uFEFF/, ''));
    expect(asSet(csvRows.slice(1))).toEqual(expected);
    expect(asSet((await xlsxSheet(xlsx, 'Data')).slice(1))).toEqual(expected);
    const objects = JSON.parse(json.toString('utf8')) as Record<string, unknown>[];
    expect(asSet(objects.map((o) => [...visible(role).map((c) => o[c.field]), o.events]))).toEqual(expected);

    // PDF: every shown value is in the text, no clear PII where it is masked. A 64-digit hash wraps
    // in its cell (the text reader puts the wrapped end on a line of its own): its first 48 digits
    // are compared. Arabic comes out of the reader in visual order.
    // pdfjs leaves control characters (U+0003, U+0005) inside shaped Arabic runs: dropped, like white space.
    const text = (await pdfText(pdf)).normalize('NFKC').replace(/[\s\u0000-\u001F]+/g, '');
    const inPdf = (cell: string) => {
      const v = /^[0-9A-F]{64}$/.test(cell) ? cell.slice(0, 48) : cell.replace(/\s+/g, '');
      return text.includes(v) || text.includes([...v].reverse().join(''));
    };
    for (const row of expected) for (const cell of JSON.parse(row).slice(0, -1) as string[]) expect(inPdf(cell), cell).toBe(true);
    const files = [csv.toString('utf8'), json.toString('utf8'), JSON.stringify(await xlsxSheet(xlsx, 'Data'))];
    for (const user of USERS) expect(inPdf(user), `PDF: ${user}`).toBe(POLICY[role].PII === 'CLEAR');
    for (const file of files) {
      for (const user of USERS) expect(file.includes(user), user).toBe(POLICY[role].PII === 'CLEAR');
      expect(file.includes('sess-1')).toBe(POLICY[role].INTERNAL === 'CLEAR');
      expect(file.includes('web')).toBe(true);
    }
    // The SDK reads the same: its catalog says what the role sees, its preview shows it.
    const sdk = createReportcastClient({ url: app.url, token: tokens[role] });
    const columns = (await sdk.tables()).find((t) => t.name === 'usage_events')!.columns;
    for (const c of COLUMNS) expect(columns.find((x) => x.name === c.field)).toMatchObject({ classification: c.classification, masking: POLICY[role][c.classification] });
    expect(asSet((await sdk.reports.preview({ reportId }, { first: 500 })).rows)).toEqual(expected);
    // Stated in the file: whose view it is.
    const about = await xlsxSheet(xlsx, 'About');
    expect(about).toContainEqual(['Masked for role', `${role} (who asked for it)`]);
  }, 180_000);
});

describe('refusals name the field', () => {
  it('a HIDDEN column cannot be shown: preview and export are BAD_USER_INPUT, nothing is queued', async () => {
    const definition = { source: 'usage_events', dimensions: [{ field: 'platform' }, { field: 'user_id' }], measures: [{ fn: 'COUNT' }] };
    const preview = await app.gql(PREVIEW, { input: { definition } }, tokens.viewer);
    expect(errorCode(preview), JSON.stringify(preview.errors)).toBe('BAD_USER_INPUT');
    expect(preview.errors![0]!.message).toMatch(/User \(user_id\)/);
    expect(preview.errors![0]!.extensions!.errors).toEqual([{ path: 'input.definition.dimensions.1.field', message: expect.stringContaining('HIDDEN for the viewer role') }]);
    const reportId = await createReport(app, tokens.admin, 'Users by platform (hidden from viewers)', definition);
    const before = (await app.gql('{ exports(first: 1) { totalCount } }', {}, tokens.viewer)).data!.exports.totalCount;
    const exported = await app.gql('mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }', { r: reportId }, tokens.viewer);
    expect(errorCode(exported)).toBe('BAD_USER_INPUT');
    expect(exported.errors![0]!.message).toMatch(/user_id/);
    expect(exported.errors![0]!.extensions!.errors[0]).toEqual({ path: 'input.reportId', message: expect.stringMatching(/^definition\.dimensions\.1\.field: /) });
    expect((await app.gql('{ exports(first: 1) { totalCount } }', {}, tokens.viewer)).data!.exports.totalCount).toBe(before);
    // The same report exports for the editor, hashed.
    expect(errorCode(await app.gql('mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }', { r: reportId }, tokens.editor))).toBeUndefined();
  });

  it('a masked column compared with a clear value is refused, not answered with nothing; hashes filter', async () => {
    const base = { source: 'usage_events', dimensions: [{ field: 'user_id' }], measures: [{ fn: 'COUNT' }] };
    for (const filter of [{ field: 'user_id', op: 'EQ', value: USERS[0] }, { field: 'user_id', op: 'IN', values: [hash(USERS[0]!), USERS[1]] }, { field: 'user_id', op: 'CONTAINS', value: 'alice' }]) {
      const res = await app.gql(PREVIEW, { input: { definition: { ...base, filters: [filter] } } }, tokens.editor);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.errors[0].path).toBe('input.definition.filters.0.field');
      expect(res.errors![0]!.message).toMatch(/User \(user_id\) is PII, HASHED for the editor role/);
    }
    const byHash = await app.gql(PREVIEW, { input: { definition: { ...base, filters: [{ field: 'user_id', op: 'EQ', value: hash(USERS[1]!).toLowerCase() }] } } }, tokens.editor);
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data!.previewReport.rows.map((r: unknown[]) => r.map(String))).toEqual([[hash(USERS[1]!), '10']]);
    // The viewer cannot compare the hidden column even with its hash; the admin filters in clear.
    const hidden = await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }], filters: [{ field: 'user_id', op: 'EQ', value: hash(USERS[1]!) }] } } }, tokens.viewer);
    expect(errorCode(hidden)).toBe('BAD_USER_INPUT');
    expect(hidden.errors![0]!.extensions!.errors[0].path).toBe('input.definition.filters.0.field');
    const clear = await app.gql(PREVIEW, { input: { definition: { ...base, filters: [{ field: 'user_id', op: 'EQ', value: USERS[1] }] } } }, tokens.admin);
    expect(clear.data!.previewReport.rows.map((r: unknown[]) => r.map(String))).toEqual([[USERS[1], '10']]);
  });

  it('no value list is offered for a masked column', async () => {
    // In the other tenant, viewers see PUBLIC columns hashed (editors keep the default).
    const admin = await app.token(OTHER, 'admin');
    const set = await app.gql('mutation { updateMaskingPolicy(rules: [{ role: viewer, classification: PUBLIC, mode: HASHED }]) { isDefault } }', {}, admin);
    expect(set.errors).toBeUndefined();
    const LIST = '{ columnValues(source: "usage_events", field: "platform") { value } }';
    const values = await app.gql(LIST, {}, await app.token(OTHER, 'viewer'));
    expect(errorCode(values)).toBe('BAD_USER_INPUT');
    expect(values.errors![0]!.message).toMatch(/Platform \(platform\) is HASHED for the viewer role/);
    const listed = await app.gql(LIST, {}, await app.token(OTHER, 'editor'));
    expect(listed.data!.columnValues.map((v: any) => v.value).sort()).toEqual(['ios', 'web']);
    expect(errorCode(await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', measures: [{ fn: 'SUM', field: 'duration_ms' }] } } }, await app.token(OTHER, 'viewer')))).toBe('BAD_USER_INPUT');
  });
});

describe('hashes', () => {
  it('are the HMAC of the clear id under the tenant key: the same in every output, different in another tenant', async () => {
    const definition = definitionFor('editor');
    const mine = await app.gql(PREVIEW, { input: { definition, first: 500 } }, tokens.editor);
    const theirs = await app.gql(PREVIEW, { input: { definition, first: 500 } }, await app.token(OTHER, 'editor'));
    const ids = (r: any) => new Set<string>(r.data!.previewReport.rows.map((row: string[]) => row[0]));
    expect(ids(mine)).toEqual(new Set(USERS.map((u) => maskedValue(key, u))));
    expect(ids(theirs)).toEqual(new Set(USERS.map((u) => hash(u, OTHER))));
    for (const id of ids(mine)) expect(ids(theirs).has(id)).toBe(false);
  });

  it('count distinct like the clear ids (checked against chDB)', async () => {
    const db = app.runtime.analytics.database;
    const direct = await app.runtime.analytics.query(`SELECT platform, uniqExact(user_id), uniqExact(session_id) FROM ${db}.usage_events WHERE tenant_id = {t:String} GROUP BY platform`, { t: TENANT });
    const want = asSet(direct.rows);
    for (const role of ROLES) {
      const res = await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'UNIQ', field: 'user_id' }, { fn: 'UNIQ', field: 'session_id' }] } } }, tokens[role]);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(asSet(res.data!.previewReport.rows)).toEqual(want);
    }
    // And the distinct hashes in an export are as many as chDB's distinct clear ids.
    const reportId = await createReport(app, tokens.admin, 'Distinct hashed users', { source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'platform' }], rowLimit: 1000 });
    const csv = parseCsv((await exportFile('editor', reportId, 'CSV')).toString('utf8').replace(/^\uFEFF/, '')).slice(1);
    const all = await app.runtime.analytics.query(`SELECT uniqExact(user_id), uniqExact((user_id, platform)) FROM ${db}.usage_events WHERE tenant_id = {t:String}`, { t: TENANT });
    expect(new Set(csv.map((r) => r[0])).size).toBe(Number(all.rows[0]![0]));
    expect(csv.length).toBe(Number(all.rows[0]![1]));
  }, 120_000);
});

describe('a scheduled run', () => {
  it("is masked for the schedule owner's role whoever runs it, and says so in the file", async () => {
    const reportId = await createReport(app, tokens.admin, 'Scheduled masking', definitionFor('editor'));
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Masked weekly', cron: '0 8 * * 1', timezone: 'UTC', format: 'XLSX', recipients: ['owner@example.com'] } }, tokens.editor);
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id exportId } }', { id: created.data!.createSchedule.id }, tokens.admin);
    expect(run.errors).toBeUndefined();
    const exportId = run.data!.runScheduleNow.exportId as string;
    const done = await waitFor(async () => {
      const e = (await app.gql(GET_EXPORT, { id: exportId }, tokens.admin)).data!.export;
      return e.status === 'COMPLETED' || e.status === 'FAILED' ? e : undefined;
    }, 90_000);
    expect(done.status).toBe('COMPLETED');
    const body = (await downloadOk(done.downloadUrl)).body;
    const data = (await xlsxSheet(body, 'Data')).slice(1);
    expect(asSet(data)).toEqual(await expectedRows('editor'));
    expect(await xlsxSheet(body, 'About')).toContainEqual(['Masked for role', 'editor (the schedule owner)']);
  }, 120_000);
});
