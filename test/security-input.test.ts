/**
 * Issue 8, scenarios 10–12: hostile input against a real server. Every invalid mutation is
 * BAD_USER_INPUT with the path of the field and writes no row in any table (counted in PostgreSQL
 * before and after); a corpus of SQL injection payloads in every user string that reaches
 * ClickHouse or PostgreSQL is data or refused, never SQL; tampered cursors, download tokens and
 * unsubscribe tokens are BAD_USER_INPUT or 404, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { signUnsubscribeToken } from '../server/src/features/delivery/unsubscribe.js';
import { signDownloadToken } from '../server/src/features/exports/download-token.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';

let app: TestApp;
let editor: string;
let admin: string;
let reportId: string;
let scheduleId: string;

const CREATE_REPORT = 'mutation($input: CreateReportInput!) { createReport(input: $input) { id name description tags } }';
const UPDATE_REPORT = 'mutation($id: ID!, $input: UpdateReportInput!) { updateReport(id: $id, input: $input) { id } }';
const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id name recipients } }';
const UPDATE_SCHEDULE = 'mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }';
const PREVIEW = 'query($input: PreviewReportInput!) { previewReport(input: $input) { rows totalCount pageInfo { endCursor } } }';
const COUNT_ONLY = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

beforeAll(async () => {
  app = await startTestApp({ seedRows: 3_000, worker: true, env: { RATE_LIMIT_PER_MINUTE: '100000' } });
  editor = await app.token('acme', 'editor');
  admin = await app.token('acme', 'admin');
  reportId = await reportIdByName(app, admin, 'Usage Summary');
  const s = await app.gql(CREATE_SCHEDULE, { i: { reportId, name: 'Input checks', cron: '0 9 * * 1', recipients: ['ops@example.com'] } }, editor);
  scheduleId = s.data!.createSchedule.id;
});
afterAll(async () => app?.close());

/** Rows of every table the product writes, the job queue included. */
async function rowCounts(): Promise<Record<string, number>> {
  const conn = app.runtime.orm.em.getConnection();
  const tables = await conn.execute<{ t: string }[]>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS t FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND (table_schema = 'public' OR (table_schema = 'graphile_worker' AND table_name = '_private_jobs'))`);
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = Number((await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return counts;
}

function expectBadInput(res: GraphQLResponse, path: string) {
  expect(res.status).not.toBe(500);
  expect(errorCode(res), JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
  const ext = res.errors![0]!.extensions!;
  const paths = [ext.field, ...(ext.errors ?? []).map((e: { path: string }) => e.path)];
  expect(paths.some((p) => p === path || p?.startsWith(`${path}.`)), `${path} in ${JSON.stringify(ext)}`).toBe(true);
}

describe('10. invalid mutations: BAD_USER_INPUT with the field path, nothing written', () => {
  const long = 'x'.repeat(256);
  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['createReport: name of the wrong type', CREATE_REPORT, () => ({ input: { name: 5, definition: COUNT_ONLY } }), 'input.name'],
    ['createReport: empty name', CREATE_REPORT, () => ({ input: { name: '   ', definition: COUNT_ONLY } }), 'input.name'],
    ['createReport: name over 255 characters', CREATE_REPORT, () => ({ input: { name: long, definition: COUNT_ONLY } }), 'input.name'],
    ['createReport: unknown report field', CREATE_REPORT, () => ({ input: { name: 'Unknown field', definition: { source: 'usage_events', dimensions: [{ field: 'password' }] } } }), 'input.definition.dimensions.0.field'],
    ['createReport: unknown input property', CREATE_REPORT, () => ({ input: { name: 'Extra', definition: COUNT_ONLY, owner: 'x' } }), 'input'],
    ['createReport: operator that does not fit the column type', CREATE_REPORT, () => ({ input: { name: 'Op', definition: { ...COUNT_ONLY, filters: [{ field: 'duration_ms', op: 'CONTAINS', value: '5' }] } } }), 'input.definition.filters.0.op'],
    ['createReport: value that does not fit the column type', CREATE_REPORT, () => ({ input: { name: 'Val', definition: { ...COUNT_ONLY, filters: [{ field: 'duration_ms', op: 'GT', value: 'fast' }] } } }), 'input.definition.filters.0.value'],
    ['createReport: date range over the maximum', CREATE_REPORT, () => ({ input: { name: 'Range', definition: { ...COUNT_ONLY, timeRange: { from: '2020-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } } } }), 'input.definition.timeRange'],
    ['updateReport: empty name', UPDATE_REPORT, () => ({ id: reportId, input: { name: '' } }), 'input.name'],
    ['updateReport: unknown source', UPDATE_REPORT, () => ({ id: reportId, input: { definition: { source: 'pg_user', measures: [{ fn: 'COUNT' }] } } }), 'input.definition.source'],
    ['createSchedule: invalid cron', CREATE_SCHEDULE, () => ({ i: { reportId, name: 'Cron', cron: '61 25 * * *', recipients: ['a@example.com'] } }), 'input.cron'],
    ['createSchedule: unknown time zone', CREATE_SCHEDULE, () => ({ i: { reportId, name: 'Zone', cron: '0 9 * * *', timezone: 'Mars/Olympus_Mons', recipients: ['a@example.com'] } }), 'input.timezone'],
    ['createSchedule: 51 recipients', CREATE_SCHEDULE, () => ({ i: { reportId, name: 'Many', cron: '0 9 * * *', recipients: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) } }), 'input.recipients'],
    ['createSchedule: invalid email', CREATE_SCHEDULE, () => ({ i: { reportId, name: 'Mail', cron: '0 9 * * *', recipients: ['ok@example.com', 'not an email'] } }), 'input.recipients.1'],
    ['createSchedule: empty name', CREATE_SCHEDULE, () => ({ i: { reportId, name: '', cron: '0 9 * * *', recipients: ['a@example.com'] } }), 'input.name'],
    ['createSchedule: name over 255 characters', CREATE_SCHEDULE, () => ({ i: { reportId, name: long, cron: '0 9 * * *', recipients: ['a@example.com'] } }), 'input.name'],
    ['createSchedule: recipients of the wrong type', CREATE_SCHEDULE, () => ({ i: { reportId, name: 'Type', cron: '0 9 * * *', recipients: [{ email: 'a@example.com' }] } }), 'i.recipients.0'],
    ['updateSchedule: invalid cron', UPDATE_SCHEDULE, () => ({ id: scheduleId, i: { cron: '* * *' } }), 'input.cron'],
    ['updateSchedule: unknown time zone', UPDATE_SCHEDULE, () => ({ id: scheduleId, i: { timezone: 'Europe/Atlantis' } }), 'input.timezone'],
    ['backfillSchedule: over 365 days', 'mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }',
      () => ({ id: scheduleId, f: '2023-01-01T00:00:00Z', t: '2024-06-01T00:00:00Z' }), 'to'],
    ['backfillSchedule: from after to', 'mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }',
      () => ({ id: scheduleId, f: '2024-06-01T00:00:00Z', t: '2024-01-01T00:00:00Z' }), 'from'],
    ['backfillSchedule: not a date', 'mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }',
      () => ({ id: scheduleId, f: 'yesterday', t: '2024-01-01T00:00:00Z' }), 'f'],
    ['createExport: unknown format', 'mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', () => ({ i: { reportId, format: 'EXE' } }), 'i.format'],
    ['createExport: unknown time zone', 'mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', () => ({ i: { reportId, format: 'CSV', options: { timeZone: 'Nowhere/City' } } }), 'input.options.timeZone'],
    ['createExport: an option for another format', 'mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', () => ({ i: { reportId, format: 'PDF', options: { bom: true } } }), 'input.options.bom'],
    ['resendFailedDeliveries: nothing failed', 'mutation { resendFailedDeliveries(executionId: "00000000-0000-4000-8000-000000000000") { id } }', () => ({}), '__not_found__'],
  ];

  for (const [name, query, variables, path] of cases) {
    it(name, async () => {
      const before = await rowCounts();
      const res = await app.gql(query, variables(), admin);
      if (path === '__not_found__') expect(errorCode(res)).toBe('NOT_FOUND');
      else expectBadInput(res, path);
      expect(res.data?.[Object.keys(res.data ?? {})[0] ?? ''] ?? null).toBeNull();
      expect(await rowCounts()).toEqual(before);
    });
  }

  it('state changes that do not apply are BAD_USER_INPUT on id and change nothing', async () => {
    const done = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    expect(done.final.status).toBe('COMPLETED');
    const before = await rowCounts();
    expectBadInput(await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id: done.id }, admin), 'id');
    expectBadInput(await app.gql('mutation($id: ID!) { retryExport(id: $id) { id } }', { id: done.id }, admin), 'id');
    expect(await rowCounts()).toEqual(before);
  });
});

// A corpus of classic payloads: quoting, comments, stacked queries, UNION, ClickHouse functions
// and settings, parameter syntax, encodings and control characters.
const PAYLOADS = [
  "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE reports; --", "'); DELETE FROM exports; --",
  "1; SELECT pg_sleep(5)", "' UNION SELECT tenant_id, 1 FROM usage_events --", "admin'--", "' OR tenant_id = 'globex",
  "x' AND 1=(SELECT count() FROM system.tables) --", "'||(SELECT version())||'", "{tenant:String}", "{t:String} OR 1",
  '`tenant_id`', 'tenant_id', "\\' OR 1=1 --", "%27%20OR%201%3D1", "' SETTINGS max_execution_time=1 --",
  "1 FORMAT JSON", "'; ATTACH TABLE x --", "\\x00' OR 1=1", "＇ OR １=１", "$$; DROP TABLE schedules; $$",
  "' OR file('/etc/passwd') --", "x'/**/OR/**/1=1#", "' WAITFOR DELAY '0:0:5' --",
];

describe('11. SQL injection corpus: data or refused, never SQL', () => {
  it('filter values on every string operator are bound as data: no rows of anyone, no error', async () => {
    // An admin: user_id is PII, which the default masking policy lets only admins compare with a
    // clear value (test/masking.test.ts covers the refusal for the other roles).
    const token = await app.token('acme', 'admin');
    for (const op of ['EQ', 'NEQ', 'CONTAINS', 'GT']) {
      for (const payload of PAYLOADS) {
        const filters = [{ field: 'user_id', op, value: payload }];
        const res = await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }], filters } } }, token);
        expect(res.errors, `${op} ${payload}`).toBeUndefined();
        if (op === 'EQ' || op === 'CONTAINS') expect(res.data!.previewReport.rows, `${op} ${payload}`).toEqual([]);
      }
    }
    const inList = await app.gql(PREVIEW, { input: { definition: { source: 'usage_events', dimensions: [{ field: 'user_id' }], filters: [{ field: 'user_id', op: 'IN', values: PAYLOADS }] } } }, token);
    expect(inList.data!.previewReport.rows).toEqual([]);
  });

  it('names, descriptions, tags and schedule names are stored and returned verbatim', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const name = `${payload} #${i}`;
      const r = await app.gql(CREATE_REPORT, { input: { name, description: payload, tags: [`t${i}${payload}`.slice(0, 50)], definition: COUNT_ONLY } }, editor);
      expect(r.errors, name).toBeUndefined();
      expect(r.data!.createReport.name).toBe(name.trim());
      const s = await app.gql(CREATE_SCHEDULE, { i: { reportId, name, cron: '0 9 * * 1', recipients: ['ops@example.com'] } }, editor);
      expect(s.errors, name).toBeUndefined();
      expect(s.data!.createSchedule.name).toBe(name.trim());
    }
    // The tables the payloads name are all still there, with their rows.
    const counts = await rowCounts();
    expect(counts['public.reports']).toBeGreaterThanOrEqual(PAYLOADS.length + 1);
    expect(counts['public.schedules']).toBeGreaterThanOrEqual(PAYLOADS.length + 1);
    expect((await app.runtime.analytics.query(`SELECT count() FROM ${app.runtime.analytics.database}.usage_events`, {})).rows[0]![0]).toBe(3_000);
  });

  it('text holding a NUL, which PostgreSQL cannot store, is refused as input wherever it is, not a 500', async () => {
    const res = await app.gql(CREATE_REPORT, { input: { name: "nul\u0000' OR 1=1", definition: COUNT_ONLY } }, editor);
    expectBadInput(res, 'input.name');
    const filter = await app.gql(PREVIEW, { input: { definition: { ...COUNT_ONLY, filters: [{ field: 'user_id', op: 'EQ', value: 'a\u0000b' }] } } }, editor);
    expectBadInput(filter, 'input.definition.filters.0.value');
  });

  it('aliases, order keys, sources and fields outside the strict identifier pattern are refused', async () => {
    for (const payload of PAYLOADS) {
      const definitions: [Record<string, unknown>, string][] = [
        [{ source: 'usage_events', dimensions: [{ field: 'platform', alias: payload }], measures: [{ fn: 'COUNT' }] }, 'input.definition.dimensions.0.alias'],
        [{ source: 'usage_events', measures: [{ fn: 'COUNT', alias: payload }] }, 'input.definition.measures.0.alias'],
        [{ source: 'usage_events', dimensions: [{ field: 'platform' }], orderBy: [{ key: payload }] }, 'input.definition.orderBy.0.key'],
        [{ source: payload, measures: [{ fn: 'COUNT' }] }, 'input.definition.source'],
        [{ source: 'usage_events', dimensions: [{ field: payload }] }, 'input.definition.dimensions.0.field'],
        [{ source: 'usage_events', measures: [{ fn: 'SUM', field: payload }] }, 'input.definition.measures.0.field'],
        [{ source: 'usage_events', measures: [{ fn: 'COUNT' }], filters: [{ field: payload, op: 'EQ', value: 'x' }] }, 'input.definition.filters.0.field'],
        [{ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { field: payload, last: { n: 1, unit: 'DAY' } } }, 'input.definition.timeRange.field'],
      ];
      for (const [definition, path] of definitions) {
        // `tenant_id` is a real column: refused too (the tenant column is never a report field).
        const res = await app.gql(PREVIEW, { input: { definition } }, editor);
        expectBadInput(res, path);
      }
    }
  });

  it('recipients, ids, export filters and cursors carrying payloads are refused or match nothing', async () => {
    for (const payload of PAYLOADS) {
      const s = await app.gql(CREATE_SCHEDULE, { i: { reportId, name: `Mail ${payload}`, cron: '0 9 * * 1', recipients: [payload] } }, editor);
      expect(errorCode(s)).toBe('BAD_USER_INPUT');
      for (const q of ['query($id: ID!) { report(id: $id) { id } }', 'query($id: ID!) { schedule(id: $id) { id } }', 'query($id: ID!) { export(id: $id) { id } }']) {
        expect(errorCode(await app.gql(q, { id: payload }, admin))).toBe('NOT_FOUND');
      }
      const list = await app.gql('query($r: ID) { exports(filter: { reportId: $r }) { totalCount } }', { r: payload }, admin);
      expect(list.data!.exports.totalCount).toBe(0);
      expectBadInput(await app.gql('query($a: String) { reports(after: $a) { totalCount } }', { a: payload }, admin), 'after');
    }
  });
});

