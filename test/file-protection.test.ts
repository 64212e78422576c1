import 'reflect-metadata';
/**
 * Compressed and password-protected files, and schedule file-name templates, end to end (issue 16):
 * GraphQL in, the worker (the engine CSV path included), storage, the download route and email
 * delivery through the local SendGrid endpoint out. Files are read back by other programs: node:zlib,
 * Python's zipfile (which must refuse an AES entry), @zip.js/zip.js with the password, pdfjs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pythonZipEntries, zipJsEntries } from '../server/src/features/exports/writers/zip.test-kit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, createReport, downloadOk, exportAndFollow, reportIdByName } from './support/exports.js';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { waitFor } from './support/wait.js';
import { pdfText } from './support/pdf-text.js';
import { enqueueExport } from '../server/src/features/exports/export.service.js';
import { ReportEntity } from '../server/src/features/reports/report.entity.js';

const ZIP_PASSWORD = 'Zürich-東京-horse 42';
const PDF_PASSWORD = 'Correct-Horse-Battery 9';
const SCHEDULE_PASSWORD = 'schedule-secret-8x!Q';
const FIELDS = 'id status format fileName fileSize checksum contentType compression passwordProtected downloadUrl rowCount error { code message }';

let recorder: SendGridRecorder;
let app: TestApp;
let editor: string;
let usageId: string;
const dir = mkdtempSync(join(tmpdir(), 'file-protection-'));

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({ seedRows: 30_000, worker: true, env: { SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl, LOG_LEVEL: 'error' } });
  editor = await app.token('acme', 'editor', 'ed@acme');
  usageId = await reportIdByName(app, editor, 'Usage Summary');
}, 180_000);
afterAll(async () => {
  await app?.close();
  await recorder?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(input: Record<string, unknown>): Promise<any> {
  const { final } = await exportAndFollow(app, editor, input, 90_000);
  expect(final.error).toBeNull();
  expect(final.status).toBe('COMPLETED');
  const read = await app.gql(`query($id: ID!) { export(id: $id) { ${FIELDS} } }`, { id: final.id }, editor);
  return read.data!.export;
}

async function download(record: any): Promise<{ headers: Headers; body: Buffer }> {
  const file = await downloadOk(record.downloadUrl);
  expect(file.body.length).toBe(record.fileSize);
  expect(createHash('sha256').update(file.body).digest('hex')).toBe(record.checksum);
  expect(file.headers.get('content-type')).toBe(record.contentType);
  return file;
}

const pythonZip = pythonZipEntries;
const zipJs = (zip: Buffer, password: string) => zipJsEntries(zip, password);

describe('compressed exports decompress to the uncompressed export, byte for byte', () => {
  let plain: { record: any; body: Buffer };
  let raw: { record: any; body: Buffer };
  let rawId: string;

  beforeAll(async () => {
    const record = await exported({ reportId: usageId, format: 'CSV' });
    plain = { record, body: (await download(record)).body };
    // Raw events: CSV the engine formats (the fast path), many rows.
    rawId = await createReport(app, editor, 'Raw events for compression', {
      source: 'usage_events',
      dimensions: ['timestamp', 'event_id', 'user_id', 'event_type', 'platform', 'country', 'value'].map((field) => ({ field })),
      raw: true,
      timeRange: { rolling: { n: 40, unit: 'DAY' } },
      orderBy: [{ key: 'timestamp', direction: 'ASC' }, { key: 'event_id', direction: 'ASC' }],
      rowLimit: 1_000_000,
    });
    const rawRecord = await exported({ reportId: rawId, format: 'CSV' });
    raw = { record: rawRecord, body: (await download(rawRecord)).body };
    expect(raw.record.rowCount).toBeGreaterThan(10_000);
  }, 180_000);

  it('GZIP: name.csv.gz, application/gzip, gunzips (zlib) to the same bytes', async () => {
    for (const source of [plain, raw]) {
      const record = await exported({ reportId: source === plain ? usageId : rawId, format: 'CSV', options: { compression: 'GZIP' } });
      expect(record).toMatchObject({ compression: 'GZIP', passwordProtected: false, contentType: 'application/gzip' });
      expect(record.fileName.split('_')[0]).toBe(source.record.fileName.split('_')[0]);
      expect(record.fileName).toMatch(/_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv\.gz$/);
      const { headers, body } = await download(record);
      expect(headers.get('content-disposition')).toMatch(/\.csv\.gz"; filename\*=UTF-8''.*\.csv\.gz$/);
      expect(gunzipSync(body).equals(source.body)).toBe(true);
      expect(body.length).toBeLessThan(source.body.length);
    }
  }, 180_000);

  it('ZIP: name.zip holding name.csv (Python zipfile), the same bytes', async () => {
    for (const source of [plain, raw]) {
      const record = await exported({ reportId: source === plain ? usageId : rawId, format: 'CSV', options: { compression: 'ZIP' } });
      expect(record).toMatchObject({ compression: 'ZIP', passwordProtected: false, contentType: 'application/zip' });
      expect(record.fileName).toMatch(/_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.zip$/);
      const { headers, body } = await download(record);
      expect(headers.get('content-disposition')).toMatch(/\.zip"; filename\*=UTF-8''.*\.zip$/);
      const entries = pythonZip(body);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.name).toBe(record.fileName.replace(/\.zip$/, '.csv'));
      expect(Buffer.from(entries[0]!.content!, 'base64').equals(source.body)).toBe(true);
    }
  }, 180_000);
});

describe('password-protected exports', () => {
  it('CSV with a password is an AES-256 ZIP: Python refuses it, zip.js opens it with the password to the plain export', async () => {
    const plain = (await download(await exported({ reportId: usageId, format: 'CSV' }))).body;
    const record = await exported({ reportId: usageId, format: 'CSV', options: { password: ZIP_PASSWORD } });
    expect(record).toMatchObject({ compression: 'ZIP', passwordProtected: true, contentType: 'application/zip' });
    const { body } = await download(record);
    const [py] = pythonZip(body);
    expect(py!.flags & 1).toBe(1);
    expect(py!.error).toMatch(/encrypted, password required/);
    const [entry] = await zipJs(body, ZIP_PASSWORD);
    expect(entry!.name).toBe(record.fileName.replace(/\.zip$/, '.csv'));
    expect(entry!.content.equals(plain)).toBe(true);
    await expect(zipJs(body, 'not the password')).rejects.toThrow(/password/i);

    // Nowhere in clear: not in the export row, its options, the audit log, nor the API.
    const conn = app.runtime.orm.em.getConnection();
    const [row] = await conn.execute(`SELECT to_jsonb(x) AS row FROM exports x WHERE id = ?`, [record.id]);
    expect(JSON.stringify(row)).not.toContain(ZIP_PASSWORD);
    const audit = await conn.execute(`SELECT details::text AS d FROM audit_log WHERE target_id = ?`, [record.id]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(ZIP_PASSWORD);
    expect(audit.map((a: any) => JSON.parse(a.d))).toContainEqual(expect.objectContaining({ compression: 'ZIP', passwordProtected: true }));
    // Its job is done and gone, and the sealed password with it.
    const jobs = await conn.execute(`SELECT payload::text AS p FROM graphile_worker._private_jobs WHERE key = ?`, [`export:${record.id}`]);
    expect(jobs).toEqual([]);
  }, 120_000);

  it('while queued, the password is in the job payload only, sealed for that export', async () => {
    const report = await app.runtime.orm.em.fork().findOneOrFail(ReportEntity, { id: usageId });
    const seen: { payload: any; row: string }[] = [];
    await app.runtime.orm.em.fork().transactional(async (tx) => {
      const record = await enqueueExport(tx, {
        tenantId: 'acme', initiatedBy: 'ed@acme', reportId: usageId, reportName: report.name, definition: report.definition as any, format: 'CSV', options: {},
        triggeredBy: 'API', asOf: new Date(), timeZone: 'UTC', locale: 'en-US', priority: 0, passwordProtected: true, maskRole: 'admin',
        sealPassword: (id) => app.runtime.secrets.seal(ZIP_PASSWORD, `export:${id}`),
      }, 1);
      const ctx = tx.getTransactionContext();
      const [job] = await tx.getConnection().execute(`SELECT payload FROM graphile_worker._private_jobs WHERE key = ?`, [`export:${record.id}`], 'all', ctx);
      const [row] = await tx.getConnection().execute(`SELECT to_jsonb(x)::text AS row FROM exports x WHERE id = ?`, [record.id], 'all', ctx);
      seen.push({ payload: { ...job!.payload, id: record.id }, row: row!.row });
      throw new Error('roll back: nothing of this test stays queued');
    }).catch((error: Error) => { if (!/roll back/.test(error.message)) throw error; });
    const [{ payload, row }] = seen as [typeof seen[0]];
    expect(payload.password).toMatch(/^v1\./);
    expect(JSON.stringify(payload)).not.toContain(ZIP_PASSWORD);
    expect(app.runtime.secrets.open(payload.password, `export:${payload.id}`)).toBe(ZIP_PASSWORD);
    expect(() => app.runtime.secrets.open(payload.password, 'export:another')).toThrow();
    expect(row).not.toContain(ZIP_PASSWORD);
    expect(row).not.toContain(payload.password);
    expect(JSON.parse(row)).toMatchObject({ password_protected: true, compression: 'ZIP' });
  });

  it('PDF with a password is AES-256 encrypted by pdfkit: pdfjs needs the password', async () => {
    const record = await exported({ reportId: usageId, format: 'PDF', options: { password: PDF_PASSWORD } });
    expect(record).toMatchObject({ compression: null, passwordProtected: true, contentType: 'application/pdf' });
    expect(record.fileName).toMatch(/\.pdf$/);
    const { body } = await download(record);
    await expect(pdfText(body)).rejects.toMatchObject({ name: 'PasswordException' });
    expect(await pdfText(body, { password: PDF_PASSWORD })).toContain('Usage Summary');
  }, 120_000);

  it('a protected on-demand export cannot be retried: its password was not kept', async () => {
    const created = await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV', options: { password: ZIP_PASSWORD } } }, editor);
    const id = created.data!.createExport.id;
    await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id }, editor);
    const retried = await app.gql('mutation($id: ID!) { retryExport(id: $id) { id } }', { id }, editor);
    expect(errorCode(retried)).toBe('BAD_USER_INPUT');
    expect(retried.errors![0]!.message).toMatch(/password is not kept/);
  });

  it.each([
    [{ format: 'CSV', options: { password: 'short' } }, 'input.options.password', /at least 8/],
    [{ format: 'CSV', options: { password: ZIP_PASSWORD, compression: 'GZIP' } }, 'input.options.compression', /gzip has no password protection/],
    [{ format: 'PDF', options: { password: 'Zürich-東京-horse' } }, 'input.options.password', /printable ASCII/],
    [{ format: 'PDF', options: { password: 'x'.repeat(33) } }, 'input.options.password', /at most 32/],
  ])('refuses %j with BAD_USER_INPUT naming the field, without echoing the password', async (input, path, message) => {
    const res = await app.gql(CREATE_EXPORT, { input: { reportId: usageId, ...input } }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const error = res.errors![0]! as any;
    const fields = error.extensions.fieldErrors ?? error.extensions.errors ?? [];
    expect(JSON.stringify(fields)).toContain(path);
    expect(JSON.stringify(res.errors)).toMatch(message);
    expect(JSON.stringify(res.errors)).not.toContain((input.options as any).password);
  });
});

describe('schedules: compression, a password, a file-name template', () => {
  const SCHEDULE_FIELDS = 'id format compression passwordProtected fileNameTemplate';

  it('never returns the password; stores it sealed; refuses unknown template tokens naming them', async () => {
    const reportId = await createReport(app, editor, 'Platform split', {
      source: 'usage_events',
      dimensions: [{ field: 'event_type' }],
      measures: [{ fn: 'COUNT', alias: 'events' }],
      filters: [{ field: 'platform', op: 'IN', values: ['web', 'ios'] }],
      timeRange: { rolling: { n: 40, unit: 'DAY' } },
      rowLimit: 1000,
    });
    const bad = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`,
      { i: { reportId, name: 'Bad template', cron: '0 9 * * 1', format: 'CSV', recipients: ['a@example.com'], fileNameTemplate: '{report}_{date}' } }, editor);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('input.fileNameTemplate');
    expect(bad.errors![0]!.message).toMatch(/unknown token \{date\}/);
    const badParam = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`,
      { i: { reportId, name: 'Bad param', cron: '0 9 * * 1', format: 'CSV', recipients: ['a@example.com'], fileNameTemplate: '{param:country}' } }, editor);
    expect(errorCode(badParam)).toBe('BAD_USER_INPUT');
    expect(badParam.errors![0]!.message).toMatch(/\{param:country\}: the report has no filter on "country"/);

    const created = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${SCHEDULE_FIELDS} } }`, {
      i: {
        reportId, name: 'Protected weekly', cron: '0 9 * * 1', timezone: 'Asia/Tokyo', format: 'CSV', recipients: ['boss@example.com', 'cfo@example.com'],
        emailConfig: { attachment: 'ATTACH' }, password: SCHEDULE_PASSWORD, fileNameTemplate: "{report} {param:platform} {run_at:yyyy-MM-dd_HH'h'mm}",
      },
    }, editor);
    expect(created.errors).toBeUndefined();
    const schedule = created.data!.createSchedule;
    expect(schedule).toMatchObject({ format: 'CSV', compression: null, passwordProtected: true, fileNameTemplate: "{report} {param:platform} {run_at:yyyy-MM-dd_HH'h'mm}" });

    // No field of the API can hold it: the Schedule type has none named like a password but the flag
    // (the webhook signing secret is another secret, shown once by design: see webhooks' tests).
    const type = await app.gql(`{ __type(name: "Schedule") { fields { name } } }`, {}, editor);
    const names: string[] = type.data!.__type.fields.map((f: any) => f.name);
    expect(names.filter((n) => /passw|cipher/i.test(n))).toEqual(['passwordProtected']);
    expect(names.filter((n) => /secret/i.test(n)).sort()).toEqual(['hasWebhookSecret', 'webhookSecret']);
    const read = await app.gql(`query($id: ID!) { schedule(id: $id) { ${SCHEDULE_FIELDS} name recipients emailConfig { subject } } schedules { edges { node { ${SCHEDULE_FIELDS} } } } }`, { id: schedule.id }, editor);
    expect(JSON.stringify(read)).not.toContain(SCHEDULE_PASSWORD);

    const conn = app.runtime.orm.em.getConnection();
    const [stored] = await conn.execute<{ password_ciphertext: string }[]>('SELECT password_ciphertext FROM schedules WHERE id = ?', [schedule.id]);
    expect(stored!.password_ciphertext).toMatch(/^v1\./);
    expect(stored!.password_ciphertext).not.toContain(SCHEDULE_PASSWORD);
    expect(app.runtime.secrets.open(stored!.password_ciphertext, `schedule:${schedule.id}`)).toBe(SCHEDULE_PASSWORD);

    // GZIP cannot carry the password: refused, naming compression.
    const gz = await app.gql(`mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }`, { id: schedule.id, i: { compression: 'GZIP' } }, editor);
    expect(errorCode(gz)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(gz.errors)).toContain('input.compression');

    // A run: the email attaches `<template>.zip`, says the file is protected, and carries no password.
    const before = recorder.requests.length;
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: schedule.id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const status = await waitFor(async () => {
      const [row] = await conn.execute(`SELECT status FROM schedule_executions WHERE id = ?`, [executionId]);
      return row && row.status !== 'RUNNING' ? row.status : undefined;
    }, 120_000);
    expect(status).toBe('DELIVERED');
    const requests = recorder.requests.slice(before);
    expect(requests).toHaveLength(2);
    const [exp] = await conn.execute<{ file_name: string; compression: string; password_protected: boolean }[]>(
      `SELECT x.file_name, x.compression, x.password_protected FROM exports x JOIN schedule_executions e ON e.export_id = x.id WHERE e.id = ?`, [executionId]);
    expect(exp!.file_name).toMatch(/^Platform split web\+ios \d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.zip$/);
    expect(exp!.password_protected).toBe(true);
    for (const request of requests) {
      expect(request.status).toBe(202);
      expect(request.rawBody).not.toContain(SCHEDULE_PASSWORD);
      expect(request.rawBody).not.toContain(Buffer.from(SCHEDULE_PASSWORD).toString('base64'));
      const body = request.body as any;
      // The file is the one attachment that is not inline (an inline chart image may come with it).
      const files = body.attachments.filter((a: any) => a.disposition !== 'inline');
      expect(files).toHaveLength(1);
      expect(files[0].filename).toBe(exp!.file_name);
      expect(files[0].type).toBe('application/zip');
      const text = body.content.find((c: any) => c.type === 'text/plain').value as string;
      expect(text).toContain('protected with the password agreed with the sender');
      // Nothing of the protected rows in clear beside it: no chart image of them in the body.
      expect(body.attachments.filter((a: any) => a.disposition === 'inline')).toEqual([]);
      const zip = Buffer.from(files[0].content, 'base64');
      expect(pythonZip(zip)[0]!.error).toMatch(/encrypted, password required/);
      const [entry] = await zipJs(zip, SCHEDULE_PASSWORD);
      expect(entry!.name).toBe(exp!.file_name.replace(/\.zip$/, '.csv'));
      expect(entry!.content.toString('utf8').split('\r\n')[0]).toBe('event_type,events');
    }

    // Removing the password: the flag follows, the ciphertext is gone.
    const removed = await app.gql(`mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { ${SCHEDULE_FIELDS} } }`,
      { id: schedule.id, i: { removePassword: true, compression: 'GZIP' } }, editor);
    expect(removed.data!.updateSchedule).toMatchObject({ passwordProtected: false, compression: 'GZIP' });
    const [after] = await conn.execute<{ password_ciphertext: string | null }[]>('SELECT password_ciphertext FROM schedules WHERE id = ?', [schedule.id]);
    expect(after!.password_ciphertext).toBeNull();
  }, 180_000);

  it('a stored password that a PDF cannot take stops a change of format to PDF, naming format', async () => {
    const created = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${SCHEDULE_FIELDS} } }`, {
      i: { reportId: usageId, name: 'CSV with a Unicode password', cron: '0 9 * * 1', format: 'CSV', recipients: ['a@example.com'], password: ZIP_PASSWORD },
    }, editor);
    const id = created.data!.createSchedule.id;
    const toPdf = await app.gql(`mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }`, { id, i: { format: 'PDF' } }, editor);
    expect(errorCode(toPdf)).toBe('BAD_USER_INPUT');
    expect((toPdf.errors![0] as any).extensions.field).toBe('input.format');
    expect(toPdf.errors![0]!.message).toMatch(/the schedule's password cannot protect a PDF .*printable ASCII.*give a new password/);
    expect(JSON.stringify(toPdf)).not.toContain(ZIP_PASSWORD);
    // With a new password a PDF can take, the change goes through.
    const withNew = await app.gql(`mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { ${SCHEDULE_FIELDS} } }`, { id, i: { format: 'PDF', password: PDF_PASSWORD } }, editor);
    expect(withNew.data!.updateSchedule).toMatchObject({ format: 'PDF', passwordProtected: true });
  });
});