describe('12. tampered cursors and tokens: BAD_USER_INPUT or 404, never 500', () => {
  const json = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const uuid = '7b2d7a3e-5d0c-4b8e-9d7e-0a1b2c3d4e5f';
  const keysetCursors = [
    'garbage', '', '====', json('just a string'), json(null), json([1, 2]), json({ t: '2024-01-01T00:00:00Z' }),
    json({ t: '2024-01-01T00:00:00Z', id: 'not-a-uuid' }), json({ t: '2024-01-01T00:00:00Z', id: "' OR 1=1 --" }),
    json({ t: '-271821-04-20T00:00:00Z', id: uuid }), json({ t: '+275760-09-13T00:00:00Z', id: uuid }), json({ t: 'yesterday', id: uuid }),
    json({ t: 12, id: uuid }), json({ t: '2024-01-01T00:00:00Z', id: 42 }), 'x'.repeat(10_000),
  ];

  it('keyset cursors of reports, schedules, exports and executions', async () => {
    const lists = [
      'query($a: String) { reports(first: 2, after: $a) { totalCount } }',
      'query($a: String) { schedules(first: 2, after: $a) { totalCount } }',
      'query($a: String) { exports(first: 2, after: $a) { totalCount } }',
      `query($a: String) { schedule(id: "${scheduleId}") { executions(first: 2, after: $a) { totalCount } } }`,
    ];
    for (const q of lists) {
      for (const after of keysetCursors) {
        const res = await app.gql(q, { a: after }, admin);
        expect(res.status, `${q} ${after.slice(0, 60)}`).not.toBe(500);
        if (after === '') expect(res.errors).toBeUndefined(); // an empty cursor is no cursor
        else expectBadInput(res, 'after');
      }
    }
  });

  it('audit log cursors', async () => {
    for (const after of ['nope', json({ id: '99999999999999999999999' }), json({ id: '-1' }), json({ id: 5 }), json({ id: "1 OR 1=1" })]) {
      expectBadInput(await app.gql('query($a: String) { auditLog(first: 2, after: $a) { totalCount } }', { a: after }, admin), 'after');
    }
  });

  it('preview cursors', async () => {
    const definition = { source: 'usage_events', dimensions: [{ field: 'user_id' }], rowLimit: 50 };
    const first = await app.gql(PREVIEW, { input: { definition, first: 5 } }, admin);
    const real = JSON.parse(Buffer.from(first.data!.previewReport.pageInfo.endCursor, 'base64url').toString());
    const tampered = [
      'garbage', json({}), json({ ...real, o: -1 }), json({ ...real, o: 1.5 }), json({ ...real, o: 1e300 }), json({ ...real, o: '5' }),
      json({ ...real, a: '-271821-04-20T00:00:00Z' }), json({ ...real, a: '+275760-09-13T00:00:00Z' }), json({ ...real, a: 'now' }),
      json({ ...real, h: 'forged' }), json({ ...real, h: undefined }),
    ];
    for (const after of tampered) expectBadInput(await app.gql(PREVIEW, { input: { definition, after } }, admin), 'input.after');
  });

  it('download tokens: tampered, foreign or malformed links are 404; only a genuine expired one says so (410)', async () => {
    const done = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    const url = new URL(done.final.downloadUrl);
    expect((await fetch(url)).status).toBe(200);
    const token = url.searchParams.get('token')!;
    const secret = app.runtime.downloadSecret;
    const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    const badTokens = [
      flip(token, 5), flip(token, token.length - 3), token + 'x', token.split('.').slice(0, 2).join('.'), `v2.${token.slice(3)}`,
      signDownloadToken(secret, { exportId: uuid, tenantId: 'acme', expiresAt: new Date(Date.now() + 60_000) }),
      signDownloadToken(secret, { exportId: done.id, tenantId: 'globex', expiresAt: new Date(Date.now() + 60_000) }),
      signDownloadToken('another-secret-another-secret-0123456789', { exportId: done.id, tenantId: 'acme', expiresAt: new Date(Date.now() + 60_000) }),
      '', 'x'.repeat(5000), "' OR 1=1 --", '%00', '../../etc/passwd',
    ];
    for (const t of badTokens) {
      const res = await fetch(`${app.url}/exports/${done.id}/download?token=${encodeURIComponent(t)}`);
      expect(res.status, t.slice(0, 40)).toBe(404);
    }
    // Genuine and expired: 410 with a message; the same token for another export is just invalid.
    const expired = signDownloadToken(secret, { exportId: done.id, tenantId: 'acme', expiresAt: new Date(Date.now() - 1_000) });
    const gone = await fetch(`${app.url}/exports/${done.id}/download?token=${encodeURIComponent(expired)}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).not.toMatch(/acme|[0-9a-f]{8}-/);
    expect((await fetch(`${app.url}/exports/${uuid}/download?token=${encodeURIComponent(expired)}`)).status).toBe(404);
    for (const path of [`/exports/${uuid}/download?token=${encodeURIComponent(token)}`, `/exports/not-a-uuid/download?token=${encodeURIComponent(token)}`,
      `/exports/..%2F..%2Fetc%2Fpasswd/download?token=${encodeURIComponent(token)}`, `/exports/${done.id}/download`, `/exports/${done.id}/download?token=a&token=b`]) {
      expect((await fetch(app.url + path)).status, path).toBe(404);
    }
  });

  it('unsubscribe tokens: tampered, forged or naming nothing are 404, a genuine one works', async () => {
    const secret = app.runtime.downloadSecret;
    const genuine = signUnsubscribeToken(secret, scheduleId, 'ops@example.com');
    const bad = [
      'garbage', '', genuine.slice(0, -2), genuine.replace('u1.', 'u2.'), signUnsubscribeToken('x'.repeat(40), scheduleId, 'ops@example.com'),
      signUnsubscribeToken(secret, uuid, 'ops@example.com'), signUnsubscribeToken(secret, "' OR 1=1 --", 'ops@example.com'),
      signUnsubscribeToken(secret, 'not-a-uuid', 'a@b.c'), `u1.${json({ s: scheduleId, e: 'ops@example.com' })}.forged`, 'x'.repeat(3000),
    ];
    for (const t of bad) expect((await fetch(`${app.url}/unsubscribe?token=${encodeURIComponent(t)}`)).status, t.slice(0, 40)).toBe(404);
    expect((await fetch(`${app.url}/unsubscribe?token=a&token=b`)).status).toBe(404);
    expect((await fetch(`${app.url}/unsubscribe?token=${encodeURIComponent(genuine)}`)).status).toBe(200);
  });

  it('malformed request bodies are 400 BAD_USER_INPUT, not an HTML stack trace', async () => {
    for (const body of ['{"query": ', 'null', '[]', '"a string"', '{"query": 5}']) {
      const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body });
      expect(res.status, body).toBe(400);
      const text = await res.text();
      expect(text, body).not.toMatch(/at .*\.(js|ts):\d+|<html/i);
      expect(JSON.parse(text).errors[0].extensions.code, body).toBe('BAD_USER_INPUT');
    }
  });
});
